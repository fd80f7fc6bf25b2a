"""One rich conference for the minutes tests, built through the real command rules."""

from __future__ import annotations

from ..domain.harness import Sim

SCRIPT = "<script>alert('x')</script> Dad *shouts* [at] _night_ & breaks things"
PRIVATE_TEXTS = [
    "PRIVATE police intelligence",
    "PRIVATE concern about Dad's new partner",
    "PRIVATE round question",
]
SECRET_REASONS = ["SECRETREASON never shown", "SECRETTOO nor this"]
PENDING_TEXT = "PENDINGTEXT still waiting for the chair"
REJECTED_TEXT = "REJECTEDTEXT the chair said no"


def rich_conference() -> Sim:
    s = Sim()
    s.mum = s.join("Łucja Wójcik", "parent_carer")
    s.sw = s.join("Ioana Șerban", "social_worker")
    s.child = s.join("Олена", "child_young_person")
    s.gran = s.join("Nain Jones", "family_network")
    s.command(s.chair, "member.add", {"name": "Dr Okafor", "role": "health", "present": False})
    s.command(s.chair, "member.add", {"name": "Mr Patel", "role": "education", "present": True})
    s.children = s.command(
        s.chair, "children.set", {"children": [{"name": "Jo", "age": 7}, {"name": "Sky", "age": 3}]}
    )["payload"]["conference"]["children"]
    s.command(
        s.chair,
        "network.set",
        {"network": [{"name": "Nain Jones", "does": "Takes the children if Dad drinks"}]},
    )
    s.command(s.chair, "item.add", {"column": "worries", "category": "past_harm", "text": SCRIPT})
    s.command(
        s.sw,
        "item.add",
        {
            "column": "worries",
            "category": "future_danger",
            "text": "Jo could be hurt if the shouting goes on",
        },
    )
    s.command(
        s.child,
        "item.add",
        {
            "column": "worries",
            "text": "I hide under my bed when Dad shouts",
            "voice": "child",
            "child_id": s.children[0]["id"],
            "heard_how": "three_houses_worries",
        },
    )
    s.command(
        s.gran,
        "item.add",
        {
            "column": "working_well",
            "category": "existing_safety",
            "text": "Gran takes the children when Dad has been drinking",
        },
    )
    s.command(
        s.mum,
        "item.add",
        {
            "column": "working_well",
            "category": "existing_strengths",
            "text": "Mum walks Jo to school every day",
        },
    )
    s.command(
        s.chair,
        "item.add",
        {
            "column": "next_steps",
            "category": "actions",
            "text": "GP appointment for Jo",
            "owner": "Łucja Wójcik",
            "due": "2026-12-04",
        },
    )
    s.command(
        s.chair,
        "item.add",
        {
            "column": "next_steps",
            "category": "actions",
            "text": "Dad to start the alcohol service",
            "owner": "Dad",
            "due": "2026-12-18",
        },
    )
    s.command(
        s.chair,
        "item.add",
        {
            "column": "next_steps",
            "category": "family_goals",
            "text": "We want the children to feel safe at home",
        },
    )
    s.command(s.chair, "conference.update", {"moderation": True})
    s.pending = s.command(s.mum, "item.add", {"column": "worries", "text": PENDING_TEXT})["result"]["id"]
    rejected = s.command(s.mum, "item.add", {"column": "worries", "text": REJECTED_TEXT})["result"]["id"]
    s.command(s.chair, "item.reject", {"id": rejected})
    s.command(s.chair, "conference.update", {"moderation": False})
    danger = s.command(
        s.chair,
        "statement.add",
        {
            "kind": "danger",
            "who": "The school and Ioana",
            "behaviour": "Dad shouts and throws things when he has been drinking",
            "impact": "Jo could be hurt or too frightened to come home",
            "disagreement": "Dad",
        },
    )["result"]["id"]
    s.command(
        s.chair,
        "statement.add",
        {
            "kind": "safety_goal",
            "text": "Dad will be calm and sober whenever he looks after Jo, for six months",
            "pairs_with": danger,
        },
    )
    s.danger = danger
    r1 = s.command(s.chair, "round.open", {"question": "Where are things today?"})["result"]["id"]
    for who, score, reason in (
        (s.mum, 7, "Things are calmer since the summer"),
        (s.sw, 3, "Two incidents this month"),
        (s.child, 6, None),
        (s.gran, 8, "I see them every day"),
    ):
        s.command(who, "round.score", {"round_id": r1, "score": score, "reason": reason})
    s.command(s.chair, "round.close", {"round_id": r1})
    s.command(s.chair, "round.reveal", {"round_id": r1})
    r2 = s.command(
        s.chair, "round.open", {"question": "How safe is Jo from the shouting?", "statement_id": danger}
    )["result"]["id"]
    s.command(s.mum, "round.score", {"round_id": r2, "score": 9, "reason": SECRET_REASONS[0]})
    s.command(s.sw, "round.score", {"round_id": r2, "score": 2, "reason": SECRET_REASONS[1]})
    s.command(s.chair, "round.close", {"round_id": r2})
    s.command(s.chair, "session.close")
    s.command(s.sw, "item.add", {"column": "worries", "text": PRIVATE_TEXTS[0]})
    s.command(
        s.chair,
        "statement.add",
        {"kind": "danger", "who": "Police", "behaviour": PRIVATE_TEXTS[1], "impact": "x"},
    )
    rp = s.command(s.chair, "round.open", {"question": PRIVATE_TEXTS[2]})["result"]["id"]
    s.command(s.chair, "round.reveal", {"round_id": rp})
    s.command(s.chair, "session.open")
    s.command(
        s.chair,
        "decision.record",
        {
            "outcome": "continue_plan",
            "categories": ["emotional", "neglect"],
            "text": "A child protection plan, because of the shouting and drinking.",
            "dissent": "Dad does not agree with the plan.",
            "next_meeting": "2027-02-26",
            "per_child": [
                {"child_id": s.children[0]["id"], "outcome": "continue_plan", "categories": ["emotional"]},
                {
                    "child_id": s.children[1]["id"],
                    "outcome": "end_plan",
                    "dissent": "Ioana thinks Sky needs a plan too",
                },
            ],
            "agencies": [{"agency": "School", "plan": True, "why": "Jo is frightened at school"}],
            "lead_social_worker": "Ioana Șerban",
            "first_core_group": "2026-12-10",
        },
    )
    s.command(s.chair, "conference.close")
    return s


