"""The bundled sample site and its server, checked over real HTTP on 127.0.0.1."""

from __future__ import annotations

import gzip
import http.client
import json
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Iterator
from datetime import datetime
from email.utils import parsedate_to_datetime
from http.client import HTTPMessage
from urllib.error import HTTPError
from urllib.parse import urldefrag, urljoin, urlsplit
from urllib.request import Request, urlopen
from urllib.robotparser import RobotFileParser

import lxml.etree
import lxml.html
import pytest
import trafilatura

from newsarchive.sample_site import (
    BASE_URL_PLACEHOLDER,
    SAMPLE_SITE_DIR,
    article_by_path,
    article_paths,
    listing_paths,
    sample_articles,
)
from newsarchive.sample_site.articles import COMMENTS
from newsarchive.sample_site.build import site_files
from newsarchive.sample_site.discovery_files import feed_author_names
from newsarchive.sample_site.server import SiteServer, serve_site

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
NEWS_NS = {**SITEMAP_NS, "news": "http://www.google.com/schemas/sitemap-news/0.9"}
ATOM_NS = {"a": "http://www.w3.org/2005/Atom"}
DC = "{http://purl.org/dc/elements/1.1/}creator"
XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"


@pytest.fixture(scope="module")
def site() -> Iterator[SiteServer]:
    with serve_site() as server:
        yield server


def get(url: str, headers: dict[str, str] | None = None, method: str = "GET"):
    """Status, headers and body of a request made with urllib; errors are returned too."""
    request = Request(url, headers=headers or {}, method=method)
    try:
        with urlopen(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except HTTPError as error:
        with error:
            return error.code, error.headers, error.read()


def raw_get(site: SiteServer, target: str, method: str = "GET") -> tuple[int, HTTPMessage]:
    """A request sent exactly as written (no redirects followed, no path normalisation)."""
    connection = http.client.HTTPConnection("127.0.0.1", site.port, timeout=10)
    try:
        connection.request(method, target)
        response = connection.getresponse()
        response.read()
        return response.status, response.headers
    finally:
        connection.close()


def fetch_text(site: SiteServer, path: str) -> str:
    status, _, body = get(site.url(path))
    assert status == 200, path
    return body.decode("utf-8")


def json_ld(document: lxml.html.HtmlElement) -> list[dict]:
    scripts = document.xpath('//script[@type="application/ld+json"]/text()')
    return [json.loads(script) for script in scripts]


def html_pages_on_disk() -> set[str]:
    paths = set()
    for index in SAMPLE_SITE_DIR.rglob("index.html"):
        relative = index.parent.relative_to(SAMPLE_SITE_DIR).as_posix()
        paths.add("/" if relative == "." else f"/{relative}/")
    return paths


# -- the data behind the site ---------------------------------------------------------


def test_site_layout_matches_data() -> None:
    articles = sample_articles(include_private=True)
    assert len(articles) == 36
    assert len(article_paths()) == 35
    assert [a.path for a in articles if a.private] == [
        "/private/2026/11/13/harbour-masterplan-embargoed-preview/"
    ]
    assert html_pages_on_disk() == set(article_paths(include_private=True)) | set(listing_paths())
    assert not set(listing_paths()) & set(article_paths(include_private=True))


def test_articles_are_varied() -> None:
    articles = sample_articles(include_private=True)
    assert Counter(a.language for a in articles) == {"en": 33, "de": 2, "fr": 1}
    assert {a.section for a in articles} == {"politics", "business", "sport", "culture", "science"}
    assert all(250 <= len(a.text.split()) <= 700 for a in articles)
    assert all(1 <= len(a.subheadings) <= 2 for a in articles)
    dates = sorted(a.published for a in articles)
    assert (dates[-1] - dates[0]).days >= 20
    assert {a.published.utcoffset().total_seconds() / 3600 for a in articles} == {1, 2}
    assert Counter(len(a.authors) for a in articles)[0] == 1  # one agency-only credit
    assert any(len(a.authors) == 2 for a in articles)
    assert article_by_path(articles[0].path) == articles[0]
    with pytest.raises(KeyError):
        article_by_path("/politics/")


def test_committed_site_matches_generator() -> None:
    expected = site_files()
    on_disk = {
        path.relative_to(SAMPLE_SITE_DIR).as_posix()
        for path in SAMPLE_SITE_DIR.rglob("*")
        if path.is_file()
    }
    assert on_disk == set(expected), "run python -m newsarchive.sample_site.build"
    for relative, content in expected.items():
        stored = (SAMPLE_SITE_DIR / relative).read_bytes()
        if relative.endswith(".gz"):
            assert gzip.decompress(stored) == gzip.decompress(content), relative
        elif isinstance(content, str):
            assert stored.decode("utf-8") == content, relative
        else:
            assert stored == content, relative
    assert sum(len(c) for c in expected.values()) < 800_000


# -- the server -----------------------------------------------------------------------


def test_base_url_is_substituted_everywhere(site: SiteServer) -> None:
    for path in SAMPLE_SITE_DIR.rglob("*"):
        if not path.is_file():
            continue
        url_path = "/" + path.relative_to(SAMPLE_SITE_DIR).as_posix().removesuffix("index.html")
        status, _, body = get(site.url(url_path))
        assert status == 200, url_path
        if url_path.endswith(".gz"):
            body = gzip.decompress(body)
        assert BASE_URL_PLACEHOLDER.encode() not in body, url_path
    canonical = f'<link rel="canonical" href="{site.base_url}/politics/">'
    assert canonical.encode() in get(site.url("/politics/"))[2]


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/", "text/html; charset=utf-8"),
        ("/robots.txt", "text/plain; charset=utf-8"),
        ("/sitemap_index.xml", "application/xml"),
        ("/news-sitemap.xml", "application/xml"),
        ("/sitemap-articles.xml.gz", "application/gzip"),
        ("/feed.xml", "application/rss+xml"),
        ("/atom.xml", "application/atom+xml"),
        ("/feed.json", "application/feed+json"),
        ("/assets/site.css", "text/css; charset=utf-8"),
        ("/images/logo.png", "image/png"),
    ],
)
def test_content_types(site: SiteServer, path: str, expected: str) -> None:
    status, headers, _ = get(site.url(path))
    assert status == 200
    assert headers["Content-Type"] == expected
    assert "Content-Encoding" not in headers


