"""A local HTTP server for tests (127.0.0.1, random port): pages, feeds, slow and huge URLs.

No test touches the internet; each route is what a test wrote into `server.routes`.
"""

from __future__ import annotations

import contextlib
import sys
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    body: bytes | None = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    delay: float = 0.0  # seconds before the headers go out
    etag: str = ""  # answer 304 to a matching If-None-Match
    chunks: int = 0  # stream `body` this many times without a Content-Length
    headers: dict[str, str] = field(default_factory=dict)
    then: Route | None = None  # served from the next request on (a 503 that recovers)


class LocalServer:
    def __init__(self, httpd: ThreadingHTTPServer):
        self.httpd = httpd
        self.routes: dict[str, Route] = {}
        self.log: list[tuple[str, dict[str, str]]] = []  # (path, request headers)

    def url(self, path: str) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}{path}"

    def add(self, path: str, body: str | bytes, **options) -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = Route(body=data, **options)
        return self.url(path)

    def hits(self, path: str) -> list[dict[str, str]]:
        return [headers for logged, headers in self.log if logged == path]


def _handler(server: LocalServer):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self):  # noqa: N802 - the http.server API
            server.log.append((self.path, dict(self.headers.items())))
            route = server.routes.get(self.path)
            if route is None:
                self._send(404, b"not found", "text/plain")
                return
            if route.then is not None:
                server.routes[self.path] = route.then
            if route.delay:
                time.sleep(route.delay)
            if route.etag and self.headers.get("If-None-Match") == route.etag:
                self.send_response(304)
                self.send_header("ETag", route.etag)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            extra = {**route.headers, **({"ETag": route.etag} if route.etag else {})}
            if route.chunks:
                self.send_response(route.status)
                self.send_header("Content-Type", route.content_type)
                self.send_header("Connection", "close")
                for key, value in extra.items():
                    self.send_header(key, value)
                self.end_headers()
                with contextlib.suppress(OSError):  # the client hangs up at its limit
                    for _ in range(route.chunks):
                        self.wfile.write(route.body)
                self.close_connection = True
                return
            self._send(route.status, route.body, route.content_type, extra)

        def _send(self, status, body, content_type, extra=None):
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for key, value in (extra or {}).items():
                self.send_header(key, value)
            self.end_headers()
            with contextlib.suppress(OSError):
                self.wfile.write(body)

        def log_message(self, format, *args):  # keep test output clean
            pass

    return Handler


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # A client that gave up (a timeout test, a size limit) resets its connection:
        # expected here, so no traceback in the test output. Anything else is printed.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve():
    """Run a LocalServer in a thread for the duration of the block."""
    httpd = _QuietServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    httpd.block_on_close = False  # a slow route still sleeping must not hold up teardown
    server = LocalServer(httpd)
    httpd.RequestHandlerClass = _handler(server)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        httpd.shutdown()
        httpd.server_close()
