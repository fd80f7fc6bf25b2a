"""The board: the whole state of one conference, and apply(board, event), the fold of its log."""

from __future__ import annotations

import copy
import statistics
from dataclasses import dataclass, field
from typing import Any

from . import vocabulary as v

Event = dict[str, Any]


@dataclass
class Board:
    """Everything the log says, including what only some viewers may see."""

    seq: int = 0
    conference: dict[str, Any] = field(default_factory=dict)
    members: dict[str, dict[str, Any]] = field(default_factory=dict)
    # members every admitted viewer knows (not waiting, or removed from the lobby)
    public_members: set[str] = field(default_factory=set)
    items: dict[str, dict[str, Any]] = field(default_factory=dict)
    statements: dict[str, dict[str, Any]] = field(default_factory=dict)
    rounds: dict[str, dict[str, Any]] = field(default_factory=dict)
    # round id -> {member_id: {score, reason}}; never shown before the reveal
    scores: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    # the board as the family side last saw it, kept while a closed session runs
    frozen: Board | None = None
    # when the log last changed, and when the conference ended (for retention)
    last_at: str | None = None
    closed_at: str | None = None

    @property
    def closed_session(self) -> bool:
        return bool(self.conference.get("closed_session"))

    @property
    def status(self) -> str:
        return self.conference.get("status", "open")

    def side_of(self, member_id: str | None) -> str | None:
        """'facilitator', 'professional' or 'family' (the display counts as family)."""
        member = self.members.get(member_id or "")
        if member is None:
            return None
        return member_side(member)

    def column_ranks(self, column: str) -> list[tuple[str, str]]:
        """(rank, id) of every live item in a column, in board order."""
        return sorted((i["rank"], i["id"]) for i in self.items.values() if i["column"] == column)

    def live_members(self) -> int:
        """Everyone in the meeting: the lobby has a cap of its own (waiting())."""
        return sum(
            1 for m in self.members.values() if m["status"] not in (v.Status.REMOVED, v.Status.WAITING)
        )

    def waiting(self) -> int:
        return sum(1 for m in self.members.values() if m["status"] == v.Status.WAITING)

    def anyone_removed(self) -> bool:
        """Someone who joined by code and was removed (not the projector, not an apology)."""
        return any(
            m["kind"] == v.Kind.PARTICIPANT and m["status"] == v.Status.REMOVED for m in self.members.values()
        )


def in_plan(item) -> bool:
    """An item of "What needs to happen?" that is a step of the plan: under Next steps, not
    yet sorted, or with a person or a date (the family's and agencies' goals are not steps).
    The screens' "What happens next" uses the same rule (static/js/board-view.js inPlan)."""
    return item["column"] == v.PLAN_COLUMN and (
        item["category"] in ("actions", None) or bool(item.get("owner")) or bool(item.get("due"))
    )


def agencies_present(members) -> list[str]:
    """The agencies besides the family in the meeting: each professional role of someone
    let in or in the room (not the chair, not an observer, not an apology), once."""
    roles = []
    for m in members:
        here = (
            m["status"] == v.Status.ADMITTED
            if m["kind"] == v.Kind.PARTICIPANT
            else m["kind"] == v.Kind.OFFLINE and m["present"] and m["status"] != v.Status.REMOVED
        )
        role = m.get("role")
        if here and role in v.PROFESSIONAL_ROLES and role != v.OBSERVER_ROLE and role not in roles:
            roles.append(role)
    return roles


def member_side(member: dict[str, Any]) -> str | None:
    kind = member["kind"]
    if kind == v.Kind.FACILITATOR:
        return v.Kind.FACILITATOR
    if kind == v.Kind.DISPLAY:
        return v.Side.FAMILY
    if kind == v.Kind.PARTICIPANT:
        return v.Side.FAMILY if v.is_family_side(member["role"]) else v.Side.PROFESSIONAL
    return None


def summarise(scores: dict[str, dict[str, Any]]) -> dict[str, Any]:
    values = sorted(s["score"] for s in scores.values())
    if not values:
        return {"n": 0, "min": None, "max": None, "median": None}
    median = statistics.median(values)
    if float(median).is_integer():
        median = int(median)
    return {"n": len(values), "min": values[0], "max": values[-1], "median": median}


def apply(board: Board, event: Event) -> Board:
    """Fold one stored event into the board (in place) and return it."""
    if event["seq"] != board.seq + 1:
        raise ValueError(f"event seq {event['seq']} does not follow {board.seq}")
    handler = HANDLERS.get(event["type"])
    if handler is None:
        raise ValueError(f"unknown event type {event['type']!r}")
    handler(board, event["payload"], event)
    board.seq = event["seq"]
    board.last_at = event["at"]
    if event["type"] == "conference.closed":
        board.closed_at = event["at"]
    return board


