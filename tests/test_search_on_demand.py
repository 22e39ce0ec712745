"""Search held back (overrides/partials/search-on-demand.html), in a real browser: a first
visit asks for neither Material's search index nor its search worker before the page's load
event; once the page has loaded and the browser is idle, each loads once with no reader
action, and search answers at once. A reader whose browser asks to save data (Save-Data,
emulated through DevTools) gets neither until the first sign of searching; those tests run
with it on, so that the idle start cannot hide a way in that no longer works: the first sign
loads each once, and search then answers by every way in: a tap or click even before
Material's script has run, the keyboard shortcuts, focus, Back and Forward with and without
the back/forward cache, the 404 page's form (?q=) and a result's highlight (?h=). A failed
download says so and is tried again when the reader searches again; where Material's script
has not run, search is hidden, as Material intends."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Route

from conftest import CHROMIUM, FLAGS
from local_site import QuietHandler, serve_folder
from search_timing import DESKTOP, GUIDE, ICON, PHONE

POST = "blog/lawyer-burnout/"
INDEX = "**/search/search_index.json"
WORKER = "**/assets/javascripts/workers/search.*.js"
BUNDLE = "**/assets/javascripts/bundle.*.js"
# What the search box says while the index loads and once search is ready (Material's
# words), and when it failed (ours).
INITIALIZING = "Initializing search"
READY = "Type to start searching"
FAILED = "Search could not load. It will try again as soon as you search again."


@dataclass
class Tab:
    """A tab in a fresh browser context (an empty cache: a first visit), and every address it asked for."""

    context: BrowserContext
    page: Page
    requested: list[str] = field(default_factory=list)

    def saves_data(self) -> bool:
        """Whether the page sees the reader's browser asking to save data."""
        saving: bool = self.page.evaluate("navigator.connection?.saveData === true")
        return saving

    def search_files(self) -> tuple[int, int]:
        """How many times the search index and the search worker were asked for."""
        index = sum(url.endswith("/search/search_index.json") for url in self.requested)
        worker = sum("/assets/javascripts/workers/search." in url for url in self.requested)
        return index, worker

    def settle(self) -> None:
        """Wait until the page has loaded all it loads by itself, and a little longer."""
        self.page.wait_for_load_state("networkidle")
        self.page.wait_for_timeout(1000)

    def idle(self) -> None:
        """Wait past the page's load and the browser's idle start of search (at the latest 2 s after
        load), and until the network is quiet again."""
        self.page.wait_for_load_state("load")
        self.page.wait_for_timeout(3000)
        self.settle()


def save_data(page: Page) -> None:
    """Have the browser ask to save data, as a reader's Data Saver or Lite mode does, for this page from now on."""
    page.context.new_cdp_session(page).send("Emulation.setDataSaverOverride", {"dataSaverEnabled": True})


@pytest.fixture
def new_tab(browser: Browser) -> Iterator[Callable[..., Tab]]:
    contexts: list[BrowserContext] = []

    def new(device: dict[str, Any] = DESKTOP, saving_data: bool = False) -> Tab:
        context = browser.new_context(**device)
        contexts.append(context)
        tab = Tab(context, context.new_page())
        # On the context, not the page: the worker's own request counts too.
        context.on("request", lambda request: tab.requested.append(request.url))
        if saving_data:
            save_data(tab.page)
        return tab

    yield new
    for context in contexts:
        context.close()


def results(page: Page) -> list[str]:
    """The addresses of the search results, once there are some."""
    page.locator(".md-search-result__item").first.wait_for()
    links: list[str] = page.eval_on_selector_all(".md-search-result__item > a", "links => links.map(a => a.href)")
    return links


def finds_the_guide(page: Page, base_url: str, words: str = "billing") -> None:
    """Type into the search box (focusing it first if need be) and see the guide among the results."""
    box = page.locator(".md-search__input")
    if not box.evaluate("box => box === document.activeElement"):
        box.focus()
    box.fill("")
    page.keyboard.type(words)
    found = results(page)
    assert any(url.startswith(base_url + GUIDE) for url in found), found


def meta_text(page: Page) -> str:
    """What the search box says above its results."""
    return page.locator(".md-search-result__meta").inner_text().strip()


