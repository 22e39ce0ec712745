"""Front matter mistakes in posts and pages: each stops the build with one clear message.

The message names the file, the line (the front matter starts on the file's second
line) and the field, and says what was expected. Most cases call the check directly
on a small folder of files; a few full builds prove the build stops with the message
and no Python traceback.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, mkdocs_settings
from macros.checks import front_matter

SETTINGS = mkdocs_settings()
BLOG = next(p["blog"] for p in SETTINGS["plugins"] if isinstance(p, dict) and "blog" in p)
RULES = front_matter.BlogRules(
    posts_dir="blog/posts",
    authors=sorted(yaml.safe_load((ROOT / "docs" / "blog" / ".authors.yml").read_text(encoding="utf-8"))["authors"]),
    categories=BLOG["categories_allowed"],
    excerpt_separator="<!-- more -->",
)
REQUIRED = "the front matter needs: title, description, date, slug, authors, categories"
POST_FIELDS = "authors, categories, date, description, draft, hide, pin, readtime, search, slug, title"
CATEGORIES = "Legal careers, Outsourcing, Running a law firm"
SHOWN = "docs/blog/posts/x.md"

# A valid post; the line numbers in the expected messages below refer to it.
POST = """\
---
title: "Checking the Front Matter"
description: "A post written by the tests to check that each front matter mistake gets a clear message."
date: 2026-06-01
slug: front-matter-check
authors:
  - editorial
categories:
  - Outsourcing
---

The opening paragraph.

<!-- more -->

The rest of the post.
"""

PAGE = """\
---
title: About the firm
description: A page written by the tests to check that pages need a description too.
---

