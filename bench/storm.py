"""Reconnect storm: N boards × M members connected, then every socket drops and comes back
at once and catches up with `sync` (as after a Wi-Fi blip in a building, or a server
restart behind nginx). Times until the last socket has its answer, and the server's CPU
for the storm; app and floor alternately.

    python -m bench.storm --boards 200 --members 10 --runs 3
"""

from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import statistics
import tempfile
import time

import aiohttp
import psutil
import socketio

from . import latency
from .latency import alternate, board_on, busy_boards, keep_busy, new_stats, start_target, stop_busy


async def storm(boards: list, server_pid: int, sync: str | None = "hello") -> dict:
    """`sync`: "hello" (the handshake asks, `auth: {token, since: 0}`, and `hello` answers, as
    the app's screens reconnect), "message" (`sync {since: 0}` after connecting), or None."""
    proc = psutil.Process(server_pid)
    for b in boards:
        for c in b.clients:
            await c.disconnect()
    await asyncio.sleep(1.0)
    cpu0 = proc.cpu_times()
    start = time.perf_counter()
    sem = asyncio.Semaphore(400)  # the client machine's own limit on simultaneous handshakes
    synced: list[float] = []
    failed = 0

    async def back(url: str, token: str) -> socketio.AsyncClient | None:
        nonlocal failed
        async with sem:
            sio = socketio.AsyncClient(reconnection=False)
            hello: asyncio.Future = asyncio.get_running_loop().create_future()
            sio.on("hello", lambda data: hello.done() or hello.set_result(data), namespace="/board")
            try:
                await sio.connect(
                    url,
                    namespaces=["/board"],
                    auth={"token": token, "since": 0} if sync == "hello" else {"token": token},
                    transports=["websocket"],
                    wait_timeout=30,
                )
                if sync == "hello":
                    answer = (await asyncio.wait_for(hello, 30)).get("sync") or {}
                elif sync == "message":
                    answer = await sio.call("sync", {"since": 0}, namespace="/board", timeout=30)
                else:
                    answer = {"ok": True}
                if not answer.get("ok"):
                    failed += 1
                synced.append(time.perf_counter() - start)
                return sio
            except Exception:
                failed += 1
                return None

    clients = await asyncio.gather(*(back(url, token) for b in boards for url, token in b.auth))
    took = time.perf_counter() - start
    cpu1 = proc.cpu_times()
    for c in clients:
        if c is not None:
            await c.disconnect()
    return {
        "sockets": len(clients),
        "all_synced_s": round(took, 2),
        "median_synced_s": round(statistics.median(synced), 2) if synced else None,
        "failed": failed,
        "server_cpu_s": round((cpu1.user + cpu1.system) - (cpu0.user + cpu0.system), 2),
    }


async def one_run(
    target: str, boards_n: int, members: int, async_mode: str = "eventlet", busy: int = 0
) -> dict:
    """One storm on `target`: "app" (each socket's handshake asks for the board, which comes
    in `hello`, as the app's screens do it), "app-sync" (a `sync` message after connecting),
    "floor" (whose `sync` message answers at once with nothing), or "floor-connect" (the
    floor, the sockets only reconnecting and told `hello`: what connecting alone costs)."""
    latency.CREATING = asyncio.Lock()  # one asyncio.run per run: a lock of this loop
    data = tempfile.mkdtemp(prefix="cb-storm-")
    stats = new_stats()
    kind = "floor" if target.startswith("floor") else "app"
    server = start_target(kind, data, async_mode=async_mode)
    try:
        async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=50)) as http:
            sem = asyncio.Semaphore(10)

            async def one(i):
                async with sem:
                    return await board_on(kind, http, server, i, members, stats)

            boards = await asyncio.gather(*(one(busy + 1 + i) for i in range(boards_n)))
            others = await busy_boards(kind, http, server, busy, 10)  # indices 1…busy
            # a little history on each board, so a sync has something to send
            for b in boards:
                await b.senders[0].call(
                    "command",
                    {
                        "op_id": f"seed-{b.index}",
                        "type": "item.add",
                        "payload": {"column": "worries", "text": "seed"},
                    },
                    namespace="/board",
                )
            load = keep_busy(others, 10)
            if busy:
                await asyncio.sleep(2.0)  # the busy load under way before the storm
            how = {"app": "hello", "floor-connect": None}.get(target, "message")
            result = await storm(boards, server.proc.pid, sync=how)
            return {"target": target, **result, **(await stop_busy(load, others))}
    finally:
        server.stop()
        shutil.rmtree(data, ignore_errors=True)


def main() -> None:
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--boards", type=int, default=200)
    parser.add_argument("--members", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--async-mode", default="eventlet", choices=["eventlet", "gevent"])
    parser.add_argument(
        "--busy", type=int, default=0, help="other boards (x 10) sending 1 command/s each meanwhile (100)"
    )
    args = parser.parse_args()
    runs = alternate(
        args.runs,
        lambda target: asyncio.run(one_run(target, args.boards, args.members, args.async_mode, args.busy)),
        targets=("app", "app-sync", "floor", "floor-connect"),
    )
    keys = ("all_synced_s", "median_synced_s", "server_cpu_s")
    med = {t: {k: statistics.median(r[k] for r in rs) for k in keys} for t, rs in runs.items()}
    print(
        json.dumps(
            {
                "load": f"{args.boards} boards x {args.members} members reconnect and sync at once"
                + (f", while {args.busy} boards x 10 send 1 command/s each" if args.busy else ""),
                "async_mode": args.async_mode,
                "median_app": med["app"],
                "median_app_sync_message": med["app-sync"],
                "median_floor": med["floor"],
                "median_floor_connect_only": med["floor-connect"],
                "app_sync_message_over_floor": {
                    k: round(med["app-sync"][k] / med["floor"][k], 2) for k in keys if med["floor"][k]
                },
                "app_cpu_over_connect_only_floor": (
                    round(med["app"]["server_cpu_s"] / med["floor-connect"]["server_cpu_s"], 2)
                    if med["floor-connect"]["server_cpu_s"]
                    else None  # too small a storm to measure
                ),
                "app_failed": sum(r["failed"] for t in ("app", "app-sync") for r in runs[t]),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
