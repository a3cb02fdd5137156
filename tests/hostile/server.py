"""A local HTTP server that misbehaves on request: the hostile sites of ``tests/test_hostile_*``."""

from __future__ import annotations

import socket
import struct
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler

from tests.utils import QueuingHTTPServer

#: Headers of an HTML answer.
HTML = {"Content-Type": "text/html; charset=utf-8"}


@dataclass
class Answer:
    """One answer: a status, headers and body, or a misbehaviour.

    ``delay`` seconds pass before anything is sent; ``reset_after`` bytes of the
    body are sent and the connection is then reset (TCP RST) instead of finished.
    """

    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    delay: float = 0.0
    reset_after: int | None = None


@dataclass
class Hit:
    """A request the server received."""

    path: str
    at: float


class _Server(QueuingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def handle_error(self, request: object, client_address: object) -> None:
        # The crawler drops slow and oversized answers mid-response: expected here.
        pass


@contextmanager
def hostile_server(respond: Callable[[str], Answer]) -> Iterator[tuple[str, list[Hit]]]:
    """Serve ``respond(path)`` on 127.0.0.1; yield the base URL and the list of requests."""
    hits: list[Hit] = []

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            hits.append(Hit(self.path, time.monotonic()))
            answer = respond(self.path)
            if answer.delay:
                time.sleep(answer.delay)
            self.send_response(answer.status)
            headers = {"Content-Length": str(len(answer.body)), **answer.headers}
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            if answer.reset_after is None:
                self.wfile.write(answer.body)
                return
            self.wfile.write(answer.body[: answer.reset_after])
            self.wfile.flush()
            # SO_LINGER with a zero timeout makes close() send RST, not FIN.
            self.connection.setsockopt(
                socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
            )
            self.connection.close()
            self.close_connection = True

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = _Server(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", hits
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def log_line(log: str, *fragments: str) -> str | None:
    """The first line of a crawl log that contains every one of ``fragments``."""
    return next((line for line in log.splitlines() if all(f in line for f in fragments)), None)
