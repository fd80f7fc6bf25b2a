"""The EventStore protocol: an append-only log per conference, with op_id dedup and expected seq."""

from __future__ import annotations

from typing import Any, Protocol

Event = dict[str, Any]


class StoreError(Exception):
    """Base of what a store may raise."""


class StoreUnavailable(StoreError):
    """The storage cannot be reached. Nothing was written, unless `uncertain`: the write
    was sent and no answer came, so it may have landed (a resend with the same op_id is
    safe either way)."""

    def __init__(self, message: str = "", uncertain: bool = False):
        super().__init__(message)
        self.uncertain = uncertain


class SeqConflict(StoreError):
    """Another writer appended first: the event's seq is no longer the next one."""


class DuplicateOp(StoreError):
    """This op_id was already applied in this conference."""

    def __init__(self, seq: int, result: dict | None):
        super().__init__(seq)
        self.seq = seq
        self.result = result


class DuplicateCode(StoreError):
    """The join code is taken; pick another."""


class EventStore(Protocol):
    # True when other processes append to the same logs (Redis): read through, don't trust a cache
    shared: bool

    def create(
        self,
        conference_id: str,
        join_code: str,
        event: Event,
        tokens: dict[str, str],
        owner: str | None = None,
    ) -> None:
        """Start a conference's log with its first event; tokens maps token hash -> member id."""

    def conference_by_code(self, join_code: str) -> str | None: ...

    def member_by_token(self, token_hash: str) -> tuple[str, str] | None:
        """(conference_id, member_id) for a token hash, or None."""

    def op(self, conference_id: str, op_id: str) -> tuple[int, dict | None] | None:
        """(seq, result) of an op_id already applied, or None."""

    def append(
        self,
        conference_id: str,
        event: Event,
        *,
        op_id: str | None = None,
        result: dict | None = None,
        add_tokens: dict[str, str] | None = None,
        revoke_member: str | None = None,
    ) -> int:
        """Append atomically if event['seq'] is next and op_id is new; returns the seq.

        Raises SeqConflict, DuplicateOp or StoreUnavailable; on any of them nothing is written.
        """

    def add_token(self, conference_id: str, token_hash: str, member_id: str) -> None:
        """Another token for an existing member (a new projector link)."""

    def replace_tokens(self, conference_id: str, member_id: str, token_hash: str) -> None:
        """The member's only token from now on: every earlier one stops working (a leaked
        link cancelled), in one atomic step."""

    def events(self, conference_id: str, since: int = 0) -> list[Event]: ...

    def catch_up(self, conference_id: str, since: int) -> list[Event] | None:
        """Events after `since`, or None when the conference no longer exists."""

    def before_command(
        self, conference_id: str, since: int, op_id: str
    ) -> tuple[list[Event] | None, tuple[int, dict | None] | None]:
        """catch_up() and op() together, in one round trip where the store is remote: what
        a command needs before it is decided (Redis: this and the append are its two trips)."""

    def exists(self, conference_id: str) -> bool: ...

    def data_version(self) -> int | None:
        """A number that changes when another process writes (SQLite's data_version), so a
        cache can notice a second writer such as `python -m conference purge`; None for a
        shared store, which is read through anyway."""

    def delete(self, conference_id: str) -> bool:
        """Remove the conference's rows and keys; True if it existed. The service then calls
        scrub(), once for however many it deleted."""

    def scrub(self) -> None:
        """Leave no copy of deleted data in the store's files (SQLite: VACUUM)."""

    def audit(self, conference_id: str | None, entry: dict) -> None:
        """Append to the access audit log (separate from the board's log); None = not about one board."""

    def audit_of(self, conference_id: str | None) -> list[dict]: ...

    def secret(self, name: str) -> bytes:
        """A random secret made once and kept beside the data (not inside the logs)."""

    def all_conferences(self) -> list[str]:
        """Every conference id (for retention)."""

    def conferences_of(self, owner: str) -> list[str]:
        """Ids of the conferences a facilitator account owns (deleted ones are gone)."""

    def owner_of(self, conference_id: str) -> str | None:
        """The facilitator account that owns a conference, or None (none, or no such conference)."""

    def owners(self) -> dict[str, str]:
        """Every owned conference's owner, by conference id, in one read (for the managers'
        list; a conference started without an account is left out)."""

    def set_owner(self, conference_id: str, owner: str) -> bool:
        """Move a conference to another facilitator account, in one atomic step (the old
        owner's list loses it as the new one's gains it); False when there is no such conference."""

    # facilitator accounts and their sign-in sessions (session ids stored as hashes)
    def put_account(self, username: str, record: dict) -> None: ...

    def get_account(self, username: str) -> dict | None: ...

    def delete_account(self, username: str) -> bool: ...

    def list_accounts(self) -> list[str]: ...

    def put_session(self, session_hash: str, username: str, ttl_seconds: int) -> None: ...

    def get_session(self, session_hash: str) -> str | None:
        """The username of a live session, or None (unknown or expired)."""

    def delete_session(self, session_hash: str) -> None: ...

    def close(self) -> None: ...
