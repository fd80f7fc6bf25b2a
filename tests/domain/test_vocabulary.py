"""The vocabulary is the one source of the practice's words: every heading has its meaning."""

from conference.domain import vocabulary as v


def test_every_heading_has_one_line_meaning_and_no_meaning_is_orphaned():
    headings = {key for cats in v.CATEGORIES.values() for key in cats}
    assert set(v.CATEGORY_MEANINGS) == headings
    for meaning in v.CATEGORY_MEANINGS.values():
        assert "\n" not in meaning and 10 < len(meaning) <= 100


def test_the_pages_get_each_heading_with_its_meaning():
    served = {
        c["key"]: c["meaning"] for column in v.public_vocabulary()["columns"] for c in column["categories"]
    }
    assert served == v.CATEGORY_MEANINGS
