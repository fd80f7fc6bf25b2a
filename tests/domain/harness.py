"""A tiny in-memory conference for domain tests: decide, append, fold and project, no I/O."""

from __future__ import annotations

import itertools

from conference.domain import commands, state, views
from conference.domain.commands import Context
from conference.domain.errors import DomainError


class Sim:
    """One conference run purely in memory, keeping every viewer's own fold."""

    def __init__(self, lobby: bool = True, moderation: bool = False, day: str = "2026-11-27"):
        self.day = day
        self._ids = itertools.count(1)
        self._clock = itertools.count(0)
        self.log: list[dict] = []
        self.board = state.Board()
        self.received: dict[str, list[dict]] = {}
        self.folds: dict[str, dict] = {}
        d = commands.create_conference("conf1", "Review for A", "review_cp", "chair", "display", self.ctx())
        self._append(d, None)
        self.chair, self.display = "chair", "display"
        if not lobby or moderation:
            self.command(self.chair, "conference.update", {"lobby": lobby, "moderation": moderation})

    def now(self) -> str:
        n = next(self._clock)
        return f"{self.day}T10:{n // 60 % 60:02d}:{n % 60:02d}.{n % 1000:03d}Z"

    def ctx(self) -> Context:
        return Context(now=self.now(), new_id=lambda: f"id{next(self._ids)}")

    def _append(self, decision: commands.Change, actor: str | None) -> dict:
        event = commands.make_event(self.board.seq + 1, decision, actor, self.now())
        state.apply(self.board, event)
        self.log.append(event)
        for mid in self.viewers():
            viewer = views.Viewer.of(self.board, mid)
            seen = views.view_event(event, viewer, self.board)
            self.received.setdefault(mid, []).append(seen)
        return event

    def viewers(self) -> list[str]:
        """Every member with a screen, whatever their status (projection is by rule, not by time)."""
        return [mid for mid, m in self.board.members.items() if m["kind"] != "offline"]

    def join(self, name: str, role: str, admit: bool = True) -> str:
        mid = f"m{next(self._ids)}"
        d = commands.join(self.board, mid, name, role, self.ctx())
        self._append(d, mid)
        # a viewer joining late still folds the whole log as projected for them
        self.received[mid] = [
            views.view_event(
                e,
                views.Viewer.of(self.board, mid),
                self._board_at(e["seq"]) if e["type"] == "session.opened" else None,
            )
            for e in self.log
        ]
        if admit and self.board.members[mid]["status"] == "waiting":
            self.command(self.chair, "member.admit", {"member_id": mid})
        return mid

    def invite(self, name: str, role: str, agency: str | None = None) -> str:
        """The chair invites a professional before the meeting (the service's invitation)."""
        mid = f"m{next(self._ids)}"
        d = commands.invite(self.board, self.chair, mid, name, role, agency, self.ctx())
        self._append(d, self.chair)
        self.received[mid] = [
            views.view_event(
                e,
                views.Viewer.of(self.board, mid),
                self._board_at(e["seq"]) if e["type"] == "session.opened" else None,
            )
            for e in self.log
        ]
        return mid

    def open_link(self, mid: str) -> dict | None:
        """An invited professional's screen connects (the service's first open): the event
        appended the first time, else None."""
        if not commands.opens_invitation(self.board, mid):
            return None
        return self._append(commands.invitation_opened(self.board, mid, self.ctx()), mid)

    def _board_at(self, seq: int) -> state.Board:
        return state.fold(self.log[:seq])

    def command(self, actor: str, type_: str, payload=None) -> dict:
        """Apply a command; returns its stored event plus the `result` the ack carries."""
        d = commands.decide(self.board, actor, type_, payload, self.ctx())
        return dict(self._append(d, actor), result=d.result)

    def refused(self, actor: str, type_: str, payload=None) -> DomainError:
        before = self.board.seq
        try:
            self.command(actor, type_, payload)
        except DomainError as e:
            assert self.board.seq == before
            return e
        raise AssertionError(f"{type_} by {actor} was allowed")

    def view(self, mid: str) -> dict:
        return views.view_snapshot(self.board, views.Viewer.of(self.board, mid))

    def fold_of(self, mid: str) -> dict:
        snap: dict = {"seq": 0}
        for e in self.received[mid]:
            snap = views.apply_view(snap, e)
        return snap
