"""Fetch feeds, sitemaps and listing pages only when they changed (RFC 9110 section 13).

Requests that spiders mark with ``CONDITIONAL`` carry ``If-None-Match`` and
``If-Modified-Since`` from the validators the archive keeps for their URL; a
``304 Not Modified`` answer ends the request there: nothing is parsed and no
link is followed. The validators a run receives are kept in memory and written
to the archive only when the run finished cleanly for the listing's source: a
run killed half-way (or one whose articles failed) must not leave validators
that would make the next run skip the listing it never finished reading.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from scrapy import signals
from scrapy.exceptions import IgnoreRequest, NotConfigured

from newsarchive.dates import to_utc_datetime, utc_now_iso
from newsarchive.dedup.revisit import parse_duration
from newsarchive.discovery.incremental import older_than_watermark
from newsarchive.extensions.run_report import RunReport
from newsarchive.spiders.meta import CONDITIONAL, LISTED, SOURCE_META, VALIDATED, listing_read
from newsarchive.store import open_store, store_call
from newsarchive.store.base import Validators

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import timedelta
    from typing import Self

    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from scrapy.settings import Settings

    from newsarchive.discovery.incremental import ListedEntry
    from newsarchive.store import ArchiveStore

logger = logging.getLogger(__name__)


class NotModified(IgnoreRequest):
    """The server answered 304: the listing is as a clean run already read it."""


def watermark_margin(settings: Settings) -> timedelta | None:
    """``NEWSARCHIVE_WATERMARK_MARGIN`` as a duration; None (empty) switches the skip off."""
    value = settings.get("NEWSARCHIVE_WATERMARK_MARGIN")
    if value in (None, ""):
        return None
    try:
        return parse_duration(str(value))
    except ValueError as exc:
        raise ValueError(f"NEWSARCHIVE_WATERMARK_MARGIN: {exc}") from None


class Watermarks:
    """Each source's watermark (when its latest clean run started), read once per run.

    Sources are named as the run report names them (``RunReport.source_of``): the
    source of the ``sources`` spider, the host for the other spiders.
    """

    def __init__(self, crawler: Crawler, store: ArchiveStore, margin: timedelta | None):
        self.store = store
        self.margin = margin
        self.at_start: dict[str, str | None] = {}
        self.source_of: Callable[[Request], str] | None = None
        # The run report's naming, if it runs: without it no watermark ever moves.
        report = crawler.get_extension(RunReport)
        if report is not None:
            self.source_of = report.source_of

    def of(self, source: str) -> str | None:
        """The source's watermark as the run found it (ISO 8601), cached."""
        if source not in self.at_start:
            self.at_start[source] = self.store.watermark(source)
        return self.at_start[source]

    def older(self, listed: ListedEntry, request: Request) -> bool:
        """Whether the entry behind ``request`` predates its source's watermark (less the margin)."""
        if self.source_of is None or self.margin is None:
            return False
        watermark = to_utc_datetime(self.of(self.source_of(request)))
        return older_than_watermark(listed.latest, watermark, self.margin)

    def moved(self, source: str) -> bool:
        """Whether this run moved the source's watermark: it finished with no error for it."""
        now = self.store.watermark(source)
        return now is not None and now != self.of(source)


