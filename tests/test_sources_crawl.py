"""`scrapy crawl sources`: several publishers, each through its own discovery, in one run."""

from __future__ import annotations

import html
import itertools
import json
import random
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from urllib.parse import urlsplit

from newsarchive.sample_site.server import serve_site
from newsarchive.sources import shard_of
from tests.utils import run_crawl, run_scrapy, scripted_server

# Words for article texts: each article draws its own sentences, so no two
# articles are near duplicates of each other.
_WORD_LIST = (
    "harbour council ferry budget pier lighthouse festival rowing club river market "
    "bakery museum theatre school bridge tram station library garden orchard vineyard "
    "cliff beach dune lagoon estuary quay warehouse crane tugboat trawler cargo storm "
    "tide wind rain sun fog frost harvest election mayor vote debate petition protest "
    "volunteer nurse doctor clinic hospital pharmacy bus cyclist path road tunnel "
    "airport runway hotel tourist visitor concert choir band orchestra painter gallery "
    "sculpture novel poet author reader newspaper editor reporter photo camera radio "
    "signal engineer architect builder plumber electrician carpenter welder sailor "
    "captain pilot farmer fisher baker butcher grocer tailor cobbler smith miller"
)
WORDS = _WORD_LIST.split()

ARTICLE = """\
<!doctype html>
<html{lang}><head><meta charset="utf-8">
<title>{title} | {site}</title>
<meta property="og:type" content="article">
<script type="application/ld+json">{ld}</script>
</head><body>
<header><a href="/">{site}</a> · <a href="/about/">About</a></header>
<main><article>
<h1>{title}</h1>
<p class="byline">By {author}</p>
{paragraphs}
</article></main><footer>© {site}</footer></body></html>
"""

FRONT = """\
<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{site}</title></head>
<body><h1>{site}</h1><ul>
{links}
</ul><a href="/about/">About us</a></body></html>
"""

ABOUT = """\
<!doctype html><html lang="en"><head><title>About {site}</title></head>
<body><h1>About {site}</h1><p>We are a small newsroom.</p></body></html>
"""


def article_text(seed: str, paragraphs: int = 5) -> list[str]:
    """Paragraphs of sentences drawn from WORDS, the same for the same seed."""
    chooser = random.Random(seed)
    return [
        " ".join(
            " ".join(chooser.choice(WORDS) for _ in range(12)).capitalize() + "." for _ in range(6)
        )
        for _ in range(paragraphs)
    ]


def write_article(
    root: Path, site: str, path: str, title: str, published: datetime, *, lang: str | None = "en"
) -> None:
    """An article page at ``path`` (e.g. ``/2026/story-1/``) with JSON-LD metadata."""
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": title,
        "datePublished": published.isoformat(timespec="seconds"),
        "author": [{"@type": "Person", "name": "Robin Example"}],
    }
    page = root / path.strip("/") / "index.html"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(
        ARTICLE.format(
            lang=f' lang="{lang}"' if lang else "",
            title=html.escape(title),
            site=site,
            ld=json.dumps(ld),
            author="Robin Example",
            paragraphs="\n".join(f"<p>{p}</p>" for p in article_text(site + path)),
        ),
        encoding="utf-8",
    )


def write_news_site(
    root: Path,
    site: str,
    count: int,
    *,
    now: datetime | None = None,
    old: int = 0,
    lang: str | None = "en",
    extra_feed_paths: tuple[str, ...] = (),
) -> list[str]:
    """A small news site: ``count`` recent articles (and ``old`` 60-day-old ones), listed
    in /feed.xml, /sitemap.xml (named by /robots.txt) and on the front page.

    Returns the article paths, newest first.
    """
    now = now or datetime.now(UTC)
    root.mkdir(parents=True, exist_ok=True)
    dated: list[tuple[str, datetime]] = []
    for n in range(count):
        dated.append((f"/news/{site.lower()}-story-{n}/", now - timedelta(hours=2 + n)))
    for n in range(old):
        dated.append((f"/archive/{site.lower()}-old-{n}/", now - timedelta(days=60 + n)))
    for path, published in dated:
        write_article(root, site, path, f"{site} story {path.strip('/').split('/')[-1]}",
                      published, lang=lang)  # fmt: skip
    items = "\n".join(
        f"<item><title>{path}</title><link>{{{{BASE_URL}}}}{path}</link>"
        f"<pubDate>{format_datetime(published)}</pubDate></item>"
        for path, published in dated
    ) + "".join(
        f"\n<item><title>{path}</title><link>{{{{BASE_URL}}}}{path}</link></item>"
        for path in extra_feed_paths
    )
    (root / "feed.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
        f"<title>{site}</title><link>{{{{BASE_URL}}}}/</link>\n{items}\n</channel></rss>\n"
    )
    urls = "\n".join(
        f"<url><loc>{{{{BASE_URL}}}}{path}</loc>"
        f"<lastmod>{published.isoformat(timespec='seconds')}</lastmod></url>"
        for path, published in dated
    )
    (root / "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{urls}\n</urlset>\n"
    )
    (root / "robots.txt").write_text(
        "User-agent: *\nAllow: /\nSitemap: {{BASE_URL}}/sitemap.xml\n"
    )
    links = "\n".join(f'<li><a href="{path}">{path}</a></li>' for path, _ in dated)
    (root / "index.html").write_text(FRONT.format(site=site, links=links))
    (root / "about").mkdir(exist_ok=True)
    (root / "about" / "index.html").write_text(ABOUT.format(site=site))
    return [path for path, _ in dated]


