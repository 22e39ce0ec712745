"""Check every page and blog post as written: front matter, the excerpt line, links to unpublished posts.

Editors write front matter by hand. MkDocs ignores front matter it cannot parse and
Material's blog plugin reports only some missing fields, so a typo could publish a page
without a description or a post under no category. Each file is checked here before
anything renders (its front matter, where a post's excerpt ends, its links to posts that
will not be published, and the blog's authors file), and a mistake stops the build with
one message naming the file, the line and the field.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import posixpath
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import yaml
from markdown.inlinepatterns import AUTOLINK_RE, AUTOMAIL_RE
from mkdocs.utils import markdown_extensions
from mkdocs.utils.meta import YAML_RE

from macros import fences, urls
from macros.checks import post_links
from macros.checks.data_files import decode_utf8, load_checked
from macros.checks.problems import DataError, Problem, format_problems, line_of, quoted, unknown_value
from macros.checks.schemas import quick_check, schema_problems, schema_validator
from macros.checks.yaml_messages import yaml_error_message
from macros.checks.yaml_reader import parse_yaml

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
    use_directory_urls: bool = True  # MkDocs' setting: blog/slug/ or blog/slug.html

    def is_post(self, src_uri: str) -> bool:
        """Whether the page at `src_uri` (relative to docs/) is a blog post."""
        return src_uri.startswith(self.posts_dir.rstrip("/") + "/")

    def post_url(self, src_uri: str, slug: str) -> str:
        """A post's address, as the blog plugin makes it; "" if the format uses more than the slug and file."""
        try:
            path = self.post_url_format.format(slug=slug, file=posixpath.splitext(posixpath.basename(src_uri))[0])
        except (KeyError, IndexError):
            return ""
        # The blog plugin's own rule: a page at blog_dir/<path>.md, given its address by MkDocs.
        return urls.page_url(
            f"{self.blog_dir.strip('/')}/{posixpath.normpath(path.strip('/'))}.md", self.use_directory_urls
        )


@dataclass(frozen=True)
class CheckedPage:
    """A page whose front matter passed: where it is, its front matter and body, and where the body starts."""

    src_uri: str  # relative to docs/
    shown: str  # as editors see it, such as docs/blog/posts/a.md
    meta: dict[str, Any]
    body: str
    body_line: int  # the file's line on which the body starts (after the front matter)


@dataclass(frozen=True)
class PassedFile:
    """What check_docs keeps of a file whose check passed: neither its text nor its YAML node
    tree (dozens of small objects per file, which Python's cycle collector would walk again and
    again for the rest of the build)."""

    data: Any  # the front matter as YAML read it
    body_start: int  # where the body starts in the file's text
    slug_line: int  # the line of a post's slug: field; 0 on a page


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
    return FrontMatter(data, node, text[match.end() :])


def _date_text(value: dt.date) -> str:
    """A YAML date as year-month-day text; a date with a time as it is usually typed (2026-09-15 10:30:00)."""
    return str(value) if isinstance(value, dt.datetime) else value.isoformat()


def plain_values(meta: Any) -> Any:
    """Front matter with YAML dates (with or without a time) as text, the form the schema checks."""
    if not isinstance(meta, dict):
        return meta
    return {key: _date_text(value) if isinstance(value, dt.date) else value for key, value in meta.items()}


_DAY_AND_MINUTES = re.compile(r"^\d{4}-\d{2}-\d{2}[ T]\d{1,2}:\d{2}$")


def date_problem(typed: Any) -> Problem | None:
    """A post's date that YAML read as text: Material's blog takes only a date (with or without a time)."""
    if not isinstance(typed, str):
        return None
    if _DAY_AND_MINUTES.match(typed):
        why = (
            "YAML reads a time as part of the date only with its seconds: write it as "
            + typed.replace("T", " ")
            + ":00"
        )
    else:
        why = f"write it without quotes: date: {typed}"
    return Problem(("date",), f'expected a date, found text ("{typed}"); {why}')


