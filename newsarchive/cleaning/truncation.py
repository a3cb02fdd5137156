"""Tell a teaser or a paywalled excerpt from a full article, and find the full text's URL."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

# "…embrace a plan that could…": an ellipsis right after a word or a comma.
_CUT_ENDING = re.compile(r"[\w,;:\-–—]\s?(?:…|\.\.\.|\[…\]|\[\.\.\.\])[\"'”’»)\]]*\s*$")
_READ_MORE = re.compile(
    r"^\s*(?:read\s+(?:the\s+)?(?:more|full\s+(?:story|article|text))|continue\s+reading|"
    r"keep\s+reading|full\s+story|weiterlesen|mehr\s+lesen|lire\s+la\s+suite|"
    r"leer\s+m[aá]s|seguir\s+leyendo|continua\s+a\s+leggere|leia\s+mais|ler\s+mais|"
    r"lees\s+verder|czytaj\s+dalej|читать\s+далее)"
    r"(?:\s+(?:the\s+)?(?:article|story|»|›|→|>|\.\.\.|…))*\s*[»›→>.…]*\s*$",
    re.IGNORECASE,
)
_ANCHOR = re.compile(
    r"<a\s[^>]*?href\s*=\s*([\"'])(?P<href>[^\"']+)\1[^>]*>(?P<text>.*?)</a\s*>", re.I | re.S
)
_TAGS = re.compile(r"<[^>]+>")
# Names of paywall containers, as class or id values carry them, in ASCII lower case
# ("piano-paywall" and "fade-out-paywall" are found as "paywall"). Each is looked for
# as a substring, and only where it stands as a word in a class or id value does it
# count: one pattern that read every attribute value of the page took 7 ms a page.
_PAYWALL_NAMES = (
    b"paywall",
    b"pay-wall",
    b"regwall",
    b"reg-wall",
    b"piano-offer",
    b"tp-modal",
    b"subscriber-only",
    b"subscription-wall",
    b"premium-gate",
    b"premium-wall",
    b"premium-content-locked",
    b"article-locked",
    b"meteredcontent",
)
_CLASS_OR_ID = re.compile(r"class|id", re.IGNORECASE)
_NOT_FREE = re.compile(r"""["']isAccessibleForFree["']\s*:\s*(?:false|["']false["'])""", re.I)
_JSON_LD = re.compile(
    r"""<script[^>]+type\s*=\s*["']application/ld\+json["'][^>]*>(.*?)</script\s*>""",
    re.IGNORECASE | re.DOTALL,
)
_SHORT_TEASER_WORDS = 150
_SHORTER_THAN_BODY = 0.6  # below 60 % of the page's own articleBody/wordCount


@dataclass
class Truncation:
    """Whether the text is cut short, why, and where the full text is (same site only)."""

    truncated: bool = False
    reason: str | None = None
    full_text_url: str | None = None


def detect_truncation(
    text: str,
    *,
    raw_html: str | None = None,
    url: str | None = None,
    body_words: int | None = None,
) -> Truncation:
    """Check the text, and the page's own signals when its HTML is given.

    Signals: an ellipsis mid-sentence at the end; a "Read more"/"Continue reading" link
    to another page of the same site (with a cut ending or a short text); a paywall
    container or ``isAccessibleForFree: false``; text much shorter than the page's
    JSON-LD ``articleBody``/``wordCount`` (or ``body_words`` when the caller knows it).
    """
    words = len(text.split())
    cut_ending = _CUT_ENDING.search(text) is not None
    full_text_url = None
    reason = "cut_ending" if cut_ending else None
    if raw_html:
        full_text_url = read_more_url(raw_html, url)
        if reason is None and full_text_url and words < _SHORT_TEASER_WORDS:
            reason = "read_more_link"
        # Metered sites mark every page this way and still serve the full text, so a
        # paywall marker only counts for a short text.
        if (
            reason is None
            and words < _SHORT_TEASER_WORDS
            and (_has_paywall_marker(raw_html) or _NOT_FREE.search(raw_html))
        ):
            reason = "paywall"
        if body_words is None:
            body_words = json_ld_body_words(raw_html)
    if reason is None and body_words and words < _SHORTER_THAN_BODY * body_words:
        reason = "shorter_than_article_body"
    return Truncation(reason is not None, reason, full_text_url if reason else None)


def _has_paywall_marker(raw_html: str) -> bool:
    """Whether a word of a ``class`` or ``id`` value names a paywall (``paywall``, ``regwall``…).

    Names are matched in ASCII without regard to case.
    """
    # One byte per character, so that positions in it are positions in the page.
    lowered = raw_html.encode("ascii", "replace").lower()
    for name in _PAYWALL_NAMES:
        start = lowered.find(name)
        while start >= 0:
            end = start + len(name)
            if (
                not _is_word_character(raw_html, start - 1)
                and not _is_word_character(raw_html, end)
                # The value the name stands in opens at the last quote before it.
                and _names_class_or_id(
                    raw_html, max(raw_html.rfind('"', 0, start), raw_html.rfind("'", 0, start))
                )
            ):
                return True
            start = lowered.find(name, start + 1)
    return False


def _is_word_character(text: str, index: int) -> bool:
    """Whether ``text[index]`` exists and is a word character (as ``\\w`` matches)."""
    return 0 <= index < len(text) and (text[index].isalnum() or text[index] == "_")


def _names_class_or_id(html: str, quote: int) -> bool:
    """Whether ``class =`` or ``id =`` (any spacing) comes right before ``html[quote]``."""
    if quote < 0:
        return False
    position = quote - 1
    while position >= 0 and html[position].isspace():
        position -= 1
    if position < 0 or html[position] != "=":
        return False
    position -= 1
    while position >= 0 and html[position].isspace():
        position -= 1
    return any(
        start >= 0 and _CLASS_OR_ID.fullmatch(html, start, position + 1)
        for start in (position - 4, position - 1)
    )


def read_more_url(raw_html: str, url: str | None) -> str | None:
    """The target of a "Read more"-style link to another page of the same site."""
    host = urlsplit(url).hostname if url else None
    for match in _ANCHOR.finditer(raw_html):
        label = _TAGS.sub("", match.group("text"))
        if len(label) > 60 or not _READ_MORE.match(label):
            continue
        target = urljoin(url or "", match.group("href").strip()).split("#", 1)[0]
        parts = urlsplit(target)
        if parts.scheme not in {"http", "https"} or (host and parts.hostname != host):
            continue
        if url and target.rstrip("/") == url.split("#", 1)[0].rstrip("/"):
            continue
        return target
    return None


def json_ld_body_words(raw_html: str) -> int | None:
    """Words of the page's own JSON-LD ``articleBody`` (or its ``wordCount``)."""
    if "ld+json" not in raw_html:
        return None
    best: int | None = None
    for block in _JSON_LD.findall(raw_html):
        try:
            data = json.loads(block)
        except ValueError:
            continue
        for node in _nodes(data):
            body = node.get("articleBody")
            count = len(body.split()) if isinstance(body, str) else None
            if count is None:
                declared = node.get("wordCount")
                if not isinstance(declared, int | str) or not str(declared).isdigit():
                    continue
                count = int(declared)
            best = max(best or 0, count)
    return best


def _nodes(data: object) -> list[dict[str, object]]:
    if isinstance(data, list):
        return [node for item in data for node in _nodes(item)]
    if isinstance(data, dict):
        graph = data.get("@graph")
        return [data, *(_nodes(graph) if graph else [])]
    return []
