"""HTML → article fields: the pure extraction core (no Scrapy imports)."""

from newsarchive.extraction.page import PageAnalysis, analyse_page, record_id

__all__ = ["PageAnalysis", "analyse_page", "record_id"]
