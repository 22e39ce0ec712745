"""The theme's copies of Material's templates, and the hook changing Material's markup, follow the installed Material.

overrides/ keeps whole copies of two Material templates only (partials/header.html and
blog-post.html: their headers say why). Each copy's difference from Material's own file is
stored in tests/material_patches/<name>.patch. When Material changes the file (an upgrade),
the difference changes and the test below fails, showing the new one: carry Material's
change over into the copy, then rewrite the stored patches with

    .venv/bin/python tests/test_material_patches.py

Everything else the site changes in Material's markup is a checked substitution in
hooks/theme_fixes.py; the tests at the end show that one which no longer matches stops
the build with its name.
"""

from __future__ import annotations

import difflib
import sys
from pathlib import Path

import material
import pytest
from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parent.parent
MATERIAL = Path(material.__file__).parent / "templates"
PATCHES = ROOT / "tests" / "material_patches"
# Copies of Material's templates in overrides/, each changed where no block reaches (see its header).
COPIES = ["partials/header.html", "blog-post.html"]

sys.path.insert(0, str(ROOT / "hooks"))
import theme_fixes  # noqa: E402  # a hook, loaded from hooks/ as MkDocs loads it (with page_head beside it)


def patch_file(name: str) -> Path:
    """Where the stored difference of the copy `name` is kept."""
    return PATCHES / (name.replace("/", "__") + ".patch")


def difference(name: str) -> str:
    """The unified diff from the installed Material's template `name` to our copy of it."""
    theirs = (MATERIAL / name).read_text(encoding="utf-8").splitlines(keepends=True)
    ours = (ROOT / "overrides" / name).read_text(encoding="utf-8").splitlines(keepends=True)
    return "".join(difflib.unified_diff(theirs, ours, f"material/templates/{name}", f"overrides/{name}"))


def material_lines(name: str) -> int:
    """How many lines of our copy `name` are Material's own (unchanged)."""
    theirs = (MATERIAL / name).read_text(encoding="utf-8").splitlines()
    ours = (ROOT / "overrides" / name).read_text(encoding="utf-8").splitlines()
    return sum(
        block.size for block in difflib.SequenceMatcher(None, theirs, ours, autojunk=False).get_matching_blocks()
    )


@pytest.mark.parametrize("name", COPIES)
def test_each_copy_differs_from_the_installed_material_only_as_its_stored_patch(name):
    found = difference(name)
    stored = patch_file(name).read_text(encoding="utf-8")
    assert found == stored, (
        f"overrides/{name} no longer differs from Material {material.__version__}'s templates/{name} "
        f"as {patch_file(name).relative_to(ROOT)} says: Material's file has changed (an upgrade?). "
        f"Carry its change into overrides/{name}, then run `.venv/bin/python tests/test_material_patches.py` "
        f"to store the new difference. The difference now:\n{found}"
    )


def test_only_the_listed_copies_shadow_material_templates():
    # A new copy of a Material template must be listed above, so that it is watched too.
    shadowing = sorted(
        path.relative_to(ROOT / "overrides").as_posix()
        for path in (ROOT / "overrides").rglob("*.html")
        if (MATERIAL / path.relative_to(ROOT / "overrides")).is_file()
        and path.relative_to(ROOT / "overrides").as_posix() != "main.html"
    )
    # main.html, 404.html and partials/copyright.html are Material's ways in (blocks, a page, a
    # partial to replace): ours, not copies.
    assert sorted(set(shadowing) - {"404.html", "partials/copyright.html"}) == sorted(COPIES)


def test_the_footer_block_repeats_material_footer_markup_as_it_is():
    # overrides/main.html's footer block writes Material's footer itself on pages without
    # Previous/Next (with the contact strip in the bar's place): each line of it but the strip's
    # must still be a line of Material's partials/footer.html.
    main = (ROOT / "overrides" / "main.html").read_text(encoding="utf-8")
    block = main[main.index("{% block footer %}") : main.index("{% endblock %}", main.index("{% block footer %}"))]
    ours = block[block.index("{%- else %}") + len("{%- else %}") : block.index("{% endif -%}")]
    theirs = {line.strip() for line in (MATERIAL / "partials" / "footer.html").read_text(encoding="utf-8").splitlines()}
    repeated = [line.strip() for line in ours.splitlines() if line.strip() and "contact-strip" not in line]
    assert len(repeated) >= 10
    assert [line for line in repeated if line not in theirs] == [], (
        f"overrides/main.html's footer block no longer repeats Material {material.__version__}'s partials/footer.html"
    )


def page(kind: str = "page", in_sequence: bool = False, has_toc: bool = True, hides: bool = True) -> theme_fixes.Facts:
    """The facts of a page as hooks/theme_fixes.py sees them."""
    return theme_fixes.Facts(kind=kind, in_sequence=in_sequence, has_toc=has_toc, hides=hides)


def material_page(facts: theme_fixes.Facts) -> str:
    """A page holding, once each, Material's markup that the substitutions applying to `facts` change."""
    return "\n".join(s.old for s in theme_fixes.SUBSTITUTIONS if s.applies(facts))


