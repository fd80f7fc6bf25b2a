"""What one viewer may see: events and snapshots projected per member, and the viewer's own fold."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from . import vocabulary as v
from .events import Event, event_type
from .state import Board, kept_from_family, member_side, sort_items, sort_members, summarise

SNAPSHOT_MEMBER_FIELDS = ("member_id", "kind", "name", "role", "status", "present", "joined_at", "language")
# a member the chair invited before the meeting also has these (the others never do)
INVITED_MEMBER_FIELDS = ("invited", "agency", "opened_at", "report_submitted_at", "report_view", "arrived_at")


def snapshot_member(m: dict[str, Any]) -> dict[str, Any]:
    out = {k: m.get(k) for k in SNAPSHOT_MEMBER_FIELDS}
    out.update({k: m[k] for k in INVITED_MEMBER_FIELDS if k in m})
    return out


@dataclass(frozen=True)
class Viewer:
    member_id: str
    side: str  # facilitator | professional | family

    @classmethod
    def of(cls, board: Board, member_id: str) -> Viewer:
        side = member_side(board.members[member_id])
        if side is None:
            raise ValueError("this member has no screen")
        return cls(member_id, side)

    @property
    def is_chair(self) -> bool:
        return self.side == v.MemberKind.FACILITATOR


def may_see(vis: list[str], viewer: Viewer) -> bool:
    if viewer.is_chair:
        return True
    if (v.Side.STAFF if viewer.side == v.Side.STAFF else v.Side.FAMILY) in vis:
        return True
    return "m:" + viewer.member_id in vis


def is_public(vis: list[str]) -> bool:
    """Seen the same way by every screen: one room emit is enough."""
    return v.Side.STAFF in vis and v.Side.FAMILY in vis


def hidden(event: Event) -> Event:
    return {"seq": event["seq"], "type": "hidden", "at": event["at"]}


def view_event(event: Event, viewer: Viewer, board_after: Board | None = None) -> Event:
    """The event as this viewer receives it; board_after is needed only for session.opened."""
    if not may_see(event["vis"], viewer):
        return hidden(event)
    kind = event["type"]
    shown = event_type(kind).shown
    payload = shown(event, viewer, board_after) if shown else event["payload"]
    return {
        "seq": event["seq"],
        "type": kind,
        "payload": payload,
        "actor": event["actor"],
        "at": event["at"],
    }


def public_event(event: Event) -> Event:
    """The one form of an event every screen may see (only for is_public(vis) events)."""
    return view_event(event, Viewer("", v.Side.STAFF))


def replay_needs_snapshot(events: list[Event], viewer: Viewer) -> bool:
    """A family-side screen catches up on a closed session with the board, not the events."""
    return viewer.side == v.Side.FAMILY and any(e["type"] == "session.opened" for e in events)


def item_visible(item: dict, viewer: Viewer) -> bool:
    if viewer.is_chair:
        return True
    if kept_from_family(item) and viewer.side != v.Side.STAFF:
        return False
    return item["status"] == v.ItemStatus.ACCEPTED or item["author"] == viewer.member_id


def view_snapshot(board: Board, viewer: Viewer) -> dict[str, Any]:
    """The board as this viewer sees it: equal to folding the events it was sent."""
    if viewer.side == v.Side.FAMILY and board.closed_session and board.frozen is not None:
        snap = view_snapshot(board.frozen, viewer)
        snap["seq"] = board.seq
        return snap
    staff = viewer.side != v.Side.FAMILY
    members = [
        snapshot_member(m)
        for mid, m in board.members.items()
        if viewer.is_chair or mid in board.public_members
    ]
    rounds = []
    for r in board.rounds.values():
        if r["private"] and not staff:
            continue
        out = dict(r)
        scores = board.scores.get(r["id"], {})
        if viewer.member_id in scores:
            out["mine"] = dict(scores[viewer.member_id])
        if r["revealed"]:
            out["scores"] = {mid: dict(s) for mid, s in scores.items()}
            out["summary"] = summarise(scores)
        rounds.append(out)
    snap = {
        "seq": board.seq,
        "conference": dict(board.conference),
        "members": sort_members(members),
        # i.copy(), not dict(i): a folded item's key-sharing dict copies as one (commands/items.py folded_item)
        "items": sort_items([i.copy() for i in board.items.values() if item_visible(i, viewer)]),
        "statements": [dict(s) for s in board.statements.values() if staff or not s["private"]],
        "rounds": rounds,
    }
    # requests for corrections after the end: the chair sees every one, others their own
    # (the key is there once this viewer has one, as their fold makes it)
    corrections = [
        dict(c) for c in board.corrections.values() if viewer.is_chair or c["from"] == viewer.member_id
    ]
    if corrections:
        snap["corrections"] = corrections
    return snap


# --- the viewer's own fold (what every client does with the events it receives) --------


def apply_view(snap: dict[str, Any], event: Event) -> dict[str, Any]:
    """Fold one received event into a viewer's snapshot (returns a new snapshot).
    static/js/board-fold.js is the same fold for the browser (tests/js checks they agree)."""
    if event["seq"] != snap.get("seq", 0) + 1:
        raise ValueError(f"gap: have {snap.get('seq', 0)}, got {event['seq']}")
    kind, p = event["type"], event.get("payload", {})
    if kind == "hidden":  # something this viewer may not see: only its seq
        handler = None
    else:
        handler = event_type(kind).view
    snap = copy.deepcopy(snap)
    snap.setdefault("conference", {})
    if handler is not None:
        snap = handler(snap, p) or snap
    snap["seq"] = event["seq"]
    return snap
