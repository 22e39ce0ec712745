"""Readers in a real browser: accessibility (axe-core, keyboard), search, print, and
screenshots for reviewers, on the site as a static host serves it."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from conftest import ROOT, axe_violations, page_paths

GUIDE = "paralegal-vs-legal-assistant/"
POST = "blog/lawyer-burnout/"
SCREENSHOTS = ROOT / "reports" / "screenshots"


@pytest.fixture
def reader(browser: Browser) -> Iterator[Page]:
    """A desktop reader's tab."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    yield page
    page.close()


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_has_no_wcag_violations(browser, site, base_url, scheme, width):
    context = browser.new_context(color_scheme=scheme, viewport={"width": width, "height": 900})
    page = context.new_page()
    problems = {}
    for path in page_paths(site.site):
        page.goto(base_url + path)
        # The palette follows the system setting: the dark one is Material's "slate".
        expected = "slate" if scheme == "dark" else "default"
        assert page.locator("body").get_attribute("data-md-color-scheme") == expected
        if violations := axe_violations(page):
            problems[path] = violations
    context.close()
    assert problems == {}


def test_axe_reports_a_violation_when_there_is_one(reader, base_url):
    # Shows the test above can fail: an image without a text alternative is caught.
    reader.goto(base_url)
    reader.evaluate("document.querySelector('article').append(Object.assign(new Image(), {src: 'x.png'}))")
    assert any(line.startswith("image-alt") for line in axe_violations(reader))


def table_parts(nodes: list[dict[str, Any]]) -> dict[str, dict[str, int]]:
    """Chromium's accessibility tree: each table's name and how many of each part it holds."""
    by_id = {node["nodeId"]: node for node in nodes}
    role = lambda node: node.get("role", {}).get("value")  # noqa: E731
    tables = {}
    for table in (node for node in nodes if role(node) == "table"):
        counts: dict[str, int] = {}
        stack = list(table.get("childIds", []))
        while stack:
            node = by_id.get(stack.pop())
            if node is None or role(node) == "table":
                continue
            counts[role(node)] = counts.get(role(node), 0) + 1
            stack.extend(node.get("childIds", []))
        tables[table.get("name", {}).get("value", "")] = counts
    return tables


def test_stacked_tables_on_a_phone_stay_tables_for_screen_readers(browser, base_url):
    # On phones site.css stacks the guide's tables into cards (display: block), which made
    # older browsers drop table semantics; the markup now has no role on rows and cells
    # (today's Nu Html Checker forbids them), so the browser must keep them on its own.
    context = browser.new_context(viewport={"width": 390, "height": 900})
    page = context.new_page()
    page.goto(base_url + GUIDE)
    expected = page.evaluate("""() => [...document.querySelectorAll('article table')].map(t => ({
        name: t.caption.textContent.trim(), display: getComputedStyle(t.querySelector('td')).display,
        row: t.querySelectorAll('tr').length, columnheader: t.querySelectorAll('thead th').length,
        rowheader: t.querySelectorAll('tbody th').length, cell: t.querySelectorAll('td').length}))""")
    tree = table_parts(context.new_cdp_session(page).send("Accessibility.getFullAXTree")["nodes"])
    context.close()
    assert expected, "the guide has no table to check"
    for table in expected:
        assert table["display"] == "block", table  # the stacked layout, not the desktop one
        parts = tree[table["name"]]
        assert table["row"] >= 5 and table["cell"] >= 5
        for part in ("row", "columnheader", "rowheader", "cell"):
            assert parts.get(part) == table[part], (table["name"], part, parts)


def focused(page: Page) -> dict[str, Any]:
    """What has keyboard focus: its tag, text, link, whether it is on screen and outlined."""
    found: dict[str, Any] = page.evaluate("""() => {
        const el = document.activeElement, box = el.getBoundingClientRect();
        // A hidden radio button (the colour-scheme switch) shows its focus on the label after
        // it, the icon a reader sees.
        const next = el.nextElementSibling;
        const label = el.matches('input[type=radio]') && next && next.matches('label') ? next : null;
        const style = getComputedStyle(label || el);
        return {tag: el.tagName, text: el.textContent.trim(), html: el.outerHTML.slice(0, 80),
                inContent: !!el.closest('.md-content'),
                onScreen: box.width > 1 && box.height > 1 && box.top >= 0 && box.bottom <= innerHeight
                          && box.left >= 0 && box.right <= innerWidth,
                outlined: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0};
    }""")
    return found


@pytest.mark.parametrize("path", ["", GUIDE, POST, "404.html"])
def test_the_first_tab_shows_a_skip_link_that_jumps_past_the_header(reader, base_url, path):
    reader.goto(base_url + path)
    reader.keyboard.press("Tab")
    skip = focused(reader)
    assert skip["text"] == "Skip to content" and skip["onScreen"] and skip["outlined"], skip
    reader.keyboard.press("Enter")
    reader.keyboard.press("Tab")
    assert focused(reader)["inContent"], focused(reader)


