"""`scrapy crawl urls`: exactly the given URLs, from the command line or a file."""

from __future__ import annotations

from urllib.parse import urlsplit

from newsarchive.sample_site import article_paths
from newsarchive.sample_site.server import serve_site
from tests.utils import run_crawl


def test_archives_exactly_the_given_urls_from_a_file(tmp_path):
    paths = article_paths()[:3]
    with serve_site() as site:
        urls_file = tmp_path / "urls.txt"
        lines = ["# articles to archive", *(site.url(p) for p in paths), "", "  "]
        urls_file.write_text("\n".join(lines))
        result = run_crawl("urls", tmp_path, args={"urls_file": str(urls_file)})
        requested = site.requests
    assert result.returncode == 0, result.log[-3000:]
    assert sorted(urlsplit(a.url).path for a in result.articles) == sorted(paths)
    assert set(requested) == {"/robots.txt", *paths}


def test_non_html_and_bad_urls_are_skipped_with_a_reason(tmp_path):
    with serve_site() as site:
        urls = [site.url(article_paths()[0]), site.url("/images/logo.png"), "ftp://example.com/x"]
        result = run_crawl("urls", tmp_path, args={"urls": ",".join(urls)})
    assert result.returncode == 0
    assert len(result.articles) == 1
    assert result.stat("newsarchive/skip/not_html") == 1
    assert result.stat("newsarchive/skip/bad_start_url") == 1
    assert f"Skipping {site.url('/images/logo.png')}: not an HTML page" in result.log
    assert "Ignoring start URL 'ftp://example.com/x'" in result.log


def test_missing_urls_argument_fails_with_a_clear_message(tmp_path):
    result = run_crawl("urls", tmp_path, allow_traceback=True)
    assert result.returncode != 0
    assert "needs -a urls=URL[,URL…] or -a urls_file=PATH" in result.log


def test_second_run_adds_no_records(tmp_path):
    with serve_site() as site:
        args = {"urls": ",".join(site.url(p) for p in article_paths()[:4])}
        first = run_crawl("urls", tmp_path, args=args)
        second = run_crawl("urls", tmp_path, args=args)
    assert first.stat("newsarchive/archive/new") == 4
    assert second.stat("newsarchive/archive/new") == 0
    assert second.stat("newsarchive/archive/unchanged") == 4
    assert len(second.articles) == 4
