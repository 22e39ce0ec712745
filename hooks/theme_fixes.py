"""The few changes to Material's markup that no block or partial reaches, made on the built HTML.

Material's templates are used as they are (overrides/ keeps copies of partials/header.html
and blog-post.html only: tests/test_material_patches.py watches them). What is left is a
handful of attributes and lines written inside base.html, partials/search.html,
partials/nav-item.html, partials/toc.html and partials/footer.html, where no block can
reach them. Each is one exact substitution below, old string -> new string, with where it
applies and how often it must match. A substitution that no longer matches as expected
(Material changed its markup: an upgrade) stops the build with its name and what it
expected, instead of leaving the change silently undone. What each one is for:

- toggles: the drawer and search checkboxes lose autocomplete="off", which HTML allows only
  on text-like inputs (Nu Html Checker error); they belong instead to an empty form with
  autocomplete="off", which browsers honour the same way: going Back to a page does not
  bring its search or menu back open (Chromium restores a checkbox after the page has
  started, with no event, so Material's script would not know the search was open);
- skip link: a page without headings (the page-not-found page) still gets "Skip to
  content", aimed at <main> (main id);
- js classes: <html> gets, before the first paint, the classes Material's script gives it
  when it starts ("js" and its focus-visible polyfill's): changed later, they make the
  browser restyle the whole page once more, on a phone a long task of its own. If the
  script fails, a line after it in overrides/main.html puts "no-js" back;
- search: the search dialog gets a name, so a screen reader announces what opened; the
  search box loses autocorrect="off", a Safari-only attribute HTML does not define
  (autocapitalize and spellcheck stay); the results' scrolling box loses tabindex="0": while
  search is closed it has no height, and Tab stopped on nothing visible;
- nav labels: tabindex="" on section labels is invalid HTML (an empty string is not an
  integer) and ignored by browsers;
- post toc title: a post has no drawer toggle for the table of contents (blog-post.html
  leaves the page navigation out), and a label pointing at no control is invalid HTML;
- footer: overrides/main.html keeps Material's Previous/Next bar on pages that read in a
  sequence, whose `hidden` attribute, always empty there, leaves a stray space.

Where a substitution's strings hold blank lines, they are Material's whitespace and the
whitespace the former copies of Material's templates wrote: the site built the same, byte
for byte, when the copies went.

Runs before hooks/csp.py (listed before it in mkdocs.yml's `hooks:`), which hashes the
finished page's inline scripts, the js classes' one included, and before
hooks/lean_assets.py, which reads the names each finished page holds.
Zensical ignores hooks: there these changes would be missing (see MIGRATION.md).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from mkdocs.exceptions import PluginError

# hooks/page_head.py, which MkDocs has loaded as the module "page_head" (it is listed first),
# tells each page's kind once for the templates and for this hook.
from page_head import POST, in_sequence, page_kind

SOURCE = "hooks/theme_fixes.py"
# Material's title of the table of contents (partials/toc.html), a label that closes it in the drawer.
TOC_LABEL = (
    '    <label class="md-nav__title" for="__toc">\n      <span class="md-nav__icon md-icon"></span>\n'
    "      Table of contents\n    </label>\n"
)
# The footer's Previous/Next bar opening, without the `hidden=""` Material leaves room for.
FOOTER_NAV = (
    '        \n\n<footer class="md-footer">\n  \n      <nav class="md-footer__inner md-grid" aria-label="Footer">'
)


@dataclass(frozen=True)
class Facts:
    """What a substitution needs to know about the page it is applied to."""

    kind: str  # page_head.page_kind()
    in_sequence: (
        bool  # page_head.in_sequence(), and theme.features has navigation.footer: the footer keeps Previous/Next
    )
    has_toc: bool  # the page has a heading for Material's skip link to aim at
    hides: bool  # the page's front matter hides something (`hide:`), which adds lines to Material's footer


@dataclass(frozen=True)
class Substitution:
    """One change to Material's markup: `old` becomes `new` on every page `applies` to.

    `count`: how often `old` must occur on such a page; None for repeated markup whose
    number varies by page, which must then occur at least once over the whole build.
    """

    name: str
    material: str  # the Material template that writes `old`
    old: str
    new: str
    applies: Callable[[Facts], bool] = lambda facts: True
    count: int | None = 1


SUBSTITUTIONS: tuple[Substitution, ...] = (
    Substitution(
        name="js classes",
        material="partials/javascripts/base.html",
        old="catch(e){}}</script>",
        new='catch(e){}}</script><script>document.documentElement.className="js js-focus-visible"</script>',
    ),
    Substitution(
        name="toggles",
        material="base.html",
        old=(
            '    <input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">\n'
            '    <input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">\n'
        ),
        new=(
            '    <form id="__toggles" autocomplete="off" hidden></form>\n'
            '    <input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" form="__toggles">\n'
            '    <input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" form="__toggles">\n'
        ),
    ),
    Substitution(
        name="skip link",
        material="base.html",
        old='<div data-md-component="skip">\n      \n    </div>',
        new=(
            '<div data-md-component="skip">\n      \n        <a href="#__main" class="md-skip">\n'
            "          Skip to content\n        </a>\n      \n    </div>"
        ),
        applies=lambda facts: not facts.has_toc,
    ),
    Substitution(
        name="main id",
        material="base.html",
        old='<main class="md-main" data-md-component="main">',
        new='<main class="md-main" id="__main" data-md-component="main">',
    ),
    Substitution(
        name="search dialog name",
        material="partials/search.html",
        old='<div class="md-search" data-md-component="search" role="dialog">',
        new='<div class="md-search" data-md-component="search" role="dialog" aria-label="Search">',
    ),
    Substitution(
        name="search box autocorrect",
        material="partials/search.html",
        old=' autocapitalize="off" autocorrect="off" autocomplete="off" ',
        new=' autocapitalize="off" autocomplete="off" ',
    ),
    Substitution(
        name="search results tabindex",
        material="partials/search.html",
        old='<div class="md-search__scrollwrap" tabindex="0" data-md-scrollfix>',
        new='<div class="md-search__scrollwrap" data-md-scrollfix>',
    ),
    Substitution(
        name="nav labels tabindex",
        material="partials/nav-item.html",
        old='_label" tabindex="">',
        new='_label">',
        count=None,
    ),
    Substitution(
        name="post toc title",
        material="partials/toc.html",
        old=TOC_LABEL,
        new='    \n      <div class="md-nav__title">Table of contents</div>\n    \n',
        applies=lambda facts: facts.kind == POST,
    ),
    # The footer's Previous/Next bar, on pages that read in a sequence: written with
    # Material's whitespace, which depends on whether the page hides anything.
    Substitution(
        name="footer nav",
        material="partials/footer.html",
        old=(
            '        <footer class="md-footer">\n  \n    \n      \n        \n      \n'
            '      <nav class="md-footer__inner md-grid" aria-label="Footer" >'
        ),
        new=FOOTER_NAV,
        applies=lambda facts: facts.in_sequence and facts.hides,
    ),
    Substitution(
        name="footer nav (page hiding nothing)",
        material="partials/footer.html",
        old=(
            '        <footer class="md-footer">\n  \n    \n      \n'
            '      <nav class="md-footer__inner md-grid" aria-label="Footer" >'
        ),
        new=FOOTER_NAV,
        applies=lambda facts: facts.in_sequence and not facts.hides,
    ),
    Substitution(
        name="footer nav end",
        material="partials/footer.html",
        old='      </nav>\n    \n  \n  <div class="md-footer-meta md-typeset">',
        new='      </nav>\n  \n  <div class="md-footer-meta md-typeset">',
        applies=lambda facts: facts.in_sequence,
    ),
    # Whitespace only: the table of contents' title indented as the former copy of
    # partials/toc.html wrote it, so that the built site stayed byte for byte the same when the
    # copy went. Readers see no difference: this one can go whenever a change of whitespace
    # in the built pages is welcome.
    Substitution(
        name="toc title indentation",
        material="partials/toc.html",
        old=TOC_LABEL,
        new=(
            '    \n      <label class="md-nav__title" for="__toc">\n'
            '        <span class="md-nav__icon md-icon"></span>\n'
            "        Table of contents\n      </label>\n    \n"
        ),
        applies=lambda facts: facts.kind != POST,
        count=None,
    ),
)


def facts(page: Any, features: list[str]) -> Facts:
    """The facts about `page` (None: the page-not-found page) the substitutions choose by;
    `features`: theme.features (without navigation.footer, Material writes no Previous/Next)."""
    has_toc = bool(page is not None and page.toc and list(page.toc))
    hides = bool(page is not None and page.meta and page.meta.get("hide"))
    footer_nav = in_sequence(page) and "navigation.footer" in features
    return Facts(kind=page_kind(page), in_sequence=footer_nav, has_toc=has_toc, hides=hides)


def mismatch(substitution: Substitution, where: str, found: int, expected: str) -> PluginError:
    """The error that stops the build when Material's markup no longer matches a substitution."""
    return PluginError(
        f"{SOURCE}: the substitution {substitution.name!r} no longer matches Material's markup: "
        f"{where} has {found} of {substitution.old!r} (from Material's {substitution.material}), "
        f"expected {expected}. Material's templates have changed (an upgrade?): compare the built "
        f"HTML with that template and update this substitution in {SOURCE}."
    )