# In the page, on its own clock: when its load event ended, and when it asked for the search
# index and the search worker's script (its timeline shows the worker's script too).
SEARCH_STARTS = """() => [performance.getEntriesByType('navigation')[0].loadEventEnd,
    performance.getEntriesByType('resource').filter(entry => entry.name.endsWith('/search/search_index.json')
        || entry.name.includes('/assets/javascripts/workers/search.')).map(entry => entry.startTime)]"""


def materials_script_ran(tab: Tab) -> bool:
    """Whether Material's script was asked for and ran (so that nothing is missing for want of it)."""
    return any("/assets/javascripts/bundle." in url for url in tab.requested) and tab.page.evaluate(
        "document.documentElement.classList.contains('js')"
    )


@pytest.mark.parametrize("path", ["", GUIDE, POST])
def test_a_first_visit_asks_for_neither_the_search_index_nor_its_worker_before_the_page_has_loaded(
    new_tab, base_url, path
):
    tab = new_tab()
    tab.page.goto(base_url + path)
    tab.idle()
    assert materials_script_ran(tab)
    loaded, starts = tab.page.evaluate(SEARCH_STARTS)
    # Both were asked for (so the comparison is not empty), each after the load event was over.
    assert len(starts) == 2, tab.requested
    assert all(start >= loaded > 0 for start in starts), (loaded, starts)


def test_once_the_page_has_loaded_and_the_browser_is_idle_search_loads_by_itself_and_answers_at_once(new_tab, base_url):
    tab = new_tab(PHONE)
    tab.page.goto(base_url + GUIDE)
    tab.idle()
    # No reader action, and each file once; the worker has built the index: search is ready.
    assert tab.search_files() == (1, 1), tab.requested
    assert meta_text(tab.page) == READY
    before = list(tab.requested)
    tab.page.locator(ICON).tap()
    assert meta_text(tab.page) == READY
    tab.page.keyboard.type("billing")
    found = results(tab.page)
    assert any(url.startswith(base_url + GUIDE) for url in found), found
    # The answer came from what was already there: nothing asked for since the tap.
    assert tab.requested == before


@pytest.mark.parametrize("path", ["", GUIDE, POST])
def test_with_save_data_on_nothing_of_search_loads_after_the_page_has_loaded(new_tab, base_url, path):
    tab = new_tab(saving_data=True)
    tab.page.goto(base_url + path)
    assert tab.saves_data()
    tab.idle()
    tab.page.wait_for_timeout(2000)
    assert materials_script_ran(tab)
    assert tab.search_files() == (0, 0), tab.requested
    assert meta_text(tab.page) == INITIALIZING  # Material's own request is there, held back


def test_reading_menus_and_the_checklist_do_not_count_as_searching(new_tab, base_url):
    tab = new_tab(PHONE, saving_data=True)
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


# Each way into search, alone, on a page that has settled without loading either file (Save-Data
# on), and whether the search box is then open to type into.
SIGNS: dict[str, tuple[dict[str, Any], Callable[[Page], None], bool]] = {
    "focus in the search box": (DESKTOP, lambda page: page.focus(".md-search__input"), True),
    "the / shortcut": (DESKTOP, lambda page: page.keyboard.press("/"), True),
    "the s shortcut": (DESKTOP, lambda page: page.keyboard.press("s"), True),
    "the f shortcut": (DESKTOP, lambda page: page.keyboard.press("f"), True),
    "a click in the search box": (DESKTOP, lambda page: page.click(".md-search__input"), True),
    "the search toggle turned on": (DESKTOP, turn_the_search_toggle_on, True),
    "a tap on the search icon": (PHONE, lambda page: page.locator(ICON).tap(), True),
    # Only the press, without the click that follows it: the early start on phones.
    "a press on the search icon": (PHONE, lambda page: page.dispatch_event(ICON, "pointerdown"), False),
}


@pytest.mark.parametrize("sign", SIGNS)
def test_each_sign_of_searching_loads_the_index_and_worker_and_finds(new_tab, base_url, sign):
    device, act, opens = SIGNS[sign]
    tab = new_tab(device, saving_data=True)
    tab.page.goto(base_url + GUIDE)
    tab.idle()
    assert tab.saves_data()
    assert tab.search_files() == (0, 0), tab.requested
    act(tab.page)
    if opens:
        finds_the_guide(tab.page, base_url)
    tab.settle()
    assert tab.search_files() == (1, 1), (sign, tab.requested)


