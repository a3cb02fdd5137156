"""Extraction core: fixture folders checked field by field, and unit tests of its parts."""

from __future__ import annotations

import functools
import json
import pickle
from pathlib import Path
from typing import Any

import pytest
import trafilatura
from lxml.html import fromstring

from newsarchive import extract
from newsarchive.extraction import PageAnalysis, analyse_page
from newsarchive.extraction import page as page_module
from newsarchive.extraction.authors import clean_authors
from newsarchive.extraction.detection import has_story_slug, url_page_kind
from newsarchive.extraction.metadata import parse_date, primary_language, strip_site_name
from newsarchive.extraction.page import page_links
from newsarchive.extraction.structured import read_structured_data
from newsarchive.items import ArticleItem

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _fixture_fields() -> list[tuple[str, str]]:
    cases = []
    for expected_path in sorted(FIXTURES.glob("*/expected.json")):
        expected = json.loads(expected_path.read_text(encoding="utf-8"))
        cases.extend((expected_path.parent.name, name) for name in expected)
    return cases


@functools.cache
def _observed(case: str) -> dict[str, Any]:
    """One extraction per fixture, shared by its field checks."""
    folder = FIXTURES / case
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    html = (folder / "input.html").read_text(encoding="utf-8")
    analysis = analyse_page(html, meta["url"], meta.get("hints"), want_links=False)
    fields: dict[str, Any] = {"skip_reason": analysis.skip_reason}
    if analysis.item is not None:
        fields.update(vars(analysis.item))
    return fields


@pytest.mark.parametrize(("case", "field"), _fixture_fields())
def test_fixture_field(case: str, field: str) -> None:
    expected = json.loads((FIXTURES / case / "expected.json").read_text(encoding="utf-8"))
    assert _observed(case).get(field) == expected[field]


def test_fixtures_exist_and_are_complete() -> None:
    folders = [path for path in FIXTURES.iterdir() if path.is_dir() and path.name[0] != "_"]
    assert len(folders) >= 15
    for folder in folders:
        for name in ("input.html", "meta.json", "expected.json"):
            assert (folder / name).is_file(), f"{folder.name} lacks {name}"


# --- the contract -------------------------------------------------------------------------

ARTICLE_HTML = """<html lang="en"><head><title>Gulls learn to open bins | Gazette</title>
<meta property="og:type" content="article">
<meta property="og:site_name" content="Gazette">
<meta property="article:published_time" content="2024-05-01T09:30:00+02:00">
</head><body><nav><a href="/">Home</a> <a href="/tag/gulls/#top">Gulls</a>
<a href="mailto:desk@example.com">Mail</a> <a href="javascript:void(0)">Menu</a></nav>
<article><h1>Gulls learn to open bins</h1>
<p>Herring gulls are learning from one another how to open the lids of food waste bins,
according to a study that used hidden cameras to watch the birds over two summers.</p>
<p>Researchers filmed more than two thousand visits by gulls to bins on the promenade and
around the harbour, and traced how the behaviour passed between birds.</p></article>
<a href="https://other.example.org/story">Elsewhere</a></body></html>"""


def test_analyse_page_returns_record_and_links() -> None:
    analysis = analyse_page(ARTICLE_HTML, "https://example.com/news/gulls-learn-to-open-bins")
    assert analysis.skip_reason is None
    assert analysis.links == [
        "https://example.com/",
        "https://example.com/tag/gulls/",
        "https://other.example.org/story",
    ]
    item = analysis.item
    assert isinstance(item, ArticleItem)
    assert item.title == "Gulls learn to open bins"
    assert item.published == "2024-05-01T09:30:00+02:00"
    assert item.site_name == "Gazette"
    assert item.text is not None
    assert item.text.startswith("Herring gulls")
    assert item.word_count == len(item.text.split())
    assert item.truncated is False
    # Hashing and fingerprinting belong to the dedup core, after cleaning.
    assert item.content_hash is None


def test_analyse_page_without_links() -> None:
    analysis = analyse_page(ARTICLE_HTML, "https://example.com/news/gulls", want_links=False)
    assert analysis.links == []
    assert analysis.item is not None


