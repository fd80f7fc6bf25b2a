"""What happened at the meeting, one function per section of the minutes model: the
meeting itself, who was there, the board's columns, the statements, scaling, the decision,
the plan and the quorum. `shown` says whether this copy may hold a thing (the family copy
holds nothing private)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

from .. import i18n
from ..domain import vocabulary as v
from ..domain.errors import N_
from ..domain.state import (
    Board,
    agencies_present,
    in_plan,
    kept_from_family,
    sort_items,
    sort_members,
    summarise,
)
from ..domain.state import attendance as member_attendance
from ..domain.working_days import before_meeting, report_on_time
from .language import _, long_date
from .over_time import carried_action, carried_statement, child_credit, decision_more, goal_text, thread
from .sentences import danger_sentence
from .who_and_when import clock_time, display_name, local_time, meeting_start, person, role_label

Shown = Callable[[dict[str, Any]], bool]

OTHER_GROUP = N_("Other things said")  # items the chair did not put under a heading


def conference(board: Board, events: list[dict[str, Any]], tz: ZoneInfo) -> dict[str, Any]:
    """The meeting itself: its kind, day, times, chair and whether the minutes are approved."""
    conf = board.conference
    chair = next(m for m in board.members.values() if m["kind"] == v.MemberKind.FACILITATOR)
    closed_at = next((e["at"] for e in reversed(events) if e["type"] == "conference.closed"), None)
    start = meeting_start(conf, closed_at, tz)
    return {
        "id": conf["id"],
        "title": conf["title"],
        "kind": conf["kind"],
        "kind_label": _(v.MEETING_KIND_LABELS[conf["kind"]]),
        "statement_label": v.statement_word(conf),
        "date": f"{start:%Y-%m-%d}",
        "date_label": long_date(start.date()),
        "started_at": f"{start:%H:%M}",
        "ended_at": clock_time(closed_at, tz),
        "status": conf["status"],
        "chair": display_name(chair),
        "approved": (
            {"by": conf["approved"]["by_name"], "at": f"{local_time(conf['approved']['at'], tz):%Y-%m-%d}"}
            if conf.get("approved")
            else None
        ),
    }


def attendance(board: Board, tz: ZoneInfo) -> list[dict[str, Any]]:
    """Who was there (and who sent apologies, or only a report), in the order they came;
    never the projector, nor a phone the chair never let in. How each stood is the
    domain's (state.attendance): someone invited who never joined the meeting is not
    "Present"."""
    out = []
    for m in sort_members(board.members.values()):
        if m["kind"] == v.MemberKind.DISPLAY or (
            m["kind"] == v.MemberKind.PARTICIPANT and m["member_id"] not in board.public_members
        ):
            continue
        how = member_attendance(m)
        # someone invited before the meeting came to it when the chair let them in
        joined = m.get("arrived_at") or m["joined_at"]
        out.append(
            {
                "name": display_name(m),
                "role": m.get("role"),
                "role_label": role_label(m),
                "attendance": how,
                "device": m["kind"] in (v.MemberKind.FACILITATOR, v.MemberKind.PARTICIPANT),
                "joined_at": clock_time(joined, tz) if how == "present" else None,
                "removed": m["status"] == v.Status.REMOVED,
            }
        )
    return out


def accepted_items(board: Board, shown: Shown) -> list[dict[str, Any]]:
    """The items the chair accepted that this copy may hold, in the board's order."""
    return sort_items([i for i in board.items.values() if i["status"] == v.ItemStatus.ACCEPTED and shown(i)])


def columns(board: Board, items: list[dict[str, Any]], family: bool, tz: ZoneInfo) -> list[dict[str, Any]]:
    """The board's columns, each under its headings; the family copy has no empty headings."""
    children = {c["id"]: c for c in board.conference.get("children") or []}
    out = []
    for key, (heading, cats) in v.COLUMNS.items():
        groups = []
        for cat_key, label in [*cats, (None, OTHER_GROUP)]:
            mine = [
                _item(board, i, children, tz)
                for i in items
                if i["column"] == key and i["category"] == cat_key
            ]
            # the family copy has no empty headings: only what was said
            if mine or (cat_key is not None and not family):
                groups.append({"key": cat_key, "label": _(label), "items": mine})
        out.append({"key": key, "heading": _(heading), "categories": groups})
    return out


