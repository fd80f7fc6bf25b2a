"""Every command: allowed (and the event it makes), and refused with the right code."""

from __future__ import annotations

import pytest

from conference.domain import commands
from conference.domain import vocabulary as v
from conference.domain.errors import DomainError
from conference.domain.ranks import rank_between

from .harness import Sim


@pytest.fixture
def sim() -> Sim:
    s = Sim()
    s.mum = s.join("Mum", "parent_carer")
    s.child = s.join("Jo", "child_young_person")
    s.sw = s.join("Sam", "social_worker")
    return s


def code(sim: Sim, actor: str, type_: str, payload=None) -> str:
    return sim.refused(actor, type_, payload).code


# --- items ---------------------------------------------------------------------------


def test_item_add_by_a_parent_is_on_the_board_at_once(sim):
    e = sim.command(
        sim.mum,
        "item.add",
        {"column": "working_well", "category": "existing_safety", "text": " Gran collects them "},
    )
    item = e["payload"]["item"]
    assert e["type"] == "item.added" and e["actor"] == sim.mum
    assert item["text"] == "Gran collects them" and item["author"] == sim.mum
    assert item["status"] == "accepted" and item["private"] is False and item["version"] == 1
    assert e["vis"] == ["staff", "family"]


def test_item_add_refusals(sim):
    assert code(sim, sim.mum, "item.add", {"column": "worries", "text": ""}) == "invalid"
    assert (
        code(sim, sim.mum, "item.add", {"column": "worries", "text": "a" * (v.MAX_ITEM_TEXT + 1)})
        == "invalid"
    )
    assert code(sim, sim.mum, "item.add", {"column": "worries", "text": "ok\x00"}) == "invalid"
    assert (
        code(sim, sim.mum, "item.add", {"column": "worries", "category": "actions", "text": "x"}) == "invalid"
    )
    assert code(sim, sim.mum, "item.add", {"column": "worries", "text": "x", "owner": "Sam"}) == "invalid"
    assert code(sim, sim.mum, "item.add", {"column": "worries", "text": "x", "voice": "child"}) == "forbidden"
    assert code(sim, sim.display, "item.add", {"column": "worries", "text": "x"}) == "forbidden"
    sim.command(sim.chair, "conference.lock")
    assert code(sim, sim.mum, "item.add", {"column": "worries", "text": "x"}) == "locked"
    sim.command(sim.chair, "item.add", {"column": "worries", "text": "the chair still can"})


def test_text_keeps_newlines_and_tabs_and_html_as_typed(sim):
    text = "Line one\n\tindented <script>alert(1)</script>"
    item = sim.command(sim.mum, "item.add", {"column": "worries", "text": text})["payload"]["item"]
    assert item["text"] == text


def test_child_voice_by_the_child_or_the_chair(sim):
    e = sim.command(
        sim.child,
        "item.add",
        {
            "column": "worries",
            "text": "I don't like the shouting",
            "voice": "child",
            "source": "Three Houses",
        },
    )
    assert e["payload"]["item"]["voice"] == "child" and e["payload"]["item"]["source"] == "Three Houses"
    assert (
        code(sim, sim.mum, "item.add", {"column": "worries", "text": "x", "source": "Three Houses"})
        == "invalid"
    )


def test_plan_items_carry_an_owner_and_a_date(sim):
    item = sim.command(
        sim.chair,
        "item.add",
        {
            "column": "next_steps",
            "category": "actions",
            "text": "GP appointment",
            "owner": "Mum",
            "due": "2026-12-04",
        },
    )["payload"]["item"]
    assert (item["owner"], item["due"]) == ("Mum", "2026-12-04")
    assert (
        code(sim, sim.chair, "item.add", {"column": "next_steps", "text": "x", "due": "2026-02-30"})
        == "invalid"
    )


