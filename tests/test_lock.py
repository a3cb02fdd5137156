"""Cron-safe runs: a second run on a locked archive exits at once, non-zero, archive intact."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time

from newsarchive.extensions.lock import lock_path_for
from newsarchive.sample_site.server import serve_site
from tests.test_sources_crawl import runs_json, write_news_site
from tests.utils import FAST_SETTINGS, REPO_ROOT, run_crawl, run_scrapy, sqlite_uri


def start_crawl(spider: str, args: dict[str, str], settings: dict[str, str]) -> subprocess.Popen:
    """A `scrapy crawl` process left running."""
    command = [sys.executable, "-m", "scrapy", "crawl", spider]
    for name, value in args.items():
        command += ["-a", f"{name}={value}"]
    for name, value in {**FAST_SETTINGS, **settings}.items():
        command += ["-s", f"{name}={value}"]
    return subprocess.Popen(
        command,
        cwd=REPO_ROOT,
        env={**os.environ, "PYTHONWARNINGS": "default"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for_lock_holder(path, pid: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists() and f"pid {pid}," in path.read_text():
            return
        time.sleep(0.05)
    raise AssertionError(f"process {pid} never took the lock {path}")


def test_an_overlapping_run_exits_at_once_and_leaves_the_archive_intact(tmp_path):
    paths = write_news_site(tmp_path / "site", "Overlap", 4)
    archive = tmp_path / "archive.sqlite3"
    uri = sqlite_uri(archive)
    lock = lock_path_for(uri)
    assert lock is not None and lock.name == "archive.sqlite3.lock"
    with serve_site(tmp_path / "site") as site:
        # The first run is slow on purpose: one request a second.
        first = start_crawl(
            "feeds",
            {"urls": site.url("/feed.xml")},
            {"ARCHIVE_URI": uri, "DOWNLOAD_DELAY": "1", "CONCURRENT_REQUESTS_PER_DOMAIN": "1"},
        )
        try:
            wait_for_lock_holder(lock, first.pid)
            # How long a scrapy process takes to start and stop, on this machine, now.
            started = time.monotonic()
            run_scrapy("list")
            startup = time.monotonic() - started
            started = time.monotonic()
            second = run_crawl(
                "feeds",
                tmp_path,
                args={"urls": site.url("/feed.xml")},
                settings={"ARCHIVE_URI": uri},
                allow_traceback=True,
            )
            elapsed = time.monotonic() - started
            assert first.poll() is None, "the first run should still be crawling"
        finally:
            _, first_log = first.communicate(timeout=120)
        requests_after = sum(site.requests.values())
    assert second.returncode != 0
    assert f"Another newsarchive run holds the archive lock {lock} (pid {first.pid}, started" in (
        second.log
    )
    assert elapsed < startup + 1.0, (elapsed, startup)
    assert "Spider opened" not in second.log
    # The first run went on undisturbed and archived everything, once.
    assert first.returncode == 0, first_log[-3000:]
    assert requests_after == 1 + 1 + len(paths)  # robots.txt, the feed, the articles
    db = sqlite3.connect(archive)
    try:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert db.execute("SELECT count(*) FROM articles").fetchone() == (len(paths),)
    finally:
        db.close()
    # Only the run that crawled is reported.
    [run] = runs_json(uri)
    assert run["finish_reason"] == "finished"


def test_the_lock_is_released_when_a_run_ends(tmp_path):
    write_news_site(tmp_path / "site", "Sequential", 1)
    with serve_site(tmp_path / "site") as site:
        first = run_crawl("feeds", tmp_path, args={"urls": site.url("/feed.xml")})
        second = run_crawl("feeds", tmp_path, args={"urls": site.url("/feed.xml")})
    assert first.returncode == second.returncode == 0
    assert "Holding the archive lock" in second.log
    # The lock file stays behind; only the kernel lock, gone with its process, matters.
    assert (tmp_path / "archive.sqlite3.lock").exists()
