"""Memory per item on a board in memory, in the two ways a server comes to hold items:
live (each command decoded from JSON, as a socket delivers it, decided and folded) and
folded from the store (a restart, or another process's board: every string fresh from
JSON). Prints bytes per item of RSS for each. A figure to read, not a test.

    python -m bench.item_memory [boards=200] [items per board=100]
"""

from __future__ import annotations

import gc
import json
import os
import sys
import tempfile
import tracemalloc


def rss() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def main(boards: int, per_board: int) -> None:
    from conference.board_cache import BoardCache
    from conference.domain import vocabulary as v
    from conference.service import NullPublisher, Service
    from conference.store.sqlite import SqliteStore

    store = SqliteStore(os.path.join(tempfile.mkdtemp(), "b.db"), synchronous="OFF")
    svc = Service(store, NullPublisher())
    confs = []
    for b in range(boards):
        c = svc.create_conference(f"Board {b}")
        board = svc.boards.board(c["conference_id"])
        chair = next(m for m, x in board.members.items() if x["kind"] == v.MemberKind.FACILITATOR)
        confs.append((c["conference_id"], chair))
    gc.collect()
    before = rss()
    for n in range(per_board):
        for cid, chair in confs:
            text = f"b{cid[:3]}-c{n}"
            command = {"op_id": text, "type": "item.add", "payload": {"column": "worries", "text": text}}
            svc.command(cid, chair, json.loads(json.dumps(command)))
    gc.collect()
    live = rss()
    items = boards * per_board
    print(
        f"live: {items} items, rss {before:.1f} -> {live:.1f} MB, {(live - before) * 1e6 / items:.0f} B/item"
    )
    # the same boards folded again from the store, beside the live ones
    # (RSS, and what stays allocated: RSS also keeps the pages the log's decoded events used)
    cache = BoardCache(store, NullPublisher())
    gc.collect()
    before = rss()
    tracemalloc.start()
    for cid, _ in confs:
        cache.board(cid)
    gc.collect()
    kept = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    after = rss()
    print(
        f"from the store: rss {before:.1f} -> {after:.1f} MB, {(after - before) * 1e6 / items:.0f} B/item;"
        f" kept {kept / items:.0f} B/item"
    )


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:3]]
    main(*args) if args else main(200, 100)
