"""Cron-safe runs: a second run on a locked archive or source exits at once, non-zero, archive intact."""

from __future__ import annotations

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from urllib.parse import urlsplit

import pytest

from newsarchive.extensions.lock import lock_path_for, source_lock_dir
from newsarchive.sample_site.server import serve_site
from newsarchive.sources import shard_of
from newsarchive.store import StoreError, open_store
from tests.test_sources_crawl import runs_json, write_news_site
from tests.utils import FAST_SETTINGS, REPO_ROOT, run_crawl, run_scrapy, sqlite_uri, wait_until


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


def holds_lock_file(path, pid: int) -> bool:
    return path.exists() and f"pid {pid}," in path.read_text()


def wait_for_lock_holder(path, pid: int) -> None:
    wait_until(lambda: holds_lock_file(path, pid), f"process {pid} never took the lock {path}")


# The first run of an overlap test is slow on purpose, so that it still crawls when the
# second one has started and been refused: robots.txt, a feed and 4 articles, one request
# every 3 s, without Scrapy's random spread of the delay, take 15 s. A refused run plus
# a bare scrapy start took up to 7.4 s on a busy 2-core machine.
SLOW_DELAY = 3
STEADY_DELAY = {"RANDOMIZE_DOWNLOAD_DELAY": "False"}


def assert_exited_at_once(elapsed: float, startup: float) -> None:
    """A refused run took about as long as a scrapy process that does nothing.

    ``startup`` is such a process (``scrapy list``), timed just before. Twice it,
    plus a second, leaves room for the other work of a busy machine (with a test
    process beside this one, a refused run took 4.4 s against 3.0 for ``scrapy
    list``). Waiting for the lock to be released is ruled out apart: the tests check
    that the first run still holds it when the refused one has ended.
    """
    assert elapsed < 2 * startup + 1.0, (elapsed, startup)


def test_an_overlapping_run_exits_at_once_and_leaves_the_archive_intact(tmp_path):
    paths = write_news_site(tmp_path / "site", "Overlap", 4)
    archive = tmp_path / "archive.sqlite3"
    uri = sqlite_uri(archive)
    lock = lock_path_for(uri)
    assert lock is not None and lock.name == "archive.sqlite3.lock"
    with serve_site(tmp_path / "site") as site:
        first = start_crawl(
            "feeds",
            {"urls": site.url("/feed.xml")},
            {
                "ARCHIVE_URI": uri,
                "DOWNLOAD_DELAY": str(SLOW_DELAY),
                "CONCURRENT_REQUESTS_PER_DOMAIN": "1",
                **STEADY_DELAY,
            },
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
            )
            elapsed = time.monotonic() - started
            assert first.poll() is None, "the first run should still be crawling"
        finally:
            _, first_log = first.communicate(timeout=120)
        requests_after = sum(site.requests.values())
    assert second.returncode == 1
    assert f"Another newsarchive run holds the archive lock {lock} (pid {first.pid}, started" in (
        second.log
    )
    assert_exited_at_once(elapsed, startup)
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


# Per-source locks: runs of the `sources` spider lock the sources they crawl.


def write_sources(path, sites: dict[str, str], *, delay: float = 1.0) -> None:
    """A sources file crawling each site's feed, one request a ``delay``: runs take a while."""
    path.write_text(
        "".join(
            f'[[source]]\nname = "{name}"\nfeeds = ["{url}/feed.xml"]\n'
            f"download_delay = {delay}\nconcurrency = 1\n\n"
            for name, url in sites.items()
        )
    )


def postgres_holds_lock(uri: str, pid: int) -> bool:
    """Whether the crawl process ``pid`` holds an advisory lock in the database ``uri``."""
    import psycopg  # noqa: PLC0415 - test dependency of PostgreSQL archives only

    with psycopg.connect(uri, autocommit=True) as conn:
        [count] = conn.execute(
            "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
            " WHERE l.locktype = 'advisory' AND l.granted AND a.application_name LIKE %s",
            (f"newsarchive pid {pid} on %",),
        ).fetchone()
    return count > 0


