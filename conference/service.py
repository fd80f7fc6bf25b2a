"""The one place that joins the domain and the store: decide, append, deliver, acknowledge.
Its parts: the board cache (board_cache.py), access and tokens (access.py), the minutes as
files (exports.py), deleting boards (retention.py) and the managers' view (oversight.py)."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import secrets
from collections.abc import Callable
from typing import Any, Protocol

from .access import THE_CHAIR, Access, hash_token
from .accounts import Accounts
from .board_cache import BoardCache
from .domain import commands, state, views
from .domain import vocabulary as v
from .domain.errors import N_, DomainError
from .domain.previous_minutes import read_previous
from .domain.validate import check_unicode, printable
from .domain.working_days import DEFAULT_NATION, NATIONS
from .exports import Exports
from .oversight import Oversight
from .retention import Retention
from .store.base import DuplicateCode, DuplicateOp, EventStore, SeqConflict, StoreUnavailable
from .store.group import Ticket
from .unavailable import storage, unavailable

SNAPSHOT_AFTER = 500  # a sync further behind than this gets the board instead of the events


class Publisher(Protocol):
    """How events reach screens (Socket.IO rooms in production, lists in tests)."""

    def to_everyone(self, conference_id: str, event: dict) -> None: ...

    def to_member(self, conference_id: str, member_id: str, name: str, data: dict) -> None: ...

    def admit(self, conference_id: str, member_id: str) -> None:
        """The member may now receive the board's events; tell them `admitted`."""

    def disconnect_member(self, conference_id: str, member_id: str, reason: str) -> None: ...

    def to_displays(self, conference_id: str, draft: dict, name: str = "draft") -> None:
        """The chair's draft statement, to the projector only (not logged)."""


class NullPublisher:
    """Nobody is listening (command-line tools, benchmarks)."""

    def to_everyone(self, conference_id: str, event: dict) -> None: ...

    def to_member(self, conference_id: str, member_id: str, name: str, data: dict) -> None: ...

    def admit(self, conference_id: str, member_id: str) -> None: ...

    def disconnect_member(self, conference_id: str, member_id: str, reason: str) -> None: ...

    def to_displays(self, conference_id: str, draft: dict, name: str = "draft") -> None: ...


def utc_now(ago: float = 0) -> str:
    """The time now (or `ago` seconds before), as every event's `at` is written."""
    at = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=ago)
    return at.isoformat(timespec="milliseconds").replace("+00:00", "Z")


