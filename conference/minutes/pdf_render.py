"""PDF minutes with fpdf2: DejaVu Sans (shipped in fonts/), then Noto fonts for every other
script a family writes in (fonts.py), so every name prints as written."""

from __future__ import annotations

import logging
import os
import re
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from fontTools.ttLib import TTFont
from fpdf import FPDF
from fpdf.enums import Align, PDFResourceType
from fpdf.fonts import SubsetMap, TTFFont
from fpdf.line_break import Fragment, TextLine

from .. import i18n
from . import fonts as noto
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

# fpdf2 subsets every font it embeds with fontTools, whose subsetter says each table it prunes
# at INFO: ~20 lines a copy in the server's log, none of them news. Its warnings still show.
for _noisy in ("fontTools", "fontTools.subset", "fontTools.ttLib"):
    logging.getLogger(_noisy).setLevel(logging.WARNING)

FONTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fonts")
# scripts whose letters join or reorder (Hebrew, Arabic, Syriac, Thaana, N'Ko and their
# presentation forms): a line holding them goes through fpdf2's text shaping (HarfBuzz)
# and the Unicode bidi algorithm; so does a line with any character DejaVu Sans lacks (an
# Indic script, Chinese, an emoji); every other line takes the fast path
COMPLEX = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
# the joiners and variation selectors DejaVu Sans has but leaves to the Noto fonts, so that
# they stay with the letters or emoji they join ("👩‍👧" is one glyph of Noto Emoji)
JOINERS = frozenset([0x200C, 0x200D, 0xFE0E, 0xFE0F])
# Arabic script. DejaVu Sans draws it, as it always has, and its glyphs copy out of the PDF as
# the letters typed; but it lacks a few letters (Urdu's ے), and a word must not change font
# between two joined letters: a line holding one of those has all its Arabic-script letters
# set in Noto Sans Arabic instead (which draws some dots as glyphs of their own, so that line
# copies out with stray characters: docs/minutes.md)
ARABIC = frozenset(
    [*range(0x0600, 0x0700), *range(0x0750, 0x0780), *range(0x08A0, 0x0900)]
    + [*range(0xFB50, 0xFE00), *range(0xFE70, 0xFF00)]
)


class ShapeOnce(TTFFont):
    """DejaVu Sans that shapes a line through HarfBuzz once per file. A long Arabic copy
    draws the same dates, roles and running header hundreds of times; shaping is a pure
    function of the text, size and shaping settings, and fpdf2 only reads its result."""

    __slots__ = ("_shaped", "read")
    read: TTFont

    def _remembered(self, how, text, font_size_pt, params):
        try:
            shaped = self._shaped
        except AttributeError:
            shaped = self._shaped = {}
        key = (how.__name__, text, font_size_pt, repr(sorted((params or {}).items())))
        found = shaped.get(key)
        if found is None:
            found = shaped[key] = how(self, text, font_size_pt, params)
        return found

    def perform_harfbuzz_shaping(self, text, font_size_pt, text_shaping_params):  # type: ignore[override]
        infos, positions = self._remembered(
            TTFFont.perform_harfbuzz_shaping, text, font_size_pt, text_shaping_params
        )
        for info in infos:
            # HarfBuzz draws a character the font lacks as glyph 0, the empty box; fpdf2
            # reports those only for unshaped text: recorded here, it warns for these too
            if info.codepoint == 0 and ord(text[info.cluster]) not in self.missing_glyphs:
                self.missing_glyphs.append(ord(text[info.cluster]))
        return infos, positions

    def shape_text(self, text, font_size_pt, text_shaping_params):  # type: ignore[override]
        return self._remembered(TTFFont.shape_text, text, font_size_pt, text_shaping_params)


NUMBER = re.compile(r"[0-9]+(?:[:.,/–-][0-9]+)*")


def reads_the_same_both_ways(line: str) -> bool:
    """A line with no right-to-left letters that the bidi algorithm would draw the same in
    a right-to-left paragraph: it starts with a left-to-right letter and ends with one or a
    digit (every neutral in between then resolves left to right), or it is one number
    ("10:00"). Such a line skips shaping, which is what keeps a long Arabic copy fast;
    "Jo, 7: " does not (its colon moves to the left end) and is shaped."""
    line = line.strip()  # a space at either end is never seen
    if len(line) <= 1 or NUMBER.fullmatch(line):
        return True  # "•", "5", "10:00"
    first, last = unicodedata.bidirectional(line[0]), unicodedata.bidirectional(line[-1])
    return first == "L" and last in ("L", "EN")


