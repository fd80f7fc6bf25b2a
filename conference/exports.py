"""The minutes as files: each copy, format and language built from the board and its whole
log, every export and every copy sent written in the access record."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from . import i18n
from .access import THE_CHAIR, Access
from .board_cache import BoardCache
from .domain import vocabulary as v
from .domain.errors import N_, DomainError
from .domain.validate import check_choice, required_text
from .minutes import FORMATS, build_minutes, file_name, render, speaking
from .minutes.letter import FORMATS as LETTER_FORMATS
from .minutes.letter import build_letter
from .minutes.render import later
from .plain_language import check_minutes, check_reports


class Exports:
    def __init__(self, boards: BoardCache, access: Access, clock: Callable[[], str]):
        self.boards = boards
        self.access = access
        self.clock = clock

    def minutes(
        self,
        conference_id: str,
        copy: str,
        fmt: str,
        tz_name: str,
        who: str = THE_CHAIR,
        large: bool = False,
        how_to_disagree: str | None = None,
        language: str | None = None,
    ) -> tuple[bytes, str]:
        """The minutes as a file (bytes, file name), built from the board and its whole log.
        The family copy can be made in any of the languages; the full copy stays in the
        council's language."""
        language = _check_request(copy, fmt, language)
        board, events = self.boards.board_and_log(conference_id)
        kind = v.meeting_kind(board.conference)
        if copy == "family" and not kind["family"]:
            raise DomainError(
                "invalid",
                "A {label} is for professionals only: it has no family copy.",
                label=kind["label"].lower(),
            )
        self.access.audit(
            conference_id,
            N_("exported the minutes"),
            who,
            copy=copy,
            format=fmt + (" (large print)" if large else ""),
            **({"language": language} if language != i18n.SOURCE else {}),
        )
        access = self.access.audit_of(conference_id) if copy == "full" else None
        with speaking(language):
            model = build_minutes(
                board,
                events,
                copy,
                self.clock(),
                tz_name,
                access=access,
                how_to_disagree=how_to_disagree,
            )
            body = render(model, fmt, large=large)
        return body, file_name(board, copy, fmt, tz_name, language)

    def letter(
        self,
        conference_id: str,
        fmt: str,
        tz_name: str,
        who: str = THE_CHAIR,
        how_to_disagree: str | None = None,
        language: str | None = None,
    ) -> tuple[bytes, str]:
        """The chair's decision letter to the family (bytes, file name): one page, PDF or
        Word, in the family's language; only what the family copy holds."""
        if fmt not in LETTER_FORMATS:
            raise DomainError(
                "not_found",
                "The decision letter can be made as {names}; not as '{fmt}'.",
                names=", ".join(LETTER_FORMATS),
                fmt=fmt,
            )
        language = _check_request("family", "pdf", language)
        board, events = self.boards.board_and_log(conference_id)
        kind = v.meeting_kind(board.conference)
        if not kind["family"]:
            raise DomainError(
                "invalid",
                "A {label} is for professionals only: it has no letter to the family.",
                label=kind["label"].lower(),
            )
        self.access.audit(
            conference_id,
            N_("exported the decision letter"),
            who,
            format=fmt,
            **({"language": language} if language != i18n.SOURCE else {}),
        )
        with speaking(language):
            model = build_letter(board, events, self.clock(), tz_name, how_to_disagree=how_to_disagree)
            body = later("letter_render", "render_letter")(model, fmt)
        return body, file_name(board, "letter", fmt, tz_name, language)

    def previous_minutes(self, owner: str | None, conference_id: Any, tz_name: str) -> dict:
        """The full minutes (as the JSON export) of an ended board this facilitator owns."""
        if not isinstance(conference_id, str) or owner is None or not self.access.owns(owner, conference_id):
            raise DomainError("invalid", "We couldn't find that earlier conference among your boards.")
        board = self.boards.board(conference_id)
        if board.status != "closed":
            raise DomainError(
                "invalid", "A review starts from a conference that has ended. End that one first."
            )
        data, _ = self.minutes(conference_id, "full", "json", tz_name, who="the chair, to start a review")
        return json.loads(data)

    def plain_language_check(self, conference_id: str, copy: str, tz_name: str) -> list[dict]:
        """Every flagged term in what this copy's readers will read (the family copy, usually;
        `reports`: what the family reads of the reports before the meeting)."""
        if copy == "reports":
            return check_reports(self.boards.board(conference_id))
        if copy not in ("full", "family"):
            raise DomainError("invalid", "The copy must be 'full' or 'family'.")
        board, events = self.boards.board_and_log(conference_id)
        return check_minutes(build_minutes(board, events, copy, self.clock(), tz_name))

    def record_distribution(self, conference_id: str, who: str, copy: Any, fmt: Any, recipient: Any) -> None:
        """Log in the access record that a copy went to someone (never the file itself)."""
        self.boards.board(conference_id)  # the board must exist
        copy = check_choice(copy, ("full", "family"), "copy")
        fmt = check_choice(fmt, FORMATS, "format")
        recipient = required_text(recipient, "who it was sent to", v.MAX_NAME * 2)
        self.access.audit(conference_id, N_("sent the minutes"), who, copy=copy, format=fmt, to=recipient)


def _check_request(copy: str, fmt: str, language: str | None) -> str:
    """The refusals of a copy, format or language the minutes can't be made in; the
    language to make them in."""
    if fmt not in FORMATS:
        raise DomainError(
            "not_found",
            "Minutes can be made as {names}; not as '{fmt}'.",
            names=", ".join(FORMATS),
            fmt=fmt,
        )
    if copy not in ("full", "family"):
        raise DomainError("invalid", "The copy must be 'full' or 'family'.")
    language = language or i18n.SOURCE
    if language not in i18n.LANGUAGES:
        names = ", ".join(f"{name} ({tag})" for tag, (name, _) in i18n.LANGUAGES.items())
        raise DomainError(
            "invalid",
            "The minutes can be made in {names}; not in '{language}'.",
            names=names,
            language=language,
        )
    if copy == "full" and language != i18n.SOURCE:
        raise DomainError(
            "invalid",
            "The full record stays in the council's language; the family copy can be made in another.",
        )
    return language
