"""Choose an article's metadata from structured data, trafilatura's guesses and hints."""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urljoin, urlsplit

from newsarchive.dates import normalise_date
from newsarchive.extraction.authors import clean_authors
from newsarchive.extraction.structured import StructuredData, object_types

# Separators CMSs put between a headline and the site name in <title> and og:title.
_TITLE_SEPARATORS = re.compile(r"\s+(?:[|–—·•»«:/\\~-]|::|-{2})\s+|\s*\|\s*")
_LANGUAGE = re.compile(r"^([a-zA-Z]{2,3})(?:[-_][a-zA-Z0-9]+)*$")
# Dates that normalise_date does not read: "2024/05/01", "01.05.2024", "20240501".
_SLASHED_DATE = re.compile(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})\b")
_DOTTED_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})\b")
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")

_PUBLISHED_META = (
    "article:published_time",
    "og:article:published_time",
    "article:published",
    "og:published_time",
    "published_time",
    "parsely-pub-date",
    "sailthru.date",
    "datepublished",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date.created",
    "dcterms.created",
    "dc.date",
    "dcterms.date",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publication_date",
    "citation_publication_date",
    "article.published",
    "cxenseparse:recs:publishtime",
)
_MODIFIED_META = (
    "article:modified_time",
    "og:article:modified_time",
    "og:updated_time",
    "article:modified",
    "modified_time",
    "datemodified",
    "dc.date.modified",
    "dcterms.modified",
    "last-modified",
    "lastmod",
    "article.updated",
)
_AUTHOR_META = (
    "author",
    "article:author",
    "og:article:author",
    "parsely-author",
    "sailthru.author",
    "dc.creator",
    "dcterms.creator",
    "citation_author",
    "byl",
    "cxenseparse:author",
)
_TAG_META = (
    "article:tag",
    "og:article:tag",
    "news_keywords",
    "keywords",
    "parsely-tags",
    "sailthru.tags",
    "dc.subject",
)


@dataclass
class ArticleMetadata:
    """The chosen metadata of one article page (every field may be missing)."""

    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    modified: str | None = None
    language: str | None = None
    description: str | None = None
    tags: list[str] = field(default_factory=list)
    image: str | None = None
    site_name: str | None = None


def choose_metadata(
    data: StructuredData,
    document: Any,
    url: str,
    hints: Mapping[str, Any] | None = None,
) -> ArticleMetadata:
    """Merge the page's structured data with trafilatura's metadata; hints fill gaps.

    ``document`` is a ``MetadataGuesses`` (or anything with its fields): its costly
    fields are read only where the page's declarations leave a gap.
    """
    hints = hints or {}
    article = data.article or {}
    declared_site = choose_site_name(data, article, None)
    title = choose_title(data, article, document, declared_site, url) or _clean(hints.get("title"))
    site_name = declared_site or _guessed_site_name(document, title)
    authors = choose_authors(data, article, document, site_name) or clean_authors(
        hints.get("authors") or []
    )
    return ArticleMetadata(
        title=title,
        authors=authors,
        published=choose_published(data, article, document, parse_date(hints.get("published"))),
        modified=choose_modified(data, article) or parse_date(hints.get("modified")),
        language=choose_language(data, article) or primary_language(hints.get("language")),
        description=choose_description(data, article, document)
        or _clean(hints.get("description")),
        tags=choose_tags(data, article, document)
        or _dedupe(_clean(t) for t in hints.get("tags") or []),
        image=choose_image(data, article, document, url),
        site_name=site_name,
    )


# --- title -------------------------------------------------------------------------------


