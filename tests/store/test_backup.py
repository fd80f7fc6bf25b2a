"""Backups in-process (the real-process tests are tests/integration/test_backup.py): every
way a conference is deleted writes its id to the ledger outside the file; a restore
deletes them again and leaves none of their words in the file; a file that is not a good
backup is refused before anything changes; a restore refuses while the store is open."""

from __future__ import annotations

import hashlib
import os
import sqlite3

import pytest

from conference import backup
from conference.domain.errors import DomainError
from conference.service import NullPublisher, Service
from conference.store import ledger
from conference.store.base import StoreUnavailable
from conference.store.sqlite import SqliteStore


def _service(folder: str) -> Service:
    return Service(SqliteStore(os.path.join(folder, "conference.sqlite3")), NullPublisher())


def _add(service: Service, made: dict, text: str) -> None:
    chair = service.access.authenticate(made["facilitator_token"])[1]
    cid = made["conference_id"]
    service.command(
        cid, chair, {"op_id": text, "type": "item.add", "payload": {"column": "worries", "text": text}}
    )


def _files(folder: str) -> dict[str, str]:
    return {
        name: hashlib.sha256(open(os.path.join(folder, name), "rb").read()).hexdigest()
        for name in sorted(os.listdir(folder))
    }


def test_every_deletion_path_writes_the_ledger(tmp_path):
    folder = str(tmp_path / "data")
    service = _service(folder)
    by_chair, by_purge = service.create_conference("Chair's"), service.create_conference("Old")
    service.retention.delete_conference(by_chair["conference_id"], "the chair")
    assert service.retention.purge("2099-01-01T00:00:00Z", 30, 60) == [by_purge["conference_id"]]
    # a review whose carried words could not all be written is rolled back
    real = service.store.append

    def failing(*args, **kwargs):
        raise StoreUnavailable("disk full")

    service.store.append = failing  # type: ignore[method-assign]
    with pytest.raises(DomainError):
        service.create_conference("Half", children=[{"name": "Halfmade Child", "age": 4}])
    service.store.append = real  # type: ignore[method-assign]
    ids = ledger.deleted_ids(os.path.join(folder, ledger.NAME))
    assert ids[:2] == [by_chair["conference_id"], by_purge["conference_id"]] and len(ids) == 3
    assert not service.store.exists(ids[2])
    text = open(os.path.join(folder, ledger.NAME)).read()
    assert "Chair's" not in text and "Halfmade" not in text  # ids and times only


def test_restore_deletes_again_what_was_deleted_after_the_backup(tmp_path):
    folder, file = str(tmp_path / "data"), str(tmp_path / "nightly.backup")
    service = _service(folder)
    gone, kept = service.create_conference("Gone"), service.create_conference("Kept")
    _add(service, gone, "Quokkaword lives with gran")
    _add(service, kept, "Numbatword goes to school")
    backup.backup(folder, file)
    assert b"Quokkaword" in open(file, "rb").read()  # unencrypted: the words are there
    service.retention.delete_conference(gone["conference_id"], "the chair")
    service.store.close()
    done = backup.restore(folder, file)
    assert done == {"conferences": 1, "deleted_again": 1}
    store = SqliteStore(os.path.join(folder, "conference.sqlite3"))
    assert not store.exists(gone["conference_id"]) and store.exists(kept["conference_id"])
    store.close()
    blob = b"".join(open(os.path.join(folder, n), "rb").read() for n in os.listdir(folder))
    assert b"Quokkaword" not in blob and b"Numbatword" in blob
    # the ledger was not written twice, and nothing was left behind by the restore
    assert ledger.deleted_ids(os.path.join(folder, ledger.NAME)) == [gone["conference_id"]]
    assert sorted(os.listdir(folder)) == ["conference.sqlite3", "conference.sqlite3-lock", ledger.NAME]


