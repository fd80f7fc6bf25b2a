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


def clean_text(value: Any, label: str, max_len: int, required: bool = True) -> str | None:
    """Strip text and check it; None (or empty when optional) means 'not given'."""
    if value is None:
        if required:
            raise invalid(f"Please write the {label}.")
        return None
    if not isinstance(value, str):
        raise invalid(f"The {label} must be text.")
    text = value.strip()
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
