"""What every command's rules share: refusals, who may see an event, versions, people."""

from __future__ import annotations

from typing import Any

from .. import vocabulary as v
from ..errors import N_, DomainError
from ..state import Board, kept_from_family
from ..validate import check_id, check_int

# staff and family: every screen (during a closed session restrict() narrows it)
EVERYONE = (v.Side.STAFF, v.Side.FAMILY)


def forbidden(message: str, **values: Any) -> DomainError:
    return DomainError("forbidden", message, **values)


NOT_FOUND = {
    "child": N_("We couldn't find that child. It may have been removed."),
    "danger statement": N_("We couldn't find that danger statement. It may have been removed."),
    "item": N_("We couldn't find that item. It may have been removed."),
    "item to place it before": N_("We couldn't find that item to place it before. It may have been removed."),
    "person": N_("We couldn't find that person. It may have been removed."),
    "safety goal": N_("We couldn't find that safety goal. It may have been removed."),
    "scaling round": N_("We couldn't find that scaling round. It may have been removed."),
    "statement": N_("We couldn't find that statement. It may have been removed."),
}


def not_found(what: str) -> DomainError:
    return DomainError("not_found", NOT_FOUND[what])


def conflict(message: str, **values: Any) -> DomainError:
    return DomainError("conflict", message, **values)


def restrict(board: Board, vis: list[str] | tuple[str, ...]) -> list[str]:
    """During a closed session the family side and the display see nothing."""
    if not board.closed_session:
        return list(vis)
    return [
        t
        for t in vis
        if t != v.Side.FAMILY and not (t.startswith("m:") and board.side_of(t[2:]) == v.Side.FAMILY)
    ]


def item_vis(item: dict[str, Any]) -> list[str]:
    if item["status"] == v.ItemStatus.PENDING:
        return ["m:" + item["author"]]
    if kept_from_family(item):
        return [v.Side.STAFF]
    return list(EVERYONE)


def private_vis(thing: dict[str, Any]) -> list[str]:
    return [v.Side.STAFF] if thing.get("private") else list(EVERYONE)


def check_version(thing: dict, version: Any) -> None:
    check_int(version, "version", 1, 2**31)
    if version != thing["version"]:
        raise conflict(
            "Someone else changed this a moment ago. Please look at the latest version and try again."
        )


def member_by_id(board: Board, member_id: Any) -> dict:
    member = board.members.get(check_id(member_id, "member id"))
    if member is None:
        raise not_found("person")
    return member
