"""Test helpers: start and stop a real server process, and drive real Socket.IO clients."""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections.abc import Callable

import socketio

from conference.launch import (  # noqa: F401  (the launchers, for the tests)
    FACILITATOR,
    ROOT,
    NginxProcess,
    RedisProcess,
    SentinelProcess,
    ServerProcess,
    free_port,
    sentinel_url,
)


class BoardClient:
    """A real python-socketio client on /board that records what it receives."""

    def __init__(self, url: str, token: str | None, connect: bool = True):
        self.url, self.token = url, token
        self.sio = socketio.Client(reconnection=False)
        self.events: list[dict] = []
        self.hello: dict | None = None
        self.presence: list[dict] = []
        self.admitted = 0
        self.removed: list[dict] = []
        self.drafts: list[dict] = []
        self.projector: list[dict] = []  # the chair's paging choices, on a projector
        self.disconnected = threading.Event()
        self._cond = threading.Condition()
        for name in ("hello", "event", "presence", "admitted", "removed", "draft", "projector"):
            self.sio.on(name, self._handler(name), namespace="/board")
        self.sio.on("disconnect", lambda *a: self.disconnected.set(), namespace="/board")
        if connect:
            self.connect()

    def _handler(self, name: str):
        def handle(data=None):
            with self._cond:
                if name == "hello":
                    self.hello = data
                elif name == "event":
                    self.events.append(data)
                elif name == "presence":
                    self.presence.append(data)
                elif name == "admitted":
                    self.admitted += 1
                elif name == "removed":
                    self.removed.append(data)
                elif name == "draft":
                    self.drafts.append(data)
                elif name == "projector":
                    self.projector.append(data)
                self._cond.notify_all()

        return handle

    def connect(self, since: object = None) -> None:
        """Connect; with `since`, the handshake asks for what was missed (hello carries it)."""
        auth = {"token": self.token} if since is None else {"token": self.token, "since": since}
        self.sio.connect(
            self.url,
            namespaces=["/board"],
            auth=auth,
            transports=["websocket"],
            wait_timeout=5,
        )
        self.wait(lambda: self.hello is not None)

    def close(self) -> None:
        try:
            self.sio.disconnect()
        except Exception:
            pass

    def wait(self, predicate: Callable[[], bool], timeout: float = 5.0) -> None:
        deadline = time.monotonic() + timeout
        with self._cond:
            while not predicate():
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError("timed out waiting")
                self._cond.wait(left)

    def wait_seq(self, seq: int, timeout: float = 5.0) -> None:
        self.wait(lambda: any(e["seq"] >= seq for e in self.events), timeout)

    def call(self, name: str, data=None, timeout: float = 5.0):
        return self.sio.call(name, data, namespace="/board", timeout=timeout)

    def cmd(self, type_: str, payload: dict | None = None, op_id: str | None = None) -> dict:
        return self.call(
            "command", {"op_id": op_id or uuid.uuid4().hex, "type": type_, "payload": payload or {}}
        )

    def ok(self, type_: str, payload: dict | None = None, op_id: str | None = None) -> dict:
        ack = self.cmd(type_, payload, op_id)
        assert ack.get("ok") is True, ack
        return ack

    def sync(self, since: int = 0) -> dict:
        return self.call("sync", {"since": since})

    def snapshot(self) -> dict:
        answer = self.sync(0)
        assert answer["ok"], answer
        return answer["snapshot"]


def refused_at_connect(url: str, token: str) -> bool:
    """True when the server refuses this token at connect (it never gets a hello)."""
    client = BoardClient(url, token, connect=False)
    try:
        client.connect()
    except Exception:
        return True
    client.close()
    return False


