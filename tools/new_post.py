"""Create a new blog post as a draft, with its front matter filled in: `make new-post TITLE="..."`.

The post is valid from the start (the build accepts it as it is) and a draft, so it
shows in `make serve` but is never published until an editor deletes `draft: true`.
The allowed categories, the authors and the posts folder come from mkdocs.yml and the
blog's authors file, never from this script. It writes one file and opens nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import json
import os
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

# Letters that Unicode does not split into a plain letter and an accent.
_LETTERS = str.maketrans({"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "þ": "th"})
_APOSTROPHES = re.compile(r"['’‘ʼ`]")
_JINJA = ("{{", "{%", "{#")
# Long enough for the schema (50 to 170 characters), and plainly a placeholder. The build
# refuses to publish a post that still says "REPLACE THIS" (PLACEHOLDER in macros/checks/front_matter.py).
DESCRIPTION = "REPLACE THIS with one or two plain sentences (50 to 170 characters) on what the post offers readers."


class Refused(Exception):
    """A request the scaffold cannot carry out; the message says why, in an editor's words."""


@dataclass(frozen=True)
class Blog:
    """What a new post needs to know about the blog, read from the project's settings."""

    posts_dir: Path
    categories: list[str]
    authors: list[str]
    post_url: str  # where a post is served, relative to the site: "blog/{slug}/"


def slugify(title: str) -> str:
    """A post address from its title: lowercase ASCII words joined by single hyphens."""
    text = _APOSTROPHES.sub("", title.lower().replace("&", " and ")).translate(_LETTERS)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def read_blog(config_file: Path) -> Blog:
    """The posts folder, allowed categories and author keys of the project whose settings are `config_file`."""
    from mkdocs.config import load_config  # imported here: loading MkDocs is slow and only needed here

    config = load_config(str(config_file))
    blog = config.plugins["material/blog"].config
    docs_dir = Path(config.docs_dir)
    project = config_file.resolve().parent
    sys.path.insert(0, str(project))
    from macros.checks.front_matter import load_authors  # the build's own reading: with limits, checked
    from macros.checks.problems import DataError

    try:
        authors = load_authors(project, docs_dir, blog.authors_file.format(blog=blog.blog_dir))
    except DataError as error:
        raise Refused(str(error)) from None
    return Blog(
        posts_dir=docs_dir / blog.post_dir.format(blog=blog.blog_dir),
        categories=list(blog.categories_allowed),
        authors=list(authors),
        post_url=f"{blog.blog_dir.strip('/')}/{blog.post_url_format}/",
    )


def existing_slugs(posts_dir: Path) -> dict[str, Path]:
    """The slug of every post already written, with its file (posts whose front matter does not parse are skipped)."""
    from mkdocs.utils.meta import YAML_RE  # MkDocs' own rule for where front matter ends

    from macros.checks.yaml_reader import parse_yaml  # with limits: a post's front matter may be anything

    slugs: dict[str, Path] = {}
    for path in sorted(posts_dir.rglob("*.md")):
        match = YAML_RE.match(path.read_text(encoding="utf-8-sig", errors="replace"))
        try:
            meta = parse_yaml(match.group(1))[0] if match else None
        except yaml.YAMLError:
            continue
        if isinstance(meta, dict) and isinstance(meta.get("slug"), str):
            slugs[meta["slug"]] = path
    return slugs


def choose_category(category: str | None, allowed: list[str]) -> str:
    """The category asked for, checked against the allowed ones; the first allowed one if none was asked for."""
    if not allowed:
        raise Refused("mkdocs.yml allows no categories (categories_allowed under the blog plugin is empty)")
    if category is None or category == "":
        return allowed[0]
    if category in allowed:
        return category
    hint = difflib.get_close_matches(category, allowed, n=1, cutoff=0.5)
    did_you_mean = f' (did you mean "{hint[0]}"?)' if hint else ""
    raise Refused(
        f'CATEGORY="{category}" is not an allowed category{did_you_mean}; '
        f"expected one of: {', '.join(allowed)} (see categories_allowed in mkdocs.yml)"
    )


def choose_date(date: str | None, today: dt.date) -> dt.date:
    """The post's date: `date` written year-month-day, or today."""
    if date is None or date == "":
        return today
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
            raise ValueError
        return dt.date.fromisoformat(date)
    except ValueError:
        raise Refused(
            f'DATE="{date}" is not a real date; expected a date written year-month-day, such as {today.isoformat()}'
        ) from None


def check_title(title: str) -> str:
    """The title without surrounding spaces; refused if empty or holding template braces."""
    title = " ".join(title.split())
    if not title:
        raise Refused('the title is empty; expected make new-post TITLE="The Title of the Post"')
    if any(mark in title for mark in _JINJA):
        raise Refused(
            f'the title "{title}" holds {{{{, {{% or {{#, which the site would treat as a template; expected plain text'
        )
    return title


