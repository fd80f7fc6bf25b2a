"""Every format, parsed back: headings, items, scores, names, the plan; nothing private or hidden."""

from __future__ import annotations

import html
import io
import json
import os
import re
import shutil
import subprocess

import pytest
from docx import Document
from pypdf import PdfReader

from conference.domain.previous_minutes import MINUTES_VERSION
from conference.minutes import build_minutes, render

from .scenario import (
    PENDING_TEXT,
    PRIVATE_TEXTS,
    REJECTED_TEXT,
    SCRIPT,
    SECRET_REASONS,
    review_conference,
    rich_conference,
)

NAMES = ["Łucja Wójcik", "Ioana Șerban", "Олена", "Nain Jones", "Dr Okafor"]
HEADINGS = [
    "Who was there",
    "The children and their safety network",
    "What are we worried about?",
    "What's working well?",
    "What needs to happen?",
    "What the children told us",
    "Danger statements and safety goals",
    "Where are we? Scaling from 0 to 10",
    "The decision",
    "The plan",
]
REVEALED = [
    ("Things are calmer since the summer", 7),
    ("Two incidents this month", 3),
    ("I see them every day", 8),
]


@pytest.fixture(scope="module")
def sim():
    return rich_conference()


@pytest.fixture(scope="module")
def files(sim):
    out = {}
    for copy in ("full", "family"):
        m = build_minutes(sim.board, sim.log, copy, "2026-11-27T12:00:00Z")
        for fmt in ("md", "json", "html", "docx", "pdf"):
            out[copy, fmt] = render(m, fmt)
    return out


def docx_text(data: bytes) -> tuple[str, list[tuple[str, str]], list[list[list[str]]]]:
    doc = Document(io.BytesIO(data))
    paragraphs = [(p.style.name, p.text) for p in doc.paragraphs]
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in doc.tables]
    header = doc.sections[0].header.paragraphs[0].text
    footer_xml = doc.sections[0].footer._element.xml
    text = "\n".join(t for _, t in paragraphs) + "\n" + "\n".join("\t".join(r) for t in tables for r in t)
    return text + "\n" + header + "\n" + footer_xml, paragraphs, tables


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def text_of(files, copy, fmt) -> str:
    data = files[copy, fmt]
    if fmt == "docx":
        return docx_text(data)[0]
    if fmt == "pdf":
        return pdf_text(data)
    if fmt == "html":
        return html.unescape(data.decode())  # what a reader sees
    return data.decode()


@pytest.mark.parametrize("fmt", ["md", "html", "docx", "pdf", "json"])
def test_every_format_holds_the_whole_record(files, fmt):
    text = text_of(files, "full", fmt)
    flat = " ".join(text.split())
    for heading in HEADINGS if fmt != "json" else []:  # JSON is data: its keys are checked below
        assert heading in flat, heading
    for name in NAMES:
        assert name in text, name
    for reason, score in REVEALED:
        if fmt == "json":
            scores = [s for r in json.loads(text)["scaling"] for s in r.get("scores", [])]
            assert {"score": score, "reason": reason} in [
                {k: s[k] for k in ("score", "reason")} for s in scores
            ]
        elif fmt == "pdf":  # a PDF wraps a long reason inside its cell: the score comes just before it
            assert f"{score} {reason}" in flat, reason
        else:  # the score and its reason stand on one row
            rows = [line for line in text.splitlines() if reason in line]
            assert any(re.search(rf"(^|[^0-9]){score}([^0-9]|$)", row.replace(reason, "")) for row in rows), (
                reason
            )
    for item in (
        "Gran takes the children when Dad has been drinking",
        "I hide under my bed when Dad shouts",
        "GP appointment for Jo",
    ):
        assert item in flat
    for secret in SECRET_REASONS:
        assert secret not in text
    # items the chair never accepted are not part of the board, only of the record of changes
    board_part = (
        text.split("Record of every change")[0] if fmt != "json" else json.dumps(json.loads(text)["columns"])
    )
    for unaccepted in (PENDING_TEXT, REJECTED_TEXT):
        assert unaccepted not in board_part
        assert unaccepted in flat
    assert "PRIVATE police intelligence" in flat  # the full copy keeps the closed session


