"""The family copy in Welsh, Polish and Arabic, parsed back from each format: the minutes'
own words in that language, what people typed exactly as typed, dates written the way
that language writes them, and nothing private. The full copy stays in English."""

from __future__ import annotations

import io
import json
import re

import pytest
from babel.dates import get_day_names, get_month_names
from docx import Document
from pypdf import PdfReader

from conference import i18n
from conference.minutes import build_minutes, render, speaking
from conference.minutes import phrases as w
from conference.minutes.language import ISOLATES, LRI, PDI

from .scenario import PRIVATE_TEXTS, SCRIPT, rich_conference

LANGUAGES = ["cy", "pl", "ar"]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# what people typed in the scenario, in four scripts
TYPED = [
    "Łucja Wójcik",
    "Ioana Șerban",
    "Олена",
    "Nain Jones",
    "GP appointment for Jo",
    "I hide under my bed",
]


@pytest.fixture(scope="module")
def copies():
    sim = rich_conference()
    out = {}
    for tag in ["en-GB", *LANGUAGES]:
        with speaking(tag):
            model = build_minutes(sim.board, sim.log, "family", "2026-11-27T12:00:00Z")
            out[tag] = {"model": model} | {
                fmt: render(model, fmt) for fmt in ("pdf", "docx", "html", "md", "json")
            }
    return out


def text_of(fmt: str, body: bytes) -> str:
    """The words a reader gets back from the file, whitespace made single."""
    if fmt == "pdf":
        raw = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(body)).pages)
    elif fmt == "docx":
        doc = Document(io.BytesIO(body))
        raw = "\n".join(
            [p.text for p in doc.paragraphs] + [c.text for t in doc.tables for r in t.rows for c in r.cells]
        )
    else:
        raw = body.decode()
    return " ".join(raw.split())


def found(phrase: str, text: str, fmt: str) -> bool:
    """The phrase is in the text. A PDF gives back a line that mixes directions in the
    order it is drawn, not the order it is read, so there each word must be found."""
    if fmt != "pdf":
        return phrase in text
    return all(word.strip("?؟:،,.()") in text for word in phrase.split())


def tr(tag: str, message: str) -> str:
    return i18n.translations(tag).gettext(message)


@pytest.mark.parametrize("tag", LANGUAGES)
@pytest.mark.parametrize("fmt", ["pdf", "docx", "html", "md"])
def test_headings_are_in_the_chosen_language_and_typed_words_are_untouched(copies, tag, fmt):
    text = text_of(fmt, copies[tag][fmt])
    english = text_of(fmt, copies["en-GB"][fmt])
    for key in ("summary", "attendance", "children", "scaling", "decision"):
        source = w.HEADINGS[key]
        translated = tr(tag, source)
        assert translated != source, f"{tag} has no translation of {source!r}"
        assert found(translated, text, fmt), (tag, fmt, translated)
        assert source not in text and source in english
    for column in ("What are we worried about?", "What needs to happen?"):
        assert found(tr(tag, column), text, fmt) and column not in text
    for typed in TYPED:
        assert typed in text, (tag, fmt, typed)
    for secret in PRIVATE_TEXTS:
        assert secret not in text


@pytest.mark.parametrize("tag", LANGUAGES)
def test_dates_are_written_in_that_language(copies, tag):
    """Next meeting Friday 26 February 2027: the weekday and month names come from the
    language's own calendar words (Babel's CLDR data), the numbers stay as digits."""
    locale = i18n.locale_of(tag)
    friday, february = get_day_names("wide", locale=locale)[4], get_month_names("wide", locale=locale)[2]
    for fmt in ("docx", "html"):
        text = text_of(fmt, copies[tag][fmt])
        assert re.search(rf"{re.escape(friday)} 26 {re.escape(february)} 2027", text, re.I), (tag, fmt)
        assert "February" not in text and "Friday" not in text


