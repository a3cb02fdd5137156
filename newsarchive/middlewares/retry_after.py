"""Honour ``Retry-After`` on 429 and 503 answers, which Scrapy's RetryMiddleware ignores.

Scrapy retries a 429 or 503 at once (scrapy/scrapy#3849); a server that names a
time to come back (RFC 9110 section 10.2.3) should not be asked again before it.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from time import monotonic
from typing import TYPE_CHECKING

from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.task import deferLater

if TYPE_CHECKING:
    from typing import Self

    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response

logger = logging.getLogger(__name__)

RETRY_AFTER_STATUSES = frozenset({429, 503})


def retry_after_seconds(value: bytes | str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` value (delay-seconds or an HTTP date), or None."""
    if value is None:
        return None
    text = (value.decode("latin-1") if isinstance(value, bytes) else value).strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


async def _sleep(seconds: float) -> None:
    # Imported here: importing the reactor at module level would install the default one.
    from twisted.internet import reactor  # noqa: PLC0415

    await maybe_deferred_to_future(deferLater(reactor, seconds))


class RetryAfterMiddleware:
    """Hold back every request to a host that answered 429 or 503 with ``Retry-After``.

    The retry Scrapy's RetryMiddleware makes, and every other request to that
    host, waits until the time the server named. A wait longer than
    ``NEWSARCHIVE_RETRY_AFTER_MAX`` seconds is not waited for: that page is given
    up (not retried) and the rest of the crawl goes on.
    """

    def __init__(self, crawler: Crawler, max_wait: float):
        self.crawler = crawler
        self.max_wait = max_wait
        self.paused_until: dict[str, float] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        max_wait = crawler.settings.getfloat("NEWSARCHIVE_RETRY_AFTER_MAX")
        if max_wait < 0:
            raise ValueError(f"NEWSARCHIVE_RETRY_AFTER_MAX must be 0 or more, not {max_wait}")
        return cls(crawler, max_wait)

    async def process_request(self, request: Request) -> None:
        host = urlparse_cached(request).netloc
        until = self.paused_until.get(host)
        if until is None:
            return
        remaining = until - monotonic()
        if remaining > 0:
            await _sleep(remaining)
        else:
            self.paused_until.pop(host, None)

    def process_response(self, request: Request, response: Response) -> Response:
        if response.status not in RETRY_AFTER_STATUSES:
            return response
        wait = retry_after_seconds(response.headers.get(b"Retry-After"))
        if wait is None:
            return response
        assert self.crawler.stats is not None
        if wait > self.max_wait:
            logger.warning(
                "Not retrying %s: it answered %d with Retry-After %.0f s, more than "
                "NEWSARCHIVE_RETRY_AFTER_MAX (%.0f s)",
                request.url,
                response.status,
                wait,
                self.max_wait,
            )
            self.crawler.stats.inc_value("newsarchive/retry_after/too_long")
            request.meta["dont_retry"] = True
            return response
        host = urlparse_cached(request).netloc
        self.paused_until[host] = max(self.paused_until.get(host, 0.0), monotonic() + wait)
        logger.info(
            "%s answered %d: asking %s again in %.1f s (Retry-After)",
            request.url,
            response.status,
            host,
            wait,
        )
        self.crawler.stats.inc_value("newsarchive/retry_after/waited")
        return response