def choose_title(
    data: StructuredData,
    article: Mapping[str, Any],
    document: Any,
    site_name: str | None,
    url: str,
) -> str | None:
    """The visible headline.

    An ``<h1>`` that agrees with a declared title (JSON-LD headline, og:title,
    ``<title>``) is the headline as readers see it; otherwise the declared titles
    are used with the site name stripped.
    """
    declared = [
        _clean(_first_string(article.get("headline"))),
        _clean(_first_string(article.get("name"))),
        _clean(data.first_meta("og:title")),
        _clean(data.first_meta("twitter:title")),
        _clean(data.first_meta("parsely-title", "sailthru.title", "dc.title", "title")),
        _clean(data.html_title),
    ]
    declared = [d for d in declared if d]
    site_keys = _site_keys(site_name, url)
    headings = [
        stripped
        for heading in data.headings
        if (stripped := strip_site_name(heading, site_keys))
        and len(title_key(stripped)) >= 4
        and not _is_site_part(stripped, site_keys)
    ]
    keys = [title_key(d) for d in declared]
    heading_keys = [title_key(h) for h in headings]
    # An exact agreement anywhere beats a partial one (a kicker, a truncated og:title).
    for heading, heading_key in zip(headings, heading_keys, strict=True):
        if heading_key in keys:
            return heading
    for heading, heading_key in zip(headings, heading_keys, strict=True):
        for key in keys:
            if len(heading_key) >= 0.4 * len(key) and _segment_match(heading_key, key):
                return heading
    # The headline as shown may differ from the SEO title yet open the same way.
    for heading, heading_key in zip(headings, heading_keys, strict=True):
        opening = " ".join(heading_key.split()[:2])
        if len(opening) >= 8 and any(key.startswith(opening) for key in keys):
            return heading
    headline = _clean(_first_string(article.get("headline")))
    if headline:
        return strip_site_name(headline, site_keys)
    # Without a declared headline, a page's only <h1> is its visible headline.
    if len(headings) == 1 and len(headings[0].split()) >= 3:
        return headings[0]
    for candidate in declared:
        stripped = strip_site_name(candidate, site_keys)
        if stripped:
            return stripped
    if headings:
        return headings[0]
    return _clean(getattr(document, "title", None))


def strip_site_name(title: str, site_keys: Iterable[str]) -> str:
    """Remove a site-name prefix or suffix ("Headline | Site", "Site - Headline")."""
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    site_keys = [key for key in site_keys if key]
    kept = [part for part in parts if not _is_site_part(part, site_keys)]
    if kept and len(kept) < len(parts):
        # Rebuild from the original text so a separator inside the headline survives.
        start = title.find(kept[0])
        end = title.rfind(kept[-1]) + len(kept[-1])
        return title[start:end].strip() if start >= 0 and end > start else " ".join(kept)
    # No part names the site: a trailing "| Section | Site" chain is still boilerplate.
    if "|" in title:
        head = title.split("|", 1)[0].strip()
        if len(head.split()) >= 3:
            return head
    return title


def _is_site_part(part: str, site_keys: list[str]) -> bool:
    key = title_key(part)
    if not key:
        return True
    return any(key == site or key.replace(" ", "") == site.replace(" ", "") for site in site_keys)


def _site_keys(site_name: str | None, url: str) -> list[str]:
    keys = []
    if site_name:
        keys.append(title_key(site_name))
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    if host:
        keys.append(title_key(host))
        keys.append(title_key(host.split(".")[0]))
    return keys


def _segment_match(heading_key: str, key: str) -> bool:
    """Whether a heading is one separator-delimited part (or the start) of a declared title."""
    if key.startswith(heading_key) or key.endswith(heading_key):
        return True
    return heading_key in key and len(heading_key) >= 20


def title_key(text: str) -> str:
    """A title reduced to case-folded words, for comparing titles across sources."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(re.findall(r"\w+", text))


# --- authors -------------------------------------------------------------------------------


def choose_authors(
    data: StructuredData, article: Mapping[str, Any], document: Any, site_name: str | None
) -> list[str]:
    """Person names from JSON-LD, else meta tags, else trafilatura's byline guess, else microdata."""
    organisations = _organisation_names(data, article, site_name)
    # In order of trust; each is read only if those before it name nobody
    # (trafilatura's byline guess is the costly one).
    sources: list[Callable[[], list[str]]] = [
        lambda: (
            _json_ld_people(data, article.get("author"))
            + _json_ld_people(data, article.get("creator"))
        ),
        lambda: data.all_meta(*_AUTHOR_META),
        lambda: (getattr(document, "author", None) or "").split(";"),
        lambda: data.itemprops.get("author", []),
    ]
    for names in sources:
        cleaned = clean_authors(names(), organisations=organisations)
        if cleaned:
            return cleaned
    return []


