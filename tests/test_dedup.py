"""Exact and near-duplicate detection, and the choice of a record's primary copy."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from newsarchive.dedup import (
    MIN_WORDS,
    THRESHOLD,
    Copy,
    Fingerprint,
    Stoplist,
    band_keys,
    content_hash,
    digest_text,
    fingerprint,
    near_duplicate_of,
    primary_copy,
    similarity,
    text_similarity,
    tokens,
)

COOKIE = (
    "We use cookies to improve your experience on our site and to show you relevant "
    "advertising. By continuing to browse you agree to our use of cookies."
)
NEWSLETTER = (
    "Sign up for our daily newsletter to get the most important stories of the day "
    "delivered straight to your inbox every morning, free of charge."
)
PLEA = (
    "Support independent journalism. Our reporting is funded by readers like you: become "
    "a member today and help us keep our newsroom open for everyone."
)


@pytest.fixture(scope="module")
def articles(corpus_dir: Path) -> list[str]:
    """Real article bodies of 200 to 1,500 words from the Scrapinghub set."""
    truth = json.loads((corpus_dir / "scrapinghub" / "ground-truth.json").read_text())
    bodies = [item["articleBody"] for item in truth.values()]
    return [b for b in bodies if 200 <= len(tokens(b)) <= 1500][:12]


def edited(text: str, rate: float, seed: int) -> str:
    """Replace *rate* of the words at scattered positions."""
    rng = random.Random(seed)
    return " ".join(
        f"edit{rng.randrange(10**6)}" if rng.random() < rate else word for word in text.split()
    )


def stored(record_id: int, text: str, **fields: object) -> Copy:
    """A stored record's copy as the store would hand it back (serialised fingerprint)."""
    digest = digest_text(text)
    fp = digest.fingerprint.to_bytes() if digest.fingerprint else None
    fields.setdefault("url", f"https://example.com/{record_id}")
    return Copy(record_id, fingerprint=fp, content_hash=digest.content_hash, text=text, **fields)  # type: ignore[arg-type]


def new_copy(text: str, **fields: object) -> Copy:
    digest = digest_text(text)
    fields.setdefault("url", "https://example.org/new")
    return Copy(
        None, fingerprint=digest.fingerprint, content_hash=digest.content_hash, text=text, **fields
    )  # type: ignore[arg-type]


# -- exact duplicates ---------------------------------------------------------


@pytest.mark.parametrize(
    "variant",
    [
        "Hello, world! It\u2019s a \u201cfine\u201d day.",
        "hello world it's a fine day",
        "HELLO   WORLD\n\nIT'S A FINE DAY",
        "Hello \u2014 world: it\u2019s a fine\u00a0day\u2026",
        "Hel\u00adlo world, it's a ﬁne day.",
    ],
)
def test_content_hash_ignores_extraction_noise(variant: str) -> None:
    assert content_hash(variant) == content_hash("Hello world, it's a fine day.")


def test_content_hash_sees_words() -> None:
    assert content_hash("The minister resigned.") != content_hash("The minister did not resign.")
    assert content_hash("Scored 21 points") != content_hash("Scored 12 points")


def test_content_hash_is_stable() -> None:
    # Stored hashes must stay valid across releases and processes.
    assert content_hash("Hello, world!") == "e9a804b2e527fd3601d2ffc0bb023cd6"


def test_digest_text_matches_separate_calls(articles: list[str]) -> None:
    digest = digest_text(articles[0])
    assert digest.content_hash == content_hash(articles[0])
    assert digest.word_count == len(tokens(articles[0]))
    assert digest.fingerprint == fingerprint(articles[0])
    assert digest.band_keys == band_keys(digest.fingerprint)


# -- fingerprints -------------------------------------------------------------


def test_fingerprint_round_trip(articles: list[str]) -> None:
    fp = fingerprint(articles[0])
    assert fp is not None
    data = fp.to_bytes()
    assert isinstance(data, bytes)
    assert len(data) < 600
    again = Fingerprint.from_bytes(data)
    assert again == fp
    assert band_keys(again) == band_keys(fp)
    assert similarity(again, fp) == 1.0


