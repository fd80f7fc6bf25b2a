"""`python -m conference backup` / `restore` against a real server process: a backup taken
while ~30 commands a second are acknowledged restores to a contiguous prefix holding every
one acknowledged before it began; a board deleted after the backup stays deleted (none of
its words in the restored files); anything that is not a good backup is refused and
changes nothing; a restore is refused while the server runs."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
import threading
import time

import requests

from conference.backup import new_key
from conference.store.sqlite import SqliteStore

from ..support import ROOT, BoardClient

LOOSE = {"CONFERENCE_COMMAND_RATE": "1000", "CONFERENCE_COMMAND_BURST": "5000"}


def cli(*args: str, key: str | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("CONFERENCE_DATA", "CONFERENCE_BACKUP_KEY")}
    if key:
        env["CONFERENCE_BACKUP_KEY"] = key
    return subprocess.run(
        [sys.executable, "-m", "conference", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def files(data: str) -> dict[str, str]:
    return {
        n: hashlib.sha256(open(os.path.join(data, n), "rb").read()).hexdigest()
        for n in sorted(os.listdir(data))
        if os.path.isfile(os.path.join(data, n))
    }


def log_of(data: str, cid: str) -> list[dict]:
    store = SqliteStore(os.path.join(data, "conference.sqlite3"))
    try:
        return store.events(cid)
    finally:
        store.close()


def test_a_backup_under_30_commands_a_second_restores_every_acknowledged_command_as_a_prefix(
    fresh_server, tmp_path
):
    srv = fresh_server(**LOOSE)
    made = srv.create(title="Busy board")
    chair = BoardClient(srv.url, made["facilitator_token"])
    acked: list[tuple[int, float]] = []  # (seq, when the ack came)
    stop = threading.Event()

    def send() -> None:
        n, start = 0, time.monotonic()
        while not stop.is_set():
            ack = chair.cmd("item.add", {"column": "worries", "text": f"command {n}"})
            assert ack.get("ok") is True, ack
            acked.append((ack["seq"], time.monotonic()))
            n += 1
            time.sleep(max(0.0, start + n / 30 - time.monotonic()))  # ~30 a second

    sender = threading.Thread(target=send, daemon=True)
    sender.start()
    try:
        time.sleep(2)
        began = time.monotonic()
        before = max(seq for seq, _ in acked)
        file = str(tmp_path / "busy.backup")
        done = cli("backup", file, "--data", srv.data)
        ended = time.monotonic()
        assert done.returncode == 0, done.stderr
        time.sleep(1)
    finally:
        stop.set()
        sender.join(10)
        chair.close()
    during = [seq for seq, at in acked if began < at < ended]
    assert during, "the server went on acknowledging while the backup ran"
    srv.stop()
    live = log_of(srv.data, made["conference_id"])
    assert [e["seq"] for e in live] == list(range(1, len(live) + 1))
    restored = cli("restore", file, "--data", srv.data)
    assert restored.returncode == 0, restored.stderr
    back = log_of(srv.data, made["conference_id"])
    seqs = [e["seq"] for e in back]
    assert seqs == list(range(1, len(back) + 1)), "a gap in the restored log"
    assert len(back) >= before, f"acknowledged up to {before} before the backup, restored {len(back)}"
    assert back == live[: len(back)]  # a prefix of what the server wrote, event for event
    assert len(back) < len(live)  # and the commands after it are not there


def test_a_board_deleted_after_the_backup_stays_deleted_after_the_restore(fresh_server, tmp_path):
    key = new_key()
    srv = fresh_server(**LOOSE)
    gone, kept = srv.create(title="Axolotlword family"), srv.create(title="Kept family")
    chair = BoardClient(srv.url, gone["facilitator_token"])
    chair.ok("item.add", {"column": "worries", "text": "Axolotlword is scared at night"})
    chair.close()
    file = str(tmp_path / "nightly.backup")
    done = cli("backup", file, "--data", srv.data, key=key)
    assert done.returncode == 0 and "encrypted" in done.stdout, done.stderr
    assert b"Axolotlword" not in open(file, "rb").read()  # encrypted on the share
    r = srv.session().delete(f"{srv.url}/api/conferences/{gone['conference_id']}", timeout=5)
    assert r.status_code in (200, 204), r.text
    srv.stop()
    restored = cli("restore", file, "--data", srv.data, key=key)
    assert restored.returncode == 0, restored.stderr
    assert "1 deleted since the backup were deleted again" in restored.stdout
    blob = b"".join(open(os.path.join(srv.data, n), "rb").read() for n in files(srv.data))
    assert b"Axolotlword" not in blob
    srv.start()
    join = {"name": "Mum", "role": "parent_carer"}
    assert (
        requests.post(
            srv.url + "/api/join", json={**join, "join_code": gone["join_code"]}, timeout=5
        ).status_code
        == 404
    )
    assert (
        requests.post(
            srv.url + "/api/join", json={**join, "join_code": kept["join_code"]}, timeout=5
        ).status_code
        == 201
    )


def test_a_file_that_is_not_a_good_backup_is_refused_and_changes_nothing(fresh_server, tmp_path):
    key = new_key()
    srv = fresh_server(**LOOSE)
    made = srv.create(title="Still here")
    good = str(tmp_path / "good.backup")
    assert cli("backup", good, "--data", srv.data, key=key).returncode == 0
    srv.stop()
    raw = open(good, "rb").read()
    other = str(tmp_path / "other.sqlite3")
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE notes (t TEXT)")
    con.execute("INSERT INTO notes VALUES ('not ours')")
    con.commit()
    con.close()
    bad = {
        "random bytes": os.urandom(8192),
        "truncated": raw[: len(raw) - 100],
        "plain sqlite": open(other, "rb").read(),
    }
    cases = []
    for name, content in bad.items():
        path = str(tmp_path / name.replace(" ", "-"))
        open(path, "wb").write(content)
        cases.append((name, path, key))
    cases += [("wrong key", good, new_key()), ("no key", good, None)]
    before = files(srv.data)
    for name, path, with_key in cases:
        done = cli("restore", path, "--data", srv.data, key=with_key)
        assert done.returncode == 2 and "Nothing was changed." in done.stderr, (name, done.stderr)
        assert files(srv.data) == before, name
    srv.start()
    join = {"name": "Mum", "role": "parent_carer", "join_code": made["join_code"]}
    assert requests.post(srv.url + "/api/join", json=join, timeout=5).status_code == 201


def test_restore_is_refused_while_the_server_runs(fresh_server, tmp_path):
    srv = fresh_server(**LOOSE)
    made = srv.create(title="Running")
    file = str(tmp_path / "b.backup")
    assert cli("backup", file, "--data", srv.data).returncode == 0
    srv.create(title="Made after the backup")
    done = cli("restore", file, "--data", srv.data)
    assert done.returncode == 2 and "stop it first" in done.stderr and "Nothing was changed." in done.stderr
    join = {"name": "Mum", "role": "parent_carer", "join_code": made["join_code"]}
    assert requests.post(srv.url + "/api/join", json=join, timeout=5).status_code == 201
    assert len(srv.session().get(srv.url + "/api/conferences", timeout=5).json()["conferences"]) == 2
