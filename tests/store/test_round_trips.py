"""On Redis a command costs two round trips in the common case: one read (the board's new
events and the op_id's earlier answer together) and one atomic append. Counted on a real
redis-server by the bytes-on-the-wire calls of redis-py's connection, not estimated."""

from __future__ import annotations

import pytest
import redis.connection

from conference.service import NullPublisher, Service
from conference.store.base import DuplicateOp
from conference.store.redis import RedisStore


@pytest.fixture
def counted(monkeypatch):
    trips = []
    send = redis.connection.Connection.send_packed_command

    def counting(self, command, *args, **kwargs):
        trips.append(command)
        return send(self, command, *args, **kwargs)

    monkeypatch.setattr(redis.connection.Connection, "send_packed_command", counting)
    return trips


@pytest.fixture
def on_redis(redis_server):
    service = Service(RedisStore(redis_server.url), NullPublisher())
    conf = service.create_conference("Review", "review_cp", chair_name="Sam")
    cid = conf["conference_id"]
    chair = service.access.authenticate(conf["facilitator_token"])[1]
    # warm: the board folded into this process and the append script loaded into Redis
    service.command(
        cid, chair, {"op_id": "warm", "type": "item.add", "payload": {"column": "worries", "text": "warm"}}
    )
    yield service, cid, chair
    service.store.close()


def add(service, cid, chair, op_id, text="Dad takes Jo to school"):
    return service.command(
        cid, chair, {"op_id": op_id, "type": "item.add", "payload": {"column": "worries", "text": text}}
    )


def test_a_command_is_two_round_trips(on_redis, counted):
    service, cid, chair = on_redis
    for n in range(5):
        del counted[:]
        ack = add(service, cid, chair, f"op-{n}")
        assert ack["ok"] and len(counted) == 2, (n, counted)


def test_a_replay_is_one_round_trip_and_appends_nothing(on_redis, counted):
    service, cid, chair = on_redis
    first = add(service, cid, chair, "same")
    del counted[:]
    again = add(service, cid, chair, "same", text="something else")
    assert again == first and len(counted) == 1
    assert [e["seq"] for e in service.store.events(cid)][-1] == first["seq"]


def test_another_process_writing_first_costs_a_retry_not_a_lost_command(on_redis, redis_server, counted):
    service, cid, chair = on_redis
    other = Service(RedisStore(redis_server.url), NullPublisher())
    try:
        add(other, cid, chair, "from-the-other-process")  # this process's cache is now one behind
        del counted[:]
        ack = add(service, cid, chair, "here")
        # the read already brings the other event, so the append goes through first time
        assert len(counted) == 2
        texts = [e["payload"]["item"]["text"] for e in service.store.events(cid) if e["type"] == "item.added"]
        assert texts[-2:] == ["Dad takes Jo to school", "Dad takes Jo to school"]
        assert service.boards.cached(cid).seq == ack["seq"]
    finally:
        other.store.close()


def test_a_write_between_the_read_and_the_append_is_retried(on_redis, redis_server, monkeypatch):
    service, cid, chair = on_redis
    other = Service(RedisStore(redis_server.url), NullPublisher())
    real = service.store.before_command
    raced = []

    def read_then_race(conference_id, since, op_id):
        out = real(conference_id, since, op_id)
        if not raced:
            raced.append(add(other, cid, chair, "raced-in"))
        return out

    monkeypatch.setattr(service.store, "before_command", read_then_race)
    try:
        ack = add(service, cid, chair, "mine")
        assert ack["seq"] == raced[0]["seq"] + 1
        assert [e["seq"] for e in service.store.events(cid)] == list(range(1, ack["seq"] + 1))
        with pytest.raises(DuplicateOp):
            # op_ids are kept per member (service.command): the chair's "mine"
            service.store.append(
                cid, {**service.store.events(cid)[-1], "seq": ack["seq"] + 1}, op_id=f"{chair}/mine"
            )
    finally:
        other.store.close()
