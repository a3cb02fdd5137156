"""Remove markup residue that leaked into extracted text: the safety net after extraction.

When an auto-linker breaks an attribute, the parser shows the rest of the tag as text:
``syria/" class="auto-internal-link">syria`` or ``…-attacks/" title="📰 …">internal-link">``.
Each residue is replaced by the anchor text it wrapped, and a marker is left in front of
that word so that the case the linker destroyed can be restored afterwards. Markup that
may be legitimate (HTML quoted in an article, code, quotations followed by ``>``) is
kept and counted as a suspect.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Put in front of each word that ended a removed residue; removed by ``restore_case``.
ANCHOR_MARK = "\x00"
#: The same for the text of a whole anchor left in the text: the linker wrote the
#: matched text there, so its case is kept as written.
WHOLE_ANCHOR_MARK = "\x01"

_Q = r"""(?:"|'|&quot;|&\#0*39;|&\#x0*27;|&apos;)"""
_GT = r"(?:>|&gt;)"
_LT = r"(?:<|&lt;)"
_ATTR_NAME = (
    r"(?:href|src|class|title|alt|rel|target|id|style|name|type|width|height|loading|"
    r"srcset|sizes|itemprop|itemtype|itemscope|typeof|property|role|tabindex|decoding|"
    r"data-[\w-]+|aria-[\w-]+|on[a-z]+)"
)
_ATTR = (
    rf"""\s*{_ATTR_NAME}\s*=\s*(?:"[^"\n]*"|'[^'\n]*'|&quot;(?:(?!&quot;)[^\n])*&quot;|"""
    r"""[^\s"'<>&]+)"""
)

_ANY_ATTR = (
    r"""\s*[a-zA-Z_:][\w:.-]*\s*=\s*(?:"[^"\n]*"|'[^'\n]*'|&quot;(?:(?!&quot;)[^\n])*&quot;|"""
    r"""[^\s"'<>&]+)"""
)
# The end of a broken tag glued to the text before it: a quote, maybe attributes (after
# a glued quote any name="value" pairs before ">" are markup, known names or not), then
# ">"; or a ' ">' ending a line. Group "attrs" tells a strong residue from a bare '">'
# that a quotation or code could also produce.
_CLOSER = re.compile(
    rf"(?:(?<=[^\s\"'])|^)(?P<quote>{_Q})(?P<attrs>(?:{_ANY_ATTR})*)\s*/?{_GT}"
    rf"|(?<=\s)(?P<trailing>{_Q})\s*/?{_GT}\s*$"
)
# Attribute fragments with no quote before them: ' href="…" rel="nofollow">Word'.
_ATTR_RUN = re.compile(
    rf"(?:(?<=\s)|^)(?:{_ATTR_NAME}\s*=\s*(?:\"[^\"\n]*\"|'[^'\n]*'))" rf"(?:{_ATTR})*\s*/?{_GT}"
)
_OPEN_ATTR = rf"""(?:\s+{_ATTR_NAME}\s*=\s*["'][^"'\n]*)"""
# The rest of a tag that the text breaks off before its ">": a slug, a quote, known
# attributes, and maybe one attribute value left open at the end of the line.
_ATTR_DUMP = re.compile(
    rf"""(?:^|(?<=\s))[^\s"'<>]*{_Q}(?:(?:{_ATTR})+{_OPEN_ATTR}?|{_OPEN_ATTR})\s*$"""
)
# A line that is only a piece of a slug or URL: "vizzion", "-concept-6-2/", "space-".
_SLUG_LINE = re.compile(r"[a-z0-9._%/#?=&-]*[a-z0-9][a-z0-9._%/#?=&-]*")
# A whole anchor in the text (escaped or not): <a href="…" class="…">Word</a>.
_FULL_ANCHOR = re.compile(
    rf"{_LT}a\s+(?P<attrs>(?:(?!{_GT})[^<>\n])*?){_GT}(?P<text>[^<>\n&]{{1,80}}?){_LT}/a\s*{_GT}",
    re.IGNORECASE,
)
# A title cut inside the attribute the linker broke: "New SUVs and <a href=".
_PARTIAL_ANCHOR = re.compile(rf"\s*{_LT}a\s+href\s*=\s*{_Q}?\s*$", re.IGNORECASE)
_CLOSE_ANCHOR = re.compile(rf"(?P<glued>(?<=\S))?{_LT}/a\s*{_GT}", re.IGNORECASE)
_LINKER_CLASS = re.compile(
    r"class\s*=\s*\S*?(?:auto|smart|seo|internal|keyword|related)[\w-]*link", re.IGNORECASE
)
# WordPress shortcodes the theme failed to render ([caption …]…[/caption] and friends).
_SHORTCODE_NAMES = (
    r"(?:caption|wp_caption|gallery|embed|video|audio|playlist|vc_[\w]+|et_pb_[\w]+|"
    r"fusion_[\w]+|av_[\w]+|su_[\w]+|tweet|youtube|instagram|contact-form-7|ad|adsense)"
)
_SHORTCODE_ATTRS = r"""(?:\s+[\w-]+\s*=\s*(?:"[^"\]\n]*"|'[^'\]\n]*'|[^\s\]]+))"""
# An opening tag with attributes, a closing tag of a known shortcode, or a bare known
# opening tag that has its closing tag later on the line ("[embed]url[/embed]").
_SHORTCODE = re.compile(
    rf"\[{_SHORTCODE_NAMES}{_SHORTCODE_ATTRS}+\s*/?\]|\[/{_SHORTCODE_NAMES}\]"
    rf"|\[(?P<bare>{_SHORTCODE_NAMES})\](?=.*?\[/(?P=bare)\])"
    rf"|\[[a-z][\w-]*(?:\s+[\w-]+\s*=\s*(?:\"[^\"\]\n]*\"|'[^'\]\n]*'))+\s*/?\]",
)
# A URL glued to the word before it: "Syriahttps://site/syria/?utm_source=…".
_GLUED_URL = re.compile(r"(?<=[^\W\d_])https?://[^\s<>\"']+")
_SLUG_LEAD = re.compile(r"[^\s\"'<>]*(?:/|[\w%]-[\w%]|\.html?|#[\w-]+|[?&][\w-]+=)[^\s\"'<>]*")
_CODE_HINT = re.compile(r"[=;{}<]|\(\)|^\s*(?:def|var|let|const|return|print|if|else|for|while)\b")
_LITERAL_TAG = re.compile(r"</?[a-zA-Z][\w:-]*(?:\s[^<>\n]*)?/?>")
_LETTER = re.compile(r"[^\W\d_]")
_SPACES = re.compile(r"[ \t]{2,}")


@dataclass
class ArtifactScrub:
    """Text with residue removed and what was done to it."""

    text: str
    link_artifacts: int = 0
    shortcodes: int = 0
    tracking_urls: int = 0
    suspects: int = 0


def strip_link_artifacts(text: str, *, is_title: bool = False) -> ArtifactScrub:
    """Replace leaked link markup by the anchor text it wrapped; count what stays doubtful.

    Words that ended a removed residue carry ``ANCHOR_MARK`` in front of them.
    """
    result = ArtifactScrub(text)
    if not _might_hold_residue(text):
        return result
    lines = [_scrub_line(line, result, is_title=is_title) for line in text.split("\n")]
    if result.link_artifacts:
        _drop_slug_lines(lines, result)
    has_residue = result.link_artifacts > 0
    # A whole anchor or a lone </a> is markup an article may quote on purpose; remove it
    # only where the page already shows the linker's breakage or the linker's class.
    lines = [_scrub_whole_anchors(line, result, trusted=has_residue) for line in lines]
    result.text = "\n".join(line for line in lines if line.strip())
    return result


def _might_hold_residue(text: str) -> bool:
    return any(token in text for token in ('">', "'>", "&gt;", "[", "http", "=")) or (
        "</a" in text
    )


def _scrub_line(line: str, result: ArtifactScrub, *, is_title: bool) -> str:
    original = line
    if "[" in line:
        line, count = _SHORTCODE.subn("", line)
        result.shortcodes += count
    if "http" in line:
        line, count = _GLUED_URL.subn("", line)
        result.tracking_urls += count
    if "=" in line or ">" in line or "&gt;" in line:
        # Removing strong residue can expose a weak one that the rest of the line
        # made look like code; a second round keeps the result a fixed point.
        for _ in range(3):
            before = line
            line = _strip_attribute_runs(_strip_closers(line, result), result)
            if line == before:
                break
        if line and ("=" in line):
            line, count = _ATTR_DUMP.subn(_DUMPED, line)
            result.link_artifacts += count
        if line != original and "<" in line:
            # The broken attribute swallowed markup that now shows as text on this line
            # ("…" data-height="3596"></div><figcaption>…"); elsewhere tags are kept.
            line, count = _LITERAL_TAG.subn(" ", line)
            result.link_artifacts += count
    if is_title:
        line, count = _PARTIAL_ANCHOR.subn("", line)
        result.link_artifacts += count
    return line if line is original else _SPACES.sub(" ", line).strip()


def _looks_like_code(line: str) -> bool:
    # A stray </a> is the linker's, not code: it must not shield the residue next to it.
    return _CODE_HINT.search(line.replace("</a>", "") if "</a>" in line else line) is not None


_DUMPED = "\x02"  # marks a line cut by a tag dump; such lines are removed by the caller


def _drop_slug_lines(lines: list[str], result: ArtifactScrub) -> None:
    """Remove what a tag dump left: its own line and slug pieces next to it."""
    dumped = [index for index, line in enumerate(lines) if _DUMPED in line]
    for index in dumped:
        lines[index] = lines[index].replace(_DUMPED, "").strip()
        for step in (-1, 1):
            other = index + step
            while 0 <= other < len(lines) and _SLUG_LINE.fullmatch(lines[other].strip()):
                if _DUMPED not in lines[other] and lines[other].strip():
                    result.link_artifacts += 1
                lines[other] = ""
                other += step


def _inside_literal_tag(line: str, position: int) -> bool:
    """Whether ``position`` lies inside a complete '<tag …' written in the text."""
    lt = max(line.rfind("<", 0, position), line.rfind("&lt;", 0, position))
    return lt >= 0 and lt > max(line.rfind(">", 0, position), line.rfind("&gt;", 0, position))


def _strip_closers(line: str, result: ArtifactScrub) -> str:
    pieces: list[str] = []
    last = 0
    chained = False
    for closer in _CLOSER.finditer(line):
        start, end = closer.span()
        if start < last or _inside_literal_tag(line, start):
            continue
        if closer.group("trailing") is not None:
            lead_start, lead = start, ""  # ' ">' ending a line: a title attribute's end
        else:
            lead_start = _lead_start(line, start, last)
            lead = line[lead_start:start]
        strong = bool(closer.group("attrs")) or bool(_SLUG_LEAD.fullmatch(lead))
        if "=" in lead and _Q_OPEN.search(lead):
            # 'href="x/">' is a complete attribute: quoted markup, not a broken one.
            result.suspects += 1
            continue
        if not strong and not chained:
            before = line[:start]
            quote = closer.group("quote") or closer.group("trailing")
            if _looks_like_code(line) or before.count(quote) % 2 == 1:
                # Code, or the quote closes a quotation opened earlier on the line.
                result.suspects += 1
                continue
            # A bare '">' after prose: drop the markup and keep the words, since the text
            # does not show where the broken attribute value began. Digits and
            # punctuation glued before it are no word either ("8757">).
            keep = line[last:start] if _LETTER.search(lead) else line[last:lead_start]
            pieces.append(keep)
            pieces.append(" " + ANCHOR_MARK)
            last = end
            result.link_artifacts += 1
            chained = True
            continue
        before = line[last:lead_start]
        if lead in ("", "/"):
            before = _drop_duplicate_keyword(before, line, end)
        pieces.append(before)
        pieces.append(ANCHOR_MARK)
        last = end
        result.link_artifacts += 1
        chained = True
    if not pieces:
        return line
    pieces.append(line[last:])
    return "".join(pieces).replace(ANCHOR_MARK + ANCHOR_MARK, ANCHOR_MARK)


_Q_OPEN = re.compile(rf"=\s*{_Q}")
_LAST_TOKEN = re.compile(r"(\S+)\s*$")
_FIRST_WORD = re.compile(r"\s*([^\W\d_]+)")


def _lead_start(line: str, closer_start: int, floor: int) -> int:
    """Start of the slug glued before a closer: back to a space, '>' or the previous residue."""
    position = closer_start
    while position > floor and not line[position - 1].isspace() and line[position - 1] != ">":
        position -= 1
    return position


def _drop_duplicate_keyword(before: str, line: str, anchor_at: int) -> str:
    """'davis /" class="…"> Davis Cup': the keyword left in front of its own residue."""
    match = _LAST_TOKEN.search(before)
    if match is None:
        return before
    following = _FIRST_WORD.match(line, anchor_at)
    if following and match.group(1).casefold() == following.group(1).casefold():
        return before[: match.start()]
    return before


def _strip_attribute_runs(line: str, result: ArtifactScrub) -> str:
    pieces: list[str] = []
    last = 0
    for run in _ATTR_RUN.finditer(line):
        start, end = run.span()
        if _inside_literal_tag(line, start) or _looks_like_code(line[:start]):
            result.suspects += 1
            continue
        pieces.append(line[last:start])
        pieces.append(ANCHOR_MARK)
        last = end
        result.link_artifacts += 1
    if not pieces:
        return line
    pieces.append(line[last:])
    return "".join(pieces)


def _scrub_whole_anchors(line: str, result: ArtifactScrub, *, trusted: bool) -> str:
    if "<a" not in line and "&lt;a" not in line and "/a" not in line:
        return line

    def unwrap(match: re.Match[str]) -> str:
        if trusted or _LINKER_CLASS.search(match.group("attrs")):
            result.link_artifacts += 1
            return WHOLE_ANCHOR_MARK + match.group("text")
        result.suspects += 1
        return match.group(0)

    if "<a" in line or "&lt;a" in line:
        line = _FULL_ANCHOR.sub(unwrap, line)

    def close(match: re.Match[str]) -> str:
        if trusted and match.group("glued") is not None:
            result.link_artifacts += 1
            return ""
        result.suspects += 1
        return match.group(0)

    if "/a" in line:
        line = _CLOSE_ANCHOR.sub(close, line)
    return line
