"""Cross-client delivery against a real server process with real python-socketio clients."""

from __future__ import annotations

import uuid

from ..support import BoardClient, Room, refused_at_connect


def test_several_members_see_the_same_events_in_the_same_order(server, clients):
    room = Room(server, clients, {"Mum": "parent_carer", "Sam": "social_worker", "Ms Ode": "education"})
    display = room.display(clients)
    display.snapshot()
    for c in room.clients.values():
        c.snapshot()
    start = room.chair.snapshot()["seq"]
    writers = [room.chair, *room.clients.values()]
    for n in range(12):
        writers[n % len(writers)].ok("item.add", {"column": "worries", "text": f"worry {n}"})
    last = start + 12
    everyone = [room.chair, display, *room.clients.values()]
    for c in everyone:
        c.wait_seq(last)
    orders = [
        [(e["seq"], e["type"], e["payload"]["item"]["text"]) for e in c.events if e["seq"] > start]
        for c in everyone
    ]
    assert orders[0] == orders[1] == orders[2] == orders[3] == orders[4]
    assert [s for s, _, _ in orders[0]] == list(range(start + 1, last + 1))
    assert sorted(t for _, _, t in orders[0]) == sorted(f"worry {n}" for n in range(12))


def test_resending_an_op_id_changes_nothing(server, clients):
    room = Room(server, clients, {"Dad": "parent_carer"})
    dad = room.clients["Dad"]
    op = str(uuid.uuid4())
    first = dad.cmd("item.add", {"column": "working_well", "text": "Dad takes them to football"}, op)
    again = dad.cmd("item.add", {"column": "working_well", "text": "Dad takes them to football"}, op)
    # even a resend with a different body is the same command: acknowledged, not applied
    third = dad.cmd("item.add", {"column": "worries", "text": "something else"}, op)
    assert first["ok"] and first == again == third
    # the chair's sync is answered after every event already sent to the chair's socket, so
    # a second event for the command would be in room.chair.events by then
    snap = room.chair.snapshot()
    assert [i["text"] for i in snap["items"]] == ["Dad takes them to football"]
    assert snap["seq"] == first["seq"]
    assert sum(1 for e in room.chair.events if e["seq"] == first["seq"]) == 1


def test_a_member_who_reconnects_gets_exactly_what_it_missed(server, clients):
    room = Room(server, clients, {"Gran": "family_network"})
    gran = room.clients["Gran"]
    gran_snap = gran.snapshot()
    gran.close()
    gran.disconnected.wait(5)
    texts = [f"missed {n}" for n in range(5)]
    acks = [room.chair.ok("item.add", {"column": "working_well", "text": t}) for t in texts]
    again = BoardClient(server.url, room.tokens["Gran"])
    clients.append(again)
    answer = again.sync(gran_snap["seq"])
    assert answer["ok"] and answer["seq"] == acks[-1]["seq"]
    assert [e["seq"] for e in answer["events"]] == list(range(gran_snap["seq"] + 1, acks[-1]["seq"] + 1))
    assert [e["payload"]["item"]["text"] for e in answer["events"]] == texts
    assert again.sync(answer["seq"]) == {"ok": True, "seq": answer["seq"], "events": []}


def test_waiting_member_gets_only_hello_until_admitted(server, clients):
    room = Room(server, clients, {"Mum": "parent_carer"})
    joined = server.join(room.conf["join_code"], "Late Aunt", "family_network")
    assert joined["status"] == "waiting"
    aunt = BoardClient(server.url, joined["participant_token"])
    clients.append(aunt)
    assert aunt.hello["you"]["status"] == "waiting"
    assert aunt.sync(0)["error"]["code"] == "forbidden"
    assert aunt.cmd("item.add", {"column": "worries", "text": "x"})["error"]["code"] == "forbidden"
    room.chair.ok("item.add", {"column": "worries", "text": "said while she waited"})
    # a marker on her own socket: answered after anything already sent to her
    assert aunt.sync(0)["error"]["code"] == "forbidden"
    assert aunt.events == [] and aunt.admitted == 0
    # the chair sees her in the lobby, with her phone connected; the family does not
    lobby = [m for m in room.chair.snapshot()["members"] if m["status"] == "waiting"]
    assert [m["name"] for m in lobby] == ["Late Aunt"]
    room.chair.wait(
        lambda: any(joined["participant_id"] in p.get("waiting", []) for p in room.chair.presence)
    )
    assert all(joined["participant_id"] not in p["online"] for p in room.chair.presence)
    mum = room.clients["Mum"]
    assert mum.sync(mum.snapshot()["seq"])["ok"]  # a marker: anything sent to her before is in
    assert mum.presence and all("waiting" not in p for p in mum.presence)
    assert all(joined["participant_id"] not in p["online"] for p in mum.presence)
    room.chair.ok("member.admit", {"member_id": joined["participant_id"]})
    aunt.wait(lambda: aunt.admitted == 1)
    # once in, she is online and no longer waiting, in the chair's own presence too
    room.chair.wait(
        lambda: any(
            joined["participant_id"] in p["online"] and p.get("waiting") == [] for p in room.chair.presence
        )
    )
    snap = aunt.snapshot()
    assert [i["text"] for i in snap["items"]] == ["said while she waited"]
    room.chair.ok("item.add", {"column": "worries", "text": "after"})
    aunt.wait(lambda: any(e["type"] == "item.added" for e in aunt.events))


