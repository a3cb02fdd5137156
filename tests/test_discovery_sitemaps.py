"""Tests for newsarchive.discovery.sitemaps: sitemaps, Google News fields, robots.txt, dates."""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from urllib.request import urlopen

import pytest

from newsarchive.discovery import (
    Sitemap,
    SitemapEntry,
    SitemapError,
    hints_from_sitemap_entry,
    is_since,
    parse_sitemap,
    sitemap_urls_from_robots,
)
from tests.utils import scripted_server

SITEMAP_URL = "https://news.example.com/sitemaps/news.xml"

NEWS_SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"
        xmlns:image="http://www.google.com/schemas/sitemap-image/1.1"
        xmlns:video="http://www.google.com/schemas/sitemap-video/1.1">
  <url>
    <loc>https://news.example.com/2024/05/01/budget</loc>
    <lastmod>2024-05-01T18:00:00+01:00</lastmod>
    <news:news>
      <news:publication>
        <news:name>Example News</news:name>
        <news:language>en</news:language>
      </news:publication>
      <news:publication_date>2024-05-01T09:30:00+01:00</news:publication_date>
      <news:title>Budget &amp; taxes: what changes</news:title>
    </news:news>
    <image:image><image:loc>https://news.example.com/img/1.jpg</image:loc></image:image>
    <video:video><video:title>Not the news title</video:title></video:video>
  </url>
  <url>
    <loc>https://news.example.com/2024/05/01/weather</loc>
    <lastmod>2024-05-01</lastmod>
  </url>
  <url>
    <loc>https://news.example.com/2024/05/01/chinese</loc>
    <news:news>
      <news:publication><news:name>Example</news:name><news:language>zh-cn</news:language>
      </news:publication>
      <news:publication_date>2024-05-01</news:publication_date>
      <news:title>Title only</news:title>
    </news:news>
  </url>
