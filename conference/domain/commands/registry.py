"""The command registry: each command registered once with its rule, the event it makes
and who may send it; decide() checks who is asking and runs the rule.

A rule is pure: (board, actor, is_chair, payload, ctx) -> the Change it makes, or a
DomainError. The rules live by aggregate beside the events they make (items.py, …)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .. import vocabulary as v
from ..errors import DomainError
from ..events import EVENTS
from ..state import Board
from ..validate import invalid
from ..working_days import DEFAULT_NATION
from .common import conflict, forbidden


@dataclass(frozen=True)
class Context:
    """What comes in from the edge: the time, a source of fresh ids, and the settings a rule
    counts with (the nation whose bank holidays are not working days, the local time zone)."""

    now: str
    new_id: Callable[[], str]
    nation: str = DEFAULT_NATION
    timezone: str = "Europe/London"


@dataclass
class Change:
    """The event a command makes, before the store gives it a seq, and what else it means
    beyond the board (the service carries that out; the domain only says it)."""

    type: str
    payload: dict[str, Any]
    vis: list[str]
    result: dict[str, Any] | None = None
    per_viewer: bool = False  # each member gets their own version (a score, a board)
    admit: str | None = None  # this member is now in the room: their screens join it
    remove: str | None = None  # this member's tokens stop and their screens are cut
    audit: tuple[str, str] | None = None  # (what happened, to which member) for the access audit


def make_event(seq: int, change: Change, actor: str | None, at: str) -> dict[str, Any]:
    """The one place an event is made: what the log holds and every screen folds."""
    return {
        "seq": seq,
        "type": change.type,
        "payload": change.payload,
        "actor": actor,
        "at": at,
        "vis": change.vis,
    }


@dataclass(frozen=True)
class Command:
    """One command, registered once: its rule, the event it makes and who may send it."""

    name: str
    event: str
    rule: Callable[[Board, dict, bool, Any, Context], Change]
    chair_only: bool
    while_open: bool  # a participant needs the board unlocked
    in_closed_session: bool  # the family side may send it during a closed session
    after_end: bool = False  # only once the conference has ended (checking the record)


COMMANDS: dict[str, Command] = {}


def command(
    name: str,
    event: str,
    *,
    chair_only: bool = False,
    while_open: bool = False,
    in_closed_session: bool = False,
    after_end: bool = False,
):
    """Register a command's rule: @command("item.add", ITEM_ADDED, while_open=True), where
    ITEM_ADDED = declare("item.added", …) is the event it makes, declared just before."""

    def register(rule: Callable[[Board, dict, bool, Any, Context], Change]):
        assert name not in COMMANDS, name
        assert event in EVENTS, f"{name} makes {event}, which is not declared (domain/events.py)"
        COMMANDS[name] = Command(name, event, rule, chair_only, while_open, in_closed_session, after_end)
        return rule

    return register


def decide(board: Board, actor_id: str, type_: Any, payload: Any, ctx: Context) -> Change:
    """Check a command against the board and say which event it makes."""
    if not isinstance(type_, str) or type_ not in COMMANDS:
        raise invalid("'{type}' is not a command this board knows.", type=type_)
    spec = COMMANDS[type_]
    actor = board.members.get(actor_id)
    if actor is None or actor["status"] == v.Status.REMOVED:
        raise DomainError("unauthorized", "You are no longer part of this conference.")
    kind = actor["kind"]
    if kind == v.MemberKind.DISPLAY:
        raise forbidden("The projector shows the board; it cannot change it.")
    if kind == v.MemberKind.PARTICIPANT and actor["status"] != v.Status.ADMITTED:
        raise forbidden("The chair will let you in shortly. Please wait.")
    if kind not in (v.MemberKind.FACILITATOR, v.MemberKind.PARTICIPANT):
        raise forbidden("This person cannot change the board.")
    if (
        kind == v.MemberKind.PARTICIPANT
        and board.closed_session
        and board.side_of(actor_id) == v.Side.FAMILY
        and not spec.in_closed_session
    ):
        raise DomainError(
            "forbidden",
            "The professionals are talking privately. What you wrote is kept and will be sent when you are back on the board.",
        )
    if board.status == "closed" and not spec.after_end:
        raise DomainError("closed", "This conference has finished; the board can no longer change.")
    is_chair = kind == v.MemberKind.FACILITATOR
    if not is_chair and spec.chair_only:
        raise forbidden("Only the chair can do that.")
    if spec.after_end and board.status != "closed":
        raise conflict("The record is checked after the end. Until then, change it on the board.")
    if not is_chair and spec.while_open and board.status == "locked":
        raise DomainError(
            "locked",
            "The chair has paused changes to the board for now. What you wrote is kept and will be sent when the board opens again.",
        )
    change = spec.rule(board, actor, is_chair, payload, ctx)
    assert change.type == spec.event, (type_, change.type)
    return change


def event_types() -> list[str]:
    """Every event type there is (each declared once, domain/events.py)."""
    return list(EVENTS)