def test_moderation_holds_participant_items_for_the_chair(sim):
    sim.command(sim.chair, "conference.update", {"moderation": True})
    e = sim.command(sim.mum, "item.add", {"column": "worries", "text": "waiting"})
    assert e["payload"]["item"]["status"] == "pending" and e["vis"] == ["m:" + sim.mum]
    chair_item = sim.command(sim.chair, "item.add", {"column": "worries", "text": "chair's"})["payload"][
        "item"
    ]
    assert chair_item["status"] == "accepted"
    iid = e["payload"]["item"]["id"]
    assert [i["text"] for i in sim.view(sim.sw)["items"]] == ["chair's"]
    assert [i["text"] for i in sim.view(sim.mum)["items"]] == ["waiting", "chair's"]
    accepted = sim.command(sim.chair, "item.accept", {"id": iid})
    assert accepted["type"] == "item.accepted" and accepted["payload"]["item"]["status"] == "accepted"
    assert [i["text"] for i in sim.view(sim.sw)["items"]] == ["waiting", "chair's"]
    assert code(sim, sim.chair, "item.accept", {"id": iid}) == "conflict"
    assert code(sim, sim.chair, "item.reject", {"id": iid}) == "conflict"
    assert code(sim, sim.mum, "item.accept", {"id": iid}) == "forbidden"


def test_item_reject_removes_a_pending_item(sim):
    sim.command(sim.chair, "conference.update", {"moderation": True})
    iid = sim.command(sim.mum, "item.add", {"column": "worries", "text": "no"})["payload"]["item"]["id"]
    e = sim.command(sim.chair, "item.reject", {"id": iid})
    assert e["type"] == "item.rejected" and e["payload"] == {"id": iid}
    assert sim.view(sim.mum)["items"] == [] and sim.view(sim.chair)["items"] == []
    assert code(sim, sim.chair, "item.reject", {"id": iid}) == "not_found"


def test_item_edit_own_with_the_current_version(sim):
    iid = sim.command(sim.mum, "item.add", {"column": "worries", "text": "first"})["payload"]["item"]["id"]
    e = sim.command(
        sim.mum, "item.edit", {"id": iid, "version": 1, "text": "second", "category": "past_harm"}
    )
    item = e["payload"]["item"]
    assert e["type"] == "item.edited" and (item["text"], item["category"], item["version"]) == (
        "second",
        "past_harm",
        2,
    )
    assert code(sim, sim.mum, "item.edit", {"id": iid, "version": 1, "text": "stale"}) == "conflict"
    assert code(sim, sim.sw, "item.edit", {"id": iid, "version": 2, "text": "not mine"}) == "forbidden"
    assert code(sim, sim.mum, "item.edit", {"id": iid, "version": 2}) == "invalid"
    assert code(sim, sim.mum, "item.edit", {"id": "nope", "version": 1, "text": "x"}) == "not_found"
    sim.command(sim.chair, "item.edit", {"id": iid, "version": 2, "text": "chair may edit anything"})
    sim.command(sim.chair, "conference.lock")
    assert code(sim, sim.mum, "item.edit", {"id": iid, "version": 3, "text": "x"}) == "locked"


def test_item_move_places_before_another_and_keeps_one_order(sim):
    ids = [
        sim.command(sim.chair, "item.add", {"column": "worries", "text": t})["payload"]["item"]["id"]
        for t in "abc"
    ]
    e = sim.command(sim.chair, "item.move", {"id": ids[2], "column": "worries", "before": ids[0]})
    assert e["type"] == "item.moved" and e["payload"]["item"]["version"] == 2
    assert [i["text"] for i in sim.view(sim.mum)["items"]] == ["c", "a", "b"]
    sim.command(sim.chair, "item.move", {"id": ids[0], "column": "next_steps", "category": "actions"})
    assert [(i["text"], i["column"]) for i in sim.view(sim.mum)["items"]] == [
        ("c", "worries"),
        ("b", "worries"),
        ("a", "next_steps"),
    ]
    assert (
        code(sim, sim.chair, "item.move", {"id": ids[1], "column": "worries", "before": ids[1]}) == "invalid"
    )
    assert (
        code(sim, sim.chair, "item.move", {"id": ids[1], "column": "worries", "before": ids[0]})
        == "not_found"
    )
    assert code(sim, sim.mum, "item.move", {"id": ids[1], "column": "working_well"}) == "forbidden"


