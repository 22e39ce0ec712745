"""The first search on a slow connection: when the first results arrive, for this site and for stock Material.

    python tools/search_timing.py [--project DIR] [--runs N]

Builds the project (this one, or another checkout such as an earlier revision's tree) twice
into a temporary folder: as it is, and as "stock Material", the same site without the
search-on-demand script and without the classes base.html gives <html> early, so that
search shows, loads and answers as Material's script alone makes it. Each site is served as
GitHub Pages serves one (text gzipped, `Cache-Control: max-age=600`) and opened in
Chromium on emulated Slow 3G (DevTools' preset: 2,000 ms latency, 50,000 bytes/s down and
up), in a fresh browser each time. For every way into search, a reader acts as soon as that
way is there (or after reading a page for ten seconds), types "billing", and the time the
first result shows is recorded, counted from the moment the page was asked for (for ?q=,
the results page; for ?h=, the first highlighted word; after a page was read, from the
tap). Prints the median of the runs for both sites.
"""

from __future__ import annotations

import argparse
import math
import os
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from local_site import CHROMIUM_FLAGS as FLAGS
from local_site import ROOT, GzipHandler, copy_project, serve_folder

SLOW_3G = {"offline": False, "latency": 2000, "downloadThroughput": 50_000, "uploadThroughput": 50_000}
# A phone and a desktop screen (tests/test_search_on_demand.py uses them too).
PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
GUIDE = "paralegal-vs-legal-assistant/"
# The header's search icon, shown on phones (desktops show the search box instead).
ICON = ".md-header__button[for='__search']"
BOX = ".md-search__input"
WORDS = "billing"
# In every page, before its own scripts: when the first result and the first highlight appear.
WATCH = """window.__first = {};
new MutationObserver(() => {
  const now = performance.now();
  if (!__first.result && document.querySelector('.md-search-result__item')) __first.result = now;
  if (!__first.mark && document.querySelector('mark[data-md-highlight]')) __first.mark = now;
}).observe(document, {childList: true, subtree: true});"""
# The early classes in base.html, left out of the stock site (Material's script sets them).
EARLY_CLASSES = '<script>document.documentElement.className="js js-focus-visible"</script>'
TIMEOUT_MS = 60_000
READING_MS = 10_000  # a reader reading a page before going on
TYPING_MS = 150  # between two keys, typing on the 404 page


class PagesHandler(GzipHandler):
    """The site as GitHub Pages serves it: gzip, and pages and files cacheable for ten minutes."""

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()


def build(project: Path, site: Path) -> None:
    """A strict build of `project` into `site`."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "GIT_PYTHON_REFRESH": "quiet"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode:
        raise SystemExit(f"the build of {project} failed:\n{result.stdout}{result.stderr}")


def make_stock(project: Path) -> None:
    """The project without the search-on-demand script and base.html's early classes."""
    (project / "overrides/partials/search-on-demand.html").write_text("", encoding="utf-8")
    base = project / "overrides/base.html"
    text = base.read_text(encoding="utf-8")
    if EARLY_CLASSES not in text:
        raise SystemExit(f"{base}: the line giving <html> its classes early was not found; update EARLY_CLASSES")
    base.write_text(text.replace(EARLY_CLASSES, ""), encoding="utf-8")


def type_words(page: Page) -> None:
    """Type the words into the search box, giving it focus first if the way in did not."""
    box = page.locator(BOX)
    if not box.evaluate("box => box === document.activeElement"):
        box.click()
    page.keyboard.type(WORDS)


def first(page: Page, what: str = "result") -> float:
    """Milliseconds from the page's request to the first result (or highlight) shown; infinity
    if none shows within a minute (search stuck, as it was before issue 23)."""
    try:
        page.wait_for_function(f"() => window.__first && __first.{what}", timeout=TIMEOUT_MS)
    except PlaywrightTimeout:
        return math.inf
    seconds: float = page.evaluate(f"__first.{what}")
    return seconds


def tap_as_soon_as_shown(page: Page, url: str) -> float:
    page.goto(url + GUIDE, wait_until="commit")
    page.locator(ICON).tap(timeout=TIMEOUT_MS)
    type_words(page)
    return first(page)


def click_box_as_soon_as_shown(page: Page, url: str) -> float:
    page.goto(url + GUIDE, wait_until="commit")
    page.locator(BOX).click(timeout=TIMEOUT_MS)
    type_words(page)
    return first(page)


def shortcut_as_soon_as_heard(page: Page, url: str) -> float:
    page.goto(url + GUIDE, wait_until="commit")
    page.wait_for_function("() => !!window.component$", timeout=TIMEOUT_MS)  # Material's script listens
    page.keyboard.press("/")
    type_words(page)
    return first(page)


