"""Scheduled runs fetch only what is new: conditional listings, dated entries, newest first.

A local news site built from the sample site's templates (120 articles, a feed, a
sitemap, a front page, section pages) is crawled by real ``scrapy crawl`` runs; it
changes between runs the way a news site does.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

from newsarchive.discovery.incremental import (
    ListedEntry,
    entry_moment,
    freshness_priority,
    older_than_watermark,
)
from newsarchive.sample_site import SampleArticle
from newsarchive.sample_site.articles import AUTHORS, SECTIONS
from newsarchive.sample_site.build import (
    render_article,
    render_listing,
    render_static,
)
from newsarchive.sample_site.discovery_files import rss_feed, sitemap_articles
from newsarchive.sample_site.pages import STATIC_PAGES
from newsarchive.sample_site.server import serve_site
from newsarchive.store import open_store
from tests.test_crash_safety import archive_state
from tests.test_sources_crawl import article_text, runs_json
from tests.utils import FAST_SETTINGS, REPO_ROOT, sqlite_uri
from tests.utils import run_crawl as run_any_crawl

ARTICLES = 120
# One extraction worker: these sites are small, and the machines running tests are shared.
WORKERS = {"EXTRACT_WORKERS": "1"}
GALLERIES = 3
SECTION_AUTHORS = {
    "politics": ("jane-doe", "tom-okafor"),
    "business": ("maya-lindqvist", "samuel-adeyemi"),
    "sport": ("rhys-pembroke", "owen-marsh"),
    "culture": ("aisha-karim", "freya-holm"),
    "science": ("priya-nair", "daniel-ferreira"),
}


def make_article(n: int, published: datetime) -> SampleArticle:
    """Article ``n`` of the test site, in the sample site's shape, with its own text."""
    section = list(SECTIONS)[n % len(SECTIONS)]
    slug = f"story-{n}"
    author = SECTION_AUTHORS[section][n % 2]
    paragraphs = tuple(article_text(f"incremental-{n}"))
    return SampleArticle(
        path=f"{published:/%Y/%m/%d/}{slug}/",
        slug=slug,
        title=f"Harbour story number {n} in {SECTIONS[section]}",
        summary=f"What happened in story {n}.",
        section=section,
        authors=(AUTHORS[author][0],),
        author_slugs=(author,),
        byline=AUTHORS[author][0],
        published=published,
        modified=published,
        language="en",
        locale="en-GB",
        tags=(),
        paragraphs=paragraphs,
        subheadings=(),
        blocks=paragraphs,
        private=False,
    )


