"""The Content-Security-Policy (hooks/csp.py): only the site's own files and the theme's
inline scripts run, everything still works, and a script pasted into a post does not."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, BrowserContext, Page

from conftest import page_paths, serve_folder
from hooks import csp

GUIDE = "paralegal-vs-legal-assistant/"
# Records every violation the browser reports, from the first moment of each page.
LISTEN = """window.__violations = [];
document.addEventListener('securitypolicyviolation', e => window.__violations.push(
    `${e.violatedDirective} ${e.blockedURI} ${e.sample}`));"""


# The policy's parts, without a browser.


def test_a_hash_is_the_one_the_browser_expects():
    # Chromium's console, for this script blocked by a policy, asks for exactly this hash.
    assert csp.source_hash("alert(1)") == "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"
    # The text is hashed as UTF-8, every character and space of it.
    assert csp.source_hash("x='é'") != csp.source_hash("x='e'") != csp.source_hash(" x='e'")


PAGE = """<!doctype html><html><head><meta charset="utf-8"><script>theme()</script>
<script type="application/ld+json">{"@type": "Thing"}</script><style>p{}</style></head><body>
<div class="md-content"><div><script>pasted()</script></div><style>pasted{}</style>
<script type="module">alsoPasted()</script></div>
<script src="bundle.js"></script><script type="text/javascript">themeToo()</script></body></html>"""


def test_only_the_themes_executable_inline_scripts_and_styles_are_found():
    assert csp.theme_inline(PAGE) == (["theme()", "themeToo()"], ["p{}"])


@pytest.mark.parametrize(
    "page",
    [
        PAGE,
        # A head script naming .md-content, a script closed in capitals, a comment holding the
        # opening of .md-content, a .md-content never closed, one opened otherwise than Material
        # opens it: the quick reading (by Material's own markers) gives the token-by-token answer.
        PAGE.replace("theme()", "x='md-content'"),
        PAGE.replace("<script>theme()</script>", "<script>theme()</SCRIPT>"),
        PAGE.replace("<style>p{}</style>", '<!-- <div class="md-content"> --><style>p{}</style>'),
        PAGE.replace('<script type="module">alsoPasted()</script></div>', ""),
        PAGE.replace('<div class="md-content">', "<DIV CLASS='md-content'>"),
        PAGE.replace("</body>", "<!-- unclosed <script>late()</script></body>"),
    ],
)
def test_the_quick_reading_of_a_page_agrees_with_reading_it_token_by_token(page):
    assert csp.theme_inline(page) == csp._tokenized(page)
    assert "pasted()" not in csp.theme_inline(page)[0]


def test_html_from_markdown_is_never_the_themes_even_if_it_closes_md_content():
    # A post that closes Material's <div>s early puts its script outside .md-content; it is
    # still content, recognised by its own HTML, so it gets no hash.
    escaped = "</div></div><script>escaped()</script><div><div>"
    page = PAGE.replace("<script>pasted()</script>", escaped)
    assert "escaped()" in csp.theme_inline(page)[0]  # what the first guard alone would allow
    assert csp.theme_inline(page, [escaped]) == (["theme()", "themeToo()"], ["p{}"])


def test_the_policy_allows_the_site_itself_and_the_given_inline_code_only():
    value = csp.policy(["theme()"], [])
    directives = dict(part.split(" ", 1) for part in value.split("; "))
    assert directives["script-src"] == "'self' " + csp.source_hash("theme()")
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["base-uri"] == directives["form-action"] == directives["default-src"] == "'self'"
    assert "unsafe" not in value and "frame-ancestors" not in value


def test_the_policy_is_written_before_any_script():
    page = csp.with_policy(PAGE)
    assert page.index('http-equiv="Content-Security-Policy"') < page.index("<script")
    assert page.index("<meta charset") < page.index('http-equiv="Content-Security-Policy"')


def test_the_preview_allows_only_the_live_reload_script_it_adds():
    # `mkdocs serve` adds its own inline live-reload script to each page as it serves it, with a
    # new number each time: the served page's policy gets that script's hash, and no other.
    from mkdocs.livereload import LiveReloadServer

    page = csp.with_policy(PAGE)
    # Called on the class: the method reads nothing of the server it belongs to.
    served = LiveReloadServer._inject_js_into_html(None, page.encode(), 17).decode()  # type: ignore[arg-type]
    allowed = csp.with_live_reload(served)
    found = re.search(r"<script>(\nvar livereload.*?)</script></body>", served, re.DOTALL)
    assert found, served
    reload_script = found.group(1)
    before = policy_of(BeautifulSoup(page, "html.parser"))
    after = policy_of(BeautifulSoup(allowed, "html.parser"))
    assert set(after["script-src"]) == {*before["script-src"], csp.source_hash(reload_script)}
    assert {name: values for name, values in after.items() if name != "script-src"} == {
        name: values for name, values in before.items() if name != "script-src"
    }
    # A page without MkDocs' exact script (a look-alike in content included) gains nothing.
    fake = page.replace("</body>", "<script>livereload(1, 2);</script></body>")
    assert csp.with_live_reload(fake) == fake


# The built site.


def policy_of(soup: BeautifulSoup) -> dict[str, list[str]]:
    """A page's Content-Security-Policy, directive by directive."""
    metas = soup.find_all("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert len(metas) == 1
    return {name: sources for name, *sources in (part.split() for part in str(metas[0]["content"]).split(";"))}


def test_every_page_carries_a_strict_policy_before_any_script(site):
    paths = page_paths(site.site)
    assert len(paths) >= 12
    for path in paths:
        soup = site.page(path)
        directives = policy_of(soup)
        sources = [source for name, values in directives.items() for source in values if name != "form-action"]
        # Only this site, inline code by hash, data: images (the tab icon): no other origin.
        assert all(re.fullmatch(r"'self'|'none'|'sha256-[A-Za-z0-9+/]{43}='|data:", s) for s in sources), path
        # Forms send to this site, or (the contact page's request, with no form endpoint set) write an email.
        assert directives["form-action"] == ["'self'", "mailto:"], path
        assert len(directives["script-src"]) >= 4, path  # 'self' and the theme's three or more scripts
        assert directives["object-src"] == ["'none'"] and directives["base-uri"] == ["'self'"], path
        head = str(soup.head)
        assert head.index("Content-Security-Policy") < head.index("<script"), path
        assert soup.find("meta", attrs={"name": "referrer"})["content"] == "same-origin", path


@pytest.fixture
def watched(browser: Browser) -> Iterator[tuple[BrowserContext, Page, list[str]]]:
    """A tab that records policy violations (in the page) and console errors (here)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="light")
    context.add_init_script(LISTEN)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield context, page, errors
    context.close()


def test_no_page_reports_a_violation_or_a_console_error(watched, site, base_url):
    _, page, errors = watched
    problems = {}
    for path in page_paths(site.site):
        errors.clear()
        page.goto(base_url + path)
        page.wait_for_load_state("networkidle")  # not search: its files load when used, below
        if found := page.evaluate("window.__violations") + errors:
            problems[path] = found
    assert problems == {}


def test_search_the_colour_toggle_the_checklist_and_feeds_work_under_the_policy(watched, base_url):
    _, page, errors = watched
    page.goto(base_url)
    # Search: Material's worker loads the index and answers.
    page.keyboard.press("/")
    page.keyboard.type("billing")
    page.locator(".md-search-result__item").first.wait_for()
    page.keyboard.press("Escape")
    # The colour toggle: Material's inline scripts keep the choice (with __md_set).
    before = page.locator("body").get_attribute("data-md-color-scheme")
    page.locator("form[data-md-component=palette] label:not([hidden])").click()
    page.locator("form[data-md-component=palette] label:not([hidden])").click()
    assert page.locator("body").get_attribute("data-md-color-scheme") != before
    assert page.evaluate("__md_get('__palette')")["color"]["scheme"] == "slate"
    # The feeds, fetched as a reader's feed reader or the page itself would.
    statuses = page.evaluate("""() => Promise.all(['feed_rss_created.xml', 'feed_json_created.json']
        .map(name => fetch(name).then(response => response.status)))""")
    assert statuses == [200, 200]
    # The checklist: ticking a task shows the answer.
    page.goto(base_url + GUIDE)
    page.check("#task-p-research")
    page.locator(".bol-answer").wait_for()
    assert "research" in page.locator(".bol-answer-tasks").inner_text().lower()
    assert page.evaluate("window.__violations") == [] and errors == []


def test_a_hashed_script_runs_in_the_browser(watched, tmp_path):
    # The browser's own check of source_hash(): a script allowed by its hash alone runs.
    _, page, _ = watched
    script = "window.__ran = 'café, ok'"
    (tmp_path / "index.html").write_text(
        csp.with_policy(
            f'<!doctype html><html><head><meta charset="utf-8"><script>{script}</script></head><body></body></html>'
        ),
        encoding="utf-8",
    )
    with serve_folder(tmp_path) as url:
        page.goto(url)
        assert page.evaluate("window.__ran") == "café, ok"
        assert page.evaluate("window.__violations") == []


def test_a_script_that_reached_a_page_anyway_does_not_run(watched, project, build):
    # The build refuses a script in a page (tests/test_content_policy.py); if one reached a
    # page anyway (written into the built file, say), the policy still keeps it from running.
    result = build(project)
    assert result.returncode == 0, result.output
    pasted = '<script>window.__pwned = 1</script><img src="x" alt="" onerror="window.__pwned = 2">'
    for path in ("blog/lawyer-burnout/index.html", "blog/index.html"):
        page = result.site / path
        html = page.read_text(encoding="utf-8")
        page.write_text(
            re.sub(r'(<div class="md-content[^>]*>)', lambda m: m.group(1) + pasted, html, count=1), encoding="utf-8"
        )
    _, page, _ = watched
    with serve_folder(result.site) as url:
        for path in ("blog/lawyer-burnout/", "blog/"):
            page.goto(url + path)
            page.wait_for_load_state("networkidle")
            assert page.locator(".md-content script").count() >= 1, path  # it is there...
            assert page.evaluate("window.__pwned") is None, path  # ...and it did not run
            violations = " ".join(page.evaluate("window.__violations"))
            assert "script-src-elem inline" in violations and "script-src-attr inline" in violations, path