@pytest.mark.parametrize("tag", LANGUAGES)
def test_the_typed_words_in_the_model_are_byte_for_byte_the_english_copys(copies, tag):
    """Only the minutes' own words change with the language: every item, name, reason and
    statement part is the same string as in the English copy (a chair who gave no name is
    "Chair" in the copy's language: no one typed that)."""
    mine, english = copies[tag]["model"], copies["en-GB"]["model"]
    typed = lambda m: (  # noqa: E731
        [i["text"] for c in m["columns"] for g in c["categories"] for i in g["items"]],
        [p["name"] for p in m["attendance"] if p["role"] or p["name"] != tr(m["language"], "Chair")],
        [s["danger"] for s in m["statements"]],
        [a["action"] for a in m["plan"]],
        m["children"],
        m["network"],
    )
    assert typed(mine) == typed(english)
    assert SCRIPT in typed(mine)[0]
    assert mine["language"] == tag and english["language"] == "en-GB"
    assert json.loads(copies[tag]["json"])["language"] == tag


def test_the_arabic_copy_reads_right_to_left(copies):
    html = copies["ar"]["html"].decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert 'lang="cy" dir="ltr"' in copies["cy"]["html"].decode()
    # Word: bidi paragraphs and tables whose first column is on the right
    for tag, rtl in (("ar", True), ("cy", False)):
        doc = Document(io.BytesIO(copies[tag]["docx"]))
        normal = doc.styles["Normal"].element
        assert (normal.find(f"{W}pPr/{W}bidi") is not None) is rtl
        assert all((t._tbl.tblPr.find(f"{W}bidiVisual") is not None) is rtl for t in doc.tables)
        assert doc.tables
    # the PDF: headings are drawn from the right margin; an English name at the start
    # of a table row sits in the rightmost column
    page = PdfReader(io.BytesIO(copies["ar"]["pdf"])).pages[1]
    where: dict[str, float] = {}

    def visit(text, cm, tm, font, size):
        if text.strip():
            where.setdefault(text.strip(), tm[4])

    page.extract_text(visitor_text=visit)
    heading = tr("ar", w.HEADINGS["attendance"])
    name_col, role_col = tr("ar", "Name"), tr("ar", "Role")
    xs = {k: x for k, x in where.items()}
    assert any(heading in k for k in xs), sorted(xs)[:20]
    x_of = lambda needle: next(x for k, x in xs.items() if needle in k)  # noqa: E731
    assert x_of(name_col) > x_of(role_col)  # the first column is on the right
    assert x_of("Łucja Wójcik") > x_of(tr("ar", "Present"))


def test_the_full_copy_stays_in_english_and_the_default_is_english(copies):
    sim = rich_conference()
    model = build_minutes(sim.board, sim.log, "full", "2026-11-27T12:00:00Z")
    assert model["language"] == "en-GB"
    text = text_of("md", render(model, "md"))
    assert "Who was there" in text and "Record of every change" in text


def test_which_lines_an_arabic_pdf_may_write_without_shaping():
    """Only a line the bidi algorithm would draw the same in a right-to-left paragraph
    skips HarfBuzz; anything whose ends are neutral (a colon, a bracket) or that holds
    right-to-left letters is shaped and ordered."""
    from conference.minutes.pdf_render import COMPLEX, reads_the_same_both_ways

    for same in ("Łucja Wójcik", "Because of week 3", "10:00", "5", "•", "• ", "Dad (and Mum) shouts"):
        assert reads_the_same_both_ways(same), same
    for moves in ("Jo, 7: ", "(Dad)", "“I hide”", "3 children", "Dad shouts."):
        assert not reads_the_same_both_ways(moves), moves
    assert COMPLEX.search("Mam (أحد الوالدين)") and not COMPLEX.search("Олена Łucja")


