"""robots.txt as RFC 9309 asks: unreachable (5xx) means disallow all, unavailable (4xx) allow all."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.http import Response

logger = logging.getLogger(__name__)

DISALLOW_ALL = b"User-agent: *\nDisallow: /\n"


class StrictRobotsTxtMiddleware(RobotsTxtMiddleware):
    """Scrapy's robots.txt middleware, reading error answers the way RFC 9309 §2.3.1 says.

    Scrapy parses whatever body comes back, so a 503 error page usually reads as
    "allow all": exactly when a struggling server asks crawlers to stay away. Here
    a 5xx answer (after Scrapy's retries) disallows the whole host for the crawl,
    and a 4xx answer allows everything whatever its body says.
    """

    async def _parse_robots(self, response: Response, netloc: str, request: Request) -> None:
        if response.status >= 500:
            logger.warning(
                "robots.txt of %s answered %d: not crawling that host (RFC 9309)",
                netloc,
                response.status,
            )
            self._stats.inc_value("newsarchive/robots/unreachable")
            response = response.replace(body=DISALLOW_ALL)
        elif response.status >= 400:
            response = response.replace(body=b"")
        await super()._parse_robots(response, netloc, request)
