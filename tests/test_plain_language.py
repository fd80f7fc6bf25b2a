"""The plain-language check: what it flags, what it leaves alone, and that a council can edit it."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from conference.plain_language import check, load_glossary, reading_age, words


def terms(text: str) -> list[str]:
    return [f["term"] for f in check(text)["flags"]]


def test_acronyms_from_the_list_and_unknown_ones():
    flags = {f["term"]: f for f in check("After the RCPC and the s47, CAMHS and the XYZQ team met.")["flags"]}
    assert flags["RCPC"]["suggestion"] == "the review conference"
    assert flags["s47"]["suggestion"] == "the child protection enquiry"
    assert flags["XYZQ"]["suggestion"] == "Say what the letters stand for"
    assert set(flags) == {"RCPC", "s47", "CAMHS", "XYZQ"}


def test_gp_and_ordinary_capitals_are_fine():
    assert terms("The GP saw Jo at the NHS clinic. I am OK.") == []


def test_jargon_and_labels_in_any_case_as_whole_words():
    assert terms("Contact with Dad went well. Neglect was raised. We saw DOMESTIC VIOLENCE.") == [
        "Contact",
        "Neglect",
        "DOMESTIC VIOLENCE",
    ]
    assert terms("Neglected is not the same word; contacts neither.") == []


def test_long_sentences_are_flagged_with_their_length():
    long = "We " + " ".join(["talked"] * 30) + "."
    flag = check(long)["flags"][0]
    assert flag["start"] == 0 and flag["end"] == len(long) and "31 words" in flag["why"]


def test_reading_age_is_lower_for_plainer_words():
    plain = reading_age("Dad shouts. Jo is scared. Gran helps.")
    hard = reading_age(
        "Professionals articulated considerable apprehension regarding intergenerational dysfunctionality."
    )
    assert plain is not None and hard is not None and plain < hard
    assert reading_age("") is None


def test_a_council_can_edit_the_glossary(tmp_path):
    g = load_glossary()
    custom = dict(g, jargon={**g["jargon"], "core group": "the people who meet to check the plan"})
    path = tmp_path / "glossary.json"
    path.write_text(json.dumps(custom))
    flags = check("The core group meets on Monday.", str(path))["flags"]
    assert [(f["term"], f["suggestion"]) for f in flags] == [
        ("core group", "the people who meet to check the plan")
    ]


@given(st.text(max_size=300))
def test_flags_always_point_at_the_text_they_name(text):
    result = check(text)
    for f in result["flags"]:
        assert 0 <= f["start"] < f["end"] <= len(text)
        assert text[f["start"] : f["end"]] == f["term"]
    spans = [(f["start"], f["end"]) for f in result["flags"] if "words" not in f["why"]]
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))


NEW_TERMS = [
    "s17",
    "s47",
    "Section 20",
    "accommodation",
    "in denial",
    "minimises",
    "toxic trio",
    "hostile",
    "uncooperative",
    "resistant",
    "presents as",
    "parenting capacity",
    "core group",
    "ACEs",
]


def test_the_terms_families_told_us_lose_them_are_each_caught_even_in_mixed_case():
    for term in NEW_TERMS:
        assert terms(f"We noted {term} at the visit.") == [term], term
    # a mixed-case acronym is caught as written, and nowhere inside another word
    assert terms("Jo's ACEs were discussed; aces high.") == ["ACEs"]


def test_a_sentence_over_20_words_is_flagged_and_20_is_not():
    twenty = " ".join(["word"] * 20) + "."
    assert check(twenty)["flags"] == []
    long = check(" ".join(["word"] * 21) + ".")["flags"]
    assert len(long) == 1 and "21 words" in long[0]["why"]


def test_every_glossary_term_in_a_family_copy_is_flagged_before_it_goes_out():
    from conference.minutes import build_minutes
    from conference.plain_language import check_minutes

    from .domain.harness import Sim

    g = load_glossary()
    every = [t for part in ("acronyms", "jargon", "labels") for t in g[part]]
    sim = Sim()
    for n, term in enumerate(every):
        sim.command(sim.chair, "item.add", {"column": "worries", "text": f"Item {n}: {term} was said."})
    sim.command(sim.chair, "item.add", {"column": "worries", "text": "the CAMHS lady", "voice": "child"})
    sim.command(sim.chair, "conference.close", {})
    flags = check_minutes(build_minutes(sim.board, sim.log, "family"))
    flagged = {(f["text"], f["term"].lower()) for f in flags}
    for n, term in enumerate(every):
        assert (f"Item {n}: {term} was said.", term.lower()) in flagged, term
    # the child's own words are never marked as wrong
    assert not any(f["text"] == "the CAMHS lady" for f in flags)


# a word: letters of several scripts, or digits, maybe joined inside by an apostrophe or a hyphen
_LETTERS = st.sampled_from(list("abcXYZłóśćŁŵŷâАБжةبخ0123456789"))
_PART = st.text(_LETTERS, min_size=1, max_size=8)
_WORDS = st.builds(
    lambda first, rest: first + "".join(j + p for j, p in rest),
    _PART,
    st.lists(st.tuples(st.sampled_from(["'", "’", "-"]), _PART), max_size=2),
)
_BETWEEN = st.sampled_from([" ", "  ", ", ", ". ", "! ", "? ", "\n", " — ", "; ", " (", ") ", ": "])


@given(st.lists(st.tuples(_WORDS, _BETWEEN), max_size=40))
def test_the_word_count_is_the_number_of_words_whatever_the_script_and_punctuation(pairs):
    text = "".join(w + b for w, b in pairs)
    assert words(text) == len(pairs)


def test_words_are_counted_as_people_write_them():
    assert words("Łucja Wójcik doesn’t come on 12 May; well-being matters.") == 9
    assert words("") == 0 and words(" — , . ") == 0


def test_a_long_sentence_counts_every_word_in_any_script():
    polish = " ".join(["Wójcik"] * 21) + "."
    flags = check(polish)["flags"]
    assert [f["kind"] for f in flags] == ["long_sentence"] and "21 words" in flags[0]["why"]
    assert check(" ".join(["Wójcik"] * 20) + ".")["flags"] == []


def test_every_flag_says_whether_it_is_a_word_or_a_sentence():
    long = " ".join(["talked"] * 25) + "."
    kinds = [f["kind"] for f in check(f"Contact went well. The RCPC met. {long}")["flags"]]
    assert kinds == ["jargon", "acronym", "long_sentence"]


def test_the_category_of_harm_the_decision_chose_is_not_flagged_where_the_decision_names_it():
    """'Neglect' in a worry is a label (say what happened), but in the decision it is the
    statutory category the family must be told: the check before the family copy goes out
    leaves it alone there, and still flags a category the decision did not choose."""
    from conference.minutes import build_minutes
    from conference.plain_language import check_minutes

    from .domain.harness import Sim

    sim = Sim()
    sim.command(sim.chair, "item.add", {"column": "worries", "text": "There was neglect at home."})
    sim.command(
        sim.chair,
        "decision.record",
        {
            "outcome": "continue_plan",
            "categories": ["neglect"],
            "text": "A child protection plan under the category of Neglect; no emotional abuse was found.",
            "dissent": "Mum does not agree with Neglect.",
        },
    )
    sim.command(sim.chair, "conference.close", {})
    flags = check_minutes(build_minutes(sim.board, sim.log, "family"))
    where = {(f["where"], f["term"]) for f in flags}
    assert ("The decision", "Neglect") not in where
    # a category the decision did not choose is still a label there
    assert ("The decision", "emotional abuse") in where
    assert ("Who disagreed", "Neglect") not in where
    # the label is still a label in a worry
    assert any(f["term"] == "neglect" and f["text"] == "There was neglect at home." for f in flags)
    # the check itself still flags it when nothing says it is the decision's category
    assert terms("A plan under the category of Neglect.") == ["Neglect"]
    assert check("A plan under Neglect.", told=("Neglect",))["flags"] == []
