"""Several server processes on one real Redis (and behind a real nginx): the board keeps working."""

from __future__ import annotations

import subprocess
import threading
import time
import uuid

import pytest
import redis
import requests

from conference.launch import wait_until

from ..support import BoardClient, ServerProcess


@pytest.fixture
def pair(fresh_server, fresh_redis):
    """Redis, then two server processes sharing it."""
    r = fresh_redis()
    a = fresh_server(REDIS_URL=r.url, CONFERENCE_COMMAND_RATE="1000", CONFERENCE_COMMAND_BURST="5000")
    b = fresh_server(REDIS_URL=r.url, CONFERENCE_COMMAND_RATE="1000", CONFERENCE_COMMAND_BURST="5000")
    return r, a, b


def connect(clients: list, url: str, token: str) -> BoardClient:
    c = BoardClient(url, token)
    clients.append(c)
    return c


def open_board(server: ServerProcess, clients: list, url: str | None = None):
    made = server.create()
    chair = connect(clients, url or server.url, made["facilitator_token"])
    chair.ok("conference.update", {"lobby": False})
    return made, chair


def test_members_on_different_processes_see_the_same_events_in_order(pair, clients):
    _, a, b = pair
    made, chair = open_board(a, clients)
    on_b = [
        connect(clients, b.url, b.join(made["join_code"], f"P{n}", "parent_carer")["participant_token"])
        for n in range(2)
    ]
    on_a = connect(clients, a.url, a.join(made["join_code"], "Q", "social_worker")["participant_token"])
    everyone = [chair, on_a, *on_b]
    start = max(c.snapshot()["seq"] for c in everyone)
    writers = [chair, on_b[0], on_a, on_b[1]]
    for n in range(20):
        writers[n % 4].ok("item.add", {"column": "worries", "text": f"w{n}"})
    for c in everyone:
        c.wait_seq(start + 20)
    streams = [
        [(e["seq"], e["payload"]["item"]["text"]) for e in c.events if e["seq"] > start] for c in everyone
    ]
    assert all(s == streams[0] for s in streams) and len(streams[0]) == 20
    # presence is shared too: the chair on A sees the people on B
    chair.wait(lambda: {c.hello["you"]["member_id"] for c in on_b} <= set(chair.presence[-1]["online"]))


def test_the_chair_on_one_process_sees_who_waits_connected_on_the_other(pair, clients):
    _, a, b = pair
    made = a.create()
    chair = connect(clients, a.url, made["facilitator_token"])  # the lobby is on
    joined = b.join(made["join_code"], "Aunt", "family_network")
    aunt = connect(clients, b.url, joined["participant_token"])
    chair.wait(lambda: any(joined["participant_id"] in p.get("waiting", []) for p in chair.presence))
    aunt.close()
    gone = joined["participant_id"]
    chair.wait(lambda: gone not in chair.presence[-1].get("waiting", [gone]))