def test_moving_out_of_the_plan_drops_owner_and_date(sim):
    iid = sim.command(
        sim.chair, "item.add", {"column": "next_steps", "text": "x", "owner": "Sam", "due": "2026-12-01"}
    )["payload"]["item"]["id"]
    item = sim.command(sim.chair, "item.move", {"id": iid, "column": "worries"})["payload"]["item"]
    assert (item["owner"], item["due"], item["category"]) == (None, None, None)


def test_item_delete_own_or_by_the_chair(sim):
    mine = sim.command(sim.mum, "item.add", {"column": "worries", "text": "mine"})["payload"]["item"]["id"]
    assert code(sim, sim.sw, "item.delete", {"id": mine}) == "forbidden"
    e = sim.command(sim.mum, "item.delete", {"id": mine})
    assert e["type"] == "item.deleted" and e["payload"] == {"id": mine}
    assert code(sim, sim.mum, "item.delete", {"id": mine}) == "not_found"


def test_a_thousand_items_is_the_limit(sim):
    for n in range(v.MAX_ITEMS):
        sim.board.items[f"fake{n}"] = {"id": f"fake{n}", "column": "worries", "rank": str(n)}
    assert code(sim, sim.chair, "item.add", {"column": "worries", "text": "one too many"}) == "too_large"


# --- statements ------------------------------------------------------------------------


def test_danger_statement_and_paired_safety_goal(sim):
    d = sim.command(
        sim.chair,
        "statement.add",
        {
            "kind": "danger",
            "who": "School and Sam",
            "behaviour": "Dad shouts when he drinks",
            "impact": "Jo is scared to come home",
            "disagreement": "Dad",
        },
    )
    s = d["payload"]["statement"]
    assert (
        d["type"] == "statement.added"
        and s["kind"] == "danger"
        and s["disagreement"] == "Dad"
        and s["version"] == 1
    )
    g = sim.command(
        sim.chair,
        "statement.add",
        {"kind": "safety_goal", "text": "Dad will stay calm and sober", "pairs_with": s["id"]},
    )
    assert g["payload"]["statement"]["pairs_with"] == s["id"]
    assert (
        code(
            sim,
            sim.chair,
            "statement.add",
            {"kind": "safety_goal", "text": "x", "pairs_with": g["payload"]["statement"]["id"]},
        )
        == "invalid"
    )
    assert (
        code(sim, sim.chair, "statement.add", {"kind": "safety_goal", "text": "x", "pairs_with": "nope"})
        == "not_found"
    )
    assert code(sim, sim.chair, "statement.add", {"kind": "danger"}) == "invalid"
    assert (
        code(sim, sim.chair, "statement.add", {"kind": "safety_goal", "who": "x", "text": "y"}) == "invalid"
    )
    assert code(sim, sim.chair, "statement.add", {"kind": "wish", "text": "y"}) == "invalid"
    assert code(sim, sim.sw, "statement.add", {"kind": "danger", "who": "x"}) == "forbidden"


def test_statement_edit_and_delete(sim):
    sid = sim.command(sim.chair, "statement.add", {"kind": "danger", "who": "School"})["result"]["id"]
    gid = sim.command(sim.chair, "statement.add", {"kind": "safety_goal", "text": "goal", "pairs_with": sid})[
        "result"
    ]["id"]
    e = sim.command(sim.chair, "statement.edit", {"id": sid, "version": 1, "behaviour": "shouting"})
    assert e["type"] == "statement.edited" and e["payload"]["statement"]["behaviour"] == "shouting"
    assert e["payload"]["statement"]["who"] == "School" and e["payload"]["statement"]["version"] == 2
    assert code(sim, sim.chair, "statement.edit", {"id": sid, "version": 1, "who": "x"}) == "conflict"
    assert code(sim, sim.chair, "statement.edit", {"id": sid, "version": 2}) == "invalid"
    d = sim.command(sim.chair, "statement.delete", {"id": sid})
    assert d["type"] == "statement.deleted" and d["payload"] == {"id": sid}
    assert [s["pairs_with"] for s in sim.view(sim.mum)["statements"] if s["id"] == gid] == [None]
    assert code(sim, sim.chair, "statement.delete", {"id": sid}) == "not_found"


