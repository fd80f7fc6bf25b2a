"""Who may do what over HTTP, CSRF, foreign origins, headers, rate limits, and secrets kept out of files."""

from __future__ import annotations

import glob
import os
import subprocess
import sys

import pytest
import requests
import socketio

from ..support import FACILITATOR, ROOT, BoardClient


def add_facilitator(server, name: str, password: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "conference", "facilitator", "add", name, "--data", server.data],
        cwd=ROOT,
        input=password + "\n",
        text=True,
        capture_output=True,
        check=False,
        env={**os.environ, **server.env},
    )


def signed_in(server, name: str, password: str) -> requests.Session:
    s = requests.Session()
    r = s.post(server.url + "/api/login", json={"username": name, "password": password}, timeout=5)
    assert r.status_code == 200, r.text
    s.headers["X-CSRF-Token"] = r.json()["csrf_token"]
    return s


@pytest.fixture(scope="module")
def parties(server):
    """A board owned by the test facilitator, and everyone who might knock on its routes."""
    add_facilitator(server, "other-chair", "another long password")
    made = server.create(title="Owned board")
    joined = server.join(made["join_code"], "Mum", "parent_carer")
    return {
        "made": made,
        "anonymous": requests.Session(),
        "other facilitator": signed_in(server, "other-chair", "another long password"),
        "owner": server.session(),
        "participant token": _bearer(joined["participant_token"]),
        "display token": _bearer(made["display_token"]),
        "chair token": _bearer(made["facilitator_token"]),
    }


def _bearer(token: str) -> requests.Session:
    s = requests.Session()
    s.headers["Authorization"] = f"Bearer {token}"
    return s


ROUTES = [
    ("GET", "/api/conferences/{id}/minutes.md"),
    ("POST", "/api/conferences/{id}/display-link"),
    ("POST", "/api/conferences/{id}/facilitator-link"),
]
EXPECTED = {  # who -> status for the chair-only routes above
    "anonymous": 401,
    "other facilitator": 403,
    "owner": None,  # allowed
    "participant token": 403,
    "display token": 403,
    "chair token": None,
}


@pytest.mark.parametrize("who", list(EXPECTED))
@pytest.mark.parametrize("method, path", ROUTES)
def test_authorization_matrix(server, parties, who, method, path):
    url = server.url + path.format(id=parties["made"]["conference_id"])
    r = parties[who].request(method, url, timeout=10)
    want = EXPECTED[who]
    if want is None:
        assert r.status_code in (200, 201), (who, r.status_code, r.text[:200])
    else:
        assert r.status_code == want, (who, r.status_code)
        assert r.json()["error"]["message"]


@pytest.mark.parametrize("who", list(EXPECTED))
def test_delete_matrix(server, who):
    made = server.create(title="To delete")
    sessions = {
        "anonymous": requests.Session(),
        "other facilitator": signed_in(server, "other-chair", "another long password"),
        "owner": server.session(),
        "participant token": _bearer(server.join(made["join_code"], "P", "police")["participant_token"]),
        "display token": _bearer(made["display_token"]),
        "chair token": _bearer(made["facilitator_token"]),
    }
    r = sessions[who].delete(f"{server.url}/api/conferences/{made['conference_id']}", timeout=5)
    assert r.status_code == (EXPECTED[who] or 204), (who, r.status_code)


def test_starting_a_board_needs_a_signed_in_facilitator(server):
    r = requests.post(server.url + "/api/conferences", json={"title": "x"}, timeout=5)
    assert r.status_code == 401 and r.json()["error"]["code"] == "unauthorized"
    listing = requests.get(server.url + "/api/conferences", timeout=5)
    assert listing.status_code == 401


def test_my_conferences_lists_only_mine(server, parties):
    mine = {
        c["id"]
        for c in server.session().get(server.url + "/api/conferences", timeout=5).json()["conferences"]
    }
    theirs = (
        parties["other facilitator"].get(server.url + "/api/conferences", timeout=5).json()["conferences"]
    )
    assert parties["made"]["conference_id"] in mine and theirs == []