@pytest.mark.parametrize(
    "facts",
    [
        page("post", in_sequence=True, has_toc=False),
        page("article", in_sequence=True),
        page("article", in_sequence=True, hides=False),
        page("page", has_toc=False),
    ],
)
def test_every_substitution_applies_to_material_markup_as_written(facts):
    fixed = theme_fixes.fixed(material_page(facts), facts, "a.md", {})
    assert fixed == "\n".join(s.new for s in theme_fixes.SUBSTITUTIONS if s.applies(facts))


def test_a_substitution_that_no_longer_matches_stops_the_build_with_its_name():
    # As if an upgrade of Material gave <main> another attribute.
    html = material_page(page()).replace('<main class="md-main"', '<main class="md-main" tabindex="-1"')
    with pytest.raises(PluginError) as stopped:
        theme_fixes.fixed(html, page(), "services.md", {})
    assert str(stopped.value).startswith(
        "hooks/theme_fixes.py: the substitution 'main id' no longer matches Material's markup: services.md has 0 of "
        '\'<main class="md-main" data-md-component="main">\' (from Material\'s base.html), expected exactly 1.'
    )


def test_a_substitution_found_twice_on_a_page_stops_the_build():
    main = '<main class="md-main" data-md-component="main">'
    only_main = (theme_fixes.Substitution("main id", "base.html", main, "x"),)
    with pytest.raises(PluginError, match=r"'main id' no longer matches Material's markup: guide\.md has 2"):
        theme_fixes.fixed(main + main, page(), "guide.md", {}, only_main)


def test_a_repeated_substitution_found_nowhere_in_the_site_stops_the_build():
    totals: dict[str, int] = {}
    theme_fixes.fixed(
        "<p>no navigation here</p>",
        page(),
        "a.md",
        totals,
        tuple(s for s in theme_fixes.SUBSTITUTIONS if s.count is None),
    )
    with pytest.raises(PluginError, match=r"'nav labels tabindex' no longer matches .* the whole site has 0"):
        theme_fixes.check_totals(totals)


def test_conditional_substitutions_apply_only_to_their_pages():
    label = next(s for s in theme_fixes.SUBSTITUTIONS if s.name == "post toc title")
    only_label = (label,)
    # Not a post: the label stays, and its absence is no error.
    assert theme_fixes.fixed(label.old, page("article"), "guide.md", {}, only_label) == label.old
    assert theme_fixes.fixed(label.new, page("post"), "post.md", {}, ()) == label.new
    assert theme_fixes.fixed(label.old, page("post"), "post.md", {}, only_label) == label.new
    with pytest.raises(PluginError, match="'post toc title'"):
        theme_fixes.fixed("<nav></nav>", page("post"), "post.md", {}, only_label)


def test_the_built_site_carries_every_change(site):
    # What the substitutions are for, as readers' browsers and the Nu checker see it.
    home = site.page("")
    assert home.select_one("form#__toggles[autocomplete=off][hidden]")
    assert home.select_one("input#__drawer[form=__toggles]:not([autocomplete])")
    assert home.select_one("main#__main")
    assert home.select_one(".md-search[role=dialog][aria-label=Search]")
    assert not home.select(".md-search__input[autocorrect], .md-search__scrollwrap[tabindex], [tabindex='']")
    not_found = site.page("404.html")
    assert not_found.select_one('.md-skip[href="#__main"]')
    post = site.page("blog/lawyer-burnout/")
    assert post.select_one("div.md-nav__title").get_text(strip=True) == "Table of contents"
    assert not post.select("label[for=__toc]")


def test_an_article_hiding_nothing_keeps_its_footer_as_before(project, build):
    # Material's footer writes more blank lines on a page whose front matter hides something:
    # the guide without its `hide:` still builds, with the same Previous/Next bar.
    guide = project / "docs" / "paralegal-vs-legal-assistant.md"
    text = guide.read_text(encoding="utf-8")
    assert "hide:\n  - navigation\n" in text
    guide.write_text(text.replace("hide:\n  - navigation\n", "", 1), encoding="utf-8")
    built = build(project)
    assert built.returncode == 0, built.output
    html = (built.site / "paralegal-vs-legal-assistant" / "index.html").read_text(encoding="utf-8")
    assert theme_fixes.FOOTER_NAV in html and 'aria-label="Footer" >' not in html


def test_without_the_footer_feature_the_build_goes_on_without_previous_next(project, build):
    # Turning off navigation.footer is a setting, not a change of Material's markup: no stop.
    settings = project / "mkdocs.yml"
    text = settings.read_text(encoding="utf-8")
    assert "    - navigation.footer\n" in text
    settings.write_text(text.replace("    - navigation.footer\n", ""), encoding="utf-8")
    built = build(project)
    assert built.returncode == 0, built.output
    assert not built.page("paralegal-vs-legal-assistant/").select("nav.md-footer__inner")


if __name__ == "__main__":
    # Store each copy's difference from the installed Material (after carrying an upgrade over).
    PATCHES.mkdir(exist_ok=True)
    for copy in COPIES:
        patch_file(copy).write_text(difference(copy), encoding="utf-8")
        print(f"{patch_file(copy).relative_to(ROOT)}: {material_lines(copy)} lines of Material's own")
