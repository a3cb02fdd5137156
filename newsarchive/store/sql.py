"""The archive logic shared by the SQL backends, written once for a small dialect.

Every statement is written with ``?`` placeholders and SQL that SQLite and
PostgreSQL both accept (``INSERT … ON CONFLICT``, ``RETURNING``, row values);
what differs (how a write transaction begins, the insertion-order column, the
driver's errors, each migration's DDL) is the backend's :class:`Dialect` and its
connection methods.
"""

from __future__ import annotations

import json
import logging
import random
import time
from contextlib import contextmanager
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from newsarchive.dates import utc_now_iso
from newsarchive.dedup import (
    THRESHOLD,
    Copy,
    Fingerprint,
    band_keys,
    near_duplicate_of,
    primary_copy,
    site_of,
    url_key,
)
from newsarchive.items import ArticleItem
from newsarchive.store.base import (
    RunRecord,
    SaveOutcome,
    Sighting,
    SourceCounts,
    StoreError,
    Validators,
)
from newsarchive.store.schema import MIGRATIONS, statements

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
    from contextlib import AbstractContextManager

    from newsarchive.dedup import Match

logger = logging.getLogger(__name__)

T = TypeVar("T")

_JSON_FIELDS = {"authors": "[]", "tags": "[]", "removed": "{}"}
# Columns stored on the articles row; `urls` lives in article_urls, the
# fingerprint in dedup_fingerprints.
_ROW_FIELDS = [
    f.name
    for f in fields(ArticleItem)
    if f.name not in {"urls", "fingerprint", "boilerplate_units"}
]
# The whole stored row of a record, as `scrapy copy` carries it.
STORED_COLUMNS = (*_ROW_FIELDS, "first_seen", "last_seen")
# What a record takes from the copy that becomes its primary (its publisher's).
_CONTENT_FIELDS = [name for name in _ROW_FIELDS if name not in {"id"}]
# Metadata that a later sighting may fill in when the record lacks it.
_FILLABLE = ("title", "published", "modified", "language", "description", "image", "site_name")
_RUN_COUNTS = tuple(f.name for f in fields(SourceCounts))
# Rows read per query when paging through the archive, and values per IN (…) list.
PAGE_SIZE = 500
# Attempts of a write transaction that the database aborted to break a deadlock
# or a serialization conflict; each waits a little longer before trying again.
WRITE_ATTEMPTS = 5


class Session(Protocol):
    """A connection inside a transaction or a read: a DB-API-like ``execute``."""

    def execute(self, sql: str, params: Sequence[Any] = ..., /) -> Any: ...

    def executemany(self, sql: str, params: Iterable[Sequence[Any]], /) -> Any: ...


@dataclass(frozen=True)
class Dialect:
    """What one SQL backend does differently from the others."""

    name: str
    """Which text of each migration (``newsarchive.store.schema``) applies."""
    insertion_order: str
    """The column that orders rows as they were inserted (SQLite's ``rowid``)."""
    errors: tuple[type[Exception], ...]
    """The driver's errors, reported as ``StoreError``."""
    record_errors: tuple[type[Exception], ...]
    """Errors a single bad record causes: its savepoint is rolled back, the batch goes on."""
    retryable: tuple[type[Exception], ...] = ()
    """Errors after which the whole write transaction is run again."""


@dataclass(frozen=True)
class StoredRecord:
    """A record exactly as stored, with its URLs, revisions and fingerprint (for copying)."""

    row: dict[str, Any]
    urls: list[tuple[str, str, str]]
    """``(url_key, url, first_seen)`` in archive order."""
    revisions: list[tuple[str, str | None, str | None, str | None, str | None]]
    """``(seen_at, title, text, modified, content_hash)``, oldest first."""
    fingerprint: bytes | None


@dataclass(frozen=True)
class AddedRecords:
    """What adding stored records to an archive did."""

    added: int = 0
    present: int = 0
    revisions: int = 0
    urls_held_elsewhere: int = 0


