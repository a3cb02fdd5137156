"""Crawl throughput: newsarchive against the naive Scrapy spider, trafilatura's CLI and a bound.

Builds a local mirror of real news pages from ``../shared/corpus`` (see
``bench/_mirror.py``: a home page, paginated section listings and 600 corpus pages,
each with a block of links to a few others, so a recursive crawl finds every page),
serves it from a separate process on 127.0.0.1 with no delays, and measures on the
same pages, in one run:

1. ``newsarchive``: ``scrapy crawl site`` with the project's defaults, politeness off
   because the server is local (``AUTOTHROTTLE_ENABLED=False DOWNLOAD_DELAY=0
   CONCURRENT_REQUESTS_PER_DOMAIN=32 ROBOTSTXT_OBEY=False``), into a fresh SQLite
   archive, run from the project root;
2. ``newsarchive-w1``: the same with ``EXTRACT_WORKERS=1``;
3. ``naive``: ``scrapy runspider bench/_naive_spider.py`` (follows links, calls
   ``trafilatura.extract(..., with_metadata=True, output_format="json")`` in its
   callback, JSON Lines through ``FEEDS``), same concurrency, no project settings;
4. ``trafilatura-cli``: ``trafilatura -i urls.txt -o DIR --parallel 32 --output-format
   json --with-metadata --config-file CFG``, where CFG sets ``SLEEP_TIME = 0`` (no
   per-host pause) and ``SSRF_PROTECTION = off`` (else 127.0.0.1 is refused). Its
   download queue still hands out one URL per host at a time, so on one host it
   fetches and extracts one page after the other whatever ``--parallel`` says;
5. ``bound``: ``trafilatura.extract`` (same call as 3) of the same pages, as served,
   from memory in a ``ProcessPoolExecutor`` with one worker per core (started and
   warmed up before the clock starts): no network, no storage;
6. ``analyse-bound``: the same with newsarchive's ``process_page``, the unit of work
   of variant 1, to tell crawl overhead from extraction cost.

Figures, per variant (numbered as above), are medians over ``--repeats``:

* **pages**: corpus pages fetched (requests the server answered for them; listing
  pages are fetched by the crawlers too but not counted), or extracted for the bounds;
* **pages/s**: pages ÷ wall time of the process, start-up and shut-down included;
* **CPU s/page**: user + system time of the process and all its child processes
  (``getrusage(RUSAGE_CHILDREN)`` deltas), ÷ pages; the server's own CPU is shown
  apart (``srv CPU``); for the bounds, the workers' CPU per page plus the parent's;
* **main**: the part of CPU s/page spent in the top process itself (the crawl
  process, not its extraction workers), from the psutil samples;
* **cores**: CPU time ÷ wall time, how many cores the variant kept busy on average
  (on a machine shared with other work, also how much of it the variant got);
* **peak RSS**: largest sum of RSS over the process tree, sampled every 50 ms with
  psutil (without psutil: ``ru_maxrss``, the largest single process);
* **records**: what the variant wrote (archived articles, JSON lines, files, results);
* **other req**: requests for paths the mirror does not have (404s);
* **errors**: log records at ERROR or above (and, for trafilatura's CLI, its "No
  result for URL" warnings); for the bounds, pages whose extraction raised;
* **srv CPU/page**: the server process's CPU per page while the variant ran.

Ratios are medians of the per-repeat ratios of pages/s (each repeat runs the variants
back to back, starting one variant later each time). Targets on a 2-core machine:
(1) ≥ 1.7 × (3), faster than (4), ≥ 85 % of (5), peak RSS of (1) under 500 MB. They
are reported, not enforced: the exit status is non-zero only when something failed to
run. On a shared machine the figures move with its load: compare variants within one
run, with several repeats, and read the load averages printed with them.

Usage (from anywhere; psutil gives the RSS and server figures: ``pip install psutil``)::

    python bench/throughput.py                  # 600 pages, 3 repeats: ~6 min on 2 idle cores
    python bench/throughput.py --quick          # 120 pages, 1 repeat: a smoke run, ~1 min
    python bench/throughput.py --repeats 5 --json bench/data/throughput.json

Options: ``--pages N`` (600), ``--repeats N`` (3, 1 with ``--quick``), ``--variants
a,b`` (all, by the names above), ``--concurrency N`` (32), ``--workers N`` (the
bounds' pool, one per core), ``--timeout S`` (per run, 900), ``--json FILE`` (figures
as JSON),
``--keep DIR`` (keep the mirror, logs and outputs in DIR, e.g. ``bench/data/run``,
instead of a temporary directory).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import platform
import re
import resource
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from functools import partial
from importlib.metadata import version
from pathlib import Path
from typing import IO, Any, TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _mirror import ROOT, Mirror, build_mirror

# The analyse-bound workers import newsarchive from the project root.
sys.path.insert(0, str(ROOT))

try:
    import psutil
except ImportError:  # the figures degrade to ru_maxrss and no server CPU
    psutil = None

VARIANTS = (
    "newsarchive",
    "newsarchive-w1",
    "naive",
    "trafilatura-cli",
    "bound",
    "analyse-bound",
)
FETCHING_VARIANTS = {"newsarchive", "newsarchive-w1", "naive", "trafilatura-cli"}
NAIVE_SPIDER = Path(__file__).resolve().parent / "_naive_spider.py"
RSS_INTERVAL = 0.05
# Log records at ERROR or above, in Scrapy's and in trafilatura's (logging's default) format.
_ERROR_LINE = re.compile(
    r"^(?:\S+ \S+ \[[^\]]+\] (?:ERROR|CRITICAL):|(?:ERROR|CRITICAL):)", re.MULTILINE
)
_WARNING_LINE = re.compile(r"^\S+ \S+ \[[^\]]+\] WARNING:", re.MULTILINE)
# Scrapy reads these to find a project; the naive spider must run without one.
_PROJECT_ENV = ("SCRAPY_SETTINGS_MODULE", "SCRAPY_PROJECT", "SCRAPY_PYTHON_SHELL")

TARGET_NAIVE = 1.7
TARGET_BOUND = 0.85
TARGET_RSS_MB = 500


class RunFailed(Exception):
    """A variant could not be run to the end."""


@dataclass
class Run:
    """The figures of one run of one variant."""

    variant: str
    wall: float
    cpu: float
    peak_rss: int | None
    pages: int
    records: int
    other_requests: int = 0
    errors: int = 0
    server_cpu: float | None = None
    main_cpu: float | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.wall if self.wall else 0.0

    @property
    def cpu_per_page(self) -> float:
        return self.cpu / self.pages if self.pages else float("nan")


RunT = TypeVar("RunT", bound=Run)


class MirrorServer:
    """The mirror served by ``bench/_mirror.py`` in a child process, with request counts."""

    def __init__(self, root: Path):
        self.process = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve().parent / "_mirror.py"), str(root)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None and self.process.stdin is not None
        self._stdin: IO[str] = self.process.stdin
        self._stdout: IO[str] = self.process.stdout
        self.base_url = self._stdout.readline().strip()
        if not self.base_url.startswith("http://"):
            self.close()
            raise RunFailed("the mirror server did not start")

    def counts(self) -> dict[str, int]:
        """Requests per path since the previous call."""
        self._stdin.write("counts\n")
        self._stdin.flush()
        return json.loads(self._stdout.readline())

    def cpu_seconds(self) -> float | None:
        if psutil is None:
            return None
        times = psutil.Process(self.process.pid).cpu_times()
        return times.user + times.system

    def close(self) -> None:
        if self.process.stdin:
            self.process.stdin.close()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


class RssSampler:
    """Track the largest total RSS of a set of processes, sampled in a thread."""

    def __init__(self, processes: Callable[[], list[Any]]):
        self._processes = processes
        self.peak = 0
        # CPU seconds each process was last seen with: a cross-check of getrusage,
        # which misses descendants that their parent never waited for.
        self.cpu_seen: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        assert psutil is not None
        while not self._stop.is_set():
            total = 0
            for process in self._processes():
                with suppress(psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
                    total += process.memory_info().rss
                    times = process.cpu_times()
                    self.cpu_seen[process.pid] = times.user + times.system
            self.peak = max(self.peak, total)
            self._stop.wait(RSS_INTERVAL)

    def __enter__(self) -> RssSampler:
        if psutil is not None:
            self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()


def process_tree(pid: int) -> Callable[[], list[Any]]:
    """A callable listing a process and its descendants (psutil objects)."""
    assert psutil is not None
    root = psutil.Process(pid)

    def listing() -> list[Any]:
        try:
            return [root, *root.children(recursive=True)]
        except psutil.NoSuchProcess:
            return []

    return listing


@dataclass
class ProcessFigures:
    wall: float
    cpu: float
    peak_rss: int | None
    log: str
    notes: list[str]
    main_cpu: float | None
    # Last CPU seconds sampled per process of the tree, by pid.
    cpu_seen: dict[int, float] = field(default_factory=dict)


def children_cpu() -> tuple[float, int]:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024


def run_process(
    command: list[str], cwd: Path, log_path: Path, timeout: float, env: dict[str, str]
) -> ProcessFigures:
    """Run a command to its end, measuring wall time, CPU of its tree and peak RSS."""
    cpu_before, _ = children_cpu()
    started = time.perf_counter()
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        tree = process_tree(process.pid) if psutil is not None else list
        with RssSampler(tree) as sampler:
            try:
                returncode = process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
                raise RunFailed(f"timed out after {timeout:.0f} s (log: {log_path})") from None
    wall = time.perf_counter() - started
    cpu_after, max_rss = children_cpu()
    text = log_path.read_text("utf-8", errors="replace")
    if returncode != 0:
        tail = "\n".join(text.splitlines()[-15:])
        raise RunFailed(f"exit status {returncode} (log: {log_path})\n{tail}")
    peak = sampler.peak if psutil is not None else max_rss
    cpu = cpu_after - cpu_before
    notes = []
    warnings = len(_WARNING_LINE.findall(text))
    if warnings:
        notes.append(f"WARNING records in the log (see runs/*/log.txt with --keep): {warnings}")
    seen = sum(sampler.cpu_seen.values())
    if seen > cpu * 1.05:
        notes.append(f"CPU from psutil samples ({seen:.1f} s > getrusage {cpu:.1f} s)")
        cpu = seen
    return ProcessFigures(
        wall, cpu, peak, text, notes, sampler.cpu_seen.get(process.pid), dict(sampler.cpu_seen)
    )


def subprocess_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in _PROJECT_ENV}


@dataclass
class Bench:
    """Everything the variants share: the mirror, its server, options and a work directory."""

    mirror: Mirror
    server: MirrorServer
    work: Path
    url_list: Path
    concurrency: int
    workers: int
    timeout: float
    pages_in_memory: list[tuple[str, str]] = field(default_factory=list)
    runs: int = 0

    @property
    def page_paths(self) -> set[str]:
        return {page.path for page in self.mirror.pages}

    def run_dir(self, variant: str) -> Path:
        self.runs += 1
        path = self.work / "runs" / f"{self.runs:02d}-{variant}"
        path.mkdir(parents=True)
        return path

    def served(self, run: Run) -> Run:
        """Fill in a run's page and request counts from the server."""
        counts = self.server.counts()
        pages = self.page_paths
        known = set(self.mirror.all_paths)
        run.pages = sum(1 for path in counts if path in pages)
        run.other_requests = sum(n for path, n in counts.items() if path not in known)
        repeated = sum(n - 1 for path, n in counts.items() if path in pages and n > 1)
        if repeated:
            run.notes.append(f"{repeated} repeated requests for corpus pages")
        return run


