"""The board: the whole state of one conference, and apply(board, event), the fold of its log
(each event type's own fold is declared with it: domain/events.py)."""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from . import vocabulary as v
from .events import Event, event_type


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
    # requests for corrections after the end, by id (each seen by the chair and its sender)
    corrections: dict[str, dict[str, Any]] = field(default_factory=dict)
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
            m["kind"] == v.MemberKind.PARTICIPANT and m["status"] == v.Status.REMOVED
            for m in self.members.values()
        )


def in_plan(item) -> bool:
    """An item of "What needs to happen?" that is a step of the plan: sorted by the chair as
    an action (Next steps), or with a person or a date. An item not yet sorted with neither
    (a parent's "I want my mum to help") is not an agreed step: it stays in its column, under
    "Other", but is not listed under the plan or "What happens next". The family's and
    agencies' goals are not steps either. The screens' "What happens next" uses the same rule
    (static/js/board-view.js inPlan)."""
    return item["column"] == v.PLAN_COLUMN and (
        item["category"] == "actions" or bool(item.get("owner")) or bool(item.get("due"))
    )


def in_meeting(member: dict[str, Any]) -> bool:
    """Is this person in the meeting now? The chair, someone let in with their own screen,
    someone the chair added in the room without one: `present`, and neither waiting in the
    lobby nor removed. Not an apology, and not someone invited before the meeting who was
    never let in to it (they may have sent a report, but were not there: see `attendance`).
    The screens read the same fact (static/js/board-view.js scorers, agenciesPresent)."""
    return bool(member.get("present")) and member["status"] not in (v.Status.REMOVED, v.Status.WAITING)


def attendance(member: dict[str, Any]) -> str:
    """How someone stands in the minutes' "Who was there": `present` (in the meeting, even if
    removed later), `apologies` (added by the chair as not there), or, for someone invited
    before the meeting who never joined it, `report_only` (their report came, they did not)
    or `absent` (neither came)."""
    if member.get("present"):
        return "present"
    if member.get("invited"):
        return "report_only" if member.get("report_submitted_at") else "absent"
    return "apologies"


def agencies_present(members) -> list[str]:
    """The agencies besides the family in the meeting: each professional role of someone
    in it (in_meeting: not the chair, not an observer, not an apology, not someone who only
    sent a report), once."""
    roles = []
    for m in members:
        role = m.get("role")
        if (
            m["kind"] in (v.MemberKind.PARTICIPANT, v.MemberKind.OFFLINE)
            and in_meeting(m)
            and role in v.PROFESSIONAL_ROLES
            and role != v.OBSERVER_ROLE
            and role not in roles
        ):
            roles.append(role)
    return roles


def kept_from_family(item: dict[str, Any]) -> bool:
    """Private (said in a closed session, or kept from the family before the meeting), or
    held: written into an invited professional's report that is not sent yet
    (commands/items.py). The family side is never sent it; static/js has no copy of this
    rule, since the family's screens never receive such an item."""
    return bool(item["private"] or item.get("held"))


def member_side(member: dict[str, Any]) -> str | None:
    kind = member["kind"]
    if kind == v.MemberKind.FACILITATOR:
        return v.MemberKind.FACILITATOR
    if kind == v.MemberKind.DISPLAY:
        return v.Side.FAMILY
    if kind == v.MemberKind.PARTICIPANT:
        return v.Side.FAMILY if v.is_family_side(member["role"]) else v.Side.STAFF
    return None


def sort_items(items: list[dict]) -> list[dict]:
    """The one order of items: by column, then where the room put them (static/js/board-fold.js
    sortItems is the same)."""
    order = {c: n for n, c in enumerate(v.COLUMN_ORDER)}
    return sorted(items, key=lambda i: (order[i["column"]], i["rank"], i["id"]))


def sort_members(members: Iterable[dict]) -> list[dict]:
    return sorted(members, key=lambda m: (m["joined_at"], m["member_id"]))


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
    event_type(event["type"]).fold(board, event["payload"], event)
    board.seq = event["seq"]
    board.last_at = event["at"]
    return board


def fold(events: list[Event], board: Board | None = None) -> Board:
    board = board or Board()
    for event in events:
        apply(board, event)
    return board