def first_strong(text: str, default: str) -> str:
    """The direction a line of people's words reads in, from its first letter that has one
    (as `unicode-bidi: plaintext` does on the screens); the document's own if none does.
    Letters inside an isolate (a name put into a sentence, minutes/language.py) are passed
    over, as the bidi algorithm passes over them (rule P2): "Sam Patel (your lead social
    worker)" in Arabic reads from the right."""
    depth = 0
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("LRI", "RLI", "FSI"):
            depth += 1
        elif kind == "PDI":
            depth = max(0, depth - 1)
        elif depth:
            continue
        elif kind == "L":
            return "ltr"
        elif kind in ("R", "AL"):
            return "rtl"
    return default


# what fpdf2 reads from a font file when it is added (widths, cmap, glyph ids: ~0.07 s a
# Noto font, for every file), read once a process and shared, as fpdf2's own __deepcopy__
# shares them; each file gets its own subset, its own copy of the file to subset and its
# own shaping cache
_PER_FILE = frozenset(["i", "fontkey", "ttfont", "subset", "missing_glyphs", "biggest_size_pt"])
# tables the embedded subset leaves out, taken out of the file's copy before fpdf2 subsets
# it: a variable Noto font's variations (a PDF draws the default instance, Regular), and
# the layout tables, which fpdf2 drops too but which fontTools reads first (0.1 s a file);
# HarfBuzz shapes from the font file itself
UNEMBEDDED = ("fvar", "gvar", "avar", "cvar", "HVAR", "VVAR", "MVAR", "STAT", "GSUB", "GPOS", "GDEF")
_read: dict[tuple[Path, int, str], ShapeOnce] = {}


def _font(pdf: FPDF, path: Path, key: str, style: str, index: int = 0) -> ShapeOnce:
    first = _read.get((path, index, style))
    if first is None:
        first = _read[path, index, style] = ShapeOnce(pdf, path, key, style, collection_font_number=index)
        if key.startswith("dejavu"):
            for cp in JOINERS.intersection(first.cmap):
                del first.cmap[cp]
    font = ShapeOnce.__new__(ShapeOnce)
    for name in TTFFont.__slots__:
        if name not in _PER_FILE and hasattr(first, name):
            setattr(font, name, getattr(first, name))
    font.i, font.fontkey = len(pdf.fonts) + 1, key
    font.ttfont = TTFont(path, recalcTimestamp=False, fontNumber=index, lazy=True)
    for tag in UNEMBEDDED:
        if tag in font.ttfont:
            del font.ttfont[tag]
    font.missing_glyphs, font.biggest_size_pt = [], 0
    font.read = first.ttfont  # never subset: glyph names and widths, without reading them again
    font.subset = SubsetMap(font)
    return font


def _dejavu(pdf: FPDF, style: str) -> ShapeOnce:
    return _font(pdf, Path(FONTS) / f"DejaVuSans{'-Bold' if style else ''}.ttf", f"dejavu{style}", style)


def _without_arabic(font: ShapeOnce) -> dict[int, str]:
    return {cp: name for cp, name in font.cmap.items() if cp not in ARABIC}


def _joined(runs: Sequence[Fragment]) -> Iterator[Fragment]:
    """fpdf2 starts a new run at each character of the Unicode script "Inherited": Arabic
    vowel marks (ً ّ), the joiners, variation selectors. Shaped on its own, a mark sits
    beside its letter, not over it, and "👩‍👧" falls apart: runs in the same font, style
    and direction are put back together."""
    held: Fragment | None = None
    for run in runs:
        if held is not None and type(run) is Fragment and type(held) is Fragment and held.has_same_style(run):
            held = Fragment(held.characters + run.characters, held.graphics_state, held.k)
            continue
        if held is not None:
            yield held
        held = run
    if held is not None:
        yield held


INK = (11, 12, 12)
MUTED = (80, 90, 95)


