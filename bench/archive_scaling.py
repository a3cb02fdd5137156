"""One archive, several crawl processes: 1 and 2 processes on SQLite and on PostgreSQL.

Builds the local mirror of ``bench/throughput.py`` (real news pages from
``../shared/corpus``, served from a separate process on 127.0.0.1) and crawls the same
pages, from the project root, into a fresh archive per run:

* ``<store>-1``: one ``scrapy crawl urls -a urls_file=FILE`` with every mirrored page;
* ``<store>-2``: two such crawls started at the same moment, each with half of the
  pages (page *i* of the mirror's URL list goes to process *i* mod 2), writing into the
  same archive;

where ``<store>`` is ``sqlite`` (one SQLite file) or ``postgresql`` (a database
created for the run on ``--postgres``, dropped after it). Two crawls of the ``urls``
spider over disjoint halves are what two crawl processes sharing an archive look like
in production, one shard of the publishers each: every page is fetched once, by one
process, and both write into one archive at the same time. (Two ``site`` crawls of half
the sections each would not split the work: every mirrored page links to pages of
other sections, so both would fetch them.) Every crawl runs with politeness off
because the server is local (``AUTOTHROTTLE_ENABLED=False DOWNLOAD_DELAY=0
CONCURRENT_REQUESTS_PER_DOMAIN=32 ROBOTSTXT_OBEY=False``, as in throughput.py) and
``NEWSARCHIVE_LOCK_ENABLED=False``, so that the second crawl is not turned away by the
archive lock; ``CONCURRENT_REQUESTS`` is the project's 32 per process. Variants
without a suffix set ``EXTRACT_WORKERS=1`` in each process, so 1 and 2 processes keep
the same number of extraction processes per crawl process; ``-default`` variants keep
the project's default (one extraction worker per core in each crawl process).

Figures, per variant, are medians over ``--repeats``:

* **pages**: corpus pages fetched (requests the server answered for them);
* **pages/s**: pages ÷ wall time from starting the crawl processes to the end of the
  last one, start-up and shut-down included;
* **CPU s/page**: user + system time of the crawl processes and their extraction
  workers (``getrusage`` of a launcher process that starts them, cross-checked with
  psutil samples), ÷ pages;
* **main**: the part of it spent in the crawl processes themselves (Scrapy, pipelines,
  store writes), not in their extraction workers, from psutil samples;
* **cores**: CPU time ÷ wall time;
* **DB CPU/page**: for PostgreSQL, CPU time of the server processes that worked for
  the run (the backends connected to the run's database, sampled every 50 ms, and the
  server's own processes: postmaster, checkpointer, WAL writer…) ÷ pages;
* **srv CPU/page**: the mirror server's CPU per page;
* **peak RSS**: largest sum of RSS over the crawl processes and their workers;
* **records**: articles in the archive at the end, and **dup**: records sharing a
  content hash with another one (copies deduplication should have merged); every run
  should end with the same records, whatever the store and the number of processes
  (checked on the set of record URLs, printed below the table);
* **B/record**: size of the archive ÷ records: the SQLite file (and its WAL), or
  ``pg_database_size`` at the end minus its size when created;
* **errors**: ERROR and CRITICAL log records of the crawls.

The exit status is non-zero only when a variant failed to run or the archives
disagree. On a shared machine the figures move with its load: compare variants within
one run, with several repeats, and read the load averages printed with them.

Usage (from anywhere; psutil and psycopg: ``pip install -e ".[bench,postgres]"``)::

    python bench/archive_scaling.py              # 600 pages, 3 repeats
    python bench/archive_scaling.py --quick      # 120 pages, 1 repeat
    python bench/archive_scaling.py --variants sqlite-1,sqlite-2 --json bench/data/scaling.json

Options: ``--pages N`` (600), ``--repeats N`` (3, 1 with ``--quick``), ``--variants
a,b`` (all, by the names above), ``--concurrency N`` (per process, 32), ``--postgres
URI`` (a server and a database to connect to for creating and dropping the runs'
databases; ``postgresql://postgres@127.0.0.1:5432/postgres``), ``--timeout S`` (per
run, 900), ``--json FILE``, ``--keep DIR`` (keep the mirror, logs and SQLite archives).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shlex
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _mirror import ROOT, build_mirror
from throughput import (
    Bench,
    MirrorServer,
    RssSampler,
    Run,
    RunFailed,
    crawl_settings,
    load_average,
    machine,
    median,
    psutil,
    report,
    run_process,
    run_rounds,
    subprocess_env,
    usable_cores,
    work_directory,
)


@dataclass(frozen=True)
class Variant:
    """A store and a number of crawl processes sharing it."""

    name: str
    store: str  # "sqlite" or "postgresql"
    processes: int
    extract_workers: int | None  # None: the project's default


VARIANTS = (
    Variant("sqlite-1", "sqlite", 1, 1),
    Variant("sqlite-2", "sqlite", 2, 1),
    Variant("postgresql-1", "postgresql", 1, 1),
    Variant("postgresql-2", "postgresql", 2, 1),
    Variant("sqlite-1-default", "sqlite", 1, None),
    Variant("sqlite-2-default", "sqlite", 2, None),
    Variant("postgresql-1-default", "postgresql", 1, None),
    Variant("postgresql-2-default", "postgresql", 2, None),
)
BY_NAME = {variant.name: variant for variant in VARIANTS}
DEFAULT_POSTGRES = "postgresql://postgres@127.0.0.1:5432/postgres"
# Starts the crawl processes at the same moment, writes their pids to a file and exits
# when the last one has, non-zero if any failed: run_process measures its whole tree.
LAUNCHER = """\
import json, subprocess, sys
processes = [subprocess.Popen(command) for command in json.loads(sys.argv[1])]
with open(sys.argv[2], "w") as pids:
    json.dump([process.pid for process in processes], pids)