def post_problems(meta: dict[str, Any], rules: BlogRules, typed_date: Any = None) -> list[Problem]:
    """What the schema cannot know: that the date is a date, and that the authors and categories exist."""
    problems = [problem for problem in [date_problem(typed_date)] if problem]
    problems += [
        unknown_value(("authors", i), name, rules.authors, "an author", where="docs/blog/.authors.yml", cutoff=0.5)
        for i, name in enumerate(meta["authors"])
        if name not in rules.authors
    ]
    problems += [
        unknown_value(
            ("categories", i),
            name,
            rules.categories,
            "an allowed category",
            where="categories_allowed in mkdocs.yml",
            cutoff=0.5,
        )
        for i, name in enumerate(meta["categories"])
        if name not in rules.categories
    ]
    return problems


def excerpt_message(shown: str, body: str, separator: str) -> str | None:
    """A message if the post lacks the line that ends its excerpt, else None."""
    if separator in body:
        return None
    return (
        f"{shown}: the post has no {separator} line; expected one on a line of its own after the "
        "opening paragraphs (the text above it is the excerpt shown on the blog's index pages)"
    )


_COMMENT = re.compile(r"<!--.*?-->")
_TAG = re.compile(r"<(/?)([A-Za-z][\w-]*)\b[^>]*?(/?)>")
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
)


# What Python-Markdown reads as a link, not as HTML: <https://...> and <name@example.com>.
_AUTOLINKS = re.compile(f"{AUTOLINK_RE}|{AUTOMAIL_RE}")


def _html_depth(line: str) -> int:
    """How many HTML elements a line opens and leaves open (negative if it closes more).

    Read as Markdown reads it: an autolink such as <office@firm.com> and a tag inside a code
    span (`<div>`) are text, not HTML.
    """
    depth = 0
    markup = _AUTOLINKS.sub("", post_links.without_code_spans(_COMMENT.sub("", line)))
    for closing, name, self_closing in _TAG.findall(markup):
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
    depth = 0
    for index, (line, kind) in enumerate(fences.scan(lines)):
        if kind is fences.Kind.CODE and separator in line:
            return (
                index,
                "it is inside a code block, where it shows as text, so the whole post would become its excerpt",
            )
        if kind is not fences.Kind.TEXT:
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
        if (index and lines[index - 1].strip()) or (index + 1 < len(lines) and lines[index + 1].strip()):
            return index, "it has text right above or below it, so it would join that paragraph"
        return None
    return None


def excerpt_placement_message(shown: str, page: FrontMatter, body_line: int, separator: str) -> str | None:
    """A message naming the line if the post's excerpt marker is misplaced, else None."""
    placement = excerpt_placement(page.body, separator)
    if placement is None:
        return None
    index, why = placement
    return (
        f"{shown}, line {body_line + index}: the {separator} line cannot end the excerpt here: {why}; expected "
        f"a line holding only {separator}, at the left margin, with an empty line above and below it, outside "
        "lists, note boxes, quotes and code blocks"
    )


def placeholder_message(shown: str, text: str, meta: dict[str, Any]) -> str | None:
    """A message if a post that would be published still holds the scaffold's placeholder, else None."""
    if meta.get("draft") is True or PLACEHOLDER not in text:
        return None
    line = text[: text.index(PLACEHOLDER)].count("\n") + 1
    return (
        f'{shown}, line {line}: the post still says "{PLACEHOLDER}"; expected your own words there '
        "before the post is published (or keep draft: true in its front matter until it is ready)"
    )


def body_line(text: str, body: str) -> int:
    """The 1-based line of a page's file `text` on which its `body` (what follows the front matter) starts."""
    return text.count("\n", 0, len(text) - len(body)) + 1 if text.endswith(body) else 1


