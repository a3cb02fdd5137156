"""Bad pages and misbehaving servers on one site: each costs only its own page.

One `scrapy crawl site` meets them all beside normal articles. Every bad page is
named in one log line with the reason, nothing garbage is archived, the crawl
exits with status 0, and the articles around them (including pages in legacy
or mislabelled encodings) are archived with correct text.
"""

from __future__ import annotations

import gzip
import random
from datetime import UTC, datetime
from html import escape
from urllib.parse import urlsplit

import brotli
import pytest

from newsarchive.middlewares.retry_after import retry_after_seconds
from newsarchive.sample_site import sample_articles
from tests.hostile.pages import article_html, front_html
from tests.hostile.server import HTML, Answer, hostile_server, log_line
from tests.utils import run_crawl

MAX_SIZE = 6 * 1024 * 1024
LONG_PATH = "/news/" + "very-long-" * 300 + "/"
JAPANESE = [
    "東京湾に新しい電気フェリーが就航し、初日には多くの通勤客が利用しました。",
    "運航会社によると、一日の便数は来年の春までに倍になる予定です。",
]
RUSSIAN = [
    "Московский театр снова открыл свои двери для зрителей после долгого ремонта.",
    "Директор театра рассказал, что в новом сезоне покажут двенадцать премьер.",
]


def sample_paragraphs(index: int, encoding: str = "utf-8") -> tuple[str, list[str]]:
    """Title and paragraphs of a sample-site article, keeping those ``encoding`` can hold."""
    article = sample_articles()[index]
    kept = []
    for paragraph in article.paragraphs:
        try:
            paragraph.encode(encoding)
        except UnicodeEncodeError:
            continue
        kept.append(paragraph)
    return article.title, kept[:4]


def article(index: int, encoding: str = "utf-8", **kwargs) -> tuple[str, list[str], bytes]:
    title, paragraphs = sample_paragraphs(index, encoding)
    paragraphs = kwargs.pop("lead", []) + paragraphs
    return title, paragraphs, article_html(title, paragraphs, **kwargs).encode(encoding)


# Articles the crawl must archive: path -> (title, paragraphs, body, headers).
GOOD: dict[str, tuple[str, list[str], bytes, dict[str, str]]] = {}
for path, built, headers in [
    ("/news/harbour-opens-new-ferry-terminal/", article(0), HTML),
    ("/news/council-approves-budget-for-schools/", article(1), HTML),
    # windows-1252 bytes declared as UTF-8 (a common CMS misconfiguration).
    ("/news/regatta-crews-win-the-cup/", article(10, "cp1252", lang="fr"), HTML),
    # UTF-8 with no charset in the header or the page.
    ("/news/theatre-company-on-tour/", article(15, lang="de"), {"Content-Type": "text/html"}),
    (
        "/news/tokyo-bay-electric-ferry/",
        article(5, "shift_jis", lang="ja", lead=JAPANESE),
        {"Content-Type": "text/html; charset=Shift_JIS"},
    ),
    # windows-1251 declared only by the page's own <meta charset>.
    (
        "/news/moscow-theatre-reopens/",
        article(6, "cp1251", lang="ru", charset="windows-1251", lead=RUSSIAN),
        {"Content-Type": "text/html"},
    ),
]:
    GOOD[path] = (*built, headers)

_title, _paragraphs, _single_line_page, _ = (*article(3), None)
# A 5 MB single-line page: the article next to an inline data blob, as some sites ship.
SINGLE_LINE = _single_line_page.replace(
    b"</head>",
    b'<script>window.__DATA__={"k":"' + b"v" * (5 * 1024 * 1024) + b'"}</script></head>',
).replace(b"\n", b"")
GOOD["/news/lighthouse-keeper-retires/"] = (_title, _paragraphs, SINGLE_LINE, HTML)
RATE_LIMITED = "/news/ferry-timetable-changes/"
GOOD[RATE_LIMITED] = (*article(2), HTML)
# Cut in the middle of the third paragraph: what arrived is kept, no markup leaks.
_title, _paragraphs, _page = article(4)
TRUNCATED = "/news/pier-closed-after-storm/"
GOOD[TRUNCATED] = (
    _title,
    _paragraphs[:2],
    _page[: _page.index(escape(_paragraphs[2]).encode()) + 40],
    HTML,
)


def _bad_pages() -> dict[str, Answer]:
    rng = random.Random(6)
    bomb = b"\0" * (64 * 1024 * 1024)
    return {
        "/news/oversize-page/": Answer(200, HTML, b"<p>" + b"x" * (MAX_SIZE + 1024)),
        "/news/gzip-bomb/": Answer(
            200, {**HTML, "Content-Encoding": "gzip"}, gzip.compress(bomb, compresslevel=9)
        ),
        "/news/brotli-bomb/": Answer(
            200, {**HTML, "Content-Encoding": "br"}, brotli.compress(bomb, quality=5)
        ),
        "/news/binary-served-as-html/": Answer(200, HTML, rng.randbytes(200_000)),
        "/news/annual-report/": Answer(
            200, {"Content-Type": "application/pdf"}, b"%PDF-1.7\n" + rng.randbytes(5000)
        ),
        "/news/empty-page/": Answer(200, HTML, b""),
        "/news/deeply-nested/": Answer(
            200, HTML, b"<html><body>" + b"<div>" * 100_000 + b"deep" + b"</div>" * 100_000
        ),
        LONG_PATH: Answer(200, HTML, b"never requested"),
        "/news/missing/": Answer(404, HTML, b"<h1>Not found</h1>"),
        "/news/removed/": Answer(410, HTML, b"<h1>Gone</h1>"),
        "/news/server-error/": Answer(500, HTML, b"<h1>Internal error</h1>"),
        "/news/unavailable/": Answer(503, HTML, b"<h1>Unavailable</h1>"),
        "/news/loop-a/": Answer(302, {"Location": "/news/loop-b/"}),
        "/news/loop-b/": Answer(302, {"Location": "/news/loop-a/"}),
        "/news/slow/": Answer(200, HTML, b"<p>too late</p>", delay=3),
        "/news/reset/": Answer(200, HTML, GOOD[TRUNCATED][2] * 20, reset_after=4000),
    }


