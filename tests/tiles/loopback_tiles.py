"""A real XYZ tile server on 127.0.0.1 for tests: generated PNG tiles, request counting, and
knobs for the bad days (delays, HTTP errors, HTML instead of a tile, a required key).

    with LoopbackTileServer() as server:
        source = custom("test", server.url_template, allow_bulk=True)
        ...
        assert server.count == 3

URLs are ``/{z}/{x}/{y}.png`` (with any query string, e.g. ``?tk=KEY``). Everything it serves
is made in memory; it listens only on the loopback address and stops when the block ends.
"""

from __future__ import annotations

import socket
import struct
import threading
import time
import zlib
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from urllib.parse import parse_qs, urlsplit


def make_png(z: int, x: int, y: int, size: int = 8) -> bytes:
    """A small valid PNG whose colour and pixels depend on the tile (distinct per tile)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return (
            struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)
        )

    r, g, b = (x * 37 + z) % 256, (y * 53 + z) % 256, (x ^ y ^ z) % 256
    raw = b"".join(b"\x00" + bytes((r, g, b)) * size for _ in range(size))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0))
        + chunk(b"tEXt", f"tile\x00{z}/{x}/{y}".encode())
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def refused_port() -> int:
    """A loopback port with nothing listening (connections are refused at once)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LoopbackTileServer:
    """See the module text. Attributes a test may set while it runs: ``delay`` (seconds per
    request), ``status`` (tile path -> HTTP status to answer instead), ``html_for`` (tile paths
    answered with an HTML page and status 200), ``key`` (required ``tk`` query value)."""

    def __init__(self) -> None:
        self.delay = 0.0
        self.status: dict[str, int] = {}
        self.html_for: set[str] = set()
        self.key: str | None = None
        self.requests: Counter[str] = Counter()
        self.user_agents: list[str] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - the http.server API
                parts = urlsplit(self.path)
                with server._lock:
                    server.requests[parts.path] += 1
                    server.user_agents.append(self.headers.get("User-Agent", ""))
                    server.in_flight += 1
                    server.max_in_flight = max(server.max_in_flight, server.in_flight)
                if server.delay:
                    time.sleep(server.delay)
                # leaves "in flight" before answering: the client cannot send its next request
                # before it has this answer, so max_in_flight is the client's real concurrency
                with server._lock:
                    server.in_flight -= 1
                self._answer(parts.path, parse_qs(parts.query))

            def _answer(self, path: str, query: dict[str, list[str]]) -> None:
                if server.key is not None and query.get("tk") != [server.key]:
                    return self._send(403, b"bad key", "text/plain")
                if path in server.status:
                    return self._send(server.status[path], b"no", "text/plain")
                if path in server.html_for:
                    return self._send(200, b"<html><body>quota exceeded</body></html>", "text/html")
                try:
                    z, x, tail = path.strip("/").split("/")
                    y = tail.removesuffix(".png")
                    data = make_png(int(z), int(x), int(y))
                except ValueError:
                    return self._send(404, b"not a tile", "text/plain")
                self._send(200, data, "image/png")

            def _send(self, status: int, body: bytes, mime: str) -> None:
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", mime)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout test): nothing to say

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self.port = int(self._httpd.server_address[1])
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, args=(0.02,), name="loopback-tiles", daemon=True
        )

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def url_template(self) -> str:
        return self.base_url + "/{z}/{x}/{y}.png"

    @property
    def count(self) -> int:
        with self._lock:
            return sum(self.requests.values())

    def start(self) -> LoopbackTileServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> LoopbackTileServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