class NewsSite:
    """The test site in a directory: articles newest first, written as the sample site's pages.

    Ages are 2.5 h + 5 h steps: no article passes a revisit age (1 h, 1 d, 7 d) while
    the tests run, so only what the site changes is worth fetching again.
    """

    def __init__(self, root: Path, count: int = ARTICLES, *, shuffle_sitemap: bool = False):
        self.root = root
        self.now = datetime.now(UTC).replace(microsecond=0)
        self.articles = [
            make_article(n, self.now - timedelta(hours=2.5 + 5 * n)) for n in range(count)
        ]
        self.shuffle_sitemap = shuffle_sitemap
        self.galleries = [f"/gallery/{n}/" for n in range(GALLERIES)]
        self.write_all()

    def write(self, path: str, text: str) -> None:
        target = self.root / path.strip("/") / "index.html" if path.endswith("/") else None
        target = target or self.root / path.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")

    def write_all(self) -> None:
        for index, article in enumerate(self.articles):
            self.write(article.path, render_article(article, index, self.articles))
        for slug in STATIC_PAGES:
            self.write(f"/{slug}/", render_static(slug, self.articles))
        self.write("/events/", render_listing(path="/events/", heading="Events", intro="What's on.",
                                              articles=[], public=self.articles))  # fmt: skip
        for slug, (name, _) in AUTHORS.items():
            stories = [a for a in self.articles if slug in a.author_slugs]
            self.write(f"/author/{slug}/", render_listing(path=f"/author/{slug}/", heading=name,
                       intro=f"Stories by {name}.", articles=stories, public=self.articles))  # fmt: skip
        for path in self.galleries:
            # Dated in the sitemap, but not articles: a crawl reads them and leaves them out.
            self.write(path, render_listing(path=path, heading="Photo gallery", intro="Pictures.",
                                            articles=self.articles[:3], public=self.articles))  # fmt: skip
        self.write_listings()

    def write_listings(self) -> None:
        """Front page, section pages, feed, sitemap and robots.txt, from the current articles."""
        public = self.articles
        self.write("/", render_listing(path="/", heading="Latest news", intro="News.",
                                       articles=public[:10], public=public))  # fmt: skip
        for section, name in SECTIONS.items():
            stories = [a for a in public if a.section == section]
            self.write(f"/{section}/", render_listing(path=f"/{section}/", heading=name,
                       intro=f"{name} news.", articles=stories, public=public))  # fmt: skip
        self.write("/feed.xml", rss_feed(public))
        listed = list(public)
        if self.shuffle_sitemap:
            random.Random(7).shuffle(listed)
        urlset = sitemap_articles(listed)
        gallery_day = (self.now - timedelta(days=10)).isoformat()
        galleries = "".join(
            f"<url><loc>{{{{BASE_URL}}}}{path}</loc><lastmod>{gallery_day}</lastmod></url>\n"
            for path in self.galleries
        )
        self.write("/sitemap.xml", urlset.replace("</urlset>", galleries + "</urlset>"))
        self.write("/robots.txt", "User-agent: *\nAllow: /\nSitemap: {{BASE_URL}}/sitemap.xml\n")

    def publish(self, count: int) -> list[SampleArticle]:
        """``count`` new articles, published in the last 45 minutes (no revisit age passes)."""
        now = datetime.now(UTC).replace(microsecond=0)
        first = len(self.articles)
        new = [make_article(first + k, now - timedelta(minutes=2 + 1.5 * k)) for k in range(count)]
        self.articles = new + self.articles
        for article in new:
            self.write(article.path, render_article(article, 0, self.articles))
        return new

    def edit(self, picks: list[int]) -> list[SampleArticle]:
        """Rewrite the first paragraph of the articles at ``picks``, modified now."""
        now = datetime.now(UTC).replace(microsecond=0)
        edited = []
        for index in picks:
            old = self.articles[index]
            paragraphs = (f"Correction: {' '.join(article_text(old.slug + 'fix', 1))}",
                          *old.paragraphs[1:])  # fmt: skip
            new = replace(old, modified=now, paragraphs=paragraphs, blocks=paragraphs)
            self.articles[index] = new
            self.write(new.path, render_article(new, index, self.articles))
            edited.append(new)
        return edited


def sources_file(tmp_path: Path, base_url: str, name: str = "sources.toml", **extra: str) -> Path:
    path = tmp_path / name
    lines = [
        "[[source]]",
        'name = "harbour"',
        f'feeds = ["{base_url}/feed.xml"]',
        f'sitemaps = ["{base_url}/robots.txt"]',
        f'start_urls = ["{base_url}/"]',
        "max_depth = 2",
        *(f"{key} = {value}" for key, value in extra.items()),
    ]
    path.write_text("\n".join(lines) + "\n")
    return path


def article_requests(log: list[tuple[str, str]], site: NewsSite) -> list[str]:
    paths = {a.path for a in site.articles}
    return [urlsplit(target).path for _, target in log if urlsplit(target).path in paths]


def revised_ids(archive_uri: str) -> set[str]:
    store = open_store(archive_uri)
    try:
        return {a.id for a in store.iter_articles() if list(store.iter_revisions(a.id or ""))}
    finally:
        store.close()


def run_crawl(spider: str, tmp_path: Path, **kwargs):
    """``tests.utils.run_crawl`` with one extraction worker."""
    settings = {**WORKERS, **kwargs.pop("settings", {})}
    return run_any_crawl(spider, tmp_path, settings=settings, **kwargs)


# -- what an entry's dates decide -----------------------------------------------------


def test_newer_entries_get_higher_priorities_and_undated_ones_none():
    now = datetime(2026, 11, 26, 12, tzinfo=UTC)
    ages = [timedelta(minutes=1), timedelta(hours=2), timedelta(days=1), timedelta(days=400)]
    priorities = [freshness_priority(now - age, now) for age in ages]
    assert priorities == sorted(priorities, reverse=True)
    assert len(set(priorities)) == len(priorities)
    assert freshness_priority(None, now) == 0
    assert freshness_priority(now + timedelta(days=3), now) == 1000  # a future date
    assert freshness_priority(datetime(1990, 1, 1, tzinfo=UTC), now) >= 1


