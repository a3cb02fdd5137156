"""newsarchive: crawl news sites and keep a clean, deduplicated archive of their articles."""

from newsarchive.extraction import extract
from newsarchive.items import ArticleItem

__all__ = ["ArticleItem", "extract"]
__version__ = "0.1.0"
