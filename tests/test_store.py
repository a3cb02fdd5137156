"""The archive's behaviour, the same on every backend: records, URLs, revisions, copies, runs.

Each test runs on a SQLite file and on a PostgreSQL database (``postgres_uri``).
"""

from __future__ import annotations

import asyncio
import threading
from dataclasses import replace
from typing import TYPE_CHECKING

import pytest

from newsarchive.dedup import digest_text
from newsarchive.items import ArticleItem
from newsarchive.sample_site import sample_articles
from newsarchive.store import StoreError, open_store, store_call
from newsarchive.store.base import SourceCounts, Validators
from newsarchive.store.sql import PAGE_SIZE
from tests.utils import sqlite_uri

if TYPE_CHECKING:
    from collections.abc import Iterator

    from newsarchive.store import ArchiveStore


def make_item(
    url: str = "https://news.example/a/", text: str = "First text.", **fields
) -> ArticleItem:
    values = {
        "id": f"id-{url}",
        "url": url,
        "urls": [url],
        "domain": "news.example",
        "title": "A headline",
        "text": text,
        "content_hash": f"hash-{text}",
        "word_count": len(text.split()),
        "published": "2026-11-02T09:30:00+01:00",
        **fields,
    }
    return ArticleItem(**values)


@pytest.fixture(params=["sqlite", "postgresql"])
def archive_uri(request, tmp_path) -> str:
    """An empty archive: a SQLite file, then a PostgreSQL database."""
    if request.param == "sqlite":
        return sqlite_uri(tmp_path / "archive.sqlite3")
    return request.getfixturevalue("postgres_uri")


@pytest.fixture
def store(archive_uri) -> Iterator[ArchiveStore]:
    archive = open_store(archive_uri)
    yield archive
    archive.close()


def test_new_record_round_trips_every_field(store):
    item = make_item(authors=["Jane Doe", "Tom Okafor"], tags=["ferries"], truncated=True)
    outcome = store.save(item)
    assert (outcome.status, outcome.article_id) == ("new", item.id)
    assert store.get(item.id) == item
    assert store.count() == 1


def test_same_article_again_is_unchanged(store):
    store.save(make_item())
    assert store.save(make_item()).status == "unchanged"
    assert store.count() == 1


def test_new_url_with_same_text_joins_the_record(store):
    first = make_item()
    store.save(first)
    mirror = make_item(url="https://news.example/a/?ref=home", id="other-id")
    outcome = store.save(mirror)
    assert (outcome.status, outcome.match) == ("duplicate", "exact")
    assert (outcome.article_id, outcome.new_urls) == (first.id, 1)
    [record] = store.iter_articles()
    assert record.urls == ["https://news.example/a/", "https://news.example/a/?ref=home"]
    assert store.article_id_for_url("https://news.example/a/?ref=home") == first.id


def test_changed_text_is_a_revision_of_the_same_record(store):
    store.save(make_item(text="First text."))
    outcome = store.save(make_item(text="Corrected text.", modified="2026-11-03T10:00:00+01:00"))
    assert outcome.status == "revised"
    [record] = store.iter_articles()
    assert (record.text, record.modified) == ("Corrected text.", "2026-11-03T10:00:00+01:00")
    [revision] = store.iter_revisions(record.id)
    assert revision["text"] == "First text."


def test_later_sighting_fills_missing_metadata_only(store):
    store.save(make_item(title=None, authors=[]))
    store.save(make_item(title="Found later", authors=["Jane Doe"], description="More"))
    [record] = store.iter_articles()
    assert (record.title, record.authors, record.description) == (
        "Found later",
        ["Jane Doe"],
        "More",
    )
    store.save(make_item(title="Not replacing", authors=["Someone Else"]))
    [record] = store.iter_articles()
    assert (record.title, record.authors) == ("Found later", ["Jane Doe"])


def test_filters_by_publication_day_and_domain(store):
    store.save(
        make_item("https://news.example/old/", "Old.", published="2026-10-01T23:30:00-05:00")
    )
    store.save(make_item("https://news.example/new/", "New.", published="2026-11-05"))
    store.save(make_item("https://m.other.example/x/", "Other.", domain="m.other.example"))
    assert [r.url for r in store.iter_articles(since="2026-11-01")] == [
        "https://news.example/new/",
        "https://m.other.example/x/",
    ]
    assert [r.url for r in store.iter_articles(domain="other.example")] == [
        "https://m.other.example/x/"
    ]


def test_known_urls_answers_in_bulk(store):
    store.save(make_item())
    urls = [f"https://news.example/{n}/" for n in range(1200)] + ["https://news.example/a/"]
    assert store.known_urls(urls) == {"https://news.example/a/"}


def test_record_without_url_is_refused(store):
    with pytest.raises(StoreError, match="needs an id and a url"):
        store.save(replace(make_item(), url=None, urls=[]))


