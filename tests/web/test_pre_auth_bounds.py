"""Work done before anyone signs in grows linearly with what was sent, and is bounded.

Run in-process, so that only the code's own work is timed: the packet guard's nesting check
and the plain-language check, fed patterns chosen to make a backtracking regex or a pairwise
overlap check quadratic (the outside review found both: 4 s for a 48 KB frame, 6.4 s for a
63 KB text). Time per byte must stay flat from 4 KB to 1 MB (a quadratic path grows 256-fold
over that range; the bound here is 4-fold, for a shared, noisy machine), and no request
without a session may hold the process for more than 50 ms.
"""

from __future__ import annotations

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conference.app import create_app
from conference.plain_language import MAX_TEXT, check
from conference.web.guard import PRE_AUTH_FRAME, too_deep

SIZES = (4 * 1024, 64 * 1024, 1024 * 1024)


def _best_of(fn, text: str, runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        fn(text)
        best = min(best, time.perf_counter() - started)
    return best


def _per_byte(fn, unit: str) -> list[float]:
    out = []
    for size in SIZES:
        text = (unit * (size // len(unit) + 1))[:size]
        out.append(_best_of(fn, text) / size)
    return out


def _flat(per_byte: list[float]) -> bool:
    # against the smallest size's cost, with a floor for timer resolution at 4 KB
    base = max(per_byte[0], 2e-9)
    return max(per_byte[1:]) < 4 * base


GUARD_UNITS = st.text(alphabet='"\\[]{}:,a ', min_size=1, max_size=12)
WORDS = st.lists(
    st.sampled_from(["LAC", "CIN", "s47", "ACEs", "looked", "after", "child", "x.", "AB", "CD", "\n", " "]),
    min_size=1,
    max_size=8,
).map(" ".join)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(GUARD_UNITS)
def test_the_packet_guards_nesting_check_is_linear(unit):
    # with more than 32 openers up front, so the check always looks inside
    per_byte = _per_byte(lambda t: too_deep("[" * 40 + t), unit)
    assert _flat(per_byte), (unit, per_byte)


def test_the_patterns_that_were_quadratic_are_linear():
    for unit in ('\\"', '"\\"', '["\\\\\\"', "[]", '{"a":['):
        assert _flat(_per_byte(lambda t: too_deep("[" * 40 + '"' + t), unit)), unit


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(WORDS)
def test_the_plain_language_check_is_linear(unit):
    per_byte = _per_byte(check, unit + " ")
    assert _flat(per_byte), (unit, per_byte)


def test_no_request_without_a_session_holds_the_process_for_50_ms(tmp_path):
    app = create_app(
        {"DATA_DIR": str(tmp_path), "PLAIN_LANGUAGE_PER_MINUTE": 10_000, "JOIN_FAILURES_PER_MINUTE": 10_000}
    )
    web = app.test_client()
    worst_text = ("LAC CIN ACEs s47 looked after " * 400)[:MAX_TEXT]
    requests = {
        "the longest text the check takes": ("/api/plain-language", {"json": {"text": worst_text}}),
        "a text just over it": ("/api/plain-language", {"json": {"text": worst_text + "x" * 55_000}}),
        "JSON 5,000 deep": (
            "/api/join",
            {"data": "[" * 5000 + "]" * 5000, "content_type": "application/json"},
        ),
        "a 60 KB join": (
            "/api/join",
            {"json": {"join_code": "ABCDEFGH", "name": "n" * 60_000, "role": "police"}},
        ),
    }
    for what, (path, kwargs) in requests.items():
        took = _best_of(lambda _, p=path, k=kwargs: web.post(p, **k), "")
        assert took < 0.05, f"{what}: {took * 1000:.0f} ms"
    # (a sign-in is argon2's 100 ms by design, run off the event loop: test_outside_review's
    # test_sign_ins_hold_no_board_up measures that on a real server)
    # the largest frame a socket that has not signed in can make the guard read
    frame = '42/board,1["sync",' + "[" * 40 + '"' + '\\"' * PRE_AUTH_FRAME
    assert _best_of(too_deep, frame) < 0.05
