"""Every error code reached by real bad input; malformed envelopes never crash a handler."""

from __future__ import annotations

import os
import sqlite3
import uuid

import pytest
import requests
import socketio

from conference.domain.errors import ERROR_CODES

from ..support import BoardClient, Room

MALFORMED_COMMANDS = [
    None,
    "item.add",
    42,
    3.5,
    True,
    [],
    ["item.add", {}],
    {},
    {"type": "item.add", "payload": {}},
    {"op_id": "", "type": "item.add", "payload": {}},
    {"op_id": "x" * 65, "type": "item.add", "payload": {}},
    {"op_id": 7, "type": "item.add", "payload": {}},
    {"op_id": "a", "type": None, "payload": {}},
    {"op_id": "a", "type": "item.explode", "payload": {}},
    {"op_id": "a", "type": "item.add", "payload": "text"},
    {"op_id": "a", "type": "item.add", "payload": []},
    {"op_id": "a", "type": "item.add", "payload": {"column": "worries"}},
    {"op_id": "a", "type": "item.add", "payload": {"column": "kitchen", "text": "x"}},
    {"op_id": "a", "type": "item.add", "payload": {"column": "worries", "text": 5}},
    {"op_id": "a", "type": "item.add", "payload": {"column": "worries", "text": "   "}},
    {"op_id": "a", "type": "item.add", "payload": {"column": "worries", "text": "bell\x07"}},
    {"op_id": "a", "type": "item.add", "payload": {"column": "worries", "text": "x" * 501}},
    {"op_id": "a", "type": "item.add", "payload": {"column": "worries", "text": "ok", "colour": "red"}},
    {"op_id": "a", "type": "item.add", "payload": {"column": "worries", "text": "ok", "due": "tomorrow"}},
    {"op_id": "a", "type": "round.score", "payload": {"round_id": "r", "score": "7"}},
    {"op_id": "a", "type": "conference.update", "payload": {"lobby": "yes"}},
    {"op_id": "a", "type": "item.add", "payload": {}, "extra": 1},
]
MALFORMED_SYNCS = [
    None,
    "0",
    0,
    [],
    {},
    {"since": "3"},
    {"since": -1},
    {"since": 1.5},
    {"since": True},
    {"since": 0, "x": 1},
]


def test_every_code_is_documented():
    with open(os.path.join(os.path.dirname(__file__), "..", "..", "docs", "protocol.md")) as f:
        text = f.read()
    for code in ERROR_CODES:
        assert f"`{code}`" in text, code


@pytest.mark.parametrize("data", MALFORMED_COMMANDS, ids=repr)
def test_malformed_commands_get_an_invalid_ack_and_change_nothing(server, clients, data):
    room = Room(server, clients, {"Mum": "parent_carer"})
    mum = room.clients["Mum"]
    before = room.chair.snapshot()["seq"]
    ack = room.chair.call("command", data)
    assert ack["ok"] is False
    assert ack["error"]["code"] in ("invalid", "not_found"), ack
    assert isinstance(ack["error"]["message"], str) and len(ack["error"]["message"]) > 10
    # the handler survived: the same socket still works, and nothing was appended
    assert room.chair.sync(before) == {"ok": True, "seq": before, "events": []}
    assert mum.ok("item.add", {"column": "worries", "text": "still here"})["seq"] == before + 1


@pytest.mark.parametrize("data", MALFORMED_SYNCS, ids=repr)
def test_malformed_syncs_get_an_error_ack(server, clients, data):
    room = Room(server, clients)
    answer = room.chair.call("sync", data)
    assert answer["ok"] is False and answer["error"]["code"] == "invalid", answer
    assert len(answer["error"]["message"]) > 10
    assert room.chair.sync(0)["ok"] is True


def test_emitting_with_no_arguments_at_all_is_answered(server, clients):
    room = Room(server, clients)
    assert room.chair.sio.call("command", namespace="/board", timeout=5)["error"]["code"] == "invalid"
    assert room.chair.sio.call("sync", namespace="/board", timeout=5)["error"]["code"] == "invalid"


def test_not_found_conflict_locked_and_closed(server, clients):
    room = Room(server, clients, {"Mum": "parent_carer"})
    chair, mum = room.chair, room.clients["Mum"]
    assert (
        chair.cmd("item.edit", {"id": "missing", "version": 1, "text": "x"})["error"]["code"] == "not_found"
    )
    iid = mum.ok("item.add", {"column": "worries", "text": "first words"})["result"]["id"]
    chair.ok("item.edit", {"id": iid, "version": 1, "text": "the chair's edit"})
    stale = mum.cmd("item.edit", {"id": iid, "version": 1, "text": "mum's edit"})
    assert stale["error"]["code"] == "conflict"
    assert [i["text"] for i in chair.snapshot()["items"]] == ["the chair's edit"]
    chair.ok("conference.lock")
    assert mum.cmd("item.add", {"column": "worries", "text": "x"})["error"]["code"] == "locked"
    chair.ok("conference.unlock")
    chair.ok("conference.close")
    for client in (chair, mum):
        assert client.cmd("item.add", {"column": "worries", "text": "x"})["error"]["code"] == "closed"
    r = requests.post(
        server.url + "/api/join", json={"join_code": room.conf["join_code"], "name": "A", "role": "police"}
    )
    assert r.status_code == 409 and r.json()["error"]["code"] == "closed"


