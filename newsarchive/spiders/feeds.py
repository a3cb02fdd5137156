"""Archive the articles that RSS, Atom and JSON feeds link to."""

from __future__ import annotations

from collections.abc import Iterator

from scrapy import Request
from scrapy.http import Response

from newsarchive.discovery import FeedError, hints_from_feed_entry, is_since, parse_feed
from newsarchive.discovery.incremental import ListedEntry, sort_key_newest_first
from newsarchive.spiders.base import NewsSpider, listing_meta


class FeedDiscovery(NewsSpider):
    """Reads a feed and requests its articles (shared by the ``feeds`` and ``sources`` spiders)."""

    def parse_feed(self, response: Response) -> Iterator[Request]:
        """Request every article of the feed, newest first, carrying the entry's metadata as hints."""
        body = self.xml_body(response, "feed")
        if body is None:
            return
        rejected: list[str] = []
        try:
            entries = parse_feed(body, response.url, rejected=rejected)
        except FeedError as exc:
            self.logger.warning("Skipping feed %s: %s", response.url, exc)
            self.count("skip/bad_feed")
            return
        self.note_rejected_links(response.url, "feed", rejected)
        self.count("feeds/parsed")
        self.count("feeds/entries", len(entries))
        since = self.since_for(response)
        entries.sort(
            key=lambda e: sort_key_newest_first(ListedEntry(e.modified, e.published).latest)
        )
        for entry in entries:
            if since and not is_since(entry.published or entry.modified, since):
                self.count("skip/older_than_since")
                continue
            request = self.follow(
                response,
                entry.url,
                self.parse_article,
                kind="article",
                cb_kwargs={"hints": hints_from_feed_entry(entry)},
            )
            request = self.listed(
                request, response, modified=entry.modified, published=entry.published
            )
            if request is not None:
                yield request
        self.listing_done(response)


class FeedsSpider(FeedDiscovery):
    """``scrapy crawl feeds -a urls=FEED[,FEED…]``: RSS 2.0, RSS 1.0, Atom and JSON Feed."""

    name = "feeds"

    def start_request(self, url: str) -> Request:
        return Request(url, callback=self.parse_feed, meta=listing_meta(url))
