"""The sign-in form posted by the browser itself (the page's script not run yet, or scripts
off): it posts, never GETs (a password never in an address), and a sign-in that works sends
the browser on to My conferences with a 303, so the address bar says /mine, not /login."""

from __future__ import annotations

import re

import pytest

from conference.app import create_app

PASSWORD = "a long enough password"


@pytest.fixture
def app(tmp_path):
    app = create_app({"DATA_DIR": str(tmp_path), "ASYNC_MODE": "threading", "TESTING": True})
    app.extensions["conference_accounts"].add("jo", PASSWORD)
    return app


def test_the_form_posts_to_the_server_never_puts_the_password_in_the_address(app):
    page = app.test_client().get("/login").get_data(as_text=True)
    form = re.search(r'<form[^>]*id="login-form"[^>]*>', page)[0]
    assert 'method="post"' in form and 'action="/login"' in form


def test_signing_in_with_the_form_lands_on_my_conferences(app):
    client = app.test_client()
    answer = client.post("/login", data={"username": " Jo ", "password": PASSWORD})
    assert answer.status_code == 303
    assert answer.headers["Location"].endswith("/mine")
    # signed in: the page the browser goes to asks /api/me, which now knows who it is
    assert client.get("/api/me").get_json()["username"] == "jo"
    followed = client.post("/login", data={"username": "jo", "password": PASSWORD}, follow_redirects=True)
    assert followed.request.path == "/mine"


def test_a_wrong_password_shows_the_form_again_with_why(app):
    client = app.test_client()
    answer = client.post("/login", data={"username": "jo", "password": "wrong"})
    assert answer.status_code == 401
    page = answer.get_data(as_text=True)
    assert 'id="login-form"' in page
    assert "That username and password don&#39;t match. Please try again." in page
    assert client.get("/api/me").status_code == 401
    welsh = client.post("/login?lang=cy", data={"username": "jo", "password": "wrong"})
    assert "That username and password" not in welsh.get_data(as_text=True)


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "https://elsewhere.example"},
        {"Origin": "null", "Sec-Fetch-Site": "cross-site"},  # another site's no-referrer page
        {"Origin": "null"},  # no Sec-Fetch-Site to say where it came from
    ],
)
def test_a_form_from_another_site_is_refused(app, headers):
    answer = app.test_client().post("/login", data={"username": "jo", "password": PASSWORD}, headers=headers)
    assert answer.status_code == 403
    assert "Set-Cookie" not in answer.headers


def test_a_form_from_our_own_page_is_let_in_though_its_origin_is_null(app):
    """Our pages' Referrer-Policy is no-referrer: the browser's form says "Origin: null"."""
    answer = app.test_client().post(
        "/login",
        data={"username": "jo", "password": PASSWORD},
        headers={"Origin": "null", "Sec-Fetch-Site": "same-origin"},
    )
    assert answer.status_code == 303
