"""The one place that joins the domain and the store: load, decide, append, deliver, acknowledge."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import hmac
import json
import logging
import secrets
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, Protocol

from . import i18n
from .domain import commands, state, views
from .domain import vocabulary as v
from .domain.errors import DomainError
from .domain.previous_minutes import read_previous
from .domain.validate import check_choice, check_unicode, printable, required_text
from .minutes import FORMATS, build_minutes, file_name, render, speaking
from .plain_language import check_minutes
from .store.base import DuplicateCode, DuplicateOp, EventStore, SeqConflict, StoreUnavailable

log = logging.getLogger(__name__)

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


def utc_now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def normalise_join_code(raw: Any) -> str:
    if not isinstance(raw, str):
        raise DomainError("invalid", "Please type the 8-character join code.")
    return "".join(ch for ch in raw.upper() if ch not in " -\t")


@contextmanager
def storage(refusal: Callable[[bool], DomainError] | None = None) -> Iterator[None]:
    """Storage that can't be reached becomes the contract's `unavailable` (or `refusal`)."""
    try:
        yield
    except StoreUnavailable as down:
        raise (refusal or unavailable)(down.uncertain) from None


def unavailable(uncertain: bool = False) -> DomainError:
    if uncertain:
        # the append was sent and no answer came: it may have landed. The client resends the
        # same op_id, which is applied at most once.
        return DomainError(
            "unavailable",
            "We couldn't confirm that your change was saved. It will be sent again and can't be saved twice.",
            retry_after=1.0,
        )
    return DomainError(
        "unavailable",
        "The board can't be saved just now, so your change is not saved yet. Please try again in a moment.",
        retry_after=1.0,
    )


class Service:
    def __init__(
        self,
        store: EventStore,
        publisher: Publisher,
        clock: Callable[[], str] = utc_now,
        new_id: Callable[[int], str] = secrets.token_urlsafe,
        join_secret: bytes = b"",
    ):
        self.store = store
        # join codes are derived from the conference id with this secret, never stored:
        # the store keeps only their hash for the lookup
        self.join_secret = join_secret or secrets.token_bytes(32)
        self.publisher = publisher
        self.clock = clock
        self.new_id = new_id
        self._boards: dict[str, state.Board] = {}
        # boards to catch up from the store before their next use: another process wrote
        # (SQLite's data_version moved), or an append's answer was lost
        self._stale: set[str] = set()
        self._data_version: int | None = None
        self._locks: dict[str, threading.RLock] = {}
        self._projector: dict[str, dict] = {}  # the chair's last paging choice per board
        self._locks_guard = threading.Lock()

    # --- plumbing -------------------------------------------------------------------

    def boards_in_memory(self) -> int:
        return len(self._boards)

    def join_code_of(self, conference_id: str) -> str:
        digest = hmac.new(self.join_secret, f"join-code:{conference_id}".encode(), hashlib.sha256).digest()
        n = int.from_bytes(digest[:12], "big")
        out = ""
        for _ in range(v.JOIN_CODE_LENGTH):
            n, r = divmod(n, len(v.JOIN_CODE_ALPHABET))
            out += v.JOIN_CODE_ALPHABET[r]
        return out

    def code_hash(self, code: str) -> str:
        """What the store keeps of a join code: an HMAC keyed with the join secret, so a
        copied database alone gives up no code (a plain SHA-256 of 8 characters from 31 is
        undone in about a day on one core). Boards made before this keep their plain hash
        until retention deletes them; join() looks for both."""
        return hmac.new(self.join_secret, f"join-code-lookup:{code}".encode(), hashlib.sha256).hexdigest()

    def _with_code(self, conference_id: str, snapshot: dict) -> dict:
        """The contract's snapshot carries join_code; the domain's board does not hold it."""
        snapshot["conference"]["join_code"] = self.join_code_of(conference_id)
        return snapshot

    def _ctx(self) -> commands.Context:
        return commands.Context(now=self.clock(), new_id=lambda: self.new_id(9))

    def _lock(self, conference_id: str) -> threading.RLock:
        with self._locks_guard:
            return self._locks.setdefault(conference_id, threading.RLock())

    def _board(self, conference_id: str, refresh: bool = False) -> state.Board:
        """The cached board, caught up with the store when asked, or always when other
        processes write to the same store (Redis)."""
        with self._lock(conference_id):  # never fold while a command of this process is folding
            return self._load(conference_id, refresh)[0]

    def _load(
        self, conference_id: str, refresh: bool, op_id: str | None = None
    ) -> tuple[state.Board, tuple[int, dict | None] | None]:
        """The board, and — given an op_id — that command's earlier answer if it was already
        applied, read in the same round trip as the catch-up (Redis: one trip before the append)."""
        gone = DomainError("not_found", "We couldn't find that conference. It may have been deleted.")
        with storage():
            board = self._boards.get(conference_id)
            if board is not None:
                self.notice_other_writers()
            if board is not None and not (refresh or self.store.shared or conference_id in self._stale):
                return board, (self.store.op(conference_id, op_id) if op_id else None)
            since = board.seq if board is not None else 0
            if op_id:
                new, done = self.store.before_command(conference_id, since, op_id)
            else:
                new, done = self.store.catch_up(conference_id, since), None
            self._stale.discard(conference_id)
            if new is None or (board is None and not new):
                if board is not None:
                    self._forget(conference_id, board)
                raise gone
            if board is None:
                board = self._boards[conference_id] = state.fold(new)
            else:
                state.fold([e for e in new if e["seq"] > board.seq], board)
        return board, done

    def notice_other_writers(self) -> None:
        """When another process wrote to the file (the purge command, say), every cached
        board is caught up from the store before its next use."""
        version = self.store.data_version()
        if version is not None and version != self._data_version:
            if self._data_version is not None:
                self._stale.update(self._boards)
            self._data_version = version

    def _forget(self, conference_id: str, board: state.Board) -> None:
        """The conference was deleted elsewhere: drop it and cut every screen on it."""
        self._boards.pop(conference_id, None)
        self._stale.discard(conference_id)
        for mid, member in board.members.items():
            if member["kind"] != v.Kind.OFFLINE:
                self.publisher.disconnect_member(conference_id, mid, "deleted")

    def watch(self) -> list[str]:
        """Find cached boards deleted by another process and cut their screens at once.
        The server calls this every few seconds; returns the ids it forgot."""
        try:
            self.notice_other_writers()
            suspects = list(self._boards) if self.store.shared else list(self._stale)
            gone = []
            for cid in suspects:
                with self._lock(cid):
                    board = self._boards.get(cid)
                    if board is not None and not self.store.exists(cid):
                        self._forget(cid, board)
                        gone.append(cid)
            return gone
        except StoreUnavailable:
            return []

    def _append(
        self,
        conference_id: str,
        decide: Callable[[state.Board], commands.Change],
        actor: str | None,
        op_id: str | None = None,
        add_tokens: dict[str, str] | None = None,
        board: state.Board | None = None,
    ) -> tuple[dict, commands.Change]:
        """Decide against the latest board (the one just read, if given), append, fold and
        deliver; retried on a fresh read if another writer won."""
        for attempt in range(5):
            if attempt or board is None:
                board = self._board(conference_id, refresh=attempt > 0)
            decision = decide(board)
            event = commands.make_event(board.seq + 1, decision, actor, self.clock())
            try:
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
                    self._stale.add(conference_id)  # the cache may be one event behind
                raise unavailable(down.uncertain) from None
            state.apply(board, event)
            self._deliver(conference_id, board, event, decision)
            return event, decision
        raise unavailable()

    def _deliver(
        self, conference_id: str, board: state.Board, event: dict, decision: commands.Change
    ) -> None:
        if views.is_public(event["vis"]) and not decision.per_viewer:
            self.publisher.to_everyone(conference_id, views.public_event(event))
        else:
            # restricted parts: member by member, each as they may see it
            for mid, member in board.members.items():
                if member["kind"] == v.Kind.OFFLINE or member["status"] in (
                    v.Status.WAITING,
                    v.Status.REMOVED,
                ):
                    continue
                seen = views.view_event(event, views.Viewer.of(board, mid), board)
                if "board" in seen.get("payload", {}):
                    self._with_code(conference_id, seen["payload"]["board"])
                self.publisher.to_member(conference_id, mid, "event", seen)
        if decision.admit:
            self.publisher.admit(conference_id, decision.admit)
        if decision.remove:
            self.publisher.disconnect_member(conference_id, decision.remove, "removed")
        if decision.audit:
            what, whom = decision.audit
            actor = board.members.get(event["actor"] or "", {}).get("name", "the chair")
            self.audit(conference_id, what, actor, person=board.members[whom]["name"])

    # --- access audit (separate from the board's log) ---------------------------------

    def audit(self, conference_id: str | None, what: str, who: str, **detail: Any) -> None:
        """Record who did what; never a token, a password or a board's text."""
        try:
            self.store.audit(conference_id, {"at": self.clock(), "what": what, "who": who, **detail})
        except StoreUnavailable:
            log.warning("audit entry could not be written: %s", what)

    def audit_of(self, conference_id: str) -> list[dict]:
        with storage():
            return self.store.audit_of(conference_id)

    # --- HTTP: create, join, delete ---------------------------------------------------

    def previous_minutes(self, owner: str | None, conference_id: Any, tz_name: str) -> dict:
        """The full minutes (as the JSON export) of an ended board this facilitator owns."""
        if not isinstance(conference_id, str) or owner is None or not self.owns(owner, conference_id):
            raise DomainError("invalid", "We couldn't find that earlier conference among your boards.")
        board = self._board(conference_id)
        if board.status != "closed":
            raise DomainError(
                "invalid", "A review starts from a conference that has ended. End that one first."
            )
        data, _ = self.minutes(conference_id, "full", "json", tz_name, who="the chair, to start a review")
        return json.loads(data)

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
    ) -> dict:
        facilitator_id, display_id = self.new_id(12), self.new_id(12)
        facilitator_token, display_token = self.new_id(32), self.new_id(32)
        ctx = self._ctx()
        for _ in range(10):
            conference_id = self.new_id(16)
            code = self.join_code_of(conference_id)
            decision = commands.create_conference(
                conference_id, title, kind, facilitator_id, display_id, ctx, chair_name
            )
            event = commands.make_event(1, decision, facilitator_id, ctx.now)
            opening = self._opening(event, facilitator_id, ctx, previous, children)
            tokens = {hash_token(facilitator_token): facilitator_id, hash_token(display_token): display_id}
            try:
                # only the code's keyed hash is stored, for the lookup
                self.store.create(conference_id, self.code_hash(code), event, tokens, owner)
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
                self.scrub()  # the half-made review's carried words, too
                raise unavailable() from None
            return {
                "conference_id": conference_id,
                "join_code": code,
                "facilitator_token": facilitator_token,
                "display_token": display_token,
            }
        raise unavailable()

    def conference_of_code(self, join_code: Any) -> str:
        """The conference a join code opens, or the refusal a person reads: checked before
        the join page asks anyone's name."""
        code = normalise_join_code(join_code)
        with storage():
            conference_id = None
            if code:
                conference_id = self.store.conference_by_code(self.code_hash(code))
                if conference_id is None:  # a board made before codes were keyed (see code_hash)
                    conference_id = self.store.conference_by_code(hash_token(code))
        if conference_id is None:
            raise DomainError(
                "not_found",
                "We couldn't find a conference with that code. Check the 8 characters on the screen and try again.",
            )
        if self._board(conference_id).status == "closed":
            raise DomainError("closed", "This conference has finished, so it can't be joined.")
        return conference_id

    def join(self, join_code: Any, name: Any, role: Any, language: Any = None) -> dict:
        conference_id = self.conference_of_code(join_code)
        member_id, token = self.new_id(12), self.new_id(32)
        with self._lock(conference_id):
            ctx = self._ctx()
            event, _ = self._append(
                conference_id,
                lambda board: commands.join(board, member_id, name, role, ctx, language),
                member_id,
                add_tokens={hash_token(token): member_id},
            )
        member = event["payload"]["member"]
        self.audit(
            conference_id, "joined by code", member["name"], role=member["role"], status=member["status"]
        )
        return {
            "conference_id": conference_id,
            "participant_id": member_id,
            "participant_token": token,
            "status": event["payload"]["member"]["status"],
        }

    def authenticate(self, token: Any) -> tuple[str, str]:
        """(conference_id, member_id) for a live token, or an `unauthorized` refusal."""
        if not isinstance(token, str) or not 16 <= len(token) <= 128:
            raise DomainError("unauthorized", "This link is not valid. Please ask the chair for a new one.")
        with storage():
            found = self.store.member_by_token(hash_token(token))
        if found is None:
            raise DomainError(
                "unauthorized", "This link is no longer valid. Please ask the chair for a new one."
            )
        return found

    def authenticate_facilitator(self, token: Any, conference_id: str) -> str:
        found_conference, member_id = self.authenticate(token)
        if found_conference != conference_id:
            raise DomainError("forbidden", "This link belongs to a different conference.")
        if self._board(conference_id).members[member_id]["kind"] != v.Kind.FACILITATOR:
            raise DomainError("forbidden", "Only the chair can do that.")
        return member_id

    def owns(self, username: str | None, conference_id: str) -> bool:
        with storage():
            return bool(username) and conference_id in self.store.conferences_of(username or "")

    def conferences_of(self, username: str) -> list[dict]:
        """The facilitator's conferences, newest first, as a list to choose from."""
        with storage():
            ids = self.store.conferences_of(username)
        out = []
        for cid in ids:
            try:
                conf = self._board(cid).conference
            except DomainError:
                continue
            row = {k: conf[k] for k in ("id", "title", "kind", "status", "created_at")}
            row.update(
                children=[c["name"] for c in conf.get("children") or []],
                next_meeting=(conf.get("decision") or {}).get("next_meeting"),
                review_of=(conf.get("previous") or {}).get("conference_id"),
            )
            out.append(dict(row, join_code=self.join_code_of(cid)))
        return sorted(out, key=lambda c: c["created_at"], reverse=True)

    def new_link_token(self, conference_id: str, kind: str) -> str:
        """A fresh token for the chair ("facilitator": the console on another device) or the
        projector ("display": the first link is only shown at creation). Earlier ones go on
        working."""
        board = self._board(conference_id)
        member = next(
            (m for m in board.members.values() if m["kind"] == kind and m["status"] != v.Status.REMOVED), None
        )
        if member is None:
            raise DomainError("conflict", "The projector was removed from this conference.")
        token = self.new_id(32)
        with storage():
            self.store.add_token(conference_id, hash_token(token), member["member_id"])
        return token

    def cancel_links(self, conference_id: str, who: str) -> dict[str, str]:
        """A leaked chair's or projector link cancelled: the chair's and the projector's
        earlier tokens all stop working at once, their open screens are cut on every
        process, and each gets one new token (returned) for the owner to open again."""
        with self._lock(conference_id):
            board = self._board(conference_id)
            fresh = {}
            for member in board.members.values():
                if (
                    member["kind"] in (v.Kind.FACILITATOR, v.Kind.DISPLAY)
                    and member["status"] != v.Status.REMOVED
                ):
                    token = self.new_id(32)
                    with storage():
                        self.store.replace_tokens(conference_id, member["member_id"], hash_token(token))
                    self.publisher.disconnect_member(conference_id, member["member_id"], "link_cancelled")
                    fresh[member["kind"]] = token
        self.audit(conference_id, "cancelled the chair's and projector links", who)
        return fresh

    def record_distribution(self, conference_id: str, who: str, copy: Any, fmt: Any, recipient: Any) -> None:
        """Log in the access record that a copy went to someone (never the file itself)."""
        self._board(conference_id)  # the board must exist
        copy = check_choice(copy, ("full", "family"), "copy")
        fmt = check_choice(fmt, FORMATS, "format")
        recipient = required_text(recipient, "who it was sent to", v.MAX_NAME * 2)
        self.audit(conference_id, "sent the minutes", who, copy=copy, format=fmt, to=recipient)

    def plain_language_check(self, conference_id: str, copy: str, tz_name: str) -> list[dict]:
        """Every flagged term in what this copy's readers will read (the family copy, usually)."""
        if copy not in ("full", "family"):
            raise DomainError("invalid", "The copy must be 'full' or 'family'.")
        board, events = self._board_and_log(conference_id)
        return check_minutes(build_minutes(board, events, copy, self.clock(), tz_name))

    def _board_and_log(self, conference_id: str) -> tuple[state.Board, list[dict]]:
        """The board and its log up to the board's seq, read together."""
        with self._lock(conference_id):
            board = self._board(conference_id)
            with storage():
                events = self.store.events(conference_id)
        return board, events[: board.seq]

    def minutes(
        self,
        conference_id: str,
        copy: str,
        fmt: str,
        tz_name: str,
        who: str = "the chair",
        large: bool = False,
        how_to_disagree: str | None = None,
        language: str | None = None,
    ) -> tuple[bytes, str]:
        """The minutes as a file (bytes, file name), built from the board and its whole log.
        The family copy can be made in any of the languages; the full copy stays in the
        council's language."""
        if fmt not in FORMATS:
            raise DomainError(
                "not_found",
                "Minutes can be made as {names}; not as '{fmt}'.",
                names=", ".join(FORMATS),
                fmt=fmt,
            )
        if copy not in ("full", "family"):
            raise DomainError("invalid", "The copy must be 'full' or 'family'.")
        language = language or i18n.SOURCE
        if language not in i18n.LANGUAGES:
            names = ", ".join(f"{name} ({tag})" for tag, (name, _) in i18n.LANGUAGES.items())
            raise DomainError(
                "invalid",
                "The minutes can be made in {names}; not in '{language}'.",
                names=names,
                language=language,
            )
        if copy == "full" and language != i18n.SOURCE:
            raise DomainError(
                "invalid",
                "The full record stays in the council's language; the family copy can be made in another.",
            )
        board, events = self._board_and_log(conference_id)
        kind = v.kind_of(board.conference)
        if copy == "family" and not kind["family"]:
            raise DomainError(
                "invalid",
                "A {label} is for professionals only: it has no family copy.",
                label=kind["label"].lower(),
            )
        self.audit(
            conference_id,
            "exported the minutes",
            who,
            copy=copy,
            format=fmt + (" (large print)" if large else ""),
            **({"language": language} if language != i18n.SOURCE else {}),
        )
        access = self.audit_of(conference_id) if copy == "full" else None
        with speaking(language):
            model = build_minutes(
                board,
                events,
                copy,
                self.clock(),
                tz_name,
                access=access,
                how_to_disagree=how_to_disagree,
            )
            body = render(model, fmt, large=large)
        return body, file_name(board, copy, fmt, tz_name, language)

    def purge(self, now: str, retention_days: int, idle_days: int) -> list[str]:
        """Delete conferences ended more than retention_days ago, or idle for idle_days."""
        when = dt.datetime.fromisoformat(now.replace("Z", "+00:00"))
        gone = []
        with storage():
            ids = self.store.all_conferences()
        for cid in ids:
            try:
                board = self._board(cid)
            except DomainError:
                continue
            if board.closed_at:
                expired = _age_days(when, board.closed_at) > retention_days
            else:
                expired = _age_days(when, board.last_at) > idle_days
            if expired:
                self.delete_conference(cid, scrub=False)
                gone.append(cid)
        if gone:
            self.scrub()  # one rewrite of the file for the day's deletions
        return gone

    def delete_conference(self, conference_id: str, who: str = "retention", scrub: bool = True) -> None:
        self.audit(None, "deleted a conference", who, conference=conference_id)
        with self._lock(conference_id):
            board = self._board(conference_id)
            with storage():
                self.store.delete(conference_id)
            # gone from here and from every screen first; the file's rewrite comes after
            self._boards.pop(conference_id, None)
            self._projector.pop(conference_id, None)
            for mid, member in board.members.items():
                if member["kind"] != v.Kind.OFFLINE:
                    self.publisher.disconnect_member(conference_id, mid, "deleted")
        if scrub:
            self.scrub()

    def scrub(self) -> None:
        """Rewrite the store's files without deleted data. A failure (the disk full, the file
        held by a backup) is logged and left for the next deletion or the daily purge: the
        board is already gone, so nobody is told "unavailable" for it."""
        try:
            self.store.scrub()
        except Exception:
            log.warning("could not rewrite the data file after a deletion; the next one will")

    # --- Socket.IO: hello, sync, command ------------------------------------------------

    def member(self, conference_id: str, member_id: str) -> dict:
        return self._member_of(self._board(conference_id), member_id)

    @staticmethod
    def _member_of(board: state.Board, member_id: str) -> dict:
        member = board.members.get(member_id)
        if member is None or member["status"] == v.Status.REMOVED:
            raise DomainError("unauthorized", "You are no longer part of this conference.")
        return member

    def hello(self, conference_id: str, member_id: str) -> dict:
        board = self._board(conference_id)
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
        with self._lock(conference_id):
            member = self.member(conference_id, member_id)
            if member["kind"] == v.Kind.PARTICIPANT and member["status"] != v.Status.ADMITTED:
                raise DomainError("forbidden", "The chair will let you in shortly. Please wait.")
            board = self._board(conference_id)
            viewer = views.Viewer.of(board, member_id)
            if 0 < since <= board.seq and board.seq - since <= SNAPSHOT_AFTER:
                with storage():
                    events = self.store.events(conference_id, since)
                events = [e for e in events if e["seq"] <= board.seq]
                if not views.replay_needs_snapshot(events, viewer):
                    seen = [views.view_event(e, viewer) for e in events]
                    return {"ok": True, "seq": board.seq, "events": seen}
            snapshot = views.view_snapshot(board, viewer)
            return {"ok": True, "seq": board.seq, "snapshot": self._with_code(conference_id, snapshot)}

    def draft(self, conference_id: str, member_id: str, payload: Any) -> dict:
        """Relay the chair's unfinished statement to the projector: checked like the statement
        it will become, never logged, never sent to a phone."""
        check_unicode(payload)
        board = self._board(conference_id)
        draft = commands.check_draft(board, member_id, payload)
        self.publisher.to_displays(conference_id, draft)
        return {"ok": True}

    def projector(self, conference_id: str, member_id: str, payload: Any) -> dict:
        """Relay the chair's paging and wording choice to the projector; never logged, but
        kept in this process's memory so a projector that reloads is told again."""
        settings = commands.check_projector(self._board(conference_id), member_id, payload)
        self._projector[conference_id] = settings
        self.publisher.to_displays(conference_id, settings, "projector")
        return {"ok": True}

    def projector_settings(self, conference_id: str) -> dict | None:
        return self._projector.get(conference_id)

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
        with self._lock(conference_id):
            board, done = self._load(conference_id, False, op_id)
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
                )
            except DuplicateOp as dup:
                return _ack(dup.seq, dup.result)
            return _ack(event["seq"], decision.result)


def _age_days(now: dt.datetime, iso: str | None) -> float:
    if not iso:
        return 0.0
    return (now - dt.datetime.fromisoformat(iso.replace("Z", "+00:00"))).total_seconds() / 86400


def _ack(seq: int, result: dict | None) -> dict:
    out: dict[str, Any] = {"ok": True, "seq": seq}
    if result is not None:
        out["result"] = result
    return out
