"""`scrapy crawl feeds`: RSS, Atom and JSON Feed, with entry metadata filling gaps."""

from __future__ import annotations

import textwrap
from urllib.parse import urlsplit

import pytest

from newsarchive.discovery import parse_feed
from newsarchive.sample_site import PRIVATE_PREFIX, SAMPLE_SITE_DIR, article_by_path
from newsarchive.sample_site.server import render_file, serve_site
from tests.utils import run_crawl


def feed_article_paths(feed: str, base_url: str) -> list[str]:
    """The public article paths a feed of the sample site lists."""
    body = render_file(SAMPLE_SITE_DIR / feed.lstrip("/"), base_url)
    paths = [urlsplit(e.url).path for e in parse_feed(body, base_url + feed)]
    return [p for p in paths if not p.startswith(PRIVATE_PREFIX)]


@pytest.mark.parametrize("feed", ["/feed.xml", "/atom.xml", "/feed.json"])
def test_archives_the_articles_each_feed_lists(tmp_path, feed):
    with serve_site() as site:
        result = run_crawl("feeds", tmp_path, args={"urls": site.url(feed)})
        expected = feed_article_paths(feed, site.base_url)
        requested = site.requests
    assert result.returncode == 0, result.log[-3000:]
    assert len(expected) >= 10
    assert sorted(urlsplit(a.url).path for a in result.articles) == sorted(expected)
    # The feed lists an article under a path robots.txt disallows: never fetched.
    assert not any(path.startswith(PRIVATE_PREFIX) for path in requested)
    for article in result.articles:
        truth = article_by_path(urlsplit(article.url).path)
        assert article.title == truth.title
        assert article.published == truth.published.isoformat()


def test_several_feeds_in_one_run_fetch_each_article_once(tmp_path):
    with serve_site() as site:
        urls = ",".join(site.url(f) for f in ["/feed.xml", "/atom.xml", "/feed.json"])
        result = run_crawl("feeds", tmp_path, args={"urls": urls})
        requested = site.requests
    assert result.returncode == 0
    article_hits = [n for path, n in requested.items() if path.startswith("/2026/")]
    assert article_hits and max(article_hits) == 1
    assert result.stat("newsarchive/feeds/parsed") == 3


ARTICLE_WITHOUT_METADATA = """\
<!doctype html>
<html><head><title>Pier repairs finished ahead of schedule</title></head>
<body><main><article>
<h1>Pier repairs finished ahead of schedule</h1>
{paragraphs}
</article></main></body></html>
"""

FEED_WITH_METADATA = """\
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Pier News</title><link>{{{{BASE_URL}}}}/</link><language>en-gb</language>
<item>
  <title>Pier repairs finished ahead of schedule</title>
  <link>{{{{BASE_URL}}}}/2026/11/20/pier-repairs-finished/</link>
  <dc:creator>Amara Lindgren</dc:creator>
  <pubDate>Fri, 20 Nov 2026 09:15:00 +0100</pubDate>
  <category>Harbour</category>
  <description>The north pier reopens a month early.</description>
</item>
</channel></rss>
"""


def test_feed_metadata_fills_what_the_page_lacks(tmp_path):
    root = tmp_path / "site"
    page_dir = root / "2026" / "11" / "20" / "pier-repairs-finished"
    page_dir.mkdir(parents=True)
    sentences = " ".join(
        f"Engineers replaced decking section {n} of the north pier and tested its supports."
        for n in range(12)
    )
    paragraphs = "\n".join(f"<p>{sentences}</p>" for _ in range(4))
    (page_dir / "index.html").write_text(ARTICLE_WITHOUT_METADATA.format(paragraphs=paragraphs))
    (root / "feed.xml").write_text(textwrap.dedent(FEED_WITH_METADATA).format())
    with serve_site(root) as site:
        result = run_crawl("feeds", tmp_path, args={"urls": site.url("/feed.xml")})
    assert result.returncode == 0, result.log[-3000:]
    [article] = result.articles
    assert article.authors == ["Amara Lindgren"]
    assert article.published == "2026-11-20T09:15:00+01:00"
    assert article.language == "en"
    assert article.description == "The north pier reopens a month early."


def test_a_broken_feed_is_logged_and_the_crawl_still_succeeds(tmp_path):
    root = tmp_path / "site"
    root.mkdir()
    (root / "feed.xml").write_text("<html><body>Not a feed</body></html>")
    with serve_site(root) as site:
        result = run_crawl("feeds", tmp_path, args={"urls": site.url("/feed.xml")})
    assert result.returncode == 0
    assert result.stat("newsarchive/skip/bad_feed") == 1
    assert f"Skipping feed {site.url('/feed.xml')}" in result.log
