"""The case over time: children, the safety network, per-child decisions, and a review that
starts from the last conference's minutes — allowed, refused with its code, and carried."""

from __future__ import annotations

import copy
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conference.domain import vocabulary as v
from conference.domain.commands import carry
from conference.domain.errors import DomainError
from conference.domain.previous_minutes import read_previous
from conference.minutes import build_minutes

from ..hostile import HOSTILE
from .harness import Sim


def code(sim: Sim, actor: str, type_: str, payload=None) -> str:
    return sim.refused(actor, type_, payload).code


@pytest.fixture
def sim() -> Sim:
    s = Sim()
    s.mum = s.join("Mum", "parent_carer")
    s.sw = s.join("Sam", "social_worker")
    return s


def with_children(sim: Sim) -> list[dict]:
    e = sim.command(sim.chair, "children.set", {"children": [{"name": "Jayden", "age": 6}, {"name": "Mia"}]})
    return e["payload"]["conference"]["children"]


# --- children, network ---------------------------------------------------------------


def test_children_are_named_with_ages_and_keep_their_ids_when_edited(sim):
    jayden, mia = with_children(sim)
    assert (jayden["name"], jayden["age"], mia["age"]) == ("Jayden", 6, None)
    e = sim.command(
        sim.chair, "children.set", {"children": [{"id": jayden["id"], "name": "Jayden", "age": 7}]}
    )
    assert e["type"] == "conference.children_set"
    assert e["payload"]["conference"]["children"] == [{"id": jayden["id"], "name": "Jayden", "age": 7}]
    assert sim.view(sim.mum)["conference"]["children"][0]["age"] == 7


@pytest.mark.parametrize(
    "payload, expected",
    [
        ({"children": [{"name": ""}]}, "invalid"),
        ({"children": [{"name": "Jo", "age": -1}]}, "invalid"),
        ({"children": [{"name": "Jo", "age": v.MAX_AGE + 1}]}, "invalid"),
        ({"children": [{"name": "Jo", "age": "six"}]}, "invalid"),
        ({"children": [{"name": "Jo", "colour": "red"}]}, "invalid"),
        ({"children": [{"id": "nobody", "name": "Jo"}]}, "not_found"),
        ({"children": [{"name": "Jo"}] * (v.MAX_CHILDREN + 1)}, "too_large"),
        ({"children": "Jo"}, "invalid"),
        ({}, "invalid"),
    ],
)
def test_children_refused(sim, payload, expected):
    assert code(sim, sim.chair, "children.set", payload) == expected


def test_only_the_chair_names_the_children_or_the_network(sim):
    assert code(sim, sim.mum, "children.set", {"children": [{"name": "Jo"}]}) == "forbidden"
    assert code(sim, sim.sw, "network.set", {"network": []}) == "forbidden"


def test_a_child_whose_words_are_on_the_board_cannot_be_taken_off(sim):
    jayden, mia = with_children(sim)
    sim.command(
        sim.chair,
        "item.add",
        {"column": "worries", "text": "Dad shouts", "voice": "child", "child_id": jayden["id"]},
    )
    assert code(sim, sim.chair, "children.set", {"children": [mia]}) == "conflict"


def test_the_safety_network_says_who_does_what(sim):
    e = sim.command(
        sim.chair, "network.set", {"network": [{"name": "Nan", "does": "Stays over if Lee turns up"}]}
    )
    assert e["payload"]["conference"]["network"] == [{"name": "Nan", "does": "Stays over if Lee turns up"}]
    assert code(sim, sim.chair, "network.set", {"network": [{"name": "Nan"}]}) == "invalid"
    assert code(sim, sim.chair, "network.set", {"network": [{"name": "N", "does": "x"}] * 31}) == "too_large"


# --- the child's words ---------------------------------------------------------------


def test_the_childs_words_say_which_child_and_how_we_heard_them(sim):
    jayden, _ = with_children(sim)
    item = sim.command(
        sim.chair,
        "item.add",
        {
            "column": "worries",
            "text": "I hide when Dad shouts",
            "voice": "child",
            "child_id": jayden["id"],
            "heard_how": "three_houses_worries",
        },
    )["payload"]["item"]
    assert (item["child_id"], item["heard_how"]) == (jayden["id"], "three_houses_worries")
    e = sim.command(sim.chair, "item.edit", {"id": item["id"], "version": 1, "heard_how": "wizard_fairy"})
    assert (
        e["payload"]["item"]["heard_how"] == "wizard_fairy"
        and e["payload"]["item"]["child_id"] == jayden["id"]
    )
    # not the child's words any more: who and how go with it
    e = sim.command(sim.chair, "item.edit", {"id": item["id"], "version": 2, "voice": None})
    assert (e["payload"]["item"]["child_id"], e["payload"]["item"]["heard_how"]) == (None, None)


