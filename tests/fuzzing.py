"""A fuzzer for the /board contract, shared by tests/integration/test_fuzz.py (≈5,000
messages) and bench/fuzz.py (100,000): every seat of a conference sends plausible,
mutated and malformed messages, junk frames go over bare websockets, and at the end

- every message that carried an acknowledgement was answered,
- every seat's own fold of what it received equals its snapshot,
- no marker text reached a seat that may not see it (closed-session words, rejected
  items, scores of a round not yet revealed),
- the minutes of the board export in every format and copy,
- the server printed no traceback.
"""

from __future__ import annotations

import io
import json
import random
import re
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

import requests
import socketio

from conference.domain import views
from conference.domain.commands import COMMANDS as REGISTERED

from .hostile import HOSTILE
from .support import BoardClient, RawSocket

LONE = "\ud83d"
TEXTS = [
    "Dad shouts when he has been drinking",
    "Nan picks the children up from school",
    "",
    "   ",
    "x" * 501,
    "y" * 5001,
    f"half {LONE} emoji",
    "non-character \uffff",
    "bell \x07",
    "zero\u200bwidth",
    "\u202eright to left",
    "e\u0301 decomposed",
    "😀" * 100,
    *HOSTILE[:12],
]
JUNK_VALUES: list[Any] = [None, True, -1, 2**70, 1.5, "", [], {}, [[[]]], {"a": {"b": {}}}, "é" * 70]
# every registered command (a new one is fuzzed from the day it is registered), some more often
WEIGHTS = {"item.add": 3, "round.score": 2}
# left out, with the reason: ending the board would make the rest of a run refusals
LEFT_OUT = {"conference.close"}
COMMANDS = [
    *(name for name in sorted(REGISTERED) if name not in LEFT_OUT for _ in range(WEIGHTS.get(name, 1))),
    "no.such.command",
]
COLUMNS = ["worries", "working_well", "next_steps", "nowhere"]
# PRIVATE:n (said in a closed session), REJECT:n (an item the chair rejected),
# SCORE:round:seat:n (a score's reason, hidden from others until the round is revealed)
MARKER = re.compile(r"(PRIVATE|REJECT):(\d+)|SCORE:([^:\"]*):([a-z]+):(\d+)")


@dataclass
class Tally:
    sent: int = 0
    answered: int = 0
    unanswered: int = 0
    junk_frames: int = 0
    codes: dict[str, int] = field(default_factory=dict)
    leaks: list[str] = field(default_factory=list)
    fold_mismatches: list[str] = field(default_factory=list)
    minutes_failures: list[str] = field(default_factory=list)
    replays_wrong: int = 0

    def count(self, answer: Any) -> None:
        self.answered += 1
        if isinstance(answer, dict):
            code = "ok" if answer.get("ok") else (answer.get("error") or {}).get("code", "?")
            self.codes[code] = self.codes.get(code, 0) + 1


class Seat:
    def __init__(self, name: str, url: str, token: str, family: bool, waiting: bool = False):
        self.name, self.family, self.waiting = name, family, waiting
        self.client = BoardClient(url, token)
        self.member_id = self.client.hello["you"]["member_id"]
        self.start: dict | None = None
        self.board: dict | None = None
        self.folded = 0  # how many received events the fold has looked at
        self.gap: str | None = None
        self.done_ops: dict[str, int] = {}
        if not waiting:
            answer = self.client.sync(0)
            assert answer["ok"], answer
            self.start = answer["snapshot"]
            self.board = json.loads(json.dumps(self.start))

    def fold(self) -> dict:
        """The board as this seat built it from its first snapshot and the events it got
        since, in the order they came (a gap is recorded, never papered over)."""
        assert self.board is not None
        events = self.client.events
        while self.folded < len(events):
            event = events[self.folded]
            self.folded += 1
            if event["seq"] <= self.board["seq"]:
                continue
            if event["seq"] != self.board["seq"] + 1:
                self.gap = self.gap or f"{self.name}: seq {event['seq']} came after {self.board['seq']}"
                break
            self.board = views.apply_view(self.board, event)
        return self.board


