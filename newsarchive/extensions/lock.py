"""One run at a time per source (or per archive): advisory locks taken before the crawl starts.

Scheduled crawls (cron, systemd timers, Scrapyd) overlap when a run takes longer than
its interval, and many processes on many machines may share one archive, each with
its shard of a sources file. A run of the ``sources`` spider locks each source it is
about to crawl; a run of another spider locks the whole archive. A run that finds a
lock taken exits at once, non-zero, naming what is locked and the run that holds it;
runs with disjoint sources crawl side by side.

The locks die with their process, however it ends (even ``kill -9``), so a crashed run
never leaves a stale lock behind: ``flock(2)`` on files next to a SQLite archive
(``archive.sqlite3.lock``, ``archive.sqlite3.locks/<source>.lock``), released by the
kernel; session advisory locks on a dedicated connection for a PostgreSQL archive,
released by the server when the connection goes.
"""

from __future__ import annotations

import fcntl
import hashlib
import logging
import os
import socket
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import urlsplit

from scrapy import signals
from scrapy.exceptions import NotConfigured

from newsarchive.spiders.base import NewsSpider
from newsarchive.spiders.sources import SourcesSpider
from newsarchive.store import POSTGRES_SCHEMES
from newsarchive.store.base import redacted
from newsarchive.store.sqlite import sqlite_path

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping
    from typing import IO, Self

    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

# The archive-wide lock's name among the advisory locks of a PostgreSQL archive.
ARCHIVE = "archive"


class RunRefusedError(SystemExit):
    """This run must not start: the crawl process exits with status 1.

    A ``SystemExit``, so that it ends the process before anything starts instead of
    failing the crawl with a traceback after the one line that says why (logged).
    """

    def __init__(self, message: str):
        super().__init__(1)
        self.message = message

    def __str__(self) -> str:
        return self.message


class ArchiveLockedError(RunRefusedError):
    """Another run holds a lock this run needs."""


class ArchiveUnreachableError(RunRefusedError):
    """The archive that keeps the locks cannot be reached."""


class Locks(Protocol):
    """A set of named locks taken all at once, or not at all."""

    def acquire(self) -> dict[str, str]:
        """Take every lock, or none: returns the names refused, each with its holder."""

    def where(self, name: str) -> str:
        """Where a lock lives, for messages."""

    def release(self) -> None:
        """Release the locks taken."""


def lock_path_for(uri: str) -> Path | None:
    """The lock file of an archive: ``archive.sqlite3.lock`` beside a SQLite file."""
    if not uri.lower().startswith("sqlite:"):
        return None
    path = sqlite_path(uri)
    return None if path == ":memory:" else Path(f"{path}.lock")


def source_lock_dir(lock_file: Path) -> Path:
    """Where the sources' lock files go: ``archive.sqlite3.locks/`` beside ``….lock``."""
    return lock_file.with_name(f"{lock_file.name}s")


