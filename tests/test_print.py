"""Every printed page names itself (issue 21, item 6).

Printed, each page carries its title at the top of every sheet, and the firm's name with the
page's own address at the foot (so the first sheet names both). Chromium prints to A4 and pypdf
reads each sheet's text; every built page is also checked for what it tells the printer.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from conftest import build_site, copy_project, mkdocs_settings, page_paths, serve_folder
from test_edges import packed, printed_pages

CONFIG = mkdocs_settings()
GUIDE = "paralegal-vs-legal-assistant/"
POST = "blog/lawyer-burnout/"
MARGINS = re.compile(r'^@page\{@top-left\{content:("(?:[^"\\]|\\.)*")\}@bottom-left\{content:("(?:[^"\\]|\\.)*")\}\}$')


def css_text(string: str) -> str:
    """The text of a CSS string ("..." with its escapes), as the browser reads it."""
    return re.sub(r"\\([0-9a-fA-F]{1,6}) ?|\\(.)", lambda m: chr(int(m[1], 16)) if m[1] else m[2], string[1:-1])


def printed(browser: Browser, url: str) -> list[str]:
    """The text of each A4 sheet of the page at `url`, as Chromium prints it."""
    page = browser.new_page(viewport={"width": 794, "height": 1123})
    try:
        page.goto(url, wait_until="networkidle")
        page.emulate_media(media="print")
        return printed_pages(page)
    finally:
        page.close()


def heading(soup) -> str:
    """The page's own title, as link previews show it."""
    title: str = soup.select_one('meta[property="og:title"]')["content"]
    return title


@pytest.mark.parametrize("path", [GUIDE, POST])
def test_every_printed_sheet_carries_the_title_and_the_first_names_the_firm_and_address(browser, base_url, site, path):
    title = heading(site.page(path))
    address = CONFIG["site_url"] + path
    sheets = printed(browser, base_url + path)
    assert len(sheets) >= 2
    for number, sheet in enumerate(sheets, start=1):
        assert packed(title) in sheet, f"sheet {number} has no title"
    assert packed(CONFIG["site_name"]) in sheets[0] and packed(address) in sheets[0]
    # The address is the page's own, not the local server's it was printed from.
    assert address.startswith("https://www.backofficelegal.com/")


def test_every_page_tells_the_printer_its_own_title_and_address(site):
    paths = page_paths(site.site)
    assert len(paths) >= 12
    for path in paths:
        soup = site.page(path)
        styles = [style.string for style in soup.head.find_all("style") if "@page" in (style.string or "")]
        assert len(styles) == 1, path
        found = MARGINS.match(styles[0])
        assert found, (path, styles[0])
        canonical = soup.select_one('link[rel="canonical"]')
        address = canonical["href"] if canonical else CONFIG["site_url"]
        assert (css_text(found[1]), css_text(found[2])) == (heading(soup), f"{CONFIG['site_name']} · {address}"), path


@pytest.fixture
def odd_title(tmp_path: Path) -> Iterator[tuple[str, str]]:
    """A copy of the site whose post has a title with quotes, a backslash and an ampersand, served."""
    project = copy_project(tmp_path / "project")
    post = project / "docs" / "blog" / "posts" / "lawyer-burnout.md"
    text = post.read_text(encoding="utf-8")
    old = 'title: "Three Reasons Why Lawyers Suffer From Burnout & How to Fight It"'
    title = 'Fees "Up Front" \\ Retainers & Trust: What\'s Owed?'
    assert old in text
    post.write_text(text.replace(old, "title: '" + title.replace("'", "''") + "'"), encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.output
    with serve_folder(result.site) as url:
        yield url, title


def test_a_title_with_quotes_and_a_backslash_prints_exactly_as_written(browser, odd_title):
    url, title = odd_title
    sheets = printed(browser, url + POST)
    assert all(packed(title) in sheet for sheet in sheets)
    # Printed once as the header and once as the heading of the first sheet: the CSS string ended where it should.
    assert sheets[0].count(packed(title)) == 2