def test_result_is_plain_and_picklable() -> None:
    analysis = analyse_page(ARTICLE_HTML, "https://example.com/news/gulls-learn-to-open-bins")
    assert pickle.loads(pickle.dumps(analysis)) == analysis


def test_page_is_parsed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real_parse_html = page_module.parse_html
    real_bare_extraction = trafilatura.bare_extraction

    def counting_parse_html(html: Any) -> Any:
        calls.append(type(html).__name__)
        return real_parse_html(html)

    def checking_bare_extraction(tree: Any, **kwargs: Any) -> Any:
        assert not isinstance(tree, str), "trafilatura must get the parsed tree"
        return real_bare_extraction(tree, **kwargs)

    monkeypatch.setattr(page_module, "parse_html", counting_parse_html)
    monkeypatch.setattr(page_module.trafilatura, "bare_extraction", checking_bare_extraction)
    assert analyse_page(ARTICLE_HTML, "https://example.com/news/gulls-learn").item is not None
    assert calls == ["str"]


@pytest.mark.parametrize("html", ["", "   ", "\n"])
def test_empty_page_is_unparseable(html: str) -> None:
    assert analyse_page(html, "https://example.com/a") == PageAnalysis(
        url="https://example.com/a", skip_reason="unparseable"
    )


def test_extract_skips_non_articles() -> None:
    assert extract(ARTICLE_HTML, "https://example.com/news/gulls-learn-to-open-bins") is not None
    assert extract(ARTICLE_HTML, "https://example.com/") is None


def test_extract_without_url_judges_the_page_alone() -> None:
    item = extract(ARTICLE_HTML)
    assert item is not None
    assert item.title == "Gulls learn to open bins"


def test_assume_article_skips_detection_but_needs_text() -> None:
    home = "https://example.com/"
    assert analyse_page(ARTICLE_HTML, home).skip_reason == "not_article"
    assert analyse_page(ARTICLE_HTML, home, {"assume_article": True}).item is not None
    empty = "<html><body><article><h1>Title only</h1></article></body></html>"
    assert analyse_page(empty, home, {"assume_article": True}).skip_reason == "no_text"


def test_hints_only_fill_gaps() -> None:
    hints = {
        "title": "Feed title",
        "published": "2020-01-01T00:00:00Z",
        "authors": ["Feed Author"],
        "language": "fr",
        "modified": "2024-05-02T08:00:00+02:00",
    }
    item = analyse_page(ARTICLE_HTML, "https://example.com/news/gulls", hints).item
    assert item is not None
    assert item.title == "Gulls learn to open bins"
    assert item.published == "2024-05-01T09:30:00+02:00"
    assert item.language == "en"
    assert item.authors == ["Feed Author"]
    assert item.modified == "2024-05-02T08:00:00+02:00"


def test_hint_dates_a_page_that_declares_none() -> None:
    html = ARTICLE_HTML.replace('content="2024-05-01T09:30:00+02:00"', 'content=""')
    url = "https://example.com/2024/05/01/gulls-learn-to-open-bins/"
    guessed = analyse_page(html, url).item
    hinted = analyse_page(html, url, {"published": "2024-05-01T09:30:00+02:00"}).item
    assert guessed is not None
    assert hinted is not None
    assert guessed.published == "2024-05-01"
    assert hinted.published == "2024-05-01T09:30:00+02:00"