def misplaced_post_message(shown: str, page: FrontMatter, post_fields: Iterable[str], posts_dir: str) -> str | None:
    """A message if a page outside the posts' folder has fields only a post has (a post saved in the wrong folder)."""
    found = [name for name in post_fields if isinstance(page.data, dict) and name in page.data]
    if not found:
        return None
    name = shown.rsplit("/", 1)[-1]
    return (
        f"{shown}, line {line_of(page.node, (found[0],)) + 1}: {found[0]}: this page has {', '.join(found)}, which "
        f"only blog posts have, but it is not in docs/{posts_dir}/, so the blog would not show it; expected a post "
        f"in docs/{posts_dir}/: move it to docs/{posts_dir}/{name} (or, for a page, remove those fields)"
    )


def check_file(
    shown: str,
    text: str,
    schema: Any,
    rules: BlogRules | None,
    post_fields: Iterable[str] = (),
    posts_dir: str = "blog/posts",
    templates: list[str] | None = None,
    quick: Callable[[Any], bool] | None = None,
) -> FrontMatter:
    """Check one page (or, with rules, one post); raise FrontMatterError naming the line and field.

    `schema` is the validator for the page's or the post's front matter (data.schema_validator),
    `quick` its data.quick_check; a page with any of `post_fields` is a post saved outside
    `posts_dir`; `template:` must name one of `templates` (when given).
    """
    page = read_front_matter(shown, text)
    if page.data is None:
        raise FrontMatterError(
            f"{shown}, line 2: the front matter is empty; expected title: and description: "
            "lines between the two '---' lines" + (" (and the other fields of a post)" if rules else "")
        )
    misplaced = misplaced_post_message(shown, page, post_fields, posts_dir) if rules is None else None
    if misplaced:
        raise FrontMatterError(misplaced)
    meta = plain_values(page.data)
    problems = schema_problems(meta, schema, whole="the front matter", quick=quick)
    if not problems and rules is not None:
        problems = post_problems(meta, rules, page.data.get("date"))
    if not problems and templates is not None and "template" in meta and meta["template"] not in templates:
        problems = [
            unknown_value(
                ("template",),
                meta["template"],
                templates,
                "a template of the site",
                where="overrides/ and Material's templates",
            )
        ]
    if problems:
        raise FrontMatterError(format_problems(shown, meta, page.node, problems, first_line=2))
    message = (
        (
            excerpt_message(shown, page.body, rules.excerpt_separator)
            or excerpt_placement_message(shown, page, body_line(text, page.body), rules.excerpt_separator)
            or placeholder_message(shown, text, meta)
        )
        if rules is not None
        else None
    )
    if message:
        raise FrontMatterError(message)
    return page


def duplicate_slugs(slugs: Iterable[tuple[str, int, str]]) -> str | None:
    """A message if two posts (file, line, slug) share a slug (one would overwrite the other), else None."""
    seen: dict[str, str] = {}
    for shown, line, slug in slugs:
        if slug in seen:
            return (
                f'{shown}, line {line}: slug: "{slug}" is already the slug of {seen[slug]}; '
                "expected each post to have its own slug (it is the end of the post's address)"
            )
        seen[slug] = shown
    return None


def markdown_pages(docs_dir: Path) -> list[str]:
    """Every page MkDocs would read under docs_dir (any Markdown ending, in any case), hidden files left out."""
    found = []
    for path in sorted(docs_dir.rglob("*")):
        relative = path.relative_to(docs_dir).as_posix()
        if (
            path.is_file()
            and path.suffix.lower() in markdown_extensions
            and not any(part.startswith(".") for part in relative.split("/"))
        ):
            found.append(relative)
    return found


def unpublished_reason(meta: dict[str, Any], now: dt.datetime) -> str | None:
    """Why a post's front matter keeps it unpublished (as the blog is set up in mkdocs.yml), or None.

    Dated as Material's blog dates it: a date alone is midnight UTC, a time without a zone is UTC.
    """
    if meta.get("draft") is True:
        return "it is a draft (draft: true in its front matter)"
    date = dt.datetime.fromisoformat(meta["date"])
    if (date if date.tzinfo else date.replace(tzinfo=dt.timezone.utc)) > now:
        return f"it is scheduled for {meta['date']} (its date), and readers will not find it before then"
    return None


