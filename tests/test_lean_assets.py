"""hooks/lean_assets.py: Material's stylesheets keep the rules the site can match; ours lose only comments."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import material
import pytest
import tinycss2

from conftest import ROOT, build_site, serve_folder
from hooks import lean_assets

PAGE = """<html class="no-js"><body data-md-color-scheme="default" data-md-color-primary="custom">
<div class="md-typeset admonition note" id="__main"><p title='a > b'>Text</p><table></table></div>
<input type="checkbox" data-md-toggle="search"></body></html>"""
SCRIPT = """e.classList.add("md-tooltip--active");b.setAttribute("data-md-color-switching","");
let t=`<mark class="hit">${x}</mark>`;/* "md-comment-only" */"""


@pytest.fixture(scope="module")
def names() -> lean_assets.Names:
    names = lean_assets.markup_names(PAGE)
    names.update(lean_assets.script_names(SCRIPT))
    return names


def kept(css: str, names: lean_assets.Names) -> bool:
    return lean_assets.purge(css, names) != ""


def test_a_page_gives_its_classes_ids_elements_attributes_and_values():
    names = lean_assets.markup_names(PAGE)
    assert {"md-typeset", "admonition", "note", "no-js"} <= names.classes
    assert names.ids == {"__main"}
    assert {"html", "body", "div", "p", "table", "input"} <= names.tags
    assert {"data-md-color-scheme", "data-md-toggle", "title", "type"} <= names.attributes
    assert {"default", "custom", "checkbox", "search"} <= names.values
    # A quoted ">" inside an attribute does not end the tag: the next attribute still counts.
    assert "md-x" in lean_assets.markup_names('<p title="a > b" class="md-x">').classes


# Text where reading a tag up to its first ">" is not the whole tag, or takes what is no tag.
TRICKY = [
    '<p title="a > b" class="md-x">',
    "<a title='x>' class=\"md-y\"><b>",
    '<script>if (a <b && c > d) {}</script><i class="md-z">',
    '<a title="unclosed><span class="md-w">',
    '<em data-x=\'"\'><strong id="s">',
    '<div\nclass="md-v"\n>',
]


@pytest.mark.parametrize("html", TRICKY)
def test_tags_read_to_their_first_end_are_the_whole_tags_or_the_page_is_read_again(html):
    whole = set(lean_assets._WHOLE_TAG.findall(html))
    assert lean_assets.start_tags(html) == whole
    # With the page's other tags already known (read on earlier pages), still the same.
    known = {tag for tag in set(lean_assets._TAG_TO_FIRST_END.findall(html)) if tag in whole}
    assert lean_assets.start_tags(html, known) - known == whole - known
    assert lean_assets.markup_names(html, set()) == lean_assets.markup_names(html)


def test_a_script_gives_the_words_of_its_strings_only():
    words = lean_assets.script_names(SCRIPT).words
    assert {"md-tooltip--active", "mark", "class", "hit"} <= words
    assert "classList" not in words  # code, not a string
    # Quoted words in a comment count too: a rule kept for nothing costs a few bytes, a rule
    # dropped by mistake costs a broken page.
    assert "md-comment-only" in words


@pytest.mark.parametrize(
    "css",
    [
        ".note{color:red}",  # a class on a page
        ".md-typeset .note>p{color:red}",
        "#__main{color:red}",
        "table{color:red}",
        ".md-tooltip--active{opacity:1}",  # a class only a script adds
        ".md-typeset mark{color:red}",  # an element only a script writes
        ".nowhere:not(.note), .note{color:red}",  # one selector of the list is enough
        ".note:not(.nowhere){color:red}",  # :not() requires nothing
        ".md-typeset :is(.nowhere,.note)>p{color:red}",  # one alternative of :is() is enough
        "[data-md-color-scheme=default]{--x:1}",
        '[data-md-color-primary="custom"]{--x:1}',
        "[data-md-toggle=search]:checked~.x, [type=checkbox]{color:red}",
        "@media screen{.note{color:red}}",
        "@keyframes spin{from{opacity:0}to{opacity:1}}",  # kept whole
        "*{box-sizing:border-box}",
        ":root{--x:1}",
        "p:hover, p::before{color:red}",  # pseudo-classes and pseudo-elements require nothing
    ],
)
def test_rules_that_can_match_are_kept(css, names):
    assert kept(css, names), css


@pytest.mark.parametrize(
    "css",
    [
        ".tabbed-set{color:red}",  # a feature the site never uses
        ".md-typeset .note .tabbed-labels{color:red}",  # every class is needed, not one
        "#nowhere{color:red}",
        ".md-typeset :is(.bug,.danger)>.admonition-title{color:red}",  # no alternative is here
        "[dir=rtl] .note{color:red}",  # no page has a dir attribute
        "[data-md-color-primary=indigo]{--x:1}",  # the attribute is here, not this value
        "@media print{.md-annotation{display:none}}",
        "@supports (display:grid){@media screen{.nowhere{color:red}}}",
        ".md-comment-only-not{color:red}",
        # Material's script sets it on every load; the rule would restyle the page twice.
        "[data-md-color-switching] *,[data-md-color-switching] :after{transition-duration:0s!important}",
        "kbd{color:red}",
        "table td{color:red}",  # the table is there, a cell is not
    ],
)
def test_rules_nothing_can_match_go(css, names):
    assert not kept(css, names), css


def test_kept_rules_keep_their_whole_selector_list_and_declarations(names):
    css = ".nowhere,.note{color:red;background:url(data:image/svg+xml;x)}.gone{color:blue}"
    assert lean_assets.purge(css, names) == ".nowhere,.note{color:red;background:url(data:image/svg+xml;x)}"


def test_a_media_block_keeps_only_its_used_rules(names):
    css = "@media screen and (min-width:60em){.note{color:red}.gone{color:blue}}"
    assert lean_assets.purge(css, names) == "@media screen and (min-width:60em){.note{color:red}}"


def test_custom_properties_nothing_uses_go_with_those_only_they_use():
    sheets = [
        (
            ":root{--used:1px;--unused:2px;--chain:var(--deep);--deep:red;--orphan-chain:var(--orphan)}"
            ".a{width:var(--used);color:var(--chain)}"
        ),
        "@media print{.b{margin:var(--in-media)}}:root{--in-media:0;--only-scripts:1;--only-pages:1}",
    ]
    used = lean_assets.used_properties(sheets, {"--only-scripts", "--only-pages"})
    assert used == {"--used", "--chain", "--deep", "--in-media", "--only-scripts", "--only-pages"}
    assert lean_assets.without_unused_properties(sheets[0], used) == (
        ":root{--used:1px;--chain:var(--deep);--deep:red}.a{width:var(--used);color:var(--chain)}"
    )
    # A rule left with nothing goes; one that loses nothing is written as it was.
    assert lean_assets.without_unused_properties(":root{--gone:1}.b{color:red}", set()) == ".b{color:red}"


def test_pages_and_scripts_name_the_custom_properties_they_use():
    assert lean_assets.markup_names('<p style="width:var(--md-x)">').properties == {"--md-x"}
    script = 'el.style.setProperty("--md-tooltip-x", x); let y = z--w'
    assert lean_assets.script_names(script).properties == {"--md-tooltip-x"}


def test_minify_removes_comments_and_spare_space_and_nothing_else():
    css = """/* Why this colour: contrast. */
    .md-typeset  .a :hover ,
    .b > .c::after {
        color: red !important; /* in a block */
        width: calc(100% - 2px + 1em);
        content: "/* not a comment */  a: b";
    }
    @media screen and (max-width: 44.9375em) { .a { margin : 0 } }
    """
    minified = lean_assets.minify(css)
    assert minified == (
        ".md-typeset .a :hover,.b>.c::after{color:red!important;width:calc(100% - 2px + 1em);"
        'content:"/* not a comment */  a: b";}@media screen and (max-width:44.9375em){.a{margin :0}}'
    )


def test_the_minified_site_stylesheet_has_the_same_rules_as_ours():
    # Compared rule by rule after parsing: minifying changed no selector and no declaration.
    ours = (ROOT / "docs" / "stylesheets" / "site.css").read_text(encoding="utf-8")

    def rules(css: str) -> list[tuple[str, str]]:
        out = []
        # Without comments and white space: style rules and at-rules only, both with a prelude and content.
        parsed: list[Any] = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
        for rule in parsed:
            prelude = re.sub(r"\s+", " ", tinycss2.serialize(rule.prelude)).strip()
            prelude = re.sub(r"\s*([,>{(])\s*", r"\1", prelude).replace(" )", ")").replace(": ", ":")
            body = lean_assets.compact(rule.content or [])
            out.append((prelude, body))
        return out

    assert rules(lean_assets.minify(ours)) == rules(ours)
    assert len(lean_assets.minify(ours)) < 0.7 * len(ours)


def test_a_new_name_is_the_hash_of_the_new_content():
    first = lean_assets.fingerprint("assets/stylesheets/main.57a0d79d.min.css", "a{}")
    assert re.fullmatch(r"assets/stylesheets/main\.[0-9a-f]{8}\.min\.css", first)
    assert first != "assets/stylesheets/main.57a0d79d.min.css"
    assert lean_assets.fingerprint("assets/stylesheets/main.57a0d79d.min.css", "b{}") != first


@pytest.mark.parametrize(
    "script, built, other",
    [
        ('x("div",{class:`tabbed-control tabbed-control--${e}`})', "tabbed-control--prev", "tabbed-controls"),
        ('let t=`<li class="md-source__fact md-source__fact--${t}">`', "md-source__fact--stars", "md-source__facts"),
        ('e.classList.add("md-tag--"+name)', "md-tag--legal", "md-tags"),
        ('e.className=prefix+"-is-open"', "drawer-is-open", "drawer-is-closed"),
        ("a.setAttribute(`data-md-color-${a}`,v)", "data-md-color-accent", "data-md-colour"),
    ],
)
def test_names_a_script_builds_from_a_prefix_or_suffix_are_kept(script, built, other):
    names = lean_assets.script_names(script)
    shapes = lean_assets.shapes_pattern(names)
    assert lean_assets.has_name("class", built, names, shapes)
    assert not lean_assets.has_name("class", other, names, shapes)
    assert lean_assets.purge(f".{built}{{color:red}}", names) != ""


def test_a_number_and_its_unit_or_a_name_wholly_from_data_is_no_shape():
    # "k" after a number of stars, "px" after a size: such shapes would keep half of the
    # stylesheet for nothing; a name that is all placeholder could be anything.
    names = lean_assets.script_names('a=n+"k";b=`${w}px`;c=`${cls}`;d="--"+x')
    assert names.shapes == set()


def test_new_names_are_written_over_the_old_in_the_head_only(tmp_path):
    page = tmp_path / "index.html"
    head = '<head><link rel="stylesheet" href="assets/stylesheets/main.aaaaaaaa.min.css"></head>'
    body = "<body><p>assets/stylesheets/main.aaaaaaaa.min.css</p></body>"
    page.write_text(head + body, encoding="utf-8")
    lean_assets.point_at(page, {"assets/stylesheets/main.aaaaaaaa.min.css": "assets/stylesheets/main.bbbbbbbb.min.css"})
    assert page.read_text(encoding="utf-8") == head.replace("aaaaaaaa", "bbbbbbbb") + body
    # A name of another length: the page is written again, whole.
    lean_assets.point_at(page, {"assets/stylesheets/main.bbbbbbbb.min.css": "assets/stylesheets/main.c.min.css"})
    assert page.read_text(encoding="utf-8") == head.replace("aaaaaaaa", "c") + body


def test_the_stylesheets_a_site_folders_home_page_links_are_found(tmp_path):
    assert lean_assets.linked_stylesheets(tmp_path) == {}  # nothing built there yet
    sheets = tmp_path / "assets" / "stylesheets"
    sheets.mkdir(parents=True)
    (sheets / "main.12345678.min.css").write_text("a{}", encoding="utf-8")
    (sheets / "main.99999999.min.css").write_text("b{}", encoding="utf-8")  # not linked: an older build's
    (tmp_path / "index.html").write_text(
        '<link rel="stylesheet" href="assets/stylesheets/main.12345678.min.css">'
        '<link rel="stylesheet" href="assets/stylesheets/palette.87654321.min.css">',
        encoding="utf-8",
    )
    assert lean_assets.linked_stylesheets(tmp_path) == {"assets/stylesheets/main.12345678.min.css": b"a{}"}


# The hook in real builds.


def stylesheets(page) -> list[str]:
    """The stylesheet addresses a built page links, as written."""
    return [link["href"] for link in page.select('link[rel="stylesheet"]')]


def test_every_page_links_stylesheets_that_exist_and_no_stale_source_map_is_left(site):
    for html in site.site.rglob("*.html"):
        for href in stylesheets(site.page(html.relative_to(site.site).as_posix())):
            # The 404 page is served at any depth, so its addresses start from the root.
            file = site.site / href.lstrip("/") if href.startswith("/") else html.parent / href
            assert file.resolve().is_file(), (html, href)
    assert not list((site.site / "assets" / "stylesheets").glob("*.map"))


def test_materials_stylesheets_lose_what_the_site_never_shows_and_ours_its_comments(site):
    shipped = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
    for kind in ("main", "palette"):
        (built,) = (site.site / "assets" / "stylesheets").glob(f"{kind}.*.min.css")
        (original,) = shipped.glob(f"{kind}.*.min.css")
        assert built.name != original.name
        assert len(built.read_bytes()) < 0.8 * len(original.read_bytes()), kind
    main = next((site.site / "assets" / "stylesheets").glob("main.*.min.css")).read_text(encoding="utf-8")
    assert ".md-typeset .admonition" in main and ".md-search-result" in main  # used: kept
    # Never used here: keyboard keys, formulas, tracked changes, a warning banner (the preview's placeholder
    # notice is a plain one), a "bug" note.
    for unused in (".keys", ".arithmatex", ".critic", ".md-banner--warning", ".bug>.admonition-title"):
        assert unused not in main, unused
    assert "/*" not in (site.site / "stylesheets" / "site.css").read_text(encoding="utf-8")
    script = (site.site / "javascripts" / "which-help.js").read_text(encoding="utf-8")
    source = (ROOT / "docs" / "javascripts" / "which-help.js").read_text(encoding="utf-8")
    assert "/*" not in script and "// " not in script and len(script) < 0.8 * len(source)


BUG_NOTE = '\n!!! bug "A known fault"\n\n    Shown with its own icon and colour.\n'


def test_a_kind_of_note_an_editor_starts_using_gets_its_styles_back(project, build, browser):
    post = project / "docs" / "blog" / "posts" / "lawyer-burnout.md"
    post.write_text(post.read_text(encoding="utf-8") + BUG_NOTE, encoding="utf-8")
    result = build(project)
    assert result.returncode == 0, result.output
    main = next((result.site / "assets" / "stylesheets").glob("main.*.min.css")).read_text(encoding="utf-8")
    assert ".bug>.admonition-title" in main
    with serve_folder(result.site) as url:
        page = browser.new_page()
        page.goto(url + "blog/lawyer-burnout/")
        title = page.locator(".admonition.bug > .admonition-title")
        # Material draws each kind's icon as a mask on ::before; without the kind's rules a
        # bug note would show the default (a pencil, for "note").
        icon = title.evaluate("el => getComputedStyle(el, '::before').maskImage")
        bug, note = page.evaluate("""() => ['bug', 'note'].map(kind => getComputedStyle(document.body)
            .getPropertyValue(`--md-admonition-icon--${kind}`).trim())""")
        page.close()
    assert bug and bug != note
    assert icon.replace('"', "'") == bug.replace('"', "'")


# Each change to <html>'s classes or a rule on <body>'s attributes restyles the whole page.
WATCH_HTML_CLASS = """window.__classChanges = [];
new MutationObserver(records => records.forEach(r => {
    if (r.target !== document.documentElement || r.oldValue === r.target.className) return;
    window.__classChanges.push({from: r.oldValue, to: r.target.className, body: !!document.body});
})).observe(document, {subtree: true, attributes: true, attributeFilter: ['class'], attributeOldValue: true});"""


def test_materials_script_finds_htmls_classes_already_given_in_the_head(browser, base_url):
    context = browser.new_context()
    context.add_init_script(WATCH_HTML_CLASS)
    page = context.new_page()
    page.goto(base_url + "paralegal-vs-legal-assistant/", wait_until="load")
    page.wait_for_timeout(300)
    changes = page.evaluate("window.__classChanges")
    classes = page.evaluate("document.documentElement.className")
    context.close()
    assert classes.split() == ["js", "js-focus-visible"]
    # One change, made while <head> was read (no <body> yet): none after the first paint.
    assert [change["body"] for change in changes] == [False], changes


def test_the_colour_switching_rule_is_gone_and_switching_still_works(site, browser, base_url):
    palette = next((site.site / "assets" / "stylesheets").glob("palette.*.min.css")).read_text(encoding="utf-8")
    assert "data-md-color-switching" not in palette and "[data-md-color-scheme=slate]" in palette
    page = browser.new_page(color_scheme="light")
    page.goto(base_url)
    light = page.evaluate("getComputedStyle(document.body).backgroundColor")
    # The toggle steps through "system", light and dark.
    for _ in range(3):
        if page.locator("body[data-md-color-scheme=slate]").count():
            break
        page.locator("form[data-md-component=palette] label:not([hidden])").first.click()
        page.wait_for_timeout(200)
    page.wait_for_timeout(500)  # past any colour transition
    dark = page.evaluate("getComputedStyle(document.body).backgroundColor")
    page.close()
    assert light != dark


# Deployments: a page a browser (or a CDN) cached before a deployment names the stylesheets
# of the build it came from, which an editor's change to the markup renames.

POST_PAGE = "blog/lawyer-burnout/"
LOOKS = """() => Object.fromEntries(['.md-header', '.md-tabs', 'h1', '.md-typeset .admonition', '.md-footer',
    '.bol-byline', 'body'].map(selector => {
        const style = getComputedStyle(document.querySelector(selector));
        return [selector, [style.backgroundColor, style.color, style.fontFamily, style.fontSize, style.borderLeftColor,
                           style.display, style.paddingTop]];
    }))"""


def looks(browser, url: str, cached_html: str | None = None) -> dict[str, Any]:
    """How the post page looks (computed styles of its main parts); with `cached_html`, that
    HTML is shown at the page's address, as a browser shows the copy it cached."""
    context = browser.new_context()
    if cached_html is not None:
        context.route(url, lambda route: route.fulfill(body=cached_html, content_type="text/html; charset=utf-8"))
    page = context.new_page()
    page.goto(url)
    found: dict[str, Any] = page.evaluate(LOOKS)
    context.close()
    return found


