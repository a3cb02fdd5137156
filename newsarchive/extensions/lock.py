"""One run at a time per archive: an advisory lock taken before the crawl starts.

Scheduled crawls (cron, systemd timers) overlap when a run takes longer than its
interval. The second run must not race the first, so it exits at once, non-zero,
saying which run holds the archive. The lock is ``flock(2)`` on a file next to the
SQLite archive: the kernel releases it when its process ends, however it ends
(even ``kill -9``), so a crashed run never leaves a stale lock behind.
"""

from __future__ import annotations

import fcntl
import logging
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from scrapy import signals
from scrapy.exceptions import NotConfigured

from newsarchive.spiders.base import NewsSpider
from newsarchive.store.sqlite import sqlite_path

if TYPE_CHECKING:
    from typing import IO, Self

    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)


class ArchiveLockedError(RuntimeError):
    """Another run holds the archive's lock."""


def lock_path_for(uri: str) -> Path | None:
    """The lock file of an archive: ``archive.sqlite3.lock`` beside a SQLite file."""
    if not uri.lower().startswith("sqlite:"):
        return None
    path = sqlite_path(uri)
    return None if path == ":memory:" else Path(f"{path}.lock")


class ArchiveLock:
    """Hold the archive's lock file from crawler start to engine stop.

    ``NEWSARCHIVE_LOCK_FILE`` names the lock file (by default the archive path
    plus ``.lock``); ``NEWSARCHIVE_LOCK_ENABLED = False`` turns the lock off.
    """

    def __init__(self, crawler: Crawler, path: Path):
        self.path = path
        self.handle: IO[str] | None = None
        self.acquire()
        crawler.signals.connect(self.release, signal=signals.engine_stopped)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        if not settings.getbool("NEWSARCHIVE_LOCK_ENABLED", True):
            raise NotConfigured("NEWSARCHIVE_LOCK_ENABLED is off")
        if not isinstance(getattr(crawler, "spider", None), NewsSpider):
            # `scrapy extract` and other commands read, never archive.
            raise NotConfigured("not a newsarchive crawl")
        configured = settings.get("NEWSARCHIVE_LOCK_FILE")
        path = Path(configured) if configured else lock_path_for(settings.get("ARCHIVE_URI", ""))
        if path is None:
            raise NotConfigured("no lock file for this archive: set NEWSARCHIVE_LOCK_FILE")
        return cls(crawler, path)

    def acquire(self) -> None:
        """Take the lock, or raise ``ArchiveLockedError`` naming the run that holds it."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # Opened without truncating: the holder's pid must survive a failed attempt.
        handle = self.path.open("a+", encoding="utf-8")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown run"
            handle.close()
            message = (
                f"Another newsarchive run holds the archive lock {self.path} ({holder}): "
                "exiting without crawling"
            )
            logger.error(message)
            raise ArchiveLockedError(message) from None
        handle.seek(0)
        handle.truncate()
        started = datetime.now(UTC).isoformat(timespec="seconds")
        handle.write(f"pid {os.getpid()}, started {started}\n")
        handle.flush()
        self.handle = handle
        logger.info("Holding the archive lock %s", self.path)

    def release(self) -> None:
        """Let the next run in (the file stays: removing it would race a waiting run)."""
        if self.handle is not None:
            fcntl.flock(self.handle, fcntl.LOCK_UN)
            self.handle.close()
            self.handle = None
