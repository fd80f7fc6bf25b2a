"""The EventStore on Redis, for several server processes: a Stream per conference, Lua for atomic appends.

Keys (standalone Redis or a primary with replicas; not Redis Cluster, since a join code and
a token are looked up without knowing the conference):

    cb:{id}:meta     hash  seq, join_code, owner
    cb:{id}:log      stream, entry id "<seq>-1", field e = the event as JSON
    cb:{id}:ops      hash  op_id -> "<seq>|<result JSON>"
    cb:{id}:tokens   set   token hashes of this conference
    cb:code:<code>   string -> conference id
    cb:token:<hash>  string -> "<conference id> <member id>"
    cb:owner:<name>  set   ids of the conferences a facilitator owns
    cb:conferences   set   every conference id

The URL is `redis://…` (one server) or `redis+sentinel://HOST:PORT[,HOST:PORT…]/DB/SERVICE`:
Sentinel names the primary, and every new connection asks it again, so after a failover
the next connection goes to the promoted replica. A call that failed before anything
reached Redis (no connection, a replica refusing a write) is retried for a moment; a write
whose answer was lost is never retried here: it is reported as uncertain, and the op_id
makes the caller's resend safe. With `replicas` ≥ 1 an append is acknowledged only once
WAIT says that many replicas have it.
"""

from __future__ import annotations

import json
import secrets
import time
from typing import Any
from urllib.parse import urlsplit

import redis as redis_lib
from redis.backoff import NoBackoff
from redis.exceptions import ReadOnlyError
from redis.retry import Retry
from redis.sentinel import MasterNotFoundError, Sentinel

from .base import DuplicateCode, DuplicateOp, Event, SeqConflict, StoreUnavailable

_CREATE = """
if redis.call('SET', KEYS[4], ARGV[1], 'NX') == false then return 0 end
redis.call('HSET', KEYS[1], 'seq', ARGV[2], 'join_code', ARGV[5], 'owner', ARGV[6])
if ARGV[6] ~= '' then redis.call('SADD', 'cb:owner:' .. ARGV[6], ARGV[1]) end
redis.call('SADD', 'cb:conferences', ARGV[1])
redis.call('XADD', KEYS[2], ARGV[2] .. '-1', 'e', ARGV[3])
for _, pair in ipairs(cjson.decode(ARGV[4])) do
  redis.call('SET', 'cb:token:' .. pair[1], ARGV[1] .. ' ' .. pair[2])
  redis.call('SADD', KEYS[3], pair[1])
end
return 1
"""

# every token of one member (the set of a conference's tokens, "<conference> <member>")
_REVOKE = """
local function revoke(tokens, owner)
  for _, h in ipairs(redis.call('SMEMBERS', tokens)) do
    if redis.call('GET', 'cb:token:' .. h) == owner then
      redis.call('DEL', 'cb:token:' .. h)
      redis.call('SREM', tokens, h)
    end
  end
end
"""

_APPEND = (
    _REVOKE
    + """
local last = redis.call('HGET', KEYS[1], 'seq')
if not last then return {-1} end
if tonumber(last) + 1 ~= tonumber(ARGV[1]) then return {-2, last} end
if ARGV[3] ~= '' then
  local done = redis.call('HGET', KEYS[3], ARGV[3])
  if done then
    -- about to WAIT: write something, so the wait covers the first append too (replication is in order)
    if ARGV[8] == '1' then redis.call('HSET', KEYS[3], ARGV[3], done) end
    return {-3, done}
  end
  redis.call('HSET', KEYS[3], ARGV[3], ARGV[1] .. '|' .. ARGV[4])
end
redis.call('XADD', KEYS[2], ARGV[1] .. '-1', 'e', ARGV[2])
redis.call('HSET', KEYS[1], 'seq', ARGV[1])
for _, pair in ipairs(cjson.decode(ARGV[5])) do
  redis.call('SET', 'cb:token:' .. pair[1], ARGV[7] .. ' ' .. pair[2])
  redis.call('SADD', KEYS[4], pair[1])
end
if ARGV[6] ~= '' then revoke(KEYS[4], ARGV[7] .. ' ' .. ARGV[6]) end
return {tonumber(ARGV[1])}
"""
)

