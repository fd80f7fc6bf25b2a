"""Before the meeting: its date and the reports deadline in working days of the chair's
nation. After it: requests for corrections for 10 working days, and the chair's answers."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from conference.domain import commands, state, views, working_days
from conference.domain.working_days import corrections_until, reports_due, working_days_after

from .harness import Sim

D = dt.date


def created(kind: str, meeting_at: str | None, nation: str = "england") -> dict:
    ctx = commands.Context(now="2026-11-27T10:00:00.000Z", new_id=lambda: "x", nation=nation)
    change = commands.create_conference("c1", "Conference", kind, "chair", "display", ctx, None, meeting_at)
    return change.payload["conference"]


@pytest.mark.parametrize(
    ("nation", "kind", "meeting", "due"),
    [
        # Christmas: the 25th and the 28th (Boxing Day's substitute) are bank holidays
        ("england", "initial_cp", "2026-12-29T10:00", "2026-12-22"),
        ("england", "review_cp", "2026-12-30T10:00", "2026-12-21"),
        ("scotland", "review_cp", "2026-12-30T10:00", "2026-12-21"),
        # New Year: Scotland has 2 January too (a Friday in 2026)
        ("england", "initial_cp", "2026-01-05T09:30", "2025-12-30"),
        ("scotland", "initial_cp", "2026-01-05T09:30", "2025-12-29"),
        # Easter 2026: Good Friday 3 April everywhere, Easter Monday 6 April not in Scotland
        ("england", "review_cp", "2026-04-09T14:00", "2026-03-31"),
        ("wales", "review_cp", "2026-04-09T14:00", "2026-03-31"),
        ("scotland", "review_cp", "2026-04-09T14:00", "2026-04-01"),
        ("northern_ireland", "review_cp", "2026-04-09T14:00", "2026-03-31"),
        # St Patrick's Day is a bank holiday in Northern Ireland only
        ("northern_ireland", "initial_cp", "2026-03-19T10:00", "2026-03-13"),
        ("england", "initial_cp", "2026-03-19T10:00", "2026-03-16"),
        # a weekend only
        ("england", "initial_cp", "2026-11-30T10:00", "2026-11-25"),
    ],
)
def test_reports_are_due_in_working_days_of_the_nation(nation, kind, meeting, due):
    conference = created(kind, meeting, nation)
    assert conference["meeting_at"] == meeting
    assert conference["reports_due"] == due


def test_other_kinds_have_no_reports_deadline_and_no_date_no_keys():
    assert created("core_group", "2026-12-29T10:00")["reports_due"] is None
    assert "meeting_at" not in created("initial_cp", None)
    assert reports_due("other", "2026-12-29T10:00") is None


@pytest.mark.parametrize(
    "bad",
    ["2026-12-29", "2026-12-29T10:00:00", "2026-13-01T10:00", "2026-02-30T10:00", "29/12/2026 10:00", 5],
)
def test_a_meeting_date_must_be_a_local_date_and_time(bad):
    s = Sim()
    e = s.refused(s.chair, "conference.update", {"meeting_at": bad})
    assert e.code == "invalid" and "2026-12-31T14:30" in e.message


def test_update_sets_clears_and_follows_the_kind():
    s = Sim()  # a review
    s.command(s.chair, "conference.update", {"meeting_at": "2026-12-30T10:00"})
    assert s.view(s.chair)["conference"]["reports_due"] == "2026-12-21"
    s.command(s.chair, "conference.update", {"kind": "initial_cp"})
    assert s.view(s.chair)["conference"]["reports_due"] == "2026-12-23"
    s.command(s.chair, "conference.update", {"meeting_at": None})
    conf = s.view(s.chair)["conference"]
    assert conf["meeting_at"] is None and conf["reports_due"] is None
    assert s.view(s.chair) == s.fold_of(s.chair)


def test_ten_working_days_after_the_end():
    # Friday 18 December 2026: Christmas, Boxing Day's substitute and New Year's Day skipped
    assert working_days_after(D(2026, 12, 18), 10, "england") == D(2027, 1, 6)
    assert corrections_until("2026-12-18T15:00:00.000Z", "england", "Europe/London") == "2027-01-06"
    # Scotland: 2 January 2027 is a Saturday, so Monday 4 January is its bank holiday too
    assert corrections_until("2026-12-18T15:00:00.000Z", "scotland", "Europe/London") == "2027-01-07"
    # a summer close late in the evening is the next day in London
    assert corrections_until("2026-07-09T23:30:00.000Z", "england", "Europe/London") == "2026-07-24"


def ended(day: str = "2026-12-18") -> tuple[Sim, str, str]:
    s = Sim(day=day)
    mum = s.join("Mum", "parent_carer")
    sam = s.join("Sam", "social_worker")
    s.command(s.chair, "item.add", {"column": "worries", "text": "Dad shouts"})
    s.command(s.chair, "conference.close")
    return s, mum, sam


def test_anyone_who_took_part_may_ask_and_the_chair_answers():
    s, mum, sam = ended()
    item = next(iter(s.board.items))
    assert s.view(s.chair)["conference"]["corrections_until"] == "2027-01-06"
    asked = s.command(mum, "correction.request", {"text": "It was Lee, not Dad", "about": item})
    cid = asked["result"]["id"]
    c = asked["payload"]["correction"]
    assert c["about"] == {"target": "item", "id": item, "text": "Dad shouts"}
    assert c["status"] == "requested" and c["from"] == mum and not c["private"]
    own = s.command(sam, "correction.request", {"text": "Police came too", "about": "the end"})
    assert own["payload"]["correction"]["about"] == {"target": None, "id": None, "text": "the end"}
    assert own["payload"]["correction"]["private"] is True
    # the chair and the sender see a request; nobody else does
    assert [c["id"] for c in s.view(s.chair)["corrections"]] == [cid, own["result"]["id"]]
    assert [c["id"] for c in s.view(mum)["corrections"]] == [cid]
    assert [c["id"] for c in s.view(sam)["corrections"]] == [own["result"]["id"]]
    assert "corrections" not in s.view(s.display)
    assert s.received[sam][-2]["type"] == "hidden"
    # only the chair answers; declining needs a reason; one answer each
    assert s.refused(mum, "correction.accept", {"id": cid}).code == "forbidden"
    assert s.refused(s.chair, "correction.decline", {"id": cid}).code == "invalid"
    assert s.refused(s.chair, "record.approve").code == "conflict"  # answer first
    s.command(s.chair, "correction.decline", {"id": cid, "reason": "Everyone heard Dad"})
    assert s.refused(s.chair, "correction.accept", {"id": cid}).code == "conflict"
    assert s.refused(s.chair, "correction.accept", {"id": "nope"}).code == "not_found"
    s.command(s.chair, "correction.accept", {"id": own["result"]["id"]})
    mine = s.view(mum)["corrections"][0]
    assert mine["status"] == "declined" and mine["reason"] == "Everyone heard Dad"
    # accepting changed no words: the chair corrects the record with record.correct
    assert s.board.items[item]["text"] == "Dad shouts"
    s.command(s.chair, "record.approve")
    for mid in (s.chair, mum, sam, s.display):
        assert s.view(mid) == s.fold_of(mid)


def test_once_the_minutes_are_approved_no_request_is_taken_and_none_accepted():
    s, mum, sam = ended()
    s.command(s.chair, "record.approve")
    e = s.refused(mum, "correction.request", {"text": "Karim does not drink every day"})
    assert e.code == "conflict" and "approved these minutes" in e.message and "contact the chair" in e.message
    assert s.refused(sam, "correction.request", {"text": "x"}).code == "conflict"
    assert "corrections" not in s.view(mum) or s.view(mum)["corrections"] == []
    # a board approved with a request still unanswered (from before this rule): it can be
    # declined with a reason, never accepted
    s2, mum2, _ = ended()
    cid = s2.command(mum2, "correction.request", {"text": "It was Lee"})["result"]["id"]
    s2.board.conference["approved"] = {"by": s2.chair, "by_name": "Chair", "at": "2026-12-18T10:00:00.000Z"}
    e = s2.refused(s2.chair, "correction.accept", {"id": cid})
    assert e.code == "conflict" and "decline" in e.message
    s2.command(s2.chair, "correction.decline", {"id": cid, "reason": "The minutes were already approved"})
    assert s2.board.corrections[cid]["status"] == "declined"


def test_before_the_end_and_the_room_commands_after_it():
    s = Sim()
    mum = s.join("Mum", "parent_carer")
    assert s.refused(mum, "correction.request", {"text": "x"}).code == "conflict"
    s.command(s.chair, "conference.close")
    assert s.refused(mum, "item.add", {"column": "worries", "text": "x"}).code == "closed"
    assert s.refused(mum, "correction.request", {"text": ""}).code == "invalid"
    assert s.refused(mum, "correction.request", {"text": "x" * 2001}).code == "invalid"
    s.command(mum, "correction.request", {"text": "x" * 2000})


def test_after_ten_working_days_a_request_is_refused_but_an_answer_is_not():
    s, mum, sam = ended("2026-12-18")
    s.day = "2027-01-06"  # the tenth working day
    cid = s.command(mum, "correction.request", {"text": "It was Lee"})["result"]["id"]
    s.day = "2027-01-07"
    e = s.refused(sam, "correction.request", {"text": "Too late"})
    assert e.code == "closed" and "10 working days" in e.message
    s.command(s.chair, "correction.accept", {"id": cid, "reason": "Corrected"})


def test_a_waiting_or_removed_member_cannot_ask():
    s = Sim()
    wendy = s.join("Wendy", "family_network", admit=False)
    lee = s.join("Lee", "family_network")
    s.command(s.chair, "member.remove", {"member_id": lee})
    s.command(s.chair, "conference.close")
    assert s.refused(wendy, "correction.request", {"text": "x"}).code == "forbidden"
    assert s.refused(lee, "correction.request", {"text": "x"}).code == "unauthorized"
    assert s.refused(s.display, "correction.request", {"text": "x"}).code == "forbidden"


def test_an_old_log_without_the_last_day_counts_from_its_end():
    s, mum, _ = ended("2026-12-18")
    s.board.conference.pop("corrections_until")
    s.day = "2027-01-07"
    assert s.refused(mum, "correction.request", {"text": "late"}).code == "closed"
    board = state.fold(s.log)
    assert views.view_snapshot(board, views.Viewer.of(board, mum))["conference"]["status"] == "closed"


def test_the_consoles_bank_holidays_are_the_nations_and_ten_working_days_land_on_one():
    from conference.domain import working_days as wd

    england = wd.bank_holidays("england", 2026, 2027)
    assert {"2026-12-25", "2026-12-28", "2027-01-01"} <= set(england)
    assert "2026-11-30" not in england and "2026-11-30" in wd.bank_holidays("scotland", 2026, 2026)
    # the console's count (static/js/sentences.js workingDaysAfter) gives the same day
    assert wd.working_days_after(dt.date(2026, 12, 18), wd.FIRST_CORE_GROUP_DAYS, "england") == dt.date(
        2027, 1, 6
    )


def test_the_bank_holiday_table_says_what_the_holidays_package_says():
    """conference/data/bank_holidays.json, read instead of loading the package's every
    country (about 11 MB): if this fails after the package changed, run write_table()."""
    with open(working_days.TABLE_FILE, encoding="utf-8") as f:
        assert json.load(f) == working_days.table_from_package(), "run working_days.write_table()"
    first, last = working_days.TABLE_YEARS
    for year in (first - 1, first, 2026, last, last + 1):  # either side of the table's edges
        for nation in working_days.NATIONS:
            days = working_days.bank_holidays(nation, year, year)
            assert days == sorted(d.isoformat() for d in working_days.from_package(nation, year))
            assert f"{year}-12-25" in days


def test_an_accepted_request_about_the_decision_is_put_right_in_the_decision_and_listed():
    s = Sim(day="2026-12-18")
    mum = s.join("Anna", "parent_carer")
    sam = s.join("Sam", "social_worker")
    s.command(
        s.chair,
        "decision.record",
        {"outcome": "continue_plan", "categories": ["neglect"], "text": "The school nurse will go with her."},
    )
    s.command(s.chair, "conference.close")
    asked = s.command(
        mum, "correction.request", {"text": "I'm taking Jas myself", "about": "What was decided"}
    )
    cid = asked["result"]["id"]
    other = s.command(sam, "correction.request", {"text": "Police came too"})["result"]["id"]
    fix = {"target": "decision", "id": "decision", "field": "text", "text": "Anna is taking Jas herself."}
    # only the chair, only for an accepted request, only a decision there is; refusals add nothing
    before = s.board.seq
    assert s.refused(mum, "record.correct", fix).code == "forbidden"
    assert s.refused(s.chair, "record.correct", dict(fix, correction=cid)).code == "conflict"
    assert s.refused(s.chair, "record.correct", dict(fix, correction="nope")).code == "not_found"
    assert s.refused(s.chair, "record.correct", dict(fix, id="other")).code == "not_found"
    assert s.refused(s.chair, "record.correct", dict(fix, field="outcome")).code == "invalid"
    assert s.board.seq == before
    s.command(s.chair, "correction.accept", {"id": cid})
    # accepting alone changes no words, and her request lists no change
    assert s.board.conference["decision"]["text"] == "The school nurse will go with her."
    assert "changes" not in s.view(mum)["corrections"][0]
    e = s.command(s.chair, "record.correct", dict(fix, correction=cid))
    assert e["payload"]["correction"] == cid and e["payload"]["old"] == "The school nurse will go with her."
    assert s.board.conference["decision"]["text"] == "Anna is taking Jas herself."
    assert s.board.conference["decision"]["outcome"] == "continue_plan"  # the rest of the decision kept
    change = {
        "target": "decision",
        "field": "text",
        "old": "The school nurse will go with her.",
        "new": "Anna is taking Jas herself.",
    }
    assert s.view(mum)["corrections"][0]["changes"] == [change]
    assert s.view(s.chair)["corrections"][0]["changes"] == [change]
    assert "changes" not in s.view(s.chair)["corrections"][1]
    for mid in (s.chair, mum, sam, s.display):  # every screen folds the corrected decision
        assert s.view(mid)["conference"]["decision"]["text"] == "Anna is taking Jas herself."
        assert s.view(mid) == s.fold_of(mid)
    # the other fields; not after approval
    s.command(s.chair, "record.correct", dict(fix, field="dissent", text="Sam disagreed."))
    s.command(s.chair, "correction.decline", {"id": other, "reason": "Not in the record"})
    s.command(s.chair, "record.approve")
    assert s.refused(s.chair, "record.correct", dict(fix, text="x")).code == "closed"
    for mid in (s.chair, mum, sam, s.display):
        assert s.view(mid) == s.fold_of(mid)