# --- scaling ---------------------------------------------------------------------------


def test_round_open_uses_the_default_question(sim):
    e = sim.command(sim.chair, "round.open", {})
    r = e["payload"]["round"]
    assert e["type"] == "round.opened" and r["question"] == v.DEFAULT_QUESTION
    assert (r["status"], r["revealed"], r["count"]) == ("open", False, 0)
    assert code(sim, sim.chair, "round.open", {}) == "conflict"  # one open round at a time


def test_round_about_a_danger_statement_with_own_labels(sim):
    sid = sim.command(sim.chair, "statement.add", {"kind": "danger", "who": "School"})["result"]["id"]
    r = sim.command(
        sim.chair,
        "round.open",
        {"statement_id": sid, "question": "How safe?", "low_label": "Not at all", "high_label": "Totally"},
    )["payload"]["round"]
    assert (r["statement_id"], r["question"], r["low_label"], r["high_label"]) == (
        sid,
        "How safe?",
        "Not at all",
        "Totally",
    )
    assert code(sim, sim.chair, "round.open", {"statement_id": "nope"}) == "not_found"


def test_a_round_can_carry_wording_for_the_family_and_everyone_sees_both(sim):
    r = sim.command(
        sim.chair,
        "round.open",
        {"family_question": " How are things at home? ", "family_high_label": "All good"},
    )["payload"]["round"]
    assert r["question"] == v.DEFAULT_QUESTION
    assert r["family"] == {"question": "How are things at home?", "low_label": None, "high_label": "All good"}
    assert sim.view(sim.mum)["rounds"][0]["family"] == r["family"]
    sim.command(sim.chair, "round.close", {"round_id": r["id"]})
    # no family wording: null, not an empty object
    assert (
        sim.command(sim.chair, "round.open", {"family_low_label": "  "})["payload"]["round"]["family"] is None
    )
    assert code(sim, sim.chair, "round.open", {"family_question": "x" * (v.MAX_QUESTION + 1)}) == "invalid"
    assert code(sim, sim.chair, "round.open", {"family_question": 7}) == "invalid"


def test_the_family_wording_can_say_which_language_it_is_written_in(sim):
    r = sim.command(
        sim.chair, "round.open", {"family_question": "Jak jest w domu?", "family_language": "pl"}
    )["payload"]["round"]
    assert r["family"] == {
        "question": "Jak jest w domu?",
        "low_label": None,
        "high_label": None,
        "language": "pl",
    }
    assert sim.view(sim.mum)["rounds"][0]["family"]["language"] == "pl"
    sim.command(sim.chair, "round.close", {"round_id": r["id"]})
    before = len(sim.log)
    # a language without wording to go with it, or one the app doesn't have: refused, nothing logged
    assert code(sim, sim.chair, "round.open", {"family_language": "pl"}) == "invalid"
    assert (
        code(sim, sim.chair, "round.open", {"family_question": "Comment ça va ?", "family_language": "fr"})
        == "invalid"
    )
    assert len(sim.log) == before


def test_a_round_says_how_the_phones_draw_its_ladder_numbers_unless_the_chair_chose(sim):
    r = sim.command(sim.chair, "round.open", {})["payload"]["round"]
    assert r["scale"] == "numbers"
    sim.command(sim.chair, "round.close", {"round_id": r["id"]})
    for scale in ("faces", "colours", "numbers"):
        r = sim.command(sim.chair, "round.open", {"scale": scale})["payload"]["round"]
        assert r["scale"] == scale
        # everyone's snapshot carries it: the family's phones draw the ladder from it
        assert [x["scale"] for x in sim.view(sim.mum)["rounds"] if x["id"] == r["id"]] == [scale]
        sim.command(sim.chair, "round.close", {"round_id": r["id"]})
    # null is the default; anything else is refused with a sentence, and nothing is logged
    r = sim.command(sim.chair, "round.open", {"scale": None})["payload"]["round"]
    assert r["scale"] == "numbers"
    sim.command(sim.chair, "round.close", {"round_id": r["id"]})
    before = len(sim.log)
    for bad in ("stars", "", "Faces", "colors", 3, ["faces"], {"scale": "faces"}):
        e = sim.refused(sim.chair, "round.open", {"scale": bad})
        assert e.code == "invalid"
        assert e.message == f"'{bad}' is not a known scale."
    assert len(sim.log) == before


