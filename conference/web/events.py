"""Socket.IO /board: translate socket messages into service calls and acknowledge them."""

from __future__ import annotations

import contextlib
import json
import logging
import time
from collections.abc import Callable
from typing import Any

from flask import current_app, has_request_context, request
from flask_socketio import ConnectionRefusedError as SocketRefusal
from flask_socketio import Namespace, SocketIO, emit, join_room

from ..domain import vocabulary as v
from ..domain.errors import N_, DomainError
from ..service import Service
from . import language
from .metrics import Metrics
from .presence import MemoryConnections

log = logging.getLogger(__name__)
NAMESPACE = "/board"


def conference_room(conference_id: str) -> str:
    return f"c:{conference_id}"


def member_room(member_id: str) -> str:
    return f"m:{member_id}"


def chair_room(conference_id: str) -> str:
    """The conference's chair consoles: the only screens told who waits in the lobby connected."""
    return f"f:{conference_id}"


def display_room(conference_id: str) -> str:
    """The conference's projectors: the only screens that see the chair's drafts."""
    return f"d:{conference_id}"


PRESENCE_GATHER_SECONDS = 0.05


class SocketPublisher:
    """Delivers events through Flask-SocketIO rooms: one per conference, one per member."""

    def __init__(self, socketio: SocketIO, connections: MemoryConnections, metrics: Metrics | None = None):
        self.socketio = socketio
        self.connections = connections
        self.metrics = metrics
        self.last_event = time.monotonic()  # when this process last sent an event (a quiet server)
        # conferences whose `presence` is about to go: True while only the lobby changed
        self._presence_due: dict[str, bool] = {}

    def presence(self, conference_id: str, lobby_only: bool = False) -> None:
        """`presence {online}` to the conference (never anyone in the lobby), then to the
        chair's consoles `presence {online, waiting}`: who waits in the lobby with a screen
        open. `lobby_only` when only someone in the lobby came or went. Gathered over a
        moment: ten phones coming back together make one `presence`, not ten to each."""
        due = self._presence_due.get(conference_id)
        self._presence_due[conference_id] = lobby_only and (due is None or due)
        if due is None:
            self.socketio.start_background_task(self._send_presence, conference_id)

    def _send_presence(self, conference_id: str) -> None:
        self.socketio.sleep(PRESENCE_GATHER_SECONDS)
        lobby_only = self._presence_due.pop(conference_id, False)  # a change from now on sends again
        try:
            online = self.connections.online(conference_id)
            waiting = self.connections.waiting(conference_id)
        except Exception:  # Redis away: the next change says it
            log.warning("could not read who is online")
            return
        if not lobby_only:
            self.socketio.emit(
                "presence", {"online": online}, to=conference_room(conference_id), namespace=NAMESPACE
            )
        self.socketio.emit(
            "presence",
            {"online": online, "waiting": waiting},
            to=chair_room(conference_id),
            namespace=NAMESPACE,
        )

    def to_everyone(self, conference_id: str, event: dict) -> None:
        self.last_event = time.monotonic()
        self.socketio.emit("event", event, to=conference_room(conference_id), namespace=NAMESPACE)
        if self.metrics:
            self.metrics.deliveries.inc()

    def to_member(self, conference_id: str, member_id: str, name: str, data: dict) -> None:
        self.last_event = time.monotonic()
        self.socketio.emit(name, data, to=member_room(member_id), namespace=NAMESPACE)
        if self.metrics and name == "event":
            self.metrics.deliveries.inc()

    def to_displays(self, conference_id: str, draft: dict, name: str = "draft") -> None:
        self.socketio.emit(name, draft, to=display_room(conference_id), namespace=NAMESPACE)

    def admit(self, conference_id: str, member_id: str) -> None:
        """Put the member's sockets in this process into the conference room, then tell them."""
        server = self.socketio.server
        if server is not None:
            for sid, _ in list(server.manager.get_participants(NAMESPACE, member_room(member_id))):
                server.enter_room(sid, conference_room(conference_id), namespace=NAMESPACE)
        self.connections.admitted(conference_id, member_id)
        self.to_member(conference_id, member_id, "admitted", {})
        self.presence(conference_id)

    def disconnect_member(self, conference_id: str, member_id: str, reason: str) -> None:
        self.socketio.emit("removed", {"reason": reason}, to=member_room(member_id), namespace=NAMESPACE)
        server = self.socketio.server
        if server is None:
            return
        # every socket in the member's room here, whatever it sent, and through the message
        # queue those that other processes list for the member
        sids = {sid for sid, _ in server.manager.get_participants(NAMESPACE, member_room(member_id))}
        sids.update(self.connections.sids(conference_id, member_id))
        # a moment later, so the answer to the message that found the board gone goes first
        self.socketio.start_background_task(self._cut, sorted(sids))

    def catch_up(self, missed: Callable[[str, str], list[dict]]) -> int:
        """After the message queue between processes came back: send each socket of this
        process what its member missed meanwhile (`missed(conference_id, member_id)`), to this
        process's sockets only. A screen ignores an event it already has (by `seq`)."""
        sent = 0
        for conference_id, members in self.connections.here().items():
            for member_id, sids in members.items():
                for event in missed(conference_id, member_id):
                    for sid in sids:
                        self.socketio.server.emit(
                            "event", event, to=sid, namespace=NAMESPACE, ignore_queue=True
                        )
                        sent += 1
        return sent

    def _cut(self, sids: list[str]) -> None:
        self.socketio.sleep(0.05)
        for sid in sids:
            try:
                self.socketio.server.disconnect(sid, namespace=NAMESPACE)
            except Exception:  # already gone
                log.debug("socket already gone")