def test_csrf_and_foreign_origins_are_refused(server):
    s = signed_in(server, *FACILITATOR)
    token = s.headers.pop("X-CSRF-Token")
    r = s.post(server.url + "/api/conferences", json={"title": "no csrf header"}, timeout=5)
    assert r.status_code == 403 and r.json()["error"]["code"] == "forbidden"
    r = s.post(
        server.url + "/api/conferences",
        json={"title": "wrong"},
        headers={"X-CSRF-Token": "0" * 64},
        timeout=5,
    )
    assert r.status_code == 403
    r = s.post(
        server.url + "/api/conferences",
        json={"title": "from elsewhere"},
        headers={"X-CSRF-Token": token, "Origin": "https://evil.example"},
        timeout=5,
    )
    assert r.status_code == 403
    ok = s.post(
        server.url + "/api/conferences", json={"title": "fine"}, headers={"X-CSRF-Token": token}, timeout=5
    )
    assert ok.status_code == 201


def test_a_websocket_from_another_site_is_refused(server):
    made = server.create()
    # the transport itself refuses the handshake
    r = requests.get(
        f"{server.url}/socket.io/?EIO=4&transport=polling",
        headers={"Origin": "https://evil.example"},
        timeout=5,
    )
    assert r.status_code == 400
    sio = socketio.Client(reconnection=False)
    with pytest.raises((socketio.exceptions.ConnectionError, ValueError)):  # the client's words for it vary
        sio.connect(
            server.url,
            namespaces=["/board"],
            auth={"token": made["facilitator_token"]},
            headers={"Origin": "https://evil.example"},
            transports=["websocket"],
            wait_timeout=5,
        )
    assert not sio.connected
    sio.disconnect()
    # the same token from our own origin is fine
    ours = BoardClient(server.url, made["facilitator_token"])
    ours.close()


def test_sign_in_sessions_and_cookie(server):
    s = requests.Session()
    r = s.post(
        server.url + "/api/login", json={"username": FACILITATOR[0], "password": FACILITATOR[1]}, timeout=5
    )
    first = s.cookies.get("cb_session")
    cookie = r.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Secure" not in cookie  # plain http here
    s.post(
        server.url + "/api/login", json={"username": FACILITATOR[0], "password": FACILITATOR[1]}, timeout=5
    )
    assert s.cookies.get("cb_session") != first, "a new session id at every sign-in"
    old = requests.get(server.url + "/api/me", cookies={"cb_session": first}, timeout=5)
    assert old.status_code == 401
    assert s.get(server.url + "/api/me", timeout=5).json()["username"] == FACILITATOR[0]
    s.post(server.url + "/api/logout", timeout=5)
    assert requests.get(server.url + "/api/me", cookies={"cb_session": first}, timeout=5).status_code == 401


def test_https_gets_secure_cookies_and_hsts(fresh_server):
    srv = fresh_server(CONFERENCE_TRUST_PROXY="1")
    r = requests.post(
        srv.url + "/api/login",
        json={"username": FACILITATOR[0], "password": FACILITATOR[1]},
        headers={"X-Forwarded-Proto": "https"},
        timeout=5,
    )
    assert "Secure" in r.headers["Set-Cookie"]
    assert r.headers["Strict-Transport-Security"].startswith("max-age=")
    assert "Strict-Transport-Security" not in requests.get(srv.url + "/", timeout=5).headers


def test_failed_sign_ins_are_rate_limited_with_retry_after(fresh_server):
    srv = fresh_server(CONFERENCE_LOGIN_FAILURES_PER_MINUTE="3")
    codes = []
    for _ in range(5):
        r = requests.post(
            srv.url + "/api/login",
            json={"username": FACILITATOR[0], "password": "wrong wrong wrong"},
            timeout=5,
        )
        codes.append((r.status_code, r.headers.get("Retry-After")))
    assert codes[:3] == [(401, None)] * 3 and codes[3:] == [(429, "60")] * 2
    # the right password is refused too while the limit holds: guessing gains nothing
    r = requests.post(
        srv.url + "/api/login", json={"username": FACILITATOR[0], "password": FACILITATOR[1]}, timeout=5
    )
    assert r.status_code == 429


@pytest.mark.parametrize(
    "path", ["/", "/login", "/mine", "/j/ABCDEFGH", "/c/x/facilitate", "/c/x/participate", "/c/x/display"]
)
def test_security_headers_on_every_page(server, path):
    r = requests.get(server.url + path, timeout=5)
    csp = r.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert r.headers["Referrer-Policy"] == "no-referrer" and r.headers["X-Content-Type-Options"] == "nosniff"


