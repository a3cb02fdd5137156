"""Benchmark the deduplication core: accuracy, cost per document and store lookups.

Builds a labelled set of documents from the real article texts in
``../shared/corpus`` (exact copies, edited copies at several edit rates,
syndicated copies, distinct articles sharing a template or a quoted passage,
short texts), replays it the way the pipeline sees items, and prints precision
and recall of duplicate detection for several fingerprint choices, the cost per
document next to trafilatura's extraction, and lookup cost and size of a real
SQLite file holding 100,000 and 1,000,000 fingerprints.

    python bench/dedup.py            # full run (>= 10,000 documents, 1M-row store)
    python bench/dedup.py --quick    # a smaller set and a 100,000-row store only
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sqlite3
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import trafilatura

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsarchive.dedup import (  # noqa: E402 - the project root is put on sys.path first
    MIN_WORDS,
    THRESHOLD,
    Copy,
    Fingerprint,
    Stoplist,
    band_keys,
    canonical_url,
    content_hash,
    digest_text,
    fingerprint,
    near_duplicate_of,
    primary_copy,
    similarity,
    tokens,
)
from newsarchive.dedup.fingerprint import BANDS, NUM_PERM, ROWS  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
CACHE = Path(tempfile.gettempdir()) / "newsarchive-bench"
EDIT_RATES = (0.01, 0.05, 0.10, 0.20)

# Site furniture that leaks into extracted text on real news sites.
TEMPLATE_LINES = [
    "We use cookies to improve your experience on our site and to show you relevant "
    "advertising. By continuing to browse you agree to our use of cookies and our privacy "
    "policy, which you can change at any time in your settings.",
    "Sign up for our daily newsletter to get the most important stories of the day "
    "delivered straight to your inbox every morning, free of charge.",
    "Support independent journalism. Our reporting is funded by readers like you: "
    "become a member today for as little as one dollar a month and help us keep our "
    "newsroom open for everyone.",
    "Follow us on Facebook, Twitter and Instagram for the latest news, and download our "
    "app to read stories offline and get breaking news alerts.",
    "Copyright 2024 The Daily Herald Media Group. All rights reserved. This material may "
    "not be published, broadcast, rewritten or redistributed without permission.",
    "Have a news tip? Contact our newsroom by email or call us; we read every message and "
    "protect the identity of our sources.",
    "Related stories: what the new budget means for you; the week in pictures; five "
    "things to know before the market opens; our readers' letters.",
    "Comments are closed for this article. Read our community guidelines to learn how we "
    "moderate conversations on our site.",
]


@dataclass
class Doc:
    """One document of the labelled set."""

    text: str
    cluster: int
    kind: str
    url: str
    published: str
    canonical: str | None = None


@dataclass
class Backend:
    """A fingerprint choice: how to sign a text, key it and compare two signatures."""

    name: str
    sign: Callable[[str], object | None]
    keys: Callable[[object], list[int]]
    compare: Callable[[object, object], float]
    threshold: float
    decider: bool = False
    """Decide with :func:`near_duplicate_of` (else compare signatures here)."""
    verify_text: bool = False
    stoplist: Stoplist | None = None
    sign_seconds: list[float] = field(default_factory=list)


# ---------------------------------------------------------------------------
# Corpus


def load_pages(quick: bool) -> tuple[list[str], list[float]]:
    """Real article texts, and the seconds trafilatura took on a sample of pages."""
    texts = [
        item["articleBody"]
        for item in json.loads((CORPUS / "scrapinghub" / "ground-truth.json").read_text()).values()
    ]
    truth = json.loads((CORPUS / "trafilatura-eval" / "truth.json").read_text())
    cache_file = CACHE / f"trafilatura-eval-{trafilatura.__version__}.json"
    extracted: dict[str, str] = {}
    if cache_file.exists():
        extracted = json.loads(cache_file.read_text())
    timings: list[float] = []
    sample = 40 if quick else 150
    pages = list(truth.items())
    random.Random(7).shuffle(pages)
    for index, (url, meta) in enumerate(pages):
        if url in extracted and index >= sample:
            continue
        html = gzip.decompress((CORPUS / "trafilatura-eval" / meta["file"]).read_bytes())
        start = time.perf_counter()
        text = trafilatura.extract(html.decode("utf-8", "replace"), url=url)
        timings.append(time.perf_counter() - start)
        extracted[url] = text or ""
    CACHE.mkdir(parents=True, exist_ok=True)
    cache_file.write_text(json.dumps(extracted))
    texts.extend(extracted[url] for url, _ in pages if extracted.get(url))
    return texts, timings


def distinct_bases(texts: list[str]) -> tuple[list[str], list[str], int]:
    """Split real texts into long and short ones, dropping texts that repeat each other.

    The corpus itself holds a few pages that are copies of one another; leaving them
    in would count true duplicates as false merges.
    """
    long_texts, short_texts, dropped = [], [], 0
    seen_hashes: set[str] = set()
    buckets: dict[int, list[set[tuple[str, ...]]]] = defaultdict(list)
    for text in texts:
        words = tokens(text)
        digest = content_hash(text)
        if digest in seen_hashes or len(words) < 8:
            dropped += 1
            continue
        seen_hashes.add(digest)
        if len(words) < MIN_WORDS:
            short_texts.append(text)
            continue
        shingles = {tuple(words[i : i + 3]) for i in range(len(words) - 2)}
        fp = fingerprint(text)
        keys = band_keys(fp) if fp else []
        others = {id(s): s for key in keys for s in buckets[key]}
        if any(len(shingles & s) / len(shingles | s) > 0.2 for s in others.values()):
            dropped += 1
            continue
        for key in keys:
            buckets[key].append(shingles)
        long_texts.append(text)
    return long_texts, short_texts, dropped


# ---------------------------------------------------------------------------
# Labelled set


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+|\n+", text) if s.strip()]


def units(text: str) -> tuple[list[str], str]:
    """Split *text* into the units an editor changes: words, or characters in scripts
    written without spaces (where the tokens are characters too)."""
    words = text.split()
    if len(words) * 2 >= len(tokens(text)):
        return words, " "
    return list(text), ""


def edit(text: str, rate: float, rng: random.Random, vocabulary: list[str]) -> str:
    """Edit *rate* of the words at scattered positions (the worst case for shingles)."""
    words, glue = units(text)
    out: list[str] = []
    for word in words:
        if rng.random() >= rate:
            out.append(word)
            continue
        operation = rng.randrange(3)
        if operation == 0:  # substitute
            out.append(rng.choice(vocabulary))
        elif operation == 1:  # insert
            out.extend((word, rng.choice(vocabulary)))
        # else: delete
    return glue.join(out)


def rewrite(text: str, rate: float, rng: random.Random, vocabulary: list[str]) -> str:
    """Rewrite *rate* of the words in runs of about a sentence, as editors do."""
    words, glue = units(text)
    budget = int(len(words) * rate)
    while budget > 0:
        span = min(budget, rng.randrange(8, 25))
        start = rng.randrange(max(1, len(words) - span))
        words[start : start + span] = [rng.choice(vocabulary) for _ in range(span)]
        budget -= span
    return glue.join(words)


def noisy_copy(text: str, rng: random.Random) -> str:
    """The same text as a second extraction gives it: other spacing, quotes and case."""
    text = text.replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')
    text = re.sub(r"\s+", lambda m: rng.choice([" ", "  ", "\n", " \n "]), text)
    return text.upper() if rng.random() < 0.1 else text


def build_set(
    long_texts: list[str], short_texts: list[str], rng: random.Random
) -> tuple[list[Doc], list[Doc]]:
    """Return (first arrivals, later arrivals) of the labelled set.

    First arrivals are originals and distinct articles; later arrivals are copies
    of the originals (whose cluster is then already stored) and more distinct
    articles (whose cluster is not).
    """
    vocabulary = sorted({w for text in long_texts[:200] for w in text.split() if w.isalpha()})
    rng.shuffle(long_texts)
    split = int(len(long_texts) * 0.8)
    main, filler = long_texts[:split], long_texts[split:]
    # One half of the rest makes distinct same-template articles, the other half the
    # bodies of distinct same-topic articles: no text is both.
    template_filler, topic_filler = filler[: len(filler) // 2], filler[len(filler) // 2 :]
    first: list[Doc] = []
    later: list[Doc] = []
    cluster = 0

    def new_cluster() -> int:
        nonlocal cluster
        cluster += 1
        return cluster

    clusters: list[int] = []
    for index, text in enumerate(main):
        c = new_cluster()
        clusters.append(c)
        site = f"https://site{index % 50}.example"
        # A third of the articles come from template sites that leak furniture.
        template = index % 3 == 0
        wrap_lines = rng.sample(TEMPLATE_LINES, 3) if template else []
        template_id = index % 17

        def wrap(body: str, tid: int = template_id, lines: list[str] = wrap_lines) -> str:
            if not lines:
                return body
            head, tail = lines[0], " ".join(lines[1:])
            return f"{head}\n{body}\n{tail} Site {tid}."

        origin = f"{site}/news/{c}"
        first.append(Doc(wrap(text), c, "original", origin, "2024-03-01T08:00:00+00:00"))
        later.append(Doc(noisy_copy(wrap(text), rng), c, "exact", origin + "?utm_source=x", ""))
        for rate in EDIT_RATES:
            for version in range(2):
                later.append(
                    Doc(
                        wrap(edit(text, rate, rng, vocabulary)),
                        c,
                        f"edit {rate:.0%}",
                        f"{site}/news/{c}-v{rate}-{version}",
                        "2024-03-01T12:00:00+00:00",
                    )
                )
        for rate in (0.10, 0.20):
            later.append(
                Doc(
                    wrap(rewrite(text, rate, rng, vocabulary)),
                    c,
                    f"rewrite {rate:.0%}",
                    f"{site}/news/{c}-r{rate}",
                    "2024-03-01T12:00:00+00:00",
                )
            )
        parts = sentences(text)
        partner = f"https://partner{index % 7}.example/wire/{c}"
        if len(parts) > 3:
            later.append(
                Doc(
                    "By Wire Staff. Updated with reaction from officials.\n"
                    + "\n".join(parts[1:]),
                    c,
                    "syndicated first line",
                    partner + "-a",
                    "2024-03-01T09:30:00+00:00",
                    canonical=origin,
                )
            )
        later.append(
            Doc(
                text + f"\nThis story first appeared on Site {index % 50} and is republished "
                "here with permission.",
                c,
                "syndicated last line",
                partner + "-b",
                "2024-03-01T07:00:00-03:00",
                canonical=origin,
            )
        )
        # The same article republished by another site with that site's furniture.
        later.append(
            Doc(
                "Breaking: " + wrap(text, (template_id + 5) % 17, rng.sample(TEMPLATE_LINES, 3)),
                c,
                "syndicated other template",
                partner + "-c",
                "2024-03-02T00:00:00+00:00",
            )
        )
        # A distinct article from the same site on the same topic, quoting a sentence
        # or two of this one (at most a tenth of its words).
        if len(parts) > 3:
            other = topic_filler[index % len(topic_filler)]
            if index >= len(topic_filler):
                # Filler texts are reused: rewrite them so the reuses stay distinct.
                other = edit(other, 0.5, rng, vocabulary)
            body = sentences(other)
            quote = " ".join(" ".join(parts[1:3]).split()[: max(8, len(other.split()) // 10)])
            mixed = "\n".join([*body[: len(body) // 2], f'"{quote}"', *body[len(body) // 2 :]])
            later.append(Doc(wrap(mixed), new_cluster(), "same topic (distinct)", "", ""))
    for index, text in enumerate(template_filler):
        first.append(
            Doc(
                f"{TEMPLATE_LINES[0]}\n{text}\n{TEMPLATE_LINES[1]} {TEMPLATE_LINES[2]}",
                new_cluster(),
                "same template (distinct)",
                f"https://site0.example/other/{index}",
                "",
            )
        )
    for index, text in enumerate(short_texts):
        line = TEMPLATE_LINES[index % 2]
        later.append(Doc(f"{line}\n{text}", new_cluster(), "short (distinct)", "", ""))
    # Teasers of the articles, with a shared template line: too short to fingerprint,
    # so only an exact copy could match them; not counted in recall.
    for index, text in enumerate(main[: len(main) // 2]):
        teaser = " ".join(text.split()[: rng.randrange(15, 40)])
        later.append(
            Doc(f"{TEMPLATE_LINES[1]} {teaser}", clusters[index], "short teaser", f"t{index}", "")
        )
    rng.shuffle(first)
    rng.shuffle(later)
    return first, later


# ---------------------------------------------------------------------------
# Fingerprint choices


def own_minhash(
    shingle_size: int = 3, *, verify_text: bool = False, stoplist: Stoplist | None = None
) -> Backend:
    def sign(text: str) -> Fingerprint | None:
        return fingerprint(text, shingle_size=shingle_size, stoplist=stoplist)

    name = f"newsarchive MinHash, {shingle_size}-word shingles"
    if verify_text:
        name += ", exact verify"
    if stoplist is not None:
        name += ", stoplist"
    return Backend(
        name,
        sign,
        band_keys,  # type: ignore[arg-type]  # the backend is generic over signatures
        similarity,  # type: ignore[arg-type]
        THRESHOLD,
        decider=True,
        verify_text=verify_text,
        stoplist=stoplist,
    )


def _banded(values: np.ndarray) -> list[int]:
    keys = []
    for band in range(BANDS):
        chunk = values[band * ROWS : (band + 1) * ROWS].astype("<u8").tobytes()
        keys.append(hash((band, chunk)))
    return keys


def shingles_of(text: str, size: int = 3) -> list[str]:
    words = tokens(text)
    if len(words) < MIN_WORDS:
        return []
    return [" ".join(words[i : i + size]) for i in range(len(words) - size + 1)]


def rensa_minhash() -> Backend | None:
    try:
        from rensa import RMinHash  # noqa: PLC0415 - optional comparison
    except ImportError:
        return None

    def sign(text: str) -> np.ndarray | None:
        shingles = shingles_of(text)
        if not shingles:
            return None
        minhash = RMinHash(num_perm=NUM_PERM, seed=42)
        minhash.update(shingles)
        return np.asarray(minhash.digest(), dtype=np.uint32)

    return Backend(
        "rensa RMinHash 0.5 (Rust)",
        sign,
        _banded,  # type: ignore[arg-type]
        lambda a, b: float(np.mean(a == b)),  # type: ignore[operator]
        THRESHOLD,
    )


def datasketch_minhash() -> Backend | None:
    try:
        from datasketch import MinHash  # noqa: PLC0415 - optional comparison
    except ImportError:
        return None

    def sign(text: str) -> np.ndarray | None:
        shingles = shingles_of(text)
        if not shingles:
            return None
        minhash = MinHash(num_perm=NUM_PERM, seed=1)
        minhash.update_batch(s.encode("utf-8") for s in shingles)
        return np.asarray(minhash.hashvalues)

    return Backend(
        "datasketch MinHash 2.0",
        sign,
        _banded,  # type: ignore[arg-type]
        lambda a, b: float(np.mean(a == b)),  # type: ignore[operator]
        THRESHOLD,
    )


def simhash() -> Backend:
    """64-bit SimHash over the same shingles; near when at most 3 bits differ."""
    from newsarchive.dedup.fingerprint import shingle_hashes  # noqa: PLC0415

    bits = np.uint64(1) << np.arange(64, dtype=np.uint64)

    def sign(text: str) -> int | None:
        words = tokens(text)
        if len(words) < MIN_WORDS:
            return None
        hashes = shingle_hashes(words)
        votes = ((hashes[:, None] & bits) != 0).sum(axis=0) * 2 - len(hashes)
        return int(sum(1 << i for i in range(64) if votes[i] > 0))

    def keys(value: int) -> list[int]:
        # Pigeonhole: two values within 3 bits share at least one of 4 16-bit blocks.
        return [(block << 16) | ((value >> (16 * block)) & 0xFFFF) for block in range(4)]

    def compare(a: int, b: int) -> float:
        return 1 - (a ^ b).bit_count() / 64

    return Backend("SimHash 64-bit (Hamming <= 3)", sign, keys, compare, 1 - 3 / 64)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------
# Replay


@dataclass
class Result:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    false_merges: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    found: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    primary_ok: int = 0
    primary_checked: int = 0
    lookup_seconds: list[float] = field(default_factory=list)
    merged_pairs: list[tuple[Doc, Doc]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / max(1, self.tp + self.fp)

    def recall(self, kinds: tuple[str, ...]) -> float:
        hit = sum(self.found[k][0] for k in kinds)
        total = sum(self.found[k][1] for k in kinds)
        return hit / max(1, total)


def replay(first: list[Doc], later: list[Doc], backend: Backend) -> Result:
    """Feed every document through hash, fingerprint, band lookup and the decision."""
    result = Result()
    by_hash: dict[str, int] = {}
    by_key: dict[int, list[int]] = defaultdict(list)
    records: list[tuple[Doc, object | None, str]] = []
    for arrival, doc in enumerate([*first, *later]):
        start = time.perf_counter()
        signature = backend.sign(doc.text)
        digest = content_hash(doc.text)
        backend.sign_seconds.append(time.perf_counter() - start)
        keys = backend.keys(signature) if signature is not None else []
        start = time.perf_counter()
        candidates = {by_hash[digest]} if digest in by_hash else set()
        for key in keys:
            candidates.update(by_key.get(key, ()))
        if backend.decider:
            with_text = backend.verify_text
            stored = [
                Copy(
                    rid,
                    records[rid][0].url,
                    records[rid][1],  # type: ignore[arg-type]
                    records[rid][2],
                    text=records[rid][0].text if with_text else None,
                )
                for rid in candidates
            ]
            new = Copy(
                None,
                doc.url,
                signature,  # type: ignore[arg-type]
                digest,
                text=doc.text if with_text else None,
            )
            match = near_duplicate_of(new, stored, stoplist=backend.stoplist)
            matched = match.record.id if match else None
        else:
            matched, best = None, backend.threshold
            for rid in candidates:
                record_sig = records[rid][1]
                if records[rid][2] == digest:
                    matched = rid
                    break
                if signature is not None and record_sig is not None:
                    score = backend.compare(signature, record_sig)
                    if score >= best:
                        matched, best = rid, score
        result.lookup_seconds.append(time.perf_counter() - start)
        expected_stored = arrival >= len(first) and not doc.kind.endswith("(distinct)")
        expected_stored = expected_stored and doc.kind != "short teaser"
        if expected_stored:
            result.found[doc.kind][1] += 1
        if matched is not None:
            if records[matched][0].cluster == doc.cluster:
                result.tp += 1
                result.found[doc.kind][0] += 1
            else:
                result.fp += 1
                result.false_merges[doc.kind] += 1
                result.merged_pairs.append((doc, records[matched][0]))
            continue
        if expected_stored:
            result.fn += 1
        rid = len(records)
        records.append((doc, signature, digest))
        if digest not in by_hash:
            by_hash[digest] = rid
        for key in keys:
            by_key[key].append(rid)
    return result


def check_primary(first: list[Doc], later: list[Doc]) -> tuple[int, int]:
    """Count how often the original stays primary against its copies."""
    originals = {d.cluster: d for d in first if d.kind == "original"}
    ok = total = 0
    for doc in later:
        original = originals.get(doc.cluster)
        if original is None or not doc.published:
            continue
        stored = Copy(1, original.url, published=original.published)
        new = Copy(None, doc.url, published=doc.published, canonical=doc.canonical)
        total += 1
        ok += primary_copy([stored, new]) is stored
    return ok, total


# ---------------------------------------------------------------------------
# SQLite store at scale

SCHEMA = """
CREATE TABLE IF NOT EXISTS dedup_fingerprints (
    id          INTEGER PRIMARY KEY,    -- small key for the band rows
    article_id  TEXT NOT NULL UNIQUE,   -- REFERENCES articles (id) ON DELETE CASCADE
    fingerprint BLOB NOT NULL           -- Fingerprint.to_bytes()
);
CREATE TABLE IF NOT EXISTS dedup_bands (
    band_key       INTEGER NOT NULL,    -- band_keys(fp): signed 64-bit
    fingerprint_id INTEGER NOT NULL,    -- dedup_fingerprints.id
    PRIMARY KEY (band_key, fingerprint_id)
) WITHOUT ROWID;
"""

LOOKUP = """
SELECT f.article_id, f.fingerprint
FROM dedup_fingerprints AS f
WHERE f.id IN (SELECT b.fingerprint_id FROM dedup_bands AS b WHERE b.band_key IN ({marks}))
"""


def build_store(path: Path, count: int, real: list[Fingerprint], rng: np.random.Generator) -> None:
    """Write *count* fingerprints: synthetic random signatures plus the *real* ones."""
    header = real[0].to_bytes()[: -4 * NUM_PERM]
    connection = sqlite3.connect(path)
    connection.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA)
    chunk = 100_000
    synthetic = count - len(real)
    width = 4 * NUM_PERM
    with connection:
        for start in range(0, count, chunk):
            n = min(chunk, count - start)
            blobs = rng.integers(0, 2**32, size=(n, NUM_PERM), dtype=np.uint32).tobytes()
            # Article ids as the store makes them: 20 hexadecimal characters.
            ids = rng.integers(0, 2**63, size=n, dtype=np.int64).tolist()
            rows = []
            for i in range(n):
                number = start + i
                if number < synthetic:
                    blob = header + blobs[i * width : (i + 1) * width]
                else:
                    blob = real[number - synthetic].to_bytes()
                rows.append((number + 1, f"{ids[i]:020x}", blob))
            connection.executemany("INSERT INTO dedup_fingerprints VALUES (?, ?, ?)", rows)
    # Band keys of random signatures are uniform 64-bit values: draw them directly,
    # sorted so the index is written in order.
    keys = rng.integers(-(2**63), 2**63 - 1, size=synthetic * BANDS, dtype=np.int64)
    ids = np.repeat(np.arange(1, synthetic + 1, dtype=np.int64), BANDS)
    real_keys = [(k, synthetic + i + 1) for i, fp in enumerate(real) for k in band_keys(fp)]
    keys = np.concatenate([keys, np.array([k for k, _ in real_keys], dtype=np.int64)])
    ids = np.concatenate([ids, np.array([r for _, r in real_keys], dtype=np.int64)])
    order = np.argsort(keys, kind="stable")
    keys, ids = keys[order], ids[order]
    with connection:
        for start in range(0, len(keys), 1_000_000):
            connection.executemany(
                "INSERT OR IGNORE INTO dedup_bands VALUES (?, ?)",
                zip(
                    keys[start : start + 1_000_000].tolist(),
                    ids[start : start + 1_000_000].tolist(),
                    strict=True,
                ),
            )
    connection.close()


def measure_store(
    count: int, real: list[Fingerprint], probes: list[Fingerprint], directory: Path
) -> dict[str, float]:
    path = directory / f"dedup-{count}.sqlite3"
    path.unlink(missing_ok=True)
    start = time.perf_counter()
    build_store(path, count, real, np.random.default_rng(count))
    build_seconds = time.perf_counter() - start
    connection = sqlite3.connect(path)
    query = LOOKUP.format(marks=", ".join("?" * BANDS))
    timings, hits = [], 0
    for fp in probes:
        start = time.perf_counter()
        rows = connection.execute(query, band_keys(fp)).fetchall()
        best = max((similarity(fp, Fingerprint.from_bytes(blob)) for _, blob in rows), default=0.0)
        timings.append(time.perf_counter() - start)
        hits += best >= THRESHOLD
    plan = connection.execute("EXPLAIN QUERY PLAN " + query, band_keys(probes[0])).fetchall()
    connection.close()
    size = path.stat().st_size
    path.unlink()
    timings.sort()
    return {
        "count": count,
        "build_s": build_seconds,
        "size_mb": size / 1e6,
        "bytes_per_fp": size / count,
        "p50_ms": timings[len(timings) // 2] * 1e3,
        "p95_ms": timings[int(len(timings) * 0.95)] * 1e3,
        "hits": hits,
        "probes": len(probes),
        "plan": " | ".join(str(row[-1]) for row in plan),
    }


# ---------------------------------------------------------------------------


def report_accuracy(first: list[Doc], later: list[Doc], stoplist: Stoplist) -> Result:
    """Replay the set through every fingerprint choice; return the chosen one's result."""
    backends = [
        own_minhash(3, verify_text=True, stoplist=stoplist),
        own_minhash(3, verify_text=True),
        own_minhash(3),
        own_minhash(5),
        rensa_minhash(),
        datasketch_minhash(),
        simhash(),
    ]
    dup_kinds = ("exact", *(f"edit {r:.0%}" for r in EDIT_RATES), "rewrite 10%",
                 "rewrite 20%", "syndicated first line", "syndicated last line",
                 "syndicated other template")  # fmt: skip
    core_kinds = tuple(k for k in dup_kinds if not k.endswith("20%"))
    print(
        "\n## Duplicate detection (threshold "
        f"{THRESHOLD}, {NUM_PERM} perms, {BANDS} bands x {ROWS} rows)"
    )
    print(
        f"{'fingerprint':60} {'precision':>9} {'recall<=10%':>11} "
        + " ".join(f"{k.replace('syndicated ', 'synd '):>11.11}" for k in dup_kinds)
        + f" {'false merges':>12} {'sign ms':>8}"
    )
    chosen: Result | None = None
    for backend in backends:
        if backend is None:
            continue
        result = replay(first, later, backend)
        chosen = chosen or result
        per_kind = " ".join(f"{result.recall((k,)):>11.3f}" for k in dup_kinds)
        merges = sum(result.false_merges.values())
        sign_ms = statistics.mean(backend.sign_seconds) * 1e3
        print(
            f"{backend.name:60} {result.precision:>9.4f} {result.recall(core_kinds):>11.4f} "
            f"{per_kind} {merges:>12} {sign_ms:>8.2f}"
        )
        if result.false_merges:
            print(f"{'':60} false merges by kind: {dict(result.false_merges)}")
    print("(sign ms: content_hash + fingerprint, each tokenising the text)")
    ok, total = check_primary(first, later)
    print(f"primary choice: original kept as primary for {ok}/{total} copies")
    assert chosen is not None
    return chosen


