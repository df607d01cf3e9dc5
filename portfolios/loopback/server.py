"""A GitHub-REST-compatible HTTP server on 127.0.0.1 for the tests and the offline demo.

Serves only what ``portfolios.github`` reads (users, their repositories with ``Link`` pagination, one
repository, ``/rate_limit``, and GraphQL's pinned repositories of a user, for a request with a
token as GitHub requires) from a `GitHubStore`, with counting-down rate-limit headers, ETags,
404s, a log of every request, and scripted faults that tests queue per path prefix.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
import threading
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import parse_qs, urlencode, urlsplit

from portfolios.loopback.payloads import Payloads
from portfolios.loopback.store import GitHubStore

RATE_LIMIT = 5000
MAX_GRAPHQL_BYTES = 64 * 1024
NAME = r"(?!\.\.?/)[A-Za-z0-9._-]+"
ROUTES = (
    (re.compile(rf"^/users/({NAME})$"), "user"),
    (re.compile(rf"^/users/({NAME})/repos$"), "user_repos"),
    (re.compile(rf"^/repos/({NAME})/({NAME})$"), "repository"),
    (re.compile(r"^/rate_limit$"), "rate_limit"),
)


class RecordedRequest(NamedTuple):
    method: str
    path: str  # with the query string
    headers: dict[str, str]


@dataclass(frozen=True)
class Fault:
    """A scripted answer; `status=None` waits `delay_seconds` and then answers normally."""

    status: int | None = None
    headers: Mapping[str, str] = field(default_factory=dict)
    body: Any = None
    delay_seconds: float = 0.0


Scripted = Fault | tuple[int, Mapping[str, str], Any]


class LoopbackGitHub:
    """Start with `start()` (returns the base URL) or as a context manager; `stop()` ends it."""

    def __init__(self, root: Path, *, host: str = "127.0.0.1", port: int = 0) -> None:
        self.store = GitHubStore(root)
        self.requests: list[RecordedRequest] = []
        self.rate_remaining = RATE_LIMIT
        self.rate_reset = int(time.time()) + 3600
        self._address = (host, port)
        self._scripts: dict[str, list[Fault]] = {}
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        if self._server is None:
            raise RuntimeError("The loopback GitHub is not running.")
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def start(self) -> str:
        self._server = ThreadingHTTPServer(self._address, _handler_for(self))
        self._server.daemon_threads = False  # stop() joins the handlers instead of abandoning them
        self._stopping.clear()
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="loopback-github",
            daemon=True,
        )
        self._thread.start()
        return self.base_url

    def stop(self) -> None:
        if self._server is not None:
            self._stopping.set()  # wakes delayed answers, so closing (which joins them) is quick
            self._server.shutdown()
            self._server.server_close()
        self._server = self._thread = None

    def __enter__(self) -> LoopbackGitHub:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def script(self, path_prefix: str, responses: Iterable[Scripted]) -> None:
        """Answer the next requests whose path starts with `path_prefix` with `responses`, in order."""
        faults = [item if isinstance(item, Fault) else Fault(*item) for item in responses]
        with self._lock:
            self._scripts.setdefault(path_prefix, []).extend(faults)

    def pause(self, seconds: float) -> None:
        self._stopping.wait(seconds)

    def paths(self) -> list[str]:
        return [request.path for request in self.requests]

    def next_fault(self, path: str) -> Fault | None:
        with self._lock:
            for prefix, queue in self._scripts.items():
                if queue and path.startswith(prefix):
                    return queue.pop(0)
        return None

    def rate_headers(self, *, spend: bool) -> dict[str, str]:
        with self._lock:
            if spend:
                self.rate_remaining = max(0, self.rate_remaining - 1)
            remaining = self.rate_remaining
        return {
            "X-RateLimit-Limit": str(RATE_LIMIT),
            "X-RateLimit-Remaining": str(remaining),
            "X-RateLimit-Reset": str(self.rate_reset),
            "X-RateLimit-Used": str(RATE_LIMIT - remaining),
            "X-RateLimit-Resource": "core",
        }

    def answer(self, path: str, query: dict[str, list[str]]) -> tuple[int, Any, dict[str, str]]:
        """Status, JSON body and extra headers for a GET the scripts did not take."""
        payloads = Payloads(self.store, self.base_url)
        for pattern, kind in ROUTES:
            found = pattern.match(path)
            if not found:
                continue
            if kind == "rate_limit":
                return 200, self._rate_limit_body(), {}
            if kind == "user":
                return _or_404(payloads.user(found[1]))
            if kind == "repository":
                return _or_404(payloads.repository(found[1], found[2], detailed=True))
            return self._repository_page(payloads, path, found[1], query)
        return _not_found()

    def graphql(self, path: str, body: bytes, *, has_token: bool) -> tuple[int, Any, dict[str, str]]:
        """The one query the product sends: a user's pinned repositories."""
        if urlsplit(path).path != "/graphql":
            return _not_found()
        if not has_token:
            return 401, {"message": "This endpoint requires you to be authenticated."}, {}
        try:
            request = json.loads(body)
            query, login = request["query"], request["variables"]["login"]
        except (ValueError, KeyError, TypeError):
            return 400, {"message": "Problems parsing JSON"}, {}
        if "pinnedItems" not in query:
            return 200, {"errors": [{"message": "The loopback answers only pinnedItems."}]}, {}
        user = self.store.user(str(login))
        if user is None:
            message = f"Could not resolve to a User with the login of '{login}'."
            return 200, {"data": {"user": None}, "errors": [{"type": "NOT_FOUND", "message": message}]}, {}
        nodes = [{"nameWithOwner": name} for name in user.get("pinned", [])]
        return 200, {"data": {"user": {"pinnedItems": {"nodes": nodes}}}}, {}

    def _repository_page(
        self, payloads: Payloads, path: str, login: str, query: dict[str, list[str]]
    ) -> tuple[int, Any, dict[str, str]]:
        listed = payloads.repositories(login, sort=_first(query, "sort", "full_name"))
        if listed is None:
            return _not_found()
        per_page = min(100, max(1, int(_first(query, "per_page", "30"))))
        page = max(1, int(_first(query, "page", "1")))
        last = max(1, -(-len(listed) // per_page))
        body = listed[(page - 1) * per_page : page * per_page]
        link = _link_header(f"{self.base_url}{path}", query, page=page, last=last)
        return 200, body, ({"Link": link} if link else {})

    def _rate_limit_body(self) -> dict[str, Any]:
        core = {
            "limit": RATE_LIMIT,
            "remaining": self.rate_remaining,
            "reset": self.rate_reset,
            "used": RATE_LIMIT - self.rate_remaining,
        }
        return {"resources": {"core": core}, "rate": core}


def _first(query: dict[str, list[str]], key: str, default: str) -> str:
    return query.get(key, [default])[0]


def _or_404(body: Any) -> tuple[int, Any, dict[str, str]]:
    return (200, body, {}) if body is not None else _not_found()


def _not_found() -> tuple[int, Any, dict[str, str]]:
    docs = "https://docs.github.com/rest"
    return 404, {"message": "Not Found", "documentation_url": docs, "status": "404"}, {}


def _link_header(url: str, query: dict[str, list[str]], *, page: int, last: int) -> str:
    def link(number: int, rel: str) -> str:
        params = {key: values[0] for key, values in query.items()} | {"page": str(number)}
        return f'<{url}?{urlencode(params)}>; rel="{rel}"'

    links = []
    if page > 1:
        links += [link(page - 1, "prev"), link(1, "first")]
    if page < last:
        links += [link(page + 1, "next"), link(last, "last")]
    return ", ".join(links)


def _handler_for(github: LoopbackGitHub) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "LoopbackGitHub/1.0"

        def do_GET(self) -> None:
            github.requests.append(RecordedRequest("GET", self.path, dict(self.headers.items())))
            parts = urlsplit(self.path)
            fault = github.next_fault(parts.path)
            if fault is not None and fault.delay_seconds:
                github.pause(fault.delay_seconds)
            if fault is not None and fault.status is not None:
                self._send(fault.status, fault.body, dict(fault.headers))
                return
            status, body, headers = github.answer(parts.path, parse_qs(parts.query))
            self._send(status, body, headers)

        def do_POST(self) -> None:
            github.requests.append(RecordedRequest("POST", self.path, dict(self.headers.items())))
            length = min(int(self.headers.get("Content-Length") or 0), MAX_GRAPHQL_BYTES)
            body = self.rfile.read(length)
            fault = github.next_fault(urlsplit(self.path).path)
            if fault is not None and fault.status is not None:
                self._send(fault.status, fault.body, dict(fault.headers))
                return
            self._send(*github.graphql(self.path, body, has_token=bool(self.headers.get("Authorization"))))

        def _send(self, status: int, body: Any, headers: dict[str, str]) -> None:
            data = _encode(body)
            etag = f'W/"{hashlib.sha256(data).hexdigest()[:32]}"'
            if status == 200 and self.headers.get("If-None-Match") == etag:
                status, data = 304, b""
            merged = github.rate_headers(spend=status != 304) | {"ETag": etag} | headers
            with contextlib.suppress(ConnectionError):  # the client gave up, e.g. after its timeout
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                for name, value in merged.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:
            """Quiet: tests read `github.requests` instead of a log."""

    return Handler


def _encode(body: Any) -> bytes:
    if body is None:
        return b""
    if isinstance(body, bytes):
        return body
    if isinstance(body, str):
        return body.encode()
    return json.dumps(body).encode()
