"""The embedded default archive: one SQLite file in WAL mode, short write transactions."""

from __future__ import annotations

import json
import sqlite3
from contextlib import contextmanager
from dataclasses import fields
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, unquote, urlsplit

from newsarchive.dates import utc_now_iso
from newsarchive.dedup import (
    THRESHOLD,
    Copy,
    Fingerprint,
    band_keys,
    near_duplicate_of,
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

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping, Sequence

    from newsarchive.dedup import Match

# Each entry moves the schema one version up; PRAGMA user_version records where a file is.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        url TEXT NOT NULL,
        domain TEXT,
        title TEXT,
        authors TEXT NOT NULL DEFAULT '[]',
        published TEXT,
        modified TEXT,
        language TEXT,
        text TEXT,
        description TEXT,
        tags TEXT NOT NULL DEFAULT '[]',
        image TEXT,
        site_name TEXT,
        fetched_at TEXT,
        content_hash TEXT,
        word_count INTEGER NOT NULL DEFAULT 0,
        truncated INTEGER NOT NULL DEFAULT 0,
        removed TEXT NOT NULL DEFAULT '{}',
        canonical TEXT,
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL
    );
    CREATE INDEX articles_domain ON articles (domain);
    CREATE INDEX articles_published ON articles (published);
    CREATE INDEX articles_content_hash ON articles (content_hash);
    CREATE TABLE article_urls (
        url_key TEXT PRIMARY KEY,
        url TEXT NOT NULL,
        article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        first_seen TEXT NOT NULL
    );
    CREATE INDEX article_urls_article ON article_urls (article_id);
    CREATE TABLE revisions (
        id INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        seen_at TEXT NOT NULL,
        title TEXT,
        text TEXT,
        modified TEXT,
        content_hash TEXT
    );
    CREATE INDEX revisions_article ON revisions (article_id);
    CREATE TABLE dedup_fingerprints (
        id INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL UNIQUE REFERENCES articles (id) ON DELETE CASCADE,
        fingerprint BLOB NOT NULL
    );
    CREATE TABLE dedup_bands (
        band_key INTEGER NOT NULL,
        fingerprint_id INTEGER NOT NULL,
        PRIMARY KEY (band_key, fingerprint_id)
    ) WITHOUT ROWID;
    CREATE TABLE boilerplate_domains (
        domain TEXT PRIMARY KEY,
        articles INTEGER NOT NULL
    );
    CREATE TABLE boilerplate_units (
        domain TEXT NOT NULL,
        unit_hash INTEGER NOT NULL,
        articles INTEGER NOT NULL,
        PRIMARY KEY (domain, unit_hash)
    ) WITHOUT ROWID;
    """,
    # 2: the run report, one row per crawl and one per source (or host) it fetched from.
    """
    CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        spider TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        finish_reason TEXT
    );
    CREATE INDEX runs_started ON runs (started_at);
    CREATE TABLE run_sources (
        run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        source TEXT NOT NULL,
        requests INTEGER NOT NULL DEFAULT 0,
        not_modified INTEGER NOT NULL DEFAULT 0,
        new INTEGER NOT NULL DEFAULT 0,
        revised INTEGER NOT NULL DEFAULT 0,
        duplicates INTEGER NOT NULL DEFAULT 0,
        errors INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (run_id, source)
    ) WITHOUT ROWID;
    """,
    # 3: validators of feeds, sitemaps and section pages, for conditional requests.
    """
    CREATE TABLE validators (
        url_key TEXT PRIMARY KEY,
        url TEXT NOT NULL,
        etag TEXT,
        last_modified TEXT,
        checked_at TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX run_sources_source ON run_sources (source);
    """,
)

_JSON_FIELDS = {"authors": "[]", "tags": "[]", "removed": "{}"}
# Columns stored on the articles row; `urls` lives in article_urls, the
# fingerprint in dedup_fingerprints.
_ROW_FIELDS = [
    f.name
    for f in fields(ArticleItem)
    if f.name not in {"urls", "fingerprint", "boilerplate_units"}
]
# What a record takes from the copy that becomes its primary (its publisher's).
_CONTENT_FIELDS = [name for name in _ROW_FIELDS if name not in {"id"}]
# Metadata that a later sighting may fill in when the record lacks it.
_FILLABLE = ("title", "published", "modified", "language", "description", "image", "site_name")


# PRAGMA synchronous levels a URI may ask for: NORMAL (the default) survives a crash
# of newsarchive; FULL also survives a power cut, at the cost of an fsync per commit.
SYNCHRONOUS_LEVELS = ("NORMAL", "FULL", "EXTRA")


def sqlite_synchronous(uri: str) -> str:
    """The ``?synchronous=`` level of a sqlite URI (``NORMAL`` when absent)."""
    values = parse_qs(urlsplit(uri).query).get("synchronous", ["NORMAL"])
    level = values[-1].upper()
    if level not in SYNCHRONOUS_LEVELS:
        raise StoreError(
            f"synchronous={values[-1]!r} in {uri!r}: expected one of {', '.join(SYNCHRONOUS_LEVELS)}"
        )
    return level


def sqlite_path(uri: str) -> str:
    """The file path of a ``sqlite:///relative`` or ``sqlite:////absolute`` URI."""
    parts = urlsplit(uri)
    if parts.scheme != "sqlite" or parts.netloc:
        raise StoreError(f"not a sqlite URI: {uri!r} (expected sqlite:///path/to/archive.sqlite3)")
    path = unquote(parts.path)
    if path == "/:memory:":
        return ":memory:"
    if not path.startswith("/") or len(path) < 2:
        raise StoreError(f"sqlite URI has no file path: {uri!r}")
    return path[1:]


class SQLiteStore:
    """An archive in one SQLite file; safe for several processes writing at once.

    Deduplication happens inside each write transaction, so two processes saving
    copies of one article never make two records: a record is found by any of its
    URLs (compared by ``url_key``), by its content hash, or as a near duplicate
    through the banded fingerprint index. One instance may be used from any
    thread, but from one thread at a time.
    """

    def __init__(
        self,
        uri: str,
        *,
        busy_timeout: float = 60.0,
        near_duplicate_threshold: float | None = None,
    ):
        self.uri = uri
        synchronous = sqlite_synchronous(uri)
        self.near_duplicate_threshold = near_duplicate_threshold or THRESHOLD
        path = sqlite_path(uri)
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        try:
            # Autocommit mode: transactions are opened explicitly with BEGIN IMMEDIATE
            # so that a writer takes the lock up front instead of failing on upgrade.
            self._db = sqlite3.connect(
                path, timeout=busy_timeout, isolation_level=None, check_same_thread=False
            )
            self._db.row_factory = sqlite3.Row
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute(f"PRAGMA synchronous={synchronous}")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open archive {uri!r}: {exc}") from exc

    def _migrate(self) -> None:
        with self._transaction() as db:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version > len(MIGRATIONS):
                raise StoreError(
                    f"archive {self.uri!r} has schema version {version}, newer than this "
                    f"newsarchive ({len(MIGRATIONS)}): upgrade newsarchive"
                )
            for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
                for statement in script.split(";"):
                    if statement.strip():
                        db.execute(statement)
                db.execute(f"PRAGMA user_version={number}")

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

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
        outcomes: list[SaveOutcome | StoreError] = []
        try:
            with self._transaction() as db:
                for item in items:
                    outcomes.append(self._save_one(db, item, now))
        except sqlite3.Error as exc:
            raise StoreError(f"archive {self.uri!r}: {exc}") from exc
        return outcomes

    def _save_one(
        self, db: sqlite3.Connection, item: ArticleItem, now: str
    ) -> SaveOutcome | StoreError:
        urls = list(dict.fromkeys([u for u in [item.url, *item.urls] if u]))
        if not urls or not item.id:
            return StoreError(f"record {item.id or item.url!r} needs an id and a url")
        db.execute("SAVEPOINT record")
        try:
            outcome = self._write(db, item, urls, now)
        except (sqlite3.IntegrityError, ValueError) as exc:
            db.execute("ROLLBACK TO record")
            db.execute("RELEASE record")
            return StoreError(f"record {item.url!r} not saved: {exc}")
        db.execute("RELEASE record")
        return outcome

    def _write(
        self, db: sqlite3.Connection, item: ArticleItem, urls: list[str], now: str
    ) -> SaveOutcome:
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
            self._revise(db, by_url, item, now)
            return SaveOutcome(by_url["id"], "revised", new_urls=added)
        match = self._duplicate_of(db, item)
        if match is not None:
            article_id = str(match.record.id)
            added = self._add_urls(db, article_id, urls, now)
            existing = db.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
            if match.new_is_primary:
                self._replace_content(db, existing, item, now)
            else:
                self._fill_gaps(db, existing, item, now)
            return SaveOutcome(
                article_id, "duplicate", new_urls=added, match="exact" if match.exact else "near"
            )
        self._insert(db, item, now)
        self._add_urls(db, item.id or "", urls, now)
        self._set_fingerprint(db, item.id or "", item.fingerprint)
        self._observe_boilerplate(db, item)
        return SaveOutcome(item.id or "", "new", new_urls=len(urls))

    def _record_by_url(self, db: sqlite3.Connection, urls: list[str]) -> sqlite3.Row | None:
        keys = list(dict.fromkeys(url_key(u) for u in urls))
        marks = ",".join("?" * len(keys))
        return db.execute(
            "SELECT a.* FROM article_urls u JOIN articles a ON a.id = u.article_id"
            f" WHERE u.url_key IN ({marks}) ORDER BY u.first_seen LIMIT 1",
            keys,
        ).fetchone()

    def _duplicate_of(self, db: sqlite3.Connection, item: ArticleItem) -> Match | None:
        """The record ``item`` copies: same content hash, or a near duplicate by fingerprint."""
        clauses, params = [], []
        if item.content_hash:
            clauses.append("a.content_hash = ?")
            params.append(item.content_hash)
        fingerprint = Fingerprint.from_bytes(item.fingerprint) if item.fingerprint else None
        if fingerprint is not None:
            keys = band_keys(fingerprint)
            clauses.append(
                "f.id IN (SELECT fingerprint_id FROM dedup_bands"
                f" WHERE band_key IN ({','.join('?' * len(keys))}))"
            )
            params += keys
        if not clauses:
            return None
        rows = db.execute(
            "SELECT a.id, a.url, a.content_hash, a.published, a.word_count, a.truncated,"
            " a.canonical, a.text, f.fingerprint FROM articles a"
            " LEFT JOIN dedup_fingerprints f ON f.article_id = a.id"
            f" WHERE {' OR '.join(clauses)} LIMIT 50",
            params,
        ).fetchall()
        candidates = [
            Copy(
                id=row["id"],
                url=row["url"],
                fingerprint=row["fingerprint"],
                content_hash=row["content_hash"],
                published=row["published"],
                word_count=row["word_count"],
                truncated=bool(row["truncated"]),
                canonical=row["canonical"],
                text=row["text"],
            )
            for row in rows
        ]
        new = Copy(
            id=None,
            url=item.url or "",
            fingerprint=fingerprint,
            content_hash=item.content_hash,
            published=item.published,
            word_count=item.word_count,
            truncated=item.truncated,
            canonical=item.canonical,
            text=item.text,
        )
        return near_duplicate_of(new, candidates, threshold=self.near_duplicate_threshold)

    def _insert(self, db: sqlite3.Connection, item: ArticleItem, now: str) -> None:
        columns = [*_ROW_FIELDS, "first_seen", "last_seen"]
        db.execute(
            f"INSERT INTO articles ({','.join(columns)}) VALUES ({','.join('?' * len(columns))})",
            [*_row_values(item, _ROW_FIELDS), now, now],
        )

    def _add_urls(self, db: sqlite3.Connection, article_id: str, urls: list[str], now: str) -> int:
        cursor = db.executemany(
            "INSERT OR IGNORE INTO article_urls (url_key, url, article_id, first_seen)"
            " VALUES (?, ?, ?, ?)",
            [(url_key(url), url, article_id, now) for url in urls],
        )
        return cursor.rowcount

    def _set_fingerprint(
        self, db: sqlite3.Connection, article_id: str, data: bytes | None
    ) -> None:
        old = db.execute(
            "SELECT id, fingerprint FROM dedup_fingerprints WHERE article_id = ?", (article_id,)
        ).fetchone()
        if old is not None:
            keys = band_keys(Fingerprint.from_bytes(old["fingerprint"]))
            db.executemany(
                "DELETE FROM dedup_bands WHERE band_key = ? AND fingerprint_id = ?",
                [(key, old["id"]) for key in keys],
            )
            db.execute("DELETE FROM dedup_fingerprints WHERE id = ?", (old["id"],))
        if data is None:
            return
        fingerprint_id = db.execute(
            "INSERT INTO dedup_fingerprints (article_id, fingerprint) VALUES (?, ?)",
            (article_id, data),
        ).lastrowid
        db.executemany(
            "INSERT OR IGNORE INTO dedup_bands (band_key, fingerprint_id) VALUES (?, ?)",
            [(key, fingerprint_id) for key in band_keys(Fingerprint.from_bytes(data))],
        )

    def _revise(
        self, db: sqlite3.Connection, existing: sqlite3.Row, item: ArticleItem, now: str
    ) -> None:
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
            "UPDATE articles SET modified = coalesce(?, ?) WHERE id = ?",
            (item.modified, now, existing["id"]),
        )

    def _replace_content(
        self, db: sqlite3.Connection, existing: sqlite3.Row, item: ArticleItem, now: str
    ) -> None:
        """Make ``item`` (another publisher's copy) the record's primary copy."""
        self._update_content(db, existing, item, now, keep_url=False)

    def _update_content(
        self,
        db: sqlite3.Connection,
        existing: sqlite3.Row,
        item: ArticleItem,
        now: str,
        *,
        keep_url: bool,
    ) -> None:
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

    def _fill_gaps(
        self, db: sqlite3.Connection, existing: sqlite3.Row, item: ArticleItem, now: str
    ) -> None:
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

    def _observe_boilerplate(self, db: sqlite3.Connection, item: ArticleItem) -> None:
        """Count a new article and its lines into its site's boilerplate model."""
        if not item.domain or not item.boilerplate_units:
            return
        db.execute(
            "INSERT INTO boilerplate_domains (domain, articles) VALUES (?, 1)"
            " ON CONFLICT (domain) DO UPDATE SET articles = articles + 1",
            (item.domain,),
        )
        db.executemany(
            "INSERT INTO boilerplate_units (domain, unit_hash, articles) VALUES (?, ?, 1)"
            " ON CONFLICT (domain, unit_hash) DO UPDATE SET articles = articles + 1",
            [(item.domain, unit) for unit in set(item.boilerplate_units)],
        )

    def boilerplate_counts(
        self, domain: str, *, min_articles: int
    ) -> tuple[int, list[tuple[int, int]]]:
        """Articles seen for ``domain``, and its units found in at least ``min_articles``."""
        row = self._db.execute(
            "SELECT articles FROM boilerplate_domains WHERE domain = ?", (domain,)
        ).fetchone()
        units = self._db.execute(
            "SELECT unit_hash, articles FROM boilerplate_units WHERE domain = ? AND articles >= ?",
            (domain, min_articles),
        ).fetchall()
        return (row[0] if row else 0), [(unit, count) for unit, count in units]

    # Conditional requests and watermarks

    def validators(self, url: str) -> Validators | None:
        """The validators stored for ``url`` (a feed, sitemap or section page), if any."""
        row = self._db.execute(
            "SELECT etag, last_modified FROM validators WHERE url_key = ?", (url_key(url),)
        ).fetchone()
        return Validators(row["etag"], row["last_modified"]) if row else None

    def save_validators(self, entries: Mapping[str, Validators], checked_at: str) -> None:
        """Store validators by URL, replacing earlier ones; an empty ``Validators`` forgets them."""
        keep = [(u, v) for u, v in entries.items() if v.etag or v.last_modified]
        forget = [u for u, v in entries.items() if not (v.etag or v.last_modified)]
        with self._transaction() as db:
            db.executemany(
                "INSERT OR REPLACE INTO validators (url_key, url, etag, last_modified, checked_at)"
                " VALUES (?, ?, ?, ?, ?)",
                [(url_key(u), u, v.etag, v.last_modified, checked_at) for u, v in keep],
            )
            db.executemany(
                "DELETE FROM validators WHERE url_key = ?", [(url_key(u),) for u in forget]
            )

    def watermark(self, source: str) -> str | None:
        """When the latest run that finished with no error for ``source`` started (ISO 8601)."""
        row = self._db.execute(
            "SELECT max(r.started_at) FROM run_sources s JOIN runs r ON r.id = s.run_id"
            " WHERE s.source = ? AND s.errors = 0 AND r.finish_reason = 'finished'",
            (source,),
        ).fetchone()
        return row[0] if row else None

    # Run report

    def start_run(self, spider: str, started_at: str) -> int:
        """Record that a run of ``spider`` started; its id, for ``finish_run``."""
        with self._transaction() as db:
            cursor = db.execute(
                "INSERT INTO runs (spider, started_at) VALUES (?, ?)", (spider, started_at)
            )
        return int(cursor.lastrowid or 0)

    def finish_run(
        self,
        run_id: int,
        *,
        finished_at: str,
        finish_reason: str,
        sources: Mapping[str, SourceCounts],
    ) -> None:
        """Record how run ``run_id`` ended and what it did per source."""
        with self._transaction() as db:
            db.execute(
                "UPDATE runs SET finished_at = ?, finish_reason = ? WHERE id = ?",
                (finished_at, finish_reason, run_id),
            )
            db.executemany(
                "INSERT OR REPLACE INTO run_sources (run_id, source, requests, not_modified,"
                " new, revised, duplicates, errors) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        run_id,
                        name,
                        counts.requests,
                        counts.not_modified,
                        counts.new,
                        counts.revised,
                        counts.duplicates,
                        counts.errors,
                    )
                    for name, counts in sources.items()
                ],
            )

    def recent_runs(self, limit: int | None = None) -> list[RunRecord]:
        """Runs, latest first, each with its counts per source."""
        rows = self._db.execute(
            "SELECT * FROM runs ORDER BY started_at DESC, id DESC LIMIT ?",
            (-1 if limit is None else limit,),
        ).fetchall()
        runs = []
        for row in rows:
            sources = {
                r["source"]: SourceCounts(
                    requests=r["requests"],
                    not_modified=r["not_modified"],
                    new=r["new"],
                    revised=r["revised"],
                    duplicates=r["duplicates"],
                    errors=r["errors"],
                )
                for r in self._db.execute(
                    "SELECT * FROM run_sources WHERE run_id = ? ORDER BY source", (row["id"],)
                )
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
        row = self._db.execute(
            "SELECT article_id FROM article_urls WHERE url_key = ?", (url_key(url),)
        ).fetchone()
        return row[0] if row else None

    def sightings(self, url: str) -> Sighting | None:
        """When the record holding ``url`` was published, first and last seen."""
        row = self._db.execute(
            "SELECT a.published, a.first_seen, a.last_seen FROM article_urls u"
            " JOIN articles a ON a.id = u.article_id WHERE u.url_key = ?",
            (url_key(url),),
        ).fetchone()
        return Sighting(*row) if row else None

    def known_urls(self, urls: Iterable[str]) -> set[str]:
        by_key: dict[str, list[str]] = {}
        for url in urls:
            by_key.setdefault(url_key(url), []).append(url)
        keys = list(by_key)
        found: set[str] = set()
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for row in self._db.execute(
                f"SELECT url_key FROM article_urls WHERE url_key IN ({marks})", chunk
            ):
                found.update(by_key[row[0]])
        return found

    def get(self, article_id: str) -> ArticleItem | None:
        row = self._db.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        return self._item(row) if row else None

    def iter_articles(
        self, *, since: str | None = None, domain: str | None = None
    ) -> Iterator[ArticleItem]:
        clauses, params = [], []
        if since:
            # Day resolution: ISO strings with different offsets do not compare as text.
            clauses.append("substr(coalesce(published, first_seen), 1, 10) >= ?")
            params.append(since[:10])
        if domain:
            clauses.append("(domain = ? OR domain LIKE ?)")
            params += [domain.lower(), f"%.{domain.lower()}"]
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        cursor = self._db.execute(
            f"SELECT * FROM articles{where} ORDER BY first_seen, rowid", params
        )
        for row in cursor:
            yield self._item(row)

    def iter_revisions(self, article_id: str) -> Iterator[dict[str, object]]:
        cursor = self._db.execute(
            "SELECT seen_at, title, text, modified, content_hash FROM revisions"
            " WHERE article_id = ? ORDER BY id",
            (article_id,),
        )
        for row in cursor:
            yield dict(row)

    def count(self) -> int:
        return self._db.execute("SELECT count(*) FROM articles").fetchone()[0]

    def close(self) -> None:
        self._db.close()

    def _item(self, row: sqlite3.Row) -> ArticleItem:
        values = {name: row[name] for name in _ROW_FIELDS}
        for name, empty in _JSON_FIELDS.items():
            values[name] = json.loads(values[name] or empty)
        values["truncated"] = bool(values["truncated"])
        urls = [
            r[0]
            for r in self._db.execute(
                "SELECT url FROM article_urls WHERE article_id = ? ORDER BY first_seen, rowid",
                (row["id"],),
            )
        ]
        # The fingerprint stays in the dedup tables: a record read back is for export.
        return ArticleItem(urls=urls, **values)


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