codes = [process.wait() for process in processes]
sys.exit(1 if any(codes) else 0)
"""
# Warnings in the crawl logs, but not those saying that a component is off: every
# crawl here runs without the archive lock and the private-address check.
UNEXPECTED_WARNING = re.compile(r"^\S+ \S+ \[[^\]]+\] WARNING: (?!Disabled )", re.MULTILINE)
# The server's own processes, by the title PostgreSQL gives them.
POSTGRES_AUXILIARY = (
    "checkpointer",
    "background writer",
    "walwriter",
    "autovacuum launcher",
    "logical replication launcher",
    "stats collector",
)


@dataclass
class ScalingRun(Run):
    """The figures of one run of one variant, with the archive's."""

    processes: int = 1
    database_cpu: float | None = None
    urls: int = 0
    duplicates: int = 0
    archive_bytes: int | None = None
    url_digest: str = ""

    @property
    def bytes_per_record(self) -> float | None:
        if self.archive_bytes is None or not self.records:
            return None
        return self.archive_bytes / self.records


@dataclass
class ArchiveContents:
    """What an archive holds after a run."""

    records: int
    urls: int
    duplicates: int
    url_digest: str


ARCHIVE_QUERIES = (
    "SELECT count(*) FROM articles",
    "SELECT count(*) FROM article_urls",
    # Records whose text another record has too: copies that deduplication missed.
    "SELECT count(*) FROM articles WHERE content_hash IN "
    "(SELECT content_hash FROM articles GROUP BY content_hash HAVING count(*) > 1)",
    "SELECT url FROM articles ORDER BY url",
)


def contents(rows: list[list[Any]]) -> ArchiveContents:
    """The contents of an archive from the answers to ``ARCHIVE_QUERIES``."""
    digest = hashlib.sha256("\n".join(url for (url,) in rows[3]).encode()).hexdigest()[:12]
    return ArchiveContents(rows[0][0][0], rows[1][0][0], rows[2][0][0], digest)


def sqlite_contents(path: Path) -> ArchiveContents:
    with sqlite3.connect(path) as connection:
        return contents([connection.execute(query).fetchall() for query in ARCHIVE_QUERIES])


def with_database(uri: str, database: str) -> str:
    return urlunsplit(urlsplit(uri)._replace(path=f"/{database}"))


