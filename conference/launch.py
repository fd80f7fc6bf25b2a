"""Start and stop the real processes the tests and the benchmarks use — the server
(`python -m conference run`), redis-server (a primary, its replicas and Sentinels) and
nginx — on free ports on 127.0.0.1, each
waited for until it answers."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable

import requests

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def wait_until(
    ready: Callable[[], bool], timeout: float, what: str, alive: Callable[[], bool] = lambda: True
) -> None:
    """Poll `ready` until it is true; fail with `what` after `timeout` s or if `alive` says no."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not alive():
            raise RuntimeError(f"{what}: the process exited")
        try:
            if ready():
                return
        except Exception:  # not listening yet
            pass
        time.sleep(0.05)
    raise RuntimeError(f"{what}: not ready after {timeout} s")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


FACILITATOR = ("tester", "a long enough test password")


class Launched:
    """A child process the tests control: stopped, killed (-9), frozen and thawed."""

    proc: subprocess.Popen | None = None

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def kill9(self) -> None:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(10)

    def pause(self) -> None:
        """Freeze the process (SIGSTOP): connections stay open and nothing answers."""
        assert self.proc is not None
        self.proc.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGCONT)

    def stop(self) -> None:
        if self.alive():
            assert self.proc is not None
            self.proc.send_signal(signal.SIGCONT)  # a frozen process can't hear SIGTERM
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)


class ServerProcess(Launched):
    """`python -m conference run` on a free port, with its output kept in a file, and a
    facilitator account (FACILITATOR) made with the real CLI before it starts."""

    def __init__(self, data: str, env: dict[str, str] | None = None, port: int | None = None):
        self.data = data
        self.env = env or {}
        self.port = port or free_port()
        self.proc: subprocess.Popen | None = None
        self.log_path = os.path.join(os.path.dirname(os.path.abspath(data)), f"server-{self.port}.log")
        self._session: requests.Session | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 20) -> None:
        env = {**os.environ, **self.env}
        env.pop("CONFERENCE_DATA", None)
        subprocess.run(  # already there after a restart, or made by a sibling on the same Redis: fine
            [sys.executable, "-m", "conference", "facilitator", "add", FACILITATOR[0], "--data", self.data],
            cwd=ROOT,
            env=env,
            input=FACILITATOR[1] + "\n",
            text=True,
            capture_output=True,
            check=False,
        )
        os.makedirs(os.path.dirname(self.log_path), exist_ok=True)
        self._log = open(self.log_path, "ab")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "conference", "run", "--port", str(self.port), "--data", self.data],
            cwd=ROOT,
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        proc = self.proc
        try:
            wait_until(self._healthy, timeout, "the server", alive=lambda: proc.poll() is None)
        except RuntimeError as err:
            raise RuntimeError(f"{err}:\n{self.output()}") from None

    def add_facilitator(self, name: str, password: str, manager: bool = False) -> None:
        """Another facilitator account, with the real CLI (the server may be running): made
        a manager with `facilitator manager NAME` when asked."""
        env = {**os.environ, **self.env}
        env.pop("CONFERENCE_DATA", None)
        steps = [(["add", name], password + "\n")] + ([(["manager", name], "")] if manager else [])
        for args, stdin in steps:
            done = subprocess.run(
                [sys.executable, "-m", "conference", "facilitator", *args, "--data", self.data],
                cwd=ROOT,
                env=env,
                input=stdin,
                text=True,
                capture_output=True,
                check=False,
            )
            # already there (a restart, a sibling on the same Redis) is fine; anything else is not
            assert done.returncode == 0 or "already" in done.stderr, done.stderr

    def _healthy(self) -> bool:
        return requests.get(self.url + "/healthz", timeout=0.5).ok

    def output(self) -> str:
        with open(self.log_path, "rb") as f:
            return f.read().decode(errors="replace")

    def stop(self) -> None:
        super().stop()
        if getattr(self, "_log", None):
            self._log.close()

    # HTTP helpers
    def session(self) -> requests.Session:
        """Signed in as the test facilitator, with the CSRF header our pages send."""
        if self._session is None:
            s = requests.Session()
            r = s.post(
                self.url + "/api/login",
                json={"username": FACILITATOR[0], "password": FACILITATOR[1]},
                timeout=5,
            )
            assert r.status_code == 200, r.text
            s.headers["X-CSRF-Token"] = r.json()["csrf_token"]
            self._session = s
        return self._session

    def create(self, title: str = "Review conference for the Smith children", **extra) -> dict:
        r = self.session().post(self.url + "/api/conferences", json={"title": title, **extra}, timeout=5)
        assert r.status_code == 201, r.text
        return r.json()

    def join(self, code: str, name: str, role: str) -> dict:
        r = requests.post(
            self.url + "/api/join", json={"join_code": code, "name": name, "role": role}, timeout=5
        )
        assert r.status_code == 201, r.text
        return r.json()


