"""Property: whatever Unicode people send (surrogates, non-characters, controls, any plane),
through the service's real command path, the minutes export in all five formats of both
copies and parse back; nothing broken is ever stored."""

from __future__ import annotations

import html.parser
import io
import json
import tempfile

from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from conference.domain.errors import DomainError
from conference.domain.validate import broken_character
from conference.minutes import FORMATS
from conference.service import NullPublisher, Service
from conference.store.sqlite import SqliteStore

# every code point hypothesis can make, surrogates and controls included
ANY_TEXT = st.text(
    alphabet=st.characters(codec=None, exclude_categories=()), min_size=0, max_size=40
) | st.text(
    alphabet=st.characters(min_codepoint=0x0590, max_codepoint=0x08FF), max_size=40
)  # and right-to-left and joining scripts on their own (Hebrew, Arabic, Syriac, Thaana, N'Ko)
FIELDS = [
    ("item.add", lambda t: {"column": "worries", "text": t}),
    ("item.add", lambda t: {"column": "next_steps", "text": "plan " + t, "owner": t}),
    ("statement.add", lambda t: {"kind": "danger", "who": t, "behaviour": t, "impact": t}),
    ("statement.add", lambda t: {"kind": "safety_goal", "text": t}),
    ("member.add", lambda t: {"name": t, "role": "health", "present": True}),
    ("decision.record", lambda t: {"text": t, "dissent": t}),
    ("conference.update", lambda t: {"title": t}),
]


def parse(fmt: str, body: bytes) -> str:
    if fmt == "json":
        return json.dumps(json.loads(body))
    if fmt == "md":
        return body.decode("utf-8")
    if fmt == "html":
        text = body.decode("utf-8")
        html.parser.HTMLParser().feed(text)
        return text
    if fmt == "docx":
        return "\n".join(p.text for p in Document(io.BytesIO(body)).paragraphs)
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)


def stored_strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for x in value.values() for s in stored_strings(x)]
    if isinstance(value, list):
        return [s for x in value for s in stored_strings(x)]
    return []


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(ANY_TEXT, min_size=1, max_size=4), title=ANY_TEXT, name=ANY_TEXT)
def test_minutes_export_whatever_unicode_was_sent(texts, title, name):
    with tempfile.TemporaryDirectory() as folder:
        service = Service(SqliteStore(f"{folder}/c.sqlite3"), NullPublisher())
        try:
            conf = service.create_conference(title, "review_cp", chair_name=name)
        except DomainError as err:
            assert err.code == "invalid"
            conf = service.create_conference("Review", "review_cp")
        cid = conf["conference_id"]
        chair = service.access.authenticate(conf["facilitator_token"])[1]
        n = 0
        for text in texts:
            for command, payload in FIELDS:
                n += 1
                try:
                    service.command(
                        cid, chair, {"op_id": f"op{n}", "type": command, "payload": payload(text)}
                    )
                except DomainError as err:
                    assert err.code == "invalid", (command, text, err)
            try:
                rid = service.command(
                    cid, chair, {"op_id": f"r{n}", "type": "round.open", "payload": {"question": text}}
                )["result"]["id"]
            except DomainError:
                rid = service.command(cid, chair, {"op_id": f"r{n}", "type": "round.open", "payload": {}})[
                    "result"
                ]["id"]
            try:
                service.command(
                    cid,
                    chair,
                    {
                        "op_id": f"s{n}",
                        "type": "round.score",
                        "payload": {"round_id": rid, "score": 5, "reason": text},
                    },
                )
            except DomainError as err:
                assert err.code == "invalid"
            service.command(
                cid, chair, {"op_id": f"v{n}", "type": "round.reveal", "payload": {"round_id": rid}}
            )
        # nothing broken was stored: every string in the log is text
        for event in service.store.events(cid):
            assert not any(broken_character(s) for s in stored_strings(event["payload"]))
        for copy, language in (("full", None), ("family", None), ("family", "ar"), ("family", "cy")):
            for fmt in FORMATS:
                # the Arabic copy shapes any line with Arabic or Hebrew letters through HarfBuzz
                body, _ = service.exports.minutes(cid, copy, fmt, "Europe/London", language=language)
                assert body and parse(fmt, body) is not None
        service.store.close()
