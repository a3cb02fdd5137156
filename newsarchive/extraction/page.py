"""One page in, links and article record out: the pure unit of work a worker runs."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

import trafilatura
from lxml.html import HtmlElement

from newsarchive.dates import utc_now_iso
from newsarchive.extraction.detection import (
    is_article,
    is_clearly_not_article,
    link_density,
    page_signals,
)
from newsarchive.extraction.guesses import MetadataGuesses
from newsarchive.extraction.metadata import choose_metadata, title_key
from newsarchive.extraction.parsing import parse_html
from newsarchive.extraction.structured import read_structured_data
from newsarchive.items import ArticleItem

#: Fewer words than this is a caption or leftover navigation, not an article's text.
MIN_TEXT_WORDS = 10

# An absolute http(s) URL that urljoin gives back as it is, whatever the page:
# no brackets (IPv6 hosts, checked), tabs or newlines (removed), ";" (path
# parameters) or empty query (both rewritten). Six links in ten on real pages.
_PLAIN_ABSOLUTE = re.compile(r"https?://[^/?#\[\];\s]+(?:[/?#][^\[\];\t\r\n]*)?\Z")


@dataclass
class PageAnalysis:
    """What one page yields: links to follow and, for an article, its record.

    ``skip_reason`` names why no record was made (``not_article``, ``no_text``,
    ``unparseable``); it is None when ``item`` is set.
    """

    url: str
    links: list[str] = field(default_factory=list)
    item: ArticleItem | None = None
    skip_reason: str | None = None
    full_text_url: str | None = None
    """Where the full text is, when the page holds only a teaser that links to it."""


def analyse_page(
    html: str,
    url: str,
    hints: Mapping[str, Any] | None = None,
    *,
    want_links: bool = True,
) -> PageAnalysis:
    """Parse ``html`` once and return its links and, if it is an article, its record.

    ``hints`` carry what discovery already knows (feed or sitemap entry: ``title``,
    ``authors``, ``published``, ``modified``, ``language``, ``description``,
    ``tags``) and only fill gaps the page leaves; ``assume_article`` skips article
    detection but a page without text is still skipped.
    """
    hints = hints or {}
    tree = parse_html(html) if html and html.strip() else None
    if tree is None:
        return PageAnalysis(url=url, skip_reason="unparseable")
    links = page_links(tree, url) if want_links else []
    # trafilatura extracts the text from its own copy of the tree (it prunes as it
    # goes): declarations and metadata guesses below read the page as served.
    data = read_structured_data(tree)
    assume_article = bool(hints.get("assume_article"))
    if not assume_article and is_clearly_not_article(url, data):
        return PageAnalysis(url=url, links=links, skip_reason="not_article")
    density = 0.0 if assume_article else link_density(tree)
    # Metadata apart: its costly guesses are made only where choose_metadata needs them.
    document = trafilatura.bare_extraction(
        tree, url=url, with_metadata=False, include_comments=False
    )
    text = document.text if document is not None else None
    if not text or len(text.split()) < MIN_TEXT_WORDS:
        return PageAnalysis(url=url, links=links, skip_reason="no_text")
    if not assume_article and not is_article(page_signals(url, data, text, density)):
        return PageAnalysis(url=url, links=links, skip_reason="not_article")
    meta = choose_metadata(data, MetadataGuesses(tree, url), url, hints)
    text = drop_leading_headline(text, meta.title)
    item = ArticleItem(
        id=record_id(url),
        url=url,
        urls=[url],
        domain=urlsplit(url).hostname,
        title=meta.title,
        authors=meta.authors,
        published=meta.published,
        modified=meta.modified,
        language=meta.language,
        text=text,
        description=meta.description,
        tags=meta.tags,
        image=meta.image,
        site_name=meta.site_name,
        fetched_at=utc_now_iso(),
        word_count=len(text.split()),
        canonical=_absolute(url, data.canonical_url or data.first_meta("og:url")),
    )
    return PageAnalysis(url=url, links=links, item=item)


def drop_leading_headline(text: str, title: str | None) -> str:
    """Remove the headline when trafilatura kept it as the text's first line."""
    first, _, rest = text.partition("\n")
    if title and rest.strip() and title_key(first) == title_key(title):
        return rest.lstrip("\n")
    return text


def _absolute(base: str, link: str | None) -> str | None:
    if not link:
        return None
    try:
        return urljoin(base, link.strip())
    except ValueError:  # a malformed link (an unclosed IPv6 bracket) names nothing
        return None


def record_id(url: str) -> str:
    """A stable record id derived from the article's canonical URL."""
    return hashlib.sha256(url.encode()).hexdigest()[:20]


def page_links(tree: HtmlElement, base_url: str) -> list[str]:
    """Absolute http(s) links of ``<a href>`` elements, fragments removed, in page order."""
    # A <base href> may itself be relative ("/"): it is resolved against the page URL.
    base = _absolute(base_url, tree.xpath("string(//base/@href)")) or base_url
    seen: dict[str, None] = {}
    # Menus, share buttons and "more" links repeat hrefs (a quarter of them on
    # real pages): each is resolved once.
    resolved: set[str] = set()
    for raw in tree.xpath("//a/@href"):
        href = raw.strip()
        if (
            href in resolved
            or not href
            or href.startswith(("#", "javascript:", "mailto:", "tel:"))
        ):
            continue
        resolved.add(href)
        if _resolves_to_itself(href):
            absolute = href
        else:
            try:
                absolute = urljoin(base, href)
            except ValueError:  # "http://[not-an-ip]/" and other unparseable hosts
                continue
            if urlsplit(absolute).scheme not in {"http", "https"}:
                continue
        seen.setdefault(absolute.split("#", 1)[0], None)
    return list(seen)


def _resolves_to_itself(href: str) -> bool:
    """Whether ``urljoin`` gives ``href`` back as it is, whatever the page it is on."""
    return bool(_PLAIN_ABSOLUTE.match(href)) and "?#" not in href and not href.endswith("?")
