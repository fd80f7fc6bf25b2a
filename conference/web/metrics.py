"""`GET /metrics` in Prometheus' text format: what the bench measures, measured in production.

Commands and deliveries, command-to-ack latency, open sockets, boards in memory, pauses of
Python's garbage collector, store errors and `unavailable` answers, Redis reconnects. Never public: only
addresses in CONFERENCE_METRICS_ALLOW (default: this host) get an answer, anyone else a
plain 404; behind nginx the client's address is read as every route reads it
(auth.client_address: the entry the trusted proxy wrote, never one the client wrote)."""

from __future__ import annotations

import gc
import ipaddress
import time
from typing import Any

from flask import Blueprint, Response, abort, current_app
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST

from .auth import client_address

bp = Blueprint("metrics", __name__)

LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5)
GC_BUCKETS = (0.0005, 0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5)


class Metrics:
    """One registry per app (the factory may run more than once in a process)."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.commands = Counter(
            "conference_commands",
            "Commands answered, by result (ok or the error code)",
            ["result"],
            registry=r,
        )
        self.deliveries = Counter("conference_deliveries", "Events sent to sockets' rooms", registry=r)
        self.command_seconds = Histogram(
            "conference_command_seconds",
            "From a command's arrival to its acknowledgement",
            buckets=LATENCY_BUCKETS,
            registry=r,
        )
        self.sockets = Gauge("conference_open_sockets", "Sockets connected to this process", registry=r)
        self.boards = Gauge(
            "conference_boards_in_memory", "Boards folded and kept in this process", registry=r
        )
        self.gc_pause = Histogram(
            "conference_gc_pause_seconds",
            "Pauses of Python's garbage collector",
            ["generation"],
            buckets=GC_BUCKETS,
            registry=r,
        )
        self.store_errors = Counter(
            "conference_store_errors",
            "Reads or writes the store could not do (unavailable answers)",
            registry=r,
        )
        self.redis_reconnects = Counter(
            "conference_redis_reconnects",
            "Times Redis answered again after this process lost it",
            registry=r,
        )
        self._reconnects_seen = 0
        self._gc_started = 0.0
        gc.callbacks.append(self._on_gc)

    def _on_gc(self, phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            self._gc_started = time.perf_counter()
        elif self._gc_started:
            self.gc_pause.labels(str(info.get("generation", "?"))).observe(
                time.perf_counter() - self._gc_started
            )
            self._gc_started = 0.0

    def close(self) -> None:
        if self._on_gc in gc.callbacks:
            gc.callbacks.remove(self._on_gc)


def allowed(address: str, networks: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(
        ip in ipaddress.ip_network(net.strip(), strict=False) for net in networks.split(",") if net.strip()
    )


@bp.get("/metrics")
def metrics():
    address = client_address()
    if not allowed(address, current_app.config["METRICS_ALLOW"]):
        abort(404)
    m: Metrics = current_app.extensions["conference_metrics"]
    m.sockets.set(current_app.extensions["conference_connections"].count())
    service = current_app.extensions["conference_service"]
    m.boards.set(service.boards.count())
    reconnects = getattr(service.store, "reconnects", 0)  # only Redis has a connection to lose
    if reconnects > m._reconnects_seen:
        m.redis_reconnects.inc(reconnects - m._reconnects_seen)
        m._reconnects_seen = reconnects
    return Response(generate_latest(m.registry), mimetype=CONTENT_TYPE_LATEST)