# About the firm
"""


def edit(old: str, new: str, text: str = POST) -> str:
    """The text with one exact passage replaced; fails if the passage is not there."""
    assert old in text, f"passage not in the text: {old!r}"
    return text.replace(old, new, 1)


def line_no(text: str, needle: str) -> int:
    return text.count("\n", 0, text.index(needle)) + 1


def check(tmp_path: Path, files: dict[str, str]) -> None:
    """Check a docs folder holding `files` (paths relative to the project) as the build does."""
    data = tmp_path / "data"
    data.mkdir(exist_ok=True)
    for schema in (ROOT / "data").glob("*.schema.json"):
        shutil.copy(schema, data)
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "docs").mkdir(exist_ok=True)
    front_matter.check_docs(tmp_path / "docs", tmp_path, RULES)


def error_for(tmp_path: Path, text: str, name: str = SHOWN) -> str:
    """The message for a docs folder whose only file is `text` at `name`."""
    with pytest.raises(front_matter.FrontMatterError) as caught:
        check(tmp_path, {name: text})
    return str(caught.value)


# --- Direct checks ---------------------------------------------------------------------------


def test_the_real_pages_and_posts_pass_the_checks():
    front_matter.check_docs(ROOT / "docs", ROOT, RULES)


def test_a_valid_post_and_page_pass_the_checks(tmp_path):
    check(tmp_path, {SHOWN: POST, "docs/about.md": PAGE})


@pytest.mark.parametrize(
    "field, passage",
    [
        ("title", 'title: "Checking the Front Matter"\n'),
        (
            "description",
            (
                'description: "A post written by the tests to check that each front matter mistake '
                'gets a clear message."\n'
            ),
        ),
        ("date", "date: 2026-06-01\n"),
        ("slug", "slug: front-matter-check\n"),
        ("authors", "authors:\n  - editorial\n"),
        ("categories", "categories:\n  - Outsourcing\n"),
    ],
)
def test_missing_post_field_is_named_with_the_fields_a_post_needs(tmp_path, field, passage):
    assert error_for(tmp_path, edit(passage, "")) == f"{SHOWN}, line 2: {field}: is missing; {REQUIRED}"


def test_misspelt_author_names_the_known_authors_and_suggests_the_right_one(tmp_path):
    assert error_for(tmp_path, edit("  - editorial", "  - editorail")) == (
        f'{SHOWN}, line 7: authors > item 1: "editorail" is not an author (did you mean "editorial"?); '
        "expected one of: editorial (see docs/blog/.authors.yml)"
    )


def test_unknown_author_names_the_known_authors(tmp_path):
    assert error_for(tmp_path, edit("  - editorial", "  - jane-doe")) == (
        f'{SHOWN}, line 7: authors > item 1: "jane-doe" is not an author; '
        "expected one of: editorial (see docs/blog/.authors.yml)"
    )


def test_category_in_the_wrong_case_suggests_the_allowed_spelling(tmp_path):
    assert error_for(tmp_path, edit("  - Outsourcing", "  - Running a Law Firm")) == (
        f'{SHOWN}, line 9: categories > item 1: "Running a Law Firm" is not an allowed category '
        f'(did you mean "Running a law firm"?); expected one of: {CATEGORIES} (see categories_allowed in mkdocs.yml)'
    )


def test_category_not_allowed_names_the_allowed_ones(tmp_path):
    assert error_for(tmp_path, edit("  - Outsourcing", "  - Recipes")) == (
        f'{SHOWN}, line 9: categories > item 1: "Recipes" is not an allowed category; '
        f"expected one of: {CATEGORIES} (see categories_allowed in mkdocs.yml)"
    )


@pytest.mark.parametrize("date", ["next week", "2026-9-1", "15/09/2026", '"2026-9-01"'])
def test_date_that_is_not_year_month_day_is_rejected(tmp_path, date):
    shown = date.strip('"')
    assert error_for(tmp_path, edit("date: 2026-06-01", f"date: {date}")) == (
        f"{SHOWN}, line 4: date: expected a real date written year-month-day, such as 2026-09-15, without quotes "
        f'(a time may follow, with its seconds: 2026-09-15 10:30:00), found text ("{shown}")'
    )


@pytest.mark.parametrize("date", ['"2026-13-01"', "'2026-06-01'"])
def test_a_date_in_quotes_is_rejected_as_typed(tmp_path, date):
    shown = date.strip("\"'")
    assert error_for(tmp_path, edit("date: 2026-06-01", f"date: {date}")) == (
        f'{SHOWN}, line 4: date: expected a date, found text ("{shown}"); write it without quotes: date: {shown}'
    )


@pytest.mark.parametrize("date", ["2026-13-01", "2026-02-30"])
def test_impossible_date_is_rejected_with_a_message(tmp_path, date):
    assert error_for(tmp_path, edit("date: 2026-06-01", f"date: {date}")) == (
        f'{SHOWN}, line 4: date: "{date}" is not a real date; '
        "expected a date written year-month-day, such as 2026-09-15"
    )


def test_slug_with_capitals_and_spaces_is_rejected(tmp_path):
    assert error_for(tmp_path, edit("slug: front-matter-check", "slug: Lawyer Burnout")) == (
        f"{SHOWN}, line 5: slug: expected the end of the post's address: lowercase letters, digits and "
        'single hyphens, such as lawyer-burnout, found text ("Lawyer Burnout")'
    )


def test_two_posts_with_one_slug_are_rejected(tmp_path):
    with pytest.raises(front_matter.FrontMatterError) as caught:
        check(tmp_path, {"docs/blog/posts/a.md": POST, "docs/blog/posts/b.md": POST})
    assert str(caught.value) == (
        'docs/blog/posts/b.md, line 5: slug: "front-matter-check" is already the slug of docs/blog/posts/a.md; '
        "expected each post to have its own slug (it is the end of the post's address)"
    )


def test_misspelt_field_suggests_the_right_name(tmp_path):
    assert error_for(tmp_path, edit("description:", "descripton:")) == (
        f"{SHOWN} has 2 problems:\n"
        f"  line 2: description: is missing; {REQUIRED}\n"
        f'  line 3: descripton: is not a known field (did you mean "description"?); expected one of: {POST_FIELDS}'
    )


def test_post_without_the_more_line_is_rejected(tmp_path):
    assert error_for(tmp_path, edit("<!-- more -->\n", "")) == (
        f"{SHOWN}: the post has no <!-- more --> line; expected one on a line of its own after the opening "
        "paragraphs (the text above it is the excerpt shown on the blog's index pages)"
    )


UNCLOSED = "a quotation mark opened here is never closed; expected the value to end with the same mark on this line: "


def test_unclosed_quote_is_reported_on_its_file_line(tmp_path):
    text = edit("slug: front-matter-check", 'slug: "front-matter-check')
    assert line_no(text, "slug:") == 5
    assert error_for(tmp_path, text) == f'{SHOWN}, line 5: slug: {UNCLOSED}slug: "front-matter-check"'


def test_unclosed_single_quote_in_the_title_is_reported_on_line_2(tmp_path):
    text = edit('title: "Checking the Front Matter"', "title: 'Checking the Front Matter")
    assert error_for(tmp_path, text) == f"{SHOWN}, line 2: title: {UNCLOSED}title: 'Checking the Front Matter'"


def test_unclosed_double_quote_in_the_title_is_reported_on_line_2(tmp_path):
    # The next line's own quotes close it as far as YAML can tell: the message still points here.
    text = edit('title: "Checking the Front Matter"', 'title: "Checking the Front Matter')
    assert error_for(tmp_path, text) == f'{SHOWN}, line 2: title: {UNCLOSED}title: "Checking the Front Matter"'


def test_page_without_description_is_rejected(tmp_path):
    text = edit("description: A page written by the tests to check that pages need a description too.\n", "", PAGE)
    assert error_for(tmp_path, text, "docs/about.md") == (
        "docs/about.md, line 2: description: is missing; the front matter needs: title, description"
    )


def test_page_without_front_matter_is_rejected(tmp_path):
    assert error_for(tmp_path, "# About the firm\n", "docs/about.md") == (
        "docs/about.md, line 1: the page has no front matter; expected it to start with a '---' line, "
        "then title: and description: lines, then another '---' line"
    )


@pytest.mark.parametrize("title", ["{{ config.site_name }} Tips", "Tips {% raw %}", "Tips {# note #}"])
def test_template_code_in_a_post_title_is_rejected(tmp_path, title):
    assert error_for(tmp_path, edit('"Checking the Front Matter"', f'"{title}"')) == (
        f'{SHOWN}, line 2: title: expected plain text, without {{{{, {{% or {{#, found text ("{title}")'
    )


def test_template_code_in_a_page_title_is_rejected(tmp_path):
    text = edit("title: About the firm", "title: About {{ firm }}", PAGE)
    assert error_for(tmp_path, text, "docs/about.md") == (
        'docs/about.md, line 2: title: expected plain text, without {{, {% or {#, found text ("About {{ firm }}")'
    )


# --- Full builds -----------------------------------------------------------------------------


def fails_with(build, project: Path, message: str) -> None:
    result = build(project)
    assert result.returncode != 0, result.output
    assert message in result.output
    assert "Traceback" not in result.output
    assert not (result.site / "index.html").exists()


def test_build_stops_on_a_post_without_description(project, build):
    post = project / "docs/blog/posts/lawyer-burnout.md"
    text = post.read_text(encoding="utf-8")
    description = next(line for line in text.splitlines(keepends=True) if line.startswith("description:"))
    post.write_text(text.replace(description, ""), encoding="utf-8")
    fails_with(build, project, f"docs/blog/posts/lawyer-burnout.md, line 2: description: is missing; {REQUIRED}")


def test_build_stops_on_a_category_in_the_wrong_case(project, build):
    post = project / "docs/blog/posts/lawyer-burnout.md"
    text = post.read_text(encoding="utf-8")
    post.write_text(edit("  - Running a law firm\n", "  - Running a Law Firm\n", text), encoding="utf-8")
    line = line_no(text, "  - Running a law firm")
    fails_with(
        build,
        project,
        (
            f'docs/blog/posts/lawyer-burnout.md, line {line}: categories > item 1: "Running a Law Firm" is not an '
            f'allowed category (did you mean "Running a law firm"?)'
        ),
    )


def test_build_stops_on_a_yaml_error_with_the_file_line(project, build):
    post = project / "docs/blog/posts/lawyer-burnout.md"
    text = post.read_text(encoding="utf-8")
    post.write_text(edit("slug: lawyer-burnout", 'slug: "lawyer-burnout', text), encoding="utf-8")
    fails_with(
        build,
        project,
        (
            f"docs/blog/posts/lawyer-burnout.md, line {line_no(text, 'slug:')}: slug: "
            "a quotation mark opened here is never closed; expected the value to end with the same mark on this line: "
            'slug: "lawyer-burnout"'
        ),
    )


def test_build_stops_on_two_posts_with_one_slug(project, build):
    posts_dir = project / "docs/blog/posts"
    shutil.copy(posts_dir / "lawyer-burnout.md", posts_dir / "new-post.md")  # an old post as a template
    fails_with(
        build,
        project,
        (
            'docs/blog/posts/new-post.md, line 5: slug: "lawyer-burnout" is already the slug of '
            "docs/blog/posts/lawyer-burnout.md; expected each post to have its own slug"
        ),
    )


def test_build_stops_on_a_page_without_description(project, build):
    page = project / "docs/contact.md"
    text = page.read_text(encoding="utf-8")
    description = next(line for line in text.splitlines(keepends=True) if line.startswith("description:"))
    page.write_text(text.replace(description, ""), encoding="utf-8")
    fails_with(
        build, project, "docs/contact.md, line 2: description: is missing; the front matter needs: title, description"
    )


def test_build_stops_on_an_impossible_date_without_a_traceback(project, build):
    post = project / "docs/blog/posts/lawyer-burnout.md"
    text = post.read_text(encoding="utf-8")
    post.write_text(edit("date: 2026-09-15", "date: 2026-13-01", text), encoding="utf-8")
    fails_with(build, project, f"docs/blog/posts/lawyer-burnout.md, line {line_no(text, 'date:')}: date: ")


def test_draft_false_cannot_publish_a_future_post_early(tmp_path):
    text = edit("slug: front-matter-check\n", "slug: front-matter-check\ndraft: false\n")
    assert error_for(tmp_path, text) == (
        f"{SHOWN}, line 6: draft: expected true to keep the post unpublished; to publish it, delete the "
        "draft line (a post dated in the future then waits for its date)"
    )


def test_empty_front_matter_says_what_belongs_in_it(tmp_path):
    assert error_for(tmp_path, "---\n\n---\n\n# About the firm\n", "docs/about.md") == (
        "docs/about.md, line 2: the front matter is empty; expected title: and description: lines "
        "between the two '---' lines"
    )


def test_a_published_post_with_the_scaffolds_placeholder_is_refused_at_its_line():
    text = "---\ntitle: T\n---\n\nIntro.\n\nREPLACE THIS with the text.\n"
    assert front_matter.placeholder_message("docs/blog/posts/a.md", text, {"title": "T"}) == (
        'docs/blog/posts/a.md, line 7: the post still says "REPLACE THIS"; expected your own words there '
        "before the post is published (or keep draft: true in its front matter until it is ready)"
    )
    assert front_matter.placeholder_message("docs/blog/posts/a.md", text, {"title": "T", "draft": True}) is None
    assert front_matter.placeholder_message("docs/blog/posts/a.md", text.replace("REPLACE THIS", "Our"), {}) is None
