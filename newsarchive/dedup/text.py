"""Text normalisation, tokens and the exact-duplicate content hash."""

from __future__ import annotations

import hashlib
import re
import unicodedata

# Han, kana and other scripts written without spaces count one character as one
# token; everything else splits on non-word characters.
_UNSPACED = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u31f0-\u31ff"
_TOKEN_RE = re.compile(rf"[{_UNSPACED}]|[^\W_{_UNSPACED}]+")


def normalise_text(text: str) -> str:
    """Return *text* folded for comparison: NFKC, case-folded, invisible characters removed."""
    text = unicodedata.normalize("NFKC", text).casefold()
    # Soft hyphens and zero-width characters come and go between extractions.
    return text.replace("\u00ad", "").replace("\u200b", "").replace("\u200c", "")


def tokens(text: str) -> list[str]:
    """Split *text* into normalised word tokens (punctuation and spacing dropped)."""
    return _TOKEN_RE.findall(normalise_text(text))


def word_count(text: str) -> int:
    """Count the tokens :func:`fingerprint` and :func:`content_hash` see in *text*."""
    return len(tokens(text))


def content_hash(text: str) -> str:
    """Hash *text* for exact-duplicate detection, blind to case, spacing and punctuation.

    Returns 32 hexadecimal characters (128-bit BLAKE2b), stable across processes
    and releases.
    """
    return hash_tokens(tokens(text))


def hash_tokens(words: list[str]) -> str:
    """:func:`content_hash` of already tokenised text."""
    return hashlib.blake2b(" ".join(words).encode("utf-8"), digest_size=16).hexdigest()
