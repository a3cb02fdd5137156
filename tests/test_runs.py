"""The run report: recorded per run and per source or host, listed by `scrapy runs`."""

from __future__ import annotations

import sqlite3

from newsarchive.sample_site.server import serve_site
from newsarchive.store.sqlite import MIGRATIONS, SQLiteStore
from tests.test_sources_crawl import runs_json, write_news_site
from tests.utils import run_crawl, run_scrapy, sqlite_uri


def test_an_archive_of_the_first_schema_gains_the_run_tables_and_keeps_its_records(tmp_path):
    path = tmp_path / "old.sqlite3"
    db = sqlite3.connect(path)
    db.executescript(MIGRATIONS[0])
    db.execute(
        "INSERT INTO articles (id, url, first_seen, last_seen) VALUES ('a1', 'https://x.example/a', 't', 't')"
    )
    db.execute("PRAGMA user_version=1")
    db.commit()
    db.close()
    store = SQLiteStore(sqlite_uri(path))
    try:
        assert store.count() == 1
        assert store.recent_runs() == []
        assert store._db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    finally:
        store.close()


def test_each_run_reports_requests_304s_new_revised_and_errors_per_host(tmp_path):
    root = tmp_path / "site"
    paths = write_news_site(root, "Report", 3, extra_feed_paths=("/news/gone/",))
    # Scrapy's own RFC 2616 HTTP cache revalidates what it holds: the unchanged
    # feed comes back as a 304.
    cache = {
        "HTTPCACHE_ENABLED": "True",
        "HTTPCACHE_POLICY": "scrapy.extensions.httpcache.RFC2616Policy",
        "HTTPCACHE_DIR": str(tmp_path / "httpcache"),
    }
    with serve_site(root) as site:
        feed = {"urls": site.url("/feed.xml")}
        first = run_crawl("feeds", tmp_path, args=feed, settings=cache)
        second = run_crawl("feeds", tmp_path, args=feed, settings=cache)
        page = root / paths[0].strip("/") / "index.html"
        page.write_text(page.read_text().replace("<p>", "<p>Correction: ", 1))
        third = run_crawl("urls", tmp_path, args={"urls": site.url(paths[0])})
    assert first.returncode == second.returncode == third.returncode == 0
    assert third.stat("newsarchive/archive/revised") == 1
    latest, middle, earliest = runs_json(first.archive_uri)
    assert [r["spider"] for r in (latest, middle, earliest)] == ["urls", "feeds", "feeds"]
    assert {r["finish_reason"] for r in (latest, middle, earliest)} == {"finished"}
    [host] = earliest["sources"]
    assert host == "127.0.0.1"
    # robots.txt, the feed, three articles and one missing page (404: an error).
    assert earliest["sources"][host] == {
        "requests": 6,
        "not_modified": 0,
        "new": 3,
        "revised": 0,
        "duplicates": 0,
        "errors": 1,
    }
    # Nothing new: robots.txt and the feed are not modified, archived articles are
    # not fetched again, the missing page is asked for (and missed) again.
    assert middle["sources"][host]["not_modified"] == 2
    assert middle["sources"][host]["errors"] == 1
    assert middle["sources"][host]["new"] == 0
    assert middle["sources"][host]["requests"] == 3
    assert latest["sources"][host]["revised"] == 1
    assert latest["sources"][host]["new"] == 0

    table = run_scrapy("runs", "-s", f"ARCHIVE_URI={first.archive_uri}")
    assert table.returncode == 0, table.stderr[-2000:]
    heading, *rows = table.stdout.splitlines()
    assert heading.split() == [
        "started", "(UTC)", "spider", "finish", "source", "req", "304", "new", "rev", "dup", "err",
    ]  # fmt: skip
    assert [row.split()[2] for row in rows] == ["urls", "feeds", "feeds"]
    assert rows[2].split()[-6:] == ["6", "0", "3", "0", "0", "1"]
    limited = run_scrapy("runs", "--limit", "1", "-s", f"ARCHIVE_URI={first.archive_uri}")
    assert len(limited.stdout.splitlines()) == 2


def test_an_empty_archive_has_no_runs(tmp_path):
    process = run_scrapy("runs", "-s", f"ARCHIVE_URI={sqlite_uri(tmp_path / 'new.sqlite3')}")
    assert process.returncode == 0
    assert "No runs recorded in" in process.stdout
