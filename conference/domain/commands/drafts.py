"""Not commands: what the chair sends the projector alone, checked here but never logged —
a statement still being typed (the dashed "Draft — not agreed yet" box) and how the
projector's pages turn."""

from __future__ import annotations

from typing import Any

from .. import vocabulary as v
from ..errors import DomainError
from ..state import Board
from ..validate import Payload, check_bool, check_choice, check_id, check_int, clean_text, invalid
from .common import forbidden, not_found
from .statements import STATEMENT_TEXT, statement_language


def check_projector(board: Board, actor_id: str, payload: Any) -> dict[str, Any]:
    """How the chair wants the projector to show the board just now: its pages turning by
    themselves or held (`paused`) on `page`, and scores asked with the family's own words
    (`family_wording`). Not a command: nothing is logged, it goes only to the projector."""
    actor = board.members.get(actor_id)
    if actor is None or actor["kind"] != v.MemberKind.FACILITATOR:
        raise forbidden("Only the chair can turn the projector's pages.")
    p = Payload(payload, ("paused", "page", "family_wording"))
    return {
        "paused": check_bool(p.get("paused", False), "paused"),
        "page": check_int(p.get("page", 0), "page", 0, v.MAX_PROJECTOR_PAGE),
        "family_wording": check_bool(p.get("family_wording", False), "family_wording"),
    }


def check_draft(board: Board, actor_id: str, payload: Any) -> dict[str, Any]:
    """A statement the chair is still typing, for the projector's dashed "Draft — not agreed
    yet" box. Not a command: nothing is logged, and it goes only to the projector. {} (or
    no kind) clears the box. `id` names a statement being changed, shown in its place."""
    actor = board.members.get(actor_id)
    if actor is None or actor["kind"] != v.MemberKind.FACILITATOR:
        raise forbidden("Only the chair's drafts are shown on the projector.")
    if board.status == "closed":
        raise DomainError("closed", "This conference has finished; the board can no longer change.")
    if board.closed_session:
        raise forbidden("The projector shows no drafts while the professionals talk privately.")
    p = Payload(payload, ("id", "kind", *STATEMENT_TEXT, "pairs_with", "language"))
    if p.get("kind") is None:
        if any(p.has(k) for k in ("id", *STATEMENT_TEXT, "pairs_with", "language")):
            raise invalid("A draft needs its kind: 'danger' or 'safety_goal'.")
        return {}
    kind = check_choice(p.get("kind"), v.STATEMENT_KINDS, "kind of statement")
    draft: dict[str, Any] = {
        "kind": kind,
        "id": None,
        "pairs_with": None,
        "language": statement_language(p, actor.get("language")),
    }
    for key in STATEMENT_TEXT:
        draft[key] = clean_text(p.get(key), key, v.MAX_STATEMENT_FIELD, required=False)
    for key in ("id", "pairs_with"):
        if p.get(key) is not None:
            target = board.statements.get(check_id(p.get(key), "statement id"))
            if target is None or target["private"]:
                raise not_found("statement")
            draft[key] = target["id"]
    return draft