def test_fingerprint_rejects_other_scheme(articles: list[str]) -> None:
    data = bytearray(fingerprint(articles[0]).to_bytes())  # type: ignore[union-attr]
    data[0] = 99
    with pytest.raises(ValueError, match="scheme"):
        Fingerprint.from_bytes(bytes(data))
    with pytest.raises(ValueError, match="bytes"):
        Fingerprint.from_bytes(fingerprint(articles[0]).to_bytes()[:-4])  # type: ignore[union-attr]


def test_band_keys_fit_a_bigint_column(articles: list[str]) -> None:
    keys = band_keys(fingerprint(articles[0]))  # type: ignore[arg-type]
    assert len(keys) == len(set(keys)) == 32
    assert all(-(2**63) <= key < 2**63 for key in keys)


def test_fingerprint_is_stable() -> None:
    # Band keys are looked up across runs and processes: a change here orphans every
    # stored fingerprint and must come with a new SCHEME.
    text = " ".join(f"word{i % 97} token{i % 89}" for i in range(120))
    fp = fingerprint(text)
    assert fp is not None
    assert fp.values()[:3].tolist() == [31331, 52184542, 25714454]
    assert band_keys(fp)[:2] == [3054370074426907484, 189654841510685541]


def test_short_text_gets_no_fingerprint(articles: list[str]) -> None:
    short = " ".join(articles[0].split()[: MIN_WORDS - 5])
    assert fingerprint(short) is None
    digest = digest_text(short)
    assert digest.fingerprint is None
    assert digest.band_keys == []
    assert digest.content_hash == content_hash(short)


@pytest.mark.parametrize("rate", [0.01, 0.05, 0.10])
def test_edited_copies_match(articles: list[str], rate: float) -> None:
    for seed, text in enumerate(articles):
        original, copy = fingerprint(text), fingerprint(edited(text, rate, seed))
        assert original is not None
        assert copy is not None
        assert set(band_keys(original)) & set(band_keys(copy)), "no shared band key"
        match = near_duplicate_of(new_copy(edited(text, rate, seed)), [stored(1, text)])
        assert match is not None
        assert match.record.id == 1
        assert not match.exact


def test_syndicated_copies_match(articles: list[str]) -> None:
    for index, text in enumerate(articles):
        lines = text.splitlines()
        syndicated = "\n".join(
            [
                "By Wire Staff. Updated with reaction from officials.",
                *lines[1:],
                f"This story first appeared on Example News {index} and is republished "
                "with permission.",
            ]
        )
        match = near_duplicate_of(new_copy(syndicated), [stored(7, text)])
        assert match is not None
        assert match.record.id == 7
        assert similarity(fingerprint(text), fingerprint(syndicated)) >= THRESHOLD  # type: ignore[arg-type]


def test_exact_copy_matches_by_hash(articles: list[str]) -> None:
    text = articles[0]
    noisy = text.upper().replace("\n", "  ")
    match = near_duplicate_of(new_copy(noisy), [stored(3, text)])
    assert match is not None
    assert match.exact
    assert match.similarity == 1.0


def test_short_texts_match_only_exactly(articles: list[str]) -> None:
    short = f"{COOKIE} " + " ".join(articles[0].split()[:20])
    assert near_duplicate_of(new_copy(short), [stored(1, short)]) is not None
    other = f"{COOKIE} " + " ".join(articles[1].split()[:20])
    assert near_duplicate_of(new_copy(other), [stored(1, short)]) is None


def test_different_articles_from_one_template_do_not_merge(articles: list[str]) -> None:
    def page(body: str) -> str:
        return f"{COOKIE}\n{body}\n{NEWSLETTER}\n{PLEA}"

    pages = [page(" ".join(body.split()[:70])) for body in articles]
    records = [stored(i, text) for i, text in enumerate(pages)]
    for index, text in enumerate(pages):
        others = records[:index] + records[index + 1 :]
        assert near_duplicate_of(new_copy(text), others) is None


def test_stoplist_removes_template_shingles(articles: list[str]) -> None:
    pages = [f"{COOKIE}\n{body}\n{NEWSLETTER}" for body in articles]
    stoplist = Stoplist.from_texts(pages)
    assert len(stoplist) > 0
    assert Stoplist.from_bytes(stoplist.to_bytes()).hashes.tolist() == stoplist.hashes.tolist()
    a, b = (" ".join(body.split()[:40]) for body in articles[:2])
    first, second = f"{COOKIE}\n{a}\n{NEWSLETTER}", f"{COOKIE}\n{b}\n{NEWSLETTER}"
    # Template overlap dominates these short pages until the stoplist removes it.
    assert text_similarity(first, second) > 0.2
    assert text_similarity(first, second, stoplist=stoplist) < 0.05
    # Without the template, too few words are left to fingerprint.
    assert fingerprint(first) is not None
    assert fingerprint(first, stoplist=stoplist) is None


