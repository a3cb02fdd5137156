"""The base every newsarchive spider shares: start URLs and article responses."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from scrapy import Request, Spider, signals
from scrapy.http import Response, TextResponse
from scrapy.utils.gz import gunzip

from newsarchive.extraction import PageAnalysis
from newsarchive.workers import PageWorkers, worker_count

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler

# Content types that hold a page worth handing to extraction.
HTML_TYPES = ("text/html", "application/xhtml+xml")
GZIP_MAGIC = b"\x1f\x8b"


def read_url_arguments(urls: str | None, urls_file: str | None) -> list[str]:
    """The URLs of ``-a urls=A,B`` and ``-a urls_file=PATH`` (one a line, ``#`` comments)."""
    found: list[str] = []
    if urls:
        found += [u.strip() for u in urls.split(",") if u.strip()]
    if urls_file:
        path = Path(urls_file)
        if not path.is_file():
            raise ValueError(f"urls_file {urls_file!r} does not exist or is not a file")
        for line in path.read_text(encoding="utf-8").splitlines():
            url = line.split("#", 1)[0].strip()
            if url:
                found.append(url)
    return list(dict.fromkeys(found))


def site_host(url: str) -> str:
    """The host a URL belongs to, as a site: lower case, without ``www.``."""
    return (urlsplit(url).hostname or "").lower().removeprefix("www.")


class NewsSpider(Spider):
    """Reads the start URLs and turns article responses into archive records."""

    def __init__(
        self, *args: Any, urls: str | None = None, urls_file: str | None = None, **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        self.start_urls = read_url_arguments(urls, urls_file)
        if not self.start_urls:
            raise ValueError(f"spider {self.name!r} needs -a urls=URL[,URL…] or -a urls_file=PATH")

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> Self:
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.workers = PageWorkers(worker_count(crawler.settings.get("EXTRACT_WORKERS")))
        crawler.signals.connect(spider.start_workers, signal=signals.spider_opened)
        crawler.signals.connect(spider.stop_workers, signal=signals.spider_closed)
        return spider

    def start_workers(self) -> None:
        """Start extraction workers while the first requests are still downloading."""
        self.workers.start()

    def stop_workers(self) -> None:
        self.workers.close()

    def valid_start_urls(self) -> list[str]:
        """Start URLs that can be fetched; the others are logged and dropped."""
        valid = []
        for url in self.start_urls:
            if urlsplit(url).scheme in {"http", "https"} and urlsplit(url).hostname:
                valid.append(url)
            else:
                self.logger.error("Ignoring start URL %r: only http(s) URLs are fetched", url)
                self.count("skip/bad_start_url")
        return valid

    async def start(self) -> AsyncIterator[Any]:
        for url in self.valid_start_urls():
            yield self.start_request(url)

    def start_request(self, url: str) -> Request:
        """The request for one start URL."""
        raise NotImplementedError

    def count(self, key: str, amount: int = 1) -> None:
        """Add to the crawl stats under ``newsarchive/<key>``."""
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value(f"newsarchive/{key}", amount)

    async def analyse(
        self, response: Response, hints: Mapping[str, Any] | None = None, *, want_links: bool
    ) -> PageAnalysis | None:
        """Extract links and the article record from ``response``; None for a non-HTML page."""
        content_type = response.headers.get(b"Content-Type", b"").decode("latin-1").lower()
        if not isinstance(response, TextResponse) or (
            content_type and not content_type.startswith(HTML_TYPES)
        ):
            self.logger.info(
                "Skipping %s: not an HTML page (Content-Type: %s)",
                response.url,
                content_type or "none",
            )
            self.count("skip/not_html")
            return None
        self.count("pages/analysed")
        return await self.workers.analyse(
            response.text, response.url, hints, want_links=want_links
        )

    async def parse_article(
        self, response: Response, hints: Mapping[str, Any] | None = None
    ) -> AsyncIterator[Any]:
        """Archive the article at ``response``, if it is one."""
        analysis = await self.analyse(response, hints, want_links=False)
        if analysis is not None:
            for output in self.article_outputs(analysis, hints):
                yield output

    def article_outputs(
        self, analysis: PageAnalysis, hints: Mapping[str, Any] | None = None
    ) -> list[Any]:
        """The record of an analysed page, or the request for its full text when it is a teaser.

        A page without a record is logged and counted with the reason.
        """
        item = analysis.item
        if item is None:
            self.logger.info("Not archiving %s: %s", analysis.url, analysis.skip_reason)
            self.count(f"skip/{analysis.skip_reason}")
            return []
        full_text = analysis.full_text_url
        if item.truncated and full_text and site_host(full_text) == site_host(analysis.url):
            self.logger.info(
                "%s is a teaser: following its full text at %s", analysis.url, full_text
            )
            self.count("articles/teaser_followed")
            return [Request(full_text, callback=self.parse_article, cb_kwargs={"hints": hints})]
        self.count("articles/extracted")
        return [item]

    def xml_body(self, response: Response, kind: str) -> bytes | None:
        """The body of a feed or sitemap, gunzipped (within DOWNLOAD_MAXSIZE) when it is a .gz file."""
        if not response.body.startswith(GZIP_MAGIC):
            return response.body
        max_size = response.meta.get("download_maxsize", self.settings.getint("DOWNLOAD_MAXSIZE"))
        try:
            return gunzip(response.body, max_size=max_size)
        except ValueError:
            # Scrapy raises a ValueError subclass when the size limit is passed.
            self.logger.warning(
                "Skipping %s %s: larger than %d bytes once decompressed",
                kind,
                response.url,
                max_size,
            )
            self.count(f"skip/{kind}_too_large")
        except (OSError, EOFError):
            self.logger.warning("Skipping %s %s: corrupt gzip data", kind, response.url)
            self.count(f"skip/bad_{kind}")
        return None
