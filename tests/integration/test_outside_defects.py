"""The defects found from outside, each driven through a real server process:
broken characters, deletion by another process, floods of bad packets, a wedged socket,
lifecycle event names sent by a client, and replays with a malformed body."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import uuid

import requests

from ..support import ROOT, RawSocket, Room, refused_at_connect

LONE = "\ud83d"  # what JSON.stringify sends for half of 😀


def _raw_json(obj) -> str:
    """JSON as a browser would send it: a lone surrogate escaped as \\ud83d."""
    return json.dumps(obj, ensure_ascii=True)


# --- 2. one character must not break the record --------------------------------------


def test_a_lone_surrogate_or_non_character_is_refused_as_invalid(server, clients):
    room = Room(server, clients, {"Lee": "parent_carer"})
    before = room.chair.snapshot()["seq"]
    for text in (f"scared {LONE} at night", "noise \uffff", "noise \ufffe", "x\U0010ffff"):
        for who in (room.chair, room.clients["Lee"]):
            ack = who.cmd("item.add", {"column": "worries", "text": text})
            assert ack["ok"] is False and ack["error"]["code"] == "invalid", ack
            assert "broken character" in ack["error"]["message"]
    ack = room.chair.cmd("conference.update", {"title": f"Smith {LONE}"})
    assert ack["error"]["code"] == "invalid"
    assert room.chair.snapshot()["seq"] == before  # nothing appended


def test_text_is_stored_in_one_normal_form(server, clients):
    room = Room(server, clients)
    decomposed = "Zoe\u0301 is happy at Nan\u0301's"  # e + combining accent
    room.chair.ok("item.add", {"column": "working_well", "text": decomposed})
    stored = room.chair.snapshot()["items"][0]["text"]
    assert stored == "Zoé is happy at Nań's" and stored != decomposed


def test_a_broken_title_or_name_over_http_is_invalid_and_creates_nothing(server):
    s = server.session()
    r = s.post(
        server.url + "/api/conferences",
        data=_raw_json({"title": f"Review {LONE}"}),
        headers={"Content-Type": "application/json"},
        timeout=5,
    )
    assert r.status_code == 400 and r.json()["error"]["code"] == "invalid", r.text
    conf = server.create()
    r = requests.post(
        server.url + "/api/join",
        data=_raw_json({"join_code": conf["join_code"], "name": f"Lee {LONE}", "role": "parent_carer"}),
        headers={"Content-Type": "application/json"},
        timeout=5,
    )
    assert r.status_code == 400 and r.json()["error"]["code"] == "invalid", r.text


def test_size_is_measured_on_the_encoded_bytes(server, clients):
    room = Room(server, clients)
    # 25,000 lone surrogates: 75 KB as UTF-8 — the old check counted them as 0 bytes
    ack = room.chair.cmd("item.add", {"column": "worries", "text": LONE * 25_000})
    assert ack["ok"] is False and ack["error"]["code"] == "too_large", ack


def test_a_broken_op_id_is_invalid_not_unavailable(server, clients):
    room = Room(server, clients)
    ack = room.chair.cmd("item.add", {"column": "worries", "text": "fine words"}, op_id=f"op-{LONE}")
    assert ack["ok"] is False and ack["error"]["code"] == "invalid", ack
    assert room.chair.snapshot()["items"] == []


def _parse(fmt: str, body: bytes) -> None:
    if fmt == "json":
        json.loads(body)
    elif fmt in ("md", "html"):
        body.decode("utf-8")
    elif fmt == "docx":
        import docx

        docx.Document(io.BytesIO(body))
    else:
        import pypdf

        assert len(pypdf.PdfReader(io.BytesIO(body)).pages) >= 1


def test_minutes_of_an_old_log_holding_broken_characters_still_export(fresh_server, tmp_path, clients):
    """Boards saved before the edge check may hold such text: every format still exports."""
    from conference.store.sqlite import SqliteStore

    proc = fresh_server()
    room = Room(proc, clients)
    room.chair.ok("item.add", {"column": "worries", "text": "kept"})
    item_seq = room.chair.snapshot()["seq"]
    for c in clients:
        c.close()
    proc.stop()
    store = SqliteStore(os.path.join(proc.data, "conference.sqlite3"))
    seq = item_seq
    for text in (f"half {LONE} emoji", "bad \uffff \ufffe", "bell \x07"):
        seq += 1
        item = {
            "id": f"old{seq}",
            "column": "worries",
            "category": None,
            "text": text,
            "author": room.chair.hello["you"]["member_id"],
            "status": "accepted",
            "private": False,
            "voice": None,
            "source": None,
            "owner": None,
            "due": None,
            "created_at": "2026-11-28T10:00:00.000Z",
            "updated_at": "2026-11-28T10:00:00.000Z",
            "version": 1,
            "rank": f"z{seq}",
        }
        event = {"seq": seq, "type": "item.added", "payload": {"item": item}, "actor": None}
        store.append(room.id, {**event, "at": item["created_at"], "vis": ["*"]})
    # and a deleted one: the old server failed even after the item was gone
    seq += 1
    store.append(
        room.id,
        {
            "seq": seq,
            "type": "item.deleted",
            "payload": {"id": f"old{item_seq + 1}"},
            "actor": None,
            "at": "2026-11-28T10:01:00.000Z",
            "vis": ["*"],
        },
    )
    store.close()
    proc.start()
    headers = {"Authorization": f"Bearer {room.conf['facilitator_token']}"}
    for copy in ("full", "family"):
        for fmt in ("md", "json", "html", "docx", "pdf"):
            r = requests.get(
                f"{proc.url}/api/conferences/{room.id}/minutes.{fmt}?copy={copy}", headers=headers, timeout=30
            )
            assert r.status_code == 200, (copy, fmt, r.text[:300])
            _parse(fmt, r.content)
    md = requests.get(f"{proc.url}/api/conferences/{room.id}/minutes.md", headers=headers, timeout=10).text
    assert "bad \ufffd \ufffd" in md and "kept" in md
    assert "Traceback" not in proc.output()


# --- 3. deleted means gone from every reader ---------------------------------------------


def _purge(proc, now: str) -> subprocess.CompletedProcess:
    env = {**os.environ, **proc.env}
    return subprocess.run(
        [sys.executable, "-m", "conference", "purge", "--now", now, "--data", proc.data],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )


def test_purge_by_the_command_line_reaches_a_connected_chair_at_once(fresh_server, clients):
    proc = fresh_server(CONFERENCE_WATCH_SECONDS="3600")  # only the sync can notice here
    room = Room(proc, clients, {"Lee": "parent_carer"})
    room.chair.ok("item.add", {"column": "worries", "text": "Private words about the children"})
    room.chair.ok("conference.close")
    _purge(proc, "2099-01-01T00:00:00Z")
    answer = room.chair.sync(0)
    assert answer["ok"] is False and answer["error"]["code"] == "not_found", answer
    assert room.chair.disconnected.wait(5), "the chair's socket was not cut"
    assert room.chair.removed == [{"reason": "deleted"}]
    room.clients["Lee"].wait(lambda: room.clients["Lee"].removed == [{"reason": "deleted"}])
    assert room.clients["Lee"].disconnected.wait(5)


def test_purge_cuts_idle_screens_without_waiting_for_them_to_ask(fresh_server, clients):
    proc = fresh_server(CONFERENCE_WATCH_SECONDS="0.5")
    room = Room(proc, clients, {"Lee": "parent_carer"})
    display = room.display(clients)
    room.chair.ok("conference.close")
    _purge(proc, "2099-01-01T00:00:00Z")
    for c in (room.chair, room.clients["Lee"], display):
        c.wait(lambda c=c: c.removed == [{"reason": "deleted"}], timeout=10)
        assert c.disconnected.wait(5)
    # and the links no longer work
    assert refused_at_connect(proc.url, room.conf["facilitator_token"])


# --- 4. the socket layer sheds abuse cheaply ---------------------------------------------


def test_undecodable_packets_cost_one_line_each_and_close_the_connection(server):
    before = len(server.output())
    closed = 0
    for _ in range(40):  # 40 connections x up to 50 bad packets = up to 2,000 packets
        raw = RawSocket(server.url)
        raw.send('40/board,{"token":"not-a-token-not-a-token"}')
        for _ in range(50):
            try:
                # a broken Socket.IO packet, and a frame Engine.IO itself cannot decode
                raw.send('42/board,["command",{"op_id": "x", "type": ' + "\x00" * 60 + "}")
                raw.send("x" + "\x00" * 60)
            except Exception:
                break
        closed += raw.wait_closed(5)
        raw.close()
    grown = server.output()[before:]
    assert closed == 40, "a connection sending bad packets was not closed"
    assert "Traceback" not in grown
    assert len(grown.encode()) < 40 * 600, f"{len(grown)} bytes of log for bad packets"


def test_deep_nesting_or_a_binary_packet_cannot_wedge_a_socket(server, clients):
    room = Room(server, clients)
    raw = RawSocket(server.url, room.conf["facilitator_token"])
    try:
        # a binary event announcing one attachment, then an attachment nested 900 deep
        raw.send('451-/board,["command",{"_placeholder":true,"num":0}]')
        raw.send(b"\x04" + b"[" * 900 + b"]" * 900)
        raw.send("42/board,7" + json.dumps(["sync", {"since": 0}]))
        raw.until(lambda: 7 in raw.acks)
        assert raw.acks[7]["ok"] is True
        # text nested 900 deep
        raw.send('42/board,8["sync",' + "[" * 900 + "]" * 900 + "]")
        answer = raw.call(9, "sync", {"since": 0})
        assert answer["ok"] is True
        # the dropped packet was answered, so its sender is not left waiting
        assert raw.acks[8]["ok"] is False and raw.acks[8]["error"]["code"] == "invalid"
    finally:
        raw.close()
    assert "Traceback" not in server.output()


# --- 5. lifecycle names and replays ----------------------------------------------------


def test_a_client_sent_disconnect_event_changes_nothing_and_removal_still_cuts(server, clients):
    room = Room(server, clients)
    joined = server.join(room.conf["join_code"], "Sam", "family_network")
    room.chair.ok("member.admit", {"member_id": joined["participant_id"]})
    raw = RawSocket(server.url, joined["participant_token"])
    try:
        raw.send('42/board,["disconnect","client namespace disconnect"]')
        raw.send('42/board,["connect",{"token":"x"}]')
        # still the member it was: it may sync, and removing it cuts this very socket
        assert raw.call(3, "sync", {"since": 0})["ok"] is True
        room.chair.ok("member.remove", {"member_id": joined["participant_id"]})
        assert raw.wait_closed(5), "a removed member's socket stayed open"
        assert ["removed", {"reason": "removed"}] in raw.events
    finally:
        raw.close()


def test_a_replayed_op_id_is_acknowledged_whatever_its_body(server, clients):
    room = Room(server, clients)
    op = uuid.uuid4().hex
    first = room.chair.ok("item.add", {"column": "worries", "text": "once"}, op_id=op)
    for body in (
        {"op_id": op, "type": "item.add", "payload": "not an object"},
        {"op_id": op, "type": 7, "payload": None, "extra": 1},
        {"op_id": op},
    ):
        again = room.chair.call("command", body)
        assert again == first, (body, again)
    assert [i["text"] for i in room.chair.snapshot()["items"]] == ["once"]


def test_a_message_the_board_does_not_know_is_still_answered(server, clients):
    room = Room(server, clients)
    for name in ("hello", "fetch", "event", "x" * 200):
        answer = room.chair.call(name, {"since": 0})
        assert answer["ok"] is False and answer["error"]["code"] == "invalid", (name, answer)
    assert room.chair.sync(0)["ok"] is True
