"""Extraction quality on the real-page corpus: newsarchive vs plain trafilatura.

Run ``python bench/extraction_quality.py`` from the project root (the corpus is
read from ``../shared/corpus``); ``--limit N`` takes a deterministic sample.

How each figure is defined, identically for both extractors:

* **title exact**: trafilatura-eval pages whose truth has a title; the
  extracted title equals the truth after Unicode NFC, whitespace collapsing and
  case folding (annotators copied some headlines in the case CSS displays).
* **author set exact**: pages whose truth names an author; both sides are split
  into names on ``,`` ``;`` ``&`` ``/`` and the words "and"/"und", a leading
  "By"/"Von" is dropped, each name is whitespace-collapsed and case-folded, and
  the two sets must be equal. Truth naming an organisation or agency counts
  against us, as it is (we deliberately keep only person names).
* **author set, person bylines**: the same, on the pages whose every truth
  name is kept by newsarchive's own person-name rule
  (``newsarchive.extraction.authors.clean_authors``): how well the people are
  found when the truth is people.
* **date (day)**: pages whose truth has a date; the first ten characters of the
  published date (``YYYY-MM-DD``) must equal the truth.
* **body F1**: scrapinghub pages, the article-extraction-benchmark metric
  (``\\w+`` tokens, 4-token shingles, per-document tp/fp/fn normalised to sum
  to 1, then summed; precision = tp/(tp+fp), recall = tp/(tp+fn)).
* **article rate**: share of scrapinghub pages (all news articles) that yield a
  record. Plain trafilatura "detects" an article when it returns any text.
* **ms/page**: wall time per page of one call (``analyse_page`` with links
  for ours; ``bare_extraction`` with metadata for trafilatura).

Metadata and body figures for newsarchive are taken with the
``assume_article`` hint, so they measure extraction, not detection; detection is
measured separately on the unhinted call.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import trafilatura

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsarchive.extraction import analyse_page  # noqa: E402  (path set up above)
from newsarchive.extraction.authors import clean_authors  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"


@dataclass
class Extracted:
    """The fields the benchmark compares, from either extractor."""

    title: str | None
    authors: list[str]
    published: str | None
    text: str | None
    is_article: bool
    seconds: float = 0.0


def load_page(path: Path) -> str:
    """Decompress one saved page."""
    return gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")


def run_trafilatura(html: str, url: str) -> Extracted:
    """Plain trafilatura with metadata, comments excluded, as the baseline."""
    start = time.perf_counter()
    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    seconds = time.perf_counter() - start
    if doc is None:
        return Extracted(None, [], None, None, is_article=False, seconds=seconds)
    authors = [a.strip() for a in (doc.author or "").split(";") if a.strip()]
    return Extracted(doc.title, authors, doc.date, doc.text, bool(doc.text), seconds)


def run_newsarchive(html: str, url: str) -> Extracted:
    """Ours: metadata and body with ``assume_article``, detection unhinted."""
    start = time.perf_counter()
    hinted = analyse_page(html, url, {"assume_article": True}).item
    seconds = time.perf_counter() - start
    detected = analyse_page(html, url, want_links=False).item is not None
    if hinted is None:
        return Extracted(None, [], None, None, is_article=detected, seconds=seconds)
    return Extracted(
        hinted.title, hinted.authors, hinted.published, hinted.text, detected, seconds
    )


EXTRACTORS: dict[str, Callable[[str, str], Extracted]] = {
    "trafilatura": run_trafilatura,
    "newsarchive": run_newsarchive,
}


def norm_text(value: str | None) -> str:
    """NFC, collapsed whitespace, case-folded."""
    return " ".join(unicodedata.normalize("NFC", value or "").split()).casefold()


_NAME_SPLIT = re.compile(r"\s*(?:[,;&/|]|\band\b|\bund\b)\s*", re.IGNORECASE)
_BY_PREFIX = re.compile(r"^(?:by|von)\s+", re.IGNORECASE)


def author_set(names: Iterable[str]) -> frozenset[str]:
    """Names split on list separators, "By"/"Von" dropped, normalised."""
    result = set()
    for name in names:
        for part in _NAME_SPLIT.split(name or ""):
            cleaned = _BY_PREFIX.sub("", norm_text(part))
            if cleaned:
                result.add(cleaned)
    return frozenset(result)


_TOKEN = re.compile(r"\w+")


def shingles(text: str | None, n: int = 4) -> Counter[str]:
    """4-token shingles as in the article-extraction-benchmark."""
    tokens = _TOKEN.findall(text or "")
    return Counter(
        " ".join(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens
    )


def shingle_scores(truth: str, pred: str | None) -> tuple[float, float, float]:
    """Per-document tp, fp, fn normalised to sum to 1."""
    true_s, pred_s = shingles(truth), shingles(pred)
    tp = fp = fn = 0
    for key in true_s.keys() | pred_s.keys():
        t, p = true_s.get(key, 0), pred_s.get(key, 0)
        tp += min(t, p)
        fp += max(0, p - t)
        fn += max(0, t - p)
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def body_f1(pairs: Iterable[tuple[str, str | None]]) -> float:
    """Benchmark F1 over (truth, prediction) body pairs."""
    tp = fp = fn = 0.0
    for truth, pred in pairs:
        a, b, c = shingle_scores(truth, pred)
        tp, fp, fn = tp + a, fp + b, fn + c
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def load_truth() -> dict[str, dict]:
    """trafilatura-eval's truth, by URL."""
    return json.loads((CORPUS / "trafilatura-eval" / "truth.json").read_text(encoding="utf-8"))


