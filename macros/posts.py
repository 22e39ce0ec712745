"""Check every page and blog post as written, list the newest published posts, and rank related ones.

Editors write front matter by hand. MkDocs ignores front matter it cannot parse and
Material's blog plugin reports only some missing fields, so a typo could publish a page
without a description or a post under no category. Each file is checked here before
anything renders (its front matter, where a post's excerpt ends, its links to posts that
will not be published, and the blog's authors file), and a mistake stops the build with
one message naming the file, the line and the field.
"""

from __future__ import annotations

import bisect
import datetime as dt
import heapq
import os
import posixpath
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import yaml
from mkdocs.utils import markdown_extensions
from mkdocs.utils.meta import YAML_RE

from . import links
from .data import (DataError, Problem, decode_utf8, format_problems, line_of, load_checked, parse_yaml, quoted,
                   schema_problems, schema_validator, unknown_value, yaml_error_message)

POST_SCHEMA_FILE = Path("data/post.schema.json")
# The words `make new-post` (tools/new_post.py) writes where the editor has yet to write.
PLACEHOLDER = "REPLACE THIS"
PAGE_SCHEMA_FILE = Path("data/page.schema.json")
AUTHORS_SCHEMA_FILE = Path("data/authors.schema.json")


@dataclass(frozen=True)
class BlogRules:
    """What the blog accepts, read from mkdocs.yml and docs/blog/.authors.yml."""

    posts_dir: str  # relative to docs/, such as "blog/posts"
    authors: list[str]
    categories: list[str]
    excerpt_separator: str
    blog_dir: str = "blog"
    post_url_format: str = "{slug}"  # a post's address below blog_dir, as in mkdocs.yml

    def is_post(self, src_uri: str) -> bool:
        """Whether the page at `src_uri` (relative to docs/) is a blog post."""
        return src_uri.startswith(self.posts_dir.rstrip("/") + "/")

    def post_url(self, src_uri: str, slug: str) -> str:
        """A post's address, as the blog plugin makes it; "" if the format uses more than the slug and file."""
        try:
            path = self.post_url_format.format(slug=slug, file=posixpath.splitext(posixpath.basename(src_uri))[0])
        except (KeyError, IndexError):
            return ""
        return f"{self.blog_dir.strip('/')}/{path.strip('/')}/"


@dataclass(frozen=True)
class CheckedPage:
    """A page whose front matter passed: where it is, its front matter and body, and where the body starts."""

    src_uri: str  # relative to docs/
    shown: str  # as editors see it, such as docs/blog/posts/a.md
    meta: dict[str, Any]
    node: yaml.Node | None
    body: str
    body_line: int  # the file's line on which the body starts (after the front matter)


@dataclass(frozen=True)
class FrontMatter:
    """A page's front matter as written: its data, node tree (for lines) and body."""

    data: Any
    node: yaml.Node | None
    body: str


class FrontMatterError(DataError):
    """A page or post whose front matter cannot be used; the message is written for editors."""


def read_front_matter(shown: str, text: str) -> FrontMatter:
    """Split a page into parsed front matter (read with limits) and body, or raise a clear error."""
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


def post_problems(meta: dict[str, Any], rules: BlogRules) -> list[Problem]:
    """What the schema cannot know: that the authors and categories exist."""
    problems = [unknown_value(("authors", i), name, rules.authors, "an author", where="docs/blog/.authors.yml", cutoff=0.5)
                for i, name in enumerate(meta["authors"]) if name not in rules.authors]
    problems += [unknown_value(("categories", i), name, rules.categories, "an allowed category",
                               where="categories_allowed in mkdocs.yml", cutoff=0.5)
                 for i, name in enumerate(meta["categories"]) if name not in rules.categories]
    return problems


def excerpt_message(shown: str, body: str, separator: str) -> str | None:
    """A message if the post lacks the line that ends its excerpt, else None."""
    if separator in body:
        return None
    return (f"{shown}: the post has no {separator} line; expected one on a line of its own after the "
            "opening paragraphs (the text above it is the excerpt shown on the blog's index pages)")


_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_COMMENT = re.compile(r"<!--.*?-->")
_TAG = re.compile(r"<(/?)([A-Za-z][\w-]*)\b[^>]*?(/?)>")
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})


def _html_depth(line: str) -> int:
    """How many HTML elements a line opens and leaves open (negative if it closes more)."""
    depth = 0
    for closing, name, self_closing in _TAG.findall(_COMMENT.sub("", line)):
        if name.lower() not in _VOID and not self_closing:
            depth += -1 if closing else 1
    return depth


