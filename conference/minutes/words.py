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
    approved = c.get("approved")
    return [
        ("Meeting", c["kind_label"]),
        ("Date", c["date_label"]),
        ("Time", time),
        ("Chair", c["chair"]),
        ("Copy", "Full record" if model["copy"] == "full" else "Family copy"),
        (
            "Minutes",
            f"Approved by {approved['by']} on {long_date(approved['at'])}"
            if approved
            else "Not yet approved by the chair",
        ),
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
        bits.append(f"by {long_date(item['due'])}")
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
        f"middle score {summary['median']}."
    )


def decision_lines(d: dict[str, Any]) -> list[tuple[str, str]]:
    out = [("Outcome", d["outcome_label"] or "Not recorded")]
    if d["category_labels"]:
        out.append(("Category", ", ".join(d["category_labels"])))
    if d["text"]:
        out.append(("What was decided", d["text"]))
    if d["dissent"]:
        out.append(("Who disagreed", d["dissent"]))
    out.append(("Next meeting", long_date(d["next_meeting"]) or "Not set"))
    return out


PRIVATE_NOTE = " (said in the closed session)"


def private_note(thing: dict[str, Any]) -> str:
    return PRIVATE_NOTE if thing.get("private") else ""


# --- the case over time (step 9): sections every renderer draws the same way -----------
# A section is {"heading", "level" (1 or 2), "lines": [(bold lead, text)], "tables":
# [{"headers", "rows", "widths"}]}; `sections(model, place)` gives those due at one place.

HEADINGS.update(
    children="The children and their safety network",
    children_words="What the children told us",
    since_last="Since the last conference",
    trends="Scores over time",
    per_child="The decision for each child",
)


def long_date(iso: str | None) -> str:
    """2026-12-12 → Saturday 12 December 2026 (no ISO dates for people to decode)."""
    import datetime as dt

    if not iso:
        return ""
    day = dt.date.fromisoformat(iso)
    return f"{day:%A} {day.day} {day:%B %Y}"


def _children_section(m: dict[str, Any]) -> list[dict[str, Any]]:
    if not m.get("children") and not m.get("network"):
        return []
    names = "; ".join(c["name"] + (f", {c['age']}" if c["age"] is not None else "") for c in m["children"])
    tables = []
    if m.get("network"):
        tables.append(
            {
                "headers": ["Who", "What they do"],
                "rows": [[n["name"], n["does"]] for n in m["network"]],
                "widths": (30, 70),
            }
        )
    return [
        {
            "heading": HEADINGS["children"],
            "level": 1,
            "lines": [("Children: ", names or "Not named")]
            + ([] if tables else [("Safety network: ", "Not named yet")]),
            "tables": tables,
        }
    ]


def _children_words_section(m: dict[str, Any]) -> list[dict[str, Any]]:
    words = m.get("children_words") or []
    if not words:
        return []
    return [
        {
            "heading": HEADINGS["children_words"],
            "level": 1,
            "lines": [],
            "tables": [
                {
                    "headers": ["Who said it, and how we heard it", "What they said", "Where it went"],
                    "rows": [[w["credit"], f"“{w['text']}”", w["column"]] for w in words],
                    "widths": (30, 50, 20),
                }
            ],
        }
    ]


def _since_last_section(m: dict[str, Any]) -> list[dict[str, Any]]:
    since = m.get("since_last")
    if not since:
        return []
    tables = []
    if since["statements"]:
        tables.append(
            {
                "headers": ["Danger statement", "Since last time", "Why"],
                "rows": [
                    [
                        s["sentence"] + private_note(s) + (f" (It was: {s['was']})" if s["was"] else ""),
                        s["status_label"],
                        s["reason"] or "",
                    ]
                    for s in since["statements"]
                ],
                "widths": (55, 18, 27),
            }
        )
    if since["actions"]:
        tables.append(
            {
                "headers": ["Action from last time", "Who", "Since last time", "Note"],
                "rows": [
                    [a["action"], a["who"] or "", a["status_label"], a["note"] or ""]
                    for a in since["actions"]
                ],
                "widths": (40, 15, 18, 27),
            }
        )
    return [
        {
            "heading": HEADINGS["since_last"],
            "level": 1,
            "lines": [("Last conference: ", f"{since['kind_label']}, {long_date(since['date'])}")],
            "tables": tables,
        }
    ]