# --- the chair's draft for the projector (not a command: checked, never logged) --------


def test_a_draft_is_checked_like_the_statement_it_will_become(sim):
    draft = commands.check_draft(
        sim.board, sim.chair, {"kind": "danger", "who": " School ", "behaviour": "Dad"}
    )
    assert draft == {
        "kind": "danger",
        "id": None,
        "pairs_with": None,
        "language": "en-GB",  # the chair's own, as nothing else was said
        "who": "School",
        "behaviour": "Dad",
        "impact": None,
        "disagreement": None,
        "text": None,
    }
    assert commands.check_draft(sim.board, sim.chair, {}) == {}  # clears the box
    assert commands.check_draft(sim.board, sim.chair, None) == {}
    sid = sim.command(sim.chair, "statement.add", {"kind": "danger", "who": "School"})["result"]["id"]
    goal = commands.check_draft(
        sim.board, sim.chair, {"kind": "safety_goal", "text": "Jo", "pairs_with": sid}
    )
    assert goal["pairs_with"] == sid


@pytest.mark.parametrize(
    "who, payload, expected",
    [
        ("mum", {"kind": "danger", "who": "x"}, "forbidden"),
        ("sw", {"kind": "danger", "who": "x"}, "forbidden"),
        ("display", {"kind": "danger", "who": "x"}, "forbidden"),
        ("chair", {"who": "x"}, "invalid"),
        ("chair", {"kind": "worry", "who": "x"}, "invalid"),
        ("chair", {"kind": "danger", "colour": "red"}, "invalid"),
        ("chair", {"kind": "danger", "who": "x" * (v.MAX_STATEMENT_FIELD + 1)}, "invalid"),
        ("chair", {"kind": "danger", "who": "a\x07b"}, "invalid"),
        ("chair", {"kind": "danger", "id": "nope"}, "not_found"),
        ("chair", [], "invalid"),
    ],
)
def test_a_draft_refused(sim, who, payload, expected):
    logged = len(sim.log)
    with pytest.raises(DomainError) as err:
        commands.check_draft(sim.board, getattr(sim, who), payload)
    assert err.value.code == expected
    assert len(sim.log) == logged  # nothing is ever logged by a draft


def test_no_draft_in_a_closed_session_or_after_the_end_and_none_about_a_private_statement(sim):
    sim.command(sim.chair, "session.close", {})
    private = sim.command(sim.chair, "statement.add", {"kind": "danger", "who": "Police"})["result"]["id"]
    with pytest.raises(DomainError) as err:
        commands.check_draft(sim.board, sim.chair, {"kind": "danger", "who": "x"})
    assert err.value.code == "forbidden"
    sim.command(sim.chair, "session.open", {})
    with pytest.raises(DomainError) as err:
        commands.check_draft(sim.board, sim.chair, {"kind": "danger", "id": private, "who": "x"})
    assert err.value.code == "not_found"
    sim.command(sim.chair, "conference.close", {})
    with pytest.raises(DomainError) as err:
        commands.check_draft(sim.board, sim.chair, {"kind": "danger", "who": "x"})
    assert err.value.code == "closed"


def test_scores_replace_count_once_and_stay_private(sim):
    rid = sim.command(sim.chair, "round.open", {})["result"]["id"]
    first = sim.command(sim.mum, "round.score", {"round_id": rid, "score": 3})
    assert first["type"] == "round.scored" and first["payload"]["count"] == 1
    again = sim.command(sim.mum, "round.score", {"round_id": rid, "score": 5, "reason": "Better this month"})
    assert again["payload"]["count"] == 1
    sim.command(sim.sw, "round.score", {"round_id": rid, "score": 2})
    mum_round = sim.view(sim.mum)["rounds"][0]
    assert mum_round["mine"] == {"score": 5, "reason": "Better this month"} and mum_round["count"] == 2
    assert "mine" not in sim.view(sim.chair)["rounds"][0] and "scores" not in sim.view(sim.chair)["rounds"][0]
    for bad in (-1, 11, 5.5, "5", True, None):
        assert code(sim, sim.mum, "round.score", {"round_id": rid, "score": bad}) == "invalid"
    assert code(sim, sim.mum, "round.score", {"round_id": rid, "score": 4, "reason": "r" * 281}) == "invalid"
    assert code(sim, sim.display, "round.score", {"round_id": rid, "score": 4}) == "forbidden"