def crawl_settings(concurrency: int) -> dict[str, str]:
    return {
        "AUTOTHROTTLE_ENABLED": "False",
        "DOWNLOAD_DELAY": "0",
        "CONCURRENT_REQUESTS": str(concurrency),
        "CONCURRENT_REQUESTS_PER_DOMAIN": str(concurrency),
        "ROBOTSTXT_OBEY": "False",
    }


def run_newsarchive(bench: Bench, extra: dict[str, str], variant: str) -> Run:
    work = bench.run_dir(variant)
    stats_file = work / "stats.json"
    settings = {
        **crawl_settings(bench.concurrency),
        "ARCHIVE_URI": f"sqlite:///{work / 'archive.sqlite3'}",
        "NEWSARCHIVE_STATS_FILE": str(stats_file),
        **extra,
    }
    # newsarchive's CONCURRENT_REQUESTS is already 32; only pass what differs from it.
    if bench.concurrency == 32:
        del settings["CONCURRENT_REQUESTS"]
    command = [sys.executable, "-m", "scrapy", "crawl", "site"]
    command += ["-a", f"urls={bench.server.base_url}/"]
    command += ["-a", f"max_pages={len(bench.mirror.all_paths) + 100}"]
    for name, value in settings.items():
        command += ["-s", f"{name}={value}"]
    figures = run_process(command, ROOT, work / "log.txt", bench.timeout, subprocess_env())
    stats = json.loads(stats_file.read_text("utf-8")) if stats_file.exists() else {}
    archived = sum(
        value
        for key, value in stats.items()
        if key.startswith("newsarchive/archive/") and key != "newsarchive/archive/error"
    )
    run = Run(
        variant,
        figures.wall,
        figures.cpu,
        figures.peak_rss,
        pages=0,
        records=archived,
        errors=len(_ERROR_LINE.findall(figures.log)),
        notes=figures.notes,
        main_cpu=figures.main_cpu,
    )
    if not stats:
        run.notes.append("no stats file written")
    if "newsarchive/site/page_budget_reached" in stats:
        run.notes.append("page budget reached")
    return bench.served(run)