class PostgresServer:
    """Fresh databases on a PostgreSQL server, and the server's CPU spent for one of them."""

    def __init__(self, admin_uri: str):
        try:
            import psycopg  # noqa: PLC0415 - optional, only for the PostgreSQL variants
        except ImportError as exc:
            raise RunFailed(f"the PostgreSQL variants need psycopg ({exc})") from None
        self.psycopg = psycopg
        self.admin_uri = admin_uri
        self.created = 0
        self.postmaster: Any = None
        try:
            with self.connect(admin_uri) as connection:
                (backend,) = connection.execute("SELECT pg_backend_pid()").fetchone()
        except psycopg.Error as exc:
            raise RunFailed(f"cannot connect to {admin_uri}: {exc}") from None
        # The server's CPU is read from its processes when it runs on this machine.
        if psutil is not None and urlsplit(admin_uri).hostname in {"127.0.0.1", "localhost"}:
            with suppress(psutil.Error):
                self.postmaster = psutil.Process(backend).parent()

    def connect(self, uri: str) -> Any:
        return self.psycopg.connect(uri, autocommit=True, connect_timeout=10)

    @contextmanager
    def fresh_database(self) -> Iterator[tuple[str, int]]:
        """Create a database, yield its URI and its size when empty; drop it after."""
        self.created += 1
        name = f"newsarchive_scaling_{os.getpid()}_{self.created}"
        with self.connect(self.admin_uri) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            connection.execute(f'CREATE DATABASE "{name}"')
        uri = with_database(self.admin_uri, name)
        try:
            with self.connect(uri) as connection:
                (empty,) = connection.execute(
                    "SELECT pg_database_size(current_database())"
                ).fetchone()
            yield uri, empty
        finally:
            with self.connect(self.admin_uri) as connection:
                connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def contents(self, uri: str) -> tuple[ArchiveContents, int]:
        """The archive's contents and the database's size."""
        with self.connect(uri) as connection:
            rows = [connection.execute(query).fetchall() for query in ARCHIVE_QUERIES]
            (size,) = connection.execute("SELECT pg_database_size(current_database())").fetchone()
        return contents(rows), size

    def processes_for(self, database: str) -> Any:
        """A callable listing the server processes working for ``database`` (psutil)."""
        assert psutil is not None and self.postmaster is not None
        postmaster = self.postmaster
        # pid -> the process if it works for the database (its title names the database
        # as a word) or for the whole server, else None; a pid's database never changes.
        known: dict[int, Any] = {}

        def listing() -> list[Any]:
            found = [postmaster]
            with suppress(psutil.Error):
                for child in postmaster.children():
                    if child.pid not in known:
                        known[child.pid] = None
                        with suppress(psutil.Error):
                            title = " ".join(child.cmdline()).partition(": ")[2]
                            role = title.partition(": ")[2]
                            if role.startswith(POSTGRES_AUXILIARY) or database in role.split():
                                known[child.pid] = child
                    if known[child.pid] is not None:
                        found.append(known[child.pid])
            return found

        return listing


def cpu_of(processes: list[Any]) -> dict[int, float]:
    assert psutil is not None
    seen = {}
    for process in processes:
        with suppress(psutil.Error):
            times = process.cpu_times()
            seen[process.pid] = times.user + times.system
    return seen


def shard_files(urls: list[str], count: int, directory: Path) -> list[Path]:
    """Write ``count`` URL files, URL *i* into file *i* mod ``count``."""
    files = []
    for index in range(count):
        path = directory / f"urls-{index}.txt"
        path.write_text("".join(f"{url}\n" for url in urls[index::count]), encoding="utf-8")
        files.append(path)
    return files


def crawl_command(shard: Path, settings: dict[str, str]) -> list[str]:
    command = [sys.executable, "-m", "scrapy", "crawl", "urls", "-a", f"urls_file={shard}"]
    for name, value in settings.items():
        command += ["-s", f"{name}={value}"]
    return command


