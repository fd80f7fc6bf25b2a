"""Group commit on the SQLite store (store/group.py, `SqliteStore.append_soon`): commands
that come together share one COMMIT; none is acknowledged, delivered or shown to a screen
before it is on disk; a COMMIT that fails loses the whole batch and says so. In-process on
the real store with real OS threads (the served app's green threads behave the same, and
every integration test runs through it)."""

from __future__ import annotations

import os
import sqlite3
import threading

import pytest

from conference.service import Service
from conference.store import sqlite as sqlite_module
from conference.store.base import DuplicateOp
from conference.store.sqlite import SqliteStore


class Recorder:
    """A publisher that keeps what it was asked to send, in order."""

    def __init__(self):
        self.sent: list[tuple[str, int]] = []

    def to_everyone(self, conference_id, event):
        self.sent.append(("everyone", event["seq"]))

    def to_member(self, conference_id, member_id, name, data):
        self.sent.append((member_id, data.get("seq", 0)))

    def admit(self, conference_id, member_id): ...

    def disconnect_member(self, conference_id, member_id, reason): ...

    def to_displays(self, conference_id, draft, name="draft"): ...


def on_disk(path: str, conference_id: str) -> list[int]:
    """The seqs another connection reads from the file: what is committed."""
    other = sqlite3.connect(path)
    try:
        rows = other.execute(
            "SELECT seq FROM events WHERE conference_id = ? ORDER BY seq", (conference_id,)
        ).fetchall()
    finally:
        other.close()
    return [r[0] for r in rows]


@pytest.fixture
def gate():
    """Holds the committer back until opened, as a slow disk would: what is in the batch
    meanwhile is written in the open transaction and not yet committed."""
    opened = threading.Event()
    yield opened
    opened.set()


def waiting_for(condition) -> None:
    for _ in range(5000):
        if condition():
            return
        threading.Event().wait(0.001)
    raise AssertionError("never happened")


@pytest.fixture
def board(tmp_path, gate):
    path = os.path.join(str(tmp_path), "conference.sqlite3")
    store = SqliteStore(path)
    store.group_commits()
    store._before_commit = gate.wait  # type: ignore[method-assign]
    publisher = Recorder()
    service = Service(store, publisher)
    made = service.create_conference("Family")
    chair = service.access.authenticate(made["facilitator_token"])[1]
    return service, store, publisher, path, made["conference_id"], chair


def add(n: int, text: str = "a worry") -> dict:
    return {"op_id": f"o{n}", "type": "item.add", "payload": {"column": "worries", "text": f"{text} {n}"}}


def test_commands_that_come_together_share_a_commit_and_are_delivered_in_order(board, gate):
    service, store, publisher, path, cid, chair = board
    before = on_disk(path, cid)
    answers: list[dict] = []
    threads = [
        threading.Thread(target=lambda n=n: answers.append(service.command(cid, chair, add(n))))
        for n in range(8)
    ]
    for t in threads:
        t.start()
    waiting_for(lambda: len(store._batch) == 8)  # one batch
    # each command is written and folded, none acknowledged, delivered or on disk yet
    assert answers == [] and publisher.sent == []
    assert on_disk(path, cid) == before
    assert service.boards.cached(cid).seq == before[-1] + 8  # the next is decided against them
    gate.set()
    for t in threads:
        t.join(10)
    assert sorted(a["seq"] for a in answers) == list(range(before[-1] + 1, before[-1] + 9))
    assert all(a["ok"] for a in answers)
    assert on_disk(path, cid) == before + list(range(before[-1] + 1, before[-1] + 9))
    assert [seq for _, seq in publisher.sent] == list(range(before[-1] + 1, before[-1] + 9))


def test_a_screen_is_shown_a_board_only_once_its_appends_are_on_disk(board, gate):
    service, store, publisher, path, cid, chair = board
    shown: list[int] = []
    sender = threading.Thread(target=service.command, args=(cid, chair, add(1)))
    sender.start()
    waiting_for(lambda: store._batch)
    reader = threading.Thread(target=lambda: shown.append(service.sync(cid, chair, 0)["seq"]))
    reader.start()
    reader.join(0.2)
    assert reader.is_alive() and shown == []  # the sync waits for the COMMIT
    gate.set()
    sender.join(10)
    reader.join(10)
    assert shown == [on_disk(path, cid)[-1]]


def test_a_commit_that_fails_loses_the_whole_batch_and_says_so(board, gate, monkeypatch):
    service, store, publisher, path, cid, chair = board
    before = on_disk(path, cid)

    def disk_fails(fn, *args):  # the disk refuses the COMMIT (a full or failing disk)
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(sqlite_module, "off_the_loop", disk_fails)
    errors: list[str] = []

    def send(n):
        try:
            service.command(cid, chair, add(n))
        except Exception as e:  # the DomainError the handler answers with
            errors.append(getattr(e, "code", type(e).__name__))

    threads = [threading.Thread(target=send, args=(n,)) for n in range(3)]
    for t in threads:
        t.start()
    waiting_for(lambda: len(store._batch) == 3)
    gate.set()
    for t in threads:
        t.join(10)
    assert errors == ["unavailable"] * 3
    assert publisher.sent == []  # nothing delivered
    assert on_disk(path, cid) == before
    monkeypatch.undo()
    # the fold was dropped: the next command is decided against what the store holds
    assert service.command(cid, chair, add(9))["seq"] == before[-1] + 1
    assert service.boards.board(cid).seq == before[-1] + 1