def advisory_key(label: str) -> int:
    """A PostgreSQL advisory lock key: a stable signed 64-bit hash of ``label``."""
    digest = hashlib.sha256(f"newsarchive:{label}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def source_keys(names: Iterable[str]) -> dict[str, int]:
    """The advisory lock keys of sources, by name (apart from the archive's own key)."""
    return {name: advisory_key(f"source:{name}") for name in names}


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class FileLocks:
    """``flock(2)`` on one file per name; each file says which process holds it."""

    def __init__(self, paths: Mapping[str, Path]):
        self.paths = dict(paths)
        self.handles: list[IO[str]] = []

    def acquire(self) -> dict[str, str]:
        """Take every lock, or none: returns the names refused, each with its holder."""
        refused: dict[str, str] = {}
        for name, path in self.paths.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            # Opened without truncating: the holder's pid must survive a failed attempt.
            handle = path.open("a+", encoding="utf-8")
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                handle.seek(0)
                refused[name] = handle.read().strip() or "unknown run"
                handle.close()
                continue
            handle.seek(0)
            handle.truncate()
            handle.write(f"pid {os.getpid()}, started {_now()}\n")
            handle.flush()
            self.handles.append(handle)
        if refused:
            self.release()
        return refused

    def where(self, name: str) -> str:
        return str(self.paths[name])

    def release(self) -> None:
        """Let the next run in (the files stay: removing one would race a waiting run)."""
        for handle in self.handles:
            fcntl.flock(handle, fcntl.LOCK_UN)
            handle.close()
        self.handles = []


class AdvisoryLocks:
    """Session-level ``pg_try_advisory_lock`` per name, on a connection kept for the run."""

    def __init__(self, uri: str, keys: Mapping[str, int]):
        self.uri = uri
        self.keys = dict(keys)
        self.connection: Any = None

    def connect(self) -> Any:
        try:
            import psycopg  # noqa: PLC0415 - an optional driver, for PostgreSQL archives only
        except ImportError:
            raise NotConfigured(
                "locks on a PostgreSQL archive need psycopg: pip install 'newsarchive[postgres]'"
            ) from None
        # Other sessions find the holder of a lock by this name (at most 63 bytes).
        application = f"newsarchive pid {os.getpid()} on {socket.gethostname()}"[:63]
        try:
            connection = psycopg.connect(
                self.uri, autocommit=True, connect_timeout=10, application_name=application
            )
        except psycopg.Error as exc:
            reason = " ".join(str(exc).split())
            raise ArchiveUnreachableError(
                f"Cannot reach the archive {redacted(self.uri)} to take this run's locks"
                f" ({reason}): exiting without crawling"
            ) from None
        if connection.info.server_version >= 140000:
            # An idle session timeout would end the connection, and the locks with it.
            connection.execute("SET idle_session_timeout = 0")
        # A machine that vanishes (no FIN from its kernel) loses its locks within minutes.
        connection.execute("SET tcp_keepalives_idle = 60")
        connection.execute("SET tcp_keepalives_interval = 10")
        connection.execute("SET tcp_keepalives_count = 6")
        return connection

    def acquire(self) -> dict[str, str]:
        """Take every lock, or none: returns the names refused, each with its holder."""
        self.connection = self.connect()
        refused: dict[str, str] = {}
        for name, key in self.keys.items():
            row = self.connection.execute("SELECT pg_try_advisory_lock(%s)", (key,)).fetchone()
            if not row[0]:
                refused[name] = self.holder(key)
        if refused:
            self.release()
        return refused

    def holder(self, key: int) -> str:
        """Who holds an advisory lock: the application name and start of its session."""
        # A bigint key shows in pg_locks as two 32-bit halves, objsubid 1.
        unsigned = key % 2**64
        row = self.connection.execute(
            """
            SELECT a.application_name, a.client_addr, a.backend_start
            FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
              AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
              AND l.classid::bigint = %s AND l.objid::bigint = %s
            """,
            (unsigned >> 32, unsigned & 0xFFFFFFFF),
        ).fetchone()
        if row is None:
            return "unknown run"  # released in between
        # Sessions of other roles show NULLs to a role without pg_read_all_stats.
        application, address, started = row
        who = (application or "").removeprefix("newsarchive ") or "a session of another role"
        if address:
            who += f" from {address}"
        if started:
            who += f", started {started.astimezone(UTC).isoformat(timespec='seconds')}"
        return who

    def where(self, name: str) -> str:
        parts = urlsplit(self.uri)
        database = f"{parts.hostname or 'localhost'}{parts.path}"
        return f"pg_advisory_lock({self.keys[name]}) in {database}"

    def release(self) -> None:
        """Closing the session releases its advisory locks."""
        if self.connection is not None:
            self.connection.close()
            self.connection = None


class ArchiveLock:
    """Hold the locks of a run from crawler start to engine stop.

    The ``sources`` spider locks each source it crawls, other spiders the archive.
    ``NEWSARCHIVE_LOCK_FILE`` names the archive's lock file (by default the archive
    path plus ``.lock``; the sources' lock files go in that name plus ``s``), and is
    needed for an archive that is neither a SQLite file nor PostgreSQL, which take
    advisory locks; ``NEWSARCHIVE_LOCK_ENABLED = False`` turns the locks off. Workers
    sharing a frontier in Redis (``NEWSARCHIVE_REDIS_URL``) take no locks.
    """

    def __init__(self, crawler: Crawler, locks: Locks, sources: list[str] | None):
        self.locks = locks
        self.sources = sources
        self.acquire()
        crawler.signals.connect(self.release, signal=signals.engine_stopped)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        if not settings.getbool("NEWSARCHIVE_LOCK_ENABLED", True):
            raise NotConfigured("NEWSARCHIVE_LOCK_ENABLED is off")
        spider = getattr(crawler, "spider", None)
        if not isinstance(spider, NewsSpider):
            # `scrapy extract` and other commands read, never archive.
            raise NotConfigured("not a newsarchive crawl")
        if settings.get("NEWSARCHIVE_REDIS_URL"):
            # Workers sharing one frontier (newsarchive.distributed) are one crawl of the
            # same sources, started together on purpose: the frontier keeps them apart.
            raise NotConfigured("the frontier is shared: its workers crawl together")
        sources = sorted(spider.sources) if isinstance(spider, SourcesSpider) else None
        uri = settings.get("ARCHIVE_URI", "")
        configured = settings.get("NEWSARCHIVE_LOCK_FILE")
        lock_file = Path(configured) if configured else lock_path_for(uri)
        locks: Locks
        if lock_file is not None:
            if sources is None:
                locks = FileLocks({ARCHIVE: lock_file})
            else:
                directory = source_lock_dir(lock_file)
                locks = FileLocks({name: directory / f"{name}.lock" for name in sources})
        elif urlsplit(uri).scheme.lower() in POSTGRES_SCHEMES:
            keys = {ARCHIVE: advisory_key(ARCHIVE)} if sources is None else source_keys(sources)
            locks = AdvisoryLocks(uri, keys)
        else:
            raise NotConfigured("no lock file for this archive: set NEWSARCHIVE_LOCK_FILE")
        return cls(crawler, locks, sources)

    def acquire(self) -> None:
        """Take the locks, or raise ``ArchiveLockedError`` naming what is held and by whom."""
        try:
            refused = self.locks.acquire()
        except RunRefusedError as exc:
            logger.error(exc.message)
            raise
        if refused:
            message = self.refusal(refused)
            logger.error(message)
            raise ArchiveLockedError(message)
        if self.sources is None:
            logger.info("Holding the archive lock %s", self.locks.where(ARCHIVE))
        elif self.sources:
            logger.info("Holding the locks of sources %s", ", ".join(self.sources))

    def refusal(self, refused: dict[str, str]) -> str:
        if self.sources is None:
            [holder] = refused.values()
            return (
                f"Another newsarchive run holds the archive lock {self.locks.where(ARCHIVE)} "
                f"({holder}): exiting without crawling"
            )
        held = ", ".join(
            f"{name!r} ({holder}; {self.locks.where(name)})" for name, holder in refused.items()
        )
        if len(refused) == 1:
            return f"Another newsarchive run holds source {held}: exiting without crawling"
        return f"Other newsarchive runs hold sources {held}: exiting without crawling"

    def release(self) -> None:
        """Let the next run in."""
        self.locks.release()
