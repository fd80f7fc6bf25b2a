"""What one viewer may see: events and snapshots projected per member, and the viewer's own fold."""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import vocabulary as v
from .state import Board, Event, member_side, summarise

SNAPSHOT_MEMBER_FIELDS = ("member_id", "kind", "name", "role", "status", "present", "joined_at", "language")


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
        return self.side == v.Kind.FACILITATOR


def may_see(vis: list[str], viewer: Viewer) -> bool:
    if viewer.is_chair:
        return True
    if (v.Audience.STAFF if viewer.side == v.Side.PROFESSIONAL else v.Audience.FAMILY) in vis:
        return True
    return "m:" + viewer.member_id in vis


def is_public(vis: list[str]) -> bool:
    """Seen the same way by every screen: one room emit is enough."""
    return v.Audience.STAFF in vis and v.Audience.FAMILY in vis


def hidden(event: Event) -> Event:
    return {"seq": event["seq"], "type": "hidden", "at": event["at"]}


def view_event(event: Event, viewer: Viewer, board_after: Board | None = None) -> Event:
    """The event as this viewer receives it; board_after is needed only for session.opened."""
    if not may_see(event["vis"], viewer):
        return hidden(event)
    payload = event["payload"]
    kind = event["type"]
    if kind == "round.scored":
        out: dict[str, Any] = {"round_id": payload["round_id"], "count": payload["count"]}
        if payload["member_id"] == viewer.member_id:
            out["mine"] = {"score": payload["score"], "reason": payload["reason"]}
        payload = out
    elif kind == "session.opened" and viewer.side == v.Side.FAMILY:
        if board_after is None or board_after.seq != event["seq"]:
            raise ValueError("session.opened for the family side needs the board at that seq")
        payload = {"board": view_snapshot(board_after, viewer)}
    return {
        "seq": event["seq"],
        "type": kind,
        "payload": payload,
        "actor": event["actor"],
        "at": event["at"],
    }


def public_event(event: Event) -> Event:
    """The one form of an event every screen may see (only for is_public(vis) events)."""
    return view_event(event, Viewer("", v.Side.PROFESSIONAL))


def replay_needs_snapshot(events: list[Event], viewer: Viewer) -> bool:
    """A family-side screen catches up on a closed session with the board, not the events."""
    return viewer.side == v.Side.FAMILY and any(e["type"] == "session.opened" for e in events)


def _item_visible(item: dict, viewer: Viewer) -> bool:
    if viewer.is_chair:
        return True
    if item["private"] and viewer.side != v.Side.PROFESSIONAL:
        return False
    return item["status"] == v.ItemStatus.ACCEPTED or item["author"] == viewer.member_id


def _sort_items(items: list[dict]) -> list[dict]:
    order = {c: n for n, c in enumerate(v.COLUMN_ORDER)}
    return sorted(items, key=lambda i: (order[i["column"]], i["rank"], i["id"]))


def _sort_members(members: list[dict]) -> list[dict]:
    return sorted(members, key=lambda m: (m["joined_at"], m["member_id"]))


