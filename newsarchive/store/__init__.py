"""Archive backends behind one interface, chosen by URI scheme (no Scrapy imports)."""

from __future__ import annotations

from urllib.parse import urlsplit

from newsarchive.store.base import ArchiveStore, SaveOutcome, Sighting, StoreError

__all__ = ["ArchiveStore", "SaveOutcome", "Sighting", "StoreError", "open_store"]


def open_store(uri: str, *, near_duplicate_threshold: float | None = None) -> ArchiveStore:
    """Open the archive named by ``uri`` (``sqlite:///relative.db``, ``sqlite:////abs.db``).

    ``near_duplicate_threshold`` is the estimated word-shingle similarity from which
    a text counts as a copy of an archived one (``newsarchive.dedup.THRESHOLD`` by default).
    """
    scheme = urlsplit(uri).scheme.lower()
    if scheme == "sqlite":
        from newsarchive.store.sqlite import SQLiteStore  # noqa: PLC0415

        return SQLiteStore(uri, near_duplicate_threshold=near_duplicate_threshold)
    raise StoreError(f"unsupported archive URI scheme {scheme!r} in {uri!r} (supported: sqlite)")