def test_on_a_desktop_the_shortcut_shows_initializing_then_finds_and_loads_each_file_once(new_tab, base_url):
    tab = new_tab(saving_data=True)
    held: list[Route] = []
    # A lambda, not held.append: playwright marks the handler it is given, which a built-in method refuses.
    tab.context.route("**/search/search_index.json", lambda route: held.append(route))  # noqa: PLW0108
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
    tab = new_tab(PHONE, saving_data=True)
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


@pytest.mark.parametrize("saving_data", [True, False], ids=["save-data", "idle start too"])
def test_a_search_results_link_loads_the_index_at_once_and_highlights_its_words(new_tab, base_url, saving_data):
    # Material's results link to pages with ?h= and the words found; the page highlights them
    # from the index's settings as it loads, before the reader does anything. Without
    # Save-Data, the idle start after load then asks for nothing again.
    tab = new_tab(saving_data=saving_data)
    tab.page.goto(base_url + GUIDE + "?h=billing")
    marks = tab.page.locator(".md-content mark[data-md-highlight]")
    marks.first.wait_for()
    assert {text.lower() for text in marks.all_inner_texts()} == {"billing"}
    tab.idle()
    assert tab.search_files() == (1, 1), tab.requested


def test_the_404_pages_search_form_address_opens_results(new_tab, base_url):
    # Its form opens the home page with ?q=: Material opens the search and focuses it there.
    tab = new_tab(saving_data=True)
    tab.page.goto(base_url + "?q=billing")
    found = results(tab.page)
    assert any(url.startswith(base_url + GUIDE) for url in found), found
    assert tab.page.locator(".md-search__input").input_value() == "billing"


# --- A tap before the end of the page has arrived --------------------------------------------


@contextlib.contextmanager
def serve_page_in_two_parts(folder: Path, path: str, cut: str) -> Iterator[tuple[str, threading.Event]]:
    """The built site served as usual, except the page at `path`, which is sent up to `cut`
    and then holds the rest back until the event yielded is set: a slow connection, on which
    a reader sees (and taps) the top of a page while its end, with Material's script, is
    still on its way. Yields the site's address and the event."""
    rest_may_come = threading.Event()

    class TwoParts(QuietHandler):
        def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
            if self.path != "/" + path:
                super().do_GET()
                return
            html = (folder / path / "index.html").read_bytes()
            head, tail = html.split(cut.encode(), 1)
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(html)))
            self.end_headers()
            self.wfile.write(head)
            self.wfile.flush()
            rest_may_come.wait(30)
            self.wfile.write(cut.encode() + tail)

    with serve_folder(folder, TwoParts) as url:
        try:
            yield url, rest_may_come
        finally:
            rest_may_come.set()


@pytest.mark.parametrize("saving_data", [True, False], ids=["save-data", "idle start too"])
def test_a_tap_on_the_search_icon_before_the_end_of_the_page_has_arrived_finds(site, new_tab, saving_data):
    # The page's end holds Material's configuration and script: until it arrives, nothing of
    # Material listens. The tap turns the search toggle on by itself (a label for a checkbox).
    # Without Save-Data, the idle start after load then asks for nothing again.
    with serve_page_in_two_parts(site.site, POST, '<script id="__config"') as (url, rest_may_come):
        tab = new_tab(PHONE, saving_data=saving_data)
        tab.page.goto(url + POST, wait_until="commit")
        tab.page.locator(ICON).tap()
        assert tab.page.evaluate("""[document.getElementById('__search').checked,
            [...document.scripts].some(script => script.src.includes('/bundle.'))]""") == [True, False]
        rest_may_come.set()
        tab.page.wait_for_function("() => !!window.component$")
        finds_the_guide(tab.page, url)
        tab.idle()
        assert tab.search_files() == (1, 1), tab.requested


# --- Back and Forward ----------------------------------------------------------------------


def came_back_from_the_cache(page: Page) -> bool:
    """Whether the page was shown again from the back/forward cache (not loaded again)."""
    persisted: bool = page.evaluate("window.__persisted === true")
    return persisted


REMEMBER_PAGESHOW = "addEventListener('pageshow', event => { window.__persisted = event.persisted })"


