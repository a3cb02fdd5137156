"""Do not download again what the archive holds, unless it changed or a revisit is due."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from scrapy import signals
from scrapy.exceptions import IgnoreRequest, NotConfigured

from newsarchive.dates import to_utc_datetime
from newsarchive.dedup import canonical_url, url_key
from newsarchive.dedup.revisit import parse_schedule, revisit_due
from newsarchive.discovery.incremental import modified_since
from newsarchive.middlewares.conditional import Watermarks, watermark_margin
from newsarchive.spiders.meta import LISTED
from newsarchive.store import open_store, store_call

if TYPE_CHECKING:
    from datetime import timedelta
    from typing import Self

    from scrapy import Request
    from scrapy.crawler import Crawler

    from newsarchive.discovery.incremental import ListedEntry
    from newsarchive.store import ArchiveStore

logger = logging.getLogger(__name__)

# Set on a request to fetch it whatever the archive holds (`urls` spider).
REFETCH = "newsarchive_refetch"


class SkipArchivedMiddleware:
    """Skip requests for URLs that are archived or already requested in this run.

    URLs are compared in canonical form (tracking parameters, AMP and print
    variants, ``www.``, trailing slash), which Scrapy's own duplicate filter
    does not do. An archived article is fetched again only when it passes one of
    the ``NEWSARCHIVE_REVISIT`` ages (e.g. 1 hour, 1 day, 7 days after it was
    published) since it was last seen, to catch corrections.

    A feed or sitemap entry (``LISTED``) decides by its dates first: an archived
    article listed as modified after it was last seen is fetched (an edit), one
    listed as modified before is not, whatever the revisit schedule says. An
    entry the archive does not hold, dated before its source's watermark (less
    ``NEWSARCHIVE_WATERMARK_MARGIN``) in a feed or sitemap that a clean run has
    read, was seen by that run and left out (not an article, denied, …): it is
    not fetched again.
    """

    def __init__(
        self,
        crawler: Crawler,
        uri: str,
        schedule: list[timedelta],
        tracking_params: list[str],
        margin: timedelta | None = None,
    ):
        self.crawler = crawler
        self.uri = uri
        self.schedule = schedule
        self.tracking_params = tracking_params
        self.margin = margin
        self.store: ArchiveStore | None = None
        self.watermarks: Watermarks | None = None
        self.requested: set[str] = set()
        # Keys whose archive lookup is under way (a remote archive answers later).
        self.checking: set[str] = set()
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        if not settings.get("ARCHIVE_URI"):
            raise NotConfigured("no archive to consult")
        schedule = parse_schedule(settings.getlist("NEWSARCHIVE_REVISIT"))
        return cls(
            crawler,
            settings["ARCHIVE_URI"],
            schedule,
            settings.getlist("NEWSARCHIVE_TRACKING_PARAMS"),
            watermark_margin(settings),
        )

    def spider_opened(self) -> None:
        self.store = open_store(self.uri)
        self.watermarks = Watermarks(self.crawler, self.store, self.margin)

    def spider_closed(self) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None

    async def process_request(self, request: Request) -> None:
        if request.meta.get(REFETCH) or self.store is None:
            return
        # robots.txt is fetched by Scrapy itself and may also be a sitemap spider's start.
        if urlsplit(request.url).path == "/robots.txt":
            return
        url = canonical_url(request.url, extra_tracking_params=self.tracking_params)
        key = url_key(url)
        # A redirect hop was checked where it started: a redirect from /story to
        # /story/ has the same key and must not count as a second request.
        redirected = bool(request.meta.get("redirect_urls"))
        listed: ListedEntry | None = request.meta.get(LISTED)
        # Listed entries with a modification date bypass Scrapy's duplicate filter (a
        # site crawl may have asked for the same URL first, without the date): they
        # are compared here, by canonical URL, with the requests that were downloaded.
        checked = not request.dont_filter or listed is not None
        if (key in self.requested or key in self.checking) and checked and not redirected:
            self._skip(request, "duplicate_url", "already requested in this run as another URL")
        self.checking.add(key)
        try:
            seen = await store_call(self.store, self.store.sightings, url)
        finally:
            self.checking.discard(key)
        if seen is None:
            if listed is not None and listed.known_listing:
                assert self.watermarks is not None
                if self.watermarks.older(listed, request):
                    self._skip_old(request, "dated before the source's last clean run")
            self.requested.add(key)
            return
        first_seen = to_utc_datetime(seen.first_seen)
        last_seen = to_utc_datetime(seen.last_seen)
        assert first_seen is not None and last_seen is not None
        changed = modified_since(listed.modified, last_seen) if listed is not None else None
        if changed:
            self._count("incremental/changed")
            logger.debug(
                "Downloading %s again: listed as modified %s, after it was archived",
                request.url,
                listed.modified if listed is not None else None,
            )
            self.requested.add(key)
            return
        if changed is False:
            self._skip_old(request, "not modified since it was archived")
        published = to_utc_datetime(seen.published)
        born = min(published, first_seen) if published else first_seen
        now = datetime.now(UTC)
        if revisit_due(born=born, last_seen=last_seen, now=now, schedule=self.schedule):
            self._count("revisit/due")
            self.requested.add(key)
            return
        self._skip(request, "archived", "archived, no revisit due")

    def _skip(self, request: Request, reason: str, why: str) -> None:
        self._count(f"skip/{reason}")
        logger.debug("Not downloading %s: %s", request.url, why)
        raise IgnoreRequest(f"{request.url}: {why}")

    def _skip_old(self, request: Request, why: str) -> None:
        self._count("incremental/skipped_old")
        logger.debug("Not downloading %s: %s", request.url, why)
        raise IgnoreRequest(f"{request.url}: {why}")

    def _count(self, key: str) -> None:
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value(f"newsarchive/{key}")
