"""Deleted means gone from every file: many boards with edits and deletes, each board deleted
in turn while others live on, and after each deletion every file in the data folder is
scanned for that board's words (the real service on the real SQLite store, in-process)."""

from __future__ import annotations

import os
import random

import pytest

from conference.service import NullPublisher, Service
from conference.store.sqlite import SqliteStore

from ..integration.test_durability import bytes_in


def _chair(service: Service, made: dict) -> str:
    return service.access.authenticate(made["facilitator_token"])[1]


@pytest.mark.parametrize("seed", range(6))
def test_a_deleted_boards_words_are_in_no_file_of_the_data_folder(tmp_path, seed):
    rng = random.Random(seed)
    folder = str(tmp_path / "data")
    service = Service(SqliteStore(os.path.join(folder, "conference.sqlite3")), NullPublisher())
    boards = []
    for b in range(12):
        made = service.create_conference(f"Family {b}")
        boards.append((made["conference_id"], _chair(service, made), f"Zq{seed}x{b:02d}w"))
    # interleaved writes, so each board's rows share pages with the others'; edits and
    # item deletions move rows about inside the pages before any board is deleted
    items: dict[str, list[tuple[str, int]]] = {cid: [] for cid, _, _ in boards}
    for n in range(40 * len(boards)):
        cid, chair, word = rng.choice(boards)
        roll = rng.random()
        mine = items[cid]
        if mine and roll < 0.25:
            iid, version = mine.pop(rng.randrange(len(mine)))
            op = {"id": iid, "version": version, "text": f"{word} edited {n} " + "e" * rng.randrange(200)}
            service.command(cid, chair, {"op_id": f"o{n}", "type": "item.edit", "payload": op})
            mine.append((iid, version + 1))
        elif mine and roll < 0.35:
            iid, _ = mine.pop(rng.randrange(len(mine)))
            service.command(cid, chair, {"op_id": f"o{n}", "type": "item.delete", "payload": {"id": iid}})
        else:
            text = f"{word} said {n} " + "x" * rng.randrange(300)
            ack = service.command(
                cid,
                chair,
                {"op_id": f"o{n}", "type": "item.add", "payload": {"column": "worries", "text": text}},
            )
            mine.append((ack["result"]["id"], 1))
    rng.shuffle(boards)
    keep = boards.pop()  # one board stays: the file is in use, never simply emptied
    blob = bytes_in(folder)
    assert all(word.encode() in blob for _, _, word in boards)  # it was really written
    for cid, _, word in boards:
        service.retention.delete_conference(cid, "the chair")
        blob = bytes_in(folder)
        assert word.encode() not in blob, f"{word} is still in the data folder after its board was deleted"
    assert keep[2].encode() in bytes_in(folder)
    assert service.store.exists(keep[0])


def test_retention_deletes_many_boards_with_one_rewrite_and_leaves_none_of_their_words(tmp_path):
    folder = str(tmp_path / "data")
    store = SqliteStore(os.path.join(folder, "conference.sqlite3"))
    service = Service(store, NullPublisher())
    words = []
    for b in range(8):
        made = service.create_conference(f"Family {b}")
        cid, chair = made["conference_id"], _chair(service, made)
        for n in range(30):
            text = f"Rt{b:02d}w said {n} " + "y" * (n * 7)
            service.command(
                cid,
                chair,
                {"op_id": f"o{n}", "type": "item.add", "payload": {"column": "worries", "text": text}},
            )
        words.append(f"Rt{b:02d}w")
    rewrites = []
    real = store.scrub
    store.scrub = lambda: (rewrites.append(1), real())[1]  # counted, then done for real
    gone = service.retention.purge("2099-01-01T00:00:00Z", retention_days=30, idle_days=60)
    assert len(gone) == 8 and rewrites == [1]
    blob = bytes_in(folder)
    assert [w for w in words if w.encode() in blob] == []


def test_a_rewrite_that_fails_leaves_the_board_deleted_and_says_so_in_the_log(tmp_path, caplog):
    import sqlite3

    store = SqliteStore(os.path.join(str(tmp_path / "data"), "conference.sqlite3"))
    service = Service(store, NullPublisher())
    made = service.create_conference("Family")

    def locked():
        raise sqlite3.OperationalError("database is locked")  # a backup holding the file

    store.scrub = locked
    service.retention.delete_conference(made["conference_id"], "the chair")  # no exception for the chair
    assert not store.exists(made["conference_id"])
    assert service.boards.count() == 0
    assert "could not rewrite the data file" in caplog.text
