"""Chaos: phones and the chair with outboxes keep sending while the server is kill -9'd and,
under Redis, Redis is killed and paused. Afterwards every command typed is on the board
exactly once, nothing said in the closed session reached the family, and the server
printed no traceback."""

from __future__ import annotations

import threading
import time

import pytest

from ..support import OutboxClient, ServerProcess

pytestmark = pytest.mark.slow
PER_PHONE = 60


def _people(proc: ServerProcess) -> tuple[dict, OutboxClient, dict[str, OutboxClient]]:
    conf = proc.create(title="Chaos review")
    chair = OutboxClient(proc.url, conf["facilitator_token"], "chair")
    chair.queue("conference.update", {"lobby": False})
    chair.drain()
    phones = {}
    for name, role in (("mum", "parent_carer"), ("nan", "family_network"), ("sw", "social_worker")):
        joined = proc.join(conf["join_code"], name.title(), role)
        phones[name] = OutboxClient(proc.url, joined["participant_token"], name)
    return conf, chair, phones


def _run(proc: ServerProcess, faults: list) -> None:
    """Queue the words, send them from every client at once, and set off each fault when
    the board has acknowledged its share of them."""
    conf, chair, phones = _people(proc)
    for name, phone in phones.items():
        for n in range(PER_PHONE):
            phone.queue("item.add", {"column": "worries", "text": f"{name} says {n}"})
    chair.queue("session.close", {})
    for n in range(10):
        chair.queue("item.add", {"column": "worries", "text": f"PRIVATE: professionals only {n}"})
    chair.queue("session.open", {})
    for n in range(20):
        chair.queue("item.add", {"column": "working_well", "text": f"chair notes {n}"})
    everyone = [chair, *phones.values()]
    total = sum(len(c.outbox) for c in everyone)
    errors: list[BaseException] = []

    def send(client: OutboxClient) -> None:
        try:
            client.drain(timeout=120)
        except BaseException as err:  # reported by the main thread
            errors.append(err)

    threads = [threading.Thread(target=send, args=(c,)) for c in everyone]
    for t in threads:
        t.start()
    for share, fault in faults:
        deadline = time.monotonic() + 60
        while sum(len(c.acked) for c in everyone) < share * total and time.monotonic() < deadline:
            time.sleep(0.02)
        fault()
    for t in threads:
        t.join(150)
    assert not errors, errors
    # the faults were felt: commands went unanswered or were refused for the moment, and
    # were sent again with the same op_id
    assert sum(c.resent for c in everyone) > 0
    try:
        final = OutboxClient(proc.url, conf["facilitator_token"], "check")
        texts = [i["text"] for i in final.snapshot()["items"]]
        final.close()
        for client in everyone:
            assert client.refused == [], (client.name, client.refused[:3])
        # 0 lost, 0 duplicated
        for name in phones:
            for n in range(PER_PHONE):
                assert texts.count(f"{name} says {n}") == 1, (name, n, texts.count(f"{name} says {n}"))
        for n in range(20):
            assert texts.count(f"chair notes {n}") == 1
        for n in range(10):
            assert texts.count(f"PRIVATE: professionals only {n}") == 1
        assert len(texts) == 3 * PER_PHONE + 30
        # 0 leaked: the family side never received the closed session's words
        for name in ("mum", "nan"):
            phones[name].snapshot()
            assert not any("PRIVATE:" in seen for seen in phones[name].seen), name
        assert any("PRIVATE:" in seen for seen in phones["sw"].seen + [str(texts)])
    finally:
        for c in everyone:
            c.close()
    assert "Traceback" not in proc.output()


def _restart(proc: ServerProcess, after: float = 0.3):
    def fault() -> None:
        proc.kill9()
        time.sleep(after)  # the server is down for a moment, as after a crash
        proc.start()

    return fault


def test_server_killed_twice_on_sqlite_loses_and_duplicates_nothing(fresh_server):
    proc = fresh_server(CONFERENCE_COMMAND_RATE="1000", CONFERENCE_COMMAND_BURST="5000")
    _run(proc, [(0.3, _restart(proc)), (0.6, _restart(proc))])


def test_redis_killed_and_paused_and_the_server_killed_lose_and_duplicate_nothing(fresh_redis, fresh_server):
    redis = fresh_redis()
    proc = fresh_server(REDIS_URL=redis.url, CONFERENCE_COMMAND_RATE="1000", CONFERENCE_COMMAND_BURST="5000")

    def kill_redis() -> None:
        redis.kill9()
        time.sleep(0.5)
        redis.start()

    def pause_redis() -> None:
        redis.pause()
        time.sleep(3)
        redis.resume()

    _run(proc, [(0.2, kill_redis), (0.45, pause_redis), (0.7, _restart(proc))])