def highlight(page: Page, url: str) -> float:
    page.goto(url + GUIDE + "?h=" + WORDS, wait_until="commit")
    return first(page, "mark")


def not_found_form(page: Page, url: str) -> float:
    page.goto(url + "404.html", wait_until="load", timeout=TIMEOUT_MS)
    page.wait_for_timeout(READING_MS)
    page.locator("#bol-not-found-query").click()
    page.keyboard.type(WORDS, delay=TYPING_MS)
    with page.expect_navigation(wait_until="commit", timeout=TIMEOUT_MS):
        page.keyboard.press("Enter")
    return first(page)


def second_page_tap(page: Page, url: str) -> float:
    page.goto(url, wait_until="load", timeout=TIMEOUT_MS)
    page.wait_for_timeout(READING_MS)
    return tap_as_soon_as_shown(page, url)


def tap_once_read(page: Page, url: str) -> float:
    """Measured from the tap, not from the page's request."""
    page.goto(url + GUIDE, wait_until="load", timeout=TIMEOUT_MS)
    page.wait_for_timeout(READING_MS)
    tapped: float = page.evaluate("performance.now()")
    page.locator(ICON).tap()
    type_words(page)
    return first(page) - tapped


# What a reader does, on which screen: each returns milliseconds to the first result. The
# first four act as soon as they can on arriving; the last three read a page first.
WAYS: dict[str, tuple[dict[str, Any], Callable[[Page, str], float]]] = {
    "tap on the search icon as soon as it shows (phone)": (PHONE, tap_as_soon_as_shown),
    "click in the search box as soon as it shows (desktop)": (DESKTOP, click_box_as_soon_as_shown),
    "the / shortcut as soon as Material's script listens (desktop)": (DESKTOP, shortcut_as_soon_as_heard),
    "a result's link: the first highlighted word (?h=)": (DESKTOP, highlight),
    "the 404 page's form, read and typed into: its results (?q=)": (DESKTOP, not_found_form),
    "second page of a visit, the first one read: tap as soon as it shows (phone)": (PHONE, second_page_tap),
    "a page read, then a tap: from the tap (phone)": (PHONE, tap_once_read),
}


def measure(url: str, chromium: str, runs: int) -> dict[str, list[float]]:
    """Milliseconds to the first result, `runs` times for each way into search, each in a fresh browser."""
    times: dict[str, list[float]] = {way: [] for way in WAYS}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=FLAGS)
        try:
            for _ in range(runs):
                for way, (device, act) in WAYS.items():
                    context = browser.new_context(**device)
                    context.add_init_script(WATCH)
                    page = context.new_page()
                    cdp = context.new_cdp_session(page)
                    cdp.send("Network.enable")
                    cdp.send("Network.emulateNetworkConditions", SLOW_3G)
                    times[way].append(act(page, url))
                    context.close()
        finally:
            browser.close()
    return times


def seconds(milliseconds: float) -> str:
    """Milliseconds as seconds with two decimals, or "never"."""
    return "never" if math.isinf(milliseconds) else f"{milliseconds / 1000:.2f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--project", type=Path, default=ROOT, help="the project to measure (default: this one)")
    parser.add_argument("--runs", type=int, default=3, help="runs of each way into search (default 3)")
    parser.add_argument("--chromium", default=os.environ.get("CHROMIUM", "/usr/bin/chromium"))
    args = parser.parse_args()
    results: dict[str, dict[str, list[float]]] = {}
    with tempfile.TemporaryDirectory(prefix="search-timing-") as temp:
        for variant in ("site", "stock Material"):
            project = copy_project(Path(temp) / variant / "project", args.project.resolve())
            if variant != "site":
                make_stock(project)
            site = Path(temp) / variant / "site"
            print(f"Building {variant}...", flush=True)
            build(project, site)
            with serve_folder(site, PagesHandler) as url:
                print(f"Measuring {variant} on emulated Slow 3G...", flush=True)
                results[variant] = measure(url, args.chromium, args.runs)
    print(f"\nFirst search result on emulated Slow 3G, seconds (median of {args.runs}; runs in brackets)\n")
    print("| Way into search | Site | Stock Material |\n| --- | --- | --- |")
    for way in WAYS:
        cells = [
            f"{seconds(statistics.median(results[v][way]))} ({', '.join(seconds(t) for t in results[v][way])})"
            for v in results
        ]
        print(f"| {way} | " + " | ".join(cells) + " |")
    print(
        f"\nProject: {args.project.resolve()}; load average at the end: "
        + " ".join(f"{x:.2f}" for x in os.getloadavg())
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
