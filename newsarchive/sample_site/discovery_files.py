"""Discovery files of the sample site: robots.txt, sitemaps and feeds.

Each function returns the file's text with ``{{BASE_URL}}`` placeholders; ``build.py``
writes them. Articles arrive newest first.
"""

from __future__ import annotations

import json
from datetime import datetime
from email.utils import format_datetime
from html import escape

from newsarchive.sample_site import BASE_URL_PLACEHOLDER, SampleArticle
from newsarchive.sample_site.articles import SECTIONS, SITE_NAME, TOWN

BASE = BASE_URL_PLACEHOLDER
FEED_SIZE = 15
NEWS_SITEMAP_SIZE = 12


def e(text: str) -> str:
    """Escape text for XML, attributes included."""
    return escape(text, quote=True)


def image_path(section: str) -> str:
    return f"/images/{section}.png"


def feed_author_names(article: SampleArticle) -> list[str]:
    """Names a feed credits: the people, or the agency credit when nobody is named."""
    return list(article.authors) or [article.byline]


def robots_txt() -> str:
    return f"""# robots.txt for {SITE_NAME}
User-agent: *
Disallow: /private/
Allow: /

Sitemap: {BASE}/sitemap_index.xml
Sitemap: {BASE}/news-sitemap.xml
"""


def sitemap_index(newest: datetime) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>{BASE}/sitemap-articles.xml.gz</loc><lastmod>{newest.isoformat()}</lastmod></sitemap>
<sitemap><loc>{BASE}/sitemap-pages.xml</loc><lastmod>2026-09-01T09:00:00+02:00</lastmod></sitemap>
</sitemapindex>
"""


def sitemap_articles(articles: list[SampleArticle]) -> str:
    urls = "".join(
        f"<url><loc>{BASE}{a.path}</loc><lastmod>{a.modified.isoformat()}</lastmod>"
        f"<image:image><image:loc>{BASE}{image_path(a.section)}</image:loc></image:image></url>\n"
        for a in articles
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">\n'
        f"{urls}</urlset>\n"
    )


def sitemap_pages() -> str:
    paths = ["/", *(f"/{slug}/" for slug in SECTIONS)]
    paths += ["/events/", "/about/", "/contact/", "/privacy/", "/subscribe/"]
    urls = "".join(
        f"<url><loc>{BASE}{p}</loc><changefreq>daily</changefreq></url>\n" for p in paths
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{urls}</urlset>\n"
    )


def news_sitemap(articles: list[SampleArticle]) -> str:
    urls = "".join(
        f"<url><loc>{BASE}{a.path}</loc><news:news><news:publication>"
        f"<news:name>{SITE_NAME}</news:name><news:language>{a.language}</news:language>"
        f"</news:publication><news:publication_date>{a.published.isoformat()}"
        f"</news:publication_date><news:title>{e(a.title)}</news:title></news:news></url>\n"
        for a in articles[:NEWS_SITEMAP_SIZE]
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n'
        f"{urls}</urlset>\n"
    )


def rss_feed(articles: list[SampleArticle]) -> str:
    items = []
    for a in articles[:FEED_SIZE]:
        creators = "".join(f"<dc:creator>{e(n)}</dc:creator>" for n in feed_author_names(a))
        categories = f"<category>{SECTIONS[a.section]}</category>" + "".join(
            f"<category>{tag}</category>" for tag in a.tags
        )
        items.append(
            f"<item>\n<title>{e(a.title)}</title>\n<link>{BASE}{a.path}</link>\n"
            f'<guid isPermaLink="true">{BASE}{a.path}</guid>\n{creators}\n'
            f"<pubDate>{format_datetime(a.published)}</pubDate>\n{categories}\n"
            f"<description>{e(a.summary)}</description>\n</item>\n"
        )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" \
xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>{SITE_NAME}</title>
<link>{BASE}/</link>
<description>Independent news from {TOWN}, its harbour and the coast.</description>
<language>en-gb</language>
<lastBuildDate>{format_datetime(articles[0].modified)}</lastBuildDate>
<atom:link href="{BASE}/feed.xml" rel="self" type="application/rss+xml"/>
{"".join(items)}</channel>
</rss>
"""


def atom_feed(articles: list[SampleArticle]) -> str:
    # Entry and author links are relative to xml:base (RFC 4287 section 2, RFC 3986).
    entries = []
    for a in articles[:FEED_SIZE]:
        authors = (
            "".join(
                f"<author><name>{e(name)}</name><uri>author/{slug}/</uri></author>"
                for name, slug in zip(a.authors, a.author_slugs, strict=True)
            )
            or f"<author><name>{e(a.byline)}</name></author>"
        )
        categories = "".join(f'<category term="{tag}"/>' for tag in a.tags)
        entries.append(
            f'<entry xml:lang="{a.locale}">\n<title>{e(a.title)}</title>\n'
            f'<link rel="alternate" type="text/html" href="{a.path.lstrip("/")}"/>\n'
            f"<id>tag:harbourgazette.example,{a.published:%Y-%m-%d}:{a.path}</id>\n"
            f"<published>{a.published.isoformat()}</published>\n"
            f"<updated>{a.modified.isoformat()}</updated>\n{authors}\n"
            f'<category term="{a.section}" label="{SECTIONS[a.section]}"/>{categories}\n'
            f"<summary>{e(a.summary)}</summary>\n</entry>\n"
        )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="{BASE}/" xml:lang="en-GB">
<title>{SITE_NAME}</title>
<subtitle>Independent news from {TOWN}, its harbour and the coast.</subtitle>
<id>tag:harbourgazette.example,2026:feed</id>
<link rel="self" type="application/atom+xml" href="atom.xml"/>
<link rel="alternate" type="text/html" href="./"/>
<updated>{articles[0].modified.isoformat()}</updated>
<icon>images/logo.png</icon>
{"".join(entries)}</feed>
"""


def json_feed(articles: list[SampleArticle]) -> str:
    items = []
    for a in articles[:FEED_SIZE]:
        authors = [
            {"name": name, "url": f"{BASE}/author/{slug}/"}
            for name, slug in zip(a.authors, a.author_slugs, strict=True)
        ] or [{"name": a.byline}]
        items.append(
            {
                "id": f"{BASE}{a.path}",
                "url": f"{BASE}{a.path}",
                "title": a.title,
                "summary": a.summary,
                "content_html": f"<p>{e(a.summary)}</p>",
                "image": f"{BASE}{image_path(a.section)}",
                "date_published": a.published.isoformat(),
                "date_modified": a.modified.isoformat(),
                "authors": authors,
                "tags": [SECTIONS[a.section], *a.tags],
                "language": a.locale,
            }
        )
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": SITE_NAME,
        "home_page_url": f"{BASE}/",
        "feed_url": f"{BASE}/feed.json",
        "description": f"Independent news from {TOWN}, its harbour and the coast.",
        "icon": f"{BASE}/images/logo.png",
        "language": "en-GB",
        "authors": [{"name": SITE_NAME, "url": f"{BASE}/about/"}],
        "items": items,
    }
    return json.dumps(feed, ensure_ascii=False, indent=2) + "\n"
