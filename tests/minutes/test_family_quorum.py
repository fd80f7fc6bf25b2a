"""The family copy does not open with the quorum: "Quorum: Not quorate…" is the
professionals' record. The family copy says it last, in plain words, in every format and
language; the full copy keeps it in the meeting's details."""

from __future__ import annotations

import pytest

from conference import i18n
from conference.minutes import build_minutes
from conference.minutes.language import speaking

from .test_what_the_room_agreed import FORMATS, _meeting, _text

PLAIN_NOT_MET = (
    "Not enough agencies were there for the meeting to make decisions on its own. "
    "Ask your social worker what this means for the decision."
)
PLAIN_MET = "Enough agencies were there for the meeting to make decisions."


def _model(s, copy: str, lang: str = "en-GB") -> dict:
    with speaking(lang):
        return build_minutes(s.board, s.log, copy, "2026-11-28T10:00:00Z")


def _in(lang: str, text: str) -> str:
    return i18n.translations(lang).gettext(text)


def _rendered(model: dict, fmt: str, lang: str) -> str:
    with speaking(lang):
        return " ".join(_text(model, fmt).split())


@pytest.mark.parametrize("lang", ["en-GB", "cy", "pl", "ar"])
@pytest.mark.parametrize("fmt", [f for f in FORMATS if f != "json"])
def test_the_family_copy_says_the_quorum_last_in_plain_words(fmt, lang):
    s = _meeting()  # an initial conference: 3 agencies needed, 2 there
    text = _rendered(_model(s, "family", lang), fmt, lang)
    quorum = _in(lang, "Quorum")
    not_quorate = _in(lang, "Not quorate: only {n} agency was there besides the family ({agencies})")
    assert quorum not in text.split(), fmt  # no "Quorum:" line among the meeting's details
    assert not_quorate.split("{")[0].strip() not in text, fmt
    plain = " ".join(_in(lang, PLAIN_NOT_MET).split())
    assert plain.split(".")[0] in text, (fmt, lang)
    # at the end: after the plan's heading, and after everything else the copy says
    assert text.index(plain.split(".")[0]) > text.index(_in(lang, "The plan")), fmt
    assert text.index(_in(lang, "Could the meeting make decisions?")) > text.index(_in(lang, "The decision"))


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f != "json"])
def test_the_full_copy_keeps_the_quorum_in_the_meetings_details(fmt):
    s = _meeting()
    text = _rendered(_model(s, "full"), fmt, "en-GB")
    assert "Quorum" in text and "Not quorate: only 2 agencies were there besides the family" in text, fmt
    assert PLAIN_NOT_MET.split(".")[0] not in text and "Could the meeting make decisions?" not in text, fmt
    # the meeting's details come before who was there
    assert text.index("Not quorate") < text.index("Who was there"), fmt


def test_a_quorate_meeting_says_so_plainly_to_the_family():
    s = _meeting()
    s.join("PC Lee", "police")
    model = _model(s, "family")
    assert model["quorum"]["met"] is True
    text = _rendered(model, "md", "en-GB")
    assert PLAIN_MET in text and "Quorate" not in text
    assert (
        "Agencies there besides the family:** Social worker, Health (nurse, doctor, health visitor), Police"
        in text
    )


def test_a_kind_with_no_quorum_says_nothing_of_it():
    s = _meeting()
    model = _model(s, "family")
    model["quorum"] = None  # a kind of meeting that names no quorum
    text = _rendered(model, "md", "en-GB")
    assert "Could the meeting make decisions?" not in text and "agencies" not in text.lower()