def test_batch_is_one_transaction_and_a_bad_record_spares_the_others(store):
    good = [make_item(f"https://news.example/{n}/", f"Text {n}.") for n in range(3)]
    bad = replace(make_item("https://news.example/bad/", "Bad."), id=None)
    outcomes = store.save_many([good[0], bad, good[1], good[2]])
    assert [getattr(o, "status", None) for o in outcomes] == ["new", None, "new", "new"]
    assert isinstance(outcomes[1], StoreError)
    assert store.count() == 3


def test_url_variants_find_the_same_record(store):
    store.save(make_item("https://www.news.example/a/"))
    outcome = store.save(make_item("https://news.example/a", text="Edited text."))
    assert outcome.status == "revised"
    assert store.article_id_for_url("http://news.example/a/") == "id-https://www.news.example/a/"
    assert store.known_urls(["https://news.example/a", "https://news.example/b"]) == {
        "https://news.example/a"
    }


def digested(url: str, text: str, **fields) -> ArticleItem:
    """An item with the content hash and fingerprint the extraction workers give it."""
    digest = digest_text(text)
    return make_item(
        url,
        text,
        content_hash=digest.content_hash,
        fingerprint=digest.fingerprint.to_bytes() if digest.fingerprint else None,
        word_count=digest.word_count,
        **fields,
    )


def test_syndicated_copy_joins_the_original_and_the_original_stays_primary(store):
    text = sample_articles()[0].text
    original = digested(
        "https://gazette.example/story/", text, published="2026-11-01T08:00:00+01:00"
    )
    copy = digested(
        "https://other.example/wire/story",
        "Reposted with permission.\n"
        + text
        + "\nThis story first appeared on The Harbour Gazette.",
        published="2026-11-01T12:00:00+01:00",
        title="Copy headline",
    )
    store.save(original)
    outcome = store.save(copy)
    assert (outcome.status, outcome.match, outcome.article_id) == (
        "duplicate",
        "near",
        original.id,
    )
    [record] = store.iter_articles()
    assert record.url == original.url and record.title == "A headline"
    assert record.urls == [original.url, copy.url]


def test_a_copy_seen_again_never_revises_the_original_it_joined(store):
    text = sample_articles()[3].text
    original = digested("https://gazette.example/r/", text, published="2026-11-01T08:00:00Z")
    copy = digested(
        "https://other.example/wire/r",
        f"Reposted with permission.\n{text}\nFirst appeared on The Harbour Gazette.",
        published="2026-11-01T12:00:00Z",
        title="Copy headline",
    )
    store.save(original)
    assert store.save(copy).status == "duplicate"
    # The copy is fetched again (a revisit, or another crawl process): its own text
    # differs from the record's, which is still the original's.
    assert store.save(copy).status == "unchanged"
    [record] = store.iter_articles()
    assert (record.url, record.title, record.text) == (original.url, "A headline", text)
    assert list(store.iter_revisions(record.id or "")) == []
    # An edit by the original's publisher still is a revision.
    edited = digested(original.url, text + "\nCorrection: the ferry leaves at nine.")
    assert store.save(edited).status == "revised"


def test_original_crawled_after_its_copy_becomes_primary(store):
    text = sample_articles()[1].text
    copy = digested(
        "https://other.example/wire/x",
        text + "\nFirst appeared elsewhere.",
        published="2026-11-02",
    )
    original = digested(
        "https://gazette.example/x/", text, published="2026-11-01T09:00:00+01:00", title="Original"
    )
    store.save(copy)
    outcome = store.save(original)
    assert outcome.status == "duplicate"
    [record] = store.iter_articles()
    assert (record.id, record.url, record.title) == (copy.id, original.url, "Original")
    assert record.text == text


