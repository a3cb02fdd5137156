"""`scrapy crawl site` over the sample news site: articles archived, fronts only followed."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from newsarchive.sample_site import PRIVATE_PREFIX, article_paths, listing_paths
from newsarchive.sample_site.server import serve_site
from newsarchive.spiders.site import SiteSpider
from tests.utils import run_crawl


@pytest.fixture(scope="module")
def site_crawl(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("site")
    with serve_site() as site:
        result = run_crawl("site", tmp_path, args={"urls": site.url("/")})
        requested = site.requests
    return result, requested


def test_archives_every_public_article_and_nothing_else(site_crawl):
    result, _ = site_crawl
    assert result.returncode == 0, result.log[-3000:]
    archived = sorted(urlsplit(a.url).path for a in result.articles)
    assert archived == sorted(article_paths())


def test_fronts_and_listings_are_followed_but_not_archived(site_crawl):
    result, requested = site_crawl
    listings = listing_paths()
    assert all(requested[path] for path in listings)
    assert result.stat("newsarchive/skip/not_article") == len(listings)


def test_robots_txt_is_obeyed(site_crawl):
    result, requested = site_crawl
    assert not any(path.startswith(PRIVATE_PREFIX) for path in requested)
    assert result.stat("robotstxt/forbidden") >= 1


def test_log_ends_with_one_summary_line(site_crawl):
    result, _ = site_crawl
    [summary] = [line for line in result.log.splitlines() if "newsarchive summary" in line]
    assert f"{len(article_paths())} articles archived" in summary
    assert f"not_article: {len(listing_paths())}" in summary


def test_a_clean_crawl_logs_no_warning(site_crawl):
    """Scheduled runs are watched for warnings: a crawl with nothing wrong gives none."""
    result, _ = site_crawl
    assert [line for line in result.log.splitlines() if "] WARNING: " in line] == []


def test_no_console_port_is_opened(site_crawl):
    """A scheduled crawl listens on no port: no telnet console, no remote control."""
    result, _ = site_crawl
    assert "Remote control HTTP server listening" not in result.log
    assert "Telnet console listening" not in result.log
    assert "RemoteControl" not in result.log and "TelnetConsole" not in result.log


def test_page_budget_bounds_the_crawl(tmp_path):
    with serve_site() as site:
        result = run_crawl("site", tmp_path, args={"urls": site.url("/"), "max_pages": "6"})
        fetched_pages = [p for p in site.requests if p != "/robots.txt"]
    assert result.returncode == 0
    assert len(fetched_pages) <= 6
    assert result.stat("newsarchive/site/page_budget_reached") == 1


def test_depth_limit_bounds_the_crawl(tmp_path):
    with serve_site() as site:
        result = run_crawl("site", tmp_path, args={"urls": site.url("/about/"), "max_depth": "0"})
        fetched_pages = [p for p in site.requests if p != "/robots.txt"]
    assert result.returncode == 0
    assert fetched_pages == ["/about/"]
    assert result.articles == []


@pytest.mark.parametrize(
    ("url", "followed"),
    [
        ("https://example.com/a", True),
        ("http://sub.example.com/x?y", True),
        ("https://www.example.com", True),
        ("https://user@example.com/a", True),
        ("http://news.other.org:8080/p", True),
        ("https://example.com.evil.net/", False),
        ("https://evil.net/?u=example.com", False),
        ("https://notexample.com/", False),
        ("https://example.com/logo.PNG", False),
        ("https://example.com:443/a/b.pdf?x=1", False),
        ("HTTPS://WWW.EXAMPLE.COM/A", True),
        ("https://News.Other.Org:8080/p", True),
        ("https://example.com@evil.net/", False),
        ("https://evil.net/example.com/", False),
    ],
)
def test_links_followed_stay_on_the_start_sites(url, followed):
    spider = SiteSpider(urls="https://www.example.com/,http://news.other.org:8080/")
    assert spider._on_site(url) is followed
