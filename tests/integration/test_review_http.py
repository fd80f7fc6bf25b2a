"""A review conference starts from the last one, over real HTTP and sockets: from the
minutes JSON the chair downloaded, or from the ended board itself; a bad file creates nothing."""

from __future__ import annotations

import copy

import requests

from ..hostile import HOSTILE
from ..support import BoardClient


def ended_initial(server, clients) -> tuple[dict, dict]:
    """An initial conference with two children, a statement, two actions and revealed
    scores, ended; returns what create gave and the full minutes JSON."""
    made = server.create(
        "Initial conference",
        kind="initial_cp",
        children=[{"name": "Jayden", "age": 6}, {"name": "Mia", "age": 2}],
    )
    chair = BoardClient(server.url, made["facilitator_token"])
    clients.append(chair)
    snap = chair.snapshot()
    assert [c["name"] for c in snap["conference"]["children"]] == ["Jayden", "Mia"]
    danger = chair.ok("statement.add", {"kind": "danger", "who": "School", "behaviour": "Dad shouts"})[
        "result"
    ]["id"]
    chair.ok("statement.add", {"kind": "safety_goal", "text": "Dad stays calm", "pairs_with": danger})
    for text in ("Mum goes to the course", "Sam visits weekly"):
        chair.ok("item.add", {"column": "next_steps", "category": "actions", "text": text})
    rid = chair.ok("round.open", {"statement_id": danger})["result"]["id"]
    chair.ok("round.score", {"round_id": rid, "score": 3})
    chair.ok("round.reveal", {"round_id": rid})
    chair.ok("conference.close")
    doc = minutes_json(server, made)
    return made, doc


def minutes_json(server, made, copy_: str = "full") -> dict:
    r = requests.get(
        f"{server.url}/api/conferences/{made['conference_id']}/minutes.json?copy={copy_}",
        headers={"Authorization": f"Bearer {made['facilitator_token']}"},
        timeout=10,
    )
    assert r.status_code == 200, r.text
    return r.json()


def create(server, **body) -> requests.Response:
    return server.session().post(
        server.url + "/api/conferences", json={"title": "Review", **body}, timeout=30
    )


def my_boards(server) -> list[dict]:
    return server.session().get(server.url + "/api/conferences", timeout=5).json()["conferences"]


def board_of(server, clients, made) -> dict:
    chair = BoardClient(server.url, made["facilitator_token"])
    clients.append(chair)
    return chair.snapshot()


def test_a_review_from_the_downloaded_minutes_opens_with_last_times_work(server, clients):
    _, doc = ended_initial(server, clients)
    r = create(server, kind="review_cp", previous_minutes=doc)
    assert r.status_code == 201, r.text
    snap = board_of(server, clients, r.json())
    assert [c["name"] for c in snap["conference"]["children"]] == ["Jayden", "Mia"]
    assert snap["conference"]["previous"]["date"] == doc["conference"]["date"]
    danger = next(s for s in snap["statements"] if s["kind"] == "danger")
    assert danger["behaviour"] == "Dad shouts" and danger["carried"]["history"][0]["middle"] == 3
    assert sorted(i["text"] for i in snap["items"]) == ["Mum goes to the course", "Sam visits weekly"]
    assert all(i["carried"]["from_date"] == doc["conference"]["date"] for i in snap["items"])


def test_a_review_from_the_ended_board_and_the_statuses_over_sockets(server, clients):
    made, _ = ended_initial(server, clients)
    r = create(server, kind="review_cp", previous_conference_id=made["conference_id"])
    assert r.status_code == 201, r.text
    review = r.json()
    chair = BoardClient(server.url, review["facilitator_token"])
    clients.append(chair)
    snap = chair.snapshot()
    danger = next(s for s in snap["statements"] if s["kind"] == "danger")
    chair.ok("statement.review", {"id": danger["id"], "status": "still", "reason": "Two incidents"})
    action = snap["items"][0]
    chair.ok("item.review", {"id": action["id"], "status": "done", "note": "Finished in January"})
    after = chair.snapshot()
    assert next(s for s in after["statements"] if s["id"] == danger["id"])["carried"]["status"] == "still"
    chair.ok("conference.close")
    since = minutes_json(server, review)["since_last"]
    assert since["statements"][0]["status_label"] == "Still the worry"
    assert since["actions"][0]["status_label"] == "Done"
    # My conferences lists the children (to group by family) and what it reviews
    row = next(c for c in my_boards(server) if c["id"] == review["conference_id"])
    assert row["children"] == ["Jayden", "Mia"] and row["review_of"] == made["conference_id"]


def test_only_an_ended_board_of_ones_own_and_not_both_ways(server, clients):
    made, doc = ended_initial(server, clients)
    still_open = server.create("Still running")
    before = len(my_boards(server))
    for body in (
        {"previous_conference_id": still_open["conference_id"]},
        {"previous_conference_id": "no-such-board-anywhere"},
        {"previous_conference_id": 12},
        {"previous_minutes": doc, "previous_conference_id": made["conference_id"]},
    ):
        r = create(server, **body)
        assert r.status_code == 400 and r.json()["error"]["code"] == "invalid", (body, r.text)
        assert r.json()["error"]["message"].endswith(".")
    assert len(my_boards(server)) == before  # nothing was created


def test_a_family_copy_a_tampered_file_or_a_huge_one_creates_nothing(server, clients):
    made, doc = ended_initial(server, clients)
    family = minutes_json(server, made, "family")
    tampered = copy.deepcopy(doc)
    tampered["scaling"][0]["scores"][0]["score"] = 10
    unknown = dict(doc, injected={"x": 1})
    newer = dict(doc, version=99)
    huge = dict(doc, columns=[{"padding": "x" * 1000}] * 5300)  # over 5 MB
    before = len(my_boards(server))
    for bad, says in (
        (family, "full record"),
        (tampered, "doesn't add up"),
        (unknown, "never writes"),
        (newer, "newer version"),
        (huge, "too big"),
        ("not an object", "not the minutes"),
    ):
        r = create(server, previous_minutes=bad)
        assert r.status_code == 400, r.text[:200]
        assert r.json()["error"]["code"] == "invalid" and says in r.json()["error"]["message"]
    assert len(my_boards(server)) == before


def test_hostile_text_in_the_file_is_carried_as_text_or_refused_clearly(server, clients):
    _, doc = ended_initial(server, clients)
    for text in HOSTILE[:12]:
        changed = copy.deepcopy(doc)
        changed["statements"][0]["danger"]["behaviour"] = text
        r = create(server, previous_minutes=changed)
        if r.status_code == 400:
            assert r.json()["error"]["code"] == "invalid"
            continue
        assert r.status_code == 201, r.text
        snap = board_of(server, clients, r.json())
        assert next(s for s in snap["statements"] if s["kind"] == "danger")["behaviour"] == text.strip()