def test_hidden_placeholders_keep_every_log_gap_free(server, clients):
    room = Room(server, clients, {"Mum": "parent_carer", "Sam": "social_worker"})
    mum, sam = room.clients["Mum"], room.clients["Sam"]
    display = room.display(clients)
    base = room.chair.snapshot()["seq"]
    room.chair.ok("session.close")
    sam.ok("item.add", {"column": "worries", "text": "PRIVATE police intelligence"})
    room.chair.ok("statement.add", {"kind": "danger", "who": "Police", "behaviour": "PRIVATE", "impact": "x"})
    last = room.chair.ok("session.open")["seq"]
    for c in (mum, sam, display, room.chair):
        c.wait_seq(last)
    mum_events = [e for e in mum.events if e["seq"] > base]
    assert [e["seq"] for e in mum_events] == list(range(base + 1, last + 1))
    assert [e["type"] for e in mum_events] == ["session.closed", "hidden", "hidden", "session.opened"]
    assert set(mum_events[1]) == {"seq", "type", "at"}
    assert "PRIVATE" not in repr(mum.events) + repr(display.events)
    assert "PRIVATE" in repr([e for e in sam.events if e["seq"] > base])
    # the family side catches up with the board at the end of the closed session
    board = mum_events[-1]["payload"]["board"]
    assert board["seq"] == last and board["conference"]["closed_session"] is False
    assert "PRIVATE" not in repr(mum.snapshot()) + repr(display.snapshot())


def test_scores_stay_hidden_until_revealed(server, clients):
    room = Room(server, clients, {"Mum": "parent_carer", "Sam": "social_worker"})
    mum, sam = room.clients["Mum"], room.clients["Sam"]
    display = room.display(clients)
    rid = room.chair.ok("round.open", {})["result"]["id"]
    mum.ok("round.score", {"round_id": rid, "score": 7, "reason": "MUMREASON things are better"})
    last = sam.ok("round.score", {"round_id": rid, "score": 3, "reason": "SAMREASON still worried"})["seq"]
    for c in (mum, sam, display, room.chair):
        c.wait_seq(last)
    assert "SAMREASON" not in repr(mum.events) + repr(mum.snapshot())
    assert "MUMREASON" not in repr(sam.events) + repr(sam.snapshot())
    assert "REASON" not in repr(room.chair.events) + repr(room.chair.snapshot())
    assert "REASON" not in repr(display.events) + repr(display.snapshot())
    mine = [r for r in mum.snapshot()["rounds"] if r["id"] == rid][0]
    assert mine["mine"] == {"score": 7, "reason": "MUMREASON things are better"} and mine["count"] == 2
    seq = room.chair.ok("round.reveal", {"round_id": rid})["seq"]
    display.wait_seq(seq)
    revealed = [e for e in display.events if e["type"] == "round.revealed"][0]["payload"]
    assert revealed["summary"] == {"n": 2, "min": 3, "max": 7, "median": 5}
    assert {s["reason"] for s in revealed["scores"].values()} == {
        "MUMREASON things are better",
        "SAMREASON still worried",
    }


def test_removed_member_is_told_disconnected_and_locked_out(server, clients):
    room = Room(server, clients, {"Visitor": "other_professional"})
    visitor = room.clients["Visitor"]
    room.chair.ok("member.remove", {"member_id": room.ids["Visitor"]})
    visitor.wait(lambda: visitor.removed == [{"reason": "removed"}])
    assert visitor.disconnected.wait(5)
    assert refused_at_connect(server.url, room.tokens["Visitor"]), "a removed member could reconnect"


def test_presence_lists_who_is_online(server, clients):
    room = Room(server, clients, {"Mum": "parent_carer"})
    chair = room.chair
    chair.wait(lambda: any(room.ids["Mum"] in p["online"] for p in chair.presence))
    room.clients["Mum"].close()
    chair.wait(lambda: room.ids["Mum"] not in chair.presence[-1]["online"])
    assert chair.hello["you"]["member_id"] in chair.presence[-1]["online"]
