"""What a newcomer found running a whole conference with a Polish mother (the family copy and
the decision letter in Polish): a weekday date after "do" ("do piątek": Polish needs the
genitive, which CLDR does not have), "Protokół: Jeszcze nie zatwierdzone" (the adjective must
agree with the masculine noun), English quotation marks around her words, "4.5" where the
phone said "4,5", the safety goal said again on every plan row, a table's heading row alone at
the foot of a page, and twenty fontTools lines in the server's log for each PDF."""

from __future__ import annotations

import io
import logging
import re

import pytest
from babel.dates import get_day_names
from pypdf import PdfReader

from conference import i18n
from conference.minutes import build_minutes, render, speaking
from conference.minutes.language import ISOLATES
from conference.minutes.letter import build_letter
from conference.minutes.letter_render import render_letter
from conference.minutes.pdf_render import MinutesPDF
from tests.domain.harness import Sim
from tests.minutes.test_languages import text_of

GOAL = "Anna and Karim will make sure Zofia eats three meals a day and gets to every appointment"
CHILD_WORDS = "Tata krzyczy w nocy"
FORMATS = ("pdf", "docx", "html", "md")
# a weekday after a preposition that wants another case than the nominative
WEEKDAYS_PL = "|".join(get_day_names("wide", locale="pl").values())
AFTER_PREPOSITION = re.compile(rf"\b(do|z|od|przed|po|w dniu)\s+({WEEKDAYS_PL})\b", re.IGNORECASE)


@pytest.fixture(scope="module")
def sim() -> Sim:
    s = Sim(day="2026-12-04")
    s.mum = s.join("Anna", "parent_carer")
    s.dad = s.join("Karim", "parent_carer")
    s.sw = s.join("Sam Patel", "social_worker")
    s.police = s.join("PC Dave Lewis", "police")
    s.children = s.command(s.chair, "children.set", {"children": [{"name": "Zofia", "age": 6}]})["payload"][
        "conference"
    ]["children"]
    s.command(
        s.chair,
        "item.add",
        {"column": "worries", "text": CHILD_WORDS, "voice": "child", "child_id": s.children[0]["id"]},
    )
    danger = s.command(
        s.chair,
        "statement.add",
        {"kind": "danger", "who": "The social worker", "behaviour": "Zofia has gone hungry", "impact": "x"},
    )["result"]["id"]
    goal = s.command(s.chair, "statement.add", {"kind": "safety_goal", "text": GOAL, "pairs_with": danger})[
        "result"
    ]["id"]
    for text, owner, due in (
        ("Book Zofia's next weight check", "Sam Patel", "2026-12-11"),  # a Friday
        ("Karim to see the community alcohol team", "Karim", "2026-12-18"),
    ):
        s.command(
            s.chair,
            "item.add",
            {
                "column": "next_steps",
                "category": "actions",
                "text": text,
                "owner": owner,
                "due": due,
                "goal_id": goal,
            },
        )
    rid = s.command(s.chair, "round.open", {"question": "Where are things today?"})["result"]["id"]
    for who, score in ((s.mum, 5), (s.dad, 6), (s.sw, 3), (s.police, 4)):  # middle score 4.5
        s.command(who, "round.score", {"round_id": rid, "score": score})
    s.command(s.chair, "round.close", {"round_id": rid})
    s.command(s.chair, "round.reveal", {"round_id": rid})
    s.command(
        s.chair,
        "decision.record",
        {
            "outcome": "continue_plan",
            "categories": ["neglect"],
            "text": "A plan, because of Zofia's weight.",
            "next_meeting": "2027-03-01",
            "first_core_group": "2026-12-15",
        },
    )
    s.command(s.chair, "conference.close")
    return s


@pytest.fixture(scope="module")
def family(sim) -> dict[str, dict[str, str]]:
    out = {}
    for tag in ("en-GB", "cy", "pl", "ar"):
        with speaking(tag):
            model = build_minutes(sim.board, sim.log, "family", "2026-12-04T12:00:00Z")
            out[tag] = {fmt: text_of(fmt, render(model, fmt)) for fmt in FORMATS}
    return out


