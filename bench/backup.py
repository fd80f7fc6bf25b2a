"""What a backup costs the server: command latency with `backup` running and without.

Builds a data file of `--boards` boards × `--items` items through the real service and
store, starts a real server on it (the launcher the integration tests use), and has one
chair edit an item at `--rate` a second, timing each send → ack. Then, `--runs` times,
alternating which comes first: a window of `python -m conference backup` runs (the real
CLI in its own process, with a key: encrypted) back to back for at least `--window`
seconds, and a quiet window as long. Prints JSON: the medians over runs of each side's
p50/p99/max ack latency, each backup's duration (the whole command, Python's start
included) and its snapshot's (the `VACUUM INTO` read transaction), and the sizes.

    python -m bench.backup --boards 200 --items 100 --runs 5
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time

import socketio

from conference.backup import new_key
from conference.launch import ROOT, ServerProcess

from .delete import build


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


class Sender:
    """One chair's socket sending item.add at a steady rate, each ack timed."""

    def __init__(self, url: str, token: str, rate: float):
        self.sio = socketio.Client(reconnection=False)
        self.sio.connect(url, namespaces=["/board"], auth={"token": token}, transports=["websocket"])
        self.rate, self.acks = rate, []  # (sent at, latency s)
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def command(self, n: int, type_: str, payload: dict) -> dict:
        ack = self.sio.call(
            "command", {"op_id": f"b{n}", "type": type_, "payload": payload}, namespace="/board", timeout=30
        )
        assert ack.get("ok") is True, ack
        return ack

    def run(self) -> None:
        # one item edited over and over: a board holds at most 1,000 items
        item = self.command(0, "item.add", {"column": "worries", "text": "n 0"})["result"]["id"]
        n, start = 1, time.monotonic()
        while not self.stop.is_set():
            sent = time.monotonic()
            self.command(n, "item.edit", {"id": item, "version": n, "text": f"n {n}"})
            self.acks.append((sent, time.monotonic() - sent))
            n += 1
            time.sleep(max(0.0, start + n / self.rate - time.monotonic()))

    def between(self, a: float, b: float) -> list[float]:
        return [lat for at, lat in self.acks if a <= at <= b]

    def close(self) -> None:
        self.stop.set()
        self.thread.join(30)
        self.sio.disconnect()


def figures(latencies: list[float]) -> dict:
    ms = [x * 1000 for x in latencies]
    return {
        "n": len(ms),
        **{
            k: round(v, 2)
            for k, v in (
                ("p50_ms", percentile(ms, 0.5)),
                ("p99_ms", percentile(ms, 0.99)),
                ("max_ms", max(ms)),
            )
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--boards", type=int, default=200)
    parser.add_argument("--items", type=int, default=100)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rate", type=float, default=30, help="commands a second")
    parser.add_argument("--window", type=float, default=3.0, help="least seconds of each window")
    parser.add_argument("--settle", type=float, default=1.0, help="seconds between windows")
    args = parser.parse_args()
    key = new_key()
    with tempfile.TemporaryDirectory(prefix="cb-bench-backup-") as folder:
        data = os.path.join(folder, "data")
        service, _ = build(data, args.boards, args.items)
        service.store.close()
        size_mb = os.path.getsize(os.path.join(data, "conference.sqlite3")) / 1e6
        server = ServerProcess(
            data, env={"CONFERENCE_COMMAND_RATE": "1000", "CONFERENCE_COMMAND_BURST": "5000"}
        )
        server.start()
        try:
            made = server.create(title="Bench board")
            sender = Sender(server.url, made["facilitator_token"], args.rate)
            time.sleep(args.settle)
            sides: dict[str, list[dict]] = {"backup": [], "quiet": []}
            took, snapshots, out_mb, window = [], [], 0.0, 0.0
            for run in range(args.runs):
                order = ("backup", "quiet") if run % 2 == 0 else ("quiet", "backup")
                for side in order:
                    start = time.monotonic()
                    if side == "backup":  # back to back until the window is long enough
                        while time.monotonic() - start < args.window:
                            one = time.monotonic()
                            dest = os.path.join(folder, "bench.backup")
                            done = subprocess.run(
                                [sys.executable, "-m", "conference", "backup", dest, "--data", data],
                                cwd=ROOT,
                                env={**os.environ, "CONFERENCE_BACKUP_KEY": key},
                                capture_output=True,
                                text=True,
                            )
                            assert done.returncode == 0, done.stderr
                            snapshots.append(
                                float(re.search(r"snapshot in ([\d.]+) s", done.stdout).group(1))
                            )
                            took.append(time.monotonic() - one)
                            out_mb = os.path.getsize(dest) / 1e6
                        window = time.monotonic() - start
                    else:
                        time.sleep(window if window else args.window)
                    end = time.monotonic()
                    time.sleep(args.settle)  # the window's last acks come in
                    sides[side].append(figures(sender.between(start, end)))
            sender.close()
        finally:
            server.stop()

    def median(side: str, field: str) -> float:
        return round(statistics.median(r[field] for r in sides[side]), 2)

    out = {
        "file_mb": round(size_mb, 1),
        "backup_mb": round(out_mb, 1),
        "backups": len(took),
        "backup_s_median": round(statistics.median(took), 3),
        "backup_s_max": round(max(took), 3),
        "snapshot_s_median": round(statistics.median(snapshots), 3),
        "snapshot_s_max": round(max(snapshots), 3),
        "rate": args.rate,
        **{
            f"{side}_{field}": median(side, field)
            for side in ("quiet", "backup")
            for field in ("p50_ms", "p99_ms", "max_ms", "n")
        },
        "runs": sides,
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
    }
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
