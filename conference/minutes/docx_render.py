"""Word minutes with python-docx: real Heading styles, tables, page numbers, title and date in the header."""

from __future__ import annotations

import copy
import io
import re
from typing import Any

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from .. import i18n
from .language import language
from .phrases import (
    attendance_label,
    decision_lines,
    family_wording,
    goal_numbers,
    headers,
    heading,
    item_author,
    item_extras,
    item_responses,
    meta_lines,
    plan_row,
    private_note,
    quoted,
    say,
    statements_heading,
    summary_line,
)
from .sections import BODY, sections


def _field(paragraph, instruction: str) -> None:
    """A Word field such as PAGE, updated by Word when the document opens or prints."""
    run = paragraph.add_run()
    for tag, text in (
        ("begin", None),
        ("instr", instruction),
        ("separate", None),
        ("text", "1"),
        ("end", None),
    ):
        if tag == "instr":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        elif tag == "text":
            el = OxmlElement("w:t")
            el.text = text
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), tag)
        run._r.append(el)


_STYLE_IDS: dict[str, str] = {}


def _styled(doc, style: str):
    """A paragraph in a named style. python-docx looks a style up by name by scanning every
    style for each paragraph (a second for 1,000 items); the id is looked up once and set."""
    if style not in _STYLE_IDS:
        _STYLE_IDS[style] = doc.styles[style].style_id
    p = doc.add_paragraph()
    p._p.style = _STYLE_IDS[style]
    return p


def _rtl() -> bool:
    return i18n.direction(language()) == "rtl"


def _right_to_left(doc) -> None:
    """Every paragraph style reads from the right (Word's bidi paragraphs); Word orders the
    words inside by the Unicode bidi algorithm, so an English name stays readable."""
    for style in doc.styles:
        if style.type == WD_STYLE_TYPE.PARAGRAPH:
            style.element.get_or_add_pPr().append(OxmlElement("w:bidi"))


def _table(doc, headers: list[str], rows: list[list[str]]):
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    if _rtl():  # an Arabic copy's first column is on the right
        table._tbl.tblPr.append(OxmlElement("w:bidiVisual"))
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    if not rows:
        return table
    # one real row made by python-docx, then copied: adding rows cell by cell through
    # python-docx took most of a second for the 1,000-line record of changes
    prototype = table.add_row()._tr
    body = prototype.getparent()
    body.remove(prototype)
    for row in rows:
        tr = copy.deepcopy(prototype)
        for tc, text in zip(tr.iterchildren(qn("w:tc")), row, strict=True):
            _cell_text(tc.find(qn("w:p")), "" if text is None else str(text))
        body.append(tr)
    return table


def _cell_text(paragraph, text: str) -> None:
    """The cell's words as runs, a line break where the text has one (as cell.text does)."""
    run = OxmlElement("w:r")
    for n, line in enumerate(text.split("\n")):
        if n:
            run.append(OxmlElement("w:br"))
        t = OxmlElement("w:t")
        t.set(qn("xml:space"), "preserve")
        t.text = line
        run.append(t)
    paragraph.append(run)


def _sections(doc, m: dict[str, Any], place: str) -> None:
    for sec in sections(m, place):
        doc.add_heading(sec["heading"], level=sec["level"])
        for lead, text in sec["lines"]:
            p = doc.add_paragraph()
            if lead:
                p.add_run(lead).bold = True
            p.add_run(text)
        for t in sec["tables"]:
            _table(doc, t["headers"], t["rows"])


def render(m: dict[str, Any], large: bool = False) -> bytes:
    doc = Document()
    _styles(doc, 16 if large else 12)  # points: 12 everywhere, 16 in large print
    _header_and_footer(doc, m["conference"])
    doc.add_heading(m["conference"]["title"], level=0)
    for k, v in meta_lines(m):
        p = doc.add_paragraph()
        p.add_run(f"{k}: ").bold = True
        p.add_run(v)
    if m["notice"]:
        doc.add_paragraph(m["notice"]).runs[0].italic = True
    if sections(m, "summary"):
        _sections(doc, m, "summary")
        doc.add_page_break()  # page 1 is the summary a parent reads first

    doc.add_heading(heading("attendance"), level=1)
    _table(
        doc,
        headers("attendance"),
        [[p["name"], p["role_label"], attendance_label(p), p["joined_at"] or ""] for p in m["attendance"]],
    )
    own = {"columns": _columns, "statements": _statements, "scaling": _scaling, "decision": _decision}
    for part in BODY:
        own[part](doc, m) if part in own else _sections(doc, m, part)

    doc.add_heading(heading("plan"), level=1)
    _table(
        doc,
        headers("plan"),
        [plan_row(a, goal_numbers(m)) for a in m["plan"]],
    )
    _sections(doc, m, "end")
    if "record" in m:
        _full_copy_only(doc, m)

    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _styles(doc, body: int) -> None:
    style = doc.styles["Normal"]
    style.font.name = "Arial"
    if _rtl():
        _right_to_left(doc)
    style.font.size = Pt(body)
    for name, extra in (
        ("Title", 12),
        ("Heading 1", 4),
        ("Heading 2", 2),
        ("List Bullet", 0),
        ("List Number", 0),
    ):
        doc.styles[name].font.size = Pt(body + extra)


