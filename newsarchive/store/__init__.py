"""Archive backends behind one interface, chosen by URI scheme (no Scrapy imports)."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, ParamSpec, TypeVar
from urllib.parse import urlsplit

from newsarchive.store.base import ArchiveStore, SaveOutcome, Sighting, StoreError

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["ArchiveStore", "SaveOutcome", "Sighting", "StoreError", "open_store", "store_call"]

P = ParamSpec("P")
T = TypeVar("T")

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


async def store_call(
    store: ArchiveStore, method: Callable[P, T], *args: P.args, **kwargs: P.kwargs
) -> T:
    """Call ``method`` of ``store`` without holding up the event loop on the network.

    A store that talks to a server (``store.remote``: PostgreSQL) is called in a
    thread; a local SQLite file answers an indexed read in microseconds and is
    called directly, from the thread that owns its connection.
    """
    if getattr(store, "remote", False):
        return await asyncio.to_thread(method, *args, **kwargs)
    return method(*args, **kwargs)