def excerpt_placement(body: str, separator: str) -> tuple[int, str] | None:
    """Where the first excerpt marker stands where it cannot end the excerpt cleanly: (0-based line, why).

    The blog plugin cuts the post's HTML at the first marker. In a code block the marker is shown
    as text, so the whole post becomes its excerpt; inside a list, a note box, a quote or an HTML
    block it cuts that element in two on the blog's index pages. None when it stands alone at the
    top level (or is missing, which excerpt_message reports).
    """
    lines = body.split("\n")
    fence, depth = "", 0
    for index, line in enumerate(lines):
        match = _FENCE.match(line)
        if fence:
            if separator in line:
                return index, "it is inside a code block, where it shows as text, so the whole post would become its excerpt"
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence) and not line.strip(" `~"):
                fence = ""
            continue
        if match:
            fence = match.group(1)
            continue
        if separator not in line:
            depth += _html_depth(line)
            continue
        if line.strip() != separator:
            return index, "it is not alone on its line, so it would cut the excerpt off in the middle of a paragraph"
        if line.rstrip() != separator:
            return index, "it is indented, so it falls inside a list, a note box or a quote and would cut that in two"
        if depth > 0:
            return index, "it is inside an HTML block (such as <div markdown>), which it would cut in two"
        if index and lines[index - 1].strip() or index + 1 < len(lines) and lines[index + 1].strip():
            return index, "it has text right above or below it, so it would join that paragraph"
        return None
    return None


def excerpt_placement_message(shown: str, page: FrontMatter, body_line: int, separator: str) -> str | None:
    """A message naming the line if the post's excerpt marker is misplaced, else None."""
    placement = excerpt_placement(page.body, separator)
    if placement is None:
        return None
    index, why = placement
    return (f"{shown}, line {body_line + index}: the {separator} line cannot end the excerpt here: {why}; expected "
            f"a line holding only {separator}, at the left margin, with an empty line above and below it, outside "
            "lists, note boxes, quotes and code blocks")


def placeholder_message(shown: str, text: str, meta: dict[str, Any]) -> str | None:
    """A message if a post that would be published still holds the scaffold's placeholder, else None."""
    if meta.get("draft") is True or PLACEHOLDER not in text:
        return None
    line = text[:text.index(PLACEHOLDER)].count("\n") + 1
    return (f"{shown}, line {line}: the post still says \"{PLACEHOLDER}\"; expected your own words there "
            "before the post is published (or keep draft: true in its front matter until it is ready)")


def body_line(text: str, body: str) -> int:
    """The 1-based line of a page's file `text` on which its `body` (what follows the front matter) starts."""
    return text.count("\n", 0, len(text) - len(body)) + 1 if text.endswith(body) else 1


def check_file(shown: str, text: str, schema: Any, rules: BlogRules | None) -> FrontMatter:
    """Check one page (or, with rules, one post); raise FrontMatterError naming the line and field.

    `schema` is the validator for the page's or the post's front matter (data.schema_validator).
    """
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
               or excerpt_placement_message(shown, page, body_line(text, page.body), rules.excerpt_separator)
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


def markdown_pages(docs_dir: Path) -> list[str]:
    """Every page MkDocs would read under docs_dir (any Markdown ending, in any case), hidden files left out."""
    found = []
    for path in sorted(docs_dir.rglob("*")):
        relative = path.relative_to(docs_dir).as_posix()
        if path.is_file() and path.suffix.lower() in markdown_extensions and not any(
                part.startswith(".") for part in relative.split("/")):
            found.append(relative)
    return found


def unpublished_reason(meta: dict[str, Any], today: dt.date) -> str | None:
    """Why a post's front matter keeps it unpublished (as the blog is set up in mkdocs.yml), or None."""
    if meta.get("draft") is True:
        return "it is a draft (draft: true in its front matter)"
    date = dt.date.fromisoformat(meta["date"])
    if date > today:
        return f"it is scheduled for {date.isoformat()} (its date), and readers will not find it before then"
    return None


def unpublished_link_messages(pages: list[CheckedPage], rules: BlogRules, today: dt.date) -> list[str]:
    """A message for each link from a published page or post to a post that will not be published."""
    unpublished, published = [], []
    for page in pages:
        reason = unpublished_reason(page.meta, today) if rules.is_post(page.src_uri) else None
        if reason:
            unpublished.append(links.Unpublished(page.src_uri, rules.post_url(page.src_uri, page.meta["slug"]), reason))
        else:
            published.append(page)
    if not unpublished:
        return []
    messages = []
    for page in published:
        url = rules.post_url(page.src_uri, page.meta["slug"]) if rules.is_post(page.src_uri) else links.page_url(page.src_uri)
        for line, target, post in links.links_to_unpublished(page.body, page.src_uri, url, unpublished):
            messages.append(f"{page.shown}, line {page.body_line + line - 1}: the link to {target} leads to "
                            f"{post.src_uri}, which is not published: {post.reason}; expected links to published "
                            "pages only (remove the link until the post is out, or publish the post first)")
    return messages


