"""Many crawl processes, one PostgreSQL archive: the same records as one process alone.

A local world of six publishers (one of them republishing articles of two others,
naming the originals with rel=canonical) is crawled by the `sources` spider, split
with ``-a shard=i/3`` over three processes that write into one PostgreSQL archive
at the same time. Every test compares what they archived with one process crawling
the whole world alone.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from newsarchive.sample_site.server import serve_site
from newsarchive.sources import shard_of
from newsarchive.store import open_store
from tests.services import new_postgres_database
from tests.test_sources_crawl import article_text, write_news_site
from tests.utils import FAST_SETTINGS, Crawls

# Two sources per shard of three (shard_of is a stable hash of the name).
SOURCES = {0: ("beta", "gamma"), 1: ("delta", "wire"), 2: ("alpha", "epsilon")}
ARTICLES_PER_SITE = 12
REPUBLISHED = {"alpha": 4, "beta": 4}  # copies on `wire` of the newest articles of these

COPY_PAGE = """\
<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>{title} | Wire</title>
<link rel="canonical" href="{original}">
<script type="application/ld+json">{ld}</script>
</head><body><header><a href="/">Wire</a></header>
<main><article><h1>{title}</h1><p class="byline">By Robin Example</p>
{paragraphs}
<p>This story first appeared elsewhere and is republished with permission.</p>
</article></main><footer>© Wire</footer></body></html>
"""


def test_the_world_splits_into_three_shards_of_two_sources():
    for shard, names in SOURCES.items():
        assert {shard_of(name, 3) for name in names} == {shard}


def write_copies(root: Path, originals: list[tuple[str, str, datetime]]) -> None:
    """Pages on `wire` republishing ``originals`` (site, absolute URL, published)."""
    items = []
    for n, (site, url, published) in enumerate(originals):
        path = f"/copies/{site}-{n}/"
        title = f"{site.title()} story {url.rstrip('/').rsplit('/', 1)[-1]}"
        ld = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": title,
            "datePublished": (published + timedelta(hours=1)).isoformat(timespec="seconds"),
        }
        page = root / path.strip("/") / "index.html"
        page.parent.mkdir(parents=True)
        # The original's own words (write_news_site seeds them with site and path).
        seed = site.title() + urlsplit(url).path
        page.write_text(
            COPY_PAGE.format(
                title=title,
                original=url,
                ld=json.dumps(ld),
                paragraphs="\n".join(f"<p>{p}</p>" for p in article_text(seed)),
            )
        )
        items.append(f"<item><title>{title}</title><link>{{{{BASE_URL}}}}{path}</link></item>")
    feed = (root / "feed.xml").read_text()
    (root / "feed.xml").write_text(feed.replace("</channel>", "\n".join(items) + "</channel>"))


@dataclass(frozen=True)
class World:
    sources: Path  # the sources file
    base_urls: dict[str, str]  # by source name


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """Six publishers on 127.0.0.1 and the sources file listing them."""
    root = tmp_path_factory.mktemp("world")
    now = datetime.now(UTC).replace(microsecond=0)
    names = sorted(name for pair in SOURCES.values() for name in pair)
    paths = {name: write_news_site(root / name, name.title(), ARTICLES_PER_SITE, now=now)
             for name in names}  # fmt: skip
    with ExitStack() as stack:
        sites = {name: stack.enter_context(serve_site(root / name)) for name in names}
        originals = [
            (name, sites[name].url(path), now - timedelta(hours=2 + n))
            for name, count in REPUBLISHED.items()
            for n, path in enumerate(paths[name][:count])
        ]
        write_copies(root / "wire", originals)
        sources = root / "sources.toml"
        sources.write_text(
            "".join(
                f'[[source]]\nname = "{name}"\n'
                f'feeds = ["{sites[name].url("/feed.xml")}"]\n'
                f'sitemaps = ["{sites[name].url("/robots.txt")}"]\n'
                f'start_urls = ["{sites[name].url("/")}"]\n\n'
                for name in names
            )
        )
        yield World(sources, {name: site.base_url for name, site in sites.items()})


def crawl_command(sources: Path, archive_uri: str, *extra: str) -> list[str]:
    command = [sys.executable, "-m", "scrapy", "crawl", "sources", "-a", f"sources={sources}"]
    settings = {**FAST_SETTINGS, "ARCHIVE_URI": archive_uri, "EXTRACT_WORKERS": "1"}
    for name, value in settings.items():
        command += ["-s", f"{name}={value}"]
    return [*command, *extra]


def records(archive_uri: str) -> set[tuple]:
    """Every record as what a user sees of it: its URLs, title, text and date."""
    store = open_store(archive_uri)
    try:
        found = {
            (tuple(sorted(item.urls)), item.url, item.title, item.content_hash, item.published)
            for item in store.iter_articles()
        }
        assert store.count() == len(found)
        return found
    finally:
        store.close()


@pytest.fixture(scope="module")
def alone(world, postgres_server, tmp_path_factory):
    """What one process crawling the whole world archives."""
    with (
        new_postgres_database(postgres_server) as uri,
        Crawls(tmp_path_factory.mktemp("alone")) as crawls,
    ):
        crawls.finish(crawls.start(crawl_command(world.sources, uri), "alone"))
        found = records(uri)
    urls = [url for record in found for url in record[0]]
    # One record per article: 6 × 12, the 8 copies joined their originals.
    assert len(found) == 6 * ARTICLES_PER_SITE
    assert len(urls) == len(set(urls)) == 6 * ARTICLES_PER_SITE + sum(REPUBLISHED.values())
    return found


def test_three_shards_at_once_archive_what_one_process_does(world, alone, postgres_uri, tmp_path):
    with Crawls(tmp_path) as crawls:
        shards = [
            crawls.start(crawl_command(world.sources, postgres_uri, "-a", f"shard={i}/3"), f"{i}")
            for i in range(3)
        ]
        crawls.finish(*shards)
        for i, shard in enumerate(shards):
            assert f"Crawling {len(SOURCES[i])} sources" in crawls.log(shard)
    assert records(postgres_uri) == alone


def test_two_processes_racing_over_the_same_articles_never_duplicate_one(
    world, alone, postgres_uri, tmp_path
):
    # The per-source locks would turn the second away: off, they race.
    command = crawl_command(world.sources, postgres_uri, "-s", "NEWSARCHIVE_LOCK_ENABLED=False")
    with Crawls(tmp_path) as crawls:
        crawls.finish(*[crawls.start(command, f"racer-{i}") for i in range(2)])
    assert records(postgres_uri) == alone


def archived_from(archive_uri: str, base_urls: list[str]) -> int:
    store = open_store(archive_uri)
    try:
        return sum(item.url.startswith(tuple(base_urls)) for item in store.iter_articles())
    finally:
        store.close()


def test_a_shard_killed_mid_crawl_loses_nothing_once_it_runs_again(
    world, alone, postgres_uri, tmp_path
):
    # Shard 1 (delta, and wire with its copies) crawls slowly enough to be caught mid-way.
    slow = tmp_path / "sources.toml"
    slow.write_text(
        world.sources.read_text().replace(
            'name = "delta"\n', 'name = "delta"\ndownload_delay = 0.3\n'
        )
    )
    delta = [world.base_urls["delta"]]
    with Crawls(tmp_path) as crawls:
        shards = [
            crawls.start(crawl_command(slow, postgres_uri, "-a", f"shard={i}/3"), f"{i}")
            for i in range(3)
        ]
        deadline = time.monotonic() + 90
        while archived_from(postgres_uri, delta) < 3 and time.monotonic() < deadline:
            assert shards[1].poll() is None, crawls.log(shards[1])[-3000:]
            time.sleep(0.1)
        os.killpg(shards[1].pid, signal.SIGKILL)
        assert shards[1].wait(timeout=30) == -signal.SIGKILL
        assert 3 <= archived_from(postgres_uri, delta) < ARTICLES_PER_SITE
        crawls.finish(shards[0], shards[2])
        crawls.finish(crawls.start(crawl_command(slow, postgres_uri, "-a", "shard=1/3"), "again"))
    assert records(postgres_uri) == alone
