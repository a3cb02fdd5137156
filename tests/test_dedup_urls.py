"""Canonical URLs: one key for the variants of an article's address."""

from __future__ import annotations

import pytest

from newsarchive.dedup import canonical_url, preferred_url, registered_domain, site_of, url_key


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        # Tracking parameters go; the article's own parameters stay, sorted.
        (
            "https://example.com/a?utm_source=tw&utm_medium=social&id=3&fbclid=IwAR0",
            "https://example.com/a?id=3",
        ),
        (
            "https://example.com/a?gclid=1&dclid=2&msclkid=3&mc_cid=4&mc_eid=5&igshid=6",
            "https://example.com/a",
        ),
        ("https://example.com/a?_ga=2.1&yclid=9&ref_src=twsrc", "https://example.com/a"),
        ("https://example.com/a?UTM_Campaign=x&page=2", "https://example.com/a?page=2"),
        ("https://example.com/a?ns_mchannel=rss&at_medium=RSS", "https://example.com/a"),
        ("https://example.com/a?b=2&a=1", "https://example.com/a?a=1&b=2"),
        # Fragments name a place in the page, not another page.
        ("https://example.com/a#comments", "https://example.com/a"),
        # AMP and print renderings map to the article.
        ("https://example.com/2024/05/story/amp/", "https://example.com/2024/05/story/"),
        ("https://example.com/2024/05/story/amp", "https://example.com/2024/05/story"),
        ("https://example.com/amp/2024/05/story", "https://example.com/2024/05/story"),
        ("https://example.com/story?amp=1", "https://example.com/story"),
        ("https://example.com/story?amp", "https://example.com/story"),
        ("https://example.com/story?outputType=amp", "https://example.com/story"),
        ("https://www.bbc.co.uk/news/uk-68000000.amp", "https://www.bbc.co.uk/news/uk-68000000"),
        ("https://example.com/story.amp.html", "https://example.com/story.html"),
        ("https://example.com/story?print=1", "https://example.com/story"),
        ("https://example.com/print/story", "https://example.com/story"),
        (
            "https://amp.theguardian.com/world/2024/may/01/story",
            "https://www.theguardian.com/world/2024/may/01/story",
        ),
        (
            "https://www-example-com.cdn.ampproject.org/c/s/www.example.com/story/amp",
            "https://www.example.com/story",
        ),
        # A page that is only "/amp/" is not an article variant.
        ("https://example.com/amp/", "https://example.com/amp/"),
        # Mobile hosts map to the main host.
        ("https://m.example.com/story", "https://www.example.com/story"),
        ("https://mobile.example.co.uk/story", "https://www.example.co.uk/story"),
        ("https://m.news.example.com/story", "https://news.example.com/story"),
        ("https://m.com/story", "https://m.com/story"),
        # Default ports go, other ports stay.
        ("https://example.com:443/a", "https://example.com/a"),
        ("http://example.com:80/a", "http://example.com/a"),
        ("https://example.com:8443/a", "https://example.com:8443/a"),
        # Scheme and host are case-insensitive, the path is not.
        ("HTTPS://WWW.Example.COM/Story", "https://www.example.com/Story"),
        # Percent-encoding is settled (RFC 3986 section 6.2.2).
        ("https://example.com/caf%c3%a9/%7Euser", "https://example.com/caf%C3%A9/~user"),
        ("https://example.com/caf\u00e9", "https://example.com/caf%C3%A9"),
        # IPv6 literals keep their brackets; other schemes and relative references are
        # left alone.
        ("http://[2001:DB8::1]:80/a", "http://[2001:db8::1]/a"),
        ("mailto:news@example.com", "mailto:news@example.com"),
        ("/2024/05/story", "/2024/05/story"),
        # The trailing slash stays as the site gives it.
        ("https://example.com/a/", "https://example.com/a/"),
        ("https://example.com", "https://example.com/"),
    ],
)
def test_canonical_url(url: str, expected: str) -> None:
    assert canonical_url(url) == expected


def test_canonical_url_extra_tracking_params() -> None:
    url = "https://example.com/a?src=homepage&id=1"
    assert canonical_url(url) == "https://example.com/a?id=1&src=homepage"
    assert canonical_url(url, extra_tracking_params=["SRC"]) == "https://example.com/a?id=1"


def test_canonical_url_is_idempotent() -> None:
    url = "HTTP://M.Example.com:80/news/amp/?utm_source=x&b=%7e&a=1#top"
    once = canonical_url(url)
    assert canonical_url(once) == once


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("https://example.com/a", "https://example.com/a/"),
        ("http://example.com/a", "https://www.example.com/a"),
        ("https://m.example.com/a?utm_source=x", "https://www.example.com/a/#x"),
        ("https://example.com/a/amp", "https://example.com/a?amp=1"),
    ],
)
def test_url_key_same_article(first: str, second: str) -> None:
    assert url_key(first) == url_key(second)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("https://example.com/a", "https://example.com/b"),
        ("https://example.com/a", "https://example.com/A"),
        ("https://example.com/a?id=1", "https://example.com/a?id=2"),
        ("https://example.com/a", "https://example.com:8080/a"),
        ("https://news.example.com/a", "https://sport.example.com/a"),
        ("https://example.com/", "https://example.com/a"),
    ],
)
def test_url_key_distinct_resources(first: str, second: str) -> None:
    assert url_key(first) != url_key(second)


def test_registered_domain() -> None:
    assert registered_domain("https://www.bbc.co.uk/news") == "bbc.co.uk"
    assert registered_domain("https://edition.cnn.com/a") == "cnn.com"


@pytest.mark.parametrize(
    ("page", "rel_canonical", "og_url", "expected"),
    [
        # The page's own canonical wins over its tracking-laden address.
        (
            "https://www.example.com/a?utm_source=x",
            "https://www.example.com/2024/a-story/",
            None,
            "https://www.example.com/2024/a-story/",
        ),
        # Relative canonicals resolve against the page.
        ("https://m.example.com/x/a", "/2024/a", None, "https://www.example.com/2024/a"),
        # Another subdomain of the same site is the same site.
        ("https://amp.example.com/a", "https://news.example.com/a", None, "https://news.example.com/a"),
        # A canonical on another site (syndication, a broken template) is ignored...
        ("https://partner.org/a", "https://origin.com/a", None, "https://partner.org/a"),
        # ... and og:url is the fallback.
        ("https://partner.org/a?x=1", "https://origin.com/a", "https://partner.org/a", "https://partner.org/a"),
        ("https://example.com/a", None, None, "https://example.com/a"),
        ("https://example.com/a", "  ", "javascript:void(0)", "https://example.com/a"),
    ],
)  # fmt: skip
def test_preferred_url(
    page: str, rel_canonical: str | None, og_url: str | None, expected: str
) -> None:
    assert preferred_url(page, rel_canonical, og_url) == expected


@pytest.mark.parametrize(
    ("url", "site"),
    [
        ("https://www.news.example/a/", "news.example"),
        ("https://m.bbc.co.uk/news/1", "bbc.co.uk"),
        ("https://news.bbc.co.uk:443/x", "bbc.co.uk"),
        ("http://127.0.0.1:8000/x", "127.0.0.1:8000"),
    ],
)
def test_site_of_names_the_publisher_with_its_port(url, site):
    assert site_of(url) == site
