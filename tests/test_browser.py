"""What only a real browser shows: the layout on a phone and the requests a page makes."""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest
from playwright.sync_api import Browser, sync_playwright

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Quiet, offline-friendly Chromium: no background calls to Google's services.
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run"]
PAGES = ["", "paralegal-vs-legal-assistant/", "services/", "contact/"]


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="session")
def base_url(site) -> Iterator[str]:
    """The built site served over HTTP on a loopback port, as a static host would."""
    handler = functools.partial(QuietHandler, directory=str(site.site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    assert os.path.exists(CHROMIUM), f"Chromium not found at {CHROMIUM}: run `make test` (it installs it) or set CHROMIUM"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield launched
        launched.close()


@pytest.mark.parametrize("path", PAGES)
def test_phone_reader_never_scrolls_sideways_and_sees_every_cell(browser, base_url, path):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(base_url + path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    # Every table cell lies inside the screen, so it can be read without panning.
    outside = page.evaluate("""() => [...document.querySelectorAll('article td, article th')]
        .map(cell => cell.getBoundingClientRect())
        .filter(box => box.left < 0 || box.right > window.innerWidth + 0.5).length""")
    assert outside == 0
    page.close()


def test_phone_tables_stack_into_labelled_cards(browser, base_url):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(base_url + "paralegal-vs-legal-assistant/")
    cell = page.locator("table.bol-duties tr#area-research td").first
    label = cell.evaluate("td => getComputedStyle(td, '::before').content")
    assert label == '"Paralegal"'
    assert page.locator("table.bol-duties thead").bounding_box()["width"] <= 1
    page.close()


def test_desktop_tables_stay_tables(browser, base_url):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base_url + "paralegal-vs-legal-assistant/")
    assert page.locator("table.bol-duties").evaluate("t => getComputedStyle(t).display") == "table"
    page.close()


@pytest.mark.parametrize("path", PAGES)
def test_pages_request_nothing_from_another_host(browser, base_url, path):
    page = browser.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(base_url + path, wait_until="networkidle")
    assert requested and all(url.startswith(base_url) or url.startswith("data:") for url in requested), requested
    page.close()
