"""Checking the shape and values of what a client sent; every failure is an `invalid` refusal."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

from .errors import DomainError

ID_RE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
_MISSING = object()


def invalid(message: str) -> DomainError:
    return DomainError("invalid", message)


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
            raise invalid(f"Please write the {label}.")
        return None
    if not isinstance(value, str):
        raise invalid(f"The {label} must be text.")
    if broken_character(value):
        raise invalid(
            f"The {label} contains a broken character (for example half of an emoji); please retype it."
        )
    # one form for the same words: é typed as one character or as e + accent is stored alike
    text = unicodedata.normalize("NFC", value).strip()
    if not text:
        if required:
            raise invalid(f"Please write the {label}; it cannot be empty.")
        return None
    for ch in text:
        if ch not in "\n\t" and unicodedata.category(ch) == "Cc":
            raise invalid(f"The {label} contains a hidden control character; please retype it.")
    if len(text) > max_len:
        raise invalid(f"The {label} is too long: at most {max_len} characters, this has {len(text)}.")
    return text


def required_text(value: Any, label: str, max_len: int) -> str:
    text = clean_text(value, label, max_len, required=True)
    assert text is not None
    return text


def check_id(value: Any, label: str) -> str:
    if not isinstance(value, str) or not ID_RE.match(value):
        raise invalid(f"The {label} must be 1 to 64 letters, digits, '-' or '_'.")
    return value


def check_choice(value: Any, choices, label: str, nullable: bool = False) -> Any:
    if value is None and nullable:
        return None
    if not isinstance(value, str) or value not in choices:
        raise invalid(f"'{value}' is not a known {label}.")
    return value


def check_bool(value: Any, label: str) -> bool:
    if not isinstance(value, bool):
        raise invalid(f"The {label} setting must be true or false.")
    return value


def check_int(value: Any, label: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise invalid(f"The {label} must be a whole number from {low} to {high}.")
    return value


def check_date(value: Any, label: str) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise invalid(f"The {label} must be a date like 2026-12-31.")
    try:
        return dt.date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise invalid(f"The {label} must be a date like 2026-12-31.") from None


class Payload:
    """A command payload: a dict whose keys are all known to the command."""

    def __init__(self, payload: Any, allowed: tuple[str, ...]):
        if payload is None:
            payload = {}
        if not isinstance(payload, dict):
            raise invalid("The payload must be an object.")
        unknown = sorted(str(k) for k in payload if k not in allowed)
        if unknown:
            raise invalid(f"Unknown field(s): {', '.join(unknown)}.")
        self.data = payload

    def has(self, key: str) -> bool:
        return key in self.data

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)

    def require(self, key: str, label: str) -> Any:
        value = self.data.get(key, _MISSING)
        if value is _MISSING or value is None:
            raise invalid(f"The {label} is missing.")
        return value
