"""The JSON API over real HTTP: create, join, delete, errors, headers."""

from __future__ import annotations

import re

import pytest
import requests

from ..support import BoardClient


def post(server, path, body=None, **kw):
    """Starting a board needs a signed-in facilitator; the other routes are anyone's."""
    client = server.session() if path == "/api/conferences" else requests
    return client.post(server.url + path, json=body, timeout=5, **kw)


def test_create_returns_everything_the_chair_needs(server):
    r = post(server, "/api/conferences", {"title": "  Initial conference for Ada  ", "kind": "initial_cp"})
    assert r.status_code == 201
    body = r.json()
    assert set(body) == {
        "conference_id",
        "join_code",
        "facilitator_token",
        "display_token",
        "join_url",
        "facilitator_url",
        "display_url",
    }
    assert len(body["conference_id"]) >= 22  # 128 random bits, url-safe
    assert re.fullmatch(r"[2-9A-HJKMNP-Z]{8}", body["join_code"])
    assert body["join_url"] == f"{server.url}/j/{body['join_code']}"
    assert body["display_url"].endswith(f"/c/{body['conference_id']}/display#t={body['display_token']}")
    assert body["facilitator_url"].endswith(
        f"/c/{body['conference_id']}/facilitate#t={body['facilitator_token']}"
    )
    chair = BoardClient(server.url, body["facilitator_token"])
    try:
        conf = chair.snapshot()["conference"]
    finally:
        chair.close()
    assert conf["title"] == "Initial conference for Ada" and conf["kind"] == "initial_cp"
    assert conf["lobby"] is True and conf["moderation"] is False and conf["status"] == "open"


@pytest.mark.parametrize(
    "body",
    [
        None,
        [],
        {"title": ""},
        {"title": "   "},
        {"title": "x" * 121},
        {"title": 5},
        {"title": "ok", "kind": "party"},
        {"title": "ok", "extra": 1},
    ],
    ids=repr,
)
def test_create_refuses_bad_input_clearly(server, body):
    r = post(server, "/api/conferences", body)
    assert r.status_code == 400
    assert r.json()["error"]["code"] == "invalid" and r.json()["error"]["message"]


def test_create_refuses_non_json(server):
    r = server.session().post(server.url + "/api/conferences", data="title=x", timeout=5)
    assert r.status_code == 400 and r.json()["error"]["code"] == "invalid"


@pytest.mark.parametrize("typed", ["{code}", "{lower}", " {a} {b} ", "{a}-{b}", "{a} - {b}"])
def test_join_code_tolerates_case_spaces_and_dashes(server, typed):
    code = server.create()["join_code"]
    as_typed = typed.format(code=code, lower=code.lower(), a=code[:4].lower(), b=code[4:])
    r = post(server, "/api/join", {"join_code": as_typed, "name": "Mum", "role": "parent_carer"})
    assert r.status_code == 201, r.text
    assert r.json()["status"] == "waiting"


def test_join_without_a_lobby_is_admitted_at_once(server):
    made = server.create()
    chair = BoardClient(server.url, made["facilitator_token"])
    try:
        chair.ok("conference.update", {"lobby": False})
        joined = server.join(made["join_code"], "Sam", "social_worker")
        assert joined["status"] == "admitted"
        sam = BoardClient(server.url, joined["participant_token"])
        assert sam.snapshot()["conference"]["lobby"] is False
        sam.close()
    finally:
        chair.close()


@pytest.mark.parametrize(
    "body, status, code",
    [
        ({"join_code": "ZZZZZZZZ", "name": "A", "role": "police"}, 404, "not_found"),
        ({"join_code": "", "name": "A", "role": "police"}, 404, "not_found"),
        ({"join_code": 12345678, "name": "A", "role": "police"}, 400, "invalid"),
        ({"join_code": "{code}", "name": "", "role": "police"}, 400, "invalid"),
        ({"join_code": "{code}", "name": "x" * 61, "role": "police"}, 400, "invalid"),
        ({"join_code": "{code}", "name": "A", "role": "king"}, 400, "invalid"),
        ({"join_code": "{code}", "name": "A"}, 400, "invalid"),
    ],
)
def test_join_refusals(server, body, status, code):
    made = server.create()
    if body.get("join_code") == "{code}":
        body = dict(body, join_code=made["join_code"])
    r = post(server, "/api/join", body)
    assert r.status_code == status and r.json()["error"]["code"] == code, r.text