def test_a_message_over_64_kib_is_refused_and_harms_no_one(server, clients):
    room = Room(server, clients, {"Mum": "parent_carer"})
    mum = room.clients["Mum"]
    before = room.chair.snapshot()["seq"]
    big = {"op_id": "big", "type": "item.add", "payload": {"column": "worries", "text": "x" * (65 * 1024)}}
    ack = mum.call("command", big)
    assert ack["ok"] is False and ack["error"]["code"] == "too_large"
    assert mum.call("sync", {"since": 0, "pad": "y" * (65 * 1024)})["error"]["code"] == "too_large"
    assert room.chair.sync(before)["events"] == []
    # far over the socket buffer: that connection is dropped, the server and everyone else carry on
    huge = BoardClient(server.url, room.tokens["Mum"])
    clients.append(huge)
    huge.sio.emit(
        "command",
        {"op_id": "huge", "type": "item.add", "payload": {"text": "z" * (2 * 1024 * 1024)}},
        namespace="/board",
    )
    assert huge.disconnected.wait(10)
    assert mum.ok("item.add", {"column": "worries", "text": "after the big one"})["seq"] == before + 1
    chair_texts = [i["text"] for i in room.chair.snapshot()["items"]]
    assert chair_texts == ["after the big one"]


def test_too_many_rounds_is_too_large(server, clients):
    room = Room(server, clients)
    for _ in range(50):
        rid = room.chair.ok("round.open", {})["result"]["id"]
        room.chair.ok("round.close", {"round_id": rid})
    ack = room.chair.cmd("round.open", {})
    assert ack["error"]["code"] == "too_large" and "50" in ack["error"]["message"]


def test_rate_limited_join_guessing(fresh_server):
    srv = fresh_server(CONFERENCE_JOIN_FAILURES_PER_MINUTE="3")
    codes = []
    for _ in range(5):
        r = requests.post(
            srv.url + "/api/join", json={"join_code": "ZZZZZZZZ", "name": "A", "role": "police"}
        )
        codes.append(r.json()["error"]["code"])
    assert codes[:3] == ["not_found"] * 3 and codes[3:] == ["rate_limited"] * 2


def test_storage_down_is_unavailable_and_appends_nothing(fresh_server, clients, tmp_path):
    data = str(tmp_path / "locked")
    srv = fresh_server(data, CONFERENCE_SQLITE_BUSY_TIMEOUT="0.2")
    room = Room(srv, clients, {"Mum": "parent_carer"})
    before = room.chair.snapshot()["seq"]
    # another program holds the database's write lock: the server cannot save
    holder = sqlite3.connect(os.path.join(data, "conference.sqlite3"), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    op = str(uuid.uuid4())
    try:
        ack = room.clients["Mum"].cmd("item.add", {"column": "worries", "text": "while down"}, op)
        assert ack["ok"] is False and ack["error"]["code"] == "unavailable", ack
        r = requests.post(
            srv.url + "/api/join", json={"join_code": room.conf["join_code"], "name": "B", "role": "police"}
        )
        assert r.status_code == 503 and r.json()["error"]["code"] == "unavailable"
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert room.chair.sync(before) == {"ok": True, "seq": before, "events": []}
    # it comes back by itself, and the resent command is applied once
    ack = room.clients["Mum"].cmd("item.add", {"column": "worries", "text": "while down"}, op)
    assert ack["ok"] is True and ack["seq"] == before + 1


def test_connect_error_for_unknown_token(server):
    sio = socketio.Client(reconnection=False)
    seen = []
    sio.on("connect_error", lambda d: seen.append(d), namespace="/board")
    with pytest.raises(socketio.exceptions.ConnectionError):
        sio.connect(server.url, namespaces=["/board"], auth={"token": "x" * 43}, transports=["websocket"])
    assert seen[0]["code"] == "unauthorized"


def test_a_thousand_items_is_the_limit(server, clients):
    room = Room(server, clients)
    for n in range(1000):
        room.chair.ok(
            "item.add", {"column": ("worries", "working_well", "next_steps")[n % 3], "text": f"item {n}"}
        )
    ack = room.chair.cmd("item.add", {"column": "worries", "text": "one too many"})
    assert ack["error"]["code"] == "too_large" and "1000" in ack["error"]["message"]
    snap = room.chair.snapshot()
    assert len(snap["items"]) == 1000
    # deleting one makes room again
    room.chair.ok("item.delete", {"id": snap["items"][0]["id"]})
    room.chair.ok("item.add", {"column": "worries", "text": "now it fits"})
