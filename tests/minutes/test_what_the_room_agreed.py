"""What a first real run found in the minutes: the family's wording, the next meeting's
time and place, the quorum, each child's outcome, and the plan as the screens show it —
in every format the chair can export."""

from __future__ import annotations

import io
import json

from docx import Document
from pypdf import PdfReader

from conference.minutes import build_minutes
from conference.minutes.language import ISOLATES, LRI, PDI, speaking
from conference.minutes.letter import build_letter
from conference.minutes.letter_render import render_letter
from conference.minutes.render import render

from ..domain.harness import Sim

FORMATS = ("md", "json", "html", "docx", "pdf")


def _text(model: dict, fmt: str) -> str:
    body = render(model, fmt)
    if fmt == "docx":
        doc = Document(io.BytesIO(body))
        cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
        return "\n".join([p.text for p in doc.paragraphs] + cells)
    if fmt == "pdf":
        return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(body)).pages)
    return body.decode()


def _meeting() -> Sim:
    s = Sim()
    s.command(s.chair, "conference.update", {"kind": "initial_cp"})
    mum = s.join("Anna Nowak", "parent_carer")
    s.join("Sam Social", "social_worker")
    s.command(s.chair, "member.add", {"name": "Nurse Jones", "role": "health", "present": True})
    s.command(s.chair, "children.set", {"children": [{"name": "Jo", "age": 6}, {"name": "Mia", "age": 9}]})
    s.command(
        s.chair, "item.add", {"column": "next_steps", "category": "actions", "text": "Sam visits every week"}
    )
    # not sorted, but with a person: a step of the plan
    s.command(
        s.chair, "item.add", {"column": "next_steps", "text": "Gran takes Jo to school", "owner": "Gran"}
    )
    # a parent's wish, never sorted, with no person and no date: not an agreed step
    wish = s.command(mum, "item.add", {"column": "next_steps", "text": "I want my mum to help"})["result"][
        "id"
    ]
    if s.board.items[wish]["status"] == "pending":
        s.command(s.chair, "item.accept", {"id": wish})
    s.command(
        s.chair, "item.add", {"column": "next_steps", "category": "family_goals", "text": "A calm home"}
    )
    rid = s.command(
        s.chair,
        "round.open",
        {"family_question": "How safe are the children at home now?", "family_low_label": "Not safe at all"},
    )["result"]["id"]
    s.command(mum, "round.score", {"round_id": rid, "score": 4})
    s.command(s.chair, "round.reveal", {"round_id": rid})
    children = s.board.conference["children"]
    s.command(
        s.chair,
        "decision.record",
        {
            "outcome": "cp_plan",
            "categories": ["neglect"],
            "per_child": [{"child_id": c["id"], "outcome": None, "categories": []} for c in children],
            "next_meeting": "2027-02-26",
            "next_meeting_time": "10:00",
            "next_meeting_place": "Ty Hywel, room 2",
        },
    )
    return s


def test_every_format_holds_what_the_room_agreed():
    s = _meeting()
    model = json.loads(json.dumps(build_minutes(s.board, s.log, "family", "2026-11-28T10:00:00Z")))
    r = model["scaling"][0]
    assert r["family_wording"]["question"] == "How safe are the children at home now?"
    assert r["family_wording"]["low_label"] == "Not safe at all"
    assert r["family_wording"]["high_label"] == r["high_label"]  # the usual words where none given
    d = model["decision"]
    assert (d["next_meeting_time"], d["next_meeting_place"]) == ("10:00", "Ty Hywel, room 2")
    # each child with no outcome of their own has the conference's, never "not decided"
    assert [c["outcome"] for c in d["per_child"]] == ["cp_plan", "cp_plan"]
    assert [c["categories"] for c in d["per_child"]] == [["neglect"], ["neglect"]]
    # the quorum of an initial conference: 3 agencies; social worker and health were there
    assert model["quorum"] == {
        "needed": 3,
        "agencies": ["social_worker", "health"],
        "agency_labels": ["Social worker", "Health (nurse, doctor, health visitor)"],
        "met": False,
    }
    # the plan: the sorted action and the unsorted item with a person are steps; the
    # family's goal is not, nor the parent's unsorted wish with no person and no date …
    assert [a["action"] for a in model["plan"]] == ["Sam visits every week", "Gran takes Jo to school"]
    # … which is still in its column, under "Other", where the chair can sort it
    (plan_column,) = [c for c in model["columns"] if c["key"] == "next_steps"]
    other = [g for g in plan_column["categories"] if g["key"] is None]
    assert [i["text"] for g in other for i in g["items"]] == [
        "Gran takes Jo to school",
        "I want my mum to help",
    ]
    for fmt in FORMATS:
        text = " ".join(_text(model, fmt).split())
        assert "How safe are the children at home now?" in text, fmt
        assert "10:00" in text and "Ty Hywel, room 2" in text, fmt
        # the family copy says the quorum in plain words, at its end (JSON: the quorum's fields)
        assert fmt == "json" or "Not enough agencies were there" in text, fmt
        assert "Not decided" not in text, fmt
    # every copy lists the wish in its column: nothing the parent said is lost
    for fmt in FORMATS:
        assert "I want my mum to help" in " ".join(_text(model, fmt).split()), fmt


def test_the_letter_lists_only_agreed_steps_under_what_happens_next():
    s = _meeting()
    letter = build_letter(s.board, s.log, "2026-11-28T10:00:00Z")
    assert [a["action"] for a in letter["next_steps"]] == ["Sam visits every week", "Gran takes Jo to school"]
    for fmt in ("pdf", "docx"):
        body = render_letter(letter, fmt)
        if fmt == "pdf":
            text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(body)).pages)
        else:
            doc = Document(io.BytesIO(body))
            cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
            text = "\n".join([p.text for p in doc.paragraphs] + cells)
        text = " ".join(text.split())
        assert "Gran takes Jo to school" in text, fmt
        assert "I want my mum to help" not in text, fmt


def test_an_english_place_and_name_stay_in_one_piece_in_an_arabic_copy():
    """The next meeting's place typed in English, starting with a number and ending with a
    bracket: in an Arabic sentence the number would follow the Arabic before it and the
    bracket go to the far side; isolated (LRI … PDI) it is drawn whole, left to right."""
    s = _meeting()
    place = "2 Church St (room 3)"
    s.command(
        s.chair, "decision.record", {"next_meeting_place": place, "lead_social_worker": "Sam Patel (SW)"}
    )
    with speaking("ar"):
        model = build_minutes(s.board, s.log, "family", "2026-11-28T10:00:00Z")
        letter = build_letter(s.board, s.log, "2026-11-28T10:00:00Z")
        bodies = {fmt: _text(model, fmt) for fmt in FORMATS} | {
            "letter.pdf": " ".join(
                p.extract_text() for p in PdfReader(io.BytesIO(render_letter(letter, "pdf"))).pages
            )
        }
    for fmt, text in bodies.items():
        if fmt == "json":  # the data as typed: isolation is the words' business
            assert place in text and LRI not in text, fmt
            continue
        if fmt.endswith("pdf"):  # as drawn, left to right: the place whole
            seen = "".join(ch for ch in text if ch not in ISOLATES)
            assert place in seen, (fmt, [line for line in seen.splitlines() if "Church" in line])
        else:  # the words, with the place isolated, for the reader's own bidi algorithm
            assert LRI + place + PDI in text, fmt
    # the same sentence in English: nothing to isolate
    model = build_minutes(s.board, s.log, "family", "2026-11-28T10:00:00Z")
    assert LRI not in _text(model, "md")
