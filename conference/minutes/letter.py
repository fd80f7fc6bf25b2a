"""The chair's decision letter: one page for the parents, the day of the meeting. Built from
the family copy's model (so from the same `shown` filter: nothing from the closed session),
with the letter's own words in the copy's language and people's words as they typed them.
`build_letter` makes the model; `letter_sections` says it in words, for both renderers
(letter_render.py)."""

from __future__ import annotations

from typing import Any

from ..domain import vocabulary as v
from ..domain.errors import N_
from ..domain.state import Board
from .language import _, long_date
from .model import build_minutes
from .phrases import goal_lines, goal_numbers, heading, next_meeting, plan_row

FORMATS = ("pdf", "docx")  # the files a decision letter comes as (letter_render.py)

# the letter's headings (per_child is the minutes' own "The decision for each child")
LETTER_HEADINGS = {
    "title": N_("The conference's decision"),
    "why": N_("Why"),
    "next": N_("What happens next"),
    "contact": N_("Who to contact"),
    "disagree": N_("If you disagree"),
}
DEFAULT_LETTER_DISAGREE = N_(
    "If you disagree with the decision, tell the chair or your social worker. You can complain "
    "to the council's children's services, and you can ask for an advocate (someone on your side "
    "who helps you have your say) at any time: ask your social worker."
)
FIRST_CORE_GROUP = N_("The first core group meeting is on {date}.")
NO_CORE_GROUP = N_(
    "No date has been set yet for the first core group meeting. It should be within 10 working "
    "days of the conference: your social worker will tell you the date."
)
CORE_GROUP_IS = N_(
    "The core group is the people who will work with you on the plan. It meets for the first "
    "time within 10 working days of the conference."
)
# outcomes after which there is a core group to meet
PLAN_OUTCOMES = ("cp_plan", "continue_plan")


def build_letter(
    board: Board,
    events: list[dict[str, Any]],
    generated_at: str = "",
    tz_name: str = "Europe/London",
    how_to_disagree: str | None = None,
) -> dict[str, Any]:
    """The letter's model: the decision for each child, why, what happens next (the plan's
    steps still to do, the first core group, the next meeting), who to contact and how to
    disagree. Only what the family copy holds."""
    family = build_minutes(board, events, "family", generated_at, tz_name)
    d = family["decision"] or {}
    outcomes = {c["outcome"] for c in d.get("per_child") or []} | {d.get("outcome")}
    return {
        "kind": "decision_letter",
        "language": family["language"],
        "generated_at": generated_at,
        "conference": {
            k: family["conference"][k] for k in ("id", "title", "kind_label", "date", "date_label", "chair")
        },
        "children": [{"name": c["name"], "age": c.get("age")} for c in family["children"]],
        "decided": bool(family["decision"]),
        "outcome_label": d.get("outcome_label"),
        "category_labels": d.get("category_labels") or [],
        "per_child": [
            {k: c[k] for k in ("child", "age", "outcome_label", "category_labels")}
            for c in d.get("per_child") or []
        ],
        "why": d.get("text"),
        # the goals numbered as the family copy numbers them (phrases.goal_numbers)
        "statements": [{"safety_goal": s["safety_goal"]} for s in family["statements"]],
        "next_steps": [
            a
            for a in family["plan"]
            if not a.get("carried") or a["carried"]["status"] not in v.FINISHED_ACTIONS
        ],
        "has_plan": bool(outcomes & set(PLAN_OUTCOMES)),
        "first_core_group": d.get("first_core_group"),
        "next_meeting": {k: d.get(k) for k in v.NEXT_MEETING},
        "lead_social_worker": d.get("lead_social_worker"),
        # the council's own words on disagreeing when it set them; else the letter's (the
        # minutes' default speaks of correcting the minutes, not of the decision)
        "how_to_disagree": how_to_disagree or _(DEFAULT_LETTER_DISAGREE),
    }


def letter_title(m: dict[str, Any]) -> str:
    return _(LETTER_HEADINGS["title"])


def letter_opening(m: dict[str, Any]) -> str:
    """The letter's first line: which meeting, on which day, chaired by whom."""
    c = m["conference"]
    return _(
        "This letter tells you what was decided at the meeting on {date} ({meeting}), and what "
        "happens next. The chair was {chair}.",
        meeting=c["kind_label"],
        date=c["date_label"],
        chair=c["chair"],
    )


def letter_sections(m: dict[str, Any]) -> list[dict[str, Any]]:
    """The letter as sections: {"heading", "lines": [(bold lead, text)], "table", "after":
    [(bold lead, text)] under the table}."""
    out: list[dict[str, Any]] = [{"heading": heading("per_child"), "lines": _decisions(m), "table": None}]
    out.append({"heading": _(LETTER_HEADINGS["why"]), "lines": [("", m["why"] or _(NO_WHY))], "table": None})
    after: list[tuple[str, str]] = []
    if m["first_core_group"]:
        date = long_date(m["first_core_group"])
        after.append(("", _(FIRST_CORE_GROUP, date=date) + " " + _(CORE_GROUP_IS)))
    elif m["has_plan"] or not m["decided"]:
        after.append(("", _(NO_CORE_GROUP)))
    after.append((_("Next meeting: "), next_meeting(m["next_meeting"]) or _("Not set yet")))
    numbers = goal_numbers(m)
    table = (
        {
            "headers": [_("What will happen"), _("Who"), _("By when")],
            "rows": [plan_row(a, numbers) for a in m["next_steps"]],
            "widths": (50, 22, 28),
        }
        if m["next_steps"]
        else None
    )
    # each goal the steps serve, said once above them; the rows give its number
    lines = goal_lines(m["next_steps"], numbers) if table else []
    out.append({"heading": _(LETTER_HEADINGS["next"]), "lines": lines, "table": table, "after": after})
    contact = [_("{name} (the chair)", name=m["conference"]["chair"])]
    if m["lead_social_worker"]:
        contact.insert(0, _("{name} (your lead social worker)", name=m["lead_social_worker"]))
    out.append(
        {"heading": _(LETTER_HEADINGS["contact"]), "lines": [("", _(" or ").join(contact))], "table": None}
    )
    out.append(
        {"heading": _(LETTER_HEADINGS["disagree"]), "lines": [("", m["how_to_disagree"])], "table": None}
    )
    return out


NO_WHY = N_("The chair did not write the reasons down. Ask the chair or your social worker to tell you why.")


def _decisions(m: dict[str, Any]) -> list[tuple[str, str]]:
    if not m["decided"]:
        return [("", _("No decision was recorded."))]
    if m["per_child"]:
        lines = []
        for c in m["per_child"]:
            cats = f" ({', '.join(c['category_labels'])})" if c["category_labels"] else ""
            lines.append((_child(c["child"], c.get("age")), (c["outcome_label"] or _("Not decided")) + cats))
        return lines
    # no decision of their own: each named child has the conference's
    cats = f" ({', '.join(m['category_labels'])})" if m["category_labels"] else ""
    said = (m["outcome_label"] or _("Not recorded")) + cats
    if not m["children"]:
        return [("", said)]
    return [(_child(c["name"], c.get("age")), said) for c in m["children"]]


def _child(name: str, age: Any) -> str:
    return name + (f", {age}" if age is not None else "") + ": "
