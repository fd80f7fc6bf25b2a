"""The sections every renderer draws the same way (the case over time, step 9, and the
family copy's summary). A section is {"heading", "level" (1 or 2), "lines": [(bold lead,
text)], "tables": [{"headers", "rows", "widths"}]}; `sections(model, place)` gives those due
at one place."""

from __future__ import annotations

from typing import Any

from ..domain import vocabulary as v
from .language import _, long_date, number
from .phrases import (
    CORRECTION_STATUS,
    family_quorum_lines,
    goal_numbers,
    heading,
    next_meeting,
    plan_row,
    private_note,
    quoted,
    say,
)


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
                    "rows": [[w["credit"], quoted(w["text"]), w["column"]] for w in words],
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
            rows.append([label] + ["–" if p["middle"] is None else number(p["middle"]) for p in points])
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
    numbers = goal_numbers(m)
    for n, st in enumerate(m["statements"], 1):
        lines.append((_("Worry {n}: ", n=n), st["sentence"]))
        if st["safety_goal"]:
            # numbered, so the actions below point to it instead of saying it again
            lead = _("What safety will look like (safety goal {n}): ", n=numbers[st["safety_goal"]])
            lines.append((lead, st["safety_goal"]))
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
                "rows": [plan_row(a, numbers) for a in still_to_do],
                "widths": (50, 22, 28),
            }
        )
    return [{"heading": heading("summary"), "level": 1, "lines": lines, "tables": tables, "page_break": True}]


def _reports_section(m: dict[str, Any]) -> list[dict[str, Any]]:
    """Who was invited to send a report before the meeting, and when it came."""
    reports = m.get("reports") or []
    if not reports:
        return []
    on_time = {True: _("Yes"), False: _("No"), None: ""}
    rows = [
        [
            r["name"],
            _(v.ROLES.get(r["role"] or "", "")) + (f", {r['agency']}" if r.get("agency") else ""),
            r["submitted_at"] or _("Not sent"),
            on_time[r["on_time"]],
        ]
        for r in reports
    ]
    return [
        {
            "heading": heading("reports"),
            "level": 1,
            "lines": [],
            "tables": [
                {
                    "headers": [_("Who"), _("Role and agency"), _("Report sent"), _("On time?")],
                    "rows": rows,
                    "widths": (28, 34, 22, 16),
                }
            ],
        }
    ] + _views_section(reports)


def _views_section(reports: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """What each one who sent a report said of the decision (report.submit's view): given
    for the family to read before the meeting, so in the family copy too."""
    lines = [(_("{name}: ", name=r["name"]), r["view"]) for r in reports if r.get("view")]
    if not lines:
        return []
    return [{"heading": _("Their views on the decision"), "level": 2, "lines": lines, "tables": []}]


def _after_attendance(m: dict[str, Any]) -> list[dict[str, Any]]:
    return _reports_section(m) + _children_section(m)


def _corrections_section(m: dict[str, Any]) -> list[dict[str, Any]]:
    """Every request for a correction after the meeting, with the chair's answer and why."""
    corrections = m.get("corrections") or []
    if not corrections:
        return []
    rows = []
    for c in corrections:
        asked = c["text"] + (f" ({_('About: ')}{c['about']})" if c.get("about") else "")
        who = f"{c['from']} ({c['role']})" if c.get("role") else c["from"]
        answer = _(CORRECTION_STATUS[c["status"]])
        for ch in c.get("changes") or []:
            answer += " — " + _("Corrected: “{old}” → “{new}”", old=ch["old"] or "", new=ch["new"] or "")
        rows.append([who, asked, answer, c["reason"] or ""])
    return [
        {
            "heading": heading("corrections"),
            "level": 1,
            "lines": [],
            "tables": [
                {
                    "headers": [_("Who asked"), _("What they said is wrong"), _("Answer"), _("Why")],
                    "rows": rows,
                    "widths": (20, 40, 15, 25),
                }
            ],
        }
    ]


def _end(m: dict[str, Any]) -> list[dict[str, Any]]:
    """After the plan, the last thing: in the family copy, whether enough agencies were
    there for the meeting to make decisions (the full copy has it in the meeting's details)."""
    lines = family_quorum_lines(m) if m["copy"] == "family" else []
    if not lines:
        return []
    return [{"heading": heading("quorum"), "level": 1, "lines": lines, "tables": []}]


PLACES = {
    "after_attendance": _after_attendance,
    "after_columns": _children_words_section,
    "before_statements": _since_last_section,
    "after_scaling": _trends_section,
    "after_decision": lambda m: _decision_section(m) + _corrections_section(m),
    "summary": _summary_section,
    "end": _end,
}


# The body of the minutes after who was there, in order: each renderer draws its own parts
# (columns, statements, scaling, decision) and the shared sections above at their places.
BODY = (
    "after_attendance",
    "columns",
    "after_columns",
    "before_statements",
    "statements",
    "scaling",
    "after_scaling",
    "decision",
    "after_decision",
)


def sections(m: dict[str, Any], place: str) -> list[dict[str, Any]]:
    return PLACES[place](m)
