"""The stylesheet purge (hooks/lean_assets.py) proved on a site with every feature turned on.

The purge drops Material's rules whose selectors name something no built page and no
script string holds. What it cannot see is markup a script builds at run time in ways its
strings do not spell out. So one site turns on every Material feature and Markdown
extension this site enables or might enable (content tabs that overflow a phone's width,
repository facts, every kind of note, collapsible notes, task lists, footnotes, code
annotations and copy buttons, tooltips, search with sharing and suggestions, breadcrumbs,
a paginated blog...), Chromium drives its pages through their interactive states, and in
every state no selector the purge dropped may match any element.

Left out: extensions that load scripts from other sites (Mermaid diagrams, MathJax), and
emoji such as :smile:, which the emoji extension shows as pictures from a CDN (icons are
drawn inline): the site's privacy rules and its Content-Security-Policy forbid both, and
the build refuses such a picture (macros/checks/content_policy.py). Also the consent banner,
versions (mike) and the tags plugin, which need settings this site has no use for.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import material
import pytest
import tinycss2
from playwright.sync_api import Browser, Page, Route

from bench_sites import add_posts
from conftest import Build, build_site, copy_project, page_paths, serve_folder
from hooks import lean_assets

SHIPPED = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
SPECIMEN = "specimen/"
PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
REPOSITORY = "https://github.com/backofficelegal/website"

FEATURES = [
    "announce.dismiss",
    "content.action.edit",
    "content.action.view",
    "content.code.annotate",
    "content.code.copy",
    "content.code.select",
    "content.footnote.tooltips",
    "content.tabs.link",
    "content.tooltips",
    "header.autohide",
    "navigation.expand",
    "navigation.indexes",
    "navigation.path",
    "navigation.prune",
    "navigation.sections",
    "navigation.tabs.sticky",
    "search.share",
]
EXTENSIONS = """
  - abbr
  - def_list
  - footnotes
  - pymdownx.betterem
  - pymdownx.caret
  - pymdownx.critic
  - pymdownx.details
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
      emoji_generator: !!python/name:material.extensions.emoji.to_svg
  - pymdownx.highlight:
      anchor_linenums: true
      line_spans: __span
      pygments_lang_class: true
  - pymdownx.inlinehilite
  - pymdownx.keys
  - pymdownx.mark
  - pymdownx.smartsymbols
  - pymdownx.tabbed:
      alternate_style: true
  - pymdownx.tasklist:
      custom_checkbox: true
      clickable_checkbox: true
  - pymdownx.tilde
"""
KINDS = [
    "note",
    "abstract",
    "info",
    "tip",
    "success",
    "question",
    "warning",
    "failure",
    "danger",
    "bug",
    "example",
    "quote",
]


def specimen() -> str:
    """A page that uses every piece of syntax the extensions above give editors."""
    notes = "\n".join(
        f'!!! {kind} "A {kind}"\n\n    Text of the {kind}.\n\n'
        f'??? {kind} "A closed {kind}"\n\n    Hidden text.\n\n'
        f"???+ {kind}\n\n    Open text.\n"
        for kind in KINDS
    )
    tabs = "\n".join(f'=== "A long tab label number {n}"\n\n    Content of tab {n}.\n' for n in range(1, 13))
    return f"""---
title: Specimen
description: Every piece of syntax the site's extensions allow, on one page, to prove the stylesheet purge.
---

# Specimen

