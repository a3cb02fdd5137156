"""Block pages (bot challenges, CAPTCHAs, "Access denied") are not archived and slow the host down."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse

from newsarchive.extraction.blocked import block_page_reason
from newsarchive.middlewares import ascii_compatible

if TYPE_CHECKING:
    from typing import Self

    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response

logger = logging.getLogger(__name__)

# Block pages come as 200 in place of the page, or as 403, 429 or 503.
BLOCK_STATUSES = frozenset({200, 403, 429, 503})


class BlockPageMiddleware:
    """Drop block pages before the spider sees them, and wait longer between requests to that host.

    The first block page on a host sets the delay between its requests to at
    least ``NEWSARCHIVE_BLOCK_DELAY`` seconds; each further one doubles it, up to
    ``NEWSARCHIVE_BLOCK_MAX_DELAY``. (With AutoThrottle on, normal answers bring
    the delay down again, within ``AUTOTHROTTLE_MAX_DELAY``.)
    """

    def __init__(self, crawler: Crawler, delay: float, max_delay: float):
        self.crawler = crawler
        self.delay = delay
        self.max_delay = max_delay

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        delay = settings.getfloat("NEWSARCHIVE_BLOCK_DELAY")
        max_delay = settings.getfloat("NEWSARCHIVE_BLOCK_MAX_DELAY")
        if delay < 0 or max_delay < delay:
            raise ValueError(
                "NEWSARCHIVE_BLOCK_DELAY must be 0 or more and at most NEWSARCHIVE_BLOCK_MAX_DELAY,"
                f" not {delay} and {max_delay}"
            )
        return cls(crawler, delay, max_delay)

    def process_response(self, request: Request, response: Response) -> Response:
        if response.status not in BLOCK_STATUSES or not isinstance(response, HtmlResponse):
            return response
        reason = block_page_reason(response.body if ascii_compatible(response) else response.text)
        if reason is None:
            return response
        host, delay = self._slow_down(request)
        logger.warning(
            "Not archiving %s: a block page (%s, status %d); waiting %.1f s between requests to %s",
            response.url,
            reason,
            response.status,
            delay,
            host,
        )
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value("newsarchive/skip/blocked")
        self.crawler.stats.inc_value(f"newsarchive/blocked/{reason.replace(' ', '_')}")
        raise IgnoreRequest(f"{response.url}: block page ({reason})")

    def _slow_down(self, request: Request) -> tuple[str, float]:
        """Double the delay of the request's download slot (its host); return host and delay."""
        assert self.crawler.engine is not None
        downloader = self.crawler.engine.downloader
        key = downloader.get_slot_key(request)
        slot = downloader.slots.get(key)
        if slot is None:
            return key, 0.0
        slot.delay = min(max(slot.delay * 2, self.delay), self.max_delay)
        return key, slot.delay
