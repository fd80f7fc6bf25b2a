"""After the end: anyone who took part asks for a correction of what was written (for 10
working days after the end, in the chair's nation), and the chair accepts or declines each
with a reason. Accepting changes no words by itself: the chair then corrects the record
with record.correct (record.py), so every change of words is in one log with its old and
new words. A request and its answer are seen by the chair and the person who sent it."""

from __future__ import annotations

from typing import Any

from .. import vocabulary as v
from ..errors import DomainError
from ..events import Event, Teller, declare, upsert
from ..state import Board, kept_from_family, member_side
from ..validate import Payload, check_id, clean_text, required_text
from ..working_days import CORRECTION_DAYS, corrections_until, local_date
from .common import conflict
from .registry import Change, Context, command

# --- the events -------------------------------------------------------------------


def _put(b: Board, p: dict, e: Event) -> None:
    b.corrections[p["correction"]["id"]] = dict(p["correction"])


def _show(snap: dict, p: dict) -> None:
    upsert(snap.setdefault("corrections", []), "id", p["correction"])


def _said_about(p: dict) -> str:
    about = p["correction"].get("about")
    return f" (about {about['text'] or about['id']})" if about else ""


def _says_requested(t: Teller, p: dict) -> str:
    return f"asked for a correction of the minutes{_said_about(p)}: “{p['correction']['text']}”"


def _says_answered(verb: str):
    def says(t: Teller, p: dict) -> str:
        c = p["correction"]
        reason = f": “{c['reason']}”" if c.get("reason") else ""
        return f"{verb} {t.name(c['from'])}'s request for a correction{reason}"

    return says


CORRECTION_REQUESTED = declare("correction.requested", _put, _show, says=_says_requested)
CORRECTION_ACCEPTED = declare("correction.accepted", _put, _show, says=_says_answered("accepted"))
CORRECTION_DECLINED = declare("correction.declined", _put, _show, says=_says_answered("declined"))

# --- the rules ----------------------------------------------------------------------


def last_day(board: Board, ctx: Context) -> str:
    """The last local day a correction may be asked for (set when the conference closed;
    a log from before corrections counts from its end in today's nation)."""
    until = board.conference.get("corrections_until")
    if until:
        return str(until)
    return corrections_until(board.closed_at or ctx.now, ctx.nation, ctx.timezone)


def _approved(board: Board) -> bool:
    """Once the chair has approved the minutes nothing in them changes: no new request, and
    none accepted (one sent before approval that is still unanswered can be declined)."""
    return bool(board.conference.get("approved"))


def _about(board: Board, actor: dict, value: Any) -> dict | None:
    """What the correction is about: an item or statement on the board the sender could see
    (by its id), or the sender's own words."""
    text = clean_text(value, "what it is about", v.MAX_ABOUT, required=False)
    if text is None:
        return None
    staff = member_side(actor) != v.Side.FAMILY
    item = board.items.get(text)
    if item is not None and (staff or not kept_from_family(item)) and item["status"] == v.ItemStatus.ACCEPTED:
        return {"target": "item", "id": text, "text": item["text"]}
    statement = board.statements.get(text)
    if statement is not None and (staff or not statement["private"]):
        words = statement.get("text") or statement.get("behaviour") or statement.get("who")
        return {"target": "statement", "id": text, "text": words}
    return {"target": None, "id": None, "text": text}


@command("correction.request", CORRECTION_REQUESTED, after_end=True)
def correction_request(board: Board, actor: dict, is_chair: bool, payload: Any, ctx: Context) -> Change:
    """Anyone who took part says something in what was written is wrong (10 working days)."""
    p = Payload(payload, ("text", "about"))
    if _approved(board):
        raise conflict(
            "The chair has approved these minutes, so they can no longer be changed here. If something is still wrong, please contact the chair."
        )
    if local_date(ctx.now, ctx.timezone).isoformat() > last_day(board, ctx):
        raise DomainError(
            "closed",
            "Corrections can be asked for here for {days} working days after the conference; that time is over. Please contact the chair.",
            days=CORRECTION_DAYS,
        )
    if len(board.corrections) >= v.MAX_CORRECTIONS:
        raise DomainError(
            "too_large",
            "This conference has {max_corrections} requests for corrections already. Please contact the chair.",
            max_corrections=v.MAX_CORRECTIONS,
        )
    text = required_text(p.get("text"), "correction", v.MAX_CORRECTION)
    correction = {
        "id": ctx.new_id(),
        "from": actor["member_id"],
        "name": actor["name"],
        "role": actor.get("role"),
        # a professional may write of what was said in private: kept out of the family copy
        "private": member_side(actor) != v.Side.FAMILY,
        "text": text,
        "about": _about(board, actor, p.get("about")),
        "status": "requested",
        "reason": None,
        "at": ctx.now,
        "answered_at": None,
    }
    vis = ["m:" + actor["member_id"]]  # and the chair, who sees everything
    return Change(CORRECTION_REQUESTED, {"correction": correction}, vis, {"id": correction["id"]})


def _answer(board: Board, payload: Any, ctx: Context, status: str, event: str) -> Change:
    p = Payload(payload, ("id", "reason"))
    found = board.corrections.get(check_id(p.require("id", "id"), "id"))
    if found is None:
        raise DomainError("not_found", "We couldn't find that request for a correction.")
    if found["status"] != "requested":
        raise conflict("This request for a correction has already been answered.")
    reason: str | None
    if status == "declined":
        reason = required_text(p.get("reason"), "reason", v.MAX_CORRECTION)
    else:
        reason = clean_text(p.get("reason"), "reason", v.MAX_CORRECTION, required=False)
    answered = dict(found, status=status, reason=reason, answered_at=ctx.now)
    return Change(event, {"correction": answered}, ["m:" + found["from"]], {"id": found["id"]})


@command("correction.accept", CORRECTION_ACCEPTED, chair_only=True, after_end=True)
def correction_accept(board: Board, actor: dict, is_chair: bool, payload: Any, ctx: Context) -> Change:
    """The chair agrees (then corrects the words with record.correct where words change)."""
    if _approved(board):
        raise conflict(
            "The minutes are approved, so nothing in them can change now. Please decline this request and say why."
        )
    return _answer(board, payload, ctx, "accepted", CORRECTION_ACCEPTED)


@command("correction.decline", CORRECTION_DECLINED, chair_only=True, after_end=True)
def correction_decline(board: Board, actor: dict, is_chair: bool, payload: Any, ctx: Context) -> Change:
    """The chair does not agree, and says why (the reason is required)."""
    return _answer(board, payload, ctx, "declined", CORRECTION_DECLINED)
