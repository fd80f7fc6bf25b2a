"""python-socketio's room bookkeeping, with each socket's own rooms indexed.

Its manager finds a leaving socket's rooms by looking in every room of the namespace. Every
socket here sits in three or four rooms (its own, its member's, its conference's, the
projectors'), so 2,000 phones dropping at once (a Wi-Fi blip, a restart behind nginx) cost
2,000 × ~5,000 look-ups before one of them could come back. Here each socket's rooms are
kept beside the rooms, and a leaving socket leaves only its own."""

from __future__ import annotations

from typing import Any

import socketio


class RoomIndex:
    """Mixed in before a python-socketio manager class (pinned in requirements.txt: the tail
    of `basic_disconnect` is its own, kept as it is there)."""

    rooms: dict
    callbacks: dict
    pending_connect: dict
    pending_disconnect: dict

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._rooms_of: dict[tuple[str, str], set] = {}

    def basic_enter_room(self, sid, namespace, room, eio_sid=None):
        super().basic_enter_room(sid, namespace, room, eio_sid=eio_sid)  # type: ignore[misc]
        self._rooms_of.setdefault((namespace, sid), set()).add(room)

    def basic_leave_room(self, sid, namespace, room):
        super().basic_leave_room(sid, namespace, room)  # type: ignore[misc]
        mine = self._rooms_of.get((namespace, sid))
        if mine is not None:
            mine.discard(room)
            if not mine:
                del self._rooms_of[(namespace, sid)]

    def get_rooms(self, sid, namespace):
        return [room for room in self._rooms_of.get((namespace, sid), ()) if room is not None]

    def basic_disconnect(self, sid, namespace, **kwargs):
        if namespace not in self.rooms:
            return
        for room in list(self._rooms_of.get((namespace, sid), ())):
            self.basic_leave_room(sid, namespace, room)
        # as python-socketio's own BaseManager.basic_disconnect does after leaving the rooms
        if sid in self.callbacks:
            del self.callbacks[sid]
        for pending in (self.pending_connect, self.pending_disconnect):
            if namespace in pending and sid in pending[namespace]:
                pending[namespace].remove(sid)
                if len(pending[namespace]) == 0:
                    del pending[namespace]


class IndexedManager(RoomIndex, socketio.Manager):
    """One process: python-socketio's own manager, with the index."""
