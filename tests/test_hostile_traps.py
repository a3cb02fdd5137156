"""Crawl traps in a site crawl: bounded by URL-shape rules, depth and a per-host page budget."""

from __future__ import annotations

from datetime import date
from urllib.parse import parse_qs, urlsplit

import pytest

from newsarchive.extraction.detection import crawl_trap_reason, without_session_ids
from newsarchive.sample_site import sample_articles
from tests.hostile.pages import article_html, front_html
from tests.hostile.server import HTML, Answer, hostile_server, log_line
from tests.utils import run_crawl

MAX_PAGES = 40


def article_page(index: int) -> bytes:
    article = sample_articles()[index]
    return article_html(article.title, list(article.paragraphs)).encode()


TRAP_ARTICLES = {"/news/harbour-opens-new-ferry-terminal/": 0, "/news/schools-budget-approved/": 1}
OTHER_ARTICLES = {"/news/gulls-learn-to-open-bins/": 3, "/news/library-oral-history/": 7}


def trap_site(path: str) -> Answer:
    """A site whose calendar, shop and folders make up pages forever."""
    parts = urlsplit(path)
    if path == "/":
        links = ["/calendar/2026/11/", "/shop/?sid=1", "/deep/a/", *TRAP_ARTICLES]
        return Answer(200, HTML, front_html(links).encode())
    if path in TRAP_ARTICLES:
        return Answer(200, HTML, article_page(TRAP_ARTICLES[path]))
    if parts.path.startswith("/calendar/"):
        # "Next month", forever.
        year, month = (int(x) for x in parts.path.strip("/").split("/")[1:3])
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return Answer(200, HTML, front_html([f"/calendar/{year}/{month:02d}/"]).encode())
    if parts.path.startswith("/shop/"):
        # A new session id in every link, in the query and as a path parameter.
        sid = int(parse_qs(parts.query).get("sid", ["0"])[0]) + 1
        links = [f"/shop/?sid={sid}", f"/shop/;jsessionid=S{sid}"]
        return Answer(200, HTML, front_html(links).encode())
    if parts.path.startswith("/deep/"):
        # A relative link one folder deeper, forever.
        return Answer(200, HTML, front_html(["a/"]).encode())
    return Answer(404, HTML, b"<h1>Not found</h1>")


def search_site(path: str) -> Answer:
    """A site whose search pages link to four new searches each: no URL rule knows it."""
    parts = urlsplit(path)
    if path == "/":
        return Answer(200, HTML, front_html(["/search?q=a", *OTHER_ARTICLES]).encode())
    if path in OTHER_ARTICLES:
        return Answer(200, HTML, article_page(OTHER_ARTICLES[path]))
    if parts.path == "/search":
        query = parse_qs(parts.query)["q"][0]
        return Answer(200, HTML, front_html([f"/search?q={query}{c}" for c in "abcd"]).encode())
    return Answer(404, HTML, b"<h1>Not found</h1>")


def test_traps_are_bounded_and_do_not_starve_other_hosts(tmp_path):
    with (
        hostile_server(trap_site) as (trap_base, trap_hits),
        hostile_server(search_site) as (search_base, other_hits),
    ):
        # Another host name for the search site: the page budget is per host.
        other_base = search_base.replace("127.0.0.1", "localhost")
        result = run_crawl(
            "site",
            tmp_path,
            args={
                "urls": f"{trap_base}/,{other_base}/",
                "max_depth": "100",
                "max_pages": str(MAX_PAGES),
            },
        )
    assert result.returncode == 0, result.log[-3000:]
    archived = sorted(f"{urlsplit(a.url).netloc}{urlsplit(a.url).path}" for a in result.articles)
    expected = [urlsplit(trap_base).netloc + p for p in TRAP_ARTICLES]
    expected += [urlsplit(other_base).netloc + p for p in OTHER_ARTICLES]
    assert archived == sorted(expected)

    asked = [hit.path for hit in trap_hits]
    # Calendar: followed up to a year ahead, then refused by its date. (The search
    # site used up a budget of MAX_PAGES within a few rounds; this host's is its own.)
    calendar = [p for p in asked if p.startswith("/calendar/")]
    assert calendar[-1] == "/calendar/2027/12/" and len(calendar) == 14
    assert log_line(result.log, f"{trap_base}/calendar/2028/01/", "too far in the future")
    # Session ids: the shop is one page, whatever id its links carry.
    assert [p for p in asked if p.startswith("/shop")] == ["/shop/"]
    # Endless folders: refused once a segment repeats.
    assert [p for p in asked if p.startswith("/deep/")] == ["/deep/a/", "/deep/a/a/"]
    assert log_line(result.log, f"{trap_base}/deep/a/a/a/", "a path segment repeated")
    # The unknown trap: stopped by its host's page budget.
    assert len([hit for hit in other_hits if hit.path != "/robots.txt"]) <= MAX_PAGES
    assert log_line(result.log, f"Page budget of {MAX_PAGES} reached")
    assert result.stat("newsarchive/site/page_budget_reached") == 1


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("https://n.example/calendar/2028/01/", "dated 2028, too far in the future (a calendar)"),
        (
            "https://n.example/events?date=2031-04-30",
            "dated 2031, too far in the future (a calendar)",
        ),
        ("https://n.example/calendar/2027/12/", None),
        ("https://n.example/2026/11/20/harbour-story/", None),
        # Numbers in slugs and ids are not dates.
        ("https://n.example/news/net-zero-by-2050-plan/", None),
        ("https://n.example/n/28001234/", None),
        ("https://n.example/a/b/a/b/a/", "a path segment repeated"),
        ("https://n.example/x/x/x/", "a path segment repeated"),
        (
            "https://n.example/" + "".join(f"s{n}/" for n in range(13)),
            "more than 12 path segments",
        ),
    ],
)
def test_crawl_trap_rules(url, reason):
    assert crawl_trap_reason(url, date(2026, 11, 26)) == reason


@pytest.mark.parametrize(
    ("url", "cleaned"),
    [
        ("https://n.example/shop/;jsessionid=A1B2?page=2", "https://n.example/shop/?page=2"),
        ("https://n.example/p?id=5&PHPSESSID=abc", "https://n.example/p?id=5"),
        ("https://n.example/p?sid=9", "https://n.example/p"),
        ("https://n.example/inside-story/?id=5", "https://n.example/inside-story/?id=5"),
    ],
)
def test_session_ids_are_removed(url, cleaned):
    assert without_session_ids(url) == cleaned