def test_keyboard_focus_is_always_visible_and_reaches_the_header_tabs(reader, base_url):
    reader.goto(base_url + GUIDE)
    seen: list[dict[str, Any]] = []
    for _ in range(40):
        reader.keyboard.press("Tab")
        now = focused(reader)
        assert now["outlined"], (len(seen), now)
        seen.append(now)
    tabs = [item["text"] for item in seen if item["tag"] == "A" and not item["inContent"]]
    assert {"Home", "Guide", "Services", "Resources", "Contact"} <= set(tabs), tabs


def test_header_tabs_navigate_by_keyboard(reader, base_url):
    reader.goto(base_url)
    for _ in range(40):
        reader.keyboard.press("Tab")
        if focused(reader)["text"] == "Resources":
            break
    reader.keyboard.press("Enter")
    reader.wait_for_url(base_url + "blog/")
    assert reader.title().startswith("Resources")


def search(page: Page, query: str) -> list[str]:
    """Open search with the keyboard, type the query, and return the results' addresses."""
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    page.keyboard.type(query)
    page.locator(".md-search-result__item").first.wait_for()
    links: list[str] = page.eval_on_selector_all(".md-search-result__item > a", "links => links.map(a => a.href)")
    return links


def test_search_finds_the_guide_for_billing_and_opens_it_from_the_keyboard(reader, base_url):
    reader.goto(base_url)
    results = search(reader, "billing")
    assert any(url.startswith(base_url + GUIDE) for url in results), results
    # Arrow keys walk the results; Enter opens the guide's.
    for _ in results:
        reader.keyboard.press("ArrowDown")
        if (reader.evaluate("document.activeElement.href") or "").startswith(base_url + GUIDE):
            break
    reader.keyboard.press("Enter")
    reader.wait_for_url(re.compile(re.escape(base_url + GUIDE) + r"\?h=.*"))
    assert reader.title().startswith("Paralegal vs. Legal Assistant")


def body_only_word(site_dir: Path, post: str) -> str:
    """A word that is in the post's body and nowhere else: not in its title, not on another page."""
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]

    def words(text: str) -> set[str]:
        return set(re.findall(r"[a-z]{7,}", re.sub(r"<[^>]+>", " ", text).lower()))

    ours = [doc for doc in index if doc["location"].startswith(post)]
    elsewhere = set().union(
        *(words(doc["title"] + " " + doc["text"]) for doc in index if not doc["location"].startswith(post))
    )
    titles = set().union(*(words(doc["title"]) for doc in ours))
    body = set().union(*(words(doc["text"]) for doc in ours))
    candidates = sorted(body - elsewhere - titles)
    assert candidates, f"no word of {post} is unique to it"
    return candidates[0]


def test_search_finds_a_post_by_a_word_only_in_its_body(reader, site, base_url):
    word = body_only_word(site.site, POST)
    reader.goto(base_url + GUIDE)
    results = search(reader, word)
    assert results and all(url.startswith(base_url + POST) for url in results), (word, results)


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("name, path", [("home", ""), ("guide", GUIDE), ("blog", "blog/"), ("post", POST)])
def test_screenshots_for_reviewers(browser, base_url, name, path, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(base_url + path, wait_until="networkidle")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    file = SCREENSHOTS / f"{name}-{width}.png"
    page.screenshot(path=file, full_page=True)
    page.close()
    # A PNG's width sits in bytes 16-20 of its header.
    assert int.from_bytes(file.read_bytes()[16:20], "big") == width


def test_the_guide_prints_the_article_alone_with_whole_tables_and_link_addresses(browser, base_url):
    page = browser.new_page(viewport={"width": 794, "height": 1123})  # A4 at 96 dpi
    page.goto(base_url + GUIDE, wait_until="networkidle")
    page.emulate_media(media="print")
    hidden = page.evaluate("""() => ['.md-header', '.md-tabs', '.md-sidebar--primary', '.md-sidebar--secondary',
        '.md-search', '.md-footer', '.bol-finder-bar']
        .filter(s => document.querySelector(s) && getComputedStyle(document.querySelector(s)).display !== 'none')""")
    assert hidden == []
    cut = page.evaluate("""() => {
        const right = document.querySelector('article').getBoundingClientRect().right + 1;
        return [...document.querySelectorAll('article td, article th')]
            .filter(cell => cell.getBoundingClientRect().right > right).length;
    }""")
    assert cut == 0
    # Links that print (not those of the checklist's answer or email link while they are hidden,
    # nor an email address or phone number, which is its own address: tests/test_edges.py).
    shown = page.evaluate("""() => [...document.querySelectorAll('article a[data-print-href]')]
        .filter(a => a.getClientRects().length && !/^(mailto|tel):/.test(a.getAttribute('href')))
        .map(a => getComputedStyle(a, '::after').content)""")
    assert shown and all(re.match(r'^" \(https?://', text) for text in shown), shown[:3]
    # The site's own links print as absolute addresses too, not as the relative ones they are.
    assert any(re.match(r'^" \(http://127\.0\.0\.1:\d+/', text) for text in shown)
    (ROOT / "reports").mkdir(exist_ok=True)
    page.pdf(path=ROOT / "reports" / "guide-print.pdf", format="A4")
    page.close()
