"""Before the meeting, on a real server: the chair invites the school nurse, she adds items
and sends her report, a parent answers one of them; the chair's board and the minutes JSON
say so."""

from __future__ import annotations

import requests

from ..support import Room


def _invite(server, room: Room, body: dict, token: str | None = None) -> requests.Response:
    return requests.post(
        f"{server.url}/api/conferences/{room.id}/invitations",
        json=body,
        headers={"Authorization": f"Bearer {token or room.conf['facilitator_token']}"},
        timeout=5,
    )


def test_an_invitation_a_report_and_an_answer_reach_the_board_and_the_minutes(server, clients):
    room = Room(server, clients, {"Mum": "parent_carer"}, kind="initial_cp")
    made = _invite(server, room, {"name": "Nurse Ann", "role": "health", "agency": "Oak School"})
    assert made.status_code == 201, made.text
    body = made.json()
    assert set(body) == {"invitation_id", "participant_token", "contribute_url"}
    assert body["contribute_url"].endswith(f"/c/{room.id}/participate#t={body['participant_token']}")

    room.ids["Nurse Ann"] = body["invitation_id"]
    nurse = room._client(clients, body["participant_token"])
    hello = nurse.call("sync", {"since": 0})
    assert hello["ok"], hello
    worry = nurse.ok("item.add", {"column": "worries", "text": "Missed two health checks"})["result"]["id"]
    nurse.ok("item.add", {"column": "working_well", "text": "Jo is always clean and fed"})
    sent = nurse.ok("report.submit", {"view": "A plan would help the family get to appointments."})

    room.chair.wait_seq(sent["seq"])
    me = next(m for m in room.chair.snapshot()["members"] if m["member_id"] == body["invitation_id"])
    assert me["invited"] is True and me["status"] == "admitted" and me["agency"] == "Oak School"
    assert me["report_submitted_at"]

    mum = room.clients["Mum"]
    answered = mum.ok("item.respond", {"id": worry, "text": "The bus was cancelled both times"})
    room.chair.wait_seq(answered["seq"])
    item = next(i for i in room.chair.snapshot()["items"] if i["id"] == worry)
    assert [(r["member_id"], r["name"], r["text"]) for r in item["responses"]] == [
        (room.ids["Mum"], "Mum", "The bus was cancelled both times")
    ]
    assert next(i for i in mum.snapshot()["items"] if i["id"] == worry)["responses"][0]["at"]

    minutes = requests.get(
        f"{server.url}/api/conferences/{room.id}/minutes.json",
        headers={"Authorization": f"Bearer {room.conf['facilitator_token']}"},
        timeout=10,
    )
    assert minutes.status_code == 200, minutes.text
    m = minutes.json()
    assert len(m["reports"]) == 1
    report = m["reports"][0]
    assert {k: report[k] for k in ("name", "role", "agency")} == {
        "name": "Nurse Ann",
        "role": "health",
        "agency": "Oak School",
    }
    assert report["submitted_at"] and report["on_time"] in (None, True)
    said = [i for c in m["columns"] for g in c["categories"] for i in g["items"] if i["id"] == worry][0]
    assert said["responses"][0]["text"] == "The bus was cancelled both times"
    md = requests.get(
        f"{server.url}/api/conferences/{room.id}/minutes.md",
        headers={"Authorization": f"Bearer {room.conf['facilitator_token']}"},
        timeout=10,
    ).text
    assert "Reports before the conference" in md and "The bus was cancelled both times" in md


def test_only_the_chair_invites_and_what_they_send_is_checked(server, clients):
    room = Room(server, clients, {"Mum": "parent_carer"})
    assert _invite(server, room, {"name": "Ann", "role": "health"}, room.tokens["Mum"]).status_code == 403
    assert requests.post(
        f"{server.url}/api/conferences/{room.id}/invitations", json={}, timeout=5
    ).status_code in (
        401,
        403,
    )
    for bad in (
        {"name": "Ann", "role": "parent_carer"},
        {"name": "", "role": "health"},
        {"name": "Ann", "role": "health", "email": "a@b"},
        {"name": "Ann", "role": "health", "agency": "x" * 81},
    ):
        r = _invite(server, room, bad)
        assert r.status_code == 400, (bad, r.text)
        assert r.json()["error"]["code"] == "invalid"