def test_an_entry_is_old_only_when_dated_before_the_watermark_by_more_than_the_margin():
    watermark = datetime(2026, 11, 26, 12, tzinfo=UTC)
    margin = timedelta(days=1)
    entry = ListedEntry(modified="2026-11-24T10:00:00+01:00", published="2026-11-20")
    assert entry.latest == datetime(2026, 11, 24, 9, tzinfo=UTC)
    assert older_than_watermark(entry.latest, watermark, margin)
    assert not older_than_watermark(entry.latest, watermark, timedelta(days=3))
    assert not older_than_watermark(entry.latest, None, margin)  # no clean run yet
    assert not older_than_watermark(None, watermark, margin)  # undated
    assert not older_than_watermark(entry.latest, watermark, None)  # switched off
    # A calendar date may mean any time that day: it counts from its end.
    assert entry_moment("2026-11-25") == datetime(2026, 11, 25, 23, 59, 59, 999999, tzinfo=UTC)


# -- the evidence: three scheduled runs -----------------------------------------------


def test_scheduled_runs_fetch_only_what_changed(tmp_path):
    site = NewsSite(tmp_path / "site")
    archive = tmp_path / "archive.sqlite3"
    with serve_site(site.root) as server:
        sources = sources_file(tmp_path, server.base_url)
        args = {"sources": str(sources)}
        first = run_crawl("sources", tmp_path, args=args, archive=archive)
        first_log = server.request_log
        server.reset_requests()

        second = run_crawl("sources", tmp_path, args=args, archive=archive)
        second_log = server.request_log
        server.reset_requests()

        new = site.publish(10)
        edited = site.edit([30, 45, 60, 75, 90])
        site.write_listings()
        third = run_crawl("sources", tmp_path, args=args, archive=archive)
        third_log = server.request_log
    for run in (first, second, third):
        assert run.returncode == 0, run.log[-3000:]
        assert "Traceback" not in run.log

    # Run 1 archives the whole site.
    assert len(first.articles) == ARTICLES
    assert sorted(article_requests(first_log, site)) == sorted(a.path for a in site.articles[10:])
    requests_1 = first.stat("downloader/request_count")
    assert requests_1 == len(first_log) >= ARTICLES + 10

    # Run 2, nothing changed: robots.txt (twice: Scrapy's and the sources' sitemap
    # entry), then the feed, the sitemap and the front page answer 304.
    requests_2 = second.stat("downloader/request_count")
    assert requests_2 == len(second_log) <= 0.05 * requests_1
    assert sorted(target for _, target in second_log) == sorted(
        ["/robots.txt", "/robots.txt", "/feed.xml", "/sitemap.xml", "/"]
    )
    assert second.stat("newsarchive/conditional/not_modified") == 3
    assert second.stat("newsarchive/archive/new") == 0
    assert [a.id for a in second.articles] == [a.id for a in first.articles]
    assert "Incremental run: 3 listings not modified (304)" in second.log

    # Run 3: 10 new articles, 5 edited: exactly those are fetched among the articles.
    assert sorted(article_requests(third_log, site)) == sorted(a.path for a in new + edited)
    assert not any(urlsplit(t).path.startswith("/gallery/") for _, t in third_log)
    requests_3 = third.stat("downloader/request_count")
    assert requests_3 == len(third_log)
    assert third.stat("newsarchive/archive/new") == 10
    assert third.stat("newsarchive/archive/revised") == 5
    assert third.stat("newsarchive/incremental/changed") == 5
    # Old sitemap entries that the site crawl did not reach first: archived and not
    # modified since, and the galleries (not articles), dated before the last clean run.
    assert third.stat("newsarchive/incremental/skipped_old") >= GALLERIES
    assert len(third.articles) == ARTICLES + 10
    before = {a.url for a in first.articles}
    added = {urlsplit(a.url).path for a in third.articles if a.url not in before}
    assert added == {a.path for a in new}
    by_path = {urlsplit(a.url).path: a for a in third.articles}
    assert {by_path[a.path].id for a in edited} == revised_ids(third.archive_uri)
    unchanged = {a.id: a for a in first.articles}
    for record in third.articles:
        if record.id in unchanged and record.id not in {by_path[a.path].id for a in edited}:
            assert record.text == unchanged[record.id].text
            assert record.content_hash == unchanged[record.id].content_hash

    check_run_report(third.archive_uri, [requests_1, requests_2, requests_3])


