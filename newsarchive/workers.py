"""Page analysis in a pool of worker processes, so the reactor thread only does I/O.

trafilatura is not safe to run concurrently in threads, and one process can use
one core: pages are handed, as decoded text, to worker processes that parse each
page once and send back its links and article record (small, plain values).
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import ctypes
import itertools
import logging
import os
import signal
import sys
import types
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.context import SpawnContext, SpawnProcess
from typing import TYPE_CHECKING, Any

from newsarchive.extraction import PageAnalysis
from newsarchive.processing import process_page

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Mapping

logger = logging.getLogger(__name__)

# Workers are replaced after this many pages each (EXTRACT_WORKER_MAX_PAGES),
# so that memory a pathological page made one hold is given back in the end.
# Not more often: a new worker pays again for its imports and for what its
# libraries build on first use (dateparser's locale patterns, jusText's
# stoplists), 4-5 s of CPU over its first pages of a mixed corpus, measured
# (bench/worker_lifetime.py). With the heap trimmed (below), a worker's memory
# stayed flat over 3,500 pages.
DEFAULT_PAGES_PER_WORKER = 5000
# Most CPU time a worker may spend on one page (EXTRACT_TIMEOUT). Real news pages
# take tens of milliseconds (the slowest of 1,171 corpus pages 1.5 s, nearly all
# of it dateparser's first use); a 7 MB page of 100,000 tiny elements takes 29 s.
# A page past the limit is skipped, so that one pathological page cannot hold a
# worker (or, with every worker on such pages, the crawl and its run lock)
# indefinitely.
DEFAULT_PAGE_TIME_LIMIT = 60.0
#: The skip reason of a page whose analysis passed the time limit.
TIMED_OUT = "extraction_timeout"
# Every this many pages, a worker hands the C heap's free pages back to the
# system (glibc's malloc_trim): parse trees of large pages leave the heap
# fragmented, and a worker's RSS would otherwise only grow (by 30-40 MB over
# 300 real pages, measured).
TRIM_EVERY = 10


def default_worker_count() -> int:
    """One worker per core this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def worker_count(setting: Any) -> int:
    """``EXTRACT_WORKERS`` as a number: empty means one per core, 0 means in-process."""
    count = _number("EXTRACT_WORKERS", setting, int)
    return default_worker_count() if count is None else int(count)


def pages_per_worker(setting: Any) -> int | None:
    """``EXTRACT_WORKER_MAX_PAGES`` as a number, or None (0: workers are never replaced)."""
    count = _number("EXTRACT_WORKER_MAX_PAGES", setting, int)
    return DEFAULT_PAGES_PER_WORKER if count is None else int(count) or None


def page_time_limit(setting: Any) -> float | None:
    """``EXTRACT_TIMEOUT`` in seconds, or None (0: no limit)."""
    seconds = _number("EXTRACT_TIMEOUT", setting, float)
    return DEFAULT_PAGE_TIME_LIMIT if seconds is None else seconds or None


def _number(name: str, setting: Any, kind: type[int] | type[float]) -> int | float | None:
    """A setting that must be a finite number (whole for ``int``) of 0 or more; None if empty."""
    if setting in (None, ""):
        return None
    try:
        value = kind(setting)
    except (TypeError, ValueError):
        what = "a whole number" if kind is int else "a number"
        raise ValueError(f"{name} must be {what}, not {setting!r}") from None
    if not 0 <= value < float("inf"):  # NaN fails both comparisons
        raise ValueError(f"{name} must be 0 or more, not {setting!r}")
    return value


def _text(html: str | Callable[[], str]) -> str:
    return html if isinstance(html, str) else html()


def _malloc_trim() -> Callable[[int], int] | None:
    try:
        return ctypes.CDLL(None).malloc_trim  # glibc only
    except (AttributeError, OSError):
        return None


_trim = _malloc_trim()
_pages_done = itertools.count(1)


class _PageTimeLimit(BaseException):
    """Raised in a worker when its page passes the time limit.

    Not an ``Exception``: no ``except Exception`` of a library (trafilatura has many)
    may take it for a page error and go on with the page.
    """


_time_limit_armed = False


def _on_time_limit(signum: int, frame: Any) -> None:
    # The timer may expire just as the page ends: once disarmed, it is ignored.
    if _time_limit_armed:
        raise _PageTimeLimit