def check_slug(slug: str, title: str, posts_dir: Path, taken: dict[str, Path], project: Path) -> str:
    """The slug, refused if it is not a valid address or another post already uses it or its file."""
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug):
        raise Refused(
            f'the title "{title}" gives no usable address (slug "{slug}"); expected a title with '
            'letters or digits, or set one with SLUG="lowercase-words-with-hyphens"'
        )
    shown = (posts_dir / f"{slug}.md").relative_to(project).as_posix() if posts_dir.is_relative_to(project) else slug
    if slug in taken:
        other = taken[slug].relative_to(project).as_posix() if taken[slug].is_relative_to(project) else taken[slug]
        raise Refused(
            f'the slug "{slug}" is already used by {other}; expected a new one: '
            'change the title, or set SLUG="another-address"'
        )
    if (posts_dir / f"{slug}.md").exists():
        raise Refused(f'{shown} already exists; expected a new file: change the title, or set SLUG="another-address"')
    return slug


def post_text(title: str, slug: str, date: dt.date, author: str, category: str, blog: Blog) -> str:
    """The Markdown of a new draft post: filled front matter, an excerpt, the excerpt line and a body to replace."""
    others = [c for c in blog.categories if c != category]
    other_authors = [a for a in blog.authors if a != author]
    # JSON strings are valid YAML: the title is quoted safely whatever characters it holds.
    return f"""\
---
title: {json.dumps(title, ensure_ascii=False)}
description: "{DESCRIPTION}"
date: {date.isoformat()}   # year-month-day; a future date keeps the post unpublished until then
slug: {slug}   # the end of the post's address
draft: true   # delete this line to publish the post
authors:
  - {author}   # a key of docs/blog/.authors.yml{f"; the others: {', '.join(other_authors)}" if other_authors else ""}
categories:
  - {category}   # one of categories_allowed in mkdocs.yml{f"; the others: {', '.join(others)}" if others else ""}
---

!!! abstract "In short"

    - REPLACE THIS with the first thing a reader should take away.
    - REPLACE THIS with the second.

REPLACE THIS opening paragraph: say who the post is for and what it answers.
Everything above the line below is the excerpt shown on the blog's index pages.

<!-- more -->

## REPLACE THIS with the first heading

REPLACE THIS with the text of the first section.
"""


def preview_address(blog: Blog, slug: str) -> str:
    """Where `make serve` shows the post, or the blog's first page if its address holds more than the slug."""
    if blog.post_url.count("{") == 1 and "{slug}" in blog.post_url:
        return blog.post_url.format(slug=slug)
    return blog.post_url.split("/")[0] + "/"


def create_post(
    project: Path,
    blog: Blog,
    title: str,
    category: str | None = None,
    date: str | None = None,
    slug: str | None = None,
    today: dt.date | None = None,
) -> Path:
    """Write a new draft post into the blog's posts folder and return its path; raise Refused if it cannot."""
    title = check_title(title)
    if not blog.authors:
        raise Refused("docs/blog/.authors.yml lists no authors; expected at least one under authors:")
    chosen_category = choose_category(category, blog.categories)
    chosen_date = choose_date(date, today or dt.date.today())
    chosen_slug = check_slug(slug or slugify(title), title, blog.posts_dir, existing_slugs(blog.posts_dir), project)
    path = blog.posts_dir / f"{chosen_slug}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        post_text(title, chosen_slug, chosen_date, blog.authors[0], chosen_category, blog), encoding="utf-8"
    )
    return path


def main(argv: list[str] | None = None) -> int:
    """Command line: title, category, date and slug from arguments or from TITLE, CATEGORY, DATE, SLUG."""
    parser = argparse.ArgumentParser(description="Create a new draft blog post.")
    parser.add_argument("title", nargs="?", default=os.environ.get("TITLE", ""))
    parser.add_argument("--category", default=os.environ.get("CATEGORY"))
    parser.add_argument("--date", default=os.environ.get("DATE"))
    parser.add_argument("--slug", default=os.environ.get("SLUG"))
    args = parser.parse_args(argv)
    project = Path.cwd()
    try:
        blog = read_blog(project / "mkdocs.yml")
        path = create_post(project, blog, args.title, args.category, args.date, args.slug)
    except Refused as refusal:
        print(f"new-post: no post created: {refusal}", file=sys.stderr)
        return 1
    shown = path.relative_to(project).as_posix()
    print(
        f"Created {shown} (a draft).\n"
        f"1. Replace every REPLACE THIS in it, starting with the description.\n"
        f"2. Preview it: run make serve, then open http://127.0.0.1:8000/{preview_address(blog, path.stem)}\n"
        f"3. To publish it, delete the line draft: true"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