def address(page: CheckedPage, rules: BlogRules) -> str:
    """A page's address in the site: a post's as the blog plugin makes it, any other page's as MkDocs does."""
    if rules.is_post(page.src_uri):
        return rules.post_url(page.src_uri, page.meta["slug"])
    return urls.page_url(page.src_uri, rules.use_directory_urls)


def unpublished_link_messages(pages: list[CheckedPage], rules: BlogRules, now: dt.datetime) -> list[str]:
    """A message for each link from a published page or post to a post that will not be published."""
    unpublished, published = [], []
    for page in pages:
        reason = unpublished_reason(page.meta, now) if rules.is_post(page.src_uri) else None
        if reason:
            unpublished.append(post_links.Unpublished(page.src_uri, address(page, rules), reason))
        else:
            published.append(page)
    if not unpublished:
        return []
    messages = []
    for page in published:
        url = address(page, rules)
        for line, target, post in post_links.links_to_unpublished(page.body, page.src_uri, url, unpublished):
            messages.append(
                f"{page.shown}, line {page.body_line + line - 1}: the link to {target} leads to "
                f"{post.src_uri}, which is not published: {post.reason}; expected links to published "
                "pages only (remove the link until the post is out, or publish the post first)"
            )
    return messages


def address_link_messages(pages: list[CheckedPage], rules: BlogRules) -> list[str]:
    """A message for each link written as a page's address (../lawyer-burnout/) instead of its file.

    MkDocs checks and rewrites links to files (page.md), so they follow the site's settings; an
    address is published as typed, unchecked, and breaks when the addresses change.
    """
    addresses = [address(page, rules) for page in pages]  # each made once: MkDocs makes it from a File
    by_url = {urls.normal_address(url): page.src_uri for page, url in zip(pages, addresses, strict=True)}
    messages = []
    for page, url in zip(pages, addresses, strict=True):
        for line, target in post_links.link_targets(page.body):
            kind, where = urls.resolve(target, page.src_uri, url)
            if kind == "url" and where in by_url:
                file = posixpath.relpath(by_url[where], posixpath.dirname(page.src_uri) or ".")
                anchor = target.partition("#")[2]
                messages.append(
                    f"{page.shown}, line {page.body_line + line - 1}: the link to {target} is the address "
                    f"of {by_url[where]}, which MkDocs neither checks nor adapts to the site's settings; "
                    f"expected a Markdown link to its file: [words]({file}{'#' + anchor if anchor else ''})"
                )
    return messages


# The files whose check passed in the last check_docs, by file, text and settings: `mkdocs
# serve` rebuilds the whole site at every edit, and checking a thousand posts that have not
# changed was a third of a second of each rebuild. A file is kept only once its check has
# passed, and the next check keeps only the files it met.
_passed: dict[tuple[str, bytes, bytes], PassedFile] = {}


def digest(text: str) -> bytes:
    """A text's SHA-256: the cache above keys files by it, not by their whole text."""
    return hashlib.sha256(text.encode("utf-8")).digest()