def test_directories_missing_files_and_escapes(site: SiteServer) -> None:
    status, headers = raw_get(site, "/politics?page=1")
    assert status == 301
    assert headers["Location"] == "/politics/?page=1"
    assert get(site.url("/politics"))[0] == 200  # urllib follows the redirect
    for target in [
        "/no-such-page/",
        "/missing.xml",
        "/images/",  # a directory without index.html: no listing
        "/../__init__.py",
        "/%2e%2e/server.py",
        "/assets/../../build.py",
        "/assets/%2E%2E/%2E%2E/articles.py",
        "/..%2fserver.py",
        "/%00/robots.txt",
    ]:
        assert raw_get(site, target)[0] == 404, target


def test_conditional_requests_and_head(site: SiteServer) -> None:
    url = site.url("/feed.xml")
    status, headers, body = get(url)
    assert status == 200
    etag, last_modified = headers["ETag"], headers["Last-Modified"]
    assert etag.startswith('"')
    assert parsedate_to_datetime(last_modified).tzinfo is not None

    assert get(url, {"If-None-Match": etag})[0] == 304
    assert get(url, {"If-None-Match": f'"other", W/{etag}'})[0] == 304
    assert get(url, {"If-None-Match": "*"})[0] == 304
    assert get(url, {"If-Modified-Since": last_modified})[0] == 304
    assert get(url, {"If-None-Match": '"stale"'})[0] == 200
    assert get(url, {"If-Modified-Since": "Thu, 01 Jan 1998 00:00:00 GMT"})[0] == 200
    assert get(url, {"If-Modified-Since": "not a date"})[0] == 200
    # If-None-Match wins over If-Modified-Since (RFC 9110 section 13.2.2).
    assert get(url, {"If-None-Match": '"stale"', "If-Modified-Since": last_modified})[0] == 200

    status, not_modified, body_304 = get(url, {"If-None-Match": etag})
    assert (status, body_304, not_modified["ETag"]) == (304, b"", etag)

    status, head_headers, head_body = get(url, method="HEAD")
    assert (status, head_body) == (200, b"")
    assert head_headers["Content-Length"] == str(len(body))
    assert head_headers["ETag"] == etag
    # The recompressed sitemap is stable, so its ETag can be revalidated too.
    gz_etag = get(site.url("/sitemap-articles.xml.gz"))[1]["ETag"]
    assert get(site.url("/sitemap-articles.xml.gz"), {"If-None-Match": gz_etag})[0] == 304


