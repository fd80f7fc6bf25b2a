"""Shared fixtures: a real server process on a free port, and real python-socketio clients."""

from __future__ import annotations

import os
import shutil
import shutil as _shutil
import tempfile

import pytest

from conference.launch import CHROMIUM, CHROMIUM_ARGS

from .support import RedisProcess, SentinelProcess, ServerProcess


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: starts extra server processes")


@pytest.fixture(scope="session")
def server():
    """One server for the whole run, with limits loose enough for many tests from one address."""
    data = tempfile.mkdtemp(prefix="cb-data-")
    proc = ServerProcess(
        data,
        env={
            "CONFERENCE_COMMAND_RATE": "1000",
            "CONFERENCE_COMMAND_BURST": "5000",
            "CONFERENCE_JOIN_FAILURES_PER_MINUTE": "1000",
            "CONFERENCE_JOINS_PER_CODE_PER_MINUTE": "1000",
            "CONFERENCE_CREATES_PER_MINUTE": "10000",
        },
    )
    proc.start()
    yield proc
    proc.stop()
    shutil.rmtree(data, ignore_errors=True)


def _launcher(make):
    """A fixture body: start processes on demand, stop every one at the end of the test."""
    started: list = []

    def start(*args, **kwargs):
        proc = make(len(started), *args, **kwargs)
        proc.start()
        started.append(proc)
        return proc

    return start, started


@pytest.fixture
def fresh_server(tmp_path):
    """A server of its own, for tests that kill it or change its limits."""
    start, started = _launcher(
        lambda n, data=None, **env: ServerProcess(data or str(tmp_path / f"data{n}"), env=env)
    )
    yield start
    for proc in started:
        proc.stop()


@pytest.fixture
def clients():
    """Board clients made in a test are disconnected when it ends."""
    made = []
    yield made
    for c in made:
        c.close()


def required(name: str) -> bool:
    return os.environ.get(name) == "1"


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (never a downloaded browser)."""
    if not os.path.exists(CHROMIUM):
        if required("REQUIRE_BROWSER"):
            pytest.fail(f"REQUIRE_BROWSER=1 but {CHROMIUM} is missing")
        pytest.skip("chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def screenshots():
    """Where browser tests leave their screenshots for a person to look at."""
    folder = os.path.join(os.path.dirname(__file__), "screenshots")
    os.makedirs(folder, exist_ok=True)
    return folder


def _need_redis() -> None:
    if _shutil.which("redis-server") is None:
        if required("REQUIRE_REDIS"):
            pytest.fail("REQUIRE_REDIS=1 but redis-server is missing")
        pytest.skip("redis-server is not installed")


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory):
    """One real redis-server for the run (AOF, appendfsync always)."""
    _need_redis()
    proc = RedisProcess(str(tmp_path_factory.mktemp("redis")))
    proc.start()
    yield proc
    proc.stop()


@pytest.fixture
def fresh_redis(tmp_path):
    """A redis-server of its own, for tests that kill or stop it."""
    _need_redis()
    start, started = _launcher(lambda n, **kw: RedisProcess(str(tmp_path / f"redis{n}"), **kw))
    yield start
    for proc in started:
        proc.stop()


@pytest.fixture
def sentinel_set(tmp_path):
    """A primary, one replica and three Sentinels (quorum 2) on loopback, started on demand:
    `sentinel_set()` gives (primary, replica, sentinels). Everything stops at the end."""
    _need_redis()
    started: list = []

    def start(service: str = "board"):
        primary = RedisProcess(str(tmp_path / "primary"))
        primary.start()
        started.append(primary)
        replica = RedisProcess(str(tmp_path / "replica"), replicaof=primary.port)
        replica.start()
        started.append(replica)
        sentinels = []
        for n in range(3):
            s = SentinelProcess(str(tmp_path / f"sentinel{n}"), primary.port, service=service)
            s.start()
            started.append(s)
            sentinels.append(s)
        return primary, replica, sentinels

    yield start
    for proc in reversed(started):
        proc.stop()


@pytest.fixture
def nginx(tmp_path):
    """A real nginx in front of the given backend ports."""
    if _shutil.which("nginx") is None and not os.path.exists("/usr/sbin/nginx"):
        if required("REQUIRE_REDIS"):
            pytest.fail("nginx is missing (the several-servers tests need it)")
        pytest.skip("nginx is not installed")
    from .support import NginxProcess

    start, started = _launcher(lambda n, backends: NginxProcess(str(tmp_path / f"nginx{n}"), backends))
    yield start
    for proc in started:
        proc.stop()