def test_an_encrypted_backup_has_no_readable_word_and_needs_its_key(tmp_path):
    folder, file = str(tmp_path / "data"), str(tmp_path / "enc.backup")
    service = _service(folder)
    _add(service, service.create_conference("Wombatword family"), "Wombatword at nursery")
    key = backup.new_key()
    backup.backup(folder, file, key)
    raw = open(file, "rb").read()
    assert raw.startswith(backup.MAGIC) and b"Wombatword" not in raw and b"SQLite format" not in raw
    assert backup.read_backup(file, key).startswith(backup.SQLITE_MAGIC)
    for wrong in (None, backup.new_key()):
        with pytest.raises(backup.BackupError):
            backup.read_backup(file, wrong)
    with pytest.raises(backup.BackupError, match="not a Fernet key"):
        backup.read_backup(file, "not-a-key")


def _not_backups(tmp_path, good: str, key: str) -> dict[str, tuple[str, str | None]]:
    raw = open(good, "rb").read()
    other = str(tmp_path / "other.sqlite3")
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE notes (t TEXT)")
    con.commit()
    con.close()
    out = {
        "random": os.urandom(4096),
        "truncated": raw[: len(raw) // 2],
        "plain sqlite": open(other, "rb").read(),
    }
    paths = {}
    for name, data in out.items():
        path = str(tmp_path / name.replace(" ", "-"))
        open(path, "wb").write(data)
        paths[name] = (path, key)
    paths["wrong key"] = (good, backup.new_key())
    paths["no key"] = (good, None)
    return paths


def test_a_file_that_is_not_a_good_backup_is_refused_and_changes_nothing(tmp_path):
    folder, good = str(tmp_path / "data"), str(tmp_path / "good.backup")
    service = _service(folder)
    _add(service, service.create_conference("Family"), "still here")
    key = backup.new_key()
    backup.backup(folder, good, key)
    service.store.close()
    before = _files(folder)
    for name, (path, with_key) in _not_backups(tmp_path, good, key).items():
        with pytest.raises(backup.BackupError):
            backup.restore(folder, path, with_key)
        assert _files(folder) == before, name


def test_a_backup_of_another_database_with_our_header_is_refused(tmp_path):
    """A valid header over a database without the app's tables fails the table check."""
    import json

    other = str(tmp_path / "other.sqlite3")
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE notes (t TEXT)")
    con.commit()
    con.close()
    payload = open(other, "rb").read()
    header = {"app": "conference-board", "format": 1, "encrypted": False, "length": len(payload)}
    header["sha256"] = hashlib.sha256(payload).hexdigest()
    path = str(tmp_path / "dressed.backup")
    open(path, "wb").write(backup.MAGIC + json.dumps(header).encode() + b"\n" + payload)
    folder = str(tmp_path / "data")
    _service(folder).store.close()
    before = _files(folder)
    with pytest.raises(backup.BackupError, match="not Conference Board's"):
        backup.restore(folder, path)
    assert _files(folder) == before


def test_restore_refuses_while_the_store_is_open_and_a_store_refuses_while_a_restore_runs(tmp_path):
    folder, file = str(tmp_path / "data"), str(tmp_path / "b.backup")
    service = _service(folder)
    backup.backup(folder, file)
    with pytest.raises(backup.BackupError, match="has .* open: stop it first"):
        backup.restore(folder, file)
    service.store.close()
    with backup._exclusive(folder):
        with pytest.raises(StoreUnavailable, match="being restored"):
            SqliteStore(os.path.join(folder, "conference.sqlite3"))
    backup.restore(folder, file)


def test_a_rewrite_while_a_backup_reads_says_its_checkpoint_did_not_finish(tmp_path):
    """A deletion's rewrite while a backup holds its snapshot cannot empty the WAL: the
    store says so (retention logs it and the next deletion or purge finishes the job)
    instead of reporting a clean file."""
    path = str(tmp_path / "data" / "conference.sqlite3")
    store = SqliteStore(path, busy_timeout=0.1)
    store.audit(None, {"what": "something to read"})
    reader = sqlite3.connect(path, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM audit").fetchall()
    with pytest.raises(StoreUnavailable, match="waited for a reader"):
        store.scrub()
    reader.execute("COMMIT")
    reader.close()
    store.scrub()
    store.close()