class MinutesPDF(FPDF):
    def __init__(self, title: str, date: str, body: float = 12, rtl: bool = False):
        super().__init__(format="A4")
        self.rtl = rtl  # an Arabic copy: the page reads from the right
        self.direction = "rtl" if rtl else "ltr"
        self.body = body  # points: 12, or 16 for large print
        self.doc_title, self.doc_date = title, date
        dejavu: dict[str, ShapeOnce] = {}
        for style in ("", "B"):
            # as add_font("DejaVu", style, …) does, with a font that shapes each line once
            self.fonts[f"dejavu{style}"] = dejavu[f"dejavu{style}"] = _dejavu(self, style)
        # a line holding only characters both DejaVu fonts draw is written directly; any
        # other goes through fpdf2's fragments, which take the rest from the Noto fonts
        self.covered = frozenset(map(chr, dejavu["dejavu"].cmap.keys() & dejavu["dejavuB"].cmap.keys()))
        self._last_fallback: str | None = None
        self.arabic_gaps = frozenset(map(chr, ARABIC - dejavu["dejavu"].cmap.keys()))
        self._cmaps = {key: (font.cmap, _without_arabic(font)) for key, font in dejavu.items()}
        self.set_margins(18, 20, 18)
        self.set_auto_page_break(True, margin=18)
        self.set_title(title)
        self.set_creator("Conference Board")
        self._widths: dict[tuple[str, float, str], float] = {}
        self._runs: dict[tuple, Any] = {}
        self._shaped_lines: dict[tuple, tuple[str, float, tuple[int, ...]]] = {}
        self._encoded: dict[tuple[int, str], str] = {}

    def needs_shaping(self, text: str) -> bool:
        """Joined or right-to-left letters, or any character DejaVu Sans does not draw (an
        Indic script's letters must be shaped too: a vowel sign before its consonant)."""
        return bool(COMPLEX.search(text)) or not self.covered.issuperset(text)

    @contextmanager
    def arabic_in_noto(self, text: str) -> Iterator[None]:
        """Within: DejaVu Sans leaves Arabic script to Noto Sans Arabic, if the text holds a
        letter DejaVu Sans lacks (see ARABIC)."""
        if self.arabic_gaps.isdisjoint(text):
            yield
            return
        for key, (_, without) in self._cmaps.items():
            self.fonts[key].cmap = without  # type: ignore[union-attr]
        try:
            yield
        finally:
            for key, (full, _) in self._cmaps.items():
                self.fonts[key].cmap = full  # type: ignore[union-attr]

    def get_fallback_font(self, char: str, style: str = "") -> str | None:  # type: ignore[override]
        """The Noto font for a character DejaVu Sans lacks, added to this file the first time
        it is needed (a copy in English loads none). The font of the character before keeps
        a joiner, a danda or a mark that several fonts have, so a word stays in one font. A
        bold line takes the regular Noto face: only DejaVu Sans comes in bold here."""
        code = ord(char)
        last = self._last_fallback
        if last is not None and code in self.fonts[last].cmap:  # type: ignore[union-attr]
            return last
        found = noto.font_for(code)
        if found is None:
            return None
        key = found.key
        if key not in self.fonts:
            self.fonts[key] = _font(self, found.path, key, "", found.index)
            self._fallback_font_ids.append(key)
        self._last_fallback = key
        return key

    def _preload_bidirectional_text(self, text, markdown):  # type: ignore[override]
        """fpdf2 splits a line into directional runs (the bidi algorithm) for each call; a
        long Arabic copy draws the same line hundreds of times in the same style, so the
        runs are worked out once per line, style, size, colour and direction."""
        if not self.text_shaping:
            return super()._preload_bidirectional_text(text, markdown)
        key = (
            text,
            markdown,
            self.font_family,
            self.font_style,
            self.font_size_pt,
            repr(self.text_color),
            self.text_shaping.get("direction"),
        )
        found = self._runs.get(key)
        if found is None:
            found = self._runs[key] = tuple(_joined(super()._preload_bidirectional_text(text, markdown)))
        return found

    def header(self) -> None:
        self.set_font("DejaVu", "", 8.5)
        self.set_text_color(*MUTED)
        line = f"{self.doc_title} — {self.doc_date}"
        self.draw(line, self.l_margin, self.get_y(), self.w - self.l_margin - self.r_margin, 5, end=True)
        self.ln(5)
        self.ln(3)
        self.set_text_color(*INK)

    def footer(self) -> None:
        self.set_y(-13)
        self.set_font("DejaVu", "", 8.5)
        self.set_text_color(*MUTED)
        line = say("page", n=self.page_no(), total="{nb}")
        if self.needs_shaping(line):
            self.shaped_footer(line)
        else:  # the page count is filled in when the file is written, in the space kept for it
            self.cell(0, 6, line, align="C")
        self.set_text_color(*INK)

    def shaped_footer(self, line: str) -> None:
        """A footer in a script that is shaped (Arabic): its words shaped, the page count
        drawn on its own beside them. Shaped, the count would keep the width of its
        placeholder, a wide gap once it is filled in; on its own it keeps a number's width,
        against the words on their side (right-aligned in a right-to-left line)."""
        before, _, after = (part.strip() for part in line.partition("{nb}"))
        rtl = self.direction == "rtl"
        y, margin, space = self.get_y(), self.c_margin, self.get_string_width(" ")
        self.c_margin = 0  # the parts touch but for a space
        self.set_text_shaping(use_shaping_engine=True, direction=self.direction)
        widths = [self.get_string_width(before) if before else 0.0]
        widths.append(self.get_string_width(after) if after else 0.0)
        self.set_text_shaping(False)
        count = self.get_string_width("000")  # the width fpdf2 keeps for the count
        # what is read first is on the right in a right-to-left line
        parts = [(before, widths[0], "words"), ("{nb}", count, "count"), (after, widths[1], "words")]
        parts = [p for p in parts if p[1]]
        if rtl:
            parts.reverse()
        x = (self.w - sum(w for _, w, _ in parts) - space * (len(parts) - 1)) / 2
        self.alias_nb_pages(align="R" if rtl else "L")
        for text, width, kind in parts:
            self.set_xy(x, y)
            if kind == "words":
                self.set_text_shaping(use_shaping_engine=True, direction=self.direction)
            self.cell(width, 6, text, align="R" if rtl else "L")
            self.set_text_shaping(False)
            x += width + space
        self.alias_nb_pages()
        self.c_margin = margin

    def heading(self, text: str, level: int = 1) -> None:
        size = {0: self.body + 8, 1: self.body + 4, 2: self.body + 1.5}[level]
        if self.will_page_break(size * 2):
            self.add_page()
        self.ln(4 if level else 0)
        self.start_section(text, level=max(0, level - 1)) if level else None
        self.set_font("DejaVu", "B", size)
        width = self.w - self.l_margin - self.r_margin
        for line in self.wrap(text, width):
            self.draw(line, self.l_margin, self.get_y(), width, size * 0.5)
            self.set_y(self.get_y() + size * 0.5)
        if level == 1:
            y = self.get_y() + 1
            self.line(self.l_margin, y, self.w - self.r_margin, y)
            self.ln(2.5)
        else:
            self.ln(1)
        self.set_font("DejaVu", "", self.body)

    def draw(
        self,
        line: str,
        x: float,
        y: float,
        width: float,
        height: float,
        end: bool = False,
        own: str | None = None,
    ) -> None:
        """One line in the box (x, y, width, height): at the box's start — the left, or the
        right in an Arabic copy — or at its end with `end`. A line with joined or right-to-left
        letters is shaped by HarfBuzz and ordered by the bidi algorithm in `own` direction
        (the paragraph's, from its first strong letter, as `unicode-bidi: plaintext` reads
        people's words on the screens; else the copy's); every other line is written
        directly, which is far faster for a long record."""
        at_right = self.rtl != end
        baseline = y + height * 0.72
        if self.needs_shaping(line) or (
            (own or self.direction) == "rtl" and not reads_the_same_both_ways(line)
        ):
            ops, line_w, used = self.shaped(line, own or self.direction)
            left = x + width - line_w if at_right else x
            for i in used:  # the page's resources name every font its text selects
                self._resource_catalog.add(PDFResourceType.FONT, i, self.page)
            # q … Q: the fonts this line selects do not outlive it, so the page's own font
            # stays the one fpdf2 set (text-state operators are part of the graphics state)
            assert self.text_color is not None
            colour = self.text_color.serialize().lower()
            if " Tr " in ops:  # a stroked bold run: the outline in the text's colour
                colour += f" {colour.upper()}"
            self._out(f"q {colour} BT {left * self.k:.2f} {(self.h - baseline) * self.k:.2f} Td {ops} ET Q")
        else:
            if self.rtl:
                line = line.strip()  # "• " drawn from the right margin: the bullet at the edge
            left = x + width - self.width_of(line) if at_right else x
            self.plain(left, baseline, line)

    def plain(self, x: float, baseline: float, line: str) -> None:
        """fpdf2's text(), with each line's encoded glyphs kept: a long record writes the
        same names, roles and times thousands of times."""
        font = self.current_font
        assert isinstance(font, TTFFont) and self.text_color is not None
        key = (font.i, line)
        glyphs = self._encoded.get(key)
        if glyphs is None:
            glyphs = self._encoded[key] = font.encode_text(line)
        if not self.current_font_is_set_on_page:
            self._out(self._set_font_for_page(font, self.font_size_pt))
        out = f"BT {x * self.k:.2f} {(self.h - baseline) * self.k:.2f} Td {glyphs} ET"
        if self.fill_color != self.text_color:
            out = f"q {self.text_color.serialize().lower()} {out} Q"
        self._out(out)

    def shaped(self, line: str, direction: str) -> tuple[str, float, tuple[int, ...]]:
        """A line shaped by HarfBuzz, as fpdf2 splits it: the bidi algorithm's runs in
        `direction`, each in the font that draws it (DejaVu Sans, or a Noto font through
        get_fallback_font). Returned as text operators relative to the line's start, its
        width in mm and the fonts it selects: worked out once per line, style and size.

        fpdf2 would write each glyph of a DejaVu Sans run at its own absolute position (it
        compares HarfBuzz's advances, in the font's 2,048 units, with widths in thousandths
        of an em, which never match), tripling a copy's size; here a run is one TJ array,
        numbers only where HarfBuzz moves a glyph from where its width would put it."""
        key = (line, self.font_style, self.font_size_pt, direction)
        found = self._shaped_lines.get(key)
        if found is not None:
            return found
        self.set_text_shaping(use_shaping_engine=True, direction=direction)
        try:
            with self.arabic_in_noto(line):
                logical = self._preload_bidirectional_text(self.normalize_text(line), False)
                # as fpdf2's cell() draws them: the runs from left to right
                runs = TextLine(logical, 0, 0, Align.L, 0, None).get_ordered_fragments()
                pen = [0.0, 0.0, 0.0]
                last = [""]
                parts = [self._run_ops(run, pen, last) for run in runs]
        finally:
            self.set_text_shaping(False)
        ops = " ".join(ops for ops, _, _ in parts) + (" 0 Tr" if "Tr" in last[0] else "")
        found = self._shaped_lines[key] = (
            ops,
            sum(w for _, w, _ in parts),
            tuple(dict.fromkeys(i for _, _, i in parts)),
        )
        return found

    def _run_ops(self, run: Fragment, pen: list[float], last: list[str]) -> tuple[str, float, int]:
        """One run's glyphs. `pen` is carried from run to run along the line, in points
        from its start: where HarfBuzz puts the next glyph, where the PDF's text position
        is, and the text rise; `last`, the font the line last set."""
        font = run.font
        assert isinstance(font, TTFFont)
        text, size = run.string, run.font_size_pt
        infos, positions = font.perform_harfbuzz_shaping(text, size, run.text_shaping_parameters)
        # each cluster's characters go with its first glyph: the font's ToUnicode map then
        # gives back the letters typed (a conjunct's two letters, not a stray half)
        starts = sorted({info.cluster for info in infos}) + [len(text)]
        letters = {a: text[a:b] for a, b in zip(starts, starts[1:], strict=False)}
        read = font.read if isinstance(font, ShapeOnce) else font.ttfont
        scale, hmtx, em = font.scale, read["hmtx"].metrics, size / 1000
        wanted, actual, rise = pen
        glyphs: list[tuple[int, int, float, float]] = []  # code, width, x, y: as seen
        width = 0
        for info, pos in zip(infos, positions, strict=True):
            advance = round(scale * pos.x_advance + 0.001)  # as fpdf2 measures it
            width += advance
            x, y = wanted + scale * pos.x_offset * em, scale * pos.y_offset * em
            wanted += advance * em
            if info.codepoint == 0:  # a missing glyph: recorded by ShapeOnce, not drawn
                continue
            name = read.getGlyphName(info.codepoint)
            own = round(scale * hmtx[name][0])
            if own == 0 and pos.x_offset < 0:
                # a mark moved back over its letter: its width in the PDF reaches to where
                # the next glyph starts, so that a reader (pdftotext) sees no gap, no word
                # break, between them (the pen is set for each glyph here, so it draws the same)
                own = round(-scale * pos.x_offset)
            glyph = font.subset.get_glyph(
                glyph=info.codepoint,
                unicode=tuple(map(ord, letters.pop(info.cluster, ""))),
                glyph_name=name,
                glyph_width=own,
            )
            code = font.subset.pick_glyph(glyph)
            if code is not None:
                glyphs.append((code, own, x, y))
        items: list[str] = []
        ops: list[str] = []
        for code, own, x, y in glyphs:
            if abs(y - rise) > 0.005:
                # a mark raised or lowered (or back on the line after one): the text rise
                if items:
                    ops.append(f"[{' '.join(items)}] TJ")
                    items = []
                ops.append(f"{y:.2f} Ts")
                rise = y
            move = round((actual - x) / em)  # TJ moves left by move/1000 em
            if move:
                items.append(str(move))
                actual -= move * em
            items.append(f"({font.escape_text(chr(code))})")
            actual += own * em
        pen[:] = wanted, actual, rise
        if items:
            ops.append(f"[{' '.join(items)}] TJ")
        tj = " ".join(ops).replace(") (", "")  # glyphs side by side: one string
        # bold, in a Noto font that comes in regular only here: its outline is stroked as
        # well as filled, a little heavier, as DejaVu Sans Bold is beside it
        fake_bold = "B" in self.font_style and font.fontkey in self._fallback_font_ids
        start = f"/F{font.i} {size:.2f} Tf" + (f" 2 Tr {size * 0.035:.2f} w" if fake_bold else "")
        if start != last[0]:  # the font changes (two runs of one font read as one word)
            tj = f"{'0 Tr ' if 'Tr' in last[0] else ''}{start} {tj}"
            last[0] = start
        return tj, width * em / self.k, font.i

    # fpdf2's own line breaking re-measures each line from the start for every character;
    # for a 1,000-item record that took seconds. These wrap with a per-word width cache.

    def width_of(self, word: str) -> float:
        key = (self.font_style, self.font_size_pt, word)
        found = self._widths.get(key)
        if found is None:
            font = self.current_font
            assert isinstance(font, ShapeOnce)
            if not self.needs_shaping(word):
                # as fpdf2's get_string_width() measures unshaped text, without its
                # character-by-character look for fallback fonts once a file has one
                found = sum(font.cw[ord(c)] for c in word) * self.font_size_pt * 0.001 / self.k
            elif self.covered.issuperset(word) and COMPLEX.search(word):
                # Arabic or Hebrew that DejaVu Sans draws all of: one HarfBuzz run, without
                # fpdf2 splitting the word character by character into runs first
                size = self.font_size_pt
                _, positions = font.perform_harfbuzz_shaping(word, size, None)
                found = (
                    sum(round(font.scale * p.x_advance + 0.001) for p in positions) * size * 0.001 / self.k
                )
            else:  # measured as it will be drawn: shaped, each run in its font
                self.set_text_shaping(use_shaping_engine=True)
                with self.arabic_in_noto(word):
                    found = self.get_string_width(word)
                self.set_text_shaping(False)
            self._widths[key] = found
        return found

    def wrap(self, text: str, width: float) -> list[str]:
        lines: list[str] = []
        space = self.width_of(" ")
        for paragraph in str(text).split("\n"):
            line, line_w = "", 0.0
            for word in paragraph.split(" "):
                w = self.width_of(word)
                while w > width and len(word) > 1:  # a word longer than the line: break it
                    cut = max(1, int(len(word) * width / w) - 1)
                    if line:
                        lines.append(line)
                        line, line_w = "", 0.0
                    lines.append(word[:cut])
                    word = word[cut:]
                    w = self.width_of(word)
                if line and line_w + space + w > width:
                    lines.append(line)
                    line, line_w = word, w
                elif line:
                    line, line_w = f"{line} {word}", line_w + space + w
                else:
                    line, line_w = word, w
            lines.append(line)
        return lines

    def para(
        self,
        text: str,
        bold_lead: str | None = None,
        muted: bool = False,
        indent: float = 0,
        bold: bool = False,
    ) -> None:
        size = self.body
        line_h = size * 0.5  # mm, for a size in points
        left = self.l_margin + indent
        self.set_font("DejaVu", "B", size)
        lead_w = self.width_of(bold_lead) + 0.5 if bold_lead else 0.0
        self.set_font("DejaVu", "", size)
        if bold_lead and lead_w > (self.w - self.r_margin - left) * 0.35:
            # a long lead would squeeze its text into a narrow column: it gets its own line
            self.para(bold_lead.strip(), bold_lead=None, indent=indent, bold=True)
            bold_lead, lead_w = None, 0.0
        width = self.w - self.r_margin - left  # the box; an Arabic copy indents from the right
        if self.rtl:
            left = self.l_margin
        # each paragraph of the text reads in its own direction (an English item, then the
        # line saying who added it, in the copy's language)
        lines = [
            (line, first_strong(paragraph, self.direction))
            for paragraph in str(text).split("\n")
            for line in self.wrap(paragraph, width - lead_w)
        ]
        for n, (line, own) in enumerate(lines):
            if self.get_y() + line_h > self.page_break_trigger:
                self.add_page()
            y = self.get_y()
            if n == 0 and bold_lead:
                self.set_font("DejaVu", "B", size)
                self.draw(bold_lead, left, y, width, line_h)
                self.set_font("DejaVu", "", size)
            if muted:
                self.set_text_color(*MUTED)
            if bold:
                self.set_font("DejaVu", "B", size)
            # the text starts after the lead: to its right, or to its left in an Arabic copy
            self.draw(line, left if self.rtl else left + lead_w, y, width - lead_w, line_h, own=own)
            if bold:
                self.set_font("DejaVu", "", size)
            self.set_text_color(*INK)
            self.set_y(y + line_h)
        self.ln(0.8)

    def columns(self, headers: list[str], widths: tuple[int, ...], size: float, pad: float) -> list[float]:
        """The columns' widths in mm, shared out as `widths` says, except that a column
        narrower than the longest word of its heading is widened to it, so a heading wraps
        only at its spaces, in every language and in large print ("Score", not "Sco" over
        "re"). The room comes only from what the other columns have to spare above their
        own longest heading word, in proportion to it; where they have too little (a long
        review chain's many dates), the widths stay as `widths` says."""
        total = self.w - self.l_margin - self.r_margin
        self.set_font("DejaVu", "B", size)
        least = [max(self.width_of(word) for word in h.split() or [""]) + 2 * pad + 0.1 for h in headers]
        self.set_font("DejaVu", "", size)
        cols = [total * w / sum(widths) for w in widths]
        need = sum(m - c for c, m in zip(cols, least, strict=True) if c < m)
        spare = [max(0.0, c - m) for c, m in zip(cols, least, strict=True)]
        if need == 0 or need > sum(spare):
            return cols
        taken = need / sum(spare)
        return [max(c, m) - s * taken for c, m, s in zip(cols, least, spare, strict=True)]

    def grid(self, headers: list[str], rows: list[list[Any]], widths: tuple[int, ...]) -> None:
        """A table with wrapped cells; the heading row repeats on each new page."""
        size, pad = self.body, 1.4
        line_h = size * 0.46
        cols = self.columns(headers, widths, size, pad)

        def lay_out(cells: list[str], bold: bool) -> tuple[list[list[str]], float]:
            self.set_font("DejaVu", "B" if bold else "", size)
            wrapped = [
                self.wrap("" if c is None else str(c), w - 2 * pad) for c, w in zip(cells, cols, strict=True)
            ]
            return wrapped, max(len(w) for w in wrapped) * line_h + 2 * pad

        def draw(cells: list[str], bold: bool) -> None:
            wrapped, height = lay_out(cells, bold)
            self.set_font("DejaVu", "B" if bold else "", size)
            if self.get_y() + height > self.page_break_trigger:
                self.add_page()
                if not bold:
                    draw(headers, True)
                    self.set_font("DejaVu", "", size)
            y, x = self.get_y(), self.l_margin
            # an Arabic copy's first column is on the right
            for lines, w in (
                reversed(list(zip(wrapped, cols, strict=True)))
                if self.rtl
                else zip(wrapped, cols, strict=True)
            ):
                if bold:
                    self.set_fill_color(243, 242, 241)
                self.rect(x, y, w, height, style="DF" if bold else "D")
                own = first_strong(" ".join(lines), self.direction)
                for n, line in enumerate(lines):
                    self.draw(line, x + pad, y + pad + n * line_h, w - 2 * pad, line_h, own=own)
                x += w
            self.set_y(y + height)

        self.set_draw_color(177, 180, 182)
        # the heading row never stands alone at the foot of a page: it starts a page with its
        # first row when the two do not fit in the space left
        if rows:
            both = (
                lay_out(headers, True)[1]
                + lay_out([("" if c is None else str(c)) for c in rows[0]], False)[1]
            )
            fits_a_page = both < self.page_break_trigger - self.t_margin - 20
            if fits_a_page and self.get_y() + both > self.page_break_trigger:
                self.add_page()
        draw(headers, True)
        for row in rows:
            draw([("" if c is None else str(c)) for c in row], False)
        self.set_draw_color(*INK)
        self.ln(2)
        self.set_font("DejaVu", "", self.body)


