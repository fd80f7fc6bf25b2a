"""Who is connected: sockets per member, and who is online, in one process or across several (Redis)."""

from __future__ import annotations

import os
import socket
import threading
import uuid


class MemoryConnections:
    """One server process: everything is in this process. Each board's sockets are indexed
    by member, so who is online is read from that board alone, never by scanning every
    socket the process holds (a reconnect storm of 2,000 sockets asks 2,000 times)."""

    def __init__(self) -> None:
        self._by_sid: dict[str, tuple[str, str]] = {}
        # conference -> member -> that member's sockets here
        self._by_board: dict[str, dict[str, set[str]]] = {}
        self._waiting: set[str] = set()
        self._lock = threading.Lock()

    def add(self, sid: str, conference_id: str, member_id: str, waiting: bool) -> None:
        with self._lock:
            self._by_sid[sid] = (conference_id, member_id)
            self._by_board.setdefault(conference_id, {}).setdefault(member_id, set()).add(sid)
            if waiting:
                self._waiting.add(member_id)

    def who(self, sid: str) -> tuple[str, str] | None:
        return self._by_sid.get(sid)

    def drop(self, sid: str) -> tuple[str, str] | None:
        with self._lock:
            found = self._by_sid.pop(sid, None)
            if found:
                conference_id, member_id = found
                members = self._by_board.get(conference_id, {})
                sockets = members.get(member_id, set())
                sockets.discard(sid)
                if not sockets:
                    members.pop(member_id, None)
                    self._waiting.discard(member_id)
                if not members:
                    self._by_board.pop(conference_id, None)
            return found

    def admitted(self, conference_id: str, member_id: str) -> None:
        with self._lock:
            self._waiting.discard(member_id)

    def online(self, conference_id: str) -> list[str]:
        with self._lock:
            return sorted(m for m in self._by_board.get(conference_id, {}) if m not in self._waiting)

    def waiting(self, conference_id: str) -> list[str]:
        """Members in the lobby with a screen open: for the chair's console only."""
        with self._lock:
            return sorted(m for m in self._by_board.get(conference_id, {}) if m in self._waiting)

    def sids(self, conference_id: str, member_id: str) -> list[str]:
        with self._lock:
            return sorted(self._by_board.get(conference_id, {}).get(member_id, ()))

    def here(self) -> dict[str, dict[str, list[str]]]:
        """This process's own sockets of admitted members: conference -> member -> sids."""
        with self._lock:
            return {
                cid: {mid: sorted(sids) for mid, sids in members.items() if mid not in self._waiting}
                for cid, members in self._by_board.items()
            }

    def count(self) -> int:
        """Sockets connected to this process."""
        return len(self._by_sid)

    def heartbeat(self) -> None:
        """Nothing to keep alive in one process."""


class RedisConnections(MemoryConnections):
    """Several processes: every socket is also written to Redis, tagged with its process,
    whose heartbeat key expires if the process dies, so its sockets stop counting."""

    TTL = 30

    def __init__(self, redis_client) -> None:
        super().__init__()
        self.r = redis_client
        self.process = f"{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:6]}"
        self.heartbeat()

    def heartbeat(self) -> None:
        self.r.set(f"cb:proc:{self.process}", "1", ex=self.TTL)

    @staticmethod
    def _key(conference_id: str) -> str:
        return f"cb:{{{conference_id}}}:online"

    def add(self, sid: str, conference_id: str, member_id: str, waiting: bool) -> None:
        super().add(sid, conference_id, member_id, waiting)
        self.r.hset(self._key(conference_id), sid, f"{member_id}|{int(waiting)}|{self.process}")

    def drop(self, sid: str) -> tuple[str, str] | None:
        found = super().drop(sid)
        if found:
            self.r.hdel(self._key(found[0]), sid)
        return found

    def admitted(self, conference_id: str, member_id: str) -> None:
        super().admitted(conference_id, member_id)
        for sid, value in self._entries(conference_id).items():
            mid, _, process = value
            if mid == member_id:
                self.r.hset(self._key(conference_id), sid, f"{mid}|0|{process}")

    def _entries(self, conference_id: str) -> dict[str, tuple[str, bool, str]]:
        raw = self.r.hgetall(self._key(conference_id))
        entries = {}
        for sid, value in raw.items():
            mid, waiting, process = value.decode().split("|")
            entries[sid.decode()] = (mid, waiting == "1", process)
        processes = sorted({p for _, _, p in entries.values()})
        alive = (
            dict(zip(processes, self.r.mget([f"cb:proc:{p}" for p in processes]), strict=True))
            if processes
            else {}
        )
        dead = [sid for sid, (_, _, p) in entries.items() if not alive.get(p)]
        if dead:  # sockets of a process that died without saying goodbye
            self.r.hdel(self._key(conference_id), *dead)
        return {sid: e for sid, e in entries.items() if alive.get(e[2])}

    def online(self, conference_id: str) -> list[str]:
        return sorted({mid for mid, waiting, _ in self._entries(conference_id).values() if not waiting})

    def waiting(self, conference_id: str) -> list[str]:
        return sorted({mid for mid, waiting, _ in self._entries(conference_id).values() if waiting})

    def sids(self, conference_id: str, member_id: str) -> list[str]:
        return [sid for sid, (mid, _, _) in self._entries(conference_id).items() if mid == member_id]
