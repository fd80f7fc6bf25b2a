"""The embedded default store: one SQLite file in WAL mode; a command is committed before its ack."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import secrets
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from ..blocking import off_the_loop
from . import ledger
from .base import DuplicateCode, DuplicateOp, Event, SeqConflict, StoreUnavailable
from .group import Ticket

# Every process that opens the file holds a shared flock on this file beside it for as
# long as it has the store open; `restore` takes it exclusively (conference/backup.py), so
# it refuses while a server runs, and a server refuses to start while a restore runs.
LOCK_SUFFIX = "-lock"


def _hold_shared(path: str) -> int:
    fd = os.open(path + LOCK_SUFFIX, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise StoreUnavailable(
            f"{path} is being restored from a backup: start again when the restore has finished"
        ) from None
    return fd


SCHEMA = """
CREATE TABLE IF NOT EXISTS conferences (
    id TEXT PRIMARY KEY,
    join_code TEXT NOT NULL UNIQUE,
    last_seq INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
    conference_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (conference_id, seq)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS ops (
    conference_id TEXT NOT NULL,
    op_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    result TEXT,
    PRIMARY KEY (conference_id, op_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS tokens (
    token_hash TEXT PRIMARY KEY,
    conference_id TEXT NOT NULL,
    member_id TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS tokens_by_conference ON tokens (conference_id, member_id);
CREATE TABLE IF NOT EXISTS owners (
    conference_id TEXT PRIMARY KEY,
    username TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS owners_by_user ON owners (username);
CREATE TABLE IF NOT EXISTS audit (
    n INTEGER PRIMARY KEY AUTOINCREMENT,
    conference_id TEXT NOT NULL,
    entry TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_by_conference ON audit (conference_id, n);
CREATE TABLE IF NOT EXISTS accounts (
    username TEXT PRIMARY KEY,
    record TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS sessions (
    session_hash TEXT PRIMARY KEY,
    username TEXT NOT NULL,
    expires_at REAL NOT NULL
) WITHOUT ROWID;
"""


class SqliteStore:
    shared = False  # one process owns the file: its cached boards are always current

    def __init__(
        self,
        path: str,
        synchronous: str = "FULL",
        busy_timeout: float = 1.0,
        *,
        record_deletions: bool = True,
    ):
        os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        self.path = path
        # deleted ids go to DATA/deleted.ledger, outside the file a backup copies; a
        # restore's own deletions (from that ledger) are not written there again
        self.ledger = ledger.path_beside(path) if record_deletions else None
        self._held = _hold_shared(path)
        self._lock = threading.RLock()
        # the busy wait blocks the whole eventlet hub, so it is kept short: better a quick
        # `unavailable` than every screen frozen while a backup tool holds the file
        self._db = sqlite3.connect(path, timeout=busy_timeout, isolation_level=None, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute(f"PRAGMA synchronous={'FULL' if synchronous.upper() == 'FULL' else 'NORMAL'}")
        self._db.execute("PRAGMA secure_delete=ON")
        self._db.executescript(SCHEMA)
        # group commit (store/group.py), switched on by a served app: the appends written in
        # the open transaction, and those whose COMMIT is under way
        self.grouped = False
        self._batch: list[Ticket] = []
        self._committing: list[Ticket] = []

    def group_commits(self) -> None:
        """Commands' appends share COMMITs, each on an OS thread (`append_soon`): for a
        server on eventlet or gevent, whose loop would otherwise wait for every fsync."""
        self.grouped = True

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._commit_batch()  # the open batch first: a transaction can't begin inside it
            try:
                self._db.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as e:
                raise StoreUnavailable(str(e)) from e
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            try:
                # on the hub, not on an OS thread: handing each commit to a thread and back
                # costs a turn of the hub per command, and with every board behind this one
                # lock a busy server fell seconds behind (bench/RESULTS.md, 2026-12-04)
                self._db.execute("COMMIT")
            except sqlite3.Error as e:
                self._db.execute("ROLLBACK")
                raise StoreUnavailable(str(e)) from e

    def _read(self, sql: str, args: tuple) -> list[tuple]:
        with self._lock:
            try:
                return self._db.execute(sql, args).fetchall()
            except sqlite3.Error as e:
                raise StoreUnavailable(str(e)) from e

    def create(
        self,
        conference_id: str,
        join_code: str,
        event: Event,
        tokens: dict[str, str],
        owner: str | None = None,
    ) -> None:
        try:
            with self._tx() as db:
                db.execute(
                    "INSERT INTO conferences (id, join_code, last_seq) VALUES (?, ?, ?)",
                    (conference_id, join_code, event["seq"]),
                )
                db.execute(
                    "INSERT INTO events (conference_id, seq, body) VALUES (?, ?, ?)",
                    (conference_id, event["seq"], json.dumps(event)),
                )
                db.executemany(
                    "INSERT INTO tokens (token_hash, conference_id, member_id) VALUES (?, ?, ?)",
                    [(h, conference_id, m) for h, m in tokens.items()],
                )
                if owner:
                    db.execute(
                        "INSERT INTO owners (conference_id, username) VALUES (?, ?)", (conference_id, owner)
                    )
        except sqlite3.IntegrityError as e:
            raise DuplicateCode(str(e)) from e

    def conference_by_code(self, join_code: str) -> str | None:
        rows = self._read("SELECT id FROM conferences WHERE join_code = ?", (join_code,))
        return rows[0][0] if rows else None

    def member_by_token(self, token_hash: str) -> tuple[str, str] | None:
        rows = self._read("SELECT conference_id, member_id FROM tokens WHERE token_hash = ?", (token_hash,))
        return (rows[0][0], rows[0][1]) if rows else None

    def op(self, conference_id: str, op_id: str) -> tuple[int, dict | None] | None:
        self._wait_for_op(conference_id, op_id)  # its answer only once it is durable
        return self._op(conference_id, op_id)

    def _op(self, conference_id: str, op_id: str) -> tuple[int, dict | None] | None:
        rows = self._read(
            "SELECT seq, result FROM ops WHERE conference_id = ? AND op_id = ?", (conference_id, op_id)
        )
        if not rows:
            return None
        return rows[0][0], (json.loads(rows[0][1]) if rows[0][1] else None)

    def append(
        self,
        conference_id: str,
        event: Event,
        *,
        op_id: str | None = None,
        result: dict | None = None,
        add_tokens: dict[str, str] | None = None,
        revoke_member: str | None = None,
    ) -> int:
        with self._tx() as db:
            self._append_rows(db, conference_id, event, op_id, result, add_tokens, revoke_member)
        return event["seq"]

    def _append_rows(
        self,
        db: sqlite3.Connection,
        conference_id: str,
        event: Event,
        op_id: str | None,
        result: dict | None,
        add_tokens: dict[str, str] | None,
        revoke_member: str | None,
    ) -> None:
        row = db.execute("SELECT last_seq FROM conferences WHERE id = ?", (conference_id,)).fetchone()
        if row is None or row[0] + 1 != event["seq"]:
            raise SeqConflict(f"expected seq {None if row is None else row[0] + 1}")
        if op_id is not None:
            done = db.execute(
                "SELECT seq, result FROM ops WHERE conference_id = ? AND op_id = ?",
                (conference_id, op_id),
            ).fetchone()
            if done:
                raise DuplicateOp(done[0], json.loads(done[1]) if done[1] else None)
            db.execute(
                "INSERT INTO ops (conference_id, op_id, seq, result) VALUES (?, ?, ?, ?)",
                (conference_id, op_id, event["seq"], json.dumps(result) if result else None),
            )
        db.execute(
            "INSERT INTO events (conference_id, seq, body) VALUES (?, ?, ?)",
            (conference_id, event["seq"], json.dumps(event)),
        )
        db.execute("UPDATE conferences SET last_seq = ? WHERE id = ?", (event["seq"], conference_id))
        if add_tokens:
            db.executemany(
                "INSERT INTO tokens (token_hash, conference_id, member_id) VALUES (?, ?, ?)",
                [(h, conference_id, m) for h, m in add_tokens.items()],
            )
        if revoke_member:
            db.execute(
                "DELETE FROM tokens WHERE conference_id = ? AND member_id = ?",
                (conference_id, revoke_member),
            )

    def append_soon(
        self,
        conference_id: str,
        event: Event,
        *,
        op_id: str | None = None,
        result: dict | None = None,
        add_tokens: dict[str, str] | None = None,
        revoke_member: str | None = None,
    ) -> Ticket:
        """`append`, written in the open transaction at once (SeqConflict and DuplicateOp
        are raised here, as there) and durable when the returned ticket says so: the COMMIT
        comes once the commands already read from their sockets have joined the batch."""
        ticket = Ticket(conference_id, op_id)
        while True:
            self._wait_for_op(conference_id, op_id)  # the same op still in a batch: its outcome first
            with self._lock:
                if op_id is not None and self._pending(conference_id, op_id) is not None:
                    continue
                opened = not self._batch
                try:
                    if opened:
                        self._db.execute("BEGIN IMMEDIATE")
                    self._db.execute("SAVEPOINT command")
                    try:
                        self._append_rows(
                            self._db, conference_id, event, op_id, result, add_tokens, revoke_member
                        )
                    except BaseException:
                        self._db.execute("ROLLBACK TO command")
                        raise
                    finally:
                        self._db.execute("RELEASE command")
                except BaseException as e:
                    if opened:  # the transaction this append began holds nothing else
                        with contextlib.suppress(sqlite3.Error):
                            self._db.execute("ROLLBACK")
                    if isinstance(e, sqlite3.Error):
                        raise StoreUnavailable(str(e)) from e
                    raise
                self._batch.append(ticket)
            if opened:
                threading.Thread(target=self._commit_soon, daemon=True).start()
            return ticket

    def _before_commit(self) -> None:
        """Turns of the loop until one adds nothing to the batch: every command already
        read from its socket (and those it let through the store's lock) joins it first."""
        size = -1
        while len(self._batch) != size:
            size = len(self._batch)
            time.sleep(0)

    def _commit_soon(self) -> None:
        self._before_commit()
        with self._lock:
            self._commit_batch()

    def _commit_batch(self) -> None:
        """COMMIT the open batch (holding the lock), on an OS thread; then each ticket in
        append order: its deliveries, or, if the COMMIT failed, its `if_lost`."""
        batch, self._batch = self._batch, []
        if not batch:
            return
        self._committing = batch
        error = None
        try:
            off_the_loop(self._db.execute, "COMMIT")
        except sqlite3.Error as e:
            with contextlib.suppress(sqlite3.Error):
                self._db.execute("ROLLBACK")
            error = StoreUnavailable(str(e))
        finally:
            self._committing = []
        for ticket in batch:
            ticket.settle(error)

    def _pending(self, conference_id: str, op_id: str | None = None) -> Ticket | None:
        """The last uncommitted append of the conference (of that op, if given)."""
        for ticket in reversed(self._batch + self._committing):
            if ticket.conference_id == conference_id and op_id in (None, ticket.op_id):
                return ticket
        return None

    def _wait_for_op(self, conference_id: str, op_id: str | None) -> None:
        while op_id is not None and (ticket := self._pending(conference_id, op_id)) is not None:
            ticket._done.wait()

    def settled(self, conference_id: str) -> None:
        """Until every append of the conference is committed (or lost): what a screen is
        sent from the board is durable."""
        while (ticket := self._pending(conference_id)) is not None:
            ticket._done.wait()

    def add_token(self, conference_id: str, token_hash: str, member_id: str) -> None:
        with self._tx() as db:
            db.execute(
                "INSERT INTO tokens (token_hash, conference_id, member_id) VALUES (?, ?, ?)",
                (token_hash, conference_id, member_id),
            )

    def replace_tokens(self, conference_id: str, member_id: str, token_hash: str) -> None:
        with self._tx() as db:
            db.execute(
                "DELETE FROM tokens WHERE conference_id = ? AND member_id = ?", (conference_id, member_id)
            )
            db.execute(
                "INSERT INTO tokens (token_hash, conference_id, member_id) VALUES (?, ?, ?)",
                (token_hash, conference_id, member_id),
            )

    def events(self, conference_id: str, since: int = 0) -> list[Event]:
        rows = self._read(
            "SELECT body FROM events WHERE conference_id = ? AND seq > ? ORDER BY seq",
            (conference_id, since),
        )
        return [json.loads(r[0]) for r in rows]

    def catch_up(self, conference_id: str, since: int) -> list[Event] | None:
        """Events after `since`, or None when the conference no longer exists."""
        with self._lock:
            if not self.exists(conference_id):
                return None
            return self.events(conference_id, since)

    def before_command(
        self, conference_id: str, since: int, op_id: str
    ) -> tuple[list[Event] | None, tuple[int, dict | None] | None]:
        self._wait_for_op(conference_id, op_id)
        with self._lock:
            return self.catch_up(conference_id, since), self._op(conference_id, op_id)

    def data_version(self) -> int | None:
        return int(self._read("PRAGMA data_version", ())[0][0])

    def exists(self, conference_id: str) -> bool:
        return bool(self._read("SELECT 1 FROM conferences WHERE id = ?", (conference_id,)))

    def delete(self, conference_id: str) -> bool:
        """Every row of the conference (secure_delete zeroes their cells); scrub() then
        rewrites the file without the copies pages keep. The id goes to the deletion ledger
        first, so a restore of an older backup deletes the board again."""
        if self.ledger:
            try:
                ledger.record(self.ledger, conference_id)
            except OSError as e:
                raise StoreUnavailable(f"could not write the deletion ledger: {e}") from e
        with self._tx() as db:
            gone = db.execute("DELETE FROM conferences WHERE id = ?", (conference_id,)).rowcount
            for table in ("events", "ops", "tokens", "owners", "audit"):
                db.execute(f"DELETE FROM {table} WHERE conference_id = ?", (conference_id,))
        return bool(gone)

    def scrub(self) -> None:
        """Leave no copy of deleted rows anywhere in the files. secure_delete zeroes the cells
        a delete frees, but not the old copies a page keeps in its unused space after rows
        were moved about inside it (found in 2 of 6 runs of tests/store/
        test_deleted_means_gone.py before this): VACUUM rewrites every page from the live
        rows only (its scratch copy in memory, temp_store), and the checkpoint moves the
        result into the main file and empties the WAL. Its cost grows with the file (bench/
        RESULTS.md); retention deletes a day's boards with one scrub."""
        with self._lock:
            self._commit_batch()  # VACUUM runs outside any transaction
            self._db.execute("PRAGMA temp_store=MEMORY")
            self._db.execute("VACUUM")
            busy = self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        if busy:
            # another connection still reads an older snapshot (a backup's VACUUM INTO):
            # the old pages stay in the main file until a later checkpoint; said, not hidden
            raise StoreUnavailable("the checkpoint after the rewrite waited for a reader (a backup?)")

    def audit(self, conference_id: str | None, entry: dict) -> None:
        with self._tx() as db:
            db.execute(
                "INSERT INTO audit (conference_id, entry) VALUES (?, ?)",
                (conference_id or "", json.dumps(entry)),
            )

    def audit_of(self, conference_id: str | None) -> list[dict]:
        rows = self._read(
            "SELECT entry FROM audit WHERE conference_id = ? ORDER BY n", (conference_id or "",)
        )
        return [json.loads(r[0]) for r in rows]

    def secret(self, name: str) -> bytes:
        # a file of its own next to the database, readable by the server only: a copy of
        # the database file alone does not carry it
        path = os.path.join(os.path.dirname(os.path.abspath(self.path)), name)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as f:
                f.write(secrets.token_hex(32))
        except FileExistsError:
            pass
        with open(path) as f:
            return f.read().strip().encode()

    def all_conferences(self) -> list[str]:
        return [r[0] for r in self._read("SELECT id FROM conferences", ())]

    def conferences_of(self, owner: str) -> list[str]:
        return [r[0] for r in self._read("SELECT conference_id FROM owners WHERE username = ?", (owner,))]

    def owner_of(self, conference_id: str) -> str | None:
        rows = self._read("SELECT username FROM owners WHERE conference_id = ?", (conference_id,))
        return rows[0][0] if rows else None

    def owners(self) -> dict[str, str]:
        return {r[0]: r[1] for r in self._read("SELECT conference_id, username FROM owners", ())}

    def set_owner(self, conference_id: str, owner: str) -> bool:
        with self._tx() as db:
            if db.execute("SELECT 1 FROM conferences WHERE id = ?", (conference_id,)).fetchone() is None:
                return False
            db.execute(
                "INSERT INTO owners (conference_id, username) VALUES (?, ?) "
                "ON CONFLICT (conference_id) DO UPDATE SET username = excluded.username",
                (conference_id, owner),
            )
        return True

    def put_account(self, username: str, record: dict) -> None:
        with self._tx() as db:
            db.execute(
                "INSERT INTO accounts (username, record) VALUES (?, ?) "
                "ON CONFLICT (username) DO UPDATE SET record = excluded.record",
                (username, json.dumps(record)),
            )

    def get_account(self, username: str) -> dict | None:
        rows = self._read("SELECT record FROM accounts WHERE username = ?", (username,))
        return json.loads(rows[0][0]) if rows else None

    def delete_account(self, username: str) -> bool:
        with self._tx() as db:
            gone = db.execute("DELETE FROM accounts WHERE username = ?", (username,)).rowcount
            db.execute("DELETE FROM sessions WHERE username = ?", (username,))
        return bool(gone)

    def list_accounts(self) -> list[str]:
        return [r[0] for r in self._read("SELECT username FROM accounts ORDER BY username", ())]

    def put_session(self, session_hash: str, username: str, ttl_seconds: int) -> None:
        with self._tx() as db:
            db.execute("DELETE FROM sessions WHERE expires_at < ?", (time.time(),))
            db.execute(
                "INSERT INTO sessions (session_hash, username, expires_at) VALUES (?, ?, ?)",
                (session_hash, username, time.time() + ttl_seconds),
            )

    def get_session(self, session_hash: str) -> str | None:
        rows = self._read(
            "SELECT username FROM sessions WHERE session_hash = ? AND expires_at > ?",
            (session_hash, time.time()),
        )
        return rows[0][0] if rows else None

    def delete_session(self, session_hash: str) -> None:
        with self._tx() as db:
            db.execute("DELETE FROM sessions WHERE session_hash = ?", (session_hash,))

    def close(self) -> None:
        with self._lock:
            self._commit_batch()
            self._db.close()
            if self._held >= 0:
                os.close(self._held)  # the shared lock goes with it
                self._held = -1
