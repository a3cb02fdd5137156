"""Pages of the hostile test sites: plain articles to archive beside the bad pages."""

from __future__ import annotations

import json
from html import escape


def article_html(
    title: str, paragraphs: list[str], *, lang: str = "en", charset: str | None = None
) -> str:
    """A news article page: JSON-LD, a headline, a byline and ``paragraphs``."""
    meta = f'<meta charset="{charset}">' if charset else ""
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": title,
        "datePublished": "2026-11-20T09:00:00+00:00",
        "author": {"@type": "Person", "name": "Jane Doe"},
    }
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head>{meta}<title>{escape(title)}</title>'
        '<meta property="og:type" content="article">'
        f'<script type="application/ld+json">{json.dumps(data, ensure_ascii=False)}</script>'
        "</head><body><header><a href='/'>Home</a></header><article>"
        f"<h1>{escape(title)}</h1><p class='byline'>By Jane Doe</p>{body}"
        "</article></body></html>\n"
    )


def front_html(paths: list[str]) -> str:
    """A front page linking to ``paths``."""
    links = "".join(f'<li><a href="{escape(p)}">{escape(p[:60])}</a></li>' for p in paths)
    return f"<!DOCTYPE html><html><head><title>Front</title></head><body><ul>{links}</ul></body></html>"