def run_variant(
    bench: Bench, variant: Variant, urls: list[str], postgres: PostgresServer | None
) -> ScalingRun:
    """Crawl the mirror once with the variant's processes into a fresh archive."""
    work = bench.run_dir(variant.name)
    if variant.store == "postgresql":
        if postgres is None:
            raise RunFailed("no PostgreSQL server")
        with postgres.fresh_database() as (uri, empty_size):
            database = urlsplit(uri).path.lstrip("/")
            listing = postgres.processes_for(database) if postgres.postmaster else None
            run = crawl(bench, variant, urls, work, archive_uri=uri, database_processes=listing)
            found, size = postgres.contents(uri)
            archive_bytes = size - empty_size
    else:
        path = work / "archive.sqlite3"
        run = crawl(
            bench,
            variant,
            urls,
            work,
            archive_uri=f"sqlite:///{path}",
            database_processes=None,
        )
        found = sqlite_contents(path)
        archive_bytes = sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists())
    run.records, run.urls, run.duplicates = found.records, found.urls, found.duplicates
    run.url_digest = found.url_digest
    run.archive_bytes = archive_bytes
    return run


def crawl(
    bench: Bench,
    variant: Variant,
    urls: list[str],
    work: Path,
    *,
    archive_uri: str,
    database_processes: Any,
) -> ScalingRun:
    settings = {
        **crawl_settings(bench.concurrency),
        "ARCHIVE_URI": archive_uri,
        "NEWSARCHIVE_LOCK_ENABLED": "False",
    }
    if variant.extract_workers is not None:
        settings["EXTRACT_WORKERS"] = str(variant.extract_workers)
    shards = shard_files(urls, variant.processes, work)
    stats_files = [work / f"stats-{index}.json" for index in range(variant.processes)]
    commands = [
        crawl_command(shard, {**settings, "NEWSARCHIVE_STATS_FILE": str(stats)})
        for shard, stats in zip(shards, stats_files, strict=True)
    ]
    pid_file = work / "pids.json"
    launcher = [sys.executable, "-c", LAUNCHER, json.dumps(commands), str(pid_file)]
    bench.server.counts()  # forget requests made between runs
    server_before = bench.server.cpu_seconds()
    database_before: dict[int, float] = {}
    if database_processes is not None:
        database_before = cpu_of(database_processes())
    with RssSampler(database_processes or list) as database_sampler:
        figures = run_process(launcher, ROOT, work / "log.txt", bench.timeout, subprocess_env())
    server_after = bench.server.cpu_seconds()
    stats = [json.loads(p.read_text("utf-8")) if p.exists() else None for p in stats_files]
    pids = json.loads(pid_file.read_text("utf-8")) if pid_file.exists() else []
    run = ScalingRun(
        variant.name,
        figures.wall,
        figures.cpu,
        figures.peak_rss,
        pages=0,
        records=0,
        errors=sum(
            s.get("log_count/ERROR", 0) + s.get("log_count/CRITICAL", 0) for s in stats if s
        ),
        notes=[note for note in figures.notes if not note.startswith("WARNING records")],
        processes=variant.processes,
    )
    if pids and all(pid in figures.cpu_seen for pid in pids):
        run.main_cpu = sum(figures.cpu_seen[pid] for pid in pids)
    if server_before is not None and server_after is not None:
        run.server_cpu = server_after - server_before
    if database_processes is not None:
        run.database_cpu = sum(
            cpu - database_before.get(pid, 0.0) for pid, cpu in database_sampler.cpu_seen.items()
        )
    warnings = len(UNEXPECTED_WARNING.findall(figures.log))
    if warnings:
        run.notes.append(f"WARNING records in the log (runs/*/log.txt with --keep): {warnings}")
    missing = sum(1 for s in stats if s is None)
    if missing:
        run.notes.append(f"{missing} crawl processes wrote no stats file")
    return bench.served(run)


