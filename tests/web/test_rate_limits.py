"""The command limit in process, with a clock the test moves: time passes when the test
says so, never by sleeping."""

from __future__ import annotations

import itertools

from conference.app import create_app


class Clock:
    """Seconds, as time.monotonic gives them, moved only by advance()."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def test_rate_limited_commands(tmp_path):
    clock = Clock()
    app = create_app(
        {"DATA_DIR": str(tmp_path), "ASYNC_MODE": "threading", "COMMAND_RATE": 1, "COMMAND_BURST": 5},
        limit_clock=clock,
    )
    service, sio = app.extensions["conference_service"], app.extensions["socketio"]
    made = service.create_conference("Review", "review_cp")
    ops = itertools.count()

    def cmd(client, type_: str, payload: dict) -> dict:
        envelope = {"op_id": f"op-{next(ops)}", "type": type_, "payload": payload}
        return client.emit("command", envelope, namespace="/board", callback=True)

    chair = sio.test_client(app, namespace="/board", auth={"token": made["facilitator_token"]})
    joined = service.join(made["join_code"], "Mum", "parent_carer")
    assert cmd(chair, "member.admit", {"member_id": joined["participant_id"]})["ok"] is True
    mum = sio.test_client(app, namespace="/board", auth={"token": joined["participant_token"]})
    assert chair.is_connected("/board") and mum.is_connected("/board")

    acks = [cmd(mum, "item.add", {"column": "worries", "text": f"n{n}"}) for n in range(8)]
    codes = [a["ok"] if a["ok"] else a["error"]["code"] for a in acks]
    assert codes[:5] == [True] * 5 and "rate_limited" in codes[5:]
    # the chair has a bucket of their own
    assert cmd(chair, "item.add", {"column": "worries", "text": "chair"})["ok"] is True
    clock.advance(1.2)
    assert cmd(mum, "item.add", {"column": "worries", "text": "later"})["ok"] is True
