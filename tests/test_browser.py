"""What only a real browser shows: the layout on a phone and the requests a page makes."""

from __future__ import annotations

from conftest import page_paths


def test_phone_reader_never_scrolls_sideways_and_sees_every_cell(browser, site, base_url):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    problems = {}
    for path in page_paths(site.site):
        page.goto(base_url + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        # Every table cell lies inside the screen, so it can be read without panning.
        outside = page.evaluate("""() => [...document.querySelectorAll('article td, article th')]
            .map(cell => cell.getBoundingClientRect())
            .filter(box => box.left < 0 || box.right > window.innerWidth + 0.5).length""")
        if width > 390 or outside:
            problems[path] = {"page width": width, "cells off screen": outside}
    page.close()
    assert problems == {}


def test_phone_tables_stack_into_labelled_cards(browser, base_url):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(base_url + "paralegal-vs-legal-assistant/")
    cell = page.locator('table.bol-checklist tr[data-task="p-research"] td[data-label="Done by"]')
    label = cell.evaluate("td => getComputedStyle(td, '::before').content")
    assert label == '"Done by: "'
    assert page.locator("table.bol-checklist thead").bounding_box()["width"] <= 1
    page.close()


def test_desktop_tables_stay_tables(browser, base_url):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base_url + "paralegal-vs-legal-assistant/")
    assert page.locator("table.bol-checklist").evaluate("t => getComputedStyle(t).display") == "table"
    page.close()


def test_no_page_requests_anything_from_another_host(browser, site, base_url):
    page = browser.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    for path in page_paths(site.site):
        page.goto(base_url + path, wait_until="networkidle")
    page.close()
    assert len(requested) > len(page_paths(site.site))
    assert [url for url in requested if not url.startswith((base_url, "data:"))] == []