def _item(
    board: Board, item: dict[str, Any], children: dict[str, dict[str, Any]], tz: ZoneInfo
) -> dict[str, Any]:
    author = person(board, item["author"])
    if item["voice"] == "child" and (item.get("child_id") or item.get("heard_how")):
        # the child's own words are credited to the child, never to whoever typed them
        author = {
            "name": child_credit(children.get(item.get("child_id") or ""), item.get("heard_how")),
            "role": "",
        }
    return {
        "id": item["id"],
        "text": item["text"],
        "author": author["name"],
        "author_role": author["role"],
        "child_words": item["voice"] == "child",
        "source": item["source"],
        "owner": item["owner"],
        "due": item["due"],
        "private": kept_from_family(item),
        # kept from the family before the meeting (not said in a closed session), or in a
        # report that was never sent (so the family never read it)
        # (how it was made private, never its time against meeting_at, which may move)
        "kept_before_meeting": bool(item.get("held")) or bool(item["private"] and kept(board, item, tz)),
        "added_at": clock_time(item["created_at"], tz),
        "responses": [
            {"name": r["name"], "text": r["text"], "at": clock_time(r["at"], tz)}
            for r in item.get("responses") or []
        ],
    }


def kept(board: Board, item: dict[str, Any], tz: ZoneInfo) -> bool:
    """Made private with no closed session running (`kept`, set as it was made). An item
    logged before items carried `kept` is read the old way, by its time against meeting_at."""
    if "kept" in item:
        return bool(item["kept"])
    return before_meeting(board.conference.get("meeting_at"), item["created_at"], tz.key)


def reports(board: Board, tz: ZoneInfo) -> list[dict[str, Any]]:
    """Everyone the chair invited before the meeting, and when their report came: on time
    by working_days.report_on_time (None when the conference has no date for reports)."""
    out = []
    for m in sort_members(board.members.values()):
        if not m.get("invited") or m["status"] == v.Status.REMOVED:
            continue
        sent = local_time(m.get("report_submitted_at"), tz)
        on_time = report_on_time(m, board.conference, tz.key)
        out.append(
            {
                "name": m["name"],
                "role": m["role"],
                "agency": m.get("agency"),
                "submitted_at": f"{sent:%Y-%m-%d %H:%M}" if sent else None,
                "on_time": on_time,
                # their view on the decision (report.submit): written for the family to read
                # before the meeting, so in both copies
                "view": m.get("report_view"),
            }
        )
    return out


def safety_goals(board: Board, shown: Shown) -> list[dict[str, Any]]:
    return [s for s in board.statements.values() if s["kind"] == "safety_goal" and shown(s)]


def statements(board: Board, shown: Shown) -> list[dict[str, Any]]:
    """Each danger statement as one sentence, with the safety goal paired with it."""
    goals = safety_goals(board, shown)
    out = []
    for s in board.statements.values():
        if s["kind"] != "danger" or not shown(s):
            continue
        goal = next((g for g in goals if g["pairs_with"] == s["id"]), None)
        out.append(
            {
                "id": s["id"],
                "danger": {k: s[k] for k in ("who", "behaviour", "impact", "disagreement", "text")},
                "sentence": danger_sentence(s),
                "language": s.get("language") or i18n.SOURCE,  # what its fields were typed in
                "safety_goal": goal["text"] if goal else None,
                "private": s["private"],
                "thread": thread(s),
                "carried": carried_statement(s),
            }
        )
    return out


def scaling(board: Board, shown: Shown) -> list[dict[str, Any]]:
    """Every scaling round this copy may hold; scores only where they were revealed."""
    return [_round(board, r, shown) for r in board.rounds.values() if shown(r)]