def review_conference() -> Sim:
    """The review three months later, started from the rich conference's full JSON minutes:
    the carried statement is still the worry, one action done, one partly, scores moved."""
    import json

    from conference.domain.commands import carry
    from conference.domain.previous_minutes import read_previous
    from conference.minutes import build_minutes

    first = rich_conference()
    doc = json.loads(json.dumps(build_minutes(first.board, first.log, "full", "2026-11-28T10:00:00Z")))
    s = Sim(day="2027-02-26")
    for decision in carry(s.board, read_previous(doc), s.chair, s.ctx()):
        s._append(decision, s.chair)
    s.mum = s.join("Łucja Wójcik", "parent_carer")
    s.sw = s.join("Ioana Șerban", "social_worker")
    danger = next(st for st in s.board.statements.values() if st["kind"] == "danger" and not st["private"])
    s.command(
        s.chair, "statement.review", {"id": danger["id"], "status": "still", "reason": "Two incidents since"}
    )
    for item in list(s.board.items.values()):
        status, note = (
            ("done", "Seen on 3 December")
            if item["text"].startswith("GP")
            else ("partly", "On the waiting list")
        )
        s.command(s.chair, "item.review", {"id": item["id"], "status": status, "note": note})
    rid = s.command(s.chair, "round.open", {"statement_id": danger["id"]})["result"]["id"]
    s.command(s.mum, "round.score", {"round_id": rid, "score": 6})
    s.command(s.sw, "round.score", {"round_id": rid, "score": 5})
    s.command(s.chair, "round.reveal", {"round_id": rid})
    s.command(s.chair, "decision.record", {"outcome": "continue_plan"})
    s.command(s.chair, "conference.close")
    return s
