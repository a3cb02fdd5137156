"""The archive interface every backend implements."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol
from urllib.parse import urlsplit, urlunsplit

if TYPE_CHECKING:
    from newsarchive.items import ArticleItem


def redacted(uri: str) -> str:
    """``uri`` without its password, for messages and logs."""
    parts = urlsplit(uri)
    if parts.password is None:
        return uri
    user, _, host = parts.netloc.rpartition("@")
    return urlunsplit(parts._replace(netloc=f"{user.partition(':')[0]}:***@{host}"))


class StoreError(RuntimeError):
    """An archive could not be opened or written; the message says why."""


@dataclass(frozen=True)
class SaveOutcome:
    """What saving one record did.

    ``status`` is ``new`` (a record was created), ``revised`` (a known URL came
    back with changed text: the record was updated in place and its earlier
    version kept in the revisions table), ``duplicate`` (another copy of an
    archived article: its URLs joined that record; ``match`` says whether the
    text was ``exact``-ly the same or a ``near`` duplicate) or ``unchanged``.
    ``new_urls`` counts URLs the record did not have before.
    """

    article_id: str
    status: str
    new_urls: int = 0
    match: str | None = None


@dataclass(frozen=True)
class Sighting:
    """When an archived article was published (if known), first and last seen (ISO 8601)."""

    published: str | None
    first_seen: str
    last_seen: str


@dataclass(frozen=True)
class Validators:
    """What a server said identifies the version of a page it sent (RFC 9110 section 8.8)."""

    etag: str | None = None
    last_modified: str | None = None


@dataclass
class SourceCounts:
    """What one run did for one source (or host): requests, 304s, records, errors."""

    requests: int = 0
    not_modified: int = 0
    new: int = 0
    revised: int = 0
    duplicates: int = 0
    errors: int = 0


@dataclass(frozen=True)
class RunRecord:
    """One run of a spider: when, how it ended (None while running or if killed), per source."""

    id: int
    spider: str
    started_at: str
    finished_at: str | None
    finish_reason: str | None
    sources: dict[str, SourceCounts] = field(default_factory=dict)


class ArchiveStore(Protocol):
    """An article archive: one record per article, with all its URLs and revisions."""

    uri: str

    def save(self, item: ArticleItem) -> SaveOutcome:
        """Archive ``item`` in one transaction, joining the record that already holds one of its URLs."""
        ...

    def save_many(self, items: Sequence[ArticleItem]) -> list[SaveOutcome | StoreError]:
        """Archive a batch in one transaction; a record that cannot be saved gets its error."""
        ...

    def boilerplate_counts(
        self, domain: str, *, min_articles: int
    ) -> tuple[int, list[tuple[int, int]]]:
        """Articles seen for ``domain``, and its units found in at least ``min_articles``."""
        ...

    def article_id_for_url(self, url: str) -> str | None:
        """The id of the record that holds ``url``, if any."""
        ...

    def sightings(self, url: str) -> Sighting | None:
        """When the record holding ``url`` was published, first and last seen."""
        ...

    def known_urls(self, urls: Iterable[str]) -> set[str]:
        """The subset of ``urls`` that the archive already holds."""
        ...

    def get(self, article_id: str) -> ArticleItem | None:
        """One record by id."""
        ...

    def iter_articles(
        self, *, since: str | None = None, domain: str | None = None
    ) -> Iterator[ArticleItem]:
        """Records in archive order, optionally published on/after ``since`` or from ``domain``."""
        ...

    def iter_revisions(self, article_id: str) -> Iterator[dict[str, object]]:
        """Earlier versions of one record, oldest first."""
        ...

    def validators(self, url: str) -> Validators | None:
        """The validators stored for ``url`` (a feed, sitemap or section page), if any."""
        ...

    def save_validators(self, entries: Mapping[str, Validators], checked_at: str) -> None:
        """Store validators by URL, replacing earlier ones; an empty ``Validators`` forgets them."""
        ...

    def watermark(self, source: str) -> str | None:
        """When the latest run that finished with no error for ``source`` started (ISO 8601)."""
        ...

    def start_run(self, spider: str, started_at: str) -> int:
        """Record that a run of ``spider`` started; its id, for ``finish_run``."""
        ...

    def finish_run(
        self,
        run_id: int,
        *,
        finished_at: str,
        finish_reason: str,
        sources: Mapping[str, SourceCounts],
    ) -> None:
        """Record how run ``run_id`` ended and what it did per source."""
        ...

    def recent_runs(self, limit: int | None = None) -> list[RunRecord]:
        """Runs, latest first, each with its counts per source."""
        ...

    def count(self) -> int:
        """How many records the archive holds."""
        ...

    def close(self) -> None:
        """Release the connection."""
        ...
