"""Headings and fixed phrases of the minutes, in plain words, shared by every renderer."""

from __future__ import annotations

from typing import Any

from ..domain import vocabulary as v
from ..domain.errors import N_
from .language import _, long_date, ngettext, number, pgettext

HEADINGS = {
    "attendance": N_("Who was there"),
    "scaling": N_("Where are we? Scaling from 0 to 10"),
    "decision": N_("The decision"),
    "plan": N_("The plan"),
    # the full copy's own sections: it stays in the council's language
    "record": "Record of every change",
    "access": "Access record (joins, admissions, removals, exports)",
    "plain_language": "Plain-language check",
    # the case over time: the sections in sections.py
    "children": N_("The children and their safety network"),
    "children_words": N_("What the children told us"),
    "since_last": N_("Since the last conference"),
    "trends": N_("Scores over time"),
    "per_child": N_("The decision for each child"),
    "agencies": N_("Each agency's view and the core group"),
    "summary": N_("In short: what was decided and what happens next"),
    "reports": N_("Reports before the conference"),
    "corrections": N_("Corrections asked for after the meeting"),
    # the family copy's last section: the quorum in plain words
    "quorum": N_("Could the meeting make decisions?"),
}

# what the chair answered to a request for a correction (minutes JSON `status`)
CORRECTION_STATUS = {
    "requested": N_("Not answered yet"),
    "accepted": N_("Accepted"),
    "declined": N_("Declined"),
}


def heading(key: str) -> str:
    return _(HEADINGS[key])


# the phrases every renderer draws the same way, in one place
SAY = {
    "not_revealed": N_("The scores for this round were not revealed."),
    "no_items": N_("Nothing was added here."),
    "child_words": N_("in the child's own words"),
    "no_statements": N_("No danger statements were written."),
    "danger_statement": N_("Danger statement: "),
    "safety_goal": N_("Safety goal: "),
    "not_written": N_("Not written yet"),
    "no_rounds": N_("No scaling rounds."),
    "about": N_("About: "),
    "low_means": N_("0 means: "),
    "high_means": N_("10 means: "),
    "no_decision": N_("No decision was recorded."),
    "page": N_("Page {n} of {total}"),
    "minutes": N_("minutes"),
}


def family_wording(r: dict[str, Any]) -> str:
    """'The family's phones asked: “How are things at home?” (0: …; 10: …)', or ''."""
    f = r.get("family_wording")
    if not f:
        return ""
    return _(
        "The family's phones asked: “{question}” (0: {low}; 10: {high})",
        question=f["question"],
        low=f["low_label"],
        high=f["high_label"],
    )


def quoted(text: str) -> str:
    """Someone's own words in the copy's quotation marks: “…” in English and Welsh, „…” in
    Polish, «…» in Arabic (the catalogue's "“{text}”", which the screens use too)."""
    return _("“{text}”", text=text)


def say(key: str, **values: Any) -> str:
    return _(SAY[key], **values)


def headers(table: str) -> list[str]:
    """A table's column headings, in the copy's language."""
    return [_(h) for h in TABLES[table]]


TABLES = {
    "attendance": (N_("Name"), N_("Role"), N_("Attendance"), N_("Joined")),
    "scores": (N_("Name"), N_("Role"), N_("Score"), N_("Why")),
    "plan": (N_("Action"), N_("Who"), N_("By when")),
    "record": ("Time", "Who", "What"),
    "access": ("When", "Who", "What"),
}


def meta_lines(model: dict[str, Any]) -> list[tuple[str, str]]:
    c = model["conference"]
    time = (
        _("{start} to {end}", start=c["started_at"], end=c["ended_at"])
        if c["ended_at"]
        else _("Started {start}; not ended when these minutes were made", start=c["started_at"])
    )
    approved = c.get("approved")
    return [
        (_("Meeting"), c["kind_label"]),
        (_("Date"), c["date_label"]),
        (_("Time"), time),
        (_("Chair"), c["chair"]),
        (
            pgettext("which copy of the minutes", "Copy"),
            _("Full record") if model["copy"] == "full" else _("Family copy"),
        ),
        (
            _("Minutes"),
            _("Approved by {who} on {date}", who=approved["by"], date=long_date(approved["at"]))
            if approved
            else _("Not yet approved by the chair"),
        ),
        # the quorum is the professionals' record: the family copy says it at its end, in
        # plain words (family_quorum_lines), never as the first thing a parent reads
        *([] if model["copy"] == "family" else quorum_line(model)),
    ]


def quorum_line(model: dict[str, Any]) -> list[tuple[str, str]]:
    """Whether enough agencies were there, for a kind of meeting that names its quorum (the
    full copy's meeting details)."""
    q = model.get("quorum")
    if not q:
        return []
    agencies = ", ".join(q["agency_labels"]) or _("none")
    count = len(q["agencies"])
    if q["met"]:
        there = ngettext(
            "Quorate: {n} agency was there besides the family ({agencies})",
            "Quorate: {n} agencies were there besides the family ({agencies})",
            count,
            agencies=agencies,
        )
    else:
        there = ngettext(
            "Not quorate: only {n} agency was there besides the family ({agencies})",
            "Not quorate: only {n} agencies were there besides the family ({agencies})",
            count,
            agencies=agencies,
        )
    needed = ngettext("{n} agency is needed", "{n} agencies are needed", q["needed"])
    # the two halves joined in the copy's own way (Arabic's semicolon is ؛)
    said = _("{there}; {needed}", there=there, needed=needed)
    return [(_("Quorum"), said)]


