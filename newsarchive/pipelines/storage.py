"""Save articles into the archive named by ``ARCHIVE_URI``, in batched transactions."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, Any

from itemadapter import ItemAdapter
from scrapy.exceptions import NotConfigured

from newsarchive.dedup import THRESHOLD
from newsarchive.items import ArticleItem
from newsarchive.store import SaveOutcome, StoreError, open_store
from newsarchive.store.base import redacted

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler

    from newsarchive.store import ArchiveStore

logger = logging.getLogger(__name__)


class ArchivePipeline:
    """Write articles to the archive, many to a transaction, off the reactor thread.

    An item waits until the transaction holding it is committed (at most
    ``ARCHIVE_FLUSH_INTERVAL`` seconds, or until ``ARCHIVE_BATCH_SIZE`` items are
    pending), so whatever comes after this pipeline sees archived records only.
    """

    def __init__(
        self,
        crawler: Crawler,
        uri: str,
        batch_size: int,
        flush_interval: float,
        near_duplicate_threshold: float,
    ):
        self.crawler = crawler
        self.uri = uri
        self.near_duplicate_threshold = near_duplicate_threshold
        self.batch_size = batch_size
        self.flush_interval = flush_interval
        self.store: ArchiveStore | None = None
        self._pending: list[tuple[ArticleItem, asyncio.Future[SaveOutcome | StoreError]]] = []
        self._writing = asyncio.Lock()
        self._timer: asyncio.TimerHandle | None = None
        self._flushes: set[asyncio.Task[None]] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        uri = settings.get("ARCHIVE_URI")
        if not uri:
            raise NotConfigured("ARCHIVE_URI is empty: articles are not archived")
        batch_size = settings.getint("ARCHIVE_BATCH_SIZE", 100)
        flush_interval = settings.getfloat("ARCHIVE_FLUSH_INTERVAL", 1.0)
        if batch_size < 1 or flush_interval <= 0:
            raise ValueError("ARCHIVE_BATCH_SIZE must be ≥ 1 and ARCHIVE_FLUSH_INTERVAL > 0")
        threshold = settings.getfloat("NEWSARCHIVE_NEAR_DUPLICATE_THRESHOLD", THRESHOLD)
        if not 0 < threshold <= 1:
            raise ValueError(
                f"NEWSARCHIVE_NEAR_DUPLICATE_THRESHOLD must be in (0, 1], not {threshold}"
            )
        return cls(crawler, uri, batch_size, flush_interval, threshold)

    def open_spider(self) -> None:
        self.store = open_store(self.uri, near_duplicate_threshold=self.near_duplicate_threshold)
        logger.info(
            "Archiving into %s (%d records already)", redacted(self.uri), self.store.count()
        )

    async def close_spider(self) -> None:
        await self._flush()
        if self._flushes:
            await asyncio.gather(*self._flushes)
        if self.store is not None:
            self.store.close()
            self.store = None

    async def process_item(self, item: Any) -> Any:
        if not isinstance(item, ArticleItem) or self.store is None:
            return item
        saved: asyncio.Future[SaveOutcome | StoreError] = (
            asyncio.get_running_loop().create_future()
        )
        self._pending.append((item, saved))
        if len(self._pending) >= self.batch_size:
            self._flush_soon()
        elif self._timer is None:
            self._timer = asyncio.get_running_loop().call_later(
                self.flush_interval, self._flush_soon
            )
        outcome = await saved
        self._count(item, outcome)
        return item

    def _flush_soon(self) -> None:
        task = asyncio.ensure_future(self._flush())
        self._flushes.add(task)
        task.add_done_callback(self._flushes.discard)

    async def _flush(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        batch, self._pending = self._pending, []
        if not batch:
            return
        assert self.store is not None
        store = self.store
        async with self._writing:
            try:
                outcomes = await asyncio.to_thread(store.save_many, [item for item, _ in batch])
            except StoreError as exc:
                outcomes = [exc] * len(batch)
        for (_, saved), outcome in zip(batch, outcomes, strict=True):
            saved.set_result(outcome)

    def _count(self, item: ArticleItem, outcome: SaveOutcome | StoreError) -> None:
        stats = self.crawler.stats
        assert stats is not None
        if isinstance(outcome, StoreError):
            stats.inc_value("newsarchive/archive/error")
            logger.error("Could not archive %s: %s", item.url, outcome)
            return
        stats.inc_value(f"newsarchive/archive/{outcome.status}")
        if outcome.match:
            stats.inc_value(f"newsarchive/dedup/{outcome.match}_duplicate")
        ItemAdapter(item)["id"] = outcome.article_id
