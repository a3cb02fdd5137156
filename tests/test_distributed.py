"""Several workers crawl one site through a frontier shared in a real Redis (scrapy-redis).

The site is a local mirror of real news pages (``bench/_mirror.py``): sections, listing
pages and related links, so that most pages are found by several pages, and by both
workers. Worker crawls run as ``scrapy crawl`` processes writing one SQLite archive.
"""

from __future__ import annotations

import os
import pickle
import signal
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest
import redis
from scrapy import Request
from scrapy.http import FormRequest, XmlResponse
from scrapy.utils.request import request_from_dict
from scrapy.utils.test import get_crawler

from bench._mirror import build_mirror
from newsarchive.discovery.incremental import ListedEntry
from newsarchive.distributed import serialization
from newsarchive.distributed.frontier import FrontierKeys, TakenPriorityQueue
from newsarchive.distributed.scheduler import SharedFrontierScheduler
from newsarchive.distributed.serialization import InvalidRequestPayload, UnshareableRequest
from newsarchive.sample_site import SAMPLE_SITE_DIR, article_paths
from newsarchive.sample_site.server import render_file, serve_site
from newsarchive.spiders.feeds import FeedsSpider
from newsarchive.spiders.meta import SOURCE_META
from newsarchive.spiders.site import SiteSpider
from newsarchive.spiders.urls import UrlsSpider
from tests.test_crash_safety import archive_state
from tests.utils import FAST_SETTINGS, REPO_ROOT, run_crawl, sqlite_uri

if TYPE_CHECKING:
    from scrapy import Spider

    from tests.utils import CrawlResult

PAGES = 206  # mirrored pages; all but a few are articles
BASE = "http://127.0.0.1:8000"


def frontier_settings(redis_url: str, prefix: str) -> dict[str, str]:
    """Settings of a worker: the shared frontier, a fast heartbeat, the archive lock off."""
    return {
        "NEWSARCHIVE_REDIS_URL": redis_url,
        "NEWSARCHIVE_REDIS_KEY": f"{prefix}:%(spider)s",
        "NEWSARCHIVE_REDIS_HEARTBEAT": "0.5",
        "NEWSARCHIVE_REDIS_WORKER_TIMEOUT": "3",
        # Workers share one SQLite archive: its one-run-at-a-time lock would stop the second.
        "NEWSARCHIVE_LOCK_ENABLED": "False",
        "EXTRACT_WORKERS": "1",
    }


def paths(urls: list[str]) -> list[str]:
    return sorted(urlsplit(url).path for url in urls)


def keys_left(redis_url: str, prefix: str) -> list[bytes]:
    client = redis.Redis.from_url(redis_url)
    try:
        return sorted(client.scan_iter(match=f"{prefix}*"))
    finally:
        client.close()


def crawl_workers(
    count: int, tmp_path: Path, spider: str, args: dict[str, str], settings: dict[str, str]
) -> list[CrawlResult]:
    """Run ``count`` workers of one crawl at once, into one archive."""

    def worker(n: int) -> CrawlResult:
        home = tmp_path / f"worker-{n}"
        home.mkdir()
        archive = tmp_path / "archive.sqlite3"
        return run_crawl(spider, home, archive=archive, args=args, settings=settings)

    with ThreadPoolExecutor(count) as pool:
        return list(pool.map(worker, range(count)))


