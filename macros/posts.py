"""Check the front matter of every page and blog post, and list the newest published posts.

Editors write front matter by hand. MkDocs ignores front matter it cannot parse and
Material's blog plugin reports only some missing fields, so a typo could publish a page
without a description or a post under no category. Each file is checked here before
anything renders, and a mistake stops the build with one message naming the file,
the line and the field.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from mkdocs.utils.meta import YAML_RE

from .data import DataError, Problem, format_problems, line_of, parse_yaml, schema_problems, yaml_error_message

POST_SCHEMA_FILE = Path("data/post.schema.json")
# The words `make new-post` (tools/new_post.py) writes where the editor has yet to write.
PLACEHOLDER = "REPLACE THIS"
PAGE_SCHEMA_FILE = Path("data/page.schema.json")


@dataclass(frozen=True)
class BlogRules:
    """What the blog accepts, read from mkdocs.yml and docs/blog/.authors.yml."""

    posts_dir: str  # relative to docs/, such as "blog/posts"
    authors: list[str]
    categories: list[str]
    excerpt_separator: str


@dataclass(frozen=True)
class FrontMatter:
    """A page's front matter as written: its data, node tree (for lines) and body."""

    data: Any
    node: yaml.Node | None
    body: str


class FrontMatterError(DataError):
    """A page or post whose front matter cannot be used; the message is written for editors."""


def read_front_matter(shown: str, text: str) -> FrontMatter:
    """Split a page into parsed front matter and body, or raise a clear error."""
    match = YAML_RE.match(text)  # MkDocs' own rule, so both agree on what is front matter
    if match is None:
        raise FrontMatterError(
            f"{shown}, line 1: the page has no front matter; expected it to start with a '---' line, "
            "then title: and description: lines, then another '---' line"
        )
    try:
        data, node = parse_yaml(match.group(1))
    except yaml.YAMLError as error:
        # The YAML starts on the file's second line, after the opening "---".
        raise FrontMatterError(yaml_error_message(shown, match.group(1), error, first_line=2)) from None
    return FrontMatter(data, node, text[match.end():])


def plain_values(meta: Any) -> Any:
    """Front matter with YAML dates as year-month-day text, the form the schema checks."""
    if not isinstance(meta, dict):
        return meta
    return {key: value.isoformat() if isinstance(value, dt.date) else value for key, value in meta.items()}


def _unknown(path: tuple[str | int, ...], value: str, known: list[str], what: str, where: str) -> Problem:
    hint = difflib.get_close_matches(value, known, n=1, cutoff=0.5)
    did_you_mean = f' (did you mean "{hint[0]}"?)' if hint else ""
    return Problem(path, f'"{value}" is not {what}{did_you_mean}; expected one of: {", ".join(known)} (see {where})')


def post_problems(meta: dict[str, Any], rules: BlogRules) -> list[Problem]:
    """What the schema cannot know: that the authors and categories exist."""
    problems = [_unknown(("authors", i), name, rules.authors, "an author", "docs/blog/.authors.yml")
                for i, name in enumerate(meta["authors"]) if name not in rules.authors]
    problems += [_unknown(("categories", i), name, rules.categories, "an allowed category", "categories_allowed in mkdocs.yml")
                 for i, name in enumerate(meta["categories"]) if name not in rules.categories]
    return problems


def excerpt_message(shown: str, body: str, separator: str) -> str | None:
    """A message if the post lacks the line that ends its excerpt, else None."""
    if separator in body:
        return None
    return (f"{shown}: the post has no {separator} line; expected one on a line of its own after the "
            "opening paragraphs (the text above it is the excerpt shown on the blog's index pages)")


def placeholder_message(shown: str, text: str, meta: dict[str, Any]) -> str | None:
    """A message if a post that would be published still holds the scaffold's placeholder, else None."""
    if meta.get("draft") is True or PLACEHOLDER not in text:
        return None
    line = text[:text.index(PLACEHOLDER)].count("\n") + 1
    return (f"{shown}, line {line}: the post still says \"{PLACEHOLDER}\"; expected your own words there "
            "before the post is published (or keep draft: true in its front matter until it is ready)")