def test_the_same_op_sent_twice_is_answered_once_its_first_is_on_disk(board, gate):
    service, store, publisher, path, cid, chair = board
    answers: list[dict] = []
    first = threading.Thread(target=lambda: answers.append(service.command(cid, chair, add(1))))
    first.start()
    waiting_for(lambda: store._batch)
    again = threading.Thread(target=lambda: answers.append(service.command(cid, chair, add(1))))
    again.start()
    again.join(0.2)
    assert again.is_alive() and answers == []  # its answer waits for the first's COMMIT
    gate.set()
    first.join(10)
    again.join(10)
    assert len(answers) == 2 and answers[0]["seq"] == answers[1]["seq"]
    assert on_disk(path, cid).count(answers[0]["seq"]) == 1


def test_a_duplicate_op_in_the_store_is_refused_from_the_batch_as_from_a_commit(board, gate):
    service, store, publisher, path, cid, chair = board
    gate.set()
    seq = service.command(cid, chair, add(1))["seq"]
    event = {"seq": seq + 1, "type": "item.added", "payload": {}, "actor": chair, "at": "x", "vis": "all"}
    with pytest.raises(DuplicateOp):
        store.append_soon(cid, event, op_id=f"{chair}/o1")
    assert store._batch == []


def test_any_other_write_commits_the_open_batch_first(board):
    service, store, publisher, path, cid, chair = board
    before = on_disk(path, cid)
    sender = threading.Thread(target=service.command, args=(cid, chair, add(1)))
    sender.start()
    waiting_for(lambda: store._batch)
    store.audit(cid, {"what": "a note"})  # its own transaction: the batch goes first
    assert store._batch == [] and on_disk(path, cid) == before + [before[-1] + 1]
    sender.join(10)
    assert not sender.is_alive()  # acknowledged, with the gate still shut


def test_commands_keep_coming_while_a_commit_is_under_way(board, gate, monkeypatch):
    """The disk is slow in the COMMIT itself: the next commands are read, checked, folded
    and queued meanwhile (none waits for the disk, nor does a read), and share the next one."""
    service, store, publisher, path, cid, chair = board
    before = on_disk(path, cid)
    disk = threading.Event()
    writes: list[int] = []
    commit = store._commit

    def slow_disk():
        writes.append(len(store._committing))
        disk.wait(10)
        commit()

    monkeypatch.setattr(store, "_commit", slow_disk)
    gate.set()
    answers: list[dict] = []
    first = threading.Thread(target=lambda: answers.append(service.command(cid, chair, add(1))))
    first.start()
    waiting_for(lambda: writes == [1])  # the first is being written and committed
    later = [
        threading.Thread(target=lambda n=n: answers.append(service.command(cid, chair, add(n))))
        for n in range(2, 6)
    ]
    for t in later:
        t.start()
    waiting_for(lambda: len(store._batch) == 4)  # checked and queued behind the COMMIT
    assert service.boards.cached(cid).seq == before[-1] + 5
    assert store.member_by_token("nobody") is None  # a read does not wait for the writer
    assert answers == [] and publisher.sent == [] and on_disk(path, cid) == before
    disk.set()
    for t in [first, *later]:
        t.join(10)
    assert writes == [1, 4]  # two COMMITs for five commands
    assert sorted(a["seq"] for a in answers) == list(range(before[-1] + 1, before[-1] + 6))
    assert [seq for _, seq in publisher.sent] == list(range(before[-1] + 1, before[-1] + 6))


def test_an_append_the_file_refuses_fails_with_the_later_ones_of_its_board_only(board, gate):
    """Between the check and the write, another process deleted the board (the purge
    command): its queued commands fail and are not delivered; another board's commit."""
    service, store, publisher, path, cid, chair = board
    other = service.create_conference("Other family")
    other_chair = service.access.authenticate(other["facilitator_token"])[1]
    errors: list[str] = []
    answers: list[dict] = []

    def send(conference, member, n):
        try:
            answers.append(service.command(conference, member, add(n)))
        except Exception as e:
            errors.append(getattr(e, "code", type(e).__name__))

    threads = [
        threading.Thread(target=send, args=(cid, chair, 1)),
        threading.Thread(target=send, args=(other["conference_id"], other_chair, 2)),
        threading.Thread(target=send, args=(cid, chair, 3)),
    ]
    for t in threads:
        t.start()
        waiting_for(lambda t=t: len(store._batch) == threads.index(t) + 1)
    purge = sqlite3.connect(path)
    with purge:
        purge.execute("DELETE FROM conferences WHERE id = ?", (cid,))
    purge.close()
    gate.set()
    for t in threads:
        t.join(10)
    assert sorted(errors) == ["unavailable", "unavailable"]
    assert [a["seq"] for a in answers] == [on_disk(path, other["conference_id"])[-1]]
    assert [seq for _, seq in publisher.sent] == [answers[0]["seq"]]
