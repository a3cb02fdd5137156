"""Plain-text, URL, language and name clean-up shared by feeds and sitemaps."""

from __future__ import annotations

import re
from collections.abc import Iterable
from html.entities import html5 as html5_entities
from urllib.parse import urljoin, urlsplit

from lxml import etree

# Elements whose boundaries separate words; everything else is inline.
_BLOCK_TAGS = frozenset(
    {
        *("address", "article", "aside", "blockquote", "br", "dd", "details", "dialog"),
        *("div", "dl", "dt", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4"),
        *("h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section"),
        *("summary", "table", "td", "th", "tr", "ul"),
    }
)
_INVISIBLE_TAGS = frozenset({"script", "style", "template", "noscript", "head", "title"})
# An absolute http(s) URL with a plain host name or IPv4/IPv6 address and no whitespace.
_ABSOLUTE_HTTP_URL = re.compile(
    r"^https?://(?:[^/?#@\s]*@)?(?:[\w.~%!$&'()*+,;=-]+|\[[0-9a-f:.]+\])(?::\d*)?(?:[/?#]\S*)?$",
    re.I,
)
_LANGUAGE_SUBTAG = re.compile(r"^[a-z]{2,3}$")
_EMAIL = re.compile(r"^\S+@\S+\.\S+$")
# RSS 2.0 <author> is "email (Name)"; some feeds write "Name <email>".
_EMAIL_WITH_NAME = re.compile(r"^\S+@\S+\s*\((?P<name>[^)]+)\)$|^(?P<name2>[^<]+?)\s*<\S+@\S+>$")


def collapse_whitespace(text: str | None) -> str | None:
    """``text`` with runs of whitespace turned into single spaces, or None when blank."""
    if not text:
        return None
    return " ".join(text.split()) or None


def strip_markup(markup: str | None) -> str | None:
    """Plain text of an HTML fragment (entities decoded, scripts dropped), or None."""
    if not markup or not markup.strip():
        return None
    if "<" not in markup and "&" not in markup:
        return collapse_whitespace(markup)
    # The HTML parser neither loads DTDs nor resolves external entities.
    # Parsed as UTF-8 bytes: lxml refuses a str that carries an XML declaration.
    parser = etree.HTMLParser(
        encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True
    )
    try:
        root = etree.fromstring(markup.encode("utf-8", "replace"), parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return collapse_whitespace(markup)
    if root is None:
        return collapse_whitespace(markup)
    return visible_text(root)


def visible_text(element: etree._Element) -> str | None:
    """Plain text inside ``element``, an (X)HTML tree, words kept apart at block boundaries."""
    parts: list[str] = [element.text or ""]
    for child in element:
        _collect_visible_text(child, parts)
        if child.tail:
            parts.append(child.tail)
    return collapse_whitespace("".join(parts))


def _collect_visible_text(element: etree._Element, parts: list[str]) -> None:
    if isinstance(element, etree._Entity):
        # An undeclared HTML entity in XHTML content; declared ones are never expanded.
        parts.append(html5_entities.get(f"{element.name};", ""))
        return
    if not isinstance(element.tag, str):
        return
    tag = etree.QName(element).localname.lower()
    if tag in _INVISIBLE_TAGS:
        return
    block = tag in _BLOCK_TAGS
    if block:
        parts.append(" ")
    if element.text:
        parts.append(element.text)
    for child in element:
        _collect_visible_text(child, parts)
        if child.tail:
            parts.append(child.tail)
    if block:
        parts.append(" ")


def primary_language(value: str | None) -> str | None:
    """The primary subtag of a language tag (``en-GB`` → ``en``), or None if it is not one."""
    if not value:
        return None
    primary = value.strip().replace("_", "-").split("-", 1)[0].lower()
    return primary if _LANGUAGE_SUBTAG.match(primary) else None


def absolute_http_url(reference: str | None, base: str | None = None) -> str | None:
    """``reference`` resolved against ``base`` if it is then an http(s) URL with a host."""
    if not reference:
        return None
    reference = reference.strip()
    if _ABSOLUTE_HTTP_URL.match(reference):
        return reference  # the common case, without urllib's cost (sitemaps hold 50,000)
    try:
        url = urljoin(base, reference) if base else reference
        parts = urlsplit(url)
        parts.port  # noqa: B018  (raises ValueError for a port that is not a number)
    except ValueError:  # e.g. an unbalanced "[" in an IPv6 host, port "abc"
        return None
    if parts.scheme.lower() not in {"http", "https"} or not parts.hostname:
        return None
    return url


def person_name(value: str | None) -> str | None:
    """An author's name from an RSS ``<author>``-style value; None for a bare email address."""
    text = collapse_whitespace(value)
    if not text:
        return None
    if match := _EMAIL_WITH_NAME.match(text):
        return collapse_whitespace(match.group("name") or match.group("name2"))
    if _EMAIL.match(text):
        return None
    return text


def unique(values: Iterable[str | None]) -> list[str]:
    """Non-empty values in first-seen order, each once."""
    return list(dict.fromkeys(value for value in values if value))
