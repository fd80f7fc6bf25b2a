"""Languages: one gettext catalogue per language for the server and the browser.

The source language is British English; `conference/translations/<locale>/LC_MESSAGES/
messages.po` holds each translation (drafts until a council's translator reviews them: see
docs/languages.md). Messages are found by Babel's extraction in the templates, the Python
and the JS sources (`t("…")`, `tn("…", "…", n)`), plus the words of the kinds file:

    python -m conference.i18n extract     # messages.pot from the sources; each .po updated
    python -m conference.i18n add <lang>  # a new language: its .po, ready to translate

Nothing is compiled by hand: the server reads each .po once at start (`translations`), and
each page carries its language's messages for the JS as JSON (`browser_catalogue`).
"""

from __future__ import annotations

import functools
import gettext as stdlib_gettext
import io
import json
import os
import sys
from typing import Any

from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po
from babel.support import NullTranslations, Translations

from .domain import vocabulary as v

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HERE = os.path.join(ROOT, "conference", "translations")
POT = os.path.join(HERE, "messages.pot")

LANGUAGES = v.LANGUAGES  # tag -> (its own name, writing direction), in the order offered
SOURCE = v.SOURCE_LANGUAGE

# where messages are, and the calls that mark them there
SOURCES: list[tuple[list[tuple[str, str]], dict[str, Any]]] = [
    (
        [("conference/**.py", "python"), ("templates/**.html", "jinja2")],
        {
            "_": None,
            "gettext": None,
            "ngettext": (1, 2),
            "N_": None,
            "pgettext": ((1, "c"), 2),
            # refusals: the sentence a person reads when something can't be done
            "DomainError": (2,),
            "invalid": (1,),
            "forbidden": (1,),
            "conflict": (1,),
        },
    ),
    ([("static/js/**.js", "javascript")], {"t": None, "tn": (1, 2)}),
]


def locale_of(tag: str) -> str:
    """Babel's name for a language tag: en-GB -> en_GB."""
    return tag.replace("-", "_")


def choose(*wanted: str | None) -> str:
    """The first supported language among those asked for (a tag, or an Accept-Language
    best match already made), else the source language."""
    for tag in wanted:
        if not tag:
            continue
        for known in LANGUAGES:
            if tag.lower() == known.lower() or tag.lower().split("-")[0] == known.lower().split("-")[0]:
                return known
    return SOURCE


def direction(tag: str) -> str:
    return LANGUAGES.get(tag, LANGUAGES[SOURCE])[1]


def po_path(tag: str) -> str:
    return os.path.join(HERE, locale_of(tag), "LC_MESSAGES", "messages.po")


@functools.cache
def translations(tag: str) -> NullTranslations:
    """The catalogue of a language, read straight from its .po (no build step needed to
    run the pure parts, such as the minutes); the source language passes text through."""
    if tag == SOURCE or not os.path.exists(po_path(tag)):
        return NullTranslations()
    with open(po_path(tag), "rb") as f:
        catalog = read_po(f, locale=locale_of(tag))
    buf = io.BytesIO()
    write_mo(buf, catalog)
    buf.seek(0)
    return Translations(fp=buf)


# the vocabulary's words a person reads (what people type is never translated)
WORD_KEYS = frozenset(
    {
        "heading",
        "label",
        "meaning",
        "statement",
        "statements_heading",
        "question",
        "low_label",
        "high_label",
        "default_question",
        "default_low_label",
        "default_high_label",
    }
)


# the vocabulary's words the JS looks up in the catalogue itself: a round carries its kind's
# question and end words as they were asked (in English), and the screens say them with
# t(round.question); every other word of the vocabulary reaches a page already translated,
# in the page's own vocabulary JSON
SCALE_KEYS = frozenset(
    {"question", "low_label", "high_label", "default_question", "default_low_label", "default_high_label"}
)


def _walk(value: Any, change, keys: frozenset[str] = WORD_KEYS) -> Any:
    if isinstance(value, dict):
        return {
            k: change(x) if k in keys and isinstance(x, str) else _walk(x, change, keys)
            for k, x in value.items()
        }
    if isinstance(value, list):
        return [_walk(x, change, keys) for x in value]
    return value


def vocabulary_messages(keys: frozenset[str] = WORD_KEYS) -> list[str]:
    """The vocabulary's words, with the kinds file's (data, so Babel's extraction can't see them);
    with `keys`, only those under these keys (SCALE_KEYS: the scale's words)."""
    found: list[str] = []

    def keep(text: str) -> str:
        found.append(text)
        return text

    _walk(v.public_vocabulary(), keep, keys)
    return found


@functools.cache
def _vocabulary_in(tag: str) -> str:
    return json.dumps(_walk(v.public_vocabulary(), translations(tag).gettext))


def vocabulary(tag: str) -> dict:
    """The served vocabulary in a language (a fresh copy each time)."""
    return json.loads(_vocabulary_in(tag))


def extracted() -> Catalog:
    """Every message the sources hold today, as a fresh catalogue."""
    catalog = Catalog(project="Conference Board", version="1.1", locale=None, fuzzy=False)
    for method_map, keywords in SOURCES:
        for filename, lineno, message, comments, context in extract_from_dir(
            ROOT, method_map, keywords=keywords, comment_tags=("TRANSLATORS:",), strip_comment_tags=True
        ):
            catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    for message in vocabulary_messages():
        catalog.add(message, None, [("conference/domain/vocabulary.py", 0)])
    return catalog


