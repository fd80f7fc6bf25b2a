"""The items a board keeps in memory (commands/items.py folded_item): equal, as dicts, to
the items the events carry, whatever they share to take less room."""

from __future__ import annotations

import copy
import json
import sys

import pytest

from conference.domain import state, views
from conference.domain.commands.items import NO_ANSWERS, folded_item, new_item

from .harness import Sim


def _board_with_items() -> Sim:
    s = Sim(lobby=False)
    nurse = s.join("Ann Nurse", "health")
    for n in range(3):
        s.command(nurse, "item.add", {"column": "worries", "text": f"Worry {n}"})
    s.command(
        s.chair, "item.add", {"column": "next_steps", "text": "Visit", "category": "actions", "owner": "Jo"}
    )
    first = next(iter(s.board.items))
    s.command(nurse, "item.respond", {"id": first, "text": "Seen it"})
    s.command(nurse, "item.edit", {"id": first, "version": 1, "text": "Worry 0, changed"})
    return s


def _last_item_events(log: list[dict]) -> dict[str, dict]:
    last = {}
    for e in log:
        if "item" in e["payload"]:
            last[e["payload"]["item"]["id"]] = e["payload"]["item"]
    return last


def test_a_folded_item_is_the_events_item_as_a_dict():
    s = _board_with_items()
    carried = _last_item_events(s.log)
    assert set(carried) == set(s.board.items)
    for item_id, item in s.board.items.items():
        assert item == carried[item_id]
        assert list(item) == list(carried[item_id])  # the same order of fields
        assert json.dumps(item) == json.dumps(carried[item_id])
        assert dict(item) == carried[item_id] and copy.deepcopy(item) == carried[item_id]


def test_folded_from_json_it_shares_what_repeats_and_equals_the_live_board():
    s = _board_with_items()
    fresh = state.fold(json.loads(json.dumps(s.log)))  # every string its own copy, as a store reads it
    assert fresh.items == s.board.items
    a, b = (fresh.items[i] for i in list(fresh.items)[1:3])
    for field in ("column", "status", "author"):
        assert a[field] is b[field]
    assert [k for k in a] == [k for k in b] and all(x is y for x, y in zip(a, b, strict=True))
    assert a["updated_at"] is a["created_at"]
    edited = fresh.items[next(iter(fresh.items))]
    assert edited["updated_at"] != edited["created_at"]  # told apart once they differ
    # another board (here the same log read again) shares the ranks its items have too
    again = state.fold(json.loads(json.dumps(s.log)))
    assert all(again.items[i]["rank"] is fresh.items[i]["rank"] for i in fresh.items)
    assert all(again.items[i]["text"] is not fresh.items[i]["text"] for i in fresh.items)


def test_no_answers_is_one_empty_list_never_changed_in_place():
    s = _board_with_items()
    answered, *others = s.board.items.values()
    assert [r["text"] for r in answered["responses"]] == ["Seen it"]
    assert all(o["responses"] == [] and o["responses"] is NO_ANSWERS for o in others)
    assert json.dumps(NO_ANSWERS) == "[]" and isinstance(NO_ANSWERS, list)
    with pytest.raises(TypeError):
        others[0]["responses"].append({"text": "leaks to every board"})
    with pytest.raises(TypeError):
        others[0]["responses"] += [{"text": "leaks to every board"}]
    assert NO_ANSWERS == []
    # answering another item makes its own list; the rest still have none
    s.command(s.chair, "item.respond", {"id": others[0]["id"], "text": "Noted"})
    assert [r["text"] for r in s.board.items[others[0]["id"]]["responses"]] == ["Noted"]
    assert s.board.items[others[1]["id"]]["responses"] == [] and NO_ANSWERS == []


def test_the_snapshot_has_every_field_of_an_item_as_a_plain_dict():
    s = _board_with_items()
    fields = list(new_item("x", "worries", "t", "a", "now", category=None, status="accepted"))
    carried = _last_item_events(s.log)
    for item in views.view_snapshot(s.board, views.Viewer.of(s.board, s.chair))["items"]:
        assert type(item) is dict
        assert [k for k in item if k in fields] == fields
        assert item == carried[item["id"]]


def test_folded_item_keeps_what_it_does_not_know():
    item = dict(new_item("x", "worries", "t", "a", "now", category=None, status="accepted"))
    item["carried"] = {"from_date": "2026-01-01", "status": None, "note": None}
    item["responses"] = [{"member_id": "m", "name": "M", "text": "hi", "at": "now"}]
    folded = folded_item(item)
    assert folded == item and folded["responses"] is item["responses"]


def test_a_folded_item_keeps_its_field_names_once_for_all_items():
    """CPython's key-sharing dicts (PEP 412): each folded item stores only its values. If
    this fails (another Python?), items cost about 200 bytes more each: docs/capacity.md."""
    s = _board_with_items()
    fresh = state.fold(json.loads(json.dumps(s.log)))
    for board in (s.board, fresh):
        for item in board.items.values():
            assert type(item) is dict
            assert sys.getsizeof(item) < sys.getsizeof(dict(item)) - 150, item["id"]
    # the snapshot's copies share them too, and a correction's one field keeps them shared
    snap = views.view_snapshot(s.board, views.Viewer.of(s.board, s.chair))
    assert all(sys.getsizeof(i) < sys.getsizeof(dict(i)) - 150 for i in snap["items"])
    item = next(iter(s.board.items.values()))
    item["text"] = "corrected"
    assert item["text"] == "corrected" and sys.getsizeof(item) < sys.getsizeof(dict(item)) - 150


@pytest.mark.parametrize("odd", ["__class__", "__dict__", "__weakref__", 7])
def test_a_name_no_attribute_may_have_is_still_folded_as_it_is(odd):
    item = dict(new_item("x", "worries", "t", "a", "now", category=None, status="accepted"))
    item[odd] = "value"
    folded = folded_item(item)
    assert type(folded) is dict and folded == item and list(folded) == list(item)