def add_a_new_kind_of_note(project: Path) -> None:
    """An editor's change that brings new classes into the pages, so the stylesheets get new names."""
    post = project / "docs" / "blog" / "posts" / "paralegal-or-legal-assistant-career.md"
    post.write_text(post.read_text(encoding="utf-8") + BUG_NOTE, encoding="utf-8")


def sheet_names(site: Path) -> set[str]:
    return {file.name for file in (site / "assets" / "stylesheets").glob("*.min.css")}


def test_a_deployment_keeps_the_stylesheets_that_pages_cached_before_it_name(project, browser, tmp_path):
    published = tmp_path / "published"  # the folder a host serves, built into again for each deployment
    first = build_site(project, published)
    assert first.returncode == 0, first.output
    cached = (published / POST_PAGE / "index.html").read_text(encoding="utf-8")
    with serve_folder(published) as url:
        before = looks(browser, url + POST_PAGE)
    first_sheets = sheet_names(published)

    add_a_new_kind_of_note(project)
    second = build_site(project, published)
    assert second.returncode == 0, second.output
    linked = {href.rsplit("/", 1)[-1] for href in stylesheets(second.page(POST_PAGE)) if href.endswith(".min.css")}
    assert linked - first_sheets  # the case is real: Material's main stylesheet got a new name
    assert first_sheets <= sheet_names(published)
    with serve_folder(published) as url:
        assert looks(browser, url + POST_PAGE, cached) == before
        assert looks(browser, url + POST_PAGE) == before  # the new page, with the new names, too

    # One deployment later the first build's stylesheets go: the folder does not fill up.
    third = build_site(project, published)
    assert third.returncode == 0, third.output
    assert sheet_names(published).isdisjoint(first_sheets - linked)


