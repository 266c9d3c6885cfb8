"""A local HTTP server for the URL tests, on 127.0.0.1, started and stopped by each test.

Routes: ``/page`` (an article), ``/cp1251`` (windows-1251 bytes, the charset only in the
header), ``/redirect`` (to ``/page``), ``/hop/N`` (an endless chain of redirects), ``/ftp``
(a redirect to ftp://), ``/slow`` (answers after 10 s; never, if the server stops first),
``/missing`` (404) and ``/big`` (a 200 KB body).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from tests.warcs import PROSE, page

RUSSIAN = "Комитет собрался во вторник, чтобы обсудить бюджет города и новую библиотеку. " * 6


@dataclass
class Seen:
    agents: list[str] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    seen: Seen


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass

    def _send(self, code: int, body: bytes, content_type: str = "text/html; charset=utf-8") -> None:
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:
        self.server.seen.agents.append(self.headers.get("User-Agent", ""))
        path = self.path
        if path == "/page":
            self._send(200, page("Local page").encode())
        elif path == "/cp1251":
            html = f"<html><body><article><p>{RUSSIAN}</p></article></body></html>"
            self._send(200, html.encode("cp1251"), "text/html; charset=windows-1251")
        elif path == "/redirect":
            self._redirect("/page")
        elif path.startswith("/hop/"):
            self._redirect(f"/hop/{int(path[5:]) + 1}")
        elif path == "/ftp":
            self._redirect("ftp://127.0.0.1/file.html")
        elif path == "/slow":
            if self.server.seen.stop.wait(10):
                return  # the server is stopping: the client has long given up
            self._send(200, page("Slow page").encode())
        elif path == "/big":
            self._send(200, page("Big page", PROSE * 1500).encode())
        else:
            self._send(404, b"<html><body>not found</body></html>")


@contextmanager
def serve() -> Iterator[tuple[str, Seen]]:
    """The base URL (``http://127.0.0.1:PORT``) of a running server, and what it has seen."""
    server = _Server(("127.0.0.1", 0), _Handler)
    server.seen = Seen()
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", server.seen
    finally:
        server.seen.stop.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