@pytest.mark.parametrize("fmt", ["md", "html", "docx", "pdf", "json"])
def test_the_family_copy_holds_nothing_private(files, fmt):
    text = text_of(files, "family", fmt)
    for private in PRIVATE_TEXTS + SECRET_REASONS + [PENDING_TEXT, REJECTED_TEXT]:
        assert private not in text
    assert "does not include the part of the meeting the professionals held in private" in " ".join(
        text.split()
    )
    assert "Record of every change" not in text


def test_docx_has_real_headings_tables_and_page_numbers(files):
    text, paragraphs, tables = docx_text(files["full", "docx"])
    headings = [t for style, t in paragraphs if style == "Heading 1"]
    assert headings[: len(HEADINGS)] == HEADINGS and "Record of every change" in headings
    assert any(style == "Title" and "Review for A" in t for style, t in paragraphs)
    assert tables[0][0] == ["Name", "Role", "Attendance", "Joined"]
    assert ["Dr Okafor", "Health (nurse, doctor, health visitor)", "Apologies", ""] in tables[0]
    plan = next(t for t in tables if t[0] == ["Action", "Who", "By when"])
    assert plan[1:] == [
        ["GP appointment for Jo", "Łucja Wójcik", "Friday 4 December 2026"],
        ["Dad to start the alcohol service", "Dad", "Friday 18 December 2026"],
    ]
    scores = next(t for t in tables if t[0] == ["Name", "Role", "Score", "Why"])
    assert ["Ioana Șerban", "Social worker", "3", "Two incidents this month"] in scores
    assert "Review for A — Friday 27 November 2026" in text  # the header
    assert "PAGE" in text and "NUMPAGES" in text  # page-number fields in the footer


def test_pdf_prints_every_name_as_written(files):
    text = pdf_text(files["full", "pdf"])
    assert "?" not in "".join(ch for name in NAMES for ch in name if ch not in text)
    for name in NAMES:
        assert name in text
    assert "Page 1 of" in text
    assert SCRIPT.split(" Dad")[0] in text  # the script tag is plain text in a PDF


def test_html_and_markdown_escape_what_was_typed(files):
    html = files["full", "html"].decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    md = files["full", "md"].decode()
    assert "<script>" not in md
    assert (
        "&lt;script&gt;alert('x')&lt;/script&gt; Dad \\*shouts\\* \\[at\\] \\_night\\_ &amp; breaks things"
        in md
    )


def keys_of(value) -> set[str]:
    """Every key of every object in a JSON document, however deep."""
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in keys_of(v)}
    if isinstance(value, list):
        return {k for v in value for k in keys_of(v)}
    return set()


def test_json_is_the_documented_model(files):
    model = json.loads(files["full", "json"])
    assert model["format"] == "conference-minutes" and model["version"] == MINUTES_VERSION == 2
    with open(os.path.join(os.path.dirname(__file__), "..", "..", "docs", "minutes.md")) as f:
        documented = f.read()
    assert f"`version: {MINUTES_VERSION}`" in documented
    for key in keys_of(model):
        assert f"{key}" in documented, key
    # the top-level keys and the ones a review reads are each named in backticks
    for key in model:
        assert f"`{key}`" in documented, key


def test_pdf_pages_render_to_png_for_a_person_to_look_at(files, screenshots):
    if shutil.which("pdftoppm") is None:
        if os.environ.get("CI") or os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail("pdftoppm is missing (Debian package poppler-utils)")
        pytest.skip("pdftoppm is not installed")
    for copy in ("full", "family"):
        path = os.path.join(screenshots, f"minutes-{copy}.pdf")
        with open(path, "wb") as f:
            f.write(files[copy, "pdf"])
        subprocess.run(["pdftoppm", "-r", "70", "-png", "-f", "1", "-l", "3", path, path[:-4]], check=True)
        pages = [
            p for p in os.listdir(screenshots) if p.startswith(f"minutes-{copy}-") and p.endswith(".png")
        ]
        assert len(pages) >= 2


# --- a review: since the last conference, scores over time, the decision per child -----


