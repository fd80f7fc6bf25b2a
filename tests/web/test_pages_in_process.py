"""The in-process tier: the app built by create_app and driven by Flask's test client, no
server process. Pages take every limit from the vocabulary."""

from __future__ import annotations

import re

import pytest

from conference.app import create_app
from conference.domain import vocabulary as v


@pytest.fixture
def client(tmp_path):
    app = create_app({"DATA_DIR": str(tmp_path), "ASYNC_MODE": "threading", "TESTING": True})
    return app.test_client()


def maxlengths(html: str) -> dict[str, int]:
    return {m[0]: int(m[1]) for m in re.findall(r'id="([\w-]+)"[^>]*maxlength="(\d+)"', html)}


def test_every_maxlength_on_the_pages_is_a_vocabulary_limit(client):
    console = maxlengths(client.get("/c/abc/facilitate").get_data(as_text=True))
    assert console["person-name"] == v.MAX_NAME
    assert console["danger-behaviour"] == v.MAX_STATEMENT_FIELD
    assert console["round-question"] == v.MAX_QUESTION
    assert console["round-low"] == v.MAX_LABEL
    assert console["decision-text"] == v.MAX_DECISION_TEXT
    assert maxlengths(client.get("/j/ABCDEFGH").get_data(as_text=True))["name"] == v.MAX_NAME


def test_the_vocabulary_names_every_minutes_format_with_a_renderer(client):
    from conference.minutes.render import RENDERERS

    served = client.get("/api/vocabulary").get_json()
    assert [f["key"] for f in served["minutes_formats"]] == list(v.MINUTES_FORMATS)
    assert set(RENDERERS) == set(v.MINUTES_FORMATS)
    assert served["limits"]["statements"] == v.MAX_STATEMENTS


def test_a_command_through_the_socket_handlers_in_process(tmp_path):
    """Flask-SocketIO's test client against an app of its own: connect with the chair's
    token, add, sync; a second app in the same process shares nothing with the first."""
    apps = [create_app({"DATA_DIR": str(tmp_path / n), "ASYNC_MODE": "threading"}) for n in "ab"]
    made = apps[0].extensions["conference_service"].create_conference("Review", "review_cp")
    sio = apps[0].extensions["socketio"]
    chair = sio.test_client(apps[0], namespace="/board", auth={"token": made["facilitator_token"]})
    assert chair.is_connected("/board")
    hello = [m for m in chair.get_received("/board") if m["name"] == "hello"]
    assert hello and hello[0]["args"][0]["you"]["kind"] == "facilitator"
    ack = chair.emit(
        "command",
        {"op_id": "op-1", "type": "item.add", "payload": {"column": "worries", "text": "Dad shouts"}},
        namespace="/board",
        callback=True,
    )
    assert ack["ok"] is True
    snap = chair.emit("sync", {"since": 0}, namespace="/board", callback=True)["snapshot"]
    assert [i["text"] for i in snap["items"]] == ["Dad shouts"]
    other = apps[1].extensions["socketio"]
    assert other is not sio
    stranger = other.test_client(apps[1], namespace="/board", auth={"token": made["facilitator_token"]})
    assert not stranger.is_connected("/board")  # the other app's store has never heard of it


def test_without_an_identity_provider_sign_in_is_as_before(client):
    assert client.get("/login/oidc").status_code == 404
    assert client.get("/login/oidc/callback?code=x&state=y").status_code == 404
    page = client.get("/login").get_data(as_text=True)
    assert 'id="login-form"' in page and "oidc-sign-in" not in page


def test_with_passwords_off_the_form_is_gone_and_the_route_refuses(tmp_path):
    app = create_app({"DATA_DIR": str(tmp_path), "ASYNC_MODE": "threading", "PASSWORD_SIGN_IN": False})
    c = app.test_client()
    assert 'id="login-form"' not in c.get("/login").get_data(as_text=True)
    refused = c.post("/api/login", json={"username": "jo", "password": "a long enough password"})
    assert refused.status_code == 403 and refused.get_json()["error"]["code"] == "forbidden"


def test_a_socket_message_opens_no_session_but_a_page_does(tmp_path):
    """A socket is signed in by its token: the cookie is not even decoded for its messages
    (Flask-SocketIO pushes a request context for each), while pages keep their session."""
    from flask import session

    app = create_app({"DATA_DIR": str(tmp_path), "ASYNC_MODE": "threading", "TESTING": True})
    with app.test_request_context("/"):
        session["signed_in"] = "someone"
        cookie = app.session_interface.get_signing_serializer(app).dumps(dict(session))
    name = app.config["SESSION_COOKIE_NAME"]
    headers = {"Cookie": f"{name}={cookie}"}
    with app.test_request_context("/my", headers=headers):
        assert session.get("signed_in") == "someone"
    for path in ("/socket.io/?EIO=4&transport=websocket", "/socket.io"):
        with app.test_request_context(path, headers=headers):
            assert session.get("signed_in") is None
            with pytest.raises(RuntimeError):  # nothing can be written to it either
                session["x"] = 1
    with app.test_request_context("/socket.iox", headers=headers):
        assert session.get("signed_in") == "someone"