@pytest.fixture(scope="module")
def bfcache_browser(browser: Browser) -> Iterator[Browser]:
    """Chromium with its back/forward cache, which Playwright turns off by default."""
    launched = browser.browser_type.launch(
        executable_path=CHROMIUM, args=FLAGS, ignore_default_args=["--disable-back-forward-cache"]
    )
    yield launched
    launched.close()


def search_then_leave_then_come_back(page: Page, base_url: str) -> None:
    """Open search on the guide and see results, go to a post, then Back to the guide."""
    page.goto(base_url + GUIDE)
    page.keyboard.press("/")
    finds_the_guide(page, base_url)
    page.goto(base_url + POST)
    back_or_forward(page, page.go_back, base_url + GUIDE)


def back_or_forward(page: Page, go: Callable[..., object], address: str) -> None:
    """Go Back or Forward, then wait until the page is there (shown from the back/forward cache, a
    page fires no load event) and past its load, when Chromium restores form fields."""
    go(wait_until="commit")
    page.wait_for_url(address, wait_until="commit")
    page.wait_for_function("() => document.readyState === 'complete'")
    page.wait_for_timeout(500)


@pytest.mark.parametrize("cache", ["without the back/forward cache", "with the back/forward cache"])
def test_back_and_forward_to_a_page_keep_search_answering(browser, bfcache_browser, base_url, cache):
    cached = cache.startswith("with ")
    context = (bfcache_browser if cached else browser).new_context(**DESKTOP)
    context.add_init_script(REMEMBER_PAGESHOW)
    page = context.new_page()
    save_data(page)
    try:
        search_then_leave_then_come_back(page, base_url)
        assert page.evaluate("navigator.connection.saveData")
        assert came_back_from_the_cache(page) == cached
        # From the cache the page comes back as it was left, search open; loaded again, with
        # search closed (open, Material's script would not know it: no event tells it).
        assert page.evaluate("document.getElementById('__search').checked") == cached
        if not cached:
            page.keyboard.press("/")
        finds_the_guide(page, base_url, "paralegal")
        back_or_forward(page, page.go_forward, base_url + POST)
        assert came_back_from_the_cache(page) == cached
        page.keyboard.press("/")
        finds_the_guide(page, base_url)
    finally:
        context.close()


def test_a_search_toggle_a_browser_brings_back_on_still_answers(new_tab, base_url):
    # Chromium brings a checkbox back checked after Back, silently, unless its form says
    # autocomplete="off" (base.html). A browser that ignored that would show the search open
    # with no event for Material's script: search must load and answer all the same.
    tab = new_tab(saving_data=True)
    tab.context.add_init_script("""new MutationObserver(() => {
        document.getElementById('__search')?.removeAttribute('form')
    }).observe(document, {childList: true, subtree: true})""")
    tab.context.add_init_script(REMEMBER_PAGESHOW)
    search_then_leave_then_come_back(tab.page, base_url)
    tab.page.wait_for_function("() => document.getElementById('__search').checked")
    assert not came_back_from_the_cache(tab.page)
    tab.page.locator(".md-search__input").click()
    finds_the_guide(tab.page, base_url)


# --- Failures ---------------------------------------------------------------------------------


@dataclass
class Outage:
    """A route handler that fails requests (a 404 or a network error) until `over`, then lets them through."""

    failure: str
    over: bool = False
    failed: int = 0

    def __call__(self, route: Route) -> None:
        if self.over:
            route.continue_()
            return
        self.failed += 1
        if self.failure == "404":
            route.fulfill(status=404, body="Not found")
        else:
            route.abort("internetdisconnected")


@pytest.mark.parametrize("failure", ["404", "network error"])
@pytest.mark.parametrize("what", [INDEX, WORKER], ids=["index", "worker"])
def test_a_failed_download_says_so_and_is_tried_again_when_the_reader_searches_again(new_tab, base_url, what, failure):
    tab = new_tab(saving_data=True)
    errors: list[str] = []
    tab.page.on("pageerror", lambda error: errors.append(str(error)))
    outage = Outage(failure)
    tab.context.route(what, outage)
    tab.page.goto(base_url + GUIDE)
    tab.settle()
    tab.page.keyboard.press("/")
    tab.page.locator(".md-search-result__meta", has_text=FAILED).wait_for()
    tab.settle()
    assert meta_text(tab.page) == FAILED  # it stays, and nothing is asked for again meanwhile
    failed = outage.failed
    outage.over = True
    # Searching again: closing and opening the search, as a reader would (not within the same
    # millisecond: Material's script reads the box's focus a moment late, and would miss it).
    tab.page.keyboard.press("Escape")
    tab.page.wait_for_timeout(100)
    tab.page.keyboard.press("/")
    assert meta_text(tab.page) == INITIALIZING
    finds_the_guide(tab.page, base_url)
    tab.settle()
    index, worker = tab.search_files()
    assert (index, worker) == ((failed + 1, 1) if what == INDEX else (1, failed + 1)), tab.requested
    assert errors == []