def run_naive(bench: Bench) -> Run:
    work = bench.run_dir("naive")
    feed = work / "items.jsonl"
    settings = {
        **crawl_settings(bench.concurrency),
        "FEEDS": json.dumps({str(feed): {"format": "jsonlines"}}),
        "LOG_LEVEL": "INFO",
    }
    command = [sys.executable, "-m", "scrapy", "runspider", str(NAIVE_SPIDER)]
    command += ["-a", f"home={bench.server.base_url}/"]
    for name, value in settings.items():
        command += ["-s", f"{name}={value}"]
    # Scrapy looks for a scrapy.cfg in the working directory and its parents: run
    # outside the project (and outside a --keep directory inside it), with no settings.
    with tempfile.TemporaryDirectory(prefix="newsarchive-naive-") as outside:
        figures = run_process(
            command, Path(outside), work / "log.txt", bench.timeout, subprocess_env()
        )
    if "newsarchive" in figures.log.split("Spider opened", 1)[0]:
        raise RunFailed(f"the naive spider ran with newsarchive's settings (log: {work})")
    records = len(feed.read_text("utf-8").splitlines()) if feed.exists() else 0
    run = Run(
        "naive",
        figures.wall,
        figures.cpu,
        figures.peak_rss,
        pages=0,
        records=records,
        errors=len(_ERROR_LINE.findall(figures.log)),
        notes=figures.notes,
        main_cpu=figures.main_cpu,
    )
    return bench.served(run)


