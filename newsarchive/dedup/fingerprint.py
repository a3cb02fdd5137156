"""Near-duplicate fingerprints: MinHash over word shingles, with banded LSH keys.

A :class:`Fingerprint` is a MinHash signature of a text's 3-word shingles. Texts
whose signatures agree on every value of at least one band share a band key, so
a store finds candidates with an indexed ``band_key IN (…)`` lookup; each
candidate is then verified with :func:`similarity`, the signature's estimate of
the shingle Jaccard similarity, or with :func:`text_similarity` on the texts.

Hashing uses fixed functions (FNV-1a for words, SplitMix64 for shingles,
BLAKE2b-derived permutations and band keys), never Python's salted ``hash()``,
so fingerprints are identical across processes, machines and releases;
:data:`SCHEME` changes whenever they would not.
"""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import numpy as np

from newsarchive.dedup.text import hash_tokens, tokens

#: Version of the fingerprint scheme; stored in every serialised fingerprint and
#: mixed into band keys so keys from different schemes never meet.
SCHEME = 1

SHINGLE_SIZE = 3
NUM_PERM = 128
BANDS = 32
ROWS = 3
#: Texts with fewer tokens get no fingerprint: a few shared sentences (a
#: template line, a cookie notice) would dominate their shingles.
MIN_WORDS = 50
#: Minimum estimated shingle Jaccard similarity for a near duplicate.
THRESHOLD = 0.45

_HEADER = struct.Struct("<BBHBBI")  # scheme, shingle size, perms, bands, rows, shingles
# Odd 64-bit multipliers that spread token hashes by position in the shingle.
_POSITION_MULTIPLIERS = (
    0x9E3779B97F4A7C15,
    0xC2B2AE3D27D4EB4F,
    0x165667B19E3779F9,
    0xD6E8FEB86659FD93,
    0xFF51AFD7ED558CCD,
    0xC4CEB9FE1A85EC53,
)


@dataclass(frozen=True)
class Fingerprint:
    """A text's MinHash signature and the parameters it was made with."""

    signature: bytes
    """``num_perm`` little-endian unsigned 32-bit minimum hashes."""
    shingles: int
    """Number of distinct shingles in the text."""
    shingle_size: int = SHINGLE_SIZE
    num_perm: int = NUM_PERM
    bands: int = BANDS
    rows: int = ROWS
    scheme: int = SCHEME

    def to_bytes(self) -> bytes:
        """Serialise for storage (a ``BLOB`` / ``bytea`` column)."""
        header = _HEADER.pack(
            self.scheme, self.shingle_size, self.num_perm, self.bands, self.rows, self.shingles
        )
        return header + self.signature

    @classmethod
    def from_bytes(cls, data: bytes) -> Fingerprint:
        """Rebuild a fingerprint serialised by :meth:`to_bytes`."""
        scheme, shingle_size, num_perm, bands, rows, shingles = _HEADER.unpack_from(data)
        if scheme != SCHEME:
            raise ValueError(f"unsupported fingerprint scheme {scheme} (expected {SCHEME})")
        signature = bytes(data[_HEADER.size :])
        if len(signature) != 4 * num_perm:
            raise ValueError(
                f"fingerprint signature has {len(signature)} bytes, expected {4 * num_perm}"
            )
        return cls(signature, shingles, shingle_size, num_perm, bands, rows, scheme)

    def values(self) -> np.ndarray:
        """The signature as an array of ``num_perm`` unsigned 32-bit integers."""
        return np.frombuffer(self.signature, dtype="<u4")


def _blake64(data: bytes) -> int:
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "little")


_FNV_OFFSET = np.uint64(0xCBF29CE484222325)
_FNV_PRIME = np.uint64(0x100000001B3)
#: Bytes of a word that count for its hash: longer tokens (hashes, base64) share a
#: prefix rarely enough, and the cap bounds the cost of one pathological token.
_WORD_BYTES = 64