class Room:
    """A conference with a chair and some admitted people, each on their own socket."""

    def __init__(self, server: ServerProcess, clients: list, people: dict[str, str] | None = None, **create):
        self.server = server
        self.conf = server.create(**create)
        self.id = self.conf["conference_id"]
        self.chair = self._client(clients, self.conf["facilitator_token"])
        self.ids: dict[str, str] = {}
        self.tokens: dict[str, str] = {}
        self.clients: dict[str, BoardClient] = {}
        for name, role in (people or {}).items():
            self.add(clients, name, role)

    def _client(self, clients: list, token: str) -> BoardClient:
        c = BoardClient(self.server.url, token)
        clients.append(c)
        return c

    def add(self, clients: list, name: str, role: str, admit: bool = True) -> BoardClient:
        joined = self.server.join(self.conf["join_code"], name, role)
        self.ids[name] = joined["participant_id"]
        self.tokens[name] = joined["participant_token"]
        c = self._client(clients, joined["participant_token"])
        self.clients[name] = c
        if admit:
            self.chair.ok("member.admit", {"member_id": joined["participant_id"]})
            c.wait(lambda: c.admitted > 0)
        return c

    def invite(self, clients: list, name: str, role: str, agency: str | None = None) -> BoardClient:
        """The chair invites a professional before the meeting (POST …/invitations, with the
        chair's link as a bearer): they are in at once, on their own socket."""
        import requests

        body = {"name": name, "role": role} | ({"agency": agency} if agency else {})
        r = requests.post(
            f"{self.server.url}/api/conferences/{self.id}/invitations",
            json=body,
            headers={"Authorization": f"Bearer {self.conf['facilitator_token']}"},
            timeout=5,
        )
        assert r.status_code == 201, r.text
        made = r.json()
        self.ids[name] = made["invitation_id"]
        self.tokens[name] = made["participant_token"]
        self.clients[name] = c = self._client(clients, made["participant_token"])
        return c

    def display(self, clients: list) -> BoardClient:
        return self._client(clients, self.conf["display_token"])


class RawSocket:
    """Engine.IO v4 over a bare websocket: sends exactly the frames a test writes, as an
    attacker or a buggy client would, and reads what comes back (answering pings)."""

    def __init__(self, url: str, token: str | None = None, timeout: float = 5.0):
        import websocket  # websocket-client, which python-socketio's client uses too

        ws_url = url.replace("http://", "ws://") + "/socket.io/?EIO=4&transport=websocket"
        self.ws = websocket.create_connection(ws_url, timeout=timeout)
        opening = self.ws.recv()
        assert opening.startswith("0{"), opening
        self.ws.settimeout(0.5)
        self.acks: dict[int, object] = {}
        self.events: list[list] = []
        self.closed = False
        if token is not None:
            self.send("40/board," + json.dumps({"token": token}))
            self.until(lambda: any(e[0] == "hello" for e in self.events))

    def send(self, frame: str | bytes) -> None:
        if isinstance(frame, bytes):
            self.ws.send_binary(frame)
        else:
            self.ws.send(frame)

    def _read_one(self) -> None:
        import json

        import websocket

        try:
            frame = self.ws.recv()
        except websocket.WebSocketTimeoutException:
            return
        except (websocket.WebSocketConnectionClosedException, ConnectionError, OSError):
            self.closed = True
            return
        if not frame:
            self.closed = True
            return
        if frame == "2":
            self.ws.send("3")
        elif frame.startswith("42/board,"):
            self.events.append(json.loads(frame[len("42/board,") :]))
        elif frame.startswith("43/board,"):
            rest = frame[len("43/board,") :]
            n = 0
            while rest[n].isdigit():
                n += 1
            self.acks[int(rest[:n])] = json.loads(rest[n:])[0]
        elif frame.startswith("41/board") or frame == "1":
            self.closed = True

    def until(self, predicate: Callable[[], bool], timeout: float = 5.0) -> None:
        deadline = time.monotonic() + timeout
        while not predicate():
            if self.closed or time.monotonic() > deadline:
                raise AssertionError("timed out or closed while waiting")
            self._read_one()

    def call(self, ack_id: int, name: str, data, timeout: float = 5.0):
        import json

        self.send(f"42/board,{ack_id}" + json.dumps([name, data]))
        self.until(lambda: ack_id in self.acks, timeout)
        return self.acks[ack_id]

    def wait_closed(self, timeout: float = 5.0) -> bool:
        deadline = time.monotonic() + timeout
        while not self.closed and time.monotonic() < deadline:
            self._read_one()
        return self.closed

    def close(self) -> None:
        try:
            self.ws.close()
        except Exception:
            pass


