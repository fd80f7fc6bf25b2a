"""Latency benchmark: N boards x M members as real python-socketio clients against one real server.

Each board sends one command a second (its members take turns); we time each command from
the moment it is sent to the moment each *other* member receives its event. Prints JSON.

    python -m bench.latency --boards 100 --members 10 --seconds 60
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import re
import shutil
import statistics
import sys
import tempfile
import time

import aiohttp
import psutil
import socketio

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from conference.launch import RedisProcess, ServerProcess, wait_until  # noqa: E402  (the tests' launchers)


def new_stats() -> dict:
    """What a run counts: when each command was sent and by whom, each delivery's latency."""
    return {
        "sent_at": {},
        "sender_of": {},
        "latencies": [],
        "acks": [],
        "refused": 0,
        "sent": 0,
        "delivered": 0,
        "expected": 0,
    }


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1))))
    return ordered[k]


class Board:
    def __init__(self, index: int):
        self.index = index
        self.clients: list[socketio.AsyncClient] = []
        self.senders: list[socketio.AsyncClient] = []
        self.auth: list[tuple[str, str]] = []  # (url, token) of each client, to reconnect
        self.stats: dict = {}  # a busy board's own counts (see busy_boards)


CREATING = asyncio.Lock()


async def make_board(
    http: aiohttp.ClientSession, servers: list[ServerProcess], index: int, members: int, stats: dict
) -> Board:
    """A board whose members are spread over the processes (so events cross between them)."""
    board = Board(index)
    urls = [server.url for server in servers]
    url = urls[index % len(urls)]
    # starting a board needs a signed-in facilitator (the launcher makes the account); one
    # at a time, as the launcher's HTTP session is not shared across threads
    async with CREATING:
        made = await asyncio.to_thread(servers[index % len(servers)].create, f"Bench board {index}")
    tokens = [made["facilitator_token"], made["display_token"]]
    chair = await connect(url, made["facilitator_token"], board, stats)
    await chair.call(
        "command",
        {"op_id": f"lobby-{index}", "type": "conference.update", "payload": {"lobby": False}},
        namespace="/board",
    )
    board.senders.append(chair)
    await connect(urls[(index + 1) % len(urls)], made["display_token"], board, stats)
    for n in range(members - 2):
        async with http.post(
            f"{url}/api/join",
            json={
                "join_code": made["join_code"],
                "name": f"Member {n}",
                "role": "social_worker" if n % 2 else "parent_carer",
            },
        ) as r:
            joined = await r.json()
        tokens.append(joined["participant_token"])
        board.senders.append(
            await connect(urls[(index + n + 2) % len(urls)], joined["participant_token"], board, stats)
        )
    return board


async def gc_pauses(http: aiohttp.ClientSession, servers: list[ServerProcess]) -> dict:
    """The servers' garbage-collector pauses so far, from their /metrics: count and seconds
    of full (generation 2) collections and of all, and the largest bucket any pause fell in."""
    out: dict = {"full_count": 0.0, "full_s": 0.0, "all_count": 0.0, "all_s": 0.0}
    for server in servers:
        async with http.get(f"{server.url}/metrics") as r:
            text = await r.text()
        for line in text.splitlines():
            if not line.startswith("conference_gc_pause_seconds"):
                continue
            name, value = line.rsplit(" ", 1)
            full = 'generation="2"' in name
            if name.startswith("conference_gc_pause_seconds_count"):
                out["all_count"] += float(value)
                out["full_count"] += float(value) if full else 0
            elif name.startswith("conference_gc_pause_seconds_sum"):
                out["all_s"] += float(value)
                out["full_s"] += float(value) if full else 0
    buckets: dict[str, float] = {}
    for server in servers:
        async with http.get(f"{server.url}/metrics") as r:
            for line in (await r.text()).splitlines():
                if line.startswith("conference_gc_pause_seconds_bucket"):
                    le = line.split('le="')[1].split('"')[0]
                    buckets[le] = buckets.get(le, 0) + float(line.rsplit(" ", 1)[1])
    out["buckets"] = buckets
    return out


