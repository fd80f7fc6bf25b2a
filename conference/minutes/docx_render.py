"""Word minutes with python-docx: real Heading styles, tables, page numbers, title and date in the header."""

from __future__ import annotations

import copy
import io
from typing import Any

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from .words import (
    CHILD_WORDS,
    HEADINGS,
    NO_ITEMS,
    NOT_REVEALED,
    attendance_label,
    decision_lines,
    item_author,
    item_extras,
    meta_lines,
    plan_row,
    private_note,
    sections,
    statements_heading,
    summary_line,
)


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


def _table(doc, headers: list[str], rows: list[list[str]]):
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
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
    body = 16 if large else 12  # points: 12 everywhere, 16 in large print
    style = doc.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(body)
    for name, extra in (
        ("Title", 12),
        ("Heading 1", 4),
        ("Heading 2", 2),
        ("List Bullet", 0),
        ("List Number", 0),
    ):
        doc.styles[name].font.size = Pt(body + extra)
    c = m["conference"]
    section = doc.sections[0]
    header = section.header.paragraphs[0]
    header.text = f"{c['title']} — {c['date_label']}"
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("Page ")
    _field(footer, "PAGE")
    footer.add_run(" of ")
    _field(footer, "NUMPAGES")
    doc.core_properties.title = c["title"]
    doc.core_properties.subject = c["kind_label"]

    doc.add_heading(c["title"], level=0)
    for k, v in meta_lines(m):
        p = doc.add_paragraph()
        p.add_run(f"{k}: ").bold = True
        p.add_run(v)
    if m["notice"]:
        doc.add_paragraph(m["notice"]).runs[0].italic = True
    if sections(m, "summary"):
        _sections(doc, m, "summary")
        doc.add_page_break()  # page 1 is the summary a parent reads first

    doc.add_heading(HEADINGS["attendance"], level=1)
    _table(
        doc,
        ["Name", "Role", "Attendance", "Joined"],
        [[p["name"], p["role_label"], attendance_label(p), p["joined_at"] or ""] for p in m["attendance"]],
    )
    _sections(doc, m, "after_attendance")

    for col in m["columns"]:
        doc.add_heading(col["heading"], level=1)
        for group in col["categories"]:
            doc.add_heading(group["label"], level=2)
            if not group["items"]:
                doc.add_paragraph(NO_ITEMS).runs[0].italic = True
            for item in group["items"]:
                p = _styled(doc, "List Bullet")
                if item["child_words"]:
                    p.add_run(f"“{item['text']}”").bold = True
                    p.add_run(f" ({CHILD_WORDS.lower()})")
                else:
                    p.add_run(item["text"])
                extras = item_extras(item)
                p.add_run(f" — {item_author(item)}" + (f" ({extras})" if extras else "")).italic = True

    _sections(doc, m, "after_columns")
    _sections(doc, m, "before_statements")
    doc.add_heading(statements_heading(m), level=1)
    if not m["statements"]:
        doc.add_paragraph("No danger statements were written.")
    for s in m["statements"]:
        p = _styled(doc, "List Number")
        p.add_run("Danger statement: ").bold = True
        p.add_run(s["sentence"] + private_note(s))
        g = doc.add_paragraph()
        g.add_run("Safety goal: ").bold = True
        g.add_run(s["safety_goal"] or "Not written yet")
    for goal in m["unpaired_safety_goals"]:
        g = doc.add_paragraph()
        g.add_run("Safety goal: ").bold = True
        g.add_run(goal)

    doc.add_heading(HEADINGS["scaling"], level=1)
    if not m["scaling"]:
        doc.add_paragraph("No scaling rounds.")
    for r in m["scaling"]:
        doc.add_heading(r["question"] + private_note(r), level=2)
        if r["about"]:
            doc.add_paragraph(f"About: {r['about']}")
        doc.add_paragraph(f"0 means: {r['low_label']}\n10 means: {r['high_label']}")
        if not r["revealed"]:
            doc.add_paragraph(NOT_REVEALED).runs[0].italic = True
            continue
        _table(
            doc,
            ["Name", "Role", "Score", "Why"],
            [[s["name"], s["role"], str(s["score"]), s["reason"] or ""] for s in r["scores"]],
        )
        doc.add_paragraph(summary_line(r["summary"]))

    _sections(doc, m, "after_scaling")
    doc.add_heading(HEADINGS["decision"], level=1)
    if m["decision"]:
        for k, v in decision_lines(m["decision"]):
            p = doc.add_paragraph()
            p.add_run(f"{k}: ").bold = True
            p.add_run(v)
    else:
        doc.add_paragraph("No decision was recorded.")
    _sections(doc, m, "after_decision")

    doc.add_heading(HEADINGS["plan"], level=1)
    _table(
        doc,
        ["Action", "Who", "By when"],
        [plan_row(a) for a in m["plan"]],
    )

    if "record" in m:
        doc.add_page_break()
        doc.add_heading(HEADINGS["record"], level=1)
        _table(doc, ["Time", "Who", "What"], [[r["at"], r["who"], r["what"]] for r in m["record"]])
        doc.add_heading(HEADINGS["access"], level=1)
        _table(doc, ["When", "Who", "What"], [[a["at"], a["who"], a["what"]] for a in m["access"]])
        pl = m["plain_language"]
        doc.add_heading(HEADINGS["plain_language"], level=1)
        doc.add_paragraph(f"Reading age of the statements: {pl['reading_age'] or 'no statements'}.")
        for f in pl["flags"]:
            _styled(doc, "List Bullet").add_run(f"“{f['term']}”: {f['why']} Try: {f['suggestion']}")
        if not pl["flags"]:
            doc.add_paragraph("No words were flagged.")

    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
