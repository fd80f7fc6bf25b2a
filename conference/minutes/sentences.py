"""The danger statement as one sentence, in the language its fields were typed in (the
screens build the same in static/js/sentences.js)."""

from __future__ import annotations

import re
from typing import Any

from .. import i18n
from ..domain.errors import N_
from .language import _, language

# What people often type into the builder's fields themselves, which the sentence already
# says around them ("are worried that", "does not agree"): dropped, so nothing reads twice.
# Only in a statement written in English, the language of these words.
_SAID_AROUND = {
    "who": re.compile(r"\s+(?:are|is)\s+(?:really\s+)?worried(?:\s+that)?\s*$", re.I),
    "behaviour": re.compile(r"^\s*(?:(?:are|is)\s+worried(?:\s+about)?\s+)?(?:that\s+)*", re.I),
    "impact": re.compile(r"^\s*(?:if\s+nothing\s+changes,?\s+)?", re.I),
    "disagreement": re.compile(r"\s+(?:does\s+not|do\s+not|doesn't|don't)\s+agree\.?\s*$", re.I),
}


def tidy_fields(s: dict[str, Any]) -> dict[str, Any]:
    """The statement's fields without the builder's own words typed again (see _SAID_AROUND);
    static/js/sentences.js tidyFields does the same."""
    out = dict(s)
    if (s.get("language") or i18n.SOURCE) != i18n.SOURCE:
        return out
    for key, pattern in _SAID_AROUND.items():
        if out.get(key):
            out[key] = pattern.sub("", out[key], count=1)
    return out


def labelled_fields(s: dict[str, Any]) -> str:
    """A statement typed in another language than the reader's: its fields, each labelled in
    the reader's language, never spliced into a sentence of the reader's connectors."""
    parts = [
        _(label, what=s[key])
        for key, label in (
            ("who", N_("Who is worried: {what}")),
            ("behaviour", N_("What they are worried about: {what}")),
            ("impact", N_("If nothing changes: {what}")),
            ("text", "{what}"),
            ("disagreement", N_("Who does not agree: {what}")),
        )
        if s.get(key)
    ]
    return " · ".join(parts)


def danger_sentence(s: dict[str, Any]) -> str:
    """The danger statement read as one sentence, built only in the language its fields were
    typed in (the screens build the same in sentences.js); in any other language the reader
    gets the fields labelled in theirs."""
    written = s.get("language") or i18n.SOURCE
    s = tidy_fields(s)
    if written != language():
        return labelled_fields(s)
    who = (s.get("who") or "").strip()
    # re.A: word boundaries as the browser's JavaScript draws them (static/js/sentences.js)
    plural = bool(
        re.search(r"\band\b|,|&|^(we|they|the police|police|professionals|everyone)\Z", who, re.I | re.A)
    )
    parts = []
    if who or s.get("behaviour"):
        # the sentence puts its own full stop: one typed at the end is not said twice
        what = re.sub(r"[.!?]+\s*$", "", s.get("behaviour") or "…") or "…"
        values = {"who": who or "…", "what": what}
        parts.append(
            _("{who} are worried that {what}.", **values)
            if plural
            else _("{who} is worried that {what}.", **values)
        )
    if s.get("impact"):
        impact = _("If nothing changes, {what}", what=s["impact"])
        parts.append(impact if impact[-1] in ".!?" else impact + ".")
    if s.get("text"):
        parts.append(s["text"])
    if s.get("disagreement"):
        parts.append(_disagreeing(s["disagreement"]))
    sentence = " ".join(parts)
    return sentence[:1].upper() + sentence[1:]


def _disagreeing(words: str) -> str:
    """ "Dad does not agree." — or, when the words already say it ("Mark disagrees", "Anna
    and Mark don't agree that…"), those words as their own sentence (sentences.js too)."""
    if re.search(r"\b(dis)?agree(s|d)?\b", words, re.I | re.A):
        return words if words[-1] in ".!?" else words + "."
    if re.search(r"\band\b|,|&", words, re.I | re.A):
        return _("{who} do not agree.", who=words)
    return _("{who} does not agree.", who=words)