def _trends_section(m: dict[str, Any]) -> list[dict[str, Any]]:
    trends = m.get("trends") or {"conferences": []}
    chain = trends["conferences"]
    if len(chain) < 2:
        return []  # one conference: the scaling section already says it all
    rows = []
    for label, points in [("The whole situation", trends["overall"])] + [
        (t["sentence"], t["points"]) for t in trends["statements"]
    ]:
        if any(p["middle"] is not None for p in points):
            rows.append([label] + ["–" if p["middle"] is None else str(p["middle"]) for p in points])
    headers = ["Middle score"] + [long_date(c["date"]) for c in chain]
    return [
        {
            "heading": HEADINGS["trends"],
            "level": 1,
            "lines": [("", "The middle score at each conference, 0 to 10 (– where nobody scored it).")],
            "tables": [
                {"headers": headers, "rows": rows, "widths": (40,) + (60 // len(chain),) * len(chain)}
            ],
        }
    ]


def _decision_section(m: dict[str, Any]) -> list[dict[str, Any]]:
    d = m.get("decision")
    if not d:
        return []
    out = []
    if d.get("per_child"):
        out.append(
            {
                "heading": HEADINGS["per_child"],
                "level": 2,
                "lines": [],
                "tables": [
                    {
                        "headers": ["Child", "Outcome", "Category", "Who disagreed"],
                        "rows": [
                            [
                                c["child"] + (f", {c['age']}" if c.get("age") is not None else ""),
                                c["outcome_label"] or "Not recorded",
                                ", ".join(c["category_labels"]),
                                c["dissent"] or "",
                            ]
                            for c in d["per_child"]
                        ],
                        "widths": (20, 25, 20, 35),
                    }
                ],
            }
        )
    lines = []
    if d.get("lead_social_worker"):
        lines.append(("Lead social worker: ", d["lead_social_worker"]))
    if d.get("first_core_group"):
        lines.append(("First core group: ", long_date(d["first_core_group"])))
    if lines and d.get("core_group"):
        lines.append(("Core group: ", ", ".join(d["core_group"])))
    tables = []
    if d.get("agencies"):
        yes_no = {True: "Yes", False: "No", None: "Not said"}
        tables.append(
            {
                "headers": ["Agency", "Plan needed?", "Why"],
                "rows": [[a["agency"], yes_no[a["plan"]], a["why"] or ""] for a in d["agencies"]],
                "widths": (25, 15, 60),
            }
        )
    if lines or tables:
        out.append(
            {"heading": "Each agency's view and the core group", "level": 2, "lines": lines, "tables": tables}
        )
    return out


PLACES = {
    "after_attendance": _children_section,
    "after_columns": _children_words_section,
    "before_statements": _since_last_section,
    "after_scaling": _trends_section,
    "after_decision": _decision_section,
}


def sections(m: dict[str, Any], place: str) -> list[dict[str, Any]]:
    return PLACES[place](m)


def plan_row(a: dict[str, Any]) -> list[str]:
    """Action (with the goal it serves), who, and by when in words."""
    return [plan_action(a), a["who"] or "", long_date(a["by_when"])]


def plan_action(a: dict[str, Any]) -> str:
    """The action as the plan table shows it, with the safety goal it serves."""
    return a["action"] + (f" (for the safety goal: {a['serves']})" if a.get("serves") else "")


HEADINGS.update(summary="In short: what was decided and what happens next")


def _summary_section(m: dict[str, Any]) -> list[dict[str, Any]]:
    """The family copy's first page: the decision, the worries and goals, what happens
    next, the next meeting, who to contact and how to disagree."""
    if m["copy"] != "family":
        return []
    d = m.get("decision") or {}
    lines: list[tuple[str, str]] = []
    per_child = d.get("per_child") or []
    if per_child:
        for c in per_child:
            who = c["child"] + (f", {c['age']}" if c.get("age") is not None else "")
            cats = f" ({', '.join(c['category_labels'])})" if c["category_labels"] else ""
            lines.append((f"{who}: ", (c["outcome_label"] or "Not decided") + cats))
    else:
        lines.append(("What was decided: ", d.get("outcome_label") or "No decision was recorded."))
    if d.get("text"):
        lines.append(("Why: ", d["text"]))
    for n, st in enumerate(m["statements"], 1):
        lines.append((f"Worry {n}: ", st["sentence"]))
        if st["safety_goal"]:
            lines.append(("What safety will look like: ", st["safety_goal"]))
    lines.append(("Next meeting: ", long_date(d.get("next_meeting")) or "Not set yet"))
    contact = [f"{m['conference']['chair']} (the chair)"]
    if d.get("lead_social_worker"):
        contact.insert(0, f"{d['lead_social_worker']} (your lead social worker)")
    lines.append(("Who to contact: ", " or ".join(contact)))
    lines.append(("If you disagree or want an advocate: ", m.get("how_to_disagree") or ""))
    tables = []
    if m["plan"]:
        tables.append(
            {
                "headers": ["What will happen", "Who", "By when"],
                "rows": [plan_row(a) for a in m["plan"]],
                "widths": (50, 22, 28),
            }
        )
    return [
        {"heading": HEADINGS["summary"], "level": 1, "lines": lines, "tables": tables, "page_break": True}
    ]


PLACES["summary"] = _summary_section


def statements_heading(m: dict[str, Any]) -> str:
    """'Danger statements and safety goals', or 'Worry statements …' for an early-help meeting."""
    return f"{m['conference'].get('statement_label') or 'Danger statement'}s and safety goals"