def test_connections_are_kept_alive(site: SiteServer) -> None:
    """Like a real web server, one connection serves request after request."""
    connection = http.client.HTTPConnection("127.0.0.1", site.port, timeout=10)
    try:
        answers = []
        for path, method in [
            ("/", "GET"),
            ("/politics", "GET"),
            ("/feed.xml", "HEAD"),
            ("/x/", "GET"),
        ]:
            connection.request(method, path)
            response = connection.getresponse()
            answers.append((response.status, len(response.read()) > 0))
            assert not response.will_close, path
        assert answers == [(200, True), (301, False), (200, False), (404, True)]
        first_socket = connection.sock
        connection.request("GET", "/robots.txt")
        assert b"User-agent: *" in connection.getresponse().read()
        assert connection.sock is first_socket
    finally:
        connection.close()


def test_request_counting() -> None:
    with serve_site() as server:
        assert server.requests == Counter()
        get(server.url("/"))
        get(server.url("/about"))  # redirected: both paths are counted
        get(server.url("/missing/"))
        get(server.url("/feed.xml?utm_source=test"), method="HEAD")
        assert server.requests == Counter(
            {"/": 1, "/about": 1, "/about/": 1, "/missing/": 1, "/feed.xml": 1}
        )
        assert server.requested("/feed.xml")
        assert not server.requested("/private/2026/11/13/harbour-masterplan-embargoed-preview/")
        assert server.request_log[-1] == ("HEAD", "/feed.xml?utm_source=test")

        server.reset_requests()
        assert server.requests == Counter()
        assert server.request_log == []

        def hammer() -> None:
            for _ in range(20):
                get(server.url("/robots.txt"))

        threads = [threading.Thread(target=hammer) for _ in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert server.requests == Counter({"/robots.txt": 120})


def test_serves_any_directory(tmp_path) -> None:
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "index.html").write_text(
        '<a href="{{BASE_URL}}/news/one.html">one</a>', encoding="utf-8"
    )
    (tmp_path / "feed.json").write_text(
        '{"version": "https://jsonfeed.org/version/1.1", "home_page_url": "{{BASE_URL}}/"}',
        encoding="utf-8",
    )
    (tmp_path / "plain.json").write_text('{"a": 1}', encoding="utf-8")
    (tmp_path / "rss.xml").write_text('<?xml version="1.0"?><rss version="2.0"/>')
    (tmp_path / "map.xml.gz").write_bytes(gzip.compress(b"<urlset>{{BASE_URL}}/x</urlset>"))
    (tmp_path / "empty").mkdir()
    with serve_site(tmp_path) as server:
        assert server.base_url.startswith("http://127.0.0.1:")
        assert server.port != 0
        _, _, body = get(server.url("/news/"))
        assert body == f'<a href="{server.base_url}/news/one.html">one</a>'.encode()
        _, headers, body = get(server.url("/map.xml.gz"))
        assert headers["Content-Type"] == "application/gzip"
        assert gzip.decompress(body) == f"<urlset>{server.base_url}/x</urlset>".encode()
        assert get(server.url("/feed.json"))[1]["Content-Type"] == "application/feed+json"
        assert get(server.url("/plain.json"))[1]["Content-Type"] == "application/json"
        assert get(server.url("/rss.xml"))[1]["Content-Type"] == "application/rss+xml"
        assert get(server.url("/empty/"))[0] == 404
        assert get(server.url("/news/one.html"))[0] == 404
    with pytest.raises(ValueError, match="not a directory"):
        SiteServer(tmp_path / "nowhere")


