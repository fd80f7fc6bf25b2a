"""A plain-language check: acronyms, jargon and labels from an editable glossary, long sentences, reading age.

Pure and fast: no network, no models. The glossary is `conference/data/glossary.json`,
which a council can edit. A hint for the writer, never a block.
"""

from __future__ import annotations

import functools
import json
import os
import re
from typing import Any

from .domain import vocabulary as v

GLOSSARY_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "glossary.json")
LONG_SENTENCE = 20
# the longest text the check reads at once: the longest a person writes in one field (the
# decision's text); a request over it is refused before any work (see web/api.py)
MAX_TEXT = v.MAX_DECISION_TEXT

_ACRONYM = re.compile(r"(?<![\w&])([A-Z][A-Z0-9&]{1,5})(?![\w&])")
# a word: letters or digits of any script (Łucja, Wójcik, 10), held together by an
# apostrophe or a hyphen inside it (don't, don’t, well-being)
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")
_VOWELS = re.compile(r"[aeiouy]+")


@functools.lru_cache(maxsize=4)
def load_glossary(path: str = GLOSSARY_PATH) -> dict[str, Any]:
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def words(text: str) -> int:
    """How many words the text has."""
    return len(_WORD.findall(text))


def syllables(word: str) -> int:
    w = word.lower().strip("'")
    count = len(_VOWELS.findall(w))
    if w.endswith("e") and not w.endswith(("le", "ee")) and count > 1:
        count -= 1
    return max(1, count)


def reading_age(text: str) -> float | None:
    """Flesch–Kincaid grade plus five: roughly the age at which a child reads this easily."""
    sentences = [s for s in _SENTENCE.findall(text) if _WORD.search(s)]
    words = _WORD.findall(text)
    if not words or not sentences:
        return None
    grade = 0.39 * len(words) / len(sentences) + 11.8 * sum(map(syllables, words)) / len(words) - 15.59
    return round(max(5.0, grade + 5), 1)


def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])" + re.escape(phrase).replace(r"\ ", r"\s+") + r"(?![\w-])", re.IGNORECASE)


@functools.lru_cache(maxsize=4)
def _patterns(path: str) -> list[tuple[re.Pattern[str], str, str]]:
    g = load_glossary(path)
    out = []
    entries = [(p, s, "jargon") for p, s in g.get("jargon", {}).items()]
    entries += [(p, s, "label") for p, s in g.get("labels", {}).items()]
    for phrase, suggestion, kind in sorted(entries, key=lambda e: -len(e[0])):
        out.append((_phrase_pattern(phrase), suggestion, kind))
    return out


WHY = {
    "acronym": "Letters like these can shut people out. Say it in full.",
    "jargon": "A word professionals use that families often don't.",
    "label": "A label, not what happened. Say what someone did and what it meant for the child.",
}


