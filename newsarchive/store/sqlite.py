"""The embedded default archive: one SQLite file in WAL mode, short write transactions."""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, unquote, urlsplit

from newsarchive.store.base import StoreError
from newsarchive.store.schema import MIGRATIONS as SCHEMA_MIGRATIONS
from newsarchive.store.sql import Dialect, SQLStore

if TYPE_CHECKING:
    from collections.abc import Iterator

# Each entry moves the schema one version up; PRAGMA user_version records where a file is.
MIGRATIONS: tuple[str, ...] = tuple(migration.sqlite for migration in SCHEMA_MIGRATIONS)

# PRAGMA synchronous levels a URI may ask for: NORMAL (the default) survives a crash
# of newsarchive; FULL also survives a power cut, at the cost of an fsync per commit.
SYNCHRONOUS_LEVELS = ("NORMAL", "FULL", "EXTRA")

SQLITE = Dialect(
    name="sqlite",
    insertion_order="rowid",
    errors=(sqlite3.Error,),
    record_errors=(sqlite3.IntegrityError,),
)


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


class SQLiteStore(SQLStore):
    """An archive in one SQLite file; safe for several processes writing at once.

    Writers take turns: each write transaction starts with ``BEGIN IMMEDIATE``,
    which takes the file's write lock up front (waiting up to ``busy_timeout``)
    instead of failing on upgrade. One instance may be used from any thread, but
    from one thread at a time.
    """

    dialect = SQLITE

    def __init__(
        self,
        uri: str,
        *,
        busy_timeout: float = 60.0,
        near_duplicate_threshold: float | None = None,
    ):
        super().__init__(uri, near_duplicate_threshold=near_duplicate_threshold)
        synchronous = sqlite_synchronous(uri)
        path = sqlite_path(uri)
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        try:
            # Autocommit mode: transactions are opened explicitly (see _begin).
            self._db = sqlite3.connect(
                path, timeout=busy_timeout, isolation_level=None, check_same_thread=False
            )
            self._db.row_factory = sqlite3.Row
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute(f"PRAGMA synchronous={synchronous}")
            self._db.execute("PRAGMA foreign_keys=ON")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open archive {uri!r}: {exc}") from exc
        try:
            self._migrate()
        except StoreError:
            self._db.close()
            raise

    @contextmanager
    def _connection(self) -> Iterator[sqlite3.Connection]:
        yield self._db

    @contextmanager
    def _begin(self, *, exclusive: bool) -> Iterator[sqlite3.Connection]:
        # Every SQLite write is exclusive: the file has one writer at a time.
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def _schema_version(self, db: sqlite3.Connection) -> int:
        return int(db.execute("PRAGMA user_version").fetchone()[0])

    def _set_schema_version(self, db: sqlite3.Connection, version: int) -> None:
        db.execute(f"PRAGMA user_version={int(version)}")

    def close(self) -> None:
        """Release the connection."""
        self._db.close()
