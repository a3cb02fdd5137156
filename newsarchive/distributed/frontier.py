"""The shared frontier in Redis: a priority queue whose requests are taken, not removed.

scrapy-redis's ``PriorityQueue.pop`` deletes a request from Redis before it is
downloaded: a worker killed then loses it. Here a pop moves the request, in one
script, into the worker's ``taken`` set; the worker releases it once the request is
done, and the requests of a worker whose heartbeat key has expired go back into the
queue. Every change of more than one key is one Lua script, so that a worker killed
at any moment leaves each request in exactly one place.

Keys, under the crawl's key (``NEWSARCHIVE_REDIS_KEY``)::

    <key>:requests        sorted set: requests waiting (score: minus their priority)
    <key>:dupefilter      set: fingerprints of every request ever queued (scrapy-redis)
    <key>:requested       hash: canonical URL key → the worker that downloaded it
    <key>:workers         set: ids of the workers that may hold requests
    <key>:alive:<id>      string with a time to live: the worker's heartbeat
    <key>:taken:<id>      sorted set: requests the worker is working on, with their score
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from scrapy_redis.queue import PriorityQueue

if TYPE_CHECKING:
    from redis import Redis
    from scrapy import Request, Spider

# KEYS: queue, taken. Moves the request with the lowest score; returns it or nothing.
_TAKE = """
local popped = redis.call('ZPOPMIN', KEYS[1])
if popped[1] then
    redis.call('ZADD', KEYS[2], popped[2], popped[1])
    return popped[1]
end
return false
"""

# KEYS: dupefilter, queue. ARGV: fingerprint, score, payload. Queues a request only if its
# fingerprint is new, so that "seen" and "queued" can never part (a kill between them
# would lose the request for good).
_PUSH_UNSEEN = """
if redis.call('SADD', KEYS[1], ARGV[1]) == 0 then
    return 0
end
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
return 1
"""

# KEYS: alive, taken, queue, workers. ARGV: worker id. Puts a worker's taken requests back
# into the queue, unless its heartbeat is alive; returns how many (-1: alive).
_REQUEUE = """
if redis.call('EXISTS', KEYS[1]) == 1 then
    return -1
end
local taken = redis.call('ZRANGE', KEYS[2], 0, -1, 'WITHSCORES')
for i = 1, #taken, 2 do
    redis.call('ZADD', KEYS[3], taken[i + 1], taken[i])
end
redis.call('DEL', KEYS[2])
redis.call('SREM', KEYS[4], ARGV[1])
return #taken / 2
"""

# KEYS: queue, dupefilter, requested, workers, taken sets of ARGV's workers. ARGV: clear
# ("1" or "0"), then the registered worker ids as read just before. Whether the crawl is
# over: nothing queued, the registry unchanged, nothing taken. With clear, its keys are
# then deleted, so that the next run of the same crawl starts afresh.
_COMPLETE = """
if redis.call('ZCARD', KEYS[1]) > 0 then
    return 0
end
if redis.call('SCARD', KEYS[4]) ~= #ARGV - 1 then
    return 0
end
for i = 2, #ARGV do
    if redis.call('SISMEMBER', KEYS[4], ARGV[i]) == 0 then
        return 0
    end
end
for i = 5, #KEYS do
    if redis.call('ZCARD', KEYS[i]) > 0 then
        return 0
    end
end
if ARGV[1] == '1' then
    redis.call('DEL', KEYS[1], KEYS[2], KEYS[3])
end
return 1
"""


@dataclass(frozen=True)
class FrontierKeys:
    """The Redis keys of one shared crawl."""

    base: str

    @property
    def queue(self) -> str:
        return f"{self.base}:requests"

    @property
    def dupefilter(self) -> str:
        return f"{self.base}:dupefilter"

    @property
    def requested(self) -> str:
        return f"{self.base}:requested"

    @property
    def workers(self) -> str:
        return f"{self.base}:workers"

    def alive(self, worker: str) -> str:
        return f"{self.base}:alive:{worker}"

    def taken(self, worker: str) -> str:
        return f"{self.base}:taken:{worker}"


class TakenPriorityQueue(PriorityQueue):
    """scrapy-redis's priority queue, with pops held by the popping worker until released."""

    def __init__(
        self,
        server: Redis,
        spider: Spider,
        keys: FrontierKeys,
        worker: str,
        serializer: Any,
    ):
        super().__init__(server, spider, keys.queue, serializer)
        self.keys = keys
        self.worker = worker
        self._take = server.register_script(_TAKE)
        self._push_unseen = server.register_script(_PUSH_UNSEEN)
        self._requeue = server.register_script(_REQUEUE)
        self._complete = server.register_script(_COMPLETE)

    def encode(self, request: Request) -> bytes:
        """The payload of ``request`` (``UnshareableRequest`` or ``ValueError`` if it has none)."""
        return self._encode_request(request)

    def decode(self, payload: bytes) -> Request:
        """The request of a payload (``ValueError`` or ``TypeError`` if it is none)."""
        return self._decode_request(payload)

    def push_payload(self, payload: bytes, priority: int, fingerprint: str | None) -> bool:
        """Queue a payload, only if its fingerprint is unseen (None: whatever was seen)."""
        if fingerprint is None:
            self.server.execute_command("ZADD", self.key, -priority, payload)
            return True
        keys = [self.keys.dupefilter, self.key]
        return bool(self._push_unseen(keys=keys, args=[fingerprint, -priority, payload]))

    def take(self) -> bytes | None:
        """Move the first request into this worker's taken set and return its payload."""
        return self._take(keys=[self.key, self.keys.taken(self.worker)])

    def release(self, payloads: list[bytes]) -> None:
        """Forget taken requests: they are done."""
        if payloads:
            self.server.zrem(self.keys.taken(self.worker), *payloads)

    def requeue(self, worker: str) -> int:
        """Put back the taken requests of ``worker`` if its heartbeat expired; -1 if alive."""
        keys = [
            self.keys.alive(worker),
            self.keys.taken(worker),
            self.key,
            self.keys.workers,
        ]
        return int(self._requeue(keys=keys, args=[worker]))

    def workers(self) -> list[str]:
        """The registered workers' ids."""
        return sorted(_text(w) for w in self.server.smembers(self.keys.workers))

    def claim(self, url_key: str) -> str | None:
        """Claim a URL for this worker; None if it now has it, else the live worker that does."""
        if self.server.hsetnx(self.keys.requested, url_key, self.worker):
            return None
        owner = _text(self.server.hget(self.keys.requested, url_key) or b"")
        if owner == self.worker or not owner:
            return None
        if self.server.exists(self.keys.alive(owner)):
            return owner
        # Its worker died: the request that claimed it may be requeued and must be fetched.
        self.server.hset(self.keys.requested, url_key, self.worker)
        return None

    def complete(self, *, clear: bool) -> bool:
        """Whether nothing is queued or taken anywhere; with ``clear``, end the crawl then."""
        workers = self.workers()
        keys = [self.keys.queue, self.keys.dupefilter, self.keys.requested, self.keys.workers]
        keys += [self.keys.taken(worker) for worker in workers]
        return bool(self._complete(keys=keys, args=["1" if clear else "0", *workers]))


def _text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value
