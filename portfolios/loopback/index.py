"""A package-index-compatible HTTP server on 127.0.0.1 for the tests and the offline demo.

Serves the one part of PyPI's JSON API the product reads, `GET /pypi/<name>/json` (`info.version`:
the newest release), from a mapping of normalized names to versions, with a log of every request.
"""

from __future__ import annotations

import contextlib
import json
import re
import threading
from collections.abc import Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

PROJECT = re.compile(r"^/pypi/([A-Za-z0-9._-]+)/json/?$")


class LoopbackIndex:
    """Start with `start()` (returns the base URL) or as a context manager; `stop()` ends it."""

    def __init__(self, releases: Mapping[str, str], *, host: str = "127.0.0.1", port: int = 0) -> None:
        self.releases = dict(releases)
        self.requests: list[str] = []
        self._address = (host, port)
        self._server: ThreadingHTTPServer | None = None

    @property
    def base_url(self) -> str:
        if self._server is None:
            raise RuntimeError("The loopback package index is not running.")
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def start(self) -> str:
        self._server = ThreadingHTTPServer(self._address, _handler_for(self))
        threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="loopback-index",
            daemon=True,
        ).start()
        return self.base_url

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        self._server = None

    def __enter__(self) -> LoopbackIndex:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def answer(self, path: str) -> tuple[int, dict[str, Any]]:
        found = PROJECT.match(path)
        name = re.sub(r"[-_.]+", "-", found[1]).lower() if found else ""
        if name not in self.releases:
            return 404, {"message": "Not Found"}
        version = self.releases[name]
        return 200, {"info": {"name": name, "version": version}, "releases": {version: []}}


def _handler_for(index: LoopbackIndex) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "LoopbackIndex/1.0"

        def do_GET(self) -> None:
            index.requests.append(self.path)
            status, body = index.answer(self.path.split("?", 1)[0])
            data = json.dumps(body).encode()
            with contextlib.suppress(ConnectionError):
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:
            """Quiet: tests read `index.requests` instead of a log."""

    return Handler