@pytest.mark.parametrize("what", [INDEX, WORKER], ids=["index", "worker"])
def test_a_failed_download_after_load_is_tried_again_when_the_reader_first_searches(new_tab, base_url, what):
    # The idle start fails while the reader reads, with search closed: opening it tries again,
    # says "Initializing search" meanwhile (the new try is held back to see it), and finds.
    tab = new_tab()
    errors: list[str] = []
    tab.page.on("pageerror", lambda error: errors.append(str(error)))
    outage = Outage("network error")
    tab.context.route(what, outage)
    tab.page.goto(base_url + GUIDE)
    tab.idle()
    failed = outage.failed
    assert failed >= 1
    assert tab.search_files() == ((failed, 1) if what == INDEX else (1, failed)), tab.requested
    held: list[Route] = []
    tab.context.unroute(what)
    tab.context.route(what, lambda route: held.append(route))  # noqa: PLW0108 (as above)
    tab.page.keyboard.press("/")
    tab.page.wait_for_timeout(300)
    assert len(held) == 1
    assert meta_text(tab.page) == INITIALIZING
    held[0].continue_()
    finds_the_guide(tab.page, base_url)
    tab.settle()
    assert tab.search_files() == ((failed + 1, 1) if what == INDEX else (1, failed + 1)), tab.requested
    assert errors == []


def test_a_download_failed_before_load_is_not_tried_again_by_the_idle_start(new_tab, base_url):
    # A result's link (?h=) asks for the index at once; it fails. Only the reader's next sign
    # of searching tries again, as with Save-Data: the idle start after load leaves it.
    tab = new_tab()
    outage = Outage("network error")
    tab.context.route(INDEX, outage)
    tab.page.goto(base_url + GUIDE + "?h=billing")
    tab.idle()
    assert outage.failed == 1
    assert tab.search_files() == (1, 1), tab.requested


def test_typing_again_after_a_failure_tries_again_too(new_tab, base_url):
    tab = new_tab(saving_data=True)
    outage = Outage("network error")
    tab.context.route(INDEX, outage)
    tab.page.goto(base_url + GUIDE)
    tab.page.keyboard.press("/")
    tab.page.locator(".md-search-result__meta", has_text=FAILED).wait_for()
    failed = outage.failed
    outage.over = True
    tab.page.keyboard.type("billing")
    results(tab.page)
    assert tab.search_files()[0] == failed + 1


@pytest.mark.parametrize("device", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_where_materials_script_has_not_run_search_is_hidden(new_tab, base_url, device):
    tab = new_tab(device)
    tab.context.route(BUNDLE, lambda route: route.abort())
    tab.page.goto(base_url + GUIDE)
    assert tab.page.evaluate("document.documentElement.className") == "no-js"
    assert tab.page.locator(".md-search").is_hidden()
    assert tab.page.locator(ICON).is_hidden()
    # Material's script itself, running, shows them: the test is not blind.
    other = new_tab(device)
    other.page.goto(base_url + GUIDE)
    assert other.page.locator(ICON if device is PHONE else ".md-search__input").is_visible()


def test_the_404_pages_own_search_field_fetches_search_for_the_results_page(new_tab, base_url):
    tab = new_tab(saving_data=True)
    tab.page.goto(base_url + "404.html")
    tab.idle()
    assert tab.saves_data()
    assert tab.search_files() == (0, 0)
    tab.page.locator("#bol-not-found-query").fill("billing")
    tab.settle()
    assert tab.search_files() == (1, 1), tab.requested
    tab.page.locator(".bol-not-found-search button").click()
    found = results(tab.page)
    assert any(url.startswith(base_url + GUIDE) for url in found), found
