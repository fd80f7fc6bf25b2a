"""Headings and fixed phrases of the minutes, in plain words, shared by every renderer."""

from __future__ import annotations

from typing import Any

HEADINGS = {
    "attendance": "Who was there",
    "statements": "Danger statements and safety goals",
    "scaling": "Where are we? Scaling from 0 to 10",
    "decision": "The decision",
    "plan": "The plan",
    "record": "Record of every change",
    "access": "Access record (joins, admissions, removals, exports)",
    "plain_language": "Plain-language check",
}
NOT_REVEALED = "The scores for this round were not revealed."
NO_ITEMS = "Nothing was added here."
CHILD_WORDS = "In the child's own words"


def meta_lines(model: dict[str, Any]) -> list[tuple[str, str]]:
    c = model["conference"]
    time = (
        f"{c['started_at']} to {c['ended_at']}"
        if c["ended_at"]
        else f"Started {c['started_at']}; not ended when these minutes were made"
    )
    return [
        ("Meeting", c["kind_label"]),
        ("Date", c["date_label"]),
        ("Time", time),
        ("Chair", c["chair"]),
        ("Copy", "Full record" if model["copy"] == "full" else "Family copy"),
    ]


def attendance_label(person: dict[str, Any]) -> str:
    if person["attendance"] == "apologies":
        return "Apologies"
    status = "Present" if person["device"] else "Present (no phone)"
    if person["removed"]:
        status += ", left early"
    return status


def item_author(item: dict[str, Any]) -> str:
    return f"{item['author']} ({item['author_role']})" if item["author_role"] else item["author"]


def item_extras(item: dict[str, Any]) -> str:
    bits = []
    if item["owner"]:
        bits.append(f"who: {item['owner']}")
    if item["due"]:
        bits.append(f"by: {item['due']}")
    if item["source"]:
        bits.append(f"from: {item['source']}")
    if item["private"]:
        bits.append(PRIVATE_NOTE.strip(" ()"))
    return "; ".join(bits)


def summary_line(summary: dict[str, Any]) -> str:
    if not summary["n"]:
        return "Nobody scored."
    return (
        f"{summary['n']} scores. Lowest {summary['lowest']}, highest {summary['highest']}, "
        f"middle (median) {summary['median']}."
    )


def decision_lines(d: dict[str, Any]) -> list[tuple[str, str]]:
    out = [("Outcome", d["outcome_label"] or "Not recorded")]
    if d["category_labels"]:
        out.append(("Category", ", ".join(d["category_labels"])))
    if d["text"]:
        out.append(("What was decided", d["text"]))
    if d["dissent"]:
        out.append(("Who disagreed", d["dissent"]))
    out.append(("Next meeting", d["next_meeting"] or "Not set"))
    return out


PRIVATE_NOTE = " (said in the closed session)"


def private_note(thing: dict[str, Any]) -> str:
    return PRIVATE_NOTE if thing.get("private") else ""