class Refused(SocketRefusal):
    """A refusal at connect whose connect_error data is the contract's {code, message}."""

    def __init__(self, err: DomainError):
        super().__init__()
        # python-socketio clients see {code, message}; socket.io-client puts `data` on the Error
        said = language.refusal(err)  # in the handshake's language (its cookie or Accept-Language)
        self.error_args = {**said, "data": said}


def _sid() -> str:
    """The Socket.IO session id Flask-SocketIO puts on the request."""
    return request.sid  # type: ignore[attr-defined]


def _their_language() -> str | None:
    """The language the refused member chose (their member record), if they did."""
    if not has_request_context():
        return None
    try:
        found = current_app.extensions["conference_connections"].who(_sid())
        if found:
            return current_app.extensions["conference_service"].member(*found).get("language")
    except Exception:  # a refusal is answered whatever happens here, in the page's language
        log.debug("no member language for a refusal")
    return None


def _error(err: DomainError) -> dict:
    return {"ok": False, "error": language.refusal(err, _their_language())}


def _size(data: Any) -> int:
    """The message's size as UTF-8 bytes; a lone surrogate counts as the 3 bytes it would
    take (it is refused later as a broken character, never let through as 0 bytes)."""
    try:
        return len(
            json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode("utf-8", "surrogatepass")
        )
    except (TypeError, ValueError, RecursionError):
        return v.MAX_MESSAGE_BYTES + 1


