"""The minutes' record: who did what, when — every change in the log, in words. Each event
type's sentence is declared with it (domain/commands/, events.declare(says=…)); this module
gives those sentences what they ask of the board (names, where an item sits, a statement
read as one sentence) and keeps the item texts as they were at each event."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from ..domain import vocabulary as v
from ..domain.events import event_type
from ..domain.state import Board
from .sentences import danger_sentence
from .who_and_when import local_time, person


class RecordTeller:
    """What a record sentence may ask (domain/events.py Teller), as of the event being told."""

    def __init__(self, board: Board):
        self._board = board
        self._texts: dict[str, str] = {}  # item id -> its words as of the event being told
        self._told: set[str] = set()

    def name(self, member_id: str) -> str:
        return person(self._board, member_id)["name"]

    def where(self, item: dict[str, Any]) -> str:
        heading = v.COLUMNS[item["column"]][0]
        category = dict(v.COLUMNS[item["column"]][1]).get(item["category"] or "")
        return f"{heading}{' — ' + category if category else ''}"

    def text_before(self, item_id: str) -> str | None:
        return self._texts.get(item_id)

    def quoted(self, item_id: str) -> str:
        return f"“{self._texts.get(item_id, 'an item')}”"

    def statement(self, statement: dict[str, Any]) -> str:
        if statement["kind"] == "danger":
            return danger_sentence(statement)
        return statement["text"]

    def first_time(self, what: str) -> bool:
        """True the first time it is asked about `what` in this record, then False."""
        first = what not in self._told
        self._told.add(what)
        return first

    def tell(self, event: dict[str, Any]) -> str:
        p = event["payload"]
        said = event_type(event["type"]).says(self, p)
        if isinstance(p.get("item"), dict):
            self._texts[p["item"]["id"]] = p["item"]["text"]
        return said


def record_lines(board: Board, events: list[dict[str, Any]], tz: ZoneInfo) -> list[dict]:
    """[{seq, at, who, what}] for every event in the log. Scores are never shown here."""
    teller = RecordTeller(board)
    out = []
    for e in events:
        who = person(board, e["actor"])
        what = teller.tell(e)
        at = local_time(e["at"], tz)
        out.append(
            {
                "seq": e["seq"],
                "at": f"{at:%H:%M:%S}" if at else "",
                "who": f"{who['name']} ({who['role']})" if who["role"] else who["name"],
                "what": what,
            }
        )
    return out