@pytest.fixture(scope="module")
def review_files():
    s = review_conference()
    out = {}
    for copy in ("full", "family"):
        m = build_minutes(s.board, s.log, copy, "2027-02-26T12:00:00Z")
        for fmt in ("md", "html", "docx", "pdf"):
            out[copy, fmt] = render(m, fmt)
    return out


def squash(text: str) -> str:
    """One space for any run of white space: a PDF wraps lines where it likes."""
    return re.sub(r"\s+", " ", text)


def test_the_review_minutes_say_what_changed_since_last_time_in_docx(review_files):
    text, paragraphs, tables = docx_text(review_files["full", "docx"])
    headings = [t for style, t in paragraphs if style == "Heading 1"]
    assert "Since the last conference" in headings and "Scores over time" in headings
    assert headings.index("Since the last conference") < headings.index("Danger statements and safety goals")
    statements = next(t for t in tables if t[0] == ["Danger statement", "Since last time", "Why"])
    assert statements[1][0].startswith("The school and Ioana are worried that Dad shouts")
    assert statements[1][1:] == ["Still the worry", "Two incidents since"]
    actions = next(t for t in tables if t[0] == ["Action from last time", "Who", "Since last time", "Note"])
    assert ["GP appointment for Jo", "Łucja Wójcik", "Done", "Seen on 3 December"] in actions
    assert ["Dad to start the alcohol service", "Dad", "Partly done", "On the waiting list"] in actions
    trend = next(t for t in tables if t[0][0] == "Middle score")
    assert trend[0][1:] == ["Friday 27 November 2026", "Friday 26 February 2027"]
    # overall: 7, 3, 6, 8 last time (the closed session's round never counts); not scored now
    assert trend[1] == ["The whole situation", "6.5", "–"]
    # the statement's round last time was never revealed; this time 6 and 5
    row = next(r for r in trend if r[0].startswith("The school and Ioana"))
    assert row[1:] == ["–", "5.5"]
    assert "Last conference: Review child protection conference, Friday 27 November 2026" in text


def test_the_decision_for_each_child_reads_back_from_docx_and_pdf(files):
    _, paragraphs, tables = docx_text(files["full", "docx"])
    per_child = next(t for t in tables if t[0] == ["Child", "Outcome", "Category", "Who disagreed"])
    assert per_child[1:] == [
        ["Jo, 7", "Child protection plan continues", "Emotional abuse", ""],
        ["Sky, 3", "Child protection plan ends", "", "Ioana thinks Sky needs a plan too"],
    ]
    agencies = next(t for t in tables if t[0] == ["Agency", "Plan needed?", "Why"])
    assert agencies[1] == ["School", "Yes", "Jo is frightened at school"]
    pdf = squash(pdf_text(files["full", "pdf"]))
    assert "The decision for each child" in pdf
    assert "Sky, 3 Child protection plan ends Ioana thinks Sky needs a plan too" in pdf
    assert "Lead social worker: Ioana Șerban" in pdf and "First core group: Thursday 10 December 2026" in pdf
    assert "Jo, 7 — Three Houses, House of Worries" in pdf


def test_the_review_minutes_say_what_changed_since_last_time_in_pdf(review_files):
    pdf = squash(pdf_text(review_files["full", "pdf"]))
    assert "Since the last conference" in pdf and "Scores over time" in pdf
    assert "Still the worry Two incidents since" in pdf
    assert "GP appointment for Jo Łucja Wójcik Done Seen on 3 December" in pdf
    assert "Partly done On the waiting list" in pdf
    # the family copy tells the same story of the statements everyone saw
    family = squash(pdf_text(review_files["family", "pdf"]))
    assert "Since the last conference" in family and "PRIVATE" not in family


@pytest.mark.parametrize("copy", ["full", "family"])
def test_markdown_labels_are_bold_as_commonmark_reads_them(files, copy):
    """'**Why: **…' is literal stars to a CommonMark reader: the space goes outside."""
    md = files[copy, "md"].decode()
    labels = re.findall(r"\*\*[^*\n]+\*\*", md)
    assert labels, "the scenario's minutes have bold labels"
    assert [label for label in labels if label[2].isspace() or label[-3].isspace()] == []