# --- authors --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["By Jane Doe"], ["Jane Doe"]),
        (["Jane Doe/AP"], ["Jane Doe"]),
        (["JANE DOE and JOHN SMITH"], ["Jane Doe", "John Smith"]),
        (["Jane Doe, John Smith & Ann Lee"], ["Jane Doe", "John Smith", "Ann Lee"]),
        (["Von Anna Schmidt und Peter Müller"], ["Anna Schmidt", "Peter Müller"]),
        (["Reuters"], []),
        (["The Associated Press"], []),
        (["Staff Writer", "Newsdesk", "Redaktion"], []),
        (["jane.doe@example.com", "@janedoe", "https://example.com/jane"], []),
        (["Jane Doe (@janedoe)"], ["Jane Doe"]),
        (["Jane Doe", "jane doe", "JANE DOE"], ["Jane Doe"]),
        (["mary o'brien"], ["Mary O'Brien"]),
        (["Ludwig van Beethoven"], ["Ludwig van Beethoven"]),
        (["Nicolas Gutierrez C."], ["Nicolas Gutierrez C."]),
        (["Written by: Joe Bloggs"], ["Joe Bloggs"]),
        (["Textor Smith", "Byron Allen"], ["Textor Smith", "Byron Allen"]),
        (["example.com"], []),
        (["Ne\u00adwton Smith"], ["Newton Smith"]),
    ],
)
def test_clean_authors(values: list[str], expected: list[str]) -> None:
    assert clean_authors(values) == expected


def test_clean_authors_drops_the_publisher() -> None:
    assert clean_authors(["Harbour Gazette", "Jane Doe"], organisations=["Harbour Gazette"]) == [
        "Jane Doe"
    ]


def test_json_ld_organisation_author_is_not_a_person() -> None:
    html = (
        """<html><head><script type="application/ld+json">
    [{"@type": "BlogPosting", "headline": "Gulls learn to open bins",
      "author": [{"@type": "Organization", "name": "Gull Watch"},
                 {"@type": "Person", "name": "Priya Nair"}]}]
    </script></head><body><h1>Gulls learn to open bins</h1><p>"""
        + "Gulls. " * 40
        + """</p>
    </body></html>"""
    )
    item = extract(html, "https://example.com/news/gulls-learn-to-open-bins")
    assert item is not None
    assert item.authors == ["Priya Nair"]


# --- titles, dates, language ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Council approves budget | Harbour Gazette", "Council approves budget"),
        ("Harbour Gazette - Council approves budget", "Council approves budget"),
        ("Council approves budget – harbourgazette.com", "Council approves budget"),
        ("Budget: council says yes", "Budget: council says yes"),
        ("Ferry - the long road back", "Ferry - the long road back"),
    ],
)
def test_strip_site_name(title: str, expected: str) -> None:
    keys = ["harbour gazette", "harbourgazette com", "harbourgazette"]
    assert strip_site_name(title, keys) == expected


def test_kicker_is_not_part_of_the_headline() -> None:
    html = """<html><body><h1><span class="kicker">Brexit</span>
    <span class="headline">Parliament delays the vote</span></h1></body></html>"""
    data = read_structured_data(page_module.parse_html(html))
    assert data.headings == ["Parliament delays the vote"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-05-01T09:30:00+02:00", "2024-05-01T09:30:00+02:00"),
        ("2024-05-01T09:30:00.123+0200", "2024-05-01T09:30:00.123000+02:00"),
        ("2024-05-01T07:30:00Z", "2024-05-01T07:30:00+00:00"),
        ("2024-05-01", "2024-05-01"),
        ("2024/05/01", "2024-05-01"),
        ("01.05.2024", "2024-05-01"),
        ("Wed, 01 May 2024 09:30:00 +0200", "2024-05-01T09:30:00+02:00"),
        ("yesterday", None),
        ("", None),
    ],
)
def test_parse_date(value: str, expected: str | None) -> None:
    assert parse_date(value) == expected


def test_published_keeps_the_page_offset() -> None:
    html = ARTICLE_HTML.replace("2024-05-01T09:30:00+02:00", "2024-05-01T23:30:00-07:00")
    item = extract(html, "https://example.com/news/gulls-learn-to-open-bins")
    assert item is not None
    assert item.published == "2024-05-01T23:30:00-07:00"


@pytest.mark.parametrize(
    ("value", "expected"),
    [("en-GB", "en"), ("de_DE", "de"), ("PT", "pt"), ("x", None), ("", None), (None, None)],
)
def test_primary_language(value: str | None, expected: str | None) -> None:
    assert primary_language(value) == expected


