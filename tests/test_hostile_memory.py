"""A crawl that outgrows MEMUSAGE_LIMIT_MB stops cleanly and the archive keeps what it holds."""

from __future__ import annotations

from newsarchive.sample_site import sample_articles
from tests.hostile.pages import article_html, front_html
from tests.hostile.server import HTML, Answer, hostile_server, log_line
from tests.utils import run_crawl

ARTICLES = {
    f"/news/{article.slug}/": article_html(article.title, list(article.paragraphs)).encode()
    for article in sample_articles()[:3]
}


def respond(path: str) -> Answer:
    if path == "/":
        return Answer(200, HTML, front_html(list(ARTICLES)).encode())
    if path in ARTICLES:
        return Answer(200, HTML, ARTICLES[path])
    return Answer(404, HTML, b"<h1>Not found</h1>")


def test_memory_limit_stops_the_crawl_and_keeps_the_archive(tmp_path):
    with hostile_server(respond) as (base, _):
        first = run_crawl("site", tmp_path, args={"urls": base + "/", "max_depth": "1"})
        # Any crawl process is larger than 1 MiB: the limit is passed at the first check.
        stopped = run_crawl(
            "site",
            tmp_path,
            args={"urls": base + "/", "max_depth": "1"},
            settings={"MEMUSAGE_LIMIT_MB": "1"},
        )
    assert len(first.articles) == len(ARTICLES)
    assert stopped.returncode == 0
    assert stopped.stats["finish_reason"] == "memusage_exceeded"
    assert log_line(stopped.log, "Memory usage exceeded 1MiB")
    assert log_line(stopped.log, "newsarchive summary (memusage_exceeded)")
    assert sorted(a.url for a in stopped.articles) == sorted(a.url for a in first.articles)
