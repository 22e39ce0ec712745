"""The edges of the site in a real browser: the blog's feed addresses on a phone, the page
for a missing address on a touch phone and on a desktop, and the guide printed on paper."""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Iterator
from http import HTTPStatus
from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright.sync_api import Browser, Page
from pypdf import PdfReader

from conftest import ROOT, mkdocs_settings, published_nav
from local_site import QuietHandler, serve_folder

CONFIG = mkdocs_settings()
FIRM = CONFIG["extra"]["firm"]
SOURCES = yaml.safe_load((ROOT / "data" / "comparison.yml").read_text(encoding="utf-8"))["sources"]
GUIDE = "paralegal-vs-legal-assistant/"
MISSING = "blog/no-such-article/"
PHONE: dict[str, Any] = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}
DESKTOP: dict[str, Any] = {"viewport": {"width": 1280, "height": 900}}


def nav_pages() -> list[tuple[str, str]]:
    """Each top-level entry of the navigation in mkdocs.yml: its title and its address below the site's root."""
    pages = []
    for entry in published_nav(CONFIG["nav"]):
        ((title, target),) = entry.items()
        file = target if isinstance(target, str) else target[0]
        address = file.removesuffix("index.md").removesuffix(".md") + ("" if file.endswith("index.md") else "/")
        pages.append((title, address))
    return pages


class HostHandler(QuietHandler):
    """A static host: a missing address gets the site's 404.html with status 404, as GitHub Pages does."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != HTTPStatus.NOT_FOUND or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@pytest.fixture(scope="module")
def host_url(site) -> Iterator[str]:
    """The real site, served by a host that answers a missing address with the 404 page."""
    with serve_folder(site.site, HostHandler) as url:
        yield url


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    """A touch phone's tab, 390 px wide."""
    context = browser.new_context(**PHONE)
    yield context.new_page()
    context.close()


@pytest.fixture
def desktop(browser: Browser) -> Iterator[Page]:
    """A desktop tab with a mouse and a keyboard."""
    context = browser.new_context(**DESKTOP)
    yield context.new_page()
    context.close()


def words(text: str) -> str:
    return " ".join(text.split())


# --- The blog's feeds ------------------------------------------------------------------------


def test_on_a_phone_the_feed_addresses_fit_the_screen_and_are_large_enough_to_tap(phone, base_url):
    phone.goto(base_url + "blog/")
    links = phone.locator(".md-content .bol-feeds a")
    assert links.count() == 2
    for link in links.all():
        box = link.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390 and box["height"] >= 44, (link.inner_text(), box)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390


# --- The page for a missing address ----------------------------------------------------------


def assert_offers_the_main_pages(page: Page, host_url: str) -> None:
    """The 404 page links every top-level page of the navigation, whatever the missing address."""
    links = page.locator("article ul.bol-not-found a")
    assert links.all_inner_texts() == [title for title, _ in nav_pages()]
    assert [link.evaluate("a => a.href") for link in links.all()] == [host_url + path for _, path in nav_pages()]
    assert {"Home", "Guide", "Services", "Resources", "Contact"} <= set(links.all_inner_texts())


def search_opened_with(page: Page, host_url: str, query: str) -> None:
    """Material's search is open on the home page with `query` typed in and its results listed."""
    page.wait_for_url(f"{host_url}?q={query}")
    page.locator(".md-search-result__item").first.wait_for()
    assert page.evaluate("document.getElementById('__search').checked")
    assert page.locator(".md-search__input").input_value() == query
    results = page.eval_on_selector_all(".md-search-result__item > a", "links => links.map(a => a.href)")
    assert any(url.startswith(host_url + GUIDE) for url in results), results


