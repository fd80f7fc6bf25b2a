"""Before the meeting: the chair's invitations, an invited professional's report, and
answers to items (item.respond), told in the snapshot and the minutes."""

from __future__ import annotations

import pytest

from conference.domain import commands, views
from conference.domain.errors import DomainError
from conference.minutes import build_minutes

from .harness import Sim


def test_an_invited_professional_is_let_in_marked_invited_and_may_add_items():
    s = Sim()  # a lobby: someone joining by code waits, an invitation does not
    nurse = s.invite("Ann Nurse", "health", "Oak Surgery")
    m = s.board.members[nurse]
    assert m["status"] == "admitted" and m["invited"] and m["agency"] == "Oak Surgery"
    assert m["report_submitted_at"] is None
    s.command(nurse, "item.add", {"column": "worries", "text": "Missed two appointments"})
    chair_view = s.view(s.chair)
    shown = next(x for x in chair_view["members"] if x["member_id"] == nurse)
    assert shown["invited"] is True and shown["report_submitted_at"] is None
    # someone who joined by code has none of the invited fields
    mum = s.join("Mum", "parent_carer")
    assert "invited" not in next(x for x in s.view(mum)["members"] if x["member_id"] == mum)
    assert s.fold_of(mum) == s.view(mum) and s.fold_of(nurse) == s.view(nurse)


@pytest.mark.parametrize(
    "name, role, agency",
    [
        ("Ann", "parent_carer", None),  # a family role: invitations are for professionals
        ("Ann", "observer", None),  # an observer sends no report
        ("Ann", "pilot", None),
        ("", "health", None),
        ("A" * 61, "health", None),
        ("Ann", "health", "x" * 81),
    ],
)
def test_an_invitation_is_checked(name, role, agency):
    s = Sim()
    with pytest.raises(DomainError) as err:
        commands.invite(s.board, s.chair, "m9", name, role, agency, s.ctx())
    assert err.value.code == "invalid"


def test_a_professional_role_of_the_kind_may_be_invited():
    s = Sim()
    ok = commands.invite(s.board, s.chair, "m9", "PC Lee", "police", None, s.ctx())
    assert ok.payload["member"]["role"] == "police"


def test_a_report_is_sent_once_by_an_invited_member_with_an_optional_view():
    s = Sim()
    nurse = s.invite("Ann Nurse", "health")
    sam = s.join("Sam", "social_worker")
    assert s.refused(sam, "report.submit", {}).code == "forbidden"
    assert s.refused(s.chair, "report.submit", {}).code == "forbidden"
    assert s.refused(nurse, "report.submit", {"view": "x" * 5001}).code == "invalid"
    assert s.refused(nurse, "report.submit", {"views": "x"}).code == "invalid"
    e = s.command(nurse, "report.submit", {"view": "  A plan would keep Jo safe. "})
    m = s.board.members[nurse]
    assert m["report_submitted_at"] == e["payload"]["member"]["report_submitted_at"]
    assert m["report_view"] == "A plan would keep Jo safe."
    assert s.refused(nurse, "report.submit", {}).code == "conflict"
    for mid in s.viewers():
        assert s.fold_of(mid) == s.view(mid)
    shown = next(x for x in s.view(s.chair)["members"] if x["member_id"] == nurse)
    assert shown["report_submitted_at"]


def test_any_member_answers_an_item_they_can_see():
    s = Sim(lobby=False)
    nurse = s.invite("Ann Nurse", "health")
    mum = s.join("Mum", "parent_carer")
    item = s.command(nurse, "item.add", {"column": "worries", "text": "Missed appointments"})["result"]["id"]
    s.command(mum, "item.respond", {"id": item, "text": "The bus was cancelled twice"})
    s.command(s.chair, "item.respond", {"id": item, "text": "Noted"})
    responses = s.board.items[item]["responses"]
    assert [(r["member_id"], r["name"], r["text"]) for r in responses] == [
        (mum, "Mum", "The bus was cancelled twice"),
        (s.chair, s.board.members[s.chair]["name"], "Noted"),
    ]
    assert s.board.items[item]["version"] == 1  # an answer never makes the author's edit conflict
    s.command(nurse, "item.edit", {"id": item, "version": 1, "text": "Missed three appointments"})
    assert len(s.board.items[item]["responses"]) == 2
    assert s.refused(mum, "item.respond", {"id": item, "text": "x" * 501}).code == "invalid"
    assert s.refused(mum, "item.respond", {"id": item, "text": " "}).code == "invalid"
    assert s.refused(mum, "item.respond", {"id": "nope", "text": "hi"}).code == "not_found"
    assert s.refused(s.display, "item.respond", {"id": item, "text": "hi"}).code == "forbidden"
    for mid in s.viewers():
        assert s.fold_of(mid) == s.view(mid)
        assert views.view_snapshot(s.board, views.Viewer.of(s.board, mid))["items"][0]["responses"]


def test_a_private_item_cannot_be_answered_from_the_family_side():
    s = Sim(lobby=False)
    mum = s.join("Mum", "parent_carer")
    s.command(s.chair, "session.close")
    item = s.command(s.chair, "item.add", {"column": "worries", "text": "Police log"})["result"]["id"]
    s.command(s.chair, "session.open")
    assert s.refused(mum, "item.respond", {"id": item, "text": "What?"}).code == "not_found"


def test_the_minutes_list_every_invited_member_and_each_answer():
    s = Sim(lobby=False)
    nurse = s.invite("Ann Nurse", "health", "Oak Surgery")
    s.invite("Mr Head", "education")
    mum = s.join("Mum", "parent_carer")
    item = s.command(nurse, "item.add", {"column": "worries", "text": "Missed appointments"})["result"]["id"]
    s.command(nurse, "report.submit", {"view": "A plan"})
    s.command(mum, "item.respond", {"id": item, "text": "The bus"})
    m = build_minutes(s.board, s.log, "full", "2026-11-28T10:00:00Z")
    assert [(r["name"], r["role"], r["agency"], r["on_time"]) for r in m["reports"]] == [
        ("Ann Nurse", "health", "Oak Surgery", None),
        ("Mr Head", "education", None, None),
    ]
    assert (
        m["reports"][0]["submitted_at"].startswith("2026-11-27 ") and m["reports"][1]["submitted_at"] is None
    )
    worries = next(c for c in m["columns"] if c["key"] == "worries")
    said = [i for g in worries["categories"] for i in g["items"]][0]
    assert said["responses"][0]["name"] == "Mum" and said["responses"][0]["text"] == "The bus"
    record = [line["what"] for line in m["record"]]
    assert any("invited Ann Nurse" in line for line in record)
    assert any(line == "sent their report" for line in record)
    assert any(line.startswith("answered ") and "The bus" in line for line in record)
    # with the conference's date for reports: on time when it came by then
    s.board.conference["reports_due"] = "2026-11-27"
    m = build_minutes(s.board, s.log, "family", "2026-11-28T10:00:00Z")
    assert [r["on_time"] for r in m["reports"]] == [True, False]
    s.board.conference["reports_due"] = "2026-11-26"
    assert build_minutes(s.board, s.log, "full")["reports"][0]["on_time"] is False