</urlset>
"""


def test_news_sitemap_fields() -> None:
    sitemap = parse_sitemap(NEWS_SITEMAP, SITEMAP_URL)
    assert sitemap == Sitemap(
        kind="urlset",
        entries=[
            SitemapEntry(
                loc="https://news.example.com/2024/05/01/budget",
                lastmod="2024-05-01T18:00:00+01:00",
                news_title="Budget & taxes: what changes",
                news_published="2024-05-01T09:30:00+01:00",
                news_language="en",
                news_publication="Example News",
            ),
            SitemapEntry(loc="https://news.example.com/2024/05/01/weather", lastmod="2024-05-01"),
            SitemapEntry(
                loc="https://news.example.com/2024/05/01/chinese",
                news_title="Title only",
                news_published="2024-05-01",
                news_language="zh-cn",
                news_publication="Example",
            ),
        ],
    )
    first, second, third = sitemap.entries
    assert first.date == "2024-05-01T09:30:00+01:00"
    assert second.date == "2024-05-01"
    assert third.date == "2024-05-01"
    assert SitemapEntry(loc="https://example.org/").date is None


def test_sitemap_index() -> None:
    body = b"""<?xml version="1.0" encoding="UTF-8"?>
    <sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <sitemap><loc>https://news.example.com/sitemap-2024-05.xml.gz</loc>
        <lastmod>2024-05-31T23:59:59Z</lastmod></sitemap>
      <sitemap><loc>sitemap-2024-04.xml</loc></sitemap>
      <sitemap><loc>/root-sitemap.xml</loc></sitemap>
      <sitemap><loc>ftp://news.example.com/old.xml</loc></sitemap>
      <sitemap><lastmod>2024-01-01</lastmod></sitemap>
    </sitemapindex>"""
    sitemap = parse_sitemap(body, SITEMAP_URL)
    assert sitemap.kind == "sitemapindex"
    assert sitemap.entries == [
        SitemapEntry(
            loc="https://news.example.com/sitemap-2024-05.xml.gz",
            lastmod="2024-05-31T23:59:59+00:00",
        ),
        SitemapEntry(loc="https://news.example.com/sitemaps/sitemap-2024-04.xml"),
        SitemapEntry(loc="https://news.example.com/root-sitemap.xml"),
    ]


def test_wrong_and_missing_namespaces_and_whitespace() -> None:
    body = b"""

    <?xml version="1.0" encoding="UTF-8"?>
    <urlset xmlns="http://www.google.com/schemas/sitemap/0.84"
            xmlns:n="http://www.google.com/schemas/sitemap-news/0.84">
      <url>
        <loc>
          https://example.org/a
        </loc>
        <lastmod>  2024-05-01T10:00:00+02:00
        </lastmod>
        <n:news><n:publication_date> 2024-05-01T08:00:00Z </n:publication_date>
          <n:title>  Spread
             over lines  </n:title></n:news>
      </url>
      <url><loc>https://example.org/b</loc></url>
    </urlset>"""
    assert parse_sitemap(body, "https://example.org/sitemap.xml").entries == [
        SitemapEntry(
            loc="https://example.org/a",
            lastmod="2024-05-01T10:00:00+02:00",
            news_title="Spread over lines",
            news_published="2024-05-01T08:00:00+00:00",
        ),
        SitemapEntry(loc="https://example.org/b"),
    ]
    no_namespace = b"<urlset><url><loc>https://example.org/c</loc></url></urlset>"
    assert parse_sitemap(no_namespace, "https://example.org/s.xml").entries == [
        SitemapEntry(loc="https://example.org/c")
    ]


def test_relative_non_http_and_duplicate_locs() -> None:
    body = b"""<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <url><loc>story-1</loc></url>
      <url><loc>/story-2</loc></url>
      <url><loc>//cdn.example.net/story-3</loc></url>
      <url><loc>javascript:alert(1)</loc></url>
      <url><loc>mailto:desk@example.com</loc></url>
      <url><loc></loc></url>
      <url></url>
      <url><loc>https://news.example.com/sitemaps/story-1</loc><lastmod>2024-01-01</lastmod></url>
    </urlset>"""
    assert [entry.loc for entry in parse_sitemap(body, SITEMAP_URL).entries] == [
        "https://news.example.com/sitemaps/story-1",
        "https://news.example.com/story-2",
        "https://cdn.example.net/story-3",
    ]


def test_unparseable_dates_become_none() -> None:
    body = b"""<urlset><url><loc>https://example.org/a</loc><lastmod>yesterday</lastmod>
      <news:news xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
        <news:publication_date>soon</news:publication_date></news:news></url></urlset>"""
    [entry] = parse_sitemap(body, SITEMAP_URL).entries
    assert (entry.lastmod, entry.news_published, entry.date) == (None, None, None)


def test_empty_urlset_is_not_an_error() -> None:
    body = b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>'
    assert parse_sitemap(body, SITEMAP_URL) == Sitemap(kind="urlset", entries=[])


def test_truncated_sitemap_keeps_complete_entries() -> None:
    body = b"""<urlset><url><loc>https://example.org/a</loc></url>
      <url><loc>https://example.org/b</loc></url><url><loc>https://exa"""
    assert [entry.loc for entry in parse_sitemap(body, SITEMAP_URL).entries][:2] == [
        "https://example.org/a",
        "https://example.org/b",
    ]


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        pytest.param(b"", "not a sitemap: empty body", id="empty"),
        pytest.param(b" \n ", "not a sitemap: empty body", id="blank"),
        pytest.param(
            b"<!doctype html><html><body>Sitemap moved</body></html>",
            "not a sitemap: got an HTML page",
            id="html",
        ),
        pytest.param(
            b"<rss><channel></channel></rss>", "not a sitemap: root element is <rss>", id="rss"
        ),
        pytest.param(b"Not Found", "malformed sitemap", id="text"),
        pytest.param(b"<urlset><url><lo", "malformed sitemap", id="truncated-to-nothing"),
    ],
)
def test_not_a_sitemap(body: bytes, reason: str) -> None:
    with pytest.raises(SitemapError) as raised:
        parse_sitemap(body, SITEMAP_URL)
    assert str(raised.value).startswith(reason)


