"""The embedded default archive: one SQLite file in WAL mode, short write transactions."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import fields
from pathlib import Path
from urllib.parse import unquote, urlsplit

from newsarchive.dates import utc_now_iso
from newsarchive.items import ArticleItem
from newsarchive.store.base import SaveOutcome, StoreError

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
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL
    );
    CREATE INDEX articles_domain ON articles (domain);
    CREATE INDEX articles_published ON articles (published);
    CREATE INDEX articles_content_hash ON articles (content_hash);
    CREATE TABLE article_urls (
        url TEXT PRIMARY KEY,
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
    """,
)

_LIST_FIELDS = {"urls", "authors", "tags"}
# Columns stored on the articles row; `urls` lives in article_urls.
_ROW_FIELDS = [f.name for f in fields(ArticleItem) if f.name != "urls"]
# Metadata that a later sighting may fill in when the record lacks it.
_FILLABLE = ("title", "published", "modified", "language", "description", "image", "site_name")


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

    One instance may be used from any thread, but from one thread at a time.
    """

    def __init__(self, uri: str, *, busy_timeout: float = 60.0, synchronous: str = "NORMAL"):
        self.uri = uri
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
        except sqlite3.IntegrityError as exc:
            db.execute("ROLLBACK TO record")
            db.execute("RELEASE record")
            return StoreError(f"record {item.url!r} not saved: {exc}")
        db.execute("RELEASE record")
        return outcome

    def _write(
        self, db: sqlite3.Connection, item: ArticleItem, urls: list[str], now: str
    ) -> SaveOutcome:
        existing = self._find_existing(db, urls, item.content_hash)
        if existing is None:
            self._insert(db, item, now)
            self._add_urls(db, item.id or "", urls, now)
            return SaveOutcome(item.id or "", "new", new_urls=len(urls))
        article_id = existing["id"]
        added = self._add_urls(db, article_id, urls, now)
        if item.content_hash and item.content_hash != existing["content_hash"]:
            self._revise(db, existing, item, now)
            return SaveOutcome(article_id, "revised", new_urls=added)
        self._fill_gaps(db, existing, item, now)
        return SaveOutcome(article_id, "merged" if added else "unchanged", new_urls=added)

    def _find_existing(
        self, db: sqlite3.Connection, urls: list[str], content_hash: str | None
    ) -> sqlite3.Row | None:
        marks = ",".join("?" * len(urls))
        row = db.execute(
            "SELECT a.* FROM article_urls u JOIN articles a ON a.id = u.article_id"
            f" WHERE u.url IN ({marks}) ORDER BY u.first_seen LIMIT 1",
            urls,
        ).fetchone()
        if row is None and content_hash:
            row = db.execute(
                "SELECT * FROM articles WHERE content_hash = ? ORDER BY first_seen LIMIT 1",
                (content_hash,),
            ).fetchone()
        return row

    def _insert(self, db: sqlite3.Connection, item: ArticleItem, now: str) -> None:
        values = _row_values(item)
        columns = [*_ROW_FIELDS, "first_seen", "last_seen"]
        db.execute(
            f"INSERT INTO articles ({','.join(columns)}) VALUES ({','.join('?' * len(columns))})",
            [*values, now, now],
        )

    def _add_urls(self, db: sqlite3.Connection, article_id: str, urls: list[str], now: str) -> int:
        cursor = db.executemany(
            "INSERT OR IGNORE INTO article_urls (url, article_id, first_seen) VALUES (?, ?, ?)",
            [(url, article_id, now) for url in urls],
        )
        return cursor.rowcount

    def _revise(
        self, db: sqlite3.Connection, existing: sqlite3.Row, item: ArticleItem, now: str
    ) -> None:
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
        values = dict(zip(_ROW_FIELDS, _row_values(item), strict=True))
        del values["id"], values["url"]
        # The record keeps its first URL and id; a revision without its own
        # modification date is dated by when the change was seen.
        values["modified"] = values["modified"] or now
        for name in _FILLABLE:
            if values[name] is None:
                values[name] = existing[name]
        assignments = ", ".join(f"{name} = ?" for name in values)
        db.execute(
            f"UPDATE articles SET {assignments}, last_seen = ? WHERE id = ?",
            [*values.values(), now, existing["id"]],
        )

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

    def article_id_for_url(self, url: str) -> str | None:
        row = self._db.execute(
            "SELECT article_id FROM article_urls WHERE url = ?", (url,)
        ).fetchone()
        return row[0] if row else None

    def known_urls(self, urls: Iterable[str]) -> set[str]:
        wanted = list(dict.fromkeys(urls))
        found: set[str] = set()
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            found.update(
                row[0]
                for row in self._db.execute(
                    f"SELECT url FROM article_urls WHERE url IN ({marks})", chunk
                )
            )
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
        for name in ("authors", "tags"):
            values[name] = json.loads(values[name] or "[]")
        values["truncated"] = bool(values["truncated"])
        urls = [
            r[0]
            for r in self._db.execute(
                "SELECT url FROM article_urls WHERE article_id = ? ORDER BY first_seen, rowid",
                (row["id"],),
            )
        ]
        return ArticleItem(urls=urls, **values)


def _row_values(item: ArticleItem) -> list[object]:
    values: list[object] = []
    for name in _ROW_FIELDS:
        value = getattr(item, name)
        if name in _LIST_FIELDS:
            value = json.dumps(list(value or []), ensure_ascii=False)
        elif name == "truncated":
            value = int(bool(value))
        values.append(value)
    return values