class BoardNamespace(Namespace):
    """The /board namespace of the contract: hello, sync, command, event, presence, admitted, removed."""

    HANDLED = frozenset({"connect", "disconnect", "sync", "command", "draft", "projector"})

    def trigger_event(self, event: str, *args: Any) -> Any:
        """Every message with an acknowledgement gets an answer, even one this board does
        not know (the library would leave it unanswered and the sender waiting)."""
        if event in self.HANDLED:
            return super().trigger_event(event, *args)
        return _error(
            DomainError(
                "invalid", "This board only understands 'sync', 'command', 'draft' and 'projector' messages."
            )
        )

    @property
    def service(self) -> Service:
        return current_app.extensions["conference_service"]

    @property
    def connections(self) -> MemoryConnections:
        return current_app.extensions["conference_connections"]

    def _who(self) -> tuple[str, str]:
        found = self.connections.who(_sid())
        if found is None:
            raise DomainError("unauthorized", "Please reconnect with your link.")
        return found

    def _presence(self, conference_id: str, lobby_only: bool = False) -> None:
        current_app.extensions["conference_publisher"].presence(conference_id, lobby_only)

    def _guard(self, data: Any, work) -> dict:
        try:
            if _size(data) > v.MAX_MESSAGE_BYTES:
                raise DomainError("too_large", "That message is too big to send (the limit is 64 KB).")
            return work()
        except DomainError as err:
            return _error(err)
        except Exception:  # a bug must never take the handler down; nothing was saved
            log.exception("unexpected error in a /board handler")
            return _error(
                DomainError("unavailable", "Something went wrong on our side; nothing was changed.")
            )

    def on_connect(self, auth: Any = None) -> None:
        token = auth.get("token") if isinstance(auth, dict) else None
        try:
            conference_id, member_id = self.service.access.authenticate(token)
            member = self.service.member(conference_id, member_id)
            with contextlib.suppress(DomainError):  # the first open of an invitation, kept once;
                self.service.opened(conference_id, member_id)  # a store down never refuses a screen
            hello = self.service.hello(conference_id, member_id)
        except DomainError as err:
            raise Refused(err) from None
        self.connections.add(_sid(), conference_id, member_id, member["status"] == v.Status.WAITING)
        join_room(member_room(member_id))
        if member["status"] != v.Status.WAITING:
            join_room(conference_room(conference_id))
        if member["kind"] == v.MemberKind.DISPLAY:
            join_room(display_room(conference_id))
        if member["kind"] == v.MemberKind.FACILITATOR:
            join_room(chair_room(conference_id))
        if isinstance(auth, dict) and "since" in auth and member["status"] != v.Status.WAITING:
            # the handshake asked for what was missed: the sync's answer rides in hello,
            # worked out after the room was joined (later events follow it on the socket)
            hello["sync"] = self._guard(
                auth, lambda: self.service.sync(conference_id, member_id, auth["since"])
            )
        emit("hello", hello)
        settings = (
            self.service.projector_settings(conference_id) if member["kind"] == v.MemberKind.DISPLAY else None
        )
        if settings:  # a projector that reloads keeps the chair's held page and wording
            emit("projector", settings)
        # someone arriving in the lobby is told to the chair only
        self._presence(conference_id, lobby_only=member["status"] == v.Status.WAITING)

    def on_disconnect(self, reason: Any = None) -> None:
        found = self.connections.drop(_sid())
        if found:
            self._presence(found[0])
            if found[0] and self._is_chair(*found):
                # the chair's console went away: no half-typed statement left on the projector
                current_app.extensions["conference_publisher"].to_displays(found[0], {})

    def _is_chair(self, conference_id: str, member_id: str) -> bool:
        try:
            return self.service.member(conference_id, member_id)["kind"] == v.MemberKind.FACILITATOR
        except DomainError:
            return False

    def on_sync(self, data: Any = None, *_: Any) -> dict:
        def work() -> dict:
            conference_id, member_id = self._who()
            if not isinstance(data, dict):
                raise DomainError("invalid", 'sync needs an object like {"since": 0}.')
            if set(data) != {"since"}:
                raise DomainError("invalid", "sync takes exactly one field, 'since' (0 for the whole board).")
            member = self.service.member(conference_id, member_id)
            if member["status"] == v.Status.ADMITTED or member["kind"] != v.MemberKind.PARTICIPANT:
                # admitted on another process, or a missed room join: the room is safe to re-enter
                join_room(conference_room(conference_id))
            return self.service.sync(conference_id, member_id, data["since"])

        return self._guard(data, work)

    def _to_projector(self, data: Any, relay, bucket: str) -> dict:
        """The chair's messages for the projector only (a draft, paging): never logged,
        limited like typing, each kind in its own bucket (paging never waits on typing)."""

        def work() -> dict:
            conference_id, member_id = self._who()
            current_app.extensions["conference_limits"]["draft"].check(
                f"{conference_id}:{member_id}:{bucket}",
                N_("The projector can't keep up with the typing; it will catch up."),
            )
            return relay(conference_id, member_id, data)

        return self._guard(data, work)

    def on_draft(self, data: Any = None, *_: Any) -> dict:
        return self._to_projector(data, self.service.draft, "draft")

    def on_projector(self, data: Any = None, *_: Any) -> dict:
        return self._to_projector(data, self.service.projector, "projector")

    def on_command(self, data: Any = None, *_: Any) -> dict:
        started = time.perf_counter()

        def work() -> dict:
            conference_id, member_id = self._who()
            current_app.extensions["conference_limits"]["command"].check(
                f"{conference_id}:{member_id}",
                N_("That was a lot of changes very quickly. Please wait a moment and try again."),
            )
            return self.service.command(conference_id, member_id, data)

        answer = self._guard(data, work)
        metrics: Metrics = current_app.extensions["conference_metrics"]
        result = "ok" if answer.get("ok") else answer["error"]["code"]
        metrics.commands.labels(result).inc()
        metrics.command_seconds.observe(time.perf_counter() - started)
        if result == "unavailable":
            metrics.store_errors.inc()
        return answer
