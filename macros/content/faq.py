"""The "Questions firms ask" list (data/faq.yml) and the firm's own facts (extra.firm in mkdocs.yml).

Both say what only the firm can state. Every character of an answer or a fact shows as
typed; the one formatting an answer may hold is a link to a page of the site, written
[words](page.md), checked when the file is read and rendered as a link by the template.
A fact the firm has not given yet shows a neutral sentence instead, so nothing is invented.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypedDict, cast
from urllib.parse import unquote, urlsplit

from markdown.extensions.toc import slugify

from macros.checks.data_files import load_checked
from macros.checks.firm import given
from macros.checks.problems import DataError, Problem, format_problems, unknown_value

FAQ_FILE = Path("data/faq.yml")
FAQ_SCHEMA = Path("data/faq.schema.json")


class _Asked(TypedDict):
    question: str
    answer: str


class Question(_Asked, total=False):
    firm_fact: str


class Faq(TypedDict):
    questions: list[Question]


@dataclass(frozen=True)
class Piece:
    """A run of an answer's text; `page` is what it links to as written (contact.md#hours), if it is a link."""

    text: str
    page: str | None = None

    @property
    def file(self) -> str:
        """The docs/ file the link leads to, as MkDocs resolves it (./contact.md#hours -> contact.md); a link
        to another site (https://..., mailto:...), or to a heading alone (#hours), as written."""
        path = unquote((self.page or "").split("#", 1)[0].split("?", 1)[0])
        return posixpath.normpath(path) if path and not urlsplit(path).scheme else self.page or ""

    @property
    def anchor(self) -> str:
        """The heading the link leads to on that page (hours), or ""."""
        return (self.page or "").partition("#")[2]


Paragraph = tuple[Piece, ...]


@dataclass(frozen=True)
class Entry:
    """One question as the page shows it: its anchor and the answer (or the firm's fact) in paragraphs."""

    question: str
    anchor: str
    paragraphs: tuple[Paragraph, ...]


class UnknownFact(Exception):
    """A page asked for a fact that extra.firm does not have. Not a LookupError: Jinja would
    swallow that and report only "has no attribute"."""


# [words](target): the only formatting an answer may hold. Anything else is text.
_LINK = re.compile(r"\[([^\[\]\n]+)\]\(([^()\s]*)\)")


def paragraphs(text: str) -> list[str]:
    """Text split at blank lines, each paragraph's line breaks and runs of spaces made single spaces."""
    return [" ".join(block.split()) for block in re.split(r"\n[ \t]*\n", text) if block.strip()]


def pieces(paragraph: str) -> Paragraph:
    """A paragraph as plain text and [words](page.md) links, in order."""
    found: list[Piece] = []
    at = 0
    for link in _LINK.finditer(paragraph):
        if link.start() > at:
            found.append(Piece(paragraph[at : link.start()]))
        found.append(Piece(link.group(1), link.group(2)))
        at = link.end()
    if at < len(paragraph):
        found.append(Piece(paragraph[at:]))
    return tuple(found)


def plain(paragraph: Paragraph) -> str:
    """A paragraph's text as a reader sees it: a link's words without its target."""
    return "".join(piece.text for piece in paragraph)


def anchor(question: str) -> str:
    """The question's address on its page: faq- and the question in lowercase with hyphens."""
    return "faq-" + slugify(question.strip(), "-")


def site_pages(uris: Iterable[str], is_post: Callable[[str], bool]) -> list[str]:
    """The pages an answer may link to, as written in a link (contact.md), from the files MkDocs publishes.

    Blog posts are left out: the blog plugin gives them addresses of their own.
    """
    return sorted(uri for uri in uris if uri.endswith(".md") and not is_post(uri))