BAD = _bad_pages()
# What the log line of each bad page says besides its URL.
REASONS = {
    "/news/oversize-page/": "larger than download max size",
    "/news/gzip-bomb/": "exceeded DOWNLOAD_MAXSIZE",
    "/news/brotli-bomb/": "exceeded DOWNLOAD_MAXSIZE",
    "/news/binary-served-as-html/": "Not archiving",
    "/news/annual-report/": "not an HTML page (Content-Type: application/pdf)",
    "/news/empty-page/": "Not archiving",
    "/news/deeply-nested/": "Not archiving",
    LONG_PATH: "url length > 2083",
    "/news/missing/": "HTTP status 404",
    "/news/removed/": "HTTP status 410",
    "/news/server-error/": "Gave up retrying",
    "/news/unavailable/": "Gave up retrying",
    "/news/loop-a/": "redirect loop",
    "/news/redirects/1": "max redirections reached",
    "/news/slow/": "took longer than 2.0 seconds",
    "/news/reset/": "ResponseDataLossError",
    RATE_LIMITED: "answered 429",
}


@pytest.fixture(scope="module")
def crawl(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("hostile-content")
    asked_rate_limited = []

    def respond(path: str) -> Answer:
        if path == "/":
            linked = [*GOOD, *BAD, "/news/redirects/1"]
            return Answer(
                200, HTML, front_html([p for p in linked if p != "/news/loop-b/"]).encode()
            )
        if path == RATE_LIMITED and not asked_rate_limited:
            asked_rate_limited.append(path)
            return Answer(429, {**HTML, "Retry-After": "1"}, b"<p>Too many requests</p>")
        if path.startswith("/news/redirects/"):
            # A redirect chain that never ends.
            hop = int(path.rsplit("/", 1)[1])
            return Answer(302, {"Location": f"/news/redirects/{hop + 1}"})
        if path in GOOD:
            _, _, body, headers = GOOD[path]
            return Answer(200, headers, body)
        return BAD.get(path, Answer(404, HTML, b"<h1>Not found</h1>"))

    with hostile_server(respond) as (base, hits):
        result = run_crawl(
            "site",
            tmp_path,
            args={"urls": base + "/", "max_depth": "1"},
            settings={
                "DOWNLOAD_MAXSIZE": str(MAX_SIZE),
                "DOWNLOAD_WARNSIZE": "0",
                "DOWNLOAD_TIMEOUT": "2",
                "RETRY_TIMES": "1",
            },
        )
    return result, base, list(hits)


def test_crawl_finishes_and_archives_exactly_the_good_articles(crawl):
    result, _, _ = crawl
    assert result.returncode == 0, result.log[-3000:]
    assert sorted(urlsplit(a.url).path for a in result.articles) == sorted(GOOD)


@pytest.mark.parametrize("path", sorted(REASONS))
def test_each_bad_page_is_named_with_its_reason_in_one_line(crawl, path):
    result, base, _ = crawl
    assert log_line(result.log, base + path, REASONS[path]), result.log[-5000:]


@pytest.mark.parametrize("path", sorted(GOOD))
def test_articles_have_the_right_unicode_text(crawl, path):
    result, _, _ = crawl
    title, paragraphs, _, _ = GOOD[path]
    [record] = [a for a in result.articles if urlsplit(a.url).path == path]
    assert record.title == title
    assert "\ufffd" not in record.text
    for paragraph in paragraphs:
        assert paragraph in record.text
    assert "<" not in record.text and ">" not in record.text


def test_retry_after_is_honoured(crawl):
    _, _, hits = crawl
    first, retry = [hit.at for hit in hits if hit.path == RATE_LIMITED]
    assert retry - first >= 1.0


def test_server_errors_are_retried_then_given_up_and_client_errors_are_not(crawl):
    _, _, hits = crawl
    asked = [hit.path for hit in hits]
    assert asked.count("/news/server-error/") == 2
    assert asked.count("/news/unavailable/") == 2
    assert asked.count("/news/missing/") == 1
    assert asked.count("/news/removed/") == 1
    assert LONG_PATH not in asked
    # The endless redirect chain stops at REDIRECT_MAX_TIMES.
    assert sum(p.startswith("/news/redirects/") for p in asked) == 11


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        (b"120", 120.0),
        (b" 7 ", 7.0),
        (b"Thu, 26 Nov 2026 10:00:30 GMT", 30.0),
        (b"Thu, 26 Nov 2026 09:00:00 GMT", 0.0),  # a date in the past: no wait
        (b"soon", None),
        (b"-5", None),
        (None, None),
    ],
)
def test_retry_after_values(value, seconds):
    now = datetime(2026, 11, 26, 10, 0, 0, tzinfo=UTC)
    assert retry_after_seconds(value, now) == seconds
