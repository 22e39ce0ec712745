"""The guide as readers see it on a 390 px phone and a 1366 px laptop: its comparison tables
side by side and whole, its length, and one balanced reading column."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, ViewportSize

from frame_probe import LONGEST_LINE

GUIDE = "paralegal-vs-legal-assistant/"
PHONE: ViewportSize = {"width": 390, "height": 844}
LAPTOP: ViewportSize = {"width": 1366, "height": 768}
# The side-by-side comparisons: one column per role (the checklist has its own layout).
SIDE_BY_SIDE = "article table.bol-side"


def _open_guide(browser: Browser, base_url: str, viewport: ViewportSize) -> Iterator[Page]:
    page = browser.new_page(viewport=viewport)
    page.goto(base_url + GUIDE)
    yield page
    page.close()


@pytest.fixture
def phone(browser: Browser, base_url: str) -> Iterator[Page]:
    yield from _open_guide(browser, base_url, PHONE)


@pytest.fixture
def laptop(browser: Browser, base_url: str) -> Iterator[Page]:
    yield from _open_guide(browser, base_url, LAPTOP)


def test_on_a_phone_the_guide_is_at_most_20_screens_with_the_main_differences_in_the_first_two(phone):
    assert phone.evaluate("document.documentElement.scrollHeight") <= 20 * PHONE["height"]
    table = phone.locator(SIDE_BY_SIDE).first
    assert table.locator("caption").inner_text() == "The main differences at a glance"
    top = phone.evaluate("el => el.getBoundingClientRect().top + scrollY", table.element_handle())
    assert top < 2 * PHONE["height"]


def test_on_a_phone_every_table_fits_and_keeps_one_column_per_role_side_by_side(phone):
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    tables = phone.evaluate(f"""() => [...document.querySelectorAll('{SIDE_BY_SIDE}')].map(table => ({{
        name: table.caption.textContent,
        fits: table.scrollWidth <= table.clientWidth + 1 && table.getBoundingClientRect().right <= innerWidth,
        rows: [...table.tBodies[0].rows].map(row => [...row.cells].filter(c => c.tagName === 'TD')
            .map(c => {{ const box = c.getBoundingClientRect(); return [box.top, box.left, box.right]; }}))}}))""")
    assert len(tables) == 3
    for table in tables:
        assert table["fits"], table["name"]
        for (top_a, _, right_a), (top_b, left_b, _) in (row for row in table["rows"]):
            assert abs(top_a - top_b) < 1 and right_a <= left_b + 1, table["name"]  # next to each other


def test_on_a_phone_the_role_names_stay_in_view_while_reading_a_table(phone):
    table = phone.locator(SIDE_BY_SIDE).first
    last_row = table.locator("tbody tr").last
    last_row.scroll_into_view_if_needed()
    bar = table.locator("thead")
    box = bar.bounding_box()
    assert box is not None and 0 <= box["y"] < PHONE["height"] / 4, box
    assert [name.strip() for name in bar.locator("th").all_inner_texts()][1:] == ["Paralegal", "Legal assistant"]
    header = phone.locator(".md-header").bounding_box()
    assert box["y"] >= header["y"] + header["height"] - 1  # under the page header, not behind it


def test_on_a_laptop_text_tables_and_headings_share_one_column_beside_the_contents(laptop):
    edges = laptop.evaluate("""() => {
        const box = e => e.getBoundingClientRect();
        const parts = [...document.querySelectorAll('article > p, article > h2, article .bol-table')];
        return {lefts: parts.map(e => Math.round(box(e).left)), rights: parts.map(e => Math.round(box(e).right)),
                toc: Math.round(box(document.querySelector('.md-sidebar--secondary')).left),
                width: innerWidth};
    }""")
    assert max(edges["lefts"]) - min(edges["lefts"]) <= 1  # one left edge
    widest = max(edges["rights"])
    assert widest - min(edges["rights"]) <= 40  # paragraphs fill the column as tables do
    assert 0 <= edges["toc"] - widest <= 60  # the contents column right beside it, no gap
    # The pair sits in the middle of the page: as much room on the left as on the right.
    left, right = min(edges["lefts"]), edges["width"] - (edges["toc"] + 242)
    assert abs(left - right) <= 80, (left, right)
    assert laptop.evaluate(LONGEST_LINE) <= 80
