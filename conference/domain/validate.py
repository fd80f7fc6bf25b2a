"""Checking the shape and values of what a client sent; every failure is an `invalid` refusal."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

from .errors import N_, DomainError

ID_RE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
_MISSING = object()


# The app's own words a refusal puts into its sentence — a field's name ("The {label} is
# too long"), what was not found ({target}), the verb ({verb}: accept, reject) — the ones a
# person can meet from a screen: in the catalogue, so the sentence is said in one language
# (web/language.py translates the values named label, target and verb, never others).
FIELD_LABELS = (
    N_("text"),
    N_("name"),
    N_("reason"),
    N_("title"),
    N_("question"),
    N_("owner"),
    N_("person responsible"),
    N_("due"),
    N_("source"),
    N_("note"),
    N_("dissent"),
    N_("why"),
    N_("score"),
    N_("role"),
    N_("language"),
    N_("statement"),
    N_("safety goal"),
    N_("date"),
    N_("chair's name"),
    N_("child's age"),
    N_("who it was sent to"),
    N_("what to correct"),
    N_("does"),
    N_("agency"),
    N_("view on the decision"),
    N_("answer"),
    N_("children"),
    N_("safety network"),
    N_("kind of meeting"),
    N_("category of harm"),
    N_("way we heard the child"),
    N_("item"),
    N_("member"),
    N_("child"),
    N_("child's first name"),
    N_("question for the family"),
    N_("language of the family's wording"),
    N_("family's label for 0"),
    N_("family's label for 10"),
    N_("label for 0"),
    N_("label for 10"),
    N_("first core group date"),
    N_("next meeting place"),
    N_("next meeting date"),
    N_("lead social worker"),
    N_("outcome"),
    N_("decision"),
    N_("what they will do"),
    N_("kind of statement"),
    N_("present"),
    N_("accept"),
    N_("reject"),
    N_("correction"),
    N_("what it is about"),
    N_("scale"),
)


# The contract's own keys, named in a refusal as the contract spells them (only a client
# that sends a malformed message meets these): never translated.
PROTOCOL_WORDS = (
    "column",
    "conference id",
    "copy",
    "field",
    "format",
    "id",
    "item id",
    "lobby",
    "member id",
    "moderation",
    "private",
    "round id",
    "section",
    "statement id",
    "status",
    "version",
    "voice",
    "paused",
    "page",
    "family_wording",
    "observer_consent",
)


def invalid(message: str, **values: Any) -> DomainError:
    return DomainError("invalid", message, **values)


def is_noncharacter(ch: str) -> bool:
    """U+FDD0..U+FDEF and the last two code points of every plane (U+FFFE, U+FFFF, …)."""
    n = ord(ch)
    return 0xFDD0 <= n <= 0xFDEF or (n & 0xFFFE) == 0xFFFE


def broken_character(text: str) -> bool:
    """True when text holds a lone surrogate (half an emoji, as a browser's JSON.stringify
    can send) or a non-character: neither is text, and files such as Word refuse them."""
    for ch in text:
        n = ord(ch)
        if 0xD800 <= n <= 0xDFFF or is_noncharacter(ch):
            return True
    return False


def printable(text: str) -> bool:
    """No broken character and no control character: safe as a key anywhere."""
    return not broken_character(text) and not any(unicodedata.category(ch) == "Cc" for ch in text)


def _has_broken(value: Any, depth: int = 0) -> bool:
    if isinstance(value, str):
        return broken_character(value)
    if depth > 32:
        return False  # deeper than anything a client sends: refused elsewhere
    if isinstance(value, dict):
        return any(_has_broken(k, depth + 1) or _has_broken(x, depth + 1) for k, x in value.items())
    if isinstance(value, list | tuple):
        return any(_has_broken(x, depth + 1) for x in value)
    return False


def check_unicode(value: Any) -> None:
    """The edge check for a whole message (envelope, keys and every string in it)."""
    if _has_broken(value):
        raise invalid(
            "Part of what was sent is a broken character (for example half of an emoji). "
            "Please retype it and send it again."
        )


def clean_text(value: Any, label: str, max_len: int, required: bool = True) -> str | None:
    """Strip text and check it; None (or empty when optional) means 'not given'."""
    if value is None:
        if required:
            raise invalid("Please write the {label}.", label=label)
        return None
    if not isinstance(value, str):
        raise invalid("The {label} must be text.", label=label)
    if broken_character(value):
        raise invalid(
            "The {label} contains a broken character (for example half of an emoji); please retype it.",
            label=label,
        )
    # one form for the same words: é typed as one character or as e + accent is stored alike
    text = unicodedata.normalize("NFC", value).strip()
    if not text:
        if required:
            raise invalid("Please write the {label}; it cannot be empty.", label=label)
        return None
    for ch in text:
        if ch not in "\n\t" and unicodedata.category(ch) == "Cc":
            raise invalid("The {label} contains a hidden control character; please retype it.", label=label)
    if len(text) > max_len:
        raise invalid(
            "The {label} is too long: at most {max_len} characters, this has {count}.",
            label=label,
            max_len=max_len,
            count=len(text),
        )
    return text


def required_text(value: Any, label: str, max_len: int) -> str:
    text = clean_text(value, label, max_len, required=True)
    assert text is not None
    return text


def check_id(value: Any, label: str) -> str:
    if not isinstance(value, str) or not ID_RE.match(value):
        raise invalid("The {label} must be 1 to 64 letters, digits, '-' or '_'.", label=label)
    return value


def check_choice(value: Any, choices, label: str, nullable: bool = False) -> Any:
    if value is None and nullable:
        return None
    if not isinstance(value, str) or value not in choices:
        raise invalid("'{value}' is not a known {label}.", value=value, label=label)
    return value


def check_bool(value: Any, label: str) -> bool:
    if not isinstance(value, bool):
        raise invalid("The {label} setting must be true or false.", label=label)
    return value


def check_int(value: Any, label: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise invalid(
            "The {label} must be a whole number from {low} to {high}.", label=label, low=low, high=high
        )
    return value


def check_date(value: Any, label: str) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise invalid("The {label} must be a date like 2026-12-31.", label=label)
    try:
        return dt.date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise invalid("The {label} must be a date like 2026-12-31.", label=label) from None


class Payload:
    """A command payload: a dict whose keys are all known to the command."""

    def __init__(self, payload: Any, allowed: tuple[str, ...]):
        if payload is None:
            payload = {}
        if not isinstance(payload, dict):
            raise invalid("The payload must be an object.")
        unknown = sorted(str(k) for k in payload if k not in allowed)
        if unknown:
            raise invalid("Unknown field(s): {names}.", names=", ".join(unknown))
        self.data = payload

    def has(self, key: str) -> bool:
        return key in self.data

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)

    def require(self, key: str, label: str) -> Any:
        value = self.data.get(key, _MISSING)
        if value is _MISSING or value is None:
            raise invalid("The {label} is missing.", label=label)
        return value
