"""Learn, per site, the lines a site injects into many articles, and remove them.

Sites prepend template intros ("📍 Breaking News: …"), append newsletter pleas, "Read
also" lines and share prompts. Such a line recurs verbatim across many articles of one
site, while an article's own sentences do not. The model only keeps, per domain, how
many distinct articles contained each normalised line (or sentence), as 64-bit hashes,
plus how many articles were observed: small, mergeable counters a store can persist.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

_DIGITS = re.compile(r"\d+")
_NON_WORD = re.compile(r"[^\w]+")
# Sentence ends inside a paragraph: where a template line glued to the text can be cut.
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?…])\s+(?=\S)")
_MIN_UNIT_CHARS = 12  # "Share", "Advertisement": short lines are left to the extractor


def unit_key(unit: str) -> str:
    """The form two occurrences of a line share: case, digits, punctuation and emoji folded."""
    return _NON_WORD.sub(" ", _DIGITS.sub("0", unit.casefold())).strip()


def unit_hash(unit: str) -> int:
    """A signed 64-bit hash of the normalised unit (fits an SQL INTEGER)."""
    return key_hash(unit_key(unit))


def key_hash(key: str) -> int:
    """``unit_hash`` of a unit whose ``unit_key`` is ``key``."""
    digest = hashlib.blake2b(key.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def text_units(text: str) -> Iterator[str]:
    """Lines of ``text`` and, for lines of several sentences, each sentence."""
    for raw_line in text.split("\n"):
        line = raw_line.strip()
        if len(line) < _MIN_UNIT_CHARS:
            continue
        yield line
        sentences = _SENTENCE_SPLIT.split(line)
        if len(sentences) > 1:
            yield from (s for s in sentences if len(s) >= _MIN_UNIT_CHARS)


def text_hashes(text: str) -> set[int]:
    """The distinct unit hashes of one article: what ``observe`` counts."""
    keys = {unit_key(unit) for unit in text_units(text)}
    return {key_hash(key) for key in keys if key}


@dataclass
class SiteCounts:
    """What the model knows about one domain."""

    articles: int = 0
    units: Counter[int] = field(default_factory=Counter)
    most_common: int = 0
    """The highest count of any unit: while it is below the thresholds nothing is stripped."""


@dataclass
class BoilerplateModel:
    """Per-domain counts of recurring lines, and removal of those above the thresholds.

    A unit is boilerplate for a domain when at least ``min_articles`` distinct articles
    of that domain contained it and they are at least ``min_share`` of the articles seen.
    ``min_articles`` is at least 2: a line seen in one article is never removed.
    """

    min_articles: int = 3
    min_share: float = 0.05
    sites: dict[str, SiteCounts] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.min_articles < 2:
            raise ValueError("min_articles must be at least 2: one article proves nothing")
        if not 0.0 <= self.min_share <= 1.0:
            raise ValueError("min_share must be between 0 and 1")

    def observe(self, domain: str, text: str) -> set[int]:
        """Count one new article of ``domain``; returns its unit hashes (for a store)."""
        hashes = text_hashes(text)
        self.add_counts(domain, hashes)
        return hashes

    def add_counts(self, domain: str, hashes: Iterable[int], articles: int = 1) -> None:
        """Merge counts (one article's hashes, or rows loaded from a store)."""
        site = self.sites.setdefault(domain, SiteCounts())
        site.articles += articles
        hashes = list(hashes)
        site.units.update(hashes)
        site.most_common = max([site.most_common, *(site.units[h] for h in hashes)])

    def load_rows(self, domain: str, articles: int, rows: Iterable[tuple[int, int]]) -> None:
        """Load a domain persisted as (articles seen, [(unit hash, article count), …])."""
        site = self.sites.setdefault(domain, SiteCounts())
        site.articles += articles
        for unit, count in rows:
            site.units[unit] += count
            site.most_common = max(site.most_common, site.units[unit])

    def rows(self, domain: str) -> Iterator[tuple[int, int]]:
        """(unit hash, article count) rows of a domain, for a store to persist."""
        site = self.sites.get(domain)
        if site is not None:
            yield from site.units.items()

    def is_boilerplate(self, domain: str, unit: str) -> bool:
        """Whether ``unit`` recurs across enough articles of ``domain``."""
        site = self.sites.get(domain)
        key = unit_key(unit)
        if site is None or not key:
            return False
        return self._frequent(site, site.units.get(key_hash(key), 0))

    def _frequent(self, site: SiteCounts, count: int) -> bool:
        return count >= self.min_articles and count >= self.min_share * site.articles

    def strip(self, domain: str, text: str) -> tuple[str, int]:
        """Remove boilerplate lines and sentences; returns the text and the units removed."""
        site = self.sites.get(domain)
        # Most pages of most sites: no line is frequent enough yet, so no line is looked at.
        if site is None or not self._frequent(site, site.most_common):
            return text, 0
        removed = 0
        kept: list[str] = []
        for line in text.split("\n"):
            stripped = line.strip()
            if len(stripped) >= _MIN_UNIT_CHARS and self.is_boilerplate(domain, stripped):
                removed += 1
                continue
            sentences = _SENTENCE_SPLIT.split(stripped)
            if len(sentences) > 1:
                remaining = [
                    s
                    for s in sentences
                    if len(s) < _MIN_UNIT_CHARS or not self.is_boilerplate(domain, s)
                ]
                if len(remaining) != len(sentences):
                    removed += len(sentences) - len(remaining)
                    if remaining:
                        kept.append(" ".join(remaining))
                    continue
            if stripped:
                kept.append(line)
        return "\n".join(kept), removed

    def prune(self, domain: str, keep_at_least: int = 2) -> int:
        """Forget units seen in fewer than ``keep_at_least`` articles; returns how many."""
        site = self.sites.get(domain)
        if site is None:
            return 0
        rare = [unit for unit, count in site.units.items() if count < keep_at_least]
        for unit in rare:
            del site.units[unit]
        return len(rare)