def runs_json(archive_uri: str) -> list[dict]:
    process = run_scrapy("runs", "--json", "-s", f"ARCHIVE_URI={archive_uri}")
    assert process.returncode == 0, process.stderr[-2000:]
    return json.loads(process.stdout)


def article_paths(result, base_url: str) -> list[str]:
    return sorted(urlsplit(a.url).path for a in result.articles if a.url.startswith(base_url))


def test_one_run_crawls_every_source_through_its_own_discovery(tmp_path):
    alpha_paths = write_news_site(tmp_path / "alpha", "Alpha", 3, old=1)
    beta_paths = write_news_site(tmp_path / "beta", "Beta", 3)
    gamma_paths = write_news_site(tmp_path / "gamma", "Gamma", 2, lang=None)
    with (
        serve_site(tmp_path / "alpha") as alpha,
        serve_site(tmp_path / "beta") as beta,
        serve_site(tmp_path / "gamma") as gamma,
    ):
        sources = tmp_path / "sources.toml"
        sources.write_text(
            f"""
# Three publishers, three ways of finding their articles.
[[source]]
name = "alpha"
feeds = ["{alpha.url("/feed.xml")}"]
max_age = "30d"

[[source]]
name = "beta"
sitemaps = ["{beta.url("/robots.txt")}"]
deny = ["story-1/$"]

[[source]]
name = "gamma"
start_urls = ["{gamma.url("/")}"]
allow = ["/news/gamma-story-0/"]
language = "de"
max_depth = 1
"""
        )
        result = run_crawl("sources", tmp_path, args={"sources": str(sources)})
        requested = {"alpha": alpha.requests, "beta": beta.requests, "gamma": gamma.requests}
    assert result.returncode == 0, result.log[-3000:]
    assert "Crawling 3 sources from" in result.log
    # alpha: the feed's article older than max_age is never requested.
    assert article_paths(result, alpha.base_url) == sorted(alpha_paths[:3])
    assert not any(path.startswith("/archive/") for path in requested["alpha"])
    assert result.stat("newsarchive/skip/older_than_since") == 1
    # beta: robots.txt -> sitemap -> articles, except the denied one (never fetched).
    assert article_paths(result, beta.base_url) == sorted(
        p for p in beta_paths if "story-1" not in p
    )
    assert requested["beta"]["/news/beta-story-1/"] == 0
    assert requested["beta"]["/sitemap.xml"] == 1
    # gamma: a site crawl from the front page; pages that `allow` does not match
    # (/about/, the other story) are fetched for their links but not archived.
    assert article_paths(result, gamma.base_url) == gamma_paths[:1]
    assert requested["gamma"]["/about/"] == requested["gamma"][gamma_paths[1]] == 1
    assert result.stat("newsarchive/skip/denied_by_source") == 2
    gamma_articles = [a for a in result.articles if a.url.startswith(gamma.base_url)]
    assert {a.language for a in gamma_articles} == {"de"}
    assert result.stat("newsarchive/archive/new") == 6
    # The run report counts every request each source's servers answered.
    [run] = runs_json(result.archive_uri)
    assert run["spider"] == "sources"
    assert run["finish_reason"] == "finished"
    for name, counts in run["sources"].items():
        assert counts["requests"] == sum(requested[name].values()), name
        assert counts["errors"] == 0
    assert {name: c["new"] for name, c in run["sources"].items()} == {
        "alpha": 3,
        "beta": 2,
        "gamma": 1,
    }


