"""Languages: one catalogue for the server and the browser, complete in every language.

Fails when a message in the templates, the Python or the JS is missing from the
catalogue (run `python -m conference.i18n extract`), when a language lacks a message or
changes its placeholders, or when a phone's screen has words not marked for translation."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from hypothesis import given, settings
from hypothesis import strategies as st

from conference import i18n

ROOT = Path(i18n.ROOT)
PLACEHOLDER = re.compile(r"\{\w+\}|%\(\w+\)s")
OTHERS = [tag for tag in i18n.LANGUAGES if tag != i18n.SOURCE]


def ids(catalog) -> set:
    return {m.id for m in catalog if m.id}


def test_extraction_finds_nothing_new_and_nothing_stale():
    with open(i18n.POT, "rb") as f:
        pot = ids(read_po(f))
    now = ids(i18n.extracted())
    assert now - pot == set(), "not in the catalogue: run `python -m conference.i18n extract`"
    assert pot - now == set(), "in the catalogue but no longer used: run the extract again"


@pytest.mark.parametrize("tag", OTHERS)
def test_every_language_has_every_message_with_the_same_placeholders(tag):
    with open(i18n.POT, "rb") as f:
        wanted = ids(read_po(f))
    with open(i18n.po_path(tag), "rb") as f:
        po = read_po(f, locale=i18n.locale_of(tag))
    assert wanted - ids(po) == set()
    for m in po:
        if not m.id:
            continue
        sources = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        assert all(strings) and len(strings) == (po.num_plurals if isinstance(m.id, tuple) else 1), m.id
        expected = set(PLACEHOLDER.findall(sources[-1]))
        for s in strings:
            # a plural form may say "one"/"two" in words instead of {n}; nothing else may differ
            assert set(PLACEHOLDER.findall(s)) - {"{n}"} == expected - {"{n}"}, (m.id, s)
    assert "DRAFT" in po.header_comment and "DRAFT" in po.last_translator


@pytest.mark.parametrize("tag", OTHERS)
def test_plural_forms_agree_with_the_browsers_plural_rules(tag):
    tags = i18n.plural_tags(tag)  # raises if one CLDR category would need two forms
    with open(i18n.po_path(tag), "rb") as f:
        assert sorted(set(tags.values())) == list(range(read_po(f).num_plurals))


def test_the_vocabulary_is_translated_and_keeps_its_keys():
    english, welsh = i18n.vocabulary("en-GB"), i18n.vocabulary("cy")
    assert [c["key"] for c in welsh["columns"]] == [c["key"] for c in english["columns"]]
    assert welsh["columns"][0]["heading"] != english["columns"][0]["heading"]
    assert welsh["limits"] == english["limits"] and welsh["default_question"].startswith("Ar raddfa")
    assert {r["key"] for r in welsh["roles"]} == {r["key"] for r in english["roles"]}


# every template and script, a new one without being told
TEMPLATES = sorted(p.name for p in (ROOT / "templates").glob("*.html"))


@pytest.mark.parametrize("name", TEMPLATES)
def test_a_template_has_no_words_left_unmarked(name):
    text = (ROOT / "templates" / name).read_text()
    bare = re.sub(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", " ", text, flags=re.S)
    bare = re.sub(r"<script.*?</script>", " ", bare, flags=re.S)
    words = [w for w in re.sub(r"<[^>]*>", " ", bare).split() if re.search(r"[A-Za-z]", w)]
    assert words == [], f"{name}: words outside _() — {words[:10]}"
    attributes = re.findall(r'\b(?:aria-label|label|placeholder|title|alt)="([^"{]*[A-Za-z][^"]*)"', bare)
    assert attributes == [], f"{name}: attributes outside _() — {attributes}"


SCRIPTS = sorted(str(p.relative_to(ROOT / "static" / "js")) for p in (ROOT / "static" / "js").rglob("*.js"))
BARE_JS = [
    re.compile(r'\bh\("[a-z0-9]+", \{[^{}]*\}, ("[^"]*[A-Za-z][^"]*")'),  # a literal as an element's text
    re.compile(r'(?:confirm|alert)\(("[^"]*")'),
    re.compile(r'setAttribute\("(?:aria-label|title|alt)", ("[^"]*[A-Za-z][^"]*"|`[^`]*[A-Za-z]{2,} [^`]*`)'),
    re.compile(r'return ("[A-Z][^"]* [^"]*");'),
    re.compile(r'"aria-label": ("[^"]*[A-Za-z][^"]*")'),
    re.compile(r'textContent = ("[^"]*[A-Za-z][^"]*")'),
    re.compile(r'\bh\("[a-z0-9]+", \{[^{}]*\}, (`[^`]*[A-Za-z]{2,} [^`]*`)'),  # words pasted into a template
]


@pytest.mark.parametrize("name", SCRIPTS)
def test_a_script_has_no_words_left_unmarked(name):
    text = (ROOT / "static" / "js" / name).read_text()
    found = [m.group(0) for pattern in BARE_JS for m in pattern.finditer(text)]
    assert found == [], f"{name}: words outside t() — {found[:5]}"


# --- refusals: the sentence a person reads when something can't be done --------------

REFUSALS = {"DomainError": 1, "invalid": 0, "forbidden": 0, "conflict": 0}
WRAPPERS = {"invalid", "forbidden", "conflict", "check", "not_found", "json_or_default", "__init__"}
MARKED = {"check": 1, "json_or_default": 3}  # the rate limiters' and the HTTP errors' sentences


def _calls(tree):
    """(call, its name, the function it is in) for every call in a module."""

    def walk(node, fn):
        for child in ast.iter_child_nodes(node):
            inner = child if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef) else fn
            if isinstance(child, ast.Call):
                f = child.func
                name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else None
                yield child, name, fn
            yield from walk(child, inner)

    yield from walk(tree, None)


def _is_n(node) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "N_"


def _unmarked_refusals(source: str) -> list[str]:
    found = []
    tree = ast.parse(source)
    for call, name, fn in _calls(tree):
        if name in REFUSALS and len(call.args) > REFUSALS[name]:
            arg = call.args[REFUSALS[name]]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                continue  # a literal: Babel extracts it (keywords in conference/i18n.py)
            if (
                isinstance(arg, ast.Subscript)
                and isinstance(arg.value, ast.Name)
                and arg.value.id == "NOT_FOUND"
            ):
                continue  # a table of N_() sentences
            if isinstance(arg, ast.Name) and fn is not None:
                params = {a.arg for a in fn.args.args}
                assigned = any(
                    isinstance(n, ast.Assign)
                    and _is_n(n.value)
                    and any(isinstance(t, ast.Name) and t.id == arg.id for t in n.targets)
                    for n in ast.walk(fn)
                )
                if assigned or (arg.id in params and fn.name in WRAPPERS):
                    continue
            found.append(f"line {call.lineno}: {ast.unparse(arg)[:60]}")
        elif name in MARKED and len(call.args) > MARKED[name]:
            arg = call.args[MARKED[name]]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and arg.value.strip():
                found.append(f"line {call.lineno}: {arg.value[:60]} (needs N_)")
    return found


@pytest.mark.parametrize(
    "path", sorted(str(p.relative_to(ROOT)) for p in (ROOT / "conference").rglob("*.py"))
)
def test_every_refusal_sentence_is_in_the_catalogue(path):
    """A refusal is a literal sentence with {named} values (never an f-string, which no
    translation could follow), so extraction finds it and each language can say it."""
    assert _unmarked_refusals((ROOT / path).read_text()) == []


def test_the_refusal_check_catches_an_f_string_and_a_bare_variable():
    assert _unmarked_refusals('raise DomainError("invalid", f"Too long: {n}")\n')
    assert _unmarked_refusals("def f(m):\n    raise invalid(m)\n")
    assert _unmarked_refusals('limits.check(key, "Slow down")\n')
    assert not _unmarked_refusals('raise DomainError("invalid", "Too long: {n}", n=n)\n')
    assert not _unmarked_refusals('def f():\n    m = N_("Slow")\n    raise DomainError("rate_limited", m)\n')


@settings(max_examples=200, deadline=None)
@given(typed=st.text(max_size=60), tag=st.sampled_from(sorted(i18n.LANGUAGES)))
def test_a_refusal_keeps_whatever_was_typed_into_it_in_any_language(typed, tag):
    """Property: a name inside a refusal ("{name} has already been removed.") comes out
    exactly as typed in every language — braces, scripts, anything — and the code stays."""
    from conference.domain.errors import DomainError
    from conference.web.language import refusal

    err = DomainError("conflict", "{name} has already been removed.", name=typed)
    said = refusal(err, tag)
    assert said["code"] == "conflict"
    assert typed in said["message"]
    assert said["message"] == i18n.translations(tag).gettext("{name} has already been removed.").format(
        name=typed
    )


def test_every_field_name_a_refusal_can_say_is_translated_or_a_protocol_key():
    """ "The {label} is too long": every label the validators are given is in FIELD_LABELS
    (so it is said in the refused person's language) or one of the contract's own keys."""
    from conference.domain.validate import FIELD_LABELS, PROTOCOL_WORDS

    at = {"clean_text": 1, "required_text": 1, "check_id": 1, "check_choice": 2, "check_bool": 1}
    at |= {"check_int": 1, "check_date": 1, "require": 1}
    labels: set[str] = set()
    for path in (ROOT / "conference").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call):
                f = node.func
                name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else None
                if name in at and len(node.args) > at[name] and isinstance(node.args[at[name]], ast.Constant):
                    labels.add(node.args[at[name]].value)
    # the family wording's labels are kept in a table beside their fields
    from conference.domain.commands import FAMILY_WORDING

    labels |= {what for _, what, _ in FAMILY_WORDING.values()}
    assert len(labels) > 30
    assert sorted(labels - set(FIELD_LABELS) - set(PROTOCOL_WORDS)) == []
