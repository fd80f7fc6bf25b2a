"""The managers' view against a real server process: accounts made with the real CLI, a
board filled over the real socket, and every answer a manager gets searched for its words."""

from __future__ import annotations

import json
import uuid

import requests

from ..support import FACILITATOR, BoardClient

SECRET = "Grandad Fitzwilliam hides the car keys 4417"
CHILD = "Peregrine"


def signed_in(server, name: str, password: str) -> requests.Session:
    s = requests.Session()
    r = s.post(server.url + "/api/login", json={"username": name, "password": password}, timeout=5)
    assert r.status_code == 200, r.text
    s.headers["X-CSRF-Token"] = r.json()["csrf_token"]
    return s


def test_a_manager_oversees_every_board_without_reading_one(server, clients):
    suffix = uuid.uuid4().hex[:6]
    lead, new_chair = f"lead-{suffix}", f"chair-{suffix}"
    server.add_facilitator(lead, "the lead's long password", manager=True)
    server.add_facilitator(new_chair, "the new chair's long password")
    made = server.create(title=f"Review {suffix}", children=[{"name": CHILD, "age": 4}])
    cid = made["conference_id"]
    chair = BoardClient(server.url, made["facilitator_token"])
    clients.append(chair)
    chair.ok("item.add", {"column": "worries", "text": SECRET})
    server.join(made["join_code"], "Nan", "parent_carer")

    manager = signed_in(server, lead, "the lead's long password")
    assert manager.get(server.url + "/api/me", timeout=5).json()["manager"] is True
    listed = manager.get(server.url + "/api/manage/conferences", timeout=10)
    assert listed.status_code == 200
    row = next(c for c in listed.json()["conferences"] if c["id"] == cid)
    assert row["title"] == f"Review {suffix}" and row["chair"]["username"] == FACILITATOR[0]
    assert row["status"] == "open" and row["ended_at"] is None and row["delete_after"] > row["created_at"]
    record = manager.get(f"{server.url}/api/manage/conferences/{cid}/access", timeout=5)
    assert record.status_code == 200
    assert any(e["what"] == "joined by code" and e["who"] == "Nan" for e in record.json()["entries"])

    # a plain chair is refused, with a sentence, and moves nothing
    plain = server.session()
    for method, path in (
        ("GET", "/api/manage/conferences"),
        ("GET", f"/api/manage/conferences/{cid}/access"),
        ("POST", f"/api/manage/conferences/{cid}/transfer"),
    ):
        refused = plain.request(method, server.url + path, json={"to": new_chair}, timeout=5)
        assert refused.status_code == 403 and refused.json()["error"]["code"] == "forbidden", path
        assert requests.request(method, server.url + path, json={"to": "x"}, timeout=5).status_code == 401

    moved = manager.post(
        f"{server.url}/api/manage/conferences/{cid}/transfer", json={"to": new_chair}, timeout=5
    )
    assert moved.status_code == 200, moved.text
    ids = lambda s: [c["id"] for c in s.get(server.url + "/api/conferences", timeout=5).json()["conferences"]]  # noqa: E731
    assert cid in ids(signed_in(server, new_chair, "the new chair's long password"))
    assert cid not in ids(plain)

    # every look and the move are in the board's own access record, by the manager
    again = manager.get(f"{server.url}/api/manage/conferences/{cid}/access", timeout=5).json()["entries"]
    mine = [(e["what"], e["who"]) for e in again if e["what"].startswith("manager:")]
    assert mine == [
        ("manager: viewed the access record", lead),
        ("manager: moved the conference to another chair", lead),
        ("manager: viewed the access record", lead),
    ]

    # never the board's contents, in anything a manager was given
    seen = "\n".join(json.dumps(r.json(), ensure_ascii=False) for r in (listed, record, moved))
    assert SECRET not in seen and "car keys" not in seen and CHILD not in seen


def test_the_access_record_says_what_happened_in_the_readers_language(server, clients):
    """Each entry keeps `what` as the code wrote it (the record's own words) and says it in
    the page's language as `what_words`: the chair's record and the manager's."""
    suffix = uuid.uuid4().hex[:6]
    lead = f"lead-{suffix}"
    server.add_facilitator(lead, "the lead's long password", manager=True)
    made = server.create(title=f"Review {suffix}")
    server.join(made["join_code"], "Nan", "parent_carer")
    chair = {"Authorization": f"Bearer {made['facilitator_token']}"}
    url = f"{server.url}/api/conferences/{made['conference_id']}/audit"
    for tag, joined in (("cy", "wedi ymuno drwy god"), ("ar", "انضمام بالرمز"), ("en-GB", "joined by code")):
        entries = requests.get(f"{url}?lang={tag}", headers=chair, timeout=5).json()["entries"]
        nan = next(e for e in entries if e["who"] == "Nan")
        assert (nan["what"], nan["what_words"]) == ("joined by code", joined), tag
        # a name stays as she gave it
        assert nan["who_words"] == "Nan"
    # the chair's link is the code's own words, said in the reader's language too
    requests.get(
        f"{server.url}/api/conferences/{made['conference_id']}/minutes.pdf?copy=full",
        headers=chair,
        timeout=30,
    ).raise_for_status()
    entries = requests.get(f"{url}?lang=pl", headers=chair, timeout=5).json()["entries"]
    exported = next(e for e in entries if e["what"] == "exported the minutes")
    assert exported["who"] == "the chair (with the chair's link)"
    assert exported["who_words"] == "przewodniczący (przez link przewodniczącego)"
    manager = signed_in(server, lead, "the lead's long password")
    access = f"{server.url}/api/manage/conferences/{made['conference_id']}/access"
    entries = manager.get(f"{access}?lang=pl", timeout=5).json()["entries"]
    assert {e["what_words"] for e in entries} >= {"dołączono kodem", "kierownik: wyświetlono rejestr dostępu"}
    # the page's own language when it says none: the cookie it chose, else the browser's
    entries = manager.get(access, headers={"Accept-Language": "cy"}, timeout=5).json()["entries"]
    assert "wedi ymuno drwy god" in {e["what_words"] for e in entries}
