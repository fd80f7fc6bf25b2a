"""Where the event logs live: an EventStore protocol and its implementations."""

from __future__ import annotations

import os

from .base import EventStore


def make_store(settings: dict) -> EventStore:
    """The store the settings name: Redis when REDIS_URL is set (a `redis://` URL or a
    `redis+sentinel://` one, with REDIS_REPLICAS replicas to WAIT for), else the SQLite file in
    DATA_DIR (with its sync mode and busy timeout). The server and the CLI both use this."""
    if settings.get("REDIS_URL"):
        from .redis import RedisStore

        return RedisStore(settings["REDIS_URL"], replicas=settings.get("REDIS_REPLICAS") or 0)
    from .sqlite import SqliteStore

    return SqliteStore(
        os.path.join(settings["DATA_DIR"], "conference.sqlite3"),
        settings["SQLITE_SYNC"],
        settings["SQLITE_BUSY_TIMEOUT"],
    )