def test_round_close_then_reveal_with_summary(sim):
    rid = sim.command(sim.chair, "round.open", {})["result"]["id"]
    for who, score in ((sim.mum, 8), (sim.sw, 3), (sim.child, 6), (sim.chair, 4)):
        sim.command(who, "round.score", {"round_id": rid, "score": score})
    e = sim.command(sim.chair, "round.close", {"round_id": rid})
    assert e["type"] == "round.closed" and e["payload"] == {"round_id": rid}
    assert code(sim, sim.mum, "round.score", {"round_id": rid, "score": 1}) == "conflict"
    assert code(sim, sim.chair, "round.close", {"round_id": rid}) == "conflict"
    r = sim.command(sim.chair, "round.reveal", {"round_id": rid})["payload"]
    assert r["summary"] == {"n": 4, "min": 3, "max": 8, "median": 5}
    assert r["scores"][sim.mum] == {"score": 8, "reason": None}
    assert code(sim, sim.chair, "round.reveal", {"round_id": rid}) == "conflict"
    assert sim.view(sim.display)["rounds"][0]["scores"][sim.sw]["score"] == 3


def test_the_chair_gives_the_score_of_someone_without_a_phone_hidden_until_the_reveal(sim):
    nan = sim.command(sim.chair, "member.add", {"name": "Nan", "role": "family_network", "present": True})
    nan_id = nan["result"]["member_id"]
    away = sim.command(sim.chair, "member.add", {"name": "Uncle", "role": "family_network", "present": False})
    rid = sim.command(sim.chair, "round.open", {})["result"]["id"]
    e = sim.command(
        sim.chair,
        "round.score_aloud",
        {"round_id": rid, "member_id": nan_id, "score": 7, "reason": "He tries"},
    )
    assert e["type"] == "round.scored_aloud" and e["payload"]["aloud"] is True and e["payload"]["count"] == 1
    # nobody — the chair included — sees it before the reveal; everyone sees the count
    for mid in sim.viewers():
        seen = sim.received[mid][-1]
        assert seen["payload"] == {"round_id": rid, "count": 1}, mid
        assert "scores" not in sim.view(mid)["rounds"][0] and "mine" not in sim.view(mid)["rounds"][0]
    # refused: not the chair, someone with a phone, an apology, a closed round, bad values
    assert (
        code(sim, sim.sw, "round.score_aloud", {"round_id": rid, "member_id": nan_id, "score": 3})
        == "forbidden"
    )
    assert (
        code(sim, sim.chair, "round.score_aloud", {"round_id": rid, "member_id": sim.mum, "score": 3})
        == "invalid"
    )
    apology = {"round_id": rid, "member_id": away["result"]["member_id"], "score": 3}
    assert code(sim, sim.chair, "round.score_aloud", apology) == "invalid"
    assert (
        code(sim, sim.chair, "round.score_aloud", {"round_id": rid, "member_id": "nope", "score": 3})
        == "not_found"
    )
    assert (
        code(sim, sim.chair, "round.score_aloud", {"round_id": rid, "member_id": nan_id, "score": 11})
        == "invalid"
    )
    sim.command(sim.chair, "round.close", {"round_id": rid})
    assert (
        code(sim, sim.chair, "round.score_aloud", {"round_id": rid, "member_id": nan_id, "score": 3})
        == "conflict"
    )
    revealed = sim.command(sim.chair, "round.reveal", {"round_id": rid})["payload"]
    assert revealed["scores"][nan_id] == {"score": 7, "reason": "He tries", "aloud": True}
    assert sim.view(sim.mum)["rounds"][0]["scores"][nan_id]["aloud"] is True


