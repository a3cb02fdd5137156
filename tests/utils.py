"""Helpers for tests that run real `scrapy crawl` processes against local sites."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from newsarchive.items import ArticleItem
from newsarchive.store import open_store

REPO_ROOT = Path(__file__).resolve().parent.parent

# Test crawls run flat out against 127.0.0.1: politeness delays only slow the suite.
FAST_SETTINGS = {
    "AUTOTHROTTLE_ENABLED": "False",
    "DOWNLOAD_DELAY": "0",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "16",
    "LOG_LEVEL": "INFO",
}


def wait_until(condition: Callable[[], bool], failure: str, timeout: float = 30) -> None:
    """Poll ``condition`` every 50 ms until it holds; fail with ``failure`` after ``timeout`` s."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, failure
        time.sleep(0.05)


def corpus_pages(corpus_dir: Path, every: int = 1) -> list[tuple[Path, str]]:
    """(file, URL) of the corpus's pages with ground truth, every ``every``-th of them."""
    hub = json.loads((corpus_dir / "scrapinghub" / "ground-truth.json").read_text("utf-8"))
    evaluation = json.loads((corpus_dir / "trafilatura-eval" / "truth.json").read_text("utf-8"))
    pages = [
        (corpus_dir / "scrapinghub" / "html" / f"{key}.html.gz", entry["url"])
        for key, entry in sorted(hub.items())
    ]
    pages += [
        (corpus_dir / "trafilatura-eval" / entry["file"], url)
        for url, entry in sorted(evaluation.items())
    ]
    return pages[::every]


def corpus_html(path: Path) -> str:
    """A corpus page's text, as the crawl decodes it."""
    return gzip.decompress(path.read_bytes()).decode("utf-8", "replace")


@dataclass
class CrawlResult:
    """What a finished `scrapy crawl` process left behind."""

    returncode: int
    log: str
    stats: dict[str, Any]
    archive_uri: str
    articles: list[ArticleItem] = field(default_factory=list)

    def stat(self, key: str) -> int:
        value = self.stats.get(key, 0)
        return value if isinstance(value, int) else 0


def sqlite_uri(path: Path) -> str:
    """The archive URI of a SQLite file at an absolute path."""
    return f"sqlite:///{path.resolve()}"


def run_scrapy(
    *args: str, cwd: Path = REPO_ROOT, timeout: float = 180
) -> subprocess.CompletedProcess[str]:
    """Run a `scrapy` command line in the project directory."""
    env = {**os.environ, "PYTHONWARNINGS": "default"}
    return subprocess.run(
        [sys.executable, "-m", "scrapy", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def run_crawl(
    spider: str,
    tmp_path: Path,
    *,
    args: dict[str, str] | None = None,
    settings: dict[str, str] | None = None,
    archive: Path | None = None,
    timeout: float = 180,
    allow_traceback: bool = False,
) -> CrawlResult:
    """Run ``scrapy crawl SPIDER`` into a SQLite archive and collect log, stats and records."""
    archive = archive or tmp_path / "archive.sqlite3"
    stats_file = tmp_path / f"stats-{spider}-{len(list(tmp_path.glob('stats-*')))}.json"
    command = ["crawl", spider]
    for name, value in (args or {}).items():
        command += ["-a", f"{name}={value}"]
    merged = {
        **FAST_SETTINGS,
        "ARCHIVE_URI": sqlite_uri(archive),
        "NEWSARCHIVE_STATS_FILE": str(stats_file),
        **(settings or {}),
    }
    for name, value in merged.items():
        command += ["-s", f"{name}={value}"]
    process = run_scrapy(*command, timeout=timeout)
    # A crawl may log errors about bad pages, but code problems (a traceback, an
    # unawaited coroutine, a deprecation) fail the test whatever it asserts.
    problems = [
        line for line in process.stderr.splitlines() if "Traceback" in line or "Warning:" in line
    ]
    assert allow_traceback or not problems, "\n".join(problems) + "\n" + process.stderr[-3000:]
    stats = json.loads(stats_file.read_text()) if stats_file.exists() else {}
    result = CrawlResult(process.returncode, process.stderr, stats, merged["ARCHIVE_URI"])
    if archive.exists():
        store = open_store(result.archive_uri)
        try:
            result.articles = list(store.iter_articles())
        finally:
            store.close()
    return result


class QueuingHTTPServer(ThreadingHTTPServer):
    """A threading test server whose listen queue takes a crawler's burst of connections.

    socketserver's queue of 5 drops the rest, and the crawler tries again a second later.
    """

    request_queue_size = 128


@contextmanager
def scripted_server(respond: Callable[[str], tuple[int, dict[str, str], bytes]]):
    """An HTTP server on 127.0.0.1 whose every answer ``respond(path)`` decides.

    Yields ``(base_url, requested)``: ``requested`` lists the paths asked for, in order.
    """
    requested: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requested.append(self.path)
            status, headers, body = respond(self.path)
            self.send_response(status)
            for name, value in {"Content-Length": str(len(body)), **headers}.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = QueuingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", requested
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


class Crawls:
    """Crawl processes, each in its own process group (a kill takes its workers too);
    whatever is still running on exit is killed."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.running: list[tuple[subprocess.Popen[bytes], Path]] = []

    def __enter__(self) -> Crawls:
        return self

    def __exit__(self, *exc_info: object) -> None:
        for crawl, _ in self.running:
            if crawl.poll() is None:
                os.killpg(crawl.pid, signal.SIGKILL)
            crawl.wait()

    def start(self, command: list[str], name: str) -> subprocess.Popen[bytes]:
        log = self.directory / f"{name}.log"
        with log.open("wb") as stderr:
            crawl = subprocess.Popen(
                command,
                cwd=REPO_ROOT,
                stdout=subprocess.DEVNULL,
                stderr=stderr,
                env={**os.environ, "PYTHONWARNINGS": "default"},
                start_new_session=True,
            )
        self.running.append((crawl, log))
        return crawl

    def log(self, crawl: subprocess.Popen[bytes]) -> str:
        return next(log for c, log in self.running if c is crawl).read_text()

    def finish(self, *crawls: subprocess.Popen[bytes]) -> None:
        """Wait for ``crawls``: each must end with status 0 and a clean log."""
        for crawl in crawls:
            status = crawl.wait(timeout=240)
            log = self.log(crawl)
            assert status == 0, log[-3000:]
            assert "Traceback" not in log, log[-3000:]
            assert "Could not archive" not in log, log[-3000:]
