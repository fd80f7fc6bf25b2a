"""The deletion ledger: one line per deleted conference (its id and when), appended and
fsynced next to the SQLite file but never inside it, so a backup does not carry it and a
restore can delete again what was deleted after the backup was taken (conference/backup.py).
It holds no words of a board: an id is a random string that means nothing without the file."""

from __future__ import annotations

import datetime as dt
import json
import os

NAME = "deleted.ledger"


def path_beside(db_path: str) -> str:
    return os.path.join(os.path.dirname(os.path.abspath(db_path)), NAME)


def record(path: str, conference_id: str) -> None:
    """Append one line and fsync it: written before the rows are deleted, so a crash between
    the two leaves an id in the ledger for a board that is still there (a restore deletes it,
    as the chair asked), never a deleted board missing from the ledger."""
    line = json.dumps(
        {
            "id": conference_id,
            "deleted_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z"),
        }
    )
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, (line + "\n").encode())
        os.fsync(fd)
    finally:
        os.close(fd)


def deleted_ids(path: str) -> list[str]:
    """Every id the ledger names, in order, each once. A torn last line (a crash while it
    was written) is skipped: its deletion had not begun."""
    try:
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
    except FileNotFoundError:
        return []
    seen: dict[str, None] = {}
    for line in lines:
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if isinstance(entry, dict) and isinstance(entry.get("id"), str):
            seen[entry["id"]] = None
    return list(seen)