def _json_ld_people(data: StructuredData, value: Any) -> list[str]:
    """Names of the Person objects (or bare strings) in a JSON-LD author value."""
    names = []
    for reference in value if isinstance(value, list) else [value]:
        entry = data.resolve(reference)
        if isinstance(entry, str):
            names.append(entry)
        elif isinstance(entry, dict):
            types = object_types(entry)
            if types and "person" not in types:
                continue
            name = entry.get("name")
            if isinstance(name, list):
                name = " ".join(str(n) for n in name)
            if isinstance(name, str):
                names.append(name)
            elif entry.get("givenName") or entry.get("familyName"):
                names.append(f"{entry.get('givenName', '')} {entry.get('familyName', '')}")
    return names


def _organisation_names(
    data: StructuredData, article: Mapping[str, Any], site_name: str | None
) -> set[str]:
    names = {site_name} if site_name else set()
    for obj in [article.get("publisher"), *data.json_ld]:
        if isinstance(obj, dict) and object_types(obj) & {"organization", "newsmediaorganization"}:
            name = obj.get("name")
            if isinstance(name, str):
                names.add(name)
    authors = article.get("author")
    for reference in authors if isinstance(authors, list) else [authors]:
        entry = data.resolve(reference)
        types = object_types(entry) if isinstance(entry, dict) else set()
        if types and "person" not in types:
            name = entry.get("name")
            if isinstance(name, str):
                names.add(name)
    names.update(data.all_meta("og:site_name", "application-name", "publisher"))
    return {name for name in names if name}


# --- dates ---------------------------------------------------------------------------------


def choose_published(
    data: StructuredData,
    article: Mapping[str, Any],
    document: Any,
    hinted: str | None = None,
) -> str | None:
    """The publication date with its time and offset when the page states them.

    Dates the page declares (JSON-LD, meta, microdata, ``<time>``) are checked
    against trafilatura's day-level guess (htmldate). A page that declares no
    date leaves a gap: the hint (a feed's or sitemap's date) fills it before the
    guess, which is read from the URL or the text.
    """
    declared = _all_dates(
        [
            _first_string(article.get("datePublished")),
            _first_string(article.get("dateCreated")),
            *data.all_meta(*_PUBLISHED_META),
            *data.itemprops.get("datepublished", []),
            *data.time_datetimes,
        ]
    )
    # htmldate (through trafilatura) weighs every date on the page and is right
    # more often about the day, while declarations carry the time and offset.
    # Keep a declared value that agrees with its day; trust a declared value
    # within a day of it (the same instant seen in another time zone).
    guessed = normalise_date(getattr(document, "date", None))
    if not declared and hinted:
        return hinted
    if not guessed:
        return declared[0] if declared else None
    guessed_day = date.fromisoformat(guessed[:10])
    for value in declared:
        if value[:10] == guessed[:10]:
            return value
    if declared and abs((date.fromisoformat(declared[0][:10]) - guessed_day).days) <= 1:
        return declared[0]
    return guessed[:10]


def choose_modified(data: StructuredData, article: Mapping[str, Any]) -> str | None:
    """The last-modified date the page declares."""
    return _first_date(
        [
            _first_string(article.get("dateModified")),
            *data.all_meta(*_MODIFIED_META),
            *data.itemprops.get("datemodified", []),
        ]
    )


def parse_date(value: str | None) -> str | None:
    """``normalise_date`` plus the numeric day formats pages use in meta tags."""
    value = _clean(value)
    if not value:
        return None
    parsed = normalise_date(value)
    if parsed:
        return parsed
    # "2024-05-01T10:00:00.123+0200" and "2024-05-01 10:00:00 +0200" variants.
    iso = re.match(
        r"^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?",
        value,
    )
    if iso:
        parsed = normalise_date(f"{iso[1]}T{iso[2]}{iso[3] or ''}")
        if parsed:
            return parsed
    for pattern, order in (
        (_SLASHED_DATE, (1, 2, 3)),
        (_DOTTED_DATE, (3, 2, 1)),
        (_COMPACT_DATE, (1, 2, 3)),
    ):
        match = pattern.match(value)
        if match:
            year, month, day = (int(match[i]) for i in order)
            parsed = normalise_date(f"{year:04d}-{month:02d}-{day:02d}")
            if parsed:
                return parsed
    return None


def _first_date(values: Iterable[str | None]) -> str | None:
    dates = _all_dates(values)
    return dates[0] if dates else None


