"""Find links in a page's Markdown that lead to a blog post readers cannot reach.

MkDocs checks that a linked file exists in docs/, and a draft or a post dated in the
future does exist there: the blog plugin only drops it later. So a published page could
link to a 404. Every link a page's Markdown holds (inline, reference definitions, raw HTML
href and src), outside code, is resolved like MkDocs resolves it, to a file (links
ending in .md) or to an address (any other relative link), and compared with the posts
that will not be published.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from macros import fences, urls

# [text](target "title") and ![alt](target); <target> may be wrapped in angle brackets.
_INLINE = re.compile(r"\]\(\s*<?([^)\s>]+)")
# [label]: target  (a reference definition, at most three spaces in)
_REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?([^\s>]+)", re.MULTILINE)
# href="..." or src='...' in raw HTML
_HTML = re.compile(r"""\b(?:href|src)\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:|^//")


@dataclass(frozen=True)
class Unpublished:
    """A post that exists in docs/ but that readers will not find: where it is, its address, and why."""

    src_uri: str  # relative to docs/, such as blog/posts/follow-up.md
    url: str  # its address relative to the site, such as blog/follow-up/
    reason: str  # "a draft (draft: true)", "scheduled for 2027-01-15"


def _without_code(markdown: str) -> list[str]:
    """The lines of `markdown`, with fenced blocks and code spans blanked (links in code are examples)."""
    return [
        "" if kind is not fences.Kind.TEXT else without_code_spans(line)
        for line, kind in fences.scan(markdown.split("\n"))
    ]


def without_code_spans(line: str) -> str:
    """A line of Markdown without its code spans (`...`), where nothing is a link or HTML."""
    return _CODE_SPAN.sub("", line) if "`" in line else line


def link_targets(markdown: str) -> Iterator[tuple[int, str]]:
    """Each relative link target in `markdown` with its 1-based line, in order; absolute addresses skipped."""
    for number, line in enumerate(_without_code(markdown), start=1):
        if "](" not in line and "]:" not in line and "=" not in line:
            continue  # no link can be on this line: most lines of a long blog are plain text
        found = sorted(
            (m.start(), m.group(1)) for pattern in (_INLINE, _REFERENCE, _HTML) for m in pattern.finditer(line)
        )
        for _, target in found:
            if not _SCHEME.match(target) and not target.startswith("#"):
                yield number, target


def links_to_unpublished(
    markdown: str, src_uri: str, url: str, unpublished: list[Unpublished]
) -> Iterator[tuple[int, str, Unpublished]]:
    """Each link in the page at `src_uri` (address `url`) to a post that will not be published:
    (line in `markdown`, the target as written, the post)."""
    by_file = {post.src_uri: post for post in unpublished}
    by_url = {urls.normal_address(post.url): post for post in unpublished}
    for line, target in link_targets(markdown):
        kind, where = urls.resolve(target, src_uri, url)
        post = by_file.get(where) if kind == "file" else by_url.get(where)
        if post is not None:
            yield line, target, post
