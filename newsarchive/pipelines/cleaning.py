"""Count what cleaning removed, and remove the lines each site injects into many articles."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from newsarchive.cleaning import BoilerplateModel
from newsarchive.items import ArticleItem
from newsarchive.store import open_store, store_call

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler

    from newsarchive.store import ArchiveStore


class CleaningPipeline:
    """Record cleaning counts in stats and strip per-site boilerplate learned from the archive.

    Extraction workers already repaired markup and scrubbed link artifacts, Unicode
    and case (``newsarchive.processing``); what needs the archive happens here: a
    line or sentence that recurs across at least ``NEWSARCHIVE_BOILERPLATE_MIN_ARTICLES``
    articles of a site (and ``NEWSARCHIVE_BOILERPLATE_MIN_SHARE`` of them) is removed,
    and every article not archived before is counted into the site's model.
    """

    def __init__(self, crawler: Crawler, uri: str | None, min_articles: int, min_share: float):
        self.crawler = crawler
        self.uri = uri
        self.model = BoilerplateModel(min_articles=min_articles, min_share=min_share)
        self.store: ArchiveStore | None = None
        self.loaded: set[str] = set()
        # Items wait for their site's model while it is read from the archive.
        self.loading: defaultdict[str, asyncio.Lock] = defaultdict(asyncio.Lock)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        return cls(
            crawler,
            settings.get("ARCHIVE_URI"),
            settings.getint("NEWSARCHIVE_BOILERPLATE_MIN_ARTICLES", 3),
            settings.getfloat("NEWSARCHIVE_BOILERPLATE_MIN_SHARE", 0.05),
        )

    def open_spider(self) -> None:
        if self.uri:
            self.store = open_store(self.uri)

    def close_spider(self) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None

    async def process_item(self, item: Any) -> Any:
        if not isinstance(item, ArticleItem) or not item.text:
            return item
        if self.store is not None and item.domain:
            await self._strip_boilerplate(item, self.store, item.domain)
        stats = self.crawler.stats
        assert stats is not None
        for kind, count in item.removed.items():
            if count:
                stats.inc_value(f"newsarchive/cleaning/{kind}", count)
        return item

    async def _strip_boilerplate(
        self, item: ArticleItem, store: ArchiveStore, domain: str
    ) -> None:
        async with self.loading[domain]:
            if domain not in self.loaded:
                articles, rows = await store_call(
                    store, store.boilerplate_counts, domain, min_articles=self.model.min_articles
                )
                self.model.load_rows(domain, articles, rows)
                self.loaded.add(domain)
        text = item.text or ""
        stripped, lines = self.model.strip(domain, text)
        if lines:
            item.text = stripped
            item.removed["boilerplate_lines"] = item.removed.get("boilerplate_lines", 0) + lines
            # The text changed: its hash and fingerprint are computed again downstream.
            item.content_hash = item.fingerprint = None
        if item.url and await store_call(store, store.sightings, item.url) is None:
            # Learn from articles not archived before; the archive counts them for
            # good when it saves them as new records.
            self.model.add_counts(domain, item.boilerplate_units)
