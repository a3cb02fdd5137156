"""Article entries from RSS 2.0, RSS 1.0, Atom 1.0 and JSON Feed documents."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from newsarchive.dates import normalise_date
from newsarchive.discovery._text import (
    absolute_http_url,
    collapse_whitespace,
    person_name,
    primary_language,
    strip_markup,
    unique,
    visible_text,
)
from newsarchive.discovery._xml import (
    UnparseableXML,
    child_elements,
    effective_xml_lang,
    element_text,
    first_child,
    looks_like_html,
    parse_untrusted_xml,
    resolve_against_xml_base,
    split_tag,
    trim_leading_whitespace,
)

if TYPE_CHECKING:
    from collections.abc import Collection, Iterable

    from lxml import etree

# RSS 2.0 has no namespace; RSS 1.0 and 0.90 have one each, and a few RSS 2.0
# feeds declare the (never official) Userland or Harvard namespace as default.
RSS_NAMESPACES = frozenset(
    {
        None,
        "http://purl.org/rss/1.0/",
        "http://my.netscape.com/rdf/simple/0.9/",
        "http://backend.userland.com/rss2",
        "http://blogs.law.harvard.edu/tech/rss",
    }
)
ATOM_NAMESPACES = frozenset({"http://www.w3.org/2005/Atom", "http://purl.org/atom/ns#", None})
DC_NAMESPACES = frozenset(
    {
        "http://purl.org/dc/elements/1.1/",
        "http://purl.org/dc/elements/1.0/",
        "http://purl.org/dc/terms/",
    }
)
CONTENT_NAMESPACES = frozenset({"http://purl.org/rss/1.0/modules/content/"})
_ATOM_ONLY = ATOM_NAMESPACES - {None}
_RDF_ABOUT = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about"
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_HTML_TAG = re.compile(r"</?[a-z][a-z0-9]*(?:\s[^<>]*)?/?>", re.I)


@dataclass
class FeedEntry:
    """One article announced by a feed."""

    url: str
    title: str | None = None
    published: str | None = None
    modified: str | None = None
    authors: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    summary: str | None = None
    language: str | None = None


class FeedError(ValueError):
    """The body is not a feed, or is too broken to yield anything."""


def parse_feed(body: bytes, url: str, *, rejected: list[str] | None = None) -> list[FeedEntry]:
    """The entries of the RSS, Atom or JSON Feed document ``body`` fetched from ``url``.

    Entries without an http(s) URL are dropped (their links, if they have any, are
    appended to ``rejected``) and a URL is kept once. Raises :class:`FeedError`
    when ``body`` is not a feed or nothing usable comes out.
    """
    trimmed = trim_leading_whitespace(body)
    if not trimmed:
        raise FeedError("not a feed: empty body")
    if trimmed.removeprefix(b"\xef\xbb\xbf")[:1] in (b"{", b"["):
        return _unique_urls(_parse_json_feed(trimmed, url, rejected))
    if looks_like_html(trimmed):
        raise FeedError("not a feed: got an HTML page")
    try:
        root, repaired = parse_untrusted_xml(trimmed, recover=True)
    except UnparseableXML as exc:
        if not trimmed.startswith((b"<", b"\xef\xbb\xbf<", b"\xff\xfe", b"\xfe\xff")):
            raise FeedError("not a feed: neither XML nor JSON") from exc
        raise FeedError(f"malformed feed: {exc}") from exc
    kind = split_tag(root)[1]
    if kind == "rss":
        entries = _parse_rss(root, url, rejected)
    elif kind == "RDF":
        entries = _parse_rdf(root, url, rejected)
    elif kind in {"feed", "entry"}:
        entries = _parse_atom(root, url, rejected)
    elif kind.lower() == "html":
        raise FeedError("not a feed: got an HTML page")
    else:
        raise FeedError(f"not a feed: root element is <{kind}>")
    unique_entries = _unique_urls(entries)
    if repaired and not unique_entries:
        raise FeedError(f"malformed feed: no entries could be recovered from <{kind}>")
    return unique_entries


def hints_from_feed_entry(entry: FeedEntry) -> dict[str, Any]:
    """What a feed entry tells extraction about the article, without empty values."""
    hints = {
        "title": entry.title,
        "authors": list(entry.authors),
        "published": entry.published,
        "modified": entry.modified,
        "language": entry.language,
        "description": entry.summary,
        "tags": list(entry.tags),
    }
    return {key: value for key, value in hints.items() if value}


def _unique_urls(entries: Iterable[FeedEntry]) -> list[FeedEntry]:
    kept: dict[str, FeedEntry] = {}
    for entry in entries:
        kept.setdefault(entry.url, entry)
    return list(kept.values())


def _text_of(
    parent: etree._Element, names: Collection[str], namespaces: Collection[str | None]
) -> str | None:
    """Whitespace-collapsed text of the first matching child that has any."""
    for child in child_elements(parent, names, namespaces):
        if text := collapse_whitespace(element_text(child)):
            return text
    return None


def _texts_of(
    parent: etree._Element, names: Collection[str], namespaces: Collection[str | None]
) -> list[str | None]:
    return [
        collapse_whitespace(element_text(child))
        for child in child_elements(parent, names, namespaces)
    ]


def _rss_title(text: str | None) -> str | None:
    # RSS does not say whether a title is HTML; in practice some are, and
    # double-escaped ones ("AT&amp;amp;T") are common: decode them as HTML.
    if text and ("&" in text or _HTML_TAG.search(text)):
        return strip_markup(text)
    return text


# RSS 2.0 and RSS 1.0


def _parse_rss(
    root: etree._Element, url: str, rejected: list[str] | None = None
) -> list[FeedEntry]:
    channel = first_child(root, {"channel"}, RSS_NAMESPACES)
    items = list(child_elements(channel, {"item"}, RSS_NAMESPACES)) if channel is not None else []
    # Some broken feeds put items directly under <rss>.
    items += child_elements(root, {"item"}, RSS_NAMESPACES)
    return _rss_entries(items, channel, url, rejected)


def _parse_rdf(
    root: etree._Element, url: str, rejected: list[str] | None = None
) -> list[FeedEntry]:
    channel = first_child(root, {"channel"}, RSS_NAMESPACES)
    items = list(child_elements(root, {"item"}, RSS_NAMESPACES))
    if channel is not None:
        items += child_elements(channel, {"item"}, RSS_NAMESPACES)
    return _rss_entries(items, channel, url, rejected)


def _rss_entries(
    items: Iterable[etree._Element],
    channel: etree._Element | None,
    url: str,
    rejected: list[str] | None = None,
) -> list[FeedEntry]:
    channel_language = None
    if channel is not None:
        channel_language = _text_of(channel, {"language"}, RSS_NAMESPACES) or _text_of(
            channel, {"language"}, DC_NAMESPACES
        )
    entries = []
    for item in items:
        link = _rss_link(item, url)
        if link is None:
            _reject(rejected, _raw_links(item, ("link", "guid"), ("about", "href")))
            continue
        language = (
            _text_of(item, {"language"}, DC_NAMESPACES)
            or channel_language
            or effective_xml_lang(item)
        )
        description = _text_of(item, {"description"}, RSS_NAMESPACES) or _text_of(
            item, {"encoded"}, CONTENT_NAMESPACES
        )
        entries.append(
            FeedEntry(
                url=link,
                title=_rss_title(_text_of(item, {"title"}, RSS_NAMESPACES)),
                published=normalise_date(_text_of(item, {"pubDate"}, RSS_NAMESPACES))
                or normalise_date(_text_of(item, {"date", "issued", "created"}, DC_NAMESPACES)),
                modified=normalise_date(_text_of(item, {"modified"}, DC_NAMESPACES))
                or normalise_date(_text_of(item, {"updated"}, _ATOM_ONLY)),
                authors=unique(
                    person_name(name)
                    for name in _texts_of(item, {"creator"}, DC_NAMESPACES)
                    + _texts_of(item, {"author"}, RSS_NAMESPACES)
                ),
                tags=unique(
                    _texts_of(item, {"category"}, RSS_NAMESPACES)
                    + _texts_of(item, {"subject"}, DC_NAMESPACES)
                ),
                summary=strip_markup(description),
                language=primary_language(language),
            )
        )
    return entries


def _rss_link(item: etree._Element, url: str) -> str | None:
    for link in child_elements(item, {"link"}, RSS_NAMESPACES):
        if href := _resolve(link, element_text(link), url):
            return href
    for guid in child_elements(item, {"guid"}, RSS_NAMESPACES):
        # RSS 2.0: isPermaLink defaults to true, yet many feeds leave it out on
        # guids that are not URLs; resolve only an explicit permalink, and take
        # an implicit one only when it is already an absolute URL.
        value = element_text(guid)
        permalink = (guid.get("isPermaLink") or "").strip().lower()
        if permalink == "true" and (href := _resolve(guid, value, url)):
            return href
        if not permalink and (href := absolute_http_url(value)):
            return href
    # RSS 1.0: rdf:about repeats the item's link.
    if href := _resolve(item, item.get(_RDF_ABOUT), url):
        return href
    return _atom_link(item, url, _ATOM_ONLY)


def _raw_links(
    element: etree._Element, tags: tuple[str, ...], attributes: tuple[str, ...]
) -> list[str]:
    """The link-like values an entry holds, as written (for saying what was not followed)."""
    values = [
        value
        for child in element.iter()
        if isinstance(child.tag, str) and child.tag.rsplit("}", 1)[-1] in tags
        for value in [(child.text or "").strip(), *(child.get(a) or "" for a in attributes)]
    ]
    values += [
        element.get(name) or "" for name in element.attrib if name.rsplit("}", 1)[-1] in attributes
    ]
    return values


def _reject(rejected: list[str] | None, candidates: Iterable[str]) -> None:
    if rejected is not None:
        link = next((c.strip() for c in candidates if c and c.strip()), None)
        if link:
            rejected.append(link)


def _resolve(element: etree._Element, reference: str | None, url: str) -> str | None:
    if not reference or not reference.strip():
        return None
    try:
        resolved = resolve_against_xml_base(element, reference, url)
    except ValueError:  # a malformed xml:base or reference
        return None
    return absolute_http_url(resolved)


# Atom 1.0 (and the Atom 0.3 names where they differ)


def _parse_atom(
    root: etree._Element, url: str, rejected: list[str] | None = None
) -> list[FeedEntry]:
    if split_tag(root)[1] == "entry":  # an Atom entry document
        entries, feed_authors = [root], []
    else:
        entries = list(child_elements(root, {"entry"}, ATOM_NAMESPACES))
        feed_authors = _atom_authors(root)
    result = []
    for entry in entries:
        link = _atom_link(entry, url, ATOM_NAMESPACES)
        if link is None:
            _reject(rejected, _raw_links(entry, ("link",), ("href",)))
            continue
        source = first_child(entry, {"source"}, ATOM_NAMESPACES)
        authors = _atom_authors(entry) or (_atom_authors(source) if source is not None else [])
        summary = first_child(entry, {"summary"}, ATOM_NAMESPACES)
        if summary is None or not _atom_text(summary):
            summary = first_child(entry, {"content"}, ATOM_NAMESPACES)
        title = first_child(entry, {"title"}, ATOM_NAMESPACES)
        result.append(
            FeedEntry(
                url=link,
                title=_atom_text(title) if title is not None else None,
                published=normalise_date(
                    _text_of(entry, {"published", "issued", "created"}, ATOM_NAMESPACES)
                ),
                modified=normalise_date(_text_of(entry, {"updated", "modified"}, ATOM_NAMESPACES)),
                authors=authors or list(feed_authors),
                tags=unique(
                    collapse_whitespace(category.get("term") or category.get("label"))
                    for category in child_elements(entry, {"category"}, ATOM_NAMESPACES)
                ),
                summary=_atom_text(summary) if summary is not None else None,
                language=primary_language(effective_xml_lang(entry)),
            )
        )
    return result


def _atom_link(entry: etree._Element, url: str, namespaces: Collection[str | None]) -> str | None:
    """The entry's alternate link, preferring an HTML one (RFC 4287 §4.2.7.2)."""
    candidates: list[tuple[int, int, str]] = []
    for link in child_elements(entry, {"link"}, namespaces):
        rel = (link.get("rel") or "alternate").strip().lower()
        if rel not in {"alternate", "http://www.iana.org/assignments/relation/alternate"}:
            continue
        if href := _resolve(link, link.get("href"), url):
            media_type = (link.get("type") or "").split(";", 1)[0].strip().lower()
            rank = 0 if media_type in _HTML_TYPES else 1 if not media_type else 2
            candidates.append((rank, len(candidates), href))
    return min(candidates)[2] if candidates else None


