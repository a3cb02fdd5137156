"""Render the sample site (``site/``) from the article data in ``articles.py``.

Run ``python -m newsarchive.sample_site.build`` after editing the data and commit the
output. Absolute URLs are written as ``{{BASE_URL}}/path``; the server fills them in.
``sitemap-articles.xml.gz`` is stored gzipped, as a real site would serve it; the
server decompresses it, fills in the base URL and compresses it again.
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import struct
import zlib
from datetime import datetime, timedelta
from html import escape
from pathlib import Path

from newsarchive.sample_site import (
    BASE_URL_PLACEHOLDER,
    SAMPLE_SITE_DIR,
    SECTION_PAGE_SIZE,
    SampleArticle,
    sample_articles,
    section_pages,
    tag_slugs,
)
from newsarchive.sample_site.articles import AUTHORS, COMMENTS, SECTIONS, SITE_NAME, TOWN
from newsarchive.sample_site.discovery_files import (
    atom_feed,
    image_path,
    json_feed,
    news_sitemap,
    robots_txt,
    rss_feed,
    sitemap_articles,
    sitemap_index,
    sitemap_pages,
)
from newsarchive.sample_site.pages import EVENTS, STATIC_PAGES

BASE = BASE_URL_PLACEHOLDER
RELATED_SIZE = 4
SECTION_COLOURS = {
    "politics": (31, 58, 96),
    "business": (24, 110, 90),
    "sport": (170, 60, 40),
    "culture": (120, 60, 130),
    "science": (40, 110, 160),
    "logo": (16, 32, 64),
}
MONTHS = {
    "en": "January February March April May June July August September October November December",
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
}
# Article headers follow the article's language; the site's chrome stays English.
LABELS = {
    "en": {"by": "By", "and": "and", "updated": "Updated"},
    "de": {"by": "Von", "and": "und", "updated": "Aktualisiert"},
    "fr": {"by": "Par", "and": "et", "updated": "Mis à jour"},
}

CSS = """body{margin:0;font:17px/1.55 Georgia,serif;color:#1b1b1b;background:#fbfaf7}
a{color:#1f3a60}.site-header,.site-footer{background:#10203f;color:#fff;padding:1rem 2rem}
.site-header a,.site-footer a{color:#fff}.masthead{font-size:2rem;margin:0}
.main-nav ul,.site-footer ul,.breadcrumbs ol{list-style:none;padding:0;display:flex;gap:1rem}
main{max-width:46rem;margin:0 auto;padding:1rem}.byline,.dateline,.meta{color:#555}
.related,.most-read,.comments,.promo{border-top:3px solid #10203f;margin-top:2rem}
img{max-width:100%;height:auto}.skip{position:absolute;left:-999px}
"""


def e(text: str) -> str:
    """Escape text for HTML and XML, attributes included."""
    return escape(text, quote=True)


def ld_json(data: dict) -> str:
    """A JSON-LD script element; ``</`` is escaped so the JSON cannot close the element."""
    text = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    return f'<script type="application/ld+json">\n{text}\n</script>'


def human_date(moment: datetime, language: str = "en") -> str:
    """A date as printed on the page, in the article's language."""
    month = MONTHS[language].split()[moment.month - 1]
    if language == "de":
        return f"{moment.day}. {month} {moment.year}, {moment:%H:%M} Uhr"
    if language == "fr":
        return f"{moment.day} {month} {moment.year} à {moment.hour} h {moment:%M}"
    return f"{moment:%A} {moment.day} {month} {moment.year}, {moment:%H.%M}"


def tag_name(tag: str) -> str:
    """A tag slug as a human label: ``twin-towns`` -> ``Twin towns``."""
    return tag.replace("-", " ").capitalize()


def author_ld(article: SampleArticle) -> list[dict]:
    if not article.authors:
        return [{"@type": "Organization", "name": article.byline}]
    return [
        {"@type": "Person", "name": name, "url": f"{BASE}/author/{slug}/"}
        for name, slug in zip(article.authors, article.author_slugs, strict=True)
    ]


PUBLISHER_LD = {
    "@type": "NewsMediaOrganization",
    "name": SITE_NAME,
    "url": f"{BASE}/",
    "logo": {"@type": "ImageObject", "url": f"{BASE}/images/logo.png"},
}


# -- page chrome ----------------------------------------------------------------------


def head(
    *,
    title: str,
    path: str,
    description: str,
    og_type: str,
    ld: list[dict],
    lang: str = "en-GB",
    extra_meta: str = "",
    image: str = "/images/logo.png",
) -> str:
    locale = lang.replace("-", "_")
    scripts = "\n".join(ld_json(block) for block in ld)
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(title)}</title>
<meta name="description" content="{e(description)}">
<link rel="canonical" href="{BASE}{path}">
<link rel="stylesheet" href="/assets/site.css">
<link rel="icon" href="/images/logo.png">
<link rel="alternate" type="application/rss+xml" title="{SITE_NAME}" href="/feed.xml">
<link rel="alternate" type="application/atom+xml" title="{SITE_NAME} (Atom)" href="/atom.xml">
<link rel="alternate" type="application/feed+json" title="{SITE_NAME} (JSON)" href="/feed.json">
<meta property="og:site_name" content="{SITE_NAME}">
<meta property="og:type" content="{og_type}">
<meta property="og:title" content="{e(title.split(" | ", maxsplit=1)[0])}">
<meta property="og:description" content="{e(description)}">
<meta property="og:url" content="{BASE}{path}">
<meta property="og:image" content="{BASE}{image}">
<meta property="og:locale" content="{locale}">
<meta name="twitter:card" content="summary_large_image">
{extra_meta}{scripts}
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site-header">
<p class="masthead"><a href="/">{SITE_NAME}</a></p>
<p class="tagline">News from {TOWN} since 1874</p>
<nav class="main-nav" aria-label="Sections">
<ul>
<li><a href="/">Home</a></li>
{"".join(f'<li><a href="/{slug}/">{name}</a></li>{chr(10)}' for slug, name in SECTIONS.items())}\
<li><a href="/events/">Events</a></li>
<li><a href="/subscribe/">Subscribe</a></li>
</ul>
</nav>
</header>
"""


FOOTER = f"""<footer class="site-footer">
<nav aria-label="About the Gazette">
<ul>
<li><a href="/about/">About us</a></li>
<li><a href="/contact/">Contact</a></li>
<li><a href="/privacy/">Privacy</a></li>
<li><a href="/subscribe/">Subscribe</a></li>
<li><a href="/feed.xml">RSS</a></li>
</ul>
</nav>
<p>&copy; 2026 {SITE_NAME}, {TOWN}. All rights reserved.</p>
</footer>
</body>
</html>
"""


def breadcrumbs(trail: list[tuple[str, str]], current: str) -> str:
    items = "".join(f'<li><a href="{href}">{e(label)}</a></li>' for label, href in trail)
    return (
        '<nav class="breadcrumbs" aria-label="Breadcrumb"><ol>'
        f'{items}<li aria-current="page">{e(current)}</li></ol></nav>\n'
    )


def breadcrumb_ld(trail: list[tuple[str, str]], current: str, path: str) -> dict:
    items = [(label, f"{BASE}{href}") for label, href in trail] + [(current, f"{BASE}{path}")]
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": label, "item": url}
            for n, (label, url) in enumerate(items, start=1)
        ],
    }


def byline_html(article: SampleArticle) -> str:
    labels = LABELS[article.language]
    if not article.authors:
        return f'<p class="byline">{labels["by"]} {e(article.byline)}</p>'
    links = [
        f'<a rel="author" href="/author/{slug}/">{e(name)}</a>'
        for name, slug in zip(article.authors, article.author_slugs, strict=True)
    ]
    text = links[0] if len(links) == 1 else f"{', '.join(links[:-1])} {labels['and']} {links[-1]}"
    if article.byline.endswith(" and agencies"):
        text += f" {labels['and']} agencies"
    return f'<p class="byline">{labels["by"]} {text}</p>'


def teaser(article: SampleArticle) -> str:
    credit = article.byline
    return f"""<article class="teaser" lang="{article.locale}">
<h2><a href="{article.path}">{e(article.title)}</a></h2>
<p>{e(article.summary)}</p>
<p class="meta">{e(credit)} &middot; <time datetime="{article.published.isoformat()}">\
{human_date(article.published)}</time></p>
</article>
"""


def most_read(articles: list[SampleArticle]) -> str:
    # A fixed box on every page, like the "most read" widgets news sites carry.
    picks = [articles[i] for i in (3, 9, 14, 20, 27)]
    items = "".join(f'<li><a href="{a.path}">{e(a.title)}</a></li>\n' for a in picks)
    return f'<aside class="most-read">\n<h2>Most read</h2>\n<ol>\n{items}</ol>\n</aside>\n'


# -- articles -------------------------------------------------------------------------


def related_articles(article: SampleArticle, public: list[SampleArticle]) -> list[SampleArticle]:
    """Same-section stories nearest in time, then others sharing a tag."""
    others = [a for a in public if a.path != article.path]

    def distance(other: SampleArticle) -> tuple[int, float]:
        shares = other.section == article.section or bool(set(other.tags) & set(article.tags))
        gap = abs((other.published - article.published).total_seconds())
        return (0 if shares else 1, gap)

    return sorted(others, key=distance)[:RELATED_SIZE]


def article_body(article: SampleArticle, index: int) -> str:
    parts = []
    for n, block in enumerate(article.blocks):
        if block in article.subheadings:
            parts.append(f"<h2>{e(block)}</h2>")
        else:
            parts.append(f"<p>{e(block)}</p>")
        if n == 1 and index % 3 == 0:
            # Newsletter promotions sit inside the body on real sites.
            parts.append(
                '<aside class="promo"><p>Get the morning briefing from the Gazette in your '
                'inbox every day. <a href="/subscribe/">Sign up free</a></p></aside>'
            )
    return "\n".join(parts)


def comments_html(article: SampleArticle, index: int) -> str:
    picks = [COMMENTS[(index * 5 + k) % len(COMMENTS)] for k in range(2 + index % 2)]
    items = []
    for k, (name, text) in enumerate(picks, start=1):
        moment = article.published + timedelta(hours=2 * k + 1, minutes=7 * k)
        items.append(
            f'<li class="comment" id="comment-{index * 10 + k}">'
            f'<p class="comment-author">{e(name)}</p>'
            f'<p class="comment-date"><time datetime="{moment.isoformat()}">'
            f"{human_date(moment)}</time></p>"
            f'<p class="comment-text">{e(text)}</p></li>'
        )
    joined = "\n".join(items)
    return (
        f'<section class="comments" id="comments">\n<h2>Comments ({len(picks)})</h2>\n'
        f"<ol>\n{joined}\n</ol>\n<p>Comments are moderated. "
        '<a href="/privacy/">How we use your data</a></p>\n</section>\n'
    )


def render_article(article: SampleArticle, index: int, public: list[SampleArticle]) -> str:
    section_name = SECTIONS[article.section]
    labels = LABELS[article.language]
    url = f"{BASE}{article.path}"
    image = image_path(article.section)
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "headline": article.title,
        "description": article.summary,
        "image": [f"{BASE}{image}"],
        "datePublished": article.published.isoformat(),
        "dateModified": article.modified.isoformat(),
        "author": author_ld(article),
        "publisher": PUBLISHER_LD,
        "inLanguage": article.locale,
        "articleSection": section_name,
        "keywords": list(article.tags),
        "wordCount": sum(len(block.split()) for block in article.blocks),
    }
    trail = [("Home", "/"), (section_name, f"/{article.section}/")]
    meta = [
        f'<meta property="article:published_time" content="{article.published.isoformat()}">',
        f'<meta property="article:modified_time" content="{article.modified.isoformat()}">',
        f'<meta property="article:section" content="{section_name}">',
        *(f'<meta property="article:tag" content="{tag}">' for tag in article.tags),
        *(
            f'<meta property="article:author" content="{BASE}/author/{slug}/">'
            for slug in article.author_slugs
        ),
        f'<meta name="author" content="{e(article.byline)}">',
    ]
    if article.private:
        meta.append('<meta name="robots" content="noindex, noarchive">')
    updated = ""
    if article.modified != article.published:
        updated = (
            f' &middot; {labels["updated"]} <time datetime="{article.modified.isoformat()}">'
            f"{human_date(article.modified, article.language)}</time>"
        )
    related = "".join(
        f'<li><a href="{a.path}">{e(a.title)}</a></li>\n'
        for a in related_articles(article, public)
    )
    tags = ", ".join(
        f'<a href="/tag/{tag}/" rel="tag">{tag_name(tag)}</a>' for tag in article.tags
    )
    return (
        head(
            title=f"{article.title} | {SITE_NAME}",
            path=article.path,
            description=article.summary,
            og_type="article",
            ld=[ld, breadcrumb_ld(trail, article.title, article.path)],
            lang=article.locale,
            extra_meta="\n".join(meta) + "\n",
            image=image,
        )
        + '<main id="main">\n'
        + breadcrumbs(trail, article.title)
        + f"""<article class="story">
<header class="story-header">
<p class="kicker"><a href="/{article.section}/">{section_name}</a></p>
<h1>{e(article.title)}</h1>
<p class="standfirst">{e(article.summary)}</p>
{byline_html(article)}
<p class="dateline"><time datetime="{article.published.isoformat()}">\
{human_date(article.published, article.language)}</time>{updated}</p>
</header>
<figure class="lead-image"><img src="{image}" alt="" width="640" height="360">
<figcaption>{e(TOWN)}. Photograph: {SITE_NAME}</figcaption></figure>
<div class="article-body">
{article_body(article, index)}
</div>
<p class="story-tags">Topics: {tags}</p>
</article>
<aside class="related">
<h2>Related</h2>
<ul>
{related}</ul>
</aside>
{most_read(public)}{comments_html(article, index)}</main>
"""
        + FOOTER
    )


# -- listings -------------------------------------------------------------------------


def collection_ld(path: str, name: str, articles: list[SampleArticle], kind: str) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": kind,
        "name": name,
        "url": f"{BASE}{path}",
        "isPartOf": {"@type": "WebSite", "name": SITE_NAME, "url": f"{BASE}/"},
        "publisher": PUBLISHER_LD,
        "mainEntity": {
            "@type": "ItemList",
            "itemListElement": [
                {"@type": "ListItem", "position": n, "url": f"{BASE}{a.path}"}
                for n, a in enumerate(articles, start=1)
            ],
        },
    }


def render_listing(
    *,
    path: str,
    heading: str,
    intro: str,
    articles: list[SampleArticle],
    public: list[SampleArticle],
    pagination: str = "",
    extra_meta: str = "",
    ld: list[dict] | None = None,
    trail: list[tuple[str, str]] | None = None,
    extra_html: str = "",
) -> str:
    ld = ld or [collection_ld(path, heading, articles, "CollectionPage")]
    trail = trail if trail is not None else [("Home", "/")]
    crumbs = breadcrumbs(trail, heading) if path != "/" else ""
    teasers = "".join(teaser(a) for a in articles)
    return (
        head(
            title=f"{heading} | {SITE_NAME}" if path != "/" else f"{SITE_NAME} | News from {TOWN}",
            path=path,
            description=intro,
            og_type="website",
            ld=ld,
            extra_meta=extra_meta,
        )
        + f'<main id="main">\n{crumbs}<h1>{e(heading)}</h1>\n<p class="intro">{e(intro)}</p>\n'
        + f'<section class="stories">\n{teasers}</section>\n{pagination}{extra_html}'
        + most_read(public)
        + "</main>\n"
        + FOOTER
    )


def render_section_pages(section: str, public: list[SampleArticle]) -> dict[str, str]:
    name = SECTIONS[section]
    stories = [a for a in public if a.section == section]
    paths = section_pages(section)
    pages = {}
    for n, path in enumerate(paths):
        chunk = stories[n * SECTION_PAGE_SIZE : (n + 1) * SECTION_PAGE_SIZE]
        links, meta = [], ""
        if n > 0:
            links.append(f'<a rel="prev" href="{paths[n - 1]}">Newer stories</a>')
            meta += f'<link rel="prev" href="{BASE}{paths[n - 1]}">\n'
        if n + 1 < len(paths):
            links.append(f'<a rel="next" href="{paths[n + 1]}">Older stories</a>')
            meta += f'<link rel="next" href="{BASE}{paths[n + 1]}">\n'
        heading = name if n == 0 else f"{name}: page {n + 1}"
        pages[path] = render_listing(
            path=path,
            heading=heading,
            intro=f"The latest {name.lower()} news from {TOWN} and the coast.",
            articles=chunk,
            public=public,
            pagination=f'<nav class="pagination">{" ".join(links)}</nav>\n',
            extra_meta=meta,
        )
    return pages


def render_home(public: list[SampleArticle], private: list[SampleArticle]) -> str:
    ld = collection_ld("/", SITE_NAME, public[:10], "WebPage")
    ld["@type"] = ["WebPage", "CollectionPage"]
    website = {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": SITE_NAME,
        "url": f"{BASE}/",
        "inLanguage": "en-GB",
        "publisher": PUBLISHER_LD,
    }
    previews = "".join(
        f'<li><a href="{a.path}">{e(a.title)}</a> (subscribers only)</li>\n' for a in private
    )
    sections = "".join(
        f'<li><a href="/{slug}/">More {name.lower()}</a></li>\n' for slug, name in SECTIONS.items()
    )
    topics = "".join(
        f'<li><a href="/tag/{tag}/">{tag_name(tag)}</a></li>\n' for tag in tag_slugs()
    )
    extra = (
        f'<aside class="previews">\n<h2>Subscriber previews</h2>\n<ul>\n{previews}</ul>\n</aside>\n'
        f'<nav class="section-links" aria-label="More news"><ul>\n{sections}</ul></nav>\n'
        f'<aside class="topics">\n<h2>Topics</h2>\n<ul>\n{topics}</ul>\n</aside>\n'
        '<p class="events-link"><a href="/events/">What\'s on in Port Alder this month</a></p>\n'
    )
    page = render_listing(
        path="/",
        heading="Latest news",
        intro=f"Independent news from {TOWN}, its harbour and the coast.",
        articles=public[:10],
        public=public,
        ld=[website, ld],
        extra_html=extra,
    )
    return page


def render_tag(tag: str, public: list[SampleArticle]) -> str:
    stories = [a for a in public if tag in a.tags]
    return render_listing(
        path=f"/tag/{tag}/",
        heading=tag_name(tag),
        intro=f"All our coverage tagged {tag_name(tag).lower()}.",
        articles=stories,
        public=public,
        trail=[("Home", "/"), ("Topics", "/")],
    )


def render_author(slug: str, public: list[SampleArticle]) -> str:
    name, bio = AUTHORS[slug]
    stories = [a for a in public if slug in a.author_slugs]
    path = f"/author/{slug}/"
    ld = {
        "@context": "https://schema.org",
        "@type": "ProfilePage",
        "url": f"{BASE}{path}",
        "mainEntity": {
            "@type": "Person",
            "name": name,
            "description": bio,
            "worksFor": {"@type": "NewsMediaOrganization", "name": SITE_NAME},
        },
    }
    return render_listing(
        path=path,
        heading=name,
        intro=bio,
        articles=stories,
        public=public,
        ld=[ld],
        extra_meta=f'<meta property="profile:username" content="{slug}">\n',
    )


def render_events(public: list[SampleArticle]) -> str:
    items = []
    ld_items = []
    for n, event in enumerate(EVENTS, start=1):
        start = datetime.fromisoformat(event["start"])
        link = f' <a href="{event["link"]}">Read more</a>' if event.get("link") else ""
        items.append(
            f'<li class="event"><h2>{e(event["name"])}</h2>'
            f'<p class="when"><time datetime="{start.isoformat()}">{human_date(start)}</time>'
            f" &middot; {e(event['place'])}</p><p>{e(event['about'])}{link}</p></li>"
        )
        ld_items.append(
            {
                "@type": "ListItem",
                "position": n,
                "item": {
                    "@type": "Event",
                    "name": event["name"],
                    "startDate": start.isoformat(),
                    "location": {"@type": "Place", "name": event["place"]},
                    "description": event["about"],
                },
            }
        )
    ld = {
        "@context": "https://schema.org",
        "@type": "CollectionPage",
        "name": f"What's on in {TOWN}",
        "url": f"{BASE}/events/",
        "mainEntity": {"@type": "ItemList", "itemListElement": ld_items},
    }
    listing = '<ul class="events">\n' + "\n".join(items) + "\n</ul>\n"
    return render_listing(
        path="/events/",
        heading=f"What's on in {TOWN}",
        intro="Concerts, talks, sport and markets in the weeks ahead.",
        articles=[],
        public=public,
        ld=[ld],
        extra_html=listing,
    )


def render_static(slug: str, public: list[SampleArticle]) -> str:
    page = STATIC_PAGES[slug]
    path = f"/{slug}/"
    ld = {
        "@context": "https://schema.org",
        "@type": page["type"],
        "name": page["title"],
        "url": f"{BASE}{path}",
        "isPartOf": {"@type": "WebSite", "name": SITE_NAME, "url": f"{BASE}/"},
        "publisher": PUBLISHER_LD,
    }
    body = "\n".join(f"<p>{e(p)}</p>" for p in page["paragraphs"])
    return (
        head(
            title=f"{page['title']} | {SITE_NAME}",
            path=path,
            description=page["paragraphs"][0][:150],
            og_type="website",
            ld=[ld],
        )
        + '<main id="main">\n'
        + breadcrumbs([("Home", "/")], page["title"])
        + f'<div class="page">\n<h1>{e(page["title"])}</h1>\n{body}\n</div>\n'
        + most_read(public)
        + "</main>\n"
        + FOOTER
    )


def png(width: int, height: int, colour: tuple[int, int, int]) -> bytes:
    """A flat-colour PNG with a pale band, so article images are real, tiny files."""
    band = bytes(min(c + 90, 255) for c in colour)
    rows = []
    for y in range(height):
        pixel = band if height * 2 // 3 <= y < height * 2 // 3 + 12 else bytes(colour)
        rows.append(b"\x00" + pixel * width)

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
        + chunk(b"IEND", b"")
    )


# -- the whole site -------------------------------------------------------------------


def site_files() -> dict[str, str | bytes]:
    """Every file of the site: relative path -> text (with placeholders) or bytes."""
    everything = sample_articles(include_private=True)
    public = sample_articles()
    private = [a for a in everything if a.private]
    files: dict[str, str | bytes] = {}

    def page(path: str, html: str) -> None:
        files[path.strip("/") + "/index.html" if path != "/" else "index.html"] = html

    for index, article in enumerate(sorted(everything, key=lambda a: a.published)):
        page(article.path, render_article(article, index, public))
    page("/", render_home(public, private))
    for section in SECTIONS:
        for path, html in render_section_pages(section, public).items():
            page(path, html)
    for tag in tag_slugs():
        page(f"/tag/{tag}/", render_tag(tag, public))
    for slug in AUTHORS:
        page(f"/author/{slug}/", render_author(slug, public))
    page("/events/", render_events(public))
    for slug in STATIC_PAGES:
        page(f"/{slug}/", render_static(slug, public))

    files["robots.txt"] = robots_txt()
    files["sitemap_index.xml"] = sitemap_index(everything[0].modified)
    files["sitemap-articles.xml.gz"] = gzip.compress(
        sitemap_articles(everything).encode(), compresslevel=9, mtime=0
    )
    files["sitemap-pages.xml"] = sitemap_pages()
    files["news-sitemap.xml"] = news_sitemap(everything)
    files["feed.xml"] = rss_feed(everything)
    files["atom.xml"] = atom_feed(everything)
    files["feed.json"] = json_feed(everything)
    files["assets/site.css"] = CSS
    for name, colour in SECTION_COLOURS.items():
        size = (200, 200) if name == "logo" else (640, 360)
        files[f"images/{name}.png"] = png(*size, colour)
    return files


def build_site(out_dir: Path = SAMPLE_SITE_DIR) -> int:
    """Write the site into ``out_dir`` (replacing what was there); return the file count."""
    if out_dir.exists():
        shutil.rmtree(out_dir)
    files = site_files()
    for relative, content in files.items():
        target = out_dir / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8", newline="\n")
    return len(files)


def main(argv: list[str] | None = None) -> None:
    """Command-line entry point: ``python -m newsarchive.sample_site.build [--out DIR]``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=SAMPLE_SITE_DIR, help="output directory")
    args = parser.parse_args(argv)
    count = build_site(args.out)
    print(f"wrote {count} files to {args.out}")


if __name__ == "__main__":
    main()
