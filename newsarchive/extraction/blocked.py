"""Recognise block pages: bot challenges, CAPTCHAs and "Access denied" interstitials.

Such pages are often served with status 200 in place of the article; archived,
they would be records of "Just a moment…". A page is a block page when it
carries a vendor's challenge marker or a block title *and* has little text of
its own, so that an article about CAPTCHAs, or one with a CAPTCHA on its
comment form, is not mistaken for one.
"""

from __future__ import annotations

import re

from lxml import html as lxml_html
from lxml.etree import ParserError

#: A block page says little; above this many words of visible text a page is content.
MAX_BLOCK_PAGE_WORDS = 250

# (reason, pattern) over the page's first bytes, lower-cased; the first match wins.
_MARKERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "bot challenge",
        re.compile(
            r"<title>\s*(?:just a moment|attention required!? \| cloudflare|"
            r"please wait while we verify|checking your browser|ddos-guard)"
            r"|cf-browser-verification|challenges\.cloudflare\.com|_cf_chl_opt|cf_chl_"
        ),
    ),
    (
        "captcha",
        re.compile(
            r"<title>[^<]{0,80}(?:captcha|are you a robot|are you human|verify you are human|"
            r"security check)"
            r"|g-recaptcha|h-captcha|hcaptcha\.com|px-captcha|captcha-delivery\.com"
        ),
    ),
    (
        "access denied",
        re.compile(
            r"<title>\s*(?:access denied|access to this page has been denied|403 forbidden|"
            r"request rejected|blocked)"
            r"|incapsula incident id|_incapsula_resource"
        ),
    ),
)
_SCAN_CHARS = 256 * 1024


def block_page_reason(html: str) -> str | None:
    """Why a page is a block page (``bot challenge``, ``captcha``, ``access denied``), or None.

    Markers are looked for near the start; the text is counted over the whole page.
    """
    head = html[:_SCAN_CHARS].lower()
    for reason, pattern in _MARKERS:
        if pattern.search(head):
            return reason if visible_words(html) <= MAX_BLOCK_PAGE_WORDS else None
    return None


def visible_words(html: str) -> int:
    """Words of text a reader would see: scripts, styles and templates left out."""
    try:
        tree = lxml_html.fromstring(html)
    except (ParserError, ValueError):
        return 0
    for element in tree.iter("script", "style", "noscript", "template"):
        element.text = None
    return len(" ".join(tree.itertext()).split())
