"""Unicode and whitespace normalisation of extracted text."""

from __future__ import annotations

import re
import unicodedata

import ftfy

# ftfy's defaults also straighten curly quotes, widen half-width katakana, fold
# full-width letters and unescape HTML: each would alter legitimate text, so only
# the encoding repairs are kept.
_FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,
    uncurl_quotes=False,
    fix_character_width=False,
    fix_latin_ligatures=False,
    fix_line_breaks=True,
    remove_terminal_escapes=True,
    remove_control_chars=False,
    normalization=None,
    explain=False,
)

# Invisible characters with no meaning in archived prose. ZWJ/ZWNJ (emoji sequences,
# Indic and Persian orthography) and directional marks (Arabic, Hebrew) are kept.
_INVISIBLE = re.compile("[\u200b\u2060\ufeff\u00ad\u180e]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_HORIZONTAL_SPACE = re.compile(r"[ \t\f\v]+")
_SPACE_AROUND_NEWLINE = re.compile(r" *\n[ \n]*")
# Characters typical of UTF-8 read as Latin-1/cp1252: the only texts worth ftfy's time.
_MOJIBAKE_HINT = re.compile(
    "[\u00c2-\u00c3\u00c5\u00ce\u00d0\u00d1\u00e2\u00ef][\u0080-\u024f\u2018-\u203a\u20ac\u2122]"
)


def normalise_text(text: str) -> tuple[str, int]:
    """Fix mojibake, apply NFC, drop invisible and control characters, one paragraph a line.

    Returns the text and the number of Unicode fixes made (mojibake repairs, characters
    dropped, characters changed by NFC); whitespace tidying is not counted.
    """
    fixes = 0
    if not text.isascii():
        if _MOJIBAKE_HINT.search(text):
            fixed = ftfy.fix_text(text, _FTFY_CONFIG)
            if fixed != text:
                fixes += 1
                text = fixed
        if not unicodedata.is_normalized("NFC", text):
            normalised = unicodedata.normalize("NFC", text)
            fixes += max(1, len(text) - len(normalised))
            text = normalised
        text, dropped = _INVISIBLE.subn("", text)
        fixes += dropped
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _CONTROL.search(text):
        text, dropped = _CONTROL.subn("", text)
        fixes += dropped
    if "  " in text or "\t" in text or "\f" in text or "\v" in text:
        text = _HORIZONTAL_SPACE.sub(" ", text)
    if " \n" in text or "\n " in text or "\n\n" in text:
        text = _SPACE_AROUND_NEWLINE.sub("\n", text)
    return text.strip(), fixes


def normalise_line(line: str) -> str:
    """A one-line field (a title): the same fixes, and internal newlines become spaces."""
    text, _ = normalise_text(line)
    return text.replace("\n", " ")