def check_file(shown: str, text: str, schema: dict[str, Any], rules: BlogRules | None) -> FrontMatter:
    """Check one page (or, with rules, one post); raise FrontMatterError naming the line and field."""
    page = read_front_matter(shown, text)
    if page.data is None:
        raise FrontMatterError(f"{shown}, line 2: the front matter is empty; expected title: and description: "
                               "lines between the two '---' lines" + (" (and the other fields of a post)" if rules else ""))
    meta = plain_values(page.data)
    problems = schema_problems(meta, schema, whole="the front matter")
    if not problems and rules is not None:
        problems = post_problems(meta, rules)
    if problems:
        raise FrontMatterError(format_problems(shown, meta, page.node, problems, first_line=2))
    message = (excerpt_message(shown, page.body, rules.excerpt_separator)
               or placeholder_message(shown, text, meta)) if rules is not None else None
    if message:
        raise FrontMatterError(message)
    return page


def duplicate_slugs(slugs: Iterable[tuple[str, int, str]]) -> str | None:
    """A message if two posts (file, line, slug) share a slug (one would overwrite the other), else None."""
    seen: dict[str, str] = {}
    for shown, line, slug in slugs:
        if slug in seen:
            return (f'{shown}, line {line}: slug: "{slug}" is already the slug of {seen[slug]}; '
                    "expected each post to have its own slug (it is the end of the post's address)")
        seen[slug] = shown
    return None


def check_docs(docs_dir: Path, project_dir: Path, rules: BlogRules) -> None:
    """Check the front matter of every Markdown page under docs_dir; raise on the first bad file."""
    post_schema = json.loads((project_dir / POST_SCHEMA_FILE).read_text(encoding="utf-8"))
    page_schema = json.loads((project_dir / PAGE_SCHEMA_FILE).read_text(encoding="utf-8"))
    slugs: list[tuple[str, int, str]] = []
    for path in sorted(docs_dir.rglob("*.md")):
        relative = path.relative_to(docs_dir).as_posix()
        shown = (path.relative_to(project_dir) if path.is_relative_to(project_dir) else path).as_posix()
        is_post = relative.startswith(rules.posts_dir.rstrip("/") + "/")
        page = check_file(shown, path.read_text(encoding="utf-8-sig"), post_schema if is_post else page_schema,
                          rules if is_post else None)
        if is_post:
            slugs.append((shown, line_of(page.node, ("slug",)) + 1, page.data["slug"]))
    message = duplicate_slugs(slugs)
    if message:
        raise FrontMatterError(message)


def blog_rules(blog: Any) -> BlogRules:
    """The blog's rules from Material's blog plugin: its settings in mkdocs.yml and the
    authors it has already read from .authors.yml (its on_config runs before the macros')."""
    config = blog.config
    return BlogRules(
        posts_dir=config.post_dir.format(blog=config.blog_dir.strip("/")),
        authors=sorted(blog.authors),
        categories=list(config.categories_allowed),
        excerpt_separator=config.post_excerpt_separator,
    )


# ---------------------------------------------------------------------------
# The "Recent blogs & resources" list


@dataclass(frozen=True)
class PostLink:
    """One entry of the recent-posts list."""

    title: str
    description: str
    date: dt.datetime
    url: str  # the post's address relative to the site root, or to the page showing the list

    @property
    def iso_date(self) -> str:
        """The date for a <time datetime="..."> attribute."""
        return self.date.date().isoformat()

    @property
    def long_date(self) -> str:
        """The date as readers see it: November 17, 2026."""
        return f"{self.date:%B} {self.date.day}, {self.date.year}"


@dataclass(frozen=True)
class Feed:
    """One of the blog's feeds: what readers call it, its file at the site root, its media type."""

    name: str
    file: str
    media_type: str


def feeds(rss_config: Any) -> list[Feed]:
    """The feeds of new posts that mkdocs-rss-plugin writes, from its settings in mkdocs.yml."""
    names = rss_config.feeds_filenames
    return [Feed("RSS", names.rss_created, "application/rss+xml"),
            Feed("JSON Feed", names.json_created, "application/feed+json")]


def created(post: Any) -> dt.datetime:
    """The publication date Material resolved for a post."""
    return post.config.date.created


def newest_first(posts: Sequence[Any]) -> list[PostLink]:
    """Material's published posts as list entries, newest first whatever their pinning."""
    ordered = sorted(posts, key=created, reverse=True)
    return [PostLink(post.title or "", post.meta.get("description", ""), created(post), post.url) for post in ordered]