@contextlib.contextmanager
def _time_limit(seconds: float | None) -> Iterator[None]:
    """Raise ``_PageTimeLimit`` in the block once it has used ``seconds`` of CPU time.

    CPU time, not wall time: on a machine busy with other crawls a page is not
    stopped for waiting its turn.

    The signal is handled between Python bytecodes and within long matches of
    Python's ``re`` (a catastrophic backtrack was stopped at its limit); a single
    call into C (lxml parsing a page) ends first, and pages are bounded by
    ``DOWNLOAD_MAXSIZE``. No limit on systems without ``setitimer`` (Windows).
    """
    global _time_limit_armed  # noqa: PLW0603 - one page at a time per worker process
    if not seconds or not hasattr(signal, "setitimer"):
        yield
        return
    _time_limit_armed = True
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        _time_limit_armed = False
        signal.setitimer(signal.ITIMER_PROF, 0)


def _process_in_worker(
    html: str,
    url: str,
    hints: dict[str, Any],
    *,
    want_links: bool,
    time_limit: float | None = None,
) -> PageAnalysis:
    """``process_page`` in a worker process, within a time limit, giving memory back now and then."""
    try:
        with _time_limit(time_limit):
            return process_page(html, url, hints, want_links=want_links)
    except _PageTimeLimit:
        return PageAnalysis(url=url, skip_reason=TIMED_OUT)
    finally:
        if _trim is not None and next(_pages_done) % TRIM_EVERY == 0:
            _trim(0)


def _prepare_worker() -> None:
    # Workers report through their results; library log lines would reach the
    # terminal unformatted, bypassing Scrapy's log settings.
    logging.basicConfig(handlers=[logging.NullHandler()], force=True)
    # Ctrl+C and a service manager's SIGTERM go to the whole process group: the
    # crawl process shuts its workers down itself once pages in flight are done
    # (and a worker whose parent died exits when its task queue closes).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    if hasattr(signal, "SIGPROF"):
        signal.signal(signal.SIGPROF, _on_time_limit)
    atexit.register(_exit_at_once)


def _exit_at_once() -> None:
    """End a worker without Python's teardown, which frees its heap object by object.

    A warm worker holds large caches (dateparser's locale patterns, jusText's
    stoplists): its teardown took 0.25-0.3 s, and the crawl waits for it when it
    closes its workers (pool shutdown 0.26-0.33 s, 0.02 s without it). Nothing is
    left to finish by then: each result was sent when it was made.
    """
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, OSError, ValueError):  # None, or closed
            stream.flush()
    os._exit(0)


@contextlib.contextmanager
def _main_module_hidden() -> Iterator[None]:
    """Show a blank ``__main__`` to ``multiprocessing`` while a worker is spawned.

    A spawned child runs the parent's main script (or ``-m`` module) again before
    anything else, so that objects defined there can be unpickled. Workers need
    nothing from it, and running it is costly or wrong: ``scrapy crawl``'s console
    script imports all of Scrapy into each worker (0.19 s of CPU and 25 MB more
    each, measured), and a script written as Scrapy's "run from a script" example
    (``CrawlerProcess`` at module level, no ``__main__`` guard) starts another crawl
    in every worker. The blank module is in place for the few milliseconds a spawn
    takes; what the pool's threads pickle meanwhile (pages, and this module's
    functions by reference) never refers to ``__main__``.
    """
    main = sys.modules.get("__main__")
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        if main is None:
            del sys.modules["__main__"]
        else:
            sys.modules["__main__"] = main


class _WorkerProcess(SpawnProcess):
    """A spawned process that starts from the worker code alone, not the crawl's script."""

    @staticmethod
    def _Popen(process_obj: Any) -> Any:
        with _main_module_hidden():
            return SpawnProcess._Popen(process_obj)


class _WorkerContext(SpawnContext):
    """``multiprocessing``'s spawn context, with workers that skip the crawl's script.

    spawn, not fork: the crawl process runs threads (DNS, reactor) that a forked
    child would inherit in an undefined state.
    """

    Process = _WorkerProcess


