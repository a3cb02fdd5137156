"""A shared archive in PostgreSQL, for many crawl processes and machines (psycopg 3)."""

from __future__ import annotations

from contextlib import contextmanager
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from newsarchive.dates import utc_now_iso
from newsarchive.store.base import StoreError, redacted
from newsarchive.store.sql import Dialect, SQLStore

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence

# The transaction-scoped advisory lock that write transactions deciding what is a
# duplicate (and migrations) take first, one at a time per archive database: the
# analogue of SQLite's BEGIN IMMEDIATE. The key is b"newsarch" read as a bigint.
ARCHIVE_LOCK = int.from_bytes(b"newsarch", "big", signed=True)
# Connections each store keeps: the crawl's pipelines, middlewares and extensions
# each open a store, and one use (a read, a batch) takes one connection.
MAX_CONNECTIONS = 4


class PostgresStore(SQLStore):
    """An archive in a PostgreSQL database, shared by any number of writers.

    Uniqueness is the database's: primary keys on article ids and URL keys, one
    fingerprint per article, ``INSERT … ON CONFLICT``. The deduplication decision
    of each write transaction runs under :data:`ARCHIVE_LOCK`, so two processes
    saving copies of one article at the same moment still make one record. A small
    connection pool gives each use its own connection: one instance is safe to use
    from several threads at once (the pipeline's writer thread, the reactor's reads).
    """

    remote = True

    def __init__(
        self,
        uri: str,
        *,
        near_duplicate_threshold: float | None = None,
        max_connections: int = MAX_CONNECTIONS,
        connect_timeout: float = 10.0,
    ):
        super().__init__(uri, near_duplicate_threshold=near_duplicate_threshold)
        try:
            import psycopg  # noqa: PLC0415 - an optional driver, needed only for this store
            from psycopg.rows import dict_row  # noqa: PLC0415
            from psycopg_pool import ConnectionPool  # noqa: PLC0415
        except ImportError as exc:
            raise StoreError(
                f"archive {self._label} needs the PostgreSQL driver ({exc}):"
                " pip install 'newsarchive[postgres]'"
            ) from None
        self.dialect = Dialect(
            name="postgres",
            insertion_order="seq",
            errors=(psycopg.Error,),
            # Constraint and value errors, and an indexed value over the btree size
            # limit (a URL of several kilobytes): that record fails, not its batch.
            record_errors=(
                psycopg.IntegrityError,
                psycopg.DataError,
                psycopg.errors.ProgramLimitExceeded,
            ),
            retryable=(psycopg.errors.SerializationFailure, psycopg.errors.DeadlockDetected),
        )
        # Connect once before the pool does, so that a wrong host, database or
        # password is reported with the server's reason rather than a pool timeout.
        try:
            psycopg.connect(uri, connect_timeout=max(1, round(connect_timeout))).close()
        except psycopg.Error as exc:
            raise StoreError(f"cannot open archive {self._label}: {exc}") from exc
        self._pool = ConnectionPool(
            uri,
            min_size=1,
            max_size=max_connections,
            kwargs={"autocommit": True, "row_factory": dict_row},
            timeout=connect_timeout * 3,
            name="newsarchive-archive",
            open=True,
        )
        try:
            self._migrate()
        except StoreError:
            self._pool.close()
            raise

    @property
    def _label(self) -> str:
        return repr(redacted(self.uri))

    @contextmanager
    def _connection(self) -> Iterator[_Session]:
        with self._pool.connection() as conn:
            yield _Session(conn)

    @contextmanager
    def _begin(self, *, exclusive: bool) -> Iterator[_Session]:
        with self._pool.connection() as conn, conn.transaction():
            if exclusive:
                # READ COMMITTED: every statement after the lock sees what the
                # previous holder committed.
                conn.execute("SELECT pg_advisory_xact_lock(%s)", (ARCHIVE_LOCK,))
            yield _Session(conn)

    def _schema_version(self, db: _Session) -> int:
        if db.execute("SELECT to_regclass('schema_version') AS t").fetchone()["t"] is None:
            return 0
        row = db.execute("SELECT coalesce(max(version), 0) AS v FROM schema_version").fetchone()
        return int(row["v"])

    def _set_schema_version(self, db: _Session, version: int) -> None:
        db.execute(
            "CREATE TABLE IF NOT EXISTS schema_version"
            " (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)"
        )
        db.execute(
            "INSERT INTO schema_version (version, applied_at) VALUES (?, ?)",
            (version, utc_now_iso()),
        )

    def _kept_explicit_ids(self, db: _Session, table: str) -> None:
        db.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
            f" (SELECT max(id) FROM {table}))"
        )

    def close(self) -> None:
        """Close the pool and its connections."""
        self._pool.close()


class _Session:
    """A psycopg connection taking the shared SQL's ``?`` placeholders."""

    __slots__ = ("_conn",)

    def __init__(self, conn: Any):
        self._conn = conn

    def execute(self, sql: str, params: Sequence[Any] = (), /) -> Any:
        return self._conn.execute(_postgres_sql(sql), params)

    def executemany(self, sql: str, params: Iterable[Sequence[Any]], /) -> Any:
        cursor = self._conn.cursor()
        cursor.executemany(_postgres_sql(sql), params)
        return cursor


@lru_cache(maxsize=256)
def _postgres_sql(sql: str) -> str:
    """``sql`` with psycopg's ``%s`` placeholders (the shared SQL holds no literal ``?``)."""
    return sql.replace("%", "%%").replace("?", "%s")
