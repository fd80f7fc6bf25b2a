"""After the end, on a real server: a participant asks for a correction from their phone,
the chair declines it with a reason, the minutes list it; the meeting's date gives the
reports deadline; and once ten working days have passed the request is refused `closed`."""

from __future__ import annotations

import io
import json
import os
import sqlite3

import requests
from docx import Document

from ..support import BoardClient, Room


def minutes_json(server, room: Room) -> dict:
    r = requests.get(
        f"{server.url}/api/conferences/{room.id}/minutes.json",
        headers={"Authorization": f"Bearer {room.conf['facilitator_token']}"},
        timeout=10,
    )
    assert r.status_code == 200, r.text
    return r.json()


def test_a_correction_after_the_end_and_the_chairs_answer(server, clients):
    room = Room(
        server,
        clients,
        {"Mum": "parent_carer", "Sam": "social_worker"},
        kind="review_cp",
        meeting_at="2026-12-30T10:00",
    )
    conf = room.chair.snapshot()["conference"]
    assert (conf["meeting_at"], conf["reports_due"]) == ("2026-12-30T10:00", "2026-12-21")
    item = room.chair.ok("item.add", {"column": "worries", "text": "Dad shouts"})["result"]["id"]
    room.chair.ok("conference.close")
    mum, sam = room.clients["Mum"], room.clients["Sam"]
    assert mum.cmd("item.add", {"column": "worries", "text": "late"})["error"]["code"] == "closed"
    asked = mum.ok("correction.request", {"text": "It was Lee who shouted, not Dad.", "about": item})
    cid = asked["result"]["id"]
    # the chair and Mum see it; Sam gets only its seq
    room.chair.wait_seq(asked["seq"])
    sam.wait_seq(asked["seq"])
    assert [c["id"] for c in room.chair.snapshot()["corrections"]] == [cid]
    assert "corrections" not in sam.snapshot()
    assert sam.sync(asked["seq"] - 1)["events"][0]["type"] == "hidden"
    assert sam.cmd("correction.decline", {"id": cid, "reason": "no"})["error"]["code"] == "forbidden"
    answered = room.chair.ok("correction.decline", {"id": cid, "reason": "Everyone in the room heard Dad."})
    mum.wait_seq(answered["seq"])
    mine = mum.snapshot()["corrections"][0]
    assert (mine["status"], mine["reason"]) == ("declined", "Everyone in the room heard Dad.")
    listed = minutes_json(server, room)["corrections"]
    assert [(c["id"], c["from"], c["text"], c["status"], c["reason"]) for c in listed] == [
        (cid, "Mum", "It was Lee who shouted, not Dad.", "declined", "Everyone in the room heard Dad.")
    ]


def test_an_accepted_correction_of_the_decision_reaches_the_minutes_and_the_letter(server, clients):
    room = Room(server, clients, {"Anna": "parent_carer"}, kind="review_cp")
    room.chair.ok(
        "decision.record",
        {"outcome": "continue_plan", "categories": ["neglect"], "text": "The school nurse will go with Jas."},
    )
    room.chair.ok("conference.close")
    anna = room.clients["Anna"]
    cid = anna.ok("correction.request", {"text": "I'm taking Jas myself", "about": "What was decided"})[
        "result"
    ]["id"]
    room.chair.ok("correction.accept", {"id": cid})
    fixed = room.chair.ok(
        "record.correct",
        {
            "target": "decision",
            "id": "decision",
            "field": "text",
            "text": "Anna is taking Jas herself.",
            "correction": cid,
        },
    )
    anna.wait_seq(fixed["seq"])
    assert anna.snapshot()["conference"]["decision"]["text"] == "Anna is taking Jas herself."
    assert anna.snapshot()["corrections"][0]["changes"][0]["new"] == "Anna is taking Jas herself."
    auth = {"Authorization": f"Bearer {room.conf['facilitator_token']}"}
    m = minutes_json(server, room)
    assert m["decision"]["text"] == "Anna is taking Jas herself."
    assert m["corrections"][0]["changes"] == [
        {"old": "The school nurse will go with Jas.", "new": "Anna is taking Jas herself."}
    ]
    for copy in ("family", "full"):
        md = requests.get(
            f"{server.url}/api/conferences/{room.id}/minutes.md?copy={copy}", headers=auth, timeout=10
        ).text
        assert "Anna is taking Jas herself." in md
        assert "Corrected: “The school nurse will go with Jas.” → “Anna is taking Jas herself.”" in md
        # the old words only in the full record's log of changes
        assert ("The school nurse will go with Jas." in md.replace("Corrected: “The school nurse", "")) == (
            copy == "full"
        )
    letter = requests.get(f"{server.url}/api/conferences/{room.id}/letter.docx", headers=auth, timeout=20)
    assert letter.status_code == 200
    words = "\n".join(p.text for p in Document(io.BytesIO(letter.content)).paragraphs)
    words += "\n".join(
        c.text for t in Document(io.BytesIO(letter.content)).tables for r in t.rows for c in r.cells
    )
    assert "Anna is taking Jas herself." in words and "school nurse" not in words


def test_after_ten_working_days_a_request_is_closed(fresh_server, clients):
    srv = fresh_server()
    room = Room(srv, clients, {"Mum": "parent_carer"})
    room.chair.ok("conference.close")
    for c in clients:
        c.close()
    srv.stop()
    # the end was long ago: its last day for corrections has passed
    db = sqlite3.connect(os.path.join(srv.data, "conference.sqlite3"))
    seq, body = db.execute(
        "SELECT seq, body FROM events WHERE conference_id = ? ORDER BY seq DESC LIMIT 1", (room.id,)
    ).fetchone()
    event = json.loads(body)
    assert event["type"] == "conference.closed"
    event["payload"]["corrections_until"] = "2020-01-15"
    db.execute(
        "UPDATE events SET body = ? WHERE conference_id = ? AND seq = ?", (json.dumps(event), room.id, seq)
    )
    db.commit()
    db.close()
    srv.start()
    mum = BoardClient(srv.url, room.tokens["Mum"])
    clients.append(mum)
    ack = mum.cmd("correction.request", {"text": "It was Lee."})
    assert ack["ok"] is False and ack["error"]["code"] == "closed", ack
    assert "10 working days" in ack["error"]["message"]
