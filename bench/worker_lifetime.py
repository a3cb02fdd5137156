"""What replacing extraction workers costs: CPU per page and memory against pages per worker.

A worker process is replaced after ``EXTRACT_WORKER_MAX_PAGES`` pages. A new one pays
again for its imports and for what its libraries build on first use (dateparser's
locale patterns, jusText's stoplists, htmldate's caches); an old one may hold memory a
large page made it allocate. This runs every page of ``../shared/corpus`` (shuffled
with a fixed seed, cycled up to ``--pages``) through ``newsarchive.workers.PageWorkers``
with one worker, once per ``--lifetimes`` value, and prints for each (medians over
``--repeats``, the lifetimes taking turns):

* **CPU ms/page**: the worker processes' user + system time (``RUSAGE_CHILDREN``
  deltas: the pool reaps its workers), ÷ pages;
* **pages/s**: pages ÷ wall time, pool start included;
* **workers**: worker processes the run started;
* **peak RSS**: the largest RSS of the worker alive, sampled every 50 ms (psutil);
* **close s**: how long ``PageWorkers.close()`` waited for the last worker to end.

Usage::

    python bench/worker_lifetime.py                        # 2,000 pages, 500 and 5,000
    python bench/worker_lifetime.py --pages 3000 --lifetimes 250,1000,0 --repeats 3
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import json
import random
import resource
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _mirror import CORPUS, ROOT
from throughput import RssSampler, load_average, machine, median, psutil, report

sys.path.insert(0, str(ROOT))

from newsarchive.workers import PageWorkers


def corpus_pages() -> list[tuple[str, str]]:
    """(html, url) of every corpus page, in a fixed shuffled order."""
    hub = json.loads((CORPUS / "scrapinghub" / "ground-truth.json").read_text("utf-8"))
    evaluation = json.loads((CORPUS / "trafilatura-eval" / "truth.json").read_text("utf-8"))
    files = [(CORPUS / "scrapinghub" / "html" / f"{k}.html.gz", v["url"]) for k, v in hub.items()]
    files += [(CORPUS / "trafilatura-eval" / v["file"], url) for url, v in evaluation.items()]
    files.sort()
    random.Random(7).shuffle(files)
    return [
        (gzip.decompress(path.read_bytes()).decode("utf-8", "replace"), url) for path, url in files
    ]


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


async def analyse_all(workers: PageWorkers, pages: list[tuple[str, str]]) -> int:
    results = await asyncio.gather(*(workers.analyse(html, url) for html, url in pages))
    return sum(1 for result in results if result.item is not None)


def run(pages: list[tuple[str, str]], lifetime: int) -> dict[str, Any]:
    workers = PageWorkers(1, pages_per_worker=lifetime or None)
    pids: set[int] = set()

    def alive() -> list[Any]:
        executor = workers._executor
        found = [psutil.Process(pid) for pid in list(executor._processes)] if executor else []
        pids.update(process.pid for process in found)
        return found

    cpu_before = children_cpu()
    started = time.perf_counter()
    with RssSampler(alive) as sampler:
        workers.start()
        try:
            records = asyncio.run(analyse_all(workers, pages))
        finally:
            closing = time.perf_counter()
            workers.close()
            closed = time.perf_counter() - closing
    wall = time.perf_counter() - started
    cpu = children_cpu() - cpu_before
    return {
        "lifetime": lifetime,
        "pages": len(pages),
        "records": records,
        "wall": wall,
        "cpu_ms_per_page": 1000 * cpu / len(pages),
        "pages_per_second": len(pages) / wall,
        "workers": len(pids),
        "peak_rss_mb": sampler.peak / 2**20,
        "close_seconds": closed,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--pages", type=int, default=2000, help="pages to analyse (2,000)")
    parser.add_argument(
        "--lifetimes", default="500,5000", help="pages per worker to compare (0: never replaced)"
    )
    parser.add_argument("--repeats", type=int, default=2, help="runs of each lifetime (2)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    if psutil is None:
        parser.error("psutil is needed: pip install -e '.[bench]'")
    lifetimes = [int(value) for value in args.lifetimes.split(",")]
    corpus = corpus_pages()
    pages = [corpus[i % len(corpus)] for i in range(args.pages)]
    info = machine()
    runs: dict[int, list[dict[str, Any]]] = {lifetime: [] for lifetime in lifetimes}
    for repeat in range(args.repeats):
        shift = repeat % len(lifetimes)
        for lifetime in lifetimes[shift:] + lifetimes[:shift]:
            figures = run(pages, lifetime)
            runs[lifetime].append(figures)
            print(
                f"[{repeat + 1}/{args.repeats}] {lifetime or 'never'}: "
                f"{figures['cpu_ms_per_page']:.1f} ms/page, {figures['workers']} workers",
                file=sys.stderr,
            )
    lines = [
        f"machine: {info['cores']} cores, {info['cpu']}; Python {info['python']}, trafilatura "
        f"{info['trafilatura']}; load average at start {info['loadavg_start']}, at end {load_average()}",
        f"{args.pages} pages ({len(corpus)} distinct), 1 worker, medians of {args.repeats}",
        "",
        f"{'pages per worker':>16} {'CPU ms/page':>12} {'pages/s':>8} {'workers':>8} "
        f"{'peak RSS MB':>12} {'close s':>8}",
    ]
    for lifetime, done in runs.items():
        lines.append(
            f"{lifetime or 'never':>16} {median([r['cpu_ms_per_page'] for r in done]):>12.1f} "
            f"{median([r['pages_per_second'] for r in done]):>8.1f} "
            f"{median([r['workers'] for r in done]):>8.0f} "
            f"{median([r['peak_rss_mb'] for r in done]):>12.0f} "
            f"{median([r['close_seconds'] for r in done]):>8.2f}"
        )
    report("\n".join(lines), args.json, [], {"machine": info, "runs": runs})
    return 0


if __name__ == "__main__":
    sys.exit(main())
