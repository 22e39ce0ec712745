"""`make new-post TITLE="..."`: one command writes a valid draft post, or says why it will not."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from new_post import slugify

POSTS = Path("docs/blog/posts")
CATEGORIES = "Legal careers, Outsourcing, Running a law firm"


@pytest.fixture
def scaffold(project: Path, tmp_path: Path):
    """Run `make new-post` in the project copy, with these make variables; return the finished process."""
    shutil.copy2(ROOT / "Makefile", project)
    shutil.copy2(ROOT / "requirements.txt", project)
    (project / "tools").mkdir()
    shutil.copy2(ROOT / "tools" / "new_post.py", project / "tools")
    # A stand-in for .venv: the tests' own Python, already holding the site's packages.
    venv = tmp_path / "venv"
    venv.mkdir()
    (venv / ".site").touch()

    def run(**variables: str) -> subprocess.CompletedProcess[str]:
        settings = [f"{name}={value}" for name, value in variables.items()]
        env = {k: v for k, v in os.environ.items() if k not in ("TITLE", "CATEGORY", "DATE", "SLUG", "MAKEFLAGS")}
        return subprocess.run(
            [
                "make",
                "--no-print-directory",
                "new-post",
                *settings,
                f"VENV={venv}",
                f"BIN={Path(sys.executable).parent}",
            ],
            cwd=project,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )

    return run


def posts_in(project: Path) -> list[str]:
    return sorted(p.name for p in (project / POSTS).iterdir())


@pytest.mark.parametrize(
    "title, slug",
    [
        ("Why Small Firms Outsource Billing", "why-small-firms-outsource-billing"),
        ("Café Clients & the Firm’s Billing", "cafe-clients-and-the-firms-billing"),
        ("Résumé Tips: Paralegal vs. Legal Assistant?", "resume-tips-paralegal-vs-legal-assistant"),
        ("  Don't Panic -- It's Only   Discovery!  ", "dont-panic-its-only-discovery"),
        ("2026–2027 Rates for Straße & Øresund Clients", "2026-2027-rates-for-strasse-and-oresund-clients"),
    ],
)
def test_titles_become_lowercase_ascii_addresses(title, slug):
    assert slugify(title) == slug


def test_the_new_post_is_a_draft_with_its_front_matter_filled(scaffold, project):
    result = scaffold(TITLE="Why Small Firms Outsource Billing")
    assert result.returncode == 0, result.stderr
    path = project / POSTS / "why-small-firms-outsource-billing.md"
    assert result.stdout.startswith(f"Created {POSTS.as_posix()}/why-small-firms-outsource-billing.md (a draft).\n")
    assert "http://127.0.0.1:8000/blog/why-small-firms-outsource-billing/" in result.stdout
    text = path.read_text(encoding="utf-8")
    assert text.startswith(
        '---\ntitle: "Why Small Firms Outsource Billing"\n'
        'description: "REPLACE THIS with one or two plain sentences (50 to 170 characters) '
        'on what the post offers readers."\n'
        f"date: {dt.date.today().isoformat()}   #"
    )
    for line in (
        "slug: why-small-firms-outsource-billing   # the end of the post's address",
        "draft: true   # delete this line to publish the post",
        "  - editorial   # a key of docs/blog/.authors.yml",
        ("  - Legal careers   # one of categories_allowed in mkdocs.yml; the others: Outsourcing, Running a law firm"),
        "<!-- more -->",
    ):
        assert f"\n{line}\n" in text, line


def test_the_new_post_builds_shows_nowhere_until_its_draft_line_is_deleted(scaffold, project, build):
    assert scaffold(TITLE="Why Small Firms Outsource Billing", CATEGORY="Outsourcing").returncode == 0
    draft = build(project)
    assert draft.returncode == 0, draft.output
    assert not (draft.site / "blog/why-small-firms-outsource-billing").exists()
    assert "Why Small Firms" not in (draft.site / "blog/index.html").read_text(encoding="utf-8")

    path = project / POSTS / "why-small-firms-outsource-billing.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("draft: true   # delete this line to publish the post\n", ""), encoding="utf-8")
    # Published with the scaffold's placeholders still in it: stopped, at the first one.
    unfinished = build(project)
    assert unfinished.returncode != 0
    first = next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "REPLACE THIS" in line)
    assert (
        f'docs/blog/posts/why-small-firms-outsource-billing.md, line {first}: the post still says "REPLACE THIS"; '
        "expected your own words there"
    ) in unfinished.output
    path.write_text(path.read_text(encoding="utf-8").replace("REPLACE THIS", "Our own words"), encoding="utf-8")
    published = build(project)
    assert published.returncode == 0, published.output
    title = published.page("blog/why-small-firms-outsource-billing").h1.get_text(strip=True)
    assert title == "Why Small Firms Outsource Billing"
    assert "Why Small Firms Outsource Billing" in published.page("blog/category/outsourcing").get_text()


def test_the_scaffold_takes_categories_and_authors_from_the_project(scaffold, project):
    settings = project / "mkdocs.yml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("        - Legal careers\n", ""), encoding="utf-8")
    authors = project / "docs/blog/.authors.yml"
    research = (
        "  research:\n    name: Research desk\n    description: Research\n"
        "    avatar: assets/images/editorial-team.svg\n"
    )
    authors.write_text(
        authors.read_text(encoding="utf-8").replace("authors:\n", "authors:\n" + research), encoding="utf-8"
    )
    assert scaffold(TITLE="A Post").returncode == 0
    text = (project / POSTS / "a-post.md").read_text(encoding="utf-8")
    assert "\n  - Outsourcing   # one of categories_allowed in mkdocs.yml; the others: Running a law firm\n" in text
    assert "\n  - research   # a key of docs/blog/.authors.yml; the others: editorial\n" in text


@pytest.mark.parametrize(
    "variables, message",
    [
        ({}, 'the title is empty; expected make new-post TITLE="The Title of the Post"'),
        ({"TITLE": "   "}, 'the title is empty; expected make new-post TITLE="The Title of the Post"'),
        (
            {"TITLE": "Lawyer Burnout"},
            (
                'the slug "lawyer-burnout" is already used by docs/blog/posts/lawyer-burnout.md; '
                'expected a new one: change the title, or set SLUG="another-address"'
            ),
        ),
        (
            {"TITLE": "A New Post", "SLUG": "virtual-legal-clerk"},
            (
                'the slug "virtual-legal-clerk" is already used by docs/blog/posts/virtual-legal-clerk.md; '
                'expected a new one: change the title, or set SLUG="another-address"'
            ),
        ),
        (
            {"TITLE": "¿?"},
            (
                'the title "¿?" gives no usable address (slug ""); expected a title with letters or digits, '
                'or set one with SLUG="lowercase-words-with-hyphens"'
            ),
        ),
        (
            {"TITLE": "Hello {{ name }}"},
            (
                'the title "Hello {{ name }}" holds {{, {% or {#, which the site would treat '
                "as a template; expected plain text"
            ),
        ),
        (
            {"TITLE": "A Post", "CATEGORY": "outsourcing"},
            (
                'CATEGORY="outsourcing" is not an allowed category (did you mean "Outsourcing"?); '
                f"expected one of: {CATEGORIES} (see categories_allowed in mkdocs.yml)"
            ),
        ),
        (
            {"TITLE": "A Post", "DATE": "2026-02-30"},
            ('DATE="2026-02-30" is not a real date; expected a date written year-month-day, such as'),
        ),
        ({"TITLE": "A Post", "DATE": "1/12/2026"}, 'DATE="1/12/2026" is not a real date'),
    ],
)
def test_a_post_that_cannot_be_made_is_refused_with_the_reason(scaffold, project, variables, message):
    before = posts_in(project)
    result = scaffold(**variables)
    assert result.returncode != 0
    assert f"new-post: no post created: {message}" in result.stderr, result.stderr
    assert posts_in(project) == before


def test_an_existing_file_is_never_overwritten(scaffold, project):
    taken = project / POSTS / "a-post.md"
    taken.write_text("notes, not yet a post\n", encoding="utf-8")
    result = scaffold(TITLE="A Post")
    assert "new-post: no post created: docs/blog/posts/a-post.md already exists" in result.stderr
    assert taken.read_text(encoding="utf-8") == "notes, not yet a post\n"