class Fuzzer:
    """One conference, six seats, and a random stream of messages from them."""

    def __init__(self, server, seed: int = 1):
        self.server, self.rng = server, random.Random(seed)
        self.tally = Tally()
        conf = server.create(title="Fuzzed review conference", kind="review_cp")
        self.conf, self.id = conf, conf["conference_id"]
        url = server.url
        self.chair = Seat("chair", url, conf["facilitator_token"], family=False)
        self.display = Seat("display", url, conf["display_token"], family=True)
        people = {"mum": "parent_carer", "jay": "child_young_person", "sw": "social_worker"}
        self.seats = {"chair": self.chair, "display": self.display}
        for name, role in people.items():
            joined = server.join(conf["join_code"], name.title(), role)
            self._call(
                self.chair, "command", self._cmd("member.admit", {"member_id": joined["participant_id"]})
            )
            seat = Seat(name, url, joined["participant_token"], family=role != "social_worker")
            self.seats[name] = seat
        lobby = server.join(conf["join_code"], "Someone waiting", "family_network")
        self.seats["waiting"] = Seat("waiting", url, lobby["participant_token"], family=True, waiting=True)
        self.closed_session = False
        self.revealed: set[str] = set()
        self.n = 0

    # -- sending ------------------------------------------------------------------------

    def _cmd(self, type_: str, payload: Any, op_id: str | None = None) -> dict:
        return {"op_id": op_id or uuid.uuid4().hex, "type": type_, "payload": payload}

    def _call(self, seat: Seat, name: str, data: Any) -> Any:
        self.tally.sent += 1
        try:
            answer = seat.client.call(name, data, timeout=10)
        except socketio.exceptions.TimeoutError:
            self.tally.unanswered += 1
            return None
        self.tally.count(answer)
        if name == "command" and isinstance(data, dict) and isinstance(answer, dict) and answer.get("ok"):
            op = data.get("op_id")
            if isinstance(op, str):
                seat.done_ops[op] = answer["seq"]
            self._note(data, answer)
        return answer

    def _note(self, data: dict, answer: dict) -> None:
        kind = data.get("type")
        if kind == "session.close":
            self.closed_session = True
        elif kind == "session.open":
            self.closed_session = False
        elif kind == "round.reveal":
            self.revealed.add(data["payload"]["round_id"])

    # -- what a seat knows ------------------------------------------------------------------

    def _known(self, seat: Seat) -> dict:
        if seat.board is None:
            return {"items": [], "statements": [], "rounds": [], "members": []}
        return seat.fold()

    def _pick(self, rows: list[dict], key: str = "id") -> Any:
        rows = [r for r in rows if not MARKER.search(json.dumps(r))]
        if rows and self.rng.random() < 0.85:
            return self.rng.choice(rows)[key]
        return self.rng.choice(["nope", "", None, 7, "x" * 80])

    def _text(self) -> Any:
        r = self.rng.random()
        if r < 0.6:
            return f"{self.rng.choice(TEXTS[:2])} {self.n}"
        if r < 0.95:
            return self.rng.choice(TEXTS)
        return self.rng.choice(JUNK_VALUES)

    def _payload(self, seat: Seat, type_: str) -> dict:
        board = self._known(seat)
        rng = self.rng
        items, statements, rounds = board["items"], board["statements"], board["rounds"]
        open_rounds = [r for r in rounds if r["status"] == "open"]
        others = [m for m in board["members"] if m["kind"] == "offline" and m.get("status") != "removed"]
        lobby_seat = self.seats["waiting"].member_id
        waiting = [
            m for m in board["members"] if m.get("status") == "waiting" and m["member_id"] != lobby_seat
        ]
        version = lambda rows, i: next((r["version"] for r in rows if r["id"] == i), 1)  # noqa: E731
        p: dict[str, Any]
        if type_ == "item.add":
            p = {"column": rng.choice(COLUMNS), "text": self._text()}
            if rng.random() < 0.3:
                p["category"] = rng.choice(["danger", "past_harm", "strengths", None, "bogus"])
        elif type_ == "item.edit":
            i = self._pick(items)
            p = {"id": i, "version": version(items, i) if rng.random() < 0.8 else 0, "text": self._text()}
        elif type_ == "item.move":
            p = {"id": self._pick(items), "column": rng.choice(COLUMNS)}
            if rng.random() < 0.3:
                p["before"] = self._pick(items)
        elif type_ in ("item.delete", "item.accept", "item.reject"):
            p = {"id": self._pick(items)}
        elif type_ == "statement.add":
            kind = rng.choice(["danger", "safety_goal", "worry"])
            p = (
                {"kind": kind, "text": self._text()}
                if kind != "danger"
                else {"kind": kind, "who": "School", "behaviour": self._text()}
            )
        elif type_ == "statement.edit":
            s = self._pick(statements)
            p = {"id": s, "version": version(statements, s), "text": self._text()}
        elif type_ == "statement.delete":
            p = {"id": self._pick(statements)}
        elif type_ == "round.open":
            p = {"question": self._text()} if rng.random() < 0.3 else {}
        elif type_ == "round.score":
            rid = self._pick(open_rounds or rounds)
            score = rng.choice([0, 5, 10, 11, -1, "5", 4.5])
            p = {"round_id": rid, "score": score, "reason": f"SCORE:{rid}:{seat.name}:{self.n}"}
        elif type_ in ("round.close", "round.reveal"):
            p = {"round_id": self._pick(open_rounds or rounds)}
        elif type_ == "member.admit":
            p = {"member_id": self._pick(waiting, "member_id")}
        elif type_ == "member.remove":
            p = {"member_id": self._pick(others, "member_id")}  # never a seat: they must stay to be checked
        elif type_ == "member.add":
            p = {
                "name": self._text(),
                "role": rng.choice(["health", "police", "bogus"]),
                "present": rng.random() < 0.8,
            }
        elif type_ == "conference.update":
            p = rng.choice([{"moderation": rng.random() < 0.5}, {"title": self._text()}, {"lobby": "yes"}])
        elif type_ == "conference.focus":
            p = {"section": rng.choice(["worries", "scaling", None, "nowhere"])}
        elif type_ == "decision.record":
            p = {"outcome": rng.choice(["cp_plan", "no_plan", "bogus"]), "text": self._text()}
        elif type_ == "member.language":
            p = {"language": rng.choice(["cy", "pl", "ar", "en", "xx"])}
        elif type_ in ("children.set", "network.set"):
            key, row = ("children", {"name": self._text()}) if type_ == "children.set" else ("network", {})
            p = {key: [dict(row, name=self._text(), does=self._text())] if row == {} else [row]}
        elif type_ in ("statement.review", "item.review"):
            rows = statements if type_ == "statement.review" else items
            p = {"id": self._pick(rows), "status": rng.choice(["still", "done", "bogus"])}
        elif type_ == "record.correct":
            p = {"target": "item", "id": self._pick(items), "field": "text", "text": self._text()}
        elif type_ == "correction.request":
            p = {"text": self._text(), "about": self._pick(items)}
        elif type_ in ("correction.accept", "correction.decline"):
            p = {"id": self.rng.choice(["nope", "x" * 65]), "reason": self._text()}
        else:  # no payload: session.*, conference.lock/unlock/close, record.approve, round.score_aloud
            p = {}
        return self._mutate(p)

    def _mutate(self, p: dict) -> Any:
        r = self.rng.random()
        if r < 0.75 or not p:
            return p
        p = dict(p)
        key = self.rng.choice(list(p))
        if r < 0.83:
            del p[key]
        elif r < 0.9:
            p[key] = self.rng.choice(JUNK_VALUES)
        elif r < 0.95:
            p["catgory"] = "typo"
        else:
            return self.rng.choice(JUNK_VALUES)
        return p

    def _marker_commands(self) -> None:
        """Words that some seats must never see."""
        if self.closed_session and self.rng.random() < 0.5:
            self._call(
                self.chair,
                "command",
                self._cmd("item.add", {"column": "worries", "text": f"PRIVATE:{self.n}"}),
            )
        else:
            sw = self.seats["sw"]
            self._call(self.chair, "command", self._cmd("conference.update", {"moderation": True}))
            answer = self._call(
                sw, "command", self._cmd("item.add", {"column": "worries", "text": f"REJECT:{self.n}"})
            )
            if answer and answer.get("ok"):
                self._call(self.chair, "command", self._cmd("item.reject", {"id": answer["result"]["id"]}))

    def step(self) -> None:
        self.n += 1
        rng = self.rng
        seat = rng.choice(list(self.seats.values()) + [self.chair] * 3)
        r = rng.random()
        if r < 0.01:  # someone new in the lobby, for the chair to let in (never the waiting seat)
            try:
                self.server.join(self.conf["join_code"], f"Late {self.n}", "health")
            except AssertionError:
                pass  # the board may be full or closed
        elif r < 0.05:
            self._marker_commands()
        elif r < 0.72:
            type_ = rng.choice(COMMANDS)
            self._call(seat, "command", self._cmd(type_, self._payload(seat, type_)))
        elif r < 0.77 and seat.done_ops:  # a replay, whatever its body: same seq, nothing new
            op = rng.choice(list(seat.done_ops))
            answer = self._call(
                seat, "command", {"op_id": op, "type": "junk", "payload": rng.choice(JUNK_VALUES)}
            )
            if not (isinstance(answer, dict) and answer.get("seq") == seat.done_ops[op]):
                self.tally.replays_wrong += 1
        elif r < 0.86:
            env: Any = rng.choice(
                [
                    {"type": "item.add", "payload": {}},
                    {"op_id": "", "type": "item.add", "payload": {}},
                    {"op_id": "x" * 65, "type": "item.add", "payload": {}},
                    {"op_id": f"o{LONE}", "type": "item.add", "payload": {}},
                    {"op_id": uuid.uuid4().hex, "type": "item.add", "payload": [], "more": 1},
                    {"op_id": uuid.uuid4().hex, "type": None},
                    *JUNK_VALUES,
                ]
            )
            self._call(seat, "command", env)
        elif r < 0.93:
            since = rng.choice([0, 1, -1, "3", None, 10**12, 2])
            self._call(seat, "sync", rng.choice([{"since": since}, since, {"since": 0, "x": 1}]))
        elif r < 0.96:
            self._call(seat, rng.choice(["hello", "event", "nope"]), {"since": 0})
        else:
            self._call(seat, "command", self._cmd("item.add", {"column": "worries", "text": "z" * 70_000}))

    def junk(self, frames: int) -> None:
        """Frames no client should send, over bare websockets (some with a live token)."""
        rng = self.rng
        tokens = [None, self.conf["facilitator_token"], "not-a-token-not-a-token"]
        sent = 0
        while sent < frames:
            raw = RawSocket(self.server.url)
            token = rng.choice(tokens)
            raw.send("40/board," + json.dumps({"token": token} if token else {}))
            for _ in range(rng.randint(1, 8)):
                frame = rng.choice(
                    [
                        '42/board,["command",{"op_id": "x", ' + "\x00" * 40,
                        "42/board," + "[" * 900 + "]" * 900,
                        '451-/board,["command",{"_placeholder":true,"num":0}]',
                        b"\x04" + b"[" * 600,
                        '42/board,["disconnect","x"]',
                        '42/board,["connect",{}]',
                        "4" + "9" * 100,
                        "42/board,5" + "1" * 100 + '["sync",{"since":0}]',
                        "49",
                        "x",
                    ]
                )
                try:
                    raw.send(frame)
                except Exception:
                    break
                sent += 1
            raw.close()
        self.tally.junk_frames += sent

    # -- checking ---------------------------------------------------------------------------

    def check(self) -> Tally:
        t = self.tally
        for seat in self.seats.values():
            if seat.waiting:
                if seat.client.events:
                    t.leaks.append(f"waiting seat received {len(seat.client.events)} events")
                continue
            answer = seat.client.sync(0)
            if not answer.get("ok"):
                t.fold_mismatches.append(f"{seat.name}: final sync refused {answer}")
                continue
            snapshot = answer["snapshot"]
            seat.client.wait(
                lambda s=seat, q=snapshot["seq"]: (
                    any(e["seq"] >= q for e in s.client.events) or s.start["seq"] >= q
                ),
                10,
            )
            mine = json.loads(json.dumps(seat.fold()))
            mine["conference"].pop("join_code", None)
            snapshot["conference"].pop("join_code", None)
            if seat.gap:
                t.fold_mismatches.append(seat.gap)
            elif mine != snapshot:
                t.fold_mismatches.append(f"{seat.name}: fold differs from snapshot")
            self._leaks(seat, snapshot)
        self._minutes()
        return t

    def _leaks(self, seat: Seat, snapshot: dict) -> None:
        revealed: set[str] = set()
        for event in sorted(seat.client.events, key=lambda e: e["seq"]):
            if event["type"] == "round.revealed":
                revealed.add(event["payload"]["round_id"])
            # a board handed over at the end of a closed session shows rounds revealed during it
            board = (event.get("payload") or {}).get("board") or {}
            revealed.update(r["id"] for r in board.get("rounds", []) if r.get("revealed"))
            for kind, n, rid, scorer, _ in MARKER.findall(json.dumps(event, ensure_ascii=False)):
                if kind == "PRIVATE" and seat.family:
                    self.tally.leaks.append(f"{seat.name} saw PRIVATE:{n} at seq {event['seq']}")
                elif kind == "REJECT" and seat.name not in ("chair", "sw"):
                    self.tally.leaks.append(f"{seat.name} saw REJECT:{n}")
                elif not kind and scorer != seat.name and rid not in revealed:
                    self.tally.leaks.append(f"{seat.name} saw {scorer}'s score in {rid} before its reveal")

    def _minutes(self) -> None:
        from docx import Document
        from pypdf import PdfReader

        headers = {"Authorization": f"Bearer {self.conf['facilitator_token']}"}
        for copy in ("full", "family"):
            for fmt in ("md", "json", "html", "docx", "pdf"):
                r = requests.get(
                    f"{self.server.url}/api/conferences/{self.id}/minutes.{fmt}?copy={copy}",
                    headers=headers,
                    timeout=60,
                )
                try:
                    assert r.status_code == 200, r.status_code
                    if fmt == "json":
                        json.loads(r.content)
                    elif fmt == "docx":
                        Document(io.BytesIO(r.content))
                    elif fmt == "pdf":
                        PdfReader(io.BytesIO(r.content)).pages[0].extract_text()
                    else:
                        r.content.decode("utf-8")
                    if copy == "family" and re.search(
                        rb"PRIVATE:|REJECT:", r.content if fmt in ("md", "json", "html") else b""
                    ):
                        self.tally.leaks.append(f"family minutes ({fmt}) hold a private or rejected marker")
                except Exception as err:  # noqa: BLE001 - recorded, asserted by the caller
                    self.tally.minutes_failures.append(f"{copy}.{fmt}: {err}")

    def close(self) -> None:
        for seat in self.seats.values():
            seat.client.close()


def merge(total: Tally, part: Tally) -> None:
    for name in ("sent", "answered", "unanswered", "junk_frames", "replays_wrong"):
        setattr(total, name, getattr(total, name) + getattr(part, name))
    for code, n in part.codes.items():
        total.codes[code] = total.codes.get(code, 0) + n
    total.leaks += part.leaks
    total.fold_mismatches += part.fold_mismatches
    total.minutes_failures += part.minutes_failures


def run(
    server, messages: int, junk_frames: int, seed: int = 1, per_board: int = 5_000
) -> tuple[Tally, float, int]:
    """Send `messages` fuzzed messages over boards of `per_board` each, and `junk_frames`
    junk frames; check every board. Returns (tally, seconds, boards)."""
    started = time.monotonic()
    total = Tally()
    boards = 0
    while total.sent < messages:
        fuzz = Fuzzer(server, seed + boards)
        boards += 1
        try:
            goal = min(per_board, messages - total.sent)
            while fuzz.tally.sent < goal:
                fuzz.step()
            fuzz.junk(junk_frames * goal // messages)
            merge(total, fuzz.check())
        finally:
            fuzz.close()
    return total, time.monotonic() - started, boards
