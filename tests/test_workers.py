"""Extraction in worker processes: same results as in-process, survives a dead worker."""

from __future__ import annotations

import asyncio
import functools
import os
import signal
import subprocess
import sys
import time
from urllib.parse import urlsplit

import pytest

from newsarchive.sample_site import (
    SAMPLE_SITE_DIR,
    article_by_path,
    article_paths,
    sample_articles,
)
from newsarchive.sample_site.server import render_file, serve_site
from newsarchive.store import open_store
from newsarchive.workers import (
    DEFAULT_PAGE_TIME_LIMIT,
    DEFAULT_PAGES_PER_WORKER,
    TIMED_OUT,
    PageWorkers,
    default_worker_count,
    page_time_limit,
    pages_per_worker,
    worker_count,
)
from tests.hostile.pages import article_html, front_html, many_elements_html
from tests.hostile.server import HTML, Answer, hostile_server, log_line
from tests.utils import FAST_SETTINGS, REPO_ROOT, run_crawl, sqlite_uri


@functools.cache
def slow_page() -> str:
    """A page that would take a worker 29 s (2-core Xeon), far past the limits below."""
    return many_elements_html("A page that takes long to read", 100_000)


def sample_page(path: str) -> tuple[str, str]:
    url = f"https://gazette.example{path}"
    html = render_file(SAMPLE_SITE_DIR / path.strip("/") / "index.html", "https://gazette.example")
    return html.decode(), url


@pytest.mark.parametrize(("workers", "max_pages"), [("0", ""), ("1", ""), ("2", ""), ("1", "8")])
def test_site_crawl_gives_the_same_archive_with_any_worker_count(tmp_path, workers, max_pages):
    # ("1", "8"): one worker, replaced every 8 pages, several times in the crawl.
    settings = {"EXTRACT_WORKERS": workers, "EXTRACT_WORKER_MAX_PAGES": max_pages}
    with serve_site() as site:
        result = run_crawl("site", tmp_path, args={"urls": site.url("/")}, settings=settings)
    assert result.returncode == 0, result.log[-3000:]
    assert sorted(urlsplit(a.url).path for a in result.articles) == sorted(article_paths())
    for article in result.articles:
        assert article.title == article_by_path(urlsplit(article.url).path).title


# A crawl started the way Scrapy's "run from a script" example does: at module
# level, no ``if __name__ == "__main__"`` guard. Each run of the file leaves a line.
CRAWL_SCRIPT = """
import os, sys
from scrapy.crawler import CrawlerProcess
from scrapy.utils.project import get_project_settings

with open(sys.argv[1], "a") as runs:
    runs.write(f"{__name__} {os.getpid()}\\n")
settings = get_project_settings()
settings.setdict(dict(arg.split("=", 1) for arg in sys.argv[3:]), priority="cmdline")
process = CrawlerProcess(settings)
process.crawl("site", urls=sys.argv[2])
process.start()
"""


