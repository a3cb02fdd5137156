"""Repair raw HTML broken by SEO auto-linkers before it reaches the extractor.

Auto-linking plugins rewrite stored article HTML with a keyword regex that ignores
markup, so a keyword inside ``href``/``title``/``alt`` (or inside an existing link)
becomes ``<a href="…/keyword/" class="…">keyword</a>`` right there. Browsers and lxml
then end the attribute at the injected quote and show the rest of the tag as text.
Replacing each injected anchor by its text restores the markup the site meant to
serve: the plugin wraps the matched text, so unwrapping it gives the original value.
"""

from __future__ import annotations

import bisect
import re

# Where an anchor starts, the markup just before it shows the defect: a start tag still
# open (an anchor inside an attribute value), an anchor directly inside another anchor,
# or the <title> text.
_ANCHOR_START = re.compile(r"<a\s", re.IGNORECASE)
_TAG_START = re.compile(r"<[a-zA-Z]", re.IGNORECASE)
_TITLE_START = re.compile(r"<title\b", re.IGNORECASE)
# The anchor the plugin injects: attributes without markup, plain text inside.
_SIMPLE_ANCHOR = re.compile(r"<a\s[^<>]*>([^<>]*)</a\s*>", re.IGNORECASE)
_SKIPPED = re.compile(
    r"<(script|style|textarea|pre|code)\b.*?</\1\s*>|<!--.*?-->", re.IGNORECASE | re.DOTALL
)
_OPEN_TAG = re.compile(r"<[a-zA-Z][\w:-]*\s")
_ANCHOR_OPEN = re.compile(r"<a[\s>]", re.IGNORECASE)
_ANCHOR_CLOSE = re.compile(r"</a\s*>", re.IGNORECASE)
_VALUE_OPEN = re.compile(r"""(?P<name>[\w:-]+)\s*=\s*(?P<quote>["'])""")
_PLAIN_ATTRIBUTES = frozenset(
    [
        "alt",
        "href",
        "src",
        "srcset",
        "class",
        "id",
        "rel",
        "name",
        "content",
        "value",
        "action",
        "poster",
        "cite",
    ]
)
_TITLE_OPEN = re.compile(r"<title\b[^<>]*>\Z", re.IGNORECASE)
_GLUED = re.compile(r"[\w/.%-]")
_MAX_EVENTS = 40  # anchors looked at around a nested one before giving up
_MAX_PASSES = 6  # one pass per level of nesting; real pages show at most two or three


def repair_html(html: str) -> tuple[str, int]:
    """Unwrap anchors injected inside attribute values, other anchors or the title.

    Returns the repaired HTML and the number of anchors unwrapped. A page without the
    defect is returned unchanged (the same object) after a pre-check of where anchors start.
    """
    if not html or not _has_suspect_anchor(html):
        return html, 0
    repairs = 0
    for _ in range(_MAX_PASSES):
        html, count = _repair_pass(html)
        if not count:
            break
        repairs += count
    return html, repairs


def _has_suspect_anchor(html: str) -> bool:
    """Whether an anchor starts inside a start tag, right inside another anchor or the title."""
    for anchor in _ANCHOR_START.finditer(html):
        start = anchor.start()
        previous = html.rfind("<", 0, start)
        if previous < 0:
            continue
        if html.find(">", previous, start) < 0:
            if _TAG_START.match(html, previous):
                return True
        elif _ANCHOR_START.match(html, previous) or _TITLE_START.match(html, previous):
            return True
    return False


def _repair_pass(html: str) -> tuple[str, int]:
    skipped = [match.span() for match in _SKIPPED.finditer(html)]
    starts = [start for start, _ in skipped]
    events = sorted(
        [(match.start(), 1) for match in _ANCHOR_OPEN.finditer(html)]
        + [(match.start(), -1) for match in _ANCHOR_CLOSE.finditer(html)]
    )
    positions = [position for position, _ in events]
    pieces: list[str] = []
    last = 0
    count = 0
    for match in _SIMPLE_ANCHOR.finditer(html):
        start = match.start()
        if not match.group(1).strip() or _in_spans(start, skipped, starts):
            continue
        # An anchor right after one just unwrapped (no markup between) shares its place:
        # "vw-id-<a …>space</a>-<a …>vizzion</a>-concept" inside one attribute value.
        follows_repair = last > 0 and not any(c in html[last:start] for c in "<>")
        if not follows_repair and not _is_injected(html, match, events, positions):
            continue
        pieces.append(html[last:start])
        pieces.append(match.group(1))
        last = match.end()
        count += 1
    if not count:
        return html, 0
    pieces.append(html[last:])
    return "".join(pieces), count


def _in_spans(position: int, spans: list[tuple[int, int]], starts: list[int]) -> bool:
    index = bisect.bisect_right(starts, position) - 1
    return index >= 0 and position < spans[index][1]


def _is_injected(
    html: str, anchor: re.Match[str], events: list[tuple[int, int]], positions: list[int]
) -> bool:
    """Whether ``anchor`` sits where no anchor can be."""
    start, end = anchor.span()
    lt = html.rfind("<", 0, start)
    gt = html.rfind(">", 0, start)
    if lt > gt:
        # Inside a start tag that has not ended: an attribute value.
        if _OPEN_TAG.match(html, lt) is None:
            return False
        enclosing = _enclosing_attribute(html, lt, start)
        if enclosing is None or enclosing.group("quote") in anchor.group(0):
            return True  # the anchor's quotes end the value it sits in
        # Markup quoted with the other quote character is valid where attributes carry
        # markup (tooltips in title, data-content="<a href='…'>"). The linker's anchor is
        # glued inside a word or URL, sits in an attribute that never holds markup, or
        # breaks a JSON value.
        value = enclosing
        return (
            value.group("name").lower() in _PLAIN_ATTRIBUTES
            or html.startswith(("{", "["), value.end())
            or _GLUED.match(html, start - 1) is not None
            or _GLUED.match(html, end) is not None
        )
    if lt >= 0 and _TITLE_OPEN.match(html, lt, gt + 1):
        return True
    return _inside_closed_anchor(events, positions, start, end)


def _enclosing_attribute(html: str, tag_start: int, position: int) -> re.Match[str] | None:
    """The quoted attribute whose value contains ``position``, walking the tag's attributes."""
    cursor = html.find(" ", tag_start, position)
    while 0 <= cursor < position:
        value = _VALUE_OPEN.search(html, cursor, position)
        if value is None:
            return None
        closing = html.find(value.group("quote"), value.end(), position)
        if closing < 0:
            return value
        cursor = closing + 1
    return None


def _inside_closed_anchor(
    events: list[tuple[int, int]], positions: list[int], start: int, end: int
) -> bool:
    """An anchor opened before ``start`` is still open, and it closes after ``end``.

    A sloppy page that never closes an anchor is left alone: browsers end it at the next
    one and the visible text is the same either way.
    """
    index = bisect.bisect_left(positions, start) - 1
    depth = 0
    for step in range(_MAX_EVENTS):
        if index - step < 0:
            return False
        depth += events[index - step][1]
        if depth > 0:
            break
    else:
        return False
    index = bisect.bisect_left(positions, end)
    depth = 1
    for step in range(_MAX_EVENTS):
        if index + step >= len(events):
            return False
        depth += events[index + step][1]
        if depth == 0:
            return True
    return False