class OutboxClient:
    """A phone's outbox in Python, with the rules of static/js/outbox.js: commands go one at
    a time in order, each keeps its op_id until acknowledged; no answer, `unavailable` and
    `rate_limited` mean wait (the server's retry_after, else a backoff) and send it again.
    It reconnects by itself after the server or the network goes away."""

    TRANSIENT = ("unavailable", "rate_limited")
    FOR_NOW = ("locked", "forbidden")  # this client is only ever refused these while locked or shut out

    def __init__(self, url: str, token: str, name: str):
        self.url, self.token, self.name = url, token, name
        self.outbox: list[dict] = []
        self.acked: dict[str, int] = {}
        self.refused: list[tuple[dict, dict]] = []
        self.transient = 0
        self.resent = 0  # sends of an op_id already sent once
        self.seen: list[str] = []  # every event and sync answer, as JSON, for leak checks
        self.sio = socketio.Client(reconnection=True, reconnection_delay=0.2, reconnection_delay_max=1)
        self.sio.on(
            "event", lambda e: self.seen.append(json.dumps(e, ensure_ascii=False)), namespace="/board"
        )
        self._connect()

    def _connect(self) -> None:
        deadline = time.monotonic() + 30
        while True:
            try:
                self.sio.connect(
                    self.url,
                    namespaces=["/board"],
                    auth={"token": self.token},
                    transports=["websocket"],
                    wait_timeout=3,
                )
                return
            except Exception:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)

    def queue(self, type_: str, payload: dict) -> None:
        self.outbox.append({"op_id": uuid.uuid4().hex, "type": type_, "payload": payload})

    def drain(self, timeout: float = 90) -> None:
        """Send until the outbox is empty (or fail after timeout)."""
        deadline = time.monotonic() + timeout
        attempts = 0
        while self.outbox:
            if time.monotonic() > deadline:
                raise AssertionError(f"{self.name}: {len(self.outbox)} commands still unsent")
            op = self.outbox[0]
            try:
                ack = self.sio.call("command", op, namespace="/board", timeout=3)
            except Exception:  # no answer, or not connected: the same op_id goes again
                self.resent += 1
                attempts += 1
                time.sleep(min(0.1 * 2**attempts, 1.0))
                continue
            if ack.get("ok"):
                self.acked[op["op_id"]] = ack["seq"]
                self.outbox.pop(0)
                attempts = 0
            elif ack["error"]["code"] in self.TRANSIENT + self.FOR_NOW:
                # for the moment: storage away, too fast, or the board closed to us for now
                self.transient += 1
                self.resent += 1
                attempts += 1
                time.sleep(ack["error"].get("retry_after") or min(0.1 * 2**attempts, 1.0))
            else:
                self.refused.append((op, ack["error"]))
                self.outbox.pop(0)

    def snapshot(self) -> dict:
        deadline = time.monotonic() + 30
        while True:
            try:
                answer = self.sio.call("sync", {"since": 0}, namespace="/board", timeout=3)
                if answer.get("ok"):
                    self.seen.append(json.dumps(answer, ensure_ascii=False))
                    return answer["snapshot"]
            except Exception:
                pass
            if time.monotonic() > deadline:
                raise AssertionError(f"{self.name}: no snapshot")
            time.sleep(0.2)

    def close(self) -> None:
        try:
            self.sio.disconnect()
        except Exception:
            pass
