"""How fast discovery files are read: the largest sitemap the protocol allows, and a long feed.

A sitemap may list up to 50,000 URLs (sitemaps.org); a news site's sitemap index
points to dozens of them, each read on every scheduled run. This prints, for a
50,000-URL urlset with and without Google News tags, and for an RSS feed of 5,000
items, the CPU time of ``parse_sitemap`` / ``parse_feed`` (median of ``--repeats``)
and entries per second. Target: a 50,000-URL news sitemap in under 2 s of CPU.

    python bench/discovery.py                # 5 repeats
    python bench/discovery.py --repeats 9
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newsarchive.discovery import parse_feed, parse_sitemap

SITEMAP_URLS = 50_000
FEED_ITEMS = 5_000
TARGET_SECONDS = 2.0


def urlset(count: int, *, news: bool) -> bytes:
    """A sitemap of ``count`` article URLs, with ``<news:news>`` blocks if ``news``."""
    rows = []
    for i in range(count):
        row = (
            f"<url><loc>https://www.example-news.com/world/2025/03/{i}/a-headline-of-some-length</loc>"
            f"<lastmod>2025-03-{1 + i % 28:02d}T08:{i % 60:02d}:00Z</lastmod>"
        )
        if news:
            row += (
                "<news:news><news:publication><news:name>Example News</news:name>"
                "<news:language>en</news:language></news:publication>"
                f"<news:publication_date>2025-03-{1 + i % 28:02d}T08:00:00Z</news:publication_date>"
                f"<news:title>A headline of some length, number {i}</news:title></news:news>"
            )
        rows.append(row + "</url>\n")
    namespaces = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
    if news:
        namespaces += ' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"'
    body = f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset {namespaces}>\n'
    return (body + "".join(rows) + "</urlset>").encode()


def rss(count: int) -> bytes:
    """An RSS 2.0 feed of ``count`` items with a title, a summary and a date each."""
    items = "".join(
        f"<item><title>Story {i}: what happened</title>"
        f"<link>https://www.example-news.com/2025/03/story-{i}</link>"
        f"<guid>https://www.example-news.com/2025/03/story-{i}</guid>"
        f"<pubDate>Mon, {1 + i % 28:02d} Mar 2025 08:00:00 GMT</pubDate>"
        f"<description>The first lines of story {i}, as the site shows them.</description>"
        "</item>\n"
        for i in range(count)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>Example News</title>{items}</channel></rss>"
    ).encode()


def sitemap_entries(body: bytes) -> int:
    return len(parse_sitemap(body, "https://www.example-news.com/sitemap.xml").entries)


def feed_entries(body: bytes) -> int:
    return len(parse_feed(body, "https://www.example-news.com/feed"))


def cpu_seconds(count: Callable[[bytes], int], body: bytes, expected: int, repeats: int) -> float:
    """Median CPU time of ``count(body)``, which must find ``expected`` entries each time."""
    times = []
    for _ in range(repeats):
        started = time.process_time()
        found = count(body)
        times.append(time.process_time() - started)
        if found != expected:
            raise SystemExit(f"expected {expected} entries, parsed {found}")
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args(argv)

    news_sitemap = urlset(SITEMAP_URLS, news=True)
    cases = [
        (f"sitemap, {SITEMAP_URLS:,} URLs", urlset(SITEMAP_URLS, news=False), sitemap_entries),
        (f"news sitemap, {SITEMAP_URLS:,} URLs", news_sitemap, sitemap_entries),
        (f"RSS feed, {FEED_ITEMS:,} items", rss(FEED_ITEMS), feed_entries),
    ]
    expected = {sitemap_entries: SITEMAP_URLS, feed_entries: FEED_ITEMS}
    print(
        f"machine: {platform.processor() or platform.machine()}, Python {platform.python_version()}"
    )
    print(f"median of {args.repeats} parses, CPU time\n")
    print(f"{'file':32} {'size MB':>8} {'CPU s':>7} {'entries/s':>10}")
    news_seconds = 0.0
    for name, body, count in cases:
        seconds = cpu_seconds(count, body, expected[count], args.repeats)
        if body is news_sitemap:
            news_seconds = seconds
        rate = expected[count] / seconds if seconds else float("inf")
        print(f"{name:32} {len(body) / 1e6:8.1f} {seconds:7.3f} {rate:10,.0f}")
    verdict = "met" if news_seconds < TARGET_SECONDS else "MISSED"
    print(f"\nnews sitemap under {TARGET_SECONDS:g} s of CPU: {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
