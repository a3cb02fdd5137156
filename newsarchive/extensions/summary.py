"""One summary line at the end of every crawl: fetched, archived, skipped and why, errors."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from scrapy import signals

if TYPE_CHECKING:
    from typing import Self

    from scrapy import Spider
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)


def crawl_summary(stats: dict[str, object]) -> str:
    """A one-line account of a crawl from its stats."""

    def value(key: str) -> int:
        found = stats.get(key, 0)
        return found if isinstance(found, int) else 0

    def by_suffix(prefix: str) -> dict[str, int]:
        return {
            key.removeprefix(prefix): found
            for key, found in sorted(stats.items())
            if key.startswith(prefix) and isinstance(found, int)
        }

    archived = by_suffix("newsarchive/archive/")
    archived.pop("error", 0)  # logged as an ERROR line each
    skipped = by_suffix("newsarchive/skip/")
    if value("robotstxt/forbidden"):
        skipped["robots_txt"] = value("robotstxt/forbidden")
    # Every spider exception and lost record is logged as an ERROR line; pages that
    # could not be fetched (timeouts, resets) are logged one line each as warnings.
    errors = value("log_count/ERROR") + value("newsarchive/fetch_failed")
    archived_text = ", ".join(f"{n} {status}" for status, n in archived.items()) or "none"
    skipped_text = ", ".join(f"{reason}: {n}" for reason, n in skipped.items()) or "none"
    return (
        f"{value('downloader/response_count')} pages fetched, "
        f"{sum(archived.values())} articles archived ({archived_text}), "
        f"{sum(skipped.values())} pages skipped ({skipped_text}), "
        f"{errors} errors"
    )


class CrawlSummary:
    """Log the crawl summary when the spider closes; write all stats to a file if asked.

    ``NEWSARCHIVE_STATS_FILE`` names a JSON file that receives the final stats of
    the crawl, for schedulers and monitoring that read results without parsing logs.
    """

    def __init__(self, crawler: Crawler, stats_file: str | None):
        self.crawler = crawler
        self.stats_file = stats_file
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler, crawler.settings.get("NEWSARCHIVE_STATS_FILE"))

    def spider_closed(self, spider: Spider, reason: str) -> None:
        assert self.crawler.stats is not None
        stats = self.crawler.stats.get_stats()
        spider.logger.info("newsarchive summary (%s): %s", reason, crawl_summary(stats))
        if self.stats_file:
            path = Path(self.stats_file)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(
                json.dumps({**stats, "finish_reason": reason}, default=str, indent=1),
                encoding="utf-8",
            )
