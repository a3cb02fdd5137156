"""Decide whether a page is an article or something else (a front, an archive, a form).

The decision uses only general signals: the URL's shape, the page's declared
types (JSON-LD ``@type``, ``og:type``), and how much running text it has
relative to its links. No site is named anywhere.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from lxml import etree
from lxml.html import HtmlElement

from newsarchive.extraction.structured import LISTING_TYPES, StructuredData

# Path segments that introduce a listing of articles rather than one article.
_LISTING_SEGMENTS = frozenset(
    {
        "tag",
        "tags",
        "category",
        "categories",
        "kategorie",
        "section",
        "sections",
        "author",
        "authors",
        "autor",
        "autoren",
        "topic",
        "topics",
        "label",
        "archive",
        "archives",
        "archiv",
        "search",
        "suche",
        "calendar",
        "kalender",
    }
)
# Last path segments of service pages: about, contact, legal, account, listings.
_UTILITY_PAGES = frozenset(
    {
        "about",
        "about-us",
        "aboutus",
        "ueber-uns",
        "uber-uns",
        "contact",
        "contact-us",
        "contactus",
        "kontakt",
        "impressum",
        "imprint",
        "privacy",
        "privacy-policy",
        "privacy-notice",
        "cookie-policy",
        "cookies",
        "datenschutz",
        "datenschutzerklaerung",
        "terms",
        "terms-of-use",
        "terms-of-service",
        "terms-and-conditions",
        "agb",
        "subscribe",
        "subscription",
        "subscriptions",
        "newsletter",
        "newsletters",
        "abo",
        "login",
        "signin",
        "sign-in",
        "register",
        "signup",
        "account",
        "advertise",
        "careers",
        "jobs",
        "sitemap",
        "calendar",
        "events",
        "veranstaltungen",
        "termine",
        "search",
        "archive",
        "archives",
        "feeds",
        "rss",
    }
)
_ID_PARAMETERS = frozenset(
    {"p", "id", "idx", "article", "articleid", "story", "storyid", "artikel"}
)
_INDEX_FILES = re.compile(r"^(?:index|default|home|start)\.\w+$", re.IGNORECASE)
_LANGUAGE_SEGMENT = re.compile(r"^[a-z]{2}(?:[-_][a-z]{2})?$", re.IGNORECASE)
_PAGE_NUMBER = re.compile(r"^(?:page|seite|p)$", re.IGNORECASE)
_YEAR = re.compile(r"^(?:199\d|20[0-4]\d)$")
# A section front's path: one or two plain words ("/politics", "/sport/football/").
_SECTION_WORD = re.compile(r"^[^\W\d_]{2,20}$")
_MONTH_OR_DAY = re.compile(r"^\d{1,2}$")
_EXTENSION = re.compile(r"\.(?:s?html?|php|aspx?|jsp|cms)$", re.IGNORECASE)
# An element's text, joined in C (as lxml.html's text_content() does).
_TEXT = etree.XPath("string()")

#: Fewest words of running text for a page without article markup to count as one.
MIN_UNMARKED_WORDS = 150
#: The same for a page whose URL ends in a story slug or id.
MIN_SLUG_WORDS = 80
#: Fewest words for a page that declares itself an article.
MIN_DECLARED_WORDS = 15
#: Above this share of link text in the body, an unmarked page is a listing.
MAX_LINK_DENSITY = 0.55


@dataclass(frozen=True)
class PageSignals:
    """The evidence a decision rests on, kept for logging and tests."""

    url_kind: str | None
    declared_article: bool
    declared_other: bool
    og_type: str | None
    slug_url: bool
    words: int
    link_density: float


def url_page_kind(url: str) -> str | None:
    """Name the kind of non-article page a URL's shape shows, or None if it may be an article.

    Kinds: ``home``, ``listing`` (tag, category, section, author, topic),
    ``pagination``, ``date_archive``, ``utility`` (about, contact, privacy,
    subscribe, calendars, event listings, search), and the weaker ``section``
    (one or two plain words, "/politics/europe"), which a page's own article
    declarations override.
    """
    if not url.strip():
        # No URL (a saved file): its shape tells nothing.
        return None
    parts = urlsplit(url)
    segments = [s for s in parts.path.split("/") if s]
    query = dict(parse_qsl(parts.query))
    # Page 1 of a listing has no number; ?page=1 is often carried over to the
    # article links of the listing.
    if any(
        key.lower() in {"page", "paged", "pg"} and value.isdigit() and int(value) > 1
        for key, value in query.items()
    ) and (not segments or not _looks_like_slug(segments[-1])):
        return "pagination"
    if segments and _INDEX_FILES.match(segments[-1]):
        segments = segments[:-1]
    while segments and _LANGUAGE_SEGMENT.match(segments[0]) and len(segments) == 1:
        segments = segments[1:]
    if not segments:
        # A bare host (or /en/) with a query naming an article id is a CMS article URL.
        if any(key.lower() in _ID_PARAMETERS for key in query):
            return None
        return "home"
    if len(segments) >= 2 and _PAGE_NUMBER.match(segments[-2]) and segments[-1].isdigit():
        return "pagination"
    lowered = [_EXTENSION.sub("", s.lower()) for s in segments]
    if lowered[-1] in _UTILITY_PAGES or lowered[0] in {"calendar", "kalender", "events"}:
        return "utility"
    for index, segment in enumerate(lowered[:-1]):
        if (
            segment in _LISTING_SEGMENTS
            and len(lowered) - index <= 3
            and not _looks_like_slug(lowered[-1], min_words=5)
        ):
            return "listing"
    if lowered[-1] in _LISTING_SEGMENTS:
        return "listing"
    if _is_date_archive(lowered):
        return "date_archive"
    if len(segments) <= 2 and not query and all(_SECTION_WORD.match(s) for s in segments):
        return "section"
    return None


def _is_date_archive(segments: list[str]) -> bool:
    """``/2024/``, ``/2024/05/``, ``/blog/2024/05/01/``: dates with nothing after them."""
    tail = []
    for segment in reversed(segments):
        if _MONTH_OR_DAY.match(segment) or _YEAR.match(segment):
            tail.append(segment)
        else:
            break
    tail.reverse()
    return bool(tail) and bool(_YEAR.match(tail[0])) and len(tail) <= 3


def _looks_like_slug(segment: str, min_words: int = 3) -> bool:
    """An article-like path segment: several hyphenated words or a long numeric id."""
    stem = _EXTENSION.sub("", segment)
    words = [w for w in re.split(r"[-_+]", stem) if w]
    return len(words) >= min_words or bool(re.search(r"\d{5,}", stem))


def has_story_slug(url: str) -> bool:
    """Whether the URL ends like a story: a hyphenated phrase, a long id, or an id query."""
    parts = urlsplit(url)
    segments = [s for s in parts.path.split("/") if s]
    if any(_looks_like_slug(s) for s in segments[-2:]):
        return True
    return any(
        key.lower() in _ID_PARAMETERS or (value.isdigit() and len(value) >= 4)
        for key, value in parse_qsl(parts.query)
    )


def link_density(tree: HtmlElement) -> float:
    """Share of the body's visible text that sits inside links."""
    body = tree.find(".//body")
    root = body if body is not None else tree
    total = len(_TEXT(root).split())
    if not total:
        return 0.0
    linked = sum(len(_TEXT(a).split()) for a in root.iter("a"))
    return min(1.0, linked / total)