def _header_and_footer(doc, c: dict[str, Any]) -> None:
    """The title and date on every page, "Page n of total" under it, and the file's own title."""
    section = doc.sections[0]
    header = section.header.paragraphs[0]
    header.text = f"{c['title']} — {c['date_label']}"
    header.alignment = WD_ALIGN_PARAGRAPH.LEFT if _rtl() else WD_ALIGN_PARAGRAPH.RIGHT
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    # "Page {n} of {total}" in the copy's language, with Word's own fields for the numbers
    for part in re.split(
        r"(\x00PAGE\x00|\x00NUMPAGES\x00)", say("page", n="\x00PAGE\x00", total="\x00NUMPAGES\x00")
    ):
        if part.startswith("\x00"):
            _field(footer, part.strip("\x00"))
        elif part:
            footer.add_run(part)
    doc.core_properties.title = c["title"]
    doc.core_properties.subject = c["kind_label"]


def _columns(doc, m: dict[str, Any]) -> None:
    for col in m["columns"]:
        doc.add_heading(col["heading"], level=1)
        for group in col["categories"]:
            doc.add_heading(group["label"], level=2)
            if not group["items"]:
                doc.add_paragraph(say("no_items")).runs[0].italic = True
            for item in group["items"]:
                p = _styled(doc, "List Bullet")
                if item["child_words"]:
                    p.add_run(quoted(item["text"])).bold = True
                    p.add_run(f" ({say('child_words')})")
                else:
                    p.add_run(item["text"])
                extras = item_extras(item)
                p.add_run(f" — {item_author(item)}" + (f" ({extras})" if extras else "")).italic = True
                for said in item_responses(item):
                    _styled(doc, "List Bullet 2").add_run(said)


def _statements(doc, m: dict[str, Any]) -> None:
    doc.add_heading(statements_heading(m), level=1)
    if not m["statements"]:
        doc.add_paragraph(say("no_statements"))
    for s in m["statements"]:
        p = _styled(doc, "List Number")
        p.add_run(say("danger_statement")).bold = True
        p.add_run(s["sentence"] + private_note(s))
        g = doc.add_paragraph()
        g.add_run(say("safety_goal")).bold = True
        g.add_run(s["safety_goal"] or say("not_written"))
    for goal in m["unpaired_safety_goals"]:
        g = doc.add_paragraph()
        g.add_run(say("safety_goal")).bold = True
        g.add_run(goal)


def _scaling(doc, m: dict[str, Any]) -> None:
    doc.add_heading(heading("scaling"), level=1)
    if not m["scaling"]:
        doc.add_paragraph(say("no_rounds"))
    for r in m["scaling"]:
        doc.add_heading(r["question"] + private_note(r), level=2)
        if r["about"]:
            doc.add_paragraph(say("about") + r["about"])
        doc.add_paragraph(f"{say('low_means')}{r['low_label']}\n{say('high_means')}{r['high_label']}")
        if family_wording(r):
            doc.add_paragraph(family_wording(r))
        if not r["revealed"]:
            doc.add_paragraph(say("not_revealed")).runs[0].italic = True
            continue
        _table(
            doc,
            headers("scores"),
            [[s["name"], s["role"], str(s["score"]), s["reason"] or ""] for s in r["scores"]],
        )
        doc.add_paragraph(summary_line(r["summary"]))


def _decision(doc, m: dict[str, Any]) -> None:
    doc.add_heading(heading("decision"), level=1)
    if m["decision"]:
        for k, v in decision_lines(m["decision"]):
            p = doc.add_paragraph()
            p.add_run(f"{k}: ").bold = True
            p.add_run(v)
    else:
        doc.add_paragraph(say("no_decision"))


def _full_copy_only(doc, m: dict[str, Any]) -> None:
    """The record of every change, the access record and the plain-language check."""
    doc.add_page_break()
    doc.add_heading(heading("record"), level=1)
    _table(doc, headers("record"), [[r["at"], r["who"], r["what"]] for r in m["record"]])
    doc.add_heading(heading("access"), level=1)
    _table(doc, headers("access"), [[a["at"], a["who"], a["what"]] for a in m["access"]])
    pl = m["plain_language"]
    doc.add_heading(heading("plain_language"), level=1)
    doc.add_paragraph(f"Reading age of the statements: {pl['reading_age'] or 'no statements'}.")
    for f in pl["flags"]:
        _styled(doc, "List Bullet").add_run(f"“{f['term']}”: {f['why']} Try: {f['suggestion']}")
    if not pl["flags"]:
        doc.add_paragraph("No words were flagged.")
