"""The chair's draft statement reaches the projector only, checked, and is never logged."""

from __future__ import annotations

from ..support import BoardClient, Room


def test_a_draft_goes_to_the_projector_and_nowhere_else(server, clients):
    room = Room(server, clients, {"Mum": "parent_carer", "Sam": "social_worker"})
    display = room.display(clients)
    mum, sam = room.clients["Mum"], room.clients["Sam"]
    before = room.chair.snapshot()["seq"]
    assert room.chair.call(
        "draft", {"kind": "danger", "who": " School ", "behaviour": "Dad <b>shouts</b>"}
    ) == {"ok": True}
    display.wait(lambda: len(display.drafts) == 1)
    assert display.drafts[0]["who"] == "School" and display.drafts[0]["behaviour"] == "Dad <b>shouts</b>"
    # the event after the draft reaches every phone; by then a draft sent to them would have come first
    seq = room.chair.ok("item.add", {"column": "worries", "text": "after the draft"})["seq"]
    for phone in (mum, sam, room.chair):
        phone.wait_seq(seq)
        assert phone.drafts == []
    assert seq == before + 1  # the draft itself appended nothing
    # clearing the box
    room.chair.call("draft", {})
    display.wait(lambda: len(display.drafts) == 2)
    assert display.drafts[1] == {}


def test_only_the_chair_drafts_and_a_bad_draft_says_why(server, clients):
    room = Room(server, clients, {"Mum": "parent_carer", "Sam": "social_worker"})
    display = room.display(clients)
    for who in (room.clients["Mum"], room.clients["Sam"], display):
        ack = who.call("draft", {"kind": "danger", "who": "x"})
        assert ack["ok"] is False and ack["error"]["code"] == "forbidden"
    for bad in ({"kind": "nonsense"}, {"who": "no kind"}, {"kind": "danger", "who": "\ud800"}, "text"):
        ack = room.chair.call("draft", bad)
        assert ack["ok"] is False and ack["error"]["code"] == "invalid", bad
        assert len(ack["error"]["message"]) > 20
    big = room.chair.call("draft", {"kind": "danger", "who": "x" * 70_000})
    assert big["error"]["code"] == "too_large"
    room.chair.ok("session.close")
    assert room.chair.call("draft", {"kind": "danger", "who": "x"})["error"]["code"] == "forbidden"
    room.chair.ok("session.open")
    # one good draft last: the projector got it, and nothing before it
    room.chair.call("draft", {"kind": "danger", "who": "the last one"})
    display.wait(lambda: len(display.drafts) >= 1)
    assert [d["who"] for d in display.drafts] == ["the last one"]


def test_when_the_chair_leaves_the_projector_drops_the_draft(server, clients):
    made = server.create()
    chair = BoardClient(server.url, made["facilitator_token"])
    display = BoardClient(server.url, made["display_token"])
    clients.extend([chair, display])
    chair.call("draft", {"kind": "safety_goal", "text": "Jo is collected by Gran"})
    display.wait(lambda: len(display.drafts) == 1)
    chair.close()
    display.wait(lambda: len(display.drafts) == 2)
    assert display.drafts[1] == {}


def test_the_chairs_paging_reaches_projectors_only_and_a_reloaded_projector_again(server, clients):
    room = Room(server, clients, {"Mum": "parent_carer", "Sam": "social_worker"})
    display = room.display(clients)
    before = room.chair.snapshot()["seq"]
    held = {"paused": True, "page": 2, "family_wording": True}
    assert room.chair.call("projector", held) == {"ok": True}
    display.wait(lambda: display.projector == [held])
    seq = room.chair.ok("item.add", {"column": "worries", "text": "after the paging"})["seq"]
    assert seq == before + 1  # nothing logged for the paging
    for phone in (room.clients["Mum"], room.clients["Sam"], room.chair):
        phone.wait_seq(seq)
        assert phone.projector == []
    # a projector that reloads is told the held page again at once
    again = room.display(clients)
    again.wait(lambda: again.projector == [held])
    # only the chair, and only sensible values
    for who in (room.clients["Mum"], display):
        assert who.call("projector", {"paused": True})["error"]["code"] == "forbidden"
    for bad in ({"page": 100}, {"page": -1}, {"paused": "yes"}, {"turn": 1}, "text"):
        ack = room.chair.call("projector", bad)
        assert ack["ok"] is False and ack["error"]["code"] == "invalid", bad