def test_delete_needs_the_chairs_token(server):
    made = server.create()
    other = server.create()
    joined = server.join(made["join_code"], "Mum", "parent_carer")
    url = f"{server.url}/api/conferences/{made['conference_id']}"
    assert requests.delete(url, timeout=5).status_code == 401
    assert (
        requests.delete(url, headers={"Authorization": "Bearer nonsense-token-value"}, timeout=5).status_code
        == 401
    )
    for token, status in (
        (joined["participant_token"], 403),
        (made["display_token"], 403),
        (other["facilitator_token"], 403),
    ):
        r = requests.delete(url, headers={"Authorization": f"Bearer {token}"}, timeout=5)
        assert r.status_code == status and r.json()["error"]["code"] == "forbidden"
    ok = requests.delete(url, headers={"Authorization": f"Bearer {made['facilitator_token']}"}, timeout=5)
    assert ok.status_code == 204 and ok.content == b""
    gone = requests.delete(url, headers={"Authorization": f"Bearer {made['facilitator_token']}"}, timeout=5)
    assert gone.status_code == 401
    assert (
        post(server, "/api/join", {"join_code": made["join_code"], "name": "A", "role": "police"}).status_code
        == 404
    )


def test_bodies_over_64_kib_are_too_large(server):
    r = post(server, "/api/join", {"join_code": "ABCDEFGH", "name": "x" * 70000, "role": "police"})
    assert r.status_code == 413 and r.json()["error"]["code"] == "too_large"
    # starting a board takes a review's minutes, up to 5 MB: a long title there is just too long
    r = post(server, "/api/conferences", {"title": "x" * 70000})
    assert r.status_code == 400 and r.json()["error"]["code"] == "invalid"


def test_the_servers_small_buffers_lose_nothing(server):
    """The server reads and writes HTTP through buffers of 2 and 1 KB (__main__.py): a
    response many times that size arrives whole, long headers are read, and a body near the
    limit is read to its end."""
    from conference.web.assets import VENDOR

    r = requests.get(
        f"{server.url}/vendor/socket.io.esm.min.js", headers={"Accept-Encoding": "identity"}, timeout=5
    )
    with open(f"{VENDOR['socket.io.esm.min.js']}/socket.io.esm.min.js", "rb") as f:
        on_disk = f.read()
    assert len(on_disk) > 20_000 and r.content == on_disk
    r = requests.get(server.url + "/api/nothing", headers={"X-Long": "a" * 6000}, timeout=5)
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"
    # read whole, the JSON is good and its join code unknown; cut short, it would not parse
    r = post(server, "/api/join", {"join_code": "ABCDEFGH", "name": "x" * 60000, "role": "police"})
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"
    r = requests.post(server.url + "/api/join", data=b'{"join_code": "ABCD', timeout=5)
    assert r.status_code == 400 and r.json()["error"]["code"] == "invalid"


def test_unknown_api_paths_answer_json(server):
    r = requests.get(server.url + "/api/nothing", timeout=5)
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"
    r = requests.get(server.url + "/api/join", timeout=5)
    assert r.status_code == 405 and r.json()["error"]["code"] == "invalid"


def test_pages_are_served_with_strict_headers_and_no_third_party_assets(server):
    made = server.create()
    for path in ("/", f"/j/{made['join_code']}", "/join?code=ab-cd"):
        r = requests.get(server.url + path, timeout=5)
        assert r.status_code == 200
        assert "default-src 'self'" in r.headers["Content-Security-Policy"]
        assert r.headers["X-Content-Type-Options"] == "nosniff"
        assert r.headers["Referrer-Policy"] == "no-referrer"
        for url in re.findall(r'(?:src|href)="([^"]+)"', r.text):
            assert url.startswith("/"), url
    home = requests.get(server.url + "/", timeout=5).text
    assert "join code" in home.lower()
    assert (
        requests.get(server.url + "/join?code=ab-cd", allow_redirects=False, timeout=5)
        .headers["Location"]
        .endswith("/j/ABCD")
    )


def test_vocabulary_is_served_from_the_one_source(server):
    from conference.domain import vocabulary as v

    body = requests.get(server.url + "/api/vocabulary", timeout=5).json()
    assert [c["key"] for c in body["columns"]] == list(v.COLUMN_ORDER)
    assert {r["key"] for r in body["roles"]} == set(v.ROLES)


