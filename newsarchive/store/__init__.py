"""Archive backends behind one interface, chosen by URI scheme (no Scrapy imports)."""

from __future__ import annotations

from urllib.parse import urlsplit

from newsarchive.store.base import ArchiveStore, SaveOutcome, Sighting, StoreError

__all__ = ["ArchiveStore", "SaveOutcome", "Sighting", "StoreError", "open_store"]

POSTGRES_SCHEMES = ("postgresql", "postgres")


def open_store(uri: str, *, near_duplicate_threshold: float | None = None) -> ArchiveStore:
    """Open the archive named by ``uri``.

    ``sqlite:///relative.db`` or ``sqlite:////abs.db`` for a SQLite file;
    ``postgresql://user@host:port/database`` (or ``postgres://``) for a PostgreSQL
    database, with the ``postgres`` extra installed. ``near_duplicate_threshold`` is
    the estimated word-shingle similarity from which a text counts as a copy of an
    archived one (``newsarchive.dedup.THRESHOLD`` by default).
    """
    scheme = urlsplit(uri).scheme.lower()
    if scheme == "sqlite":
        from newsarchive.store.sqlite import SQLiteStore  # noqa: PLC0415

        return SQLiteStore(uri, near_duplicate_threshold=near_duplicate_threshold)
    if scheme in POSTGRES_SCHEMES:
        from newsarchive.store.postgres import PostgresStore  # noqa: PLC0415

        return PostgresStore(uri, near_duplicate_threshold=near_duplicate_threshold)
    raise StoreError(
        f"unsupported archive URI scheme {scheme!r} in {uri!r} (supported: sqlite, postgresql)"
    )
