"""The one-line crawl summary is read from the crawl's stats."""

from __future__ import annotations

from newsarchive.extensions.summary import crawl_summary


def test_summary_counts_archive_outcomes_skips_and_errors_once():
    stats = {
        "downloader/response_count": 42,
        "newsarchive/archive/new": 30,
        "newsarchive/archive/duplicate": 2,
        "newsarchive/archive/error": 1,
        "newsarchive/skip/not_article": 8,
        "newsarchive/skip/not_html": 1,
        "robotstxt/forbidden": 3,
        # One spider exception is one ERROR line and one spider_exceptions count;
        # one lost record is one ERROR line; one timeout is one fetch_failed warning.
        "log_count/ERROR": 2,
        "spider_exceptions/count": 1,
        "downloader/exception_count": 4,
        "downloader/exception_type_count/scrapy.exceptions.IgnoreRequest": 3,
        "newsarchive/fetch_failed": 1,
    }
    assert crawl_summary(stats) == (
        "42 pages fetched, 32 articles archived (2 duplicate, 30 new), "
        "12 pages skipped (not_article: 8, not_html: 1, robots_txt: 3), 3 errors"
    )


def test_summary_of_an_empty_crawl():
    assert crawl_summary({}) == (
        "0 pages fetched, 0 articles archived (none), 0 pages skipped (none), 0 errors"
    )
