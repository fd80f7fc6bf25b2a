"""Who may open what: join codes (derived, never stored), tokens (stored as hashes), the
owner's boards and links, and the access record (kept apart from the board's log)."""

from __future__ import annotations

import functools
import hashlib
import hmac
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from . import i18n
from .board_cache import BoardCache
from .domain import vocabulary as v
from .domain.errors import N_, DomainError
from .store.base import EventStore, StoreUnavailable
from .unavailable import storage

if TYPE_CHECKING:
    from .service import Publisher

log = logging.getLogger(__name__)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def normalise_join_code(raw: Any) -> str:
    if not isinstance(raw, str):
        raise DomainError("invalid", "Please type the 8-character join code.")
    return "".join(ch for ch in raw.upper() if ch not in " -\t")


class Access:
    def __init__(
        self,
        store: EventStore,
        boards: BoardCache,
        publisher: Publisher,
        clock: Callable[[], str],
        new_id: Callable[[int], str],
        join_secret: bytes,
    ):
        self.store = store
        self.boards = boards
        self.publisher = publisher
        self.clock = clock
        self.new_id = new_id
        # join codes are derived from the conference id with this secret, never stored:
        # the store keeps only their hash for the lookup
        self.join_secret = join_secret
        # the same id always gives the same code: worked out once per conference (every
        # snapshot carries it; a storm of 2,000 snapshots spent 5 % of its time on the HMAC)
        self.join_code_of = functools.lru_cache(maxsize=4096)(self._join_code_of)

    # --- join codes ---------------------------------------------------------------------

    def _join_code_of(self, conference_id: str) -> str:
        digest = hmac.new(self.join_secret, f"join-code:{conference_id}".encode(), hashlib.sha256).digest()
        n = int.from_bytes(digest[:12], "big")
        out = ""
        for _ in range(v.JOIN_CODE_LENGTH):
            n, r = divmod(n, len(v.JOIN_CODE_ALPHABET))
            out += v.JOIN_CODE_ALPHABET[r]
        return out

    def code_hash(self, code: str) -> str:
        """What the store keeps of a join code: an HMAC keyed with the join secret, so a
        copied database alone gives up no code (a plain SHA-256 of 8 characters from 31 is
        undone in about a day on one core). Boards made before this keep their plain hash
        until retention deletes them; join() looks for both."""
        return hmac.new(self.join_secret, f"join-code-lookup:{code}".encode(), hashlib.sha256).hexdigest()

    def conference_of_code(self, join_code: Any) -> str:
        """The conference a join code opens, or the refusal a person reads: checked before
        the join page asks anyone's name."""
        code = normalise_join_code(join_code)
        with storage():
            conference_id = None
            if code:
                conference_id = self.store.conference_by_code(self.code_hash(code))
                if conference_id is None:  # a board made before codes were keyed (see code_hash)
                    conference_id = self.store.conference_by_code(hash_token(code))
        if conference_id is None:
            raise DomainError(
                "not_found",
                "We couldn't find a conference with that code. Check the 8 characters on the screen and try again.",
            )
        if self.boards.board(conference_id).status == "closed":
            raise DomainError("closed", "This conference has finished, so it can't be joined.")
        return conference_id

    # --- tokens ---------------------------------------------------------------------------

    def authenticate(self, token: Any) -> tuple[str, str]:
        """(conference_id, member_id) for a live token, or an `unauthorized` refusal."""
        if not isinstance(token, str) or not 16 <= len(token) <= 128:
            raise DomainError("unauthorized", "This link is not valid. Please ask the chair for a new one.")
        with storage():
            found = self.store.member_by_token(hash_token(token))
        if found is None:
            raise DomainError(
                "unauthorized", "This link is no longer valid. Please ask the chair for a new one."
            )
        return found

    def authenticate_facilitator(self, token: Any, conference_id: str) -> str:
        found_conference, member_id = self.authenticate(token)
        if found_conference != conference_id:
            raise DomainError("forbidden", "This link belongs to a different conference.")
        if self.boards.board(conference_id).members[member_id]["kind"] != v.MemberKind.FACILITATOR:
            raise DomainError("forbidden", "Only the chair can do that.")
        return member_id

    def new_link_token(self, conference_id: str, kind: str) -> str:
        """A fresh token for the chair ("facilitator": the console on another device) or the
        projector ("display": the first link is only shown at creation). Earlier ones go on
        working."""
        board = self.boards.board(conference_id)
        member = next(
            (m for m in board.members.values() if m["kind"] == kind and m["status"] != v.Status.REMOVED), None
        )
        if member is None:
            raise DomainError("conflict", "The projector was removed from this conference.")
        token = self.new_id(32)
        with storage():
            self.store.add_token(conference_id, hash_token(token), member["member_id"])
        return token

    def cancel_links(self, conference_id: str, who: str) -> dict[str, str]:
        """A leaked chair's or projector link cancelled: the chair's and the projector's
        earlier tokens all stop working at once, their open screens are cut on every
        process, and each gets one new token (returned) for the owner to open again."""
        with self.boards.lock(conference_id):
            board = self.boards.board(conference_id)
            fresh = {}
            for member in board.members.values():
                if (
                    member["kind"] in (v.MemberKind.FACILITATOR, v.MemberKind.DISPLAY)
                    and member["status"] != v.Status.REMOVED
                ):
                    token = self.new_id(32)
                    with storage():
                        self.store.replace_tokens(conference_id, member["member_id"], hash_token(token))
                    self.publisher.disconnect_member(conference_id, member["member_id"], "link_cancelled")
                    fresh[member["kind"]] = token
        self.audit(conference_id, N_("cancelled the chair's and projector links"), who)
        return fresh

    # --- the owner's boards -----------------------------------------------------------------

    def owns(self, username: str | None, conference_id: str) -> bool:
        with storage():
            return bool(username) and conference_id in self.store.conferences_of(username or "")

    def conferences_of(self, username: str) -> list[dict]:
        """The facilitator's conferences, newest first, as a list to choose from."""
        with storage():
            ids = self.store.conferences_of(username)
        out = []
        for cid in ids:
            try:
                board = self.boards.board(cid)
            except DomainError:
                continue
            conf = board.conference
            row = {k: conf[k] for k in ("id", "title", "kind", "status", "created_at")}
            row.update(
                family_copy=bool(v.meeting_kind(conf)["family"]),
                family_languages=family_languages(board.members.values()),
                children=[c["name"] for c in conf.get("children") or []],
                next_meeting=(conf.get("decision") or {}).get("next_meeting"),
                review_of=(conf.get("previous") or {}).get("conference_id"),
                meeting_at=conf.get("meeting_at"),
                reports_due=conf.get("reports_due"),
            )
            out.append(dict(row, join_code=self.join_code_of(cid)))
        return sorted(out, key=lambda c: c["created_at"], reverse=True)

    # --- the access record (separate from the board's log) -----------------------------------

    def audit(self, conference_id: str | None, what: str, who: str, **detail: Any) -> None:
        """Record who did what; never a token, a password or a board's text."""
        try:
            self.store.audit(conference_id, {"at": self.clock(), "what": what, "who": who, **detail})
        except StoreUnavailable:
            log.warning("audit entry could not be written: %s", what)

    def audit_of(self, conference_id: str) -> list[dict]:
        with storage():
            return self.store.audit_of(conference_id)


