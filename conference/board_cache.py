"""What this process keeps of each board: its fold, caught up from the store before use, a
lock per board, and the chair's last projector choice (never logged)."""

from __future__ import annotations

import threading
import time
from typing import TYPE_CHECKING

from .domain import state
from .domain import vocabulary as v
from .domain.errors import DomainError
from .store.base import EventStore, StoreUnavailable
from .unavailable import storage

if TYPE_CHECKING:
    from .service import Publisher

# how often a command looks whether another process wrote to the file (seconds); a screen's
# read (hello, sync) looks every time
NOTICE_EVERY = 0.05


class BoardCache:
    def __init__(self, store: EventStore, publisher: Publisher):
        self.store = store
        self.publisher = publisher
        self._boards: dict[str, state.Board] = {}
        # boards to catch up from the store before their next use: another process wrote
        # (SQLite's data_version moved), or an append's answer was lost
        self._stale: set[str] = set()
        self._data_version: int | None = None
        self._noticed_at = -NOTICE_EVERY
        self._locks: dict[str, threading.RLock] = {}
        self._projector: dict[str, dict] = {}  # the chair's last paging choice per board
        self._locks_guard = threading.Lock()

    def count(self) -> int:
        return len(self._boards)

    def cached(self, conference_id: str) -> state.Board | None:
        """The board as this process last folded it, without a look at the store."""
        return self._boards.get(conference_id)

    def lock(self, conference_id: str) -> threading.RLock:
        found = self._locks.get(conference_id)  # no new lock made and dropped at every command
        if found is not None:
            return found
        with self._locks_guard:
            return self._locks.setdefault(conference_id, threading.RLock())

    def mark_stale(self, conference_id: str) -> None:
        """Catch this board up from the store before its next use (an answer was lost)."""
        self._stale.add(conference_id)

    def board(self, conference_id: str, refresh: bool = False) -> state.Board:
        """The cached board, caught up with the store when asked, or always when other
        processes write to the same store (Redis). With group commit, once every append to
        it is committed: what a screen is sent from it is on disk (a command's own load, in
        `load`, does not wait: it is decided against the appends still in the batch)."""
        settled = getattr(self.store, "settled", None)
        if settled is not None:
            settled(conference_id)
        with self.lock(conference_id):  # never fold while a command of this process is folding
            return self.load(conference_id, refresh)[0]

    def load(
        self, conference_id: str, refresh: bool, op_id: str | None = None
    ) -> tuple[state.Board, tuple[int, dict | None] | None]:
        """The board, and — given an op_id — that command's earlier answer if it was already
        applied, read in the same round trip as the catch-up (Redis: one trip before the append)."""
        gone = DomainError("not_found", "We couldn't find that conference. It may have been deleted.")
        with storage():
            board = self._boards.get(conference_id)
            if board is not None and (op_id is None or time.monotonic() - self._noticed_at > NOTICE_EVERY):
                # a command's own read looks at most every NOTICE_EVERY seconds: in a burst,
                # one look serves many (a command on a board deleted meanwhile still fails
                # at its append, whose seq the store no longer has: SeqConflict, then gone)
                self.notice_other_writers()
            if board is not None and not (refresh or self.store.shared or conference_id in self._stale):
                return board, (self.store.op(conference_id, op_id) if op_id else None)
            since = board.seq if board is not None else 0
            if op_id:
                new, done = self.store.before_command(conference_id, since, op_id)
            else:
                new, done = self.store.catch_up(conference_id, since), None
            self._stale.discard(conference_id)
            if new is None or (board is None and not new):
                if board is not None:
                    self.forget(conference_id, board)
                raise gone
            if board is None:
                board = self._boards[conference_id] = state.fold(new)
            else:
                state.fold([e for e in new if e["seq"] > board.seq], board)
        return board, done

    def board_and_log(self, conference_id: str) -> tuple[state.Board, list[dict]]:
        """The board and its log up to the board's seq, read together."""
        with self.lock(conference_id):
            board = self.board(conference_id)
            with storage():
                events = self.store.events(conference_id)
        return board, events[: board.seq]

    def notice_other_writers(self) -> None:
        """When another process wrote to the file (the purge command, say), every cached
        board is caught up from the store before its next use."""
        version = self.store.data_version()
        self._noticed_at = time.monotonic()
        if version is not None and version != self._data_version:
            if self._data_version is not None:
                self._stale.update(self._boards)
            self._data_version = version

    def drop(self, conference_id: str) -> None:
        """Fold the board again from the store at its next use (a batch of appends to it was
        not committed: the fold holds events the store does not). Takes no lock: it runs
        while a command may hold the board's."""
        self._boards.pop(conference_id, None)

    def forget(self, conference_id: str, board: state.Board) -> None:
        """The conference was deleted (here or elsewhere): drop it and cut every screen on it."""
        self._boards.pop(conference_id, None)
        self._stale.discard(conference_id)
        self._projector.pop(conference_id, None)
        for mid, member in board.members.items():
            if member["kind"] != v.MemberKind.OFFLINE:
                self.publisher.disconnect_member(conference_id, mid, "deleted")

    def watch(self) -> list[str]:
        """Find cached boards deleted by another process and cut their screens at once.
        The server calls this every few seconds; returns the ids it forgot."""
        try:
            self.notice_other_writers()
            suspects = list(self._boards) if self.store.shared else list(self._stale)
            gone = []
            for cid in suspects:
                with self.lock(cid):
                    board = self._boards.get(cid)
                    if board is not None and not self.store.exists(cid):
                        self.forget(cid, board)
                        gone.append(cid)
            return gone
        except StoreUnavailable:
            return []

    def keep_projector(self, conference_id: str, settings: dict) -> None:
        """The chair's paging and wording choice, so a projector that reloads is told again."""
        self._projector[conference_id] = settings

    def projector(self, conference_id: str) -> dict | None:
        return self._projector.get(conference_id)
