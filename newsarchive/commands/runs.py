"""``scrapy runs``: the runs recorded in the archive, latest first, per source."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import TYPE_CHECKING

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from newsarchive.store import StoreError, open_store
from newsarchive.store.base import redacted

if TYPE_CHECKING:
    import argparse

    from newsarchive.store.base import RunRecord

_COLUMNS = ("requests", "not_modified", "new", "revised", "duplicates", "errors")
_HEADINGS = (
    "started (UTC)",
    "spider",
    "finish",
    "source",
    "req",
    "304",
    "new",
    "rev",
    "dup",
    "err",
)


def run_rows(runs: list[RunRecord]) -> list[tuple[str, ...]]:
    """One table row per run and source; a run without sources gets one row of dashes."""
    rows: list[tuple[str, ...]] = []
    for run in runs:
        started = run.started_at[:19].replace("T", " ")
        reason = run.finish_reason or "(unfinished)"
        if not run.sources:
            rows.append((started, run.spider, reason, "-", *("-",) * len(_COLUMNS)))
        for name, counts in run.sources.items():
            values = tuple(str(getattr(counts, column)) for column in _COLUMNS)
            rows.append((started, run.spider, reason, name, *values))
    return rows


def format_runs(runs: list[RunRecord]) -> str:
    """The runs as a plain-text table with aligned columns."""
    rows = [_HEADINGS, *run_rows(runs)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(_HEADINGS))]
    lines = []
    for row in rows:
        cells = [
            cell.rjust(width) if index >= 4 else cell.ljust(width)
            for index, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


class Command(ScrapyCommand):
    requires_project = True
    requires_crawler_process = False

    def syntax(self) -> str:
        return "[--limit N] [--json]"

    def short_desc(self) -> str:
        return "List the recorded runs, latest first, with their counts per source"

    def long_desc(self) -> str:
        return (
            "List the runs recorded in the archive named by ARCHIVE_URI, latest first: when "
            "each started, its spider, how it finished ('(unfinished)' for a run still going "
            "or killed) and, per source (per host for spiders without a sources file), "
            "requests made, 304 answers, new articles, revisions, duplicates and errors. "
            "--json prints one JSON array instead."
        )

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("--limit", type=int, default=20, help="runs to show (20; 0: all)")
        parser.add_argument("--json", action="store_true", help="print JSON, not a table")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if args:
            raise UsageError(f"unexpected arguments: {' '.join(args)}")
        if opts.limit < 0:
            raise UsageError("--limit must be 0 (all) or more")
        assert self.settings is not None
        try:
            store = open_store(self.settings["ARCHIVE_URI"])
        except StoreError as exc:
            raise UsageError(str(exc)) from None
        try:
            runs = store.recent_runs(opts.limit or None)
        finally:
            store.close()
        if opts.json:
            print(json.dumps([asdict(run) for run in runs], indent=1))
        elif runs:
            print(format_runs(runs))
        else:
            print(f"No runs recorded in {redacted(self.settings['ARCHIVE_URI'])}")