def test_the_childs_words_refused(sim):
    jayden, _ = with_children(sim)
    base = {"column": "worries", "text": "x"}
    assert (
        code(sim, sim.chair, "item.add", {**base, "child_id": jayden["id"]}) == "invalid"
    )  # not voice child
    assert code(sim, sim.chair, "item.add", {**base, "voice": "child", "child_id": "nobody"}) == "not_found"
    assert code(sim, sim.chair, "item.add", {**base, "voice": "child", "heard_how": "telepathy"}) == "invalid"


# --- the decision per child, agencies' views -------------------------------------------


def test_the_decision_is_recorded_for_each_child_with_dissent_and_each_agencys_view(sim):
    jayden, mia = with_children(sim)
    d = sim.command(
        sim.chair,
        "decision.record",
        {
            "agencies": [{"agency": "School", "plan": True, "why": "Jayden is scared"}, {"agency": "Health"}],
            "per_child": [
                {"child_id": jayden["id"], "outcome": "continue_plan", "categories": ["emotional"]},
                {"child_id": mia["id"], "outcome": "end_plan", "dissent": "Police think Mia needs a plan"},
            ],
            "lead_social_worker": "Sam Okoro",
            "first_core_group": "2026-12-10",
        },
    )["payload"]["decision"]
    assert [c["outcome"] for c in d["per_child"]] == ["continue_plan", "end_plan"]
    assert d["per_child"][1]["dissent"] == "Police think Mia needs a plan"
    assert d["agencies"][1] == {"agency": "Health", "plan": None, "why": None}
    assert (d["lead_social_worker"], d["first_core_group"]) == ("Sam Okoro", "2026-12-10")


@pytest.mark.parametrize(
    "payload, expected",
    [
        ({"per_child": [{"child_id": "nobody", "outcome": "continue_plan"}]}, "not_found"),
        ({"per_child": [{"outcome": "continue_plan"}]}, "invalid"),
        ({"per_child": "all"}, "invalid"),
        ({"agencies": [{"agency": "School", "plan": "yes"}]}, "invalid"),
        ({"agencies": [{"plan": True}]}, "invalid"),
        ({"first_core_group": "2026-02-30"}, "invalid"),
    ],
)
def test_the_decision_refused(sim, payload, expected):
    with_children(sim)
    assert code(sim, sim.chair, "decision.record", payload) == expected


# --- a review from the last minutes ----------------------------------------------------


def initial(sim: Sim) -> dict:
    """A small initial conference, ended, and its full minutes as the JSON export."""
    jayden, _ = with_children(sim)
    sim.command(sim.chair, "network.set", {"network": [{"name": "Nan", "does": "Stays over"}]})
    danger = sim.command(
        sim.chair,
        "statement.add",
        {"kind": "danger", "who": "School", "behaviour": "Dad shouts", "impact": "Jo is scared"},
    )["result"]["id"]
    sim.command(
        sim.chair, "statement.add", {"kind": "safety_goal", "text": "Dad stays calm", "pairs_with": danger}
    )
    for text, owner in (("Mum goes to the course", "Mum"), ("Sam visits weekly", "Sam")):
        sim.command(
            sim.chair,
            "item.add",
            {"column": "next_steps", "category": "actions", "text": text, "owner": owner},
        )
    sim.command(
        sim.chair,
        "item.add",
        {
            "column": "worries",
            "text": "I hide",
            "voice": "child",
            "child_id": jayden["id"],
            "heard_how": "three_houses_worries",
        },
    )
    for about in (danger, None):
        rid = sim.command(sim.chair, "round.open", {"statement_id": about} if about else {})["result"]["id"]
        sim.command(sim.mum, "round.score", {"round_id": rid, "score": 4})
        sim.command(sim.sw, "round.score", {"round_id": rid, "score": 3})
        sim.command(sim.chair, "round.reveal", {"round_id": rid})
    sim.command(sim.chair, "conference.close", {})
    return export(sim)


def export(sim: Sim, copy_: str = "full") -> dict:
    return json.loads(json.dumps(build_minutes(sim.board, sim.log, copy_, "2026-11-28T10:00:00Z")))


