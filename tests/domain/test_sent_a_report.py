"""Someone invited before the meeting who only sent a report was not there: not "Present" in
the minutes, not an agency towards the quorum, not expected to score — until the chair lets
them in to the meeting, when they are there as usual."""

from __future__ import annotations

import json

import pytest

from conference.domain import state
from conference.minutes import build_minutes, render

from .harness import Sim


def _nurse_sent_her_report() -> tuple[Sim, str, str]:
    s = Sim(lobby=False)  # a review conference: its quorum is 3 agencies besides the family
    nurse = s.invite("Siostra Anna", "health", "Szkoła Podstawowa nr 3")
    s.command(nurse, "item.add", {"column": "worries", "text": "Jaś missed two vaccinations"})
    s.command(nurse, "report.submit", {"view": "A plan will help the family."})
    s.join("Anna Nowak", "parent_carer")
    sw = s.join("Sam Social", "social_worker")
    s.join("PC Lee", "police")
    return s, nurse, sw


def _row(model: dict, name: str) -> dict:
    return next(p for p in model["attendance"] if p["name"] == name)


def test_a_nurse_who_only_sent_her_report_is_not_counted_as_there():
    s, nurse, _ = _nurse_sent_her_report()
    m = s.board.members[nurse]
    assert m["present"] is False and not state.in_meeting(m)
    assert state.attendance(m) == "report_only"
    # the quorum: social worker and police came; health only sent a report
    assert state.agencies_present(s.board.members.values()) == ["social_worker", "police"]
    for copy in ("full", "family"):
        model = build_minutes(s.board, s.log, copy)
        row = _row(model, "Siostra Anna")
        assert row["attendance"] == "report_only" and row["joined_at"] is None, row
        assert model["quorum"]["agencies"] == ["social_worker", "police"]
        assert model["quorum"]["met"] is False
        # her report is still in the minutes, with her view
        assert [r["name"] for r in model["reports"]] == ["Siostra Anna"]
        md = render(model, "md").decode()
        line = next(line for line in md.splitlines() if line.startswith("| Siostra Anna"))
        assert "Apologies, report received" in line and "Present" not in line, line
    # every screen is told she is not present (the snapshot's `present`), folds the same
    for mid in (s.chair, nurse):
        shown = next(x for x in s.view(mid)["members"] if x["member_id"] == nurse)
        assert shown["present"] is False
        assert s.fold_of(mid) == s.view(mid)


def test_she_is_not_expected_to_score_and_may_not_until_let_in():
    s, nurse, sw = _nurse_sent_her_report()
    round_id = s.command(s.chair, "round.open", {"question": "How safe is Jaś?"})["payload"]["round"]["id"]
    err = s.refused(nurse, "round.score", {"round_id": round_id, "score": 5})
    assert err.code == "forbidden" and "not in the meeting" in err.message
    s.command(sw, "round.score", {"round_id": round_id, "score": 4})
    # the chair lets her in when she comes: then she scores like anyone there
    s.command(s.chair, "member.admit", {"member_id": nurse})
    s.command(nurse, "round.score", {"round_id": round_id, "score": 6})
    assert set(s.board.scores[round_id]) == {sw, nurse}


def test_let_in_to_the_meeting_she_is_present_as_usual():
    s, nurse, _ = _nurse_sent_her_report()
    invited_at = s.board.members[nurse]["joined_at"]
    for _ in range(600):  # ten minutes of the harness's clock pass before she comes
        s.now()
    event = s.command(s.chair, "member.admit", {"member_id": nurse})
    m = s.board.members[nurse]
    assert m["present"] is True and state.in_meeting(m) and state.attendance(m) == "present"
    assert m["arrived_at"] == event["payload"]["member"]["arrived_at"] and m["arrived_at"] > invited_at
    # when she was invited is kept (the reports' deadline reads it)
    assert m["joined_at"] == invited_at and m["report_submitted_at"]
    assert state.agencies_present(s.board.members.values()) == ["health", "social_worker", "police"]
    model = build_minutes(s.board, s.log, "full")
    row = _row(model, "Siostra Anna")
    assert row["attendance"] == "present" and row["device"] is True
    assert model["quorum"]["met"] is True
    # the minutes say when she came to the meeting, not when she was invited
    assert row["joined_at"] == state_clock(m["arrived_at"]) != state_clock(invited_at)
    assert any("let Siostra Anna in to the meeting" in r["what"] for r in model["record"])
    # once in, letting her in again is refused like anyone's
    assert s.refused(s.chair, "member.admit", {"member_id": nurse}).code == "conflict"
    for mid in (s.chair, nurse):
        assert s.fold_of(mid) == s.view(mid)


def state_clock(iso: str) -> str:
    """HH:MM in London of a UTC time the harness made (late November: GMT, so as written)."""
    return iso[11:16]


def test_invited_and_neither_came_nor_sent_a_report():
    s = Sim(lobby=False)
    nurse = s.invite("Ann Nurse", "health")
    m = s.board.members[nurse]
    assert state.attendance(m) == "absent" and not state.in_meeting(m)
    model = build_minutes(s.board, s.log, "full")
    assert _row(model, "Ann Nurse")["attendance"] == "absent"
    md = render(model, "md").decode()
    assert "Not there, no report received" in md


def test_only_the_chair_lets_her_in_and_never_after_the_end():
    s, nurse, sw = _nurse_sent_her_report()
    assert s.refused(sw, "member.admit", {"member_id": nurse}).code == "forbidden"
    assert s.refused(nurse, "member.admit", {"member_id": nurse}).code == "forbidden"
    s.command(s.chair, "conference.close")
    assert s.refused(s.chair, "member.admit", {"member_id": nurse}).code == "closed"


@pytest.mark.parametrize("present", [True, False])
def test_someone_added_in_the_room_or_as_an_apology_is_as_before(present):
    s = Sim(lobby=False)
    s.command(s.chair, "member.add", {"name": "Mr Patel", "role": "education", "present": present})
    m = next(m for m in s.board.members.values() if m["name"] == "Mr Patel")
    assert state.in_meeting(m) is present
    assert state.attendance(m) == ("present" if present else "apologies")
    assert state.agencies_present(s.board.members.values()) == (["education"] if present else [])


def test_an_invitation_from_an_older_log_reads_as_it_did():
    """A log written before invitations carried `present: false` said `present: true`: logs
    are never rewritten, so that person stays present (as its minutes always said)."""
    s = Sim(lobby=False)
    nurse = s.invite("Ann Nurse", "health")
    old = json.loads(json.dumps(s.log))
    invited = next(e for e in old if e["type"] == "member.invited")
    invited["payload"]["member"]["present"] = True
    del invited["payload"]["member"]["arrived_at"]
    board = state.fold(old)
    assert state.in_meeting(board.members[nurse])
    assert _row(build_minutes(board, old, "full"), "Ann Nurse")["attendance"] == "present"
