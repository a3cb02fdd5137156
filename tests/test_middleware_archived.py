"""Archived URLs are not downloaded again unless a revisit is due; URL variants are one URL."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import pytest

from newsarchive.dedup.revisit import parse_duration, parse_schedule, revisit_due
from newsarchive.sample_site import article_paths, sample_articles
from newsarchive.sample_site.server import serve_site
from tests.test_sources_crawl import FRONT, write_article
from tests.utils import run_crawl, scripted_server

T0 = datetime(2026, 11, 1, 8, 0, tzinfo=UTC)
SCHEDULE = parse_schedule(["1h", "1d", "7d"])


@pytest.mark.parametrize(
    ("last_seen", "now", "due"),
    [
        (T0, T0 + timedelta(minutes=30), False),  # no age passed yet
        (T0, T0 + timedelta(hours=2), True),  # passed 1 h since last seen
        (T0 + timedelta(hours=2), T0 + timedelta(hours=3), False),  # 1 h already checked
        (T0 + timedelta(hours=2), T0 + timedelta(days=2), True),  # 1 d passed
        (T0 + timedelta(days=8), T0 + timedelta(days=400), False),  # old: never again
    ],
)
def test_revisit_schedule(last_seen, now, due):
    assert revisit_due(born=T0, last_seen=last_seen, now=now, schedule=SCHEDULE) is due


def test_durations():
    assert [parse_duration(v) for v in ["90s", "15m", "1h", "2d", "1w"]] == [
        timedelta(seconds=90),
        timedelta(minutes=15),
        timedelta(hours=1),
        timedelta(days=2),
        timedelta(weeks=1),
    ]
    with pytest.raises(ValueError, match="is not a duration"):
        parse_duration("soon")


def test_second_run_downloads_no_archived_article(tmp_path):
    with serve_site() as site:
        first = run_crawl("feeds", tmp_path, args={"urls": site.url("/feed.xml")})
        site.reset_requests()
        # The same feed under another URL: the archive has no validators for it, so
        # it is read in full, and its archived articles are skipped one by one.
        second = run_crawl("feeds", tmp_path, args={"urls": site.url("/feed.xml?full=1")})
        requested = site.requests
        site.reset_requests()
        # The feed's own URL is asked for with its validators: 304, nothing else.
        third = run_crawl("feeds", tmp_path, args={"urls": site.url("/feed.xml")})
        requested_third = site.request_log
    assert first.returncode == second.returncode == third.returncode == 0
    assert first.stat("newsarchive/archive/new") >= 10
    assert set(requested) == {"/robots.txt", "/feed.xml"}
    assert second.stat("newsarchive/skip/archived") == first.stat("newsarchive/archive/new")
    assert len(second.articles) == len(first.articles)
    assert sorted(requested_third) == [("GET", "/feed.xml"), ("GET", "/robots.txt")]
    assert third.stat("newsarchive/conditional/not_modified") == 1
    assert third.stat("newsarchive/skip/archived") == 0


def test_a_revisit_that_is_due_fetches_the_article_again(tmp_path):
    newest = sample_articles()[0]
    with serve_site() as site:
        url = site.url(newest.path)
        feed = site.url("/feed.xml")
        run_crawl("urls", tmp_path, args={"urls": url})
        # The article is now archived; a revisit age that falls between this
        # moment and the next run makes it due once, then not again.
        age = datetime.now(UTC) - newest.published + timedelta(seconds=2)
        schedule = {"NEWSARCHIVE_REVISIT": f"{int(age.total_seconds())}s"}
        time.sleep(3)
        site.reset_requests()
        due = run_crawl("feeds", tmp_path, args={"urls": feed}, settings=schedule)
        assert site.requests[newest.path] == 1
        site.reset_requests()
        again = run_crawl("feeds", tmp_path, args={"urls": feed}, settings=schedule)
        assert site.requests[newest.path] == 0
    assert due.stat("newsarchive/revisit/due") == 1
    assert due.stat("newsarchive/archive/unchanged") == 1
    assert again.stat("newsarchive/revisit/due") == 0


def test_url_variants_in_one_run_are_fetched_once(tmp_path):
    path = article_paths()[0]
    root_urls = ["{0}", "{0}?utm_source=rss&utm_medium=feed", "{0}#comments", "{0}?fbclid=abc"]
    with serve_site() as site:
        rss = tmp_path / "site" / "feed.xml"
        rss.parent.mkdir()
        items = "".join(
            f"<item><title>Same story</title><link>{u.format(site.url(path))}</link></item>"
            for u in root_urls
        )
        rss.write_text(f'<?xml version="1.0"?><rss version="2.0"><channel>{items}</channel></rss>')
        with serve_site(rss.parent) as feed_site:
            result = run_crawl("feeds", tmp_path, args={"urls": feed_site.url("/feed.xml")})
        requested = site.request_log
    assert result.returncode == 0, result.log[-3000:]
    assert len([target for _, target in requested if urlsplit(target).path == path]) == 1
    # The feed parser already drops the fragment variant; the archive filter the others.
    assert result.stat("newsarchive/skip/duplicate_url") == 2
    [article] = result.articles
    assert article.urls == [site.url(path)]


def test_a_redirect_to_the_same_canonical_url_is_followed(tmp_path):
    # The feed links the article without its trailing slash; the server redirects.
    path = article_paths()[0]
    with serve_site() as site:
        feed_dir = tmp_path / "feed-site"
        feed_dir.mkdir()
        link = site.url(path.rstrip("/"))
        (feed_dir / "feed.xml").write_text(
            f'<?xml version="1.0"?><rss version="2.0"><channel><item><title>Story</title>'
            f"<link>{link}</link></item></channel></rss>"
        )
        with serve_site(feed_dir) as feeds:
            result = run_crawl("feeds", tmp_path, args={"urls": feeds.url("/feed.xml")})
        requested = [target for _, target in site.request_log]
    assert result.returncode == 0, result.log[-3000:]
    assert requested.count(path) == 1 and requested.count(path.rstrip("/")) == 1
    assert [urlsplit(a.url).path for a in result.articles] == [path]


def test_an_edit_listed_in_a_sitemap_is_fetched_when_a_site_crawl_asked_first(tmp_path):
    """A sitemap entry's lastmod decides even when the URL was already asked for without it."""
    pages = tmp_path / "pages"
    write_article(pages, "Edits", "/story/", "The story", datetime.now(UTC) - timedelta(days=3))
    version = {"text": (pages / "story" / "index.html").read_text(), "lastmod": None}

    def respond(path: str) -> tuple[int, dict[str, str], bytes]:
        html = {"Content-Type": "text/html; charset=utf-8"}
        if path == "/":
            return 200, html, FRONT.format(site="Edits", links='<a href="/story/">S</a>').encode()
        if path == "/story/":
            return 200, html, version["text"].encode()
        if path == "/sitemap.xml":
            time.sleep(3.0)  # the site crawl reaches the story long before the sitemap
            entry = f"<url><loc>{base}/story/</loc><lastmod>{version['lastmod']}</lastmod></url>"
            body = f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entry}</urlset>'
            return 200, {"Content-Type": "application/xml"}, body.encode()
        return 404, {"Content-Type": "text/plain"}, b"not found"

    with scripted_server(respond) as (base, requested):
        run_crawl("urls", tmp_path, args={"urls": f"{base}/story/"})
        time.sleep(1)
        version["text"] = version["text"].replace("<p>", "<p>Corrected: the ferry runs late. ", 1)
        version["lastmod"] = datetime.now(UTC).isoformat(timespec="seconds")
        sources = tmp_path / "sources.toml"
        sources.write_text(
            f'[[source]]\nname = "edits"\nstart_urls = ["{base}/"]\n'
            f'sitemaps = ["{base}/sitemap.xml"]\n'
        )
        requested.clear()
        result = run_crawl("sources", tmp_path, args={"sources": str(sources)})
    assert result.returncode == 0, result.log[-3000:]
    assert requested.count("/story/") == 1
    assert result.stat("newsarchive/skip/archived") == 1  # the site crawl's request
    assert result.stat("newsarchive/incremental/changed") == 1  # the sitemap's
    assert result.stat("newsarchive/archive/revised") == 1
    [article] = result.articles
    assert article.text.startswith("Corrected: the ferry runs late.")
