"""One page in, links and article record out: the pure unit of work a worker runs."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

import trafilatura
from lxml.html import HtmlElement
from trafilatura.utils import load_html

from newsarchive.dates import normalise_date, utc_now_iso
from newsarchive.items import ArticleItem


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


def analyse_page(
    html: str,
    url: str,
    hints: Mapping[str, Any] | None = None,
    *,
    want_links: bool = True,
) -> PageAnalysis:
    """Parse ``html`` once and return its links and, if it is an article, its record.

    ``hints`` carry what discovery already knows (feed or sitemap entry: ``title``,
    ``authors``, ``published``, ``language``, ``description``, ``tags``) and fill
    gaps left by the page; ``assume_article`` skips article detection.
    """
    hints = hints or {}
    tree = load_html(html) if html and html.strip() else None
    if tree is None:
        return PageAnalysis(url=url, skip_reason="unparseable")
    links = page_links(tree, url) if want_links else []
    document = trafilatura.bare_extraction(
        tree, url=url, with_metadata=True, include_comments=False
    )
    text = document.text if document is not None else None
    if not text:
        return PageAnalysis(url=url, links=links, skip_reason="no_text")
    item = ArticleItem(
        id=record_id(url),
        url=url,
        urls=[url],
        domain=urlsplit(url).hostname,
        title=document.title or hints.get("title"),
        authors=[a.strip() for a in (document.author or "").split(";") if a.strip()]
        or list(hints.get("authors") or []),
        published=normalise_date(document.date) or normalise_date(hints.get("published")),
        language=document.language or hints.get("language"),
        text=text,
        description=document.description or hints.get("description"),
        tags=list(document.tags or []) or list(hints.get("tags") or []),
        image=document.image,
        site_name=document.sitename,
        fetched_at=utc_now_iso(),
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
        word_count=len(text.split()),
    )
    return PageAnalysis(url=url, links=links, item=item)


def extract(html: str, url: str | None = None) -> ArticleItem | None:
    """Return the record the archive would store for this page, or None if it is not an article."""
    return analyse_page(html, url or "", want_links=False).item


def record_id(url: str) -> str:
    """A stable record id derived from the article's canonical URL."""
    return hashlib.sha256(url.encode()).hexdigest()[:20]


def page_links(tree: HtmlElement, base_url: str) -> list[str]:
    """Absolute http(s) links of ``<a href>`` elements, fragments removed, in page order."""
    base = tree.xpath("string(//base/@href)") or base_url
    seen: dict[str, None] = {}
    for href in tree.xpath("//a/@href"):
        href = href.strip()
        if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
            continue
        absolute = urljoin(base, href).split("#", 1)[0]
        if urlsplit(absolute).scheme in {"http", "https"}:
            seen.setdefault(absolute, None)
    return list(seen)