def _round(board: Board, r: dict[str, Any], shown: Shown) -> dict[str, Any]:
    about = board.statements.get(r["statement_id"] or "")
    out: dict[str, Any] = {
        "id": r["id"],
        # the kind's own scale words are in the catalogue; the chair's own wording stays as typed
        "question": _(r["question"]),
        "low_label": _(r["low_label"]),
        "high_label": _(r["high_label"]),
        "about": danger_sentence(about) if about and shown(about) else None,
        "statement_id": about["id"] if about and shown(about) else None,
        "thread": thread(about) if about and shown(about) else None,
        "revealed": r["revealed"],
        "private": r["private"],
        # the words the family's phones asked, when the chair gave them their own: part
        # of the record, so nobody later reads only the professional wording
        "family_wording": _family_wording(r),
    }
    if r["revealed"]:
        scores = board.scores.get(r["id"], {})
        out["scores"] = [
            _score_row(board, mid, s)
            for mid, s in sorted(scores.items(), key=lambda kv: board.members[kv[0]]["joined_at"])
        ]
        summary = summarise(scores)  # the minutes say lowest and highest where screens say min and max
        out["summary"] = {
            "n": summary["n"],
            "lowest": summary["min"],
            "highest": summary["max"],
            "median": summary["median"],
        }
    return out


def _family_wording(r: dict[str, Any]) -> dict[str, Any] | None:
    family = r.get("family") or {}
    if not any(family.get(k) for k in ("question", "low_label", "high_label")):
        return None
    return {
        "question": family.get("question") or _(r["question"]),
        "low_label": family.get("low_label") or _(r["low_label"]),
        "high_label": family.get("high_label") or _(r["high_label"]),
        "language": family.get("language"),
    }


def _score_row(board: Board, member_id: str, s: dict[str, Any]) -> dict[str, Any]:
    """One revealed score; a score given aloud (entered by the chair) says so by the name."""
    row = person(board, member_id)
    if s.get("aloud"):
        row["name"] += " " + _("(score given aloud)")
    return {**row, "score": s["score"], "reason": s["reason"], "aloud": bool(s.get("aloud"))}


def decision(board: Board) -> dict[str, Any] | None:
    """The decision as recorded, with each child's, each agency's view and the core group."""
    d = board.conference.get("decision")
    if not d:
        return None
    return {
        "outcome": d.get("outcome"),
        "outcome_label": _(v.OUTCOMES.get(d.get("outcome") or "", "")) or None,
        "categories": d.get("categories") or [],
        "category_labels": [_(v.ABUSE_CATEGORIES[c]) for c in d.get("categories") or []],
        "text": d.get("text"),
        "dissent": d.get("dissent"),
        "next_meeting": d.get("next_meeting"),
        "next_meeting_time": d.get("next_meeting_time"),
        "next_meeting_place": d.get("next_meeting_place"),
        **decision_more(board, d),
    }


def plan(board: Board, items: list[dict[str, Any]], shown: Shown) -> list[dict[str, Any]]:
    """The actions of the plan, each with the safety goal it serves."""
    return [
        {
            "id": i["id"],
            "action": i["text"],
            "who": i["owner"],
            "by_when": i["due"],
            "category": i["category"],
            "private": kept_from_family(i),
            "carried": carried_action(i),
            "serves": goal_text(board, i, shown),
        }
        for i in items
        if in_plan(i)
    ]


def quorum(board: Board) -> dict[str, Any] | None:
    """Whether enough agencies were there, for a kind of meeting that names its quorum."""
    needed = v.meeting_kind(board.conference).get("quorum")
    if not needed:
        return None
    agencies = agencies_present(board.members.values())
    return {
        "needed": needed,
        "agencies": agencies,
        "agency_labels": [_(v.ROLES[r]) for r in agencies],
        "met": len(agencies) >= needed,
    }