def trafilatura_eval_cases(limit: int | None = None) -> list[tuple[str, dict]]:
    """(url, truth) of trafilatura-eval, sorted by URL, optionally every k-th."""
    return _sample(sorted(load_truth().items()), limit)


def scrapinghub_cases(limit: int | None = None) -> list[tuple[str, dict]]:
    """(page id, truth) of scrapinghub, sorted by id, optionally every k-th."""
    truth = json.loads((CORPUS / "scrapinghub" / "ground-truth.json").read_text(encoding="utf-8"))
    return _sample(sorted(truth.items()), limit)


def _sample(items: list, limit: int | None) -> list:
    if not limit or limit >= len(items):
        return items
    step = len(items) / limit
    return [items[int(i * step)] for i in range(limit)]


@dataclass
class Scores:
    """One extractor's figures."""

    title: float
    title_n: int
    authors: float
    authors_n: int
    people: float
    people_n: int
    date: float
    date_n: int
    body_f1: float
    article_rate: float
    ms_per_page: float


def _rate(hits: list[bool]) -> float:
    return sum(hits) / len(hits) if hits else 0.0


def title_matches(extracted: str | None, truth: str) -> bool:
    """Title exact match as defined in the module docstring."""
    return norm_text(extracted) == norm_text(truth)


def names_only_people(value: str | list[str] | None) -> bool:
    """Whether the truth names authors and our person-name rule keeps every one."""
    names = author_set(truth_authors(value))
    return bool(names) and len(author_set(clean_authors(truth_authors(value)))) == len(names)


def truth_authors(value: str | list[str] | None) -> list[str]:
    """The truth's author field, a string or (for a few pages) a list, as a list."""
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str) and v.strip()]
    return [value] if isinstance(value, str) and value.strip() else []


def authors_match(extracted: list[str], truth: str | list[str]) -> bool:
    """Author-set exact match as defined in the module docstring."""
    return author_set(extracted) == author_set(truth_authors(truth))


def date_matches(extracted: str | None, truth: str) -> bool:
    """Published day equal to the truth's."""
    return (extracted or "")[:10] == truth[:10]


def score(
    run: Callable[[str, str], Extracted],
    eval_cases: list[tuple[str, dict]],
    hub_cases: list[tuple[str, dict]],
) -> Scores:
    """Run one extractor over both corpora."""
    titles, authors, people, dates = [], [], [], []
    bodies, articles = [], []
    elapsed, pages = 0.0, 0
    for url, truth in eval_cases:
        html = load_page(CORPUS / "trafilatura-eval" / truth["file"])
        got = run(html, url)
        elapsed, pages = elapsed + got.seconds, pages + 1
        if truth.get("title"):
            titles.append(title_matches(got.title, truth["title"]))
        if truth_authors(truth.get("author")):
            authors.append(authors_match(got.authors, truth["author"]))
        if names_only_people(truth.get("author")):
            people.append(authors_match(got.authors, truth["author"]))
        if truth.get("date"):
            dates.append(date_matches(got.published, truth["date"]))
    for page_id, truth in hub_cases:
        html = load_page(CORPUS / "scrapinghub" / "html" / f"{page_id}.html.gz")
        got = run(html, truth["url"])
        elapsed, pages = elapsed + got.seconds, pages + 1
        bodies.append((truth["articleBody"], got.text))
        articles.append(got.is_article)
    return Scores(
        title=_rate(titles),
        title_n=len(titles),
        authors=_rate(authors),
        authors_n=len(authors),
        people=_rate(people),
        people_n=len(people),
        date=_rate(dates),
        date_n=len(dates),
        body_f1=body_f1(bodies),
        article_rate=_rate(articles),
        ms_per_page=1000 * elapsed / max(pages, 1),
    )


def main(argv: list[str] | None = None) -> None:
    """Print the comparison table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, help="sample this many pages of each corpus")
    args = parser.parse_args(argv)
    eval_cases = trafilatura_eval_cases(args.limit)
    hub_cases = scrapinghub_cases(args.limit)
    results = {name: score(run, eval_cases, hub_cases) for name, run in EXTRACTORS.items()}
    any_scores = next(iter(results.values()))
    rows = [
        (f"title exact (n={any_scores.title_n})", "title", "{:.1%}"),
        (f"author set exact (n={any_scores.authors_n})", "authors", "{:.1%}"),
        (f"  person bylines (n={any_scores.people_n})", "people", "{:.1%}"),
        (f"published day (n={any_scores.date_n})", "date", "{:.1%}"),
        (f"body F1 scrapinghub (n={len(hub_cases)})", "body_f1", "{:.3f}"),
        (f"article rate scrapinghub (n={len(hub_cases)})", "article_rate", "{:.1%}"),
        ("ms per page", "ms_per_page", "{:.1f}"),
    ]
    names = list(results)
    print(f"{'metric':<36}" + "".join(f"{name:>14}" for name in names))
    for label, attr, fmt in rows:
        cells = "".join(f"{fmt.format(getattr(results[n], attr)):>14}" for n in names)
        print(f"{label:<36}{cells}")


if __name__ == "__main__":
    main()
