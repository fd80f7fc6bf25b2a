"""The case over time: what a review carries from the last conference, the
children and their own words, the decision for each child, and the scores at every
conference of the chain."""

from __future__ import annotations

from typing import Any

from ..domain import vocabulary as v
from ..domain.errors import N_
from ..domain.state import Board, summarise
from .language import _
from .sentences import danger_sentence


def thread(s: dict[str, Any]) -> str:
    """A danger statement's id across the chain of conferences: where it was first written."""
    return (s.get("carried") or {}).get("thread") or s["id"]


def carried_statement(s: dict[str, Any]) -> dict[str, Any] | None:
    c = s.get("carried")
    if not c:
        return None
    return {
        "from_date": c["from_date"],
        "wording": danger_sentence(c["wording"]),
        "status": c["status"],
        "reason": c["reason"],
    }


def goal_text(board: Board, item: dict[str, Any], shown) -> str | None:
    goal = board.statements.get(item.get("goal_id") or "")
    return goal["text"] if goal and shown(goal) else None


def carried_action(item: dict[str, Any]) -> dict[str, Any] | None:
    c = item.get("carried")
    if not c:
        return None
    return {"from_date": c["from_date"], "status": c["status"], "note": c["note"]}


def child_credit(child: dict[str, Any] | None, heard_how: str | None) -> str:
    """ "Jayden, 6 — Three Houses, House of Worries": the child, never the typist."""
    who = _("One of the children")
    if child:
        who = child["name"] + (f", {child['age']}" if child.get("age") is not None else "")
    how = _(v.HEARD_HOW.get(heard_how or "", ""))
    return f"{who} — {how}" if how else who


def children_words(board: Board, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    children = {c["id"]: c for c in board.conference.get("children") or []}
    return [
        {
            "text": i["text"],
            "child": children[i["child_id"]]["name"] if i.get("child_id") in children else None,
            "heard_how": i.get("heard_how"),
            "credit": child_credit(children.get(i.get("child_id") or ""), i.get("heard_how")),
            "column": _(v.COLUMNS[i["column"]][0]),
        }
        for i in items
        if i["voice"] == "child"
    ]


def _child_outcome(c: dict[str, Any], d: dict[str, Any]) -> dict[str, Any]:
    """A child the chair gave no outcome of their own has the conference's outcome and
    categories (never "not decided" beside a decision that was made)."""
    own = c["outcome"] is not None
    outcome = c["outcome"] if own else d.get("outcome")
    categories = c["categories"] if own else (c["categories"] or d.get("categories") or [])
    return {
        "outcome": outcome,
        "outcome_label": _(v.OUTCOMES.get(outcome or "", "")) or None,
        "categories": categories,
        "category_labels": [_(v.ABUSE_CATEGORIES[k]) for k in categories],
    }


def decision_more(board: Board, d: dict[str, Any]) -> dict[str, Any]:
    children = {c["id"]: c for c in board.conference.get("children") or []}
    return {
        "per_child": [
            {
                "child": children[c["child_id"]]["name"] if c["child_id"] in children else _("A child"),
                "age": (children.get(c["child_id"]) or {}).get("age"),
                # a child the chair gave no outcome of their own has the conference's
                # (never "not decided" beside a decision that was made)
                **_child_outcome(c, d),
                "dissent": c["dissent"],
            }
            for c in d.get("per_child") or []
        ],
        "agencies": [dict(a) for a in d.get("agencies") or []],
        "lead_social_worker": d.get("lead_social_worker"),
        "first_core_group": d.get("first_core_group"),
        # the core group: the people who were at the conference (the chair and the projector aside)
        "core_group": [
            m["name"]
            for m in sorted(board.members.values(), key=lambda m: (m["joined_at"], m["member_id"]))
            if m["kind"] in (v.MemberKind.PARTICIPANT, v.MemberKind.OFFLINE)
            and m["present"]
            and m["status"] != v.Status.WAITING
            and (m["kind"] == v.MemberKind.OFFLINE or m["member_id"] in board.public_members)
        ],
    }


NOT_LOOKED_AT = N_("Not looked at yet")


def since_last(conf: dict[str, Any], statements: list[dict], plan: list[dict]) -> dict[str, Any] | None:
    """What has changed since the last conference: each carried statement and action."""
    prev = conf.get("previous")
    if not prev:
        return None
    return {
        "date": prev["date"],
        "kind": prev["kind"],
        "kind_label": _(v.MEETING_KIND_LABELS[prev["kind"]]),
        "statements": [
            {
                "sentence": s["sentence"],
                "was": s["carried"]["wording"] if s["carried"]["wording"] != s["sentence"] else None,
                "status": s["carried"]["status"],
                "status_label": _(v.STATEMENT_REVIEW.get(s["carried"]["status"] or "", NOT_LOOKED_AT)),
                "reason": s["carried"]["reason"],
                "private": s["private"],
            }
            for s in statements
            if s["carried"]
        ],
        "actions": [
            {
                "action": a["action"],
                "who": a["who"],
                "by_when": a["by_when"],
                "status": a["carried"]["status"],
                "status_label": _(v.ACTION_REVIEW.get(a["carried"]["status"] or "", NOT_LOOKED_AT)),
                "note": a["carried"]["note"],
            }
            for a in plan
            if a["carried"]
        ],
    }


def trends(board: Board, conference: dict, statements: list[dict], shown) -> dict[str, Any]:
    """Each danger statement's middle score, and the overall one, at every conference of the
    chain: what the last minutes carried, then this conference's last revealed round about
    it (rounds in a closed session never count, so both copies tell the same story). Every
    series has one point per conference, in order, `middle` null where nobody scored it."""
    this = {"date": conference["date"], "kind": conference["kind"]}
    previous = board.conference.get("previous") or {}
    chain = [dict(c) for c in previous.get("chain", [])] + [this]
    blank = [{**c, "middle": None} for c in chain[:-1]]

    def latest(statement_id: str | None) -> dict:
        found = [
            r
            for r in board.rounds.values()
            if r["revealed"] and not r["private"] and r["statement_id"] == statement_id
        ]
        middle = summarise(board.scores.get(found[-1]["id"], {}))["median"] if found else None
        return {**this, "middle": middle}

    by_id = {s["id"]: s for s in board.statements.values()}
    return {
        "conferences": chain,
        "overall": [dict(p) for p in previous.get("overall", blank)] + [latest(None)],
        "statements": [
            {
                "thread": s["thread"],
                "sentence": s["sentence"],
                "points": [dict(p) for p in (by_id[s["id"]].get("carried") or {}).get("history", blank)]
                + [latest(s["id"])],
            }
            for s in statements
        ],
    }