TRAFILATURA_CONFIG = """\
[DEFAULT]
# No pause between two requests to the same host: the server is local.
SLEEP_TIME = 0
# The mirror is on 127.0.0.1, which SSRF protection refuses.
SSRF_PROTECTION = off
"""


def trafilatura_command() -> list[str]:
    found = shutil.which("trafilatura") or str(Path(sys.executable).parent / "trafilatura")
    if Path(found).exists():
        return [found]
    return [sys.executable, "-c", "from trafilatura.cli import main; main()"]


def run_trafilatura_cli(bench: Bench) -> Run:
    work = bench.run_dir("trafilatura-cli")
    config = work / "settings.cfg"
    config.write_text(TRAFILATURA_CONFIG, encoding="utf-8")
    output = work / "out"
    command = [*trafilatura_command(), "-i", str(bench.url_list), "-o", str(output)]
    command += ["--parallel", str(bench.concurrency), "--output-format", "json"]
    command += ["--with-metadata", "--config-file", str(config)]
    figures = run_process(command, work, work / "log.txt", bench.timeout, subprocess_env())
    records = sum(1 for path in output.rglob("*") if path.is_file()) if output.exists() else 0
    errors = len(_ERROR_LINE.findall(figures.log)) + figures.log.count("No result for URL")
    run = Run(
        "trafilatura-cli",
        figures.wall,
        figures.cpu,
        figures.peak_rss,
        pages=0,
        records=records,
        errors=errors,
        notes=figures.notes,
        main_cpu=figures.main_cpu,
    )
    return bench.served(run)


