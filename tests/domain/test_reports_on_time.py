"""A report is on time by one rule (working_days.report_on_time), which the tracker
(static/js/console/reports-due.js), the minutes and their JSON share: sent by the end of
reports_due, or, for someone invited after that day had passed, sent before the meeting.
The cases are kept in tests/js/reports-due-cases.json so Node holds the JS to them too."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conference.domain.working_days import report_on_time, reports_due
from conference.minutes import build_minutes

from .harness import Sim

CASES = json.loads((Path(__file__).parents[1] / "js" / "reports-due-cases.json").read_text())

# the newcomer's review: Monday 7 December at 10:00, reports due Monday 30 November
REVIEW = {"reports_due": "2026-11-30", "meeting_at": "2026-12-07T10:00"}


def test_a_review_on_monday_7_december_has_its_reports_due_on_monday_30_november():
    assert reports_due("review_cp", REVIEW["meeting_at"]) == REVIEW["reports_due"]


@pytest.mark.parametrize("case", CASES, ids=[c["why"] for c in CASES])
def test_the_rule_gives_each_cases_answer(case):
    assert report_on_time(case["member"], case["conference"], "Europe/London") is case["on_time"]


def test_the_cases_cover_both_sides_of_each_edge():
    answers = {
        (c["member"]["joined_at"][:10] > "2026-11-30", c["on_time"])
        for c in CASES
        if c["conference"] == REVIEW
    }
    assert answers == {(False, True), (False, False), (True, True), (True, False)}


def _invited_after_the_deadline(submit: bool) -> tuple[Sim, str]:
    s = Sim(lobby=False, day="2026-12-04")  # today is Friday 4 December
    s.command(s.chair, "conference.update", {"kind": "review_cp", "meeting_at": REVIEW["meeting_at"]})
    assert s.board.conference["reports_due"] == "2026-11-30"  # four days before she is asked
    nurse = s.invite("Ann Nurse", "health", "Oak Surgery")
    if submit:
        s.command(nurse, "report.submit", {"view": "A child protection plan would help."})
    return s, nurse


def test_the_nurse_invited_after_the_deadline_who_sends_before_the_meeting_is_on_time():
    s, nurse = _invited_after_the_deadline(submit=True)
    assert report_on_time(s.board.members[nurse], s.board.conference, "Europe/London") is True
    for copy in ("full", "family"):
        assert build_minutes(s.board, s.log, copy)["reports"][0]["on_time"] is True


def test_a_report_not_yet_sent_is_not_on_time_and_without_a_deadline_none():
    s, nurse = _invited_after_the_deadline(submit=False)
    assert build_minutes(s.board, s.log, "full")["reports"][0]["on_time"] is False
    s.command(s.chair, "conference.update", {"kind": "child_in_need"})
    assert s.board.conference["reports_due"] is None
    assert build_minutes(s.board, s.log, "full")["reports"][0]["on_time"] is None


# --- each report's view reaches every copy and every format of the minutes ---------------

VIEW = "A child protection plan would help Jo and her mum."


@pytest.mark.parametrize("copy", ["full", "family"])
@pytest.mark.parametrize("fmt", ["md", "html", "json", "docx", "pdf"])
def test_the_nurses_view_on_the_decision_is_in_every_format_of_both_copies(copy, fmt):
    from conference.minutes import render
    from tests.minutes.test_languages import found, text_of

    s, nurse = _invited_after_the_deadline(submit=True)
    s.invite("Mr Head", "education")  # no report, no view: nothing printed for him
    model = build_minutes(s.board, s.log, copy)
    assert [r["view"] for r in model["reports"]] == ["A child protection plan would help.", None]
    s.board.members[nurse]["report_view"] = VIEW
    model = build_minutes(s.board, s.log, copy)
    text = text_of(fmt, render(model, fmt))
    assert found(VIEW, text, fmt) and found("Ann Nurse", text, fmt)
    if fmt != "json":
        assert found("Their views on the decision", text, fmt)
