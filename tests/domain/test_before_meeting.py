"""Before the meeting: the chair's invitations, an invited professional's report, and
answers to items (item.respond), told in the snapshot and the minutes."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conference.domain import commands, state, views
from conference.domain.errors import DomainError
from conference.minutes import build_minutes, render

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
    s.command(nurse, "report.submit", {})  # the family reads a report once it is sent
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


# --- kept from the family before the meeting; opening the link; the plain-language check ---

MEETING = "2026-12-02T10:00"  # the Sim's clock is on 27 November 2026


def _before_the_meeting(**kw) -> Sim:
    s = Sim(lobby=False, **kw)
    s.command(s.chair, "conference.update", {"meeting_at": MEETING})
    return s


def _texts_seen(s: Sim, mid: str) -> str:
    """Everything this member was ever sent, and their snapshot, as one string."""
    return repr(s.received[mid]) + repr(s.view(mid))


def test_an_invited_professional_keeps_an_address_from_the_family_like_a_closed_session_item():
    s = _before_the_meeting()
    nurse = s.invite("Dr Ana Nowak", "health", "Oak Surgery")
    mum = s.join("Mum", "parent_carer")
    sam = s.join("Sam", "social_worker")
    kept = s.command(
        nurse, "item.add", {"column": "worries", "text": "Lee now lives at 12 Acacia Road", "private": True}
    )["result"]["id"]
    shared = s.command(nurse, "item.add", {"column": "worries", "text": "Missed two appointments"})["result"][
        "id"
    ]
    assert s.board.items[kept]["private"] is True and s.board.items[shared]["private"] is False
    s.command(nurse, "report.submit", {})
    # the family side and the projector never receive its words: not in an event, not in the board
    for family in (mum, s.display):
        assert "Acacia" not in _texts_seen(s, family)
        assert [i["id"] for i in s.view(family)["items"]] == [shared]
    for staff in (s.chair, sam, nurse):
        assert {i["id"] for i in s.view(staff)["items"]} == {kept, shared}
    # and the family can't answer it, or learn it exists
    assert s.refused(mum, "item.respond", {"id": kept, "text": "Who says?"}).code == "not_found"
    # never in the family copy of the minutes; in the full copy
    family = build_minutes(s.board, s.log, "family", "2026-11-28T10:00:00Z")
    assert "Acacia" not in repr(family)
    full = build_minutes(s.board, s.log, "full", "2026-11-28T10:00:00Z")
    said = {i["text"]: i for c in full["columns"] for g in c["categories"] for i in g["items"]}
    assert said["Lee now lives at 12 Acacia Road"]["kept_before_meeting"] is True
    assert said["Missed two appointments"]["kept_before_meeting"] is False
    assert "kept from the family before the meeting" in render(full, "md").decode()
    assert family["notice"] is None  # no closed session was held: the family copy says none
    for mid in s.viewers():
        assert s.fold_of(mid) == s.view(mid)


def test_keeping_something_from_the_family_is_for_the_professionals_and_only_before_the_meeting():
    s = _before_the_meeting()
    nurse = s.invite("Ann Nurse", "health")
    mum = s.join("Mum", "parent_carer")
    worry = {"column": "worries", "text": "x", "private": True}
    assert s.refused(mum, "item.add", worry).code == "forbidden"
    assert s.refused(nurse, "item.add", dict(worry, private="yes")).code == "invalid"
    s.command(s.chair, "item.add", worry)  # the chair may too
    # no date for the meeting: no "before"
    s.command(s.chair, "conference.update", {"meeting_at": None})
    assert s.refused(nurse, "item.add", worry).code == "conflict"
    # the meeting has begun: a closed session is how the family leaves the room
    s.command(s.chair, "conference.update", {"meeting_at": "2026-11-27T09:00"})
    assert s.refused(nurse, "item.add", worry).code == "conflict"
    s.command(s.chair, "session.close")
    assert s.command(nurse, "item.add", worry)["payload"]["item"]["private"] is True


def test_the_chair_keeps_a_report_item_waiting_for_acceptance_from_the_family_and_it_stays_so():
    s = _before_the_meeting(moderation=True)
    nurse = s.invite("Ann Nurse", "health")
    mum = s.join("Mum", "parent_carer")
    waiting = s.command(nurse, "item.add", {"column": "worries", "text": "Her sister told me about Lee"})
    iid = waiting["result"]["id"]
    s.command(s.chair, "item.edit", {"id": iid, "version": 1, "private": True})
    s.command(s.chair, "item.accept", {"id": iid})
    assert s.board.items[iid]["private"] and s.board.items[iid]["status"] == "accepted"
    assert "sister" not in _texts_seen(s, mum)
    # never back: like a closed session's words
    refused = s.refused(s.chair, "item.edit", {"id": iid, "version": 2, "private": False})
    assert refused.code == "conflict"
    # something the family may already have read cannot be taken back from them
    seen = s.command(s.chair, "item.add", {"column": "worries", "text": "Late to school"})["result"]["id"]
    assert s.refused(s.chair, "item.edit", {"id": seen, "version": 1, "private": True}).code == "conflict"
    # a participant marks only their own
    other = s.command(mum, "item.add", {"column": "worries", "text": "Mine"})["result"]["id"]
    assert s.refused(nurse, "item.edit", {"id": other, "version": 1, "private": True}).code in (
        "not_found",
        "forbidden",
    )
    own = s.command(nurse, "item.add", {"column": "worries", "text": "Lee's address"})["result"]["id"]
    s.command(nurse, "item.edit", {"id": own, "version": 1, "private": True})
    s.command(s.chair, "item.accept", {"id": own})
    assert "Lee's address" not in _texts_seen(s, mum)
    for mid in s.viewers():
        assert s.fold_of(mid) == s.view(mid)


def test_the_first_open_of_an_invitation_is_kept_once_and_everyone_folds_it():
    s = Sim(lobby=False)
    nurse = s.invite("Ann Nurse", "health")
    mum = s.join("Mum", "parent_carer")
    assert s.board.members[nurse]["opened_at"] is None
    first = s.open_link(nurse)
    assert first is not None and first["type"] == "invitation.opened" and first["actor"] == nurse
    opened = s.board.members[nurse]["opened_at"]
    assert opened == first["payload"]["member"]["opened_at"]
    seq = s.board.seq
    assert s.open_link(nurse) is None and s.board.seq == seq  # a reconnect appends nothing
    with pytest.raises(DomainError) as err:
        commands.invitation_opened(s.board, nurse, s.ctx())
    assert err.value.code == "conflict" and s.board.seq == seq
    assert s.open_link(mum) is None  # someone who joined by code has no invitation to open
    shown = next(x for x in s.view(s.chair)["members"] if x["member_id"] == nurse)
    assert shown["opened_at"] == opened
    for mid in s.viewers():
        assert s.fold_of(mid) == s.view(mid)
    record = [line["what"] for line in build_minutes(s.board, s.log, "full")["record"]]
    assert "opened the link the chair sent them" in record


def test_the_plain_language_check_reads_what_the_family_will_read_of_the_reports():
    from conference.plain_language import check_reports

    s = _before_the_meeting()
    nurse = s.invite("Ann Nurse", "health")
    sam = s.join("Sam", "social_worker")
    jargon = s.command(nurse, "item.add", {"column": "worries", "text": "Mum has poor engagement with CAMHS"})
    s.command(nurse, "item.add", {"column": "worries", "text": "Lee disengaged from CAMHS", "private": True})
    s.command(sam, "item.add", {"column": "worries", "text": "Lack of engagement"})  # not a report
    s.command(nurse, "report.submit", {"view": "Neglect is evidenced."})
    flags = check_reports(s.board)
    assert {f["member_id"] for f in flags} == {nurse}
    terms = {(f["id"], f["term"]) for f in flags}
    assert (jargon["result"]["id"], "CAMHS") in terms
    assert any(f["id"] is None and f["text"] == "Neglect is evidenced." for f in flags)  # their view
    assert not any("disengaged" in f["text"] for f in flags)  # kept from the family: not read by them


# --- a report reaches the family once it is sent ----------------------------------------


def _report(**kw) -> tuple[Sim, str, str, str]:
    s = _before_the_meeting(**kw)
    nurse = s.invite("Ann Nurse", "health", "Oak Surgery")
    mum = s.join("Mum", "parent_carer")
    sam = s.join("Sam", "social_worker")
    return s, nurse, mum, sam


def _ids(s: Sim, mid: str) -> set[str]:
    return {i["id"] for i in s.view(mid)["items"]}


def test_the_family_reads_a_report_only_once_it_is_sent_and_never_its_private_items():
    s, nurse, mum, sam = _report()
    add = lambda text, **kw: s.command(nurse, "item.add", {"column": "worries", "text": text, **kw})  # noqa: E731
    typed = add("Missed two appointments")["result"]["id"]
    address = add("Lee lives at 12 Acacia Road", private=True)["result"]["id"]
    assert s.board.items[typed]["held"] is True
    # while it is being written: the chair and the professionals read it, the family side nothing
    for family in (mum, s.display):
        assert "Missed two" not in _texts_seen(s, family) and _ids(s, family) == set()
        assert s.refused(mum, "item.respond", {"id": typed, "text": "?"}).code == "not_found"
    for staff in (s.chair, sam, nurse):
        assert _ids(s, staff) == {typed, address}
    s.command(nurse, "item.edit", {"id": typed, "version": 1, "text": "Missed three appointments"})
    assert "Missed" not in _texts_seen(s, mum)
    # sent: the family's screens receive it with the report.submitted event itself
    sent = s.command(nurse, "report.submit", {"view": "A plan"})
    assert [i["id"] for i in sent["payload"]["items"]] == [typed, address]  # board order
    assert s.board.items[typed]["held"] is False and s.board.items[address]["held"] is False
    for family in (mum, s.display):
        got = s.received[family][-1]
        assert got["type"] == "report.submitted"
        assert [i["text"] for i in got["payload"]["items"]] == ["Missed three appointments"]
        assert _ids(s, family) == {typed}
        assert "Acacia" not in _texts_seen(s, family)
    assert {i["id"] for i in s.received[sam][-1]["payload"]["items"]} == {typed, address}
    for mid in s.viewers():
        assert s.fold_of(mid) == s.view(mid)
    s.command(mum, "item.respond", {"id": typed, "text": "The bus was cancelled"})


def test_an_item_added_after_the_report_was_sent_reaches_everyone_at_once():
    s, nurse, mum, _ = _report()
    s.command(nurse, "report.submit", {})
    late = s.command(nurse, "item.add", {"column": "worries", "text": "One more thing"})
    assert late["payload"]["item"]["held"] is False
    assert "One more thing" in repr(s.received[mum][-1])
    # still kept from the family when they say so, before the meeting
    kept = s.command(nurse, "item.add", {"column": "worries", "text": "Lee's phone", "private": True})
    assert s.received[mum][-1]["type"] == "hidden" and kept["payload"]["item"]["private"]


def test_the_chair_keeps_a_report_item_from_the_family_until_the_report_is_sent():
    s, nurse, mum, sam = _report()
    iid = s.command(nurse, "item.add", {"column": "worries", "text": "Her sister told me about Lee"})[
        "result"
    ]["id"]
    # accepted (no moderation) and read by the professionals, but never sent to the family
    assert s.board.items[iid]["status"] == "accepted"
    s.command(s.chair, "item.edit", {"id": iid, "version": 1, "private": True})
    s.command(nurse, "report.submit", {})
    assert "sister" not in _texts_seen(s, mum) and "sister" not in _texts_seen(s, s.display)
    assert iid in _ids(s, sam)
    # once the family may have read an item, it can't be kept from them
    sent = s.command(nurse, "item.add", {"column": "worries", "text": "Late to school"})["result"]["id"]
    assert s.refused(s.chair, "item.edit", {"id": sent, "version": 1, "private": True}).code == "conflict"
    for mid in s.viewers():
        assert s.fold_of(mid) == s.view(mid)


def test_a_report_waiting_for_the_chair_is_sent_to_the_family_only_once_accepted_too():
    s, nurse, mum, _ = _report(moderation=True)
    iid = s.command(nurse, "item.add", {"column": "worries", "text": "Missed appointments"})["result"]["id"]
    s.command(s.chair, "item.accept", {"id": iid})  # accepted, still held: the report is not sent
    assert s.board.items[iid]["held"] and "Missed" not in _texts_seen(s, mum)
    waiting = s.command(nurse, "item.add", {"column": "worries", "text": "Dad's new flat"})["result"]["id"]
    s.command(nurse, "report.submit", {})
    assert _ids(s, mum) == {iid} and "flat" not in _texts_seen(s, mum)
    s.command(s.chair, "item.accept", {"id": waiting})
    assert _ids(s, mum) == {iid, waiting}
    for mid in s.viewers():
        assert s.fold_of(mid) == s.view(mid)


def test_at_the_meeting_a_report_never_sent_stays_held_until_the_chair_shows_an_item():
    s, nurse, mum, _ = _report()
    iid = s.command(nurse, "item.add", {"column": "worries", "text": "Missed appointments"})["result"]["id"]
    kept = s.command(nurse, "item.add", {"column": "worries", "text": "Lee's address", "private": True})
    s.command(s.chair, "conference.update", {"meeting_at": "2026-11-27T09:00"})  # the meeting began
    assert _ids(s, mum) == set()
    # the family copy of the minutes holds nothing of a report that was never sent
    family = build_minutes(s.board, s.log, "family")
    assert "Missed" not in repr(family) and "address" not in repr(family)
    full = build_minutes(s.board, s.log, "full")
    said = {i["text"]: i for c in full["columns"] for g in c["categories"] for i in g["items"]}
    assert said["Missed appointments"]["kept_before_meeting"] is True
    assert said["Missed appointments"]["private"] is True
    # the chair shows it to the family (item.accept); never a private one; never twice
    shown = s.command(s.chair, "item.accept", {"id": iid})
    assert shown["payload"]["item"]["held"] is False and s.received[mum][-1]["type"] == "item.accepted"
    assert _ids(s, mum) == {iid}
    assert s.refused(s.chair, "item.accept", {"id": iid}).code == "conflict"
    assert s.refused(s.chair, "item.accept", {"id": kept["result"]["id"]}).code == "conflict"
    assert s.refused(nurse, "item.accept", {"id": iid}).code == "forbidden"
    record = [line["what"] for line in build_minutes(s.board, s.log, "full")["record"]]
    assert "showed “Missed appointments” to the family before its report was sent" in record
    assert "Missed appointments" in repr(build_minutes(s.board, s.log, "family")["columns"])
    # the author may still send it at the meeting: the rest goes with it
    s.command(nurse, "report.submit", {})
    assert _ids(s, mum) == {iid}
    for mid in s.viewers():
        assert s.fold_of(mid) == s.view(mid)


def test_a_report_sent_during_a_closed_session_reaches_the_family_when_they_are_back():
    s, nurse, mum, _ = _report()
    iid = s.command(nurse, "item.add", {"column": "worries", "text": "Missed appointments"})["result"]["id"]
    s.command(s.chair, "session.close")
    s.command(nurse, "report.submit", {})
    assert s.received[mum][-1]["type"] == "hidden" and _ids(s, mum) == set()
    s.command(s.chair, "session.open")
    assert _ids(s, mum) == {iid}
    for mid in s.viewers():
        assert s.fold_of(mid) == s.view(mid)


# --- how a kept item is labelled: by how it was made, never by meeting_at --------------

when = st.datetimes(min_value=dt.datetime(2026, 11, 1), max_value=dt.datetime(2026, 12, 31))


@settings(max_examples=25, deadline=None)
@given(moves=st.lists(when, min_size=1, max_size=4))
def test_a_kept_items_label_never_changes_when_the_meeting_moves(moves):
    s = _before_the_meeting()
    nurse = s.invite("Dr Ana Nowak", "health")
    kept = s.command(
        nurse, "item.add", {"column": "worries", "text": "Lee lives at 12 Acacia Road", "private": True}
    )
    s.command(s.chair, "session.close")  # the chair holds a closed session the same morning
    said = s.command(s.chair, "item.add", {"column": "worries", "text": "Police log"})
    s.command(s.chair, "session.open")
    kept_id, said_id = kept["result"]["id"], said["result"]["id"]
    for at in moves:  # the chair moves the meeting, also to before either was written
        s.command(s.chair, "conference.update", {"meeting_at": at.strftime("%Y-%m-%dT%H:%M")})
        assert s.board.items[kept_id]["kept"] is True and s.board.items[said_id]["kept"] is False
        full = build_minutes(s.board, s.log, "full", "2026-11-28T10:00:00Z")
        items = {i["text"]: i for c in full["columns"] for g in c["categories"] for i in g["items"]}
        assert items["Lee lives at 12 Acacia Road"]["kept_before_meeting"] is True
        assert items["Police log"]["kept_before_meeting"] is False
        md = render(full, "md").decode()
        assert "kept from the family before the meeting" in md and "said in the closed session" in md
    for mid in s.viewers():
        assert s.fold_of(mid) == s.view(mid)


def test_an_item_logged_before_items_carried_kept_is_read_by_its_time_as_before():
    s = _before_the_meeting()
    nurse = s.invite("Dr Ana Nowak", "health")
    s.command(nurse, "item.add", {"column": "worries", "text": "Kept", "private": True})
    for e in s.log:  # as the log held it before `kept`
        if e["type"] == "item.added":
            e["payload"]["item"].pop("kept")
    board = state.fold(s.log)
    full = build_minutes(board, s.log, "full", "2026-11-28T10:00:00Z")
    items = {i["text"]: i for c in full["columns"] for g in c["categories"] for i in g["items"]}
    assert items["Kept"]["kept_before_meeting"] is True  # written before the meeting
