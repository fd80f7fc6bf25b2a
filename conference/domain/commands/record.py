"""After the end: the chair corrects typing in the record (the old and new words both kept),
the decision's words included, and approves the minutes. A correction may answer an accepted
request (correction.accept): the request then lists what was changed."""

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


def _change(p: dict) -> dict:
    """What a correction that answers a request changed, as the request lists it."""
    return {"target": p["target"], "field": p["field"], "old": p["old"], "new": p["new"]}


def _with_change(correction: dict, p: dict) -> dict:
    return dict(correction, changes=[*correction.get("changes", []), _change(p)])


def _corrected(b: Board, p: dict, e: Event) -> None:
    if p["target"] == "decision":
        if b.conference.get("decision") is not None:
            b.conference["decision"] = dict(b.conference["decision"], **{p["field"]: p["new"]})
    else:
        things = {"item": b.items, "statement": b.statements, "member": b.members}[p["target"]]
        if p["id"] in things:
            things[p["id"]][p["field"]] = p["new"]
    answers = p.get("correction")
    if answers in b.corrections:
        b.corrections[answers] = _with_change(b.corrections[answers], p)


def _show_corrected(snap: dict, p: dict) -> None:
    if p["target"] == "decision":
        if snap["conference"].get("decision") is not None:
            snap["conference"]["decision"] = dict(snap["conference"]["decision"], **{p["field"]: p["new"]})
    else:
        rows, key = _ROWS[p["target"]]
        for row in snap[rows]:
            if row[key] == p["id"]:
                row[p["field"]] = p["new"]
    corrections = snap.get("corrections") or []
    for i, c in enumerate(corrections):  # only its sender (and the chair) hold the request
        if c["id"] == p.get("correction"):
            corrections[i] = _with_change(c, p)


def _says_corrected(t: Teller, p: dict) -> str:
    what = {"item": "an item", "statement": "a statement", "member": "a name", "decision": "the decision"}[
        p["target"]
    ]
    answering = " (answering a request for a correction)" if p.get("correction") else ""
    return f"corrected the typing of {what} after the end{answering}: “{p['old'] or ''}” → “{p['new'] or ''}”"


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
    # the decision's words (what was decided, who disagreed, where the next meeting is);
    # its id is "decision"
    "decision": ("text", "dissent", "next_meeting_place"),
}
DECISION_ID = "decision"


def _approved(board: Board) -> None:
    if board.conference.get("approved"):
        raise DomainError(
            "closed",
            "These minutes are approved. If something is still wrong, say so in a note to the case record.",
        )


@command("record.correct", RECORD_CORRECTED, chair_only=True, after_end=True)
def record_correct(board: Board, actor: dict, is_chair: bool, payload: Any, ctx: Context) -> Change:
    """Correct typing after the end: the old and the new words are both kept in the log.
    `correction` (optional) is the accepted request the change answers."""
    _approved(board)
    p = Payload(payload, ("target", "id", "field", "text", "correction"))
    target = check_choice(p.require("target", "what to correct"), CORRECTABLE, "what to correct")
    field = check_choice(p.require("field", "field"), CORRECTABLE[target], "field")
    thing_id = check_id(p.require("id", "id"), "id")
    answers = _answers(board, p.get("correction"))
    if target == "decision":
        thing = board.conference.get("decision") if thing_id == DECISION_ID else None
        if thing is None:
            raise DomainError("not_found", "No decision was recorded at this conference.")
    else:
        things = {"item": board.items, "statement": board.statements, "member": board.members}[target]
        thing = things.get(thing_id)
        if thing is None or (target == "member" and thing["kind"] == v.MemberKind.DISPLAY):
            raise DomainError("not_found", "We couldn't find that {target} on this board.", target=target)
    limit = {
        "item": v.MAX_ITEM_TEXT,
        "statement": v.MAX_STATEMENT_FIELD,
        "member": v.MAX_NAME,
        "decision": v.MAX_PLACE if field == "next_meeting_place" else v.MAX_DECISION_TEXT,
    }[target]
    required = (
        target in ("item", "member")
        or target == "statement"
        and field == "text"
        and thing["kind"] == "safety_goal"
    )
    new = clean_text(p.get("text"), field, limit, required=required)
    old = thing.get(field)
    if new == old:
        raise invalid("That is what it already says.")
    if target == "statement":
        after = dict(thing, **{field: new})
        if after["kind"] == "danger" and not any(after[k] for k in ("who", "behaviour", "impact", "text")):
            raise invalid("A danger statement needs at least who is worried or what about.")
    if target == "decision":
        vis = restrict(board, EVERYONE)  # the decision is heard by everyone
    else:
        vis = restrict(board, item_vis(thing) if target == "item" else private_vis(thing))
    payload_out = {"target": target, "id": thing_id, "field": field, "old": old, "new": new, "at": ctx.now}
    if answers is not None:
        payload_out["correction"] = answers
    return Change(RECORD_CORRECTED, payload_out, vis, {"id": thing_id})


def _answers(board: Board, value: Any) -> str | None:
    """The request a correction answers: one the chair has accepted."""
    if value is None:
        return None
    found = board.corrections.get(check_id(value, "correction"))
    if found is None:
        raise DomainError("not_found", "We couldn't find that request for a correction.")
    if found["status"] != "accepted":
        raise conflict("Please accept this request for a correction before correcting what it is about.")
    return found["id"]


@command("record.approve", RECORD_APPROVED, chair_only=True, after_end=True)
def record_approve(board: Board, actor: dict, is_chair: bool, payload: Any, ctx: Context) -> Change:
    """The chair signs off the record: from now on it says "Approved by … on …"."""
    Payload(payload, ())
    _approved(board)
    if any(c["status"] == "requested" for c in board.corrections.values()):
        raise conflict("Please answer every request for a correction before approving the minutes.")
    approved = {"by": actor["member_id"], "by_name": actor["name"], "at": ctx.now}
    return Change(RECORD_APPROVED, {"approved": approved}, list(EVERYONE))
