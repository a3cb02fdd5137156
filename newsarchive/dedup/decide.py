"""Decide whether a new copy duplicates a stored record, and which copy is primary."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import urljoin

import numpy as np

from newsarchive.dates import to_utc_datetime
from newsarchive.dedup.fingerprint import (
    THRESHOLD,
    Fingerprint,
    Stoplist,
    jaccard,
    similarity,
    text_shingles,
)
from newsarchive.dedup.urls import url_key

_ESTIMATE_MARGIN = 0.15


@dataclass(frozen=True)
class Copy:
    """One copy of an article: a new item, or a stored record's primary copy."""

    id: int | str | None
    """Store id of the record; ``None`` for a new item."""
    url: str
    fingerprint: Fingerprint | bytes | None = None
    """A :class:`Fingerprint` or its :meth:`~Fingerprint.to_bytes` form."""
    content_hash: str | None = None
    published: str | None = None
    """ISO 8601 publication date, as the record keeps it."""
    word_count: int = 0
    truncated: bool = False
    """The text is a teaser or was cut off."""
    canonical: str | None = None
    """The page's rel=canonical URL, even when it names another site (syndication)."""
    text: str | None = None
    """The text, when at hand: candidates are then verified on their exact shingles."""


@dataclass(frozen=True)
class Match:
    """A stored record that a new copy duplicates, and the copy the record should show."""

    record: Copy
    similarity: float
    """Estimated shingle Jaccard similarity; 1.0 for an exact (content hash) duplicate."""
    exact: bool
    primary: Copy
    """The copy whose URL, text and metadata the record carries (``record`` or the new copy)."""

    @property
    def new_is_primary(self) -> bool:
        """The new copy should replace the record's URL, text and metadata."""
        return self.primary is not self.record


def _as_fingerprint(value: Fingerprint | bytes | None) -> Fingerprint | None:
    if value is None or isinstance(value, Fingerprint):
        return value
    try:
        return Fingerprint.from_bytes(value)
    except ValueError:  # written by another fingerprint scheme: not comparable
        return None


def _timestamp(published: str | None) -> float:
    moment = to_utc_datetime(published)
    return moment.timestamp() if moment is not None else math.inf


def primary_copy(copies: Sequence[Copy]) -> Copy:
    """Return the copy that should represent the article, from the original publisher.

    In order: a full text beats a teaser (``truncated``); a copy that another copy's
    rel=canonical names beats one that is not named; an earlier publication date
    beats a later or missing one; on a tie the first copy (the stored one) stays.
    """
    if not copies:
        raise ValueError("primary_copy() needs at least one copy")
    named = {url_key(urljoin(c.url, c.canonical)) for c in copies if c.canonical}
    ranked = sorted(
        enumerate(copies),
        key=lambda item: (
            item[1].truncated,
            bool(named) and url_key(item[1].url) not in named,
            _timestamp(item[1].published),
            item[0],
        ),
    )
    return ranked[0][1]


def near_duplicate_of(
    new: Copy,
    candidates: Iterable[Copy],
    *,
    threshold: float = THRESHOLD,
    stoplist: Stoplist | None = None,
) -> Match | None:
    """Return the stored record that *new* duplicates, or ``None``.

    *candidates* are the records sharing the new copy's content hash or one of its
    band keys. An equal content hash is an exact duplicate. Otherwise both copies
    need a fingerprint and their similarity must reach *threshold*: the
    fingerprints' estimate, checked on the exact shingles when it is within 0.15
    of the threshold and both texts are given (recommended: it stops template
    and notice overlap from tipping a borderline estimate). The most similar
    record wins.
    """
    new_fp = _as_fingerprint(new.fingerprint)
    new_shingles: np.ndarray | None = None
    best: Copy | None = None
    best_score = -1.0
    exact = False
    for candidate in candidates:
        if new.content_hash and candidate.content_hash == new.content_hash:
            best, best_score, exact = candidate, 1.0, True
            break
        candidate_fp = _as_fingerprint(candidate.fingerprint)
        if new_fp is None or candidate_fp is None:
            continue
        if (candidate_fp.shingle_size, candidate_fp.num_perm) != (
            new_fp.shingle_size,
            new_fp.num_perm,
        ):
            continue
        score = similarity(new_fp, candidate_fp)
        if score < threshold - _ESTIMATE_MARGIN:
            continue
        # The estimate's standard error is about 0.045 at 128 values: near the
        # threshold, texts at hand settle it on their exact shingles.
        ambiguous = score < threshold + _ESTIMATE_MARGIN
        if ambiguous and new.text is not None and candidate.text is not None:
            size = new_fp.shingle_size
            if new_shingles is None:
                new_shingles = text_shingles(new.text, shingle_size=size, stoplist=stoplist)
            score = jaccard(
                new_shingles,
                text_shingles(candidate.text, shingle_size=size, stoplist=stoplist),
            )
        if score >= threshold and score > best_score:
            best, best_score = candidate, score
    if best is None:
        return None
    return Match(best, best_score, exact, primary_copy([best, new]))
