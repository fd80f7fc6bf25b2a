"""The handshake may ask for what was missed (`auth: {token, since}`): hello then carries
the answer `sync {since}` would give, so a phone on a slow line saves a round trip. A client
that does not ask gets the hello it always got and still calls `sync` itself."""

from __future__ import annotations

from ..support import BoardClient, Room


def connect(server, clients, token: str, since: object = None) -> BoardClient:
    c = BoardClient(server.url, token, connect=False)
    clients.append(c)
    c.connect(since=since)
    return c


def test_since_0_in_the_handshake_brings_the_whole_board_in_hello(server, clients):
    room = Room(server, clients, {"Mum": "parent_carer"})
    for n in range(3):
        room.chair.ok("item.add", {"column": "worries", "text": f"worry {n}"})
    mum = connect(server, clients, room.tokens["Mum"], since=0)
    answer = mum.hello["sync"]
    assert answer["ok"] is True and answer["seq"] == mum.hello["seq"]
    # the same snapshot an explicit sync gives, on the same socket
    assert answer["snapshot"] == mum.sync(0)["snapshot"]
    assert [i["text"] for i in answer["snapshot"]["items"]] == ["worry 0", "worry 1", "worry 2"]


def test_a_phone_back_from_offline_gets_just_what_it_missed_in_hello(server, clients):
    room = Room(server, clients, {"Gran": "family_network"})
    seen = room.clients["Gran"].snapshot()["seq"]
    room.clients["Gran"].close()
    acks = [room.chair.ok("item.add", {"column": "working_well", "text": f"missed {n}"}) for n in range(4)]
    gran = connect(server, clients, room.tokens["Gran"], since=seen)
    answer = gran.hello["sync"]
    assert "snapshot" not in answer
    assert [e["seq"] for e in answer["events"]] == [a["seq"] for a in acks]
    assert [e["payload"]["item"]["text"] for e in answer["events"]] == [f"missed {n}" for n in range(4)]


def test_an_old_client_that_does_not_ask_gets_the_same_hello_and_syncs_itself(server, clients):
    room = Room(server, clients, {"Dad": "parent_carer"})
    room.chair.ok("item.add", {"column": "worries", "text": "late at night"})
    dad = connect(server, clients, room.tokens["Dad"])
    assert "sync" not in dad.hello
    assert set(dad.hello) == {"protocol", "conference_id", "you", "seq"}
    assert [i["text"] for i in dad.snapshot()["items"]] == ["late at night"]


def test_someone_in_the_lobby_is_told_nothing_of_the_board_in_hello(server, clients):
    room = Room(server, clients)
    room.chair.ok("conference.update", {"lobby": True})
    room.chair.ok("item.add", {"column": "worries", "text": "only for those let in"})
    joined = server.join(room.conf["join_code"], "Uncle", "family_network")
    uncle = connect(server, clients, joined["participant_token"], since=0)
    assert uncle.hello["you"]["status"] == "waiting"
    assert "sync" not in uncle.hello


def test_a_bad_since_in_the_handshake_is_answered_invalid_and_the_socket_still_works(server, clients):
    room = Room(server, clients, {"Nan": "family_network"})
    for bad in (-1, "3", True, 1.5):
        nan = connect(server, clients, room.tokens["Nan"], since=bad)
        answer = nan.hello["sync"]
        assert answer["ok"] is False and answer["error"]["code"] == "invalid", (bad, answer)
        assert nan.snapshot()["conference"]["id"] == room.id
        nan.close()
