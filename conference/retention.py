"""Deleting boards: the chair's deletion and the daily purge of ended or idle boards, then
the store's files rewritten without what was deleted."""

from __future__ import annotations

import datetime as dt
import logging

from .access import Access
from .board_cache import BoardCache
from .domain.errors import DomainError
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
        when = dt.datetime.fromisoformat(now.replace("Z", "+00:00"))
        gone = []
        with storage():
            ids = self.store.all_conferences()
        for cid in ids:
            try:
                board = self.boards.board(cid)
            except DomainError:
                continue
            if board.closed_at:
                expired = _age_days(when, board.closed_at) > retention_days
            else:
                expired = _age_days(when, board.last_at) > idle_days
            if expired:
                self.delete_conference(cid, scrub=False)
                gone.append(cid)
        if gone:
            self.scrub()  # one rewrite of the file for the day's deletions
        return gone

    def delete_conference(self, conference_id: str, who: str = "retention", scrub: bool = True) -> None:
        self.access.audit(None, "deleted a conference", who, conference=conference_id)
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


def _age_days(now: dt.datetime, iso: str | None) -> float:
    if not iso:
        return 0.0
    return (now - dt.datetime.fromisoformat(iso.replace("Z", "+00:00"))).total_seconds() / 86400