def check_run_report(archive_uri: str, requests: list[int]) -> None:
    """``scrapy runs --json`` shows the three runs of the scheduled-runs test, per source."""
    runs = runs_json(archive_uri)
    assert [run["finish_reason"] for run in runs] == ["finished"] * 3
    latest, middle, oldest = (run["sources"]["harbour"] for run in runs)
    assert (oldest["requests"], oldest["new"], oldest["errors"]) == (requests[0], ARTICLES, 0)
    assert (middle["requests"], middle["not_modified"], middle["new"]) == (requests[1], 3, 0)
    assert (latest["requests"], latest["new"], latest["revised"], latest["errors"]) == (
        requests[2], 10, 5, 0
    )  # fmt: skip


def test_the_site_and_sitemap_spiders_ask_again_only_for_what_changed(tmp_path):
    site = NewsSite(tmp_path / "site", count=30)
    # The sitemap spider reads an index of a recent sitemap and an old one.
    recent, old = site.articles[:10], site.articles[10:]
    month_ago = site.now - timedelta(days=30)
    old = [replace(a, modified=month_ago - timedelta(hours=n)) for n, a in enumerate(old)]
    site.write("/sitemap-recent.xml", sitemap_articles(recent))
    site.write("/sitemap-old.xml", sitemap_articles(old))
    site.write("/sitemap_index.xml", f"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>{{{{BASE_URL}}}}/sitemap-old.xml</loc><lastmod>{month_ago.isoformat()}</lastmod></sitemap>
<sitemap><loc>{{{{BASE_URL}}}}/sitemap-recent.xml</loc><lastmod>{site.now.isoformat()}</lastmod></sitemap>
</sitemapindex>
""")  # fmt: skip
    with serve_site(site.root) as server:
        crawls = {
            "site": {"urls": server.url("/"), "max_depth": "2"},
            "sitemap": {"urls": server.url("/sitemap_index.xml")},
        }
        runs: dict[str, list] = {name: [] for name in crawls}
        asked: dict[str, list] = {name: [] for name in crawls}
        for name, args in crawls.items():
            archive = tmp_path / f"{name}.sqlite3"
            for _ in range(2):
                server.reset_requests()
                runs[name].append(run_crawl(name, tmp_path, args=args, archive=archive))
                asked[name].append(sorted(target for _, target in server.request_log))
    for name in crawls:
        first, second = runs[name]
        assert first.returncode == second.returncode == 0
        assert len(first.articles) == 30
        assert second.stat("newsarchive/archive/new") == 0
        assert second.stat("newsarchive/conditional/not_modified") == 1
    # The site crawl: its front page answers 304, so nothing under it is asked for.
    assert asked["site"][1] == ["/", "/robots.txt"]
    # The sitemap spider reads the index again (a 304 would hide its sitemaps' changes);
    # the recent sitemap answers 304, and the old one, older than the last clean run,
    # is not asked for at all.
    assert asked["sitemap"][1] == ["/robots.txt", "/sitemap-recent.xml", "/sitemap_index.xml"]
    assert runs["sitemap"][1].stat("newsarchive/incremental/skipped_old") == 1


def test_a_run_cut_short_has_fetched_the_newest_articles(tmp_path):
    site = NewsSite(tmp_path / "site", count=60, shuffle_sitemap=True)
    with serve_site(site.root) as server:
        result = run_crawl(
            "sitemap",
            tmp_path,
            args={"urls": server.url("/sitemap.xml")},
            settings={
                "CLOSESPIDER_ITEMCOUNT": "5",
                "CONCURRENT_REQUESTS": "1",
                "DOWNLOAD_DELAY": "0.05",
            },
        )
        asked = article_requests(server.request_log, site)
    assert result.returncode == 0, result.log[-3000:]
    newest = [a.path for a in site.articles]
    # The sitemap lists them shuffled; they are asked for newest first, and the run
    # stopped by its budget has archived the newest.
    assert len(result.articles) >= 5
    assert len(asked) < len(newest)
    assert asked == newest[: len(asked)]
    assert {urlsplit(a.url).path for a in result.articles} <= set(asked)
    # The run did not finish: the sitemap is read again next time.
    assert (
        "validators of 1 listings not kept: the run ended with reason 'closespider_itemcount'"
        in result.log
    )


def test_a_listing_whose_articles_failed_is_read_again_next_time(tmp_path):
    site = NewsSite(tmp_path / "site", count=30)
    missing = site.articles[2]
    page = site.root / missing.path.strip("/") / "index.html"
    page.rename(page.with_suffix(".bak"))  # 404 for one article of the feed
    archive = tmp_path / "archive.sqlite3"
    with serve_site(site.root) as server:
        sources = tmp_path / "sources.toml"
        sources.write_text(
            f'[[source]]\nname = "harbour"\nfeeds = ["{server.url("/feed.xml")}"]\n'
        )
        args = {"sources": str(sources)}
        first = run_crawl("sources", tmp_path, args=args, archive=archive)
        page.with_suffix(".bak").rename(page)
        server.reset_requests()
        second = run_crawl("sources", tmp_path, args=args, archive=archive)
        asked = article_requests(server.request_log, site)
    assert first.returncode == second.returncode == 0
    assert "validators of 0 listings kept, of 1 not kept (errors in their source)" in first.log
    # The feed was not answered 304: it was read again, and the article fetched.
    assert second.stat("newsarchive/conditional/not_modified") == 0
    assert second.stat("newsarchive/feeds/parsed") == 1
    assert asked == [missing.path]
    assert [urlsplit(a.url).path for a in second.articles].count(missing.path) == 1


# -- SIGKILL, then a scheduled run ----------------------------------------------------


def crawl_command(sources: Path, archive: Path) -> list[str]:
    command = [sys.executable, "-m", "scrapy", "crawl", "sources", "-a", f"sources={sources}"]
    settings = {**FAST_SETTINGS, **WORKERS, "ARCHIVE_URI": sqlite_uri(archive)}
    settings["ARCHIVE_BATCH_SIZE"] = "1"  # each record committed as it comes
    for name, value in settings.items():
        command += ["-s", f"{name}={value}"]
    return command


def archived_count(archive: Path) -> int:
    try:
        with sqlite3.connect(archive, timeout=5) as db:
            return db.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return 0  # not created yet


def test_a_run_killed_mid_crawl_loses_nothing_for_the_next_one(tmp_path):
    site = NewsSite(tmp_path / "site", count=40)
    killed_archive = tmp_path / "killed.sqlite3"
    clean_archive = tmp_path / "clean.sqlite3"
    with serve_site(site.root) as server:
        sources = sources_file(tmp_path, server.base_url)
        # The killed run crawls politely: slow enough to be killed half-way.
        polite = sources_file(tmp_path, server.base_url, "polite.toml", download_delay="0.2",
                              concurrency="1")  # fmt: skip
        first = run_crawl("sources", tmp_path, args={"sources": str(sources)},
                          archive=killed_archive)  # fmt: skip
        assert first.returncode == 0 and len(first.articles) == 40
        site.publish(30)
        site.write_listings()
        crawl = subprocess.Popen(
            crawl_command(polite, killed_archive),
            cwd=REPO_ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while archived_count(killed_archive) < 45 and time.monotonic() < deadline:
            time.sleep(0.05)
        # The whole process group, extraction workers included: a power cut.
        os.killpg(crawl.pid, signal.SIGKILL)
        crawl.wait()
        after_kill = archived_count(killed_archive)
        server.reset_requests()
        resumed = run_crawl("sources", tmp_path, args={"sources": str(sources)},
                            archive=killed_archive)  # fmt: skip
        resumed_log = server.request_log
        clean = run_crawl("sources", tmp_path, args={"sources": str(sources)},
                          archive=clean_archive)  # fmt: skip
    assert 45 <= after_kill < 70, "the run was not killed half-way"
    assert resumed.returncode == clean.returncode == 0
    # The killed run kept no validators: the next one reads the feed and sitemap again
    # (200, not 304) and fetches every article the killed run had not archived.
    assert (
        resumed.stat("newsarchive/feeds/parsed")
        == resumed.stat("newsarchive/sitemaps/parsed")
        == 1
    )
    assert resumed.stat("newsarchive/archive/new") == 70 - after_kill
    assert len(article_requests(resumed_log, site)) == 70 - after_kill
    killed_urls, incomplete = archive_state(killed_archive)
    clean_urls, _ = archive_state(clean_archive)
    assert incomplete == []
    assert len(killed_urls) == len(set(killed_urls)) == 70
    assert [urlsplit(u).path for u in killed_urls] == [urlsplit(u).path for u in clean_urls]
    runs = runs_json(resumed.archive_uri)
    assert [run["finish_reason"] for run in runs] == ["finished", None, "finished"]
