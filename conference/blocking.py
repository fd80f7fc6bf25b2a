"""Work that holds the CPU or the disk without Python (argon2's hashing, SQLite's COMMIT under
group commit) run on a real OS thread, so the event loop (eventlet or gevent) goes on
serving every board meanwhile. Without a monkey-patched loop (the CLI, in-process tests) it
simply runs here."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


def off_the_loop(fn: Callable[..., T], *args: Any) -> T:
    if "eventlet" in sys.modules:
        import eventlet.patcher

        if eventlet.patcher.is_monkey_patched("thread"):
            from eventlet import tpool

            return tpool.execute(fn, *args)
    if "gevent" in sys.modules:
        import gevent.monkey

        if gevent.monkey.is_module_patched("threading"):
            import gevent

            return gevent.get_hub().threadpool.apply(fn, args)
    return fn(*args)
