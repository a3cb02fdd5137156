"""newsarchive: crawl news sites and keep a clean, deduplicated archive of their articles."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["ArticleItem", "extract"]

if TYPE_CHECKING:
    from newsarchive.items import ArticleItem
    from newsarchive.processing import extract


def __getattr__(name: str) -> Any:
    # Imported on first use so that `scrapy` commands which never extract
    # (export, list) do not pay for loading trafilatura.
    if name == "extract":
        from newsarchive.processing import extract  # noqa: PLC0415

        return extract
    if name == "ArticleItem":
        from newsarchive.items import ArticleItem  # noqa: PLC0415

        return ArticleItem
    raise AttributeError(f"module 'newsarchive' has no attribute {name!r}")
