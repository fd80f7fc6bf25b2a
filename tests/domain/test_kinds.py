"""Every kind of meeting has its own words and rules, from a data file a council can edit;
a broken file is named, with its line, before the server starts."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conference.domain import commands, kinds
from conference.domain import vocabulary as v
from conference.domain.errors import DomainError

from ..support import ROOT
from .harness import Sim


def board_of(kind: str) -> Sim:
    s = Sim()
    s.command(s.chair, "conference.update", {"kind": kind})
    return s


def code(sim: Sim, actor: str, type_: str, payload=None) -> str:
    return sim.refused(actor, type_, payload).code


def test_each_kind_asks_its_own_scale_question():
    early = board_of("early_help")
    r = early.command(early.chair, "round.open", {})["payload"]["round"]
    assert (r["low_label"], r["high_label"]) == (
        "Things are really difficult",
        "Things are going well enough for us to stop meeting",
    )
    cp = board_of("initial_cp")
    assert "cannot stay at home" in cp.command(cp.chair, "round.open", {})["payload"]["round"]["low_label"]
    assert v.statement_word(early.board.conference) == "Worry statement"
    assert v.statement_word(cp.board.conference) == "Danger statement"


def test_a_strategy_discussion_is_for_professionals_with_no_lobby():
    ctx = commands.Context(now="2026-11-28T10:00:00Z", new_id=lambda: "x")
    created = commands.create_conference("c1", "Strategy", "strategy_discussion", "f", "d", ctx)
    assert created.payload["conference"]["lobby"] is False
    s = board_of("strategy_discussion")
    with pytest.raises(DomainError) as err:
        commands.join(s.board, "m9", "Mum", "parent_carer", s.ctx())
    assert err.value.code == "invalid" and "professionals only" in err.value.message
    assert commands.join(s.board, "m9", "DS Patel", "police", s.ctx()).type == "member.joined"
    assert code(s, s.chair, "member.add", {"name": "Nan", "role": "family_network"}) == "invalid"


@pytest.mark.parametrize(
    "kind, payload, ok",
    [
        ("strategy_discussion", {"outcome": "enquiry_yes"}, True),
        ("strategy_discussion", {"outcome": "cp_plan"}, False),
        ("strategy_discussion", {"categories": ["neglect"]}, False),
        ("looked_after", {"text": "The care plan stays as it is."}, True),
        ("looked_after", {"outcome": "enquiry_yes"}, False),
        ("early_help", {"text": "Family support for six weeks", "next_meeting": "2027-01-15"}, True),
        # the v1 kinds keep every v1 field (the contract), whatever their panel shows
        ("early_help", {"outcome": "cp_plan", "categories": ["neglect"]}, True),
        ("other", {"outcome": "cp_plan", "categories": ["neglect"]}, True),
        ("family_network", {"next_meeting": "2027-01-15"}, True),
        ("family_network", {"text": "anything"}, False),
        ("initial_cp", {"outcome": "cp_plan", "categories": ["neglect"]}, True),
        ("initial_cp", {"outcome": "enquiry_yes"}, False),
        # an initial conference starts a plan or not: there is none yet to continue or end
        ("initial_cp", {"outcome": "no_plan"}, True),
        ("initial_cp", {"outcome": "step_down"}, True),
        ("initial_cp", {"outcome": "continue_plan"}, False),
        ("initial_cp", {"outcome": "end_plan"}, False),
        # a review continues the plan or ends it
        ("review_cp", {"outcome": "continue_plan"}, True),
        ("review_cp", {"outcome": "end_plan"}, True),
        ("review_cp", {"outcome": "other"}, True),
        ("review_cp", {"outcome": "cp_plan"}, False),
        ("review_cp", {"outcome": "no_plan"}, False),
        ("review_cp", {"outcome": None}, True),
    ],
)
def test_each_kind_records_its_own_decision(kind, payload, ok):
    s = board_of(kind)
    if ok:
        assert s.command(s.chair, "decision.record", payload)["type"] == "decision.recorded"
    else:
        assert code(s, s.chair, "decision.record", payload) == "invalid"


def test_an_outcome_that_does_not_fit_is_refused_in_a_plain_sentence_and_appends_nothing():
    s = board_of("review_cp")
    s.command(s.chair, "children.set", {"children": [{"name": "Jo", "age": 7}]})
    jo = s.board.conference["children"][0]["id"]
    before = len(s.log)
    err = s.refused(s.chair, "decision.record", {"outcome": "no_plan"})
    assert err.code == "invalid"
    assert err.message.startswith("“No child protection plan” is not an outcome of this meeting")
    per_child = {"per_child": [{"child_id": jo, "outcome": "cp_plan"}]}
    assert code(s, s.chair, "decision.record", per_child) == "invalid"
    assert len(s.log) == before
    assert v.outcomes_of(s.board.conference) == ("continue_plan", "end_plan", "step_down", "other")


def test_the_new_roles_sit_with_the_family():
    for role in ("interpreter", "foster_carer", "advocate"):
        assert v.is_family_side(role), role


# --- the data file --------------------------------------------------------------------

with open(kinds.DEFAULT_FILE, encoding="utf-8") as f:
    SHIPPED = f.read()


def parse(text: str) -> dict:
    return kinds.parse(text, "kinds.json", v.COLUMN_ORDER, tuple(v.ROLES), set(v.CATEGORY_MEANINGS))


def broken(change) -> str:
    data = json.loads(SHIPPED)
    change(data)
    return json.dumps(data, indent=2)


@pytest.mark.parametrize(
    "text, says",
    [
        (SHIPPED.replace('"decision": "cp",', '"decision": "cp"', 1), "not valid JSON"),
        (broken(lambda d: d["kinds"]["early_help"].pop("question")), "has no 'question'"),
        (broken(lambda d: d["kinds"]["early_help"].update(decision="vote")), "decision 'vote'"),
        (
            broken(lambda d: d["kinds"]["early_help"].update(roles=["wizard"])),
            "role this app doesn't know: 'wizard'",
        ),
        (broken(lambda d: d["kinds"]["early_help"].update(colour="red")), "'colour' is not something"),
        (broken(lambda d: d["kinds"]["early_help"].update(family="yes")), "'family' as true or false"),
        (broken(lambda d: d["columns"].update(order=["worries"])), "column order"),
        (
            broken(
                lambda d: d["columns"]["extra_categories"].update(
                    worries=[{"key": "past_harm", "label": "x", "meaning": "y"}]
                )
            ),
            "already exists",
        ),
    ],
)
def test_a_broken_kinds_file_is_named_with_its_line(text, says):
    with pytest.raises(kinds.KindsFileError) as err:
        parse(text)
    message = str(err.value)
    assert message.startswith("kinds.json line ") and says in message, message
    line = int(message.split("line ")[1].split(":")[0])
    assert 1 <= line <= text.count("\n") + 1


def test_a_council_can_add_headings_and_lead_with_whats_working_well():
    data = parse(
        broken(
            lambda d: d["columns"].update(
                order=["working_well", "worries", "next_steps"],
                extra_categories={
                    "worries": [
                        {
                            "key": "grey_areas",
                            "label": "Grey areas",
                            "meaning": "What nobody is sure about yet",
                        }
                    ]
                },
            )
        )
    )
    assert data["order"][0] == "working_well"
    assert data["extra_categories"]["worries"][0]["key"] == "grey_areas"


def test_the_server_will_not_start_on_a_broken_kinds_file_and_says_where(tmp_path):
    bad = tmp_path / "kinds.json"
    bad.write_text(broken(lambda d: d["kinds"]["core_group"].update(decision="vote")))
    done = subprocess.run(
        [sys.executable, "-m", "conference", "run", "--port", "0"],
        cwd=ROOT,
        env={**os.environ, "CONFERENCE_KINDS_FILE": str(bad), "CONFERENCE_DATA": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0
    assert f"{bad} line " in done.stderr and "decision 'vote'" in done.stderr
    assert "Traceback" not in done.stderr
