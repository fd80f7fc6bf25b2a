"""What an outside security review found, each tried the way it was found: from outside,
against a real server process (HTTP, Socket.IO, raw Engine.IO frames, a real nginx)."""

from __future__ import annotations

import json
import threading
import time

import requests

from ..support import BoardClient, RawSocket, Room
from .test_security import add_facilitator, signed_in

SECRET_ACTION = "Police to check COVERTINTEL on dad"


def _minutes(server, conf: dict, fmt: str, copy: str) -> str:
    r = requests.get(
        f"{server.url}/api/conferences/{conf['conference_id']}/minutes.{fmt}?copy={copy}",
        headers={"Authorization": f"Bearer {conf['facilitator_token']}"},
        timeout=10,
    )
    assert r.status_code == 200, r.text
    return r.content.decode("utf-8", "replace") if fmt in ("md", "json", "html") else r.content


def _ended_board_with_a_private_action(server, clients) -> Room:
    room = Room(server, clients, {"Mum": "parent_carer", "Sam Social": "social_worker"})
    room.chair.ok(
        "item.add", {"column": "next_steps", "category": "actions", "text": "Mum goes to the course"}
    )
    room.chair.ok("session.close", {})
    room.chair.ok(
        "item.add",
        {"column": "next_steps", "category": "actions", "text": SECRET_ACTION, "owner": "DC Jones"},
    )
    room.chair.ok("session.open", {})
    room.chair.ok("conference.close", {})
    return room


def _family_sees(server, clients, review: dict) -> str:
    """Everything the parent's phone and the projector receive, and every family copy."""
    mum = server.join(review["join_code"], "Mum", "parent_carer")
    chair = BoardClient(server.url, review["facilitator_token"])
    clients.append(chair)
    chair.ok("member.admit", {"member_id": mum["participant_id"]})
    phone = BoardClient(server.url, mum["participant_token"])
    projector = BoardClient(server.url, review["display_token"])
    clients.extend([phone, projector])
    seen = [json.dumps(phone.snapshot()), json.dumps(projector.snapshot())]
    seen += [_minutes(server, review, fmt, "family") for fmt in ("md", "json", "html")]
    return "\n".join(seen)


def test_an_action_from_the_closed_session_stays_private_on_the_review_board(server, clients):
    room = _ended_board_with_a_private_action(server, clients)
    full = json.loads(_minutes(server, room.conf, "json", "full"))
    for review in (
        server.create(title="Review by id", previous_conference_id=room.id),
        server.create(title="Review by file", previous_minutes=full),
    ):
        seen = _family_sees(server, clients, review)
        assert "COVERTINTEL" not in seen
        assert "Mum goes to the course" in seen  # the public action is carried as before
        # the professionals still have it, marked private, in the full record
        chair = BoardClient(server.url, review["facilitator_token"])
        clients.append(chair)
        carried = [i for i in chair.snapshot()["items"] if "COVERTINTEL" in i["text"]]
        assert len(carried) == 1 and carried[0]["private"] is True
        assert "COVERTINTEL" in _minutes(server, review, "md", "full")


def test_an_older_minutes_file_without_the_actions_flag_keeps_the_action_private(server, clients):
    room = _ended_board_with_a_private_action(server, clients)
    full = json.loads(_minutes(server, room.conf, "json", "full"))
    for action in full["plan"]:
        action.pop("private")  # as files written before the flag travelled with the plan
    review = server.create(title="Review from an older file", previous_minutes=full)
    assert "COVERTINTEL" not in _family_sees(server, clients, review)


def _slowest_health_check(server, during) -> float:
    """The longest /healthz took while `during` ran in another thread."""
    worst = 0.0
    done = threading.Event()

    def attack():
        try:
            during()
        finally:
            done.set()

    threading.Thread(target=attack, daemon=True).start()
    while not done.is_set():
        started = time.perf_counter()
        requests.get(server.url + "/healthz", timeout=60)
        worst = max(worst, time.perf_counter() - started)
    return worst


