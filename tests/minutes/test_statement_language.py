"""A danger statement reads right in every language: built as a sentence only in the
language its fields were typed in, labelled field by field in any other, and never with
the builder's own words said twice (the screens do the same: tests/js/sentences.test.js)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from conference.minutes.language import speaking
from conference.minutes.sentences import danger_sentence, tidy_fields

FIELD = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn")), min_size=1, max_size=60
).filter(lambda t: t.strip() == t and t)

CONNECTORS = {
    "pl": ("martwią się, że", "martwi się, że", "Jeśli nic się nie zmieni,", "nie zgadza się."),
    "cy": ("yn poeni bod", "Os na fydd dim yn newid,"),
    "ar": (),
}


@settings(max_examples=150, deadline=None)
@given(
    who=FIELD, behaviour=FIELD, impact=FIELD, disagreement=FIELD, reader=st.sampled_from(["pl", "cy", "ar"])
)
def test_english_fields_are_labelled_in_another_language_never_spliced(
    who, behaviour, impact, disagreement, reader
):
    s = {
        "who": who,
        "behaviour": behaviour,
        "impact": impact,
        "disagreement": disagreement,
        "language": "en-GB",
    }
    with speaking(reader):
        read = danger_sentence(s)
    tidy = tidy_fields(s)
    for key in ("who", "behaviour", "impact", "disagreement"):
        assert tidy[key] in read  # every field as typed (less the builder's own words)
    for connector in CONNECTORS[reader]:
        if connector not in "".join((who, behaviour, impact, disagreement)):
            assert connector not in read
    parts = read.split(" · ")
    assert len(parts) == sum(1 for k in ("who", "behaviour", "impact", "disagreement") if tidy[k])


def test_the_polish_family_copy_reads_the_fields_labelled_in_polish():
    s = {
        "who": "The school",
        "behaviour": "when Mark drinks",
        "impact": None,
        "disagreement": None,
        "language": "en-GB",
    }
    with speaking("pl"):
        assert danger_sentence(s) == "Kto się martwi: The school · Czym się martwią: when Mark drinks"
    with speaking("en-GB"):
        assert danger_sentence(s) == "The school is worried that when Mark drinks."
    polish = {"who": "Szkoła", "behaviour": "Marek pije", "language": "pl"}
    with speaking("pl"):
        assert danger_sentence(polish) == "Szkoła martwi się, że Marek pije."


def test_the_builders_own_words_typed_again_are_said_once():
    s = {
        "who": "Children's social care, the school and the police are worried that",
        "behaviour": "that when Mark drinks he shouts",
        "impact": "if nothing changes, Jo will be hurt",
        "disagreement": "Mark doesn't agree",
    }
    assert danger_sentence(s) == (
        "Children's social care, the school and the police are worried that when Mark drinks he shouts. "
        "If nothing changes, Jo will be hurt. Mark does not agree."
    )


def test_dissent_reads_right_however_it_is_typed():
    base = {"who": "the police", "behaviour": "Mark shouts at the children."}
    assert danger_sentence(base) == "The police are worried that Mark shouts at the children."
    assert danger_sentence({**base, "disagreement": "Mark disagrees"}).endswith(" Mark disagrees.")
    assert danger_sentence({**base, "disagreement": "Anna and Mark"}).endswith(" Anna and Mark do not agree.")
    said = danger_sentence({**base, "disagreement": "Mark does not agree that he shouts"})
    assert (
        said.endswith(" Mark does not agree that he shouts.") and "agree that he shouts does not" not in said
    )
