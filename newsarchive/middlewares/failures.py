"""Every request that brings no page says why in one log line."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from scrapy import Request, signals
from scrapy.spidermiddlewares.base import BaseSpiderMiddleware

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler
    from scrapy.http import Response

logger = logging.getLogger(__name__)


class FailureLogMiddleware(BaseSpiderMiddleware):
    """Give requests the spider's ``fetch_failed`` errback; report redirect loops.

    Without an errback Scrapy logs a failed download (a timeout, a connection
    reset, an unsupported URL scheme) with a full traceback. A redirect loop ends
    silently in Scrapy's duplicate filter, so the dropped redirect is logged here.
    """

    def __init__(self, crawler: Crawler):
        super().__init__(crawler)
        crawler.signals.connect(self.request_dropped, signal=signals.request_dropped)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def get_processed_request(self, request: Request, response: Response | None) -> Request:
        errback = getattr(self.crawler.spider, "fetch_failed", None)
        if request.errback is None and errback is not None:
            request.errback = errback
        return request

    def request_dropped(self, request: Request) -> None:
        redirected_from: list[str] = request.meta.get("redirect_urls", [])
        if request.url in redirected_from:
            logger.info(
                "Not fetching %s (redirected from %s): redirect loop",
                request.url,
                redirected_from[0],
            )
            assert self.crawler.stats is not None
            self.crawler.stats.inc_value("newsarchive/skip/redirect_loop")
