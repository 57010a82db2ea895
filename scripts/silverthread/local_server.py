"""Serve a built site on 127.0.0.1 (a free port) in a background thread: for printing and browser tests."""
from __future__ import annotations

import functools
import gzip
import http.server
import io
import os
import threading
from contextlib import contextmanager
from pathlib import Path


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output clean
        pass


class _GzipHandler(_QuietHandler):
    """Compresses text responses, as any real static host does (for the Lighthouse benchmark)."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (path.suffix not in (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")
                or "gzip" not in self.headers.get("Accept-Encoding", "") or not path.exists()):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextmanager
def serve(site: Path, compress: bool = False):
    handler = functools.partial(_GzipHandler if compress else _QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def chromium_path() -> str:
    """Debian's Chromium unless CHROMIUM names another build (Playwright cannot download browsers here)."""
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser"):
        if candidate and Path(candidate).exists():
            return candidate
    raise RuntimeError("Chromium not found: install Debian's 'chromium' package (make system-deps) "
                       "or set CHROMIUM=/path/to/chrome")


# Flags for a closed network: no background requests to Google services.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]
