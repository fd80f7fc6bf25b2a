"""Every command x every kind of member, against a real server: allowed, or refused with the right code."""

from __future__ import annotations

from uuid import uuid4

import pytest

from conference.domain.commands import COMMANDS

from ..support import BoardClient, Room

ACTORS = [
    "display",
    "waiting",
    "family_in_closed_session",
    "participant",
    "family",
    "invited",
    "facilitator",
]  # the chair last: conference.close ends it
PARTICIPANT_COMMANDS = {
    "item.add",
    "item.edit",
    "item.delete",
    "item.respond",
    "round.score",
    "member.language",
    "report.submit",
    "correction.request",
}
# only someone the chair invited before the meeting sends a report (not even the chair)
INVITED_COMMANDS = {"report.submit"}
# a person's own setting: the family side may change it during a closed session too
CLOSED_SESSION_COMMANDS = {"member.language"}


def expected(command: str, actor: str) -> str:
    if actor == "family_in_closed_session" and command in CLOSED_SESSION_COMMANDS:
        return "ok"
    if actor in ("display", "waiting", "family_in_closed_session"):
        return "forbidden"
    if command in INVITED_COMMANDS:
        return "ok" if actor == "invited" else "forbidden"
    # someone invited before the meeting is not in it until the chair lets them in: their
    # score would count someone who is not there
    if actor == "invited" and command == "round.score":
        return "forbidden"
    if actor == "facilitator":
        return "ok"
    return "ok" if command in PARTICIPANT_COMMANDS else "forbidden"


def test_the_matrix_covers_every_command():
    # the matrix's own list (not read from the registry it checks) must match it
    chair_only = {name for name, spec in COMMANDS.items() if spec.chair_only}
    assert set(COMMANDS) - chair_only == PARTICIPANT_COMMANDS


class Setup:
    """Builds, through the chair, whatever a command needs to be valid for one actor."""

    def __init__(self, room: Room, clients: list):
        self.room, self.clients, self.chair = room, clients, room.chair

    def item(self, by: BoardClient) -> str:
        author = by if by in self.room.clients.values() else self.chair
        return author.ok("item.add", {"column": "worries", "text": "Dad shouts"})["result"]["id"]

    def pending_item(self) -> str:
        self.chair.ok("conference.update", {"moderation": True})
        iid = self.room.clients["Sam"].ok("item.add", {"column": "worries", "text": "pending"})["result"][
            "id"
        ]
        self.chair.ok("conference.update", {"moderation": False})
        return iid

    def statement(self) -> str:
        return self.chair.ok(
            "statement.add", {"kind": "danger", "who": "School", "behaviour": "b", "impact": "i"}
        )["result"]["id"]

    def open_round(self) -> str:
        snap = self.chair.snapshot()
        for r in snap["rounds"]:
            if r["status"] == "open":
                return r["id"]
        return self.chair.ok("round.open", {})["result"]["id"]

    def no_open_round(self) -> None:
        for r in self.chair.snapshot()["rounds"]:
            if r["status"] == "open":
                self.chair.ok("round.close", {"round_id": r["id"]})

    def closed_session(self, on: bool) -> None:
        if self.chair.snapshot()["conference"]["closed_session"] != on:
            self.chair.ok("session.close" if on else "session.open")

    def locked(self, on: bool) -> None:
        if (self.chair.snapshot()["conference"]["status"] == "locked") != on:
            self.chair.ok("conference.lock" if on else "conference.unlock")

    def payload(self, command: str, by: BoardClient) -> dict:
        if command == "item.add":
            return {"column": "worries", "text": "New worry"}
        if command == "item.edit":
            return {"id": self.item(by), "version": 1, "text": "changed"}
        if command == "item.move":
            return {"id": self.item(by), "column": "working_well"}
        if command == "item.delete":
            return {"id": self.item(by)}
        if command == "item.respond":
            return {"id": self.item(by), "text": "That has changed"}
        if command == "report.submit":
            return {"view": "A plan would help"}
        if command in ("item.accept", "item.reject"):
            return {"id": self.pending_item()}
        if command == "statement.add":
            return {"kind": "danger", "who": "School", "behaviour": "b", "impact": "i"}
        if command == "statement.edit":
            return {"id": self.statement(), "version": 1, "text": "t"}
        if command == "statement.delete":
            return {"id": self.statement()}
        if command == "round.open":
            self.no_open_round()
            return {}
        if command == "member.language":
            return {"language": "cy"}
        if command == "round.score":
            return {"round_id": self.open_round(), "score": 6, "reason": "getting better"}
        if command == "round.score_aloud":
            nan = self.chair.ok("member.add", {"name": "Nan", "role": "family_network", "present": True})
            return {"round_id": self.open_round(), "member_id": nan["result"]["member_id"], "score": 5}
        if command in ("round.close", "round.reveal"):
            return {"round_id": self.open_round()}
        if command == "member.admit":
            return {
                "member_id": self.room.server.join(self.room.conf["join_code"], "New", "health")[
                    "participant_id"
                ]
            }
        if command == "member.remove":
            self.room.add(self.clients, "Extra", "police")
            return {"member_id": self.room.ids["Extra"]}
        if command == "member.add":
            return {"name": "Aunt May", "role": "family_network", "present": False}
        if command == "session.close":
            self.closed_session(False)
            return {}
        if command == "session.open":
            self.closed_session(True)
            return {}
        if command == "conference.update":
            return {"title": "A new title", "moderation": False}
        if command == "conference.focus":
            return {"section": "worries"}
        if command == "conference.lock":
            self.locked(False)
            return {}
        if command == "conference.unlock":
            self.locked(True)
            return {}
        if command == "decision.record":
            return {"outcome": "cp_plan", "categories": ["neglect"]}
        if command == "conference.close":
            return {}
        if command == "children.set":
            return {"children": [{"name": "Jayden", "age": 6}]}
        if command == "network.set":
            return {"network": [{"name": "Nan", "does": "Stays over"}]}
        if command == "statement.review":
            carried = next(
                s for s in self.chair.snapshot()["statements"] if s.get("carried") and s["kind"] == "danger"
            )
            return {"id": carried["id"], "status": "still", "reason": "Two incidents"}
        if command == "record.correct":
            item = next(i for i in self.chair.snapshot()["items"])
            return {
                "target": "item",
                "id": item["id"],
                "field": "text",
                "text": f"corrected by {uuid4().hex[:6]}",
            }
        if command == "record.approve":
            return {}
        if command == "correction.request":
            return {"text": "It was Lee who shouted, not Dad."}
        if command in ("correction.accept", "correction.decline"):
            asked = self.room.clients["Sam"].ok("correction.request", {"text": "Police came too."})
            return {"id": asked["result"]["id"], "reason": "Checked with the notes."}
        if command == "item.review":
            carried = next(i for i in self.chair.snapshot()["items"] if i.get("carried"))
            return {"id": carried["id"], "status": "partly"}
        raise AssertionError(command)