def summarise(variant: Variant, runs: list[ScalingRun]) -> dict[str, Any]:
    def spread(counts: list[int]) -> int | str:
        return counts[0] if len(set(counts)) == 1 else f"{min(counts)}–{max(counts)}"

    def per_page(values: list[tuple[float | None, int]]) -> float | None:
        found = [value / pages for value, pages in values if value is not None and pages]
        return median(found) if found else None

    rss = [r.peak_rss for r in runs if r.peak_rss is not None]
    sizes = [r.bytes_per_record for r in runs if r.bytes_per_record is not None]
    return {
        "variant": variant.name,
        "store": variant.store,
        "processes": variant.processes,
        "extract_workers": variant.extract_workers,
        "repeats": len(runs),
        "pages": spread([r.pages for r in runs]),
        "pages_per_second": median([r.pages_per_second for r in runs]),
        "records_per_second": median([r.records / r.wall for r in runs if r.wall]),
        "wall_seconds": median([r.wall for r in runs]),
        "cpu_seconds_per_page": median([r.cpu_per_page for r in runs]),
        "main_cpu_seconds_per_page": per_page([(r.main_cpu, r.pages) for r in runs]),
        "cores_busy": median([r.cpu / r.wall for r in runs if r.wall]),
        "database_cpu_seconds_per_page": per_page([(r.database_cpu, r.pages) for r in runs]),
        "server_cpu_seconds_per_page": per_page([(r.server_cpu, r.pages) for r in runs]),
        "peak_rss_mb": median(rss) / 2**20 if rss else None,
        "records": spread([r.records for r in runs]),
        "urls": spread([r.urls for r in runs]),
        "duplicates": spread([r.duplicates for r in runs]),
        "bytes_per_record": median(sizes) if sizes else None,
        "other_requests": spread([r.other_requests for r in runs]),
        "errors": spread([r.errors for r in runs]),
        "notes": sorted({note for r in runs for note in r.notes}),
    }


def agreement(runs: list[ScalingRun]) -> tuple[bool, str]:
    """Whether every run ended with the same records and no duplicates, in one line."""
    if not runs:
        return True, "no runs"
    archives = {(r.records, r.urls, r.url_digest) for r in runs}
    duplicates = sum(r.duplicates for r in runs)
    if len(archives) == 1 and not duplicates:
        records, urls, digest = archives.pop()
        return True, (
            f"every run ({len(runs)}) ended with the same {records} records holding "
            f"{urls} URLs (record URLs digest {digest}), no two records with one text"
        )
    by_archive: dict[tuple[int, int, str], list[str]] = {}
    for r in runs:
        by_archive.setdefault((r.records, r.urls, r.url_digest), []).append(r.variant)
    found = "; ".join(
        f"{records} records, {urls} URLs, digest {digest}: {', '.join(sorted(set(names)))}"
        for (records, urls, digest), names in sorted(by_archive.items())
    )
    return False, f"ARCHIVES DIFFER ({duplicates} duplicate records in all): {found}"


def format_report(info: dict[str, Any], summaries: list[dict[str, Any]], verdict: str) -> str:
    def figure(value: float | None, digits: int) -> str:
        return "-" if value is None else f"{value:.{digits}f}"

    lines = [
        f"command: {info['command']}",
        f"machine: {info['cores']} cores ({info['usable_cores']} usable), {info['cpu']}; "
        f"Python {info['python']}, Scrapy {info['scrapy']}, trafilatura {info['trafilatura']}, "
        f"psutil {info['psutil'] or 'absent'}; {info['postgres']}",
        f"date: {info['date']}; load average at start {info['loadavg_start']}, "
        f"at end {info.get('loadavg_end')}",
        f"mirror: {info['mirror_pages']} corpus pages; repeats: {info['repeats']}; "
        f"concurrency {info['concurrency']} per process; default extraction workers "
        f"{info['default_workers']} per process",
        "",
    ]
    header = (
        f"{'variant':<22}{'pages':>6}{'pages/s':>8}{'wall s':>7}{'CPU s/page':>11}"
        f"{'main':>7}{'cores':>6}{'DB CPU/page':>12}{'srv CPU/page':>13}{'peak RSS MB':>12}"
        f"{'records':>8}{'dup':>4}{'B/record':>9}{'errors':>7}"
    )
    lines += [header, "-" * len(header)]
    for s in summaries:
        lines.append(
            f"{s['variant']:<22}{s['pages']!s:>6}{s['pages_per_second']:>8.1f}"
            f"{s['wall_seconds']:>7.1f}{s['cpu_seconds_per_page']:>11.4f}"
            f"{figure(s['main_cpu_seconds_per_page'], 4):>7}{s['cores_busy']:>6.2f}"
            f"{figure(s['database_cpu_seconds_per_page'], 4):>12}"
            f"{figure(s['server_cpu_seconds_per_page'], 4):>13}"
            f"{figure(s['peak_rss_mb'], 0):>12}{s['records']!s:>8}{s['duplicates']!s:>4}"
            f"{figure(s['bytes_per_record'], 0):>9}{s['errors']!s:>7}"
        )
    lines += ["", f"archives: {verdict}"]
    notes = [f"  {s['variant']}: {'; '.join(s['notes'])}" for s in summaries if s["notes"]]
    if notes:
        lines += ["", "notes:", *notes]
    return "\n".join(lines)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--pages", type=int, help="corpus pages in the mirror (600)")
    parser.add_argument("--repeats", type=int, help="runs of each variant (3; 1 with --quick)")
    parser.add_argument("--quick", action="store_true", help="120 pages, 1 repeat: a smoke run")
    parser.add_argument(
        "--variants", default=",".join(v.name for v in VARIANTS), help="comma-separated"
    )
    parser.add_argument("--concurrency", type=int, default=32, help="per process (32)")
    parser.add_argument("--postgres", default=DEFAULT_POSTGRES, help="server to create DBs on")
    parser.add_argument("--timeout", type=float, default=900, help="seconds per run (900)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--keep", type=Path, help="work in this directory and keep it")
    args = parser.parse_args(argv)
    args.pages = args.pages or (120 if args.quick else 600)
    args.repeats = args.repeats or (1 if args.quick else 3)
    names = [v.strip() for v in args.variants.split(",") if v.strip()]
    unknown = set(names) - set(BY_NAME)
    if unknown:
        parser.error(f"unknown variants {sorted(unknown)}; known: {', '.join(BY_NAME)}")
    args.variants = [BY_NAME[name] for name in names]
    return args