def faq_problems(faq: Faq, pages: list[str], facts: list[str]) -> list[Problem]:
    """Questions asked twice, links to no page of the site, and firm facts mkdocs.yml does not have."""
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for number, entry in enumerate(faq["questions"], start=1):
        path: tuple[str | int, ...] = ("questions", number - 1)
        # Two questions with the same anchor would share one address on the page.
        key = anchor(entry["question"])
        if key in seen:
            problems.append(
                Problem(
                    (*path, "question"),
                    f'"{entry["question"].strip()}" is already question {seen[key]}; expected each question once',
                )
            )
        seen.setdefault(key, number)
        for paragraph in paragraphs(entry["answer"]):
            problems += [
                unknown_value(
                    (*path, "answer"),
                    piece.file,
                    pages,
                    "a page of the site",
                    "links written [words](page.md) or [words](page.md#heading) with one of: ",
                )
                for piece in pieces(paragraph)
                if piece.page is not None and piece.file not in pages
            ]
        if "firm_fact" in entry and entry["firm_fact"] not in facts:
            problems.append(
                unknown_value((*path, "firm_fact"), entry["firm_fact"], facts, "a field under extra.firm in mkdocs.yml")
            )
    return problems


def anchor_problems(faq: Faq, anchors: Callable[[str], tuple[set[str], list[str]] | None]) -> list[Problem]:
    """Links to a heading (page.md#heading) that the page does not have, once every page is rendered.

    `anchors` gives a page's ids (every id MkDocs found in it) and its headings' ids, in order.
    """
    problems = []
    for number, entry in enumerate(faq["questions"]):
        for piece in (piece for paragraph in paragraphs(entry["answer"]) for piece in pieces(paragraph)):
            found = anchors(piece.file) if piece.anchor else None
            if found is not None and piece.anchor not in found[0]:
                problems.append(
                    unknown_value(
                        ("questions", number, "answer"),
                        f"#{piece.anchor}",
                        [f"#{heading}" for heading in found[1]],
                        f"a heading of {piece.file}",
                        f"the part after # to be one of {piece.file}'s headings: ",
                    )
                )
    return problems


def anchor_message(project_dir: Path, anchors: Callable[[str], tuple[set[str], list[str]] | None]) -> str | None:
    """The message for links in data/faq.yml to headings their pages do not have, or None (see anchor_problems)."""
    faq, node = load_checked(project_dir, FAQ_FILE, FAQ_SCHEMA)
    problems = anchor_problems(faq, anchors)
    return format_problems(FAQ_FILE.as_posix(), faq, node, problems) if problems else None


def load_faq(project_dir: Path, pages: list[str], facts: Iterable[str]) -> Faq:
    """Read and check data/faq.yml (links in answers may go to `pages`); raise DataError with one clear message."""
    faq, node = load_checked(project_dir, FAQ_FILE, FAQ_SCHEMA)
    problems = faq_problems(faq, pages, list(facts))
    if problems:
        raise DataError(format_problems(FAQ_FILE.as_posix(), faq, node, problems))
    return cast(Faq, faq)  # its shape checked against the schema, which the types follow (test_one_place)


def faq_entries(faq: Faq, firm: Mapping[str, Any]) -> list[Entry]:
    """The questions as shown: each answer, or the firm's fact in its place once the firm has given it."""
    entries = []
    for item in faq["questions"]:
        fact = given(firm.get(item["firm_fact"])) if "firm_fact" in item else None
        # A fact is the firm's own text: shown as typed, a [word](page.md) included.
        shown = (
            tuple((Piece(text),) for text in paragraphs(fact))
            if fact
            else tuple(pieces(text) for text in paragraphs(item["answer"]))
        )
        entries.append(Entry(item["question"].strip(), anchor(item["question"]), shown))
    return entries


def faq_document(entries: list[Entry]) -> dict[str, Any]:
    """The questions and answers as a schema.org FAQPage in JSON-LD, in the words the page shows."""
    questions = [
        {
            "@type": "Question",
            "name": entry.question,
            "acceptedAnswer": {"@type": "Answer", "text": "\n\n".join(plain(p) for p in entry.paragraphs)},
        }
        for entry in entries
    ]
    return {"@context": "https://schema.org", "@graph": [{"@type": "FAQPage", "mainEntity": questions}]}
