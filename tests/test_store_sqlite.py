"""What only the SQLite archive has: its file, WAL mode, URI paths and durability levels."""

from __future__ import annotations

import sqlite3

import pytest

from newsarchive.store import StoreError, open_store
from newsarchive.store.sqlite import sqlite_path
from tests.utils import sqlite_uri


def test_file_is_in_wal_mode_with_current_schema(tmp_path):
    path = tmp_path / "archive.sqlite3"
    open_store(sqlite_uri(path)).close()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA user_version").fetchone()[0] >= 1
    db.close()


def test_newer_schema_is_refused_not_touched(tmp_path):
    path = tmp_path / "archive.sqlite3"
    open_store(sqlite_uri(path)).close()
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA user_version=999")
    db.close()
    with pytest.raises(StoreError, match="newer than this newsarchive"):
        open_store(sqlite_uri(path))


@pytest.mark.parametrize(
    ("uri", "path"),
    [
        ("sqlite:///output/archive.sqlite3", "output/archive.sqlite3"),
        ("sqlite:////var/lib/news.db", "/var/lib/news.db"),
        ("sqlite:///:memory:", ":memory:"),
    ],
)
def test_sqlite_uri_paths(uri, path):
    assert sqlite_path(uri) == path


@pytest.mark.parametrize("uri", ["sqlite://host/x.db", "sqlite:///", "mysql://x/y"])
def test_bad_uris_are_refused_with_a_reason(uri):
    with pytest.raises(StoreError):
        open_store(uri)


@pytest.mark.parametrize(
    ("query", "level"), [("", 1), ("?synchronous=full", 2), ("?synchronous=EXTRA", 3)]
)
def test_durability_is_chosen_in_the_uri(tmp_path, query, level):
    store = open_store(sqlite_uri(tmp_path / "a.sqlite3") + query)
    assert store._db.execute("PRAGMA synchronous").fetchone()[0] == level
    store.close()


def test_unknown_durability_is_refused(tmp_path):
    with pytest.raises(StoreError, match="expected one of NORMAL, FULL, EXTRA"):
        open_store(sqlite_uri(tmp_path / "a.sqlite3") + "?synchronous=off")
