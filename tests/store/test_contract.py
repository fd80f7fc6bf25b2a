"""The same EventStore contract, run against SQLite and against a real Redis."""

from __future__ import annotations

import threading
import uuid

import pytest

from conference.store.base import DuplicateCode, DuplicateOp, SeqConflict
from conference.store.redis import RedisStore
from conference.store.sqlite import SqliteStore


@pytest.fixture(params=["sqlite", "redis"])
def store(request, tmp_path):
    if request.param == "sqlite":
        s = SqliteStore(str(tmp_path / "c.sqlite3"))
    else:
        redis_server = request.getfixturevalue("redis_server")
        s = RedisStore(redis_server.url)
    yield s
    s.close()


def event(seq: int, text: str = "x") -> dict:
    return {
        "seq": seq,
        "type": "item.added",
        "payload": {"item": {"text": text}},
        "actor": "m",
        "at": "t",
        "vis": [],
    }


def new_conference(store) -> tuple[str, str]:
    cid, code = uuid.uuid4().hex, uuid.uuid4().hex[:8].upper()
    store.create(cid, code, event(1, "created"), {f"h-{cid}": "chair"})
    return cid, code


def test_create_and_find_by_code_and_token(store):
    cid, code = new_conference(store)
    assert store.conference_by_code(code) == cid
    assert store.member_by_token(f"h-{cid}") == (cid, "chair")
    assert store.member_by_token("nope") is None and store.conference_by_code("NOPE1234") is None
    assert store.exists(cid) and [e["seq"] for e in store.events(cid)] == [1]
    with pytest.raises(DuplicateCode):
        store.create(uuid.uuid4().hex, code, event(1), {})


def test_append_needs_the_next_seq(store):
    cid, _ = new_conference(store)
    assert store.append(cid, event(2)) == 2
    with pytest.raises(SeqConflict):
        store.append(cid, event(2))
    with pytest.raises(SeqConflict):
        store.append(cid, event(4))
    with pytest.raises(SeqConflict):
        store.append("no-such-conference", event(1))
    assert [e["seq"] for e in store.events(cid)] == [1, 2]
    assert [e["seq"] for e in store.events(cid, since=1)] == [2]
    assert store.events(cid, since=2) == []


def test_an_op_id_is_applied_once_with_its_result(store):
    cid, _ = new_conference(store)
    store.append(cid, event(2, "first"), op_id="op-1", result={"id": "i1"})
    assert store.op(cid, "op-1") == (2, {"id": "i1"})
    with pytest.raises(DuplicateOp) as dup:
        store.append(cid, event(3, "again"), op_id="op-1")
    assert (dup.value.seq, dup.value.result) == (2, {"id": "i1"})
    assert [e["payload"]["item"]["text"] for e in store.events(cid)] == ["created", "first"]
    assert store.op(cid, "never") is None


def test_tokens_added_and_revoked_with_an_append(store):
    cid, _ = new_conference(store)
    store.append(cid, event(2), add_tokens={"h-mum": "mum", "h-mum-2": "mum", "h-dad": "dad"})
    assert store.member_by_token("h-mum") == (cid, "mum")
    store.add_token(cid, "h-mum-3", "mum")
    store.append(cid, event(3), revoke_member="mum")
    assert [store.member_by_token(h) for h in ("h-mum", "h-mum-2", "h-mum-3")] == [None, None, None]
    assert store.member_by_token("h-dad") == (cid, "dad")


def test_a_members_tokens_are_replaced_by_one_at_once(store):
    cid, _ = new_conference(store)
    store.append(cid, event(2), add_tokens={"h-proj": "projector", "h-proj-2": "projector", "h-dad": "dad"})
    store.replace_tokens(cid, "projector", "h-proj-new")
    assert [store.member_by_token(h) for h in ("h-proj", "h-proj-2")] == [None, None]
    assert store.member_by_token("h-proj-new") == (cid, "projector")
    assert store.member_by_token("h-dad") == (cid, "dad")  # nobody else's
    assert store.delete(cid)
    assert store.member_by_token("h-proj-new") is None  # and gone with the conference


def test_delete_removes_every_trace(store):
    cid, code = new_conference(store)
    other, _ = new_conference(store)
    store.append(cid, event(2), op_id="o", add_tokens={"h-x": "x"})
    assert store.delete(cid) is True
    assert store.delete(cid) is False
    assert not store.exists(cid) and store.events(cid) == []
    assert store.conference_by_code(code) is None and store.member_by_token("h-x") is None
    assert store.op(cid, "o") is None
    assert store.exists(other)
    if isinstance(store, RedisStore):
        assert [k for k in store.r.scan_iter(f"*{cid}*")] == []


def test_concurrent_appends_never_share_a_seq(store):
    cid, _ = new_conference(store)
    wins: list[int] = []
    lock = threading.Lock()

    def writer(n: int) -> None:
        for k in range(30):
            while True:
                last = store.events(cid)[-1]["seq"]
                try:
                    seq = store.append(cid, event(last + 1, f"{n}-{k}"), op_id=f"{n}-{k}")
                except SeqConflict:
                    continue
                except DuplicateOp:
                    break
                with lock:
                    wins.append(seq)
                break

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    seqs = [e["seq"] for e in store.events(cid)]
    assert seqs == list(range(1, 122)) and sorted(wins) == list(range(2, 122))
    texts = [e["payload"]["item"]["text"] for e in store.events(cid)][1:]
    assert sorted(texts) == sorted(f"{n}-{k}" for n in range(4) for k in range(30))


def test_a_secret_is_made_once_and_kept(store):
    first = store.secret("test-secret")
    assert len(first) == 64 and store.secret("test-secret") == first
    assert store.secret("another-secret") != first


def test_owners_are_listed_and_a_conference_moves_to_another_owner(store):
    """The managers' list reads every owner in one go; a transfer moves a conference from
    one facilitator's list to another's at once, and a deleted one leaves both."""
    jo, sam = f"jo-{uuid.uuid4().hex[:8]}", f"sam-{uuid.uuid4().hex[:8]}"
    mine, theirs, nobodys = (uuid.uuid4().hex for _ in range(3))
    for cid, owner in ((mine, jo), (theirs, sam), (nobodys, None)):
        store.create(cid, uuid.uuid4().hex[:8].upper(), event(1), {}, owner)
    owners = store.owners()
    assert owners[mine] == jo and owners[theirs] == sam and nobodys not in owners
    assert store.owner_of(mine) == jo and store.owner_of(nobodys) is None
    assert store.owner_of("no-such-conference") is None

    assert store.set_owner(mine, sam) is True
    assert store.owner_of(mine) == sam and store.owners()[mine] == sam
    assert store.conferences_of(jo) == [] and sorted(store.conferences_of(sam)) == sorted([mine, theirs])
    assert store.set_owner(nobodys, jo) is True  # one started without an account gets an owner
    assert store.conferences_of(jo) == [nobodys]
    assert store.set_owner("no-such-conference", jo) is False
    assert store.conferences_of(jo) == [nobodys] and "no-such-conference" not in store.owners()

    assert store.delete(mine)
    assert mine not in store.owners() and store.conferences_of(sam) == [theirs]
    if isinstance(store, RedisStore):  # nothing of the moved conference is left behind
        assert [k for k in store.r.scan_iter(f"*{mine}*")] == []