def test_the_screens_answer_at_their_contract_addresses(server):
    made = server.create()
    for screen in ("facilitate", "participate", "display"):
        r = requests.get(f"{server.url}/c/{made['conference_id']}/{screen}", timeout=5)
        assert r.status_code == 200 and f'data-conference-id="{made["conference_id"]}"' in r.text
        assert '<script type="application/json" id="vocabulary">' in r.text
        for url in re.findall(r'(?:src|href)="([^"]+)"', r.text):
            assert url.startswith("/"), url
    assert requests.get(f"{server.url}/c/{made['conference_id']}/kitchen", timeout=5).status_code == 404


def test_a_hundred_people_is_the_limit(server, clients):
    made = server.create()
    chair = BoardClient(server.url, made["facilitator_token"])
    clients.append(chair)
    chair.ok("conference.update", {"lobby": False})  # everyone comes straight in
    for n in range(98):  # with the chair and the projector that makes 100
        server.join(made["join_code"], f"Person {n}", "other_professional")
    r = post(server, "/api/join", {"join_code": made["join_code"], "name": "One more", "role": "police"})
    assert r.status_code == 413 and r.json()["error"]["code"] == "too_large"
    assert "100" in r.json()["error"]["message"]


def test_qr_code_is_drawn_here_and_opens_the_join_link(server):
    made = server.create()
    r = requests.get(f"{server.url}/qr/{made['join_code']}.svg", timeout=5)
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("image/svg+xml")
    assert r.text.lstrip().startswith("<svg") and "<path" in r.text
    assert requests.get(f"{server.url}/qr/nonsense.svg", timeout=5).status_code == 404


def test_the_socket_io_client_is_served_by_the_app(server):
    r = requests.get(f"{server.url}/vendor/socket.io.esm.min.js", timeout=5)
    assert r.status_code == 200 and "javascript" in r.headers["Content-Type"]
    assert "Socket.IO v4" in r.text[:200]
    assert requests.get(f"{server.url}/vendor/other.js", timeout=5).status_code == 404


def test_the_chair_can_make_another_projector_link(server):
    made = server.create()
    url = f"{server.url}/api/conferences/{made['conference_id']}/display-link"
    assert requests.post(url, timeout=5).status_code == 401
    assert (
        requests.post(
            url, headers={"Authorization": f"Bearer {made['display_token']}"}, timeout=5
        ).status_code
        == 403
    )
    r = requests.post(url, headers={"Authorization": f"Bearer {made['facilitator_token']}"}, timeout=5)
    assert r.status_code == 201
    new_token = r.json()["display_url"].split("#t=")[1]
    assert new_token != made["display_token"]
    for token in (new_token, made["display_token"]):
        screen = BoardClient(server.url, token)
        try:
            assert screen.hello["you"]["kind"] == "display"
        finally:
            screen.close()


def test_the_join_page_checks_a_code_before_anyone_gives_a_name(fresh_server, clients):
    srv = fresh_server(CONFERENCE_JOIN_FAILURES_PER_MINUTE="3")
    made = srv.create(title="Codes")

    def check(code: str) -> requests.Response:
        return requests.post(srv.url + "/api/join-code", json={"join_code": code}, timeout=5)

    r = check(made["join_code"][:4].lower() + "-" + made["join_code"][4:])  # as people type it
    assert r.status_code == 200 and r.json() == {"ok": True}
    wrong = check("ZZZZ2222")
    assert wrong.status_code == 404 and "Check the 8 characters" in wrong.json()["error"]["message"]
    # wrong codes count toward the same limit as wrong joins
    assert [check("ZZZZ2222").status_code for _ in range(3)] == [404, 404, 429]
    assert check(made["join_code"]).status_code == 429  # from this address, for now
    assert check_nothing_joined(srv, made)


def check_nothing_joined(srv, made) -> bool:
    chair = BoardClient(srv.url, made["facilitator_token"])
    try:
        return [m for m in chair.snapshot()["members"] if m["kind"] == "participant"] == []
    finally:
        chair.close()


def test_a_closed_conference_is_said_when_its_code_is_checked(server, clients):
    made = server.create(title="Ended")
    chair = BoardClient(server.url, made["facilitator_token"])
    clients.append(chair)
    chair.ok("conference.close", {})
    r = requests.post(server.url + "/api/join-code", json={"join_code": made["join_code"]}, timeout=5)
    assert r.status_code == 409 and r.json()["error"]["code"] == "closed"


def test_a_browsers_own_request_for_an_icon_is_no_error(server):
    r = requests.get(server.url + "/favicon.ico", timeout=5)
    assert r.status_code == 204 and r.content == b""