def report_costs(
    first: list[Doc], later: list[Doc], stoplist: Stoplist, extract_ms: float, decide_ms: float
) -> float:
    """Print the cost per document of each dedup step; return their sum in ms."""
    sample_urls = [d.url or "https://example.com/a?utm_source=x" for d in later[:2000]]
    start = time.perf_counter()
    for url in sample_urls:
        canonical_url(url)
    url_ms = (time.perf_counter() - start) / len(sample_urls) * 1e3
    sample_docs = [*first, *later][:3000]
    start = time.perf_counter()
    for doc in sample_docs:
        digest_text(doc.text, stoplist=stoplist)
    digest_ms = (time.perf_counter() - start) / len(sample_docs) * 1e3
    print("\n## Cost per document")
    print(f"trafilatura.extract, mean over corpus pages: {extract_ms:.2f} ms")
    print(f"canonical_url: {url_ms:.3f} ms")
    print(f"digest_text (content_hash + fingerprint + band_keys): {digest_ms:.2f} ms")
    print(f"candidate lookup in memory + near_duplicate_of with texts: {decide_ms:.3f} ms")
    return url_ms + digest_ms + decide_ms


def report_store(first: list[Doc], sizes: tuple[int, ...], db_dir: Path | None) -> float:
    """Build SQLite stores of the given sizes; print size and lookup cost; return worst p50."""
    fps = [fp for fp in (fingerprint(d.text) for d in first[:500]) if fp]
    real, probes = fps[:250], fps[:100] + fps[250:350]
    print("\n## SQLite store (lookup = LOOKUP query + similarity of each candidate)")
    print(SCHEMA.strip())
    print(LOOKUP.strip())
    print(f"probes: {len(probes)} real fingerprints, the first 100 stored (expect 100 hits)")
    worst = 0.0
    with tempfile.TemporaryDirectory(dir=db_dir) as directory:
        for count in sizes:
            stats = measure_store(count, real, probes, Path(directory))
            worst = max(worst, stats["p50_ms"])
            print(
                f"{count:>9,} fingerprints: file {stats['size_mb']:.0f} MB "
                f"({stats['bytes_per_fp']:.0f} B each), built in {stats['build_s']:.0f} s; "
                f"lookup p50 {stats['p50_ms']:.2f} ms, p95 {stats['p95_ms']:.2f} ms; "
                f"hits {stats['hits']}/{stats['probes']}"
            )
        print(f"query plan: {stats['plan']}")
    return worst


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small set, 100k store only")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--db-dir", type=Path, default=None, help="where the SQLite files go (default: temp)"
    )
    args = parser.parse_args()

    texts, extraction_seconds = load_pages(args.quick)
    long_texts, short_texts, dropped = distinct_bases(texts)
    print(f"# newsarchive dedup benchmark ({'quick' if args.quick else 'full'})")
    print(
        f"corpus texts: {len(texts)} ({len(long_texts)} long, {len(short_texts)} short, "
        f"{dropped} dropped as empty, tiny or repeating another)"
    )
    if args.quick:
        long_texts, short_texts = long_texts[:250], short_texts[:40]
    first, later = build_set(long_texts, short_texts, random.Random(args.seed))
    kinds: dict[str, int] = defaultdict(int)
    for doc in [*first, *later]:
        kinds[doc.kind] += 1
    print(
        f"documents: {len(first) + len(later)}: " + ", ".join(f"{k} {v}" for k, v in kinds.items())
    )

    # The archive learns its sites' furniture from texts it already holds: here the
    # first arrivals (originals and the same-template articles).
    start = time.perf_counter()
    stoplist = Stoplist.from_texts(d.text for d in first)
    print(
        f"stoplist: {len(stoplist)} shingles common to >= 5 of {len(first)} stored texts, "
        f"learned in {time.perf_counter() - start:.1f} s"
    )
    chosen = report_accuracy(first, later, stoplist)
    extract_ms = statistics.mean(extraction_seconds) * 1e3
    decide_ms = statistics.mean(chosen.lookup_seconds) * 1e3
    core_ms = report_costs(first, later, stoplist, extract_ms, decide_ms)
    sizes = (100_000,) if args.quick else (100_000, 1_000_000)
    store_ms = report_store(first, sizes, args.db_dir)
    total_ms = core_ms + store_ms
    print(
        f"\ndedup per document (canonical_url + digest_text + SQLite lookup + "
        f"near_duplicate_of): {total_ms:.2f} ms = {total_ms / extract_ms:.1%} of "
        f"trafilatura.extract ({extract_ms:.1f} ms, mean of {len(extraction_seconds)} pages)"
    )


if __name__ == "__main__":
    main()
