"""Group commit for the SQLite store: a command's append is checked and queued, and
acknowledged once a COMMIT covering it is done. A writer writes what is queued in one
transaction and COMMITs it on an OS thread; the commands that come meanwhile queue for the
next. So the event loop serves every board while the disk works, and one fsync covers many
commands (docs/architecture.md, "Group commit")."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from .base import StoreUnavailable

log = logging.getLogger(__name__)


class Ticket:
    """One append checked and waiting to be written. `after` runs in append order once it
    is durable (the command's deliveries); `if_lost` runs if it could not be committed
    (nothing of it was written). Both before anyone waiting is woken."""

    def __init__(self, conference_id: str, op_id: str | None, seq: int):
        self.conference_id = conference_id
        self.op_id = op_id
        self.seq = seq
        self.rows: tuple = ()  # what the writer writes (SqliteStore._append_rows' arguments)
        self.after: list[Callable[[], None]] = []
        self.if_lost: list[Callable[[], None]] = []
        self.error: StoreUnavailable | None = None
        # two locks held from the start (a lock costs less to make than an Event, and a
        # ticket is made per command): `_done` let go once settled; `_armed` once the
        # command has said what follows (its deliveries) — the COMMIT may come first (an OS
        # thread's, or another thread's in the tests), the settling never does
        self._done = threading.Lock()
        self._done.acquire()
        self._armed = threading.Lock()
        self._armed.acquire()
        self._settled = False

    def arm(self) -> None:
        self._armed.release()

    def settle(self, error: StoreUnavailable | None) -> None:
        with self._armed:
            pass
        self.error = error
        for call in self.if_lost if error else self.after:
            try:
                call()
            except Exception:  # one screen's delivery never keeps the others waiting
                log.exception("after a commit")
        self._settled = True
        self._done.release()

    def wait(self) -> None:
        """Until the batch is committed; StoreUnavailable (nothing written) if it was not."""
        if not self._settled:
            with self._done:
                pass
        if self.error is not None:
            raise self.error
