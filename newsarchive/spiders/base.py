"""The base every newsarchive spider shares: start URLs and article responses."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from datetime import UTC, date, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from scrapy import Request, Spider, signals
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.gz import gunzip
from w3lib.encoding import html_body_declared_encoding, resolve_encoding

from newsarchive.discovery.incremental import ListedEntry, freshness_priority
from newsarchive.extraction import PageAnalysis
from newsarchive.spiders.meta import CONDITIONAL, LISTED, VALIDATED, listing_read
from newsarchive.workers import PageWorkers, page_time_limit, pages_per_worker, worker_count

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler
    from twisted.python.failure import Failure

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


def page_text(response: TextResponse) -> str:
    """The page's text; a body that is not valid UTF-8 although declared so is read again.

    Servers often send windows-1252 pages as ``charset=utf-8``; decoding them as
    declared turns every accented letter into U+FFFD, which nothing downstream can
    repair. Such a body is read with the encoding its own ``<meta charset>``
    declares, or else as windows-1252 (which WHATWG also reads for latin-1).
    """
    if resolve_encoding(response.encoding) != "utf-8":
        return response.text
    try:
        return response.body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = resolve_encoding(html_body_declared_encoding(response.body) or "")
    fallback = declared if declared and declared != "utf-8" else "cp1252"
    return response.body.decode(fallback, errors="replace")


def listing_meta(url: str) -> dict[str, Any]:
    """Request meta of a feed, sitemap or listing page: fetched conditionally.

    robots.txt is not: a 304 for it would hide changes in the sitemaps it names.
    """
    if urlsplit(url).path == "/robots.txt":
        return {}
    return {CONDITIONAL: True}


def site_host(url: str) -> str:
    """The host a URL belongs to, as a site: lower case, without ``www.``."""
    return (urlsplit(url).hostname or "").lower().removeprefix("www.")


class NewsSpider(Spider):
    """Reads the start URLs and turns article responses into archive records."""

    # Spiders that find their start URLs elsewhere (a sources file) set this to False.
    needs_start_urls = True

    def __init__(
        self, *args: Any, urls: str | None = None, urls_file: str | None = None, **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        self.start_urls = read_url_arguments(urls, urls_file)
        if not self.start_urls and self.needs_start_urls:
            raise ValueError(f"spider {self.name!r} needs -a urls=URL[,URL…] or -a urls_file=PATH")

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> Self:
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.workers = PageWorkers(
            worker_count(crawler.settings.get("EXTRACT_WORKERS")),
            pages_per_worker=pages_per_worker(crawler.settings.get("EXTRACT_WORKER_MAX_PAGES")),
            time_limit=page_time_limit(crawler.settings.get("EXTRACT_TIMEOUT")),
        )
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

    def follow(
        self,
        response: Response,
        url: str,
        callback: Any,
        *,
        kind: str,
        cb_kwargs: dict[str, Any] | None = None,
    ) -> Request | None:
        """The request for ``url``, found in ``response``; None to leave it alone.

        ``kind`` says what the URL is: ``article`` (a feed or sitemap entry),
        ``page`` (a link followed by a site crawl) or ``discovery`` (a feed or sitemap).
        """
        return Request(url, callback=callback, cb_kwargs=cb_kwargs or {})

    def listed(
        self,
        request: Request | None,
        response: Response,
        *,
        modified: str | None,
        published: str | None,
    ) -> Request | None:
        """``request`` for a feed or sitemap entry: carrying its dates, prioritised by them.

        Newer entries are requested first, so a run cut short (a page budget, a
        stop, a crash) has fetched the newest articles.
        """
        if request is None:
            return None
        known = bool(response.meta.get(VALIDATED))
        listed = ListedEntry(modified, published, known_listing=known)
        request.meta[LISTED] = listed
        request.priority = freshness_priority(listed.latest, datetime.now(UTC))
        if modified:
            # An edit can be told only by this date: the request must reach the
            # archive check even when a site crawl asked for the URL without it.
            # SkipArchivedMiddleware still downloads each URL once per run.
            request.dont_filter = True
        return request

    def listing_done(self, response: Response) -> None:
        """Say that the listing at ``response`` was read completely: its validators may be kept."""
        if response.meta.get(CONDITIONAL):
            self.crawler.signals.send_catch_log(listing_read, response=response)

    def since_for(self, response: Response) -> date | None:
        """The day before which entries of the feed or sitemap at ``response`` are too old."""
        return None

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
            partial(page_text, response), response.url, hints, want_links=want_links
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

    def fetch_failed(self, failure: Failure) -> None:
        """Log in one line why a request brought no page, instead of Scrapy's traceback.

        ``newsarchive.middlewares.failures`` makes this the errback of every request.
        """
        request = getattr(failure, "request", None)
        url = request.url if request is not None else "a request"
        error = failure.value
        if isinstance(error, HttpError):
            # What Scrapy's HttpErrorMiddleware does when a request has no errback.
            status = error.response.status
            self.logger.info("Not archiving %s: HTTP status %d", url, status)
            self.count("skip/http_error")
            assert self.crawler.stats is not None
            self.crawler.stats.inc_value("httperror/response_ignored_count")
            self.crawler.stats.inc_value(f"httperror/response_ignored_status_count/{status}")
            return
        if isinstance(error, IgnoreRequest):
            # Refused on purpose (robots.txt, archived, …) by a component that logs
            # when it matters; a redirect chain given up on is worth a line.
            redirected = request is not None and request.meta.get("redirect_urls")
            if redirected:
                self.logger.info(
                    "Not fetching %s (redirected from %s): %s", url, redirected[0], error
                )
                self.count("skip/redirects")
            else:
                self.logger.debug("Not fetching %s: %s", url, error)
            return
        reason = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
        self.logger.warning("Could not fetch %s: %s", url, reason)
        self.count("fetch_failed")

    def xml_body(self, response: Response, kind: str) -> bytes | None:
        """The body of a feed or sitemap, gunzipped (within DOWNLOAD_MAXSIZE) when it is a .gz file."""
        if not response.body.startswith(GZIP_MAGIC):
            return self.note_xml_entities(response.body, response.url, kind)
        max_size = response.meta.get("download_maxsize", self.settings.getint("DOWNLOAD_MAXSIZE"))
        try:
            return self.note_xml_entities(
                gunzip(response.body, max_size=max_size), response.url, kind
            )
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

    def note_rejected_links(self, url: str, kind: str, links: list[str]) -> None:
        """Say in one line which links of a feed or sitemap are not fetched (not http(s))."""
        if not links:
            return
        shown = ", ".join(repr(link[:80]) for link in links[:5])
        more = f" and {len(links) - 5} more" if len(links) > 5 else ""
        self.logger.warning(
            "%s %s: not fetching %d links that are not http(s) URLs: %s%s",
            kind.capitalize(),
            url,
            len(links),
            shown,
            more,
        )
        self.count("skip/not_http_url", len(links))

    def note_xml_entities(self, body: bytes, url: str, kind: str) -> bytes:
        """Log a feed or sitemap that declares XML entities; the parsers never expand them."""
        # Declarations sit in the DTD, before the root element: near the start.
        if b"<!ENTITY" in body[:65536]:
            self.logger.warning(
                "%s %s declares XML entities: not expanding or fetching them",
                kind.capitalize(),
                url,
            )
            self.count(f"{kind}s/entities_ignored")
        return body