def start_worker(url: str, archive: Path, settings: dict[str, str]) -> subprocess.Popen[bytes]:
    """A worker in its own process group, so that it can be killed with its extraction workers."""
    command = [sys.executable, "-m", "scrapy", "crawl", "site", "-a", f"urls={url}"]
    merged = {**FAST_SETTINGS, "ARCHIVE_URI": sqlite_uri(archive), **settings}
    for name, value in merged.items():
        command += ["-s", f"{name}={value}"]
    return subprocess.Popen(
        command,
        cwd=REPO_ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


# Requests as JSON.


def newsarchive_requests() -> list[tuple[Request, Spider]]:
    """Requests the spiders make, as they leave the spider middlewares, with their spiders."""
    site = SiteSpider.from_crawler(get_crawler(SiteSpider), urls=f"{BASE}/")
    feeds = FeedsSpider.from_crawler(get_crawler(FeedsSpider), urls=f"{BASE}/feed.xml")
    urls = UrlsSpider.from_crawler(get_crawler(UrlsSpider), urls=f"{BASE}/a/")
    feed = feeds.start_request(f"{BASE}/feed.xml")
    body = render_file(SAMPLE_SITE_DIR / "feed.xml", BASE)
    articles = list(feeds.parse_feed(XmlResponse(feed.url, body=body, request=feed)))
    page = site.start_request(f"{BASE}/news/")
    requests = [
        # The errback and depth that newsarchive's and Scrapy's spider middlewares add.
        page.replace(errback=site.fetch_failed, meta={"depth": 2}),
        feed,
        *articles[:3],
        urls.start_request(f"{BASE}/2026/11/13/story/"),
        # Meta as the downloader middlewares and the sources spider leave it, and a body.
        FormRequest(
            f"{BASE}/search",
            formdata={"q": "harbour café"},
            callback=site.parse_page,
            errback=site.fetch_failed,
            headers={"X-Raw": b"\xff\x00bytes"},
            cookies={"session": "1"},
            priority=-7,
            flags=["retried"],
            meta={
                "redirect_urls": [f"{BASE}/old", f"{BASE}/older"],
                "redirect_reasons": [301, "meta refresh"],
                "retry_times": 1,
                "download_slot": "source:harbour-gazette",
                SOURCE_META: "harbour-gazette",
                "raw": b"\x80\x81",
                "pair": ("a", 1),
                "by_status": {404: "gone", "$ref": "not a tag"},
                "listed": ListedEntry("2026-11-20", None, known_listing=True),
            },
        ),
        Request(f"{BASE}/upload", method="PUT", body=bytes(range(256)), dont_filter=True),
    ]
    # A request's spider is the one whose method its callback is.
    return [(request, getattr(request.callback, "__self__", site)) for request in requests]


def test_newsarchive_requests_round_trip_through_json_and_the_redis_queue(redis_url, redis_prefix):
    requests = newsarchive_requests()
    assert any(request.priority > 0 for request, _ in requests)  # feed entries: newest first
    for request, spider in requests:
        before = request.to_dict(spider=spider)
        payload = serialization.dumps(before)
        assert b"\x80" not in payload  # never pickle: JSON text
        back = request_from_dict(serialization.loads(payload), spider=spider)
        assert type(back) is type(request)
        assert back.to_dict(spider=spider) == before
        assert back.callback == request.callback
        assert back.errback == request.errback

    # Through the shared queue: taken back highest priority first, each exactly as queued.
    client = redis.Redis.from_url(redis_url)
    keys = FrontierKeys(f"{redis_prefix}:q")
    queue = TakenPriorityQueue(client, requests[0][1], keys, "worker-1", serialization)
    spider_of = {}
    for n, (request, spider) in enumerate(requests):
        queued = request.replace(priority=n * 10 - 30)
        payload = serialization.dumps(queued.to_dict(spider=spider))
        spider_of[payload] = spider
        queue.push_payload(payload, queued.priority, fingerprint=None)
    taken = []
    while (payload := queue.take()) is not None:
        taken.append(request_from_dict(serialization.loads(payload), spider=spider_of[payload]))
    assert [r.url for r in taken] == [r.url for r, _ in reversed(requests)]
    assert [r.priority for r in taken] == [n * 10 - 30 for n in reversed(range(len(requests)))]
    assert client.zcard(keys.queue) == 0
    assert client.zcard(keys.taken("worker-1")) == len(requests)
    client.close()


def test_values_json_cannot_carry_are_refused_by_name():
    request = Request(f"{BASE}/a/", meta={"when": object()})
    with pytest.raises(
        UnshareableRequest, match=r"request\['meta'\]\['when'\] is a builtins.object"
    ):
        serialization.dumps(request.to_dict())
    with pytest.raises(UnshareableRequest, match="finite"):
        serialization.dumps(Request(f"{BASE}/a/", meta={"x": float("nan")}).to_dict())


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        (b"\x80\x05\x95...", "not JSON"),
        (b'["http://example.com/"]', "not an object"),
        (b'{"url": "http://example.com/", "_class": "os.system"}', "not allowed"),
        (b'{"url": "http://example.com/", "callback": "__init__"}', "not a spider method"),
        (b'{"url": "http://example.com/", "shell": "rm -rf /"}', "unknown request fields"),
        (b'{"url": "http://example.com/", "meta": {"$type": ["os.system", {}]}}', "not a type"),
        (b'{"url": "http://example.com/", "body": {"$bytes": "%%%"}}', "not base64"),
        (b'{"callback": "parse_page"}', "no URL"),
        (b"[" * 100_000 + b"]" * 100_000, "not JSON|nested"),
    ],
)
def test_payloads_newsarchive_did_not_write_are_refused(payload, reason):
    with pytest.raises(InvalidRequestPayload, match=reason):
        serialization.loads(payload)