def _sections(pdf: MinutesPDF, m: dict[str, Any], place: str) -> None:
    for sec in sections(m, place):
        pdf.heading(sec["heading"], sec["level"])
        for lead, text in sec["lines"]:
            pdf.para(text, bold_lead=lead or None)
        for t in sec["tables"]:
            pdf.grid(t["headers"], t["rows"], t["widths"])


def render(m: dict[str, Any], large: bool = False) -> bytes:
    c = m["conference"]
    pdf = MinutesPDF(
        c["title"], c["date_label"], body=16 if large else 12, rtl=i18n.direction(language()) == "rtl"
    )
    pdf.alias_nb_pages()
    pdf.add_page()
    pdf.heading(c["title"], 0)
    pdf.ln(2)
    for k, v in meta_lines(m):
        pdf.para(v, bold_lead=f"{k}: ")
    if m["notice"]:
        pdf.para(m["notice"], muted=True)
    if sections(m, "summary"):
        _sections(pdf, m, "summary")
        pdf.add_page()  # page 1 is the summary a parent reads first

    pdf.heading(heading("attendance"))
    pdf.grid(
        headers("attendance"),
        [[p["name"], p["role_label"], attendance_label(p), p["joined_at"] or ""] for p in m["attendance"]],
        (32, 28, 26, 14),
    )
    own = {"columns": _columns, "statements": _statements, "scaling": _scaling, "decision": _decision}
    for part in BODY:
        own[part](pdf, m) if part in own else _sections(pdf, m, part)

    pdf.heading(heading("plan"))
    pdf.grid(
        headers("plan"),
        [plan_row(a, goal_numbers(m)) for a in m["plan"]],
        (50, 22, 28),
    )
    _sections(pdf, m, "end")
    if "record" in m:
        _full_copy_only(pdf, m)
    return bytes(pdf.output())