def test_workers_do_not_run_the_script_that_started_the_crawl(tmp_path):
    # Spawned processes run their parent's main script again; workers must not,
    # or each one would start a crawl of its own.
    script = tmp_path / "crawl_script.py"
    script.write_text(CRAWL_SCRIPT, encoding="utf-8")
    runs = tmp_path / "runs.txt"
    archive = sqlite_uri(tmp_path / "archive.sqlite3")
    settings = {**FAST_SETTINGS, "ARCHIVE_URI": archive, "EXTRACT_WORKERS": "2"}
    with serve_site() as site:
        crawl = subprocess.run(
            [sys.executable, str(script), str(runs), site.url("/")]
            + [f"{name}={value}" for name, value in settings.items()],
            cwd=REPO_ROOT,
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
    assert crawl.returncode == 0, crawl.stderr[-3000:]
    assert [line.split()[0] for line in runs.read_text().splitlines()] == ["__main__"]
    assert "Traceback" not in crawl.stderr, crawl.stderr[-3000:]
    store = open_store(archive)
    try:
        archived = sorted(urlsplit(article.url).path for article in store.iter_articles())
    finally:
        store.close()
    assert archived == sorted(article_paths())


def test_pool_results_match_in_process_results():
    pages = [sample_page(path) for path in article_paths()[:6]] + [sample_page("/politics/")]

    async def analyse_all(workers: PageWorkers):
        try:
            return await asyncio.gather(*(workers.analyse(html, url) for html, url in pages))
        finally:
            workers.close()

    in_process = asyncio.run(analyse_all(PageWorkers(0)))
    pooled = asyncio.run(analyse_all(PageWorkers(2, max_pending=2)))
    for mine, theirs in zip(in_process, pooled, strict=True):
        assert mine.links == theirs.links
        assert mine.skip_reason == theirs.skip_reason
        if mine.item is not None:
            assert theirs.item is not None
            assert (mine.item.text, mine.item.title) == (theirs.item.text, theirs.item.title)
    assert pooled[-1].item is None and pooled[-1].skip_reason == "not_article"


def test_a_dead_worker_costs_one_page_not_the_crawl():
    html, url = sample_page(article_paths()[0])

    async def scenario():
        workers = PageWorkers(1)
        try:
            first = await workers.analyse(html, url)
            assert workers._executor is not None
            [pid] = list(workers._executor._processes)
            os.kill(pid, signal.SIGKILL)
            lost = await workers.analyse(html, url)
            after = await workers.analyse(html, url)
            return first, lost, after
        finally:
            workers.close()

    first, lost, after = asyncio.run(scenario())
    assert first.item is not None
    assert (lost.item, lost.skip_reason) == (None, "worker_crashed")
    assert after.item is not None and after.item.text == first.item.text


def test_closed_workers_have_ended_cleanly_with_every_result_delivered():
    # Workers skip Python's teardown when they end; they must still end with status
    # 0 once their results are in.
    pages = [sample_page(path) for path in article_paths()[:6]]

    async def scenario():
        workers = PageWorkers(2, max_pending=6)
        try:
            results = await asyncio.gather(*(workers.analyse(html, url) for html, url in pages))
            assert workers._executor is not None
            processes = list(workers._executor._processes.values())
        finally:
            workers.close()
        return results, processes

    results, processes = asyncio.run(scenario())
    assert all(result.item is not None for result in results)
    assert len(processes) == 2
    assert [process.exitcode for process in processes] == [0, 0]


def test_workers_are_replaced_after_their_pages_while_pages_queue_up():
    # Pages arrive faster than one worker analyses them, and the worker must be
    # replaced every 2 pages: every page is still analysed (with Python's own
    # max_tasks_per_child the pool would end with no worker and hang).
    pages = [sample_page(path) for path in article_paths()[:4]] * 3

    async def scenario():
        workers = PageWorkers(1, max_pending=4, pages_per_worker=2)
        pids: set[int] = set()

        async def analyse(html: str, url: str):
            result = await workers.analyse(html, url)
            if workers._executor is not None:
                pids.update(workers._executor._processes)
            return result

        try:
            results = await asyncio.wait_for(
                asyncio.gather(*(analyse(html, url) for html, url in pages)), timeout=240
            )
            return pids, results
        finally:
            workers.close()

    pids, results = asyncio.run(scenario())
    assert len(pids) >= 3  # 12 pages, 2 a worker: a pool of one, renewed 6 times
    for (html, url), result in zip(pages, results, strict=True):
        in_process = asyncio.run(PageWorkers(0).analyse(html, url))
        assert result.item is not None and in_process.item is not None
        assert (result.item.text, result.links) == (in_process.item.text, in_process.links)


def test_a_page_past_the_time_limit_is_skipped_and_the_workers_replaced():
    html, url = sample_page(article_paths()[0])

    async def scenario():
        workers = PageWorkers(1, time_limit=2)
        try:
            first = await workers.analyse(html, url)
            assert workers._executor is not None
            before = set(workers._executor._processes)
            started = time.monotonic()
            slow = await workers.analyse(slow_page(), "https://example.com/news/slow-page/")
            waited = time.monotonic() - started
            after = await workers.analyse(html, url)
            assert workers._executor is not None
            return first, slow, waited, after, before, set(workers._executor._processes)
        finally:
            workers.close()

    first, slow, waited, after, before, now = asyncio.run(scenario())
    assert (slow.item, slow.skip_reason) == (None, TIMED_OUT)
    assert waited < 10  # stopped at its limit, not analysed to the end
    assert not before & now  # a fresh worker took the next page
    assert first.item is not None and after.item is not None
    assert (after.item.text, after.links) == (first.item.text, first.links)


def test_crawl_skips_a_page_past_the_time_limit_and_archives_the_rest(tmp_path):
    good = {
        f"/news/{article.slug}/": article_html(article.title, list(article.paragraphs))
        for article in sample_articles()[:4]
    }
    slow_path = "/news/a-page-that-takes-long-to-read/"
    late = set(list(good)[2:])  # served after the slow page has used up its time

    def respond(path: str) -> Answer:
        if path == "/":
            return Answer(body=front_html([slow_path, *good]).encode(), headers=HTML)
        if path == slow_path:
            return Answer(body=slow_page().encode(), headers=HTML)
        if path in good:
            delay = 8.0 if path in late else 0.0
            return Answer(body=good[path].encode(), headers=HTML, delay=delay)
        return Answer(status=404)

    with hostile_server(respond) as (base, _):
        result = run_crawl(
            "site",
            tmp_path,
            args={"urls": base + "/"},
            settings={"EXTRACT_TIMEOUT": "4", "EXTRACT_WORKERS": "2", "ROBOTSTXT_OBEY": "False"},
        )
    assert result.returncode == 0, result.log[-3000:]
    assert sorted(urlsplit(a.url).path for a in result.articles) == sorted(good)
    assert result.stats["newsarchive/skip/extraction_timeout"] == 1
    warning = log_line(result.log, "WARNING", slow_path, "used over 4 s of CPU (EXTRACT_TIMEOUT)")
    assert warning is not None, result.log[-3000:]


@pytest.mark.parametrize(
    ("read", "setting", "expected"),
    [
        (page_time_limit, None, DEFAULT_PAGE_TIME_LIMIT),
        (page_time_limit, "", DEFAULT_PAGE_TIME_LIMIT),
        (page_time_limit, "2.5", 2.5),
        (page_time_limit, 0, None),
        (page_time_limit, "0", None),
        (worker_count, None, default_worker_count()),
        (worker_count, "", default_worker_count()),
        (worker_count, "3", 3),
        (worker_count, 0, 0),
        (pages_per_worker, None, DEFAULT_PAGES_PER_WORKER),
        (pages_per_worker, "", DEFAULT_PAGES_PER_WORKER),
        (pages_per_worker, "20", 20),
        (pages_per_worker, 0, None),
    ],
)
def test_worker_settings(read, setting, expected):
    assert read(setting) == expected


@pytest.mark.parametrize(
    ("read", "setting", "name"),
    [
        (worker_count, "-1", "EXTRACT_WORKERS"),
        (worker_count, "many", "EXTRACT_WORKERS"),
        (pages_per_worker, "-5", "EXTRACT_WORKER_MAX_PAGES"),
        (pages_per_worker, "lots", "EXTRACT_WORKER_MAX_PAGES"),
        (page_time_limit, "-1", "EXTRACT_TIMEOUT"),
        (page_time_limit, "soon", "EXTRACT_TIMEOUT"),
        (page_time_limit, "nan", "EXTRACT_TIMEOUT"),
        (page_time_limit, "inf", "EXTRACT_TIMEOUT"),
    ],
)
def test_bad_worker_settings_are_refused(read, setting, name):
    with pytest.raises(ValueError, match=name):
        read(setting)


def test_ctrl_c_to_the_process_group_lets_the_crawl_finish_its_pages(tmp_path):
    """SIGINT reaches every process of a terminal's group; workers leave shutdown to the crawl."""
    with serve_site() as site:
        command = [
            sys.executable, "-m", "scrapy", "crawl", "site", "-a", f"urls={site.url('/')}",
            "-s", f"ARCHIVE_URI={sqlite_uri(tmp_path / 'archive.sqlite3')}",
            "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0.05",
            "-s", "EXTRACT_WORKERS=2",
        ]  # fmt: skip
        crawl = subprocess.Popen(
            command, cwd=REPO_ROOT, stderr=subprocess.PIPE, text=True, start_new_session=True
        )
        deadline = time.monotonic() + 60
        while sum(site.requests.values()) < 15 and time.monotonic() < deadline:
            time.sleep(0.1)
        os.killpg(crawl.pid, signal.SIGINT)
        _, log = crawl.communicate(timeout=120)
    assert crawl.returncode == 0, log[-3000:]
    assert "worker_crashed" not in log
    assert "Extraction worker died" not in log