Text with a footnote[^1], an abbreviation (HTML), ==marked==, ^^inserted^^, ~~deleted~~,
{{++added++}} {{--removed--}} {{~~old~>new~~}} {{==highlighted==}}{{>>comment<<}}, keys ++ctrl+alt+del++,
H~2~O, x^2^, :material-account: :fontawesome-brands-github:, `#!python print("hi")`,
(c) --> and a [link with a tooltip](#tabs "A tooltip").

*[HTML]: Hyper Text Markup Language

[^1]: The footnote's text.

## Notes

{notes}

## Tabs

{tabs}

=== "Short"

    One.

=== "Other"

    Two.

## Lists

- [x] Done
- [ ] To do
    - [x] Nested

Term
:   Its definition.

1. One
2. Two

## Code

``` python title="example.py" linenums="1" hl_lines="2"
def greet(name):  # (1)!
    return f"Hello {{name}}"
```

1.  An annotation, with **bold** text.

```console
$ make test
```

## Grids and buttons

<div class="grid cards" markdown>

-   :material-clock-fast: __Fast__

    ---

    A card.

-   __Second__

    Another card.

</div>

<div class="grid" markdown>

!!! note "In a grid"

    Text.

| A table | in a grid |
| --- | --- |
| 1 | 2 |

</div>

[A button](#code){{ .md-button }} [A primary button](#code){{ .md-button .md-button--primary }}

<figure markdown="span">
  ![A picture](assets/images/editorial-team.svg){{ width="100" }}
  <figcaption>A caption</figcaption>
</figure>

> A quotation.

##### A fifth-level heading

###### A sixth-level heading

---
"""


def with_every_feature(project: Path) -> None:
    """Turn on every feature and extension in the project's mkdocs.yml, add the specimen page and blog posts."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace(
        "site_author: Back Office Legal\n",
        f"site_author: Back Office Legal\nrepo_url: {REPOSITORY}\nrepo_name: backofficelegal/website\n"
        "edit_uri: edit/main/docs/\n",
        1,
    )
    features = "".join(f"    - {feature}\n" for feature in FEATURES)
    text = text.replace("  features:\n", "  features:\n" + features, 1)
    text = text.replace("markdown_extensions:\n", "markdown_extensions:" + EXTENSIONS, 1)
    text = text.replace("  - Contact: contact.md\n", "  - Contact: contact.md\n  - Specimen: specimen.md\n", 1)
    assert text.count("repo_url") == 1 and "pymdownx.tabbed" in text and "specimen.md" in text, text
    config.write_text(text, encoding="utf-8")
    (project / "docs" / "specimen.md").write_text(specimen(), encoding="utf-8")
    add_posts(project, 24)  # three pages of the blog's index, and pages for each category


@pytest.fixture(scope="module")
def every_feature(tmp_path_factory: pytest.TempPathFactory) -> Build:
    project = copy_project(tmp_path_factory.mktemp("every-feature") / "project")
    with_every_feature(project)
    result = build_site(project, project.parent / "site")
    assert result.returncode == 0, result.output
    return result


# --- The selectors the purge dropped ---------------------------------------------------------


def selectors(css: str) -> set[str]:
    """Every selector of every style rule of a stylesheet, inside @media and @supports too."""
    found: set[str] = set()

    def walk(rules: Iterable[Any]) -> None:
        for rule in rules:
            if rule.type == "qualified-rule":
                found.update(tinycss2.serialize(part).strip() for part in lean_assets.split_list(rule.prelude))
            elif rule.type == "at-rule" and rule.lower_at_keyword in lean_assets.GROUPING and rule.content:
                walk(tinycss2.parse_blocks_contents(rule.content))

    walk(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True))
    return {selector for selector in found if selector}


ANY = ":is(*)"  # what a left-out condition becomes: any element
KEPT_FUNCTIONS = {"is", "where", "has", "matches"}


def structural(tokens: list[Any]) -> str:
    """A selector with every condition that is no name (hover, focus, :not(), nth-child,
    pseudo-elements) replaced by "any element": it matches wherever the names it requires are,
    in any state, which is what the purge decides on."""
    out: list[str] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type == "literal" and token.value == ":":
            following = tokens[index + 1] if index + 1 < len(tokens) else None
            if following is not None and following.type == "literal" and following.value == ":":
                index += 1  # "::": a pseudo-element
                following = tokens[index + 1] if index + 1 < len(tokens) else None
            if following is not None and following.type == "function" and following.lower_name in KEPT_FUNCTIONS:
                out.append(f":{following.name}({structural(following.arguments)})")
            else:
                out.append(ANY)
            index += 2
            continue
        out.append(token.serialize())
        index += 1
    return "".join(out)


def purged_selectors(site: Path) -> dict[str, str]:
    """Each selector of Material's stylesheets that the built site's copies lack, as written and as
    checked in a page (structural). Left out: the colour-switching rule, dropped on purpose."""
    dropped: dict[str, str] = {}
    for kind in ("main", "palette"):
        (shipped,) = SHIPPED.glob(f"{kind}.*.min.css")
        (built,) = (site / "assets" / "stylesheets").glob(f"{kind}.*.min.css")
        kept = selectors(built.read_text(encoding="utf-8"))
        for selector in selectors(shipped.read_text(encoding="utf-8")) - kept:
            if not any(name in selector for name in lean_assets.UNWANTED):
                dropped[selector] = structural(list(tinycss2.parse_component_value_list(selector)))
    return dropped