def _columns(pdf: MinutesPDF, m: dict[str, Any]) -> None:
    for col in m["columns"]:
        pdf.heading(col["heading"])
        for group in col["categories"]:
            pdf.heading(group["label"], 2)
            if not group["items"]:
                pdf.para(say("no_items"), muted=True)
            for item in group["items"]:
                text = (
                    f"{quoted(item['text'])} ({say('child_words')})" if item["child_words"] else item["text"]
                )
                extras = item_extras(item)
                pdf.para(
                    f"{text}\n— {item_author(item)}" + (f" ({extras})" if extras else ""), bold_lead="• "
                )
                for said in item_responses(item):
                    pdf.para(said, indent=5)


def _statements(pdf: MinutesPDF, m: dict[str, Any]) -> None:
    pdf.heading(statements_heading(m))
    if not m["statements"]:
        pdf.para(say("no_statements"), muted=True)
    for n, s in enumerate(m["statements"], 1):
        pdf.para(s["sentence"] + private_note(s), bold_lead=f"{n}. {say('danger_statement')}")
        pdf.para(s["safety_goal"] or say("not_written"), bold_lead=say("safety_goal"), indent=5)
    for goal in m["unpaired_safety_goals"]:
        pdf.para(goal, bold_lead=say("safety_goal"))


