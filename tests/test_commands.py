"""`scrapy demo`, `scrapy export` and `scrapy extract`, and Scrapy's own feed exports."""

from __future__ import annotations

import gzip
import json
from urllib.parse import urlsplit

import pytest

from newsarchive.items import EXPORT_FIELDS, ArticleItem
from newsarchive.sample_site import SAMPLE_SITE_DIR, article_by_path, article_paths
from newsarchive.sample_site.server import render_file, serve_site
from newsarchive.store import open_store
from tests.utils import run_scrapy, sqlite_uri


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    """An archive with three records from different days and two domains."""
    path = tmp_path_factory.mktemp("export") / "archive.sqlite3"
    store = open_store(sqlite_uri(path))
    for n, (domain, published) in enumerate(
        [
            ("news.example", "2026-10-30T08:00:00+01:00"),
            ("news.example", "2026-11-04T23:30:00-05:00"),
            ("www.other.example", "2026-11-10"),
        ]
    ):
        url = f"https://{domain}/story-{n}/"
        store.save(
            ArticleItem(
                id=f"id{n}",
                url=url,
                urls=[url],
                domain=domain,
                title=f"Story {n} – ünïcode",
                text=f"Body of story {n}.",
                content_hash=f"h{n}",
                published=published,
            )
        )
    store.close()
    return path


def export(archive, *options: str) -> list[dict]:
    process = run_scrapy("export", "-s", f"ARCHIVE_URI={sqlite_uri(archive)}", *options)
    assert process.returncode == 0, process.stderr
    return [json.loads(line) for line in process.stdout.splitlines()]


def test_export_writes_every_record_as_json_lines(archive):
    records = export(archive)
    assert [r["id"] for r in records] == ["id0", "id1", "id2"]
    assert records[0]["title"] == "Story 0 – ünïcode"
    assert list(records[0]) == list(EXPORT_FIELDS)
    assert "fingerprint" not in records[0]


def test_export_filters_by_day_and_domain(archive):
    assert [r["id"] for r in export(archive, "--since", "2026-11-04")] == ["id1", "id2"]
    assert [r["id"] for r in export(archive, "--domain", "other.example")] == ["id2"]


def test_export_to_a_file(archive, tmp_path):
    target = tmp_path / "out" / "articles.jsonl"
    process = run_scrapy("export", "-s", f"ARCHIVE_URI={sqlite_uri(archive)}", "-o", str(target))
    assert process.returncode == 0
    assert len(target.read_text().splitlines()) == 3
    assert f"Exported 3 articles to {target}" in process.stderr


def test_export_refuses_a_bad_date(archive):
    process = run_scrapy("export", "-s", f"ARCHIVE_URI={sqlite_uri(archive)}", "--since", "soon")
    assert process.returncode != 0
    assert "--since 'soon' is not a date" in process.stderr


def test_extract_a_saved_page_prints_one_record(tmp_path):
    path = article_paths()[0]
    page = tmp_path / "page.html.gz"
    page.write_bytes(
        gzip.compress(
            render_file(
                SAMPLE_SITE_DIR / path.strip("/") / "index.html", "https://gazette.example"
            )
        )
    )
    process = run_scrapy("extract", str(page), "--url", f"https://gazette.example{path}")
    assert process.returncode == 0, process.stderr
    record = json.loads(process.stdout)
    truth = article_by_path(path)
    assert (record["title"], record["url"]) == (truth.title, f"https://gazette.example{path}")
    assert record["authors"] == list(truth.authors)


def test_extract_a_url_and_a_non_article(tmp_path):
    with serve_site() as site:
        article = run_scrapy("extract", site.url(article_paths()[1]))
        front = run_scrapy("extract", site.url("/politics/"))
    assert article.returncode == 0, article.stderr
    assert json.loads(article.stdout)["title"] == article_by_path(article_paths()[1]).title
    assert (front.returncode, front.stdout.strip()) == (1, "null")
    assert "not archived: not_article" in front.stderr


def test_scrapy_feed_exports_keep_working(tmp_path):
    out = tmp_path / "items.jsonl"
    with serve_site() as site:
        urls = ",".join(site.url(p) for p in article_paths()[:2])
        process = run_scrapy(
            "crawl", "urls", "-a", f"urls={urls}", "-O", str(out),
            "-s", f"ARCHIVE_URI={sqlite_uri(tmp_path / 'archive.sqlite3')}",
        )  # fmt: skip
    assert process.returncode == 0, process.stderr
    items = [json.loads(line) for line in out.read_text().splitlines()]
    assert sorted(urlsplit(i["url"]).path for i in items) == sorted(article_paths()[:2])


def test_demo_crawls_the_sample_site_and_prints_what_it_archived(tmp_path):
    process = run_scrapy("demo", "-s", f"ARCHIVE_URI={sqlite_uri(tmp_path / 'demo.sqlite3')}")
    assert process.returncode == 0, process.stderr
    assert f"Archived {len(article_paths())} articles into" in process.stdout
    for path in article_paths()[:5]:
        assert article_by_path(path).title in process.stdout