def publish_step(site: Path, url: str) -> subprocess.CompletedProcess[str]:
    """tools/published_stylesheets.py, as the publishing workflow runs it before building."""
    return subprocess.run(
        [sys.executable, str(ROOT / "tools" / "published_stylesheets.py"), str(site), "--url", url],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_publishing_workflow_brings_the_live_sites_stylesheets_into_a_fresh_build(project, tmp_path):
    # GitHub Pages publishes only what the new build holds, built in a fresh checkout.
    live = build_site(project, tmp_path / "live")
    assert live.returncode == 0, live.output
    live_sheets = sheet_names(live.site)
    add_a_new_kind_of_note(project)
    fresh = tmp_path / "site"
    with serve_folder(live.site) as url:
        step = publish_step(fresh, url)
    assert step.returncode == 0 and "Kept for pages cached before this deployment" in step.stdout, step
    built = build_site(project, fresh)
    assert built.returncode == 0, built.output
    assert live_sheets <= sheet_names(fresh)
    assert not sheet_names(fresh) <= live_sheets  # and the new build's own


def test_the_publishing_step_never_stops_a_deployment_and_takes_only_true_stylesheets(tmp_path):
    (tmp_path / "live" / "assets" / "stylesheets").mkdir(parents=True)
    (tmp_path / "live" / "index.html").write_text(
        '<link rel="stylesheet" href="assets/stylesheets/main.12345678.min.css">', encoding="utf-8"
    )
    (tmp_path / "live" / "assets" / "stylesheets" / "main.12345678.min.css").write_text("a{}", encoding="utf-8")
    with serve_folder(tmp_path / "live") as url:
        step = publish_step(tmp_path / "site", url)
    # Its content does not match the hash in its name: not a stylesheet this site built.
    assert step.returncode == 0 and "does not match its name" in step.stdout, step
    assert not (tmp_path / "site" / "assets" / "stylesheets" / "main.12345678.min.css").exists()
    step = publish_step(tmp_path / "unreachable", "http://127.0.0.1:9/")
    assert step.returncode == 0 and "could not be read" in step.stdout, step


def test_the_collector_is_off_only_while_the_stylesheets_are_purged_even_after_a_failure():
    import gc

    assert gc.isenabled()
    # The raise inside the pause is what is tested: the collector comes back after a failure.
    with pytest.raises(RuntimeError), lean_assets.collector_paused():  # noqa: PT012
        assert not gc.isenabled()
        raise RuntimeError("a purge that failed")
    assert gc.isenabled()
    gc.disable()  # a caller that had turned it off keeps it off
    try:
        with lean_assets.collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
