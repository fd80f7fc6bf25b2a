"""Names and items in every script a UK family writes, in every format of both copies: the
PDF draws each character with a glyph of a font it embeds and fpdf2 reports no missing glyph;
the other formats keep the text as typed."""

from __future__ import annotations

import html
import io
import json
import logging
import re
import warnings

import pytest
from docx import Document
from fontTools.cffLib import CFFFontSet
from fontTools.pens.boundsPen import BoundsPen
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from conference.minutes import build_minutes, render

from ..domain.harness import Sim

# (who, their role, what they add): one script each
WRITERS = [
    ("Zoë Łucja Wójcik-Ñúñez", "parent_carer", "Ça m'inquiète: Jiří, Ærø, Åse, Øyvind, Göğüş, Şişli, Ő, ß"),
    ("Σοφία Παπαδοπούλου", "family_network", "Η γιαγιά βοηθάει τις Κυριακές"),
    ("Олена Коваленко", "health", "Мама водить Олю до школи щодня"),
    ("فاطمة الزهراء", "family_network", "الجدة تساعد يوم الأحد"),
    ("عائشہ بی بی", "parent_carer", "ہمارے بچے اسکول جاتے ہیں"),  # Urdu
    ("ژیلا ڕەحیم", "family_network", "داپیرە یارمەتی دەدات لە ڕۆژی یەکشەممە"),  # Kurdish Sorani
    ("আমিনা বেগম", "parent_carer", "আমার মেয়ে স্কুলে যায়"),  # Bengali
    ("ਹਰਪ੍ਰੀਤ ਕੌਰ", "family_network", "ਦਾਦੀ ਐਤਵਾਰ ਨੂੰ ਮਦਦ ਕਰਦੀ ਹੈ"),  # Gurmukhi
    ("પ્રિયા પટેલ", "parent_carer", "અમે દરરોજ શાળાએ જઈએ છીએ"),  # Gujarati
    ("प्रिया शर्मा", "education", "बच्चे स्कूल में ख़ुश हैं"),  # Devanagari
    ("கவிதா முருகன்", "family_network", "பாட்டி ஞாயிற்றுக்கிழமை உதவுகிறார்"),  # Tamil
    ("王小明", "parent_carer", "奶奶每个星期天帮忙照顾孩子"),  # Chinese, simplified
    ("陳美麗", "family_network", "祖母每個星期天幫忙照顧孩子們"),  # Chinese, traditional
    ("ሰላም ተስፋዬ", "parent_carer", "አያቴ እሁድ ትረዳናለች"),  # Ethiopic (Amharic)
    ("Jo 😊", "child_young_person", "I feel safe with Gran ❤️ 👍🏽 👩‍👧"),  # emoji
]
SAMPLES = [text for name, _, item in WRITERS for text in (name, item)]
# drawn as part of their neighbours, not glyphs of their own
INVISIBLE = {"\u200c", "\u200d", "\ufe0e", "\ufe0f", " "}


def every_script_conference() -> Sim:
    s = Sim()
    s.command(s.chair, "conference.update", {"lobby": False})
    columns = [
        ("worries", "future_danger"),
        ("working_well", "existing_strengths"),
        ("next_steps", "actions"),
    ]
    for n, (name, role, item) in enumerate(WRITERS):
        who = s.join(name, role)
        column, category = columns[n % 3]
        payload = {"column": column, "category": category, "text": item}
        if column == "next_steps":
            payload["owner"] = name
        s.command(who, "item.add", payload)
    s.command(s.chair, "statement.add", {"kind": "safety_goal", "text": " / ".join(SAMPLES[:8])})
    question = "Where are we? 我们在哪里? আমরা কোথায়?"
    rid = s.command(s.chair, "round.open", {"question": question})["result"]["id"]
    s.command(s.chair, "round.reveal", {"round_id": rid})
    return s


@pytest.fixture(scope="module")
def exported():
    sim = every_script_conference()
    out, said = {}, []

    class Heard(logging.Handler):
        def emit(self, record):
            said.append(record.getMessage())

    heard = Heard(logging.WARNING)
    logging.getLogger().addHandler(heard)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            for copy in ("full", "family"):
                m = build_minutes(sim.board, sim.log, copy, "2026-11-27T12:00:00Z")
                for fmt in ("md", "json", "html", "docx", "pdf"):
                    out[copy, fmt] = render(m, fmt)
    finally:
        logging.getLogger().removeHandler(heard)
    return out, said + [str(w.message) for w in caught]


def test_no_missing_glyphs_are_reported(exported):
    _, said = exported
    assert not [s for s in said if "missing" in s.lower() or "glyph" in s.lower()], said


