"""`python -m conference backup FILE` and `restore FILE`: a consistent copy of the SQLite
store taken while the server serves, and put back with the server stopped.

The copy is `VACUUM INTO` on a connection of its own: one read transaction, so one
snapshot of the file as of its first read. In WAL mode a reader never blocks the writer,
so the server's commands go on committing while it runs (bench/backup.py measures it);
the online backup API in steps would start again from the first page each time a command
committed between two steps. The snapshot is written only from live rows (no free pages).

A backup file is MAGIC, one line of JSON (what it is, when, whether encrypted, the
payload's length and SHA-256: nothing about any board), then the payload: the SQLite
file, or a Fernet token of it when CONFERENCE_BACKUP_KEY is set. `restore` checks all of
that, decrypts, runs `PRAGMA integrity_check` and looks for the app's tables on a staged
copy before it touches the data; then deletes again every conference the deletion ledger
(store/ledger.py) names, rewrites the staged file without them, and only then puts it in
place."""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import json
import os
import secrets
import shutil
import sqlite3
import tempfile
import time

from .store import ledger
from .store.sqlite import LOCK_SUFFIX, SqliteStore

MAGIC = b"CONFERENCE-BOARD-BACKUP\n"
FORMAT = 1
DB_NAME = "conference.sqlite3"
SQLITE_MAGIC = b"SQLite format 3\x00"
TABLES = {"conferences", "events", "ops", "tokens", "owners", "audit", "accounts", "sessions"}
MAX_HEADER = 4096


class BackupError(Exception):
    """Said to the operator as it is; nothing was changed."""


def new_key() -> str:
    from cryptography.fernet import Fernet

    return Fernet.generate_key().decode()


def _fernet(key: str):
    from cryptography.fernet import Fernet

    try:
        return Fernet(key.strip().encode())
    except ValueError:
        raise BackupError(
            "CONFERENCE_BACKUP_KEY is not a Fernet key (make one with `python -m conference backup-key`)."
        ) from None


def _fsync_dir(path: str) -> None:
    fd = os.open(path or ".", os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def backup(data_dir: str, dest: str, key: str | None = None) -> dict:
    """Write a backup of DATA/conference.sqlite3 to `dest` (atomically: a `.partial` file
    renamed at the end). The plain snapshot is made in a private folder inside the data
    folder, never beside `dest`, so an encrypted backup puts no readable byte on the share."""
    live = os.path.join(data_dir, DB_NAME)
    if not os.path.isfile(live):
        raise BackupError(f"There is no {DB_NAME} in {data_dir}: nothing to back up.")
    fernet = _fernet(key) if key else None
    work = tempfile.mkdtemp(prefix=".backup-", dir=data_dir)  # 0700
    try:
        snapshot = os.path.join(work, "snapshot.sqlite3")
        con = sqlite3.connect(live, timeout=5, isolation_level=None)
        started = time.monotonic()
        try:
            con.execute("VACUUM INTO ?", (snapshot,))
        finally:
            con.close()
        took = time.monotonic() - started
        _check_database(snapshot)
        with open(snapshot, "rb") as f:
            plain = f.read()
        payload = fernet.encrypt(plain) if fernet else plain
        header = {
            "app": "conference-board",
            "format": FORMAT,
            "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z"),
            "encrypted": fernet is not None,
            "length": len(payload),
            "sha256": hashlib.sha256(payload).hexdigest(),
        }
        partial = dest + ".partial"
        try:
            fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "wb") as out:
                out.write(MAGIC + json.dumps(header).encode() + b"\n")
                out.write(payload)
                out.flush()
                os.fsync(out.fileno())
            os.replace(partial, dest)
            _fsync_dir(os.path.dirname(os.path.abspath(dest)))
        except OSError as e:
            with contextlib.suppress(OSError):
                os.remove(partial)
            raise BackupError(f"Could not write {dest}: {e.strerror}.") from None
    except sqlite3.Error as e:
        raise BackupError(f"Could not copy the database: {e}.") from None
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return {"file": dest, "bytes": len(payload), "encrypted": fernet is not None, "snapshot_s": took}