def test_a_pickle_serializer_is_refused():
    crawler = get_crawler(
        SiteSpider,
        {
            "NEWSARCHIVE_REDIS_URL": "redis://127.0.0.1:6379/0",
            "SCHEDULER_SERIALIZER": "scrapy_redis.picklecompat",
        },
    )
    with pytest.raises(ValueError, match=r"must be 'newsarchive\.distributed\.serialization'"):
        SharedFrontierScheduler.from_crawler(crawler)


class PlantFile:
    """A pickle that creates a file when loaded: what an attacker could push into Redis."""

    def __init__(self, path: Path):
        self.path = path

    def __reduce__(self):
        return (Path.touch, (self.path,))


def test_a_planted_pickle_is_dropped_unrun_and_the_crawl_finishes(
    redis_url, redis_prefix, tmp_path
):
    # The payload works: loading it creates its file.
    control = tmp_path / "control"
    pickle.loads(pickle.dumps(PlantFile(control)))
    assert control.exists()

    planted = tmp_path / "planted"
    client = redis.Redis.from_url(redis_url)
    queue_key = f"{redis_prefix}:site:requests"
    hostile = [
        pickle.dumps(PlantFile(planted)),
        b'{"url": "http://127.0.0.1:1/", "_class": "os.system"}',
        b'{"url": "http://127.0.0.1:1/", "callback": "__class__"}',
    ]
    for payload in hostile:
        client.zadd(queue_key, {payload: -1000})  # ahead of every real request
    client.close()
    with serve_site() as site:
        result = run_crawl(
            "site",
            tmp_path,
            args={"urls": site.url("/")},
            settings=frontier_settings(redis_url, redis_prefix),
        )
    assert result.returncode == 0
    assert not planted.exists()
    assert result.stat("newsarchive/distributed/invalid_request") == len(hostile)
    assert result.log.count("Dropped an entry of the shared frontier") == len(hostile)
    assert "not JSON" in result.log
    assert sorted(urlsplit(a.url).path for a in result.articles) == sorted(article_paths())
    assert keys_left(redis_url, redis_prefix) == []


def test_workers_of_a_sources_crawl_download_each_url_once(redis_url, redis_prefix, tmp_path):
    """Feed and sitemap entries (dated, past the duplicate filter) and a site crawl of one site."""
    with serve_site() as site:
        sources = tmp_path / "sources.toml"
        sources.write_text(
            f'[[source]]\nname = "harbour"\nfeeds = ["{site.url("/feed.xml")}"]\n'
            f'sitemaps = ["{site.url("/robots.txt")}"]\nstart_urls = ["{site.url("/")}"]\n'
        )
        settings = frontier_settings(redis_url, redis_prefix)
        workers = crawl_workers(2, tmp_path, "sources", {"sources": str(sources)}, settings)
        served = site.requests
    assert [w.returncode for w in workers] == [0, 0]
    assert [path for path, n in served.items() if n > 1] == ["/robots.txt"]
    assert sum(w.stat("newsarchive/skip/duplicate_url") for w in workers) > 0
    urls, incomplete = archive_state(tmp_path / "archive.sqlite3")
    assert incomplete == []
    assert paths(urls) == sorted(article_paths())
    assert keys_left(redis_url, redis_prefix) == []


# Workers sharing a large site.


