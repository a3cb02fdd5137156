"""The SQLite archive: one record per article, its URLs, revisions and queries."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from typing import TYPE_CHECKING

import pytest

from newsarchive.dedup import digest_text
from newsarchive.items import ArticleItem
from newsarchive.sample_site import sample_articles
from newsarchive.store import StoreError, open_store
from newsarchive.store.base import SourceCounts, Validators
from newsarchive.store.sqlite import sqlite_path
from tests.utils import sqlite_uri

if TYPE_CHECKING:
    from pathlib import Path


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


@pytest.fixture
def store(tmp_path: Path):
    archive = open_store(sqlite_uri(tmp_path / "archive.sqlite3"))
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
def test_near_duplicate_threshold_is_configurable(tmp_path, threshold, records):
    store = open_store(sqlite_uri(tmp_path / "a.sqlite3"), near_duplicate_threshold=threshold)
    text = sample_articles()[4].text
    words = text.split(" ")
    edited = " ".join(w.upper() if n % 12 == 0 else w for n, w in enumerate(words))
    edited = edited.replace("harbour", "port")
    store.save(digested("https://a.example/x/", text))
    store.save(digested("https://b.example/y/", edited + " An added closing line for the copy."))
    assert store.count() == records
    store.close()


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