def read_backup(src: str, key: str | None = None) -> bytes:
    """The SQLite file a backup holds, or BackupError saying why it is not one of ours."""
    try:
        with open(src, "rb") as f:
            head = f.read(len(MAGIC) + MAX_HEADER)
            if not head.startswith(MAGIC) or b"\n" not in head[len(MAGIC) :]:
                raise BackupError(f"{src} is not a Conference Board backup.")
            line = head[len(MAGIC) : head.index(b"\n", len(MAGIC))]
            f.seek(len(MAGIC) + len(line) + 1)
            payload = f.read()
    except OSError as e:
        raise BackupError(f"Could not read {src}: {e.strerror}.") from None
    try:
        header = json.loads(line)
        ok = header["app"] == "conference-board"
    except (ValueError, KeyError, TypeError):
        ok = False
    if not ok:
        raise BackupError(f"{src} is not a Conference Board backup.")
    if header.get("format") != FORMAT:
        raise BackupError(
            f"{src} is a backup in format {header.get('format')!r}; this version reads {FORMAT}."
        )
    if len(payload) != header.get("length") or hashlib.sha256(payload).hexdigest() != header.get("sha256"):
        raise BackupError(f"{src} is damaged or cut short (its length or checksum does not match).")
    if header.get("encrypted"):
        if not key:
            raise BackupError(f"{src} is encrypted: set CONFERENCE_BACKUP_KEY to the key it was made with.")
        from cryptography.fernet import InvalidToken

        try:
            payload = _fernet(key).decrypt(payload)
        except InvalidToken:
            raise BackupError(
                f"{src} does not decrypt with this CONFERENCE_BACKUP_KEY (another key?)."
            ) from None
    if not payload.startswith(SQLITE_MAGIC):
        raise BackupError(f"{src} does not hold a database.")
    return payload


def _check_database(path: str) -> None:
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
        try:
            result = [r[0] for r in con.execute("PRAGMA integrity_check")]
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            con.close()
    except sqlite3.Error as e:
        raise BackupError(f"The database in the backup cannot be read: {e}.") from None
    if result != ["ok"]:
        raise BackupError(f"The database in the backup fails its integrity check: {result[:3]}.")
    if not TABLES <= tables:
        raise BackupError("The database in the backup is not Conference Board's (its tables are missing).")


@contextlib.contextmanager
def _exclusive(data_dir: str):
    """The lock every open store shares (store/sqlite.py), taken alone: nobody has the data
    open, and nobody can open it until the restore is done."""
    fd = os.open(os.path.join(data_dir, DB_NAME) + LOCK_SUFFIX, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BackupError(
                f"The server (or another command) has {data_dir} open: stop it first "
                "(systemctl stop 'conference-board@*')."
            ) from None
        yield
    finally:
        os.close(fd)


def restore(data_dir: str, src: str, key: str | None = None) -> dict:
    """Put a backup in place of DATA/conference.sqlite3, with the server stopped. Every check
    runs on a staged copy first; a refusal leaves the data as it was."""
    os.makedirs(data_dir, exist_ok=True)
    live = os.path.join(data_dir, DB_NAME)
    with _exclusive(data_dir):
        plain = read_backup(src, key)
        stage = os.path.join(data_dir, f".restore-{secrets.token_hex(8)}.sqlite3")
        try:
            fd = os.open(stage, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as out:
                out.write(plain)
                out.flush()
                os.fsync(out.fileno())
            del plain
            _check_database(stage)
            # deleted stays deleted: what the ledger names is deleted again, as a deletion
            # does it (rows, then the file rewritten), before the file goes anywhere
            again = []
            store = SqliteStore(stage, record_deletions=False)
            try:
                for cid in ledger.deleted_ids(ledger.path_beside(live)):
                    if store.exists(cid):
                        store.delete(cid)
                        again.append(cid)
                store.scrub()
                boards = len(store.all_conferences())
            finally:
                store.close()
            if os.path.exists(live):
                # the old file's WAL folded in (a damaged file may refuse: it is replaced
                # anyway) and removed, so no stale WAL ever meets the new file
                with contextlib.suppress(sqlite3.Error):
                    con = sqlite3.connect(live, isolation_level=None)
                    try:
                        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                    finally:
                        con.close()
            for extra in ("-wal", "-shm"):
                with contextlib.suppress(FileNotFoundError):
                    os.remove(live + extra)
            os.replace(stage, live)
            _fsync_dir(data_dir)
        finally:
            for leftover in (stage, stage + "-wal", stage + "-shm", stage + LOCK_SUFFIX):
                with contextlib.suppress(FileNotFoundError):
                    os.remove(leftover)
    return {"conferences": boards, "deleted_again": len(again)}
