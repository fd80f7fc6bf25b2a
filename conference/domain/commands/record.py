"""After the end: the chair corrects typing in the record (the old and new words both kept)
and approves the minutes."""

from __future__ import annotations

from typing import Any

from .. import vocabulary as v
from ..errors import DomainError
from ..events import Event, Teller, declare
from ..state import Board
from ..validate import Payload, check_choice, check_id, clean_text, invalid
from .common import EVERYONE, conflict, item_vis, private_vis, restrict
from .registry import Change, Context, command
from .statements import STATEMENT_TEXT

# --- the events -------------------------------------------------------------------

_ROWS = {"item": ("items", "id"), "statement": ("statements", "id"), "member": ("members", "member_id")}


def _corrected(b: Board, p: dict, e: Event) -> None:
    things = {"item": b.items, "statement": b.statements, "member": b.members}[p["target"]]
    if p["id"] in things:
        things[p["id"]][p["field"]] = p["new"]


def _show_corrected(snap: dict, p: dict) -> None:
    rows, key = _ROWS[p["target"]]
    for row in snap[rows]:
        if row[key] == p["id"]:
            row[p["field"]] = p["new"]


def _says_corrected(t: Teller, p: dict) -> str:
    what = {"item": "an item", "statement": "a statement", "member": "a name"}[p["target"]]
    return f"corrected the typing of {what} after the end: “{p['old'] or ''}” → “{p['new'] or ''}”"


def _approved_fold(b: Board, p: dict, e: Event) -> None:
    b.conference["approved"] = dict(p["approved"])


def _show_approved(snap: dict, p: dict) -> None:
    snap["conference"]["approved"] = dict(p["approved"])


RECORD_CORRECTED = declare("record.corrected", _corrected, _show_corrected, says=_says_corrected)
RECORD_APPROVED = declare(
    "record.approved", _approved_fold, _show_approved, says=lambda t, p: "approved the minutes"
)

# --- the rules ----------------------------------------------------------------------


CORRECTABLE = {
    "item": ("text",),
    "statement": STATEMENT_TEXT,
    "member": ("name",),
}


def _approved(board: Board) -> None:
    if board.conference.get("approved"):
        raise DomainError(
            "closed",
            "These minutes are approved. If something is still wrong, say so in a note to the case record.",
        )


@command("record.correct", RECORD_CORRECTED, chair_only=True, after_end=True)
def record_correct(board: Board, actor: dict, is_chair: bool, payload: Any, ctx: Context) -> Change:
    """Correct typing after the end: the old and the new words are both kept in the log."""
    _approved(board)
    p = Payload(payload, ("target", "id", "field", "text"))
    target = check_choice(p.require("target", "what to correct"), CORRECTABLE, "what to correct")
    field = check_choice(p.require("field", "field"), CORRECTABLE[target], "field")
    thing_id = check_id(p.require("id", "id"), "id")
    things = {"item": board.items, "statement": board.statements, "member": board.members}[target]
    thing = things.get(thing_id)
    if thing is None or (target == "member" and thing["kind"] == v.MemberKind.DISPLAY):
        raise DomainError("not_found", "We couldn't find that {target} on this board.", target=target)
    limit = {"item": v.MAX_ITEM_TEXT, "statement": v.MAX_STATEMENT_FIELD, "member": v.MAX_NAME}[target]
    required = target != "statement" or field == "text" and thing["kind"] == "safety_goal"
    new = clean_text(p.get("text"), field, limit, required=required)
    old = thing.get(field)
    if new == old:
        raise invalid("That is what it already says.")
    if target == "statement":
        after = dict(thing, **{field: new})
        if after["kind"] == "danger" and not any(after[k] for k in ("who", "behaviour", "impact", "text")):
            raise invalid("A danger statement needs at least who is worried or what about.")
    vis = restrict(board, item_vis(thing) if target == "item" else private_vis(thing))
    payload_out = {"target": target, "id": thing_id, "field": field, "old": old, "new": new, "at": ctx.now}
    return Change(RECORD_CORRECTED, payload_out, vis, {"id": thing_id})


@command("record.approve", RECORD_APPROVED, chair_only=True, after_end=True)
def record_approve(board: Board, actor: dict, is_chair: bool, payload: Any, ctx: Context) -> Change:
    """The chair signs off the record: from now on it says "Approved by … on …"."""
    Payload(payload, ())
    _approved(board)
    if any(c["status"] == "requested" for c in board.corrections.values()):
        raise conflict("Please answer every request for a correction before approving the minutes.")
    approved = {"by": actor["member_id"], "by_name": actor["name"], "at": ctx.now}
    return Change(RECORD_APPROVED, {"approved": approved}, list(EVERYONE))