def start_review(doc: dict) -> Sim:
    new = Sim()
    for decision in carry(new.board, read_previous(doc), new.chair, new.ctx()):
        new._append(decision, new.chair)
    return new


def test_a_review_opens_with_last_times_children_network_statements_and_open_actions(sim):
    doc = initial(sim)
    new = start_review(doc)
    conf = new.board.conference
    assert [c["name"] for c in conf["children"]] == ["Jayden", "Mia"]
    assert conf["network"] == [{"name": "Nan", "does": "Stays over"}]
    assert conf["previous"]["date"] == doc["conference"]["date"]
    assert conf["previous"]["overall"] == [
        {"date": doc["conference"]["date"], "kind": "review_cp", "middle": 3.5}
    ]
    dangers = [s for s in new.board.statements.values() if s["kind"] == "danger"]
    assert len(dangers) == 1 and dangers[0]["behaviour"] == "Dad shouts"
    assert dangers[0]["carried"]["history"] == [
        {"date": doc["conference"]["date"], "kind": "review_cp", "middle": 3.5}
    ]
    goal = next(s for s in new.board.statements.values() if s["kind"] == "safety_goal")
    assert goal["pairs_with"] == dangers[0]["id"] and goal["text"] == "Dad stays calm"
    actions = sorted(i["text"] for i in new.board.items.values())
    assert actions == ["Mum goes to the course", "Sam visits weekly"]
    # the family sees what was carried, as anyone on the board
    assert len(new.view(new.join("Mum", "parent_carer"))["statements"]) == 2


def test_each_carried_statement_and_action_gets_its_status(sim):
    new = start_review(initial(sim))
    danger = next(s for s in new.board.statements.values() if s["kind"] == "danger")
    action = next(iter(new.board.items.values()))
    e = new.command(
        new.chair, "statement.review", {"id": danger["id"], "status": "changed", "reason": "Calmer"}
    )
    assert e["type"] == "statement.reviewed" and e["payload"]["statement"]["carried"]["status"] == "changed"
    e = new.command(
        new.chair, "item.review", {"id": action["id"], "status": "partly", "note": "Half the course"}
    )
    assert e["type"] == "item.reviewed" and e["payload"]["item"]["carried"]["note"] == "Half the course"
    # the wording changes with statement.edit; the old wording is kept in `carried`
    e = new.command(
        new.chair, "statement.edit", {"id": danger["id"], "version": 2, "behaviour": "Dad sometimes shouts"}
    )
    assert e["payload"]["statement"]["carried"]["wording"]["behaviour"] == "Dad shouts"
    minutes = build_minutes(new.board, new.log)
    since = minutes["since_last"]
    assert since["statements"][0]["status_label"] == "Changed"
    assert since["statements"][0]["was"].startswith("School is worried that Dad shouts.")
    assert (
        since["actions"][0]["note"] == "Half the course" or since["actions"][1]["note"] == "Half the course"
    )


def test_review_commands_refused(sim):
    new = start_review(initial(sim))
    new.mum = new.join("Mum", "parent_carer")
    danger = next(s for s in new.board.statements.values() if s["kind"] == "danger")
    goal = next(s for s in new.board.statements.values() if s["kind"] == "safety_goal")
    fresh = new.command(new.chair, "statement.add", {"kind": "danger", "who": "Police"})["result"]["id"]
    assert code(new, new.mum, "statement.review", {"id": danger["id"], "status": "still"}) == "forbidden"
    assert code(new, new.chair, "statement.review", {"id": danger["id"], "status": "maybe"}) == "invalid"
    assert code(new, new.chair, "statement.review", {"id": fresh, "status": "still"}) == "not_found"
    assert code(new, new.chair, "statement.review", {"id": goal["id"], "status": "still"}) == "invalid"
    assert (
        code(new, new.chair, "statement.review", {"id": danger["id"], "status": "still", "reason": "x" * 281})
        == "invalid"
    )
    item = new.command(new.chair, "item.add", {"column": "next_steps", "text": "new"})["result"]["id"]
    assert code(new, new.chair, "item.review", {"id": item, "status": "done"}) == "not_found"
    carried = next(i for i in new.board.items.values() if i.get("carried"))
    assert code(new, new.chair, "item.review", {"id": carried["id"], "status": "finished"}) == "invalid"
    assert code(new, new.mum, "item.review", {"id": carried["id"], "status": "done"}) == "forbidden"