def page_signals(url: str, data: StructuredData, text: str | None, density: float) -> PageSignals:
    """Gather the evidence about one page."""
    types = data.types
    declared_article = data.article is not None
    og_type = (data.first_meta("og:type") or "").strip().lower() or None
    return PageSignals(
        url_kind=url_page_kind(url),
        declared_article=declared_article,
        declared_other=bool(types & LISTING_TYPES) and not declared_article,
        og_type=og_type,
        slug_url=has_story_slug(url),
        words=len(text.split()) if text else 0,
        link_density=density,
    )


def is_clearly_not_article(url: str, data: StructuredData) -> bool:
    """Whether URL and declarations alone rule the page out (text extraction can be skipped)."""
    kind = url_page_kind(url)
    declared_article = data.article is not None
    og_type = (data.first_meta("og:type") or "").strip().lower()
    if kind == "home":
        return True
    if kind == "section":
        return not (declared_article or og_type == "article")
    if kind is not None:
        # A page that both declares itself an article everywhere and sits under a
        # listing-like path (some CMSs put stories under /topics/…) keeps its chance.
        return not (declared_article and og_type == "article")
    return bool(data.types & LISTING_TYPES) and not declared_article and og_type != "article"


def is_article(signals: PageSignals) -> bool:
    """Decide from the gathered evidence whether the page is one article."""
    declared = signals.declared_article or signals.og_type == "article"
    if signals.url_kind == "home" or (signals.declared_other and not declared):
        return False
    if signals.url_kind == "section" and not declared:
        return False
    if signals.url_kind not in {None, "section"} and not (
        signals.declared_article and signals.og_type == "article"
    ):
        return False
    if declared:
        return signals.words >= MIN_DECLARED_WORDS
    # Unmarked pages: a story-like URL with running text, or plenty of text that
    # is not mostly links (navigation-heavy templates push whole-page density up).
    if signals.slug_url and signals.words >= MIN_SLUG_WORDS:
        return True
    return signals.words >= MIN_UNMARKED_WORDS and signals.link_density < MAX_LINK_DENSITY


