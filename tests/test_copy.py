"""`scrapy copy`: an archive copied between SQLite and PostgreSQL, exactly, once, resumably."""

from __future__ import annotations

import html
import re
import shutil
from typing import TYPE_CHECKING

import pytest

from newsarchive.sample_site import SAMPLE_SITE_DIR, article_paths, sample_articles
from newsarchive.sample_site.server import serve_site
from newsarchive.store import open_store
from newsarchive.store.copy import copy_archive
from tests.utils import run_crawl, run_scrapy, sqlite_uri

if TYPE_CHECKING:
    from pathlib import Path

SUMMARY = re.compile(
    r"Copied (\d+) records? \((\d+) already there\), (\d+) revisions?, (\d+) runs?,"
    r" (\d+) validators? and (\d+) boilerplate counts? from \S+ to \S+"
)


@pytest.fixture(scope="module")
def source(tmp_path_factory) -> str:
    """A SQLite archive from real crawls of the sample site: runs, validators, a revision."""
    tmp_path = tmp_path_factory.mktemp("copy-source")
    root = tmp_path / "site"
    shutil.copytree(SAMPLE_SITE_DIR, root)
    article = sample_articles()[0]
    page = root / article.path.strip("/") / "index.html"
    with serve_site(root) as site:
        crawls = [
            run_crawl("feeds", tmp_path, args={"urls": site.url("/feed.xml")}),
            run_crawl("site", tmp_path, args={"urls": site.url("/")}),
        ]
        sentence = article.paragraphs[1]
        corrected = sentence.replace(sentence.split()[0], "Correction:", 1)
        page.write_text(page.read_text().replace(html.escape(sentence, quote=False), corrected, 1))
        crawls.append(run_crawl("urls", tmp_path, args={"urls": site.url(article.path)}))
    assert [crawl.returncode for crawl in crawls] == [0, 0, 0]
    assert crawls[-1].stat("newsarchive/archive/revised") == 1
    assert len(crawls[-1].articles) == len(article_paths())
    return crawls[-1].archive_uri


def archive_copy(source: str, target: str, *options: str) -> tuple[int, ...]:
    """Run the command; the figures of its summary line."""
    process = run_scrapy("copy", "--from", source, "--to", target, *options)
    assert process.returncode == 0, process.stderr[-3000:]
    [line] = process.stdout.splitlines()
    match = SUMMARY.fullmatch(line)
    assert match, line
    return tuple(int(figure) for figure in match.groups())


def contents(uri: str) -> dict[str, object]:
    """Everything an archive holds, as its stores read it back."""
    store = open_store(uri)
    try:
        articles = list(store.iter_articles())
        stored, _ = store.stored_records(None, 100_000)
        return {
            "articles": articles,
            "stored": stored,
            "revisions": {a.id: list(store.iter_revisions(a.id)) for a in articles},
            "runs": store.recent_runs(),
            "validators": store.stored_validators(),
            "boilerplate_domains": sorted(store.stored_boilerplate_domains()),
            "boilerplate": store.stored_boilerplate(None, 1_000_000),
        }
    finally:
        store.close()


def test_copied_to_postgresql_and_back_to_sqlite_field_by_field(source, postgres_uri, tmp_path):
    expected = contents(source)
    assert len(expected["articles"]) == len(article_paths())
    assert sum(map(len, expected["revisions"].values())) == 1
    assert len(expected["runs"]) == 3 and expected["validators"] and expected["boilerplate"]
    assert all(record.fingerprint for record in expected["stored"])

    copied = archive_copy(source, postgres_uri)
    assert copied[:4] == (len(article_paths()), 0, 1, 3)
    assert copied[4] == len(expected["validators"])
    assert contents(postgres_uri) == expected

    again = archive_copy(source, postgres_uri)
    assert again == (0, len(article_paths()), 0, 0, 0, 0)
    assert contents(postgres_uri) == expected

    back = sqlite_uri(tmp_path / "back.sqlite3")
    assert archive_copy(postgres_uri, back)[:4] == (len(article_paths()), 0, 1, 3)
    assert contents(back) == expected


def test_an_interrupted_copy_completes_when_run_again(source, postgres_uri):
    class Interrupted(Exception):
        pass

    def stop(summary) -> None:
        raise Interrupted

    from_store, to_store = open_store(source), open_store(postgres_uri)
    try:
        with pytest.raises(Interrupted):
            copy_archive(from_store, to_store, batch_size=5, progress=stop)
        assert to_store.count() == 5
    finally:
        from_store.close()
        to_store.close()
    resumed = archive_copy(source, postgres_uri, "--batch-size", "7")
    # The revised record may be among the first five: its revision came with it.
    assert (*resumed[:2], resumed[3]) == (len(article_paths()) - 5, 5, 3)
    assert contents(postgres_uri) == contents(source)


def test_a_copy_between_sqlite_files(source, tmp_path: Path):
    target = sqlite_uri(tmp_path / "copy.sqlite3")
    assert archive_copy(source, target, "--batch-size", "1")[:2] == (len(article_paths()), 0)
    assert contents(target) == contents(source)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--from", "sqlite:///a.sqlite3", "--to", "sqlite:///a.sqlite3"], "the same archive"),
        (["--from", "sqlite:///a.sqlite3"], "both --from URI and --to URI are needed"),
        (["--from", "mysql://x/y", "--to", "sqlite:///b.sqlite3"], "unsupported archive URI"),
    ],
)
def test_a_wrong_command_line_is_refused_with_a_reason(options, message):
    process = run_scrapy("copy", *options)
    assert process.returncode != 0
    assert message in process.stderr
