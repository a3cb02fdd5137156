"""Archive the articles listed in sitemaps, sitemap indexes and Google News sitemaps."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.http import Response

from newsarchive.discovery import (
    SitemapError,
    hints_from_sitemap_entry,
    is_since,
    parse_sitemap,
    sitemap_urls_from_robots,
)
from newsarchive.discovery.incremental import ListedEntry, sort_key_newest_first
from newsarchive.spiders.base import NewsSpider, listing_meta
from newsarchive.spiders.meta import CONDITIONAL


class SitemapDiscovery(NewsSpider):
    """Reads sitemaps and robots.txt files (shared by the ``sitemap`` and ``sources`` spiders)."""

    def parse_sitemap(self, response: Response) -> Iterator[Request]:
        """Follow sub-sitemaps and request the listed articles, newest first, old ones filtered out.

        A sitemap index is always read again (it is not fetched conditionally): a
        304 for it would hide changes in sub-sitemaps that it lists without a
        ``lastmod``; each sub-sitemap is fetched conditionally instead.
        """
        if urlsplit(response.url).path.endswith("/robots.txt"):
            yield from self.parse_robots(response)
            return
        body = self.xml_body(response, "sitemap")
        if body is None:
            return
        rejected: list[str] = []
        try:
            sitemap = parse_sitemap(body, response.url, rejected=rejected)
        except SitemapError as exc:
            self.logger.warning("Skipping sitemap %s: %s", response.url, exc)
            self.count("skip/bad_sitemap")
            return
        self.note_rejected_links(response.url, "sitemap", rejected)
        self.count("sitemaps/parsed")
        since = self.since_for(response)
        entries = sorted(
            sitemap.entries,
            key=lambda e: sort_key_newest_first(ListedEntry(e.lastmod, e.news_published).latest),
        )
        for entry in entries:
            # A sub-sitemap last modified before `since` lists nothing newer.
            if since and not is_since(entry.date, since):
                self.count("skip/older_than_since")
                continue
            if sitemap.kind == "sitemapindex":
                request = self.follow(response, entry.loc, self.parse_sitemap, kind="discovery")
                if request is not None:
                    request.meta[CONDITIONAL] = True
            else:
                request = self.follow(
                    response,
                    entry.loc,
                    self.parse_article,
                    kind="article",
                    cb_kwargs={"hints": hints_from_sitemap_entry(entry)},
                )
            request = self.listed(
                request, response, modified=entry.lastmod, published=entry.news_published
            )
            if request is not None:
                yield request
        if sitemap.kind == "urlset":
            self.listing_done(response)

    def parse_robots(self, response: Response) -> Iterator[Request]:
        """Follow the ``Sitemap:`` lines of a robots.txt."""
        text = response.body.decode("utf-8", errors="replace")
        urls = sitemap_urls_from_robots(text, response.url)
        if not urls:
            self.logger.warning("No Sitemap: lines in %s", response.url)
        for url in urls:
            request = self.follow(response, url, self.parse_sitemap, kind="discovery")
            if request is not None:
                request.meta.update(listing_meta(url))
                yield request


class SitemapSpider(SitemapDiscovery):
    """``scrapy crawl sitemap -a urls=SITEMAP_OR_ROBOTS[,…] [-a since=YYYY-MM-DD]``."""

    name = "sitemap"

    def __init__(self, *args: Any, since: str | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        try:
            self.since = date.fromisoformat(since) if since else None
        except ValueError:
            raise ValueError(f"-a since={since!r} is not a date (expected YYYY-MM-DD)") from None

    def start_request(self, url: str) -> Request:
        return Request(url, callback=self.parse_sitemap, meta=listing_meta(url))

    def since_for(self, response: Response) -> date | None:
        return self.since