# Crawl traps: URL shapes that a site crawl must not follow, because a server
# makes up a new such page for every one it is asked for.

# Query parameters that carry a visitor's session, not content: the same page
# comes back under a new URL on every visit.
SESSION_PARAMETERS = frozenset(
    {
        "sid",
        "sessionid",
        "session_id",
        "phpsessid",
        "jsessionid",
        "aspsessionid",
        "cfid",
        "cftoken",
        "zenid",
        "oscsid",
        "s_id",
    }
)
_PATH_SESSION = re.compile(r";(?:jsessionid|phpsessid|sessionid|sid)=[^/?#;]*", re.IGNORECASE)
#: Links with more path segments than this are not followed (endlessly deep relative links).
MAX_PATH_SEGMENTS = 12
#: Nor links repeating one path segment this many times (``/a/b/a/b/a/b/``).
MAX_SEGMENT_REPEATS = 3
#: Nor links dated more than this many years after today (a calendar's "next month", forever).
MAX_YEARS_AHEAD = 1
# A path segment or query value that is a year or a date: "2027", "2027-01", "20270105".
_DATE_VALUE = re.compile(r"^([12]\d{3})(?:([-_.]?)(0[1-9]|1[0-2])(?:\2(0[1-9]|[12]\d|3[01]))?)?$")


def without_session_ids(url: str) -> str:
    """``url`` without session identifiers (``;jsessionid=…``, ``?PHPSESSID=…``, ``?sid=…``)."""
    lowered = url.lower()
    if not any(marker in lowered for marker in ("sid", "sess", "cfid", "cftoken")):
        return url
    parts = urlsplit(url)
    path = _PATH_SESSION.sub("", parts.path)
    query = parse_qsl(parts.query, keep_blank_values=True)
    kept = [(k, v) for k, v in query if k.lower() not in SESSION_PARAMETERS]
    if path == parts.path and len(kept) == len(query):
        return url
    return urlunsplit(parts._replace(path=path, query=urlencode(kept)))


def crawl_trap_reason(url: str, today: date) -> str | None:
    """Why a link looks like a crawl trap (endless paths, far-future calendar pages), or None."""
    parts = urlsplit(url)
    segments = [s for s in parts.path.split("/") if s]
    if len(segments) > MAX_PATH_SEGMENTS:
        return f"more than {MAX_PATH_SEGMENTS} path segments"
    if segments and Counter(segments).most_common(1)[0][1] >= MAX_SEGMENT_REPEATS:
        return "a path segment repeated"
    # "/news/net-zero-by-2050/" is a story: only whole segments and values count.
    for value in [*segments, *(v for _, v in parse_qsl(parts.query))]:
        found = _DATE_VALUE.match(value)
        if found and int(found.group(1)) > today.year + MAX_YEARS_AHEAD:
            return f"dated {found.group(1)}, too far in the future (a calendar)"
    return None