def wait_for_source_lock(uri: str, source: str, pid: int) -> None:
    """Wait until the crawl process ``pid`` holds the lock of ``source`` in archive ``uri``."""
    lock_file = lock_path_for(uri)

    def holds() -> bool:
        if lock_file is None:
            return postgres_holds_lock(uri, pid)
        return holds_lock_file(source_lock_dir(lock_file) / f"{source}.lock", pid)

    wait_until(holds, f"process {pid} never took the lock of source {source}")


def archived_paths(uri: str) -> list[str]:
    store = open_store(uri)
    try:
        return sorted(urlsplit(article.url).path for article in store.iter_articles())
    finally:
        store.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def archive_uri(request, tmp_path):
    if request.param == "sqlite":
        return sqlite_uri(tmp_path / "archive.sqlite3")
    uri = request.getfixturevalue("postgres_uri")
    try:
        open_store(uri).close()
    except StoreError as exc:
        pytest.skip(f"needs the PostgreSQL archive store: {exc}")
    return uri


def test_a_run_overlapping_a_running_source_exits_at_once(tmp_path, archive_uri):
    alpha_paths = write_news_site(tmp_path / "alpha", "Alpha", 4)
    write_news_site(tmp_path / "beta", "Beta", 2)
    with serve_site(tmp_path / "alpha") as alpha, serve_site(tmp_path / "beta") as beta:
        sources = tmp_path / "sources.toml"
        write_sources(sources, {"alpha": alpha.base_url, "beta": beta.base_url}, delay=SLOW_DELAY)
        settings = {"ARCHIVE_URI": archive_uri}
        first = start_crawl(
            "sources", {"sources": str(sources), "only": "alpha"}, {**settings, **STEADY_DELAY}
        )
        try:
            wait_for_source_lock(archive_uri, "alpha", first.pid)
            started = time.monotonic()
            run_scrapy("list")
            startup = time.monotonic() - started
            started = time.monotonic()
            # Every source: beta is free, alpha is not.
            second = run_crawl(
                "sources",
                tmp_path,
                args={"sources": str(sources)},
                settings=settings,
            )
            elapsed = time.monotonic() - started
            assert first.poll() is None, "the first run should still be crawling"
        finally:
            _, first_log = first.communicate(timeout=120)
        beta_requests = sum(beta.requests.values())
    assert second.returncode == 1
    assert f"Another newsarchive run holds source 'alpha' (pid {first.pid} on " in second.log or (
        f"Another newsarchive run holds source 'alpha' (pid {first.pid}, started" in second.log
    ), second.log[-3000:]
    assert "exiting without crawling" in second.log
    assert_exited_at_once(elapsed, startup)
    assert "Spider opened" not in second.log
    assert beta_requests == 0
    assert first.returncode == 0, first_log[-3000:]
    assert "Holding the locks of sources alpha" in first_log
    assert archived_paths(archive_uri) == sorted(alpha_paths)
    if archive_uri.startswith("sqlite:"):
        db = sqlite3.connect(urlsplit(archive_uri).path[1:])
        try:
            assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        finally:
            db.close()
    [run] = runs_json(archive_uri)
    assert run["finish_reason"] == "finished"


