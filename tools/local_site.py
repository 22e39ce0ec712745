"""A throwaway copy of the project, and a built site served on a loopback port.

Shared by the tests (tests/conftest.py), `make bench` and `make lighthouse`, which all
build copies of the project and read the result over HTTP as a static host serves it.
"""

from __future__ import annotations

import contextlib
import functools
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# What a build needs; everything else (tests, tools, .venv, site/) stays behind.
PROJECT_PARTS = ("mkdocs.yml", "docs", "data", "macros", "overrides", "hooks")


def copy_project(dest: Path) -> Path:
    """A copy of the project's buildable parts in `dest`."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy2(source, dest / part)
    return dest


class QuietHandler(SimpleHTTPRequestHandler):
    """Python's static file server, without a log line per request."""

    def log_message(self, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve_folder(folder: Path, handler: type[SimpleHTTPRequestHandler] = QuietHandler) -> Iterator[str]:
    """A built site served over HTTP on a loopback port, as a static host would; yields its URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