class Service:
    def __init__(
        self,
        store: EventStore,
        publisher: Publisher,
        clock: Callable[[], str] = utc_now,
        new_id: Callable[[int], str] = secrets.token_urlsafe,
        join_secret: bytes = b"",
        nation: str = DEFAULT_NATION,
        timezone: str = "Europe/London",
    ):
        if nation not in NATIONS:
            raise ValueError(f"CONFERENCE_NATION is {nation!r}: one of {', '.join(NATIONS)}")
        self.nation, self.timezone = nation, timezone
        self.store = store
        self.publisher = publisher
        self.clock = clock
        self.new_id = new_id
        self.boards = BoardCache(store, publisher)
        self.access = Access(
            store, self.boards, publisher, clock, new_id, join_secret or secrets.token_bytes(32)
        )
        self.exports = Exports(self.boards, self.access, clock)
        self.retention = Retention(store, self.boards, self.access)
        self.oversight = Oversight(store, self.boards, self.access, Accounts(store))

    # --- plumbing -------------------------------------------------------------------

    def _with_code(self, conference_id: str, snapshot: dict) -> dict:
        """The contract's snapshot carries join_code; the domain's board does not hold it."""
        snapshot["conference"]["join_code"] = self.access.join_code_of(conference_id)
        return snapshot

    def _ctx(self) -> commands.Context:
        return commands.Context(
            now=self.clock(), new_id=lambda: self.new_id(9), nation=self.nation, timezone=self.timezone
        )

    def _append(
        self,
        conference_id: str,
        decide: Callable[[state.Board], commands.Change],
        actor: str | None,
        op_id: str | None = None,
        add_tokens: dict[str, str] | None = None,
        board: state.Board | None = None,
        tickets: list[Ticket] | None = None,
    ) -> tuple[dict, commands.Change]:
        """Decide against the latest board (the one just read, if given), append, fold and
        deliver; retried on a fresh read if another writer won. Given `tickets` (and a store
        that groups commits), the append joins the next COMMIT and its ticket goes there:
        the caller waits for it once the board's lock is let go, and the deliveries go when
        it is durable."""
        for attempt in range(5):
            if attempt or board is None:
                board = self.boards.board(conference_id, refresh=attempt > 0)
            decision = decide(board)
            event = commands.make_event(board.seq + 1, decision, actor, self.clock())
            ticket: Ticket | None = None
            try:
                if tickets is not None and getattr(self.store, "grouped", False):
                    ticket = self.store.append_soon(  # type: ignore[attr-defined]
                        conference_id,
                        event,
                        op_id=op_id,
                        result=decision.result,
                        add_tokens=add_tokens,
                        revoke_member=decision.remove,
                    )
                else:
                    self.store.append(
                        conference_id,
                        event,
                        op_id=op_id,
                        result=decision.result,
                        add_tokens=add_tokens,
                        revoke_member=decision.remove,
                    )
            except SeqConflict:
                continue
            except StoreUnavailable as down:
                if down.uncertain:
                    self.boards.mark_stale(conference_id)  # the cache may be one event behind
                raise unavailable(down.uncertain) from None
            if ticket is not None and tickets is not None:
                # not committed: the fold holds an event the store does not
                ticket.if_lost.append(lambda: self.boards.drop(conference_id))
                tickets.append(ticket)
            try:
                state.apply(board, event)
                send = self._deliveries(conference_id, board, event, decision)
                if ticket is None:
                    send()
                else:
                    ticket.after.append(send)
            finally:
                if ticket is not None:
                    ticket.arm()  # the writer settles it only now, its deliveries known
            return event, decision
        raise unavailable()

    def _deliveries(
        self, conference_id: str, board: state.Board, event: dict, decision: commands.Change
    ) -> Callable[[], None]:
        """What the event sends, and to whom, worked out against the board as it is now (a
        later event of the same batch may change who may see what); sent when called."""
        sends: list[Callable[[], None]] = []
        if views.is_public(event["vis"]) and not decision.per_viewer:
            sends.append(
                functools.partial(self.publisher.to_everyone, conference_id, views.public_event(event))
            )
        else:
            # restricted parts: member by member, each as they may see it
            for mid, member in board.members.items():
                if member["kind"] == v.MemberKind.OFFLINE or member["status"] in (
                    v.Status.WAITING,
                    v.Status.REMOVED,
                ):
                    continue
                seen = views.view_event(event, views.Viewer.of(board, mid), board)
                if "board" in seen.get("payload", {}):
                    self._with_code(conference_id, seen["payload"]["board"])
                sends.append(functools.partial(self.publisher.to_member, conference_id, mid, "event", seen))
        if decision.admit:
            sends.append(functools.partial(self.publisher.admit, conference_id, decision.admit))
        if decision.remove:
            sends.append(
                functools.partial(self.publisher.disconnect_member, conference_id, decision.remove, "removed")
            )
        if decision.audit:
            what, whom = decision.audit
            actor = board.members.get(event["actor"] or "", {}).get("name", THE_CHAIR)
            person = board.members[whom]["name"]
            sends.append(functools.partial(self.access.audit, conference_id, what, actor, person=person))

        def send() -> None:
            for one in sends:
                one()

        return send

    # --- HTTP: create, join ---------------------------------------------------------

    def _opening(
        self, first: dict, facilitator_id: str, ctx: commands.Context, previous: dict | None, children: Any
    ) -> list[dict]:
        """The events after `conference.created`: what a review carries from last time, then
        the children the chair named. All decided before anything is written."""
        board = state.fold([first])
        decisions = []
        if previous is not None:
            decisions += commands.carry(board, read_previous(previous), facilitator_id, ctx)
        events = []
        for decision in decisions:
            events.append(commands.make_event(board.seq + 1, decision, facilitator_id, ctx.now))
            state.apply(board, events[-1])
        if children is not None:
            decision = commands.decide(board, facilitator_id, "children.set", {"children": children}, ctx)
            events.append(commands.make_event(board.seq + 1, decision, facilitator_id, ctx.now))
        return events

    def create_conference(
        self,
        title: Any,
        kind: Any = None,
        chair_name: Any = None,
        owner: str | None = None,
        previous: dict | None = None,
        children: Any = None,
        meeting_at: Any = None,
    ) -> dict:
        facilitator_id, display_id = self.new_id(12), self.new_id(12)
        facilitator_token, display_token = self.new_id(32), self.new_id(32)
        ctx = self._ctx()
        for _ in range(10):
            conference_id = self.new_id(16)
            code = self.access.join_code_of(conference_id)
            decision = commands.create_conference(
                conference_id, title, kind, facilitator_id, display_id, ctx, chair_name, meeting_at
            )
            event = commands.make_event(1, decision, facilitator_id, ctx.now)
            opening = self._opening(event, facilitator_id, ctx, previous, children)
            tokens = {hash_token(facilitator_token): facilitator_id, hash_token(display_token): display_id}
            try:
                # only the code's keyed hash is stored, for the lookup
                self.store.create(conference_id, self.access.code_hash(code), event, tokens, owner)
            except DuplicateCode:
                continue  # two ids gave one code: take another id
            except StoreUnavailable:
                raise unavailable() from None
            try:
                for later in opening:
                    self.store.append(conference_id, later)
            except (StoreUnavailable, SeqConflict):
                # half a review is no review: nothing is left behind
                with contextlib.suppress(StoreUnavailable):
                    self.store.delete(conference_id)
                self.retention.scrub()  # the half-made review's carried words, too
                raise unavailable() from None
            return {
                "conference_id": conference_id,
                "join_code": code,
                "facilitator_token": facilitator_token,
                "display_token": display_token,
            }
        raise unavailable()

    def join(self, join_code: Any, name: Any, role: Any, language: Any = None) -> dict:
        conference_id = self.access.conference_of_code(join_code)
        member_id, token = self.new_id(12), self.new_id(32)
        with self.boards.lock(conference_id):
            ctx = self._ctx()
            event, _ = self._append(
                conference_id,
                lambda board: commands.join(board, member_id, name, role, ctx, language),
                member_id,
                add_tokens={hash_token(token): member_id},
            )
        member = event["payload"]["member"]
        self.access.audit(
            conference_id, N_("joined by code"), member["name"], role=member["role"], status=member["status"]
        )
        return {
            "conference_id": conference_id,
            "participant_id": member_id,
            "participant_token": token,
            "status": event["payload"]["member"]["status"],
        }

    def invite(self, conference_id: str, name: Any, role: Any, agency: Any = None) -> dict:
        """The chair invites a professional before the meeting: a member let in to the board
        at once (not yet to the meeting: commands.invite), with a participant's token (their
        link to the board) like someone who joined."""
        member_id, token = self.new_id(12), self.new_id(32)
        with self.boards.lock(conference_id):
            ctx = self._ctx()
            board = self.boards.board(conference_id)
            chair_id = next(
                m["member_id"] for m in board.members.values() if m["kind"] == v.MemberKind.FACILITATOR
            )
            self._append(
                conference_id,
                lambda board: commands.invite(board, chair_id, member_id, name, role, agency, ctx),
                chair_id,
                add_tokens={hash_token(token): member_id},
            )
        return {"invitation_id": member_id, "participant_token": token}

    def opened(self, conference_id: str, member_id: str) -> None:
        """An invited professional's screen connects: the first time is kept
        (invitation.opened) for the chair's tracker; every later connection appends nothing."""
        if not commands.opens_invitation(self.boards.board(conference_id), member_id):
            return
        with self.boards.lock(conference_id):
            ctx = self._ctx()
            try:
                self._append(
                    conference_id, lambda board: commands.invitation_opened(board, member_id, ctx), member_id
                )
            except DomainError as err:
                if err.code != "conflict":  # another screen of theirs was first: nothing to keep
                    raise

    # --- Socket.IO: hello, sync, command ------------------------------------------------

    def member(self, conference_id: str, member_id: str) -> dict:
        return self._member_of(self.boards.board(conference_id), member_id)

    @staticmethod
    def _member_of(board: state.Board, member_id: str) -> dict:
        member = board.members.get(member_id)
        if member is None or member["status"] == v.Status.REMOVED:
            raise DomainError("unauthorized", "You are no longer part of this conference.")
        return member

    def hello(self, conference_id: str, member_id: str) -> dict:
        board = self.boards.board(conference_id)
        m = self.member(conference_id, member_id)
        return {
            "protocol": v.PROTOCOL_VERSION,
            "conference_id": conference_id,
            "you": {k: m.get(k) for k in ("member_id", "kind", "name", "role", "status", "language")},
            "seq": board.seq,
        }

    def sync(self, conference_id: str, member_id: str, since: Any) -> dict:
        if isinstance(since, bool) or not isinstance(since, int) or since < 0:
            raise DomainError("invalid", "'since' must be a whole number, 0 or more.")
        with self.boards.lock(conference_id):
            board, viewer = self._sync_viewer(conference_id, member_id)
            if since > 0:
                seen = self._replay(conference_id, board, viewer, since)
                if seen is not None:
                    return {"ok": True, "seq": board.seq, "events": seen}
            snapshot = views.view_snapshot(board, viewer)
            return {"ok": True, "seq": board.seq, "snapshot": self._with_code(conference_id, snapshot)}

    def missed(self, conference_id: str, member_id: str, since_at: str) -> list[dict]:
        """What a member's sockets on this process may have missed while the message queue
        between processes was lost: the events appended from `since_at` (the appender's UTC
        clock), as this member may see them. Empty when there are none, when the member may
        not sync, or when only a snapshot would do (the screen's own re-sync brings that)."""
        try:
            with self.boards.lock(conference_id):
                board, viewer = self._sync_viewer(conference_id, member_id)
                since = max(0, board.seq - SNAPSHOT_AFTER)
                with storage():
                    recent = self.store.events(conference_id, since)
                first = next((e["seq"] for e in recent if e["at"] >= since_at), None)
                if first is None:
                    return []
                return self._replay(conference_id, board, viewer, first - 1) or []
        except (DomainError, StoreUnavailable):
            return []

    def _sync_viewer(self, conference_id: str, member_id: str) -> tuple[state.Board, views.Viewer]:
        """The board caught up with the store, and the member who may read it (not from the lobby)."""
        member = self.member(conference_id, member_id)
        if member["kind"] == v.MemberKind.PARTICIPANT and member["status"] != v.Status.ADMITTED:
            raise DomainError("forbidden", "The chair will let you in shortly. Please wait.")
        board = self.boards.board(conference_id)
        return board, views.Viewer.of(board, member_id)

    def _replay(
        self, conference_id: str, board: state.Board, viewer: views.Viewer, since: int
    ) -> list[dict] | None:
        """The events after `since` as this viewer may see them, or None when only a
        snapshot will do (too far behind, or across the end of a closed session)."""
        if not (since <= board.seq and board.seq - since <= SNAPSHOT_AFTER):
            return None
        with storage():
            events = self.store.events(conference_id, since)
        events = [e for e in events if e["seq"] <= board.seq]
        if views.replay_needs_snapshot(events, viewer):
            return None
        return [views.view_event(e, viewer) for e in events]

    def draft(self, conference_id: str, member_id: str, payload: Any) -> dict:
        """Relay the chair's unfinished statement to the projector: checked like the statement
        it will become, never logged, never sent to a phone."""
        check_unicode(payload)
        board = self.boards.board(conference_id)
        draft = commands.check_draft(board, member_id, payload)
        self.publisher.to_displays(conference_id, draft)
        return {"ok": True}

    def projector(self, conference_id: str, member_id: str, payload: Any) -> dict:
        """Relay the chair's paging and wording choice to the projector; never logged, but
        kept in this process's memory so a projector that reloads is told again."""
        settings = commands.check_projector(self.boards.board(conference_id), member_id, payload)
        self.boards.keep_projector(conference_id, settings)
        self.publisher.to_displays(conference_id, settings, "projector")
        return {"ok": True}

    def projector_settings(self, conference_id: str) -> dict | None:
        return self.boards.projector(conference_id)

    def command(self, conference_id: str, member_id: str, envelope: Any) -> dict:
        if not isinstance(envelope, dict):
            raise DomainError("invalid", "A command must be an object with op_id, type and payload.")
        op_id = envelope.get("op_id")
        if not isinstance(op_id, str) or not 1 <= len(op_id) <= v.MAX_ID or not printable(op_id):
            raise DomainError(
                "invalid", "Each command needs an op_id of 1 to 64 visible characters (a UUID, say)."
            )
        # op_ids are each member's own: someone else's op_id is a new command of theirs,
        # never an acknowledgement of the other person's
        op_id = f"{member_id}/{op_id}"
        tickets: list[Ticket] = []
        answer = self._command(conference_id, member_id, envelope, op_id, tickets)
        for ticket in tickets:  # durable before it is acknowledged (group commit)
            try:
                ticket.wait()
            except StoreUnavailable:
                raise unavailable() from None  # that batch was not written: nothing of this was
        return answer

    def _command(
        self, conference_id: str, member_id: str, envelope: dict, op_id: str, tickets: list[Ticket]
    ) -> dict:
        with self.boards.lock(conference_id):
            board, done = self.boards.load(conference_id, False, op_id)
            self._member_of(board, member_id)
            if done is not None:
                # the op_id names the command: a replay is acknowledged whatever its body
                return _ack(*done)
            unknown = set(envelope) - {"op_id", "type", "payload"}
            if unknown:
                raise DomainError(
                    "invalid",
                    "Unknown field(s) in the command: {names}.",
                    names=", ".join(sorted(map(str, unknown))),
                )
            type_, payload = envelope.get("type"), envelope.get("payload")
            if payload is not None and not isinstance(payload, dict):
                raise DomainError("invalid", "The payload must be an object.")
            check_unicode(envelope)
            ctx = self._ctx()
            try:
                event, decision = self._append(
                    conference_id,
                    lambda board: commands.decide(board, member_id, type_, payload, ctx),
                    member_id,
                    op_id=op_id,
                    board=board,
                    tickets=tickets,
                )
            except DuplicateOp as dup:
                return _ack(dup.seq, dup.result)
            return _ack(event["seq"], decision.result)


def _ack(seq: int, result: dict | None) -> dict:
    out: dict[str, Any] = {"ok": True, "seq": seq}
    if result is not None:
        out["result"] = result
    return out
