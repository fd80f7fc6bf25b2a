"""A board of each kind of meeting, started from My conferences, speaks that kind's words:
the statements, the scale's question and ends, and the decision it records."""

from __future__ import annotations

import pytest
import requests

from conference.domain import vocabulary as v

from .test_conference import serious, sign_in

pytestmark = pytest.mark.slow


def test_each_kind_of_meeting_shows_its_own_wording(server, screens):
    page = sign_in(screens, server)
    for key, kind in v.MEETING_KINDS.items():
        page.goto(server.url + "/mine")
        page.get_by_label("Name of the meeting").fill(f"A {kind['label']}")
        page.get_by_label("Kind of meeting").select_option(key)
        page.get_by_role("button", name="Start the board").click()
        page.wait_for_url("**/facilitate")
        page.get_by_role("heading", name=f"{kind['statement']}s and safety goals").wait_for()
        assert page.locator("#round-question").input_value() == kind["question"], key
        assert page.locator("#round-low").input_value() == kind["low_label"], key
        assert page.get_by_role("button", name=f"Add {kind['statement'].lower()}").is_visible()
        decision = kind["decision"]
        assert page.locator("#decision-outcome").is_visible() is (decision in ("cp", "strategy")), key
        assert page.locator("#decision-categories").is_visible() is (decision == "cp"), key
        assert page.locator("#decision-text").is_visible() is (decision != "none"), key
        roles = page.locator("#person-role option").evaluate_all("(os) => os.map((o) => o.value)")
        assert roles == [r for r in v.ROLES if r in kind["roles"]], key
        outcomes = page.locator("#decision-outcome option").evaluate_all("(os) => os.map((o) => o.value)")
        if decision == "strategy":
            assert outcomes == ["", "enquiry_yes", "enquiry_no"]
        # an initial conference starts a plan or not; a review continues or ends it
        if key == "initial_cp":
            assert outcomes == ["", "cp_plan", "no_plan", "step_down", "other"]
        if key == "review_cp":
            assert outcomes == ["", "continue_plan", "end_plan", "step_down", "other"]
        if key in ("early_help", "strategy_discussion", "review_cp"):
            screens.shot(page, f"console-kind-{key}")
            assert serious(page) == []


def test_a_review_refuses_an_outcome_it_cannot_reach_and_appends_nothing(server, clients):
    from ..support import Room

    room = Room(server, clients, kind="review_cp")
    before = room.chair.snapshot()["seq"]
    refused = room.chair.cmd("decision.record", {"outcome": "cp_plan"})
    assert refused["error"]["code"] == "invalid"
    assert refused["error"]["message"] == (
        "“Child protection plan” is not an outcome of this meeting (Review child protection conference): "
        "choose one of the outcomes it offers."
    )
    assert room.chair.snapshot()["seq"] == before
    assert room.chair.ok("decision.record", {"outcome": "continue_plan"})["seq"] == before + 1


def test_an_early_help_phone_reads_its_own_scale_and_a_strategy_discussion_has_no_family_copy(
    server, clients, screens
):
    from ..support import Room
    from .test_conference import PHONE

    room = Room(server, clients, {"Sam": "social_worker"}, kind="early_help")
    joined = server.join(room.conf["join_code"], "Mum", "parent_carer")
    room.chair.ok("member.admit", {"member_id": joined["participant_id"]})
    mum = screens.open(
        "mum", f"{server.url}/c/{room.id}/participate#t={joined['participant_token']}", **PHONE
    )
    mum.wait_for_function("() => window.boardClient && window.boardClient.board")
    room.chair.ok("round.open", {})
    mum.locator(".rung-label", has_text="Things are really difficult").wait_for()
    assert "Things are going well enough for us to stop meeting" in mum.locator(".ladder").inner_text()
    assert "cannot stay at home" not in mum.locator("body").inner_text()
    screens.shot(mum, "phone-early-help-ladder")

    strategy = server.create("Strategy discussion", kind="strategy_discussion")
    r = requests.post(
        server.url + "/api/join",
        json={"join_code": strategy["join_code"], "name": "Mum", "role": "parent_carer"},
        timeout=5,
    )
    assert r.status_code == 400 and "professionals only" in r.json()["error"]["message"]
    r = requests.get(
        f"{server.url}/api/conferences/{strategy['conference_id']}/minutes.pdf?copy=family",
        headers={"Authorization": f"Bearer {strategy['facilitator_token']}"},
        timeout=10,
    )
    assert r.status_code == 400 and "no family copy" in r.json()["error"]["message"]


def test_a_first_core_group_on_a_sunday_or_a_bank_holiday_is_warned_of(server, clients, screens):
    from ..support import Room

    room = Room(server, clients, kind="initial_cp", meeting_at="2026-12-18T10:00")
    url = f"{server.url}/c/{room.id}/facilitate#t={room.conf['facilitator_token']}"
    chair = screens.open("chair", url, viewport={"width": 1400, "height": 1000})
    hint = chair.locator("#decision-core-group-hint")
    # ten working days after Friday 18 December 2026, over Christmas and New Year (England)
    hint.get_by_text("Normally within 10 working days: by Wednesday 6 January 2027.").wait_for()
    core_group = chair.get_by_label("First core group")
    for day, said in (("2027-01-03", "Sunday 3 January 2027"), ("2026-12-25", "Friday 25 December 2026")):
        core_group.fill(day)
        hint.get_by_text(f"{said} is not a working day (a weekend or a bank holiday).").wait_for()
        assert hint.get_attribute("class") == "warning"
    core_group.scroll_into_view_if_needed()
    screens.shot(chair, "console-core-group-bank-holiday")
    core_group.fill("2027-01-05")
    hint.get_by_text("Normally within 10 working days").wait_for()
    assert hint.get_attribute("class") == "hint"
    assert serious(chair) == []
