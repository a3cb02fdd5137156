"""Crawl a site from its start pages, archiving the articles among the pages it finds."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.http import Response
from scrapy.linkextractors import IGNORED_EXTENSIONS

from newsarchive.extraction.detection import crawl_trap_reason, without_session_ids
from newsarchive.spiders.base import NewsSpider, listing_meta, site_host

_SKIPPED_SUFFIXES = tuple(f".{ext}" for ext in IGNORED_EXTENSIONS)


@dataclass
class SiteBounds:
    """Where one site crawl may go: its hosts, page budget and link depth, and what it scheduled."""

    domains: list[str]
    max_pages: int
    max_depth: int
    scheduled: set[str] = field(default_factory=set)
    budget_reached: bool = False

    @classmethod
    def for_start_urls(cls, urls: Iterable[str], max_pages: int, max_depth: int) -> SiteBounds:
        """Bounds that stay on the hosts of ``urls`` (and their subdomains)."""
        return cls(sorted({site_host(u) for u in urls if site_host(u)}), max_pages, max_depth)

    def on_host(self, url: str) -> bool:
        """Whether ``url`` is on one of these hosts (or their subdomains)."""
        # A URL on one of these hosts contains its name: one substring test per host
        # rules out most off-site links (most of a page's links) before the URL is
        # parsed. Only for ASCII URLs, where lower-casing the whole URL lower-cases
        # its host alike.
        lowered = url.lower()
        if url.isascii() and not any(d in lowered for d in self.domains):
            return False
        host = site_host(url)
        return any(host == d or host.endswith(f".{d}") for d in self.domains)

    def on_site(self, url: str) -> bool:
        """Whether ``url`` is a page of these hosts worth fetching (not an image, PDF…)."""
        return self.on_host(url) and not urlsplit(url).path.lower().endswith(_SKIPPED_SUFFIXES)


class SiteDiscovery(NewsSpider):
    """Follows on-site links from page to page (shared by the ``site`` and ``sources`` spiders)."""

    def site_bounds(self, response: Response) -> SiteBounds:
        """The bounds of the site crawl that ``response`` belongs to."""
        raise NotImplementedError

    async def parse_page(self, response: Response) -> AsyncIterator[Any]:
        """Archive the page if it is an article, and follow its on-site links.

        Pages are fetched conditionally. A page that is not an article (a front,
        section or tag page) whose links were all followed is a listing read
        completely: if it answers 304 next time, its links are as this run found them.
        """
        analysis = await self.analyse(response, want_links=True)
        if analysis is None:
            return
        for output in self.article_outputs(analysis):
            yield output
        bounds = self.site_bounds(response)
        depth = response.meta.get("depth", 0)
        if depth >= bounds.max_depth:
            return
        for request in self.follow_links(response, analysis.links, bounds):
            yield request
        if analysis.item is None and not bounds.budget_reached:
            self.listing_done(response)

    def follow_links(
        self, response: Response, links: Iterable[str], bounds: SiteBounds
    ) -> Iterator[Request]:
        """Requests for the on-site links of ``response`` within ``bounds``."""
        today = date.today()
        for link in links:
            # Most links of a page lead off the site: they are left first, cheaply.
            if link in bounds.scheduled or not bounds.on_host(link):
                continue
            # The same page under a new session id on every visit is one page.
            url = without_session_ids(link)
            if url in bounds.scheduled or not bounds.on_site(url):
                continue
            trap = crawl_trap_reason(url, today)
            if trap:
                self.logger.info("Not following %s (on %s): %s", url, response.url, trap)
                self.count("site/trap_links")
                continue
            if len(bounds.scheduled) >= bounds.max_pages:
                if not bounds.budget_reached:
                    bounds.budget_reached = True
                    self.count("site/page_budget_reached")
                    self.logger.info(
                        "Page budget of %d reached: following no more links", bounds.max_pages
                    )
                return
            request = self.follow(response, url, self.parse_page, kind="page")
            if request is not None:
                request.meta.update(listing_meta(url))
                bounds.scheduled.add(url)
                yield request


class SiteSpider(SiteDiscovery):
    """``scrapy crawl site -a urls=HOME[,…] [-a max_pages=N] [-a max_depth=N]``.

    Stays on the start URLs' hosts (and their subdomains); pages that are not
    articles (fronts, sections, tags, authors, pagination, about…) are followed
    for links but never archived.
    """

    name = "site"

    def __init__(
        self,
        *args: Any,
        max_pages: str | int | None = None,
        max_depth: str | int | None = None,
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        self.allowed_domains = sorted({site_host(u) for u in self.start_urls if site_host(u)})
        self._max_pages_arg = max_pages
        self._max_depth_arg = max_depth
        self.bounds = SiteBounds(self.allowed_domains, 0, 0)
        # The page budget is per host, so that one host's trap cannot starve the others.
        self.host_bounds: dict[str, SiteBounds] = {}

    async def start(self) -> AsyncIterator[Any]:
        settings = self.settings
        self.bounds.max_pages = int(
            self._max_pages_arg or settings.getint("NEWSARCHIVE_MAX_PAGES")
        )
        self.bounds.max_depth = int(
            self._max_depth_arg or settings.getint("NEWSARCHIVE_MAX_DEPTH")
        )
        self.host_bounds = {
            host: SiteBounds([host], self.bounds.max_pages, self.bounds.max_depth)
            for host in self.allowed_domains
        }
        async for request in super().start():
            yield request

    def start_request(self, url: str) -> Request:
        self.bounds_of(url).scheduled.add(url)
        return Request(url, callback=self.parse_page, meta=listing_meta(url))

    def site_bounds(self, response: Response) -> SiteBounds:
        return self.bounds_of(response.url)

    def bounds_of(self, url: str) -> SiteBounds:
        """The bounds of the start host that ``url`` belongs to (subdomains included)."""
        host = site_host(url)
        for domain, bounds in self.host_bounds.items():
            if host == domain or host.endswith(f".{domain}"):
                return bounds
        return self.bounds

    def _on_site(self, url: str) -> bool:
        return self.bounds.on_site(url)