def _embedded_glyphs(body: bytes) -> dict[str, list[tuple[str, bool]]]:
    """Each character the PDF's text maps back to (its fonts' ToUnicode CMaps), with the font
    it was drawn in and whether that font's embedded subset has an outline for its glyph."""
    drawn: dict[str, list[tuple[str, bool]]] = {}
    seen = set()
    for page in PdfReader(io.BytesIO(body)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            if font.indirect_reference in seen if hasattr(font, "indirect_reference") else False:
                continue
            seen.add(getattr(font, "indirect_reference", id(font)))
            name = str(font["/BaseFont"])
            cid_font = font["/DescendantFonts"][0].get_object()
            glyph_for = _glyphs(cid_font["/FontDescriptor"].get_object(), cid_font.get("/CIDToGIDMap"), font)
            cmap = font["/ToUnicode"].get_object().get_data().decode()
            for cid, hexes in re.findall(r"<([0-9A-Fa-f]{4})>\s*<([0-9A-Fa-f]+)>", cmap):
                text = bytes.fromhex(hexes).decode("utf-16-be")
                has_outline = glyph_for(int(cid, 16))
                for ch in text:
                    drawn.setdefault(ch, []).append((name, has_outline))
    return drawn


def _glyphs(descriptor, cid_to_gid, font):
    """Whether the embedded program has an outline for the glyph a code in the text selects,
    glyph 0 being .notdef, the empty box: TrueType through the CIDToGIDMap, bare CID-keyed
    CFF (Noto Sans CJK) through the font's encoding CMap, code -> CID, and the CFF charset."""
    if "/FontFile2" in descriptor:
        face = TTFont(io.BytesIO(descriptor["/FontFile2"].get_object().get_data()))
        order, glyphs = face.getGlyphOrder(), face.getGlyphSet()
        table = cid_to_gid.get_object().get_data() if cid_to_gid not in (None, "/Identity") else None

        def truetype(cid: int) -> bool:
            gid = int.from_bytes(table[2 * cid : 2 * cid + 2], "big") if table is not None else cid
            return 0 < gid < len(order) and _drawn(glyphs[order[gid]], glyphs)

        return truetype
    cff = CFFFontSet()
    cff.decompile(io.BytesIO(descriptor["/FontFile3"].get_object().get_data()), None)
    top = cff[cff.fontNames[0]]
    strings = top.CharStrings
    encoding = font["/Encoding"].get_object().get_data().decode()
    cids = {int(code, 16): int(cid) for code, cid in re.findall(r"<([0-9A-Fa-f]{4})>\s+(\d+)", encoding)}

    def cff_glyph(code: int) -> bool:
        name = f"cid{cids.get(code, 0):05d}"
        return name != "cid00000" and name in strings and _drawn(strings[name], None)

    return cff_glyph


def _drawn(glyph, glyphs) -> bool:
    pen = BoundsPen(glyphs)
    glyph.draw(pen)
    return pen.bounds is not None


@pytest.mark.parametrize("copy", ["full", "family"])
def test_every_character_has_a_glyph_in_an_embedded_font(exported, copy):
    files, _ = exported
    drawn = _embedded_glyphs(files[copy, "pdf"])
    for text in SAMPLES:
        for ch in set(text) - INVISIBLE:
            assert ch in drawn, f"{ch!r} (U+{ord(ch):04X}) of {text!r} is not drawn"
            assert any(ok for _, ok in drawn[ch]), f"{ch!r} of {text!r} is drawn blank: {drawn[ch]}"


def _text(fmt: str, body: bytes) -> str:
    if fmt == "docx":
        doc = Document(io.BytesIO(body))
        return "\n".join(
            [p.text for p in doc.paragraphs] + [c.text for t in doc.tables for r in t.rows for c in r.cells]
        )
    if fmt == "html":
        return html.unescape(body.decode())
    if fmt == "json":
        return json.dumps(json.loads(body), ensure_ascii=False)
    return body.decode()


@pytest.mark.parametrize("fmt", ["md", "json", "html", "docx"])
@pytest.mark.parametrize("copy", ["full", "family"])
def test_the_other_formats_keep_the_text_as_typed(exported, copy, fmt):
    files, _ = exported
    text = _text(fmt, files[copy, fmt])
    for sample in SAMPLES:
        assert sample in text, (fmt, sample)


def _contents(body: bytes) -> list[bytes]:
    return [page.get_contents().get_data() for page in PdfReader(io.BytesIO(body)).pages]


def test_shaped_lines_are_runs_not_glyphs_placed_one_by_one(exported):
    """A shaped line is one TJ array per run (bench/RESULTS.md, step 18: fpdf2 placed each
    glyph of a DejaVu Sans run with its own text matrix, tripling the file's size)."""
    files, _ = exported
    streams = b"\n".join(_contents(files["full", "pdf"]))
    assert b" TJ" in streams
    assert b" Tm" not in streams


def test_shaped_lines_start_where_the_others_do(exported):
    """ "— Zoë …" (written directly) and "— আমিনা …" (shaped: its dash is a run of its own to
    pypdf) start at the same indent; fpdf2's cell() would have put the shaped ones 1 mm in."""
    files, _ = exported
    plain: list[float] = []
    shaped: list[float] = []

    def visit(text, cm, tm, font, size):
        if text.startswith("— Zoë"):
            plain.append(tm[4])
        elif text == "— ":
            shaped.append(tm[4])

    PdfReader(io.BytesIO(files["full", "pdf"])).pages[1].extract_text(visitor_text=visit)
    # (a dash inside a line, where a right-to-left name ends, is further along)
    assert plain and sum(abs(x - plain[0]) < 0.01 for x in shaped) >= 3, (plain, shaped)
    assert not [x for x in shaped if 0.01 < abs(x - plain[0]) < 5], (plain, shaped)


def test_a_bold_heading_in_a_noto_font_is_drawn_bold(exported):
    """The scaling question "…我们在哪里? আমরা কোথায়?" is a bold heading: Noto comes in one
    weight here, so its glyphs are stroked as well as filled (text render mode 2)."""
    files, _ = exported
    streams = b"\n".join(_contents(files["full", "pdf"]))
    assert b" 2 Tr " in streams and b" 0 Tr" in streams