class PageWorkers:
    """Analyse pages in ``workers`` processes (0: in the calling thread).

    At most ``max_pending`` pages are in the pool at once; callers beyond that
    wait, which holds back Scrapy's scraper and so its downloads: memory stays
    bounded when pages arrive faster than they are analysed. A page that takes a
    worker more than ``time_limit`` seconds of CPU is skipped (``extraction_timeout``),
    and the workers are then replaced: the page was stopped wherever it was, maybe
    inside a library filling a cache.
    """

    def __init__(
        self,
        workers: int,
        max_pending: int | None = None,
        pages_per_worker: int | None = DEFAULT_PAGES_PER_WORKER,
        time_limit: float | None = DEFAULT_PAGE_TIME_LIMIT,
    ):
        self.workers = workers
        self.max_pending = max_pending or max(2, workers * 2)
        self.pages_per_worker = pages_per_worker
        self.time_limit = time_limit
        self._executor: ProcessPoolExecutor | None = None
        self._submitted = 0  # pages given to the current pool
        self._renew = False  # replace the pool before its next page
        self._retired: list[ProcessPoolExecutor] = []
        self._slots: asyncio.Semaphore | None = None

    def start(self) -> None:
        """Start the worker processes and have each load the extraction code."""
        if self.workers == 0 or self._executor is not None:
            return
        self._executor = ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=_WorkerContext(),
            initializer=_prepare_worker,
        )
        self._submitted = 0
        self._renew = False
        for _ in range(self.workers):
            self._executor.submit(int)

    async def analyse(
        self,
        html: str | Callable[[], str],
        url: str,
        hints: Mapping[str, Any] | None = None,
        *,
        want_links: bool = True,
    ) -> PageAnalysis:
        """The links and article record of one page, from a worker process.

        ``html`` may be a function that decodes the page: it is called once a worker
        is free, so that pages waiting their turn are held only as their bytes.
        """
        if self.workers == 0:
            return process_page(_text(html), url, hints, want_links=want_links)
        if self._slots is None:
            self._slots = asyncio.Semaphore(self.max_pending)
        async with self._slots:
            executor = self._pool()
            try:
                self._submitted += 1
                future = executor.submit(
                    _process_in_worker,
                    _text(html),
                    url,
                    dict(hints or {}),
                    want_links=want_links,
                    time_limit=self.time_limit,
                )
                analysis = await asyncio.wrap_future(future)
            except BrokenProcessPool:
                # A worker died (a crash in a parser on a hostile page): the pool
                # cannot be used again, so start a new one and give up on this page.
                logger.error("Extraction worker died while analysing %s; restarting workers", url)
                self._restart(executor)
                return PageAnalysis(url=url, skip_reason="worker_crashed")
        if analysis.skip_reason == TIMED_OUT:
            logger.warning(
                "Analysing %s used over %g s of CPU (EXTRACT_TIMEOUT): skipped; "
                "replacing the workers",
                url,
                self.time_limit,
            )
            # Pages of a pool already replaced leave the current one alone.
            if executor is self._executor:
                self._renew = True
        return analysis

    def _pool(self) -> ProcessPoolExecutor:
        """The pool for the next page: a fresh one once this one has had its pages.

        The whole pool is replaced at once, not worker by worker: with
        ``max_tasks_per_child``, Python's ``ProcessPoolExecutor`` may not replace a
        worker that exits while pages are queued, and the crawl then hangs (CPython
        gh-115634, in Python 3.11 and 3.12).
        """
        if self._executor is not None and (
            self._renew
            or (self.pages_per_worker and self._submitted >= self.pages_per_worker * self.workers)
        ):
            retired, self._executor = self._executor, None
            retired.shutdown(wait=False)  # its pages in flight are finished first
            self._retired.append(retired)
        if self._executor is None:
            self.start()
        assert self._executor is not None
        return self._executor

    def _restart(self, broken: ProcessPoolExecutor) -> None:
        # Every page in flight on the broken pool fails at once: only the first
        # replaces it.
        if self._executor is not broken:
            return
        self._executor = None
        broken.shutdown(wait=False, cancel_futures=True)
        self.start()

    def close(self) -> None:
        """Stop the worker processes."""
        executor, self._executor = self._executor, None
        retired, self._retired = self._retired, []
        for pool in [*retired, executor]:
            if pool is not None:
                pool.shutdown(wait=True, cancel_futures=True)