class ConditionalRequestMiddleware:
    """Send listings' validators, stop at 304, and keep new validators of clean runs.

    A listing request whose ``LISTED`` entry (a sub-sitemap of a sitemap index)
    is older than its source's watermark and whose validators the archive holds
    is not made at all: a clean run has read it since it last changed.
    """

    def __init__(self, crawler: Crawler, uri: str, margin: timedelta | None):
        self.crawler = crawler
        self.uri = uri
        self.margin = margin
        self.store: ArchiveStore | None = None
        self.watermarks: Watermarks | None = None
        # URL -> (source, validators, tagged by the sources spider)
        self.pending: dict[str, tuple[str, Validators, bool]] = {}
        self.sources_seen: set[str] = set()
        for handler, signal in (
            (self.spider_opened, signals.spider_opened),
            (self.spider_closed, signals.spider_closed),
            (self.request_reached_downloader, signals.request_reached_downloader),
            (self.listing_read, listing_read),
        ):
            crawler.signals.connect(handler, signal=signal)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        if not settings.get("ARCHIVE_URI"):
            raise NotConfigured("no archive to keep validators in")
        if settings.get("NEWSARCHIVE_REDIS_URL"):
            # With a shared frontier a listing's articles are fetched by any worker:
            # none can tell whether they all were, so listings are always read whole.
            raise NotConfigured("conditional requests are off with a shared frontier")
        return cls(crawler, settings["ARCHIVE_URI"], watermark_margin(settings))

    def spider_opened(self) -> None:
        self.store = open_store(self.uri)
        self.watermarks = Watermarks(self.crawler, self.store, self.margin)

    async def process_request(self, request: Request) -> None:
        if not request.meta.get(CONDITIONAL) or self.store is None:
            return
        assert self.watermarks is not None
        stored = await store_call(self.store, self.store.validators, request.url)
        if stored is None or not (stored.etag or stored.last_modified):
            return
        listed: ListedEntry | None = request.meta.get(LISTED)
        if listed is not None and self.watermarks.older(listed, request):
            self._count("incremental/skipped_old")
            logger.debug(
                "Not downloading %s: listed as last modified %s, before the source's last clean run",
                request.url,
                listed.modified or listed.published,
            )
            raise IgnoreRequest(f"{request.url}: not modified since the last clean run")
        if stored.etag:
            request.headers.setdefault("If-None-Match", stored.etag)
        if stored.last_modified:
            request.headers.setdefault("If-Modified-Since", stored.last_modified)
        request.meta[VALIDATED] = True
        self._count("conditional/sent")

    def process_response(self, request: Request, response: Response) -> Response:
        if response.status != 304 or not request.meta.get(VALIDATED):
            return response
        self._count("conditional/not_modified")
        logger.debug("Not modified since the last clean run: %s", request.url)
        raise NotModified(f"{request.url}: not modified (304)")

    def request_reached_downloader(self, request: Request) -> None:
        if self.watermarks is None or self.watermarks.source_of is None:
            return
        source = self.watermarks.source_of(request)
        if source not in self.sources_seen:
            self.sources_seen.add(source)
            self.watermarks.of(source)  # as it was before this run could move it

    def listing_read(self, response: Response) -> None:
        """Keep the validators of a listing the spider has read completely, until the run ends."""
        request = response.request
        if request is None or self.watermarks is None or self.watermarks.source_of is None:
            return
        # Keyed by the URL the spider asked for, which the next run asks for again.
        url = (request.meta.get("redirect_urls") or [request.url])[0]
        headers = response.headers
        etag = headers.get(b"ETag")
        last_modified = headers.get(b"Last-Modified")
        validators = Validators(
            etag.decode("latin-1") if etag else None,
            last_modified.decode("latin-1") if last_modified else None,
        )
        self.pending[url] = (
            self.watermarks.source_of(request),
            validators,
            bool(request.meta.get(SOURCE_META)),
        )

    def spider_closed(self, reason: str) -> None:
        # Connected after the run report's spider_closed (extensions are built before
        # the downloader), so the watermarks of this run are recorded by now.
        try:
            self._save_validators(reason)
        finally:
            if self.store is not None:
                self.store.close()
                self.store = None

    def _save_validators(self, reason: str) -> None:
        stats = self.crawler.stats
        assert stats is not None
        summary = (
            f"{stats.get_value('newsarchive/conditional/not_modified', 0)} listings not modified"
            f" (304), {stats.get_value('newsarchive/incremental/skipped_old', 0)} entries"
            f" skipped as not newer than the archive,"
            f" {stats.get_value('newsarchive/incremental/changed', 0)} changed articles fetched"
        )
        if self.store is None or self.watermarks is None:
            return
        if reason != "finished" or not self.pending:
            if self.pending:
                summary += (
                    f"; validators of {len(self.pending)} listings not kept:"
                    f" the run ended with reason {reason!r}"
                )
            logger.info("Incremental run: %s", summary)
            return
        moved = {source: self.watermarks.moved(source) for source in self.sources_seen}
        # Without sources, a feed's entries may count for other hosts than the feed:
        # its validators are kept only if the run was clean for every host.
        all_clean = all(moved.values())
        keep = {
            url: validators
            for url, (source, validators, tagged) in self.pending.items()
            if (moved.get(source, False) if tagged else all_clean)
        }
        if keep:
            self.store.save_validators(keep, utc_now_iso())
        stats.set_value("newsarchive/conditional/validators_saved", len(keep))
        held_back = len(self.pending) - len(keep)
        summary += f"; validators of {len(keep)} listings kept"
        if held_back:
            summary += f", of {held_back} not kept (errors in their source)"
        logger.info("Incremental run: %s", summary)

    def _count(self, key: str) -> None:
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value(f"newsarchive/{key}")
