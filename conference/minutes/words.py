"""Headings and fixed phrases of the minutes, in plain words, shared by every renderer."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from babel.dates import format_date

from .. import i18n
from ..domain import vocabulary as v
from ..domain.errors import N_

# The family copy can be made in any of the languages (docs/languages.md); the full copy
# stays in the council's language. Everything here speaks the language set by `speaking`,
# which the service holds around building and rendering one copy. People's words are never
# translated: only what the minutes themselves say.
_LANGUAGE: ContextVar[str] = ContextVar("minutes_language", default=i18n.SOURCE)


@contextmanager
def speaking(tag: str) -> Iterator[None]:
    token = _LANGUAGE.set(tag)
    try:
        yield
    finally:
        _LANGUAGE.reset(token)


def language() -> str:
    return _LANGUAGE.get()


def _(message: str, **values: Any) -> str:
    """The message in the copy's language, with {named} values put in after translating."""
    text = i18n.translations(_LANGUAGE.get()).gettext(message) if message else message
    return text.format(**values) if values else text


def pgettext(context: str, message: str) -> str:
    """A message whose English is ambiguous, told apart by its context ("Copy" the noun)."""
    return str(i18n.translations(_LANGUAGE.get()).pgettext(context, message))


def ngettext(singular: str, plural: str, n: int, **values: Any) -> str:
    text = i18n.translations(_LANGUAGE.get()).ngettext(singular, plural, n)
    return text.format(n=n, **values)


HEADINGS = {
    "attendance": N_("Who was there"),
    "scaling": N_("Where are we? Scaling from 0 to 10"),
    "decision": N_("The decision"),
    "plan": N_("The plan"),
    # the full copy's own sections: it stays in the council's language
    "record": "Record of every change",
    "access": "Access record (joins, admissions, removals, exports)",
    "plain_language": "Plain-language check",
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
        *quorum_line(model),
    ]


def quorum_line(model: dict[str, Any]) -> list[tuple[str, str]]:
    """Whether enough agencies were there, for a kind of meeting that names its quorum."""
    q = model.get("quorum")
    if not q:
        return []
    agencies = ", ".join(q["agency_labels"]) or _("none")
    if q["met"]:
        said = _(
            "Quorate: {count} agencies were there besides the family ({agencies}); {needed} are needed",
            count=len(q["agencies"]),
            agencies=agencies,
            needed=q["needed"],
        )
    else:
        said = _(
            "Not quorate: only {count} agencies were there besides the family ({agencies}); {needed} are needed",
            count=len(q["agencies"]),
            agencies=agencies,
            needed=q["needed"],
        )
    return [(_("Quorum"), said)]


def attendance_label(person: dict[str, Any]) -> str:
    if person["attendance"] == "apologies":
        return _("Apologies")
    if person["removed"]:
        return _("Present, left early") if person["device"] else _("Present (no phone), left early")
    return _("Present") if person["device"] else _("Present (no phone)")


def item_author(item: dict[str, Any]) -> str:
    return f"{item['author']} ({item['author_role']})" if item["author_role"] else item["author"]


def item_extras(item: dict[str, Any]) -> str:
    bits = []
    if item["owner"]:
        bits.append(_("who: {who}", who=item["owner"]))
    if item["due"]:
        bits.append(_("by {date}", date=long_date(item["due"])))
    if item["source"]:
        bits.append(_("from: {source}", source=item["source"]))
    if item["private"]:
        bits.append(_(PRIVATE))
    return "; ".join(bits)


