"""Redis behind Sentinel, on real processes: a primary, a replica and three sentinels on
loopback, and two app processes on the `redis+sentinel://` URL. The primary is killed (-9)
mid-meeting: the replica is promoted, commands are acknowledged again, phones on the other
process keep receiving, and every acknowledged command is in the log exactly once. With
CONFERENCE_REDIS_REPLICAS=1 and the replica frozen, a command answers `unavailable`, and
its resend lands once the replica is back."""

from __future__ import annotations

import json
import threading
import time
import uuid

import pytest
import redis
import socketio

from conference.launch import wait_until
from conference.store.redis import RedisStore, parse_sentinel_url

from ..support import BoardClient, sentinel_url

LOOSE = {"CONFERENCE_COMMAND_RATE": "1000", "CONFERENCE_COMMAND_BURST": "5000"}


# -- the URL ---------------------------------------------------------------------------


def test_the_contracts_sentinel_url_is_understood():
    url = "redis+sentinel://10.0.0.1:26379,10.0.0.2:26380,sentinel-3.council.local:26381/2/board"
    sentinels, db, service, password = parse_sentinel_url(url)
    assert sentinels == [("10.0.0.1", 26379), ("10.0.0.2", 26380), ("sentinel-3.council.local", 26381)]
    assert (db, service, password) == (2, "board", None)
    assert parse_sentinel_url("redis+sentinel://:s3cret@127.0.0.1:26379/0/board")[3] == "s3cret"


@pytest.mark.parametrize(
    "url",
    [
        "redis://127.0.0.1:26379/0/board",  # not the sentinel scheme
        "redis+sentinel://127.0.0.1/0/board",  # no port
        "redis+sentinel://127.0.0.1:port/0/board",
        "redis+sentinel://127.0.0.1:26379,/0/board",  # an empty host
        "redis+sentinel://127.0.0.1:99999/0/board",
        "redis+sentinel://127.0.0.1:26379/board",  # no DB
        "redis+sentinel://127.0.0.1:26379/zero/board",
        "redis+sentinel://127.0.0.1:26379/0",  # no service
        "redis+sentinel://127.0.0.1:26379/0/",
        "redis+sentinel://127.0.0.1:26379/0/board/extra",
        "redis+sentinel://127.0.0.1:26379/0/board?timeout=1",
    ],
)
def test_a_malformed_sentinel_url_is_refused_naming_the_expected_form(url):
    with pytest.raises(ValueError, match=r"expected redis\+sentinel://HOST:PORT\[,HOST:PORT…\]/DB/SERVICE"):
        parse_sentinel_url(url)
    if url.startswith("redis+sentinel"):
        with pytest.raises(ValueError, match="Not a Sentinel URL"):
            RedisStore(url)  # the store refuses it too, before connecting anywhere


# -- the real processes ------------------------------------------------------------------


def watching(sentinels, replicas: int = 1) -> None:
    """Wait until every sentinel knows the two others and the replica (a failover needs both)."""

    def ready() -> bool:
        for s in sentinels:
            state = redis.Redis(port=s.port, socket_connect_timeout=0.5).sentinel_master(s.service)
            if (
                int(state["num-other-sentinels"]) != len(sentinels) - 1
                or int(state["num-slaves"]) != replicas
            ):
                return False
        return True

    wait_until(ready, 30, "the sentinels to know each other and the replica")


def connect(clients: list, url: str, token: str) -> BoardClient:
    c = BoardClient(url, token)
    clients.append(c)
    return c


def until_acknowledged(client: BoardClient, text: str, op_id: str, deadline: float) -> dict:
    """Send the command, and resend the same op_id (as a phone does) until it is acknowledged."""
    while True:
        try:
            ack = client.cmd("item.add", {"column": "worries", "text": text}, op_id)
        except socketio.exceptions.TimeoutError:
            ack = {"ok": False, "error": {"code": "timeout"}}
        if ack.get("ok"):
            return ack
        assert ack["error"]["code"] in ("unavailable", "timeout"), ack
        assert time.monotonic() < deadline, f"not acknowledged in time: {ack}"
        time.sleep(0.2)  # the phone's own pause before a resend (not a wait for silence)


