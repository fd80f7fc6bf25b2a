"""What deleting a board costs now that the file is rewritten without it (SQLite `VACUUM`).

Builds a data file of `--boards` boards of `--items` items each through the real service and
store, then deletes boards one at a time, alternating a deletion that scrubs (the code
today) with one that doesn't (the rows deleted, `secure_delete` and a checkpoint only: the
code before), and prints the medians and the file's size. The event loop is blocked for
the whole deletion, so this is how long every board on the process waits.

    python -m bench.delete --boards 200 --items 100
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time

from conference.service import NullPublisher, Service
from conference.store.sqlite import SqliteStore


def build(folder: str, boards: int, items: int) -> tuple[Service, list[str]]:
    service = Service(
        SqliteStore(os.path.join(folder, "conference.sqlite3"), synchronous="NORMAL"), NullPublisher()
    )
    ids = []
    for b in range(boards):
        made = service.create_conference(f"Family {b}")
        cid = made["conference_id"]
        chair = service.access.authenticate(made["facilitator_token"])[1]
        for n in range(items):
            text = f"Board {b} item {n}: " + "words about the family " * 6
            service.command(
                cid,
                chair,
                {"op_id": f"o{n}", "type": "item.add", "payload": {"column": "worries", "text": text}},
            )
        ids.append(cid)
    return service, ids


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--boards", type=int, default=200)
    parser.add_argument("--items", type=int, default=100)
    parser.add_argument("--deletions", type=int, default=20, help="deletions of each kind, alternating")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cb-bench-delete-") as folder:
        service, ids = build(folder, args.boards, args.items)
        path = os.path.join(folder, "conference.sqlite3")
        size_mb = os.path.getsize(path) / 1e6
        times: dict[str, list[float]] = {"scrub": [], "no scrub": []}
        for n in range(min(2 * args.deletions, len(ids) - 1)):
            kind = "scrub" if n % 2 == 0 else "no scrub"
            started = time.perf_counter()
            service.store.delete(ids[n])
            if kind == "scrub":
                service.store.scrub()
            else:  # what the code before did after its deletes
                with service.store._lock:
                    service.store._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            times[kind].append(time.perf_counter() - started)
        out = {
            "boards": args.boards,
            "items": args.items,
            "file_mb": round(size_mb, 1),
            **{f"{k} median ms": round(statistics.median(v) * 1000, 1) for k, v in times.items()},
            **{f"{k} max ms": round(max(v) * 1000, 1) for k, v in times.items()},
        }
        print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