def extract() -> None:
    catalog = extracted()
    os.makedirs(HERE, exist_ok=True)
    with open(POT, "wb") as f:
        write_po(f, catalog, width=100, omit_header=False, sort_output=True)
    for tag in LANGUAGES:
        if tag != SOURCE and os.path.exists(po_path(tag)):
            update(tag, catalog)


def update(tag: str, template: Catalog) -> None:
    with open(po_path(tag), "rb") as f:
        po = read_po(f, locale=locale_of(tag))
    po.update(template, no_fuzzy_matching=True)
    with open(po_path(tag), "wb") as f:
        write_po(f, po, width=100, sort_output=True, ignore_obsolete=True)


def add(tag: str) -> None:
    """Start a new language from the current messages (then add it to LANGUAGES)."""
    with open(POT, "rb") as f:
        template = read_po(f)
    name = Locale.parse(locale_of(tag)).get_display_name(locale_of(tag)) or tag
    po = Catalog(
        locale=locale_of(tag),
        project="Conference Board",
        version="1.1",
        header_comment=(
            f"# Conference Board — {name} ({tag}).\n"
            "# DRAFT TRANSLATION: not yet reviewed by a qualified translator.\n"
            "# A council translator reviews it as docs/languages.md explains, then removes this line\n"
            "# and sets Last-Translator.\n#"
        ),
        last_translator="DRAFT — not yet reviewed by a council translator",
    )
    po.update(template)
    os.makedirs(os.path.dirname(po_path(tag)), exist_ok=True)
    with open(po_path(tag), "wb") as f:
        write_po(f, po, width=100, sort_output=True)
    print(
        f"Wrote {po_path(tag)} ({len(po)} messages to translate): translate it, then add {tag!r} "
        "to LANGUAGES in conference/domain/vocabulary.py with its own name and direction."
    )


def plural_form(tag: str):
    """n -> the index of the plural form the language's .po uses (its Plural-Forms)."""
    expr = "(n != 1)"
    if tag != SOURCE:
        with open(po_path(tag), "rb") as f:
            expr = read_po(f, locale=locale_of(tag)).plural_expr
    return stdlib_gettext.c2py(expr)


def plural_tags(tag: str) -> dict[str, int]:
    """CLDR plural category -> the .po's plural form index, checked on 0..1000, so the
    browser can pick a form with Intl.PluralRules instead of evaluating an expression."""
    locale = Locale.parse(locale_of(tag))
    index_of = plural_form(tag)
    out: dict[str, int] = {}
    for n in range(1001):
        category, index = locale.plural_form(n), index_of(n)
        if out.setdefault(category, index) != index:
            raise ValueError(f"{tag}: plural category {category} has two forms")
    return out


BROWSER_SOURCES = ("static/js/", "conference/domain/vocabulary.py")


@functools.cache
def _browser_messages(tag: str) -> tuple[tuple[str, Any, frozenset[str]], ...]:
    """The messages the JS asks for, each with its translation and the files that ask."""
    out = []
    if tag != SOURCE:
        with open(po_path(tag), "rb") as f:
            for m in read_po(f, locale=locale_of(tag)):
                # the JS's own messages, and the vocabulary's (a round carries the kind's scale words)
                if not m.id or not any(loc[0].startswith(BROWSER_SOURCES) for loc in m.locations):
                    continue
                key = str(m.id[0] if isinstance(m.id, (tuple, list)) else m.id)
                value = list(m.string or ()) if isinstance(m.id, (tuple, list)) else m.string
                out.append((key, value, frozenset(loc[0] for loc in m.locations)))
    return tuple(out)


@functools.cache
def browser_catalogue(tag: str) -> dict[str, Any]:
    """What a page gives its JS: the messages the JS asks for, and the plurals."""
    messages = {key: value for key, value, _ in _browser_messages(tag)}
    return {"lang": tag, "dir": direction(tag), "plurals": plural_tags(tag), "messages": messages}


@functools.cache
def _scale_messages() -> frozenset[str]:
    return frozenset(vocabulary_messages(SCALE_KEYS))


@functools.cache
def page_catalogue(tag: str, files: frozenset[str], scale: bool = False) -> dict[str, Any]:
    """browser_catalogue(tag) cut to what one page can ask for: the messages of its own
    modules (`files`, paths from the repository's root) and, for a page that shows rounds
    (`scale`: the three screens), the scale's words of the vocabulary (SCALE_KEYS; the rest
    of it comes translated in the page's vocabulary JSON). A Polish phone's page carries its
    own words, not the console's too."""
    looked_up = _scale_messages() if scale else frozenset()
    messages = {
        key: value for key, value, where in _browser_messages(tag) if where & files or key in looked_up
    }
    return {"lang": tag, "dir": direction(tag), "plurals": plural_tags(tag), "messages": messages}


def export_for_tests(path: str) -> None:
    """Every language's browser catalogue and, from the .po's own plural expression, which
    form n = 0..200 takes: the JS tests check Intl.PluralRules picks the same one. With the
    vocabulary a page is served in that language, for the JS tests of what a screen says."""
    out = {}
    for tag in LANGUAGES:
        form = plural_form(tag)
        out[tag] = {
            "catalogue": browser_catalogue(tag),
            "forms": [form(n) for n in range(201)],
            "vocabulary": vocabulary(tag),
        }
    with open(path, "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False)


def main(argv: list[str]) -> int:
    if argv[:1] == ["extract"]:
        extract()
    elif argv[:1] == ["export-for-tests"] and len(argv) == 2:
        export_for_tests(argv[1])
    elif argv[:1] == ["add"] and len(argv) == 2:
        add(argv[1])
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