def _all_dates(values: Iterable[str | None]) -> list[str]:
    """Every plausible parsed date among ``values``, in order, without repeats."""
    dates: dict[str, None] = {}
    for value in values:
        parsed = parse_date(value)
        if parsed and "1990" <= parsed[:4] <= "2100":
            dates.setdefault(parsed, None)
    return list(dates)


# --- language, description, tags, image, site name ---------------------------------------------


def choose_language(data: StructuredData, article: Mapping[str, Any]) -> str | None:
    """Primary language subtag ("en") from the page's declarations."""
    for value in (
        _first_string(article.get("inLanguage")),
        data.html_lang,
        data.first_meta("content-language", "og:locale", "dc.language", "language"),
    ):
        language = primary_language(value)
        if language:
            return language
    return None


def primary_language(value: Any) -> str | None:
    """ "en-GB", "de_DE", "pt" → "en", "de", "pt"; None for anything else."""
    if not isinstance(value, str):
        return None
    match = _LANGUAGE.match(value.strip().split(",")[0].strip())
    return match[1].lower() if match else None


def choose_description(
    data: StructuredData, article: Mapping[str, Any], document: Any
) -> str | None:
    """The page's summary: og/meta/JSON-LD description."""
    return (
        _clean(data.first_meta("og:description", "description", "twitter:description"))
        or _clean(_first_string(article.get("description")))
        or _clean(getattr(document, "description", None))
    )


def choose_tags(data: StructuredData, article: Mapping[str, Any], document: Any) -> list[str]:
    """Keywords and tags, split and deduplicated."""
    values: list[str] = []
    keywords = article.get("keywords")
    if isinstance(keywords, list):
        values.extend(k for k in keywords if isinstance(k, str))
    elif isinstance(keywords, str):
        values.extend(keywords.split(","))
    for value in data.all_meta(*_TAG_META):
        values.extend(value.split(","))
    if not values:
        values.extend(getattr(document, "tags", None) or [])
    return _dedupe(_clean(v) for v in values)


def choose_image(
    data: StructuredData, article: Mapping[str, Any], document: Any, url: str
) -> str | None:
    """The lead image as an absolute URL."""
    candidates = [
        data.first_meta(
            "og:image", "og:image:url", "og:image:secure_url", "twitter:image", "twitter:image:src"
        ),
        _image_url(article.get("image")),
        _image_url(article.get("thumbnailUrl")),
        data.image_link,
        getattr(document, "image", None),
    ]
    for raw in candidates:
        candidate = (raw or "").strip()
        if candidate and not candidate.startswith("data:"):
            absolute = urljoin(url, candidate)
            if urlsplit(absolute).scheme in {"http", "https"}:
                return absolute
    return None


def choose_site_name(
    data: StructuredData, article: Mapping[str, Any], document: Any
) -> str | None:
    """og:site_name, else the JSON-LD publisher's name, else trafilatura's guess."""
    publisher = article.get("publisher")
    if isinstance(publisher, list):
        publisher = publisher[0] if publisher else None
    publisher_name = publisher.get("name") if isinstance(publisher, dict) else None
    return (
        _clean(data.first_meta("og:site_name"))
        or _clean(publisher_name if isinstance(publisher_name, str) else None)
        or _clean(data.first_meta("application-name"))
        or _clean(getattr(document, "sitename", None))
    )


def _guessed_site_name(document: Any, title: str | None) -> str | None:
    """trafilatura's site name, unless it is the headline (it splits <title> blindly)."""
    guess = _clean(getattr(document, "sitename", None))
    if guess and title and title_key(guess) in title_key(title):
        return None
    return guess


def _image_url(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("url") or value.get("contentUrl")
    return value if isinstance(value, str) else None


def _first_string(value: Any) -> str | None:
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str)), None)
    return value if isinstance(value, str) else None


def _clean(value: Any) -> str | None:
    """Unescape entities left in attribute values and collapse whitespace."""
    if not isinstance(value, str):
        return None
    text = " ".join(html.unescape(value).split())
    return text or None


def _dedupe(values: Iterable[str | None]) -> list[str]:
    seen: dict[str, str] = {}
    for value in values:
        if value:
            seen.setdefault(value.casefold(), value)
    return list(seen.values())
