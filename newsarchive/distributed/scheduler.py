"""scrapy-redis's scheduler made safe for newsarchive: JSON requests, nothing lost to a kill.

Each worker queues the requests it finds in the crawl's shared frontier (a request
any worker queued before is dropped by scrapy-redis's shared duplicate filter) and
takes its next request from there. A taken request stays in the worker's ``taken``
set until Scrapy is done with it: downloaded, its callback run, the requests it
yielded queued and its items through the pipelines (archived). A worker renews a
heartbeat key every ``NEWSARCHIVE_REDIS_HEARTBEAT`` seconds; once it has been
silent for ``NEWSARCHIVE_REDIS_WORKER_TIMEOUT`` the other workers put what it had
taken back into the queue. A worker stops when nothing is queued or taken anywhere.
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import socket
import time
from typing import TYPE_CHECKING, Any

from redis import RedisError
from scrapy import signals
from scrapy.exceptions import DontCloseSpider
from scrapy.utils.asyncio import create_looping_call
from scrapy_redis import defaults
from scrapy_redis.connection import get_redis
from scrapy_redis.dupefilter import RFPDupeFilter
from scrapy_redis.scheduler import Scheduler

from newsarchive.distributed import serialization
from newsarchive.distributed.frontier import FrontierKeys, TakenPriorityQueue
from newsarchive.distributed.serialization import InvalidRequestPayload, UnshareableRequest

if TYPE_CHECKING:
    from typing import Self

    from redis import Redis
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

SERIALIZER = serialization.__name__


def engine_slot(crawler: Crawler) -> Any:
    """The engine's slot: its in-progress requests and its next-call trigger.

    Scrapy has neither a signal for "a request is done: downloaded, its callback
    run, the requests it yielded queued, its items through the pipelines" nor a
    public way to wake an idle engine. The slot's ``inprogress`` set holds each
    request from its download until exactly then (the engine waits for it to
    empty before closing), and ``nextcall`` is what the engine itself schedules.
    """
    slot = getattr(crawler.engine, "_slot", None)
    if not isinstance(getattr(slot, "inprogress", None), set) or not hasattr(slot, "nextcall"):
        raise RuntimeError("newsarchive.distributed does not know this Scrapy version's engine")
    return slot


class SharedFrontierScheduler(Scheduler):
    """Queue and take requests in the crawl's frontier in Redis, shared by every worker."""

    def __init__(
        self,
        crawler: Crawler,
        server: Redis,
        key: str,
        heartbeat: float,
        worker_timeout: float,
    ):
        super().__init__(server, persist=True, serializer=serialization)
        self.crawler = crawler
        self.stats = crawler.stats
        self.key_template = key
        self.heartbeat = heartbeat
        self.worker_timeout = worker_timeout
        self.worker = f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(3)}"
        # Each request this worker took, with its payload: released once Scrapy is done.
        self.taken: dict[Request, bytes] = {}
        self.beating: Any = None
        # Idle, while other workers still hold requests.
        self.waiting = False
        crawler.signals.connect(self.wait_for_other_workers, signal=signals.spider_idle)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        url = settings.get("NEWSARCHIVE_REDIS_URL")
        if not url:
            raise ValueError(f"{cls.__name__} needs NEWSARCHIVE_REDIS_URL (redis://host:port/db)")
        serializer = settings.get("SCHEDULER_SERIALIZER")
        if serializer not in (None, SERIALIZER, serialization):
            raise ValueError(
                f"SCHEDULER_SERIALIZER must be {SERIALIZER!r}, not {serializer!r}: requests in"
                " Redis are JSON, so that writing to Redis does not mean running code on workers"
            )
        heartbeat = settings.getfloat("NEWSARCHIVE_REDIS_HEARTBEAT", 1.0)
        timeout = settings.getfloat("NEWSARCHIVE_REDIS_WORKER_TIMEOUT", 60.0)
        if heartbeat <= 0 or timeout < 2 * heartbeat:
            raise ValueError(
                "NEWSARCHIVE_REDIS_HEARTBEAT must be > 0 and NEWSARCHIVE_REDIS_WORKER_TIMEOUT"
                f" at least twice as long (not {heartbeat} and {timeout})"
            )
        params = {**defaults.REDIS_PARAMS, **settings.getdict("REDIS_PARAMS"), "url": url}
        server = get_redis(**params)
        try:
            server.ping()
        except RedisError as exc:
            # Not the URL itself: it may hold a password.
            raise ValueError(f"cannot reach Redis at NEWSARCHIVE_REDIS_URL: {exc}") from exc
        key = settings.get("NEWSARCHIVE_REDIS_KEY") or "newsarchive:%(spider)s"
        return cls(crawler, server, key, heartbeat, timeout)

    # The scheduler interface.

    def open(self, spider: Spider) -> None:
        self.engine_slot = engine_slot(self.crawler)
        self.spider = spider
        self.keys = FrontierKeys(self.key_template.replace("%(spider)s", spider.name))
        debug = self.crawler.settings.getbool("DUPEFILTER_DEBUG")
        self.df = RFPDupeFilter(self.server, key=self.keys.dupefilter, debug=debug)
        self.queue = TakenPriorityQueue(
            self.server, spider, self.keys, self.worker, self.serializer
        )
        self.beat()
        self.requeue_dead_workers()
        logger.info(
            "Sharing the frontier %s as worker %s (%d requests queued, %d workers)",
            self.keys.base,
            self.worker,
            len(self.queue),
            len(self.queue.workers()),
        )
        self.beating = create_looping_call(self.tick)
        self.beating.start(self.heartbeat, now=False)

    def close(self, reason: str) -> None:
        if self.beating is not None and self.beating.running:
            self.beating.stop()
        # The engine has finished every request it took before closing: all are done.
        self.release_done()
        self.server.delete(self.keys.alive(self.worker))
        self.queue.requeue(self.worker)
        if reason == "finished" and self.queue.complete(clear=True):
            logger.info("The shared crawl %s is complete: its frontier is cleared", self.keys.base)

    def enqueue_request(self, request: Request) -> bool:
        try:
            payload = self.queue.encode(request)
        except (UnshareableRequest, ValueError) as exc:
            logger.error(
                "Not crawling %s: it cannot be shared with other workers: %s", request, exc
            )
            self.stats.inc_value("newsarchive/distributed/unshareable")
            return False
        fingerprint = None if request.dont_filter else self.df.request_fingerprint(request)
        if not self.queue.push_payload(payload, request.priority, fingerprint):
            self.df.log(request, self.spider)
            return False
        self.stats.inc_value("scheduler/enqueued/redis")
        return True

    def next_request(self) -> Request | None:
        while (payload := self.queue.take()) is not None:
            try:
                request = self.queue.decode(payload)
            except (InvalidRequestPayload, ValueError, TypeError) as exc:
                self.queue.release([payload])
                logger.warning(
                    "Dropped an entry of the shared frontier %s: not a request newsarchive"
                    " wrote (%s): %r",
                    self.keys.queue,
                    exc,
                    payload[:60],
                )
                self.stats.inc_value("newsarchive/distributed/invalid_request")
                continue
            self.taken[request] = payload
            self.waiting = False
            self.stats.inc_value("scheduler/dequeued/redis")
            return request
        return None

    def claim_url(self, url_key: str) -> str | None:
        """Claim a canonical URL key for this worker; the live worker that has it, if another does."""
        return self.queue.claim(url_key)

    # Heartbeat, release, recovery and the end of the crawl.

    def beat(self) -> None:
        """Renew this worker's heartbeat (and registration, if others had given it up)."""
        info = json.dumps({"pid": os.getpid(), "at": time.time()})
        with self.server.pipeline() as pipe:
            pipe.set(self.keys.alive(self.worker), info, px=int(self.worker_timeout * 1000))
            pipe.sadd(self.keys.workers, self.worker)
            pipe.execute()

    def tick(self) -> None:
        try:
            self.beat()
            self.release_done()
            self.requeue_dead_workers()
        except RedisError as exc:
            # A short outage must not stop the heartbeat for the rest of the crawl.
            logger.warning("Shared frontier %s unreachable: %s", self.keys.base, exc)
        if self.waiting:
            # An idle engine looks for requests again only every 5 seconds; other
            # workers may have queued some since the last look.
            self.engine_slot.nextcall.schedule()

    def release_done(self) -> None:
        """Release the taken requests that the engine has finished with."""
        in_progress = self.engine_slot.inprogress
        done = {r: payload for r, payload in self.taken.items() if r not in in_progress}
        self.queue.release(list(done.values()))
        for request in done:
            del self.taken[request]

    def requeue_dead_workers(self) -> None:
        """Put the requests taken by workers whose heartbeat expired back into the queue."""
        for worker in self.queue.workers():
            if worker == self.worker:
                continue
            count = self.queue.requeue(worker)
            if count >= 0:
                logger.warning(
                    "Worker %s stopped answering: %d requests it had taken are queued again",
                    worker,
                    count,
                )
                self.stats.inc_value("newsarchive/distributed/requeued", count)

    def wait_for_other_workers(self) -> None:
        """Keep an idle worker open while requests are queued or taken anywhere."""
        self.release_done()
        self.requeue_dead_workers()
        if not self.queue.complete(clear=False):
            if not self.waiting:
                logger.info(
                    "Nothing to take for now: other workers hold requests of %s", self.keys.base
                )
            self.waiting = True
            raise DontCloseSpider
