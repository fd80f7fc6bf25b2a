"""The minutes model: what each copy says, and what it never says."""

from __future__ import annotations

import json

import pytest

from conference.minutes import build_minutes, file_name

from ..domain.harness import Sim
from .scenario import PENDING_TEXT, PRIVATE_TEXTS, REJECTED_TEXT, SCRIPT, SECRET_REASONS, rich_conference


@pytest.fixture(scope="module")
def sim():
    return rich_conference()


def model(sim, copy):
    return build_minutes(sim.board, sim.log, copy, "2026-11-27T12:00:00Z")


def all_items(m):
    return [i for col in m["columns"] for g in col["categories"] for i in g["items"]]


def test_the_full_copy_has_every_section_in_order(sim):
    m = model(sim, "full")
    assert list(m)[:6] == ["format", "version", "copy", "generated_at", "timezone", "conference"]
    keys = ["attendance", "columns", "statements", "scaling", "decision", "plan", "record", "plain_language"]
    assert [k for k in m if k in keys] == keys
    assert (
        m["conference"]["chair"] == "Chair"
        and m["conference"]["kind_label"] == "Review child protection conference"
    )
    assert m["conference"]["ended_at"] is not None


def test_who_was_there_with_apologies(sim):
    people = {p["name"]: p for p in model(sim, "full")["attendance"]}
    assert people["Dr Okafor"]["attendance"] == "apologies" and people["Dr Okafor"]["joined_at"] is None
    assert people["Mr Patel"]["attendance"] == "present" and people["Mr Patel"]["device"] is False
    assert people["Олена"]["role_label"] == "Child or young person"
    assert "Projector" not in people


def test_items_by_column_and_category_with_authors_and_the_childs_words(sim):
    m = model(sim, "full")
    worries = m["columns"][0]
    assert worries["heading"] == "What are we worried about?"
    past = next(g for g in worries["categories"] if g["key"] == "past_harm")
    assert [i["text"] for i in past["items"]] == [SCRIPT]
    child = next(i for i in all_items(m) if i["child_words"])
    assert child["text"] == "I hide under my bed when Dad shouts"
    assert child["author"] == "Jo, 7 — Three Houses, House of Worries" and child["author_role"] == ""
    # credited to the child and how we heard it, never to the typist
    words = m["children_words"]
    assert [(w["credit"], w["text"]) for w in words] == [
        ("Jo, 7 — Three Houses, House of Worries", "I hide under my bed when Dad shouts")
    ]
    texts = [i["text"] for i in all_items(m)]
    assert PENDING_TEXT not in texts and REJECTED_TEXT not in texts


def test_statements_are_paired_and_scaling_is_revealed_or_not(sim):
    m = model(sim, "full")
    first = m["statements"][0]
    assert first["sentence"].startswith("The school and Ioana are worried that Dad shouts")
    assert first["sentence"].endswith("Dad does not agree.")
    assert first["safety_goal"].startswith("Dad will be calm and sober")
    revealed, hidden = m["scaling"][0], m["scaling"][1]
    assert revealed["summary"] == {"n": 4, "lowest": 3, "highest": 8, "median": 6.5}
    assert {(s["name"], s["score"], s["reason"]) for s in revealed["scores"]} >= {
        ("Ioana Șerban", 3, "Two incidents this month")
    }
    assert hidden["revealed"] is False and "scores" not in hidden and "summary" not in hidden
    assert hidden["about"].startswith("The school and Ioana")


def test_no_copy_ever_holds_an_unrevealed_score(sim):
    for copy in ("full", "family"):
        text = json.dumps(model(sim, copy), ensure_ascii=False)
        for reason in SECRET_REASONS:
            assert reason not in text


def test_the_family_copy_leaves_out_the_closed_session_and_says_so(sim):
    full, family = model(sim, "full"), model(sim, "family")
    full_text = json.dumps(full, ensure_ascii=False)
    family_text = json.dumps(family, ensure_ascii=False)
    for private in PRIVATE_TEXTS:
        assert private in full_text
        assert private not in family_text
    assert family["notice"] and "private" in family["notice"] and full["notice"] is None
    assert "record" not in family and "plain_language" not in family


def test_the_plan_is_the_actions_with_who_and_when(sim):
    plan = model(sim, "family")["plan"]
    assert [(a["action"], a["who"], a["by_when"]) for a in plan] == [
        ("GP appointment for Jo", "Łucja Wójcik", "2026-12-04"),
        ("Dad to start the alcohol service", "Dad", "2026-12-18"),
    ]


def test_the_record_says_who_did_what_without_scores(sim):
    record = model(sim, "full")["record"]
    assert len(record) == len(sim.log)
    assert any(r["what"] == "Łucja Wójcik gave a score" for r in record)
    assert any("did not accept “REJECTEDTEXT" in r["what"] for r in record)
    assert all(r["at"] for r in record)


def test_the_decision_and_file_names(sim):
    d = model(sim, "full")["decision"]
    assert d["outcome_label"] == "Child protection plan continues" and d["category_labels"] == [
        "Neglect",
        "Emotional abuse",
    ]
    assert file_name(sim.board, "full", "docx") == "2026-11-27-review-conference.docx"
    assert file_name(sim.board, "family", "pdf") == "2026-11-27-review-conference-family.pdf"


def test_a_minutes_model_made_before_the_reveal_holds_no_scores():
    from ..domain.harness import Sim

    s = Sim()
    mum = s.join("Mum", "parent_carer")
    rid = s.command(s.chair, "round.open", {})["result"]["id"]
    s.command(mum, "round.score", {"round_id": rid, "score": 4, "reason": "EARLYREASON"})
    text = json.dumps(build_minutes(s.board, s.log, "full"))
    assert "EARLYREASON" not in text and '"score": 4' not in text


def test_the_minutes_begin_when_the_meeting_was_called_for_not_when_the_board_was_made():
    s = Sim()  # the board made on 27 November at 10:00 (UTC, London's time in winter)
    s.command(s.chair, "conference.update", {"meeting_at": "2026-12-04T09:30"})
    s.day = "2026-12-04"  # the meeting, a week later, ends at 10:00-something
    s.command(s.chair, "conference.close", {})
    m = build_minutes(s.board, s.log, "full")
    assert (m["conference"]["date"], m["conference"]["started_at"]) == ("2026-12-04", "09:30")
    assert m["conference"]["ended_at"].startswith("10:")
    assert file_name(s.board, "full", "pdf").startswith("2026-12-04-")


def test_a_meeting_time_after_the_end_is_taken_for_a_mistake():
    s = Sim()
    s.command(s.chair, "conference.update", {"meeting_at": "2026-12-10T09:00"})
    s.command(s.chair, "conference.close", {})  # ended on 27 November: the date was wrong
    m = build_minutes(s.board, s.log, "full")
    assert (m["conference"]["date"], m["conference"]["started_at"]) == ("2026-11-27", "10:00")