class SQLStore:
    """An archive in a SQL database: one record per article, its URLs and revisions.

    Deduplication happens inside each write transaction, so two processes saving
    copies of one article never make two records: a record is found by any of its
    URLs (compared by ``url_key``), by its content hash, or as a near duplicate
    through the banded fingerprint index. Backends provide the connections.
    """

    dialect: Dialect
    uri: str
    # A server across the network (reads go to a thread when called from an event loop).
    remote = False
    near_duplicate_threshold: float

    def __init__(self, uri: str, *, near_duplicate_threshold: float | None = None):
        self.uri = uri
        self.near_duplicate_threshold = near_duplicate_threshold or THRESHOLD

    # What a backend provides

    @property
    def _label(self) -> str:
        """The archive as error messages name it."""
        return repr(self.uri)

    def _connection(self) -> AbstractContextManager[Session]:
        """A connection for reading (each statement sees what is committed)."""
        raise NotImplementedError

    def _begin(self, *, exclusive: bool) -> AbstractContextManager[Session]:
        """A write transaction, committed when the block ends without an error.

        ``exclusive`` transactions make deduplication decisions: one at a time per
        archive, so two writers never both decide that a copy is new.
        """
        raise NotImplementedError

    def _schema_version(self, db: Session) -> int:
        raise NotImplementedError

    def _set_schema_version(self, db: Session, version: int) -> None:
        raise NotImplementedError

    def _kept_explicit_ids(self, db: Session, table: str) -> None:
        """Rows were inserted into ``table`` with their ids given: keep generating above them."""

    def close(self) -> None:
        """Release the connections."""
        raise NotImplementedError

    # Transactions

    @contextmanager
    def _reading(self) -> Iterator[Session]:
        try:
            with self._connection() as db:
                yield db
        except self.dialect.errors as exc:
            raise StoreError(f"archive {self._label}: {exc}") from exc

    def _transaction(self, work: Callable[[Session], T], *, exclusive: bool = False) -> T:
        """Run ``work`` in one write transaction, again if the database asks for it."""
        for attempt in range(1, WRITE_ATTEMPTS + 1):
            try:
                with self._begin(exclusive=exclusive) as db:
                    return work(db)
            except self.dialect.retryable as exc:
                if attempt == WRITE_ATTEMPTS:
                    raise StoreError(f"archive {self._label}: {exc}") from exc
                logger.debug("Archive transaction aborted (%s), trying again", exc)
                time.sleep(random.uniform(0.01, 0.05) * 2**attempt)
            except self.dialect.errors as exc:
                raise StoreError(f"archive {self._label}: {exc}") from exc
        raise AssertionError("unreachable")

    def _migrate(self) -> None:
        """Bring the schema up to this newsarchive's version, or refuse a newer one."""

        def migrate(db: Session) -> None:
            version = self._schema_version(db)
            if version > len(MIGRATIONS):
                raise StoreError(
                    f"archive {self._label} has schema version {version}, newer than this "
                    f"newsarchive ({len(MIGRATIONS)}): upgrade newsarchive"
                )
            for number, migration in enumerate(MIGRATIONS[version:], start=version + 1):
                for statement in statements(getattr(migration, self.dialect.name)):
                    db.execute(statement)
                self._set_schema_version(db, number)

        self._transaction(migrate, exclusive=True)

    # Writing

    def save(self, item: ArticleItem) -> SaveOutcome:
        """Archive ``item``: a new record, new URLs for a known one, or a revision of it."""
        [outcome] = self.save_many([item])
        if isinstance(outcome, StoreError):
            raise outcome
        return outcome

    def save_many(self, items: Sequence[ArticleItem]) -> list[SaveOutcome | StoreError]:
        """Archive ``items`` in one transaction; a record that cannot be saved gets its error.

        Each record is written inside its own savepoint, so one bad record does not
        undo the others, and the batch becomes visible (and durable) all at once.
        """
        now = utc_now_iso()

        def save(db: Session) -> list[SaveOutcome | StoreError]:
            return [self._save_one(db, item, now) for item in items]

        return self._transaction(save, exclusive=True)

    def _save_one(self, db: Session, item: ArticleItem, now: str) -> SaveOutcome | StoreError:
        urls = list(dict.fromkeys([u for u in [item.url, *item.urls] if u]))
        if not urls or not item.id:
            return StoreError(f"record {item.id or item.url!r} needs an id and a url")
        db.execute("SAVEPOINT record")
        try:
            outcome = self._write(db, item, urls, now)
        except (*self.dialect.record_errors, ValueError) as exc:
            db.execute("ROLLBACK TO SAVEPOINT record")
            db.execute("RELEASE SAVEPOINT record")
            return StoreError(f"record {item.url!r} not saved: {exc}")
        db.execute("RELEASE SAVEPOINT record")
        return outcome

    def _write(self, db: Session, item: ArticleItem, urls: list[str], now: str) -> SaveOutcome:
        by_url = self._record_by_url(db, urls)
        if by_url is not None:
            added = self._add_urls(db, by_url["id"], urls, now)
            if not item.content_hash or item.content_hash == by_url["content_hash"]:
                self._fill_gaps(db, by_url, item, now)
                return SaveOutcome(by_url["id"], "unchanged", new_urls=added)
            if item.truncated and not by_url["truncated"]:
                # A teaser of an article whose full text is archived changes nothing.
                self._fill_gaps(db, by_url, item, now)
                return SaveOutcome(by_url["id"], "unchanged", new_urls=added)
            if site_of(item.url or urls[0]) != site_of(by_url["url"]):
                # Another site's copy, joined to this record earlier, came back with
                # its own text: it never revises the publisher's article, and takes
                # the record over only where it is the better copy (a full text).
                archived = _copy_of_row(by_url)
                if primary_copy([archived, _copy_of_item(item)]) is archived:
                    self._fill_gaps(db, by_url, item, now)
                    return SaveOutcome(by_url["id"], "unchanged", new_urls=added)
                self._update_content(db, by_url, item, now, keep_url=False)
                return SaveOutcome(by_url["id"], "duplicate", new_urls=added)
            self._revise(db, by_url, item, now)
            return SaveOutcome(by_url["id"], "revised", new_urls=added)
        match = self._duplicate_of(db, item)
        if match is not None:
            article_id = str(match.record.id)
            added = self._add_urls(db, article_id, urls, now)
            existing = db.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
            if match.new_is_primary:
                self._update_content(db, existing, item, now, keep_url=False)
            else:
                self._fill_gaps(db, existing, item, now)
            return SaveOutcome(
                article_id, "duplicate", new_urls=added, match="exact" if match.exact else "near"
            )
        self._insert(db, dict(zip(_ROW_FIELDS, _row_values(item, _ROW_FIELDS), strict=True)), now)
        self._add_urls(db, item.id or "", urls, now)
        self._set_fingerprint(db, item.id or "", item.fingerprint)
        self._observe_boilerplate(db, item)
        return SaveOutcome(item.id or "", "new", new_urls=len(urls))

    def _record_by_url(self, db: Session, urls: list[str]) -> Any:
        keys = list(dict.fromkeys(url_key(u) for u in urls))
        return db.execute(
            "SELECT a.* FROM article_urls u JOIN articles a ON a.id = u.article_id"
            f" WHERE u.url_key IN ({_marks(keys)})"
            f" ORDER BY u.first_seen, u.{self.dialect.insertion_order} LIMIT 1",
            keys,
        ).fetchone()

    def _duplicate_of(self, db: Session, item: ArticleItem) -> Match | None:
        """The record ``item`` copies: same content hash, or a near duplicate by fingerprint."""
        # Each way of matching is its own indexed lookup: an OR across the join
        # would read every record (a full scan per saved record, in both dialects).
        lookups: list[str] = []
        params: list[object] = []
        if item.content_hash:
            lookups.append("SELECT id FROM articles WHERE content_hash = ?")
            params.append(item.content_hash)
        fingerprint = Fingerprint.from_bytes(item.fingerprint) if item.fingerprint else None
        if fingerprint is not None:
            keys = band_keys(fingerprint)
            lookups.append(
                "SELECT f.article_id FROM dedup_bands b"
                " JOIN dedup_fingerprints f ON f.id = b.fingerprint_id"
                f" WHERE b.band_key IN ({_marks(keys)})"
            )
            params += keys
        if not lookups:
            return None
        rows = db.execute(
            "SELECT a.id, a.url, a.content_hash, a.published, a.word_count, a.truncated,"
            " a.canonical, a.text, f.fingerprint FROM articles a"
            " LEFT JOIN dedup_fingerprints f ON f.article_id = a.id"
            f" WHERE a.id IN ({' UNION '.join(lookups)})"
            f" ORDER BY a.first_seen, a.{self.dialect.insertion_order} LIMIT 50",
            params,
        ).fetchall()
        candidates = [_copy_of_row(row) for row in rows]
        return near_duplicate_of(
            _copy_of_item(item), candidates, threshold=self.near_duplicate_threshold
        )

    def _insert(self, db: Session, values: Mapping[str, object], now: str | None) -> None:
        """Insert a record's row; ``now`` dates a new one, else ``values`` holds its dates."""
        row = dict(values) if now is None else {**values, "first_seen": now, "last_seen": now}
        db.execute(
            f"INSERT INTO articles ({','.join(row)}) VALUES ({_marks(row)})", list(row.values())
        )

    def _add_urls(self, db: Session, article_id: str, urls: list[str], now: str) -> int:
        cursor = db.executemany(
            "INSERT INTO article_urls (url_key, url, article_id, first_seen)"
            " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
            [(url_key(url), url, article_id, now) for url in urls],
        )
        return max(cursor.rowcount, 0)

    def _set_fingerprint(self, db: Session, article_id: str, data: bytes | None) -> None:
        old = db.execute(
            "SELECT id, fingerprint FROM dedup_fingerprints WHERE article_id = ?", (article_id,)
        ).fetchone()
        if old is not None:
            keys = band_keys(Fingerprint.from_bytes(bytes(old["fingerprint"])))
            db.executemany(
                "DELETE FROM dedup_bands WHERE band_key = ? AND fingerprint_id = ?",
                [(key, old["id"]) for key in keys],
            )
            db.execute("DELETE FROM dedup_fingerprints WHERE id = ?", (old["id"],))
        if data is None:
            return
        fingerprint_id = db.execute(
            "INSERT INTO dedup_fingerprints (article_id, fingerprint) VALUES (?, ?) RETURNING id",
            (article_id, data),
        ).fetchone()["id"]
        _insert_rows(
            db,
            "INSERT INTO dedup_bands (band_key, fingerprint_id) VALUES",
            [(key, fingerprint_id) for key in band_keys(Fingerprint.from_bytes(data))],
            "ON CONFLICT DO NOTHING",
        )

    def _revise(self, db: Session, existing: Any, item: ArticleItem, now: str) -> None:
        """Keep the record's current version in ``revisions`` and update it in place."""
        db.execute(
            "INSERT INTO revisions (article_id, seen_at, title, text, modified, content_hash)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (
                existing["id"],
                existing["last_seen"],
                existing["title"],
                existing["text"],
                existing["modified"],
                existing["content_hash"],
            ),
        )
        # The record keeps its URL and id; a revision without its own
        # modification date is dated by when the change was seen.
        self._update_content(db, existing, item, now, keep_url=True)
        db.execute(
            "UPDATE articles SET modified = ? WHERE id = ?",
            (now if item.modified is None else item.modified, existing["id"]),
        )

    def _update_content(
        self, db: Session, existing: Any, item: ArticleItem, now: str, *, keep_url: bool
    ) -> None:
        """Give the record ``item``'s content (its URL too unless ``keep_url``)."""
        names = [n for n in _CONTENT_FIELDS if not (keep_url and n in {"url", "domain"})]
        values = dict(zip(names, _row_values(item, names), strict=True))
        for name in _FILLABLE:
            if values.get(name) is None and name in values:
                values[name] = existing[name]
        assignments = ", ".join(f"{name} = ?" for name in values)
        db.execute(
            f"UPDATE articles SET {assignments}, last_seen = ? WHERE id = ?",
            [*values.values(), now, existing["id"]],
        )
        self._set_fingerprint(db, existing["id"], item.fingerprint)

    def _fill_gaps(self, db: Session, existing: Any, item: ArticleItem, now: str) -> None:
        updates = {
            name: getattr(item, name)
            for name in _FILLABLE
            if existing[name] is None and getattr(item, name) is not None
        }
        if existing["authors"] == "[]" and item.authors:
            updates["authors"] = json.dumps(item.authors, ensure_ascii=False)
        assignments = "".join(f"{name} = ?, " for name in updates)
        db.execute(
            f"UPDATE articles SET {assignments}last_seen = ? WHERE id = ?",
            [*updates.values(), now, existing["id"]],
        )

    def _observe_boilerplate(self, db: Session, item: ArticleItem) -> None:
        """Count a new article and its lines into its site's boilerplate model."""
        if not item.domain or not item.boilerplate_units:
            return
        db.execute(
            "INSERT INTO boilerplate_domains (domain, articles) VALUES (?, 1)"
            " ON CONFLICT (domain) DO UPDATE SET articles = boilerplate_domains.articles + 1",
            (item.domain,),
        )
        _insert_rows(
            db,
            "INSERT INTO boilerplate_units (domain, unit_hash, articles) VALUES",
            [(item.domain, unit, 1) for unit in sorted(set(item.boilerplate_units))],
            "ON CONFLICT (domain, unit_hash) DO UPDATE SET articles = boilerplate_units.articles + 1",
        )

    def boilerplate_counts(
        self, domain: str, *, min_articles: int
    ) -> tuple[int, list[tuple[int, int]]]:
        """Articles seen for ``domain``, and its units found in at least ``min_articles``."""
        with self._reading() as db:
            row = db.execute(
                "SELECT articles FROM boilerplate_domains WHERE domain = ?", (domain,)
            ).fetchone()
            units = db.execute(
                "SELECT unit_hash, articles FROM boilerplate_units"
                " WHERE domain = ? AND articles >= ?",
                (domain, min_articles),
            ).fetchall()
        return (row["articles"] if row else 0), [(u["unit_hash"], u["articles"]) for u in units]

    # Conditional requests and watermarks

    def validators(self, url: str) -> Validators | None:
        """The validators stored for ``url`` (a feed, sitemap or section page), if any."""
        with self._reading() as db:
            row = db.execute(
                "SELECT etag, last_modified FROM validators WHERE url_key = ?", (url_key(url),)
            ).fetchone()
        return Validators(row["etag"], row["last_modified"]) if row else None

    def save_validators(self, entries: Mapping[str, Validators], checked_at: str) -> None:
        """Store validators by URL, replacing earlier ones; an empty ``Validators`` forgets them."""
        keep = [(u, v) for u, v in entries.items() if v.etag or v.last_modified]
        forget = [u for u, v in entries.items() if not (v.etag or v.last_modified)]

        def save(db: Session) -> None:
            if keep:
                db.executemany(
                    "INSERT INTO validators (url_key, url, etag, last_modified, checked_at)"
                    " VALUES (?, ?, ?, ?, ?) ON CONFLICT (url_key) DO UPDATE SET"
                    " url = excluded.url, etag = excluded.etag,"
                    " last_modified = excluded.last_modified, checked_at = excluded.checked_at",
                    [(url_key(u), u, v.etag, v.last_modified, checked_at) for u, v in keep],
                )
            if forget:
                db.executemany(
                    "DELETE FROM validators WHERE url_key = ?", [(url_key(u),) for u in forget]
                )

        self._transaction(save)

    def watermark(self, source: str) -> str | None:
        """When the latest run that finished with no error for ``source`` started (ISO 8601)."""
        with self._reading() as db:
            row = db.execute(
                "SELECT max(r.started_at) AS started_at FROM run_sources s"
                " JOIN runs r ON r.id = s.run_id"
                " WHERE s.source = ? AND s.errors = 0 AND r.finish_reason = 'finished'",
                (source,),
            ).fetchone()
        return row["started_at"] if row else None

    # Run report

    def start_run(self, spider: str, started_at: str) -> int:
        """Record that a run of ``spider`` started; its id, for ``finish_run``."""
        row = self._transaction(
            lambda db: db.execute(
                "INSERT INTO runs (spider, started_at) VALUES (?, ?) RETURNING id",
                (spider, started_at),
            ).fetchone()
        )
        return int(row["id"])

    def finish_run(
        self,
        run_id: int,
        *,
        finished_at: str,
        finish_reason: str,
        sources: Mapping[str, SourceCounts],
    ) -> None:
        """Record how run ``run_id`` ended and what it did per source."""

        def finish(db: Session) -> None:
            db.execute(
                "UPDATE runs SET finished_at = ?, finish_reason = ? WHERE id = ?",
                (finished_at, finish_reason, run_id),
            )
            self._write_run_sources(db, run_id, sources, replace=True)

        self._transaction(finish)

    def _write_run_sources(
        self, db: Session, run_id: int, sources: Mapping[str, SourceCounts], *, replace: bool
    ) -> None:
        if not sources:
            return
        update = ", ".join(f"{name} = excluded.{name}" for name in _RUN_COUNTS)
        db.executemany(
            f"INSERT INTO run_sources (run_id, source, {', '.join(_RUN_COUNTS)})"
            f" VALUES ({_marks(range(2 + len(_RUN_COUNTS)))}) ON CONFLICT (run_id, source)"
            + (f" DO UPDATE SET {update}" if replace else " DO NOTHING"),
            [
                (run_id, name, *(getattr(counts, c) for c in _RUN_COUNTS))
                for name, counts in sources.items()
            ],
        )

    def recent_runs(self, limit: int | None = None) -> list[RunRecord]:
        """Runs, latest first, each with its counts per source."""
        with self._reading() as db:
            rows = db.execute(
                "SELECT * FROM runs ORDER BY started_at DESC, id DESC"
                + ("" if limit is None else " LIMIT ?"),
                () if limit is None else (limit,),
            ).fetchall()
            runs = []
            for row in rows:
                sources = {
                    r["source"]: SourceCounts(**{c: r[c] for c in _RUN_COUNTS})
                    for r in db.execute(
                        "SELECT * FROM run_sources WHERE run_id = ? ORDER BY source",
                        (row["id"],),
                    ).fetchall()
                }
                runs.append(
                    RunRecord(
                        id=row["id"],
                        spider=row["spider"],
                        started_at=row["started_at"],
                        finished_at=row["finished_at"],
                        finish_reason=row["finish_reason"],
                        sources=sources,
                    )
                )
        return runs

    # Reading

    def article_id_for_url(self, url: str) -> str | None:
        """The id of the record that holds ``url``, if any."""
        with self._reading() as db:
            row = db.execute(
                "SELECT article_id FROM article_urls WHERE url_key = ?", (url_key(url),)
            ).fetchone()
        return row["article_id"] if row else None

    def sightings(self, url: str) -> Sighting | None:
        """When the record holding ``url`` was published, first and last seen."""
        with self._reading() as db:
            row = db.execute(
                "SELECT a.published, a.first_seen, a.last_seen FROM article_urls u"
                " JOIN articles a ON a.id = u.article_id WHERE u.url_key = ?",
                (url_key(url),),
            ).fetchone()
        return Sighting(row["published"], row["first_seen"], row["last_seen"]) if row else None

    def known_urls(self, urls: Iterable[str]) -> set[str]:
        """The subset of ``urls`` that the archive already holds."""
        by_key: dict[str, list[str]] = {}
        for url in urls:
            by_key.setdefault(url_key(url), []).append(url)
        keys = list(by_key)
        found: set[str] = set()
        with self._reading() as db:
            for start in range(0, len(keys), PAGE_SIZE):
                chunk = keys[start : start + PAGE_SIZE]
                for row in db.execute(
                    f"SELECT url_key FROM article_urls WHERE url_key IN ({_marks(chunk)})", chunk
                ).fetchall():
                    found.update(by_key[row["url_key"]])
        return found

    def get(self, article_id: str) -> ArticleItem | None:
        """One record by id."""
        with self._reading() as db:
            row = db.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
            return self._items(db, [row])[0] if row else None

    def iter_articles(
        self, *, since: str | None = None, domain: str | None = None
    ) -> Iterator[ArticleItem]:
        """Records in archive order, optionally published on/after ``since`` or from ``domain``.

        Read a page at a time, each with its own connection: a slow consumer holds none.
        """
        clauses: list[str] = []
        params: list[object] = []
        if since:
            # Day resolution: ISO strings with different offsets do not compare as text.
            clauses.append("substr(coalesce(published, first_seen), 1, 10) >= ?")
            params.append(since[:10])
        if domain:
            clauses.append("(domain = ? OR domain LIKE ?)")
            params += [domain.lower(), f"%.{domain.lower()}"]
        after: tuple[str, int] | None = None
        while True:
            with self._reading() as db:
                rows = self._page(db, clauses, params, after)
                items = self._items(db, rows)
            yield from items
            if len(rows) < PAGE_SIZE:
                return
            after = (rows[-1]["first_seen"], rows[-1]["archive_order"])

    def _page(
        self,
        db: Session,
        clauses: list[str],
        params: list[object],
        after: tuple[str, int] | None,
        limit: int = PAGE_SIZE,
    ) -> list[Any]:
        """One page of article rows in archive order, after the position ``after``."""
        order = self.dialect.insertion_order
        if after is not None:
            clauses = [*clauses, f"(first_seen, {order}) > (?, ?)"]
            params = [*params, *after]
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        return db.execute(
            f"SELECT *, {order} AS archive_order FROM articles{where}"
            f" ORDER BY first_seen, {order} LIMIT ?",
            [*params, limit],
        ).fetchall()

    def iter_revisions(self, article_id: str) -> Iterator[dict[str, object]]:
        """Earlier versions of one record, oldest first."""
        with self._reading() as db:
            rows = db.execute(
                "SELECT seen_at, title, text, modified, content_hash FROM revisions"
                " WHERE article_id = ? ORDER BY id",
                (article_id,),
            ).fetchall()
        for row in rows:
            yield dict(row)

    def count(self) -> int:
        """How many records the archive holds."""
        with self._reading() as db:
            return int(db.execute("SELECT count(*) AS n FROM articles").fetchone()["n"])

    def _items(self, db: Session, rows: list[Any]) -> list[ArticleItem]:
        urls = self._urls_of(db, [row["id"] for row in rows])
        items = []
        for row in rows:
            values = {name: row[name] for name in _ROW_FIELDS}
            for name, empty in _JSON_FIELDS.items():
                values[name] = json.loads(values[name] or empty)
            values["truncated"] = bool(values["truncated"])
            # The fingerprint stays in the dedup tables: a record read back is for export.
            items.append(ArticleItem(urls=[url for _, url, _ in urls[row["id"]]], **values))
        return items

    def _urls_of(self, db: Session, ids: list[str]) -> dict[str, list[tuple[str, str, str]]]:
        """``(url_key, url, first_seen)`` of each record, in the order they were archived."""
        found: dict[str, list[tuple[str, str, str]]] = {article_id: [] for article_id in ids}
        for start in range(0, len(ids), PAGE_SIZE):
            chunk = ids[start : start + PAGE_SIZE]
            for row in db.execute(
                "SELECT article_id, url_key, url, first_seen FROM article_urls"
                f" WHERE article_id IN ({_marks(chunk)})"
                f" ORDER BY first_seen, {self.dialect.insertion_order}",
                chunk,
            ).fetchall():
                found[row["article_id"]].append((row["url_key"], row["url"], row["first_seen"]))
        return found

    # Copying between archives (`scrapy copy`)

    def stored_records(
        self, after: tuple[str, int] | None, limit: int
    ) -> tuple[list[StoredRecord], tuple[str, int] | None]:
        """Up to ``limit`` records as stored, in archive order after ``after``; the next position."""
        with self._reading() as db:
            rows = self._page(db, [], [], after, limit)
            ids = [row["id"] for row in rows]
            urls = self._urls_of(db, ids)
            revisions: dict[str, list[Any]] = {article_id: [] for article_id in ids}
            fingerprints: dict[str, bytes] = {}
            for start in range(0, len(ids), PAGE_SIZE):
                chunk = ids[start : start + PAGE_SIZE]
                for row in db.execute(
                    "SELECT article_id, seen_at, title, text, modified, content_hash"
                    f" FROM revisions WHERE article_id IN ({_marks(chunk)}) ORDER BY id",
                    chunk,
                ).fetchall():
                    revisions[row["article_id"]].append(
                        (
                            row["seen_at"],
                            row["title"],
                            row["text"],
                            row["modified"],
                            row["content_hash"],
                        )
                    )
                for row in db.execute(
                    "SELECT article_id, fingerprint FROM dedup_fingerprints"
                    f" WHERE article_id IN ({_marks(chunk)})",
                    chunk,
                ).fetchall():
                    fingerprints[row["article_id"]] = bytes(row["fingerprint"])
        records = [
            StoredRecord(
                row={name: row[name] for name in STORED_COLUMNS},
                urls=urls[row["id"]],
                revisions=revisions[row["id"]],
                fingerprint=fingerprints.get(row["id"]),
            )
            for row in rows
        ]
        following = (rows[-1]["first_seen"], rows[-1]["archive_order"]) if rows else None
        return records, following

    def add_stored_records(self, records: Sequence[StoredRecord]) -> AddedRecords:
        """Add records exactly as stored elsewhere, in one transaction; ids held already are kept.

        Not a deduplication: each record keeps its id, dates and URLs (a URL another
        record holds here stays with that one and is counted).
        """

        def add(db: Session) -> AddedRecords:
            ids = [record.row["id"] for record in records]
            present = {
                row["id"]
                for row in db.execute(
                    f"SELECT id FROM articles WHERE id IN ({_marks(ids)})", ids
                ).fetchall()
            }
            added = revisions = held_elsewhere = 0
            for record in records:
                article_id = record.row["id"]
                if article_id in present:
                    continue
                self._insert(db, record.row, None)
                cursor = db.executemany(
                    "INSERT INTO article_urls (url_key, url, article_id, first_seen)"
                    " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    [(key, url, article_id, seen) for key, url, seen in record.urls],
                )
                held_elsewhere += len(record.urls) - max(cursor.rowcount, 0)
                if record.revisions:
                    db.executemany(
                        "INSERT INTO revisions"
                        " (article_id, seen_at, title, text, modified, content_hash)"
                        " VALUES (?, ?, ?, ?, ?, ?)",
                        [(article_id, *revision) for revision in record.revisions],
                    )
                    revisions += len(record.revisions)
                self._set_fingerprint(db, article_id, record.fingerprint)
                present.add(article_id)
                added += 1
            return AddedRecords(added, len(records) - added, revisions, held_elsewhere)

        if not records:
            return AddedRecords()
        return self._transaction(add, exclusive=True)

    def stored_boilerplate(
        self, after: tuple[str, int] | None, limit: int
    ) -> list[tuple[str, int, int]]:
        """Up to ``limit`` ``(domain, unit_hash, articles)`` rows after ``after``, in key order."""
        clause, params = (
            ("", []) if after is None else (" WHERE (domain, unit_hash) > (?, ?)", after)
        )
        with self._reading() as db:
            rows = db.execute(
                f"SELECT domain, unit_hash, articles FROM boilerplate_units{clause}"
                " ORDER BY domain, unit_hash LIMIT ?",
                [*params, limit],
            ).fetchall()
        return [(row["domain"], row["unit_hash"], row["articles"]) for row in rows]

    def stored_boilerplate_domains(self) -> list[tuple[str, int]]:
        """``(domain, articles)`` of every site's boilerplate model."""
        with self._reading() as db:
            rows = db.execute("SELECT domain, articles FROM boilerplate_domains").fetchall()
        return [(row["domain"], row["articles"]) for row in rows]

    def add_boilerplate(
        self, domains: Sequence[tuple[str, int]], units: Sequence[tuple[str, int, int]]
    ) -> int:
        """Merge boilerplate counts, keeping the larger: copying again changes nothing.

        Returns how many counts were added or raised.
        """

        def add(db: Session) -> int:
            changed = 0
            for table, key, rows in (
                ("boilerplate_domains", "domain", domains),
                ("boilerplate_units", "domain, unit_hash", units),
            ):
                if rows:
                    changed += max(
                        db.executemany(
                            f"INSERT INTO {table} ({key}, articles)"
                            f" VALUES ({_marks(rows[0])}) ON CONFLICT ({key}) DO UPDATE SET"
                            " articles = excluded.articles"
                            f" WHERE {table}.articles < excluded.articles",
                            rows,
                        ).rowcount,
                        0,
                    )
            return changed

        return self._transaction(add, exclusive=True) if domains or units else 0

    def stored_validators(self) -> list[tuple[str, str, str | None, str | None, str]]:
        """Every ``(url_key, url, etag, last_modified, checked_at)`` row."""
        with self._reading() as db:
            rows = db.execute(
                "SELECT url_key, url, etag, last_modified, checked_at FROM validators"
                " ORDER BY url_key"
            ).fetchall()
        return [
            (r["url_key"], r["url"], r["etag"], r["last_modified"], r["checked_at"]) for r in rows
        ]

    def add_validators(self, rows: Sequence[tuple[str, str, str | None, str | None, str]]) -> int:
        """Merge validator rows; for a URL held on both sides the later check wins.

        Returns how many rows were added or replaced.
        """
        if not rows:
            return 0
        return self._transaction(
            lambda db: (
                db.executemany(
                    "INSERT INTO validators (url_key, url, etag, last_modified, checked_at)"
                    " VALUES (?, ?, ?, ?, ?) ON CONFLICT (url_key) DO UPDATE SET"
                    " url = excluded.url, etag = excluded.etag,"
                    " last_modified = excluded.last_modified, checked_at = excluded.checked_at"
                    " WHERE validators.checked_at < excluded.checked_at",
                    rows,
                ).rowcount
            )
        )

    def add_runs(self, runs: Sequence[RunRecord]) -> int:
        """Add run reports with their ids (a new id if another run holds one); how many were new.

        A run already here (same id or same spider and start) is kept; if it was
        unfinished here and has finished since, its ending and counts are added.
        """

        def add(db: Session) -> int:
            added = 0
            explicit = False
            for run in sorted(runs, key=lambda r: r.id):
                same = db.execute(
                    "SELECT id, finished_at FROM runs WHERE spider = ? AND started_at = ?"
                    " ORDER BY id != ?, id LIMIT 1",
                    (run.spider, run.started_at, run.id),
                ).fetchone()
                if same is not None:
                    if same["finished_at"] is None and run.finished_at is not None:
                        db.execute(
                            "UPDATE runs SET finished_at = ?, finish_reason = ? WHERE id = ?",
                            (run.finished_at, run.finish_reason, same["id"]),
                        )
                        self._write_run_sources(db, same["id"], run.sources, replace=True)
                    continue
                taken = db.execute("SELECT 1 AS taken FROM runs WHERE id = ?", (run.id,))
                values = (run.spider, run.started_at, run.finished_at, run.finish_reason)
                if taken.fetchone() is None:
                    db.execute(
                        "INSERT INTO runs (id, spider, started_at, finished_at, finish_reason)"
                        " VALUES (?, ?, ?, ?, ?)",
                        (run.id, *values),
                    )
                    run_id, explicit = run.id, True
                else:
                    run_id = db.execute(
                        "INSERT INTO runs (spider, started_at, finished_at, finish_reason)"
                        " VALUES (?, ?, ?, ?) RETURNING id",
                        values,
                    ).fetchone()["id"]
                self._write_run_sources(db, run_id, run.sources, replace=False)
                added += 1
            if explicit:
                self._kept_explicit_ids(db, "runs")
            return added

        return self._transaction(add) if runs else 0