def test_a_sitemap_of_the_protocols_largest_size_is_read_whole() -> None:
    rows = b"".join(
        b"<url><loc>https://news.example.com/2024/05/%d/article-with-a-longish-slug</loc>"
        b"<lastmod>2024-05-01T10:%02d:00+02:00</lastmod>"
        b"<news:news><news:publication><news:name>Example</news:name>"
        b"<news:language>en</news:language></news:publication>"
        b"<news:publication_date>2024-05-01T10:00:00+02:00</news:publication_date>"
        b"<news:title>Headline number %d</news:title></news:news></url>\n" % (i, i % 60, i)
        for i in range(50_000)
    )
    body = (
        b'<?xml version="1.0" encoding="UTF-8"?>\n'
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        b'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n' + rows + b"</urlset>"
    )
    # 50,000 URLs is the most one sitemap file may list; its parsing speed is
    # measured by bench/discovery.py.
    sitemap = parse_sitemap(body, SITEMAP_URL)
    assert len(sitemap.entries) == 50_000
    assert sitemap.entries[-1].news_title == "Headline number 49999"
    assert sitemap.entries[-1].loc == (
        "https://news.example.com/2024/05/49999/article-with-a-longish-slug"
    )


# robots.txt


def test_sitemap_urls_from_robots() -> None:
    robots = """\ufeffUser-agent: *
Disallow: /private
Sitemap: https://news.example.com/sitemap.xml
sitemap:/news-sitemap.xml
SITEMAP :  sitemaps/index.xml   # relative to the robots.txt URL
  Sitemap: https://news.example.com/sitemap.xml
Sitemap:
Sitemap: ftp://news.example.com/sitemap.xml
# Sitemap: https://news.example.com/commented-out.xml
Sitemaps: https://news.example.com/not-the-directive.xml
Site-map: https://news.example.com/not-the-directive-either.xml
Sitemap: https://other.example.net/shared-sitemap.xml\r
"""
    assert sitemap_urls_from_robots(robots, "https://news.example.com/robots.txt") == [
        "https://news.example.com/sitemap.xml",
        "https://news.example.com/news-sitemap.xml",
        "https://news.example.com/sitemaps/index.xml",
        "https://other.example.net/shared-sitemap.xml",
    ]


def test_robots_without_sitemaps() -> None:
    assert sitemap_urls_from_robots("", "https://example.org/robots.txt") == []
    assert sitemap_urls_from_robots("User-agent: *\nDisallow:\n", "https://example.org/") == []


# Hints and date filtering


def test_hints_from_sitemap_entry() -> None:
    entry = SitemapEntry(
        loc="https://example.org/a",
        lastmod="2024-05-02T00:00:00+00:00",
        news_title="T",
        news_published="2024-05-01T09:00:00+01:00",
        news_language="zh-tw",
        news_publication="Example",
    )
    assert hints_from_sitemap_entry(entry) == {
        "title": "T",
        "published": "2024-05-01T09:00:00+01:00",
        "modified": "2024-05-02T00:00:00+00:00",
        "language": "zh",
        "site_name": "Example",
    }
    assert hints_from_sitemap_entry(SitemapEntry(loc="https://example.org/b")) == {}


SINCE = date(2024, 5, 1)


@pytest.mark.parametrize(
    ("entry_date", "expected"),
    [
        pytest.param(None, True, id="undated"),
        pytest.param("", True, id="empty"),
        pytest.param("not a date", True, id="unreadable"),
        pytest.param("2024-05-01", True, id="same-day-date"),
        pytest.param("2024-04-30", False, id="day-before-date"),
        pytest.param("2024-05-02", True, id="day-after-date"),
        pytest.param("2024-05-01T00:00:00+00:00", True, id="midnight-utc"),
        pytest.param("2024-04-30T23:59:59+00:00", False, id="last-second-before"),
        # 00:30 in Paris is still 30 April in UTC.
        pytest.param("2024-05-01T00:30:00+02:00", False, id="offset-east-previous-utc-day"),
        # 20:00 on 30 April in New York is already 1 May in UTC.
        pytest.param("2024-04-30T20:00:00-04:00", True, id="offset-west-next-utc-day"),
        # Without an offset the calendar day is all there is.
        pytest.param("2024-05-01T00:30:00", True, id="naive-same-day"),
        pytest.param("2024-04-30T23:30:00", False, id="naive-day-before"),
        pytest.param("Tue, 30 Apr 2024 22:30:00 -0400", True, id="rfc822-is-normalised"),
        pytest.param("0001-01-01T00:00:00+01:00", False, id="no-utc-day"),
    ],
)
def test_is_since(entry_date: str | None, expected: bool) -> None:
    assert is_since(entry_date, SINCE) is expected


