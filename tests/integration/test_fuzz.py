"""About 5,000 fuzzed messages from every seat of a board, and junk frames: every message
answered, every seat's fold equal to its snapshot, nothing hidden leaked, the minutes
export, no traceback. bench/fuzz.py runs the same with 100,000."""

from __future__ import annotations

import pytest

from ..fuzzing import run

pytestmark = pytest.mark.slow


def test_five_thousand_fuzzed_messages_lose_nothing_and_leak_nothing(server):
    before = len(server.output())
    tally, seconds, boards = run(server, messages=5_000, junk_frames=500, seed=6)
    assert tally.sent >= 5_000 and tally.junk_frames >= 500
    assert tally.unanswered == 0
    assert tally.answered == tally.sent
    assert tally.replays_wrong == 0
    assert tally.fold_mismatches == []
    assert tally.leaks == []
    assert tally.minutes_failures == []
    # the fuzz really reached the rules: accepted commands and every kind of refusal
    assert tally.codes.get("ok", 0) > 500
    for code in ("invalid", "forbidden", "not_found", "conflict", "too_large"):
        assert tally.codes.get(code, 0) > 0, (code, tally.codes)
    assert "Traceback" not in server.output()[before:]