def test_a_selector_is_checked_by_the_names_it_requires_in_any_state():
    def check(selector: str) -> str:
        return structural(list(tinycss2.parse_component_value_list(selector)))

    assert check(".md-typeset .tabbed-control--prev:hover::before") == ".md-typeset .tabbed-control--prev:is(*):is(*)"
    assert check(".a:not(.b)>li:nth-child(2n+1)") == ".a:is(*)>li:is(*)"
    assert check(".md-typeset :is(.note,.tip)>.x") == ".md-typeset :is(.note,.tip)>.x"
    assert check("[data-md-toggle=search]:checked~.md-header") == "[data-md-toggle=search]:is(*)~.md-header"


# --- Driving the pages -------------------------------------------------------------------------

FIND = """selectors => selectors.filter(([written, check]) => {
    try { return document.querySelector(check) !== null } catch (error) { return false }
}).map(([written]) => written)"""
INVALID = """selectors => selectors.filter(([written, check]) => {
    try { document.querySelector(check); return false } catch (error) { return true }
}).map(([written]) => written)"""


class Checker:
    """Checks, in each state a page is driven into, that no dropped selector matches."""

    def __init__(self, dropped: dict[str, str]) -> None:
        self.pairs = list(dropped.items())
        self.matched: dict[str, str] = {}
        self.states: list[str] = []

    def __call__(self, page: Page, state: str) -> None:
        page.wait_for_timeout(150)  # transitions and script reactions
        for selector in page.evaluate(FIND, self.pairs):
            self.matched.setdefault(selector, state)
        self.states.append(state)


def fake_github(route: Route) -> None:
    """GitHub's API, as Material's script asks it for the repository facts (offline)."""
    if route.request.url.endswith("/releases/latest"):
        route.fulfill(json={"tag_name": "v1.2.3"})
    else:
        route.fulfill(json={"stargazers_count": 1234, "forks_count": 56})


def visit(browser: Browser, url: str, device: dict[str, Any]) -> Iterator[Page]:
    context = browser.new_context(**device, bypass_csp=True)  # the facts come from api.github.com
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    context.route("https://api.github.com/**", fake_github)
    page = context.new_page()
    page.goto(url)
    try:
        yield page
    finally:
        context.close()


def scroll_tab_strip(page: Page) -> bool:
    """Scroll the first strip of tab labels halfway; whether its "previous" control then shows
    (on a phone, where the labels overflow)."""
    page.locator(".tabbed-labels").first.evaluate("strip => strip.scrollLeft = strip.scrollWidth / 2")
    page.wait_for_timeout(300)
    return page.locator(".tabbed-control--prev:not([hidden])").count() > 0


def drive_specimen(page: Page, check: Checker, device: str) -> dict[str, bool]:
    """The specimen page through its states; which hard-to-reach states were seen."""
    seen = {}
    check(page, f"specimen loaded ({device})")
    page.locator(".md-source__fact--stars").first.wait_for(state="attached")
    seen["repository facts"] = page.locator(".md-source__fact--stars").count() > 0
    check(page, f"repository facts ({device})")
    # Content tabs: each label, then the scroll controls of a strip that overflows.
    for label in page.locator(".tabbed-labels > label").all():
        if label.is_visible():
            label.click()
    check(page, f"every tab chosen ({device})")
    seen["tab scroll controls"] = scroll_tab_strip(page)
    check(page, f"tab strip scrolled ({device})")
    controls = page.locator(".tabbed-control:not([hidden]) > .tabbed-button")
    for _ in range(2):  # one press may hide a control (the strip reached its end)
        if controls.count():
            controls.first.dispatch_event("click")
            page.wait_for_timeout(300)
    check(page, f"tab scroll buttons pressed ({device})")
    # Collapsible notes, task list checkboxes, footnote and link tooltips, code annotations.
    closed = page.locator("details:not([open]) > summary")
    while closed.count():
        closed.first.click()
    check(page, f"every note opened ({device})")
    page.locator(".task-list-control").first.dispatch_event("click")
    check(page, f"a task ticked ({device})")
    if device == "desktop":
        shown = 0
        for target in (".footnote-ref", "abbr", "a[title]", ".md-source"):
            page.locator(target).first.hover()
            page.wait_for_timeout(600)
            shown += page.locator(".md-tooltip2--active, .md-tooltip--active").count()
            check(page, f"hover on {target} ({device})")
        seen["tooltips"] = shown >= 4
    page.locator(".md-code__button[data-md-type=copy]").first.click(force=True)
    page.wait_for_timeout(300)
    seen["copied dialog"] = page.locator(".md-dialog--active").count() > 0
    check(page, f"code copied ({device})")
    page.locator(".md-code__button[data-md-type=select]").first.click(force=True)
    page.locator(".md-code__content > span[id]").first.click(force=True)
    check(page, f"code lines selected ({device})")
    page.locator(".md-annotation__index").first.click(force=True)
    check(page, f"code annotation open ({device})")
    # Scrolling: the header's title, its hiding, the back-to-top button, the contents' tracking.
    page.mouse.wheel(0, 4000)
    page.wait_for_timeout(400)
    check(page, f"scrolled down ({device})")
    page.mouse.wheel(0, -600)
    page.wait_for_timeout(400)
    seen["back to top"] = page.locator(".md-top:not([hidden])").count() > 0
    check(page, f"scrolled up a little ({device})")
    return seen