def test_command_line_server() -> None:
    command = [sys.executable, "-m", "newsarchive.sample_site.server", "--port", "0"]
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as process:
        try:
            line = process.stdout.readline()
            base_url = line.split(" at ")[1].split("/ ")[0]
            status, _, body = get(base_url + "/robots.txt")
            assert status == 200
            assert f"Sitemap: {base_url}/sitemap_index.xml" in body.decode()
        finally:
            process.terminate()
            _, stderr = process.communicate(timeout=10)
    assert stderr == ""  # quiet: no request log on stderr


SITEMAP_SPIDER = """
from scrapy.spiders import SitemapSpider


class ArticleUrls(SitemapSpider):
    name = "article_urls"

    def __init__(self, base, **kwargs):
        super().__init__(**kwargs)
        self.base = base
        self.sitemap_urls = [base + "/robots.txt"]

    def parse(self, response):
        yield {"path": response.url.removeprefix(self.base)}
"""


def test_scrapy_sitemap_crawl_obeys_robots(tmp_path) -> None:
    """Scrapy's own SitemapSpider reads robots.txt, the index and the gzipped sitemap."""
    (tmp_path / "spider.py").write_text(SITEMAP_SPIDER, encoding="utf-8")
    output = tmp_path / "items.jsonl"
    with serve_site() as server:
        command = [
            *(sys.executable, "-m", "scrapy", "runspider", "spider.py"),
            *("-a", f"base={server.base_url}", "-o", f"{output}:jsonlines"),
            *("-s", "ROBOTSTXT_OBEY=True", "-s", "LOG_LEVEL=WARNING"),
            *("-s", "TELNETCONSOLE_ENABLED=False"),
        ]
        subprocess.run(command, cwd=tmp_path, check=True, capture_output=True, timeout=120)
        requests = server.requests
    crawled = [json.loads(line)["path"] for line in output.read_text().splitlines()]
    private = [a.path for a in sample_articles(include_private=True) if a.private]
    assert set(crawled) >= set(article_paths())
    assert requests["/sitemap-articles.xml.gz"] == 1
    assert not any(requests[path] for path in private)


# -- pages ----------------------------------------------------------------------------


def test_every_internal_link_resolves(site: SiteServer) -> None:
    """Crawl from the home page: every page is reachable and no link is broken."""
    pages, queue, checked = set(), ["/"], {}
    while queue:
        path = queue.pop()
        if path in pages:
            continue
        pages.add(path)
        document = lxml.html.fromstring(fetch_text(site, path))
        links = document.xpath("//a/@href | //link/@href | //img/@src | //script/@src")
        for link in links:
            url, _ = urldefrag(urljoin(site.url(path), link))
            if not url.startswith(site.base_url + "/"):
                continue
            target = urlsplit(url).path
            if target not in checked:
                checked[target] = raw_get(site, target)[0]
            if target.endswith("/"):
                queue.append(target)
    assert {p: s for p, s in checked.items() if s != 200} == {}
    assert pages == html_pages_on_disk()


@pytest.mark.parametrize(
    "article", sample_articles(include_private=True), ids=lambda article: article.slug
)
def test_article_page_declares_its_metadata(site: SiteServer, article) -> None:
    document = lxml.html.fromstring(fetch_text(site, article.path))
    assert document.get("lang") == article.locale
    assert document.findtext(".//title") == f"{article.title} | The Harbour Gazette"
    assert document.xpath("string(//h1)") == article.title
    assert document.xpath("//meta[@property='og:type']/@content") == ["article"]
    published = document.xpath("//article//time/@datetime")[0]
    assert datetime.fromisoformat(published) == article.published
    assert published == article.published.isoformat()  # the site's own offset, not UTC

    (news,) = [block for block in json_ld(document) if block["@type"] == "NewsArticle"]
    assert news["headline"] == article.title
    assert news["datePublished"] == article.published.isoformat()
    assert news["dateModified"] == article.modified.isoformat()
    assert news["inLanguage"] == article.locale
    assert news["keywords"] == list(article.tags)
    assert news["mainEntityOfPage"]["@id"] == article.url(site.base_url)
    assert news["publisher"]["name"] == "The Harbour Gazette"
    people = [a["name"] for a in news["author"] if a["@type"] == "Person"]
    assert tuple(people) == article.authors
    byline = document.xpath("string(//p[@class='byline'])")
    assert article.byline.split(" and agencies")[0].split(" and ")[0] in byline