# Outcomes of one page in a bound's worker: a record, no record, or an exception.
RECORD, NO_RECORD, FAILED = "record", "none", "failed"
PageOutcome = tuple[str, float]


def _extract_with_trafilatura(page: tuple[str, str]) -> PageOutcome:
    import trafilatura  # noqa: PLC0415 - imported in the worker process

    started = time.process_time()
    try:
        document = trafilatura.extract(
            page[0], url=page[1], with_metadata=True, output_format="json"
        )
    except Exception:  # a failing page is counted, the bound goes on
        return FAILED, time.process_time() - started
    return (RECORD if document else NO_RECORD), time.process_time() - started


def _analyse_with_newsarchive(page: tuple[str, str]) -> PageOutcome:
    from newsarchive.processing import process_page  # noqa: PLC0415 - in the worker process

    started = time.process_time()
    try:
        analysis = process_page(page[0], page[1], want_links=True)
    except Exception:  # a failing page is counted, the bound goes on
        return FAILED, time.process_time() - started
    return (RECORD if analysis.item else NO_RECORD), time.process_time() - started


def _warm_up(function: Callable[[tuple[str, str]], PageOutcome]) -> int:
    function(("<html><body><p>warm up</p></body></html>", "http://127.0.0.1/"))
    return os.getpid()


def run_bound(
    bench: Bench, variant: str, function: Callable[[tuple[str, str]], PageOutcome]
) -> Run:
    pages = bench.pages_in_memory
    # Spawned, not forked: workers do not share (and count in their RSS) the pages
    # this process holds.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=bench.workers, mp_context=context) as pool:
        worker_pids = set(pool.map(_warm_up, [function] * bench.workers * 4))

        def workers() -> list[Any]:
            assert psutil is not None
            return [psutil.Process(pid) for pid in worker_pids]

        self_before = resource.getrusage(resource.RUSAGE_SELF)
        started = time.perf_counter()
        with RssSampler(workers) as sampler:
            results = list(pool.map(function, pages, chunksize=4))
        wall = time.perf_counter() - started
        self_after = resource.getrusage(resource.RUSAGE_SELF)
    parent_cpu = (self_after.ru_utime - self_before.ru_utime) + (
        self_after.ru_stime - self_before.ru_stime
    )
    run = Run(
        variant,
        wall,
        parent_cpu + sum(cpu for _, cpu in results),
        sampler.peak if psutil is not None else None,
        pages=len(pages),
        records=sum(1 for outcome, _ in results if outcome == RECORD),
        errors=sum(1 for outcome, _ in results if outcome == FAILED),
    )
    if len(worker_pids) < bench.workers:
        run.notes.append(f"only {len(worker_pids)} of {bench.workers} workers warmed up")
    return run


def run_variant(bench: Bench, variant: str) -> Run:
    if variant == "newsarchive":
        return run_newsarchive(bench, {}, variant)
    if variant == "newsarchive-w1":
        return run_newsarchive(bench, {"EXTRACT_WORKERS": "1"}, variant)
    if variant == "naive":
        return run_naive(bench)
    if variant == "trafilatura-cli":
        return run_trafilatura_cli(bench)
    if variant == "bound":
        return run_bound(bench, variant, _extract_with_trafilatura)
    if variant == "analyse-bound":
        return run_bound(bench, variant, _analyse_with_newsarchive)
    raise ValueError(f"unknown variant {variant!r}")


def measure(bench: Bench, variant: str) -> Run:
    """Run a variant once; for those that fetch from the server, add the server's CPU."""
    bench.server.counts()  # forget requests made between runs
    before = bench.server.cpu_seconds()
    run = run_variant(bench, variant)
    after = bench.server.cpu_seconds()
    if variant in FETCHING_VARIANTS and before is not None and after is not None:
        run.server_cpu = after - before
    return run