def check_docs(
    docs_dir: Path,
    project_dir: Path,
    rules: BlogRules,
    pages: Iterable[str] | None = None,
    today: dt.date | None = None,
    templates: list[str] | None = None,
) -> list[CheckedPage]:
    """Check every page under docs_dir (or the `pages` given, relative to it); raise on the first bad file.

    `today` (default: today in UTC, as the blog plugin decides) says which posts are still to come;
    `templates` (default: any) are those a page's `template:` may name.
    """
    global _passed
    post_schema = schema_validator(project_dir, POST_SCHEMA_FILE)
    page_schema = schema_validator(project_dir, PAGE_SCHEMA_FILE)
    # The fields only a post may have: on a page, they mean a post saved in the wrong folder.
    post_properties: Any = cast(Any, post_schema.schema)["properties"]
    page_properties: Any = cast(Any, page_schema.schema)["properties"]
    post_fields = [name for name in post_properties if name not in page_properties]
    # Everything besides a file's text that its check depends on.
    settings = digest(
        json.dumps([post_schema.schema, page_schema.schema, repr(rules), templates], sort_keys=True, default=str)
    )
    quick = {True: quick_check(post_schema), False: quick_check(page_schema)}
    passed: dict[tuple[str, bytes, bytes], PassedFile] = {}
    slugs: list[tuple[str, int, str]] = []
    checked = []
    for relative in markdown_pages(docs_dir) if pages is None else pages:
        path = docs_dir / relative
        shown = (path.relative_to(project_dir) if path.is_relative_to(project_dir) else path).as_posix()
        is_post = rules.is_post(relative)
        text = decode_utf8(shown, path.read_bytes())
        key = (shown, digest(text), settings)
        page = _passed.get(key)
        if page is None:
            read = check_file(
                shown,
                text,
                post_schema if is_post else page_schema,
                rules if is_post else None,
                post_fields,
                rules.posts_dir,
                templates,
                quick[is_post],
            )
            slug_line = line_of(read.node, ("slug",)) + 1 if is_post else 0
            page = PassedFile(read.data, len(text) - len(read.body), slug_line)
        passed[key] = page
        body = text[page.body_start :]
        checked.append(CheckedPage(relative, shown, plain_values(page.data), body, body_line(text, body)))
        if is_post:
            slugs.append((shown, page.slug_line, page.data["slug"]))
    _passed = passed
    message = duplicate_slugs(slugs)
    if message:
        raise FrontMatterError(message)
    now = dt.datetime.combine(today, dt.time(), dt.timezone.utc) if today else dt.datetime.now(dt.timezone.utc)
    messages = unpublished_link_messages(checked, rules, now)
    if messages:
        raise FrontMatterError(
            messages[0]
            if len(messages) == 1
            else f"{len(messages)} links lead to posts that are not published:\n  " + "\n  ".join(messages)
        )
    messages = address_link_messages(checked, rules)
    if messages:
        raise FrontMatterError(
            messages[0]
            if len(messages) == 1
            else f"{len(messages)} links are written as addresses:\n  " + "\n  ".join(messages)
        )
    return checked


def load_authors(project_dir: Path, docs_dir: Path, authors_file: str, required: bool = False) -> dict[str, Any]:
    """The blog's authors file (relative to docs_dir), read with limits and checked; {} if there is none
    and none is `required` (the blog plugin's `authors` setting: posts name their authors from it).

    Read here, before the blog plugin reads it (the macros plugin comes first in mkdocs.yml),
    so a mistake gets a message with its line, and the plugin only ever sees a checked file.
    """
    data_file = Path(os.path.relpath(docs_dir / authors_file, project_dir))
    if not (project_dir / data_file).is_file():
        if required:
            raise DataError(
                f"{data_file.as_posix()}: the blog's authors file is missing; expected it there, named "
                f"exactly {data_file.name} (with its leading dot), with an entry for each author posts name "
                "under authors:"
            )
        return {}
    data, node = load_checked(project_dir, data_file, AUTHORS_SCHEMA_FILE)
    problems = [
        Problem(
            ("authors", key, "avatar"),
            f"{quoted(author['avatar'])} is not a file in docs/; expected "
            "the path of a picture in docs/, such as assets/images/editorial-team.svg",
        )
        for key, author in data["authors"].items()
        if not (docs_dir / author["avatar"]).is_file()
    ]
    if problems:
        raise DataError(format_problems(data_file.as_posix(), data, node, problems))
    authors: dict[str, Any] = data["authors"]
    return authors


def blog_rules(config: Any, authors: Iterable[str], use_directory_urls: bool = True) -> BlogRules:
    """The blog's rules from the blog plugin's settings in mkdocs.yml and the checked authors."""
    return BlogRules(
        posts_dir=config.post_dir.format(blog=config.blog_dir.strip("/")),
        authors=sorted(authors),
        categories=list(config.categories_allowed),
        excerpt_separator=config.post_excerpt_separator,
        blog_dir=config.blog_dir.strip("/"),
        post_url_format=config.post_url_format,
        use_directory_urls=use_directory_urls,
    )
