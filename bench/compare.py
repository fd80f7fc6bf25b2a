"""The app against the floor, side by side: runs `bench.latency` on the app and on the bare
framework (bench/floor.py) alternately, the same load each time, and prints each run and
the medians, with the app's figures as a multiple of the floor's. Machines here are shared
and noisy: only runs made in one batch, alternating, are compared.

    python -m bench.compare --runs 3 --boards 100 --members 10 --seconds 30 [--env NAME=value]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys

from .latency import ROOT

FIGURES = ("p50_ms", "p99_ms", "ack_p50_ms", "ack_p99_ms", "server_rss_mb")


def one(target: str, args) -> dict:
    cmd = [
        sys.executable,
        "-m",
        "bench.latency",
        "--target",
        target,
        "--boards",
        str(args.boards),
        "--members",
        str(args.members),
        "--seconds",
        str(args.seconds),
    ]
    for env in args.env:
        cmd += ["--env", env]
    if args.async_mode != "eventlet":
        cmd += ["--async-mode", args.async_mode]
        if target == "app":
            cmd += ["--env", f"CONFERENCE_ASYNC_MODE={args.async_mode}"]
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--boards", type=int, default=100)
    parser.add_argument("--members", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--env", action="append", default=[], help="NAME=value for the app's server")
    parser.add_argument("--async-mode", default="eventlet", choices=["eventlet", "gevent"])
    args = parser.parse_args()
    runs: dict[str, list[dict]] = {"app": [], "floor": []}
    for n in range(args.runs):
        # alternate which goes first, so neither always meets a warmer (or busier) machine
        for target in ("app", "floor") if n % 2 == 0 else ("floor", "app"):
            result = one(target, args)
            runs[target].append(result)
            line = {"run": n + 1, **{k: result[k] for k in ("target", *FIGURES, "delivered", "expected")}}
            if result.get("gc_pauses"):
                line["gc_pauses"] = result["gc_pauses"]
            print(json.dumps(line), file=sys.stderr, flush=True)  # progress; the summary goes to stdout
    medians = {
        target: {k: statistics.median(r[k] for r in results if r[k] is not None) for k in FIGURES}
        for target, results in runs.items()
    }
    ratio = {k: round(medians["app"][k] / medians["floor"][k], 2) for k in FIGURES if medians["floor"][k]}
    lost = sum(r["expected"] - r["delivered"] for r in runs["app"])
    print(
        json.dumps(
            {
                "load": f"{args.boards} boards x {args.members} members, 1 command/s/board, {args.seconds} s",
                "async_mode": args.async_mode,
                "runs": args.runs,
                "median_app": medians["app"],
                "median_floor": medians["floor"],
                "app_over_floor": ratio,
                "app_deliveries_lost": lost,
                "app_gc_full_collections": [
                    r["gc_pauses"]["full_count"] for r in runs["app"] if r.get("gc_pauses")
                ],
                "app_gc_longest_pause_under_s": [
                    r["gc_pauses"]["longest_under_s"] for r in runs["app"] if r.get("gc_pauses")
                ],
                "machine": runs["app"][0]["machine"],
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