def usable_cores() -> int:
    """Cores this process may run on (what newsarchive's default worker count uses)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def machine() -> dict[str, Any]:
    model = "unknown"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S UTC"),
        "cores": os.cpu_count(),
        "usable_cores": usable_cores(),
        "cpu": model,
        "python": platform.python_version(),
        "scrapy": version("scrapy"),
        "trafilatura": version("trafilatura"),
        "lxml": version("lxml"),
        "psutil": version("psutil") if psutil is not None else None,
        "loadavg_start": load_average(),
    }


def load_average() -> str | None:
    path = Path("/proc/loadavg")
    return " ".join(path.read_text().split()[:3]) if path.exists() else None


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def summarise(variant: str, runs: list[Run]) -> dict[str, Any]:
    def spread(counts: list[int]) -> int | str:
        return counts[0] if len(set(counts)) == 1 else f"{min(counts)}–{max(counts)}"

    rss = [r.peak_rss for r in runs if r.peak_rss is not None]
    server = [r.server_cpu / r.pages for r in runs if r.server_cpu is not None and r.pages]
    main = [r.main_cpu / r.pages for r in runs if r.main_cpu is not None and r.pages]
    return {
        "variant": variant,
        "repeats": len(runs),
        "pages": spread([r.pages for r in runs]),
        "pages_per_second": median([r.pages_per_second for r in runs]),
        "wall_seconds": median([r.wall for r in runs]),
        "cpu_seconds_per_page": median([r.cpu_per_page for r in runs]),
        "cores_busy": median([r.cpu / r.wall for r in runs if r.wall]),
        "peak_rss_mb": median(rss) / 2**20 if rss else None,
        "records": spread([r.records for r in runs]),
        "other_requests": spread([r.other_requests for r in runs]),
        "errors": spread([r.errors for r in runs]),
        "server_cpu_seconds_per_page": median(server) if server else None,
        "main_cpu_seconds_per_page": median(main) if main else None,
        "notes": sorted({note for r in runs for note in r.notes}),
    }


def paired_ratio(
    runs: dict[str, list[Run]], top: str, bottom: str, figure: Callable[[Run], float]
) -> float | None:
    pairs = [
        figure(a) / figure(b)
        for a, b in zip(runs.get(top, []), runs.get(bottom, []), strict=False)
        if figure(b)
    ]
    return median(pairs) if pairs else None


@dataclass(frozen=True)
class Comparison:
    """A ratio of pages/s between two variants, and its target if it has one."""

    name: str
    top: str
    bottom: str
    target: float | None = None
    strictly: bool = False  # "faster than" (> target) rather than "at least" (>= target)


COMPARISONS = (
    Comparison("(1)/(3) newsarchive ÷ naive", "newsarchive", "naive", TARGET_NAIVE),
    Comparison(
        "(1)/(4) newsarchive ÷ trafilatura CLI", "newsarchive", "trafilatura-cli", 1.0, True
    ),
    Comparison("(1)/(5) newsarchive ÷ bound", "newsarchive", "bound", TARGET_BOUND),
    Comparison("(1)/(6) newsarchive ÷ analyse-bound", "newsarchive", "analyse-bound"),
    Comparison("(1)/(2) newsarchive ÷ 1 worker", "newsarchive", "newsarchive-w1"),
    Comparison("(2)/(3) 1 worker ÷ naive", "newsarchive-w1", "naive"),
)


def ratios(runs: dict[str, list[Run]], summaries: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The comparisons that the variants run allow, with targets met or missed."""

    def speed(run: Run) -> float:
        return run.pages_per_second

    found: dict[str, Any] = {}
    for comparison in COMPARISONS:
        value = paired_ratio(runs, comparison.top, comparison.bottom, speed)
        if value is None:
            continue
        entry: dict[str, Any] = {"value": value, "target": None}
        if comparison.target is not None:
            met = value > comparison.target if comparison.strictly else value >= comparison.target
            sign = ">" if comparison.strictly else "≥"
            entry.update(target=f"{sign} {comparison.target}", met=met)
        found[comparison.name] = entry
    rss = summaries.get("newsarchive", {}).get("peak_rss_mb")
    if rss is not None:
        found["(1) peak RSS, MB"] = {
            "value": rss,
            "target": f"< {TARGET_RSS_MB}",
            "met": rss < TARGET_RSS_MB,
        }
    return found


