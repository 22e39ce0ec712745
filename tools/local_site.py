"""A throwaway copy of the project, and a built site served on a loopback port.

Shared by the tests (tests/conftest.py) and `make bench`, which both build copies of the
project and read the result over HTTP as a static host serves it.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import os
import shutil
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
# What a build needs; everything else (tests, tools, .venv, site/) stays behind.
# The browser the tests and tools drive: Debian's Chromium (or $CHROMIUM), never a downloaded one,
# quiet and offline-friendly: no background calls to Google's services.
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

PROJECT_PARTS = ("mkdocs.yml", "docs", "data", "macros", "overrides", "hooks")


def copy_project(dest: Path, source: Path = ROOT) -> Path:
    """A copy of the buildable parts of the project in `source` (this one by default) in `dest`."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        path = source / part
        if path.is_dir():
            shutil.copytree(path, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        elif path.exists():
            shutil.copy2(path, dest / part)
    return dest


class QuietHandler(SimpleHTTPRequestHandler):
    """Python's static file server, without a log line per request."""

    def log_message(self, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve(handler: Callable[..., BaseHTTPRequestHandler]) -> Iterator[str]:
    """An HTTP server on a loopback port, answering with `handler`, in a thread; yields its URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def serve_folder(folder: Path, handler: type[SimpleHTTPRequestHandler] = QuietHandler) -> Iterator[str]:
    """A built site served over HTTP on a loopback port, as a static host would; yields its URL."""
    with serve(functools.partial(handler, directory=str(folder))) as url:
        yield url


# The site, served like a static host: gzip for text, since every common host compresses it and
# Lighthouse's mobile score depends on transfer size. Python's own server would send it raw.
# Compressed on the fly at level 6 (what hosts commonly use); no Cache-Control is added, since
# cache lifetimes depend on the host, so `uses-long-cache-ttl` says nothing about the site.
COMPRESSIBLE = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".csv", ".map", ".webmanifest"}


@functools.lru_cache(maxsize=512)
def gzipped(path: Path, mtime_ns: int) -> bytes:
    """The gzip-compressed bytes of a file (cached until it changes)."""
    return gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)


class GzipHandler(QuietHandler):
    """Serves a folder, gzipping text files for clients that accept it."""

    def do_GET(self) -> None:
        """Send a text file gzipped when the client accepts gzip, anything else as Python would."""
        file = self.text_file()
        if file is None or "gzip" not in self.headers.get("Accept-Encoding", ""):
            super().do_GET()
            return
        stat = file.stat()
        body = gzipped(file, stat.st_mtime_ns)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(file)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", self.date_time_string(int(stat.st_mtime)))
        self.end_headers()
        self.wfile.write(body)

    def text_file(self) -> Path | None:
        """The compressible file this request names, if any (folders ending in / mean their index.html)."""
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not urlsplit(self.path).path.endswith("/"):
                return None  # Python's handler redirects to the address with a slash
            path = path / "index.html"
        return path if path.is_file() and path.suffix in COMPRESSIBLE else None


def serve_gzipped(folder: Path) -> contextlib.AbstractContextManager[str]:
    """The folder served with gzip on a loopback port; yields its URL."""
    return serve_folder(folder, GzipHandler)