def test_disjoint_shards_crawl_side_by_side(tmp_path):
    # One source in each half of the sources file.
    names = ["alpha", "beta", "gamma", "delta", "epsilon"]
    shard_names = [next(name for name in names if shard_of(name, 2) == i) for i in (0, 1)]
    paths = {name: write_news_site(tmp_path / name, name.title(), 3) for name in shard_names}
    archive = tmp_path / "archive.sqlite3"
    uri = sqlite_uri(archive)
    with (
        serve_site(tmp_path / shard_names[0]) as one,
        serve_site(tmp_path / shard_names[1]) as two,
    ):
        sources = tmp_path / "sources.toml"
        write_sources(sources, {shard_names[0]: one.base_url, shard_names[1]: two.base_url})
        runs = [
            start_crawl(
                "sources", {"sources": str(sources), "shard": f"{i}/2"}, {"ARCHIVE_URI": uri}
            )
            for i in (0, 1)
        ]
        try:
            for name, run in zip(shard_names, runs, strict=True):
                wait_for_source_lock(uri, name, run.pid)
            assert all(run.poll() is None for run in runs), "both shards should be crawling"
        finally:
            logs = [run.communicate(timeout=120)[1] for run in runs]
    for name, run, log in zip(shard_names, runs, logs, strict=True):
        assert run.returncode == 0, log[-3000:]
        assert f"Holding the locks of sources {name}\n" in log
    assert archived_paths(uri) == sorted(paths[shard_names[0]] + paths[shard_names[1]])
    db = sqlite3.connect(archive)
    try:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        db.close()


# Two processes contending for the same sources' locks, without a crawl.
HOLD_LOCKS = """
import json, sys
from pathlib import Path
from newsarchive.extensions.lock import AdvisoryLocks, FileLocks, source_keys
where, names = sys.argv[1], sys.argv[2:]
if where.startswith("postgresql:"):
    locks = AdvisoryLocks(where, source_keys(names))
else:
    locks = FileLocks({name: Path(where) / f"{name}.lock" for name in names})
print(json.dumps(locks.acquire()), flush=True)
sys.stdin.read()  # held until the test closes stdin (or kills the process)
"""


def hold_locks(where: str, *names: str) -> tuple[subprocess.Popen, dict[str, str]]:
    """A process that takes the locks of sources ``names`` and keeps them; and its refusals.

    ``where`` is a PostgreSQL archive (advisory locks) or a directory (lock files).
    """
    process = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCKS, where, *names],
        cwd=REPO_ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    assert line, f"the locking process exited with status {process.wait()}"
    return process, json.loads(line)


def let_go(process: subprocess.Popen) -> None:
    process.communicate(timeout=10)


@pytest.fixture(params=["files", "postgresql"])
def locks_home(request, tmp_path):
    if request.param == "files":
        return str(tmp_path / "archive.sqlite3.locks")
    return request.getfixturevalue("postgres_uri")


def test_one_process_at_a_time_holds_a_source_lock(locks_home):
    first, refused = hold_locks(locks_home, "alpha")
    assert refused == {}
    try:
        # Overlapping sources: refused, naming the holder, and nothing is kept.
        second, refused = hold_locks(locks_home, "alpha", "beta")
        try:
            assert list(refused) == ["alpha"]
            holder = refused["alpha"]
            if locks_home.startswith("postgresql:"):
                assert holder.startswith(f"pid {first.pid} on {socket.gethostname()}"), holder
            else:
                assert holder.startswith(f"pid {first.pid},"), holder
            assert ", started 20" in holder
            # Disjoint sources, while both processes live: beta was let go.
            third, refused = hold_locks(locks_home, "beta")
            assert refused == {}
            let_go(third)
        finally:
            let_go(second)
    finally:
        # kill -9: the kernel (or the server, with the session) drops the locks.
        first.send_signal(signal.SIGKILL)
        let_go(first)
    deadline = time.monotonic() + 10
    while True:
        after, refused = hold_locks(locks_home, "alpha")
        let_go(after)
        if not refused or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    assert refused == {}


def test_a_postgresql_archive_out_of_reach_stops_the_run_with_one_line(tmp_path):
    unreachable = "postgresql://crawler:secret@127.0.0.1:1/newsarchive"
    result = run_crawl(
        "urls", tmp_path, args={"urls": "http://127.0.0.1:1/story"},
        settings={"ARCHIVE_URI": unreachable},
    )  # fmt: skip
    assert result.returncode == 1
    [line] = [line for line in result.log.splitlines() if "Cannot reach the archive" in line]
    assert "postgresql://crawler:***@127.0.0.1:1/newsarchive" in line
    assert "secret" not in line
    assert "Spider opened" not in result.log
