"""The socket layer's first check: what reaches python-socketio's packet decoder is bounded
and well formed, so that no message can wedge a socket or flood the log.

python-socketio decodes every Engine.IO message itself and, on a packet it cannot decode,
logs a whole traceback (3.4 KB for 109 bytes sent). A binary packet whose attachment fails
to decode leaves the socket waiting for attachments for ever, so every later message on it
goes unanswered. This guard takes the Engine.IO "message" handler's place:

- binary frames and binary Socket.IO packets are refused (the contract has none);
- nesting deeper than MAX_DEPTH is refused before any JSON is decoded;
- a packet that does not decode is dropped with one log line, no traceback;
- client events named like lifecycle events (`connect`, `disconnect`, …) are ignored,
  so a client cannot run the disconnect handler and stay in its rooms;
- a connection that sends MAX_BAD_PACKETS bad packets is closed;
- an Engine.IO frame that does not decode becomes a no-op, counted, never a traceback.

It dispatches good packets the way `socketio.Server._handle_eio_message` does (the
python-socketio version is pinned in requirements.txt; tests/integration/test_socket_abuse.py
drives this through a real server).
"""

from __future__ import annotations

import logging
import re
import threading
from typing import Any

from socketio import packet

from ..domain import vocabulary as v
from .events import NAMESPACE

log = logging.getLogger("conference.socket")

MAX_DEPTH = 32  # our messages nest 4 deep; Python's JSON decoder gives up near 1,000
MAX_BAD_PACKETS = 5
# A frame longer than this many characters holds more than the contract's 64 KiB message
# (characters never outnumber UTF-8 bytes; the packet's own header is a few characters), so
# it is answered `too_large` before any look inside it. Before a socket has signed in it may
# send only its CONNECT packet with a token: PRE_AUTH_FRAME characters are plenty.
MAX_FRAME = v.MAX_MESSAGE_BYTES + 1024
PRE_AUTH_FRAME = 4096
# a packet's header: type, binary attachments, namespace, acknowledgement id
_HEADER = re.compile(r"(\d)(?:\d{1,9}-)?(/[^,]{0,64},)?(\d{1,15})?")
LIFECYCLE_EVENTS = frozenset({"connect", "disconnect", "connect_error", "message"})
# A JSON string, or an unfinished one running to the end of the text: every quote starts a
# match that succeeds, so the search never rescans what a failed match read (an unfinished
# string full of escaped quotes made the old pattern quadratic: 4 s for 48 KB).
_STRINGS = re.compile(r'"(?:[^"\\]++|\\.)*+(?:"|\\?\Z)', re.S)
_KEEP_BRACKETS = {ord(c): None for c in map(chr, range(0x80)) if c not in "[]{}"}


def too_deep(text: str, limit: int = MAX_DEPTH) -> bool:
    """True when the JSON in text nests deeper than limit (strings don't count)."""
    if text.count("[") + text.count("{") <= limit:
        return False  # cannot nest deeper than the number of openers
    brackets = _STRINGS.sub("", text).translate(_KEEP_BRACKETS)
    depth = 0
    for ch in brackets:
        if ch in "[{":
            depth += 1
            if depth > limit:
                return True
        elif ch in "]}":
            depth -= 1
    return False