def test_no_token_or_password_is_kept_in_files_or_logs(fresh_server, clients, tmp_path):
    from ..support import Room

    data = str(tmp_path / "secrets")
    srv = fresh_server(data)
    room = Room(srv, clients, {"Mum": "parent_carer"})
    room.chair.ok("item.add", {"column": "worries", "text": "x"})
    link = srv.session().post(f"{srv.url}/api/conferences/{room.id}/facilitator-link", timeout=5).json()
    secrets = [
        room.conf["facilitator_token"],
        room.conf["display_token"],
        *room.tokens.values(),
        FACILITATOR[1],
        link["facilitator_url"].split("#t=")[1],
    ]
    blob = b"".join(open(p, "rb").read() for p in glob.glob(os.path.join(data, "*")))
    log = srv.output()
    for secret in secrets:
        assert secret.encode() not in blob, secret[:6]
        assert secret not in log, secret[:6]


def test_the_access_audit_records_joins_admissions_removals_and_exports(server, clients):
    from ..support import Room

    room = Room(server, clients, {"Mum": "parent_carer", "Visitor": "police"})
    room.chair.ok("member.remove", {"member_id": room.ids["Visitor"]})
    minutes = server.session().get(
        f"{server.url}/api/conferences/{room.id}/minutes.json?copy=family", timeout=10
    )
    assert minutes.status_code == 200
    entries = (
        server.session().get(f"{server.url}/api/conferences/{room.id}/audit", timeout=5).json()["entries"]
    )
    what = [(e["what"], e["who"], e.get("person"), e.get("copy"), e.get("format")) for e in entries]
    assert ("joined by code", "Mum", None, None, None) in what
    assert ("let in", "Chair", "Mum", None, None) in what
    assert ("removed", "Chair", "Visitor", None, None) in what
    assert ("exported the minutes", FACILITATOR[0], None, "family", "json") in what
    assert all(e["at"] for e in entries)
    # the full record carries it too; the family copy does not
    full = server.session().get(f"{server.url}/api/conferences/{room.id}/minutes.json", timeout=10).json()
    assert any(a["what"].startswith("exported the minutes; copy: family") for a in full["access"])
    assert "access" not in minutes.json()
    # and only the chair may read it
    assert requests.get(f"{server.url}/api/conferences/{room.id}/audit", timeout=5).status_code == 401
    r = requests.get(
        f"{server.url}/api/conferences/{room.id}/audit",
        headers={"Authorization": f"Bearer {room.tokens['Mum']}"},
        timeout=5,
    )
    assert r.status_code == 403


def test_joins_per_code_are_limited_across_processes(fresh_server, fresh_redis):
    r = fresh_redis()
    a = fresh_server(REDIS_URL=r.url, CONFERENCE_JOINS_PER_CODE_PER_MINUTE="4")
    b = fresh_server(REDIS_URL=r.url, CONFERENCE_JOINS_PER_CODE_PER_MINUTE="4")
    made = a.create()
    codes = []
    for n in range(6):
        srv = (a, b)[n % 2]
        resp = requests.post(
            srv.url + "/api/join",
            json={"join_code": made["join_code"], "name": f"P{n}", "role": "police"},
            timeout=5,
        )
        codes.append(resp.status_code)
    assert codes == [201, 201, 201, 201, 429, 429]
    other = a.create()  # another code is not affected
    assert a.join(other["join_code"], "Q", "police")["status"] == "waiting"


def test_join_codes_survive_a_restart_without_being_stored(fresh_server, tmp_path):
    data = str(tmp_path / "codes")
    srv = fresh_server(data)
    made = srv.create()
    srv.stop()
    srv.start()
    assert srv.join(made["join_code"], "Mum", "parent_carer")["conference_id"] == made["conference_id"]
    chair = BoardClient(srv.url, made["facilitator_token"])
    try:
        assert chair.snapshot()["conference"]["join_code"] == made["join_code"]
    finally:
        chair.close()
    assert os.stat(os.path.join(data, "join-secret")).st_mode & 0o077 == 0  # readable by the server only
