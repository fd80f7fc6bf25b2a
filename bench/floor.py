"""The floor: a bare Flask-SocketIO server, the same versions and async mode as the app,
that only relays each `command` to its board's room as an `event` and acknowledges it.
Nothing is checked, stored or folded. `make bench` runs the app and this side by side,
alternating, so the app is always judged against what the framework itself costs.

    python -m bench.floor --port 5051 [--async-mode eventlet|gevent]

A socket connects with `auth = {"token": "<board>:<member>"}` and joins the room of its
board; there is no HTTP API beyond `GET /health`.
"""

from __future__ import annotations

import argparse
import os
import sys


def _mode(argv: list[str]) -> str:
    for n, arg in enumerate(argv):
        if arg == "--async-mode" and n + 1 < len(argv):
            return argv[n + 1]
    return "eventlet"


MODE = _mode(sys.argv[1:])
if MODE == "gevent":
    from gevent import monkey

    monkey.patch_all()
else:
    import eventlet

    eventlet.monkey_patch()

from flask import Flask, request  # noqa: E402
from flask_socketio import SocketIO, emit, join_room  # noqa: E402

# BENCH_FLOOR_EVENTS=full: each event carries an item with the app's fields, so the clients
# read as many bytes from the floor as from the app (bench/RESULTS.md, step 19)
FULL_EVENTS = os.environ.get("BENCH_FLOOR_EVENTS") == "full"
FULL_ITEM = {
    "id": "x" * 12,
    "column": "worries",
    "category": None,
    "author": "x" * 16,
    "status": "accepted",
    "private": False,
    "kept": False,
    "held": False,
    "voice": None,
    "source": None,
    "child_id": None,
    "heard_how": None,
    "goal_id": None,
    "owner": None,
    "due": None,
    "created_at": "2026-12-04T08:17:26.508Z",
    "updated_at": "2026-12-04T08:17:26.508Z",
    "version": 1,
    "rank": "0001",
    "responses": [],
}


def create_app() -> tuple[Flask, SocketIO]:
    app = Flask(__name__)
    socketio = SocketIO(app, async_mode=MODE, cors_allowed_origins=[])
    seqs: dict[str, int] = {}
    rooms: dict[str, str] = {}

    @app.get("/health")
    def health():
        return {"ok": True}

    @socketio.on("connect", namespace="/board")
    def connect(auth=None):
        token = auth.get("token") if isinstance(auth, dict) else None
        if not isinstance(token, str) or ":" not in token:
            return False
        board = token.split(":", 1)[0]
        rooms[request.sid] = board
        join_room(board)
        emit("hello", {"protocol": 1, "seq": seqs.get(board, 0)})
        return None

    @socketio.on("disconnect", namespace="/board")
    def disconnect(reason=None):
        rooms.pop(request.sid, None)

    @socketio.on("sync", namespace="/board")
    def sync(data=None):
        board = rooms.get(request.sid)
        return {"ok": board is not None, "seq": seqs.get(board or "", 0), "events": []}

    @socketio.on("command", namespace="/board")
    def command(data):
        board = rooms.get(request.sid)
        if board is None or not isinstance(data, dict):
            return {"ok": False}
        seq = seqs[board] = seqs.get(board, 0) + 1
        payload = data.get("payload") or {}
        item = {"text": payload.get("text")}
        if FULL_EVENTS:  # as many bytes as the app's own item.added (its fields, empty)
            item = {**FULL_ITEM, "text": payload.get("text")}
        event = {
            "seq": seq,
            "type": "item.added",
            "payload": {"item": item},
            "actor": None,
            "at": None,
        }
        socketio.emit("event", event, to=board, namespace="/board")
        return {"ok": True, "seq": seq}

    return app, socketio


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.floor")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--async-mode", choices=["eventlet", "gevent"], default="eventlet")
    args = parser.parse_args()
    app, socketio = create_app()
    # as the app: eventlet's default pool of 1,024 green threads would stall the 1,025th socket
    extra = {"max_size": 20000} if MODE == "eventlet" else {}
    socketio.run(app, host=args.host, port=args.port, log_output=False, **extra)


if __name__ == "__main__":
    main()