def test_the_plain_language_check_holds_no_one_up(fresh_server):
    srv = fresh_server()
    hostile = "LAC CIN ACEs s47 " * 3600  # 61 KB of flags (under the 64 KB body limit), no sign-in
    answers = []

    def attack():
        for _ in range(3):
            answers.append(requests.post(srv.url + "/api/plain-language", json={"text": hostile}, timeout=60))

    worst = _slowest_health_check(srv, attack)
    assert worst < 0.5, f"/healthz waited {worst:.2f} s behind the plain-language check"
    assert {a.status_code for a in answers} == {413}
    assert answers[0].json()["error"]["code"] == "too_large"
    # the longest text anyone writes is still checked, and quickly
    most = ("The LAC review said CIN. " * 400)[:5000]
    started = time.perf_counter()
    r = requests.post(srv.url + "/api/plain-language", json={"text": most}, timeout=10)
    assert r.status_code == 200 and r.json()["flags"]
    assert time.perf_counter() - started < 1.0


def test_the_plain_language_check_is_rate_limited_per_address(fresh_server):
    srv = fresh_server(CONFERENCE_PLAIN_LANGUAGE_PER_MINUTE="5")
    codes = [
        requests.post(srv.url + "/api/plain-language", json={"text": "The LAC"}, timeout=5).status_code
        for _ in range(8)
    ]
    assert codes[:5] == [200] * 5 and codes[5:] == [429] * 3


def test_one_socket_frame_without_a_token_cannot_freeze_the_server(fresh_server):
    srv = fresh_server()
    raw = RawSocket(srv.url)  # no token: never signed in
    # more than 32 brackets (so the nesting check looks inside), then a string that never
    # ends, full of escaped quotes: 48 KB with no sign-in, and 60 KB from a signed-in socket
    frame = '42/board,7["command",' + "[" * 40 + '"' + '\\"' * 24_000
    signed_in_socket = RawSocket(srv.url, srv.create(title="Frames")["facilitator_token"])

    def attack():
        raw.send(frame)
        signed_in_socket.send('42/board,8["sync",' + "[" * 40 + '"' + '\\"' * 30_000)

    worst = _slowest_health_check(srv, attack)
    assert worst < 0.5, f"/healthz waited {worst:.2f} s behind one frame"
    # and a signed-in client still gets its answers at once
    room = Room(srv, [], {})
    started = time.perf_counter()
    assert room.chair.sync(0)["ok"]
    assert time.perf_counter() - started < 0.5
    room.chair.close()
    raw.close()
    signed_in_socket.close()


def test_a_dropped_packet_is_answered_so_nobody_waits(server):
    room_conf = server.create(title="Answers")
    raw = RawSocket(server.url, room_conf["facilitator_token"])
    big = raw.call(3, "command", {"op_id": "x", "type": "item.add", "payload": {"t": "x" * 70_000}})
    assert big["ok"] is False and big["error"]["code"] == "too_large"
    deep = raw.call(4, "sync", json.loads("[" * 40 + "]" * 40))
    assert deep["ok"] is False and deep["error"]["code"] == "invalid"
    reserved = raw.call(5, "disconnect", {})
    assert reserved["ok"] is False and reserved["error"]["code"] == "invalid"
    assert raw.call(6, "sync", {"since": 0})["ok"] is True  # the connection carries on
    raw.close()


def test_rate_limits_behind_nginx_read_the_address_nginx_saw(fresh_server, nginx):
    srv = fresh_server(CONFERENCE_TRUST_PROXY="1", CONFERENCE_JOIN_FAILURES_PER_MINUTE="5")
    proxy = nginx([srv.port])
    codes = []
    for n in range(12):
        r = requests.post(
            proxy.url + "/api/join",
            json={"join_code": "ZZZZZZZZ", "name": "A", "role": "police"},
            headers={"X-Forwarded-For": f"10.9.{n}.{n}"},  # a new made-up address each time
            timeout=5,
        )
        codes.append(r.status_code)
    assert codes[:5] == [404] * 5 and set(codes[5:]) == {429}, codes
    # sign-in spraying is limited the same way, and the audit records the real address
    add_facilitator(srv, "sprayed", "the right long password")
    for n in range(12):
        r = requests.post(
            proxy.url + "/api/login",
            json={"username": "sprayed", "password": f"guess {n}"},
            headers={"X-Forwarded-For": f"10.8.{n}.{n}"},
            timeout=5,
        )
    assert r.status_code == 429


