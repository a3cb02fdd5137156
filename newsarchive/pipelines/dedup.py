"""Give each article its canonical URLs and duplicate fingerprints before it is saved."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from newsarchive.dedup import canonical_url, digest_text
from newsarchive.items import ArticleItem

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler


class DedupPipeline:
    """Canonicalise URLs (tracking parameters, AMP/print variants) and fingerprint the text.

    Extraction workers already fingerprint what they extract; this fills in what
    an item from elsewhere lacks. The archive then joins copies to one record
    inside its write transaction, where races between processes cannot split them.
    """

    def __init__(self, crawler: Crawler, tracking_params: list[str]):
        self.crawler = crawler
        self.tracking_params = tracking_params

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler, crawler.settings.getlist("NEWSARCHIVE_TRACKING_PARAMS"))

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, ArticleItem):
            return item
        urls = [item.url, *item.urls]
        canonical = [
            canonical_url(u, extra_tracking_params=self.tracking_params) for u in urls if u
        ]
        item.urls = list(dict.fromkeys(canonical))
        item.url = item.urls[0] if item.urls else None
        if item.text and (item.content_hash is None or item.fingerprint is None):
            digest = digest_text(item.text)
            item.content_hash = digest.content_hash
            item.fingerprint = digest.fingerprint.to_bytes() if digest.fingerprint else None
        return item