def last_minutes() -> dict:
    """The full minutes of a small ended conference, so every room here is a review with
    something carried to review."""
    import json

    from conference.minutes import build_minutes

    from ..domain.harness import Sim

    sim = Sim()
    sim.command(sim.chair, "statement.add", {"kind": "danger", "who": "School", "behaviour": "Dad shouts"})
    sim.command(sim.chair, "item.add", {"column": "next_steps", "category": "actions", "text": "GP visit"})
    sim.command(sim.chair, "conference.close", {})
    return json.loads(json.dumps(build_minutes(sim.board, sim.log, "full", "2026-11-28T10:00:00Z")))


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_permission_matrix(server, clients, command):
    room = Room(
        server, clients, {"Sam": "social_worker", "Mum": "parent_carer"}, previous_minutes=last_minutes()
    )
    waiting = server.join(room.conf["join_code"], "Wendy", "family_network")
    members = {
        "display": room.display(clients),
        "waiting": BoardClient(server.url, waiting["participant_token"]),
        "family_in_closed_session": room.clients["Mum"],
        "participant": room.clients["Sam"],
        "family": room.clients["Mum"],
        "facilitator": room.chair,
        "invited": room.invite(clients, "Nurse Ann", "health", "Oak Surgery"),
    }
    clients.append(members["waiting"])
    setup = Setup(room, clients)
    after_end = COMMANDS[command].after_end
    if after_end:  # checking the record happens once the conference has ended
        room.chair.ok("conference.close")
    for actor in ACTORS:
        if after_end and actor == "family_in_closed_session":
            continue  # there is no closed session after the end
        client = members[actor]
        payload = setup.payload(command, client)
        if actor == "family_in_closed_session":
            setup.closed_session(True)
        before = room.chair.snapshot()["seq"]
        ack = client.cmd(command, payload)
        want = expected(command, actor)
        if want == "ok":
            assert ack["ok"] is True, (actor, ack)
            assert ack["seq"] == before + 1
        else:
            assert ack == {"ok": False, "error": {"code": want, "message": ack["error"]["message"]}}, (
                actor,
                ack,
            )
            assert ack["error"]["message"].endswith("."), ack
            assert room.chair.sync(before) == {"ok": True, "seq": before, "events": []}, "a refusal appended"
        if actor == "family_in_closed_session":
            setup.closed_session(False)
        if command != "conference.close" and not after_end:
            setup.locked(False)


@pytest.mark.parametrize(
    "auth", [None, {}, {"token": None}, {"token": 12345}, {"token": "not-a-real-token-at-all"}, "x"]
)
def test_bad_tokens_are_refused_at_connect(server, auth):
    import socketio

    sio = socketio.Client(reconnection=False)
    errors = []
    sio.on("connect_error", lambda data: errors.append(data), namespace="/board")
    with pytest.raises(socketio.exceptions.ConnectionError):
        sio.connect(server.url, namespaces=["/board"], auth=auth, transports=["websocket"], wait_timeout=5)
    sio.disconnect()
    assert errors, "no connect_error"
    assert errors[0]["code"] == "unauthorized" and errors[0]["message"], errors