def fold(events: list[Event], board: Board | None = None) -> Board:
    board = board or Board()
    for event in events:
        apply(board, event)
    return board


def _conference_created(b: Board, p: dict, e: Event) -> None:
    b.conference = dict(p["conference"])
    for m in p["members"]:
        b.members[m["member_id"]] = dict(m)
        b.public_members.add(m["member_id"])


def _member_joined(b: Board, p: dict, e: Event) -> None:
    m = dict(p["member"])
    b.members[m["member_id"]] = m
    if m["status"] != v.Status.WAITING:
        b.public_members.add(m["member_id"])


def _member_language_set(b: Board, p: dict, e: Event) -> None:
    b.members[p["member"]["member_id"]] = dict(p["member"])


def _member_admitted(b: Board, p: dict, e: Event) -> None:
    m = dict(p["member"])
    b.members[m["member_id"]] = m
    b.public_members.add(m["member_id"])


def _member_removed(b: Board, p: dict, e: Event) -> None:
    b.members[p["member_id"]]["status"] = v.Status.REMOVED


def _item_upsert(b: Board, p: dict, e: Event) -> None:
    b.items[p["item"]["id"]] = dict(p["item"])


def _item_gone(b: Board, p: dict, e: Event) -> None:
    b.items.pop(p["id"], None)


def _statement_upsert(b: Board, p: dict, e: Event) -> None:
    b.statements[p["statement"]["id"]] = dict(p["statement"])


def _statement_deleted(b: Board, p: dict, e: Event) -> None:
    b.statements.pop(p["id"], None)
    for s in b.statements.values():
        if s.get("pairs_with") == p["id"]:
            s["pairs_with"] = None


def _round_opened(b: Board, p: dict, e: Event) -> None:
    r = dict(p["round"])
    b.rounds[r["id"]] = r
    b.scores[r["id"]] = {}


def _round_scored(b: Board, p: dict, e: Event) -> None:
    score = {"score": p["score"], "reason": p["reason"]}
    if p.get("aloud"):
        score["aloud"] = True  # given aloud by someone without a phone, entered by the chair
    b.scores[p["round_id"]][p["member_id"]] = score
    b.rounds[p["round_id"]]["count"] = p["count"]


def _round_closed(b: Board, p: dict, e: Event) -> None:
    b.rounds[p["round_id"]]["status"] = "closed"


def _round_revealed(b: Board, p: dict, e: Event) -> None:
    r = b.rounds[p["round_id"]]
    r["status"] = "closed"
    r["revealed"] = True


def _session_closed(b: Board, p: dict, e: Event) -> None:
    b.conference["closed_session"] = True
    b.frozen = None
    b.frozen = copy.deepcopy(b)
    b.frozen.seq = e["seq"]


def _session_opened(b: Board, p: dict, e: Event) -> None:
    b.conference["closed_session"] = False
    b.frozen = None


def _conference_updated(b: Board, p: dict, e: Event) -> None:
    b.conference.update(p["conference"])


def _conference_focused(b: Board, p: dict, e: Event) -> None:
    b.conference["focus"] = p["section"]


def _status(value: str):
    def handler(b: Board, p: dict, e: Event) -> None:
        b.conference["status"] = value

    return handler


def _decision_recorded(b: Board, p: dict, e: Event) -> None:
    b.conference["decision"] = dict(p["decision"])


def _record_corrected(b: Board, p: dict, e: Event) -> None:
    things = {"item": b.items, "statement": b.statements, "member": b.members}[p["target"]]
    if p["id"] in things:
        things[p["id"]][p["field"]] = p["new"]


def _record_approved(b: Board, p: dict, e: Event) -> None:
    b.conference["approved"] = dict(p["approved"])


HANDLERS = {
    "conference.created": _conference_created,
    "member.joined": _member_joined,
    "member.admitted": _member_admitted,
    "member.language_set": _member_language_set,
    "member.added": _member_admitted,
    "member.removed": _member_removed,
    "item.added": _item_upsert,
    "item.edited": _item_upsert,
    "item.moved": _item_upsert,
    "item.accepted": _item_upsert,
    "item.deleted": _item_gone,
    "item.rejected": _item_gone,
    "statement.added": _statement_upsert,
    "statement.edited": _statement_upsert,
    "statement.deleted": _statement_deleted,
    "round.opened": _round_opened,
    "round.scored": _round_scored,
    "round.closed": _round_closed,
    "round.revealed": _round_revealed,
    "session.closed": _session_closed,
    "session.opened": _session_opened,
    "conference.updated": _conference_updated,
    "conference.focused": _conference_focused,
    "conference.locked": _status("locked"),
    "conference.unlocked": _status("open"),
    "conference.closed": _status("closed"),
    "decision.recorded": _decision_recorded,
    "record.corrected": _record_corrected,
    "record.approved": _record_approved,
}
