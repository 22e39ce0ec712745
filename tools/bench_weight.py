"""What a first visit to a page costs a reader: every request a real browser makes, and its bytes.

The built site is served over loopback as a gzip-only static host serves it (text
gzipped at level 6, as tools/lighthouse.py serves it too); Chromium (driven by
playwright, never downloading a browser) loads each page in a fresh context, so
nothing is cached. "Wire" is what Chromium received for each request: the gzip body
and the response headers. The other sizes come from the files on disk, compressed as
a host would serve them: gzip -9 and brotli at quality 11 (hosts that serve brotli).
"""

from __future__ import annotations

import gzip
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import brotli
from playwright.sync_api import sync_playwright

from local_site import COMPRESSIBLE, gzipped, serve_gzipped

# Quiet, offline-friendly Chromium (as in tests/conftest.py): no background calls to Google's services.
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run"]
# What static hosts compress; images such as PNG are sent as they are.
COMPRESSED = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".csv", ".map", ".xsl"}
# A mid-range phone: the readers the issue is about.
PHONE = {"viewport": {"width": 412, "height": 915}, "device_scale_factor": 2.625, "is_mobile": True, "has_touch": True}


@dataclass
class Request:
    """One request of a page load, with the size of what the host sends back."""

    url: str
    host: str
    status: int | None
    raw: int
    gzip: int
    brotli: int
    wire: int = 0  # received from the gzip-only server: body as sent plus response headers


@dataclass
class Visit:
    """Everything a first visit to one page loads."""

    page: str
    requests: list[Request] = field(default_factory=list)

    @property
    def raw(self) -> int:
        return sum(r.raw for r in self.requests)

    @property
    def gzip(self) -> int:
        return sum(r.gzip for r in self.requests)

    @property
    def brotli(self) -> int:
        return sum(r.brotli for r in self.requests)

    @property
    def wire(self) -> int:
        return sum(r.wire for r in self.requests)

    @property
    def other_hosts(self) -> list[str]:
        own = urllib.parse.urlsplit(self.requests[0].url).netloc if self.requests else ""
        return sorted({r.host for r in self.requests if r.host != own})


def file_for(site: Path, path: str) -> Path | None:
    """The file a static host sends for a URL path, or None if there is none."""
    relative = urllib.parse.unquote(path).lstrip("/")
    candidate = site / relative
    if path.endswith("/") or candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def sized(site: Path, url: str, status: int | None, wire: int = 0) -> Request:
    """A request with the raw, gzip and brotli sizes of the file behind it (0 when it comes from elsewhere)."""
    parts = urllib.parse.urlsplit(url)
    file = file_for(site, parts.path) if parts.hostname in ("127.0.0.1", "localhost") else None
    body = file.read_bytes() if file else b""
    if not (file and file.suffix in COMPRESSED):
        return Request(url, parts.netloc, status, len(body), len(body), len(body), wire)
    return Request(url, parts.netloc, status, len(body), len(gzip.compress(body, 9)),
                   len(brotli.compress(body, quality=11)), wire)


def _wire(site: Path, request: Any) -> int:
    """The bytes Chromium received for a finished request: encoded body and response headers.

    Chromium reports no body size for a worker's script; it is then counted as the server
    sends it (gzip level 6, as local_site.gzipped).
    """
    sizes = request.sizes()
    body = sizes["responseBodySize"]
    file = file_for(site, urllib.parse.urlsplit(request.url).path)
    if body == 0 and file is not None and file.stat().st_size:
        body = len(gzipped(file, file.stat().st_mtime_ns)) if file.suffix in COMPRESSIBLE else file.stat().st_size
    return body + sizes["responseHeadersSize"]


def _status(request: Any) -> int | None:
    """The HTTP status a finished request got."""
    response = request.response()
    return response.status if response else None


def measure(site: Path, pages: list[str], chromium: str) -> list[Visit]:
    """A first visit, in a fresh browser context, to each page (paths under the site)."""
    visits = []
    with serve_gzipped(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=FLAGS)
        try:
            for page_path in pages:
                context = browser.new_context(**PHONE)
                finished: list[Any] = []
                failed: list[str] = []
                # Context-wide, so requests from the search worker count too.
                context.on("requestfinished", lambda r: finished.append(r))
                context.on("requestfailed", lambda r: failed.append(r.url))
                page = context.new_page()
                page.goto(base + page_path, wait_until="networkidle")
                page.wait_for_timeout(1000)  # late requests, such as the search index, after idle
                seen = [(r.url, _status(r), _wire(site, r)) for r in finished] + [(url, None, 0) for url in failed]
                context.close()
                visits.append(Visit(page_path, [sized(site, url, status, wire) for url, status, wire in seen
                                                if url.startswith(("http:", "https:"))]))
        finally:
            browser.close()
    return visits
