"""One record per article across spiders, runs, URL variants and syndicated copies."""

from __future__ import annotations

import html
import json
import shutil
from datetime import timedelta
from urllib.parse import urlsplit

import pytest

from newsarchive.sample_site import SAMPLE_SITE_DIR, article_paths, sample_articles
from newsarchive.sample_site.server import serve_site
from tests.utils import run_crawl, run_scrapy

SYNDICATED_PAGE = """\
<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>{title} – Coastal Wire</title>
<link rel="canonical" href="{original}">
<script type="application/ld+json">{ld}</script>
</head><body>
<header><a href="/">Coastal Wire</a> · <a href="/news/">News</a> · <a href="/sport/">Sport</a></header>
<main><article>
<h1>{title}</h1>
<p class="byline">By {byline}</p>
<p><em>Republished from a partner newsroom.</em></p>
{paragraphs}
<p>This story first appeared on The Harbour Gazette and is republished with permission.</p>
</article>
<aside><h2>More from Coastal Wire</h2><a href="/news/ferries/">Ferries</a></aside>
</main><footer>© Coastal Wire</footer></body></html>
"""


def write_syndicated_copies(root, originals, base_url, hours_later=3):
    for n, article in enumerate(originals):
        ld = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": article.title,
            "datePublished": (article.published + timedelta(hours=hours_later)).isoformat(),
            "author": [{"@type": "Person", "name": a} for a in article.authors],
        }
        page = root / "wire" / f"story-{n}" / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(
            SYNDICATED_PAGE.format(
                title=html.escape(article.title),
                original=article.url(base_url),
                ld=json.dumps(ld),
                byline=html.escape(article.byline),
                paragraphs="\n".join(f"<p>{html.escape(p)}</p>" for p in article.paragraphs),
            )
        )


def paths(result):
    return sorted(urlsplit(a.url).path for a in result.articles)


def test_three_spiders_and_two_runs_make_one_record_per_article(tmp_path):
    with serve_site() as site:
        for _ in range(2):
            for spider, start in [
                ("feeds", "/feed.xml"),
                ("sitemap", "/robots.txt"),
                ("site", "/"),
            ]:
                result = run_crawl(spider, tmp_path, args={"urls": site.url(start)})
                assert result.returncode == 0, result.log[-3000:]
    assert paths(result) == sorted(article_paths())
    all_urls = [u for a in result.articles for u in a.urls]
    assert len(all_urls) == len(set(all_urls)) == len(article_paths())


# A copy dated after the original, and one dated before it (a wire's clock) that
# names the original as its rel=canonical: either way the original is the record.
@pytest.mark.parametrize("hours_later", [3, -3])
def test_syndicated_copies_join_the_original_whichever_is_crawled_first(tmp_path, hours_later):
    originals = sample_articles()[3:6]
    with serve_site() as gazette:
        wire_root = tmp_path / "wire-site"
        write_syndicated_copies(wire_root, originals, gazette.base_url, hours_later)
        with serve_site(wire_root) as wire:
            copies = ",".join(wire.url(f"/wire/story-{n}/") for n in range(len(originals)))
            first = run_crawl("urls", tmp_path, args={"urls": copies})
            second = run_crawl(
                "urls",
                tmp_path,
                args={"urls": ",".join(a.url(gazette.base_url) for a in originals)},
            )
    assert first.stat("newsarchive/archive/new") == 3
    assert second.stat("newsarchive/dedup/near_duplicate") == 3
    assert len(second.articles) == 3
    by_url = {a.url: a for a in second.articles}
    for original in originals:
        # The record now shows the original publisher's copy...
        article = by_url[original.url(gazette.base_url)]
        assert article.title == original.title
        assert "first appeared on" not in article.text
        # ...and keeps the copy's URL among its places.
        assert any(urlsplit(u).path.startswith("/wire/") for u in article.urls)


def test_an_edited_article_becomes_a_revision_of_its_record(tmp_path):
    root = tmp_path / "site"
    shutil.copytree(SAMPLE_SITE_DIR, root)
    article = sample_articles()[0]
    page = root / article.path.strip("/") / "index.html"
    with serve_site(root) as site:
        run_crawl("urls", tmp_path, args={"urls": site.url(article.path)})
        sentence = article.paragraphs[1]
        corrected = sentence.replace(sentence.split()[0], "Correction:", 1)
        page.write_text(page.read_text().replace(html.escape(sentence, quote=False), corrected, 1))
        edited = run_crawl("urls", tmp_path, args={"urls": site.url(article.path)})
    assert edited.stat("newsarchive/archive/revised") == 1
    [record] = edited.articles
    assert "Correction:" in record.text
    export = run_scrapy("export", "--revisions", "-s", f"ARCHIVE_URI={edited.archive_uri}")
    [line] = export.stdout.splitlines()
    [revision] = json.loads(line)["revisions"]
    assert sentence in revision["text"] and "Correction:" not in revision["text"]


@pytest.mark.parametrize("spider", ["site"])
def test_articles_sharing_one_template_never_merge(tmp_path, spider):
    with serve_site() as site:
        result = run_crawl(spider, tmp_path, args={"urls": site.url("/")})
    assert result.stat("newsarchive/archive/duplicate") == 0
    assert len(result.articles) == len(article_paths())
