"""The run report: each run's start, end and counts per source, recorded in the archive.

A run is recorded when its spider opens (so a run that was killed shows as never
finished) and completed when it closes, with per source (per host for spiders
without sources): requests made, 304 answers, new articles, revisions,
duplicates and errors. ``scrapy runs`` lists them.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from scrapy import signals
from scrapy.exceptions import NotConfigured

from newsarchive.dates import utc_now_iso
from newsarchive.spiders.base import NewsSpider, site_host
from newsarchive.spiders.sources import SOURCE_META
from newsarchive.store import open_store
from newsarchive.store.base import SourceCounts

if TYPE_CHECKING:
    from typing import Self

    from scrapy import Request, Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from twisted.python.failure import Failure

    from newsarchive.store import ArchiveStore

logger = logging.getLogger(__name__)

# What ArchivePipeline counts per saved record, under newsarchive/archive/<status>.
_ARCHIVE_STATUSES = ("new", "revised", "duplicate", "unchanged", "error")


class RunReport:
    """Record every run of a newsarchive spider in the archive (``runs``, ``run_sources``)."""

    def __init__(self, crawler: Crawler, uri: str):
        self.crawler = crawler
        self.uri = uri
        self.store: ArchiveStore | None = None
        self.run_id: int | None = None
        self.counts: defaultdict[str, SourceCounts] = defaultdict(SourceCounts)
        self.downloaded: defaultdict[str, int] = defaultdict(int)
        self.outcomes: dict[int, str] = {}
        for handler, signal in (
            (self.spider_opened, signals.spider_opened),
            (self.spider_closed, signals.spider_closed),
            (self.request_reached_downloader, signals.request_reached_downloader),
            (self.response_downloaded, signals.response_downloaded),
            (self.spider_error, signals.spider_error),
            (self.item_scraped, signals.item_scraped),
        ):
            crawler.signals.connect(handler, signal=signal)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        uri = crawler.settings.get("ARCHIVE_URI")
        if not uri:
            raise NotConfigured("no archive to record runs in")
        if not isinstance(getattr(crawler, "spider", None), NewsSpider):
            raise NotConfigured("not a newsarchive crawl")
        return cls(crawler, uri)

    def source_of(self, request: Request) -> str:
        """The source a request counts for: its mark, its host's source, or its host."""
        name = request.meta.get(SOURCE_META)
        if name:
            return str(name)
        lookup = getattr(self.crawler.spider, "source_name_for_url", None)
        found = lookup(request.url) if lookup is not None else None
        return found or site_host(request.url) or "-"

    def spider_opened(self, spider: Spider) -> None:
        self.store = open_store(self.uri)
        self.run_id = self.store.start_run(spider.name, utc_now_iso())

    def request_reached_downloader(self, request: Request) -> None:
        self.counts[self.source_of(request)].requests += 1

    def response_downloaded(self, response: Response, request: Request) -> None:
        source = self.source_of(request)
        self.downloaded[source] += 1
        if response.status == 304:
            self.counts[source].not_modified += 1
        elif response.status >= 400 and urlsplit(request.url).path != "/robots.txt":
            # A missing robots.txt is normal (RFC 9309: everything allowed).
            self.counts[source].errors += 1

    def spider_error(self, failure: Failure, response: Response) -> None:
        if response.request is not None:
            self.counts[self.source_of(response.request)].errors += 1

    def record_outcome(self, item: Any, status: str) -> None:
        """What archiving ``item`` did (told by ``ArchiveOutcomeTap``), until it is scraped."""
        self.outcomes[id(item)] = status

    def item_scraped(self, item: Any, response: Response | None) -> None:
        status = self.outcomes.pop(id(item), None)
        if status is None or response is None or response.request is None:
            return
        counts = self.counts[self.source_of(response.request)]
        if status == "new":
            counts.new += 1
        elif status == "revised":
            counts.revised += 1
        elif status == "duplicate":
            counts.duplicates += 1
        elif status == "error":
            counts.errors += 1

    def spider_closed(self, reason: str) -> None:
        if self.store is None or self.run_id is None:
            return
        for source, counts in self.counts.items():
            # Requests that reached the downloader without a response: connection
            # refused, timeouts, DNS failures.
            counts.errors += max(0, counts.requests - self.downloaded[source])
        try:
            self.store.finish_run(
                self.run_id,
                finished_at=utc_now_iso(),
                finish_reason=reason,
                sources=dict(self.counts),
            )
        finally:
            self.store.close()
            self.store = None


class ArchiveOutcomeTap:
    """Item pipeline right after ``ArchivePipeline``: tells ``RunReport`` what each save did.

    ``ArchivePipeline`` reports a save only in the stats; the item pipelines of one
    item run back to back without yielding to the event loop, so the stat that
    changed since the previous item is this item's outcome.
    """

    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.seen: dict[str, int] = {}
        self.report: RunReport | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def open_spider(self) -> None:
        found = [m for m in self.crawler.extensions.middlewares if isinstance(m, RunReport)]
        self.report = found[0] if found else None

    def process_item(self, item: Any) -> Any:
        if self.report is None:
            return item
        stats = self.crawler.stats
        assert stats is not None
        for status in _ARCHIVE_STATUSES:
            value = stats.get_value(f"newsarchive/archive/{status}", 0)
            if value != self.seen.get(status, 0):
                self.seen[status] = value
                self.report.record_outcome(item, status)
        return item
