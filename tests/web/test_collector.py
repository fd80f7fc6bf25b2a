"""The full sweep kept for a quiet moment (`app._sweep_when_quiet`): a quiet server (no event
for five minutes) unfreezes, collects everything once, and freezes again; a busy one never."""

from __future__ import annotations

import gc
import types

import pytest

from conference import app as app_module


class Stop(Exception):
    pass


def run_rounds(rounds: int, last_event: float, between=lambda n: None, seconds: float = 30) -> list[str]:
    """Run the task for `rounds` rounds, `seconds` apart on a fake clock starting at 0, the
    last event sent at `last_event`; record what is frozen after each round."""
    seen: list[str] = []
    n = 0
    now = [0.0]

    def sleep(_seconds):
        nonlocal n
        if n:
            seen.append(f"frozen={gc.get_freeze_count()}")
        between(n)
        n += 1
        now[0] += seconds
        if n > rounds:
            raise Stop

    socketio = types.SimpleNamespace(sleep=sleep)
    publisher = types.SimpleNamespace(last_event=last_event)
    flask_app = types.SimpleNamespace(extensions={"conference_publisher": publisher})
    with pytest.raises(Stop):
        app_module._sweep_when_quiet(socketio, flask_app, clock=lambda: now[0])
    return seen


@pytest.fixture(autouse=True)
def thawed():
    gc.unfreeze()
    yield
    gc.unfreeze()


def frozen_garbage() -> int:
    """500 cycles frozen while in use (as a round freezes a meeting's live objects), then
    dropped: garbage only a full collection of thawed objects can free. The freeze count now."""
    cycles = []
    for _ in range(500):
        a: dict = {}
        a["self"] = a
        cycles.append(a)
    gc.freeze()
    cycles.clear()
    return gc.get_freeze_count()


def test_a_quiet_server_sweeps_the_frozen_garbage_once_then_freezes_again():
    before = frozen_garbage()
    # an event after the start, then none for over five minutes: this round sweeps
    seen = run_rounds(1, last_event=1.0, seconds=302)
    assert int(seen[0].split("=")[1]) <= before - 500
    # after it, everything is frozen again
    assert gc.get_freeze_count() > 0


def test_a_busy_server_leaves_frozen_garbage_for_the_quiet_time():
    before = frozen_garbage()
    seen = run_rounds(1, last_event=29.0)  # an event a second before the round
    assert int(seen[0].split("=")[1]) > before - 500  # the 500 frozen cycles are still there
