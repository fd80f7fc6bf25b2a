"""Settings from environment variables, with safe defaults; create_app() also takes a plain dict."""

from __future__ import annotations

import os
import secrets


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    return int(raw) if raw not in (None, "") else default


def async_mode() -> str:
    """eventlet or gevent: read before anything else is imported (see __main__.py)."""
    return os.environ.get("CONFERENCE_ASYNC_MODE", "eventlet")


def from_env() -> dict:
    """Every setting the app reads, each documented in the README (a test checks)."""
    return {
        "HOST": os.environ.get("CONFERENCE_HOST", "127.0.0.1"),
        "PORT": _int("CONFERENCE_PORT", 5000),
        "MAX_CONNECTIONS": _int("CONFERENCE_MAX_CONNECTIONS", 20000),
        "TCP_NODELAY": os.environ.get("CONFERENCE_TCP_NODELAY", "1") != "0",
        "DATA_DIR": os.environ.get("CONFERENCE_DATA", "instance"),
        "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_hex(32),
        "SQLITE_SYNC": os.environ.get("CONFERENCE_SQLITE_SYNC", "FULL"),
        "SQLITE_BUSY_TIMEOUT": float(os.environ.get("CONFERENCE_SQLITE_BUSY_TIMEOUT", "1.0")),
        "TIMEZONE": os.environ.get("CONFERENCE_TIMEZONE", "Europe/London"),
        # whose bank holidays are not working days: england, wales, scotland, northern_ireland
        "NATION": os.environ.get("CONFERENCE_NATION", "england").strip().lower() or "england",
        "HOW_TO_DISAGREE": os.environ.get("CONFERENCE_HOW_TO_DISAGREE") or None,
        "KINDS_FILE": kinds_file(),
        "METRICS_ALLOW": os.environ.get("CONFERENCE_METRICS_ALLOW", "127.0.0.1/32,::1/128"),
        "GC_FREEZE": os.environ.get("CONFERENCE_GC_FREEZE", "1") != "0",
        # commands on SQLite share COMMITs, each on an OS thread (store/group.py)
        "GROUP_COMMIT": os.environ.get("CONFERENCE_GROUP_COMMIT", "1") != "0",
        # measured at 2,000 sockets (bench/RESULTS.md): no full collection over five minutes,
        # and young collections a fifth the size, so one no longer makes a burst's p99
        "GC_THRESHOLDS": os.environ.get("CONFERENCE_GC_THRESHOLDS", "10000,50,5000"),
        "REDIS_URL": os.environ.get("REDIS_URL") or None,
        # an append is acknowledged once this many replicas have it (WAIT); 0: on the primary
        "REDIS_REPLICAS": _int("CONFERENCE_REDIS_REPLICAS", 0),
        "REDIS_CHANNEL": os.environ.get("CONFERENCE_REDIS_CHANNEL", "conference-board"),
        # a Fernet key (`python -m conference backup-key`): backups are encrypted with it
        "BACKUP_KEY": os.environ.get("CONFERENCE_BACKUP_KEY") or None,
        "RETENTION_DAYS": _int("CONFERENCE_RETENTION_DAYS", 30),
        "IDLE_DAYS": _int("CONFERENCE_IDLE_DAYS", 60),
        "WATCH_SECONDS": float(os.environ.get("CONFERENCE_WATCH_SECONDS", "2")),
        "JOIN_SECRET": os.environ.get("CONFERENCE_JOIN_SECRET") or None,
        "PUBLIC_URL": os.environ.get("CONFERENCE_PUBLIC_URL", ""),
        # how many proxies stand in front (nginx: 1); 0 trusts no X-Forwarded-* header
        "TRUST_PROXY": _int("CONFERENCE_TRUST_PROXY", 0),
        "COMMAND_RATE": _int("CONFERENCE_COMMAND_RATE", 10),
        "COMMAND_BURST": _int("CONFERENCE_COMMAND_BURST", 40),
        "JOIN_FAILURES_PER_MINUTE": _int("CONFERENCE_JOIN_FAILURES_PER_MINUTE", 20),
        "LOGIN_FAILURES_PER_MINUTE": _int("CONFERENCE_LOGIN_FAILURES_PER_MINUTE", 10),
        "JOINS_PER_CODE_PER_MINUTE": _int("CONFERENCE_JOINS_PER_CODE_PER_MINUTE", 60),
        "PLAIN_LANGUAGE_PER_MINUTE": _int("CONFERENCE_PLAIN_LANGUAGE_PER_MINUTE", 300),
        "CREATES_PER_MINUTE": _int("CONFERENCE_CREATES_PER_MINUTE", 30),
        "MAX_SOCKET_BUFFER": _int("CONFERENCE_MAX_SOCKET_BUFFER", 1024 * 1024),
        "CORS_ORIGINS": [o for o in os.environ.get("CONFERENCE_CORS_ORIGINS", "").split(",") if o],
        "LOG_LEVEL": os.environ.get("CONFERENCE_LOG_LEVEL", "INFO"),
        # sign-in with the council's identity provider (OpenID Connect); unset: passwords only
        "OIDC_ISSUER": os.environ.get("CONFERENCE_OIDC_ISSUER") or None,
        "OIDC_CLIENT_ID": os.environ.get("CONFERENCE_OIDC_CLIENT_ID") or None,
        "OIDC_CLIENT_SECRET": os.environ.get("CONFERENCE_OIDC_CLIENT_SECRET") or None,
        "OIDC_NAME": os.environ.get("CONFERENCE_OIDC_NAME") or None,
        "OIDC_CHAIRS": os.environ.get("CONFERENCE_OIDC_CHAIRS") or None,
        # a value in the ID token's groups that makes the person a manager (docs/security.md)
        "OIDC_MANAGERS": os.environ.get("CONFERENCE_OIDC_MANAGERS") or None,
        "PASSWORD_SIGN_IN": os.environ.get("CONFERENCE_PASSWORD_SIGN_IN", "1") != "0",
    }


def kinds_file() -> str | None:
    """The council's own kinds-of-meeting file, read when the vocabulary loads (the domain
    asks here, so this stays the one place that reads the environment)."""
    return os.environ.get("CONFERENCE_KINDS_FILE") or None
