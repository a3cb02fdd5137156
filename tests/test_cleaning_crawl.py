"""A crawl of pages broken by an SEO auto-linker archives the text the reader saw."""

from __future__ import annotations

import html
import re
import shutil
from urllib.parse import urlsplit

import pytest

from newsarchive.sample_site import SAMPLE_SITE_DIR, sample_articles
from newsarchive.sample_site.server import serve_site
from tests.cleaning_cases.generator import break_page
from tests.utils import run_crawl

INTRO = (
    "📍 Breaking News: This article covers the latest developments. "
    "Stay informed with comprehensive coverage."
)
# What leaked markup looks like in text: attribute residue, stray tags, escaped tags.
RESIDUE = re.compile(r'class="|">|</a>|&lt;a |href=|auto-internal-link', re.IGNORECASE)


def page_of(root, article):
    return root / article.path.strip("/") / "index.html"


def plant_intro(page):
    text = page.read_text()
    first = re.search(r"<p>", text[text.index("<h1") :])
    assert first is not None
    at = text.index("<h1") + first.start()
    page.write_text(text[:at] + f"<p>{html.escape(INTRO)}</p>\n" + text[at:])


@pytest.fixture(scope="module")
def broken_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("broken") / "site"
    shutil.copytree(SAMPLE_SITE_DIR, root)
    english = [a for a in sample_articles() if a.language == "en"]
    linked, intro_first, intro_later = english[:6], english[6:10], english[10:14]
    variants = ["double", "single", "emoji_title", "nested_twice", "attributes", "title"]
    for article, variant in zip(linked, variants, strict=True):
        page = page_of(root, article)
        # Keywords that occur in the page's own link targets and text: the
        # plugin's regex rewrites them inside href/title attributes too.
        keywords = [article.section, "harbour"]
        broken = break_page(
            page.read_text(),
            article.url("http://gazette.example"),
            keywords,
            variant,
            article.title,
        )
        assert broken != page.read_text()
        page.write_text(broken)
    for article in intro_first + intro_later:
        plant_intro(page_of(root, article))
    return root, linked, intro_first, intro_later


def test_auto_linker_damage_is_repaired_and_counted(tmp_path, broken_site):
    root, linked, _, _ = broken_site
    with serve_site(root) as site:
        urls = ",".join(site.url(a.path) for a in linked)
        result = run_crawl("urls", tmp_path, args={"urls": urls})
    assert result.returncode == 0, result.log[-3000:]
    assert len(result.articles) == len(linked)
    by_path = {urlsplit(a.url).path: a for a in result.articles}
    for truth in linked:
        record = by_path[truth.path]
        assert not RESIDUE.search(record.text), record.text
        assert not RESIDUE.search(record.title)
        assert record.title == truth.title
        for paragraph in truth.paragraphs:
            assert paragraph in record.text
        assert record.removed.get("html_repairs", 0) >= 1
    assert result.stat("newsarchive/cleaning/html_repairs") >= len(linked)


def test_an_intro_the_site_injects_everywhere_is_learned_and_removed(tmp_path, broken_site):
    root, _, intro_first, intro_later = broken_site
    with serve_site(root) as site:
        first = run_crawl(
            "urls", tmp_path, args={"urls": ",".join(site.url(a.path) for a in intro_first)}
        )
        later = run_crawl(
            "urls", tmp_path, args={"urls": ",".join(site.url(a.path) for a in intro_later)}
        )
    # Articles seen before the site's pattern was known keep it (three are needed
    # to call a line boilerplate); once it is, new articles are archived without it.
    assert sum(INTRO in a.text for a in first.articles) >= 3
    later_paths = {a.path for a in intro_later}
    later_records = [a for a in later.articles if urlsplit(a.url).path in later_paths]
    assert len(later_records) == len(intro_later)
    assert not any("Breaking News" in a.text for a in later_records)
    assert later.stat("newsarchive/cleaning/boilerplate_lines") == len(intro_later)


def test_a_teaser_page_leads_to_the_full_article(tmp_path):
    full = sample_articles()[7]
    root = tmp_path / "site"
    shutil.copytree(SAMPLE_SITE_DIR, root)
    teaser = root / "teasers" / "story" / "index.html"
    teaser.parent.mkdir(parents=True)
    teaser.write_text(
        f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{html.escape(full.title)}</title>
<meta property="og:type" content="article">
</head><body><main><article><h1>{html.escape(full.title)}</h1>
<p>{html.escape(full.paragraphs[0])}</p>
<p><a href="{full.path}">Continue reading</a></p>
</article></main></body></html>"""
    )
    with serve_site(root) as site:
        result = run_crawl("urls", tmp_path, args={"urls": site.url("/teasers/story/")})
        requested = site.requests
    assert result.returncode == 0, result.log[-3000:]
    assert requested[full.path] == 1
    [record] = result.articles
    assert urlsplit(record.url).path == full.path
    assert not record.truncated
    assert result.stat("newsarchive/articles/teaser_followed") == 1
