"""The app against the floor, side by side: runs `bench.latency` on the app and on the bare
framework (bench/floor.py) alternately, the same load each time, and prints each run and
the medians, with the app's figures as a multiple of the floor's. Machines here are shared
and noisy: only runs made in one batch, alternating, are compared.

    python -m bench.compare --runs 3 --boards 100 --members 10 --seconds 30 [--env NAME=value]

`--pair redis:sqlite` compares the app on Redis (one process, AOF fsync always) with the
same app on SQLite instead, the same way.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys

from .latency import ROOT

FIGURES = ("p50_ms", "p99_ms", "ack_p50_ms", "ack_p99_ms", "server_rss_mb")
# each side of a comparison: what bench.latency is asked to run
SIDES = {
    "app": ["--target", "app"],
    "floor": ["--target", "floor"],
    "sqlite": ["--target", "app"],
    "redis": ["--target", "app", "--redis"],
}


def one(side: str, args) -> dict:
    target = "floor" if side == "floor" else "app"
    cmd = [
        sys.executable,
        "-m",
        "bench.latency",
        *SIDES[side],
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
    parser.add_argument(
        "--pair", default="app:floor", choices=["app:floor", "redis:sqlite"], help="what to compare"
    )
    args = parser.parse_args()
    first, second = args.pair.split(":")
    runs: dict[str, list[dict]] = {first: [], second: []}
    for n in range(args.runs):
        # alternate which goes first, so neither always meets a warmer (or busier) machine
        for side in (first, second) if n % 2 == 0 else (second, first):
            result = one(side, args)
            runs[side].append(result)
            line = {"run": n + 1, "side": side, **{k: result[k] for k in (*FIGURES, "delivered", "expected")}}
            if result.get("gc_pauses"):
                line["gc_pauses"] = result["gc_pauses"]
            print(json.dumps(line), file=sys.stderr, flush=True)  # progress; the summary goes to stdout
    medians = {
        side: {k: statistics.median(r[k] for r in results if r[k] is not None) for k in FIGURES}
        for side, results in runs.items()
    }
    ratio = {k: round(medians[first][k] / medians[second][k], 2) for k in FIGURES if medians[second][k]}
    print(
        json.dumps(
            {
                "load": f"{args.boards} boards x {args.members} members, 1 command/s/board, {args.seconds} s",
                "async_mode": args.async_mode,
                "runs": args.runs,
                f"median_{first}": medians[first],
                f"median_{second}": medians[second],
                f"{first}_over_{second}": ratio,
                **{
                    f"{side}_deliveries_lost": sum(r["expected"] - r["delivered"] for r in runs[side])
                    for side in runs
                },
                f"{first}_gc_full_collections": [
                    r["gc_pauses"]["full_count"] for r in runs[first] if r.get("gc_pauses")
                ],
                f"{first}_gc_longest_pause_under_s": [
                    r["gc_pauses"]["longest_under_s"] for r in runs[first] if r.get("gc_pauses")
                ],
                "machine": runs[first][0]["machine"],
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