@pytest.fixture(scope="module")
def mirror(corpus_dir, tmp_path_factory):
    return build_mirror(tmp_path_factory.mktemp("distributed") / "site", PAGES, corpus_dir)


@pytest.fixture(scope="module")
def one_process_paths(mirror, tmp_path_factory) -> list[str]:
    """The article paths one ordinary crawl of the mirror archives."""
    tmp_path = tmp_path_factory.mktemp("one-process")
    with serve_site(mirror.root) as site:
        result = run_crawl(
            "site", tmp_path, args={"urls": site.url("/")}, settings={"EXTRACT_WORKERS": "1"}
        )
    assert result.returncode == 0
    urls, incomplete = archive_state(tmp_path / "archive.sqlite3")
    assert incomplete == []
    assert len(urls) >= 200
    return paths(urls)


def test_two_workers_fetch_each_page_once_and_archive_each_article_once(
    mirror, one_process_paths, redis_url, redis_prefix, tmp_path
):
    with serve_site(mirror.root) as site:
        settings = frontier_settings(redis_url, redis_prefix)
        workers = crawl_workers(2, tmp_path, "site", {"urls": site.url("/")}, settings)
        served = site.requests
    assert [w.returncode for w in workers] == [0, 0]
    # Every page of the site was downloaded, once across both workers (robots.txt: once each).
    assert set(mirror.all_paths) <= set(served)
    assert {path: n for path, n in served.items() if n != 1} == {"/robots.txt": 2}
    taken = [w.stat("scheduler/dequeued/redis") for w in workers]
    assert sum(taken) == sum(served.values()) - 2
    # Both did part of the work.
    assert min(taken) >= sum(taken) // 10, taken
    urls, incomplete = archive_state(tmp_path / "archive.sqlite3")
    assert incomplete == []
    assert len(set(urls)) == len(urls)
    assert paths(urls) == one_process_paths
    assert sum(w.stat("newsarchive/archive/new") for w in workers) == len(urls)
    assert keys_left(redis_url, redis_prefix) == []


def test_a_worker_killed_mid_crawl_loses_nothing(
    mirror, one_process_paths, redis_url, redis_prefix, tmp_path
):
    settings = frontier_settings(redis_url, redis_prefix)
    archive = tmp_path / "archive.sqlite3"
    client = redis.Redis.from_url(redis_url)
    with serve_site(mirror.root) as site, ThreadPoolExecutor(2) as pool:
        killed = start_worker(site.url("/"), archive, settings)
        (tmp_path / "other").mkdir()
        other = pool.submit(
            run_crawl, "site", tmp_path / "other", archive=archive,
            args={"urls": site.url("/")}, settings=settings,
        )  # fmt: skip
        taken_key = f"{redis_prefix}:site:taken:{socket.gethostname()}:{killed.pid}:"
        holding: list[bytes] = []
        deadline = time.monotonic() + 60
        try:
            # Mid-crawl: a quarter of the site served, and requests taken by this worker.
            while time.monotonic() < deadline:
                holding = [k for k in client.scan_iter(match=f"{taken_key}*") if client.zcard(k)]
                if holding and sum(site.requests.values()) >= PAGES // 4:
                    break
                time.sleep(0.05)
        finally:
            # The whole process group, its extraction worker included.
            os.killpg(killed.pid, signal.SIGKILL)
            killed.wait()
        assert holding, "the worker took no request within a minute"
        lost = client.zcard(holding[0])
        client.close()
        # A restart of the killed worker joins the crawl.
        (tmp_path / "restart").mkdir()
        restart = pool.submit(
            run_crawl, "site", tmp_path / "restart", archive=archive,
            args={"urls": site.url("/")}, settings=settings,
        )  # fmt: skip
        finished = [other.result(), restart.result()]
    assert lost > 0
    assert [w.returncode for w in finished] == [0, 0]
    assert sum(w.stat("newsarchive/distributed/requeued") for w in finished) == lost
    urls, incomplete = archive_state(archive)
    assert incomplete == []
    assert len(set(urls)) == len(urls)
    assert paths(urls) == one_process_paths
    assert keys_left(redis_url, redis_prefix) == []