def drive_frame(page: Page, check: Checker, device: str, where: str) -> None:
    """What every page has: the menu, search (results, none, sharing), the colour scheme."""
    if device == "phone":
        page.locator(".md-header__button[for='__drawer']").click()
        for toggle in page.locator(".md-nav__toggle ~ label.md-nav__link").all()[:3]:
            if toggle.is_visible():
                toggle.click()
        check(page, f"menu open on {where} ({device})")
        page.evaluate("() => document.getElementById('__drawer').click()")  # closes the menu
        page.locator(".md-header__button[for='__search']").click()
    else:
        page.keyboard.press("/")
    page.keyboard.type("billing")
    page.locator(".md-search-result__item").first.wait_for()
    check(page, f"search results on {where} ({device})")
    page.keyboard.type(" zzzqqq")
    page.wait_for_timeout(300)
    check(page, f"search without results on {where} ({device})")
    page.keyboard.press("Escape")
    for _ in range(3):
        page.locator("form[data-md-component=palette] label:not([hidden])").first.evaluate("label => label.click()")
        check(page, f"colour scheme switched on {where} ({device})")


@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_no_rule_the_purge_dropped_matches_anything_on_a_site_with_every_feature(every_feature, browser, device):
    dropped = purged_selectors(every_feature.site)
    assert len(dropped) > 150, "the purge dropped almost nothing: the check would prove little"
    check = Checker(dropped)
    settings = PHONE if device == "phone" else DESKTOP
    seen: dict[str, bool] = {}
    try:
        with serve_folder(every_feature.site) as url:
            for path in page_paths(every_feature.site):
                for page in visit(browser, url + path, settings):
                    check(page, f"{path or 'home'} ({device})")
            for page in visit(browser, url + SPECIMEN, settings):
                assert page.evaluate(INVALID, check.pairs) == []
                seen = drive_specimen(page, check, device)
                drive_frame(page, check, device, "the specimen")
            for page in visit(browser, url + SPECIMEN + "?h=tab", settings):
                page.locator("mark[data-md-highlight]").first.wait_for()
                check(page, f"search words highlighted ({device})")
            for page in visit(browser, url + "blog/", settings):
                drive_frame(page, check, device, "the blog")
    finally:
        # First, even if driving failed later (a page without its styles can misbehave).
        assert check.matched == {}, json.dumps(check.matched, indent=1)
    assert all(seen.values()), seen  # the states where a wrong purge shows were reached


def test_the_check_sees_a_purge_that_drops_a_rule_a_script_needs(every_feature, browser, tmp_path):
    # Without the shapes of names (tabbed-control--${e}), the purge dropped the tab strip's
    # scroll controls; the same check, on a site purged that way, names them.
    site = tmp_path / "site"
    shutil.copytree(every_feature.site, site)
    (main,) = (site / "assets" / "stylesheets").glob("main.*.min.css")
    css = main.read_text(encoding="utf-8")
    without = re.sub(r"[^{}]*tabbed-control--(?:prev|next)[^{}]*\{[^{}]*\}", "", css)
    assert without != css
    main.write_text(without, encoding="utf-8")
    check = Checker(purged_selectors(site))
    with serve_folder(site) as url:
        for page in visit(browser, url + SPECIMEN, PHONE):
            assert scroll_tab_strip(page)
            check(page, "tab strip scrolled")
    assert any("tabbed-control--" in selector for selector in check.matched), check.matched
