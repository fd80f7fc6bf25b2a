"""Every event type, registered once (domain/commands.py), is handled everywhere an event
goes: the server's fold, each member's projection and fold, the minutes' record, and the
browser's fold. Adding a command that forgets one of them fails here."""

from __future__ import annotations

import json
import subprocess

from conference.domain import commands, state, views
from conference.minutes.model import _describe

from ..support import ROOT
from .harness import Sim


def one_of_each() -> tuple[dict[str, dict], Sim]:
    """A short session that makes every kind of event at least once; type -> stored event."""
    s = Sim()
    mum = s.join("Mum", "parent_carer")
    s.command(s.chair, "conference.update", {"moderation": True})
    pending = s.command(mum, "item.add", {"column": "worries", "text": "Dad shouts"})["result"]["id"]
    s.command(s.chair, "item.accept", {"id": pending})
    other = s.command(mum, "item.add", {"column": "worries", "text": "Lee visits"})["result"]["id"]
    s.command(s.chair, "item.reject", {"id": other})
    item = s.command(s.chair, "item.add", {"column": "worries", "text": "Late to school"})["result"]["id"]
    s.command(s.chair, "item.edit", {"id": item, "version": 1, "text": "Late to school often"})
    s.command(s.chair, "item.move", {"id": item, "column": "working_well"})
    s.command(s.chair, "item.delete", {"id": item})
    danger = s.command(s.chair, "statement.add", {"kind": "danger", "who": "School", "behaviour": "x"})[
        "result"
    ]["id"]
    s.command(s.chair, "statement.edit", {"id": danger, "version": 1, "impact": "hurt"})
    rid = s.command(s.chair, "round.open", {"statement_id": danger})["result"]["id"]
    s.command(mum, "round.score", {"round_id": rid, "score": 4})
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
    s.command(s.chair, "decision.record", {"outcome": "cp_plan"})
    s.command(s.chair, "conference.close")
    s.command(
        s.chair, "record.correct", {"target": "member", "id": mum, "field": "name", "text": "Mum Smith"}
    )
    s.command(s.chair, "record.approve")
    samples: dict[str, dict] = {}
    for event in s.log:
        samples.setdefault(event["type"], event)
    return samples, s


def browser_handles() -> list[str]:
    script = "import('./static/js/board-fold.js').then((m) => console.log(JSON.stringify(m.HANDLED)))"
    done = subprocess.run(["node", "-e", script], cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def test_every_event_type_is_handled_by_every_fold_projection_and_the_minutes():
    samples, sim = one_of_each()
    types = commands.event_types()
    assert len(types) == len(set(types)), "an event type is registered twice"
    browser = set(browser_handles())
    missing = []
    for kind in types:
        if kind not in samples:
            missing.append(f"{kind}: the scenario above never makes it (add it there)")
            continue
        if kind not in state.HANDLERS:
            missing.append(f"{kind}: the server's fold (domain/state.py HANDLERS)")
        if kind not in views.VIEW_HANDLERS:
            missing.append(f"{kind}: a member's fold (domain/views.py VIEW_HANDLERS)")
        if kind not in browser:
            missing.append(f"{kind}: the browser's fold (static/js/board-fold.js HANDLERS)")
        described = _describe(sim.board, kind, samples[kind]["payload"], {})
        if described == kind or kind in described:
            missing.append(f"{kind}: the minutes' record (minutes/model.py _describe)")
    assert missing == []
    # and nothing handles a type that no longer exists
    assert set(state.HANDLERS) == set(types)
    assert set(views.VIEW_HANDLERS) == {*types, "hidden"}
    assert browser == {*types, "hidden"}


def test_each_member_receives_something_foldable_for_every_event():
    samples, sim = one_of_each()
    for mid in sim.viewers():
        assert sim.fold_of(mid) == sim.view(mid)