def family_quorum_lines(model: dict[str, Any]) -> list[tuple[str, str]]:
    """The quorum as the family copy says it, at its end: whether enough agencies were
    there for the meeting to make decisions, in plain words, and which came."""
    q = model.get("quorum")
    if not q:
        return []
    agencies = ", ".join(q["agency_labels"]) or _("none")
    if q["met"]:
        said = _("Enough agencies were there for the meeting to make decisions.")
    else:
        said = _(
            "Not enough agencies were there for the meeting to make decisions on its own. "
            "Ask your social worker what this means for the decision."
        )
    return [("", said), (_("Agencies there besides the family: "), agencies)]


def attendance_label(person: dict[str, Any]) -> str:
    if person["attendance"] == "apologies":
        return _("Apologies")
    # invited before the meeting, never joined it (minutes JSON attendance, state.attendance)
    if person["attendance"] == "report_only":
        return _("Apologies, report received")
    if person["attendance"] == "absent":
        return _("Not there, no report received")
    if person["removed"]:
        return _("Present, left early") if person["device"] else _("Present (no phone), left early")
    return _("Present") if person["device"] else _("Present (no phone)")


def item_author(item: dict[str, Any]) -> str:
    return f"{item['author']} ({item['author_role']})" if item["author_role"] else item["author"]


def item_responses(item: dict[str, Any]) -> list[str]:
    """Each answer to an item, as the minutes write it beside the item."""
    return [
        _("{name} answered: “{text}”", name=r["name"], text=r["text"]) for r in item.get("responses") or []
    ]


def item_extras(item: dict[str, Any]) -> str:
    bits = []
    if item["owner"]:
        bits.append(_("who: {who}", who=item["owner"]))
    if item["due"]:
        bits.append(_("by {date}", date=long_date(item["due"])))
    if item["source"]:
        bits.append(_("from: {source}", source=item["source"]))
    if item.get("kept_before_meeting"):
        bits.append(_(KEPT_BEFORE_MEETING))
    elif item["private"]:
        bits.append(_(PRIVATE))
    return "; ".join(bits)


def summary_line(summary: dict[str, Any]) -> str:
    if not summary["n"]:
        return _("Nobody scored.")
    return ngettext(
        "{n} score. Lowest {lowest}, highest {highest}, middle score {median}.",
        "{n} scores. Lowest {lowest}, highest {highest}, middle score {median}.",
        summary["n"],
        lowest=number(summary["lowest"]),
        highest=number(summary["highest"]),
        median=number(summary["median"]),
    )


def decision_lines(d: dict[str, Any]) -> list[tuple[str, str]]:
    out = [(_("Outcome"), d["outcome_label"] or _("Not recorded"))]
    if d["category_labels"]:
        out.append((_("Category"), ", ".join(d["category_labels"])))
    if d["text"]:
        out.append((_("What was decided"), d["text"]))
    if d["dissent"]:
        out.append((_("Who disagreed"), d["dissent"]))
    out.append((_("Next meeting"), next_meeting(d) or _("Not set")))
    return out


def next_meeting(d: dict[str, Any]) -> str:
    """When and where the family next meets: "Friday 26 February 2027 at 10:00, Ty Hywel"
    (static/js/sentences.js nextMeetingWords says the same on the screens)."""
    if not d.get("next_meeting"):
        return ""
    when = long_date(d["next_meeting"])
    if d.get("next_meeting_time"):
        when = _("{date} at {time}", date=when, time=d["next_meeting_time"])
    if d.get("next_meeting_place"):
        when = _("{when}, {place}", when=when, place=d["next_meeting_place"])
    return when


PRIVATE = N_("said in the closed session")
KEPT_BEFORE_MEETING = N_("kept from the family before the meeting")


def private_note(thing: dict[str, Any]) -> str:
    return f" ({_(PRIVATE)})" if thing.get("private") else ""


def goal_numbers(m: dict[str, Any]) -> dict[str, int]:
    """Each safety goal's number: that of the danger statement it pairs with ("Worry 1" in the
    family copy's summary, "1." in the statements), so a plan row can point to its goal in a
    few words instead of saying the whole goal again on every row."""
    numbers: dict[str, int] = {}
    for n, s in enumerate(m.get("statements") or [], 1):
        if s.get("safety_goal"):
            numbers.setdefault(s["safety_goal"], n)
    return numbers


def plan_row(a: dict[str, Any], numbers: dict[str, int] | None = None) -> list[str]:
    """Action (with the goal it serves), who, and by when in words."""
    return [plan_action(a, numbers), a["who"] or "", long_date(a["by_when"])]


def plan_action(a: dict[str, Any], numbers: dict[str, int] | None = None) -> str:
    """The action as the plan table shows it, with the safety goal it serves: its number where
    the copy numbers it (goal_numbers), else the goal in words."""
    goal = a.get("serves")
    if not goal:
        return a["action"]
    if numbers and goal in numbers:
        return a["action"] + " " + _("(safety goal {n})", n=numbers[goal])
    return a["action"] + " " + _("(for the safety goal: {goal})", goal=goal)


def goal_lines(rows: list[dict[str, Any]], numbers: dict[str, int]) -> list[tuple[str, str]]:
    """The numbered safety goals the plan rows point to, each said once, above a table that
    has no statements before it (the decision letter)."""
    served = {numbers[a["serves"]]: a["serves"] for a in rows if a.get("serves") in numbers}
    return [(_("Safety goal {n}: ", n=n), goal) for n, goal in sorted(served.items())]


def statements_heading(m: dict[str, Any]) -> str:
    """'Danger statements and safety goals', or 'Worry statements …' for an early-help
    meeting: the kind's own heading, in the catalogue through the vocabulary."""
    return _(v.statements_heading(m["conference"].get("statement_label") or "Danger statement"))