def _scaling(pdf: MinutesPDF, m: dict[str, Any]) -> None:
    pdf.heading(heading("scaling"))
    if not m["scaling"]:
        pdf.para(say("no_rounds"), muted=True)
    for r in m["scaling"]:
        pdf.heading(r["question"] + private_note(r), 2)
        if r["about"]:
            pdf.para(r["about"], bold_lead=say("about"))
        pdf.para(r["low_label"], bold_lead=say("low_means"))
        pdf.para(r["high_label"], bold_lead=say("high_means"))
        if family_wording(r):
            pdf.para(family_wording(r))
        if not r["revealed"]:
            pdf.para(say("not_revealed"), muted=True)
            continue
        pdf.grid(
            headers("scores"),
            [[s["name"], s["role"], s["score"], s["reason"] or ""] for s in r["scores"]],
            (30, 26, 10, 50),
        )
        pdf.para(summary_line(r["summary"]))


def _decision(pdf: MinutesPDF, m: dict[str, Any]) -> None:
    pdf.heading(heading("decision"))
    if m["decision"]:
        for k, v in decision_lines(m["decision"]):
            pdf.para(v, bold_lead=f"{k}: ")
    else:
        pdf.para(say("no_decision"), muted=True)


def _full_copy_only(pdf: MinutesPDF, m: dict[str, Any]) -> None:
    """The record of every change, the access record and the plain-language check."""
    pdf.add_page()
    pdf.heading(heading("record"))
    pdf.grid(headers("record"), [[r["at"], r["who"], r["what"]] for r in m["record"]], (12, 30, 58))
    pdf.heading(heading("access"))
    pdf.grid(headers("access"), [[a["at"], a["who"], a["what"]] for a in m["access"]], (22, 30, 48))
    pl = m["plain_language"]
    pdf.heading(heading("plain_language"))
    pdf.para(f"Reading age of the statements: {pl['reading_age'] or 'no statements'}.")
    for f in pl["flags"]:
        pdf.para(f"“{f['term']}”: {f['why']} Try: {f['suggestion']}", bold_lead="• ")
    if not pl["flags"]:
        pdf.para("No words were flagged.")
