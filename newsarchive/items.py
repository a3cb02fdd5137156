"""The article record: one per article, from extraction to export."""

from __future__ import annotations

from dataclasses import dataclass, field


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