@pytest.mark.slow
def test_the_primary_killed_mid_meeting_fails_over_and_nothing_acknowledged_is_lost(
    sentinel_set, fresh_server, clients
):
    primary, replica, sentinels = sentinel_set()
    watching(sentinels)
    url = sentinel_url(sentinels)
    a = fresh_server(REDIS_URL=url, **LOOSE)
    b = fresh_server(REDIS_URL=url, **LOOSE)
    made = a.create()
    chair = connect(clients, a.url, made["facilitator_token"])
    chair.ok("conference.update", {"lobby": False})
    phones = [
        connect(clients, b.url, b.join(made["join_code"], f"P{n}", "parent_carer")["participant_token"])
        for n in range(2)
    ]
    acked: dict[str, int] = {}  # op_id -> seq, as acknowledged
    ack_times: list[tuple[float, float]] = []  # (first sent, acknowledged)
    stop = threading.Event()
    errors: list[BaseException] = []

    def meeting() -> None:  # the chair keeps typing through the failover
        try:
            n = 0
            while not stop.is_set():
                op = f"op{n}-{uuid.uuid4().hex[:6]}"
                sent = time.monotonic()
                ack = until_acknowledged(chair, op, op, sent + 60)
                acked[op] = ack["seq"]
                ack_times.append((sent, time.monotonic()))
                n += 1
        except BaseException as e:  # reported by the test thread
            errors.append(e)

    writer = threading.Thread(target=meeting, daemon=True)
    writer.start()
    wait_until(lambda: len(acked) >= 10 or bool(errors), 20, "commands before the failover")
    killed_at = time.monotonic()
    primary.kill9()
    # a command first sent after the kill can only be acknowledged by the promoted replica
    wait_until(
        lambda: any(s > killed_at for s, _ in ack_times) or bool(errors), 60, "a command after the kill"
    )
    failover = min(t for s, t in ack_times if s > killed_at) - killed_at
    print(f"\nfailover: first command acknowledged {failover:.2f} s after kill -9 of the primary")
    assert replica.role() == "master"
    assert all(s.primary_port() == replica.port for s in sentinels)
    after = len(acked)
    wait_until(lambda: len(acked) >= after + 10 or bool(errors), 30, "commands after the failover")
    stop.set()
    writer.join(70)
    assert not errors, errors
    assert failover < 30

    # the phones on the other process keep receiving: the last commands reach them
    last = max(acked.values())
    for phone in phones:
        phone.wait_seq(last, timeout=15)
    # every acknowledged command is in the (promoted) log exactly once, at its acknowledged seq
    log = redis.Redis(port=replica.port).xrange(f"cb:{{{made['conference_id']}}}:log")
    texts: dict[str, list[int]] = {}
    for _, fields in log:
        event = json.loads(fields[b"e"])
        text = (event.get("payload", {}).get("item") or {}).get("text")
        if text:
            texts.setdefault(text, []).append(event["seq"])
    assert {op: texts.get(op) for op in acked} == {op: [seq] for op, seq in acked.items()}
    assert all(len(seqs) == 1 for seqs in texts.values())  # nothing twice, acknowledged or not


@pytest.mark.slow
def test_with_one_replica_required_a_frozen_replica_means_unavailable_and_the_resend_lands_once(
    sentinel_set, fresh_server, clients
):
    primary, replica, sentinels = sentinel_set()
    watching(sentinels)
    a = fresh_server(REDIS_URL=sentinel_url(sentinels), CONFERENCE_REDIS_REPLICAS="1", **LOOSE)
    made = a.create()
    chair = connect(clients, a.url, made["facilitator_token"])
    chair.ok("conference.update", {"lobby": False})
    chair.ok("item.add", {"column": "worries", "text": "replicated"})  # WAIT 1 answers while it runs

    replica.pause()  # SIGSTOP: the replica is there and answers nothing
    try:
        op = uuid.uuid4().hex
        started = time.monotonic()
        ack = chair.cmd("item.add", {"column": "worries", "text": "while frozen"}, op)
        took = time.monotonic() - started
        print(f"\nREPLICAS=1, replica frozen: answered {ack['error']['code']!r} in {took:.2f} s")
        assert ack["ok"] is False and ack["error"]["code"] == "unavailable", ack
        assert took < 10
        # a resend while it is still frozen is not acknowledged either
        assert chair.cmd("item.add", {"column": "worries", "text": "while frozen"}, op)["ok"] is False
    finally:
        replica.resume()
    link = redis.Redis(port=replica.port)
    wait_until(lambda: link.info("replication")["master_link_status"] == "up", 30, "the replica back")
    again = until_acknowledged(chair, "while frozen", op, time.monotonic() + 30)
    log = redis.Redis(port=primary.port).xrange(f"cb:{{{made['conference_id']}}}:log")
    seqs = [json.loads(f[b"e"])["seq"] for _, f in log if b"while frozen" in f[b"e"]]
    assert seqs == [again["seq"]]  # there once, at the seq the resend acknowledged
    # and the replica has it (WAIT said so)
    assert any(b"while frozen" in f[b"e"] for _, f in link.xrange(f"cb:{{{made['conference_id']}}}:log"))
