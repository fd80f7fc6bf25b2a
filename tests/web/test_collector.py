"""The full sweep kept for a quiet moment (`app._sweep_when_quiet`): a quiet server (no event
for five minutes) unfreezes, collects everything once, and freezes again; a busy one never."""

from __future__ import annotations

import gc
import types
import weakref

import pytest

from conference import app as app_module


class Stop(Exception):
    pass


def run_rounds(rounds: int, last_event: float, seconds: float = 30) -> None:
    """Run the task for `rounds` rounds, `seconds` apart on a fake clock starting at 0, the
    last event sent at `last_event`."""
    n = 0
    now = [0.0]

    def sleep(_seconds):
        nonlocal n
        n += 1
        now[0] += seconds
        if n > rounds:
            raise Stop

    socketio = types.SimpleNamespace(sleep=sleep)
    publisher = types.SimpleNamespace(last_event=last_event)
    flask_app = types.SimpleNamespace(extensions={"conference_publisher": publisher})
    with pytest.raises(Stop):
        app_module._sweep_when_quiet(socketio, flask_app, clock=lambda: now[0])


@pytest.fixture(autouse=True)
def thawed():
    gc.unfreeze()
    yield
    gc.unfreeze()


class Node:
    """One object of a reference cycle, weakly referenceable so a test can see it freed."""

    def __init__(self) -> None:
        self.me = self


def frozen_garbage() -> list[weakref.ref]:
    """500 cycles frozen while in use (as a round freezes a meeting's live objects), then
    dropped: garbage only a full collection of thawed objects can free. Weak references to
    them, to see which are still there."""
    cycles = [Node() for _ in range(500)]
    refs = [weakref.ref(node) for node in cycles]
    gc.freeze()
    cycles.clear()
    return refs


def alive(refs: list[weakref.ref]) -> int:
    return sum(ref() is not None for ref in refs)


def test_a_quiet_server_sweeps_the_frozen_garbage_once_then_freezes_again():
    refs = frozen_garbage()
    assert alive(refs) == 500  # frozen, so no ordinary collection frees them
    # an event after the start, then none for over five minutes: this round sweeps
    run_rounds(1, last_event=1.0, seconds=302)
    assert alive(refs) == 0
    # after it, everything is frozen again
    assert gc.get_freeze_count() > 0


def test_a_busy_server_leaves_frozen_garbage_for_the_quiet_time():
    refs = frozen_garbage()
    run_rounds(1, last_event=29.0)  # an event a second before the round
    gc.collect()  # even a collection of everything not frozen leaves them
    assert alive(refs) == 500
