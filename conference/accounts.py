"""Facilitator accounts: argon2id password hashes, and sign-in sessions stored only as hashes."""

from __future__ import annotations

import hashlib
import re
import secrets
import threading

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from .blocking import off_the_loop
from .domain.errors import DomainError
from .store.base import EventStore
from .unavailable import storage

USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,39}$")
MIN_PASSWORD = 12
SESSION_SECONDS = 12 * 3600
_hasher = PasswordHasher()
_HASHING = threading.BoundedSemaphore(4)  # argon2id with the library's current recommended parameters
_DUMMY = _hasher.hash("not a real password, used to keep failed sign-ins as slow as real ones")


def _session_hash(session_id: str) -> str:
    return hashlib.sha256(session_id.encode()).hexdigest()


def _unavailable(uncertain: bool = False) -> DomainError:
    return DomainError("unavailable", "Accounts can't be reached just now. Please try again.")


def _kept(record: dict) -> dict:
    """What an account keeps when its sign-in is replaced (a new password, the provider's
    details again): being a manager."""
    return {"manager": True} if record.get("manager") else {}


class Accounts:
    def __init__(self, store: EventStore):
        self.store = store

    @staticmethod
    def check_username(username: object) -> str:
        if not isinstance(username, str) or not USERNAME.match(username):
            raise DomainError(
                "invalid", "A username is 2 to 40 lower-case letters, digits, dots, dashes or underscores."
            )
        return username

    @staticmethod
    def check_password(password: object) -> str:
        if not isinstance(password, str) or len(password) < MIN_PASSWORD:
            raise DomainError(
                "invalid", "A password needs at least {min_password} characters.", min_password=MIN_PASSWORD
            )
        return password

    def add(self, username: str, password: str) -> None:
        username, password = self.check_username(username), self.check_password(password)
        with storage(_unavailable):
            if self.store.get_account(username) is not None:
                raise DomainError(
                    "conflict", "There is already a facilitator called {username}.", username=username
                )
            self.store.put_account(username, {"password": _hasher.hash(password)})

    def reset_password(self, username: str, password: str) -> None:
        password = self.check_password(password)
        with storage(_unavailable):
            record = self.store.get_account(username)
            if record is None:
                raise DomainError(
                    "not_found", "There is no facilitator called {username}.", username=username
                )
            self.store.put_account(username, {**_kept(record), "password": _hasher.hash(password)})

    def remove(self, username: str) -> bool:
        with storage(_unavailable):
            return self.store.delete_account(username)

    def list(self) -> list[str]:
        return self.store.list_accounts()

    def verify(self, username: object, password: object) -> str | None:
        """The username when the password is right; the same work is done when it isn't."""
        record = None
        if isinstance(username, str) and USERNAME.match(username):
            with storage(_unavailable):
                record = self.store.get_account(username)
        # an account signed in through the council's identity provider has no password here
        stored = (record or {}).get("password") or _DUMMY
        try:
            # about 100 ms of argon2: on its own thread, so no other board waits behind a sign-in
            with _HASHING:  # at most a few at once: each takes 64 MiB of memory
                off_the_loop(_hasher.verify, stored, password if isinstance(password, str) else "")
        except (VerificationError, InvalidHashError):
            return None
        return username if record and record.get("password") else None  # type: ignore[return-value]

    @staticmethod
    def oidc_username(issuer: str, subject: str) -> str:
        """One person is one facilitator, however often they sign in: issuer + sub."""
        return "oidc-" + hashlib.sha256(f"{issuer}\0{subject}".encode()).hexdigest()[:24]

    def put_oidc_account(self, username: str, issuer: str, subject: str, name: str, email: str) -> None:
        """The facilitator a person of the council's identity provider is (made or renamed)."""
        with storage(_unavailable):
            record = self.store.get_account(username) or {}
            self.store.put_account(
                username,
                {**_kept(record), "oidc": {"iss": issuer, "sub": subject}, "name": name, "email": email},
            )

    def set_manager(self, username: str, manager: bool) -> None:
        """Make a facilitator a manager (every conference's details and access record, never
        a board's contents; docs/security.md), or no longer one. The rest of the account
        stays as it is."""
        with storage(_unavailable):
            record = self.store.get_account(username)
            if record is None:
                raise DomainError(
                    "not_found", "There is no facilitator called {username}.", username=username
                )
            if manager:
                record["manager"] = True
            else:
                record.pop("manager", None)
            self.store.put_account(username, record)

    def is_manager(self, username: str | None) -> bool:
        if not username:
            return False
        with storage(_unavailable):
            return bool((self.store.get_account(username) or {}).get("manager"))

    def exists(self, username: str) -> bool:
        with storage(_unavailable):
            return self.store.get_account(username) is not None

    def signs_in_elsewhere(self, username: str) -> bool:
        """True for a facilitator of the council's identity provider."""
        with storage(_unavailable):
            return "oidc" in (self.store.get_account(username) or {})

    def display_name(self, username: str) -> str:
        with storage(_unavailable):
            record = self.store.get_account(username) or {}
        return record.get("name") or username

    def start_session(self, username: str) -> str:
        session_id = secrets.token_urlsafe(32)
        with storage(_unavailable):
            self.store.put_session(_session_hash(session_id), username, SESSION_SECONDS)
        return session_id

    def session_user(self, session_id: str | None) -> str | None:
        if not session_id or len(session_id) > 128:
            return None
        with storage(_unavailable):
            username = self.store.get_session(_session_hash(session_id))
            if username and self.store.get_account(username) is None:
                return None
            return username

    def end_session(self, session_id: str | None) -> None:
        if session_id:
            self.store.delete_session(_session_hash(session_id))
