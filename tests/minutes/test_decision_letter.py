"""The chair's decision letter: one page for the parents, the day of the meeting,
in their language where the letter's own words go; nothing from the closed session."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from babel.dates import format_date
from docx import Document
from pypdf import PdfReader

from conference import i18n
from conference.minutes import speaking
from conference.minutes.letter import build_letter
from conference.minutes.letter_render import render_letter

from .scenario import PRIVATE_TEXTS, SECRET_REASONS, rich_conference

FIRST_CORE_GROUP = dt.date(2026, 12, 10)
# the letter's headings, as msgids: the Welsh letter must show the cy catalogue's words
HEADINGS = (
    "The conference's decision",
    "The decision for each child",
    "What happens next",
    "Who to contact",
    "If you disagree",
)


def squash(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def sim():
    return rich_conference()


def letter(sim, lang: str, fmt: str, how_to_disagree: str | None = None) -> bytes:
    with speaking(lang):
        model = build_letter(sim.board, sim.log, "2026-11-27T12:00:00Z", how_to_disagree=how_to_disagree)
        return render_letter(model, fmt)


def pdf_text(data: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(data))
    return len(reader.pages), squash(" ".join(p.extract_text() for p in reader.pages))


def docx_text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return squash(" ".join([p.text for p in doc.paragraphs] + cells))


@pytest.fixture(scope="module")
def texts(sim):
    out = {}
    for lang in ("en", "cy"):
        pages, out[lang, "pdf"] = pdf_text(letter(sim, lang, "pdf"))
        assert pages == 1, f"the {lang} letter runs to {pages} pages"
        out[lang, "docx"] = docx_text(letter(sim, lang, "docx"))
    return out


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_the_english_letter_says_the_decision_for_each_child_and_what_happens_next(texts, fmt):
    text = texts["en", fmt]
    assert "Jo, 7: Child protection plan continues (Emotional abuse)" in text
    assert "Sky, 3: Child protection plan ends" in text
    assert "because of the shouting and drinking" in text  # why, as the chair typed it
    assert "Thursday 10 December 2026" in text  # the first core group, in words
    assert "Friday 26 February 2027" in text  # the next meeting
    assert "GP appointment for Jo" in text and "Łucja Wójcik" in text
    assert "Ioana Șerban (your lead social worker)" in text
    assert "If you disagree with the decision" in text
    assert not re.search(r"\b2026-12-10\b", text)


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_the_welsh_letter_has_the_welsh_headings_and_dates_and_the_people_s_words_as_typed(texts, fmt):
    text = texts["cy", fmt]
    welsh = i18n.translations("cy")
    for msgid in HEADINGS:
        said = welsh.gettext(msgid)
        assert said != msgid, f"{msgid!r} has no Welsh"
        assert squash(said) in text
    assert format_date(FIRST_CORE_GROUP, "EEEE d MMMM y", locale="cy") in text
    assert welsh.gettext("Child protection plan continues") in text
    assert "because of the shouting and drinking" in text  # the chair's words stay as typed


@pytest.mark.parametrize("lang", ["en", "cy"])
@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_nothing_from_the_closed_session_is_in_the_letter(texts, lang, fmt):
    for secret in PRIVATE_TEXTS + SECRET_REASONS:
        assert secret not in texts[lang, fmt]
        assert "PRIVATE" not in texts[lang, fmt]


def test_the_council_s_own_words_on_disagreeing_go_in_the_letter(sim):
    _, text = pdf_text(letter(sim, "en", "pdf", how_to_disagree="Ring 01234 567890."))
    assert "Ring 01234 567890." in text


def test_with_no_first_core_group_date_the_letter_says_so_plainly(sim):
    del sim.board.conference["decision"]["first_core_group"]
    try:
        for fmt, read in (("pdf", lambda b: pdf_text(b)[1]), ("docx", docx_text)):
            text = read(letter(sim, "en", fmt))
            assert "No date has been set yet for the first core group meeting." in text
            assert "Thursday 10 December 2026" not in text
    finally:
        sim.board.conference["decision"]["first_core_group"] = FIRST_CORE_GROUP.isoformat()


def test_a_long_plan_still_fits_one_page_and_arabic_reads_from_the_right(sim):
    model = None
    with speaking("ar"):
        model = build_letter(sim.board, sim.log, "2026-11-27T12:00:00Z")
        step = dict(model["next_steps"][0])
        model["next_steps"] = [dict(step, action=f"Step {n}: {step['action']}") for n in range(14)]
        data = render_letter(model, "pdf")
    pages, text = pdf_text(data)
    assert pages == 1
    assert "Step 13" in text
