"""Finding articles to fetch: feeds, sitemaps and robots.txt, parsed without Scrapy."""

from __future__ import annotations

from newsarchive.discovery.feeds import FeedEntry, FeedError, hints_from_feed_entry, parse_feed
from newsarchive.discovery.sitemaps import (
    Sitemap,
    SitemapEntry,
    SitemapError,
    hints_from_sitemap_entry,
    is_since,
    parse_sitemap,
    sitemap_urls_from_robots,
)

__all__ = [
    "FeedEntry",
    "FeedError",
    "Sitemap",
    "SitemapEntry",
    "SitemapError",
    "hints_from_feed_entry",
    "hints_from_sitemap_entry",
    "is_since",
    "parse_feed",
    "parse_sitemap",
    "sitemap_urls_from_robots",
]
