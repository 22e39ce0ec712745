"""The page frame in a real browser: the firm's logo and colours, the header's way to the
firm, which pages have a contents column and which a contact strip, line length, text
sizes and tap targets, measured on the built site as a static host serves it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import yaml
from playwright.sync_api import Browser, FloatRect, Page, ViewportSize

from conftest import ROOT, mkdocs_settings, page_paths
from frame_probe import LONGEST_LINE

GUIDE = "paralegal-vs-legal-assistant/"
POST = "blog/virtual-legal-clerk/"
PHONE: ViewportSize = {"width": 390, "height": 844}
LAPTOP: ViewportSize = {"width": 1366, "height": 768}
FIRM = mkdocs_settings()["extra"]["firm"]
MONOGRAM = (ROOT / "overrides" / ".icons" / "bol" / "monogram.svg").read_text(encoding="utf-8")
# The non-article pages: no Previous/Next bar, the contact strip instead.
NOT_ARTICLES = ["", "services/", "contact/", "confidentiality/", "blog/", "blog/category/outsourcing/", "404.html"]
ARTICLES = [GUIDE, POST, "blog/lawyer-burnout/"]


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()


@pytest.fixture
def laptop(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=LAPTOP)
    yield context.new_page()
    context.close()


def box(page: Page, selector: str) -> FloatRect:
    """The first visible element's box for `selector`."""
    found = page.locator(selector).locator("visible=true").first.bounding_box()
    assert found is not None, selector
    return found


def colour(page: Page, selector: str, prop: str) -> str:
    value: str = page.eval_on_selector(selector, f"e => getComputedStyle(e).{prop}")
    return value


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_header_shows_the_firms_monogram_on_its_navy(browser, base_url, scheme):
    context = browser.new_context(viewport=LAPTOP, color_scheme=scheme)
    page = context.new_page()
    page.goto(base_url)
    logo = page.locator(".md-header__button.md-logo svg")
    assert logo.is_visible()
    # The monogram's own drawing (its letter's path), not Material's book icon.
    drawn = logo.evaluate("svg => svg.querySelector('path').getAttribute('d')")
    assert drawn in MONOGRAM
    assert colour(page, ".md-header", "backgroundColor") == "rgb(28, 47, 79)"
    h1_weight = int(colour(page, ".md-content h1", "fontWeight"))
    assert h1_weight >= 700
    expected_heading = "rgb(28, 47, 79)" if scheme == "light" else "rgb(230, 236, 245)"
    assert colour(page, ".md-content h1", "color") == expected_heading
    # Not Material's default indigo anywhere in the primary colour.
    primary = page.evaluate("getComputedStyle(document.body).getPropertyValue('--md-primary-fg-color')")
    assert primary.strip() == "#1c2f4f"
    context.close()


def test_the_tab_icon_is_the_same_monogram(site):
    icon = site.page("").select_one("link[rel=icon]")["href"]
    assert icon.startswith("data:image/svg+xml,") and "M9.5" in icon


@pytest.mark.parametrize("path", ["", GUIDE, POST, "contact/", "404.html"])
def test_a_phone_reader_reaches_the_firm_from_the_header_of_every_page(phone, base_url, path):
    phone.goto(base_url + path)
    cta = phone.locator(".md-header .bol-header-cta")
    assert cta.is_visible()
    assert cta.inner_text().strip() == "Contact"
    assert cta.evaluate("a => a.href") == base_url + "contact/"
    found = cta.bounding_box()
    assert found is not None and found["height"] >= 44 and found["width"] >= 44
    # The firm's name stays whole beside it.
    assert phone.eval_on_selector(".md-header__topic .md-ellipsis", "e => e.scrollWidth <= e.clientWidth")


def test_home_says_what_the_firm_does_with_its_main_button_on_the_first_phone_screen(phone, laptop, base_url):
    phone.goto(base_url)
    headline = phone.locator(".md-content h1").inner_text().lower()
    assert "paralegal" in headline and "legal-assistant" in headline and "law firms" in headline
    main = box(phone, ".md-content .md-button--primary")
    assert main["y"] >= 0 and main["y"] + main["height"] <= PHONE["height"]
    laptop.goto(base_url)
    for button in laptop.locator(".md-content .md-button").all()[:2]:
        found = button.bounding_box()
        assert found is not None and found["y"] + found["height"] <= LAPTOP["height"]


@pytest.mark.parametrize(
    "path, shown", [("", False), ("services/", False), ("contact/", False), (GUIDE, True), (POST, True)]
)
def test_a_contents_column_only_on_the_guide_and_posts(laptop, base_url, path, shown):
    laptop.goto(base_url + path)
    toc = laptop.locator(".md-sidebar--secondary [data-md-component=toc]")
    assert (toc.count() > 0 and toc.first.is_visible()) is shown


@pytest.mark.parametrize("path", NOT_ARTICLES)
def test_pages_that_are_not_articles_end_with_the_firms_contact_strip(phone, base_url, path):
    firm = FIRM
    phone.goto(base_url + path)
    strip = phone.locator(".md-footer .bol-contact-strip")
    assert strip.is_visible()
    assert phone.locator(".md-footer__link").count() == 0
    assert strip.locator(f"a[href='mailto:{firm['email']}']").inner_text() == firm["email"]
    digits = "".join(c for c in firm["phone"] if c in "+0123456789")
    assert strip.locator(f"a[href='tel:{digits}']").inner_text() == firm["phone"]
    assert firm["hours"] in strip.inner_text()
    for link in strip.locator("a").all():
        found = link.bounding_box()
        assert found is not None and found["height"] >= 44 and found["width"] >= 44, link.inner_text()


