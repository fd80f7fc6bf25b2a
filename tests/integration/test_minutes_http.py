"""The minutes and the plain-language check over real HTTP from a real server."""

from __future__ import annotations

import io
import json

import pytest
import requests
from docx import Document
from pypdf import PdfReader

from conference import i18n

from ..support import Room


@pytest.fixture(scope="module")
def finished(server):
    clients: list = []
    room = Room(
        server, clients, {"Łucja Wójcik": "parent_carer", "Ioana Șerban": "social_worker"}, kind="review_cp"
    )
    mum, sw = room.clients["Łucja Wójcik"], room.clients["Ioana Șerban"]
    mum.ok("item.add", {"column": "worries", "text": "<script>alert(1)</script> shouting at night"})
    room.chair.ok(
        "item.add",
        {
            "column": "next_steps",
            "category": "actions",
            "text": "GP visit",
            "owner": "Mum",
            "due": "2026-12-04",
        },
    )
    rid = room.chair.ok("round.open", {})["result"]["id"]
    mum.ok("round.score", {"round_id": rid, "score": 6, "reason": "OPENREASON better"})
    room.chair.ok("round.reveal", {"round_id": rid})
    hidden = room.chair.ok("round.open", {"question": "And now?"})["result"]["id"]
    sw.ok("round.score", {"round_id": hidden, "score": 2, "reason": "HIDDENREASON"})
    room.chair.ok("session.close")
    sw.ok("item.add", {"column": "worries", "text": "CLOSEDSESSION police note"})
    room.chair.ok("session.open")
    yield room
    for c in clients:
        c.close()


def get(server, room, fmt, token=None, **params):
    return requests.get(
        f"{server.url}/api/conferences/{room.id}/minutes.{fmt}",
        params=params,
        headers={"Authorization": f"Bearer {token or room.conf['facilitator_token']}"},
        timeout=30,
    )


def readable(fmt: str, body: bytes) -> str:
    if fmt == "docx":
        doc = Document(io.BytesIO(body))
        return "\n".join(p.text for p in doc.paragraphs) + "\n".join(
            c.text for t in doc.tables for r in t.rows for c in r.cells
        )
    if fmt == "pdf":
        return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(body)).pages)
    return body.decode()


@pytest.mark.parametrize("copy", ["full", "family"])
@pytest.mark.parametrize("fmt", ["md", "json", "html", "docx", "pdf"])
def test_every_format_and_copy_downloads(server, finished, fmt, copy):
    r = get(server, finished, fmt, copy=copy)
    assert r.status_code == 200
    date = json.loads(get(server, finished, "json").content)["conference"]["date"]
    suffix = "-family" if copy == "family" else ""
    assert (
        r.headers["Content-Disposition"] == f'attachment; filename="{date}-review-conference{suffix}.{fmt}"'
    )
    text = readable(fmt, r.content)
    assert "Łucja Wójcik" in text and "Ioana Șerban" in text and "OPENREASON better" in text
    assert "HIDDENREASON" not in text
    assert ("CLOSEDSESSION police note" in text) == (copy == "full")
    if fmt in ("html", "md"):
        assert "<script>alert" not in text


def test_minutes_need_the_chair(server, finished):
    assert (
        requests.get(f"{server.url}/api/conferences/{finished.id}/minutes.md", timeout=5).status_code == 401
    )
    assert get(server, finished, "md", token=finished.tokens["Łucja Wójcik"]).status_code == 403
    assert get(server, finished, "md", token=finished.conf["display_token"]).status_code == 403
    assert get(server, finished, "odt").json()["error"]["code"] == "not_found"
    bad = get(server, finished, "md", copy="secret")
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "invalid"


def test_the_plain_language_check(server):
    r = requests.post(
        server.url + "/api/plain-language",
        json={"text": "Following the ICPC there were concerns about neglect."},
        timeout=5,
    )
    assert r.status_code == 200
    body = r.json()
    terms = {f["term"]: f for f in body["flags"]}
    assert set(terms) == {"ICPC", "neglect"}
    assert terms["ICPC"]["start"] == 14 and terms["ICPC"]["end"] == 18
    assert isinstance(body["reading_age"], float)
    bad = requests.post(server.url + "/api/plain-language", json={"words": "x"}, timeout=5)
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "invalid"


@pytest.mark.parametrize("tag", ["cy", "pl", "ar"])
def test_the_family_copy_in_another_language(server, finished, tag):
    r = get(server, finished, "docx", copy="family", lang=tag)
    assert r.status_code == 200
    assert r.headers["Content-Disposition"].endswith(f'-review-conference-family-{tag}.docx"')
    text = readable("docx", r.content)
    assert "Who was there" not in text and "Łucja Wójcik" in text and "OPENREASON better" in text
    assert "CLOSEDSESSION" not in text
    # the export is on the access record, with its language
    assert any(a.get("language") == tag and a.get("copy") == "family" for a in audit(server, finished))


def audit(server, room) -> list[dict]:
    return requests.get(
        f"{server.url}/api/conferences/{room.id}/audit",
        headers={"Authorization": f"Bearer {room.conf['facilitator_token']}"},
        timeout=5,
    ).json()["entries"]


def test_a_language_the_minutes_cannot_be_made_in_is_a_clear_refusal(server, finished):
    before = len(audit(server, finished))
    refusals = {
        ("family", "fr"): "The minutes can be made in {names}; not in '{language}'.",
        (
            "full",
            "cy",
        ): "The full record stays in the council's language; the family copy can be made in another.",
        (
            "full",
            "ar",
        ): "The full record stays in the council's language; the family copy can be made in another.",
    }
    for (copy, tag), sentence in refusals.items():
        r = get(server, finished, "md", copy=copy, lang=tag)
        assert r.status_code == 400, (copy, tag)
        error = r.json()["error"]
        assert error["code"] == "invalid"
        # said in the asker's language where it is one the app has (?lang= is the page's too)
        said = i18n.translations(i18n.choose(tag) if tag in i18n.LANGUAGES else i18n.SOURCE).gettext(sentence)
        if "{names}" in sentence:
            assert error["message"].startswith(said.split("{names}")[0]) and "'fr'" in error["message"]
        else:
            assert error["message"] == said and said != sentence
    # a refused export is not on the access record; the full copy is still in English
    assert len(audit(server, finished)) == before
    assert json.loads(get(server, finished, "json").content)["language"] == "en-GB"
