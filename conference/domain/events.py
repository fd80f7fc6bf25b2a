"""Every event type, declared once: how the server's board folds it, how it reaches one
member and how their screen folds it, and the sentence the minutes' record says for it.

Each command's module (domain/commands/) declares the events it makes beside its rules,
with `declare()`; `state.apply`, `views.view_event`/`apply_view` and the minutes' record
read them from `EVENTS`. An event type missing its fold, its view or its sentence cannot be
declared, and tests/domain/test_event_coverage.py checks the browser's fold has them all."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from .state import Board
    from .views import Viewer

Event = dict[str, Any]


class Teller(Protocol):
    """What a record sentence may ask of the minutes (they are built there, in words)."""

    def name(self, member_id: str) -> str: ...

    def where(self, item: dict[str, Any]) -> str: ...

    def quoted(self, item_id: str) -> str: ...

    def text_before(self, item_id: str) -> str | None: ...

    def statement(self, statement: dict[str, Any]) -> str: ...

    def first_time(self, what: str) -> bool: ...


@dataclass(frozen=True)
class EventType:
    """One event type and everything that reads it."""

    name: str
    # the server's board: fold(board, payload, event), in place
    fold: Callable[[Board, dict, Event], None]
    # one member's screen: view(snapshot, payload) folds what that member was sent
    view: Callable[[dict, dict], Any]
    # the minutes' record: says(teller, payload) -> "added to Worries: “…”"
    says: Callable[[Teller, dict], str]
    # what one member is sent of the payload: shown(event, viewer, board_after) (None: the
    # payload as stored); scores go only to their scorer, the end of a closed session
    # gives the family side the board
    shown: Callable[[Event, Viewer, Board | None], dict] | None = None


EVENTS: dict[str, EventType] = {}


def declare(
    name: str,
    fold: Callable[[Board, dict, Event], None],
    view: Callable[[dict, dict], Any],
    *,
    says: Callable[[Teller, dict], str],
    shown: Callable[[Event, Viewer, Board | None], dict] | None = None,
) -> str:
    """Declare an event type (once). Returns its name, for the rules that make it."""
    assert name not in EVENTS, f"{name} is declared twice"
    for part, value in (("fold", fold), ("view", view), ("says", says)):
        assert callable(value), f"{name} needs its {part}"
    EVENTS[name] = EventType(name, fold, view, says, shown)
    return name


def event_type(name: str) -> EventType:
    found = EVENTS.get(name)
    if found is None:
        raise ValueError(f"unknown event type {name!r}")
    return found


# --- small folds several event types share -----------------------------------------


def upsert(rows: list[dict], key: str, row: dict) -> None:
    """A member's list of items/statements/members: replace the row with this key, or add it."""
    for n, existing in enumerate(rows):
        if existing[key] == row[key]:
            rows[n] = dict(row)
            return
    rows.append(dict(row))


def set_conference(**values: Any) -> tuple[Callable, Callable]:
    """(fold, view) for an event that sets fields of the conference to fixed values."""

    def fold(b: Board, p: dict, e: Event) -> None:
        b.conference.update(values)

    def view(snap: dict, p: dict) -> None:
        snap["conference"].update(values)

    return fold, view


def update_conference() -> tuple[Callable, Callable]:
    """(fold, view) for an event whose payload is the whole conference after the change."""

    def fold(b: Board, p: dict, e: Event) -> None:
        b.conference.update(p["conference"])

    def view(snap: dict, p: dict) -> None:
        snap["conference"].update(p["conference"])

    return fold, view
