"""What a first real run found in the minutes: the family's wording, the next meeting's
time and place, the quorum, each child's outcome, and the plan as the screens show it —
in every format the chair can export."""

from __future__ import annotations

import io
import json

from docx import Document
from pypdf import PdfReader

from conference.minutes import build_minutes
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
    s.command(s.chair, "item.add", {"column": "next_steps", "text": "Sam visits every week"})  # not sorted
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
    # the plan: the unsorted next step is a step, the family's goal is not
    assert [a["action"] for a in model["plan"]] == ["Sam visits every week"]
    for fmt in FORMATS:
        text = " ".join(_text(model, fmt).split())
        assert "How safe are the children at home now?" in text, fmt
        assert "10:00" in text and "Ty Hywel, room 2" in text, fmt
        # the family copy says the quorum in plain words, at its end (JSON: the quorum's fields)
        assert fmt == "json" or "Not enough agencies were there" in text, fmt
        assert "Not decided" not in text, fmt
