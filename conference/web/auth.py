"""Tokens at the edge: reading them from requests, and simple rate limits per key."""

from __future__ import annotations

import hashlib
import hmac
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from flask import current_app, request

from ..domain.errors import DomainError


def bearer_token() -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


def client_address(trusted_proxies: int | None = None) -> str:
    """The address of whoever sent the request. Behind `trusted_proxies` proxies (nginx: 1),
    each appends the address it saw to X-Forwarded-For, so the entry that many places from
    the right is the last one a trusted proxy wrote; anything to its left the client wrote
    itself and may have made up. One function for every use (rate limits, the audit, /metrics)."""
    if trusted_proxies is None:
        trusted_proxies = current_app.config.get("TRUST_PROXY", 0)
    if trusted_proxies:
        forwarded = [a.strip() for a in request.headers.get("X-Forwarded-For", "").split(",")]
        if len(forwarded) >= trusted_proxies and forwarded[-trusted_proxies]:
            return forwarded[-trusted_proxies]
    return request.remote_addr or "?"


class OneAtATime:
    """One request at a time per key (an address signing in): each sees the failure the one
    before it recorded, so firing many sign-ins at once tries no more passwords than sending
    them one by one. Keys are forgotten when nobody holds them."""

    def __init__(self) -> None:
        self._guard = threading.Lock()
        self._held: dict[str, tuple[threading.Lock, int]] = {}

    @contextmanager
    def hold(self, key: str) -> Iterator[None]:
        with self._guard:
            lock, users = self._held.get(key, (threading.Lock(), 0))
            self._held[key] = (lock, users + 1)
        try:
            with lock:
                yield
        finally:
            with self._guard:
                lock, users = self._held[key]
                if users == 1:
                    del self._held[key]
                else:
                    self._held[key] = (lock, users - 1)


class Limiter:
    """What both limiters share: counting a failure without refusing it."""

    def check(self, key: str, message: str) -> None:
        raise NotImplementedError

    def record(self, key: str) -> None:
        """Count one for key without refusing (a failure to count; `blocked` asks later)."""
        try:
            self.check(key, "")
        except DomainError:
            pass


class RateLimiter(Limiter):
    """A token bucket per key: `rate` per second, up to `burst` at once, by `clock` (seconds;
    time.monotonic unless a test moves its own)."""

    def __init__(self, rate: float, burst: int, clock: Callable[[], float] = time.monotonic):
        self.rate, self.burst, self.clock = rate, burst, clock
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def check(self, key: str, message: str) -> None:
        """Spend one token for key or refuse with `rate_limited`."""
        now = self.clock()
        with self._lock:
            tokens, last = self._buckets.get(key, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - last) * self.rate)
            if tokens < 1:
                self._buckets[key] = (tokens, now)
                raise DomainError("rate_limited", message, retry_after=(1 - tokens) / self.rate)
            self._buckets[key] = (tokens - 1, now)
            if len(self._buckets) > 10_000:
                self._forget_full(now)

    def blocked(self, key: str) -> bool:
        """True when key has nothing left to spend (without spending)."""
        now = self.clock()
        with self._lock:
            tokens, last = self._buckets.get(key, (float(self.burst), now))
            return tokens + (now - last) * self.rate < 1

    def _forget_full(self, now: float) -> None:
        for key, (tokens, last) in list(self._buckets.items()):
            if tokens + (now - last) * self.rate >= self.burst:
                del self._buckets[key]


SESSION_COOKIE = "cb_session"


def session_cookie() -> str | None:
    return request.cookies.get(SESSION_COOKIE)


def new_session(accounts, username: str) -> str:
    """Sign `username` in, as a password or the council's provider does: a new session id
    every time (the old one ended). Put it on the answer with set_session_cookie()."""
    accounts.end_session(session_cookie())
    return accounts.start_session(username)


def set_session_cookie(response, sid: str) -> None:
    """The sign-in session's cookie: HttpOnly, SameSite=Strict, Secure over HTTPS."""
    from ..accounts import SESSION_SECONDS

    response.set_cookie(
        SESSION_COOKIE,
        sid,
        max_age=SESSION_SECONDS,
        httponly=True,
        samesite="Strict",
        secure=https(),
        path="/",
    )


def csrf_token(session_id: str, secret: str) -> str:
    """Bound to the sign-in session; sent back by our pages in the X-CSRF-Token header."""
    return hmac.new(secret.encode(), f"csrf:{session_id}".encode(), hashlib.sha256).hexdigest()


def same_origin() -> bool:
    """A request that says where it comes from must come from here."""
    origin = request.headers.get("Origin")
    if not origin:
        return True
    return origin.rstrip("/") == request.host_url.rstrip("/") or origin in (
        current_app.config.get("CORS_ORIGINS") or []
    )


def signed_in_user(accounts, state_changing: bool) -> str:
    """The facilitator signed in with this request's cookie, or a refusal. State-changing
    requests also need the CSRF header and a same-origin Origin."""
    sid = session_cookie()
    user = accounts.session_user(sid)
    if user is None:
        raise DomainError("unauthorized", "Please sign in as a facilitator first.")
    if state_changing:
        sent = request.headers.get("X-CSRF-Token", "")
        if not same_origin() or not hmac.compare_digest(
            sent, csrf_token(sid or "", current_app.config["SECRET_KEY"])
        ):
            raise DomainError(
                "forbidden",
                "This request did not come from a Conference Board page. Please reload and try again.",
            )
    return user


def https() -> bool:
    if request.is_secure:
        return True
    return bool(current_app.config.get("TRUST_PROXY")) and request.headers.get("X-Forwarded-Proto") == "https"


class RedisRateLimiter(Limiter):
    """The same limits across every process: a counter per key in Redis, living burst/rate
    seconds from its first request (Redis's own expiry keeps the time, so there is no clock
    to pass). Fails open if Redis is away (the store then refuses commands anyway)."""

    def __init__(self, rate: float, burst: int, redis_client, name: str):
        self.limit = burst
        self.window = max(1, round(burst / rate)) if rate else 60
        self.r, self.name = redis_client, name

    def _key(self, key: str) -> str:
        return f"cb:rl:{self.name}:{key}"

    def check(self, key: str, message: str) -> None:
        try:
            pipe = self.r.pipeline(transaction=True)
            pipe.set(self._key(key), 0, ex=self.window, nx=True)  # the window starts at the first request
            pipe.incr(self._key(key))
            pipe.pttl(self._key(key))
            _, count, ttl_ms = pipe.execute()
        except Exception:
            return
        if count > self.limit:
            raise DomainError("rate_limited", message, retry_after=max(ttl_ms, 100) / 1000)

    def blocked(self, key: str) -> bool:
        try:
            count = self.r.get(self._key(key))
        except Exception:
            return False
        return count is not None and int(count) >= self.limit
