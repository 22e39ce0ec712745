"""What the browser would block is caught when the site is built (issue 22, class 3).

Every page carries a Content-Security-Policy (hooks/csp.py). Content that breaks it used to
build cleanly and then vanish in readers' browsers; now each page's HTML is read against
the same directives (macros/checks/content_policy.py) and the build stops with the page, the line
and what to do instead. SVG files in docs/ may hold no script. The preview applies the
published policy, relaxed only for its live-reload script. The Markdown editors expect
from Material (footnotes, task lists, content tabs, collapsible notes) is enabled with
output the policy allows, and the stylesheet purge keeps their styles.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import material
import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser

from conftest import ROOT, serve_folder
from hooks import csp
from macros.checks import content_policy
from test_guard_rails import built, change, checked_quickly, line_of, one_message
from test_html import nu_errors

# server is a fixture: the tests take it as an argument (F811), never use the import (F401).
from test_serve import edit, server, shows, wait_for  # noqa: F401

POST = "docs/blog/posts/virtual-legal-clerk.md"
SELF = "www.backofficelegal.com"


def found(
    html: str, src_uri: str = "blog/posts/a.md", directives: dict[str, Any] | None = None
) -> list[content_policy.Blocked]:
    return content_policy.blocked(html, directives or csp.DIRECTIVES, SELF, src_uri)


# Each: the HTML a page's Markdown gave, and words of what to do instead.
BLOCKED = {
    "a picture from another site": (
        '<img src="https://cdn.example.com/team.png" alt="team">',
        ("put the file in docs/assets/ and show it from there, such as ![what it shows](../../assets/images/team.png)"),
    ),
    "a responsive picture from another site": (
        '<img src="a.png" srcset="a.png 1x, https://cdn.example.com/a2.png 2x">',
        "the picture is on another site (cdn.example.com)",
    ),
    "a picture source from another site": (
        ('<picture><source srcset="https://cdn.example.com/a.webp"><img src="a.png"></picture>'),
        "put the file in docs/assets/",
    ),
    "a YouTube player": (
        (
            '<iframe width="560" height="315" src="https://www.youtube.com/embed/dQw4w9WgXcQ?si=x" '
            "allowfullscreen></iframe>"
        ),
        "[Watch the video on YouTube](https://www.youtube.com/watch?v=dQw4w9WgXcQ)",
    ),
    "a private YouTube player": (
        '<iframe src="https://www.youtube-nocookie.com/embed/abc123"></iframe>',
        "[Watch the video on YouTube](https://www.youtube.com/watch?v=abc123)",
    ),
    "a Vimeo player": (
        '<iframe src="https://player.vimeo.com/video/76979871?h=1"></iframe>',
        "[Watch the video on Vimeo](https://vimeo.com/76979871)",
    ),
    "another site in a frame": (
        '<iframe src="https://maps.example.com/embed?q=office"></iframe>',
        "expected a link to it: [words](https://maps.example.com/embed?q=office)",
    ),
    "a video file from another site": (
        '<video controls src="https://cdn.example.com/a.mp4"></video>',
        "put the file in docs/assets/ and link it from there",
    ),
    "a sound file from another site": (
        '<audio><source src="https://cdn.example.com/a.mp3"></audio>',
        "put the file in docs/assets/",
    ),
    "a plugin": ('<object data="../assets/brochure.pdf"></object>', "expected a link to the file"),
    "an embed": ('<embed src="../assets/brochure.pdf">', "plugins (<object>, <embed>) never load"),
    "a style attribute": ('<p style="color: red">Red</p>', "expected a class from docs/stylesheets/site.css"),
    "an aligned cell written by hand": (
        '<td style="text-align: right">3</td>',
        "the colons of the table's second line",
    ),
    "a style block": ("<style>p { color: red }</style>", "a <style> block in a page is ignored"),
    "an inline script": ("<script>alert(1)</script>", "a script written in a page never runs"),
    "a module script": ('<script type="module">alert(1)</script>', "a script written in a page never runs"),
    "a script from another site": (
        '<script src="https://cdn.example.com/widget.js"></script>',
        "a script from another site (cdn.example.com) never runs",
    ),
    "an event handler": ('<img src="a.png" onerror="alert(1)">', 'the onerror="..." attribute is a script'),
    "a javascript: link": ('<a href="javascript:alert(1)">click</a>', "a javascript: address is a script"),
    "a javascript: link in capitals": ('<a href=" JavaScript:alert(1)">click</a>', "a javascript: address"),
    "a form sending elsewhere": (
        '<form action="https://forms.example.com/send"></form>',
        "a form that sends to another site (forms.example.com) does nothing",
    ),
    "a base address": ('<base href="https://evil.example/">', "a <base> pointing elsewhere is ignored"),
    "a stylesheet from another site": (
        '<link rel="stylesheet" href="https://fonts.example.com/a.css">',
        "a stylesheet from another site is ignored",
    ),
    "a refresh to another site": (
        '<meta http-equiv="refresh" content="0; url=https://evil.example/">',
        "would send readers to https://evil.example/ without a click",
    ),
}


@pytest.mark.parametrize("html, words", BLOCKED.values(), ids=BLOCKED.keys())
def test_what_the_policy_would_block_is_found_with_what_to_do(html, words):
    problems = found(html)
    assert len(problems) == 1, problems
    assert words in problems[0].problem, problems[0].problem


@pytest.mark.parametrize(
    "html",
    [
        '<img src="../../assets/images/logo.png" alt="">',
        '<img src="data:image/png;base64,AAAA" alt="">',
        f'<img src="https://{SELF}/assets/images/logo.png" alt="">',
        '<td align="right">3</td>',
        '<script type="application/ld+json">{"@type": "Thing"}</script>',
        '<script src="../../javascripts/x.js"></script>',
        '<a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ">Watch</a>',
        '<iframe src="../../downloads/a.csv"></iframe>',
        '<form method="get" action="#which-help-tool"></form>',
        "<!-- <script>alert(1)</script> -->",
        '<details class="note"><summary>More</summary><p>Text</p></details>',
    ],
)
def test_what_the_policy_allows_passes(html):
    assert found(html) == []


def test_the_check_reads_the_policy_itself_not_a_copy():
    # Allow one host for pictures in the directives, and its pictures pass; nothing else changes.
    relaxed = {**csp.DIRECTIVES, "img-src": [*csp.DIRECTIVES["img-src"], "cdn.example.com"]}
    assert found('<img src="https://cdn.example.com/a.png">', directives=relaxed) == []
    assert found('<img src="https://other.example.com/a.png">', directives=relaxed) != []
    with_inline = {**csp.DIRECTIVES, "style-src": ["'self'", "'unsafe-inline'"]}
    assert found('<p style="color: red">x</p>', directives=with_inline) == []


# --- On a copy of the project: the build stops at the page and line ------------------------------

PAGES = {
    "a YouTube video": (
        (
            '<iframe width="560" height="315" src="https://www.youtube.com/embed/dQw4w9WgXcQ" '
            'title="YouTube video player" allowfullscreen></iframe>'
        ),
        (
            '<iframe width="560" height="315" src="https://www.youtube.com/embed...>: a video player '
            "embedded from YouTube shows as an empty box"
        ),
    ),
    "a picture from another site": (
        "![Our team](https://cdn.example.com/team.png)",
        (
            '<img alt="Our team" src="https://cdn.example.com/team.png" />: the picture is on '
            "another site (cdn.example.com) and the site's Content-Security-Policy blocks it, "
            "so readers would see nothing; put the file in docs/assets/"
        ),
    ),
    "a picture by reference": (
        "![Our team][team]\n\n[team]: https://cdn.example.com/team.png",
        "put the file in docs/assets/",
    ),
    "a style attribute from attr_list": ('Urgent.\n{ style="color: red" }', 'a style="..." attribute is ignored'),
    "a refresh in a post": (
        '<meta http-equiv="refresh" content="0; url=https://evil.example/">',
        "a refresh <meta> would send readers to https://evil.example/ without a click",
    ),
    "a script in a post": ("<script>document.title = 'x'</script>", "<script>: a script written in a page never runs"),
}


@pytest.mark.parametrize("markdown, words", PAGES.values(), ids=PAGES.keys())
def test_content_the_browser_would_block_stops_the_build_at_its_line(project, markdown, words):
    text = change(project, POST, "<!-- more -->\n", f"<!-- more -->\n\n{markdown}\n")
    message = one_message(project)
    needle = next(part for part in ("https://", "style=", "<script", "<meta") if part in markdown)
    assert message.startswith(f"{POST}, line {line_of(text, needle)}: "), message
    assert words in message, message


def test_table_alignment_is_written_without_inline_styles_and_passes_the_checker(project, build):
    change(project, POST, "<!-- more -->\n", "<!-- more -->\n\n| Task | Hours |\n|:-----|------:|\n| Research | 3 |\n")
    result = build(project)
    assert result.returncode == 0, result.output
    page = result.page("blog/virtual-legal-clerk/")
    cells = page.select("article table td")
    assert [cell.get("align") for cell in cells] == ["left", "right"]
    assert page.select("article [style]") == []
    assert nu_errors([result.site / "blog/virtual-legal-clerk/index.html"]) == {}


@pytest.mark.parametrize(
    "svg, line, words",
    [
        (
            '<svg xmlns="http://www.w3.org/2000/svg">\n<script>alert(1)</script>\n</svg>\n',
            2,
            "<script>: a <script> in a picture",
        ),
        (
            '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">\n</svg>\n',
            1,
            'the onload="..." attribute is a script',
        ),
        (
            (
                '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">\n'
                '<a xlink:href="java\tscript:alert(1)"><text>x</text></a>\n</svg>\n'
            ),
            2,
            "a javascript: address is a script",
        ),
        (
            (
                '<?xml version="1.0"?>\n<!DOCTYPE svg [\n<!ENTITY x "&#60;script&#62;alert(1)&#60;/script&#62;">\n]>\n'
                '<svg xmlns="http://www.w3.org/2000/svg">&x;</svg>\n'
            ),
            3,
            "an entity declaration could hide a script",
        ),
    ],
)
def test_an_svg_with_a_script_stops_build_and_quick_check(project, svg, line, words):
    change(project, "docs/assets/images/chart.svg", None, svg)
    for code, messages in (built(project), checked_quickly(project)):
        assert code != 0 and len(messages) == 1, messages
        assert messages[0].startswith(f"docs/assets/images/chart.svg, line {line}: ") and words in messages[0]
        assert "expected a picture without scripts" in messages[0]


def test_the_real_pictures_hold_no_script():
    pictures = list((ROOT / "docs").rglob("*.svg"))
    assert pictures
    for picture in pictures:
        assert content_policy.svg_problems(picture.read_text(encoding="utf-8")) == [], picture


# --- Markdown editors expect from Material -------------------------------------------------------

FEATURES = """## What editors write

