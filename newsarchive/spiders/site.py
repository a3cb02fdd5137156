"""Crawl a site from its start pages, archiving the articles among the pages it finds."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from typing import Any

from scrapy import Request
from scrapy.http import Response
from scrapy.linkextractors import IGNORED_EXTENSIONS

from newsarchive.spiders.base import NewsSpider, site_host

_SKIPPED_SUFFIXES = tuple(f".{ext}" for ext in IGNORED_EXTENSIONS)


class SiteSpider(NewsSpider):
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
        self.scheduled: set[str] = set()
        self.budget_reached = False
        self._site_pattern: re.Pattern[str] | None = None

    async def start(self) -> AsyncIterator[Any]:
        settings = self.settings
        self.max_pages = int(self._max_pages_arg or settings.getint("NEWSARCHIVE_MAX_PAGES"))
        self.max_depth = int(self._max_depth_arg or settings.getint("NEWSARCHIVE_MAX_DEPTH"))
        async for request in super().start():
            yield request

    def start_request(self, url: str) -> Request:
        self.scheduled.add(url)
        return Request(url, callback=self.parse_page)

    async def parse_page(self, response: Response) -> AsyncIterator[Any]:
        """Archive the page if it is an article, and follow its on-site links."""
        analysis = await self.analyse(response, want_links=True)
        if analysis is None:
            return
        for output in self.article_outputs(analysis):
            yield output
        depth = response.meta.get("depth", 0)
        if depth >= self.max_depth:
            return
        for url in analysis.links:
            if url in self.scheduled or not self._on_site(url):
                continue
            if len(self.scheduled) >= self.max_pages:
                if not self.budget_reached:
                    self.budget_reached = True
                    self.count("site/page_budget_reached")
                    self.logger.info(
                        "Page budget of %d reached: following no more links", self.max_pages
                    )
                return
            self.scheduled.add(url)
            yield Request(url, callback=self.parse_page)

    def _on_site(self, url: str) -> bool:
        # Called for every link of every page: one compiled pattern, no URL parsing.
        if self._site_pattern is None:
            hosts = "|".join(re.escape(d) for d in self.allowed_domains)
            self._site_pattern = re.compile(
                rf"^https?://(?:[^/?#@]*@)?(?:[^/?#:@]*\.)?(?:{hosts})(?::\d+)?(?:[/?#]|$)",
                re.IGNORECASE,
            )
        path = url.split("#", 1)[0].split("?", 1)[0]
        return bool(self._site_pattern.match(url)) and not path.lower().endswith(_SKIPPED_SUFFIXES)
