"""A crawl killed with SIGKILL at random moments loses nothing and duplicates nothing."""

from __future__ import annotations

import contextlib
import gzip
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from urllib.parse import urlsplit

import pytest

from newsarchive.sample_site import article_paths
from newsarchive.sample_site.server import serve_site
from tests.utils import FAST_SETTINGS, REPO_ROOT, run_crawl, sqlite_uri, wait_until

PAGES = 240
KILLS = 20


@pytest.fixture(scope="module")
def real_site(corpus_dir, tmp_path_factory):
    """A front page linking a few hundred real news pages of the corpus."""
    root = tmp_path_factory.mktemp("crash") / "site"
    files = sorted((corpus_dir / "scrapinghub" / "html").glob("*.html.gz"))
    files += sorted((corpus_dir / "trafilatura-eval" / "html").glob("*.html.gz"))
    links = []
    for n, path in enumerate(files[:PAGES]):
        page = root / "p" / str(n) / "index.html"
        page.parent.mkdir(parents=True)
        page.write_bytes(gzip.decompress(path.read_bytes()))
        links.append(f'<li><a href="/p/{n}/">Story {n}</a></li>')
    (root / "index.html").write_text(f"<html><body><ul>{''.join(links)}</ul></body></html>")
    return root


def crawl_command(base_url: str, archive) -> list[str]:
    command = [sys.executable, "-m", "scrapy", "crawl", "site"]
    command += ["-a", f"urls={base_url}/", "-a", "max_depth=1", "-a", f"max_pages={PAGES + 1}"]
    for name, value in {**FAST_SETTINGS, "ARCHIVE_URI": sqlite_uri(archive)}.items():
        command += ["-s", f"{name}={value}"]
    return command


def archive_state(archive) -> tuple[list[str], list[tuple]]:
    with sqlite3.connect(archive) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        incomplete = db.execute(
            "SELECT id FROM articles WHERE text IS NULL OR content_hash IS NULL OR id NOT IN"
            " (SELECT article_id FROM article_urls)"
        ).fetchall()
        urls = [row[0] for row in db.execute("SELECT url FROM articles ORDER BY url")]
    db.close()
    return urls, incomplete


def wait_for_article_requests(site, crawl: subprocess.Popen, timeout: float = 60) -> None:
    """Return once ``crawl`` has requested an article page of ``site``, or has ended.

    A run after one that finished the site asks for no article: its front page is
    unchanged (304).
    """
    wait_until(
        lambda: crawl.poll() is not None or any(p.startswith("/p/") for p in site.requests),
        "the crawl asked for no article",
        timeout,
    )


def test_twenty_kills_then_a_finished_run_equal_one_clean_crawl(real_site, tmp_path):
    clean_archive = tmp_path / "clean.sqlite3"
    killed_archive = tmp_path / "killed.sqlite3"
    moments = random.Random(20261126)
    with serve_site(real_site) as site:
        clean = run_crawl("site", tmp_path, archive=clean_archive, args={
            "urls": site.url("/"), "max_depth": "1", "max_pages": str(PAGES + 1)
        })  # fmt: skip
        assert clean.returncode == 0
        for _ in range(KILLS):
            site.reset_requests()
            crawl = subprocess.Popen(
                crawl_command(site.base_url, killed_archive),
                cwd=REPO_ROOT,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
            # Killed at a random moment once it has asked for articles (however long
            # its start took on a busy machine), before it can have finished them all.
            wait_for_article_requests(site, crawl)
            time.sleep(moments.uniform(0.0, 2.5))
            # The whole process group, extraction workers included: a power cut. A run
            # with nothing left to fetch may have ended on its own by then.
            with contextlib.suppress(ProcessLookupError):
                os.killpg(crawl.pid, signal.SIGKILL)
            crawl.wait()
            if killed_archive.exists():
                _, incomplete = archive_state(killed_archive)
                assert incomplete == []
        # Runs that were killed had archived part of the site before the last one.
        assert archive_state(killed_archive)[0]
        finished = run_crawl("site", tmp_path, archive=killed_archive, args={
            "urls": site.url("/"), "max_depth": "1", "max_pages": str(PAGES + 1)
        })  # fmt: skip
    assert finished.returncode == 0
    clean_urls, _ = archive_state(clean_archive)
    killed_urls, incomplete = archive_state(killed_archive)
    assert incomplete == []
    assert len(clean_urls) >= 100  # the articles among the pages (the rest are not articles)
    assert killed_urls == clean_urls
    assert len(set(killed_urls)) == len(killed_urls)
    # The last run fetched no archived article again (a run that got to its end before
    # its kill kept the front page's validators: the last one then stops at a 304).
    assert finished.stat("newsarchive/archive/unchanged") == 0
    assert [urlsplit(u).path for u in killed_urls] == [urlsplit(u).path for u in clean_urls]


def test_two_crawls_writing_one_archive_at_once_lose_nothing(tmp_path):
    """Without the run lock, two spiders may share an archive: writers wait their turn."""
    archive = tmp_path / "shared.sqlite3"
    with serve_site() as site:
        settings = {**FAST_SETTINGS, "ARCHIVE_URI": sqlite_uri(archive)}
        settings.update({"NEWSARCHIVE_LOCK_ENABLED": "False", "ARCHIVE_BATCH_SIZE": "1"})
        crawls = []
        for spider, start in [("sitemap", "/robots.txt"), ("site", "/")]:
            command = [
                sys.executable,
                "-m",
                "scrapy",
                "crawl",
                spider,
                "-a",
                f"urls={site.url(start)}",
            ]
            for name, value in settings.items():
                command += ["-s", f"{name}={value}"]
            crawls.append(
                subprocess.Popen(command, cwd=REPO_ROOT, stderr=subprocess.PIPE, text=True)
            )
        logs = [crawl.communicate(timeout=300)[1] for crawl in crawls]
    assert [crawl.returncode for crawl in crawls] == [0, 0]
    for log in logs:
        assert "database is locked" not in log
        assert "Could not archive" not in log
    urls, incomplete = archive_state(archive)
    assert incomplete == []
    assert sorted(urlsplit(u).path for u in urls) == sorted(article_paths())