def label(variant: str) -> str:
    """A variant's name with its number, as the docstring numbers them."""
    return f"({VARIANTS.index(variant) + 1}) {variant}"


def format_report(
    info: dict[str, Any], summaries: list[dict[str, Any]], found: dict[str, Any]
) -> str:
    lines = [
        f"command: {info['command']}",
        f"machine: {info['cores']} cores ({info['usable_cores']} usable), {info['cpu']}; "
        f"Python {info['python']}, Scrapy {info['scrapy']}, trafilatura {info['trafilatura']}, "
        f"lxml {info['lxml']}, psutil {info['psutil'] or 'absent (RSS = ru_maxrss)'}",
        f"date: {info['date']}; load average at start {info['loadavg_start']}, "
        f"at end {info.get('loadavg_end')}",
        f"mirror: {info['mirror_pages']} corpus pages + {info['mirror_listings']} listing "
        f"pages + home; repeats: {info['repeats']}; concurrency {info['concurrency']}; "
        f"bound workers {info['workers']}",
        "",
    ]
    header = (
        f"{'variant':<20}{'pages':>8}{'pages/s':>9}{'wall s':>8}{'CPU s/page':>11}{'main':>7}{'cores':>6}"
        f"{'peak RSS MB':>12}{'records':>9}{'other req':>10}{'errors':>8}{'srv CPU/page':>13}"
    )
    lines += [header, "-" * len(header)]
    for s in summaries:
        rss = "-" if s["peak_rss_mb"] is None else f"{s['peak_rss_mb']:.0f}"
        server = s["server_cpu_seconds_per_page"]
        main = s["main_cpu_seconds_per_page"]
        lines.append(
            f"{label(s['variant']):<20}{s['pages']!s:>8}{s['pages_per_second']:>9.1f}"
            f"{s['wall_seconds']:>8.1f}{s['cpu_seconds_per_page']:>11.4f}"
            f"{'-' if main is None else f'{main:.4f}':>7}"
            f"{s['cores_busy']:>6.2f}{rss:>12}"
            f"{s['records']!s:>9}{s['other_requests']!s:>10}{s['errors']!s:>8}"
            f"{'-' if server is None else f'{server:.4f}':>13}"
        )
    notes = [f"  {s['variant']}: {'; '.join(s['notes'])}" for s in summaries if s["notes"]]
    if notes:
        lines += ["", "notes:", *notes]
    if found:
        lines += ["", "ratios of pages/s (median of per-repeat ratios) and targets:"]
        for name, entry in found.items():
            verdict = ""
            if entry["target"] is not None:
                verdict = f"   target {entry['target']}: {'met' if entry['met'] else 'MISSED'}"
            lines.append(f"  {name:<38}{entry['value']:>8.2f}{verdict}")
    return "\n".join(lines)


KEEP_MARKER = ".newsarchive-throughput"


@contextmanager
def work_directory(keep: Path | None) -> Iterator[Path]:
    """A temporary work directory, or ``keep`` emptied (only if a previous run made it)."""
    if keep is not None:
        if keep.exists() and any(keep.iterdir()):
            if not (keep / KEEP_MARKER).exists():
                raise SystemExit(f"--keep {keep}: not empty and not made by this benchmark")
            shutil.rmtree(keep)
        keep.mkdir(parents=True, exist_ok=True)
        (keep / KEEP_MARKER).touch()
        yield keep.resolve()
        return
    with tempfile.TemporaryDirectory(prefix="newsarchive-throughput-") as temporary:
        yield Path(temporary)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--pages", type=int, help="corpus pages in the mirror (600)")
    parser.add_argument("--repeats", type=int, help="runs of each variant (3; 1 with --quick)")
    parser.add_argument("--quick", action="store_true", help="120 pages, 1 repeat: a smoke run")
    parser.add_argument("--variants", default=",".join(VARIANTS), help="comma-separated")
    parser.add_argument("--concurrency", type=int, default=32, help="requests in flight (32)")
    parser.add_argument("--workers", type=int, default=usable_cores(), help="bounds' pool")
    parser.add_argument("--timeout", type=float, default=900, help="seconds per run (900)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--keep", type=Path, help="work in this directory and keep it")
    args = parser.parse_args(argv)
    args.pages = args.pages or (120 if args.quick else 600)
    args.repeats = args.repeats or (1 if args.quick else 3)
    args.variants = [v.strip() for v in args.variants.split(",") if v.strip()]
    unknown = set(args.variants) - set(VARIANTS)
    if unknown:
        parser.error(f"unknown variants {sorted(unknown)}; known: {', '.join(VARIANTS)}")
    return args