class PacketGuard:
    """Counts and drops bad packets; installed over one socketio.Server."""

    def __init__(self, server: Any):
        self.server = server
        self.bad: dict[str, int] = {}  # per Engine.IO connection
        self.dropped = 0  # since the process started
        self.ignored_lifecycle = 0
        self._lock = threading.Lock()
        server.eio.on("message", self.message)
        original_disconnect = server.eio.handlers["disconnect"]

        def disconnect(eio_sid: str, *args: Any) -> Any:
            with self._lock:
                self.bad.pop(eio_sid, None)
            return original_disconnect(eio_sid, *args)

        server.eio.on("disconnect", disconnect)

    def message(self, eio_sid: str, data: Any) -> None:
        if eio_sid not in self.server.eio.sockets:
            return  # closed already (perhaps by us): what it queued before is dropped quietly
        try:
            self._dispatch(eio_sid, data)
        except Exception as err:  # one line, never a traceback: the sender controls this
            self._drop(eio_sid, f"could not be handled ({type(err).__name__})")

    def _drop(self, eio_sid: str, why: str) -> None:
        with self._lock:
            self.dropped += 1
            count = self.bad[eio_sid] = self.bad.get(eio_sid, 0) + 1
            total = self.dropped
        if count == 1:
            log.warning("dropped a packet that %s (%d dropped in all)", why, total)
        elif count == MAX_BAD_PACKETS:
            log.warning("closed a connection after %d bad packets (%d dropped in all)", count, total)
            try:
                self.server.eio.disconnect(eio_sid)
            except Exception:
                log.debug("connection already closed")

    def _signed_in(self, eio_sid: str) -> bool:
        return self.server.manager.sid_from_eio_sid(eio_sid, NAMESPACE) is not None

    def _answer(self, eio_sid: str, data: str, code: str, message: str) -> None:
        """A dropped event that asked for an acknowledgement gets one, with the refusal,
        so its sender is never left waiting (the id is read from the header alone)."""
        header = _HEADER.match(data[:100])
        if not header or header.group(3) is None:
            return
        if header.group(1) not in (str(packet.EVENT), str(packet.BINARY_EVENT)):
            return
        namespace = (header.group(2) or "/,")[:-1]
        error = {"ok": False, "error": {"code": code, "message": message}}
        try:
            self.server._send_packet(
                eio_sid,
                self.server.packet_class(
                    packet.ACK, namespace=namespace, data=[error], id=int(header.group(3))
                ),
            )
        except Exception:
            log.debug("could not answer a dropped packet")

    def _refuse(self, eio_sid: str, data: str, why: str, code: str, message: str, count: bool = True) -> None:
        self._answer(eio_sid, data, code, message)
        if count:
            self._drop(eio_sid, why)
        else:
            with self._lock:
                self.dropped += 1

    def _dispatch(self, eio_sid: str, data: Any) -> None:
        server = self.server
        if not isinstance(data, str):
            self._drop(eio_sid, "was binary (this board sends none)")
            return
        signed_in = len(data) <= PRE_AUTH_FRAME or self._signed_in(eio_sid)
        if len(data) > MAX_FRAME or not signed_in:
            # answered at once, unread; a signed-in person who pasted too much is told, and
            # keeps their connection (only a socket that never signed in is counted)
            self._refuse(
                eio_sid,
                data,
                "was too big",
                "too_large",
                "That message is too big to send (the limit is 64 KB).",
                count=not signed_in,
            )
            return
        if data[:1] in (str(packet.BINARY_EVENT), str(packet.BINARY_ACK)):
            self._refuse(
                eio_sid,
                data,
                "was a binary packet (this board sends none)",
                "invalid",
                "This board takes no binary messages.",
            )
            return
        if too_deep(data):
            self._refuse(
                eio_sid,
                data,
                f"nested deeper than {MAX_DEPTH}",
                "invalid",
                "That message nests too deep to be one of this board's.",
            )
            return
        try:
            pkt = server.packet_class(encoded_packet=data)
        except Exception:
            self._refuse(eio_sid, data, "did not decode", "invalid", "That message could not be read.")
            return
        kind = pkt.packet_type
        if kind == packet.CONNECT:
            server._handle_connect(eio_sid, pkt.namespace, pkt.data)
        elif kind == packet.DISCONNECT:
            server._handle_disconnect(eio_sid, pkt.namespace, server.reason.CLIENT_DISCONNECT)
        elif kind == packet.EVENT:
            if not isinstance(pkt.data, list) or not pkt.data or not isinstance(pkt.data[0], str):
                self._refuse(eio_sid, data, "had no event name", "invalid", "That message has no event name.")
            elif pkt.data[0] in LIFECYCLE_EVENTS:
                with self._lock:
                    self.ignored_lifecycle += 1
                self._refuse(
                    eio_sid,
                    data,
                    f"used the reserved event name '{pkt.data[0]}'",
                    "invalid",
                    "This board only understands 'sync', 'command', 'draft' and 'projector' messages.",
                )
            else:
                server._handle_event(eio_sid, pkt.namespace, pkt.id, pkt.data)
        elif kind == packet.ACK:
            server._handle_ack(eio_sid, pkt.namespace, pkt.id, pkt.data)
        else:
            self._drop(eio_sid, "was of a kind a client may not send")


class _FrameCounter:
    """Engine.IO frames that do not decode ("x", a letter where the packet type goes):
    Engine.IO decodes them outside any handler, so the WSGI server would print a
    traceback for each. They become no-ops, counted, with a log line at 1, 10, 100, …"""

    def __init__(self) -> None:
        self.count = 0
        self._lock = threading.Lock()

    def bad(self) -> None:
        with self._lock:
            self.count += 1
            n = self.count
        if n == 10 ** (len(str(n)) - 1):
            log.warning("ignored an Engine.IO frame that did not decode (%d in all)", n)


FRAMES = _FrameCounter()


def _guard_engineio_frames() -> None:
    from engineio import packet as eio_packet

    decode = eio_packet.Packet.decode
    if getattr(decode, "guarded", False):
        return

    def safe_decode(self: Any, encoded_packet: Any) -> None:
        try:
            decode(self, encoded_packet)
        except Exception:
            FRAMES.bad()
            self.packet_type, self.data, self.binary = eio_packet.NOOP, None, False

    safe_decode.guarded = True  # type: ignore[attr-defined]
    eio_packet.Packet.decode = safe_decode


def install(server: Any) -> PacketGuard:
    _guard_engineio_frames()
    return PacketGuard(server)
