"""When storage goes away, a store says whether a write may still have landed: sure it did
not (nothing reached the store), or not sure (the write was sent and its answer lost).
A resend with the same op_id is then applied at most once either way."""

from __future__ import annotations

import os
import sqlite3

import pytest

from conference.store.base import DuplicateOp, SeqConflict, StoreUnavailable
from conference.store.redis import RedisStore
from conference.store.sqlite import SqliteStore

from .test_contract import event, new_conference


def test_redis_down_before_the_write_is_sure_nothing_was_saved(fresh_redis):
    redis = fresh_redis()
    store = RedisStore(redis.url, timeout=0.5)
    cid, _ = new_conference(store)
    redis.kill9()
    with pytest.raises(StoreUnavailable) as down:
        store.append(cid, event(2, "typed"), op_id="op-1")
    assert down.value.uncertain is False
    store.close()


def test_redis_paused_mid_write_is_not_sure_and_the_resend_lands_once(fresh_redis):
    redis = fresh_redis()
    store = RedisStore(redis.url, timeout=0.5)
    cid, _ = new_conference(store)
    store.append(cid, event(2, "first"), op_id="op-1")  # the append script is loaded now
    redis.pause()
    try:
        with pytest.raises(StoreUnavailable) as lost:
            store.append(cid, event(3, "typed"), op_id="op-2")
        assert lost.value.uncertain is True
    finally:
        redis.resume()
    # Redis ran the write once it woke: "not saved" would have been wrong. The resend with
    # the same op_id, as the service makes it (seq taken → catch up → next seq), finds it
    # and is not applied a second time.
    with pytest.raises(SeqConflict):
        store.append(cid, event(3, "typed"), op_id="op-2")
    with pytest.raises(DuplicateOp) as dup:
        store.append(cid, event(4, "typed"), op_id="op-2")
    assert dup.value.seq == 3
    assert [e["payload"]["item"]["text"] for e in store.events(cid)] == ["created", "first", "typed"]
    store.close()


def test_sqlite_locked_is_sure_nothing_was_saved(tmp_path):
    path = str(tmp_path / "c.sqlite3")
    store = SqliteStore(path, busy_timeout=0.1)
    cid, _ = new_conference(store)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StoreUnavailable) as down:
            store.append(cid, event(2, "typed"), op_id="op-1")
        assert down.value.uncertain is False
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert store.append(cid, event(2, "typed"), op_id="op-1") == 2
    assert os.path.exists(path)
    store.close()
