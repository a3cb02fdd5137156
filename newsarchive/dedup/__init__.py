"""Deduplication core: canonical URLs, content hashes and near-duplicate fingerprints.

Pure functions over strings and plain values (no Scrapy imports), safe to call in
worker processes. Fingerprints and band keys are designed for a SQL store: see
``band_keys`` for the indexed lookup and ``Fingerprint.to_bytes`` for storage.
"""

from newsarchive.dedup.decide import Copy, Match, near_duplicate_of, primary_copy
from newsarchive.dedup.fingerprint import (
    MIN_WORDS,
    SCHEME,
    THRESHOLD,
    Fingerprint,
    Stoplist,
    TextDigest,
    band_keys,
    digest_text,
    fingerprint,
    similarity,
    text_similarity,
)
from newsarchive.dedup.text import content_hash, normalise_text, tokens, word_count
from newsarchive.dedup.urls import (
    TRACKING_PARAMS,
    canonical_url,
    preferred_url,
    registered_domain,
    site_of,
    url_key,
)

__all__ = [
    "MIN_WORDS",
    "SCHEME",
    "THRESHOLD",
    "TRACKING_PARAMS",
    "Copy",
    "Fingerprint",
    "Match",
    "Stoplist",
    "TextDigest",
    "band_keys",
    "canonical_url",
    "content_hash",
    "digest_text",
    "fingerprint",
    "near_duplicate_of",
    "normalise_text",
    "preferred_url",
    "primary_copy",
    "registered_domain",
    "similarity",
    "site_of",
    "text_similarity",
    "tokens",
    "url_key",
    "word_count",
]