def longest_pause(before: dict, after: dict) -> float:
    """The bucket the longest pause between two readings fell in (its upper bound, seconds)."""
    delta = {le: after["buckets"].get(le, 0) - before["buckets"].get(le, 0) for le in after["buckets"]}
    total = delta.get("+Inf", 0)
    if not total:
        return 0.0
    for le in sorted((b for b in delta if b != "+Inf"), key=float):
        if delta[le] >= total:
            return float(le)
    return float("inf")


async def make_floor_board(url: str, index: int, members: int, stats: dict) -> Board:
    """The same board against the floor: no HTTP, the chair and M-2 members send, the
    projector only listens, exactly as on the app."""
    board = Board(index)
    board.senders.append(await connect(url, f"b{index}:chair", board, stats))
    await connect(url, f"b{index}:display", board, stats)
    for n in range(members - 2):
        board.senders.append(await connect(url, f"b{index}:m{n}", board, stats))
    return board


class FloorProcess(ServerProcess):
    """`python -m bench.floor` on a free port: the framework alone, nothing else."""

    def start(self, timeout: float = 20) -> None:
        import subprocess

        import requests

        self.proc = subprocess.Popen(
            [sys.executable, "-m", "bench.floor", "--port", str(self.port), *self.floor_args],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

        def up() -> bool:
            try:
                return requests.get(f"{self.url}/health", timeout=1).ok
            except requests.RequestException:
                return False

        wait_until(up, timeout, "the floor server", self.alive)


def alternate(runs_n: int, one, targets: tuple[str, ...] = ("app", "floor")) -> dict[str, list[dict]]:
    """Each target (the app and the floor) `runs_n` times, alternating which goes first;
    each run printed."""
    runs: dict[str, list[dict]] = {t: [] for t in targets}
    for n in range(runs_n):
        for target in targets if n % 2 == 0 else tuple(reversed(targets)):
            result = one(target)
            runs[target].append(result)
            print(json.dumps({"run": n + 1, **result}), file=sys.stderr, flush=True)
    return runs


def start_target(
    target: str, data: str, floor_args: list[str] | None = None, async_mode: str = "eventlet"
) -> ServerProcess:
    """The app (`python -m conference run`, limits loose enough for a bench) or the floor,
    started on a free port with its data in `data`, both in `async_mode`; "app:NAME=value"
    is the app with that setting (`--also` in bench.burst)."""
    if target == "floor":
        server: ServerProcess = FloorProcess(os.path.join(data, "floor"))
        server.floor_args = floor_args or ["--async-mode", async_mode]
    else:
        # "app:NAME=value,…": the app with settings of its own (a side of an A/B batch)
        # (a value may have commas of its own: CONFERENCE_GC_THRESHOLDS=10000,50,1000)
        pairs = re.split(r",(?=[A-Z][A-Z0-9_]*=)", target.partition(":")[2])
        settings = dict(kv.split("=", 1) for kv in pairs if kv)
        server = ServerProcess(
            os.path.join(data, "data"),
            env={
                "CONFERENCE_CREATES_PER_MINUTE": "100000",
                "CONFERENCE_LOG_LEVEL": "WARNING",
                "CONFERENCE_ASYNC_MODE": async_mode,
                **settings,
            },
        )
    server.start()
    return server


async def board_on(target: str, http, server: ServerProcess, index: int, members: int, stats: dict) -> Board:
    """A board of `members` connected sockets on the app or the floor."""
    if target == "floor":
        return await make_floor_board(server.url, index, members, stats)
    return await make_board(http, [server], index, members, stats)


async def busy_boards(target: str, http, server: ServerProcess, count: int, members: int) -> list[Board]:
    """`count` other boards of `members` sockets (indices 1…count), to keep the server busy
    while a bench measures one board; drive them with `keep_busy`."""
    sem = asyncio.Semaphore(10)
    stats = new_stats()  # their deliveries are not the measured ones

    async def one(i: int) -> Board:
        async with sem:
            board = await board_on(target, http, server, i, members, stats)
            board.stats = stats
            return board

    return list(await asyncio.gather(*(one(1 + i) for i in range(count))))


def keep_busy(boards: list[Board], members: int) -> list[asyncio.Task]:
    """Each board sends one command a second, its members taking turns, until cancelled."""
    return [asyncio.create_task(drive(b, float("inf"), b.stats, members)) for b in boards]


async def stop_busy(tasks: list[asyncio.Task], boards: list[Board]) -> dict:
    """Cancel the busy load and say what it sent and what was delivered of it."""
    for t in tasks:
        t.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    stats = boards[0].stats if boards else new_stats()
    for b in boards:
        for c in b.clients:
            await c.disconnect()
    return {"busy_sent": stats["sent"], "busy_refused": stats["refused"]}


async def connect(url: str, token: str, board: Board, stats: dict) -> socketio.AsyncClient:
    sio = socketio.AsyncClient(reconnection=False)
    me = len(board.clients)

    async def on_event(data):
        if data.get("type") != "item.added":
            return
        text = data["payload"]["item"]["text"]
        sent = stats["sent_at"].get(text)
        if sent is None:
            return
        sender = stats["sender_of"][text]
        if sender != (board.index, me):
            stats["latencies"].append((time.perf_counter() - sent) * 1000)
            stats["delivered"] += 1

    sio.on("event", on_event, namespace="/board")
    board.auth.append((url, token))
    await sio.connect(
        url, namespaces=["/board"], auth={"token": token}, transports=["websocket"], wait_timeout=30
    )
    board.clients.append(sio)
    return sio


async def drive(board: Board, seconds: float, stats: dict, members: int) -> None:
    await asyncio.sleep((board.index % 100) / 100)  # spread the boards over the second
    start = time.perf_counter()
    n = 0
    while time.perf_counter() - start < seconds:
        sender_index = n % len(board.senders)
        sender = board.senders[sender_index]
        text = f"b{board.index}-c{n}"
        client_index = board.clients.index(sender)
        stats["sender_of"][text] = (board.index, client_index)
        stats["sent_at"][text] = time.perf_counter()
        stats["sent"] += 1
        stats["expected"] += members - 1
        sent_at = stats["sent_at"][text]

        def acked(answer, sent_at=sent_at):
            stats["acks"].append((time.perf_counter() - sent_at) * 1000)
            if not (isinstance(answer, dict) and answer.get("ok")):
                stats["refused"] += 1

        await sender.emit(
            "command",
            {"op_id": text, "type": "item.add", "payload": {"column": "worries", "text": text}},
            namespace="/board",
            callback=acked,
        )
        n += 1
        next_at = start + n
        await asyncio.sleep(max(0.0, next_at - time.perf_counter()))


async def run(args) -> dict:
    data = tempfile.mkdtemp(prefix="cb-bench-")
    env = {
        "CONFERENCE_CREATES_PER_MINUTE": "100000",
        "CONFERENCE_LOG_LEVEL": "WARNING",
        **dict(e.split("=", 1) for e in args.env),
    }
    redis = None
    if args.target == "floor":
        return await run_floor(args, data)
    if args.processes > 1 or args.redis:
        redis = RedisProcess(os.path.join(data, "redis"), appendfsync=args.appendfsync)
        redis.start()
        env["REDIS_URL"] = redis.url
    servers = [ServerProcess(os.path.join(data, f"data{n}"), env=env) for n in range(args.processes)]
    for server in servers:
        server.start()
    procs = [psutil.Process(server.proc.pid) for server in servers]
    stats = new_stats()
    rss_max = 0.0
    try:
        connector = aiohttp.TCPConnector(limit=50)
        async with aiohttp.ClientSession(connector=connector) as http:
            sem = asyncio.Semaphore(10)

            async def one(i):
                async with sem:
                    return await make_board(http, servers, i, args.members, stats)

            t0 = time.perf_counter()
            boards = await asyncio.gather(*(one(i) for i in range(args.boards)))
            setup_s = time.perf_counter() - t0

            async def sample_rss():
                nonlocal rss_max
                while True:
                    rss_max = max(rss_max, max(p.memory_info().rss for p in procs) / 2**20)
                    await asyncio.sleep(0.5)

            cpu0 = [p.cpu_times() for p in procs]

            sampler = asyncio.create_task(sample_rss())
            gc0 = await gc_pauses(http, servers)
            await asyncio.gather(*(drive(b, args.seconds, stats, args.members) for b in boards))
            await asyncio.sleep(args.drain)
            gc1 = await gc_pauses(http, servers)
            stats["gc"] = {k: round(gc1[k] - gc0[k], 4) for k in gc1 if k != "buckets"}
            stats["gc"]["longest_under_s"] = longest_pause(gc0, gc1)
            sampler.cancel()
            rss_max = max(rss_max, max(p.memory_info().rss for p in procs) / 2**20)
            cpu = [
                (c.user + c.system) - (c0.user + c0.system)
                for c, c0 in zip((p.cpu_times() for p in procs), cpu0, strict=True)
            ]
            for b in boards:
                for c in b.clients:
                    await c.disconnect()
    finally:
        for server in servers:
            server.stop()
        if redis:
            redis.stop()
        shutil.rmtree(data, ignore_errors=True)
    out = summary(args, stats, setup_s, cpu, rss_max, "redis" if redis else "sqlite")
    out["gc_pauses"] = stats.get("gc")
    return out


async def run_floor(args, data: str) -> dict:
    """The same load against the floor (bench/floor.py), measured the same way."""
    floor = start_target("floor", data, ["--async-mode", args.async_mode])
    proc = psutil.Process(floor.proc.pid)
    stats = new_stats()
    try:
        sem = asyncio.Semaphore(10)

        async def one(i):
            async with sem:
                return await make_floor_board(floor.url, i, args.members, stats)

        t0 = time.perf_counter()
        boards = await asyncio.gather(*(one(i) for i in range(args.boards)))
        setup_s = time.perf_counter() - t0
        cpu0 = proc.cpu_times()
        await asyncio.gather(*(drive(b, args.seconds, stats, args.members) for b in boards))
        await asyncio.sleep(args.drain)
        cpu1 = proc.cpu_times()
        rss = proc.memory_info().rss / 2**20
        for b in boards:
            for c in b.clients:
                await c.disconnect()
    finally:
        floor.stop()
        shutil.rmtree(data, ignore_errors=True)
    return summary(
        args, stats, setup_s, [(cpu1.user + cpu1.system) - (cpu0.user + cpu0.system)], rss, "floor"
    )


def summary(args, stats: dict, setup_s: float, cpu: list[float], rss_max: float, store: str) -> dict:
    lat = stats["latencies"]
    return {
        "target": args.target,
        "processes": args.processes,
        "store": store,
        "boards": args.boards,
        "members": args.members,
        "seconds": args.seconds,
        "setup_s": round(setup_s, 1),
        "sent": stats["sent"],
        "delivered": stats["delivered"],
        "expected": stats["expected"],
        "p50_ms": round(statistics.median(lat), 2) if lat else None,
        "p99_ms": round(percentile(lat, 99), 2),
        "max_ms": round(max(lat), 2) if lat else None,
        "ack_p50_ms": round(statistics.median(stats["acks"]), 2) if stats["acks"] else None,
        "ack_p99_ms": round(percentile(stats["acks"], 99), 2),
        "acked": len(stats["acks"]),
        "refused": stats["refused"],
        "delivered_per_s": round(stats["delivered"] / args.seconds, 1),
        "server_cpu_s": [round(c, 1) for c in cpu],
        "server_rss_mb": round(rss_max, 1),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {round(psutil.virtual_memory().total / 2**30)} GiB, Python {platform.python_version()}",
    }


def main() -> None:
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))  # thousands of client sockets
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--boards", type=int, default=100)
    parser.add_argument("--members", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--drain", type=float, default=3.0, help="seconds to wait for the last events")
    parser.add_argument("--env", action="append", default=[], help="NAME=value for the server")
    parser.add_argument(
        "--processes", type=int, default=1, help="server processes; more than one share a Redis"
    )
    parser.add_argument("--redis", action="store_true", help="use Redis even with one process")
    parser.add_argument("--appendfsync", default="always", help="Redis AOF fsync policy for the run")
    parser.add_argument(
        "--target", choices=["app", "floor"], default="app", help="the app, or the bare floor"
    )
    parser.add_argument("--async-mode", default="eventlet", help="the floor's async mode (the app: --env)")
    args = parser.parse_args()
    print(json.dumps(asyncio.run(run(args)), indent=2))


if __name__ == "__main__":
    main()