# who did it, when the record names no person nor account: the code's own phrases
CHAIR_LINK = N_("the chair (with the chair's link)")
THE_CHAIR = N_("the chair")
IDENTITY_PROVIDER = N_("identity provider")
NOT_A_NAME = frozenset({CHAIR_LINK, THE_CHAIR, IDENTITY_PROVIDER})


def in_words(entries: list[dict], tag: str) -> list[dict]:
    """The access record as a reader sees it: each entry with `what_words`, its `what` (a
    fixed phrase the code wrote, marked N_ where it is written) in the reader's language,
    and `who_words`, who did it (a name as given; the code's own phrase for the chair's
    link or the identity provider in the reader's language); `what` and `who` stay as
    written, the record's own words."""
    said = i18n.translations(tag).gettext
    return [
        {
            **e,
            "what_words": said(e["what"]),
            "who_words": said(e["who"]) if e.get("who") in NOT_A_NAME else e.get("who"),
        }
        for e in entries
    ]


def family_languages(members: Any) -> list[str]:
    """The languages the family chose on their phones, most chosen first (English, the
    minutes' own language, is always offered anyway and not listed)."""
    counts: dict[str, int] = {}
    for m in members:
        chosen = m.get("language")
        if (
            chosen
            and chosen != v.SOURCE_LANGUAGE
            and v.is_family_side(m.get("role"))
            and m["status"] != v.Status.REMOVED
        ):
            counts[chosen] = counts.get(chosen, 0) + 1
    return sorted(counts, key=lambda tag: (-counts[tag], tag))
