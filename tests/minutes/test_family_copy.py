"""The family copy a chair hands a parent the same day: page 1 says what was decided and
what happens next, the type is 12 pt (16 in large print), and dates read as words."""

from __future__ import annotations

import io
import re

import pytest
from docx import Document
from pypdf import PdfReader

from conference.minutes import build_minutes, render

from .scenario import rich_conference

ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


@pytest.fixture(scope="module")
def family():
    sim = rich_conference()
    model = build_minutes(
        sim.board, sim.log, "family", "2026-11-27T12:00:00Z", how_to_disagree="Ring 01234 567890."
    )
    return {
        (fmt, large): render(model, fmt, large=large)
        for fmt in ("pdf", "docx", "html", "md")
        for large in (False, True)
    }


def pdf_runs(data: bytes) -> list[tuple[int, float, str]]:
    """(page, font size in points, text) for every piece of text on every page."""
    out = []
    for n, page in enumerate(PdfReader(io.BytesIO(data)).pages, 1):

        def visit(text, cm, tm, font, size, n=n):
            if text.strip():
                out.append((n, round(size * (tm[0] or 1) * (cm[0] or 1), 1), text))

        page.extract_text(visitor_text=visit)
    return out


def test_page_one_holds_the_decision_the_worries_and_what_happens_next(family):
    reader = PdfReader(io.BytesIO(family["pdf", False]))
    first = " ".join(reader.pages[0].extract_text().split())
    assert "In short: what was decided and what happens next" in first
    assert "Jo, 7: Child protection plan continues (Emotional abuse)" in first
    assert "Sky, 3: Child protection plan ends" in first
    assert "Worry 1: The school and Ioana are worried that Dad shouts" in first
    assert "GP appointment for Jo Łucja Wójcik Friday 4 December 2026" in first
    assert "Next meeting: Friday 26 February 2027" in first
    assert "Ioana Șerban (your lead social worker)" in first
    assert "Ring 01234 567890." in first  # the council's own words on disagreeing
    # the long record comes after: the columns start on page 2
    assert "What are we worried about?" not in first
    doc = Document(io.BytesIO(family["docx", False]))
    texts = [p.text for p in doc.paragraphs]
    summary = texts.index("In short: what was decided and what happens next")
    assert summary < texts.index("What are we worried about?")
    assert any(t == "Jo, 7: Child protection plan continues (Emotional abuse)" for t in texts[summary:])


@pytest.mark.parametrize("large, body", [(False, 12), (True, 16)])
def test_body_text_is_12_pt_or_16_in_large_print(family, large, body):
    runs = pdf_runs(family["pdf", large])
    # everything but the running header (title and date) and the page numbers
    page_furniture = re.compile(r"^(Review for A — .*|Page \d+ of \d+)$")
    sizes = {size for _, size, text in runs if not page_furniture.match(text.strip())}
    assert min(sizes) >= body, sorted(sizes)
    doc = Document(io.BytesIO(family["docx", large]))
    assert doc.styles["Normal"].font.size.pt == body
    explicit = [r.font.size.pt for p in doc.paragraphs for r in p.runs if r.font.size is not None]
    assert all(size >= body for size in explicit)
    assert ("font-size: 16pt" in family["html", large].decode()) is large


def test_no_iso_dates_no_median_and_no_working_state_headings(family):
    pdf = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(family["pdf", False])).pages)
    doc = Document(io.BytesIO(family["docx", False]))
    docx = "\n".join(
        [p.text for p in doc.paragraphs] + [c.text for t in doc.tables for r in t.rows for c in r.cells]
    )
    for text in (pdf, docx, family["md", False].decode()):
        assert ISO_DATE.search(text) is None, ISO_DATE.search(text)
        assert "median" not in text.lower() and "Not sorted" not in text
        assert "Nothing was added here" not in text  # no empty headings in the family's copy
    assert "middle score" in pdf