def postgres_version(postgres: PostgresServer | None) -> str:
    if postgres is None:
        return "PostgreSQL not used"
    with postgres.connect(postgres.admin_uri) as connection:
        (found,) = connection.execute("SHOW server_version").fetchone()
    local = "local" if postgres.postmaster is not None else "remote: no server CPU"
    return f"PostgreSQL {found} ({local})"


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    info = machine()
    variants: list[Variant] = args.variants
    runs: dict[str, list[ScalingRun]] = {v.name: [] for v in variants}
    failures: list[str] = []
    postgres = None
    if any(v.store == "postgresql" for v in variants):
        try:
            postgres = PostgresServer(args.postgres)
        except RunFailed as error:
            print(f"PostgreSQL variants skipped: {error}", file=sys.stderr)
            failures += [v.name for v in variants if v.store == "postgresql"]
    info["postgres"] = postgres_version(postgres)
    with work_directory(args.keep) as work:
        mirror = build_mirror(work / "site", args.pages)
        server = MirrorServer(mirror.root)
        try:
            url_list = mirror.write_url_list(server.base_url, work / "urls.txt")
            urls = url_list.read_text("utf-8").split()
            bench = Bench(mirror, server, work, url_list, args.concurrency, 1, args.timeout)
            by_name = {variant.name: variant for variant in variants}
            run_rounds(
                list(by_name),
                args.repeats,
                lambda name: run_variant(bench, by_name[name], urls, postgres),
                runs,
                failures,
            )
        finally:
            server.close()
    info.update(
        loadavg_end=load_average(),
        mirror_pages=len(mirror.pages),
        repeats=args.repeats,
        concurrency=args.concurrency,
        default_workers=usable_cores(),
        command=shlex.join(
            ["python", "bench/archive_scaling.py", *(argv if argv is not None else sys.argv[1:])]
        ),
    )
    summaries = [summarise(v, runs[v.name]) for v in variants if runs[v.name]]
    agree, verdict = agreement([r for rs in runs.values() for r in rs])
    report(
        format_report(info, summaries, verdict),
        args.json,
        failures,
        {
            "machine": info,
            "variants": summaries,
            "archives": {"agree": agree, "verdict": verdict},
            "runs": {name: [asdict(r) for r in rs] for name, rs in runs.items()},
        },
    )
    return 1 if failures or not agree else 0


if __name__ == "__main__":
    sys.exit(main())