_REPLACE_TOKENS = (
    _REVOKE
    + """
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
revoke(KEYS[4], ARGV[1] .. ' ' .. ARGV[2])
redis.call('SET', 'cb:token:' .. ARGV[3], ARGV[1] .. ' ' .. ARGV[2])
redis.call('SADD', KEYS[4], ARGV[3])
return 1
"""
)

_DELETE = """
local code = redis.call('HGET', KEYS[1], 'join_code')
if not code then return 0 end
local owner = redis.call('HGET', KEYS[1], 'owner')
if owner and owner ~= '' then redis.call('SREM', 'cb:owner:' .. owner, ARGV[1]) end
redis.call('DEL', 'cb:code:' .. code)
redis.call('SREM', 'cb:conferences', ARGV[1])
for _, h in ipairs(redis.call('SMEMBERS', KEYS[4])) do redis.call('DEL', 'cb:token:' .. h) end
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[4], 'cb:{' .. ARGV[1] .. '}:audit')
return 1
"""

# a conference moved to another facilitator: the old owner's set loses it as the new one's gains it
_SET_OWNER = """
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
local old = redis.call('HGET', KEYS[1], 'owner')
if old and old ~= '' then redis.call('SREM', 'cb:owner:' .. old, ARGV[1]) end
redis.call('HSET', KEYS[1], 'owner', ARGV[2])
redis.call('SADD', 'cb:owner:' .. ARGV[2], ARGV[1])
return 1
"""


SENTINEL_FORM = "redis+sentinel://HOST:PORT[,HOST:PORT…]/DB/SERVICE"

# pauses before the retries of a call that surely did not reach Redis (about 0.6 s in all:
# a failover itself takes longer, and the phone resends its command anyway)
_BACKOFF = (0.05, 0.15, 0.4)


def parse_sentinel_url(url: str) -> tuple[list[tuple[str, int]], int, str, str | None]:
    """The sentinels, DB number, service name and password of a `redis+sentinel://` URL;
    ValueError naming the expected form when it is not one."""

    def refuse(why: str) -> ValueError:
        return ValueError(f"Not a Sentinel URL ({why}): expected {SENTINEL_FORM}, got {url!r}")

    parts = urlsplit(url)
    if parts.scheme != "redis+sentinel":
        raise refuse("the scheme must be redis+sentinel")
    if parts.query or parts.fragment:
        raise refuse("no ?query or #fragment")
    userinfo, _, hosts = parts.netloc.rpartition("@")
    password = (userinfo.partition(":")[2] or None) if userinfo else None
    sentinels = []
    for item in hosts.split(","):
        host, sep, port = item.strip().rpartition(":")
        if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
            raise refuse(f"{item!r} is not HOST:PORT")
        sentinels.append((host.strip("[]"), int(port)))
    path = parts.path.split("/")
    if len(path) != 3 or not path[1].isdigit() or not path[2]:
        raise refuse("the path must be /DB/SERVICE, DB a number")
    return sentinels, int(path[1]), path[2], password


def connect(url: str, timeout: float) -> redis_lib.Redis:
    """A client on `url` (plain or Sentinel) that never retries on its own: RedisStore
    decides what is safe to send again."""
    options: dict[str, Any] = {
        "socket_timeout": timeout,
        "socket_connect_timeout": timeout,
        "retry": Retry(NoBackoff(), 0),
    }
    if url.startswith("redis+sentinel:"):
        sentinels, db, service, password = parse_sentinel_url(url)
        quick = {"socket_timeout": min(timeout, 0.5), "socket_connect_timeout": min(timeout, 0.5)}
        sentinel = Sentinel(sentinels, sentinel_kwargs=quick)
        return sentinel.master_for(service, db=db, password=password, **options)
    return redis_lib.Redis.from_url(url, **options)


def _surely_not_applied(e: Exception) -> bool:
    """Nothing was done: no connection was made, the server was loading, or it refused the
    write as a replica (redis-py's Sentinel connection turns READONLY into ConnectionError)."""
    return (
        isinstance(e, MasterNotFoundError | redis_lib.BusyLoadingError | ReadOnlyError)
        or "connecting to" in str(e)
        or "previous master is now a slave" in str(e)
        or str(e).startswith(("MISCONF", "READONLY", "LOADING"))
    )


