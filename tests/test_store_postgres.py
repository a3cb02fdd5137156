"""What only the PostgreSQL archive has: its schema version table, concurrent writer processes,
its connection pool, and a crawl into it. Needs the server of ``postgres_uri``."""

from __future__ import annotations

import multiprocessing
import random
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

import psycopg
import pytest

from newsarchive.dedup import digest_text
from newsarchive.items import ArticleItem
from newsarchive.sample_site import article_paths
from newsarchive.sample_site.server import serve_site
from newsarchive.store import StoreError, open_store
from newsarchive.store.base import redacted
from newsarchive.store.postgres import PostgresStore
from newsarchive.store.schema import MIGRATIONS
from tests.services import database_uri
from tests.test_store import make_item
from tests.utils import run_crawl

ARTICLES = 50
_WORDS = [f"w{n}" for n in range(3000)]


def article(n: int, *, copy: bool = False) -> ArticleItem:
    """Article ``n`` of the concurrency test, or a syndicated copy of it at another URL."""
    words = random.Random(n).choices(_WORDS, k=220)
    text = "\n".join(" ".join(words[i : i + 20]) + "." for i in range(0, len(words), 20))
    if copy:
        text = f"Reposted with permission.\n{text}\nThis story first appeared elsewhere."
    url = f"https://{'wire' if copy else 'gazette'}.example/{n}/"
    digest = digest_text(text)
    return ArticleItem(
        id=f"{'copy' if copy else 'story'}-{n}",
        url=url,
        urls=[url],
        domain=url.split("/")[2],
        title=f"Story {n}",
        text=text,
        content_hash=digest.content_hash,
        fingerprint=digest.fingerprint.to_bytes() if digest.fingerprint else None,
        word_count=digest.word_count,
        published="2026-11-02T09:30:00+01:00",
    )


def save_articles(uri: str, copies_first: bool, start, errors) -> None:
    """A writer process: every article and its copy, five a transaction, in step with the other.

    One writer saves five originals while the other saves their five copies (no URL
    or id in common: only the archive lock keeps them from making two records each),
    then each saves what the other just did.
    """
    store = open_store(uri)
    try:
        for first in range(0, ARTICLES, 5):
            numbers = range(first, first + 5)
            for copy in (copies_first, not copies_first):
                start.wait(timeout=60)
                for outcome in store.save_many([article(n, copy=copy) for n in numbers]):
                    if isinstance(outcome, StoreError):
                        errors.put(str(outcome))
    except Exception as exc:
        errors.put(repr(exc))
        raise
    finally:
        store.close()


def schema_versions(uri: str) -> list[int]:
    with psycopg.connect(uri) as conn:
        return [row[0] for row in conn.execute("SELECT version FROM schema_version ORDER BY 1")]


def test_a_new_database_gets_every_migration_once(postgres_uri):
    # Two stores opening an empty database at once: one migrates, the other waits.
    with ThreadPoolExecutor(2) as pool:
        stores = list(pool.map(lambda _: open_store(postgres_uri), range(2)))
    for store in stores:
        store.close()
    assert schema_versions(postgres_uri) == list(range(1, len(MIGRATIONS) + 1))
    open_store(postgres_uri).close()
    assert schema_versions(postgres_uri) == list(range(1, len(MIGRATIONS) + 1))


def test_a_newer_schema_is_refused_not_touched(postgres_uri):
    open_store(postgres_uri).close()
    with psycopg.connect(postgres_uri) as conn:
        conn.execute("INSERT INTO schema_version (version, applied_at) VALUES (999, 'later')")
    with pytest.raises(StoreError, match="schema version 999, newer than this newsarchive"):
        open_store(postgres_uri)
    assert schema_versions(postgres_uri)[-1] == 999


def test_a_missing_database_is_refused_with_the_servers_reason(postgres_server):
    uri = database_uri(postgres_server, "newsarchive_test_missing_database")
    with pytest.raises(StoreError, match='database "newsarchive_test_missing_database"'):
        open_store(uri)


def test_a_password_never_appears_in_messages():
    uri = "postgresql://crawler:s3cret@127.0.0.1:1/archive"
    assert redacted(uri) == "postgresql://crawler:***@127.0.0.1:1/archive"
    with pytest.raises(StoreError) as raised:
        open_store(uri)
    assert "s3cret" not in str(raised.value)
    assert "crawler:***@" in str(raised.value)