def _word_hashes(words: list[str]) -> np.ndarray:
    """FNV-1a 64-bit hashes of *words*, vectorised over a padded byte matrix."""
    packed = np.array([w.encode("utf-8")[:_WORD_BYTES] for w in words], dtype=bytes)
    width = packed.dtype.itemsize
    matrix = packed.view(np.uint8).reshape(len(words), width).astype(np.uint64)
    hashes = np.full(len(words), _FNV_OFFSET, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for column in matrix.T:
            # Padding is NUL, which words never contain: skipping it keeps a word's
            # hash independent of the longest word beside it.
            hashes = np.where(column != 0, (hashes ^ column) * _FNV_PRIME, hashes)
    return hashes


@cache
def _permutations(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    """Multiply-add-shift hash parameters, derived from BLAKE2b so they never drift."""
    a = [_blake64(b"newsarchive-minhash-a-%d" % i) | 1 for i in range(num_perm)]
    b = [_blake64(b"newsarchive-minhash-b-%d" % i) for i in range(num_perm)]
    return np.array(a, dtype=np.uint64), np.array(b, dtype=np.uint64)


def _mix(h: np.ndarray) -> np.ndarray:
    """SplitMix64 finaliser, vectorised: spreads combined token hashes over 64 bits."""
    h = (h ^ (h >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    h = (h ^ (h >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return h ^ (h >> np.uint64(31))


def shingle_hashes(words: list[str], shingle_size: int = SHINGLE_SIZE) -> np.ndarray:
    """Return the distinct 64-bit hashes of the *shingle_size*-word shingles of *words*."""
    if len(words) < shingle_size:
        return np.empty(0, dtype=np.uint64)
    token_hashes = _word_hashes(words)
    n = len(words) - shingle_size + 1
    combined = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for pos in range(shingle_size):
            multiplier = np.uint64(_POSITION_MULTIPLIERS[pos % len(_POSITION_MULTIPLIERS)])
            combined ^= token_hashes[pos : pos + n] * multiplier
        return np.unique(_mix(combined))


def signature_of(hashes: np.ndarray, num_perm: int = NUM_PERM) -> np.ndarray:
    """MinHash *hashes* (distinct 64-bit shingle hashes) into ``num_perm`` 32-bit minima."""
    a, b = _permutations(num_perm)
    minima = np.full(num_perm, np.iinfo(np.uint32).max, dtype=np.uint32)
    # Chunks keep the (shingles x perms) matrix small for very long texts.
    with np.errstate(over="ignore"):
        for start in range(0, len(hashes), 2048):
            chunk = hashes[start : start + 2048]
            permuted = (np.multiply.outer(chunk, a) + b) >> np.uint64(32)
            np.minimum(minima, permuted.min(axis=0).astype(np.uint32), out=minima)
    return minima


@dataclass(frozen=True, eq=False)
class Stoplist:
    """Shingles too common to tell articles apart: site furniture, notices, pleas.

    Learn one from a sample of stored texts with :meth:`from_texts`, keep it with
    :meth:`to_bytes`, and pass it to :func:`fingerprint` and :func:`text_similarity`.
    """

    hashes: np.ndarray
    """Sorted distinct unsigned 64-bit shingle hashes."""
    shingle_size: int = SHINGLE_SIZE

    @classmethod
    def from_texts(
        cls,
        texts: Iterable[str],
        *,
        min_documents: int = 5,
        min_share: float = 0.005,
        shingle_size: int = SHINGLE_SIZE,
    ) -> Stoplist:
        """Collect the shingles found in at least *min_documents* and *min_share* of *texts*."""
        per_text = [shingle_hashes(tokens(text), shingle_size) for text in texts]
        if not per_text:
            return cls(np.empty(0, dtype=np.uint64), shingle_size)
        # Each text's hashes are distinct, so a hash's count is its document frequency.
        hashes, counts = np.unique(np.concatenate(per_text), return_counts=True)
        floor = max(min_documents, min_share * len(per_text))
        return cls(hashes[counts >= floor], shingle_size)

    def to_bytes(self) -> bytes:
        """Serialise for storage."""
        return bytes([self.shingle_size]) + self.hashes.astype("<u8").tobytes()

    @classmethod
    def from_bytes(cls, data: bytes) -> Stoplist:
        """Rebuild a stoplist serialised by :meth:`to_bytes`."""
        return cls(np.frombuffer(data[1:], dtype="<u8").astype(np.uint64), data[0])

    def __len__(self) -> int:
        return len(self.hashes)

    def remove_from(self, hashes: np.ndarray) -> np.ndarray:
        """Return *hashes* without the stoplist's shingles."""
        if not len(self.hashes):
            return hashes
        return hashes[~np.isin(hashes, self.hashes, assume_unique=True)]


def text_shingles(
    text: str, *, shingle_size: int = SHINGLE_SIZE, stoplist: Stoplist | None = None
) -> np.ndarray:
    """Return the distinct shingle hashes of *text* that count for similarity."""
    return _without_stoplist(shingle_hashes(tokens(text), shingle_size), shingle_size, stoplist)


def _without_stoplist(
    hashes: np.ndarray, shingle_size: int, stoplist: Stoplist | None
) -> np.ndarray:
    if stoplist is None:
        return hashes
    if stoplist.shingle_size != shingle_size:
        raise ValueError("the stoplist was made with another shingle size")
    return stoplist.remove_from(hashes)


def text_similarity(
    a: str, b: str, *, shingle_size: int = SHINGLE_SIZE, stoplist: Stoplist | None = None
) -> float:
    """Return the exact shingle Jaccard similarity of two texts (0 to 1)."""
    return jaccard(
        text_shingles(a, shingle_size=shingle_size, stoplist=stoplist),
        text_shingles(b, shingle_size=shingle_size, stoplist=stoplist),
    )


def jaccard(first: np.ndarray, second: np.ndarray) -> float:
    """Jaccard similarity of two arrays of distinct shingle hashes."""
    if not len(first) or not len(second):
        return 0.0
    shared = len(np.intersect1d(first, second, assume_unique=True))
    return shared / (len(first) + len(second) - shared)


def fingerprint(
    text: str,
    *,
    shingle_size: int = SHINGLE_SIZE,
    num_perm: int = NUM_PERM,
    bands: int = BANDS,
    rows: int = ROWS,
    min_words: int = MIN_WORDS,
    stoplist: Stoplist | None = None,
) -> Fingerprint | None:
    """Fingerprint *text* for near-duplicate lookup; ``None`` when it is too short.

    A text is too short when it has fewer than *min_words* words, or fewer
    shingles than that outside the *stoplist*: such texts are matched by
    :func:`~newsarchive.dedup.content_hash` only, as a few shared sentences (a
    template line, a cookie notice) would dominate their shingles.
    """
    if bands * rows > num_perm:
        raise ValueError(f"bands * rows ({bands} * {rows}) exceeds num_perm ({num_perm})")
    return _fingerprint_tokens(
        tokens(text),
        shingle_size=shingle_size,
        num_perm=num_perm,
        bands=bands,
        rows=rows,
        min_words=min_words,
        stoplist=stoplist,
    )


def _fingerprint_tokens(
    words: list[str],
    *,
    shingle_size: int = SHINGLE_SIZE,
    num_perm: int = NUM_PERM,
    bands: int = BANDS,
    rows: int = ROWS,
    min_words: int = MIN_WORDS,
    stoplist: Stoplist | None = None,
) -> Fingerprint | None:
    if len(words) < max(min_words, shingle_size):
        return None
    hashes = _without_stoplist(shingle_hashes(words, shingle_size), shingle_size, stoplist)
    if len(hashes) < min_words - shingle_size + 1:
        return None
    signature = signature_of(hashes, num_perm).astype("<u4").tobytes()
    return Fingerprint(signature, len(hashes), shingle_size, num_perm, bands, rows)


@dataclass(frozen=True)
class TextDigest:
    """Everything the store keeps to find duplicates of one text."""

    content_hash: str
    word_count: int
    fingerprint: Fingerprint | None
    """``None`` for texts too short to fingerprint."""
    band_keys: list[int]
    """The fingerprint's :func:`band_keys`; empty without a fingerprint."""


def digest_text(text: str, *, stoplist: Stoplist | None = None) -> TextDigest:
    """Hash, count and fingerprint *text* in one pass (tokenised once)."""
    words = tokens(text)
    fp = _fingerprint_tokens(words, stoplist=stoplist)
    return TextDigest(hash_tokens(words), len(words), fp, band_keys(fp) if fp else [])


def band_keys(fp: Fingerprint) -> list[int]:
    """Return the fingerprint's LSH band keys: signed 64-bit integers for an indexed column.

    Each key hashes the band number, the scheme parameters and the band's values,
    so keys of different bands or parameters never collide by construction.
    """
    prefix = _HEADER.pack(fp.scheme, fp.shingle_size, fp.num_perm, fp.bands, fp.rows, 0)
    width = 4 * fp.rows
    keys = []
    for band in range(fp.bands):
        chunk = fp.signature[band * width : (band + 1) * width]
        digest = hashlib.blake2b(prefix + band.to_bytes(2, "little") + chunk, digest_size=8)
        keys.append(int.from_bytes(digest.digest(), "little", signed=True))
    return keys


def similarity(a: Fingerprint, b: Fingerprint) -> float:
    """Estimate the shingle Jaccard similarity of the texts behind *a* and *b* (0 to 1)."""
    if (a.scheme, a.shingle_size, a.num_perm) != (b.scheme, b.shingle_size, b.num_perm):
        raise ValueError("fingerprints made with different parameters cannot be compared")
    return float(np.count_nonzero(a.values() == b.values())) / a.num_perm