@pytest.mark.parametrize("path", listing_paths())
def test_other_pages_are_not_articles(site: SiteServer, path: str) -> None:
    document = lxml.html.fromstring(fetch_text(site, path))
    assert document.xpath("//meta[@property='og:type']/@content") == ["website"]
    types = {t for block in json_ld(document) for t in json.dumps(block["@type"]).split('"')}
    assert "NewsArticle" not in types
    assert types & {"CollectionPage", "WebPage", "AboutPage", "ContactPage", "ProfilePage"}
    assert not document.xpath("//meta[starts-with(@property, 'article:')]")


def test_pagination_links(site: SiteServer) -> None:
    page_one = lxml.html.fromstring(fetch_text(site, "/politics/"))
    assert page_one.xpath("//a[@rel='next']/@href") == ["/politics/page/2/"]
    page_two = lxml.html.fromstring(fetch_text(site, "/politics/page/2/"))
    assert page_two.xpath("//a[@rel='prev']/@href") == ["/politics/"]
    listed = page_one.xpath("//article//h2/a/@href") + page_two.xpath("//article//h2/a/@href")
    assert listed == [p for p in article_paths() if article_by_path(p).section == "politics"]


@pytest.mark.parametrize(
    "article", sample_articles(include_private=True), ids=lambda article: article.slug
)
def test_trafilatura_extracts_body_without_comments(site: SiteServer, article) -> None:
    html = fetch_text(site, article.path)
    # Comment sections are recognised as comments, never merged into the main text.
    document = trafilatura.bare_extraction(html, include_comments=True)
    text = trafilatura.extract(html, include_comments=False)
    assert text is not None
    for block in article.blocks:
        assert block in text
    comment_texts = [comment for _, comment in COMMENTS if comment in html]
    assert comment_texts
    for comment in comment_texts:
        assert comment not in text
        assert comment not in document.text
        assert comment in document.comments
    for boilerplate in ("Most read", "Related", "Sign up free", "Comments are moderated"):
        assert boilerplate not in text
    assert len(text) < 1.1 * len(article.text)


# -- discovery files ------------------------------------------------------------------


def test_robots_txt(site: SiteServer) -> None:
    body = fetch_text(site, "/robots.txt")
    robots = RobotFileParser()
    robots.parse(body.splitlines())
    assert robots.site_maps() == [
        f"{site.base_url}/sitemap_index.xml",
        f"{site.base_url}/news-sitemap.xml",
    ]
    for article in sample_articles(include_private=True):
        assert robots.can_fetch("newsarchive", article.url(site.base_url)) is not article.private
    assert all(robots.can_fetch("newsarchive", site.url(path)) for path in listing_paths())
    home = fetch_text(site, "/")
    assert f'href="{article_paths(include_private=True)[0]}"' in home  # the private one


def test_sitemap_index_and_gzipped_articles(site: SiteServer) -> None:
    index = lxml.etree.fromstring(get(site.url("/sitemap_index.xml"))[2])
    assert index.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    locs = index.xpath("//sm:sitemap/sm:loc/text()", namespaces=SITEMAP_NS)
    assert locs == [site.url("/sitemap-articles.xml.gz"), site.url("/sitemap-pages.xml")]

    status, _, body = get(locs[0])
    assert status == 200
    urlset = lxml.etree.fromstring(gzip.decompress(body))
    assert urlset.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"
    urls = urlset.xpath("//sm:url", namespaces=SITEMAP_NS)
    assert len(urls) == len(article_paths(include_private=True))
    for url in urls:
        loc = url.findtext("sm:loc", namespaces=SITEMAP_NS)
        article = article_by_path(urlsplit(loc).path)
        lastmod = datetime.fromisoformat(url.findtext("sm:lastmod", namespaces=SITEMAP_NS))
        assert lastmod == article.modified
        assert lastmod.tzinfo is not None

    pages = lxml.etree.fromstring(get(locs[1])[2])
    for loc in pages.xpath("//sm:loc/text()", namespaces=SITEMAP_NS):
        assert urlsplit(loc).path in listing_paths()


