"""A web source on loopback for tests that poll one (a CAP feed, a hydrological station): it
serves what the test puts in ``pages`` — path → (status, body) — and counts the requests."""

from __future__ import annotations

import http.server
import threading
from typing import Any


class WebSource:
    def __init__(self) -> None:
        self.pages: dict[str, tuple[int, bytes]] = {}
        self.hits: dict[str, int] = {}
        source = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                status, body = source.pages.get(self.path, (404, b"not here"))
                source.hits[self.path] = source.hits.get(self.path, 0) + 1
                self.send_response(status)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, name="test-web-source",
                                        daemon=True)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"

    def __enter__(self) -> WebSource:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()
