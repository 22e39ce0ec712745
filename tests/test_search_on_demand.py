"""Search on demand (overrides/partials/search-on-demand.html), in a real browser: a first
visit downloads neither Material's search index nor its search worker; the first sign of
searching loads each once, and search then works as before."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Route

GUIDE = "paralegal-vs-legal-assistant/"
POST = "blog/lawyer-burnout/"
PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
# The header's search icon, shown on phones (desktops show the search box instead).
ICON = ".md-header__button[for='__search']"


@dataclass
class Tab:
    """A tab in a fresh browser context (an empty cache: a first visit), and every address it asked for."""

    context: BrowserContext
    page: Page
    requested: list[str] = field(default_factory=list)

    def search_files(self) -> tuple[int, int]:
        """How many times the search index and the search worker were asked for."""
        index = sum(url.endswith("/search/search_index.json") for url in self.requested)
        worker = sum("/assets/javascripts/workers/search." in url for url in self.requested)
        return index, worker

    def settle(self) -> None:
        """Wait until the page has loaded all it loads by itself, and a little longer."""
        self.page.wait_for_load_state("networkidle")
        self.page.wait_for_timeout(1000)


@pytest.fixture
def new_tab(browser: Browser) -> Iterator[Callable[..., Tab]]:
    contexts: list[BrowserContext] = []

    def new(device: dict = DESKTOP) -> Tab:
        context = browser.new_context(**device)
        contexts.append(context)
        tab = Tab(context, context.new_page())
        # On the context, not the page: the worker's own request counts too.
        context.on("request", lambda request: tab.requested.append(request.url))
        return tab

    yield new
    for context in contexts:
        context.close()


def results(page: Page) -> list[str]:
    """The addresses of the search results, once there are some."""
    page.locator(".md-search-result__item").first.wait_for()
    return page.eval_on_selector_all(".md-search-result__item > a", "links => links.map(a => a.href)")


@pytest.mark.parametrize("path", ["", GUIDE, POST])
def test_a_first_visit_downloads_neither_the_search_index_nor_its_worker(new_tab, base_url, path):
    tab = new_tab()
    tab.page.goto(base_url + path)
    tab.settle()
    # Material's script did run (and the recording sees it), so it is not for want of it.
    assert any("/assets/javascripts/bundle." in url for url in tab.requested), tab.requested
    assert tab.page.evaluate("document.documentElement.classList.contains('js')")
    assert tab.search_files() == (0, 0), tab.requested


def test_reading_menus_and_the_checklist_do_not_count_as_searching(new_tab, base_url):
    tab = new_tab(PHONE)
    tab.page.goto(base_url + GUIDE)
    # The keyboard past the header (whose Tab order reaches the search box, which would count).
    tab.page.keyboard.press("Tab")
    tab.page.keyboard.press("Enter")  # "Skip to content"
    for _ in range(5):
        tab.page.keyboard.press("Tab")
    assert tab.page.evaluate("!!document.activeElement.closest('.md-content')")
    tab.page.check("#task-p-research")  # a checkbox in the content
    tab.page.locator(".bol-answer").wait_for()
    tab.page.locator(".md-header__button[for='__drawer']").tap()  # the menu, another toggle
    assert tab.page.evaluate("document.getElementById('__drawer').checked")
    tab.settle()
    assert tab.search_files() == (0, 0), tab.requested


def turn_the_search_toggle_on(page: Page) -> None:
    """What Material does for every way into search (and nothing else: no focus)."""
    page.evaluate("""() => { const toggle = document.getElementById('__search');
        toggle.checked = true; toggle.dispatchEvent(new Event('change', {bubbles: true})) }""")


# Each way into search, alone, on a page that has settled without loading either file.
SIGNS: dict[str, tuple[dict, Callable[[Page], None]]] = {
    "focus in the search box": (DESKTOP, lambda page: page.focus(".md-search__input")),
    "the / shortcut": (DESKTOP, lambda page: page.keyboard.press("/")),
    "the s shortcut": (DESKTOP, lambda page: page.keyboard.press("s")),
    "the f shortcut": (DESKTOP, lambda page: page.keyboard.press("f")),
    "the search toggle turned on": (DESKTOP, turn_the_search_toggle_on),
    # Only the press, without the click that follows it: the early start on phones.
    "a press on the search icon": (PHONE, lambda page: page.dispatch_event(ICON, "pointerdown")),
}


@pytest.mark.parametrize("sign", SIGNS)
def test_each_sign_of_searching_loads_the_index_and_worker(new_tab, base_url, sign):
    device, act = SIGNS[sign]
    tab = new_tab(device)
    tab.page.goto(base_url + GUIDE)
    tab.settle()
    assert tab.search_files() == (0, 0), tab.requested
    act(tab.page)
    tab.settle()
    assert tab.search_files() == (1, 1), (sign, tab.requested)


def test_on_a_desktop_the_shortcut_shows_initializing_then_finds_and_loads_each_file_once(new_tab, base_url):
    tab = new_tab()
    held: list[Route] = []
    tab.context.route("**/search/search_index.json", lambda route: held.append(route))  # answered below
    tab.page.goto(base_url)
    tab.settle()
    assert held == []
    with tab.page.expect_request("**/search/search_index.json"):
        tab.page.keyboard.press("/")
    tab.page.keyboard.type("billing")
    tab.page.wait_for_timeout(300)
    # While the index is on its way, Material says so, as it always did.
    meta = tab.page.locator(".md-search-result__meta")
    assert meta.inner_text().strip() == "Initializing search"
    assert len(held) == 1
    held[0].continue_()
    # The words typed meanwhile are searched once the worker is ready.
    found = results(tab.page)
    assert any(url.startswith(base_url + GUIDE) for url in found), found
    tab.settle()
    assert tab.search_files() == (1, 1), tab.requested


def test_on_a_phone_a_tap_on_the_search_icon_finds_and_loads_each_file_once(new_tab, base_url):
    tab = new_tab(PHONE)
    tab.page.goto(base_url + POST)
    tab.settle()
    tab.page.locator(ICON).tap()
    assert tab.page.evaluate("document.activeElement.classList.contains('md-search__input')")
    tab.page.keyboard.type("billing")
    found = results(tab.page)
    assert any(url.startswith(base_url + GUIDE) for url in found), found
    # Suggestions still come from the worker: the rest of a word being typed.
    tab.page.keyboard.press("Backspace")
    tab.page.keyboard.press("Backspace")
    tab.page.locator(".md-search__suggest").filter(has_text="billing").wait_for()
    tab.settle()
    assert tab.search_files() == (1, 1), tab.requested


def test_a_search_results_link_loads_the_index_at_once_and_highlights_its_words(new_tab, base_url):
    # Material's results link to pages with ?h= and the words found; the page highlights them
    # from the index's settings as it loads, before the reader does anything.
    tab = new_tab()
    tab.page.goto(base_url + GUIDE + "?h=billing")
    marks = tab.page.locator(".md-content mark[data-md-highlight]")
    marks.first.wait_for()
    assert {text.lower() for text in marks.all_inner_texts()} == {"billing"}
    tab.settle()
    assert tab.search_files() == (1, 1), tab.requested


def test_the_404_pages_search_form_address_opens_results(new_tab, base_url):
    # Its form opens the home page with ?q=: Material opens the search and focuses it there.
    tab = new_tab()
    tab.page.goto(base_url + "?q=billing")
    found = results(tab.page)
    assert any(url.startswith(base_url + GUIDE) for url in found), found
    assert tab.page.locator(".md-search__input").input_value() == "billing"
