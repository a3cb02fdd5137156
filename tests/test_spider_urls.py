"""`scrapy crawl urls`: exactly the given URLs, from the command line or a file."""

from __future__ import annotations

from urllib.parse import urlsplit

from newsarchive.sample_site import article_paths, sample_articles
from newsarchive.sample_site.server import serve_site
from tests.hostile.pages import article_html
from tests.hostile.server import Answer, hostile_server
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


def test_meta_refresh_redirects_are_followed_in_any_encoding(tmp_path):
    first, second = sample_articles()[:2]
    refresh = (
        '<html><head><meta http-equiv="Refresh" content="0; url={}"></head><body></body></html>'
    )
    pages = {
        "/story/": ("utf-8", article_html(first.title, first.paragraphs)),
        "/other-story/": ("utf-8", article_html(second.title, second.paragraphs)),
        "/moved/": ("utf-8", refresh.format("/story/")),
        # UTF-16 writes "refresh" in other bytes: the page is decoded to be read.
        "/moved-utf16/": ("utf-16", refresh.format("/other-story/")),
    }

    def respond(path: str) -> Answer:
        if path not in pages:
            return Answer(404)
        charset, page = pages[path]
        return Answer(
            headers={"Content-Type": f"text/html; charset={charset}"}, body=page.encode(charset)
        )

    with hostile_server(respond) as (base, hits):
        result = run_crawl("urls", tmp_path, args={"urls": f"{base}/moved/,{base}/moved-utf16/"})
    assert result.returncode == 0, result.log[-3000:]
    assert sorted(urlsplit(a.url).path for a in result.articles) == ["/other-story/", "/story/"]
    assert {hit.path for hit in hits} >= {"/moved/", "/moved-utf16/", "/story/", "/other-story/"}
