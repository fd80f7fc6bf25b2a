"""Property tests: random command sequences from several members keep the fold and the views honest."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from conference.domain import commands, state, views
from conference.domain import vocabulary as v
from conference.domain.errors import DomainError

from .harness import Sim

TEXTS = st.sampled_from(
    ["Dad shouts", "  Mum walks us to school ", "", "x" * 501, "bad\x07", "Gran visits\non Sundays"]
)
# how often each command is drawn (others once): every registered command is, so a new one
# is fuzzed from the day it is registered (payload_for fails until it can say its payload)
WEIGHTS = {
    "item.add": 6,
    "item.edit": 3,
    "item.move": 2,
    "item.accept": 2,
    "statement.add": 2,
    "round.open": 2,
    "round.score": 4,
    "round.score_aloud": 2,
    "round.reveal": 2,
    "session.close": 2,
    "session.open": 2,
    "conference.unlock": 2,
    "report.submit": 8,
}
COMMAND_TYPES = [name for name in sorted(commands.COMMANDS) for _ in range(WEIGHTS.get(name, 1))] + [
    "join",
    "invite",
    "open",  # an invited professional's screen connects (the first time is kept)
    "meeting_at",  # the meeting's date, ahead of the clock or passed
]


def pick_id(data, pool):
    choices = sorted(pool)
    return data.draw(st.sampled_from(choices * 3 + ["nope"] if choices else ["nope"]))


def payload_for(data, sim: Sim, kind: str) -> dict:
    b = sim.board
    items, stmts, rounds = b.items, b.statements, b.rounds
    draw = data.draw
    if kind == "item.add":
        column = draw(st.sampled_from(v.COLUMN_ORDER))
        p = {"column": column, "text": draw(TEXTS)}
        if draw(st.booleans()):
            p["category"] = draw(st.sampled_from([*v.CATEGORIES[column], "nonsense"]))
        if draw(st.booleans()):
            p["voice"] = "child"
        if column == "next_steps":
            # a person, a date, both or neither (the plan's rule, in_plan, turns on them)
            p["owner"] = draw(st.sampled_from(["Sam", None]))
            p["due"] = draw(st.sampled_from([None, "2026-12-01"]))
        if draw(st.integers(0, 3)) == 0:  # kept from the family before the meeting
            p["private"] = draw(st.sampled_from([True, False, "yes"]))
        return p
    if kind == "item.edit":
        iid = pick_id(data, items)
        version = items[iid]["version"] if iid in items else 1
        p = {"id": iid, "version": draw(st.sampled_from([version, version - 1]))}
        if draw(st.integers(0, 3)) == 0:
            p["private"] = draw(st.booleans())
        else:
            p["text"] = draw(TEXTS)
        return p
    if kind == "item.move":
        column = draw(st.sampled_from(v.COLUMN_ORDER))
        p = {"id": pick_id(data, items), "column": column}
        if draw(st.booleans()):
            p["before"] = pick_id(data, [i for i, it in items.items() if it["column"] == column])
        return p
    if kind in ("item.delete", "item.accept", "item.reject"):
        return {"id": pick_id(data, items)}
    if kind == "statement.add":
        if draw(st.booleans()):
            return {"kind": "danger", "who": "School", "behaviour": draw(TEXTS), "impact": "hurt"}
        return {
            "kind": "safety_goal",
            "text": draw(TEXTS),
            "pairs_with": draw(st.sampled_from([None, *stmts])),
        }
    if kind == "statement.edit":
        sid = pick_id(data, stmts)
        version = stmts[sid]["version"] if sid in stmts else 1
        return {"id": sid, "version": version, "text": draw(TEXTS)}
    if kind == "statement.delete":
        return {"id": pick_id(data, stmts)}
    if kind == "round.open":
        # how the phones draw the ladder: each scale, left out, or one that isn't (refused)
        scale = draw(st.sampled_from([*v.SCALES, None, "stars"]))
        return {"statement_id": draw(st.sampled_from([None, *stmts]))} | ({"scale": scale} if scale else {})
    if kind == "round.score":
        return {"round_id": pick_id(data, rounds), "score": draw(st.integers(-1, 11)), "reason": draw(TEXTS)}
    if kind == "round.score_aloud":
        offline = [m for m, mem in b.members.items() if mem["kind"] == "offline"]
        return {
            "round_id": pick_id(data, rounds),
            "member_id": pick_id(data, offline),
            "score": draw(st.integers(-1, 11)),
            "reason": draw(TEXTS),
        }
    if kind in ("round.close", "round.reveal"):
        return {"round_id": pick_id(data, rounds)}
    if kind in ("member.admit", "member.remove"):
        return {"member_id": pick_id(data, b.members)}
    if kind == "member.add":
        return {"name": "Aunt May", "role": "family_network", "present": draw(st.booleans())}
    if kind == "conference.update":
        return draw(
            st.sampled_from(
                [
                    {"lobby": False},
                    {"lobby": True},
                    {"moderation": True},
                    {"moderation": False},
                    {"title": "New"},
                ]
            )
        )
    if kind == "conference.focus":
        return {"section": draw(st.sampled_from([None, *v.FOCUS_SECTIONS]))}
    if kind == "decision.record":
        return {"outcome": "cp_plan", "categories": ["neglect"], "text": draw(TEXTS)}
    if kind == "member.language":
        return {"language": draw(st.sampled_from([*v.LANGUAGES, "xx"]))}
    if kind == "children.set":
        return {"children": [{"name": draw(TEXTS), "age": draw(st.integers(-1, 19))}]}
    if kind == "network.set":
        return {"network": [{"name": "Gran", "does": draw(TEXTS)}]}
    if kind == "statement.review":
        return {"id": pick_id(data, stmts), "status": draw(st.sampled_from([*v.STATEMENT_REVIEW, "x"]))}
    if kind == "item.review":
        return {"id": pick_id(data, items), "status": draw(st.sampled_from([*v.ACTION_REVIEW, "x"]))}
    if kind == "record.correct":
        fix = draw(
            st.sampled_from(
                [
                    {"target": "item", "id": pick_id(data, items), "field": "text"},
                    {
                        "target": "decision",
                        "id": "decision",
                        "field": draw(st.sampled_from(["text", "dissent"])),
                    },
                ]
            )
        )
        if draw(st.booleans()):  # answering a request (accepted or not)
            fix["correction"] = pick_id(data, b.corrections)
        return dict(fix, text=draw(TEXTS))
    if kind in ("session.close", "session.open", "conference.lock", "conference.unlock", "conference.close"):
        return {}
    if kind == "record.approve":
        return {}
    if kind == "report.submit":
        return draw(st.sampled_from([{}, {"view": draw(TEXTS)}, {"view": "x" * 5001}]))
    if kind == "item.respond":
        return {"id": pick_id(data, items), "text": draw(TEXTS)}
    if kind == "correction.request":
        return {"text": draw(TEXTS), "about": draw(st.sampled_from([None, "the second worry", *items]))}
    if kind in ("correction.accept", "correction.decline"):
        return {"id": pick_id(data, b.corrections), "reason": draw(st.one_of(st.none(), TEXTS))}
    raise AssertionError(f"{kind} is a command: say here what its payload looks like, so it is fuzzed")


def assert_nothing_leaks(snap_or_event: dict, viewer: views.Viewer, board: state.Board) -> None:
    # scores: nobody, not even the chair, gets another person's score before the reveal
    if snap_or_event.get("type") in ("round.scored", "round.scored_aloud"):
        payload = snap_or_event["payload"]
        # a score given aloud for someone without a phone reaches nobody, the chair included
        assert set(payload) <= {"round_id", "count", "mine"}
        if "mine" in payload:
            assert snap_or_event["actor"] == viewer.member_id
    for r in _rounds_in(snap_or_event):
        if not r.get("revealed"):
            assert "scores" not in r and "summary" not in r
        if "mine" in r:
            assert r["mine"] == board.scores[r["id"]][viewer.member_id]
    for item in _items_in(snap_or_event):
        if viewer.is_chair:
            continue
        if item["private"]:
            assert viewer.side == "staff", item
        if item.get("held"):  # in an invited professional's report not sent yet
            assert viewer.side == "staff", item
        if item["status"] == "pending":
            assert item["author"] == viewer.member_id, item
    for s in _statements_in(snap_or_event):
        if s["private"]:
            assert viewer.side != "family", s
    for r in _rounds_in(snap_or_event):
        if r.get("private"):
            assert viewer.side != "family", r
        if not r["revealed"]:
            assert "scores" not in r
        # every phone knows how to draw the ladder (round.open refused any other scale)
        assert r["scale"] in v.SCALES, r


def _walk(obj, key):
    if isinstance(obj, dict):
        for k, val in obj.items():
            if k == key and isinstance(val, dict):
                yield val
            elif k == key and isinstance(val, list):
                yield from val
            else:
                yield from _walk(val, key)
    elif isinstance(obj, list):
        for x in obj:
            yield from _walk(x, key)


def _items_in(obj):
    yield from _walk(obj, "item")
    yield from _walk(obj, "items")


def _statements_in(obj):
    yield from _walk(obj, "statement")
    yield from _walk(obj, "statements")


def _rounds_in(obj):
    yield from _walk(obj, "round")
    yield from _walk(obj, "rounds")


def random_session(data, steps: tuple[int, int] = (5, 60), after_each=None) -> Sim:
    """A random session: several members sending random commands. `after_each(sim, kind)`
    runs after every applied command (the property test checks there; tests/js's export
    records there)."""
    sim = Sim(lobby=data.draw(st.booleans()), moderation=data.draw(st.booleans()))
    people = [
        sim.join("Mum", "parent_carer"),
        sim.join("Jo", "child_young_person"),
        sim.join("Sam", "social_worker"),
    ]
    if data.draw(st.booleans()):  # a professional writing their report before the meeting
        nurse = sim.invite("Ann Nurse", "health", "Oak Surgery")
        people.append(nurse)
        for column, text in (("worries", "Missed appointments"), ("working_well", "Jo is growing well")):
            sim.command(nurse, "item.add", {"column": column, "text": text})
    for _ in range(data.draw(st.integers(*steps))):
        kind = data.draw(st.sampled_from(COMMAND_TYPES))
        if kind not in ("item.add", "item.edit", "item.delete", "round.score"):
            kind = data.draw(st.sampled_from([kind] * 40 + ["conference.close"]))
        invited = [m for m in people if sim.board.members[m].get("invited")]
        actor = data.draw(st.sampled_from([sim.chair, sim.chair, sim.chair, sim.display, *people, *invited]))
        if kind == "report.submit" and invited and data.draw(st.booleans()):
            actor = data.draw(st.sampled_from(invited))
        before = sim.board.seq
        try:
            if kind == "invite":
                people.append(
                    sim.invite(
                        "Nurse Ann",
                        # mostly a professional who sends a report; sometimes a role refused
                        data.draw(st.sampled_from(["health", "education", "police", *sorted(v.ROLES)])),
                        data.draw(st.sampled_from([None, "Oak School"])),
                    )
                )
            elif kind == "open":
                if sim.open_link(data.draw(st.sampled_from(people))) is None:
                    continue
            elif kind == "meeting_at":
                when = data.draw(st.sampled_from(["2026-12-02T10:00", "2026-11-20T10:00", None]))
                sim.command(sim.chair, "conference.update", {"meeting_at": when})
            elif kind == "join":
                people.append(
                    sim.join(
                        "Dr Lee", data.draw(st.sampled_from(sorted(v.ROLES))), admit=data.draw(st.booleans())
                    )
                )
            else:
                sim.command(actor, kind, payload_for(data, sim, kind))
        except DomainError as err:
            assert sim.board.seq == before, "a refusal appended something"
            assert err.message and err.code
            event(f"refused {err.code}")
            continue
        event(f"applied {kind}")
        if after_each is not None:
            after_each(sim, kind)
    return sim


def check_after(sim: Sim, kind: str) -> None:
    # the log is gap-free and folding it from scratch gives the same board
    assert [e["seq"] for e in sim.log] == list(range(1, len(sim.log) + 1))
    fresh = state.fold(sim.log)
    chair = views.Viewer.of(sim.board, sim.chair)
    assert views.view_snapshot(fresh, chair) == views.view_snapshot(sim.board, chair)
    assert fresh.scores == sim.board.scores
    # as a store reads it back (every string its own copy), the items are the same dicts
    assert state.fold(json.loads(json.dumps(sim.log))).items == sim.board.items
    # an item is held from the family only while its author's report is not sent
    for item in sim.board.items.values():
        if item.get("held"):
            author = sim.board.members[item["author"]]
            assert author.get("invited") and not author.get("report_submitted_at"), item

    for mid in sim.viewers():
        viewer = views.Viewer.of(sim.board, mid)
        # every member's log is gap-free and its fold is the projected snapshot
        assert [e["seq"] for e in sim.received[mid]] == list(range(1, sim.board.seq + 1))
        snap = sim.view(mid)
        assert sim.fold_of(mid) == snap, f"viewer {mid} ({viewer.side}) diverged after {kind}"
        assert_nothing_leaks(snap, viewer, sim.board)
        assert_nothing_leaks(sim.received[mid][-1], viewer, sim.board)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_random_sequences_keep_log_fold_and_views_consistent(data):
    random_session(data, after_each=check_after)