def test_what_was_finished_last_time_stays_behind_and_the_trend_grows(sim):
    new = start_review(initial(sim))
    danger = next(s for s in new.board.statements.values() if s["kind"] == "danger")
    done = next(i for i in new.board.items.values() if i["text"] == "Mum goes to the course")
    new.command(new.chair, "item.review", {"id": done["id"], "status": "done"})
    new.mum = new.join("Mum", "parent_carer")
    rid = new.command(new.chair, "round.open", {"statement_id": danger["id"]})["result"]["id"]
    new.command(new.mum, "round.score", {"round_id": rid, "score": 7})
    new.command(new.chair, "round.reveal", {"round_id": rid})
    new.command(new.chair, "conference.close", {})
    second = export(new)
    assert [p["middle"] for p in second["trends"]["statements"][0]["points"]] == [3.5, 7]
    third = start_review(second)
    assert [i["text"] for i in third.board.items.values()] == ["Sam visits weekly"]
    carried = next(s for s in third.board.statements.values() if s["kind"] == "danger")
    assert [p["middle"] for p in carried["carried"]["history"]] == [3.5, 7]
    # the thread is the statement's first id, all the way along
    assert (
        carried["carried"]["thread"]
        == second["statements"][0]["thread"]
        == export(sim)["statements"][0]["id"]
    )


def test_a_statement_no_longer_a_worry_is_not_carried(sim):
    new = start_review(initial(sim))
    danger = next(s for s in new.board.statements.values() if s["kind"] == "danger")
    new.command(
        new.chair, "statement.review", {"id": danger["id"], "status": "gone", "reason": "Dad moved out"}
    )
    new.command(new.chair, "conference.close", {})
    assert start_review(export(new)).board.statements == {}


# --- the import refuses what this app would not have written -----------------------------


def refused(doc) -> str:
    with pytest.raises(DomainError) as err:
        read_previous(doc)
    assert err.value.code == "invalid" and err.value.message.endswith(".")
    return err.value.message


def test_the_family_copy_a_newer_version_and_other_files_are_refused(sim):
    initial(sim)
    assert "full record" in refused(export(sim, "family"))
    doc = export(sim)
    assert "newer version" in refused({**doc, "version": 3})
    assert "not the minutes" in refused({"hello": "world"})
    assert "not the minutes" in refused([doc])
    assert refused({**doc, "version": True})


def tampered(doc: dict, change) -> dict:
    out = copy.deepcopy(doc)
    change(out)
    return out


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d.update(extra="x"),
        lambda d: d["conference"].update(secret=1),
        lambda d: d["statements"][0].update(sentence_html="<b>"),
        lambda d: d["scaling"][0]["scores"][0].update(score=9),  # the summary no longer adds up
        lambda d: d["scaling"][0]["summary"].update(median=10),
        lambda d: d["scaling"][0]["scores"][0].update(score=11),
        lambda d: d["trends"]["overall"][0].update(middle=11),
        lambda d: d["trends"]["overall"][0].update(middle=3.3),
        lambda d: d["trends"]["overall"][0].update(date="2026-13-01"),
        lambda d: d["children"][0].update(age=99),
        lambda d: d["children"].append({"id": "x", "name": "", "age": 1}),
        lambda d: d["statements"][0]["danger"].update(who="x" * (v.MAX_STATEMENT_FIELD + 1)),
        lambda d: d["statements"][0]["danger"].update(who="\x07bell"),
        lambda d: d["statements"][0]["danger"].update(who="half \ud83d emoji"),
        lambda d: d["statements"][0].update(private="no"),
        lambda d: d["plan"][0].update(by_when="soon"),
        lambda d: d["plan"].extend([d["plan"][0]] * v.MAX_ITEMS),
        lambda d: d["conference"].update(kind="tea_party"),
        lambda d: d.pop("trends"),
        lambda d: d["trends"]["conferences"].append({"date": "2027-01-01", "kind": "review_cp"}),
        lambda d: d["trends"]["statements"][0]["points"].pop(),
        lambda d: d.update(statements="none"),
    ],
)
def test_a_changed_or_broken_file_is_refused_with_a_sentence(sim, change):
    refused(tampered(initial(sim), change))


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_in_a_file_is_refused_clearly_or_carried_exactly_as_text(sim, text):
    doc = tampered(initial(sim), lambda d: d["statements"][0]["danger"].update(behaviour=text))
    try:
        carried = read_previous(doc)
    except DomainError as err:
        assert err.code == "invalid" and err.message.endswith(".")
        return
    assert carried["statements"][0]["fields"]["behaviour"] == text.strip()