def test_without_the_driver_the_error_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "psycopg_pool", None)
    with pytest.raises(StoreError, match=r"pip install 'newsarchive\[postgres\]'"):
        open_store("postgres://postgres@127.0.0.1/archive")


def test_two_processes_saving_the_same_articles_at_once_make_one_record_each(postgres_uri):
    open_store(postgres_uri).close()
    context = multiprocessing.get_context("spawn")
    # Both writers start saving together, once both are ready.
    start, errors = context.Barrier(2), context.Queue()
    writers = [
        context.Process(target=save_articles, args=(postgres_uri, first, start, errors))
        for first in (False, True)
    ]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(timeout=120)
    problems = []
    while not errors.empty():
        problems.append(errors.get())
    assert problems == []
    assert [writer.exitcode for writer in writers] == [0, 0]
    store = open_store(postgres_uri)
    try:
        records = list(store.iter_articles())
        assert store.count() == ARTICLES
        for record in records:
            n = int(record.id.split("-")[1])
            assert sorted(record.urls) == [
                f"https://gazette.example/{n}/",
                f"https://wire.example/{n}/",
            ]
    finally:
        store.close()


@pytest.mark.parametrize(
    "bad",
    [
        # Refused by the driver before the server sees it.
        {"text": "A NUL \x00 byte"},
        # Refused by the server: an indexed URL larger than a btree page allows.
        {"url": "https://news.example/" + "".join(random.Random(1).choices("abcdef", k=9000))},
    ],
    ids=["nul-byte", "oversized-url"],
)
def test_a_record_the_database_refuses_spares_its_batch(postgres_uri, bad):
    store = open_store(postgres_uri)
    try:
        good = [make_item(f"https://news.example/{n}/", f"Text {n}.") for n in range(3)]
        refused = replace(make_item("https://news.example/bad/", "Bad."), **bad)
        if "url" in bad:
            refused.urls = [bad["url"]]
        outcomes = store.save_many([good[0], refused, good[1], good[2]])
        assert [getattr(o, "status", None) for o in outcomes] == ["new", None, "new", "new"]
        assert isinstance(outcomes[1], StoreError)
        assert store.count() == 3
        assert [r.url for r in store.iter_articles()] == [g.url for g in good]
    finally:
        store.close()


def test_one_store_serves_writes_and_reads_from_several_threads(postgres_uri):
    store = open_store(postgres_uri)
    assert isinstance(store, PostgresStore)
    items = [make_item(f"https://news.example/{n}/", f"Text {n}.") for n in range(200)]
    try:
        with ThreadPoolExecutor(4) as pool:
            saving = pool.submit(
                lambda: [store.save_many(items[i : i + 20]) for i in range(0, 200, 20)]
            )
            reads = [pool.submit(store.known_urls, [i.url for i in items]) for _ in range(20)]
            saving.result()
            for read in reads:
                assert read.result() <= {i.url for i in items}
        assert store.count() == 200
    finally:
        store.close()


def test_a_crawl_into_postgresql_archives_what_a_sqlite_crawl_does(tmp_path, postgres_uri):
    with serve_site() as site:
        into_sqlite = run_crawl("site", tmp_path, args={"urls": site.url("/")})
        into_postgres = run_crawl(
            "site",
            tmp_path,
            args={"urls": site.url("/")},
            settings={"ARCHIVE_URI": postgres_uri, "NEWSARCHIVE_LOCK_ENABLED": "False"},
        )
    assert into_postgres.returncode == 0, into_postgres.log[-3000:]
    assert into_postgres.stat("newsarchive/archive/new") == len(article_paths())
    assert into_postgres.stat("newsarchive/archive/error") == 0
    store = open_store(postgres_uri)
    try:
        archived = list(store.iter_articles())
        [run] = store.recent_runs()
    finally:
        store.close()
    assert run.finish_reason == "finished"

    def comparable(item: ArticleItem) -> tuple:
        # Everything but when each crawl fetched the page.
        return (item.id, item.url, item.urls, item.title, item.text, item.published)

    assert sorted(map(comparable, archived)) == sorted(map(comparable, into_sqlite.articles))