def _same_phrase(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def check(text: str, glossary_path: str = GLOSSARY_PATH, told: tuple[str, ...] = ()) -> dict[str, Any]:
    """{reading_age, flags: [{start, end, term, suggestion, why, kind}]} for one piece of text;
    `kind` is acronym, jargon, label (a word or phrase) or long_sentence (a whole sentence).
    `told`: the statutory terms this text must name (the category of harm a decision chose:
    'Neglect' is a label in an item, but the name the law gives the plan in the decision), so
    they are never flagged in it."""
    g = load_glossary(glossary_path)
    flags: list[dict[str, Any]] = []
    # which characters a flag already covers: an overlap check looks only at the span's own
    # characters, so the whole check stays linear in the length of the text
    taken = bytearray(len(text))

    def add(start: int, end: int, suggestion: str, kind: str) -> None:
        if taken.find(1, start, end) != -1:
            return
        taken[start:end] = b"\x01" * (end - start)
        flags.append(
            {
                "start": start,
                "end": end,
                "term": text[start:end],
                "suggestion": suggestion,
                "why": WHY[kind],
                "kind": kind,
            }
        )

    for pattern, suggestion, kind in _patterns(glossary_path):
        for m in pattern.finditer(text):
            if any(_same_phrase(m.group(0), t) for t in told):
                continue
            add(m.start(), m.end(), suggestion, kind)
    acronyms = g.get("acronyms", {})
    allowed = set(g.get("allowed_acronyms", []))
    for term, suggestion in acronyms.items():
        if any(ch.isdigit() or ch.islower() for ch in term):  # s47, ACEs: exactly as written
            for m in re.finditer(r"(?<!\w)" + re.escape(term) + r"(?!\w)", text):
                add(m.start(), m.end(), suggestion, "acronym")
    for m in _ACRONYM.finditer(text):
        term = m.group(1)
        if term in allowed:
            continue
        add(m.start(), m.end(), acronyms.get(term, "Say what the letters stand for"), "acronym")
    for m in _SENTENCE.finditer(text):
        n = words(m.group(0))
        if n > LONG_SENTENCE:
            start = m.start() + len(m.group(0)) - len(m.group(0).lstrip())
            flags.append(
                {
                    "start": start,
                    "end": m.end(),
                    "term": text[start : m.end()],
                    "suggestion": "Split it into two or three shorter sentences.",
                    "why": f"This sentence has {n} words; up to 20 is easier to follow.",
                    "kind": "long_sentence",
                }
            )
    flags.sort(key=lambda f: (f["start"], f["end"]))
    return {"reading_age": reading_age(text), "flags": flags}


def check_minutes(model: dict[str, Any], glossary_path: str = GLOSSARY_PATH) -> list[dict[str, Any]]:
    """Before a family copy goes out: every flagged term in what the family will read, with
    where it is. The children's own words are theirs and are never flagged, nor the category
    of harm the decision chose where the decision names it (the family must be told it)."""
    places: list[tuple[str, str | None, str]] = []  # (where, item or statement id, text)
    for column in model["columns"]:
        for group in column["categories"]:
            for item in group["items"]:
                if not item["child_words"]:
                    places.append((f"{column['heading']} — {group['label']}", item["id"], item["text"]))
    for n, st in enumerate(model["statements"], 1):
        places.append((f"Danger statement {n}", st["id"], st["sentence"]))
        if st["safety_goal"]:
            places.append((f"Safety goal {n}", None, st["safety_goal"]))
    d = model.get("decision") or {}
    decided = {*d.get("categories", []), *(k for c in d.get("per_child", []) for k in c["categories"])}
    told = tuple(v.ABUSE_CATEGORIES[k] for k in sorted(decided) if k in v.ABUSE_CATEGORIES)
    checked: list[tuple[str, str | None, str, tuple[str, ...]]] = [(w, t, text, ()) for w, t, text in places]
    for key, label in (("text", "The decision"), ("dissent", "Who disagreed")):
        if d.get(key):
            checked.append((label, None, d[key], told))
    out = []
    for where, thing, text, names in checked:
        for flag in check(text, glossary_path, names)["flags"]:
            out.append({"where": where, "id": thing, "text": text, **flag})
    return out


def check_reports(board: Any, glossary_path: str = GLOSSARY_PATH) -> list[dict[str, Any]]:
    """Before the meeting: every flagged term in what the family will read of the reports —
    each invited professional's items the family can see, and their view on the decision —
    so the chair (or the writer) can put it plainly before the family reads it. Items kept
    from the family, and a child's own words, are not checked."""
    out = []
    for member in board.members.values():
        if not member.get("invited") or member["status"] == v.Status.REMOVED:
            continue
        places = [
            (item["id"], item["text"])
            for item in board.items.values()
            if item["author"] == member["member_id"]
            and not item["private"]
            and item["status"] == v.ItemStatus.ACCEPTED
            and item["voice"] != "child"
        ]
        if member.get("report_view"):
            places.append((None, member["report_view"]))
        for thing, text in places:
            for flag in check(text, glossary_path)["flags"]:
                out.append({"member_id": member["member_id"], "id": thing, "text": text, **flag})
    return out
