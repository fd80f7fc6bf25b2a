"""The managers' view in process (create_app and Flask's test client): a manager sees every
conference's details and access record and never what is on a board; anyone else is
refused; a transfer moves a conference between chairs' lists; every look and move is in
the access record."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from conference.app import create_app

PASSWORD = "a long enough password"
# words only a board holds: none of them may reach a manager
SECRET_ITEM = "Uncle Barnaby keeps the knives in the shed 7731"
SECRET_CHILD = "Ottoline"
SECRET_STATEMENT = "Zephyrine worries about the locked gate"


@pytest.fixture
def app(tmp_path):
    app = create_app(
        {
            "DATA_DIR": str(tmp_path),
            "ASYNC_MODE": "threading",
            "TESTING": True,
            "RETENTION_DAYS": 30,
            "IDLE_DAYS": 60,
        }
    )
    accounts = app.extensions["conference_accounts"]
    for name in ("jo", "sam", "iglead"):
        accounts.add(name, PASSWORD)
    accounts.set_manager("iglead", True)
    return app


def signed_in(app, username: str):
    client = app.test_client()
    answer = client.post("/api/login", json={"username": username, "password": PASSWORD})
    assert answer.status_code == 200, answer.get_json()
    client.csrf = client.get("/api/me").get_json()["csrf_token"]
    return client


def start(client, title: str, **extra) -> str:
    made = client.post(
        "/api/conferences", json={"title": title, **extra}, headers={"X-CSRF-Token": client.csrf}
    )
    assert made.status_code == 201, made.get_json()
    return made.get_json()["conference_id"], made.get_json()["facilitator_token"]


def as_chair(app, cid: str, token: str, type_: str, payload: dict) -> dict:
    service = app.extensions["conference_service"]
    _, member_id = service.access.authenticate(token)
    ack = service.command(
        cid, member_id, {"op_id": type_ + str(len(payload)), "type": type_, "payload": payload}
    )
    assert ack["ok"], ack
    return ack


@pytest.fixture
def boards(app):
    """jo's two boards with words on them (one ended), sam's one, and a person who joined."""
    jo = signed_in(app, "jo")
    first, token = start(
        jo, "Review conference", kind="review_cp", children=[{"name": SECRET_CHILD, "age": 6}]
    )
    as_chair(app, first, token, "item.add", {"column": "worries", "text": SECRET_ITEM})
    as_chair(
        app,
        first,
        token,
        "statement.add",
        {"kind": "danger", "who": SECRET_STATEMENT, "behaviour": "shouting", "impact": "scared"},
    )
    service = app.extensions["conference_service"]
    service.join(service.access.join_code_of(first), "Mum", "parent_carer")
    second, token2 = start(jo, "Initial conference")
    as_chair(app, second, token2, "conference.close", {})
    sam = signed_in(app, "sam")
    third, _ = start(sam, "Core group")
    return {"jo": jo, "sam": sam, "first": first, "second": second, "third": third}


def every_answer_text(*answers) -> str:
    return "\n".join(json.dumps(a.get_json(), ensure_ascii=False) for a in answers)


def test_a_manager_sees_every_conferences_details_and_never_its_contents(app, boards):
    manager = signed_in(app, "iglead")
    assert manager.get("/api/me").get_json()["manager"] is True
    assert boards["jo"].get("/api/me").get_json()["manager"] is False
    listed = manager.get("/api/manage/conferences")
    assert listed.status_code == 200
    rows = {c["id"]: c for c in listed.get_json()["conferences"]}
    assert set(rows) == {boards["first"], boards["second"], boards["third"]}
    first, second, third = rows[boards["first"]], rows[boards["second"]], rows[boards["third"]]
    assert set(first) == {
        "id",
        "title",
        "kind",
        "status",
        "chair",
        "created_at",
        "ended_at",
        "changed_at",
        "delete_after",
    }
    assert first["title"] == "Review conference" and first["kind"] == "review_cp"
    assert first["chair"] == {"username": "jo", "name": "jo", "removed": False}
    assert third["chair"]["username"] == "sam"
    assert first["status"] == "open" and first["ended_at"] is None
    assert second["status"] == "closed" and second["ended_at"]

    def later(iso: str, days: int) -> dt.datetime:
        return dt.datetime.fromisoformat(iso.replace("Z", "+00:00")) + dt.timedelta(days=days)

    def at(iso: str) -> dt.datetime:
        return dt.datetime.fromisoformat(iso.replace("Z", "+00:00"))

    # retention: ended + CONFERENCE_RETENTION_DAYS, or the last change + CONFERENCE_IDLE_DAYS
    assert at(second["delete_after"]) == later(second["ended_at"], 30)
    assert at(first["delete_after"]) == later(first["changed_at"], 60)

    record = manager.get(f"/api/manage/conferences/{boards['first']}/access")
    assert record.status_code == 200
    entries = record.get_json()["entries"]
    assert [e["what"] for e in entries][-1] == "manager: viewed the access record"
    assert any(e["what"] == "joined by code" and e["who"] == "Mum" for e in entries)

    seen = every_answer_text(listed, record, manager.get("/api/me"))
    for words in (SECRET_ITEM, SECRET_CHILD, SECRET_STATEMENT, "shouting", "knives"):
        assert words not in seen


def test_anyone_but_a_manager_is_refused(app, boards):
    cid = boards["first"]
    routes = [
        ("get", "/api/manage/conferences"),
        ("get", f"/api/manage/conferences/{cid}/access"),
        ("post", f"/api/manage/conferences/{cid}/transfer"),
    ]
    nobody = app.test_client()
    for method, path in routes:
        answer = getattr(nobody, method)(path, json={"to": "sam"} if method == "post" else None)
        assert answer.status_code == 401, path
    chair = boards["jo"]
    for method, path in routes:
        extra = {"json": {"to": "jo"}, "headers": {"X-CSRF-Token": chair.csrf}} if method == "post" else {}
        answer = getattr(chair, method)(path, **extra)
        assert answer.status_code == 403, path
        error = answer.get_json()["error"]
        assert error["code"] == "forbidden" and error["message"].startswith("Only a manager can see this.")
    # in Welsh too
    welsh = chair.get("/api/manage/conferences", headers={"Accept-Language": "cy"})
    assert welsh.status_code == 403 and not welsh.get_json()["error"]["message"].startswith("Only a manager")
    assert app.extensions["conference_service"].store.owner_of(cid) == "jo"  # nothing moved
    general = app.extensions["conference_service"].access.audit_of(None)
    assert [e["who"] for e in general if e["what"] == "manager: refused, not a manager"] == ["jo"] * 4
    # a manager made no more: refused from the next request on
    app.extensions["conference_accounts"].set_manager("iglead", False)
    assert signed_in(app, "iglead").get("/api/manage/conferences").status_code == 403


def test_a_transfer_moves_the_conference_to_another_chair_and_is_in_the_record(app, boards):
    manager, jo, sam, cid = signed_in(app, "iglead"), boards["jo"], boards["sam"], boards["first"]
    path = f"/api/manage/conferences/{cid}/transfer"
    assert manager.post(path, json={"to": "sam"}).status_code == 403  # no CSRF header
    refused = manager.post(path, json={"to": "nobody"}, headers={"X-CSRF-Token": manager.csrf})
    assert refused.status_code == 404 and refused.get_json()["error"]["code"] == "not_found"
    same = manager.post(path, json={"to": "jo"}, headers={"X-CSRF-Token": manager.csrf})
    assert same.status_code == 409 and same.get_json()["error"]["code"] == "conflict"
    bad = manager.post(path, json={"to": "sam", "also": 1}, headers={"X-CSRF-Token": manager.csrf})
    assert bad.status_code == 400
    gone = manager.post(
        "/api/manage/conferences/no-such-board/transfer",
        json={"to": "sam"},
        headers={"X-CSRF-Token": manager.csrf},
    )
    assert gone.status_code == 404

    moved = manager.post(path, json={"to": "sam"}, headers={"X-CSRF-Token": manager.csrf})
    assert moved.status_code == 200, moved.get_json()
    assert moved.get_json()["conference"]["chair"]["username"] == "sam"
    assert SECRET_ITEM not in every_answer_text(moved)
    assert cid in [c["id"] for c in sam.get("/api/conferences").get_json()["conferences"]]
    assert cid not in [c["id"] for c in jo.get("/api/conferences").get_json()["conferences"]]
    # the new chair may now do what an owner does; the old one may not
    assert sam.get(f"/api/conferences/{cid}/audit").status_code == 200
    assert jo.get(f"/api/conferences/{cid}/audit").status_code == 403

    record = sam.get(f"/api/conferences/{cid}/audit").get_json()["entries"]
    move = [e for e in record if e["what"] == "manager: moved the conference to another chair"]
    assert len(move) == 1 and move[0]["who"] == "iglead"
    assert (move[0]["from_chair"], move[0]["to_chair"]) == ("jo", "sam")


def test_every_manager_action_is_in_the_access_record(app, boards):
    manager, cid = signed_in(app, "iglead"), boards["third"]
    manager.get("/api/manage/conferences")
    manager.get(f"/api/manage/conferences/{cid}/access")
    manager.post(
        f"/api/manage/conferences/{cid}/transfer", json={"to": "jo"}, headers={"X-CSRF-Token": manager.csrf}
    )
    access = app.extensions["conference_service"].access
    general = [
        (e["what"], e["who"], e.get("conference"))
        for e in access.audit_of(None)
        if e["what"].startswith("manager:")
    ]
    assert general == [
        ("manager: viewed the list of conferences", "iglead", None),
        ("manager: viewed the access record", "iglead", cid),
        ("manager: moved the conference to another chair", "iglead", cid),
    ]
    own = [e["what"] for e in access.audit_of(cid) if e["what"].startswith("manager:")]
    assert own == ["manager: viewed the access record", "manager: moved the conference to another chair"]


def test_a_chair_who_left_still_shows_and_their_conference_can_be_moved(app, boards):
    accounts = app.extensions["conference_accounts"]
    manager = signed_in(app, "iglead")
    accounts.remove("sam")
    rows = {c["id"]: c for c in manager.get("/api/manage/conferences").get_json()["conferences"]}
    assert rows[boards["third"]]["chair"] == {"username": "sam", "name": "sam", "removed": True}
    moved = manager.post(
        f"/api/manage/conferences/{boards['third']}/transfer",
        json={"to": "jo"},
        headers={"X-CSRF-Token": manager.csrf},
    )
    assert moved.status_code == 200
    assert boards["third"] in [
        c["id"] for c in boards["jo"].get("/api/conferences").get_json()["conferences"]
    ]


def test_being_a_manager_survives_a_new_password_and_the_providers_details(tmp_path):
    """set_manager keeps the rest of an account; a new password or the provider's details
    again keep the manager flag."""
    from conference.accounts import Accounts
    from conference.domain.errors import DomainError
    from conference.store.sqlite import SqliteStore

    store = SqliteStore(str(tmp_path / "c.sqlite3"))
    accounts = Accounts(store)
    accounts.add("jo", PASSWORD)
    accounts.set_manager("jo", True)
    accounts.reset_password("jo", PASSWORD + "!")
    assert accounts.is_manager("jo") and store.get_account("jo")["password"]
    accounts.put_oidc_account("oidc-x", "https://idp", "sub-1", "Jo Bloggs", "jo@example.org")
    accounts.set_manager("oidc-x", True)
    assert store.get_account("oidc-x")["name"] == "Jo Bloggs" and accounts.is_manager("oidc-x")
    accounts.put_oidc_account("oidc-x", "https://idp", "sub-1", "Jo Bloggs-Smith", "jo@example.org")
    assert accounts.is_manager("oidc-x") and store.get_account("oidc-x")["name"] == "Jo Bloggs-Smith"
    accounts.set_manager("oidc-x", False)
    assert not accounts.is_manager("oidc-x") and store.get_account("oidc-x")["oidc"]["sub"] == "sub-1"
    assert not accounts.is_manager("nobody") and not accounts.is_manager(None)
    with pytest.raises(DomainError) as err:
        accounts.set_manager("nobody", True)
    assert err.value.code == "not_found"
    store.close()