def _insert_rows(db: Session, head: str, rows: Sequence[Sequence[object]], tail: str) -> int:
    """``head`` (an INSERT ending in VALUES) with ``rows``, a few hundred to a statement.

    One statement per chunk rather than one per row: a round trip each to a server.
    Returns the rows inserted (or updated).
    """
    count = 0
    for start in range(0, len(rows), 200):
        chunk = rows[start : start + 200]
        values = ",".join(f"({_marks(row)})" for row in chunk)
        cursor = db.execute(f"{head} {values} {tail}", [v for row in chunk for v in row])
        count += max(cursor.rowcount, 0)
    return count


def _marks(values: Iterable[object]) -> str:
    """``?`` placeholders for each of ``values``."""
    return ",".join("?" for _ in values)


def _row_values(item: ArticleItem, names: Iterable[str]) -> list[object]:
    values: list[object] = []
    for name in names:
        value = getattr(item, name)
        if name in _JSON_FIELDS:
            value = json.dumps(value, ensure_ascii=False) if value else _JSON_FIELDS[name]
        elif name == "truncated":
            value = int(bool(value))
        values.append(value)
    return values


def _copy_of_row(row: Any) -> Copy:
    """An archived record as dedup's ``Copy`` (with its fingerprint when the row has one)."""
    fingerprint = row["fingerprint"] if "fingerprint" in row.keys() else None  # noqa: SIM118
    return Copy(
        id=row["id"],
        url=row["url"],
        fingerprint=bytes(fingerprint) if fingerprint else None,
        content_hash=row["content_hash"],
        published=row["published"],
        word_count=row["word_count"],
        truncated=bool(row["truncated"]),
        canonical=row["canonical"],
        text=row["text"],
    )


def _copy_of_item(item: ArticleItem) -> Copy:
    """A record about to be saved as dedup's ``Copy``."""
    return Copy(
        id=None,
        url=item.url or "",
        fingerprint=Fingerprint.from_bytes(item.fingerprint) if item.fingerprint else None,
        content_hash=item.content_hash,
        published=item.published,
        word_count=item.word_count,
        truncated=item.truncated,
        canonical=item.canonical,
        text=item.text,
    )