def summary_line(summary: dict[str, Any]) -> str:
    if not summary["n"]:
        return _("Nobody scored.")
    return ngettext(
        "{n} score. Lowest {lowest}, highest {highest}, middle score {median}.",
        "{n} scores. Lowest {lowest}, highest {highest}, middle score {median}.",
        summary["n"],
        lowest=summary["lowest"],
        highest=summary["highest"],
        median=summary["median"],
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


def private_note(thing: dict[str, Any]) -> str:
    return f" ({_(PRIVATE)})" if thing.get("private") else ""


# --- the case over time (step 9): sections every renderer draws the same way -----------
# A section is {"heading", "level" (1 or 2), "lines": [(bold lead, text)], "tables":
# [{"headers", "rows", "widths"}]}; `sections(model, place)` gives those due at one place.

HEADINGS.update(
    children=N_("The children and their safety network"),
    children_words=N_("What the children told us"),
    since_last=N_("Since the last conference"),
    trends=N_("Scores over time"),
    per_child=N_("The decision for each child"),
    agencies=N_("Each agency's view and the core group"),
)


def long_date(iso: str | dt.date | None) -> str:
    """2026-12-12 → Saturday 12 December 2026 (no ISO dates for people to decode), in the
    copy's language through Babel: dydd Sadwrn 12 Rhagfyr 2026, sobota 12 grudnia 2026."""
    if not iso:
        return ""
    day = iso if isinstance(iso, dt.date) else dt.date.fromisoformat(iso)
    return format_date(day, "EEEE d MMMM y", locale=i18n.locale_of(_LANGUAGE.get()))


def _children_section(m: dict[str, Any]) -> list[dict[str, Any]]:
    if not m.get("children") and not m.get("network"):
        return []
    names = "; ".join(c["name"] + (f", {c['age']}" if c["age"] is not None else "") for c in m["children"])
    tables = []
    if m.get("network"):
        tables.append(
            {
                "headers": [_("Who"), _("What they do")],
                "rows": [[n["name"], n["does"]] for n in m["network"]],
                "widths": (30, 70),
            }
        )
    return [
        {
            "heading": heading("children"),
            "level": 1,
            "lines": [(_("Children: "), names or _("Not named"))]
            + ([] if tables else [(_("Safety network: "), _("Not named yet"))]),
            "tables": tables,
        }
    ]


def _children_words_section(m: dict[str, Any]) -> list[dict[str, Any]]:
    words = m.get("children_words") or []
    if not words:
        return []
    return [
        {
            "heading": heading("children_words"),
            "level": 1,
            "lines": [],
            "tables": [
                {
                    "headers": [
                        _("Who said it, and how we heard it"),
                        _("What they said"),
                        _("Where it went"),
                    ],
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
                "headers": [_("Danger statement"), _("Since last time"), _("Why")],
                "rows": [
                    [
                        s["sentence"]
                        + private_note(s)
                        + (" " + _("(It was: {was})", was=s["was"]) if s["was"] else ""),
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
                "headers": [_("Action from last time"), _("Who"), _("Since last time"), _("Note")],
                "rows": [
                    [a["action"], a["who"] or "", a["status_label"], a["note"] or ""]
                    for a in since["actions"]
                ],
                "widths": (40, 15, 18, 27),
            }
        )
    return [
        {
            "heading": heading("since_last"),
            "level": 1,
            "lines": [(_("Last conference: "), f"{since['kind_label']}, {long_date(since['date'])}")],
            "tables": tables,
        }
    ]


def _trends_section(m: dict[str, Any]) -> list[dict[str, Any]]:
    trends = m.get("trends") or {"conferences": []}
    chain = trends["conferences"]
    if len(chain) < 2:
        return []  # one conference: the scaling section already says it all
    rows = []
    for label, points in [(_("The whole situation"), trends["overall"])] + [
        (t["sentence"], t["points"]) for t in trends["statements"]
    ]:
        if any(p["middle"] is not None for p in points):
            rows.append([label] + ["–" if p["middle"] is None else str(p["middle"]) for p in points])
    headers = [_("Middle score")] + [long_date(c["date"]) for c in chain]
    return [
        {
            "heading": heading("trends"),
            "level": 1,
            "lines": [("", _("The middle score at each conference, 0 to 10 (– where nobody scored it)."))],
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
                "heading": heading("per_child"),
                "level": 2,
                "lines": [],
                "tables": [
                    {
                        "headers": [_("Child"), _("Outcome"), _("Category"), _("Who disagreed")],
                        "rows": [
                            [
                                c["child"] + (f", {c['age']}" if c.get("age") is not None else ""),
                                c["outcome_label"] or _("Not recorded"),
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
        lines.append((_("Lead social worker: "), d["lead_social_worker"]))
    if d.get("first_core_group"):
        lines.append((_("First core group: "), long_date(d["first_core_group"])))
    if lines and d.get("core_group"):
        lines.append((_("Core group: "), ", ".join(d["core_group"])))
    tables = []
    if d.get("agencies"):
        yes_no = {True: _("Yes"), False: _("No"), None: _("Not said")}
        tables.append(
            {
                "headers": [_("Agency"), _("Plan needed?"), _("Why")],
                "rows": [[a["agency"], yes_no[a["plan"]], a["why"] or ""] for a in d["agencies"]],
                "widths": (25, 15, 60),
            }
        )
    if lines or tables:
        out.append({"heading": heading("agencies"), "level": 2, "lines": lines, "tables": tables})
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
    return a["action"] + (
        " " + _("(for the safety goal: {goal})", goal=a["serves"]) if a.get("serves") else ""
    )


HEADINGS.update(summary=N_("In short: what was decided and what happens next"))


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
            lines.append((f"{who}: ", (c["outcome_label"] or _("Not decided")) + cats))
    else:
        lines.append((_("What was decided: "), d.get("outcome_label") or say("no_decision")))
    if d.get("text"):
        lines.append((_("Why: "), d["text"]))
    for n, st in enumerate(m["statements"], 1):
        lines.append((_("Worry {n}: ", n=n), st["sentence"]))
        if st["safety_goal"]:
            lines.append((_("What safety will look like: "), st["safety_goal"]))
    lines.append((_("Next meeting: "), next_meeting(d) or _("Not set yet")))
    contact = [_("{name} (the chair)", name=m["conference"]["chair"])]
    if d.get("lead_social_worker"):
        contact.insert(0, _("{name} (your lead social worker)", name=d["lead_social_worker"]))
    lines.append((_("Who to contact: "), _(" or ").join(contact)))
    lines.append((_("If you disagree or want an advocate: "), m.get("how_to_disagree") or ""))
    tables = []
    # only what is still to happen: an action carried from last time and done (or no longer
    # needed) is in "Since the last conference", never listed again as still to do
    still_to_do = [
        a for a in m["plan"] if not a.get("carried") or a["carried"]["status"] not in v.FINISHED_ACTIONS
    ]
    if still_to_do:
        tables.append(
            {
                "headers": [_("What will happen"), _("Who"), _("By when")],
                "rows": [plan_row(a) for a in still_to_do],
                "widths": (50, 22, 28),
            }
        )
    return [{"heading": heading("summary"), "level": 1, "lines": lines, "tables": tables, "page_break": True}]


PLACES["summary"] = _summary_section


def statements_heading(m: dict[str, Any]) -> str:
    """'Danger statements and safety goals', or 'Worry statements …' for an early-help
    meeting: the kind's own heading, in the catalogue through the vocabulary."""
    return _(v.statements_heading(m["conference"].get("statement_label") or "Danger statement"))
