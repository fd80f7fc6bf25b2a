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


def _chair_get(server, room: Room, path: str) -> requests.Response:
    return requests.get(
        f"{server.url}/api/conferences/{room.id}{path}",
        headers={"Authorization": f"Bearer {room.conf['facilitator_token']}"},
        timeout=10,
    )


def test_what_a_report_keeps_from_the_family_never_reaches_a_family_phone(server, clients):
    room = Room(
        server, clients, {"Mum": "parent_carer", "Sam": "social_worker"}, meeting_at="2099-12-02T10:00"
    )
    projector = room.display(clients)
    nurse = room.invite(clients, "Dr Ana Nowak", "health", "Oak Surgery")
    kept = nurse.ok(
        "item.add", {"column": "worries", "text": "Lee now lives at 12 Acacia Road", "private": True}
    )
    shared = nurse.ok("item.add", {"column": "worries", "text": "Missed two health checks"})
    sent = nurse.ok("report.submit", {"view": "A plan would help."})
    mum, sam = room.clients["Mum"], room.clients["Sam"]
    for c in (mum, sam, projector, room.chair):
        c.wait_seq(sent["seq"])
    # a phone that joins later and catches up from the start, too
    late = room.add(clients, "Gran", "family_network")
    late_sync = late.sync(0)
    for family in (mum, projector, late):
        received = repr(family.events) + repr(family.snapshot()) + repr(family.sync(0))
        assert "Acacia" not in received
        hidden = [e for e in family.events if e["seq"] == kept["seq"]]
        assert all(e["type"] == "hidden" for e in hidden)
        assert shared["result"]["id"] in {i["id"] for i in family.snapshot()["items"]}
    assert "Acacia" not in repr(late_sync)
    # the family refused it by name too: it is not there for them
    assert mum.cmd("item.respond", {"id": kept["result"]["id"], "text": "?"})["error"]["code"] == "not_found"
    for staff in (sam, room.chair):
        assert kept["result"]["id"] in {i["id"] for i in staff.snapshot()["items"]}
        assert any("Acacia" in repr(e) for e in staff.events)
    family_copy = _chair_get(server, room, "/minutes.json?copy=family")
    assert family_copy.status_code == 200 and "Acacia" not in family_copy.text
    assert "Missed two health checks" in family_copy.text
    assert "Acacia" in _chair_get(server, room, "/minutes.json?copy=full").text
    # a family member can't keep things from the family
    refused = mum.cmd("item.add", {"column": "worries", "text": "x", "private": True})
    assert refused["error"]["code"] == "forbidden"


def test_the_first_open_of_an_invited_link_is_kept_once(server, clients):
    room = Room(server, clients, {"Mum": "parent_carer"}, kind="initial_cp")
    made = _invite(server, room, {"name": "Nurse Ann", "role": "health"}).json()
    before = room.chair.snapshot()
    me = next(m for m in before["members"] if m["member_id"] == made["invitation_id"])
    assert me["opened_at"] is None
    first = room._client(clients, made["participant_token"])
    room.chair.wait(lambda: any(e["type"] == "invitation.opened" for e in room.chair.events))
    opened = next(e for e in room.chair.events if e["type"] == "invitation.opened")
    assert opened["actor"] == made["invitation_id"] and opened["payload"]["member"]["opened_at"]
    assert first.hello["seq"] == opened["seq"]  # the hello already counts it
    # the nurse opens it again on another device, and reconnects: nothing more is kept
    first.close()
    again = room._client(clients, made["participant_token"])
    seq = again.hello["seq"]
    done = room.chair.ok("conference.focus", {"section": "worries"})  # one more event, after
    assert done["seq"] == seq + 1
    room.chair.wait_seq(done["seq"])
    assert [e["type"] for e in room.chair.events].count("invitation.opened") == 1
    shown = next(m for m in room.chair.snapshot()["members"] if m["member_id"] == made["invitation_id"])
    assert shown["opened_at"] == opened["payload"]["member"]["opened_at"]
    # someone who joined by code has no invitation: connecting keeps nothing
    assert "opened_at" not in next(m for m in room.chair.snapshot()["members"] if m["name"] == "Mum")