def test_the_arabic_pdf_is_the_same_with_and_without_its_caches(copies, monkeypatch):
    """The PDF keeps each line's shaping, directional runs, text operators and encoded glyphs
    for reuse (bench/RESULTS.md): drawn again with nothing kept, the file holds the same
    pages and the same text."""
    from conference.minutes import pdf_render

    class Forgetful(dict):
        def __setitem__(self, key, value):
            pass

    init = pdf_render.MinutesPDF.__init__

    def forgetting(self, *args, **kwargs):
        init(self, *args, **kwargs)
        self._runs = Forgetful()
        self._shaped_lines = Forgetful()
        self._encoded = Forgetful()
        for font in self.fonts.values():
            font._shaped = Forgetful()

    monkeypatch.setattr(pdf_render.MinutesPDF, "__init__", forgetting)
    with speaking("ar"):
        again = render(copies["ar"]["model"], "pdf")
    pages = lambda body: [p.extract_text() for p in PdfReader(io.BytesIO(body)).pages]  # noqa: E731
    assert pages(again) == pages(copies["ar"]["pdf"])


@pytest.mark.parametrize(
    ("tag", "count", "needed", "said"),
    [
        (
            "en",
            1,
            3,
            "Not quorate: only 1 agency was there besides the family (Police); 3 agencies are needed",
        ),
        (
            "en",
            2,
            1,
            "Quorate: 2 agencies were there besides the family (Police, School); 1 agency is needed",
        ),
        (
            "pl",
            1,
            3,
            "Brak kworum: poza rodziną obecna była tylko 1 instytucja (Police); potrzebne są 3 instytucje",
        ),
        (
            "pl",
            2,
            2,
            "Kworum jest: poza rodziną obecne były 2 instytucje (Police, School); potrzebne są 2 instytucje",
        ),
        (
            "pl",
            5,
            5,
            "Kworum jest: poza rodziną obecnych było 5 instytucji (Police, School); potrzeba 5 instytucji",
        ),
        ("ar", 1, 3, "النصاب غير مكتمل: لم تحضر إلا جهة واحدة غير العائلة (Police)؛ والمطلوب 3 جهات"),
        ("ar", 2, 2, "النصاب مكتمل: حضرت جهتان غير العائلة (Police, School)؛ والمطلوب جهتان"),
        (
            "cy",
            0,
            3,
            "Dim cworwm: doedd dim un asiantaeth yno ar wahân i’r teulu (dim); mae angen 3 asiantaeth",
        ),
        (
            "cy",
            3,
            3,
            "Cworwm: roedd 3 asiantaeth yno ar wahân i’r teulu (Police, School); mae angen 3 asiantaeth",
        ),
    ],
)
def test_the_quorum_line_says_its_numbers_in_that_languages_plural(tag, count, needed, said):
    labels = ["Police", "School"][:count] if count else []
    quorum = {"agencies": ["x"] * count, "agency_labels": labels, "needed": needed, "met": count >= needed}
    with speaking(tag):
        line = w.quorum_line({"quorum": quorum})[0][1]
    # the words as said; in Arabic the agencies' names typed in English each isolated (bidi)
    assert "".join(ch for ch in line if ch not in ISOLATES) == said
    assert (LRI + ", ".join(labels) + PDI in line) == (tag == "ar" and count > 0), line


def test_the_arabic_pdf_footer_has_no_gap_before_the_page_count(copies):
    """'صفحة 1 من 5': the count sits a space from the words, not in the wider room its
    placeholder took (the footer's only gap is the space the sentence has)."""
    reader = PdfReader(io.BytesIO(copies["ar"]["pdf"]))
    total = str(len(reader.pages))
    for page in reader.pages:
        runs: list[tuple[float, float, str]] = []

        def seen(text, cm, tm, font, size, runs=runs):
            runs.append((tm[4], tm[5], text))

        page.extract_text(visitor_text=seen)
        footer_y = min(y for _, y, text in runs if text.strip())
        footer = [(x, text) for x, y, text in runs if y == footer_y and text.strip()]
        count = next(x for x, text in footer if text.strip() == total)
        words = min(x for x, text in footer if re.search("[\u0600-\u06ff]", text))
        digit, space = 0.636 * 8.5, 0.318 * 8.5  # DejaVu Sans at 8.5 pt: a digit, a space
        gap = words - (count + len(total) * digit)
        assert 0 <= gap <= 1.5 * space, (footer, gap)


