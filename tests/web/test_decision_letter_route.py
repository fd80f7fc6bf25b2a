"""GET /api/conferences/<id>/letter.<pdf|docx>: the chair's decision letter through the app
built by create_app (in process, no server): the chair only, one page, in the family's
language, written in the access record like an export."""

from __future__ import annotations

import io

import pytest
from docx import Document
from pypdf import PdfReader

from conference import i18n
from conference.app import create_app
from conference.domain import vocabulary as v


@pytest.fixture
def board(tmp_path):
    app = create_app({"DATA_DIR": str(tmp_path), "ASYNC_MODE": "threading", "TESTING": True})
    service = app.extensions["conference_service"]
    made = service.create_conference("Review for the Wójcik children", "initial_cp")
    cid = made["conference_id"]
    chair = next(
        m["member_id"]
        for m in service.boards.board(cid).members.values()
        if m["kind"] == v.MemberKind.FACILITATOR
    )
    service.command(
        cid,
        chair,
        {"op_id": "kids", "type": "children.set", "payload": {"children": [{"name": "Jo", "age": 7}]}},
    )
    return app.test_client(), cid, made["facilitator_token"], service, chair


def get(client, cid, token, path):
    return client.get(f"/api/conferences/{cid}/{path}", headers={"Authorization": f"Bearer {token}"})


def test_the_chair_downloads_the_letter_as_one_pdf_page_and_as_word_in_welsh(board):
    client, cid, token, service, chair = board
    service.command(
        cid,
        chair,
        {
            "op_id": "decide",
            "type": "decision.record",
            "payload": {"outcome": "cp_plan", "text": "Dad's drinking frightens Jo."},
        },
    )
    pdf = get(client, cid, token, "letter.pdf?lang=cy")
    assert pdf.status_code == 200
    assert pdf.mimetype == "application/pdf"
    assert "decision-letter-cy.pdf" in pdf.headers["Content-Disposition"]
    assert pdf.headers["Cache-Control"] == "no-store"
    reader = PdfReader(io.BytesIO(pdf.data))
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    welsh = i18n.translations("cy")
    assert welsh.gettext("The conference's decision") in text
    assert "Dad's drinking frightens Jo." in text
    # no first core group date recorded: the letter says so plainly, in Welsh
    no_date = welsh.gettext(
        "No date has been set yet for the first core group meeting. It should be within 10 "
        "working days of the conference: your social worker will tell you the date."
    )
    assert " ".join(no_date.split()[:6]) in text

    word = get(client, cid, token, "letter.docx")
    assert word.status_code == 200
    paragraphs = [p.text for p in Document(io.BytesIO(word.data)).paragraphs]
    assert "The conference's decision" in paragraphs
    assert any(p.startswith("Jo, 7: Child protection plan") for p in paragraphs)

    audit = get(client, cid, token, "audit").get_json()["entries"]
    letters = [a for a in audit if a["what"] == "exported the decision letter"]
    assert [a["format"] for a in letters] == ["pdf", "docx"]
    assert letters[0]["language"] == "cy"


def test_only_the_chair_gets_a_letter_and_only_as_pdf_or_word(board):
    client, cid, token, *_ = board
    assert client.get(f"/api/conferences/{cid}/letter.pdf").status_code in (401, 403)
    assert get(client, cid, "x" * 32, "letter.pdf").status_code in (401, 403)
    assert get(client, cid, token, "letter.md").status_code == 404
    assert get(client, cid, token, "letter.pdf?lang=xx").status_code == 400
    assert get(client, cid, token, "letter.pdf?copy=full").status_code == 400
