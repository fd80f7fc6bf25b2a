"""What a process's screens missed while the message queue between processes was lost
(`Service.missed`): the events appended from a moment before the loss, each as that member
may see them (the real service on the real SQLite store, in-process, with a clock we set)."""

from __future__ import annotations

import os

from conference.service import NullPublisher, Service
from conference.store.sqlite import SqliteStore


def _service(tmp_path, now: list[str]) -> Service:
    store = SqliteStore(os.path.join(str(tmp_path), "conference.sqlite3"))
    return Service(store, NullPublisher(), clock=lambda: now[0])


def _board(tmp_path) -> tuple[Service, list[str], dict, str, str]:
    """A service on a fresh file with a clock we set, one board, and its chair."""
    now = ["2026-12-04T09:00:00.000Z"]
    service = _service(tmp_path, now)
    made = service.create_conference("Family")
    chair = service.access.authenticate(made["facilitator_token"])[1]
    return service, now, made, made["conference_id"], chair


def _add(service: Service, cid: str, chair: str, n: int, text: str) -> dict:
    envelope = {"op_id": f"o{n}", "type": "item.add", "payload": {"column": "worries", "text": text}}
    return service.command(cid, chair, envelope)


def test_missed_is_what_was_appended_from_the_moment_given_as_the_member_may_see_it(tmp_path):
    service, now, made, cid, chair = _board(tmp_path)
    service.command(cid, chair, {"op_id": "lobby", "type": "conference.update", "payload": {"lobby": False}})
    mother = service.join(made["join_code"], "Mum", "parent_carer")["participant_id"]
    _add(service, cid, chair, 1, "before the loss")
    now[0] = "2026-12-04T09:00:10.000Z"
    meanwhile = _add(service, cid, chair, 2, "said while the queue was down")["seq"]
    service.command(cid, chair, {"op_id": "closed", "type": "session.close", "payload": {}})
    hidden = _add(service, cid, chair, 3, "for the professionals only")["seq"]

    for_her = service.missed(cid, mother, "2026-12-04T09:00:05.000Z")
    texts = [(e.get("payload") or {}).get("item", {}).get("text") for e in for_her]
    assert "said while the queue was down" in texts and "before the loss" not in texts
    assert "for the professionals only" not in str(for_her)  # the closed session stays closed
    assert [e["seq"] for e in for_her][0] == meanwhile and for_her[-1]["seq"] <= hidden

    for_chair = service.missed(cid, chair, "2026-12-04T09:00:05.000Z")
    assert "for the professionals only" in str(for_chair)
    # nothing since: nothing to send; an unknown board or member: nothing, and no error
    assert service.missed(cid, mother, "2026-12-04T09:01:00.000Z") == []
    assert service.missed("no-such-board", mother, "2026-12-04T09:00:05.000Z") == []
    assert service.missed(cid, "nobody", "2026-12-04T09:00:05.000Z") == []


def test_a_member_still_in_the_lobby_is_sent_nothing(tmp_path):
    service, now, made, cid, chair = _board(tmp_path)
    waiting = service.join(made["join_code"], "Uncle", "family_network")["participant_id"]
    _add(service, cid, chair, 1, "said while the uncle waits")
    assert service.missed(cid, waiting, "2026-12-04T08:59:00.000Z") == []