@pytest.mark.parametrize("large", [False, True], ids=["12pt", "large-print"])
@pytest.mark.parametrize("tag", ["en-GB", *LANGUAGES])
def test_a_pdf_table_heading_wraps_only_at_its_spaces(tag, large, monkeypatch):
    """Every table's headings as the real minutes draw them (a first conference's and a
    review's, the family copy and the full record): each heading cell is wrapped only at
    its spaces, so a narrow column such as the scores' keeps "Score" whole ("Sco" over
    "re" was the fault), in every language and in large print."""
    from conference.minutes import pdf_render

    from .scenario import review_conference

    headings: list[list[str]] = []
    wrapped: dict[str, list[list[str]]] = {}
    grid, wrap = pdf_render.MinutesPDF.grid, pdf_render.MinutesPDF.wrap

    def noting_grid(self, headers, rows, widths):
        headings.append(list(headers))
        return grid(self, headers, rows, widths)

    def noting_wrap(self, text, width):
        lines = wrap(self, text, width)
        if "B" in self.font_style:
            wrapped.setdefault(str(text), []).append(lines)
        return lines

    monkeypatch.setattr(pdf_render.MinutesPDF, "grid", noting_grid)
    monkeypatch.setattr(pdf_render.MinutesPDF, "wrap", noting_wrap)
    for sim in (rich_conference(), review_conference()):
        for copy in ("family", "full"):
            with speaking(tag):
                pdf_render.render(
                    build_minutes(sim.board, sim.log, copy, "2026-11-27T12:00:00Z"), large=large
                )
    scores = tr(tag, "Score") if tag != "en-GB" else "Score"
    assert [scores] in [h[2:3] for h in headings], "the scores table was drawn"
    for heading in {h for hs in headings for h in hs}:
        for lines in wrapped[heading]:
            assert [w for line in lines for w in line.split()] == heading.split(), (heading, lines)


@pytest.mark.parametrize("body", [12, 16])
def test_a_table_of_many_narrow_columns_keeps_every_column_and_the_page_width(body):
    """A review chain's scores over time: a label column and a date for each of many
    conferences, each heading with a long word. Where the headings cannot all fit, the
    columns keep their shares (no column squeezed to nothing, none past the page); where
    they can, each heading word fits and no column gives more than it has to spare."""
    from conference.minutes.pdf_render import MinutesPDF

    pdf = MinutesPDF("t", "d", body=body)
    pdf.add_page()
    total = pdf.w - pdf.l_margin - pdf.r_margin
    for n in (2, 3, 6, 8, 12):
        headers = ["", *[f"Wednesday {d} października 2026" for d in range(n)]]
        widths = (40,) + (60 // n,) * n
        cols = pdf.columns(headers, widths, body, 1.4)
        assert abs(sum(cols) - total) < 0.01 and min(cols) > 0, (n, cols)
        assert cols[0] >= total * 40 / sum(widths) * 0.5, (n, cols)  # the labels keep room
    # a scores table: the narrow "Score" column widened from the others' spare room
    cols = pdf.columns(["Who", "Role", "Score", "Why"], (30, 30, 8, 32), body, 1.4)
    pdf.set_font("DejaVu", "B", body)
    assert cols[2] >= pdf.width_of("Score") + 2.8 and abs(sum(cols) - total) < 0.01


def test_a_chair_who_gave_no_name_is_the_chair_in_the_copys_language_and_said_once():
    from ..domain.harness import Sim

    s = Sim()  # made with no chair's name: "Chair" on the board
    s.command(s.chair, "item.add", {"column": "worries", "text": "Jo missed school"})
    with speaking("cy"):
        md = render(build_minutes(s.board, s.log, "full", "2026-11-27T12:00:00Z"), "md").decode()
    chair = tr("cy", "Chair")
    assert chair != "Chair" and "Chair" not in md.replace("Chairperson", "")
    assert f"{chair} ({chair})" not in md
    assert f"- Jo missed school — {chair}" in md.splitlines()  # the item's author, said once