def test_revealing_an_open_round_closes_it(sim):
    rid = sim.command(sim.chair, "round.open", {})["result"]["id"]
    sim.command(sim.chair, "round.reveal", {"round_id": rid})
    assert sim.view(sim.chair)["rounds"][0]["status"] == "closed"
    assert sim.view(sim.chair)["rounds"][0]["summary"] == {"n": 0, "min": None, "max": None, "median": None}


# --- members ---------------------------------------------------------------------------


def test_member_admit_and_remove(sim):
    waiting = sim.join("Uncle Bo", "family_network", admit=False)
    assert sim.board.members[waiting]["status"] == "waiting"
    assert waiting not in [m["member_id"] for m in sim.view(sim.mum)["members"]]
    e = sim.command(sim.chair, "member.admit", {"member_id": waiting})
    assert e["type"] == "member.admitted" and e["payload"]["member"]["status"] == "admitted"
    assert code(sim, sim.chair, "member.admit", {"member_id": waiting}) == "conflict"
    r = sim.command(sim.chair, "member.remove", {"member_id": waiting})
    assert r["type"] == "member.removed" and r["payload"] == {"member_id": waiting}
    assert code(sim, sim.chair, "member.remove", {"member_id": waiting}) == "conflict"
    assert code(sim, sim.chair, "member.remove", {"member_id": sim.chair}) == "forbidden"
    assert code(sim, sim.chair, "member.admit", {"member_id": "nobody"}) == "not_found"
    assert code(sim, waiting, "item.add", {"column": "worries", "text": "x"}) == "unauthorized"


def test_member_add_for_people_without_a_phone_and_apologies(sim):
    e = sim.command(sim.chair, "member.add", {"name": "Dr Patel", "role": "health", "present": False})
    m = e["payload"]["member"]
    assert e["type"] == "member.added" and (m["kind"], m["present"], m["name"]) == (
        "offline",
        False,
        "Dr Patel",
    )
    assert code(sim, sim.chair, "member.add", {"name": "", "role": "health", "present": True}) == "invalid"
    assert code(sim, sim.chair, "member.add", {"name": "A", "role": "judge", "present": True}) == "invalid"
    assert code(sim, sim.chair, "member.add", {"name": "A", "role": "health", "present": "no"}) == "invalid"


def test_a_hundred_members_is_the_limit(sim):
    while sim.board.live_members() < v.MAX_MEMBERS:
        sim.command(sim.chair, "member.add", {"name": "P", "role": "health", "present": True})
    assert code(sim, sim.chair, "member.add", {"name": "P", "role": "health", "present": True}) == "too_large"


# --- closed session ---------------------------------------------------------------------


def test_closed_session_makes_things_private_and_silences_the_family(sim):
    assert sim.command(sim.chair, "session.close")["type"] == "session.closed"
    assert code(sim, sim.chair, "session.close") == "conflict"
    assert code(sim, sim.mum, "item.add", {"column": "worries", "text": "x"}) == "forbidden"
    assert code(sim, sim.child, "round.score", {"round_id": "x", "score": 1}) == "forbidden"
    e = sim.command(sim.sw, "item.add", {"column": "worries", "text": "police intelligence"})
    assert e["payload"]["item"]["private"] is True and e["vis"] == ["staff"]
    st = sim.command(sim.chair, "statement.add", {"kind": "danger", "who": "Police"})["payload"]["statement"]
    assert st["private"] is True
    assert sim.command(sim.chair, "session.open")["type"] == "session.opened"
    assert code(sim, sim.chair, "session.open") == "conflict"
    assert "police intelligence" not in repr(sim.view(sim.mum)) + repr(sim.view(sim.display))
    assert "police intelligence" in repr(sim.view(sim.sw))


# --- the conference ----------------------------------------------------------------------


