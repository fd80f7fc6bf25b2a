"""GET /metrics: what the bench measures, from a real server; never public."""

from __future__ import annotations

import re
import time

import requests

from ..support import Room


def value(text: str, name: str, labels: str = "") -> float:
    m = re.search(rf"^{re.escape(name)}{re.escape(labels)} ([0-9.e+-]+)$", text, re.M)
    assert m, f"{name}{labels} not in /metrics"
    return float(m.group(1))


def test_metrics_count_commands_deliveries_sockets_boards_and_gc_pauses(server, clients):
    before = requests.get(server.url + "/metrics", timeout=5).text
    room = Room(server, clients, {"Sam": "social_worker"})
    for n in range(3):
        room.chair.ok("item.add", {"column": "worries", "text": f"worry {n}"})
    room.chair.cmd("item.add", {"column": "nowhere", "text": "x"})  # refused: invalid
    r = requests.get(server.url + "/metrics", timeout=5)
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/plain")
    text = r.text
    ok_before = value(before, "conference_commands_total", '{result="ok"}') if 'result="ok"' in before else 0
    assert value(text, "conference_commands_total", '{result="ok"}') >= ok_before + 3
    assert value(text, "conference_commands_total", '{result="invalid"}') >= 1
    assert value(text, "conference_command_seconds_count") >= 4
    assert value(text, "conference_deliveries_total") >= 3
    assert value(text, "conference_open_sockets") >= 2
    assert value(text, "conference_boards_in_memory") >= 1
    assert "conference_gc_pause_seconds_bucket" in text
    assert room.conf["facilitator_token"] not in text  # no token, no text of a board


def test_metrics_are_not_public(fresh_server):
    elsewhere = fresh_server(CONFERENCE_METRICS_ALLOW="10.0.0.0/8")
    assert requests.get(elsewhere.url + "/metrics", timeout=5).status_code == 404
    # behind a proxy the address that counts is the one the proxy added last: a client
    # can write the first one itself
    proxied = fresh_server(CONFERENCE_TRUST_PROXY="1")
    spoofed = {"X-Forwarded-For": "127.0.0.1, 203.0.113.5"}
    assert requests.get(proxied.url + "/metrics", headers=spoofed, timeout=5).status_code == 404
    local = {"X-Forwarded-For": "203.0.113.5, 127.0.0.1"}
    assert requests.get(proxied.url + "/metrics", headers=local, timeout=5).status_code == 200


def test_metrics_count_redis_lost_and_found_again(fresh_redis, fresh_server, clients):
    redis = fresh_redis()
    server = fresh_server(REDIS_URL=redis.url)
    room = Room(server, clients, {"Sam": "social_worker"})
    room.chair.ok("item.add", {"column": "worries", "text": "before"})
    assert (
        value(requests.get(server.url + "/metrics", timeout=5).text, "conference_redis_reconnects_total") == 0
    )
    redis.kill9()
    lost = room.chair.cmd("item.add", {"column": "worries", "text": "while Redis is down"}, op_id="down")
    assert lost["ok"] is False and lost["error"]["code"] == "unavailable"
    redis.start()
    deadline = time.monotonic() + 10
    while not (again := room.chair.cmd("item.add", {"column": "worries", "text": "back"}, op_id="back"))[
        "ok"
    ]:
        assert again["error"]["code"] == "unavailable" and time.monotonic() < deadline, again
        time.sleep(0.2)  # a poll while Redis loads its file again
    text = requests.get(server.url + "/metrics", timeout=5).text
    assert value(text, "conference_redis_reconnects_total") == 1
    assert value(text, "conference_store_errors_total") >= 1