@pytest.fixture(scope="module")
def letters(sim) -> dict[str, str]:
    with speaking("pl"):
        model = build_letter(sim.board, sim.log, "2026-12-04T12:00:00Z")
        return {fmt: text_of(fmt, render_letter(model, fmt)) for fmt in ("pdf", "docx")}


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_polish_family_copy_puts_no_weekday_after_a_preposition(family, fmt):
    text = family["pl"][fmt]
    assert not AFTER_PREPOSITION.search(text), AFTER_PREPOSITION.search(text)
    assert "termin: piątek 11 grudnia 2026" in text  # the date stands in the nominative


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_the_polish_letter_puts_no_weekday_after_a_preposition(letters, fmt):
    text = letters[fmt]
    assert not AFTER_PREPOSITION.search(text), AFTER_PREPOSITION.search(text)
    assert "data: piątek 4 grudnia 2026" in text


def test_no_polish_message_puts_a_date_after_a_preposition():
    """Every message that takes a {date} (or {due}), in the Polish catalogue, filled with a
    weekday date: the screens' messages as well as the minutes'."""
    catalogue = i18n.translations("pl")
    wrong = []
    for message in catalogue._catalog:  # the msgids, as gettext reads them
        if not isinstance(message, str) or not re.search(r"\{(date|due)\}", message):
            continue
        said = catalogue.gettext(message)
        filled = re.sub(r"\{(date|due)\}", "piątek 11 grudnia 2026", said)
        if AFTER_PREPOSITION.search(filled):
            wrong.append(said)
    assert not wrong


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_polish_minutes_line_agrees_with_protokol(family, fmt):
    text = family["pl"][fmt]
    assert "Jeszcze niezatwierdzony przez przewodniczącego" in text
    assert "zatwierdzone" not in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_words_are_quoted_the_way_the_language_quotes(family, fmt):
    assert f"„{CHILD_WORDS}”" in family["pl"][fmt]
    assert f"“{CHILD_WORDS}”" not in family["pl"][fmt]
    assert f"“{CHILD_WORDS}”" in family["en-GB"][fmt]
    arabic = "".join(ch for ch in family["ar"][fmt] if ch not in ISOLATES)  # Latin words isolated
    assert f"«{CHILD_WORDS}»" in arabic or fmt == "pdf"  # a PDF gives back its drawing order


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_middle_score_uses_the_languages_decimal_separator(family, fmt):
    assert "4,5" in family["pl"][fmt]
    assert "4.5" not in family["pl"][fmt]
    for tag in ("en-GB", "cy", "ar"):  # CLDR: a point in English, Welsh and Arabic (as the phones)
        assert "4.5" in family[tag][fmt], tag


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_family_copy_says_the_safety_goal_once_per_place(family, fmt):
    """The summary and the statements say the goal; the two plan tables point to it by its
    number instead of saying it again on each of their rows (4 times more before)."""
    text = family["pl"][fmt]
    assert text.count(GOAL) == 2
    # two actions, each in the summary's table and in the plan's
    assert text.count("weight check (cel bezpieczeństwa 1)") == 2
    assert text.count("alcohol team (cel bezpieczeństwa 1)") == 2
    assert "Jak będzie wyglądać bezpieczeństwo (cel bezpieczeństwa 1):" in text


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_the_letter_says_the_safety_goal_once(letters, fmt):
    text = letters[fmt]
    assert text.count(GOAL) == 1
    assert f"Cel bezpieczeństwa 1: {GOAL}" in text
    assert text.count("(cel bezpieczeństwa 1)") == 2


def test_a_tables_heading_row_never_stands_alone_at_the_foot_of_a_page():
    with speaking("en-GB"):
        pdf = MinutesPDF("Title", "Friday 4 December 2026")
        pdf.add_page()
        # room for the heading row, not for it and the first row
        pdf.set_y(pdf.page_break_trigger - 12)
        pdf.grid(
            ["What will happen", "Who", "By when"],
            [["Book the check\nand the taxi", "Sam", "Fri"]],
            (50, 22, 28),
        )
        pages = [p.extract_text() for p in PdfReader(io.BytesIO(bytes(pdf.output()))).pages]
    assert len(pages) == 2
    assert "What will happen" not in pages[0]
    assert "What will happen" in pages[1] and "Book the check" in pages[1]


def test_a_pdf_export_puts_no_fonttools_info_in_the_log(sim, caplog):
    with caplog.at_level(logging.INFO), speaking("ar"):  # Arabic: the Noto fonts are subset too
        model = build_minutes(sim.board, sim.log, "family", "2026-12-04T12:00:00Z")
        assert render(model, "pdf").startswith(b"%PDF")
    noisy = [r for r in caplog.records if r.name.startswith("fontTools") and r.levelno < logging.WARNING]
    assert not noisy, noisy[:3]