class RedisProcess(Launched):
    """A real redis-server on a free port, with AOF so a kill -9 loses nothing acknowledged."""

    def __init__(
        self,
        folder: str,
        appendfsync: str = "always",
        port: int | None = None,
        replicaof: int | None = None,
    ):
        self.folder = folder
        self.port = port or free_port()
        self.appendfsync = appendfsync
        self.replicaof = replicaof  # the primary's port on 127.0.0.1: this one is its replica
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self, timeout: float = 10) -> None:
        import redis

        os.makedirs(self.folder, exist_ok=True)
        self.proc = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--dir",
                self.folder,
                "--appendonly",
                "yes",
                "--appendfsync",
                self.appendfsync,
                "--save",
                "",
                "--protected-mode",
                "yes",
                *(["--replicaof", "127.0.0.1", str(self.replicaof)] if self.replicaof else []),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = redis.Redis(port=self.port, socket_connect_timeout=0.5)
        wait_until(client.ping, timeout, "redis-server")
        if self.replicaof:
            ready = lambda: client.info("replication").get("master_link_status") == "up"  # noqa: E731
            wait_until(ready, timeout, "the replica's link to its primary")

    def role(self) -> str:
        """ "master" or "slave", as this redis-server says now."""
        import redis

        return redis.Redis(port=self.port, socket_connect_timeout=0.5).info("replication")["role"]


SENTINEL_CONF = """port {port}
bind 127.0.0.1
daemonize no
dir {dir}
sentinel monitor {service} 127.0.0.1 {primary} {quorum}
sentinel down-after-milliseconds {service} {down_after}
sentinel failover-timeout {service} {failover_timeout}
sentinel parallel-syncs {service} 1
"""


class SentinelProcess(Launched):
    """A real Redis Sentinel on a free port watching the primary on 127.0.0.1:`primary`, quick
    to act (down after 1 s, failover timeout 3 s) so a failover test takes seconds."""

    def __init__(
        self,
        folder: str,
        primary: int,
        service: str = "board",
        quorum: int = 2,
        down_after_ms: int = 1000,
        failover_timeout_ms: int = 3000,
    ):
        self.folder, self.primary, self.service, self.quorum = folder, primary, service, quorum
        self.down_after_ms, self.failover_timeout_ms = down_after_ms, failover_timeout_ms
        self.port = free_port()
        self.proc: subprocess.Popen | None = None

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def start(self, timeout: float = 10) -> None:
        import redis

        os.makedirs(self.folder, exist_ok=True)
        conf = os.path.join(self.folder, "sentinel.conf")  # Sentinel rewrites it: one per sentinel
        with open(conf, "w") as f:
            f.write(
                SENTINEL_CONF.format(
                    port=self.port,
                    dir=self.folder,
                    service=self.service,
                    primary=self.primary,
                    quorum=self.quorum,
                    down_after=self.down_after_ms,
                    failover_timeout=self.failover_timeout_ms,
                )
            )
        binary = shutil.which("redis-sentinel")
        command = [binary, conf] if binary else ["redis-server", conf, "--sentinel"]
        self.proc = subprocess.Popen(
            command, stdout=open(os.path.join(self.folder, "sentinel.log"), "ab"), stderr=subprocess.STDOUT
        )
        client = redis.Redis(port=self.port, socket_connect_timeout=0.5)
        wait_until(lambda: client.sentinel_master(self.service), timeout, "redis-sentinel")

    def primary_port(self) -> int:
        """The port of the primary this sentinel names now."""
        import redis

        return int(
            redis.Redis(port=self.port, socket_connect_timeout=0.5).sentinel_master(self.service)["port"]
        )


def sentinel_url(sentinels: list[SentinelProcess], db: int = 0) -> str:
    """The app's REDIS_URL for these sentinels: redis+sentinel://HOST:PORT,…/DB/SERVICE."""
    hosts = ",".join(s.address for s in sentinels)
    return f"redis+sentinel://{hosts}/{db}/{sentinels[0].service}"


NGINX_CONF = """
worker_processes 1;
daemon off;
error_log {dir}/error.log warn;
pid {dir}/nginx.pid;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {dir}/body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;
    map $http_upgrade $connection_upgrade {{ default upgrade; '' close; }}
    upstream board {{
        ip_hash;
        {servers}
    }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://board;
            proxy_http_version 1.1;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_read_timeout 3600s;
            proxy_connect_timeout 2s;
            proxy_next_upstream error timeout;
        }}
    }}
}}
"""


class NginxProcess(Launched):
    """A real nginx on a free port in front of several server processes (ip_hash, websockets)."""

    def __init__(self, folder: str, backends: list[int]):
        self.folder, self.backends, self.port = folder, backends, free_port()
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 10) -> None:
        os.makedirs(self.folder, exist_ok=True)
        servers = "\n        ".join(
            f"server 127.0.0.1:{p} max_fails=1 fail_timeout=30s;" for p in self.backends
        )
        conf = os.path.join(self.folder, "nginx.conf")
        with open(conf, "w") as f:
            f.write(NGINX_CONF.format(dir=self.folder, servers=servers, port=self.port))
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        self.proc = subprocess.Popen(
            [nginx, "-p", self.folder, "-c", conf], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        wait_until(lambda: requests.get(self.url + "/healthz", timeout=0.5).ok, timeout, "nginx")


# Debian's Chromium as the browser tests and bench.phone start it (never a downloaded browser)
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