def test_on_a_touch_phone_the_404_page_offers_the_main_pages_and_search_without_keyboard_steps(phone, host_url):
    assert phone.goto(host_url + MISSING).status == 404
    assert phone.evaluate("matchMedia('(pointer: coarse)').matches")  # the emulation is a touch screen
    article = phone.locator("article")
    assert article.locator("h1").inner_text() == "Page not found"
    # What a phone reader sees names no key to press (it once said "press /").
    shown = words(article.inner_text())
    assert "/" not in shown and "press" not in shown.lower() and "key" not in shown.lower(), shown
    assert [kbd for kbd in article.locator("kbd").all() if kbd.is_visible()] == []
    assert_offers_the_main_pages(phone, host_url)
    for link in article.locator("ul.bol-not-found a").all():
        assert link.bounding_box()["height"] >= 44, link.inner_text()
    # The search: a field and a button, each a target of at least 44 px inside the screen.
    field = article.get_by_role("searchbox", name="Or search the site:")
    button = article.get_by_role("button", name="Search")
    for control in (field, button):
        control.scroll_into_view_if_needed()
        box = control.bounding_box()
        assert box["height"] >= 44 and box["width"] >= 44 and box["x"] + box["width"] <= 390, box
    field.tap()
    field.fill("billing")
    button.tap()
    search_opened_with(phone, host_url, "billing")


def test_on_a_desktop_the_404_page_names_the_search_shortcut_and_both_ways_work(desktop, host_url):
    assert desktop.goto(host_url + MISSING).status == 404
    hint = desktop.locator("article .bol-keyboard-hint")
    assert hint.is_visible() and words(hint.inner_text()) == "On any page, / also opens the search."
    assert_offers_the_main_pages(desktop, host_url)
    desktop.keyboard.press("/")
    assert desktop.evaluate("document.activeElement.classList.contains('md-search__input')")
    desktop.keyboard.press("Escape")
    field = desktop.get_by_role("searchbox", name="Or search the site:")
    field.fill("billing")
    field.press("Enter")
    search_opened_with(desktop, host_url, "billing")


# --- The guide on paper ----------------------------------------------------------------------


def printed_pages(page: Page) -> list[str]:
    """The text of each page of the open page as Chromium prints it to A4, without spaces or line
    breaks (so a phrase wrapped across lines still matches)."""
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
    return [packed(sheet.extract_text()) for sheet in pdf.pages]


def packed(text: str) -> str:
    """Text without spaces, and with a PDF's ligatures ("ﬀ" in a serif heading) spelt out."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def assert_keeps_the_firm_whole_and_ends_with_the_sources(pages: list[str]) -> None:
    """The consultation section prints whole, with the firm's email and phone as text; the guide
    then ends with its sources, each with its address, and nothing meant only for the screen."""
    contact = [text for text in pages if packed(FIRM["email"]) in text]
    assert len(contact) == 1, "the firm's email should print once, in the consultation section"
    page = contact[0]
    assert packed(FIRM["phone"]) in page
    assert page.index(packed("Book a free consultation")) < page.index(packed(FIRM["email"]))
    assert "mailto:" not in page and "tel:" not in page  # the address is the text itself
    printed = "".join(pages)
    for source in SOURCES:
        assert packed(source["title"]) + packed(f"({source['url']})") in printed, source["id"]
    assert packed("Last reviewed") in printed
    assert printed.rstrip().endswith(packed(f"({SOURCES[-1]['url']})"))
    # Web-only parts stay off paper.
    assert packed("Recent articles") not in printed


@pytest.fixture
def printed_guide(browser: Browser, base_url: str) -> Iterator[Page]:
    page = browser.new_page(viewport={"width": 794, "height": 1123})  # A4 at 96 dpi
    page.goto(base_url + GUIDE, wait_until="networkidle")
    page.emulate_media(media="print")
    yield page
    page.close()


def test_the_printed_guide_keeps_the_firms_details_whole_and_ends_with_its_sources(printed_guide):
    pages = printed_pages(printed_guide)
    assert len(pages) > 3
    assert_keeps_the_firm_whole_and_ends_with_the_sources(pages)


def test_the_printed_guide_keeps_its_ending_whatever_the_length_of_the_text_before_it(printed_guide):
    # The ending must not depend on where the text happens to break today: with more or less
    # text above the consultation section (a block of 0 to 900 px, in steps of about a sixth
    # of a page), it still prints whole, and the sources still end the guide.
    printed_guide.locator(".bol-keep-together").evaluate("""ending => {
        const block = document.createElement('div');
        block.id = 'more-text';
        ending.before(block) }""")
    for height in range(0, 901, 150):
        printed_guide.evaluate(
            "height => { document.getElementById('more-text').style.height = height + 'px' }", height
        )
        assert_keeps_the_firm_whole_and_ends_with_the_sources(printed_pages(printed_guide))