def check_docs(docs_dir: Path, project_dir: Path, rules: BlogRules, pages: Iterable[str] | None = None,
               today: dt.date | None = None) -> list[CheckedPage]:
    """Check every page under docs_dir (or the `pages` given, relative to it); raise on the first bad file.

    `today` (default: today in UTC, as the blog plugin decides) says which posts are still to come.
    """
    post_schema = schema_validator(project_dir, POST_SCHEMA_FILE)
    page_schema = schema_validator(project_dir, PAGE_SCHEMA_FILE)
    slugs: list[tuple[str, int, str]] = []
    checked = []
    for relative in markdown_pages(docs_dir) if pages is None else pages:
        path = docs_dir / relative
        shown = (path.relative_to(project_dir) if path.is_relative_to(project_dir) else path).as_posix()
        is_post = rules.is_post(relative)
        text = decode_utf8(shown, path.read_bytes())
        page = check_file(shown, text, post_schema if is_post else page_schema, rules if is_post else None)
        meta = plain_values(page.data)
        checked.append(CheckedPage(relative, shown, meta, page.node, page.body, body_line(text, page.body)))
        if is_post:
            slugs.append((shown, line_of(page.node, ("slug",)) + 1, page.data["slug"]))
    message = duplicate_slugs(slugs)
    if message:
        raise FrontMatterError(message)
    messages = unpublished_link_messages(checked, rules, today or dt.datetime.now(dt.timezone.utc).date())
    if messages:
        raise FrontMatterError(messages[0] if len(messages) == 1 else
                               f"{len(messages)} links lead to posts that are not published:\n  " + "\n  ".join(messages))
    return checked


def load_authors(project_dir: Path, docs_dir: Path, authors_file: str) -> dict[str, Any]:
    """The blog's authors file (relative to docs_dir), read with limits and checked; {} if there is none.

    Read here, before the blog plugin reads it (the macros plugin comes first in mkdocs.yml),
    so a mistake gets a message with its line, and the plugin only ever sees a checked file.
    """
    data_file = Path(os.path.relpath(docs_dir / authors_file, project_dir))
    if not (project_dir / data_file).is_file():
        return {}
    data, node = load_checked(project_dir, data_file, AUTHORS_SCHEMA_FILE)
    problems = [Problem(("authors", key, "avatar"), f"{quoted(author['avatar'])} is not a file in docs/; expected "
                        "the path of a picture in docs/, such as assets/images/editorial-team.svg")
                for key, author in data["authors"].items() if not (docs_dir / author["avatar"]).is_file()]
    if problems:
        raise DataError(format_problems(data_file.as_posix(), data, node, problems))
    return data["authors"]


def blog_rules(config: Any, authors: Iterable[str]) -> BlogRules:
    """The blog's rules from the blog plugin's settings in mkdocs.yml and the checked authors."""
    return BlogRules(
        posts_dir=config.post_dir.format(blog=config.blog_dir.strip("/")),
        authors=sorted(authors),
        categories=list(config.categories_allowed),
        excerpt_separator=config.post_excerpt_separator,
        blog_dir=config.blog_dir.strip("/"),
        post_url_format=config.post_url_format,
    )


# ---------------------------------------------------------------------------
# The "Recent blogs & resources" list


@dataclass(frozen=True)
class PostLink:
    """One entry of a list of posts (the recent posts, a post's related reading)."""

    title: str
    description: str
    date: dt.datetime
    url: str  # the post's address relative to the site root, or to the page showing the list
    categories: tuple[str, ...] = ()

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
    """One of the blog's feeds: what readers call it, its file, its media type, its full address."""

    name: str
    file: str  # at the site root, or relative to the page showing the link
    media_type: str
    address: str  # what a reader pastes into a feed reader: site_url and the file


def feeds(rss_config: Any, site_url: str | None) -> list[Feed]:
    """The feeds of new posts that mkdocs-rss-plugin writes, from its settings in mkdocs.yml."""
    names = rss_config.feeds_filenames
    return [Feed(name, file, media_type, urljoin(site_url or "", file)) for name, file, media_type in (
        ("RSS", names.rss_created, "application/rss+xml"),
        ("JSON Feed", names.json_created, "application/feed+json"))]


def created(post: Any) -> dt.datetime:
    """The publication date Material resolved for a post."""
    return post.config.date.created


