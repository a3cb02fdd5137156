"""robots.txt error answers: 5xx keeps the crawler away from the host, 4xx lets it in."""

from __future__ import annotations

import pytest

from newsarchive.sample_site import SAMPLE_SITE_DIR, article_paths
from newsarchive.sample_site.server import render_file
from tests.utils import run_crawl, scripted_server


def robots_answering(status: int, body: bytes):
    """A site whose robots.txt answers ``status`` and whose articles are served normally."""

    def respond(path: str) -> tuple[int, dict[str, str], bytes]:
        if path == "/robots.txt":
            return status, {"Content-Type": "text/plain"}, body
        page = SAMPLE_SITE_DIR / path.strip("/") / "index.html"
        return 200, {"Content-Type": "text/html; charset=utf-8"}, render_file(page, "")

    return scripted_server(respond)


@pytest.mark.parametrize(
    ("status", "body", "archived"),
    [
        (503, b"Service unavailable", 0),
        (500, b"", 0),
        # A 404 page's text must not be read as rules, even one that says Disallow.
        (404, b"<html>Not found. Disallow: /</html>", 1),
        (200, b"User-agent: *\nDisallow:\n", 1),
    ],
)
def test_robots_error_answers(tmp_path, status, body, archived):
    path = article_paths()[0]
    with robots_answering(status, body) as (base, requested):
        result = run_crawl(
            "urls", tmp_path, args={"urls": base + path}, settings={"RETRY_TIMES": "0"}
        )
    assert result.returncode == 0
    assert len(result.articles) == archived
    assert (path in requested) == bool(archived)
    if status >= 500:
        assert result.stat("newsarchive/robots/unreachable") == 1
        assert f"robots.txt of {base.removeprefix('http://')} answered {status}" in result.log