def test_a_teaser_never_replaces_the_full_text(store):
    text = sample_articles()[2].text
    store.save(digested("https://gazette.example/t/", text))
    teaser = digested("https://gazette.example/t/", text[: len(text) // 3], truncated=True)
    assert store.save(teaser).status == "unchanged"
    [record] = store.iter_articles()
    assert (record.text, record.truncated) == (text, False)


def test_different_articles_from_one_template_stay_apart(store):
    footer = "\nSign up for our newsletter to get the harbour news every morning. " * 3
    for n, article in enumerate(sample_articles()[:5]):
        store.save(digested(f"https://gazette.example/{n}/", article.text + footer))
    assert store.count() == 5


@pytest.mark.parametrize(("threshold", "records"), [(None, 1), (0.99, 2)])
def test_near_duplicate_threshold_is_configurable(archive_uri, threshold, records):
    store = open_store(archive_uri, near_duplicate_threshold=threshold)
    text = sample_articles()[4].text
    words = text.split(" ")
    edited = " ".join(w.upper() if n % 12 == 0 else w for n, w in enumerate(words))
    edited = edited.replace("harbour", "port")
    store.save(digested("https://a.example/x/", text))
    store.save(digested("https://b.example/y/", edited + " An added closing line for the copy."))
    assert store.count() == records
    store.close()


def test_validators_are_kept_replaced_and_forgotten_by_url(store):
    feed = "https://news.example/feed.xml"
    assert store.validators(feed) is None
    store.save_validators({feed: Validators('"v1"', "Mon, 02 Nov 2026 09:00:00 GMT")}, "t1")
    # Found again under a variant of the URL (tracking parameter, fragment).
    assert store.validators(f"{feed}?utm_source=x#top") == Validators(
        '"v1"', "Mon, 02 Nov 2026 09:00:00 GMT"
    )
    store.save_validators({feed: Validators('"v2"', None)}, "t2")
    assert store.validators(feed) == Validators('"v2"', None)
    store.save_validators({feed: Validators()}, "t3")
    assert store.validators(feed) is None


def test_watermark_is_the_start_of_the_latest_clean_finished_run(store):
    def run(started: str, reason: str, **counts: int) -> None:
        run_id = store.start_run("sources", started)
        store.finish_run(
            run_id,
            finished_at=started,
            finish_reason=reason,
            sources={"gazette": SourceCounts(requests=5, **counts)},
        )

    assert store.watermark("gazette") is None
    run("2026-11-01T10:00:00+00:00", "finished")
    run("2026-11-01T11:00:00+00:00", "finished", errors=2)  # an error: not a watermark
    run("2026-11-01T12:00:00+00:00", "shutdown")  # interrupted: not a watermark
    store.start_run("sources", "2026-11-01T13:00:00+00:00")  # killed: never finished
    assert store.watermark("gazette") == "2026-11-01T10:00:00+00:00"
    assert store.watermark("another") is None


def test_a_record_clashing_with_another_in_the_database_spares_its_batch(store):
    """A constraint the database enforces (an id held by another record) fails one record."""
    store.save(make_item("https://news.example/a/", "First."))
    clash = make_item("https://news.example/b/", "Other.", id="id-https://news.example/a/")
    after = make_item("https://news.example/c/", "Third.")
    outcomes = store.save_many([clash, after])
    assert isinstance(outcomes[0], StoreError)
    assert "not saved" in str(outcomes[0])
    assert getattr(outcomes[1], "status", None) == "new"
    assert store.count() == 2
    assert store.article_id_for_url("https://news.example/b/") is None
    assert store.get("id-https://news.example/c/").urls == ["https://news.example/c/"]


def test_many_records_read_back_in_archive_order_page_by_page(store):
    items = [
        make_item(f"https://news.example/{n:04}/", f"Text {n}.", id=f"z{9999 - n}")
        for n in range(PAGE_SIZE * 2 + 7)
    ]
    for start in range(0, len(items), 300):
        store.save_many(items[start : start + 300])
    read = list(store.iter_articles())
    assert [r.url for r in read] == [i.url for i in items]
    assert store.count() == len(items)
    assert len(list(store.iter_articles(domain="news.example"))) == len(items)


def test_reopening_keeps_records_and_schema(archive_uri):
    store = open_store(archive_uri)
    store.save(make_item())
    store.close()
    again = open_store(archive_uri)
    try:
        assert [r.url for r in again.iter_articles()] == ["https://news.example/a/"]
        assert again.save(make_item()).status == "unchanged"
    finally:
        again.close()


def test_runs_are_listed_latest_first_with_their_sources(store):
    first = store.start_run("feeds", "2026-11-20T10:00:00+00:00")
    store.finish_run(
        first,
        finished_at="2026-11-20T10:05:00+00:00",
        finish_reason="finished",
        sources={"a.example": SourceCounts(requests=5, new=3, errors=1)},
    )
    second = store.start_run("sources", "2026-11-21T10:00:00+00:00")
    runs = store.recent_runs()
    assert [run.id for run in runs] == [second, first]
    assert runs[0].finish_reason is None and runs[0].sources == {}
    assert runs[1].sources == {"a.example": SourceCounts(requests=5, new=3, errors=1)}
    assert [run.id for run in store.recent_runs(1)] == [second]


def test_boilerplate_counts_grow_with_new_articles_only(store):
    units = [1, -(2**63), 2**63 - 1]
    for n in range(3):
        store.save(make_item(f"https://news.example/{n}/", f"Text {n}.", boilerplate_units=units))
    store.save(make_item("https://news.example/0/", "Text 0.", boilerplate_units=units))
    articles, found = store.boilerplate_counts("news.example", min_articles=3)
    assert articles == 3
    assert sorted(found) == [(-(2**63), 3), (1, 3), (2**63 - 1, 3)]
    assert store.boilerplate_counts("news.example", min_articles=4) == (3, [])


def test_reads_from_the_event_loop_go_to_a_thread_for_a_server_only(store, archive_uri):
    """A PostgreSQL round trip never holds up the crawl's event loop; a SQLite file is local."""

    async def read() -> tuple[int, int]:
        return threading.get_ident(), await store_call(store, threading.get_ident)

    loop_thread, called_in = asyncio.run(read())
    assert (called_in != loop_thread) == archive_uri.startswith("postgresql")
    assert asyncio.run(store_call(store, store.count)) == 0