def test_same_topic_articles_do_not_merge(articles: list[str]) -> None:
    # A follow-up story quoting two sentences of the first one.
    first, second = articles[0], articles[1]
    quote = " ".join(first.split()[40:80])
    follow_up = f"{second}\n\u201c{quote}\u201d"
    assert near_duplicate_of(new_copy(follow_up), [stored(1, first)]) is None


def test_candidates_without_text_use_the_estimate(articles: list[str]) -> None:
    text = articles[2]
    candidate = Copy(5, "https://example.com/5", fingerprint(text).to_bytes())  # type: ignore[union-attr]
    match = near_duplicate_of(
        Copy(None, "https://x.org/", fingerprint(edited(text, 0.05, 1))), [candidate]
    )
    assert match is not None
    assert 0.6 < match.similarity < 1.0


def test_best_candidate_wins(articles: list[str]) -> None:
    text = articles[3]
    candidates = [stored(1, edited(text, 0.10, 1)), stored(2, edited(text, 0.01, 2))]
    match = near_duplicate_of(new_copy(text), candidates)
    assert match is not None
    assert match.record.id == 2


# -- primary copy -------------------------------------------------------------


def test_earliest_published_is_primary() -> None:
    record = Copy(1, "https://partner.org/a", published="2024-05-02T10:00:00+00:00")
    new = Copy(None, "https://origin.com/a", published="2024-05-02T09:00:00+00:00")
    assert primary_copy([record, new]) is new


def test_published_compares_across_time_zones() -> None:
    # 08:00 in New York is 12:00 UTC: later than 11:00 UTC.
    record = Copy(1, "https://a.com/x", published="2024-05-02T11:00:00+00:00")
    new = Copy(None, "https://b.com/x", published="2024-05-02T08:00:00-04:00")
    assert primary_copy([record, new]) is record


def test_missing_date_loses_and_ties_keep_the_record() -> None:
    dated = Copy(None, "https://b.com/x", published="2024-05-02")
    assert primary_copy([Copy(1, "https://a.com/x"), dated]) is dated
    record = Copy(1, "https://a.com/x", published="2024-05-02")
    assert primary_copy([record, dated]) is record


def test_teaser_never_replaces_full_text() -> None:
    full = Copy(1, "https://partner.org/a", published="2024-05-02T10:00:00+00:00", word_count=900)
    teaser = Copy(
        None,
        "https://origin.com/a",
        published="2024-05-01T10:00:00+00:00",
        word_count=120,
        truncated=True,
    )
    assert primary_copy([full, teaser]) is full
    assert primary_copy([teaser.__class__(2, "https://c.com/a", truncated=True), full]) is full


def test_canonical_names_the_primary() -> None:
    # The syndicated copy says where the article comes from, whatever its date says.
    record = Copy(1, "https://origin.com/a/", published="2024-05-02T10:00:00+00:00")
    syndicated = Copy(
        None,
        "https://partner.org/a",
        published="2024-05-01T10:00:00+00:00",
        canonical="https://www.origin.com/a?utm_source=partner",
    )
    assert primary_copy([record, syndicated]) is record
    # And the other way round: the stored copy names the new one.
    record = Copy(1, "https://partner.org/a", canonical="https://origin.com/a")
    new = Copy(None, "https://origin.com/a", published="2024-05-03")
    assert primary_copy([record, new]) is new


def test_match_reports_the_primary(articles: list[str]) -> None:
    text = articles[4]
    record = stored(1, text, url="https://partner.org/a", published="2024-05-02T10:00:00Z")
    original = new_copy(text, url="https://origin.com/a", published="2024-05-01T10:00:00Z")
    match = near_duplicate_of(original, [record])
    assert match is not None
    assert match.primary is original
    assert match.new_is_primary
    later = new_copy(text, url="https://other.org/a", published="2024-05-03T10:00:00Z")
    match = near_duplicate_of(later, [record])
    assert match is not None
    assert not match.new_is_primary


def test_primary_copy_needs_copies() -> None:
    with pytest.raises(ValueError, match="at least one"):
        primary_copy([])