def test_conference_update_focus_lock_unlock(sim):
    e = sim.command(
        sim.chair, "conference.update", {"title": "Review for Jo", "kind": "review_cp", "lobby": False}
    )
    assert e["type"] == "conference.updated"
    assert (e["payload"]["conference"]["title"], e["payload"]["conference"]["lobby"]) == (
        "Review for Jo",
        False,
    )
    assert code(sim, sim.chair, "conference.update", {}) == "invalid"
    assert code(sim, sim.chair, "conference.update", {"kind": "wedding"}) == "invalid"
    assert sim.command(sim.chair, "conference.focus", {"section": "scaling"})["payload"] == {
        "section": "scaling"
    }
    assert sim.command(sim.chair, "conference.focus", {"section": None})["payload"] == {"section": None}
    assert code(sim, sim.chair, "conference.focus", {"section": "kitchen"}) == "invalid"
    assert code(sim, sim.chair, "conference.focus", {}) == "invalid"
    assert sim.command(sim.chair, "conference.lock")["type"] == "conference.locked"
    assert code(sim, sim.chair, "conference.lock") == "conflict"
    assert sim.command(sim.chair, "conference.unlock")["type"] == "conference.unlocked"
    assert code(sim, sim.chair, "conference.unlock") == "conflict"


def test_decision_record_merges_fields(sim):
    first = sim.command(
        sim.chair,
        "decision.record",
        {"outcome": "continue_plan", "categories": ["sexual", "neglect", "neglect"]},
    )
    d = first["payload"]["decision"]
    assert first["type"] == "decision.recorded" and d["categories"] == ["neglect", "sexual"]
    second = sim.command(
        sim.chair, "decision.record", {"dissent": "Dad disagrees", "next_meeting": "2027-02-26"}
    )["payload"]["decision"]
    assert (second["outcome"], second["dissent"], second["next_meeting"]) == (
        "continue_plan",
        "Dad disagrees",
        "2027-02-26",
    )
    assert code(sim, sim.chair, "decision.record", {"outcome": "prison"}) == "invalid"
    assert code(sim, sim.chair, "decision.record", {"categories": ["bad"]}) == "invalid"
    assert code(sim, sim.chair, "decision.record", {"text": "x" * 5001}) == "invalid"


def test_conference_close_is_final(sim):
    sim.command(sim.chair, "session.close")
    assert code(sim, sim.chair, "conference.close") == "conflict"
    sim.command(sim.chair, "session.open")
    assert sim.command(sim.chair, "conference.close")["type"] == "conference.closed"
    for actor, kind in ((sim.chair, "conference.unlock"), (sim.chair, "item.add"), (sim.mum, "item.add")):
        assert (
            code(sim, actor, kind, {"column": "worries", "text": "x"} if kind == "item.add" else {})
            == "closed"
        )


def test_unknown_commands_and_shapes_are_invalid(sim):
    assert code(sim, sim.chair, "board.explode") == "invalid"
    assert code(sim, sim.chair, "item.add", "not an object") == "invalid"
    assert code(sim, sim.chair, "item.add", {"column": "worries", "text": "x", "extra": 1}) == "invalid"


def test_every_refusal_says_something_a_parent_could_read(sim):
    err = sim.refused(sim.mum, "item.move", {"id": "x", "column": "worries"})
    assert err.message[0].isupper() and err.message.endswith(".") and "_" not in err.message


# --- ranks -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "low, high",
    [(None, None), ("0001", None), ("0001", "0002"), ("3", "4"), ("3", "31"), (None, "0001"), ("zzzz", None)],
)
def test_rank_between_is_strictly_between(low, high):
    r = rank_between(low, high)
    assert (low or "") < r and (high is None or r < high) and not r.endswith("0")


def test_an_interpreter_sits_with_the_family_and_leaves_with_them(sim):
    interpreter = sim.join("Amira", "interpreter")
    sim.command(sim.chair, "session.close")
    private = sim.command(sim.sw, "item.add", {"column": "worries", "text": "Police intelligence"})
    assert code(sim, interpreter, "item.add", {"column": "worries", "text": "x"}) == "forbidden"
    assert private["payload"]["item"]["private"] is True
    sim.command(sim.chair, "session.open")
    texts = [i["text"] for i in sim.view(interpreter)["items"]]
    assert "Police intelligence" not in texts
    assert "Police intelligence" in [i["text"] for i in sim.view(sim.sw)["items"]]
