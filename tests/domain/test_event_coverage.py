"""Every event type is declared once (domain/events.py, from the command modules) with its
fold, its member view and its minutes sentence; each command makes its own; the browser's
fold handles exactly the declared types; and logs written before each command had its own
event type still fold and still tell the record right."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from conference.domain import commands, events, state, views
from conference.minutes import build_minutes
from conference.minutes.record import RecordTeller

from ..minutes.scenario import review_conference
from ..support import ROOT
from .harness import Sim

OLD_LOGS = Path(ROOT) / "tests" / "fixtures" / "log_before_one_event_per_command.json"


def one_of_each() -> tuple[dict[str, dict], Sim]:
    """A short session that makes every kind of event at least once; type -> stored event."""
    s = Sim()
    mum = s.join("Mum", "parent_carer")
    s.command(s.chair, "conference.update", {"moderation": True})
    s.command(s.chair, "children.set", {"children": [{"name": "Jo", "age": 7}]})
    s.command(s.chair, "network.set", {"network": [{"name": "Gran", "does": "Takes Jo to school"}]})
    pending = s.command(mum, "item.add", {"column": "worries", "text": "Dad shouts"})["result"]["id"]
    s.command(s.chair, "item.accept", {"id": pending})
    other = s.command(mum, "item.add", {"column": "worries", "text": "Lee visits"})["result"]["id"]
    s.command(s.chair, "item.reject", {"id": other})
    item = s.command(s.chair, "item.add", {"column": "worries", "text": "Late to school"})["result"]["id"]
    s.command(s.chair, "item.edit", {"id": item, "version": 1, "text": "Late to school often"})
    s.command(s.chair, "item.move", {"id": item, "column": "working_well"})
    s.command(s.chair, "item.delete", {"id": item})
    nurse = s.invite("Ann", "health", "Oak Surgery")
    s.open_link(nurse)
    s.command(nurse, "report.submit", {"view": "A plan would help"})
    s.command(mum, "item.respond", {"id": pending, "text": "He has stopped"})
    danger = s.command(s.chair, "statement.add", {"kind": "danger", "who": "School", "behaviour": "x"})[
        "result"
    ]["id"]
    s.command(s.chair, "statement.edit", {"id": danger, "version": 1, "impact": "hurt"})
    rid = s.command(s.chair, "round.open", {"statement_id": danger})["result"]["id"]
    s.command(mum, "round.score", {"round_id": rid, "score": 4})
    gran = s.command(s.chair, "member.add", {"name": "Gran", "role": "family_network", "present": True})
    s.command(
        s.chair, "round.score_aloud", {"round_id": rid, "member_id": gran["result"]["member_id"], "score": 6}
    )
    s.command(mum, "member.language", {"language": "cy"})
    s.command(s.chair, "round.close", {"round_id": rid})
    s.command(s.chair, "round.reveal", {"round_id": rid})
    s.command(s.chair, "statement.delete", {"id": danger})
    added = s.command(s.chair, "member.add", {"name": "Aunt May", "role": "family_network", "present": False})
    s.command(s.chair, "member.remove", {"member_id": added["result"]["member_id"]})
    s.command(s.chair, "session.close")
    s.command(s.chair, "session.open")
    s.command(s.chair, "conference.focus", {"section": "worries"})
    s.command(s.chair, "conference.lock")
    s.command(s.chair, "conference.unlock")
    s.command(s.chair, "decision.record", {"outcome": "continue_plan"})
    s.command(s.chair, "conference.close")
    s.command(
        s.chair, "record.correct", {"target": "member", "id": mum, "field": "name", "text": "Mum Smith"}
    )
    asked = [
        s.command(mum, "correction.request", {"text": f"It was {who}, not Dad", "about": pending})["result"][
            "id"
        ]
        for who in ("Lee", "Sam")
    ]
    s.command(s.chair, "correction.accept", {"id": asked[0], "reason": "Yes, it was Lee"})
    s.command(s.chair, "correction.decline", {"id": asked[1], "reason": "Everyone heard Dad"})
    s.command(s.chair, "record.approve")
    samples: dict[str, dict] = {}
    for event in s.log:
        samples.setdefault(event["type"], event)
    return samples, s


def samples_of_every_type() -> dict[str, tuple[dict, Sim]]:
    """type -> (a stored event, its session): one session, and a review for what only a
    review makes (its start from last time's minutes, the room's review of each thing)."""
    samples, sim = one_of_each()
    out = {kind: (e, sim) for kind, e in samples.items()}
    review = review_conference()
    for e in review.log:
        out.setdefault(e["type"], (e, review))
    return out


def browser_handles() -> list[str]:
    script = "import('./static/js/board-fold.js').then((m) => console.log(JSON.stringify(m.HANDLED)))"
    done = subprocess.run(["node", "-e", script], cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def test_each_command_makes_its_own_declared_event_type():
    made = [c.event for c in commands.COMMANDS.values()]
    assert all(kind in events.EVENTS for kind in made)
    shared = sorted({kind for kind in made if made.count(kind) > 1})
    assert shared == [], "two commands make one event type: the minutes could not tell them apart"
    # server-made events (starting a board, joining by code, starting a review) are declared too
    assert set(events.EVENTS) - set(made) == {
        "conference.created",
        "member.joined",
        "member.invited",
        "invitation.opened",
        "review.started",
    }


def test_every_event_type_is_made_folded_viewed_and_told():
    samples = samples_of_every_type()
    missing = [kind for kind in events.EVENTS if kind not in samples]
    assert missing == [], "add a command making each of these to one_of_each() above"
    for kind, (event, sim) in samples.items():
        told = RecordTeller(sim.board).tell(event)
        assert told and kind not in told and "{" not in told, (kind, told)


def test_the_browser_folds_exactly_the_declared_event_types():
    assert set(browser_handles()) == {*events.EVENTS, "hidden"}


def test_an_event_cannot_be_declared_without_its_fold_view_or_sentence():
    def fold(b, p, e):
        return None

    def view(snap, p):
        return None

    with pytest.raises(TypeError):
        events.declare("item.sparkled", fold, view)  # type: ignore[call-arg]  # no sentence
    with pytest.raises(AssertionError):
        events.declare("item.sparkled", fold, None, says=lambda t, p: "made it sparkle")  # type: ignore[arg-type]
    with pytest.raises(AssertionError):
        commands.registry.command("item.sparkle", "item.sparkled")(lambda *a: None)
    assert "item.sparkled" not in events.EVENTS and "item.sparkle" not in commands.COMMANDS


def test_each_member_receives_something_foldable_for_every_event():
    samples, sim = one_of_each()
    for mid in sim.viewers():
        assert sim.fold_of(mid) == sim.view(mid)


def _old_logs() -> dict[str, list[dict]]:
    return json.loads(OLD_LOGS.read_text())["logs"]


@pytest.mark.parametrize("name", ["first", "review", "aloud"])
def test_a_log_written_before_each_command_had_its_own_event_still_folds_and_exports(name):
    log = _old_logs()[name]
    board = state.fold(log)
    assert board.seq == len(log)
    chair = views.Viewer.of(board, "chair")
    folded: dict = {}
    for e in log:  # the chair's screen catching up on the old log, event by event
        folded = views.apply_view(folded, views.view_event(e, chair, state.fold(log[: e["seq"]])))
    assert folded == views.view_snapshot(board, chair)
    minutes = build_minutes(board, log, "full", "2026-11-28T10:00:00Z")
    said = [line["what"] for line in minutes["record"]]
    assert len(said) == len(log) and not any(line in {e["type"] for e in log} for line in said)


def test_the_old_logs_record_tells_what_each_command_was():
    logs = _old_logs()

    def record(name: str) -> list[str]:
        board = state.fold(logs[name])
        return [
            line["what"]
            for line in build_minutes(board, logs[name], "full", "2026-11-28T10:00:00Z")["record"]
        ]

    review = record("review")
    # the review's start, made as conference.updated then, is told as a start (it never was)
    assert review[1] == "started this review from the conference of 2026-11-27"
    assert sum(line.startswith("started this review") for line in review) == 1
    assert any(line.startswith("said of the action “GP appointment for Jo”: done") for line in review)
    assert any(" since last time: still the worry — Two incidents since" in line for line in review)
    assert any(line.endswith("gave a score aloud (entered by the chair)") for line in record("aloud"))


def test_todays_review_says_the_same_as_the_old_log_with_the_new_event_types():
    new = review_conference()
    old = _old_logs()["review"]
    assert [e["type"] for e in new.log] != [e["type"] for e in old]
    told_new = [
        line["what"] for line in build_minutes(new.board, new.log, "full", "2026-11-28T10:00:00Z")["record"]
    ]
    told_old = [
        line["what"] for line in build_minutes(state.fold(old), old, "full", "2026-11-28T10:00:00Z")["record"]
    ]
    assert told_new == told_old