@pytest.mark.parametrize("path", ARTICLES)
def test_articles_name_the_previous_and_next_page_on_a_phone(phone, base_url, path):
    phone.goto(base_url + path)
    assert phone.locator(".bol-contact-strip").count() == 0
    links = phone.locator(".md-footer__link").all()
    assert links
    for link in links:
        title = link.locator(".md-footer__title")
        assert title.is_visible()
        direction = link.locator(".md-footer__direction").inner_text().strip()
        assert len(title.inner_text().strip()) > len(direction) + 3, title.inner_text()


@pytest.mark.parametrize("path", ["", GUIDE, POST, "confidentiality/", "services/"])
def test_body_lines_hold_at_most_80_characters_on_a_laptop(laptop, base_url, path):
    laptop.goto(base_url + path)
    longest = laptop.evaluate(LONGEST_LINE)
    assert 40 < longest <= 80


def test_summaries_are_at_body_size_and_table_text_at_least_15px_on_a_phone(phone, base_url):
    phone.goto(base_url + POST)
    body = colour(phone, ".md-content article > p", "fontSize")
    assert colour(phone, ".md-content .admonition p, .md-content .admonition li", "fontSize") == body
    phone.goto(base_url + GUIDE)
    sizes = phone.evaluate("""() => [...document.querySelectorAll('.md-content table td, .md-content table th')]
        .filter(e => e.offsetParent).map(e => parseFloat(getComputedStyle(e).fontSize))""")
    assert sizes and min(sizes) >= 15


# The tap targets issue 14 names; each at least 44 × 44 CSS px on a phone.
TAP_TARGETS = [
    ("", ".md-header .md-header__button"),
    ("contact/", ".md-content a[href^='mailto:'], .md-content a[href^='tel:']"),
    ("blog/", ".md-post__action a"),
    (GUIDE, ".bol-downloads a"),
    ("", ".bol-footer-links a"),
]


@pytest.mark.parametrize("path, selector", TAP_TARGETS)
def test_tap_targets_are_at_least_44px_on_a_phone(phone, base_url, path, selector):
    phone.goto(base_url + path)
    targets = phone.locator(selector).locator("visible=true").all()
    assert targets, selector
    for target in targets:
        found = target.bounding_box()
        assert found is not None and found["width"] >= 44 and found["height"] >= 44, (target.inner_text(), found)


def test_a_tap_anywhere_on_a_checklist_row_ticks_its_box(phone, base_url):
    phone.goto(base_url + GUIDE)
    rows = phone.locator("tr[data-task]").all()
    assert rows
    for row in rows[:3]:
        row.scroll_into_view_if_needed()
        found = row.bounding_box()
        assert found is not None and found["height"] >= 44
        box_ = row.locator("input[type=checkbox]")
        assert not box_.is_checked()
        # The row's far corner, away from the box and the task's words.
        phone.mouse.click(found["x"] + found["width"] - 4, found["y"] + found["height"] - 4)
        assert box_.is_checked()
        phone.mouse.click(found["x"] + found["width"] - 4, found["y"] + found["height"] - 4)
        assert not box_.is_checked()


def test_every_page_has_either_the_previous_next_bar_or_the_contact_strip(site):
    fronts = [
        yaml.safe_load(file.read_text(encoding="utf-8").split("---")[1])
        for file in (ROOT / "docs" / "blog" / "posts").glob("*.md")
    ]
    posts = {f"blog/{front['slug']}/" for front in fronts if not front.get("draft")}
    for path in page_paths(site.site):
        page = site.page(path)
        strip = page.select(".md-footer .bol-contact-strip")
        bar = page.select(".md-footer nav.md-footer__inner")
        assert len(strip) + len(bar) == 1, path
        assert bool(bar) is (path in posts or path == GUIDE), path


SCREENSHOTS = ROOT / "reports" / "screenshots" / "frame"
# What a reader sees first (or last, scrolled to the bottom) on each kind of page.
VIEWS = [
    ("home", "", "top"),
    ("guide-top", GUIDE, "top"),
    ("post-start", POST, "top"),
    ("post-end", POST, "end"),
    ("contact", "contact/", "top"),
    ("404", "404.html", "top"),
]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("name, path, where", VIEWS)
def test_screenshots_of_the_frame_for_reviewers(browser, base_url, name, path, where, width, scheme):
    phone = width < 600
    context = browser.new_context(
        viewport={"width": width, "height": 844 if phone else 800},
        color_scheme=scheme,
        is_mobile=phone,
        has_touch=phone,
    )
    page = context.new_page()
    page.goto(base_url + path, wait_until="networkidle")
    if where == "end":
        page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
        page.wait_for_function("() => innerHeight + scrollY >= document.documentElement.scrollHeight - 1")
    expected = "slate" if scheme == "dark" else "default"
    assert page.locator("body").get_attribute("data-md-color-scheme") == expected
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    file = SCREENSHOTS / f"{name}-{width}-{scheme}.png"
    page.screenshot(path=file)
    context.close()
    # A PNG's width sits in bytes 16-20 of its header.
    assert int.from_bytes(file.read_bytes()[16:20], "big") == width


def test_the_firms_colours_are_drawn_before_any_script_runs(browser, base_url):
    # The page's first colours come from its HTML (the palette's first entry), not from
    # Material's script: no indigo header first, and no restyle when the script starts.
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url)
    header = page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")
    context.close()
    assert header == "rgb(28, 47, 79)"