def test_sign_ins_hold_no_board_up(fresh_server):
    srv = fresh_server(CONFERENCE_LOGIN_FAILURES_PER_MINUTE="1000")

    def spray():
        def one(n):
            requests.post(
                srv.url + "/api/login", json={"username": f"nobody{n}", "password": "x"}, timeout=30
            )

        threads = [threading.Thread(target=one, args=(n,)) for n in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()

    worst = _slowest_health_check(srv, spray)
    assert worst < 0.25, f"/healthz waited {worst:.2f} s behind sign-ins"


def test_a_burst_of_sign_ins_tries_no_more_passwords_than_the_limit(fresh_server):
    srv = fresh_server(CONFERENCE_LOGIN_FAILURES_PER_MINUTE="5")
    add_facilitator(srv, "burst", "the right long password")
    codes: list[int] = []

    def guess(n):
        r = requests.post(
            srv.url + "/api/login", json={"username": "burst", "password": f"guess {n}"}, timeout=60
        )
        codes.append(r.status_code)

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(set(codes)) == [401, 429] and codes.count(401) == 5, codes


def test_a_wrong_password_elsewhere_does_not_lock_the_chair_out(fresh_server):
    srv = fresh_server(CONFERENCE_TRUST_PROXY="1")
    add_facilitator(srv, "lockme", "the right long password")
    for n in range(15):  # someone at another address, all minute long
        requests.post(
            srv.url + "/api/login",
            json={"username": "lockme", "password": f"wrong {n}"},
            headers={"X-Forwarded-For": "203.0.113.9"},
            timeout=5,
        )
    r = requests.post(
        srv.url + "/api/login",
        json={"username": "lockme", "password": "the right long password"},
        headers={"X-Forwarded-For": "198.51.100.7"},
        timeout=5,
    )
    assert r.status_code == 200, r.text


def test_a_leaked_code_fills_the_lobby_but_not_the_meeting(server, clients):
    conf = server.create(title="Leaked code")
    chair = BoardClient(server.url, conf["facilitator_token"])
    clients.append(chair)
    answers = [
        requests.post(
            server.url + "/api/join",
            json={"join_code": conf["join_code"], "name": f"Bot {n}", "role": "police"},
            timeout=5,
        )
        for n in range(110)
    ]
    assert {a.status_code for a in answers} == {201, 413}
    waiting = sum(a.status_code == 201 for a in answers)
    assert waiting < 100
    full = answers[-1].json()["error"]
    assert full["code"] == "too_large" and "waiting" in full["message"]
    # the chair can still add the mother in the room, and let a waiting person in
    chair.ok("member.add", {"name": "Real Mum", "role": "parent_carer", "present": True})
    chair.ok("member.admit", {"member_id": answers[0].json()["participant_id"]})


def test_a_removed_person_waits_to_be_let_in_even_with_the_lobby_off(server, clients):
    room = Room(server, clients, {"Angry Ex": "family_network"})
    room.chair.ok("conference.update", {"lobby": False})
    assert server.join(room.conf["join_code"], "Nice Auntie", "family_network")["status"] == "admitted"
    room.chair.ok("member.remove", {"member_id": room.ids["Angry Ex"]})
    again = server.join(room.conf["join_code"], "Not Angry Ex", "family_network")
    assert again["status"] == "waiting"


def test_links_can_be_cancelled(server, clients):
    owner = server.session()
    conf = server.create(title="Leaked link")
    console = BoardClient(server.url, conf["facilitator_token"])
    projector = BoardClient(server.url, conf["display_token"])
    clients.extend([console, projector])
    extra = requests.post(
        f"{server.url}/api/conferences/{conf['conference_id']}/facilitator-link",
        headers={"Authorization": f"Bearer {conf['facilitator_token']}"},
        timeout=5,
    )
    assert extra.status_code == 201
    # a leaked chair link cannot cancel the links itself: only the signed-in owner can
    r = requests.post(
        f"{server.url}/api/conferences/{conf['conference_id']}/cancel-links",
        headers={"Authorization": f"Bearer {conf['facilitator_token']}"},
        timeout=5,
    )
    assert r.status_code == 401
    r = owner.post(f"{server.url}/api/conferences/{conf['conference_id']}/cancel-links", timeout=5)
    assert r.status_code == 201, r.text
    fresh = r.json()
    # the open screens are told and cut
    console.wait(lambda: console.removed == [{"reason": "link_cancelled"}])
    projector.wait(lambda: projector.removed == [{"reason": "link_cancelled"}])
    old_tokens = [
        conf["facilitator_token"],
        conf["display_token"],
        extra.json()["facilitator_url"].split("#t=")[1],
    ]
    for token in old_tokens:
        assert (
            requests.get(
                f"{server.url}/api/conferences/{conf['conference_id']}/minutes.md",
                headers={"Authorization": f"Bearer {token}"},
                timeout=5,
            ).status_code
            == 401
        )
        stale = BoardClient(server.url, token, connect=False)
        try:
            stale.connect()
            connected = True
        except Exception:
            connected = False
        stale.close()
        assert not connected
    new_console = BoardClient(server.url, fresh["facilitator_url"].split("#t=")[1])
    clients.append(new_console)
    new_console.ok("item.add", {"column": "worries", "text": "Still works"})
    assert BoardClient(server.url, fresh["display_url"].split("#t=")[1]).hello["you"]["kind"] == "display"
    # another facilitator cannot cancel them
    add_facilitator(server, "nosy-chair", "a nosy long password")
    nosy = signed_in(server, "nosy-chair", "a nosy long password")
    r = nosy.post(f"{server.url}/api/conferences/{conf['conference_id']}/cancel-links", timeout=5)
    assert r.status_code == 403


def test_everything_an_import_holds_is_checked_against_the_live_limits(server, clients):
    room = Room(server, clients, {"Mum": "parent_carer"})
    room.chair.ok("item.add", {"column": "worries", "text": "A worry"})
    rid = room.chair.ok("round.open", {})["result"]["id"]
    room.chair.ok("round.score", {"round_id": rid, "score": 5})
    room.chair.ok("decision.record", {"text": "A plan", "outcome": "cp_plan"})
    room.chair.ok("conference.close", {})
    full = json.loads(_minutes(server, room.conf, "json", "full"))

    def tried(change) -> requests.Response:
        doc = json.loads(json.dumps(full))
        change(doc)
        return server.session().post(
            server.url + "/api/conferences", json={"title": "Review", "previous_minutes": doc}, timeout=10
        )

    changes = {
        "an attendance name of 500 characters": lambda d: d["attendance"][0].update(name="N" * 500),
        "a column item of 20,000 characters": lambda d: (
            d["columns"][0]["categories"][0]["items"].append(
                {**d["columns"][0]["categories"][0]["items"][0], "text": "W" * 20_000}
            )
            if d["columns"][0]["categories"][0]["items"]
            else d["columns"][0]["categories"][0]["items"].append({"text": "W" * 20_000})
        ),
        "a decision of 60,000 characters": lambda d: d["decision"].update(text="D" * 60_000),
        "an unrevealed round scored 99": lambda d: d["scaling"].append(
            {**d["scaling"][0], "revealed": False, "scores": [{"name": "X", "score": 99}], "summary": None}
        ),
        "a control character in the record": lambda d: d["record"][0].update(what="bell \x07"),
    }
    for what, change in changes.items():
        r = tried(change)
        assert r.status_code == 400, f"{what}: {r.status_code}"
        assert r.json()["error"]["code"] == "invalid"
    assert tried(lambda d: None).status_code == 201  # the untouched file still starts a review


def test_json_nested_thousands_deep_is_a_clear_refusal(server):
    deep = "[" * 5000 + "]" * 5000
    for path in ("/api/join", "/api/login", "/api/plain-language"):
        r = requests.post(
            server.url + path, data=deep, headers={"Content-Type": "application/json"}, timeout=5
        )
        assert r.status_code == 400, (path, r.status_code)
        assert r.json()["error"]["code"] == "invalid"
    assert "Traceback" not in server.output() and "RecursionError" not in server.output()


def test_answers_about_people_are_never_cached(server):
    owner = server.session()
    conf = server.create(title="No cache")
    for path in ("/api/conferences", "/api/me", f"/api/conferences/{conf['conference_id']}/audit"):
        r = owner.get(server.url + path, timeout=5)
        assert r.status_code == 200
        assert r.headers.get("Cache-Control") == "no-store", path


def test_another_site_cannot_sign_a_chair_out(fresh_server):
    srv = fresh_server()
    s = srv.session()
    r = requests.post(
        srv.url + "/api/logout",
        cookies=s.cookies,
        headers={"Origin": "https://evil.example"},
        timeout=5,
    )
    assert r.status_code == 403
    assert s.get(srv.url + "/api/me", timeout=5).status_code == 200  # still signed in
    assert s.post(srv.url + "/api/logout", timeout=5).status_code == 200  # our own page can


def test_someone_elses_op_id_is_not_their_acknowledgement(server, clients):
    room = Room(server, clients, {"Mum": "parent_carer"})
    mine = room.chair.ok("item.add", {"column": "worries", "text": "The chair's worry"}, op_id="same-op")
    theirs = room.clients["Mum"].cmd(
        "item.add", {"column": "working_well", "text": "Mum's words"}, op_id="same-op"
    )
    assert theirs["ok"] is True and theirs["seq"] != mine["seq"]
    texts = [i["text"] for i in room.chair.snapshot()["items"]]
    assert "Mum's words" in texts
    # and each person's own resend is still acknowledged with the same seq
    assert (
        room.chair.cmd("item.add", {"column": "worries", "text": "x"}, op_id="same-op")["seq"] == mine["seq"]
    )


def test_a_decision_made_in_the_closed_session_does_not_reach_the_family(server, clients):
    room = Room(server, clients, {"Mum": "parent_carer"})
    room.chair.ok("session.close", {})
    refused = room.chair.cmd("decision.record", {"text": "SECRETDECISION made in private"})
    assert refused["ok"] is False and refused["error"]["code"] == "conflict"
    room.chair.ok("session.open", {})
    mum = room.clients["Mum"]
    assert "SECRETDECISION" not in json.dumps(mum.snapshot())
    assert "SECRETDECISION" not in _minutes(server, room.conf, "md", "family")


def test_join_codes_are_stored_keyed_with_the_join_secret(fresh_server, tmp_path):
    import hashlib
    import hmac

    from .test_durability import bytes_in

    srv = fresh_server(str(tmp_path / "keyed"))
    conf = srv.create(title="Keyed code")
    blob = bytes_in(srv.data)
    code = conf["join_code"].encode()
    assert hashlib.sha256(code).hexdigest().encode() not in blob  # a copied file gives up no code
    with open(f"{srv.data}/join-secret", "rb") as f:  # beside the database, not in it
        secret = f.read().strip()
    keyed = hmac.new(secret, b"join-code-lookup:" + code, hashlib.sha256).hexdigest().encode()
    assert keyed in blob  # what the store keeps instead (so the scan above saw the right file)
    assert srv.join(conf["join_code"], "Mum", "parent_carer")["conference_id"] == conf["conference_id"]
