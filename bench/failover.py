"""Redis behind Sentinel, measured on real processes (a primary, a replica, three Sentinels,
one app process on the `redis+sentinel://` URL):

- failover: kill -9 the primary while the chair types, and time from the kill to the
  first acknowledged command first sent after it (a phone resends the same op_id on
  `unavailable`, 0.1 s apart), over `--runs` runs, each on fresh processes;
- the cost of WAIT: acknowledgement latency of `--commands` sequential commands with
  CONFERENCE_REDIS_REPLICAS=1 against 0, alternating the two sides in one batch.

    python -m bench.failover --runs 3 --commands 300
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
import uuid

import redis
import socketio

from conference.launch import (
    RedisProcess,
    SentinelProcess,
    ServerProcess,
    sentinel_url,
    wait_until,
)

LOOSE = {"CONFERENCE_COMMAND_RATE": "100000", "CONFERENCE_COMMAND_BURST": "100000"}


class Chair:
    def __init__(self, url: str, token: str):
        self.sio = socketio.Client(reconnection=False)
        self.sio.connect(url, namespaces=["/board"], auth={"token": token}, transports=["websocket"])

    def add(self, text: str, op_id: str) -> dict:
        try:
            return self.sio.call(
                "command",
                {"op_id": op_id, "type": "item.add", "payload": {"column": "worries", "text": text}},
                namespace="/board",
                timeout=5,
            )
        except socketio.exceptions.TimeoutError:
            return {"ok": False, "error": {"code": "timeout"}}

    def until_ok(self, text: str) -> dict:
        op = uuid.uuid4().hex
        while not (ack := self.add(text, op)).get("ok"):
            time.sleep(0.1)  # the phone's pause before it resends the same op_id
        return ack

    def close(self) -> None:
        self.sio.disconnect()


def cluster(folder: str) -> tuple[RedisProcess, RedisProcess, list[SentinelProcess]]:
    primary = RedisProcess(f"{folder}/primary")
    primary.start()
    replica = RedisProcess(f"{folder}/replica", replicaof=primary.port)
    replica.start()
    sentinels = [SentinelProcess(f"{folder}/sentinel{n}", primary.port) for n in range(3)]
    for s in sentinels:
        s.start()

    def ready() -> bool:
        for s in sentinels:
            state = redis.Redis(port=s.port).sentinel_master(s.service)
            if int(state["num-other-sentinels"]) != 2 or int(state["num-slaves"]) != 1:
                return False
        return True

    wait_until(ready, 30, "the sentinels")
    return primary, replica, sentinels


def board(server: ServerProcess) -> Chair:
    made = server.create()
    chair = Chair(server.url, made["facilitator_token"])
    assert chair.add("lobby", uuid.uuid4().hex) is not None
    return chair


def failover_once() -> float:
    folder = tempfile.mkdtemp(prefix="cb-failover-")
    primary, replica, sentinels = cluster(folder)
    server = ServerProcess(f"{folder}/data", env={"REDIS_URL": sentinel_url(sentinels), **LOOSE})
    try:
        server.start()
        chair = board(server)
        for n in range(20):
            chair.until_ok(f"before {n}")
        killed = time.monotonic()
        primary.kill9()
        chair.until_ok("after")
        took = time.monotonic() - killed
        chair.close()
        return took
    finally:
        server.stop()
        for p in [*sentinels, replica, primary]:
            p.stop()


def ack_latencies(server: ServerProcess, commands: int) -> list[float]:
    chair = board(server)
    out = []
    for n in range(commands):
        started = time.perf_counter()
        ack = chair.add(f"item {n}", uuid.uuid4().hex)
        assert ack.get("ok"), ack
        out.append((time.perf_counter() - started) * 1000)
    chair.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--commands", type=int, default=300)
    args = parser.parse_args()

    times = []
    for run in range(args.runs):
        times.append(failover_once())
        print(
            f"failover run {run + 1}: first command acknowledged {times[-1]:.2f} s after kill -9", flush=True
        )
    print(f"failover median {statistics.median(times):.2f} s (min {min(times):.2f}, max {max(times):.2f})")

    folder = tempfile.mkdtemp(prefix="cb-wait-")
    primary, replica, sentinels = cluster(folder)
    url = sentinel_url(sentinels)
    medians: dict[str, list[float]] = {"0": [], "1": []}
    p99s: dict[str, list[float]] = {"0": [], "1": []}
    try:
        for run in range(args.runs):
            for replicas in ("0", "1") if run % 2 == 0 else ("1", "0"):
                server = ServerProcess(
                    f"{folder}/data-{run}-{replicas}",
                    env={"REDIS_URL": url, "CONFERENCE_REDIS_REPLICAS": replicas, **LOOSE},
                )
                server.start()
                try:
                    lat = sorted(ack_latencies(server, args.commands))
                finally:
                    server.stop()
                medians[replicas].append(statistics.median(lat))
                p99s[replicas].append(lat[int(len(lat) * 0.99) - 1])
                print(
                    f"run {run + 1} REPLICAS={replicas}: ack p50 {medians[replicas][-1]:.2f} ms, "
                    f"p99 {p99s[replicas][-1]:.2f} ms",
                    flush=True,
                )
    finally:
        for p in [*sentinels, replica, primary]:
            p.stop()
    m0, m1 = statistics.median(medians["0"]), statistics.median(medians["1"])
    print(
        f"ack p50 median: REPLICAS=0 {m0:.2f} ms, REPLICAS=1 {m1:.2f} ms (+{m1 - m0:.2f} ms); "
        f"p99 median: {statistics.median(p99s['0']):.2f} vs {statistics.median(p99s['1']):.2f} ms"
    )


if __name__ == "__main__":
    main()
