"""Crawl every publisher of a sources file in one run, each through its own discovery."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.http import Response

from newsarchive.dates import to_utc_datetime
from newsarchive.items import ArticleItem
from newsarchive.sources import Source, load_sources, parse_shard, select_sources
from newsarchive.spiders.base import listing_meta
from newsarchive.spiders.feeds import FeedDiscovery
from newsarchive.spiders.meta import SOURCE_META
from newsarchive.spiders.site import SiteBounds, SiteDiscovery
from newsarchive.spiders.sitemap import SitemapDiscovery

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler

    from newsarchive.extraction import PageAnalysis


def source_slot(name: str) -> str:
    """The download slot of a source: its politeness applies to all its hosts together."""
    return f"source:{name}"


def _origin(url: str) -> str:
    """Host and port of a URL: robots.txt belongs to one origin (RFC 9309 section 2.3)."""
    return urlsplit(url).netloc.lower().rpartition("@")[2]


class SourcesSpider(FeedDiscovery, SitemapDiscovery, SiteDiscovery):
    """``scrapy crawl sources [-a sources=PATH] [-a only=NAME[,NAME…]] [-a shard=i/N]``.

    Reads the sources file (``-a sources`` or the ``NEWSARCHIVE_SOURCES`` setting),
    validated before any request, and crawls each source's feeds, sitemaps and
    start pages with the ``feeds``, ``sitemap`` and ``site`` spiders' discovery.
    Every request of a source goes through the download slot ``source:NAME``,
    configured from its ``download_delay`` and ``concurrency`` (``DOWNLOAD_SLOTS``).
    """

    name = "sources"
    needs_start_urls = False

    def __init__(
        self,
        *args: Any,
        sources: str | None = None,
        only: str | None = None,
        shard: str | None = None,
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        self._sources_arg = sources
        self._only = [name for name in (only or "").split(",") if name.strip()]
        self._shard = parse_shard(shard) if shard else None
        self.sources: dict[str, Source] = {}
        self.bounds: dict[str, SiteBounds] = {}
        self._source_by_host: dict[str, str] = {}
        self._now = datetime.now(UTC)

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> Self:
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.load(crawler)
        return spider

    def load(self, crawler: Crawler) -> None:
        """Read and validate the sources file, and give each source its download slot.

        Runs before the crawl starts (Scrapy applies settings after creating the
        spider), so a bad file stops the run before any request.
        """
        path = self._sources_arg or crawler.settings.get("NEWSARCHIVE_SOURCES")
        if not path:
            raise ValueError(
                "spider 'sources' needs -a sources=PATH or the NEWSARCHIVE_SOURCES setting"
            )
        chosen = select_sources(
            load_sources(path), only=self._only, shard=self._shard, filename=str(path)
        )
        self.sources = {source.name: source for source in chosen}
        slots = dict(crawler.settings.getdict("DOWNLOAD_SLOTS"))
        for source in chosen:
            slot: dict[str, Any] = {}
            if source.download_delay is not None:
                slot["delay"] = source.download_delay
            if source.concurrency is not None:
                slot["concurrency"] = source.concurrency
            if slot:
                slots.setdefault(source_slot(source.name), slot)
        crawler.settings.set("DOWNLOAD_SLOTS", slots, priority="spider")
        self.logger.info(
            "Crawling %d sources from %s: %s",
            len(chosen),
            path,
            ", ".join(self.sources) or "none",
        )

    async def start(self) -> AsyncIterator[Any]:
        max_pages = self.settings.getint("NEWSARCHIVE_MAX_PAGES")
        max_depth = self.settings.getint("NEWSARCHIVE_MAX_DEPTH")
        for source in self.sources.values():
            bounds = SiteBounds.for_start_urls(
                source.start_urls,
                source.max_pages or max_pages,
                source.max_depth if source.max_depth is not None else max_depth,
            )
            self.bounds[source.name] = bounds
            for urls, callback in (
                (source.feeds, self.parse_feed),
                (source.sitemaps, self.parse_sitemap),
                (source.start_urls, self.parse_page),
            ):
                for url in urls:
                    if callback == self.parse_page:
                        bounds.scheduled.add(url)
                    request = Request(url, callback=callback, meta=listing_meta(url))
                    yield self.tagged(request, source)

    # Routing: every request carries its source, and goes through its slot.

    def tagged(self, request: Request, source: Source) -> Request:
        """``request`` marked as made for ``source`` and sent through its download slot."""
        request.meta[SOURCE_META] = source.name
        request.meta["download_slot"] = source_slot(source.name)
        # The robots.txt Scrapy fetches for this origin counts for the same source.
        self._source_by_host.setdefault(_origin(request.url), source.name)
        if source.download_delay is not None:
            # An explicit delay is the publisher's wish: AutoThrottle must not lower it.
            request.meta["autothrottle_dont_adjust_delay"] = True
        return request

    def source_of(self, response: Response) -> Source:
        return self.sources[response.meta[SOURCE_META]]

    def source_name_for_url(self, url: str) -> str | None:
        """The source a request without a source mark (robots.txt) belongs to, by host."""
        return self._source_by_host.get(_origin(url))

    def follow(
        self,
        response: Response,
        url: str,
        callback: Any,
        *,
        kind: str,
        cb_kwargs: dict[str, Any] | None = None,
    ) -> Request | None:
        source = self.source_of(response)
        if kind == "page" and source.denies(url):
            self.count("skip/denied_by_source")
            return None
        if kind == "article" and not source.allows(url):
            self.count("skip/denied_by_source")
            return None
        return self.tagged(Request(url, callback=callback, cb_kwargs=cb_kwargs or {}), source)

    def since_for(self, response: Response) -> date | None:
        max_age = self.source_of(response).max_age
        return (self._now - max_age).date() if max_age else None

    def site_bounds(self, response: Response) -> SiteBounds:
        return self.bounds[response.meta[SOURCE_META]]

    # Articles: the source's language fills a gap, its age and patterns decide.

    async def analyse(
        self, response: Response, hints: Mapping[str, Any] | None = None, *, want_links: bool
    ) -> PageAnalysis | None:
        language = self.source_of(response).language
        if language:
            hints = {"language": language, **(hints or {})}
        return await super().analyse(response, hints, want_links=want_links)

    async def parse_article(
        self, response: Response, hints: Mapping[str, Any] | None = None
    ) -> AsyncIterator[Any]:
        async for output in super().parse_article(response, hints):
            kept = self._kept(output, response, from_site_crawl=False)
            if kept is not None:
                yield kept

    async def parse_page(self, response: Response) -> AsyncIterator[Any]:
        async for output in super().parse_page(response):
            kept = self._kept(output, response, from_site_crawl=True)
            if kept is not None:
                yield kept

    def _kept(self, output: Any, response: Response, *, from_site_crawl: bool) -> Any:
        source = self.source_of(response)
        if isinstance(output, Request):
            if SOURCE_META not in output.meta:
                self.tagged(output, source)
            return output
        if not isinstance(output, ArticleItem):
            return output
        if from_site_crawl and not source.allows(output.url or response.url):
            # Section pages lead to articles, but only allowed ones are archived.
            self.count("skip/denied_by_source")
            return None
        published = to_utc_datetime(output.published)
        if source.max_age and published and published < self._now - source.max_age:
            self.logger.info(
                "Not archiving %s: published %s, older than max_age of source %r",
                output.url,
                output.published,
                source.name,
            )
            self.count("skip/older_than_max_age")
            return None
        return output

    def start_request(self, url: str) -> Request:  # pragma: no cover - start() routes instead
        raise NotImplementedError