def test_only_and_shard_pick_the_sources_of_a_run(tmp_path):
    names = ["north", "south", "east"]
    for name in names:
        write_news_site(tmp_path / name, name.title(), 1)
    with (
        serve_site(tmp_path / "north") as north,
        serve_site(tmp_path / "south") as south,
        serve_site(tmp_path / "east") as east,
    ):
        servers = {"north": north, "south": south, "east": east}
        sources = tmp_path / "sources.toml"
        sources.write_text(
            "".join(
                f'[[source]]\nname = "{name}"\nfeeds = ["{server.url("/feed.xml")}"]\n\n'
                for name, server in servers.items()
            )
        )
        only = run_crawl(
            "sources",
            tmp_path,
            args={"only": "south"},
            settings={"NEWSARCHIVE_SOURCES": str(sources)},
        )
        asked = {name: sum(s.requests.values()) for name, s in servers.items()}
        for server in servers.values():
            server.reset_requests()
        shard = shard_of("north", 2)
        sharded = run_crawl(
            "sources",
            tmp_path,
            args={"sources": str(sources), "shard": f"{shard}/2"},
            archive=tmp_path / "sharded.sqlite3",
        )
        asked_by_shard = {name: sum(s.requests.values()) for name, s in servers.items()}
    assert only.returncode == 0 and sharded.returncode == 0
    assert asked["south"] > 0 and asked["north"] == asked["east"] == 0
    assert {n for n, count in asked_by_shard.items() if count} == {
        n for n in names if shard_of(n, 2) == shard
    }


def test_an_invalid_sources_file_stops_the_run_before_any_request(tmp_path):
    write_news_site(tmp_path / "site", "Delta", 1)
    with serve_site(tmp_path / "site") as site:
        sources = tmp_path / "sources.toml"
        sources.write_text(
            f'[[source]]\nname = "good"\nfeeds = ["{site.url("/feed.xml")}"]\n\n'
            f'[[source]]\nname = "bad"\nfeeds = ["{site.url("/feed.xml")}"]\n'
            "download_delay = -1\n"
        )
        result = run_crawl(
            "sources", tmp_path, args={"sources": str(sources)}, allow_traceback=True
        )
        requested = sum(site.requests.values())
    assert result.returncode != 0
    assert f"{sources}:8: source 'bad', field 'download_delay'" in result.log
    assert requested == 0
    assert not result.articles


def test_a_source_s_download_delay_and_concurrency_hold_under_autothrottle(tmp_path):
    arrivals: dict[str, float] = {}
    pages = {f"/story-{n}/": f"polite-{n}" for n in range(4)}

    def respond(path: str) -> tuple[int, dict[str, str], bytes]:
        arrivals[path] = time.monotonic()
        if path == "/feed.xml":
            items = "".join(
                f"<item><link>{base}{page}</link><title>{page}</title></item>" for page in pages
            )
            body = f'<rss version="2.0"><channel><title>P</title>{items}</channel></rss>'
            return 200, {"Content-Type": "application/rss+xml"}, body.encode()
        if path in pages:
            paragraphs = "".join(f"<p>{p}</p>" for p in article_text(pages[path]))
            body = (
                f"<html><body><article><h1>Story {path}</h1>{paragraphs}</article></body></html>"
            )
            return 200, {"Content-Type": "text/html; charset=utf-8"}, body.encode()
        return 404, {"Content-Type": "text/plain"}, b"not found"

    with scripted_server(respond) as (base, _requested):
        sources = tmp_path / "sources.toml"
        sources.write_text(
            f'[[source]]\nname = "polite"\nfeeds = ["{base}/feed.xml"]\n'
            "download_delay = 0.6\nconcurrency = 1\n"
        )
        result = run_crawl(
            "sources",
            tmp_path,
            args={"sources": str(sources)},
            # AutoThrottle would lower a slot's delay towards the (tiny) local latency.
            settings={"AUTOTHROTTLE_ENABLED": "True", "AUTOTHROTTLE_START_DELAY": "0"},
        )
    assert result.returncode == 0, result.log[-3000:]
    assert len(result.articles) == 4
    times = sorted(arrivals[path] for path in ["/feed.xml", *pages])
    gaps = [later - earlier for earlier, later in itertools.pairwise(times)]
    # Scrapy randomises a slot's delay between 0.5 and 1.5 times its value.
    assert min(gaps) >= 0.6 * 0.5 - 0.05, gaps