# --- property: export → import → export keeps every carried fact -----------------------

texts = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn")), min_size=1, max_size=40
).filter(lambda t: t.strip())


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    children=st.lists(st.tuples(texts, st.none() | st.integers(0, v.MAX_AGE)), max_size=3),
    statements=st.lists(st.tuples(texts, texts, st.none() | texts), min_size=0, max_size=4),
    actions=st.lists(st.tuples(texts, st.none() | texts, st.booleans()), max_size=4),
    scores=st.lists(st.integers(0, 10), max_size=3),
)
def test_importing_an_export_keeps_every_carried_fact(children, statements, actions, scores):
    sim = Sim()
    voters = [sim.join(f"P{n}", "social_worker") for n in range(len(scores))]
    if children:
        sim.command(sim.chair, "children.set", {"children": [{"name": n, "age": a} for n, a in children]})
    ids = []
    for who, behaviour, goal in statements:
        sid = sim.command(sim.chair, "statement.add", {"kind": "danger", "who": who, "behaviour": behaviour})[
            "result"
        ]["id"]
        ids.append(sid)
        if goal:
            sim.command(sim.chair, "statement.add", {"kind": "safety_goal", "text": goal, "pairs_with": sid})
    for text, owner, _ in actions:
        sim.command(
            sim.chair,
            "item.add",
            {"column": "next_steps", "category": "actions", "text": text, "owner": owner},
        )
    if ids and scores:
        rid = sim.command(sim.chair, "round.open", {"statement_id": ids[0]})["result"]["id"]
        for voter, score in zip(voters, scores, strict=True):
            sim.command(voter, "round.score", {"round_id": rid, "score": score})
        sim.command(sim.chair, "round.reveal", {"round_id": rid})
    sim.command(sim.chair, "conference.close", {})
    first = export(sim)
    second_sim = start_review(first)
    # the review marks some actions done: those stay behind next time
    for item, (_, _, done) in zip(list(second_sim.board.items.values()), actions, strict=True):
        if done:
            second_sim.command(second_sim.chair, "item.review", {"id": item["id"], "status": "done"})
    second_sim.command(second_sim.chair, "conference.close", {})
    second = export(second_sim)

    assert [(c["name"], c["age"]) for c in second["children"]] == [
        (c["name"], c["age"]) for c in first["children"]
    ]
    assert [s["sentence"] for s in second["statements"]] == [s["sentence"] for s in first["statements"]]
    assert [s["safety_goal"] for s in second["statements"]] == [s["safety_goal"] for s in first["statements"]]
    assert [s["thread"] for s in second["statements"]] == [s["id"] for s in first["statements"]]
    assert [(a["action"], a["who"]) for a in second["plan"]] == [
        (a["action"], a["who"]) for a in first["plan"]
    ]
    # the history goes on: every point of the first minutes, then one for the review
    assert [t["points"][:-1] for t in second["trends"]["statements"]] == [
        t["points"] for t in first["trends"]["statements"]
    ]
    assert second["trends"]["conferences"][:-1] == first["trends"]["conferences"]
    assert second["trends"]["overall"][:-1] == first["trends"]["overall"]
    third = start_review(second)
    open_actions = [a["action"] for a, (_, _, done) in zip(second["plan"], actions, strict=True) if not done]
    assert [i["text"] for i in third.board.items.values()] == open_actions


def test_a_next_step_can_say_which_safety_goal_it_serves(sim):
    danger = sim.command(sim.chair, "statement.add", {"kind": "danger", "who": "School"})["result"]["id"]
    goal = sim.command(
        sim.chair, "statement.add", {"kind": "safety_goal", "text": "Calm", "pairs_with": danger}
    )
    gid = goal["result"]["id"]
    item = sim.command(
        sim.chair,
        "item.add",
        {"column": "next_steps", "category": "actions", "text": "Course", "goal_id": gid},
    )
    assert item["payload"]["item"]["goal_id"] == gid
    assert build_minutes(sim.board, sim.log)["plan"][0]["serves"] == "Calm"
    assert code(sim, sim.chair, "item.add", {"column": "worries", "text": "x", "goal_id": gid}) == "invalid"
    assert (
        code(sim, sim.chair, "item.add", {"column": "next_steps", "text": "x", "goal_id": danger})
        == "not_found"
    )
    moved = sim.command(sim.chair, "item.move", {"id": item["result"]["id"], "column": "worries"})
    assert moved["payload"]["item"]["goal_id"] is None
