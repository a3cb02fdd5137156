"""A quiet static HTTP server for the sample site and for test sites built by the tests.

Usage::

    from newsarchive.sample_site.server import serve_site

    with serve_site() as site:                  # the bundled sample site
        site.base_url                           # "http://127.0.0.1:54321"
        site.url("/robots.txt")                 # absolute URL of a path
        site.port                               # 54321
        ...crawl...
        site.requests["/feed.xml"]              # times a path was requested (GET or HEAD)
        site.requested("/private/...")          # False if never asked for
        site.reset_requests()

    with serve_site(tmp_path) as site: ...      # any directory

``serve_site(root, host, port)`` is a context manager yielding a ``SiteServer``; the
server runs in a daemon thread and is shut down and closed on exit. ``requests`` is a
``collections.Counter`` snapshot keyed by URL path (query string dropped, percent-
encoding kept as sent), counted under a lock, so tests may read it while a crawl runs;
``request_log`` lists ``(method, target)`` in arrival order.

What it serves, like a plain static host:

* ``dir/`` is ``dir/index.html``; ``/dir`` redirects to ``/dir/`` (301); missing files,
  directories without ``index.html`` and paths escaping the root (``..``) get 404.
* ``{{BASE_URL}}`` in any file is replaced by the base URL (no trailing slash). A
  ``*.gz`` file is stored gzipped: it is decompressed, filled in and compressed again,
  and sent as ``application/gzip`` (a file download, not ``Content-Encoding``).
* Content-Type from the suffix; ``.xml`` is sniffed for RSS and Atom, ``.json`` for
  JSON Feed.
* ETag (a hash of the body sent) and Last-Modified (the file's mtime); If-None-Match
  and If-Modified-Since are answered with 304 (RFC 9110 section 13); HEAD works.
* Connections are kept alive (HTTP/1.1), and up to 128 of them may wait to be
  accepted, as with a production server: a crawler opening 32 connections at once
  is neither made to reconnect for every page nor left waiting for its connection
  attempts to be retried (a full listen queue drops them, and the client tries again
  only a second later).
* Nothing is written to stderr; request lines go to this module's logger at DEBUG.

``python -m newsarchive.sample_site.server [--host H] [--port N] [--root DIR]`` serves a
directory (the sample site by default, on 127.0.0.1:8000; ``--port 0`` picks a free
port) until interrupted, after printing its base URL.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import logging
import mimetypes
import shutil
import tempfile
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from email.utils import formatdate, parsedate_to_datetime
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from newsarchive.sample_site import BASE_URL_PLACEHOLDER, SAMPLE_SITE_DIR

__all__ = ["SiteServer", "serve_site"]

logger = logging.getLogger(__name__)

_PLACEHOLDER = BASE_URL_PLACEHOLDER.encode()
_CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".xml": "application/xml",
    ".rss": "application/rss+xml",
    ".atom": "application/atom+xml",
    ".json": "application/json",
    ".gz": "application/gzip",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".svg": "image/svg+xml",
}


def content_type(path: Path, body: bytes) -> str:
    """The Content-Type for a file, sniffing feeds that share a suffix with other files."""
    suffix = path.suffix.lower()
    start = body[:1024]
    if suffix == ".xml":
        if b"<rss" in start:
            return "application/rss+xml"
        if b"<feed" in start and b"http://www.w3.org/2005/Atom" in start:
            return "application/atom+xml"
    if suffix == ".json" and b"jsonfeed.org/version/" in start:
        return "application/feed+json"
    if suffix in _CONTENT_TYPES:
        return _CONTENT_TYPES[suffix]
    guessed, _ = mimetypes.guess_type(path.name)
    return guessed or "application/octet-stream"


def render_file(path: Path, base_url: str) -> bytes:
    """A file's bytes as served: placeholder filled in, ``.gz`` files recompressed."""
    raw = path.read_bytes()
    if path.suffix == ".gz":
        # mtime=0 keeps the gzip bytes, and so the ETag, stable between requests.
        text = gzip.decompress(raw).replace(_PLACEHOLDER, base_url.encode())
        return gzip.compress(text, mtime=0)
    return raw.replace(_PLACEHOLDER, base_url.encode())