def test_both_processes_hammering_one_conference_keep_seq_contiguous(pair, clients):
    _, a, b = pair
    made, chair = open_board(a, clients)
    writers = [
        connect(clients, srv.url, srv.join(made["join_code"], f"W{n}", "police")["participant_token"])
        for n, srv in enumerate([a, b, a, b])
    ]
    ops: dict[str, int] = {}
    lock = threading.Lock()

    def hammer(c: BoardClient, n: int) -> None:
        for k in range(25):
            op = f"{n}-{k}-{uuid.uuid4().hex[:6]}"
            ack = c.cmd("item.add", {"column": "worries", "text": op}, op)
            again = c.cmd("item.add", {"column": "worries", "text": op}, op)  # a resend
            assert ack["ok"] and again == ack
            with lock:
                ops[op] = ack["seq"]

    threads = [threading.Thread(target=hammer, args=(c, n)) for n, c in enumerate(writers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    snap = chair.snapshot()
    texts = [i["text"] for i in snap["items"]]
    assert sorted(texts) == sorted(ops) and len(set(ops.values())) == 100
    log = chair.sync(1)["events"]
    assert [e["seq"] for e in log] == list(range(2, snap["seq"] + 1))


def test_a_removed_member_on_the_other_process_is_disconnected(pair, clients):
    _, a, b = pair
    made, chair = open_board(a, clients)
    joined = b.join(made["join_code"], "Visitor", "other_professional")
    visitor = connect(clients, b.url, joined["participant_token"])
    chair.ok("member.remove", {"member_id": joined["participant_id"]})
    visitor.wait(lambda: visitor.removed == [{"reason": "removed"}])
    assert visitor.disconnected.wait(10)


def test_a_broadcast_lost_in_redis_reaches_the_other_process_from_the_log(pair, clients):
    r, a, b = pair
    made, chair = open_board(a, clients)
    member = connect(clients, b.url, b.join(made["join_code"], "M", "parent_carer")["participant_token"])
    seen = member.snapshot()["seq"]
    # every subscriber loses its pub/sub connection for a moment, as at a failover or a restart
    # of Redis: what is published before they subscribe again reaches no other process
    assert redis.Redis(port=r.port).client_kill_filter(_type="pubsub") >= 2
    texts = [f"sent while Redis pub/sub was down {n}" for n in range(3)]
    lost = [chair.ok("item.add", {"column": "worries", "text": t})["seq"] for t in texts]
    # B, subscribed again, sends its screens what they missed, read from the log: the member
    # has every event without asking
    member.wait_seq(lost[-1], timeout=10)
    got = {e["seq"]: e for e in member.events}
    assert set(range(seen + 1, lost[-1] + 1)) <= set(got)
    assert [got[s]["payload"]["item"]["text"] for s in lost] == texts
    wait_until(lambda: "missed event(s) sent" in b.output(), 10, "B's note that it caught its screens up")
    # a client that syncs on a gap, as every screen does, gets the same events
    caught = member.sync(seen)
    assert [e["seq"] for e in caught["events"]] == list(range(seen + 1, caught["seq"] + 1))


def test_kill_9_one_process_and_its_clients_continue_through_nginx(pair, nginx, clients):
    _, a, b = pair
    front = nginx([a.port, b.port])
    made = a.create()
    r = requests.post(
        front.url + "/api/join",
        json={"join_code": made["join_code"], "name": "Mum", "role": "parent_carer"},
        timeout=5,
    )
    token = r.json()["participant_token"]
    chair = connect(clients, front.url, made["facilitator_token"])
    chair.ok("member.admit", {"member_id": r.json()["participant_id"]})
    mum = connect(clients, front.url, token)
    acked = [chair.ok("item.add", {"column": "worries", "text": f"before {n}"})["seq"] for n in range(5)]
    # ip_hash sends every client from 127.0.0.1 to the same process: kill that one
    victim = _serving(a, b)
    victim.kill9()
    for c in (chair, mum):
        assert c.disconnected.wait(10)
    chair2 = connect(clients, front.url, made["facilitator_token"])
    mum2 = connect(clients, front.url, token)
    after = chair2.ok("item.add", {"column": "worries", "text": "after the crash"})["seq"]
    snap = mum2.snapshot()
    texts = [i["text"] for i in snap["items"]]
    assert texts == [f"before {n}" for n in range(5)] + ["after the crash"]
    assert snap["seq"] == after and after == acked[-1] + 1


def _serving(a: ServerProcess, b: ServerProcess) -> ServerProcess:
    """The backend nginx chose: the one holding the open websocket connections."""
    import psutil

    held = {srv.port: 0 for srv in (a, b)}
    for conn in psutil.net_connections("tcp"):
        if conn.status == "ESTABLISHED" and conn.laddr and conn.laddr.port in held:
            held[conn.laddr.port] += 1
    chosen = [srv for srv in (a, b) if held[srv.port]]
    assert len(chosen) == 1, f"ip_hash should send every socket from one address to one backend: {held}"
    return chosen[0]


def test_kill_9_redis_loses_no_acknowledged_command(pair, clients):
    r, a, b = pair
    made, chair = open_board(a, clients)
    other = connect(clients, b.url, b.join(made["join_code"], "B", "health")["participant_token"])
    acked: list[str] = []
    refused: list[str] = []
    stop = threading.Event()

    def writer(c: BoardClient, who: str) -> None:
        n = 0
        while not stop.is_set() and n < 400:  # well under the 1,000-item limit
            text = f"{who}{n}"
            try:
                ack = c.cmd("item.add", {"column": "worries", "text": text}, op_id=text)
            except Exception:
                time.sleep(0.1)
                continue
            if ack.get("ok"):
                acked.append(text)
                n += 1
                time.sleep(0.005)
            else:
                assert ack["error"]["code"] == "unavailable", ack
                refused.append(text)
                time.sleep(0.05)

    threads = [threading.Thread(target=writer, args=(c, w)) for c, w in ((chair, "a"), (other, "b"))]
    for t in threads:
        t.start()
    wait_until(lambda: len(acked) >= 20, 20, "the writers")
    r.kill9()
    wait_until(lambda: len(refused) >= 1, 20, "a refusal while Redis is down")
    r.start()  # same folder: the AOF (appendfsync always) brings everything back
    after = len(acked)
    wait_until(lambda: len(acked) >= after + 20, 30, "the writers after the restart")
    stop.set()
    for t in threads:
        t.join(20)
    assert refused, "Redis was down for a second: some commands should have been refused"
    assert len(acked) > 20
    texts = [i["text"] for i in chair.snapshot()["items"]]
    assert [t for t in acked if t not in texts] == []
    assert len(texts) == len(set(texts))


def test_redis_down_is_unavailable_then_service_comes_back(pair, clients):
    r, a, _ = pair
    made, chair = open_board(a, clients)
    before = chair.snapshot()["seq"]
    subprocess.run(["redis-cli", "-p", str(r.port), "shutdown"], check=False, capture_output=True)
    r.proc.wait(10)
    ack = chair.cmd("item.add", {"column": "worries", "text": "while down"}, op_id="down-1")
    assert ack["ok"] is False and ack["error"]["code"] == "unavailable"
    bad = requests.post(
        a.url + "/api/join", json={"join_code": made["join_code"], "name": "X", "role": "police"}, timeout=10
    )
    assert bad.status_code == 503
    r.start()
    deadline = time.monotonic() + 10
    while True:
        ack = chair.cmd("item.add", {"column": "worries", "text": "while down"}, op_id="down-1")
        if ack["ok"] or time.monotonic() > deadline:
            break
        time.sleep(0.3)
    assert ack["ok"] and ack["seq"] == before + 1
    assert [i["text"] for i in chair.snapshot()["items"]] == ["while down"]
