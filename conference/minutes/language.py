"""The language a copy of the minutes speaks: `speaking(tag)` around building and
rendering one copy, its gettext (`_`, `ngettext`, `pgettext`), and dates in words."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from babel.dates import format_date

from .. import i18n

# The family copy can be made in any of the languages (docs/languages.md); the full copy
# stays in the council's language. Everything here speaks the language set by `speaking`,
# which the service holds around building and rendering one copy. People's words are never
# translated: only what the minutes themselves say.
_LANGUAGE: ContextVar[str] = ContextVar("minutes_language", default=i18n.SOURCE)


@contextmanager
def speaking(tag: str) -> Iterator[None]:
    token = _LANGUAGE.set(tag)
    try:
        yield
    finally:
        _LANGUAGE.reset(token)


def language() -> str:
    return _LANGUAGE.get()


def _(message: str, **values: Any) -> str:
    """The message in the copy's language, with {named} values put in after translating."""
    text = i18n.translations(_LANGUAGE.get()).gettext(message) if message else message
    return text.format(**values) if values else text


def pgettext(context: str, message: str) -> str:
    """A message whose English is ambiguous, told apart by its context ("Copy" the noun)."""
    return str(i18n.translations(_LANGUAGE.get()).pgettext(context, message))


def ngettext(singular: str, plural: str, n: int, **values: Any) -> str:
    text = i18n.translations(_LANGUAGE.get()).ngettext(singular, plural, n)
    return text.format(n=n, **values)


def long_date(iso: str | dt.date | None) -> str:
    """2026-12-12 → Saturday 12 December 2026 (no ISO dates for people to decode), in the
    copy's language through Babel: dydd Sadwrn 12 Rhagfyr 2026, sobota 12 grudnia 2026."""
    if not iso:
        return ""
    day = iso if isinstance(iso, dt.date) else dt.date.fromisoformat(iso)
    return format_date(day, "EEEE d MMMM y", locale=i18n.locale_of(_LANGUAGE.get()))
