"""`scrapy crawl sitemap`: robots.txt, sitemap index, gzipped and news sitemaps, `since`."""

from __future__ import annotations

import gzip
from datetime import date
from urllib.parse import urlsplit

from newsarchive.sample_site import PRIVATE_PREFIX, article_paths, sample_articles
from newsarchive.sample_site.server import serve_site
from tests.utils import run_crawl


def archived_paths(result) -> list[str]:
    return sorted(urlsplit(a.url).path for a in result.articles)


def test_robots_txt_leads_to_every_article_through_index_and_gzip(tmp_path):
    with serve_site() as site:
        result = run_crawl("sitemap", tmp_path, args={"urls": site.url("/robots.txt")})
        requested = site.requests
    assert result.returncode == 0, result.log[-3000:]
    assert archived_paths(result) == sorted(article_paths())
    assert requested["/sitemap-articles.xml.gz"] == 1
    assert not any(path.startswith(PRIVATE_PREFIX) for path in requested)
    # Section pages listed in the pages sitemap are not articles.
    assert result.stat("newsarchive/skip/not_article") >= 5


def test_news_sitemap_metadata_and_since_filter_before_download(tmp_path):
    since = date(2026, 11, 9)
    with serve_site() as site:
        result = run_crawl(
            "sitemap",
            tmp_path,
            args={"urls": site.url("/news-sitemap.xml"), "since": since.isoformat()},
        )
        requested = site.requests
    assert result.returncode == 0, result.log[-3000:]
    newest = sample_articles(include_private=True)[:12]
    wanted = [a for a in newest if a.published.date() >= since and not a.private]
    too_old = [a for a in newest if a.published.date() < since]
    assert too_old, "the test needs entries on both sides of `since`"
    assert archived_paths(result) == sorted(a.path for a in wanted)
    assert not any(requested[a.path] for a in too_old)
    assert result.stat("newsarchive/skip/older_than_since") == len(too_old)
    by_path = {urlsplit(a.url).path: a for a in result.articles}
    for truth in wanted:
        assert by_path[truth.path].published == truth.published.isoformat()
        assert by_path[truth.path].language == truth.language


def test_sitemap_index_with_gzipped_child(tmp_path):
    with serve_site() as site:
        result = run_crawl("sitemap", tmp_path, args={"urls": site.url("/sitemap_index.xml")})
    assert result.returncode == 0
    assert archived_paths(result) == sorted(article_paths())
    assert result.stat("newsarchive/sitemaps/parsed") == 3


def test_gzip_bomb_sitemap_is_refused_within_the_size_limit(tmp_path):
    root = tmp_path / "site"
    root.mkdir()
    payload = b"<urlset>" + b" " * (64 * 1024 * 1024) + b"</urlset>"
    (root / "bomb.xml.gz").write_bytes(gzip.compress(payload, compresslevel=9))
    with serve_site(root) as site:
        result = run_crawl(
            "sitemap",
            tmp_path,
            args={"urls": site.url("/bomb.xml.gz")},
            settings={"DOWNLOAD_MAXSIZE": str(8 * 1024 * 1024)},
        )
    assert result.returncode == 0
    assert result.stat("newsarchive/skip/sitemap_too_large") == 1
    assert "larger than 8388608 bytes once decompressed" in result.log