def test_news_sitemap(site: SiteServer) -> None:
    urlset = lxml.etree.fromstring(get(site.url("/news-sitemap.xml"))[2])
    urls = urlset.xpath("//sm:url", namespaces=NEWS_NS)
    assert len(urls) == 12
    expected = sample_articles(include_private=True)[:12]
    for url, article in zip(urls, expected, strict=True):
        assert url.findtext("sm:loc", namespaces=NEWS_NS) == article.url(site.base_url)
        news = url.find("news:news", namespaces=NEWS_NS)
        assert news.findtext(".//news:name", namespaces=NEWS_NS) == "The Harbour Gazette"
        assert news.findtext(".//news:language", namespaces=NEWS_NS) == article.language
        assert news.findtext("news:title", namespaces=NEWS_NS) == article.title
        date = news.findtext("news:publication_date", namespaces=NEWS_NS)
        assert date == article.published.isoformat()


def test_rss_feed(site: SiteServer) -> None:
    channel = lxml.etree.fromstring(get(site.url("/feed.xml"))[2]).find("channel")
    items = channel.findall("item")
    expected = sample_articles(include_private=True)[:15]
    assert len(items) == 15
    assert any(a.private for a in expected)
    for item, article in zip(items, expected, strict=True):
        assert item.findtext("link") == article.url(site.base_url)
        assert item.findtext("guid") == article.url(site.base_url)
        assert item.findtext("title") == article.title
        assert [c.text for c in item.iter(DC)] == feed_author_names(article)
        assert parsedate_to_datetime(item.findtext("pubDate")) == article.published
        assert item.findtext("category") is not None


def test_atom_feed_resolves_relative_links(site: SiteServer) -> None:
    feed = lxml.etree.fromstring(get(site.url("/atom.xml"))[2])
    base = feed.get(XML_BASE)
    assert base == site.base_url + "/"
    entries = feed.findall("a:entry", ATOM_NS)
    expected = sample_articles(include_private=True)[:15]
    assert len(entries) == 15
    for entry, article in zip(entries, expected, strict=True):
        href = entry.find("a:link[@rel='alternate']", ATOM_NS).get("href")
        assert not href.startswith(("http", "/"))  # relative, resolved against xml:base
        assert urljoin(base, href) == article.url(site.base_url)
        names = [n.text for n in entry.findall("a:author/a:name", ATOM_NS)]
        assert names == feed_author_names(article)
        published = datetime.fromisoformat(entry.findtext("a:published", namespaces=ATOM_NS))
        assert published == article.published
        assert entry.findtext("a:updated", namespaces=ATOM_NS) == article.modified.isoformat()
        assert entry.get("{http://www.w3.org/XML/1998/namespace}lang") == article.locale
        if not article.private:
            assert get(urljoin(base, href))[0] == 200


def test_json_feed(site: SiteServer) -> None:
    feed = json.loads(get(site.url("/feed.json"))[2])
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["feed_url"] == site.url("/feed.json")
    assert feed["language"] == "en-GB"
    expected = sample_articles(include_private=True)[:15]
    assert len(feed["items"]) == 15
    for item, article in zip(feed["items"], expected, strict=True):
        assert item["url"] == article.url(site.base_url)
        assert item["title"] == article.title
        assert [a["name"] for a in item["authors"]] == feed_author_names(article)
        assert datetime.fromisoformat(item["date_published"]) == article.published
        assert datetime.fromisoformat(item["date_modified"]) == article.modified
        assert set(article.tags) <= set(item["tags"])
        assert item["language"] == article.locale
