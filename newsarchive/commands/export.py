"""``scrapy export``: write archived records as JSON Lines."""

from __future__ import annotations

import sys
from contextlib import ExitStack
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError
from scrapy.exporters import JsonLinesItemExporter

from newsarchive.items import public_record
from newsarchive.store import StoreError, open_store

if TYPE_CHECKING:
    import argparse


class Command(ScrapyCommand):
    requires_project = True
    requires_crawler_process = False

    def syntax(self) -> str:
        return "[-o FILE.jsonl] [--since YYYY-MM-DD] [--domain HOST] [--revisions]"

    def short_desc(self) -> str:
        return "Export archived articles as JSON Lines"

    def long_desc(self) -> str:
        return (
            "Write the records of the archive named by ARCHIVE_URI (set it with "
            "-s ARCHIVE_URI=…) as JSON Lines, one article a line, to FILE or stdout. "
            "--since keeps articles published on or after a day (undated ones by when "
            "they were first archived); --domain keeps one site and its subdomains; "
            "--revisions adds each article's earlier versions."
        )

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE, not stdout")
        parser.add_argument("--since", metavar="YYYY-MM-DD", help="published on/after this day")
        parser.add_argument("--domain", metavar="HOST", help="only this site (and subdomains)")
        parser.add_argument(
            "--revisions", action="store_true", help="include earlier versions of each article"
        )

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if args:
            raise UsageError(f"unexpected arguments: {' '.join(args)}")
        if opts.since:
            try:
                date.fromisoformat(opts.since)
            except ValueError:
                raise UsageError(f"--since {opts.since!r} is not a date (YYYY-MM-DD)") from None
        assert self.settings is not None
        try:
            store = open_store(self.settings["ARCHIVE_URI"])
        except StoreError as exc:
            raise UsageError(str(exc)) from None
        with ExitStack() as stack:
            stack.callback(store.close)
            stream: BinaryIO
            if opts.output:
                path = Path(opts.output)
                path.parent.mkdir(parents=True, exist_ok=True)
                stream = stack.enter_context(path.open("wb"))
            else:
                stream = sys.stdout.buffer
            exporter = JsonLinesItemExporter(stream, ensure_ascii=False)
            exporter.start_exporting()
            count = 0
            for item in store.iter_articles(since=opts.since, domain=opts.domain):
                record = public_record(item)
                if opts.revisions:
                    record["revisions"] = list(store.iter_revisions(item.id or ""))
                exporter.export_item(record)
                count += 1
            exporter.finish_exporting()
            stream.flush()
        if opts.output:
            print(f"Exported {count} articles to {opts.output}", file=sys.stderr)
