"""robots.txt error answers: 5xx keeps the crawler away from the host, 4xx lets it in."""

from __future__ import annotations

import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from newsarchive.sample_site import SAMPLE_SITE_DIR, article_paths
from newsarchive.sample_site.server import render_file
from tests.utils import run_crawl


@contextmanager
def robots_answering(status: int, body: bytes):
    """A site whose robots.txt answers ``status`` and whose first article is served normally."""
    requested: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            requested.append(self.path)
            if self.path == "/robots.txt":
                self.send_response(status)
                self.send_header("Content-Type", "text/plain")
                self.end_headers()
                self.wfile.write(body)
                return
            page = render_file(SAMPLE_SITE_DIR / self.path.strip("/") / "index.html", base)
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, format, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield base, requested
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


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