def run_rounds(
    names: list[str],
    repeats: int,
    measure_one: Callable[[str], RunT],
    runs: dict[str, list[RunT]],
    failures: list[str],
) -> None:
    """Measure every variant ``repeats`` times into ``runs``; a variant that fails to run
    is named in ``failures`` and not run again."""
    for repeat in range(1, repeats + 1):
        # Each repeat starts one variant later, so none always runs first or last.
        shift = (repeat - 1) % len(names)
        for name in names[shift:] + names[:shift]:
            if name in failures:
                continue
            try:
                run = measure_one(name)
            except (RunFailed, OSError, RuntimeError, ValueError) as error:
                failures.append(name)
                print(f"{name} failed: {error}", file=sys.stderr)
                continue
            runs[name].append(run)
            print(
                f"[{repeat}/{repeats}] {name}: {run.pages} pages in "
                f"{run.wall:.1f} s ({run.pages_per_second:.1f} pages/s), "
                f"{run.records} records, {run.errors} errors",
                file=sys.stderr,
            )


def report(
    text: str, json_file: Path | None, failures: list[str], figures: dict[str, Any]
) -> None:
    """Print the report and the runs that failed; write the figures as JSON when asked."""
    print(text)
    if failures:
        print(f"\nfailed to run: {', '.join(failures)}")
    if json_file:
        json_file.parent.mkdir(parents=True, exist_ok=True)
        document = {**figures, "failed": failures}
        json_file.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    info = machine()
    runs: dict[str, list[Run]] = {v: [] for v in args.variants}
    failures: list[str] = []
    with work_directory(args.keep) as work:
        started = time.perf_counter()
        mirror = build_mirror(work / "site", args.pages)
        print(
            f"mirror: {len(mirror.pages)} pages, {len(mirror.listing_paths)} listings "
            f"in {time.perf_counter() - started:.1f} s",
            file=sys.stderr,
        )
        server = MirrorServer(mirror.root)
        try:
            url_list = mirror.write_url_list(server.base_url, work / "urls.txt")
            bench = Bench(
                mirror, server, work, url_list, args.concurrency, args.workers, args.timeout
            )
            bench.pages_in_memory = [
                (
                    mirror.page_file(page)
                    .read_text("utf-8")
                    .replace("{{BASE_URL}}", server.base_url),
                    server.base_url + page.path,
                )
                for page in mirror.pages
            ]
            run_rounds(args.variants, args.repeats, partial(measure, bench), runs, failures)
        finally:
            server.close()
    info.update(
        loadavg_end=load_average(),
        mirror_pages=len(mirror.pages),
        mirror_listings=len(mirror.listing_paths),
        repeats=args.repeats,
        concurrency=args.concurrency,
        workers=args.workers,
        command=shlex.join(
            ["python", "bench/throughput.py", *(argv if argv is not None else sys.argv[1:])]
        ),
    )
    summaries = [summarise(v, runs[v]) for v in args.variants if runs[v]]
    by_name = {s["variant"]: s for s in summaries}
    found = ratios(runs, by_name)
    report(
        format_report(info, summaries, found),
        args.json,
        failures,
        {
            "machine": info,
            "variants": summaries,
            "ratios": found,
            "runs": {v: [asdict(r) for r in rs] for v, rs in runs.items()},
        },
    )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