def post_link(post: Any) -> PostLink:
    """One of Material's posts as a list entry, with its address relative to the site root."""
    return PostLink(post.title or "", post.meta.get("description", ""), created(post), post.url,
                    tuple(post.config.categories))


def newest_first(posts: Sequence[Any]) -> list[PostLink]:
    """Material's published posts as list entries, newest first whatever their pinning."""
    return [post_link(post) for post in sorted(posts, key=created, reverse=True)]


# ---------------------------------------------------------------------------
# "Related reading" at the end of each post

# How many other posts each post suggests (fewer only if the blog has fewer other posts).
RELATED_COUNT = 3
# The key under which each post's page.meta carries its related posts for overrides/blog-post.html.
# post.schema.json allows no such field, so an editor's front matter can never set it.
RELATED_KEY = "related_posts"
_NO_TIME = dt.timedelta(0)


def rank(current: PostLink, post: PostLink) -> tuple[int, dt.timedelta, dt.timedelta, str]:
    """How well `post` follows `current` (smaller is better): most categories shared, then nearest in
    date; a post sharing none ranks by date alone, newest first. Ties go to the newer post, then to
    the address, so the list is the same on every build."""
    shared = len(set(current.categories).intersection(post.categories))
    distance = abs(post.date - current.date) if shared else _NO_TIME
    return -shared, distance, current.date - post.date, post.url  # the third: smaller for a newer post


@dataclass(frozen=True)
class Shelf:
    """The blog's posts that have one same set of categories, oldest first, for ranking related reading."""

    categories: frozenset[str]
    posts: list[PostLink]  # by date, then address
    dates: list[dt.datetime]  # the posts' dates, for bisecting
    newest: list[PostLink]  # the few newest, for posts that share no category with these


def shelve(posts: Iterable[PostLink], count: int = RELATED_COUNT) -> list[Shelf]:
    """The posts grouped by their set of categories (done once per build: a blog has a few such sets)."""
    groups: dict[frozenset[str], list[PostLink]] = {}
    for post in posts:
        groups.setdefault(frozenset(post.categories), []).append(post)
    shelves = []
    for categories, group in sorted(groups.items(), key=lambda item: sorted(item[0])):
        group.sort(key=lambda post: (post.date, post.url))
        newest = sorted(group, key=lambda post: post.url)
        newest.sort(key=lambda post: post.date, reverse=True)  # stable: same-day posts stay by address
        shelves.append(Shelf(categories, group, [post.date for post in group], newest[:count + 1]))
    return shelves


def candidates(current: PostLink, shelf: Shelf, count: int) -> list[PostLink]:
    """The posts of `shelf` among which are the best `count` to follow `current` (and maybe `current` itself).

    On a shelf sharing no category with `current` those are its newest. Otherwise they are
    nearest in date: `count` + 1 on each side of `current`'s date (one may be `current`),
    widened to every post dated like the outermost ones, so that every post left out has at
    least `count` others strictly nearer.
    """
    if not shelf.categories.intersection(current.categories):
        return shelf.newest
    dates = shelf.dates
    middle = bisect.bisect_left(dates, current.date)
    low, high = max(0, middle - count - 1), min(len(dates), middle + count + 1)
    if low > 0:
        low = bisect.bisect_left(dates, dates[low])
    if high < len(dates):
        high = bisect.bisect_right(dates, dates[high - 1])
    return shelf.posts[low:high]


def related_from(current: PostLink, shelves: Sequence[Shelf], count: int = RELATED_COUNT) -> list[PostLink]:
    """The `count` posts to read after `current`, from the blog's shelves (see `rank`); never `current` itself."""
    found = (post for shelf in shelves for post in candidates(current, shelf, count) if post.url != current.url)
    return heapq.nsmallest(count, found, key=lambda post: rank(current, post))


def related_posts(current: PostLink, posts: Sequence[PostLink], count: int = RELATED_COUNT) -> list[PostLink]:
    """The `count` posts to read after `current`: most categories shared, then nearest in date; else newest.

    Posts that share no category come after every post that shares one, newest first, so a
    post alone in its category still suggests the blog's latest. Ties go to the newer post,
    then to the address, so the list is the same on every build. `current` itself (by its
    address) is never in the list.
    """
    return related_from(current, shelve(posts, count), count)


def attach_related(posts: Sequence[Any], count: int = RELATED_COUNT) -> None:
    """Put in each of Material's posts' page.meta (under RELATED_KEY) the posts to read after it.

    The posts are shelved once, so each post's ranking looks at a few dozen posts, not the whole
    blog: a build's cost stays proportional to the number of posts.
    """
    links = [post_link(post) for post in posts]
    shelves = shelve(links, count)
    for post, link in zip(posts, links):
        post.meta[RELATED_KEY] = related_from(link, shelves, count)
