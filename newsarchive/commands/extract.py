"""``scrapy extract``: print the record the archive would store for one page."""

from __future__ import annotations

import gzip
import json
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from scrapy import Request, Spider
from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError
from scrapy.http import TextResponse
from w3lib.encoding import html_to_unicode

from newsarchive.extraction import PageAnalysis
from newsarchive.items import public_record
from newsarchive.processing import process_page

if TYPE_CHECKING:
    import argparse

    from scrapy.http import Response


def read_html_file(path: Path) -> str:
    """A saved page as text: gzip-compressed or not, charset from BOM or ``<meta>``."""
    body = path.read_bytes()
    if body[:2] == b"\x1f\x8b":
        body = gzip.decompress(body)
    return html_to_unicode(None, body)[1]


class _PageSpider(Spider):
    """Fetch one URL with the project's settings and analyse it."""

    name = "extract"

    def __init__(self, url: str, page_url: str | None, **kwargs: Any):
        super().__init__(**kwargs)
        self.url = url
        self.page_url = page_url
        self.analysis: PageAnalysis | None = None
        self.problem: str | None = None

    async def start(self) -> AsyncIterator[Any]:
        yield Request(self.url, callback=self.parse, errback=self.failed, dont_filter=True)

    def parse(self, response: Response) -> None:
        if not isinstance(response, TextResponse):
            self.problem = f"not an HTML page ({response.headers.get('Content-Type')!r})"
            return
        self.analysis = process_page(
            response.text, self.page_url or response.url, want_links=False
        )

    def failed(self, failure: Any) -> None:
        self.problem = f"could not fetch {self.url}: {failure.getErrorMessage()}"


class Command(ScrapyCommand):
    requires_project = True
    default_settings = {"LOG_LEVEL": "WARNING", "ITEM_PIPELINES": {}}

    def syntax(self) -> str:
        return "PATH_OR_URL [--url URL]"

    def short_desc(self) -> str:
        return "Print the record the archive would store for one page, as JSON"

    def long_desc(self) -> str:
        return (
            "Extract one saved page (a file, optionally gzip-compressed) or a fetched URL and "
            "print exactly one JSON value: the article record, or null when the page is not "
            "an article (the reason goes to stderr, exit status 1). Nothing is archived. "
            "--url gives the page's address for a saved file."
        )

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("--url", metavar="URL", help="the address the page was served at")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) != 1:
            raise UsageError("give exactly one file path or URL")
        target = args[0]
        if urlsplit(target).scheme in {"http", "https"}:
            analysis = self._fetch(target, opts.url)
        else:
            path = Path(target)
            if not path.is_file():
                raise UsageError(f"{target!r} is neither an http(s) URL nor a readable file")
            analysis = process_page(read_html_file(path), opts.url or "", want_links=False)
        if analysis is None:
            return
        if analysis.item is None:
            print("null")
            print(f"{target}: not archived: {analysis.skip_reason}", file=sys.stderr)
            self.exitcode = 1
            return
        print(json.dumps(public_record(analysis.item), ensure_ascii=False, indent=2))

    def _fetch(self, url: str, page_url: str | None) -> PageAnalysis | None:
        assert self.crawler_process is not None
        crawler = self.crawler_process.create_crawler(_PageSpider)
        self.crawler_process.crawl(crawler, url=url, page_url=page_url)
        self.crawler_process.start()
        spider = crawler.spider
        assert isinstance(spider, _PageSpider)
        if spider.analysis is None:
            print("null")
            print(f"{url}: {spider.problem or 'no response'}", file=sys.stderr)
            self.exitcode = 1
        return spider.analysis
