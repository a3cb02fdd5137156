"""Long crawls paused and resumed with Scrapy's JOBDIR, and what to do after a kill -9."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from urllib.parse import urlsplit

from newsarchive.sample_site import article_paths
from newsarchive.sample_site.server import serve_site
from newsarchive.store import open_store
from tests.utils import FAST_SETTINGS, Crawls, sqlite_uri

# Slow enough to be caught mid-way: one request at a time, 0.1 s apart.
POLITE = {
    **FAST_SETTINGS,
    "CONCURRENT_REQUESTS_PER_DOMAIN": "1",
    "DOWNLOAD_DELAY": "0.1",
    "ARCHIVE_FLUSH_INTERVAL": "0.2",
    "EXTRACT_WORKERS": "1",
}


def site_crawl(base_url: str, tmp_path, jobdir, stats_name: str) -> list[str]:
    command = [sys.executable, "-m", "scrapy", "crawl", "site", "-a", f"urls={base_url}/"]
    settings = {
        **POLITE,
        "ARCHIVE_URI": sqlite_uri(tmp_path / "archive.sqlite3"),
        "NEWSARCHIVE_STATS_FILE": str(tmp_path / stats_name),
    }
    if jobdir is not None:
        settings["JOBDIR"] = str(jobdir)
    for name, value in settings.items():
        command += ["-s", f"{name}={value}"]
    return command


def archived_paths(tmp_path) -> list[str]:
    archive = tmp_path / "archive.sqlite3"
    if not archive.exists():
        return []
    store = open_store(sqlite_uri(archive))
    try:
        return sorted(urlsplit(item.url or "").path for item in store.iter_articles())
    finally:
        store.close()


def wait_for_articles(crawl: subprocess.Popen[bytes], tmp_path, count: int) -> None:
    deadline = time.monotonic() + 60
    while len(archived_paths(tmp_path)) < count:
        assert crawl.poll() is None, "the crawl ended before it could be interrupted"
        assert time.monotonic() < deadline
        time.sleep(0.1)


def test_a_paused_crawl_resumes_where_it_stopped(tmp_path):
    jobdir = tmp_path / "job"
    with serve_site() as site, Crawls(tmp_path) as crawls:
        first = crawls.start(site_crawl(site.base_url, tmp_path, jobdir, "first.json"), "first")
        wait_for_articles(first, tmp_path, 5)
        # Ctrl+C: Scrapy finishes the requests in flight and saves its queue.
        first.send_signal(signal.SIGINT)
        crawls.finish(first)
        paused = archived_paths(tmp_path)
        served_before = Counter(site.requests)
        second = crawls.start(site_crawl(site.base_url, tmp_path, jobdir, "second.json"), "second")
        crawls.finish(second)
        served = Counter(site.requests)
    first_stats = json.loads((tmp_path / "first.json").read_text())
    second_stats = json.loads((tmp_path / "second.json").read_text())
    assert first_stats["finish_reason"] == "shutdown"
    assert second_stats["finish_reason"] == "finished"
    assert 5 <= len(paused) < len(article_paths())
    # The resumed run picked up the saved queue instead of starting again from the front
    # page, and every article was fetched once over both runs.
    assert "Resuming crawl" in (tmp_path / "second.log").read_text()
    assert served_before["/"] == served["/"] == 1
    assert all(served[path] == 1 for path in article_paths())
    assert archived_paths(tmp_path) == sorted(article_paths())


def test_after_a_kill_a_fresh_run_without_the_jobdir_completes_the_archive(tmp_path):
    jobdir = tmp_path / "job"
    with serve_site() as site, Crawls(tmp_path) as crawls:
        killed = crawls.start(site_crawl(site.base_url, tmp_path, jobdir, "killed.json"), "killed")
        wait_for_articles(killed, tmp_path, 5)
        os.killpg(killed.pid, signal.SIGKILL)
        assert killed.wait(timeout=30) == -signal.SIGKILL
        before = archived_paths(tmp_path)
        # What the README says to do: the JOBDIR of a killed job is not to be trusted.
        crawls.finish(
            crawls.start(site_crawl(site.base_url, tmp_path, None, "fresh.json"), "fresh")
        )
        served = Counter(site.requests)
    assert 5 <= len(before) < len(article_paths())
    assert archived_paths(tmp_path) == sorted(article_paths())
    # Articles archived before the kill were not downloaded again.
    assert all(served[urlsplit(path).path] == 1 for path in before)
