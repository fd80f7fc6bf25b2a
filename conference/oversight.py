"""The managers' view (an information-governance lead): every conference's details and
access record, never what is on a board; moving a conference to another chair. Every
look and every move is written to the access record."""

from __future__ import annotations

from typing import Any

from .access import Access
from .accounts import Accounts
from .board_cache import BoardCache
from .domain.errors import N_, DomainError
from .retention import delete_after
from .store.base import EventStore
from .unavailable import storage

# the only parts of a board a manager is given: nothing a person said or scored
DETAILS = ("title", "kind", "status", "created_at")


class Oversight:
    def __init__(self, store: EventStore, boards: BoardCache, access: Access, accounts: Accounts):
        self.store = store
        self.boards = boards
        self.access = access
        self.accounts = accounts

    def _chair(self, username: str | None, known: dict[str, dict] | None = None) -> dict | None:
        """The owning account: its username, the name it goes by, and whether it has been
        removed since (a chair who left). `known` keeps each account read once per list."""
        if username is None:
            return None
        known = {} if known is None else known
        if username not in known:
            exists = self.accounts.exists(username)
            name = self.accounts.display_name(username) if exists else username
            known[username] = {"username": username, "name": name, "removed": not exists}
        return dict(known[username])

    def _audit(self, manager: str, what: str, conference_id: str | None = None, **detail: Any) -> None:
        """A manager's action: in the general access record, and in the conference's own
        when it is about one (so its chair sees it, until the board is deleted)."""
        name = self.accounts.display_name(manager)
        if name != manager:
            detail["who_name"] = name
        if conference_id is not None:
            self.access.audit(conference_id, what, manager, **detail)
            detail["conference"] = conference_id
        self.access.audit(None, what, manager, **detail)

    def details(
        self,
        conference_id: str,
        owner: str | None,
        retention_days: int,
        idle_days: int,
        known: dict[str, dict] | None = None,
    ) -> dict:
        board = self.boards.board(conference_id)
        row: dict[str, Any] = {"id": conference_id}
        row.update({k: board.conference.get(k) for k in DETAILS})
        row.update(
            chair=self._chair(owner, known),
            ended_at=board.closed_at,
            changed_at=board.last_at,
            delete_after=delete_after(board, retention_days, idle_days),
        )
        return row

    def conferences(self, manager: str, retention_days: int, idle_days: int) -> list[dict]:
        """Every conference's details, newest first."""
        with storage():
            ids, owners = self.store.all_conferences(), self.store.owners()
        out: list[dict] = []
        known: dict[str, dict] = {}
        for cid in ids:
            try:
                out.append(self.details(cid, owners.get(cid), retention_days, idle_days, known))
            except DomainError:
                continue  # deleted while we read
        self._audit(manager, N_("manager: viewed the list of conferences"), conferences=len(out))
        return sorted(out, key=lambda c: c["created_at"] or "", reverse=True)

    def access_record(self, manager: str, conference_id: str) -> list[dict]:
        """One conference's access record, with this look at it as its last entry."""
        self.boards.board(conference_id)  # not_found for a conference that isn't there
        self._audit(manager, N_("manager: viewed the access record"), conference_id)
        return self.access.audit_of(conference_id)

    def transfer(
        self, manager: str, conference_id: str, to: Any, retention_days: int, idle_days: int
    ) -> dict:
        """The conference moves to another facilitator's My conferences (a chair who left):
        links already made keep working until its new chair cancels them."""
        if not isinstance(to, str) or not to:
            raise DomainError("invalid", "Say which facilitator should chair it (their username).")
        to = to.strip().lower()[:60]
        with self.boards.lock(conference_id):
            self.boards.board(conference_id)  # not_found for a conference that isn't there
            if not self.accounts.exists(to):
                raise DomainError("not_found", "There is no facilitator called {username}.", username=to)
            with storage():
                before = self.store.owner_of(conference_id)
                if before == to:
                    raise DomainError("conflict", "{username} already chairs this conference.", username=to)
                if not self.store.set_owner(conference_id, to):
                    raise DomainError(
                        "not_found", "We couldn't find that conference. It may have been deleted."
                    )
        self._audit(
            manager,
            N_("manager: moved the conference to another chair"),
            conference_id,
            from_chair=before,
            to_chair=to,
        )
        return self.details(conference_id, to, retention_days, idle_days)