def fixed(
    html: str,
    page_facts: Facts,
    where: str,
    totals: dict[str, int],
    substitutions: tuple[Substitution, ...] = SUBSTITUTIONS,
) -> str:
    """`html` with every substitution that applies to the page made, each checked for its count;
    `totals` adds up, by name, how often the repeated ones matched over the build."""
    for substitution in substitutions:
        if not substitution.applies(page_facts):
            continue
        # One pass over the page: split where `old` stands (counting it), join with `new`.
        parts = html.split(substitution.old)
        found = len(parts) - 1
        if substitution.count is None:
            totals[substitution.name] = totals.get(substitution.name, 0) + found
        elif found != substitution.count:
            raise mismatch(substitution, where, found, f"exactly {substitution.count}")
        html = substitution.new.join(parts)
    return html


def check_totals(totals: dict[str, int], substitutions: tuple[Substitution, ...] = SUBSTITUTIONS) -> None:
    """Stop the build if a repeated substitution matched nowhere in the whole site."""
    for substitution in substitutions:
        if substitution.count is None and not totals.get(substitution.name):
            raise mismatch(substitution, "the whole site", 0, "at least 1")


_totals: dict[str, int] = {}


# MkDocs events.


def on_pre_build(config: Any) -> None:
    _totals.clear()


def on_post_page(output: str, page: Any, config: Any) -> str:
    return fixed(output, facts(page, config["theme"]["features"] or []), page.file.src_uri, _totals)


def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    # Static templates: the page-not-found page (404.html), which is no Markdown page.
    if template_name != "404.html":
        return output_content
    return fixed(output_content, facts(None, config["theme"]["features"] or []), template_name, _totals)


def on_post_build(config: Any) -> None:
    check_totals(_totals)
