"""Archive backends behind one interface, chosen by URI scheme (no Scrapy imports)."""

from __future__ import annotations

from urllib.parse import urlsplit

from newsarchive.store.base import ArchiveStore, SaveOutcome, Sighting, StoreError

__all__ = ["ArchiveStore", "SaveOutcome", "Sighting", "StoreError", "open_store"]


def open_store(uri: str) -> ArchiveStore:
    """Open the archive named by ``uri`` (``sqlite:///relative.db``, ``sqlite:////abs.db``)."""
    scheme = urlsplit(uri).scheme.lower()
    if scheme == "sqlite":
        from newsarchive.store.sqlite import SQLiteStore  # noqa: PLC0415

        return SQLiteStore(uri)
    raise StoreError(f"unsupported archive URI scheme {scheme!r} in {uri!r} (supported: sqlite)")