def test_the_plain_language_check_of_the_reports_for_the_chair(server, clients):
    room = Room(server, clients, {"Mum": "parent_carer"}, kind="initial_cp")
    nurse = room.invite(clients, "Nurse Ann", "health")
    item = nurse.ok("item.add", {"column": "worries", "text": "Poor engagement with CAMHS"})["result"]["id"]
    answer = _chair_get(server, room, "/plain-language?copy=reports")
    assert answer.status_code == 200, answer.text
    flags = answer.json()["flags"]
    assert {(f["member_id"], f["id"], f["term"]) for f in flags} >= {(room.ids["Nurse Ann"], item, "CAMHS")}
    mum_token = room.tokens["Mum"]
    refused = requests.get(
        f"{server.url}/api/conferences/{room.id}/plain-language?copy=reports",
        headers={"Authorization": f"Bearer {mum_token}"},
        timeout=5,
    )
    assert refused.status_code == 403


def test_a_family_phone_reads_a_report_only_once_it_is_sent_live_and_never_its_private_items(server, clients):
    room = Room(
        server, clients, {"Mum": "parent_carer", "Sam": "social_worker"}, meeting_at="2099-12-02T10:00"
    )
    projector = room.display(clients)
    nurse = room.invite(clients, "Dr Ana Nowak", "health", "Oak Surgery")
    mum, sam = room.clients["Mum"], room.clients["Sam"]
    typed = nurse.ok("item.add", {"column": "worries", "text": "Missed two health checks"})
    address = nurse.ok(
        "item.add", {"column": "worries", "text": "Lee lives at 12 Acacia Road", "private": True}
    )
    # the chair reads it as it is typed, and keeps one more from the family before it is sent
    sister = nurse.ok("item.add", {"column": "worries", "text": "Her sister told me about Lee"})
    room.chair.wait_seq(sister["seq"])
    kept = room.chair.ok("item.edit", {"id": sister["result"]["id"], "version": 1, "private": True})
    edited = nurse.ok(
        "item.edit", {"id": typed["result"]["id"], "version": 1, "text": "Missed three health checks"}
    )
    for c in (mum, sam, projector, room.chair):
        c.wait_seq(edited["seq"])
    # a family phone that connects now catches up from the start, too
    gran = room.add(clients, "Gran", "family_network")
    words = ("health checks", "Acacia", "sister")
    for family in (mum, projector, gran):
        seen = repr(family.hello) + repr(family.events) + repr(family.sync(0)) + repr(family.sync(1))
        assert not any(w in seen for w in words), seen
        assert family.snapshot()["items"] == []
    refused = mum.cmd("item.respond", {"id": typed["result"]["id"], "text": "?"})
    assert refused["error"]["code"] == "not_found"
    assert "health checks" in repr(sam.events) and "sister" in repr(sam.events)
    assert "health checks" not in _chair_get(server, room, "/minutes.json?copy=family").text
    # sent: the family's phones receive it live, with the report.submitted event itself
    sent = nurse.ok("report.submit", {"view": "A plan would help."})
    for family in (mum, projector, gran):
        family.wait_seq(sent["seq"])
        got = next(e for e in family.events if e["seq"] == sent["seq"])
        assert got["type"] == "report.submitted"
        assert [i["text"] for i in got["payload"]["items"]] == ["Missed three health checks"]
        snap = family.snapshot()
        assert [i["id"] for i in snap["items"]] == [typed["result"]["id"]]
        seen = repr(family.events) + repr(snap) + repr(family.sync(0))
        assert "Acacia" not in seen and "sister" not in seen
    assert {i["id"] for i in room.chair.snapshot()["items"]} == {
        typed["result"]["id"],
        address["result"]["id"],
        kept["result"]["id"],
    }
    mum.ok("item.respond", {"id": typed["result"]["id"], "text": "The bus was cancelled"})
    family_copy = _chair_get(server, room, "/minutes.json?copy=family").text
    assert "Missed three health checks" in family_copy
    assert "Acacia" not in family_copy and "sister" not in family_copy
