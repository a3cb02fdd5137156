"""The whole per-page work, in one pure function: repair, parse once, extract, clean, fingerprint.

This is what extraction workers run (``newsarchive.workers``) and what the public
``newsarchive.extract`` returns, so a record is the same whichever path made it.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from newsarchive.cleaning import clean_article, repair_html, text_hashes
from newsarchive.dedup import canonical_url, digest_text, preferred_url
from newsarchive.extraction import PageAnalysis, analyse_page, record_id

if TYPE_CHECKING:
    from collections.abc import Mapping

    from newsarchive.items import ArticleItem

logger = logging.getLogger(__name__)


def process_page(
    html: str,
    url: str,
    hints: Mapping[str, Any] | None = None,
    *,
    want_links: bool = True,
) -> PageAnalysis:
    """Links and the archive-ready record of one page; never raises on a bad page.

    Markup that SEO auto-linkers broke is repaired before the single parse, the
    extracted text and title are cleaned, the record's URL becomes the page's
    canonical URL, and its text gets the content hash and near-duplicate
    fingerprint that deduplication compares.
    """
    try:
        repaired, repairs = repair_html(html)
        analysis = analyse_page(repaired, url, hints, want_links=want_links)
        if analysis.item is not None:
            analysis.full_text_url = finish_record(analysis.item, html, url, repairs)
            if not analysis.item.text:
                return PageAnalysis(url=url, links=analysis.links, skip_reason="no_text")
        return analysis
    except Exception as exc:  # a hostile page must cost one page, not the crawl
        logger.debug("Extraction failed on %s", url, exc_info=True)
        return PageAnalysis(url=url, skip_reason=f"extraction_error ({type(exc).__name__})")


def finish_record(item: ArticleItem, raw_html: str, page_url: str, repairs: int) -> str | None:
    """Clean, canonicalise and fingerprint an extracted record; return a full-text link."""
    item.url = canonical_url(preferred_url(page_url, item.canonical, None)) if page_url else None
    item.id = record_id(item.url or "")
    item.urls = list(
        dict.fromkeys(u for u in [item.url, canonical_url(page_url) if page_url else None] if u)
    )
    cleaned = clean_article(
        item.text or "",
        item.title,
        raw_html=raw_html,
        url=page_url,
        domain=item.domain,
        html_repairs=repairs,
    )
    item.text = cleaned.text
    item.title = cleaned.title
    item.truncated = item.truncated or cleaned.truncated
    item.removed = {kind: count for kind, count in cleaned.removed.items() if count}
    item.boilerplate_units = sorted(text_hashes(item.text))
    digest = digest_text(item.text)
    item.content_hash = digest.content_hash
    item.word_count = digest.word_count
    item.fingerprint = digest.fingerprint.to_bytes() if digest.fingerprint else None
    return cleaned.full_text_url


def extract(html: str, url: str | None = None) -> ArticleItem | None:
    """The record the archive would store for this page, or None if it is not an article."""
    return process_page(html, url or "", want_links=False).item
