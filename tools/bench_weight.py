"""What a first visit to a page costs a reader: every request a real browser makes, and its bytes.

    python tools/bench_weight.py --site DIR [PAGE ...]

The built site is served over loopback as a gzip-only static host serves it (text
gzipped at level 6, the level hosts commonly use); Chromium (driven by
playwright, never downloading a browser) loads each page in a fresh context, so
nothing is cached, and stays on it until the network is quiet after the browser's idle
start of search. The requests are split by when they started: before the page's load
event (what loading the page costs), or after it (search's index and worker, fetched
once the page has loaded and the browser is idle, so that search is ready when the
reader reaches for it). "Wire" is what Chromium received for each request: the gzip
body and the response headers. The other sizes come from the files on disk, compressed
as a host would serve them: gzip -9 and brotli at quality 11 (hosts that serve brotli).
`make bench` (tools/bench.py) measures the home page, the guide and the newest post this
way and checks the guide's page load against the targets; run alone, this prints the
same tables for a site already built.
"""

from __future__ import annotations

import argparse
import gzip
import os
import sys
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import brotli
from playwright.sync_api import Browser, sync_playwright

from bench_preview import newest_post
from local_site import CHROMIUM_FLAGS as FLAGS
from local_site import COMPRESSIBLE, ROOT, gzipped, serve_gzipped

# What static hosts compress; images such as PNG are sent as they are.
COMPRESSED = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".csv", ".map", ".xsl"}
# A mid-range phone: the readers the issue is about.
PHONE: dict[str, Any] = {
    "viewport": {"width": 412, "height": 915},
    "device_scale_factor": 2.625,
    "is_mobile": True,
    "has_touch": True,
}
GUIDE = "paralegal-vs-legal-assistant/"
# After the load event, how long to stay: search starts when the browser is idle, at the
# latest 2 s after load (partials/search-on-demand.html); then until nothing is in flight.
AFTER_LOAD_MS = 3000
QUIET_MS = 10_000  # the longest to wait for the last requests to finish
# In the page, on one clock: when its load event was over, and when each file it fetched
# (the search worker's script included) was asked for.
STARTS = """() => [performance.getEntriesByType('navigation')[0].loadEventEnd,
    performance.getEntriesByType('resource').map(entry => [entry.name, entry.startTime])]"""


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
    """Everything a first visit to one page loads: the page itself (requests started before its
    load event), then what starts after it (search's index and worker, once the browser is idle)."""

    page: str
    requests: list[Request] = field(default_factory=list)
    after_load: list[Request] = field(default_factory=list)

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
    def after_load_wire(self) -> int:
        return sum(r.wire for r in self.after_load)

    @property
    def other_hosts(self) -> list[str]:
        own = urllib.parse.urlsplit(self.requests[0].url).netloc if self.requests else ""
        return sorted({r.host for r in self.requests + self.after_load if r.host != own})


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
    return Request(
        url, parts.netloc, status, len(body), len(gzip.compress(body, 9)), len(brotli.compress(body, quality=11)), wire
    )


def _wire(site: Path, request: Any) -> int:
    """The bytes Chromium received for a finished request: encoded body and response headers.

    Chromium reports no body size for a worker's script; it is then counted as the server
    sends it (gzip level 6, as local_site.gzipped).
    """
    sizes = request.sizes()
    body: int = sizes["responseBodySize"]
    headers: int = sizes["responseHeadersSize"]
    file = file_for(site, urllib.parse.urlsplit(request.url).path)
    if body == 0 and file is not None and file.stat().st_size:
        body = len(gzipped(file, file.stat().st_mtime_ns)) if file.suffix in COMPRESSIBLE else file.stat().st_size
    return body + headers


def _status(request: Any) -> int | None:
    """The HTTP status a finished request got."""
    response = request.response()
    return response.status if response else None


def _started_after_load(page: Any) -> set[str]:
    """The addresses the page asked for once its load event was over, by the page's own clock. A
    request the page's timeline does not show (the page itself, any the worker makes) counts
    as part of the page load: the page-load figure is never flattered."""
    loaded, starts = page.evaluate(STARTS)
    return {url for url, start in starts if start >= loaded}


