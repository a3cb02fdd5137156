"""The article record: one per article, from extraction to export."""

from __future__ import annotations

from dataclasses import dataclass, field, fields

# Marks a field that travels with the record inside a crawl (worker → pipelines →
# store) but is not part of what exports show.
INTERNAL = {"internal": True}


@dataclass
class ArticleItem:
    """One archived article.

    Field order is the order exports show. Dates are ISO 8601 strings that keep
    the page's own time-zone offset; ``fetched_at`` is UTC.
    """

    id: str | None = None
    url: str | None = None
    urls: list[str] = field(default_factory=list)
    domain: str | None = None
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    modified: str | None = None
    language: str | None = None
    text: str | None = None
    description: str | None = None
    tags: list[str] = field(default_factory=list)
    image: str | None = None
    site_name: str | None = None
    fetched_at: str | None = None
    content_hash: str | None = None
    word_count: int = 0
    truncated: bool = False
    removed: dict[str, int] = field(default_factory=dict)
    """What cleaning removed or repaired in this record, by kind."""

    fingerprint: bytes | None = field(default=None, repr=False, metadata=INTERNAL)
    """Near-duplicate fingerprint of ``text`` (``newsarchive.dedup``), None for short texts."""
    canonical: str | None = field(default=None, repr=False, metadata=INTERNAL)
    """The page's own rel=canonical URL, even when it names another site (syndication)."""
    boilerplate_units: list[int] = field(default_factory=list, repr=False, metadata=INTERNAL)
    """Hashes of the text's lines and sentences, counted into its site's boilerplate model."""


EXPORT_FIELDS: tuple[str, ...] = tuple(
    f.name for f in fields(ArticleItem) if not f.metadata.get("internal")
)
"""The record's public fields, in export order."""


def public_record(item: ArticleItem) -> dict[str, object]:
    """The record as exports show it: public fields only, in order."""
    return {name: getattr(item, name) for name in EXPORT_FIELDS}
