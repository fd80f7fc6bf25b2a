"""The indexed rooms (`web/rooms.py`) keep exactly python-socketio's own bookkeeping: the same
random connects, room entries and exits and disconnects on both leave the same rooms, the
same callbacks and pending lists, and each socket in the same rooms."""

from __future__ import annotations

import itertools
import json
import types

import socketio
from hypothesis import given, settings
from hypothesis import strategies as st

from conference.web.rooms import IndexedManager

NS = "/board"


def manager(cls):
    ids = itertools.count()
    server = types.SimpleNamespace(
        packet_class=types.SimpleNamespace(json=json),
        eio=types.SimpleNamespace(generate_id=lambda: f"s{next(ids)}"),
    )
    m = cls()
    m.set_server(server)
    return m


def rooms_of(m, sid):
    return sorted(map(str, m.get_rooms(sid, NS)))


step = st.one_of(
    st.tuples(st.just("connect"), st.integers(0, 9)),
    st.tuples(
        st.just("enter"), st.integers(0, 9), st.sampled_from(["conf-a", "conf-b", "member-1", "display"])
    ),
    st.tuples(
        st.just("leave"), st.integers(0, 9), st.sampled_from(["conf-a", "conf-b", "member-1", "display"])
    ),
    st.tuples(st.just("disconnect"), st.integers(0, 9)),
    st.tuples(st.just("callback"), st.integers(0, 9)),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(step, max_size=60))
def test_the_index_keeps_the_same_rooms_as_python_socketio(steps):
    ours, theirs = manager(IndexedManager), manager(socketio.Manager)
    sids: dict[int, str] = {}
    for op, n, *room in steps:
        if op == "connect":
            if n in sids:
                continue
            a, b = ours.connect(f"e{n}", NS), theirs.connect(f"e{n}", NS)
            assert a == b
            sids[n] = a
            continue
        sid = sids.get(n)
        if sid is None:
            continue
        if op == "enter":
            ours.basic_enter_room(sid, NS, room[0])
            theirs.basic_enter_room(sid, NS, room[0])
        elif op == "leave":
            ours.basic_leave_room(sid, NS, room[0])
            theirs.basic_leave_room(sid, NS, room[0])
        elif op == "callback":
            ours.callbacks.setdefault(sid, {})[1] = print
            theirs.callbacks.setdefault(sid, {})[1] = print
        else:
            ours.pre_disconnect(sid, NS)
            theirs.pre_disconnect(sid, NS)
            ours.basic_disconnect(sid, NS)
            theirs.basic_disconnect(sid, NS)
            del sids[n]
        assert ours.rooms == theirs.rooms
        assert ours.callbacks == theirs.callbacks
        assert ours.pending_connect == theirs.pending_connect
        assert ours.pending_disconnect == theirs.pending_disconnect
        for s in sids.values():
            assert rooms_of(ours, s) == rooms_of(theirs, s)
