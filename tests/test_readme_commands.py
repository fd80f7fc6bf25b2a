"""The commands the README names beyond `make run` and `make test` still work: each is run
here at a small size, as a fresh clone would run it."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from .support import ROOT

pytestmark = pytest.mark.slow


def _run(*args: str) -> dict:
    done = subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout[done.stdout.index("{") :])


def test_bench_latency_runs_and_loses_nothing():
    out = _run("-m", "bench.latency", "--boards", "2", "--members", "3", "--seconds", "2", "--drain", "1")
    assert out["delivered"] == out["expected"] > 0


def test_make_bench_runs_the_app_and_the_floor_alternately():
    out = _run("-m", "bench.compare", "--runs", "1", "--boards", "2", "--members", "3", "--seconds", "2")
    assert out["app_deliveries_lost"] == 0
    assert out["median_app"]["p50_ms"] > 0 and out["median_floor"]["p50_ms"] > 0
    assert out["app_over_floor"]["p50_ms"] > 0 and len(out["app_gc_full_collections"]) == 1


def test_bench_burst_runs_on_the_app_and_the_floor():
    out = _run("-m", "bench.burst", "--bursts", "2", "--runs", "1", "--members", "6")
    assert out["app_deliveries_lost"] == 0 and out["median_floor"]["p50_ms"] > 0


def test_bench_storm_reconnects_every_socket_on_the_app_and_the_floor():
    out = _run("-m", "bench.storm", "--boards", "3", "--members", "4", "--runs", "1")
    assert out["app_failed"] == 0 and out["median_app"]["all_synced_s"] > 0


def test_bench_fuzz_runs_and_finds_nothing():
    out = _run("-m", "bench.fuzz", "--messages", "400", "--junk", "40")
    assert out["messages_sent"] >= 400 and out["unanswered"] == 0
    assert out["leaks"] == [] and out["fold_mismatches"] == [] and out["minutes_failures"] == []
    assert out["tracebacks_in_log"] == 0
