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


def many_elements_html(title: str, elements: int) -> str:
    """An article of ``elements`` tiny linked elements: legal HTML that takes long to analyse.

    100,000 of them make a 7 MB page that a worker spends 29 s on (2-core Xeon).
    """
    body = "".join(
        f"<div class='c{i % 7}'><span>w{i}</span> <a href='/x{i}'>l{i}</a></div>"
        for i in range(elements)
    )
    return (
        f"<!DOCTYPE html><html><head><title>{escape(title)}</title></head><body><article>"
        f"<h1>{escape(title)}</h1>{body}</article></body></html>\n"
    )
