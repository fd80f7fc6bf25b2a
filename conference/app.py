"""The app factory and the one SocketIO instance."""

from __future__ import annotations

import gc
import logging
import os
import re
import time
from collections.abc import Callable
from typing import Any

from flask import Flask, Request, request
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface
from flask_socketio import SocketIO
from werkzeug.routing import BaseConverter

from .config import from_env

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}
SOCKET_PATH = "/socket.io/"  # Flask-SocketIO's, where every Socket.IO request comes
# a module's own Referrer-Policy would govern its imports; without one they follow the page's
STATIC_HEADERS = {"X-Content-Type-Options": "nosniff"}


def create_app(config: dict[str, Any] | None = None, limit_clock: Callable[[], float] | None = None) -> Flask:
    """The app factory: settings from the environment, overridden by `config`. The rate
    limits kept in memory read the time from `limit_clock` (time.monotonic unless a test
    passes a clock it moves itself)."""
    from .accounts import Accounts
    from .service import Service
    from .store import make_store
    from .web import api, language, manage, oidc, pages
    from .web.events import SocketPublisher
    from .web.metrics import Metrics
    from .web.metrics import bp as metrics_bp
    from .web.presence import MemoryConnections, RedisConnections

    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    app = Flask(
        __name__,
        static_folder=os.path.join(root, "static"),
        template_folder=os.path.join(root, "templates"),
    )
    settings = from_env()
    settings.update(config or {})
    app.config.update(settings)
    app.config["MAX_CONTENT_LENGTH"] = 64 * 1024

    redis_url = settings.get("REDIS_URL")
    store = make_store(settings)
    redis_client: Any = getattr(store, "r", None)  # presence and rate limits share the store's Redis
    connections = RedisConnections(redis_client) if redis_url else MemoryConnections()
    # one Socket.IO per app, so the factory can be called again (tests) without sharing state
    socketio = SocketIO()
    metrics = Metrics()
    app.extensions["conference_metrics"] = metrics
    publisher = SocketPublisher(socketio, connections, metrics)
    app.extensions["conference_service"] = Service(
        store,
        publisher,
        join_secret=_join_secret(settings, store),
        nation=settings.get("NATION", "england"),
        timezone=settings.get("TIMEZONE", "Europe/London"),
    )
    app.extensions["conference_accounts"] = Accounts(store)
    app.extensions["conference_connections"] = connections
    app.extensions["conference_publisher"] = publisher
    app.extensions["conference_limits"] = _limits(settings, redis_client, limit_clock)

    app.url_map.converters["conference"] = ConferenceId
    language.init(app)
    _static_and_compression(app)
    app.register_blueprint(pages.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(manage.bp)
    app.register_blueprint(metrics_bp)
    oidc.init(app)
    _access_log_and_headers(app)
    _error_answers(app)
    _serve_sockets(app, socketio, settings, connections)
    return app


def _limits(settings: dict, redis_client: Any, clock: Callable[[], float] | None) -> dict[str, Any]:
    """Every rate limit, by name: in Redis when several processes share it, else in memory
    (reading `clock`, time.monotonic by default)."""
    from .web.auth import RateLimiter, RedisRateLimiter

    def limiter(name: str, rate: float, burst: int):
        if settings.get("REDIS_URL"):
            return RedisRateLimiter(rate, burst, redis_client, name)
        return RateLimiter(rate, burst, clock or time.monotonic)

    per_minute = lambda n: n / 60  # noqa: E731
    return {
        "command": limiter("command", settings["COMMAND_RATE"], settings["COMMAND_BURST"]),
        # the console sends a draft at most every 250 ms while the chair types
        "draft": limiter("draft", 8, 16),
        "join_failures": limiter(
            "join-failures",
            per_minute(settings["JOIN_FAILURES_PER_MINUTE"]),
            settings["JOIN_FAILURES_PER_MINUTE"],
        ),
        "join_code": limiter(
            "join-code",
            per_minute(settings["JOINS_PER_CODE_PER_MINUTE"]),
            settings["JOINS_PER_CODE_PER_MINUTE"],
        ),
        "create": limiter(
            "create", per_minute(settings["CREATES_PER_MINUTE"]), settings["CREATES_PER_MINUTE"]
        ),
        # the hint as people type (400 ms after the last key), for every phone behind one
        # address (a council's Wi-Fi): generous, but bounded like every pre-sign-in route
        "plain_language": limiter(
            "plain-language",
            per_minute(settings["PLAIN_LANGUAGE_PER_MINUTE"]),
            settings["PLAIN_LANGUAGE_PER_MINUTE"],
        ),
        "login_failures": limiter(
            "login-failures",
            per_minute(settings["LOGIN_FAILURES_PER_MINUTE"]),
            settings["LOGIN_FAILURES_PER_MINUTE"],
        ),
    }


def _access_log_and_headers(app: Flask) -> None:
    """Every answer logged without query strings or join codes, and sent with the security
    headers."""
    from .web.auth import https

    access_log = logging.getLogger("conference.access")

    @app.after_request
    def log_request(response):
        # no query strings, and no join code: /j/<code> and /qr/<code>.svg are shortened
        path = re.sub(r"^/(j|qr)/[^/]+", r"/\1/…", request.path)
        access_log.info("%s %s %s", request.method, path, response.status_code)
        return response

    @app.after_request
    def security_headers(response):
        # a script or style sheet is no document: a page's policy headers mean nothing on it,
        # and on a poor line 25 files × 400 bytes of them is a tenth of the phone's page
        for name, value in (STATIC_HEADERS if request.endpoint == "static" else SECURITY_HEADERS).items():
            response.headers.setdefault(name, value)
        if request.path.startswith("/api/"):  # answers about people: never kept by a cache
            response.headers["Cache-Control"] = "no-store"
        if https():
            response.headers.setdefault("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
        return response


# /api/ answers may carry tokens next to what a caller sent (BREACH): only these are compressed
COMPRESSED_API = frozenset({"api.minutes"})


def _static_and_compression(app: Flask) -> None:
    """Static files fingerprinted, preloaded and compressed once (web/assets.py); the pages
    and the minutes' text formats compressed as they are answered (brotli or gzip, as the
    browser asks). Engine.IO's long-polling compresses its own answers; nothing streamed
    and no PDF or Word file is touched."""
    from flask_compress import Compress

    from .web import assets

    app.view_functions["static"] = assets.serve
    app.jinja_env.globals.update(asset=assets.url, module_tags=assets.module_tags)
    app.jinja_env.filters["page_json"] = assets.page_json
    app.config.update(
        COMPRESS_REGISTER=False,
        COMPRESS_ALGORITHM=["br", "gzip"],
        COMPRESS_STREAMS=False,
        COMPRESS_MIN_SIZE=500,
        COMPRESS_MIMETYPES=[
            "text/html",
            "text/css",
            "text/javascript",
            "text/markdown",
            "text/plain",
            "application/json",
            "image/svg+xml",
        ],
    )
    compress = Compress(app)

    @app.after_request
    def compressed(response):
        if request.endpoint == "static":  # compressed once, by assets.serve
            return response
        if request.path.startswith("/api/") and request.endpoint not in COMPRESSED_API:
            return response
        if assets.accepted(request.headers.get("Accept-Encoding", "")) is None:
            response.vary.add("Accept-Encoding")  # nothing wanted (Flask-Compress 1.25 reads
            return response  # "br;q=0" as a yes)
        return compress.after_request(response)


def _error_answers(app: Flask) -> None:
    """HTTP errors under /api/ answered as the contract's errors, in the asker's language."""
    from .domain.errors import N_, DomainError
    from .web import api

    def json_or_default(err, code: str, status: int, message: str):
        if request.path.startswith("/api/"):
            response = api.error_response(DomainError(code, message))  # in the asker's language
            response.status_code = status
            return response
        return err

    @app.errorhandler(404)
    def not_found(err):
        return json_or_default(err, "not_found", 404, N_("There is nothing at this address."))

    @app.errorhandler(405)
    def not_allowed(err):
        return json_or_default(err, "invalid", 405, N_("This address does not accept that kind of request."))

    @app.errorhandler(413)
    def too_large(err):
        return json_or_default(err, "too_large", 413, N_("That request is too big (the limit is 64 KB)."))

    @app.errorhandler(DomainError)
    def domain_error(err: DomainError):
        return api.error_response(err)

    @app.errorhandler(500)
    def server_error(err):
        return json_or_default(
            err, "unavailable", 500, N_("Something went wrong on our side; nothing was changed.")
        )


def _serve_sockets(app: Flask, socketio: SocketIO, settings: dict, connections: Any) -> None:
    """Socket.IO on the app: the /board namespace behind the packet guard, and the
    background tasks of a served app (presence heartbeat, daily purge, the watcher)."""
    from .web import guard
    from .web.events import NAMESPACE, BoardNamespace

    redis_url = settings.get("REDIS_URL")
    from .web.rooms import IndexedManager

    queue: dict[str, Any] = {"client_manager": IndexedManager()}
    if redis_url:
        # our own manager on the python-socketio Redis one, for redis:// and redis+sentinel://
        # alike (Flask-SocketIO hands only redis:// URLs to its own)
        queue = {"client_manager": _message_queue(redis_url, settings["REDIS_CHANNEL"], app)}
    socketio.init_app(
        app,
        async_mode=settings.get("ASYNC_MODE"),
        **queue,
        max_http_buffer_size=settings["MAX_SOCKET_BUFFER"],
        cors_allowed_origins=settings["CORS_ORIGINS"] or None,
        logger=False,
        engineio_logger=False,
        # the socket is signed in by its token, never by the cookie: no Flask session is
        # opened and copied for every message (a storm of 2,000 syncs spent 3 % there)
        manage_session=False,
    )
    app.session_interface = _NoSessionForSockets()
    socketio.on_namespace(BoardNamespace(NAMESPACE))
    app.extensions["conference_packet_guard"] = guard.install(socketio.server)
    if redis_url and settings.get("ASYNC_MODE"):
        socketio.start_background_task(_heartbeat, socketio, connections)
    store = app.extensions["conference_service"].store
    if settings.get("ASYNC_MODE") in ("eventlet", "gevent") and settings.get("GROUP_COMMIT"):
        if hasattr(store, "group_commits"):  # SQLite; Redis has its own pipeline
            store.group_commits()
    if settings.get("ASYNC_MODE"):  # a served app, not a test client
        socketio.start_background_task(_daily_purge, socketio, app)
        socketio.start_background_task(_watch, socketio, app)
        if settings.get("GC_FREEZE") and gc.isenabled():
            socketio.start_background_task(_sweep_when_quiet, socketio, app)


class _NoSessionForSockets(SecureCookieSessionInterface):
    """Flask's signed-cookie session, except for Socket.IO's messages: a socket is signed in
    by its token, never by the cookie, so its messages open no session (Flask-SocketIO pushes
    a request context for each, and decoding the cookie was 4 % of a reconnect storm)."""

    def open_session(self, app: Flask, request: Request) -> SecureCookieSession | None:
        if (request.path + "/").startswith(SOCKET_PATH):  # /socket.io/ (and /socket.io, as tests ask)
            return self.make_null_session(app)
        return super().open_session(app, request)


def _message_queue(url: str, channel: str, app: Flask):
    """python-socketio's Redis manager (for Sentinel it asks for the primary again at every
    reconnect), listening again within a second of losing Redis rather than backing off to a
    minute. No socket_timeout: the subscriber waits on its socket for messages.

    Redis pub/sub keeps nothing for a subscriber that is away: what other processes published
    while this one was reconnecting (a failover, a restart) never reaches it. So once it is
    subscribed again, every socket of this process is sent the events appended since a few
    seconds before the loss, read from the log (`Service.missed`)."""
    import socketio

    from .service import utc_now
    from .store.redis import parse_sentinel_url
    from .web.rooms import RoomIndex

    if url.startswith("redis+sentinel:"):
        parse_sentinel_url(url)  # refused here, clearly, rather than in a background thread
    log = logging.getLogger(__name__)

    class QueueManager(RoomIndex, socketio.RedisManager):
        def _redis_listen_with_retries(self):  # pragma: no cover (the failover tests cover it)
            lost_at: str | None = None
            subscribed = False
            while True:
                try:
                    if not subscribed:
                        self._redis_connect()
                        self.pubsub.subscribe(self.channel)
                        subscribed = True
                        if lost_at is not None:
                            self.server.start_background_task(_caught_up, app, lost_at)
                            lost_at = None
                    yield from self.pubsub.listen()
                    raise ConnectionError("no longer subscribed")  # listen() ends only then
                except Exception as exc:
                    log.warning("message queue lost (%s): reconnecting", exc)
                    subscribed = False
                    lost_at = lost_at or utc_now(ago=QUEUE_LOSS_MARGIN)
                    time.sleep(0.5)

    options = {"socket_connect_timeout": 1.0, "socket_keepalive": True}
    return QueueManager(url, channel=channel, redis_options=options)


QUEUE_LOSS_MARGIN = 5  # seconds before the queue was seen lost: what was in flight then


def _caught_up(app: Flask, since_at: str) -> None:
    """The message queue is back: each socket here gets what it missed meanwhile."""
    service = app.extensions["conference_service"]
    sent = app.extensions["conference_publisher"].catch_up(
        lambda conference_id, member_id: service.missed(conference_id, member_id, since_at)
    )
    logging.getLogger(__name__).warning(
        "message queue back: %d missed event(s) sent to this process's screens", sent
    )


QUIET_CHECK_SECONDS = 30  # how often the server asks whether it is quiet
QUIET_SECONDS = 300  # no event sent for this long: a full sweep stalls nobody who is typing


def _sweep_when_quiet(socketio: SocketIO, app, clock: Callable[[], float] = time.monotonic) -> None:
    """With the server's thresholds (`CONFERENCE_GC_THRESHOLDS`, 10000,50,5000) a full
    collection comes only after 5,000 middle ones: about two days at 200 boards a second
    (bench/RESULTS.md). So no full collection stalls a meeting as its boards grow, but a cycle
    that lives long enough to reach the oldest generation would wait as long. It is swept
    here instead, once the server is quiet (no event sent for 5 minutes; not merely no
    screen, as every screen drops at once in a Wi-Fi blip and comes straight back): the
    frozen start is unfrozen, everything collected once, and frozen again."""
    publisher = app.extensions["conference_publisher"]
    swept_at = clock()
    while True:
        socketio.sleep(QUIET_CHECK_SECONDS)
        now = clock()
        if now - publisher.last_event > QUIET_SECONDS and publisher.last_event > swept_at:
            gc.unfreeze()
            gc.collect()
            gc.freeze()
            swept_at = now


def _daily_purge(socketio: SocketIO, app) -> None:
    """Retention: ended boards go after CONFERENCE_RETENTION_DAYS, abandoned ones after
    CONFERENCE_IDLE_DAYS. Every process may do it; deleting twice is harmless."""
    from .service import utc_now

    log = logging.getLogger(__name__)
    while True:
        try:
            gone = app.extensions["conference_service"].retention.purge(
                utc_now(), app.config["RETENTION_DAYS"], app.config["IDLE_DAYS"]
            )
            if gone:
                log.info("retention: deleted %d conference(s)", len(gone))
        except Exception:
            log.warning("retention purge failed; will try again tomorrow")
        socketio.sleep(24 * 3600)


class ConferenceId(BaseConverter):
    """A conference id in a URL: 1–64 of A–Z a–z 0–9 - _ (anything else is 404 before any
    handler runs)."""

    regex = r"[A-Za-z0-9_-]{1,64}"


def _watch(socketio: SocketIO, app) -> None:
    """Deleted elsewhere (the purge command, another process) means gone here too: boards
    that vanished from the store are dropped and their screens cut within seconds."""
    log = logging.getLogger(__name__)
    while True:
        socketio.sleep(app.config["WATCH_SECONDS"])
        try:
            gone = app.extensions["conference_service"].boards.watch()
            if gone:
                log.info("%d conference(s) deleted by another process; their screens were told", len(gone))
        except Exception:
            log.warning("could not check for conferences deleted elsewhere")


def _join_secret(settings: dict, store) -> bytes:
    """The secret join codes are derived from (changing it changes every code): best set in
    the environment (CONFERENCE_JOIN_SECRET), otherwise made once by the store."""
    if settings.get("JOIN_SECRET"):
        return settings["JOIN_SECRET"].encode()
    return store.secret("join-secret")


def _heartbeat(socketio: SocketIO, connections) -> None:
    """Keep this process's sockets counted as online (see web/presence.py)."""
    while True:
        socketio.sleep(connections.TTL / 3)
        try:
            connections.heartbeat()
        except Exception:  # Redis away for a moment: the next beat will do
            logging.getLogger(__name__).warning("presence heartbeat failed")
