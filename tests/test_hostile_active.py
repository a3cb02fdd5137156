"""Nothing from a page is executed, and nothing from a page chooses where files are written."""

from __future__ import annotations

import html
import json

from newsarchive.sample_site import SAMPLE_SITE_DIR, sample_articles
from newsarchive.sample_site.server import render_file
from tests.hostile.server import HTML, Answer, hostile_server
from tests.utils import REPO_ROOT, run_crawl, run_scrapy

# What a browser would run or load on its own; a crawler that executed or rendered
# the page would request these paths.
ACTIVE = """
<script>fetch('/executed-script'); document.location = '/executed-location';</script>
<script src="/script.js"></script>
<img src="/image.png" onerror="fetch('/executed-onerror')">
<iframe src="/framed/"></iframe>
<object data="/object.swf"></object>
<link rel="prefetch" href="/prefetched/">
<svg onload="fetch('/executed-svg')"></svg>
"""
NEVER_REQUESTED = [
    "/executed-script", "/executed-location", "/script.js", "/image.png", "/executed-onerror",
    "/framed/", "/object.swf", "/prefetched/", "/executed-svg",
]  # fmt: skip
HOSTILE_TITLE = "../../../../tmp/planted {{7*7}} ${7*7} __import__('os')"


def test_scripts_and_embedded_resources_are_never_run_or_fetched(tmp_path):
    article = sample_articles()[0]
    page = render_file(SAMPLE_SITE_DIR / article.path.strip("/") / "index.html", "")
    text = page.decode().replace("</body>", ACTIVE + "</body>")
    text = text.replace(html.escape(article.title), html.escape(HOSTILE_TITLE))

    def respond(path: str) -> Answer:
        if path == "/story/":
            return Answer(200, HTML, text.encode())
        return Answer(404, HTML, b"<h1>Not found</h1>")

    with hostile_server(respond) as (base, hits):
        result = run_crawl("urls", tmp_path, args={"urls": base + "/story/"})
        export = tmp_path / "exports" / "articles.jsonl"
        process = run_scrapy(
            "export", "-s", f"ARCHIVE_URI={result.archive_uri}", "-o", str(export)
        )
    assert result.returncode == process.returncode == 0, result.log[-3000:]
    requested = {hit.path for hit in hits}
    assert requested == {"/robots.txt", "/story/"}
    assert not requested & set(NEVER_REQUESTED)
    [record] = result.articles
    # The hostile title is kept as text: not evaluated, not used as a path.
    assert record.title == HOSTILE_TITLE
    assert not (REPO_ROOT / HOSTILE_TITLE.split(" ", maxsplit=1)[0]).resolve().exists()
    assert [p.name for p in export.parent.iterdir()] == ["articles.jsonl"]
    [line] = export.read_text().splitlines()
    assert json.loads(line)["url"] == base + "/story/"
