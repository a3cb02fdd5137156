"""Archive exactly the article URLs given."""

from __future__ import annotations

from scrapy import Request

from newsarchive.middlewares.archived import REFETCH
from newsarchive.spiders.base import NewsSpider


class UrlsSpider(NewsSpider):
    """``scrapy crawl urls -a urls=URL[,URL…]``: each URL is an article to archive."""

    name = "urls"

    def start_request(self, url: str) -> Request:
        # The user says these are articles: extraction skips page-type detection.
        # Explicitly named URLs are fetched even when archived: that is how a user
        # asks for a fresh copy.
        return Request(
            url,
            callback=self.parse_article,
            cb_kwargs={"hints": {"assume_article": True}},
            meta={REFETCH: True},
        )
