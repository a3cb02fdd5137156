"""The bundled sample news site (The Harbour Gazette) and what a crawl of it should find.

``SAMPLE_SITE_DIR`` holds the static site that ``build.py`` renders from ``articles.py``;
``newsarchive.sample_site.server.serve_site`` serves it (or any other directory) on
127.0.0.1. The functions here give tests the truth about the site without hard-coding
it: which paths are articles, their metadata, and which pages are not articles.

Every absolute URL in the site is written as ``{{BASE_URL}}/path``; the server
replaces the placeholder with its real base URL when serving.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path

from newsarchive.sample_site.articles import ARTICLES, AUTHORS, SECTIONS

__all__ = [
    "BASE_URL_PLACEHOLDER",
    "PRIVATE_PREFIX",
    "SAMPLE_SITE_DIR",
    "SampleArticle",
    "article_by_path",
    "article_paths",
    "listing_paths",
    "sample_articles",
    "section_pages",
    "tag_slugs",
]

SAMPLE_SITE_DIR = Path(__file__).resolve().parent / "site"
BASE_URL_PLACEHOLDER = "{{BASE_URL}}"
# robots.txt disallows this prefix; one article lives under it.
PRIVATE_PREFIX = "/private/"
SECTION_PAGE_SIZE = 5

_LOCALES = {"en": "en-GB", "de": "de-DE", "fr": "fr-FR"}


@dataclass(frozen=True)
class SampleArticle:
    """One article of the sample site, as an extractor should see it."""

    path: str
    slug: str
    title: str
    summary: str
    section: str
    authors: tuple[str, ...]
    """People named in the byline (empty for an agency-only credit)."""
    author_slugs: tuple[str, ...]
    byline: str
    """The credit as printed after "By", e.g. "Jane Doe and Tom Okafor", "Staff and agencies"."""
    published: datetime
    modified: datetime
    language: str
    """ISO 639-1 code: "en", "de" or "fr"."""
    locale: str
    """The page's ``lang`` attribute, e.g. "en-GB"."""
    tags: tuple[str, ...]
    paragraphs: tuple[str, ...]
    subheadings: tuple[str, ...]
    blocks: tuple[str, ...]
    """Subheadings and paragraphs in page order."""
    private: bool

    def url(self, base_url: str) -> str:
        """The article's absolute URL on a server at ``base_url``."""
        return base_url.rstrip("/") + self.path

    @property
    def text(self) -> str:
        """The body text: subheadings and paragraphs, one per line."""
        return "\n".join(self.blocks)


def _split_blocks(body: str) -> list[str]:
    return [block.strip() for block in body.strip().split("\n\n") if block.strip()]


def _join_names(names: list[str], conjunction: str = "and") -> str:
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {conjunction} {names[-1]}"


def _article_from_record(record: dict) -> SampleArticle:
    published = datetime.fromisoformat(record["published"])
    modified = datetime.fromisoformat(record.get("modified", record["published"]))
    private = bool(record.get("private"))
    date_part = published.strftime("/%Y/%m/%d/")
    path = (PRIVATE_PREFIX.rstrip("/") if private else "") + date_part + record["slug"] + "/"
    names = [AUTHORS[slug][0] for slug in record["authors"]]
    blocks = _split_blocks(record["body"])
    language = record.get("lang", "en")
    return SampleArticle(
        path=path,
        slug=record["slug"],
        title=record["title"],
        summary=record["summary"],
        section=record["section"],
        authors=tuple(names),
        author_slugs=tuple(record["authors"]),
        byline=record.get("byline", _join_names(names)),
        published=published,
        modified=modified,
        language=language,
        locale=_LOCALES[language],
        tags=tuple(record["tags"]),
        paragraphs=tuple(b for b in blocks if not b.startswith("## ")),
        subheadings=tuple(b[3:] for b in blocks if b.startswith("## ")),
        blocks=tuple(b.removeprefix("## ") for b in blocks),
        private=private,
    )


@cache
def _all_articles() -> tuple[SampleArticle, ...]:
    articles = [_article_from_record(record) for record in ARTICLES]
    return tuple(sorted(articles, key=lambda a: a.published, reverse=True))


def sample_articles(include_private: bool = False) -> list[SampleArticle]:
    """All articles of the sample site, newest first."""
    return [a for a in _all_articles() if include_private or not a.private]


def article_paths(include_private: bool = False) -> list[str]:
    """URL paths of the articles (``/2026/10/22/slug/``), newest first."""
    return [a.path for a in sample_articles(include_private)]


def article_by_path(path: str) -> SampleArticle:
    """The article at a URL path; raises ``KeyError`` for a path that is not an article."""
    for article in _all_articles():
        if article.path == path:
            return article
    raise KeyError(path)


def tag_slugs() -> list[str]:
    """Tags that have a tag page: those of the public articles."""
    return sorted({tag for a in sample_articles() for tag in a.tags})


def section_pages(section: str) -> list[str]:
    """Paths of a section front and its older pages (``/politics/``, ``/politics/page/2/``)."""
    count = sum(1 for a in sample_articles() if a.section == section)
    pages = max(1, -(-count // SECTION_PAGE_SIZE))
    return [f"/{section}/"] + [f"/{section}/page/{n}/" for n in range(2, pages + 1)]


def listing_paths() -> list[str]:
    """Paths of every HTML page that is not an article: crawl them for links, never archive."""
    paths = ["/"]
    for section in SECTIONS:
        paths += section_pages(section)
    paths += [f"/tag/{tag}/" for tag in tag_slugs()]
    paths += [f"/author/{slug}/" for slug in AUTHORS]
    paths += ["/events/", "/about/", "/contact/", "/privacy/", "/subscribe/"]
    return paths
