"""Entries of XML sitemaps and sitemap URLs from robots.txt.

Unlike Scrapy's own sitemap parser, this keeps the Google News fields
(``http://www.google.com/schemas/sitemap-news/0.9``): title, publication date,
language and publication name.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from newsarchive.dates import normalise_date
from newsarchive.discovery._text import absolute_http_url, collapse_whitespace, primary_language
from newsarchive.discovery._xml import (
    UnparseableXML,
    element_text,
    looks_like_html,
    parse_untrusted_xml,
    split_tag,
    trim_leading_whitespace,
)

if TYPE_CHECKING:
    from lxml import etree

# W3C Datetime as sitemaps normally write it; parsed directly, it costs a third
# of what normalise_date() does, which matters at 50,000 URLs.
_W3C_DATETIME = re.compile(
    r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:\d{2})$"
)
# robots.txt: "Sitemap: <url>", the field name case-insensitive; "#" starts a comment.
_ROBOTS_SITEMAP_LINE = re.compile(r"^\s*sitemap\s*:\s*([^\s#]+)", re.I)


@dataclass
class SitemapEntry:
    """One ``<url>`` of a urlset or one ``<sitemap>`` of a sitemap index.

    ``news_language`` is ``news:language`` as written (``zh-cn``); hints carry
    its primary subtag.
    """

    loc: str
    lastmod: str | None = None
    news_title: str | None = None
    news_published: str | None = None
    news_language: str | None = None
    news_publication: str | None = None

    @property
    def date(self) -> str | None:
        """The publication date from Google News, else ``lastmod``."""
        return self.news_published or self.lastmod


@dataclass
class Sitemap:
    """A parsed sitemap: ``kind`` is ``urlset`` or ``sitemapindex``."""

    kind: str
    entries: list[SitemapEntry]


class SitemapError(ValueError):
    """The body is not a sitemap, or is too broken to yield anything."""


def parse_sitemap(body: bytes, url: str, *, rejected: list[str] | None = None) -> Sitemap:
    """Parse the sitemap ``body`` fetched from ``url``.

    Namespaces are not checked (sitemaps in the wild use wrong or no ones);
    relative locations resolve against ``url``, non-http(s) ones are dropped (and
    appended to ``rejected``) and a location is kept once. Raises :class:`SitemapError` with the reason.
    """
    trimmed = trim_leading_whitespace(body)
    if not trimmed:
        raise SitemapError("not a sitemap: empty body")
    if looks_like_html(trimmed):
        raise SitemapError("not a sitemap: got an HTML page")
    try:
        root, repaired = parse_untrusted_xml(trimmed, recover=True)
    except UnparseableXML as exc:
        raise SitemapError(f"malformed sitemap: {exc}") from exc
    kind = split_tag(root)[1]
    if kind not in {"urlset", "sitemapindex"}:
        raise SitemapError(f"not a sitemap: root element is <{kind}>")
    entries: dict[str, SitemapEntry] = {}
    local_names: dict[str, str] = {}  # tag -> local name: few distinct tags, many elements
    for child in root:
        if _local_name(child, local_names) not in {"url", "sitemap"}:
            continue
        entry = _entry(child, url, local_names)
        if entry is not None:
            entries.setdefault(entry.loc, entry)
        elif rejected is not None:
            loc = next(
                (element_text(c) for c in child if _local_name(c, local_names) == "loc"), ""
            )
            if loc:
                rejected.append(loc)
    if repaired and not entries:
        raise SitemapError(f"malformed sitemap: no entries could be recovered from <{kind}>")
    return Sitemap(kind=kind, entries=list(entries.values()))


def _local_name(element: etree._Element, cache: dict[str, str]) -> str:
    # Namespaces are ignored on purpose: sitemaps in the wild use wrong ones.
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    local = cache.get(tag)
    if local is None:
        local = cache[tag] = tag.rpartition("}")[2]
    return local


def _entry(element: etree._Element, url: str, local_names: dict[str, str]) -> SitemapEntry | None:
    values: dict[str, str] = {}
    for child in element:
        name = _local_name(child, local_names)
        if name in {"loc", "lastmod"}:
            values[name] = child.text or ""
        elif name == "news":
            for detail in child:
                detail_name = _local_name(detail, local_names)
                if detail_name == "title":
                    values["title"] = element_text(detail)
                elif detail_name == "publication_date":
                    values["publication_date"] = detail.text or ""
                elif detail_name == "publication":
                    for publication in detail:
                        publication_name = _local_name(publication, local_names)
                        if publication_name in {"name", "language"}:
                            values[publication_name] = element_text(publication)
    loc = absolute_http_url(values.get("loc"), url)
    if loc is None:
        return None
    return SitemapEntry(
        loc=loc,
        lastmod=_iso_date(values.get("lastmod")),
        news_title=collapse_whitespace(values.get("title")),
        news_published=_iso_date(values.get("publication_date")),
        news_language=collapse_whitespace(values.get("language")),
        news_publication=collapse_whitespace(values.get("name")),
    )


def _iso_date(value: str | None) -> str | None:
    """``normalise_date(value)``, with a fast path for the usual W3C Datetime."""
    if value and _W3C_DATETIME.match(value):
        try:
            return datetime.fromisoformat(value).isoformat()
        except ValueError:  # e.g. month 13
            return None
    return normalise_date(value)


def sitemap_urls_from_robots(robots_txt: str, base_url: str) -> list[str]:
    """Absolute http(s) URLs of the ``Sitemap:`` lines of ``robots_txt``, each once."""
    urls = []
    for line in robots_txt.removeprefix("\ufeff").splitlines():
        match = _ROBOTS_SITEMAP_LINE.match(line)
        if match and (url := absolute_http_url(match.group(1), base_url)):
            urls.append(url)
    return list(dict.fromkeys(urls))


def hints_from_sitemap_entry(entry: SitemapEntry) -> dict[str, Any]:
    """What a sitemap entry tells extraction about the article, without empty values."""
    hints = {
        "title": entry.news_title,
        "published": entry.news_published,
        "modified": entry.lastmod,
        "language": primary_language(entry.news_language),
        "site_name": entry.news_publication,
    }
    return {key: value for key, value in hints.items() if value}


def is_since(entry_date: str | None, since: date) -> bool:
    """Whether an entry dated ``entry_date`` is on or after the day ``since``.

    Undated or unreadable entries count as recent: they cannot be filtered out.
    A date with an offset is compared by its UTC day, a date or naive time by
    its own calendar day.
    """
    if isinstance(since, datetime):
        since = since.astimezone(UTC).date() if since.tzinfo else since.date()
    value = normalise_date(entry_date)
    if value is None:
        return True
    if len(value) == 10:  # a calendar date, no time
        return date.fromisoformat(value) >= since
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is not None:
        # Within a day of year 1 or 9999 there is no UTC day; its own day will do.
        with contextlib.suppress(OverflowError):
            moment = moment.astimezone(UTC)
    return moment.date() >= since
