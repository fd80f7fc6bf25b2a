"""The commands the README names beyond `make run` and `make test` still work: each is run
here at a small size, as a fresh clone would run it."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from .support import ROOT

pytestmark = pytest.mark.slow


def _run(*args: str) -> dict:
    done = subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout[done.stdout.index("{") :])


def test_bench_latency_runs_and_loses_nothing():
    out = _run("-m", "bench.latency", "--boards", "2", "--members", "3", "--seconds", "2", "--drain", "1")
    assert out["delivered"] == out["expected"] > 0


def test_make_bench_runs_the_app_and_the_floor_alternately():
    out = _run("-m", "bench.compare", "--runs", "1", "--boards", "2", "--members", "3", "--seconds", "2")
    assert out["app_deliveries_lost"] == 0
    assert out["median_app"]["p50_ms"] > 0 and out["median_floor"]["p50_ms"] > 0
    assert out["app_over_floor"]["p50_ms"] > 0 and len(out["app_gc_full_collections"]) == 1


def test_bench_burst_runs_on_the_app_and_the_floor():
    out = _run("-m", "bench.burst", "--bursts", "2", "--runs", "1", "--members", "6")
    assert out["app_deliveries_lost"] == 0 and out["median_floor"]["p50_ms"] > 0


def test_bench_storm_reconnects_every_socket_on_the_app_and_the_floor():
    out = _run("-m", "bench.storm", "--boards", "3", "--members", "4", "--runs", "1")
    assert out["app_failed"] == 0 and out["median_app"]["all_synced_s"] > 0
    assert out["median_floor_connect_only"]["all_synced_s"] > 0  # the third side ran too


def test_make_check_runs_the_quick_tier():
    done = subprocess.run(["make", "-s", "check"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, (done.stdout + done.stderr)[-3000:]
    assert " passed" in done.stdout


def test_bench_delete_times_a_deletion_with_and_without_the_rewrite():
    out = _run("-m", "bench.delete", "--boards", "4", "--items", "5", "--deletions", "1")
    assert out["scrub median ms"] > 0 and out["no scrub median ms"] > 0


def test_bench_fuzz_runs_and_finds_nothing():
    out = _run("-m", "bench.fuzz", "--messages", "400", "--junk", "40")
    assert out["messages_sent"] >= 400 and out["unanswered"] == 0
    assert out["leaks"] == [] and out["fold_mismatches"] == [] and out["minutes_failures"] == []
    assert out["tracebacks_in_log"] == 0


def test_the_language_commands_extract_and_add_work_on_a_copy_of_the_sources(tmp_path):
    """`python -m conference.i18n extract` and `add <lang>`, run in a copy of the sources
    (they write files): extraction changes no message of a complete catalogue, and a new
    language starts with every message, marked DRAFT."""
    import pathlib
    import shutil

    from babel.messages.pofile import read_po

    root = pathlib.Path(ROOT)

    for folder in ("conference", "templates", "static"):
        shutil.copytree(root / folder, tmp_path / folder, ignore=shutil.ignore_patterns("__pycache__"))
    here = tmp_path / "conference" / "translations"

    def messages(path):
        with open(path, "rb") as f:
            return {
                (m.id if isinstance(m.id, str) else m.id[0], m.context): m.string for m in read_po(f) if m.id
            }

    before = messages(here / "cy" / "LC_MESSAGES" / "messages.po")
    for args in (["extract"], ["add", "so"]):
        done = subprocess.run(
            [sys.executable, "-m", "conference.i18n", *args],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr[-2000:]
    assert messages(here / "cy" / "LC_MESSAGES" / "messages.po") == before
    with open(here / "so" / "LC_MESSAGES" / "messages.po", "rb") as f:
        somali = read_po(f)
    assert {m.id for m in somali if m.id} == {
        m.id for (m,) in [(m,) for m in read_po(open(here / "messages.pot", "rb"))] if m.id
    }
    assert "DRAFT" in somali.header_comment and "DRAFT" in somali.last_translator
    assert not (root / "conference" / "translations" / "so").exists()  # the real sources untouched


def test_make_facilitator_then_make_run_serves_sign_in_and_my_conferences(tmp_path):
    """The README's set-up as a chair does it: `make facilitator NAME=…` (the password on
    standard input, as a script would give it), `make run` on a free port, sign in, start
    a board, and the pages in another language; then `python -m conference purge`."""
    import time

    import requests

    from conference.launch import free_port

    data, port, password = str(tmp_path / "data"), free_port(), "a long enough password"
    made = subprocess.run(
        ["make", "-s", "facilitator", "NAME=readme", f"DATA={data}"],
        cwd=ROOT,
        input=password + "\n",
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert made.returncode == 0, made.stderr[-2000:]
    listed = subprocess.run(
        [sys.executable, "-m", "conference", "facilitator", "list", "--data", data],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "readme" in listed.stdout
    # as the top of the README says for a meeting: listening beyond 127.0.0.1, and the
    # address phones use given to the board (the QR code and the join link carry it)
    public = "https://board.example.council.gov.uk"
    server = subprocess.Popen(
        [
            "make",
            "-s",
            "run",
            "HOST=0.0.0.0",
            f"CONFERENCE_PUBLIC_URL={public}",
            f"PORT={port}",
            f"DATA={data}",
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        url, deadline = f"http://127.0.0.1:{port}", time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if requests.get(url + "/", timeout=2).status_code == 200:
                    break
            except requests.ConnectionError:
                time.sleep(0.2)  # polling for the server to come up, not waiting for silence
        session = requests.Session()
        signed = session.post(
            url + "/api/login", json={"username": "readme", "password": password}, timeout=5
        )
        assert signed.status_code == 200, signed.text
        csrf = session.get(url + "/api/me", timeout=5).json()["csrf_token"]
        board = session.post(
            url + "/api/conferences",
            json={"title": "Readme board"},
            headers={"X-CSRF-Token": csrf},
            timeout=5,
        )
        assert board.status_code == 201, board.text
        assert board.json()["join_url"].startswith(public + "/j/")
        mine = session.get(url + "/mine?lang=cy", timeout=5)
        assert '<html lang="cy"' in mine.text and "Fy nghynadleddau" in mine.text
    finally:
        import os
        import signal

        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    purged = subprocess.run(
        [sys.executable, "-m", "conference", "purge", "--data", data],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert purged.returncode == 0, purged.stderr[-2000:]


def test_facilitator_manager_makes_an_account_a_manager_and_off_again(tmp_path):
    """`python -m conference facilitator manager NAME [--off]`, as the README says: the
    account is marked (and `list` says so), --off takes it back, an unknown name is refused."""
    data = str(tmp_path / "data")

    def cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "conference", "facilitator", *args, "--data", data],
            cwd=ROOT,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=60,
        )

    assert cli("add", "iglead", stdin="a long enough password\n").returncode == 0
    made = cli("manager", "iglead")
    assert made.returncode == 0 and "now a manager" in made.stdout, made.stderr
    assert "iglead (manager)" in cli("list").stdout.splitlines()
    off = cli("manager", "iglead", "--off")
    assert off.returncode == 0 and "no longer a manager" in off.stdout
    assert cli("list").stdout.splitlines() == ["iglead"]
    unknown = cli("manager", "nobody")
    assert unknown.returncode == 2 and "There is no facilitator called nobody." in unknown.stderr


def test_backup_key_backup_and_restore_as_the_readme_gives_them(tmp_path):
    """`python -m conference backup-key`, then `backup FILE` and `restore FILE` with that
    key in CONFERENCE_BACKUP_KEY (the server stopped), as the README and
    docs/deployment.md give them; without the key the restore is refused."""
    import os

    data, file = str(tmp_path / "data"), str(tmp_path / "cb.backup")
    env = {k: v for k, v in os.environ.items() if k not in ("CONFERENCE_DATA", "CONFERENCE_BACKUP_KEY")}

    def cli(*args: str, stdin: str = "", key: str = "") -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "conference", *args],
            cwd=ROOT,
            input=stdin,
            env={**env, **({"CONFERENCE_BACKUP_KEY": key} if key else {})},
            capture_output=True,
            text=True,
            timeout=60,
        )

    key = cli("backup-key").stdout.strip()
    assert len(key) == 44 and key.endswith("=")
    assert (
        cli("facilitator", "add", "backed", "--data", data, stdin="a long enough password\n").returncode == 0
    )
    made = cli("backup", file, "--data", data, key=key)
    assert made.returncode == 0 and "encrypted" in made.stdout, made.stderr
    refused = cli("restore", file, "--data", data)
    assert refused.returncode == 2 and "is encrypted" in refused.stderr
    restored = cli("restore", file, "--data", data, key=key)
    assert restored.returncode == 0 and "Restored" in restored.stdout, restored.stderr
    assert "backed" in cli("facilitator", "list", "--data", data).stdout


def test_bench_backup_times_commands_with_and_without_a_backup():
    out = _run("-m", "bench.backup", "--boards", "2", "--items", "3", "--runs", "1", "--window", "0.5")
    assert out["backups"] >= 1 and out["quiet_n"] > 0 and out["backup_n"] > 0


def _phone(profile: str, pages: str, offline_seconds: str, *more: str) -> dict:
    """`python -m bench.phone`, one run of one profile."""
    return _run(
        "-m", "bench.phone", "--runs", "1", "--offline-seconds", offline_seconds,
        "--profiles", profile, "--pages", pages, *more,
    )  # fmt: skip


def test_bench_phone_times_the_pages_and_counts_the_bytes():
    # in Polish: every page of the run, "back from offline" too, opens in it (a page
    # without ?lang would follow the member's record and reload under the bench)
    out = _phone("4g", "phone,join", "1", "--lang", "pl")
    assert out["lang"] == "pl"
    for page in ("4g phone", "4g join"):
        for cache in ("cold", "warm"):
            row = out["pages"][page][cache]
            assert row["seconds"] > 0 and row["kb"] > 0 and row["requests"] > 0
    # a warm page asks for none of its fingerprinted files again
    assert out["pages"]["4g phone"]["warm"]["kb"] < out["pages"]["4g phone"]["cold"]["kb"] / 3
    assert out["offline"]["4g"]["seconds"] > 0


def test_bench_phone_on_its_proxy_line_pays_every_round_trip():
    """`--line proxy`: a TCP proxy that, unlike Chromium's emulation, also delays what
    comes after a connection opens. The join page cold is a connection's handshake, the
    page, then its files: at least three round trips of 0.4 s."""
    out = _phone("poor", "join", "0", "--line", "proxy")
    cold = out["pages"]["poor join"]["cold"]
    assert out["line"] == "proxy" and cold["seconds"] >= 1.2 and cold["kb"] > 0