def _atom_authors(parent: etree._Element) -> list[str]:
    return unique(
        person_name(_text_of(author, {"name"}, ATOM_NAMESPACES))
        for author in child_elements(parent, {"author"}, ATOM_NAMESPACES)
    )


def _atom_text(element: etree._Element) -> str | None:
    """Plain text of an Atom text construct (RFC 4287 §3.1) or content element."""
    if element.get("src"):  # out-of-line content: nothing to read here
        return None
    kind = (element.get("type") or "text").split(";", 1)[0].strip().lower()
    if kind == "xhtml":  # the markup is already parsed: a <div> of XHTML elements
        return visible_text(element)
    if kind in {"html", "text/html", "application/xhtml+xml"}:
        return strip_markup(element_text(element))
    if kind == "text" or kind.startswith("text/"):
        return collapse_whitespace(element_text(element))
    return None  # other media types: XML or Base64 data (RFC 4287 §4.1.3.3), not prose


# JSON Feed 1.0 and 1.1 (https://www.jsonfeed.org/version/1.1/)


def _parse_json_feed(body: bytes, url: str, rejected: list[str] | None = None) -> list[FeedEntry]:
    try:
        document = json.loads(body.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise FeedError(f"malformed JSON Feed: not UTF-8 ({exc.reason})") from exc
    except RecursionError as exc:
        raise FeedError("malformed JSON Feed: nested too deeply") from exc
    except ValueError as exc:
        raise FeedError(f"malformed JSON Feed: {exc}") from exc
    if not isinstance(document, dict):
        raise FeedError("not a feed: JSON but not a JSON Feed object")
    version = document.get("version")
    items = document.get("items")
    is_json_feed = isinstance(version, str) and "jsonfeed.org/version/" in version
    if not is_json_feed and not isinstance(items, list):
        raise FeedError("not a feed: JSON without a JSON Feed version or items")
    if not isinstance(items, list):
        raise FeedError("malformed JSON Feed: items is not a list")
    feed_language = _json_str(document.get("language"))
    feed_authors = _json_authors(document)
    entries = []
    for item in items:
        if not isinstance(item, dict):
            continue
        link = absolute_http_url(_json_str(item.get("url")), url) or absolute_http_url(
            _json_str(item.get("external_url")), url
        )
        if link is None:
            _reject(rejected, [_json_str(item.get(k)) or "" for k in ("url", "external_url")])
            continue
        tags = item.get("tags")
        entries.append(
            FeedEntry(
                url=link,
                title=collapse_whitespace(_json_str(item.get("title"))),
                published=normalise_date(_json_str(item.get("date_published"))),
                modified=normalise_date(_json_str(item.get("date_modified"))),
                # JSON Feed 1.1: an item without authors has the feed's authors.
                authors=_json_authors(item) or list(feed_authors),
                tags=unique(
                    collapse_whitespace(_json_str(tag))
                    for tag in (tags if isinstance(tags, list) else [])
                ),
                summary=collapse_whitespace(_json_str(item.get("summary")))
                or collapse_whitespace(_json_str(item.get("content_text")))
                or strip_markup(_json_str(item.get("content_html"))),
                language=primary_language(_json_str(item.get("language")) or feed_language),
            )
        )
    return entries


def _json_str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _json_authors(container: dict[str, Any]) -> list[str]:
    """Names from ``authors`` (JSON Feed 1.1), else the 1.0 ``author`` object."""
    authors = container.get("authors")
    if not isinstance(authors, list):
        author = container.get("author")
        authors = [author] if isinstance(author, dict) else []
    return unique(
        person_name(_json_str(author.get("name")))
        for author in authors
        if isinstance(author, dict)
    )
