"""The decision letter as a file: PDF on one A4 page (the minutes' PDF class: DejaVu Sans,
HarfBuzz shaping, right to left for Arabic) and Word (the minutes' styles)."""

from __future__ import annotations

import io
from typing import Any

from docx import Document

from .. import i18n
from . import docx_render
from .language import language
from .letter import FORMATS, letter_opening, letter_sections, letter_title
from .pdf_render import MinutesPDF
from .render import sanitise


class LetterPDF(MinutesPDF):
    """One page: no running header, no page numbers."""

    def header(self) -> None:
        pass

    def footer(self) -> None:
        pass


def _pdf(m: dict[str, Any], body: float) -> tuple[bytes, int]:
    c = m["conference"]
    title = letter_title(m)
    pdf = LetterPDF(title, c["date_label"], body=body, rtl=i18n.direction(language()) == "rtl")
    pdf.set_margins(18, 16, 18)
    pdf.set_auto_page_break(True, margin=14)
    pdf.add_page()
    pdf.heading(title, 0)
    pdf.ln(1.5)
    pdf.para(c["title"], bold=True)
    pdf.para(letter_opening(m))
    for sec in letter_sections(m):
        pdf.heading(sec["heading"], 2)
        for lead, text in sec["lines"]:
            pdf.para(text, bold_lead=lead or None)
        if sec["table"]:
            t = sec["table"]
            pdf.grid(t["headers"], t["rows"], t["widths"])
        for lead, text in sec.get("after", []):
            pdf.para(text, bold_lead=lead or None)
    return bytes(pdf.output()), pdf.page


def render_pdf(m: dict[str, Any]) -> bytes:
    """One page: a long plan is set smaller (12 pt down to 9) until the letter fits."""
    m = sanitise(m)
    for body in (12, 11, 10, 9):
        data, pages = _pdf(m, body)
        if pages == 1:
            break
    return data


def render_docx(m: dict[str, Any]) -> bytes:
    m = sanitise(m)
    c = m["conference"]
    doc = Document()
    docx_render._styles(doc, 12)
    section = doc.sections[0]
    for side in ("top_margin", "bottom_margin"):
        setattr(section, side, docx_render.Pt(45))
    doc.core_properties.title = letter_title(m)
    doc.core_properties.subject = c["kind_label"]
    doc.add_heading(letter_title(m), level=0)
    doc.add_paragraph().add_run(c["title"]).bold = True
    doc.add_paragraph(letter_opening(m))
    for sec in letter_sections(m):
        doc.add_heading(sec["heading"], level=2)
        for lead, text in sec["lines"]:
            p = doc.add_paragraph()
            if lead:
                p.add_run(lead).bold = True
            p.add_run(text)
        if sec["table"]:
            docx_render._table(doc, sec["table"]["headers"], sec["table"]["rows"])
        for lead, text in sec.get("after", []):
            p = doc.add_paragraph()
            if lead:
                p.add_run(lead).bold = True
            p.add_run(text)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


RENDERERS = {"pdf": render_pdf, "docx": render_docx}
assert set(RENDERERS) == set(FORMATS), "a letter format without a renderer, or the other way round"


def render_letter(m: dict[str, Any], fmt: str) -> bytes:
    return RENDERERS[fmt](m)