def view_snapshot(board: Board, viewer: Viewer) -> dict[str, Any]:
    """The board as this viewer sees it: equal to folding the events it was sent."""
    if viewer.side == v.Side.FAMILY and board.closed_session and board.frozen is not None:
        snap = view_snapshot(board.frozen, viewer)
        snap["seq"] = board.seq
        return snap
    staff = viewer.side != v.Side.FAMILY
    members = [
        {k: m.get(k) for k in SNAPSHOT_MEMBER_FIELDS}
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
    return {
        "seq": board.seq,
        "conference": dict(board.conference),
        "members": _sort_members(members),
        "items": _sort_items([dict(i) for i in board.items.values() if _item_visible(i, viewer)]),
        "statements": [dict(s) for s in board.statements.values() if staff or not s["private"]],
        "rounds": rounds,
    }


# --- the viewer's own fold (what every client does with the events it receives) --------


def apply_view(snap: dict[str, Any], event: Event) -> dict[str, Any]:
    """Fold one received event into a viewer's snapshot (returns a new snapshot).
    static/js/board-fold.js is the same fold for the browser (tests/js checks they agree)."""
    if event["seq"] != snap.get("seq", 0) + 1:
        raise ValueError(f"gap: have {snap.get('seq', 0)}, got {event['seq']}")
    kind, p = event["type"], event.get("payload", {})
    handler = VIEW_HANDLERS.get(kind)
    if handler is None:
        raise ValueError(f"unknown event type {kind!r}")
    snap = copy.deepcopy(snap)
    snap.setdefault("conference", {})
    snap = handler(snap, p) or snap
    snap["seq"] = event["seq"]
    return snap


def _v_created(snap: dict, p: dict) -> None:
    snap.update(conference=dict(p["conference"]), members=[dict(m) for m in p["members"]])
    snap.update(items=[], statements=[], rounds=[])


def _v_member(snap: dict, p: dict) -> None:
    _upsert(snap["members"], "member_id", p["member"])
    snap["members"] = _sort_members(snap["members"])


def _v_member_removed(snap: dict, p: dict) -> None:
    for m in snap["members"]:
        if m["member_id"] == p["member_id"]:
            m["status"] = v.Status.REMOVED


def _v_item(snap: dict, p: dict) -> None:
    _upsert(snap["items"], "id", p["item"])
    snap["items"] = _sort_items(snap["items"])


def _v_item_gone(snap: dict, p: dict) -> None:
    snap["items"] = [i for i in snap["items"] if i["id"] != p["id"]]


def _v_statement(snap: dict, p: dict) -> None:
    _upsert(snap["statements"], "id", p["statement"])


def _v_statement_deleted(snap: dict, p: dict) -> None:
    snap["statements"] = [s for s in snap["statements"] if s["id"] != p["id"]]
    for s in snap["statements"]:
        if s.get("pairs_with") == p["id"]:
            s["pairs_with"] = None


def _v_round_opened(snap: dict, p: dict) -> None:
    snap["rounds"].append(dict(p["round"]))


def _v_round(kind: str):
    def handle(snap: dict, p: dict) -> None:
        for r in snap["rounds"]:
            if r["id"] == p["round_id"]:
                _round_event(r, kind, p)

    return handle


def _v_conf(**values: Any):
    def handle(snap: dict, p: dict) -> None:
        snap["conference"].update(values)

    return handle


def _v_session_opened(snap: dict, p: dict) -> dict:
    if "board" in p:
        snap = copy.deepcopy(p["board"])
    snap["conference"]["closed_session"] = False
    return snap


def _v_corrected(snap: dict, p: dict) -> None:
    rows, key = {
        "item": ("items", "id"),
        "statement": ("statements", "id"),
        "member": ("members", "member_id"),
    }[p["target"]]
    for row in snap[rows]:
        if row[key] == p["id"]:
            row[p["field"]] = p["new"]


VIEW_HANDLERS: dict[str, Callable[[dict, dict], dict | None]] = {
    "hidden": lambda snap, p: None,
    "conference.created": _v_created,
    "member.joined": _v_member,
    "member.admitted": _v_member,
    "member.language_set": _v_member,
    "member.added": _v_member,
    "member.removed": _v_member_removed,
    "item.added": _v_item,
    "item.edited": _v_item,
    "item.moved": _v_item,
    "item.accepted": _v_item,
    "item.deleted": _v_item_gone,
    "item.rejected": _v_item_gone,
    "statement.added": _v_statement,
    "statement.edited": _v_statement,
    "statement.deleted": _v_statement_deleted,
    "round.opened": _v_round_opened,
    "round.scored": _v_round("round.scored"),
    "round.closed": _v_round("round.closed"),
    "round.revealed": _v_round("round.revealed"),
    "session.closed": _v_conf(closed_session=True),
    "session.opened": _v_session_opened,
    "conference.updated": lambda snap, p: snap["conference"].update(p["conference"]),
    "conference.focused": lambda snap, p: snap["conference"].update(focus=p["section"]),
    "conference.locked": _v_conf(status="locked"),
    "conference.unlocked": _v_conf(status="open"),
    "conference.closed": _v_conf(status="closed"),
    "decision.recorded": lambda snap, p: snap["conference"].update(decision=dict(p["decision"])),
    "record.corrected": _v_corrected,
    "record.approved": lambda snap, p: snap["conference"].update(approved=dict(p["approved"])),
}


def _upsert(rows: list[dict], key: str, row: dict) -> None:
    for n, existing in enumerate(rows):
        if existing[key] == row[key]:
            rows[n] = dict(row)
            return
    rows.append(dict(row))


def _round_event(r: dict, kind: str, p: dict) -> None:
    if kind == "round.scored":
        r["count"] = p["count"]
        if "mine" in p:
            r["mine"] = dict(p["mine"])
    else:
        r["status"] = "closed"
        if kind == "round.revealed":
            r["revealed"] = True
            r["scores"] = {mid: dict(s) for mid, s in p["scores"].items()}
            r["summary"] = dict(p["summary"])
