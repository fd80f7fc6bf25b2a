"""Chairs sign in with the council's identity provider: a real OpenID Provider (panva's
oidc-provider, tests/oidc/provider.mjs), a real server process, and Chromium going through
the provider's own login form. No mock of the provider."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import requests

from conference.launch import ROOT, ServerProcess

from ..oidc_provider import LOGIN_FIELD, PASSWORD_FIELD, SUBMIT_BUTTON, OidcProvider

CHAIRS = "conference-chairs"


@contextmanager
def council(tmp_path, *, servers: int = 1, public_url: str | None = None, **env: str) -> Iterator[tuple]:
    """A provider and `servers` server processes configured for it (the redirect URI on
    `public_url`, or on the first server's own address)."""
    procs = [ServerProcess(str(tmp_path / f"data{n}")) for n in range(servers)]
    base = public_url or procs[0].url
    with OidcProvider(
        redirect_uris=[base + "/login/oidc/callback"], post_logout_redirect_uris=[base + "/"]
    ) as op:
        settings = {
            "CONFERENCE_OIDC_ISSUER": op.issuer,
            "CONFERENCE_OIDC_CLIENT_ID": op.client_id,
            "CONFERENCE_OIDC_CLIENT_SECRET": op.client_secret,
            "CONFERENCE_OIDC_NAME": "Riverside Council",
            "CONFERENCE_OIDC_CHAIRS": CHAIRS,
            "CONFERENCE_OIDC_MANAGERS": "conference-managers",
            "CONFERENCE_PUBLIC_URL": base,
            "SECRET_KEY": "one secret for every process of this council",
            **env,
        }
        try:
            for proc in procs:
                proc.env = settings
                proc.start()
            yield op, procs
        finally:  # every process started, even when a later one did not
            for proc in procs:
                if proc.proc is not None:
                    proc.stop()


def sign_in(page, start_url: str, login: str) -> None:
    """From our sign-in page through the provider's own login form."""
    page.goto(start_url + "/login")
    page.get_by_role("link", name="Sign in with Riverside Council").click()
    page.locator(LOGIN_FIELD).fill(login)
    page.locator(PASSWORD_FIELD).fill("anything")
    page.locator(SUBMIT_BUTTON).click()


def me(page) -> dict:
    return page.evaluate(
        "async () => { const r = await fetch('/api/me'); return {status: r.status, body: await r.json()}; }"
    )


def session_cookie(context) -> list[dict]:
    return [c for c in context.cookies() if c["name"] == "cb_session"]


def test_a_chair_signs_in_once_and_is_one_facilitator_however_often(browser, tmp_path, screenshots):
    with council(tmp_path) as (op, (server,)):
        first = browser.new_context()
        page = first.new_page()
        page.goto(server.url + "/login")
        # the council's button first; passwords are still on by default
        assert page.get_by_role("link", name="Sign in with Riverside Council").is_visible()
        assert page.locator("#login-form").is_visible()
        page.screenshot(path=os.path.join(screenshots, "oidc-sign-in-page.png"), full_page=True)
        sign_in(page, server.url, "alice")
        page.wait_for_url(server.url + "/mine")
        page.get_by_role("heading", name="My conferences").wait_for()
        page.screenshot(path=os.path.join(screenshots, "oidc-signed-in.png"), full_page=True)
        who = me(page)
        assert who["status"] == 200 and who["body"]["name"] == "Alice Chair"
        assert who["body"]["manager"] is False  # a chair, not in the managers' group
        # the session cookie is Strict as ever; the flow's own cookie is gone
        (cookie,) = session_cookie(first)
        assert cookie["sameSite"] == "Strict" and cookie["httpOnly"]
        # she can start a board like any chair
        made = page.evaluate(
            """async (csrf) => { const r = await fetch('/api/conferences', {method: 'POST',
               headers: {'Content-Type': 'application/json', 'X-CSRF-Token': csrf},
               body: JSON.stringify({title: 'Review for the Nowak children'})}); return r.status; }""",
            who["body"]["csrf_token"],
        )
        assert made == 201

        # a second sign-in, in another browser: the same facilitator, who sees the same board
        second = browser.new_context()
        again = second.new_page()
        sign_in(again, server.url, "alice")
        again.wait_for_url(server.url + "/mine")
        assert me(again)["body"]["username"] == who["body"]["username"]
        again.get_by_text("Review for the Nowak children").wait_for()
        listed = subprocess.run(
            [sys.executable, "-m", "conference", "facilitator", "list", "--data", server.data],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        assert listed.count(who["body"]["username"]) == 1

        # signing out ends our session and offers the provider's own sign-out page
        out = again.evaluate(
            """async (csrf) => { const r = await fetch('/api/logout', {method: 'POST',
               headers: {'X-CSRF-Token': csrf}}); return await r.json(); }""",
            me(again)["body"]["csrf_token"],
        )
        metadata = requests.get(op.discovery_url, timeout=5).json()
        assert out["end_session_url"] == metadata["end_session_endpoint"]
        assert me(again)["status"] == 401
        first.close()
        second.close()


def test_someone_outside_the_chairs_group_gets_a_page_and_no_session(browser, tmp_path, screenshots):
    with council(tmp_path) as (op, (server,)):
        context = browser.new_context()
        page = context.new_page()
        sign_in(page, server.url, "bob")  # in the provider, but in "housing", not the chairs
        page.get_by_role("heading", name="You are not set up to chair meetings here").wait_for()
        page.screenshot(path=os.path.join(screenshots, "oidc-not-a-chair.png"), full_page=True)
        assert page.url.startswith(server.url + "/login/oidc/callback")
        assert session_cookie(context) == []
        assert me(page)["status"] == 401
        audit = open(server.log_path, encoding="utf-8").read()
        assert "GET /login/oidc/callback 403" in audit
        context.close()


def test_a_tampered_state_is_refused(browser, tmp_path):
    with council(tmp_path) as (op, (server,)):
        context = browser.new_context()
        page = context.new_page()

        def tamper(route):
            # our redirect to the provider, with its state changed on the way: the provider
            # sends that state back, and it is not the one this browser's flow holds
            response = route.fetch(max_redirects=0)
            headers = dict(response.headers)
            headers["location"] = headers["location"].replace("state=", "state=x", 1)
            route.fulfill(response=response, headers=headers)

        page.route(server.url + "/login/oidc", tamper)
        sign_in(page, server.url, "alice")
        page.get_by_role("heading", name="Sign-in didn't work").wait_for()
        assert session_cookie(context) == [] and me(page)["status"] == 401
        # the same person, untampered, is let in: it was the state that was refused
        page.unroute(server.url + "/login/oidc")
        page.goto(server.url + "/login/oidc")
        page.wait_for_url(server.url + "/mine")
        assert me(page)["status"] == 200
        context.close()


def test_with_passwords_off_only_the_councils_button_shows(browser, tmp_path):
    with council(tmp_path, CONFERENCE_PASSWORD_SIGN_IN="0") as (op, (server,)):
        page = browser.new_page()
        page.goto(server.url + "/login")
        assert page.get_by_role("link", name="Sign in with Riverside Council").is_visible()
        assert page.locator("#login-form").count() == 0
        from conference.launch import FACILITATOR

        refused = requests.post(
            server.url + "/api/login",
            json={"username": FACILITATOR[0], "password": FACILITATOR[1]},
            timeout=5,
        )
        assert refused.status_code == 403 and refused.json()["error"]["code"] == "forbidden"
        page.close()


def test_the_callback_may_land_on_another_process_behind_nginx(browser, tmp_path, redis_server):
    """Two processes on one Redis behind nginx: the flow starts on one and its callback may
    come back through nginx to the other (the flow's state is in a signed cookie, not in
    one process's memory)."""
    from conference.launch import free_port

    from ..support import NginxProcess

    if shutil.which("nginx") is None and not os.path.exists("/usr/sbin/nginx"):
        pytest.fail("nginx is missing")
    public = f"http://127.0.0.1:{free_port()}"
    with council(tmp_path, servers=2, public_url=public, REDIS_URL=redis_server.url) as (op, procs):
        proxy = NginxProcess(str(tmp_path / "nginx"), [p.port for p in procs])
        proxy.port = int(public.rsplit(":", 1)[1])
        proxy.start()
        try:
            context = browser.new_context()
            page = context.new_page()
            for proc in procs:  # the flow starts on each process in turn; nginx picks one for the callback
                context.clear_cookies()
                sign_in(page, proc.url, "alice")
                page.wait_for_url(public + "/mine")
                assert me(page)["status"] == 200
            context.close()
        finally:
            proxy.stop()
        logs = [open(p.log_path, encoding="utf-8").read() for p in procs]
        callbacks = [log.count("GET /login/oidc/callback 302") for log in logs]
        starts = [log.count("GET /login/oidc 302") for log in logs]
        assert sum(callbacks) == 2 and starts == [1, 1]
        # so one of the two flows began on the process that did not answer its callback
        assert callbacks != starts


def test_the_managers_group_makes_a_manager_who_sees_every_board_but_not_its_contents(browser, tmp_path):
    with council(tmp_path) as (op, (server,)):
        chair = browser.new_context().new_page()
        sign_in(chair, server.url, "alice")
        chair.wait_for_url(server.url + "/mine")
        chair.evaluate(
            """async (csrf) => { const r = await fetch('/api/conferences', {method: 'POST',
               headers: {'Content-Type': 'application/json', 'X-CSRF-Token': csrf},
               body: JSON.stringify({title: 'Initial conference for J'})}); return r.status; }""",
            me(chair)["body"]["csrf_token"],
        )
        manager = browser.new_context().new_page()
        sign_in(manager, server.url, "mel")  # in the chairs' and the managers' groups
        manager.wait_for_url(server.url + "/mine")
        assert me(manager)["body"]["manager"] is True
        listed = manager.evaluate("async () => (await fetch('/api/manage/conferences')).json()")
        (board,) = listed["conferences"]
        assert board["title"] == "Initial conference for J" and board["chair"]["name"] == "Alice Chair"
        # Alice is a chair, not a manager: the same page is refused her
        assert chair.evaluate("async () => (await fetch('/api/manage/conferences')).status") == 403
        chair.context.close()
        manager.context.close()
