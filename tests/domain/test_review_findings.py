"""What a fresh review of the step-13 change found in the domain: a review said in a closed
session, minutes files this app writes at its longest, and who makes joins wait."""

from __future__ import annotations

import json

from conference.domain.commands import carry
from conference.domain.previous_minutes import read_previous
from conference.minutes import build_minutes

from .harness import Sim

LONG_NAME = "Oliver James Thompson-Clarke Montgomery-Smythe of the Valley"[:60]


def test_what_the_family_sees_is_reviewed_with_them_not_in_a_closed_session():
    first = Sim()
    first.command(
        first.chair,
        "item.add",
        {"column": "next_steps", "category": "actions", "text": "Mum goes to the course"},
    )
    first.command(first.chair, "conference.close", {})
    doc = json.loads(json.dumps(build_minutes(first.board, first.log, "full", "2026-11-28T10:00:00Z")))
    new = Sim()
    for decision in carry(new.board, read_previous(doc), new.chair, new.ctx()):
        new._append(decision, new.chair)
    action = next(i for i in new.board.items.values() if i["carried"])
    new.command(new.chair, "session.close", {})
    before = len(new.log)
    refused = new.refused(
        new.chair, "item.review", {"id": action["id"], "status": "not_done", "note": "police intel"}
    )
    assert refused.code == "conflict" and "after the closed session" in refused.message
    assert len(new.log) == before  # a refusal appends nothing
    new.command(new.chair, "session.open", {})
    new.command(
        new.chair, "item.review", {"id": action["id"], "status": "partly", "note": "Two sessions of six"}
    )


def test_minutes_written_at_their_longest_start_a_review():
    s = Sim()
    mum = s.join(LONG_NAME, "parent_carer")
    s.command(s.chair, "children.set", {"children": [{"name": LONG_NAME, "age": 9}]})
    child = s.board.conference["children"][0]
    s.command(
        s.chair,
        "item.add",
        {
            "column": "worries",
            "text": "I hide",
            "voice": "child",
            "child_id": child["id"],
            "heard_how": "three_houses_worries",
        },
    )
    nan = s.command(s.chair, "member.add", {"name": LONG_NAME, "role": "family_network", "present": True})
    fields = {k: "w" * 1000 for k in ("who", "behaviour", "impact", "disagreement")}
    s.command(s.chair, "statement.add", {"kind": "danger", **fields})
    rid = s.command(s.chair, "round.open", {})["result"]["id"]
    s.command(mum, "round.score", {"round_id": rid, "score": 4})
    s.command(
        s.chair, "round.score_aloud", {"round_id": rid, "member_id": nan["result"]["member_id"], "score": 6}
    )
    s.command(s.chair, "round.reveal", {"round_id": rid})
    s.command(s.chair, "conference.close", {})
    doc = json.loads(json.dumps(build_minutes(s.board, s.log, "full", "2026-11-28T10:00:00Z")))
    carried = read_previous(doc)  # refused before: the credit, the aloud name, the sentence
    assert carried["statements"][0]["fields"]["who"] == "w" * 1000


def test_removing_the_projector_or_an_apology_does_not_make_joins_wait():
    s = Sim(lobby=False)
    apology = s.command(s.chair, "member.add", {"name": "Dr Patel", "role": "health", "present": False})
    s.command(s.chair, "member.remove", {"member_id": apology["result"]["member_id"]})
    display = next(m for m in s.board.members.values() if m["kind"] == "display")
    s.command(s.chair, "member.remove", {"member_id": display["member_id"]})
    assert s.board.members[s.join("Nan", "family_network", admit=False)]["status"] == "admitted"
    angry = s.join("Angry Ex", "family_network", admit=False)
    s.command(s.chair, "member.remove", {"member_id": angry})
    assert s.board.members[s.join("Someone", "family_network", admit=False)]["status"] == "waiting"
