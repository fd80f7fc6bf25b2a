"""After the end the chair checks the record: corrections of typing (each an event, old and
new kept), then approval. Chair only, only after the end, never after approval."""

from __future__ import annotations

import io
import json

import pytest
from docx import Document
from pypdf import PdfReader

from conference.minutes import build_minutes, render

from .harness import Sim


def code(sim: Sim, actor: str, type_: str, payload=None) -> str:
    return sim.refused(actor, type_, payload).code


@pytest.fixture
def ended() -> Sim:
    s = Sim()
    s.mum = s.join("Mum", "parent_carer")
    s.item = s.command(s.chair, "item.add", {"column": "worries", "text": "Dad shuots at night"})["result"][
        "id"
    ]
    s.danger = s.command(
        s.chair, "statement.add", {"kind": "danger", "who": "Scool", "behaviour": "Dad shouts"}
    )["result"]["id"]
    s.command(s.chair, "conference.close")
    return s


def test_a_correction_is_an_event_with_the_old_and_the_new_words(ended):
    e = ended.command(
        ended.chair,
        "record.correct",
        {"target": "item", "id": ended.item, "field": "text", "text": "Dad shouts at night"},
    )
    assert e["type"] == "record.corrected" and e["actor"] == ended.chair
    assert (e["payload"]["old"], e["payload"]["new"]) == ("Dad shuots at night", "Dad shouts at night")
    assert ended.board.items[ended.item]["text"] == "Dad shouts at night"
    assert ended.fold_of(ended.mum)["items"][0]["text"] == "Dad shouts at night"  # every screen folds it
    ended.command(
        ended.chair,
        "record.correct",
        {"target": "statement", "id": ended.danger, "field": "who", "text": "School"},
    )
    ended.command(
        ended.chair,
        "record.correct",
        {"target": "member", "id": ended.mum, "field": "name", "text": "Sam Smith"},
    )
    assert ended.board.members[ended.mum]["name"] == "Sam Smith"


@pytest.mark.parametrize(
    "payload, expected",
    [
        ({"target": "item", "id": "nope", "field": "text", "text": "x"}, "not_found"),
        ({"target": "item", "id": "ITEM", "field": "owner", "text": "x"}, "invalid"),
        ({"target": "round", "id": "ITEM", "field": "text", "text": "x"}, "invalid"),
        ({"target": "item", "id": "ITEM", "field": "text", "text": ""}, "invalid"),
        ({"target": "item", "id": "ITEM", "field": "text", "text": "Dad shuots at night"}, "invalid"),
        ({"target": "item", "id": "ITEM", "field": "text", "text": "x" * 501}, "invalid"),
        ({"target": "member", "id": "display", "field": "name", "text": "x"}, "not_found"),
        ({"target": "item", "id": "ITEM", "field": "text"}, "invalid"),
    ],
)
def test_a_correction_refused(ended, payload, expected):
    payload = {k: (ended.item if v == "ITEM" else v) for k, v in payload.items()}
    assert code(ended, ended.chair, "record.correct", payload) == expected


def test_only_the_chair_only_after_the_end_and_never_after_approval():
    s = Sim()
    mum = s.join("Mum", "parent_carer")
    item = s.command(s.chair, "item.add", {"column": "worries", "text": "typo"})["result"]["id"]
    fix = {"target": "item", "id": item, "field": "text", "text": "fixed"}
    assert code(s, s.chair, "record.correct", fix) == "conflict"  # not ended: change it on the board
    assert code(s, s.chair, "record.approve") == "conflict"
    s.command(s.chair, "conference.close")
    assert code(s, mum, "record.correct", fix) == "forbidden"
    assert code(s, mum, "record.approve") == "forbidden"
    assert (
        code(s, s.chair, "item.edit", {"id": item, "version": 1, "text": "x"}) == "closed"
    )  # the board stays shut
    s.command(s.chair, "record.correct", fix)
    e = s.command(s.chair, "record.approve")
    assert e["payload"]["approved"]["by_name"] == "Chair"
    assert code(s, s.chair, "record.correct", {**fix, "text": "again"}) == "closed"
    assert code(s, s.chair, "record.approve") == "closed"


def test_the_corrected_words_are_in_every_format_and_the_old_only_in_the_full_record(ended):
    ended.command(
        ended.chair,
        "record.correct",
        {"target": "item", "id": ended.item, "field": "text", "text": "Dad shouts at night"},
    )
    ended.command(ended.chair, "record.approve")
    for copy in ("full", "family"):
        model = build_minutes(ended.board, ended.log, copy, "2026-11-28T10:00:00Z")
        texts = {
            "md": render(model, "md").decode(),
            "html": render(model, "html").decode(),
            "json": render(model, "json").decode(),
            "docx": "\n".join(
                [p.text for p in Document(io.BytesIO(render(model, "docx"))).paragraphs]
                + [
                    c.text
                    for t in Document(io.BytesIO(render(model, "docx"))).tables
                    for r in t.rows
                    for c in r.cells
                ]
            ),
            "pdf": " ".join(p.extract_text() for p in PdfReader(io.BytesIO(render(model, "pdf"))).pages),
        }
        for fmt, text in texts.items():
            assert "Dad shouts at night" in text, (copy, fmt)
            assert ("shuots" in text) is (copy == "full"), (
                copy,
                fmt,
            )  # the old words: the record of changes only
            if fmt != "json":
                assert "Approved by Chair on" in " ".join(text.split()), (copy, fmt)
        board_part = json.dumps(json.loads(texts["json"])["columns"])
        assert "shuots" not in board_part
