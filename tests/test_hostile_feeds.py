"""Feeds and sitemaps as untrusted input: XML bombs, external entities, foreign schemes, private addresses.

The parsers' own safety is unit-tested in ``tests/test_discovery_*.py``; here real
crawls fetch such documents over HTTP and must expand, read and fetch nothing.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

import pytest

from newsarchive.middlewares.private import is_public_address, parse_allowed
from newsarchive.sample_site import sample_articles
from tests.hostile.pages import article_html
from tests.hostile.server import HTML, Answer, hostile_server, log_line
from tests.utils import run_crawl, run_scrapy, sqlite_uri

XML = {"Content-Type": "application/xml"}
LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10 if n > 1 else "&lol;" * 10}">'
        for n in range(1, 10)
    )
    + "]>"
)


def external(base: str) -> str:
    return (
        '<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">'
        f'<!ENTITY remote SYSTEM "{base}/secret">]>'
    )


def rss(doctype: str, links: list[str], text: str = "") -> bytes:
    items = "".join(
        f"<item><title>Story {n} {text}</title><link>{link}</link>"
        f"<description>{text}</description></item>"
        for n, link in enumerate(links)
    )
    return (
        f'<?xml version="1.0"?>{doctype}<rss version="2.0"><channel><title>News {text}</title>'
        f"{items}</channel></rss>"
    ).encode()


def urlset(doctype: str, links: list[str], text: str = "") -> bytes:
    entries = "".join(f"<url><loc>{link}{text}</loc></url>" for link in links)
    return (
        f'<?xml version="1.0"?>{doctype}'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>'
    ).encode()


ARTICLES = {
    f"/news/{article.slug}/": article_html(article.title, list(article.paragraphs)).encode()
    for article in sample_articles()[:4]
}
PATHS = list(ARTICLES)


def serve_articles_and(documents):
    """A server for ``ARTICLES`` and the documents ``documents(base)`` maps by path."""
    state = {}

    def respond(path: str) -> Answer:
        if path in ARTICLES:
            return Answer(200, HTML, ARTICLES[path])
        document = state["documents"].get(path)
        if isinstance(document, Answer):
            return document
        if document is not None:
            return Answer(200, XML, document)
        return Answer(404, HTML, b"<h1>Not found</h1>")

    server = hostile_server(respond)

    class Serving:
        def __enter__(self):
            base, hits = server.__enter__()
            state["documents"] = documents(base)
            return base, hits

        def __exit__(self, *exc_info):
            return server.__exit__(*exc_info)

    return Serving()


def assert_nothing_leaked(result, hits):
    asked = [hit.path for hit in hits]
    assert "/secret" not in asked
    for record in result.articles:
        dumped = f"{record.title} {record.text} {record.description}"
        assert "root:" not in dumped and "lollol" not in dumped


def test_feeds_with_entity_bombs_external_entities_and_foreign_schemes(tmp_path):
    def documents(base: str) -> dict[str, bytes | Answer]:
        return {
            "/laughs.xml": rss(LAUGHS, [base + PATHS[0]], "&lol9;"),
            "/external.xml": rss(external(base), [base + PATHS[1]], "&xxe; &remote;"),
            # Only http(s) is fetched: the feed parser keeps http(s) links only, Scrapy
            # follows no redirect to another scheme, and the file, data, ftp and s3
            # download handlers are disabled besides.
            "/schemes.xml": rss(
                "",
                [
                    "file:///etc/passwd",
                    "data:text/html,<p>planted</p>",
                    f"ftp://127.0.0.1:{urlsplit(base).port}/story",
                    "s3://bucket/story",
                    base + "/to-file",
                    base + "/to-data",
                    base + PATHS[2],
                ],
            ),
            "/to-file": Answer(302, {"Location": "file:///etc/passwd"}),
            "/to-data": Answer(302, {"Location": "data:text/html,<p>planted</p>"}),
        }

    with serve_articles_and(documents) as (base, hits):
        feeds = ",".join(base + p for p in ("/laughs.xml", "/external.xml", "/schemes.xml"))
        result = run_crawl("feeds", tmp_path, args={"urls": feeds})
    assert result.returncode == 0, result.log[-3000:]
    # The entity bomb breaks the feed past recovery: it is skipped, not expanded.
    assert log_line(result.log, f"Skipping feed {base}/laughs.xml", "malformed feed")
    assert sorted(urlsplit(a.url).path for a in result.articles) == sorted(PATHS[1:3])
    assert_nothing_leaked(result, hits)
    for feed in ("/laughs.xml", "/external.xml"):
        assert log_line(result.log, base + feed, "declares XML entities: not expanding")
    # Three http(s) entries in the schemes feed, one in the external-entity feed;
    # the other four links are named, with the feed, in one line.
    assert result.stat("newsarchive/feeds/entries") == 4
    assert log_line(
        result.log,
        f"Feed {base}/schemes.xml: not fetching 4 links that are not http(s) URLs",
        "'file:///etc/passwd', 'data:text/html,'",
        "'s3://bucket/story'",
    )
    assert result.stat("newsarchive/skip/not_http_url") == 4
    for redirector in ("/to-file", "/to-data"):
        assert log_line(result.log, f"Not archiving {base}{redirector}", "HTTP status 302")
    assert "/story" not in [hit.path for hit in hits]


def test_file_urls_are_not_fetched_even_when_asked_for(tmp_path):
    process = run_scrapy(
        "fetch", "-s", f"ARCHIVE_URI={sqlite_uri(tmp_path / 'a.sqlite3')}", "file:///etc/passwd"
    )
    assert "root:" not in process.stdout
    assert "Unsupported URL scheme 'file': no handler available" in process.stderr


def test_sitemaps_with_entity_bombs_and_external_entities(tmp_path):
    def documents(base: str) -> dict[str, bytes]:
        return {
            "/laughs.xml": urlset(LAUGHS, [base + PATHS[0]], "&lol9;"),
            "/external.xml": urlset(external(base), [base + PATHS[1]], "&xxe;&remote;"),
        }

    with serve_articles_and(documents) as (base, hits):
        sitemaps = f"{base}/laughs.xml,{base}/external.xml"
        result = run_crawl("sitemap", tmp_path, args={"urls": sitemaps})
    assert result.returncode == 0, result.log[-3000:]
    # The entity references in <loc> are dropped, never expanded: the plain URLs remain.
    assert sorted(urlsplit(a.url).path for a in result.articles) == sorted(PATHS[:2])
    assert_nothing_leaked(result, hits)
    for sitemap in ("/laughs.xml", "/external.xml"):
        assert log_line(result.log, base + sitemap, "declares XML entities: not expanding")


def test_private_addresses_are_refused_when_asked(tmp_path):
    """With NEWSARCHIVE_BLOCK_PRIVATE_ADDRESSES a feed cannot send the crawler inside the network."""
    with hostile_server(lambda path: Answer(200, HTML, b"<h1>internal</h1>")) as (
        inside,
        inside_hits,
    ):
        port = urlsplit(inside).port
        refused = [
            f"{inside}/admin/",
            f"http://localhost:{port}/admin/",
            f"http://[::1]:{port}/admin/",
            "http://10.0.0.1/admin/",
            "http://169.254.169.254/latest/meta-data/",
        ]

        def documents(base: str) -> dict[str, bytes | Answer]:
            return {
                "/feed.xml": rss("", [base + PATHS[0], base + "/go", *refused]),
                # Every redirect hop is checked too: /go sends the crawler inside.
                "/go": Answer(302, {"Location": f"{inside}/redirected/"}),
            }

        with serve_articles_and(documents) as (base, _):
            result = run_crawl(
                "feeds",
                tmp_path,
                args={"urls": f"{base}/feed.xml"},
                settings={
                    "NEWSARCHIVE_BLOCK_PRIVATE_ADDRESSES": "True",
                    # The test's own feed server is the one exception.
                    "NEWSARCHIVE_ALLOWED_ADDRESSES": f"127.0.0.1:{urlsplit(base).port}",
                },
            )
    assert result.returncode == 0, result.log[-3000:]
    assert [urlsplit(a.url).path for a in result.articles] == [PATHS[0]]
    assert inside_hits == []
    for url in [*refused, f"{inside}/redirected/"]:
        assert log_line(result.log, f"Not fetching {url}", "non-public address"), result.log[
            -3000:
        ]
    # Each refused page, and the robots.txt of each refused host.
    assert result.stat("newsarchive/skip/private_address") == 2 * len(refused) + 1


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("93.184.216.34", True),
        ("2606:4700::1111", True),
        ("127.0.0.1", False),
        ("10.0.0.1", False),
        ("172.16.5.4", False),
        ("192.168.1.1", False),
        ("169.254.169.254", False),
        ("100.64.0.1", False),  # shared address space (carrier-grade NAT)
        ("0.0.0.0", False),
        ("::1", False),
        ("fe80::1", False),
        ("fd00::1", False),
        ("::ffff:127.0.0.1", False),  # IPv4-mapped loopback
        ("224.0.0.1", False),
    ],
)
def test_public_addresses(address, public):
    assert is_public_address(ipaddress.ip_address(address)) is public


def test_allowed_addresses_setting():
    networks, endpoints = parse_allowed(["10.1.0.0/16", "127.0.0.1:8080", "[::1]:8443"])
    assert networks == [ipaddress.ip_network("10.1.0.0/16")]
    assert endpoints == {("127.0.0.1", 8080), ("::1", 8443)}
    with pytest.raises(ValueError, match="NEWSARCHIVE_ALLOWED_ADDRESSES entry 'intranet'"):
        parse_allowed(["intranet"])
