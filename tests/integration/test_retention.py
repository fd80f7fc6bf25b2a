"""Retention: `python -m conference purge` removes exactly the boards past their time."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import requests

from ..support import ROOT, BoardClient


def purge(srv, now: dt.datetime) -> str:
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "conference",
            "purge",
            "--data",
            srv.data,
            "--now",
            now.isoformat().replace("+00:00", "Z"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={**__import__("os").environ, "CONFERENCE_RETENTION_DAYS": "30", "CONFERENCE_IDLE_DAYS": "60"},
    )
    return out.stdout


def alive(srv, made) -> bool:
    r = requests.post(
        srv.url + "/api/join", json={"join_code": made["join_code"], "name": "A", "role": "police"}, timeout=5
    )
    return r.status_code != 404


def test_purge_removes_exactly_what_it_should(fresh_server):
    srv = fresh_server()
    ended, active = srv.create(title="Ended"), srv.create(title="Still open")
    chair = BoardClient(srv.url, ended["facilitator_token"])
    chair.ok("conference.close")
    chair.close()
    srv.stop()  # the CLI works on the same data while the server is down
    now = dt.datetime.now(dt.UTC)
    assert "Deleted 0" in purge(srv, now + dt.timedelta(days=29))
    assert "Deleted 1" in purge(srv, now + dt.timedelta(days=31))
    srv.start()
    assert not alive(srv, ended) and alive(srv, active)
    srv.stop()
    assert "Deleted 1" in purge(srv, now + dt.timedelta(days=61))
    srv.start()
    assert not alive(srv, active)
