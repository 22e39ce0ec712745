"""What only a real browser shows: the layout on a phone and the requests a page makes."""

from __future__ import annotations

import pytest

PAGES = ["", "paralegal-vs-legal-assistant/", "services/", "contact/", "blog/", "blog/virtual-legal-clerk/",
         "blog/archive/2026/", "blog/category/running-a-law-firm/"]


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