def _keys(conference_id: str) -> list[str]:
    base = f"cb:{{{conference_id}}}"
    return [f"{base}:meta", f"{base}:log", f"{base}:ops", f"{base}:tokens"]


class RedisStore:
    shared = True  # other processes append too: the service catches up before it reads

    def __init__(self, url: str, timeout: float = 2.0, replicas: int = 0):
        self.url = url
        self.r = connect(url, timeout)
        self.replicas = replicas
        # WAIT blocks on the server: its answer must come before the client's socket_timeout
        self.wait_ms = max(1, int(timeout * 750))
        self._create = self.r.register_script(_CREATE)
        self._append = self.r.register_script(_APPEND)
        self._delete = self.r.register_script(_DELETE)
        self._replace_tokens = self.r.register_script(_REPLACE_TOKENS)
        self._set_owner = self.r.register_script(_SET_OWNER)
        self.reconnects = 0  # times Redis answered again after this process lost it (for /metrics)
        self._lost = False

    def _call(self, fn, *args, sent_write: bool = False, **kwargs):
        """`fn` with Redis's failures as StoreUnavailable. Retried for a moment when it surely
        did not run (or is a read); a write sent whose answer was lost is `uncertain`."""
        for pause in (*_BACKOFF, None):
            try:
                out = fn(*args, **kwargs)
                break
            except (redis_lib.ConnectionError, redis_lib.TimeoutError, redis_lib.ResponseError) as e:
                if isinstance(e, redis_lib.ResponseError) and not _surely_not_applied(e):
                    raise  # Redis answered: a bug or a refusal, not an outage
                self._lost = True
                sure = _surely_not_applied(e)
                if pause is None or (sent_write and not sure):
                    # a write that reached Redis and lost its answer may have been applied
                    raise StoreUnavailable(str(e), uncertain=sent_write and not sure) from e
                time.sleep(pause)
        if self._lost:
            self._lost = False
            self.reconnects += 1
        return out

    def _pipeline(self, build, transaction: bool = False):
        """A pipeline made afresh on every attempt (an executed one forgets its commands)."""

        def run():
            pipe = self.r.pipeline(transaction=transaction)
            build(pipe)
            return pipe.execute()

        return run

    def create(
        self,
        conference_id: str,
        join_code: str,
        event: Event,
        tokens: dict[str, str],
        owner: str | None = None,
    ) -> None:
        meta, log, _ops, token_set = _keys(conference_id)
        pairs = json.dumps([[h, m] for h, m in tokens.items()])
        done = self._call(
            self._create,
            sent_write=True,  # sent again, its own join code would look taken
            keys=[meta, log, token_set, f"cb:code:{join_code}"],
            args=[conference_id, event["seq"], json.dumps(event), pairs, join_code, owner or ""],
        )
        if not done:
            raise DuplicateCode(join_code)

    def conference_by_code(self, join_code: str) -> str | None:
        found = self._call(self.r.get, f"cb:code:{join_code}")
        return found.decode() if found else None

    def member_by_token(self, token_hash: str) -> tuple[str, str] | None:
        found = self._call(self.r.get, f"cb:token:{token_hash}")
        if not found:
            return None
        conference_id, member_id = found.decode().split(" ", 1)
        return conference_id, member_id

    def op(self, conference_id: str, op_id: str) -> tuple[int, dict | None] | None:
        found = self._call(self.r.hget, _keys(conference_id)[2], op_id)
        return self._replicated(_op(found)) if found else None

    def _replicated(self, done: tuple[int, dict | None]) -> tuple[int, dict | None]:
        """An earlier answer, given again only once the replicas have it too (REPLICAS ≥ 1):
        a write on this connection, then WAIT, covers every write before it (replication is
        in order), the first append of this op_id among them."""
        if self.replicas:

            def build(pipe):
                pipe.set("cb:replicated", "1")
                pipe.execute_command("WAIT", self.replicas, self.wait_ms)

            _, acked = self._call(self._pipeline(build))
            if int(acked) < self.replicas:
                raise StoreUnavailable(
                    f"WAIT: {acked} of {self.replicas} replica(s) within {self.wait_ms} ms", uncertain=True
                )
        return done

    def append(
        self,
        conference_id: str,
        event: Event,
        *,
        op_id: str | None = None,
        result: dict | None = None,
        add_tokens: dict[str, str] | None = None,
        revoke_member: str | None = None,
    ) -> int:
        keys = _keys(conference_id)
        args = [
            event["seq"],
            json.dumps(event),
            op_id or "",
            json.dumps(result) if result else "",
            json.dumps([[h, m] for h, m in (add_tokens or {}).items()]),
            revoke_member or "",
            conference_id,
            "1" if self.replicas else "",
        ]
        if self.replicas:
            out, acked = self._call(self._append_and_wait, keys, args, sent_write=True)
        else:
            out, acked = self._call(self._append, sent_write=True, keys=keys, args=args), 0
        code = int(out[0])
        if code == -1 or code == -2:
            raise SeqConflict(f"expected seq {out[1].decode() if len(out) > 1 else '?'}")
        if acked < self.replicas:
            # in the primary's log, not yet on enough replicas: a failover now could lose it
            raise StoreUnavailable(
                f"WAIT: {acked} of {self.replicas} replica(s) within {self.wait_ms} ms", uncertain=True
            )
        if code == -3:
            raise DuplicateOp(*_op(out[1]))
        return code

    def _append_and_wait(self, keys: list[str], args: list) -> tuple[list, int]:
        """The append script and WAIT on one connection (WAIT counts that connection's writes)."""
        for _ in range(2):
            pipe = self.r.pipeline(transaction=False)
            pipe.evalsha(self._append.sha, len(keys), *keys, *args)
            pipe.execute_command("WAIT", self.replicas, self.wait_ms)
            out, acked = pipe.execute(raise_on_error=False)
            if isinstance(out, redis_lib.exceptions.NoScriptError):  # a new primary: load it there
                self.r.script_load(_APPEND)
                continue
            for answer in (out, acked):
                if isinstance(answer, Exception):
                    raise answer
            return out, int(acked)
        raise redis_lib.exceptions.NoScriptError("the append script would not load")

    def add_token(self, conference_id: str, token_hash: str, member_id: str) -> None:
        def build(pipe):
            pipe.set(f"cb:token:{token_hash}", f"{conference_id} {member_id}")
            pipe.sadd(_keys(conference_id)[3], token_hash)

        self._call(self._pipeline(build, transaction=True))

    def replace_tokens(self, conference_id: str, member_id: str, token_hash: str) -> None:
        self._call(
            self._replace_tokens,
            sent_write=True,
            keys=_keys(conference_id),
            args=[conference_id, member_id, token_hash],
        )

    def events(self, conference_id: str, since: int = 0) -> list[Event]:
        rows = self._call(self.r.xrange, _keys(conference_id)[1], min=f"{since + 1}-0", max="+")
        return [json.loads(fields[b"e"]) for _, fields in rows]

    def catch_up(self, conference_id: str, since: int) -> list[Event] | None:
        """Events after `since`, or None when the conference no longer exists (one round trip)."""
        meta, log, _, _ = _keys(conference_id)

        def build(pipe):
            pipe.exists(meta)
            pipe.xrange(log, min=f"{since + 1}-0", max="+")

        exists, rows = self._call(self._pipeline(build))
        if not exists:
            return None
        return [json.loads(fields[b"e"]) for _, fields in rows]

    def before_command(
        self, conference_id: str, since: int, op_id: str
    ) -> tuple[list[Event] | None, tuple[int, dict | None] | None]:
        """Events after `since` and the op_id's earlier answer, in one round trip."""
        meta, log, ops, _ = _keys(conference_id)

        def build(pipe):
            pipe.exists(meta)
            pipe.xrange(log, min=f"{since + 1}-0", max="+")
            pipe.hget(ops, op_id)

        exists, rows, done = self._call(self._pipeline(build))
        if not exists:
            return None, None
        return [json.loads(fields[b"e"]) for _, fields in rows], (
            self._replicated(_op(done)) if done else None
        )

    def data_version(self) -> int | None:
        return None  # shared: every read already catches up

    def exists(self, conference_id: str) -> bool:
        return bool(self._call(self.r.exists, _keys(conference_id)[0]))

    def delete(self, conference_id: str) -> bool:
        return bool(
            self._call(self._delete, sent_write=True, keys=_keys(conference_id), args=[conference_id])
        )

    def scrub(self) -> None:
        """DEL frees the memory at once; Redis' own files are rewritten by its persistence
        (docs/deployment.md: BGREWRITEAOF after a purge)."""

    def audit(self, conference_id: str | None, entry: dict) -> None:
        key = f"cb:{{{conference_id}}}:audit" if conference_id else "cb:audit"

        def build(pipe):
            pipe.rpush(key, json.dumps(entry))
            if not conference_id:
                pipe.ltrim(key, -100_000, -1)  # sign-ins and deletions: keep the last 100,000

        self._call(self._pipeline(build), sent_write=True)  # sent again, the entry would be there twice

    def audit_of(self, conference_id: str | None) -> list[dict]:
        key = f"cb:{{{conference_id}}}:audit" if conference_id else "cb:audit"
        return [json.loads(x) for x in self._call(self.r.lrange, key, 0, -1)]

    def secret(self, name: str) -> bytes:
        # shared by every process; better still, set it in the environment (docs/security.md)
        self._call(self.r.set, f"cb:secret:{name}", secrets.token_hex(32), nx=True)
        return self._call(self.r.get, f"cb:secret:{name}")

    def all_conferences(self) -> list[str]:
        return sorted(m.decode() for m in self._call(self.r.smembers, "cb:conferences"))

    def conferences_of(self, owner: str) -> list[str]:
        return sorted(m.decode() for m in self._call(self.r.smembers, f"cb:owner:{owner}"))

    def owner_of(self, conference_id: str) -> str | None:
        found = self._call(self.r.hget, _keys(conference_id)[0], "owner")
        return found.decode() if found else None

    def owners(self) -> dict[str, str]:
        ids = self.all_conferences()

        def build(pipe):
            for cid in ids:
                pipe.hget(_keys(cid)[0], "owner")

        found = self._call(self._pipeline(build)) if ids else []
        return {cid: owner.decode() for cid, owner in zip(ids, found, strict=True) if owner}

    def set_owner(self, conference_id: str, owner: str) -> bool:
        return bool(
            self._call(
                self._set_owner, sent_write=True, keys=[_keys(conference_id)[0]], args=[conference_id, owner]
            )
        )

    def put_account(self, username: str, record: dict) -> None:
        def build(pipe):
            pipe.set(f"cb:account:{username}", json.dumps(record))
            pipe.sadd("cb:accounts", username)

        self._call(self._pipeline(build, transaction=True))

    def get_account(self, username: str) -> dict | None:
        found = self._call(self.r.get, f"cb:account:{username}")
        return json.loads(found) if found else None

    def delete_account(self, username: str) -> bool:
        def build(pipe):
            pipe.delete(f"cb:account:{username}")
            pipe.srem("cb:accounts", username)

        gone, _ = self._call(self._pipeline(build, transaction=True), sent_write=True)
        return bool(gone)

    def list_accounts(self) -> list[str]:
        return sorted(m.decode() for m in self._call(self.r.smembers, "cb:accounts"))

    def put_session(self, session_hash: str, username: str, ttl_seconds: int) -> None:
        self._call(self.r.set, f"cb:session:{session_hash}", username, ex=ttl_seconds)

    def get_session(self, session_hash: str) -> str | None:
        found = self._call(self.r.get, f"cb:session:{session_hash}")
        if not found:
            return None
        username = found.decode()
        # an account removed since: its sessions die with it
        return username if self._call(self.r.exists, f"cb:account:{username}") else None

    def delete_session(self, session_hash: str) -> None:
        self._call(self.r.delete, f"cb:session:{session_hash}")

    def close(self) -> None:
        self.r.close()


def _op(raw: Any) -> tuple[int, dict | None]:
    seq, _, result = (raw.decode() if isinstance(raw, bytes) else raw).partition("|")
    return int(seq), (json.loads(result) if result else None)