def test_is_since_accepts_a_datetime() -> None:
    eastern = timezone(timedelta(hours=-4))
    assert is_since("2024-05-01", datetime(2024, 5, 1, 12, 0))
    # 22:00 on 30 April at -04:00 is 1 May in UTC.
    assert is_since("2024-05-01T00:00:00+00:00", datetime(2024, 4, 30, 22, 0, tzinfo=eastern))


# Hostile input


@pytest.fixture
def local_server():
    """A server that would hand out an entity definition to a parser that fetched one."""
    with scripted_server(
        lambda path: (200, {}, b'<!ENTITY leak "https://fetched.example/over-http">')
    ) as server:
        yield server


@pytest.mark.skipif(not Path("/etc/passwd").is_file(), reason="needs /etc/passwd")
def test_external_entities_are_neither_read_nor_fetched(local_server) -> None:
    base, requested = local_server
    passwd = Path("/etc/passwd").resolve().as_uri()
    passwd_line = Path("/etc/passwd").read_text().splitlines()[0]
    bodies = [
        f"""<?xml version="1.0"?><!DOCTYPE urlset [
          <!ENTITY file SYSTEM "{passwd}"><!ENTITY web SYSTEM "{base}/entity">]>
        <urlset><url><loc>https://example.org/&file;</loc><lastmod>&web;</lastmod>
          <news:news xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
          <news:title>&file;</news:title></news:news></url></urlset>""",
        f"""<?xml version="1.0"?><!DOCTYPE urlset SYSTEM "{base}/sitemap.dtd">
        <urlset><url><loc>&leak;</loc></url><url><loc>https://example.org/b</loc></url>
        </urlset>""",
        f"""<?xml version="1.0"?><!DOCTYPE urlset [
          <!ENTITY % remote SYSTEM "{base}/param.dtd"> %remote;]>
        <urlset><url><loc>https://example.org/c&leak;</loc></url></urlset>""",
    ]
    for body in bodies:
        try:
            sitemap = parse_sitemap(body.encode(), "https://example.org/sitemap.xml")
        except SitemapError:
            continue
        text = repr(sitemap)
        assert passwd_line not in text
        assert "root:" not in text
        assert "fetched.example" not in text
    time.sleep(0.1)  # let a request that was wrongly sent reach the server
    assert requested == []
    # The server does record requests: the empty list above means none was sent.
    with urlopen(f"{base}/probe") as response:
        response.read()
    assert requested == ["/probe"]


def test_billion_laughs_is_not_expanded() -> None:
    levels = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{level} "{f"&lol{level - 1};" * 10}">' for level in range(1, 10)
    ]
    body = (
        f'<?xml version="1.0"?><!DOCTYPE urlset [{"".join(levels)}]>'
        "<urlset><url><loc>https://example.org/a</loc>"
        "<news:news xmlns:news='http://www.google.com/schemas/sitemap-news/0.9'>"
        "<news:title>&lol9;</news:title></news:news></url></urlset>"
    ).encode()
    started = time.perf_counter()
    try:
        entries = parse_sitemap(body, SITEMAP_URL).entries
    except SitemapError:
        entries = []
    assert time.perf_counter() - started < 1
    assert all("lol" not in (entry.news_title or "") for entry in entries)


def test_locations_that_are_not_http_are_reported_not_kept() -> None:
    body = (
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<url><loc>ftp://news.example/a</loc></url><url><loc>https://news.example/b</loc></url>"
        b"</urlset>"
    )
    rejected: list[str] = []
    sitemap = parse_sitemap(body, "https://news.example/sitemap.xml", rejected=rejected)
    assert [e.loc for e in sitemap.entries] == ["https://news.example/b"]
    assert rejected == ["ftp://news.example/a"]
