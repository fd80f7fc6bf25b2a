"""Every hostile string through every text field: stored as typed or refused as invalid,
and never markup in any minutes format."""

from __future__ import annotations

import html
import io
import json

import pytest
from docx import Document
from pypdf import PdfReader

from conference.domain.errors import DomainError
from conference.minutes import build_minutes, render

from ..domain.harness import Sim
from ..hostile import HOSTILE, refused

FIELDS = [  # (command, payload builder, limit)
    ("item.add", lambda t: {"column": "worries", "text": t}, 500),
    ("item.add", lambda t: {"column": "next_steps", "text": "plan", "owner": t}, 60),
    ("item.add", lambda t: {"column": "worries", "text": "words", "voice": "child", "source": t}, 60),
    (
        "statement.add",
        lambda t: {"kind": "danger", "who": t, "behaviour": t, "impact": t, "disagreement": t},
        1000,
    ),
    ("statement.add", lambda t: {"kind": "safety_goal", "text": t}, 1000),
    ("member.add", lambda t: {"name": t, "role": "health", "present": True}, 60),
    ("decision.record", lambda t: {"text": t, "dissent": t}, 5000),
    ("conference.update", lambda t: {"title": t}, 120),
]


def build() -> tuple[Sim, list[str]]:
    s = Sim()
    mum = s.join("Mum", "parent_carer")
    stored: list[str] = []
    for text in HOSTILE:
        for command, payload, limit in FIELDS:
            try:
                s.command(s.chair, command, payload(text))
            except DomainError as err:
                assert err.code == "invalid" and refused(text, limit), (command, text[:40], err)
                continue
            assert not refused(text, limit), (command, text[:40])
            stored.append(text.strip())
        rid = s.command(
            s.chair, "round.open", {"question": "Q " + text[:400] if not refused(text, 400) else "Q"}
        )["result"]["id"]
        try:
            s.command(mum, "round.score", {"round_id": rid, "score": 5, "reason": text})
        except DomainError as err:
            assert err.code == "invalid" and refused(text, 280)
        s.command(s.chair, "round.reveal", {"round_id": rid})
    return s, stored


@pytest.fixture(scope="module")
def hostile_minutes():
    s, stored = build()
    model = build_minutes(s.board, s.log, "full", "2026-11-27T12:00:00Z")
    return model, {fmt: render(model, fmt) for fmt in ("md", "json", "html", "docx", "pdf")}, stored


def test_accepted_text_is_kept_exactly_as_typed(hostile_minutes):
    model, files, stored = hostile_minutes
    dumped = json.loads(files["json"])
    items = [i["text"] for c in dumped["columns"] for g in c["categories"] for i in g["items"]]
    for text in HOSTILE:
        if not refused(text, 500):
            assert text.strip() in items
    assert len(stored) > 100


def test_html_minutes_never_contain_markup_from_people(hostile_minutes):
    _, files, _ = hostile_minutes
    page = files["html"].decode()
    for needle in (
        "<script>window",
        "<img src=x",
        "<svg/onload",
        "<iframe",
        '<a href="javascript',
        "<style>body{display",
    ):
        assert needle not in page
    assert html.escape("<script>window.__pwned=1</script>") in page


def test_markdown_minutes_escape_markup(hostile_minutes):
    _, files, _ = hostile_minutes
    md = files["md"].decode()
    assert "<script>" not in md and "<img" not in md and "<iframe" not in md
    assert "&lt;script&gt;window.\\_\\_pwned=1&lt;/script&gt;" in md


def test_word_and_pdf_render_every_string(hostile_minutes):
    _, files, _ = hostile_minutes
    doc = Document(io.BytesIO(files["docx"]))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "'; DROP TABLE events; --" in text and "Łucja Wójcik, Ioana Șerban, Олена, 王小明" in text
    pdf = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(files["pdf"])).pages[:6])
    assert "DROP TABLE events" in pdf
