"""Recognise block pages: bot challenges, CAPTCHAs and "Access denied" interstitials.

Such pages are often served with status 200 in place of the article; archived,
they would be records of "Just a moment…". A page is a block page when it
carries a vendor's challenge marker or a block title *and* has little text of
its own, so that an article about CAPTCHAs, or one with a CAPTCHA on its
comment form, is not mistaken for one.
"""

from __future__ import annotations

import re

#: A block page says little; above this many words of visible text a page is content.
MAX_BLOCK_PAGE_WORDS = 250

# A block page's reason, from its <title> (matched from the title's start, or
# anywhere in its first 80 characters) or from a vendor's marker in the markup.
# Everything is compared in lower case, as ASCII bytes; the first reason that
# matches wins.
_BLOCK_TITLES: tuple[tuple[str, re.Pattern[bytes]], ...] = (
    (
        "bot challenge",
        re.compile(
            rb"\s*(?:just a moment|attention required!? \| cloudflare|"
            rb"please wait while we verify|checking your browser|ddos-guard)"
        ),
    ),
    (
        "captcha",
        re.compile(
            rb"[^<]{0,80}?(?:captcha|are you a robot|are you human|verify you are human|"
            rb"security check)"
        ),
    ),
    (
        "access denied",
        re.compile(
            rb"\s*(?:access denied|access to this page has been denied|403 forbidden|"
            rb"request rejected|blocked)"
        ),
    ),
)
# Vendors' markers, grouped under a common part that is looked for first: a
# substring search over the page's head is cheap, and most pages have none.
_MARKERS: tuple[tuple[str, bytes, tuple[bytes, ...]], ...] = (
    ("bot challenge", b"cf-browser-verification", (b"cf-browser-verification",)),
    ("bot challenge", b"challenges.cloudflare.com", (b"challenges.cloudflare.com",)),
    ("bot challenge", b"cf_chl_", (b"cf_chl_",)),
    (
        "captcha",
        b"captcha",
        (b"g-recaptcha", b"h-captcha", b"hcaptcha.com", b"px-captcha", b"captcha-delivery.com"),
    ),
    ("access denied", b"incapsula", (b"incapsula incident id", b"_incapsula_resource")),
)
_REASONS = tuple(dict.fromkeys(reason for reason, _ in _BLOCK_TITLES))
_TITLE = re.compile(rb"<title>([^<]{0,200})")
_SCAN_BYTES = 256 * 1024
# What a reader never sees as text: scripts, styles and templates with their
# content, comments, and tags. What is left counts, <noscript> content included
# (some sites put a whole page there). An unclosed script or comment is read as a
# tag and what follows it as text: a page passes for a block page only when it
# clearly says little.
_MARKUP = re.compile(r"<(?:(script|style|template)\b[^>]*>|(!--)|[^>]*>)", re.IGNORECASE)
# An end tag may carry junk before its ">", as HTML allows.
_END_TAGS = {
    name: re.compile(rf"</{name}\b[^>]*>", re.IGNORECASE)
    for name in ("script", "style", "template")
}


def block_page_reason(page: str | bytes) -> str | None:
    """Why a page is a block page (``bot challenge``, ``captcha``, ``access denied``), or None.

    ``page`` is the page's text, or its body in an ASCII-compatible encoding (UTF-8,
    windows-1252, …), which spares decoding pages that are not block pages.
    Markers are looked for near the start; the text is counted over the whole page.
    """
    if isinstance(page, str):
        head = page[:_SCAN_BYTES].encode("utf-8", "replace").lower()
    else:
        head = page[:_SCAN_BYTES].lower()
    reason = _marked_reason(head)
    if reason is None:
        return None
    if isinstance(page, bytes):
        page = page.decode("utf-8", "replace")
    words = visible_words(page, stop_after=MAX_BLOCK_PAGE_WORDS)
    return reason if words <= MAX_BLOCK_PAGE_WORDS else None


def _marked_reason(head: bytes) -> str | None:
    titles = [match.group(1) for match in _TITLE.finditer(head)]
    found = {
        reason
        for reason, pattern in _BLOCK_TITLES
        if any(pattern.match(title) for title in titles)
    }
    found.update(
        reason
        for reason, common, markers in _MARKERS
        if common in head and any(marker in head for marker in markers)
    )
    return next((reason for reason in _REASONS if reason in found), None)


def visible_words(html: str, stop_after: int | None = None) -> int:
    """Words of text a reader could see: scripts, styles and templates left out.

    Counted from the markup as it stands, without building a tree: the page is
    parsed once, in an extraction worker, and only when it is not a block page.
    Counting stops once past ``stop_after`` words. The count takes time in
    proportion to the page, whatever its markup: every search stops at the
    page's last ">", and an end that is missing once is not looked for again.
    """
    end = html.rfind(">") + 1  # no markup ends after it: the rest is text
    unclosed: set[str] = set()
    count = 0
    text_start = position = 0
    while (markup := _MARKUP.search(html, position, end)) is not None:
        count += len(html[text_start : markup.start()].split())
        if stop_after is not None and count > stop_after:
            return count
        position = markup.end()
        element, comment = markup.group(1), markup.group(2)
        if element and (name := element.lower()) not in unclosed:
            closing = _END_TAGS[name].search(html, position, end)
            if closing is None:
                unclosed.add(name)
            else:
                position = closing.end()
        elif comment:
            closing_at = -1 if "--" in unclosed else html.find("-->", position, end)
            if closing_at < 0:
                unclosed.add("--")
                position = html.index(">", position, end) + 1  # read as a tag
            else:
                position = closing_at + 3
        text_start = position
    return count + len(html[text_start:].split())
