"""The log on disk: kill -9 loses nothing acknowledged, delete leaves no trace, no token in any log."""

from __future__ import annotations

import os
import threading

import requests

from conference.launch import wait_until

from ..support import BoardClient, Room


def test_kill_9_then_restart_loses_nothing_acknowledged(fresh_server, clients, tmp_path):
    data = str(tmp_path / "durable")
    srv = fresh_server(data)
    room = Room(srv, clients, {"Mum": "parent_carer"})
    acked: list[tuple[int, str]] = []
    stop = threading.Event()

    def writer(client: BoardClient, who: str) -> None:
        n = 0
        while not stop.is_set():
            text = f"{who} {n}"
            try:
                ack = client.cmd("item.add", {"column": "worries", "text": text})
            except Exception:
                return  # the server died under us: this one was never acknowledged
            if ack.get("ok"):
                acked.append((ack["seq"], text))
            n += 1

    threads = [
        threading.Thread(target=writer, args=(c, w))
        for c, w in ((room.chair, "chair"), (room.clients["Mum"], "mum"))
    ]
    for t in threads:
        t.start()
    wait_until(lambda: len(acked) >= 40, 20, "the writers")
    srv.kill9()  # mid-stream, with both writers sending
    stop.set()
    for t in threads:
        t.join(10)
    assert len(acked) > 20, "the writers should have been acknowledged many times before the kill"

    srv.start()
    again = BoardClient(srv.url, room.conf["facilitator_token"])
    clients.append(again)
    snap = again.snapshot()
    texts = {i["text"] for i in snap["items"]}
    missing = [t for _, t in acked if t not in texts]
    assert missing == []
    assert snap["seq"] >= max(s for s, _ in acked)
    # the log is still gap-free and accepts new commands after the restart
    assert again.ok("item.add", {"column": "worries", "text": "after restart"})["seq"] == snap["seq"] + 1


def bytes_in(data_dir: str) -> bytes:
    """Every byte of every file in the data folder (and below it)."""
    blob = b""
    for root, _, files in os.walk(data_dir):
        for name in sorted(files):
            with open(os.path.join(root, name), "rb") as f:
                blob += f.read()
    return blob


def test_delete_leaves_no_trace_in_the_data_files(fresh_server, clients, tmp_path):
    data = str(tmp_path / "deleting")
    srv = fresh_server(data)
    keep = Room(srv, clients, title="KEEPTITLE Other family")
    keep.chair.ok("item.add", {"column": "worries", "text": "KEEPMARKER this stays"})
    room = Room(srv, clients, {"Qwyzzle Parent": "parent_carer"}, title="GONETITLE Qwyzzle family")
    room.chair.ok("item.add", {"column": "worries", "text": "GONEMARKER1 dad shouts"})
    room.clients["Qwyzzle Parent"].ok(
        "item.add", {"column": "working_well", "text": "GONEMARKER2 gran helps"}
    )
    room.chair.ok("statement.add", {"kind": "danger", "who": "GONEMARKER3", "behaviour": "b", "impact": "i"})
    rid = room.chair.ok("round.open", {})["result"]["id"]
    room.clients["Qwyzzle Parent"].ok("round.score", {"round_id": rid, "score": 4, "reason": "GONEMARKER4"})
    assert b"GONEMARKER1" in bytes_in(data)  # it was really written to disk
    r = requests.delete(
        f"{srv.url}/api/conferences/{room.id}",
        headers={"Authorization": f"Bearer {room.conf['facilitator_token']}"},
    )
    assert r.status_code == 204
    room.chair.wait(lambda: room.chair.removed == [{"reason": "deleted"}])
    blob = bytes_in(data)
    for marker in (
        b"GONEMARKER",
        b"GONETITLE",
        b"Qwyzzle",
        room.conf["join_code"].encode(),
    ):
        assert marker not in blob, marker
    # what remains is the access audit's line that the conference (by its opaque id) was deleted
    assert blob.count(room.id.encode()) >= 1
    assert b"KEEPMARKER" in blob
    # and after a restart the deleted board is unknown, the other intact
    srv.stop()
    srv.start()
    r = requests.post(
        srv.url + "/api/join", json={"join_code": room.conf["join_code"], "name": "A", "role": "police"}
    )
    assert r.status_code == 404
    assert [i["text"] for i in BoardClient(srv.url, keep.conf["facilitator_token"]).snapshot()["items"]] == [
        "KEEPMARKER this stays"
    ]


def test_tokens_never_reach_the_server_log(fresh_server, clients):
    srv = fresh_server()
    room = Room(srv, clients, {"Mum": "parent_carer"})
    room.display(clients).snapshot()
    room.chair.ok("item.add", {"column": "worries", "text": "x"})
    requests.get(room.conf["display_url"].split("#")[0])
    requests.get(
        srv.url + "/api/conferences/" + room.id + "/minutes.md",
        headers={"Authorization": "Bearer " + room.conf["facilitator_token"]},
    )
    requests.delete(
        srv.url + "/api/conferences/nope", headers={"Authorization": "Bearer " + room.tokens["Mum"]}
    )
    # the log is written in order: once the last request is in it, so is everything before
    wait_until(lambda: "DELETE /api/conferences/nope" in srv.output(), 10, "the access log")
    log = srv.output()
    assert "GET /healthz" in log  # the log is really being written
    for token in (room.conf["facilitator_token"], room.conf["display_token"], *room.tokens.values()):
        assert token not in log


def test_join_codes_never_reach_the_server_log(fresh_server):
    srv = fresh_server()
    made = srv.create()
    code = made["join_code"]
    assert requests.get(f"{srv.url}/j/{code}", timeout=5).status_code == 200
    assert requests.get(f"{srv.url}/qr/{code}.svg", timeout=5).status_code == 200
    assert requests.get(f"{srv.url}/join?code={code.lower()}", timeout=5).status_code == 200
    srv.join(code.lower(), "Mum", "parent_carer")
    wait_until(lambda: "POST /api/join" in srv.output(), 10, "the access log")
    log = srv.output()
    assert "GET /j/… 200" in log and "GET /qr/… 200" in log  # the requests were logged, shortened
    assert code not in log and code.lower() not in log
