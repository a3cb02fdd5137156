"""``scrapy copy``: copy an archive into another store (SQLite, PostgreSQL)."""

from __future__ import annotations

import sys
from contextlib import ExitStack
from typing import TYPE_CHECKING

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from newsarchive.store import StoreError, open_store
from newsarchive.store.base import redacted
from newsarchive.store.copy import copy_archive
from newsarchive.store.sql import SQLStore

if TYPE_CHECKING:
    import argparse

    from newsarchive.store.copy import CopySummary


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def summary_line(summary: CopySummary, source: str, target: str) -> str:
    """The one line that says what a copy did."""
    line = (
        f"Copied {plural(summary.records, 'record')} ({summary.present} already there),"
        f" {plural(summary.revisions, 'revision')}, {plural(summary.runs, 'run')},"
        f" {plural(summary.validators, 'validator')} and"
        f" {plural(summary.boilerplate, 'boilerplate count')}"
        f" from {redacted(source)} to {redacted(target)}"
    )
    if summary.urls_held_elsewhere:
        line += f" ({summary.urls_held_elsewhere} URLs stayed with other records there)"
    return line


class Command(ScrapyCommand):
    requires_project = True
    requires_crawler_process = False

    def syntax(self) -> str:
        return "--from URI --to URI [--batch-size N]"

    def short_desc(self) -> str:
        return "Copy an archive into another store, record by record"

    def long_desc(self) -> str:
        return (
            "Copy every record of the archive at --from into the archive at --to "
            "(sqlite:///… or postgresql://…), exactly as stored: ids, first and last seen, "
            "every URL, revisions and fingerprints, then the boilerplate counts, the "
            "validators of feeds and sitemaps, and the run reports. Records go in batches "
            "of --batch-size, one transaction each; a record the target holds already is "
            "skipped, so an interrupted copy completes when run again and a second copy "
            "changes nothing."
        )

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("--from", dest="source", metavar="URI", help="archive to copy")
        parser.add_argument("--to", dest="target", metavar="URI", help="archive to copy into")
        parser.add_argument(
            "--batch-size",
            type=int,
            default=200,
            metavar="N",
            help="records per transaction (200)",
        )

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if args:
            raise UsageError(f"unexpected arguments: {' '.join(args)}")
        if not opts.source or not opts.target:
            raise UsageError("both --from URI and --to URI are needed")
        if opts.source == opts.target:
            raise UsageError("--from and --to name the same archive")
        if opts.batch_size < 1:
            raise UsageError("--batch-size must be 1 or more")
        with ExitStack() as stack:
            stores = []
            for uri in (opts.source, opts.target):
                try:
                    store = open_store(uri)
                except StoreError as exc:
                    raise UsageError(str(exc)) from None
                stack.callback(store.close)
                if not isinstance(store, SQLStore):
                    raise UsageError(f"cannot copy archives of {redacted(uri)}'s kind")
                stores.append(store)
            source, target = stores
            try:
                summary = copy_archive(source, target, batch_size=opts.batch_size)
            except StoreError as exc:
                print(f"Copy stopped: {exc} (the same command resumes it)", file=sys.stderr)
                self.exitcode = 1
                return
        print(summary_line(summary, opts.source, opts.target))