A fact from a source.[^1]

[^1]: The source, with the date it was checked.

- [x] Send the engagement letter
- [ ] File the motion

??? note "How we keep files"
    Only on the firm's systems.

=== "Paralegal"

    Substantive legal work.

=== "Legal assistant"

    The administrative side.
"""
# What each feature looks like, as computed by the browser, in each state a reader can put it in.
LOOKS = """() => {
  const props = ['display', 'color', 'background-color', 'border-top-color', 'border-left-width', 'font-size',
                 'font-weight', 'margin-top', 'padding-left', 'transform', 'mask-image', 'content', 'width', 'height',
                 'position', 'opacity', 'visibility', 'box-shadow', 'border-radius'];
  const look = (element, pseudo) => {
    const style = getComputedStyle(element, pseudo);
    return props.map(name => `${name}=${style.getPropertyValue(name)}`).join(';');
  };
  const selectors = ['.footnote-ref', '.footnote', '.footnote li', '.task-list-item', '.task-list-indicator',
                     'details.note', 'details.note summary', '.tabbed-set', '.tabbed-labels label',
                     '.tabbed-content', '.tabbed-block'];
  const out = {};
  for (const selector of selectors) {
    document.querySelectorAll('article ' + selector).forEach((element, index) => {
      for (const pseudo of [null, '::before', '::after']) {
        out[`${selector}[${index}]${pseudo || ''}`] = look(element, pseudo);
      }
    });
  }
  return out;
}"""


@pytest.fixture
def features_site(project, build):
    """The site with a post using footnotes, a task list, a collapsed note and content tabs."""
    change(project, POST, "<!-- more -->\n", f"<!-- more -->\n\n{FEATURES}\n")
    result = build(project)
    assert result.returncode == 0, result.output
    return result


def test_footnotes_task_lists_notes_and_tabs_are_published_as_markup(features_site):
    article = features_site.page("blog/virtual-legal-clerk/").select_one("article")
    assert article.select_one("sup a.footnote-ref") and article.select_one(".footnote li")
    assert len(article.select(".task-list-item input[type=checkbox][disabled]")) == 2
    assert article.select_one("details.note:not([open]) > summary").get_text(strip=True) == "How we keep files"
    assert [label.get_text(strip=True) for label in article.select(".tabbed-set .tabbed-labels label")] == [
        "Paralegal",
        "Legal assistant",
    ]
    assert article.select("[style]") == [] and "???" not in article.get_text() and "[^1]" not in article.get_text()
    assert nu_errors([features_site.site / "blog/virtual-legal-clerk/index.html"]) == {}


def test_their_styles_survive_the_stylesheet_purge_in_every_state(features_site, browser: Browser, tmp_path):
    # The same page twice: with the purged stylesheets the build wrote, and with Material's own.
    site = features_site.site
    full = tmp_path / "full"
    shutil.copytree(site, full)
    original = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
    page_file = full / "blog/virtual-legal-clerk/index.html"
    html = page_file.read_text(encoding="utf-8")
    for kind in ("main", "palette"):
        source = next(original.glob(f"{kind}.*.min.css"))
        shutil.copy(source, full / "assets/stylesheets" / source.name)
        html = re.sub(rf"assets/stylesheets/{kind}\.[0-9a-f]+\.min\.css", f"assets/stylesheets/{source.name}", html)
    page_file.write_text(html, encoding="utf-8")

    def looks(folder: Path) -> list[dict[str, Any]]:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="light")
        page = context.new_page()
        violations: list[str] = []
        page.on("console", lambda message: violations.append(message.text) if message.type == "error" else None)
        try:
            with serve_folder(folder) as url:
                page.goto(url + "blog/virtual-legal-clerk/")
                page.wait_for_load_state("networkidle")
                states = [page.evaluate(LOOKS)]
                page.locator("article details.note summary").click()  # the reader opens the note
                page.wait_for_timeout(1000)  # its arrow turns, its outline fades
                states.append(page.evaluate(LOOKS))
                page.locator("article .tabbed-labels label").nth(1).click()  # and the second tab
                page.wait_for_timeout(1000)  # Material's tab indicator slides
                states.append(page.evaluate(LOOKS))
        finally:
            context.close()
        assert violations == [], violations
        return states

    purged, whole = looks(site), looks(full)
    assert len(purged[0]) > 30
    for state, (kept, everything) in enumerate(zip(purged, whole, strict=True)):
        lost = {key: (kept[key], everything[key]) for key in everything if kept.get(key) != everything[key]}
        assert lost == {}, f"state {state}: {lost}"


# --- The preview applies the same policy ---------------------------------------------------------


def test_the_preview_applies_the_published_policy_with_only_live_reload_added(server, project, browser):  # noqa: F811
    served = server.get()
    meta = BeautifulSoup(served, "html.parser").find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert meta is not None, served
    script_src = re.findall(r"script-src ([^;]*)", str(meta["content"]))[0].split()
    reload_script = re.findall(r"<script>(\nvar livereload.*?)</script></body>", served, re.DOTALL)[0]
    assert csp.source_hash(reload_script) in script_src
    assert "'unsafe-inline'" not in script_src and "'self'" in script_src
    # In a browser: no violation, and an edit still reloads the open page by itself.
    page = browser.new_page()
    try:
        page.add_init_script(
            "window.__violations = []; document.addEventListener('securitypolicyviolation', "
            "e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));"
        )
        page.goto(server.url + "paralegal-vs-legal-assistant/")
        page.wait_for_load_state("load")
        assert page.evaluate("window.__violations") == []
        page.evaluate("window.__before_reload = true")
        edit(project / "data/comparison.yml", "Interview witnesses\n", "Take statements from witnesses\n")
        page.get_by_text("Take statements from witnesses").first.wait_for(timeout=60_000)
        assert page.evaluate("window.__before_reload === undefined")  # a new page: it reloaded
        assert page.evaluate("window.__violations") == []
    finally:
        page.close()


def test_the_preview_refuses_what_the_browser_would_block(server, project):  # noqa: F811 (the fixture)
    edit(project / POST, "<!-- more -->\n", "<!-- more -->\n\n![Our team](https://cdn.example.com/team.png)\n")
    wait_for(shows(server, "put the file in docs/assets/"), "the message in place of the page")
