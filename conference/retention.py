"""Deleting boards: the chair's deletion and the daily purge of ended or idle boards, then
the store's files rewritten without what was deleted."""

from __future__ import annotations

import datetime as dt
import logging

from .access import Access
from .board_cache import BoardCache
from .domain.errors import N_, DomainError
from .domain.state import Board
from .store.base import EventStore
from .unavailable import storage

log = logging.getLogger(__name__)


class Retention:
    def __init__(self, store: EventStore, boards: BoardCache, access: Access):
        self.store = store
        self.boards = boards
        self.access = access

    def purge(self, now: str, retention_days: int, idle_days: int) -> list[str]:
        """Delete conferences ended more than retention_days ago, or idle for idle_days."""
        when = _parse(now)
        gone = []
        with storage():
            ids = self.store.all_conferences()
        for cid in ids:
            try:
                board = self.boards.board(cid)
            except DomainError:
                continue
            deadline = delete_after(board, retention_days, idle_days)
            if deadline is not None and when > _parse(deadline):
                self.delete_conference(cid, scrub=False)
                gone.append(cid)
        if gone:
            self.scrub()  # one rewrite of the file for the day's deletions
        return gone

    def delete_conference(self, conference_id: str, who: str = "retention", scrub: bool = True) -> None:
        self.access.audit(None, N_("deleted a conference"), who, conference=conference_id)
        with self.boards.lock(conference_id):
            board = self.boards.board(conference_id)
            with storage():
                self.store.delete(conference_id)
            # gone from here and from every screen first; the file's rewrite comes after
            self.boards.forget(conference_id, board)
        if scrub:
            self.scrub()

    def scrub(self) -> None:
        """Rewrite the store's files without deleted data. A failure (the disk full, the file
        held by a backup) is logged and left for the next deletion or the daily purge: the
        board is already gone, so nobody is told "unavailable" for it."""
        try:
            self.store.scrub()
        except Exception:
            log.warning("could not rewrite the data file after a deletion; the next one will")


def delete_after(board: Board, retention_days: int, idle_days: int) -> str | None:
    """The one rule: when the daily purge deletes a board. An ended board goes
    retention_days after it ended; one never ended, idle_days after its last change. (None
    only for a board with no time at all, which is never deleted by the purge.)"""
    since = board.closed_at or board.last_at
    days = retention_days if board.closed_at else idle_days
    if not since:
        return None
    when = _parse(since) + dt.timedelta(days=days)
    return when.astimezone(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _parse(iso: str) -> dt.datetime:
    return dt.datetime.fromisoformat(iso.replace("Z", "+00:00"))
