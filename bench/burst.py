"""Burst benchmark: on one board of 25 members, 24 of them send a command within 50 ms
(everyone scoring, everyone adding at once), and every other member must receive every
one. Repeated `--bursts` times a second apart, on the app and on the floor alternately;
prints the medians of each side and the app as a multiple of the floor.

    python -m bench.burst --bursts 20 --runs 3
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import shutil
import statistics
import tempfile
import time

import aiohttp

from . import latency
from .latency import (
    alternate,
    board_on,
    busy_boards,
    keep_busy,
    new_stats,
    percentile,
    start_target,
    stop_busy,
)


async def bursts(board, stats: dict, count: int, members: int) -> None:
    senders = board.senders[: members - 1]
    for n in range(count):
        await asyncio.sleep(1.0)

        async def send(i: int, sender, n=n) -> None:
            await asyncio.sleep(random.uniform(0, 0.05))  # all 24 within 50 ms
            text = f"b{board.index}-burst{n}-s{i}"
            stats["sender_of"][text] = (board.index, board.clients.index(sender))
            stats["sent_at"][text] = time.perf_counter()
            stats["sent"] += 1
            stats["expected"] += members - 1
            await sender.emit(
                "command",
                {"op_id": text, "type": "item.add", "payload": {"column": "worries", "text": text}},
                namespace="/board",
            )

        await asyncio.gather(*(send(i, s) for i, s in enumerate(senders)))
    await asyncio.sleep(2.0)


async def one_run(
    target: str, members: int, count: int, async_mode: str = "eventlet", busy: int = 0, busy_members: int = 10
) -> dict:
    latency.CREATING = asyncio.Lock()  # one asyncio.run per run: a lock of this loop
    data = tempfile.mkdtemp(prefix="cb-burst-")
    stats = new_stats()
    server = start_target(target, data, async_mode=async_mode)
    try:
        async with aiohttp.ClientSession() as http:
            others = await busy_boards(target, http, server, busy, busy_members)
            board = await board_on(target, http, server, 0, members, stats)
            load = keep_busy(others, busy_members)
            if busy:
                await asyncio.sleep(2.0)  # the busy load under way before the first burst
            await bursts(board, stats, count, members)
            busy_counts = await stop_busy(load, others)
            for c in board.clients:
                await c.disconnect()
    finally:
        server.stop()
        shutil.rmtree(data, ignore_errors=True)
    lat = stats["latencies"]
    return {
        "target": target,
        "p50_ms": round(statistics.median(lat), 2) if lat else None,
        "p99_ms": round(percentile(lat, 99), 2),
        "delivered": stats["delivered"],
        "expected": stats["expected"],  # each command to the 24 others
        **busy_counts,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--members", type=int, default=25)
    parser.add_argument("--bursts", type=int, default=20)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--async-mode", default="eventlet", choices=["eventlet", "gevent"])
    parser.add_argument(
        "--busy", type=int, default=0, help="other boards sending 1 command/s each meanwhile (100)"
    )
    parser.add_argument("--busy-members", type=int, default=10)
    parser.add_argument(
        "--also",
        action="append",
        default=[],
        help="another side of the batch: the app with a setting, e.g. CONFERENCE_GROUP_COMMIT=0",
    )
    args = parser.parse_args()
    targets = ("app", *(f"app:{a}" for a in args.also), "floor")
    runs = alternate(
        args.runs,
        lambda target: asyncio.run(
            one_run(target, args.members, args.bursts, args.async_mode, args.busy, args.busy_members)
        ),
        targets,
    )
    med = {
        t: {k: statistics.median(r[k] for r in rs) for k in ("p50_ms", "p99_ms")} for t, rs in runs.items()
    }
    print(
        json.dumps(
            {
                "load": f"1 board x {args.members}, {args.members - 1} commands within 50 ms, {args.bursts} bursts"
                + (
                    f", while {args.busy} boards x {args.busy_members} send 1 command/s each"
                    if args.busy
                    else ""
                ),
                "async_mode": args.async_mode,
                "median_app": med["app"],
                **{f"median_{t}": med[t] for t in targets if t.startswith("app:")},
                "median_floor": med["floor"],
                "app_over_floor": {k: round(med["app"][k] / med["floor"][k], 2) for k in med["app"]},
                **{
                    f"{t}_over_floor": {k: round(med[t][k] / med["floor"][k], 2) for k in med[t]}
                    for t in targets
                    if t.startswith("app:")
                },
                "app_deliveries_lost": sum(
                    r["expected"] - r["delivered"] for t in targets if t != "floor" for r in runs[t]
                ),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
