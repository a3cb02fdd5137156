"""Save each article into the archive named by ``ARCHIVE_URI``."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from itemadapter import ItemAdapter
from scrapy.exceptions import NotConfigured

from newsarchive.items import ArticleItem
from newsarchive.store import StoreError, open_store

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler

    from newsarchive.store import ArchiveStore

logger = logging.getLogger(__name__)


class ArchivePipeline:
    """Write every article to the archive in its own short transaction."""

    def __init__(self, crawler: Crawler, uri: str):
        self.crawler = crawler
        self.uri = uri
        self.store: ArchiveStore | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        uri = crawler.settings.get("ARCHIVE_URI")
        if not uri:
            raise NotConfigured("ARCHIVE_URI is empty: articles are not archived")
        return cls(crawler, uri)

    def open_spider(self) -> None:
        self.store = open_store(self.uri)
        logger.info("Archiving into %s (%d records already)", self.uri, self.store.count())

    def close_spider(self) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, ArticleItem) or self.store is None:
            return item
        stats = self.crawler.stats
        assert stats is not None
        try:
            outcome = self.store.save(item)
        except StoreError as exc:
            stats.inc_value("newsarchive/archive/error")
            logger.error("Could not archive %s: %s", item.url, exc)
            return item
        stats.inc_value(f"newsarchive/archive/{outcome.status}")
        ItemAdapter(item)["id"] = outcome.article_id
        return item
