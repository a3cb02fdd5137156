"""Each canonical URL downloaded once per run across workers, as within one process.

``SkipArchivedMiddleware`` remembers, per process, the canonical URLs a run has
downloaded: a feed or sitemap entry (which bypasses the duplicate filter to carry
its dates) or a URL variant is then not downloaded again. With several workers the
same URL can reach two of them at once, one from a site crawl, the other from a
sitemap. This middleware, right after it, claims each URL it lets through in the
crawl's ``<key>:requested`` hash (URL key → worker) and drops a request whose URL a
live worker has claimed. A claim of a worker whose heartbeat expired is taken over,
so that its requeued requests are downloaded.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from scrapy.exceptions import IgnoreRequest, NotConfigured

from newsarchive.dedup import canonical_url, url_key
from newsarchive.distributed.scheduler import SharedFrontierScheduler, engine_slot
from newsarchive.middlewares.archived import REFETCH
from newsarchive.spiders.meta import LISTED

if TYPE_CHECKING:
    from typing import Self

    from scrapy import Request
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)


class SharedRequestsMiddleware:
    """Drop a request for a URL that another live worker has downloaded in this run."""

    def __init__(self, crawler: Crawler, tracking_params: list[str]):
        self.crawler = crawler
        self.tracking_params = tracking_params

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        if not crawler.settings.get("NEWSARCHIVE_REDIS_URL"):
            raise NotConfigured("the frontier is not shared (NEWSARCHIVE_REDIS_URL)")
        return cls(crawler, crawler.settings.getlist("NEWSARCHIVE_TRACKING_PARAMS"))

    def process_request(self, request: Request) -> None:
        # The requests SkipArchivedMiddleware neither remembers nor compares.
        if request.meta.get(REFETCH) or urlsplit(request.url).path == "/robots.txt":
            return
        frontier = engine_slot(self.crawler).scheduler
        if not isinstance(frontier, SharedFrontierScheduler):
            return
        key = url_key(canonical_url(request.url, extra_tracking_params=self.tracking_params))
        owner = frontier.claim_url(key)
        redirected = bool(request.meta.get("redirect_urls"))
        compared = not request.dont_filter or LISTED in request.meta
        if owner is None or redirected or not compared:
            return
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value("newsarchive/skip/duplicate_url")
        why = f"already requested in this run by worker {owner}"
        logger.debug("Not downloading %s: %s", request.url, why)
        raise IgnoreRequest(f"{request.url}: {why}")