def _wait_until_quiet(page: Any, in_flight: set[Any]) -> None:
    """Wait past search's idle start, then until no request is in flight (at most QUIET_MS)."""
    page.wait_for_timeout(AFTER_LOAD_MS)
    for _ in range(QUIET_MS // 100):
        if not in_flight:
            return
        page.wait_for_timeout(100)


def measure(site: Path, pages: list[str], chromium: str) -> list[Visit]:
    """A first visit, in a fresh browser context, to each page (paths under the site)."""
    with serve_gzipped(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=FLAGS)
        try:
            return [_visit(browser, site, base, page_path) for page_path in pages]
        finally:
            browser.close()


def _visit(browser: Browser, site: Path, base: str, page_path: str) -> Visit:
    """A first visit to one page (a path under the site served at `base`), in a fresh browser context."""
    context = browser.new_context(**PHONE)
    finished: list[Any] = []
    failed: list[str] = []
    in_flight: set[Any] = set()

    # Functions, not in_flight.add: playwright marks each handler it is given, which a built-in
    # method refuses.
    def started(request: Any) -> None:
        in_flight.add(request)

    def done(request: Any) -> None:
        finished.append(request)
        in_flight.discard(request)

    def fail(request: Any) -> None:
        failed.append(request.url)
        in_flight.discard(request)

    # Context-wide, so requests from the search worker count too.
    context.on("request", started)
    context.on("requestfinished", done)
    context.on("requestfailed", fail)
    page = context.new_page()
    page.goto(base + page_path, wait_until="load")
    page.wait_for_load_state("networkidle")
    _wait_until_quiet(page, in_flight)
    later = _started_after_load(page)
    seen = [(r.url, _status(r), _wire(site, r)) for r in finished] + [(url, None, 0) for url in failed]
    context.close()
    requests = [sized(site, url, status, wire) for url, status, wire in seen if url.startswith(("http:", "https:"))]
    return Visit(page_path, [r for r in requests if r.url not in later], [r for r in requests if r.url in later])


# ---------------------------------------------------------------------------
# Output (also `make bench`'s report)


def table(header: list[str], rows: list[list[str]]) -> str:
    """A Markdown table with padded columns, readable in a terminal too."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows, strict=False)]
    line = lambda cells: "| " + " | ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=False)) + " |"  # noqa: E731
    return "\n".join([line(header), "| " + " | ".join("-" * w for w in widths) + " |", *map(line, rows)])


def kb(size: int) -> str:
    """Bytes as kB (1,000 bytes), one decimal."""
    return f"{size / 1000:.1f} kB"


def report(visits: list[Visit], detailed: str = GUIDE) -> str:
    """The first visits as Markdown: a row a page, then every request of the page `detailed`."""
    weights = [
        [
            v.page or "(home)",
            str(len(v.requests)),
            kb(v.raw),
            kb(v.wire),
            kb(v.gzip),
            kb(v.brotli),
            f"{len(v.after_load)}, {kb(v.after_load_wire)}",
            ", ".join(v.other_hosts) or "none",
        ]
        for v in visits
    ]
    shown = next(v for v in visits if v.page == detailed)
    rows = [
        [r.url.split("/", 3)[3] or "/", when, str(r.status), kb(r.raw), kb(r.wire), kb(r.gzip), kb(r.brotli)]
        for when, requests in (("page load", shown.requests), ("after load, idle", shown.after_load))
        for r in requests
    ]
    return "\n\n".join(
        [
            "## First visit (fresh browser at phone size; bytes as a host would send them)",
            (
                "The page load is every request started before the page's load event was over. Wire is what "
                "Chromium received from a gzip-only host (text gzipped at level 6, as GitHub Pages serves it): "
                "bodies and response headers. gzip -9 and brotli -11 are the files compressed at their best: "
                "brotli is what Netlify, Cloudflare Pages, Vercel and most CDNs send. After load: the requests "
                "started once the page had loaded and the browser was idle (search's index and worker, so that "
                "search is ready when the reader reaches for it; with Save-Data on they wait until the reader "
                "searches), and their bytes on the wire. Other hosts: of either."
            ),
            table(
                [
                    "Page",
                    "Page-load requests",
                    "Raw",
                    "Wire (gzip host)",
                    "gzip -9",
                    "brotli",
                    "After load: requests, wire",
                    "Other hosts",
                ],
                weights,
            ),
            f"### The {'guide' if detailed == GUIDE else detailed}'s requests",
            table(["URL", "When", "Status", "Raw", "Wire (gzip host)", "gzip -9", "brotli"], rows),
        ]
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--site", type=Path, required=True, help="a built site, such as `mkdocs build --strict --site-dir DIR` writes"
    )
    parser.add_argument(
        "pages", nargs="*", help="addresses under the site (default: the home page, the guide and the newest post)"
    )
    parser.add_argument(
        "--chromium",
        default=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
        help="the Chromium to drive (default: $CHROMIUM or /usr/bin/chromium)",
    )
    args = parser.parse_args()
    pages = args.pages or ["", GUIDE, newest_post(ROOT)[1]]
    visits = measure(args.site.resolve(), pages, args.chromium)
    print(report(visits, GUIDE if GUIDE in pages else pages[0]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
