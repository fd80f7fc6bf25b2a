"""The language a copy of the minutes speaks: `speaking(tag)` around building and
rendering one copy, its gettext (`_`, `ngettext`, `pgettext`), and dates in words."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from babel.dates import format_date
from babel.numbers import format_decimal

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


# Bidi isolation of the values put into a sentence (static/js/i18n.js does the same on the
# screens): a name or a place typed in English inside an Arabic sentence is kept in one
# piece, never split around the sentence's words ("2 Church St (room 3)": the number would
# follow the Arabic before it, the bracket would go to the far side). A value holding
# letters of the other direction than the copy's is wrapped in LRI or RLI, its own
# direction from its first letter (looking inside values already isolated, so an Arabic
# phrase holding an English place stays Arabic), and closed by PDI. Everything else
# (numbers, "10:00", the copy's own words, names in its own script) is put in as it is.
LRI, RLI, PDI = "\u2066", "\u2067", "\u2069"
ISOLATES = (LRI, RLI, "\u2068", PDI)


def _directions(text: str) -> list[str]:
    kinds = (unicodedata.bidirectional(ch) for ch in text)
    return [{"L": "ltr", "R": "rtl", "AL": "rtl"}[k] for k in kinds if k in ("L", "R", "AL")]


def _put(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    letters = _directions(value)
    if all(d == i18n.direction(_LANGUAGE.get()) for d in letters):
        return value
    return (RLI if letters[0] == "rtl" else LRI) + value + PDI


def _(message: str, **values: Any) -> str:
    """The message in the copy's language, with {named} values put in after translating,
    each isolated (bidi) where it could be read in the other direction."""
    text = i18n.translations(_LANGUAGE.get()).gettext(message) if message else message
    return text.format(**{k: _put(val) for k, val in values.items()}) if values else text


def pgettext(context: str, message: str) -> str:
    """A message whose English is ambiguous, told apart by its context ("Copy" the noun)."""
    return str(i18n.translations(_LANGUAGE.get()).pgettext(context, message))


def ngettext(singular: str, plural: str, n: int, **values: Any) -> str:
    text = i18n.translations(_LANGUAGE.get()).ngettext(singular, plural, n)
    return text.format(n=n, **{k: _put(val) for k, val in values.items()})


def long_date(iso: str | dt.date | None) -> str:
    """2026-12-12 → Saturday 12 December 2026 (no ISO dates for people to decode), in the
    copy's language through Babel: dydd Sadwrn 12 Rhagfyr 2026, sobota 12 grudnia 2026."""
    if not iso:
        return ""
    day = iso if isinstance(iso, dt.date) else dt.date.fromisoformat(iso)
    return format_date(day, "EEEE d MMMM y", locale=i18n.locale_of(_LANGUAGE.get()))


def number(n: float | int) -> str:
    """4.5 as the copy's language writes it: 4,5 in Polish (static/js/sentences.js `number`
    does the same on the screens); a whole number stays whole (5.0 → 5)."""
    return format_decimal(n, locale=i18n.locale_of(_LANGUAGE.get()))