def _etag_matches(header: str, etag: str) -> bool:
    # If-None-Match uses the weak comparison (RFC 9110 section 13.1.2).
    if header.strip() == "*":
        return True
    candidates = (tag.strip().removeprefix("W/") for tag in header.split(","))
    return etag.removeprefix("W/") in candidates


def _not_modified_since(header: str, mtime: int) -> bool:
    try:
        since = parsedate_to_datetime(header)
    except (TypeError, ValueError, IndexError):
        return False  # an invalid date is ignored (RFC 9110 section 13.1.3)
    return since.tzinfo is not None and mtime <= int(since.timestamp())


class _SiteHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128  # socketserver's default, 5, drops a crawler's burst of connections

    def __init__(self, address: tuple[str, int], root: Path) -> None:
        super().__init__(address, _SiteRequestHandler)
        self.root = root
        self.base_url = ""
        self.lock = threading.Lock()
        self.counts: Counter[str] = Counter()
        self.log: list[tuple[str, str]] = []

    def handle_error(self, request: Any, client_address: Any) -> None:
        # Clients (crawlers) drop connections mid-response; the default prints a traceback.
        logger.debug("error while serving %s", client_address, exc_info=True)


class _SiteRequestHandler(BaseHTTPRequestHandler):
    server: _SiteHTTPServer
    server_version = "newsarchive-sample-site"
    protocol_version = "HTTP/1.1"
    sys_version = ""

    def log_message(self, format: str, *args: Any) -> None:
        logger.debug("%s " + format, self.address_string(), *args)

    def do_GET(self) -> None:
        self._serve(send_body=True)

    def do_HEAD(self) -> None:
        self._serve(send_body=False)

    def _serve(self, *, send_body: bool) -> None:
        url_path = urlsplit(self.path).path or "/"
        with self.server.lock:
            self.server.counts[url_path] += 1
            self.server.log.append((self.command, self.path))
        target = self._resolve(url_path)
        if target is None:
            self._send_simple(HTTPStatus.NOT_FOUND, b"<h1>404 Not Found</h1>\n", send_body)
            return
        if target.is_dir():
            if not url_path.endswith("/"):
                query = urlsplit(self.path).query
                location = url_path + "/" + (f"?{query}" if query else "")
                self.send_response(HTTPStatus.MOVED_PERMANENTLY)
                self.send_header("Location", location)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            target /= "index.html"
            if not target.is_file():
                self._send_simple(HTTPStatus.NOT_FOUND, b"<h1>404 Not Found</h1>\n", send_body)
                return
        body = render_file(target, self.server.base_url)
        etag = '"' + hashlib.sha256(body).hexdigest()[:24] + '"'
        mtime = int(target.stat().st_mtime)
        if_none_match = self.headers.get("If-None-Match")
        if_modified_since = self.headers.get("If-Modified-Since")
        # If-None-Match takes precedence over If-Modified-Since (RFC 9110 section 13.2.2).
        if if_none_match is not None:
            not_modified = _etag_matches(if_none_match, etag)
        else:
            not_modified = if_modified_since is not None and _not_modified_since(
                if_modified_since, mtime
            )
        self.send_response(HTTPStatus.NOT_MODIFIED if not_modified else HTTPStatus.OK)
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", formatdate(mtime, usegmt=True))
        self.send_header("Cache-Control", "max-age=0, must-revalidate")
        if not not_modified:
            self.send_header("Content-Type", content_type(target, body))
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body and not not_modified:
            self.wfile.write(body)

    def _resolve(self, url_path: str) -> Path | None:
        """The file or directory for a URL path, or None when missing or outside the root."""
        decoded = unquote(url_path)
        if "\x00" in decoded or "\\" in decoded:
            return None
        parts = [part for part in decoded.split("/") if part]
        if any(part in {".", ".."} for part in parts):
            return None
        root = self.server.root
        target = root.joinpath(*parts)
        try:
            resolved = target.resolve(strict=True)
        except (OSError, RuntimeError):
            return None
        if not resolved.is_relative_to(root):
            return None
        return resolved

    def _send_simple(self, status: HTTPStatus, body: bytes, send_body: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body:
            self.wfile.write(body)


def _copy_tree(source: Traversable, target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    for entry in source.iterdir():
        if entry.is_dir():
            _copy_tree(entry, target / entry.name)
        else:
            (target / entry.name).write_bytes(entry.read_bytes())


class SiteServer:
    """A static site served on a local port, counting the requests it answers."""

    def __init__(
        self, root: Path | str = SAMPLE_SITE_DIR, host: str = "127.0.0.1", port: int = 0
    ) -> None:
        self._copy: Path | None = None
        if Path(root) == SAMPLE_SITE_DIR and not SAMPLE_SITE_DIR.is_dir():
            # Installed as a zipped egg (as Scrapyd runs projects): the bundled site is
            # package data inside the archive, served from a temporary copy.
            self._copy = Path(tempfile.mkdtemp(prefix="newsarchive-sample-site-"))
            _copy_tree(files("newsarchive.sample_site").joinpath("site"), self._copy)
            root = self._copy
        root = Path(root).resolve()
        if not root.is_dir():
            raise ValueError(f"site root {root} is not a directory")
        self.root = root
        self._httpd = _SiteHTTPServer((host, port), root)
        bound_host, bound_port = self._httpd.socket.getsockname()[:2]
        self.port: int = bound_port
        shown_host = f"[{bound_host}]" if ":" in bound_host else bound_host
        self.base_url = f"http://{shown_host}:{bound_port}"
        self._httpd.base_url = self.base_url
        self._thread: threading.Thread | None = None

    def url(self, path: str = "/") -> str:
        """The absolute URL of a path on this server."""
        return self.base_url + "/" + path.lstrip("/")

    @property
    def requests(self) -> Counter[str]:
        """A snapshot of how many times each URL path was requested."""
        with self._httpd.lock:
            return Counter(self._httpd.counts)

    @property
    def request_log(self) -> list[tuple[str, str]]:
        """A snapshot of ``(method, target)`` for every request, in arrival order."""
        with self._httpd.lock:
            return list(self._httpd.log)

    def requested(self, path: str) -> bool:
        """Whether a URL path was requested at least once."""
        return self.requests[path] > 0

    def reset_requests(self) -> None:
        """Forget the requests counted so far."""
        with self._httpd.lock:
            self._httpd.counts.clear()
            self._httpd.log.clear()

    def start(self) -> None:
        """Start serving in a daemon thread."""
        self._thread = threading.Thread(
            target=self._httpd.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"sample-site-{self.port}",
            daemon=True,
        )
        self._thread.start()

    def stop(self) -> None:
        """Stop serving and close the listening socket."""
        if self._thread is not None:
            self._httpd.shutdown()
            self._thread.join()
            self._thread = None
        self._httpd.server_close()
        self._remove_copy()

    def _remove_copy(self) -> None:
        if self._copy is not None:
            shutil.rmtree(self._copy, ignore_errors=True)
            self._copy = None

    def serve_forever(self) -> None:
        """Serve in the calling thread until interrupted, then close the socket."""
        try:
            self._httpd.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            self._httpd.server_close()
            self._remove_copy()

    def __enter__(self) -> SiteServer:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


@contextmanager
def serve_site(
    root: Path | str = SAMPLE_SITE_DIR, host: str = "127.0.0.1", port: int = 0
) -> Iterator[SiteServer]:
    """Serve ``root`` on ``host:port`` (0 picks a free port) for the duration of a block."""
    with SiteServer(root, host, port) as server:
        yield server


def main(argv: list[str] | None = None) -> None:
    """Command-line entry point: serve a directory until interrupted."""
    parser = argparse.ArgumentParser(description="Serve the newsarchive sample news site.")
    parser.add_argument("--root", type=Path, default=SAMPLE_SITE_DIR, help="site directory")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port, 0 for any free (8000)")
    args = parser.parse_args(argv)
    server = SiteServer(args.root, args.host, args.port)
    print(f"Serving {server.root} at {server.base_url}/ (Ctrl+C to stop)", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