# --- detection ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("https://example.com/", "home"),
        ("https://example.com/en/", "home"),
        ("https://example.com/index.html", "home"),
        ("https://example.com/tag/ferry/", "listing"),
        ("https://example.com/category/news/local/", "listing"),
        ("https://example.com/author/jane-doe/", "listing"),
        ("https://example.com/section/world", "listing"),
        ("https://example.com/news/page/2/", "pagination"),
        ("https://example.com/news/?page=3", "pagination"),
        ("https://example.com/2024/05/", "date_archive"),
        ("https://example.com/blog/2024/05/01/", "date_archive"),
        ("https://example.com/about", "utility"),
        ("https://example.com/contact-us/", "utility"),
        ("https://example.com/privacy-policy", "utility"),
        ("https://example.com/subscribe/", "utility"),
        ("https://example.com/calendar/2024/05", "utility"),
        ("https://example.com/events/", "utility"),
        ("https://example.com/politics/", "section"),
        ("https://example.com/2024/05/01/council-approves-budget/", None),
        ("https://example.com/news/council-approves-budget-1234567.html", None),
        ("https://example.com/?p=5031", None),
        ("https://example.com/news/view.html?idx=8576&page=1", None),
        ("https://example.com/1927", None),
    ],
)
def test_url_page_kind(url: str, kind: str | None) -> None:
    assert url_page_kind(url) == kind


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.com/news/council-approves-the-budget", True),
        ("https://example.com/news/a51346.html", True),
        ("https://example.com/news/politics.html", False),
        ("https://example.com/story/12345678", True),
        ("https://example.com/read?id=42", True),
        ("https://example.com/news/", False),
    ],
)
def test_has_story_slug(url: str, expected: bool) -> None:
    assert has_story_slug(url) is expected


def test_article_declared_under_listing_path_is_kept() -> None:
    html = ARTICLE_HTML.replace(
        "</head>",
        '<script type="application/ld+json">{"@type": "NewsArticle", '
        '"headline": "Gulls learn to open bins"}</script></head>',
    )
    assert extract(html, "https://example.com/topics/gulls/gulls-learn-to-open-bins") is not None
    assert extract(ARTICLE_HTML, "https://example.com/topics/gulls/") is None


@pytest.mark.parametrize(
    ("base_tag", "expected"),
    [
        ("", "https://news.example/section/story/next/"),
        ('<base href="/">', "https://news.example/next/"),
        ('<base href="https://cdn.example/root/">', "https://cdn.example/root/next/"),
    ],
)
def test_links_resolve_against_a_relative_or_absolute_base(base_tag, expected) -> None:
    tree = fromstring(
        f'<html><head>{base_tag}</head><body><a href="next/">Next</a>'
        '<a href="http://[broken">Broken</a></body></html>'
    )
    assert page_links(tree, "https://news.example/section/story/") == [expected]


def test_absolute_links_come_out_as_resolving_them_gives() -> None:
    """Links already absolute are taken as they are only where resolving would not change them."""
    hrefs = [
        "https://other.example/a/b?x=1#part",  # kept, fragment dropped
        "http://news.example/plain",  # another scheme than the page's: kept as it is
        "https://news.example/a/../b",  # dot segments stay, as urljoin leaves them
        "https://news.example/empty-query?",  # the empty query goes
        "https://news.example/params;x=1",  # path parameters are re-joined
        "https://news.example/tab\there",  # tabs are removed
        "https://[::1]/ipv6",  # a bracketed host is checked
        "https://[broken/",  # and dropped when it is not one
        "https:///no-host",  # no host: resolved against the page
        "HTTPS://news.example/UPPER",  # the scheme is lower-cased
    ]
    anchors = "".join(f'<a href="{href}">link</a>' for href in hrefs)
    tree = fromstring(f"<html><body>{anchors}</body></html>")
    assert page_links(tree, "https://news.example/section/story/") == [
        "https://other.example/a/b?x=1",
        "http://news.example/plain",
        "https://news.example/a/../b",
        "https://news.example/empty-query",
        "https://news.example/params;x=1",
        "https://news.example/tabhere",
        "https://[::1]/ipv6",
        "https://news.example/no-host",
        "https://news.example/UPPER",
    ]
