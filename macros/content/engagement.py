"""Working with the firm (data/engagement.yml): the steps of "How we work" and the due-diligence checklist.

Both mix what the firm states (extra.firm in mkdocs.yml) with text that is true of any firm:
a step shows the firm's own fact once it is given, and a neutral sentence until then; a
question of the checklist shows the firm's answer once it is given, and ruled lines to write
one on until then. Each question says why a lawyer asks it with facts from outside the firm,
kept in the same file as the guide keeps its own (facts: and sources:, with the same schema and
the same checks, macros/checks/citations.py), so the checklist states nothing about the
rules that a source read on its `checked` date does not confirm. The printed checklist is a
document of its own: its sources are numbered 1, 2, ... in its own list. Every value shows as typed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypedDict

from macros.checks.citations import citation_problems
from macros.checks.data_files import load_checked
from macros.checks.firm import given
from macros.checks.problems import DataError, Problem, duplicates, format_problems, unknown_value
from macros.content import tables
from macros.content.comparison import Fact, Source
from macros.content.faq import paragraphs

ENGAGEMENT_FILE = Path("data/engagement.yml")
ENGAGEMENT_SCHEMA = Path("data/engagement.schema.json")


class _StepFields(TypedDict):
    title: str
    text: str


class Step(_StepFields, total=False):
    firm_fact: str


class Question(TypedDict):
    id: str
    question: str
    facts: list[str]
    firm_fact: str


class Engagement(TypedDict):
    steps: list[Step]
    questions: list[Question]
    facts: list[Fact]  # why a lawyer asks: facts from outside the firm, each citing its sources
    sources: list[Source]  # where each fact was confirmed, and when (checked)


@dataclass(frozen=True)
class Shown:
    """A step's or an answer's paragraphs, and whether they are the firm's own (given) or the neutral text."""

    paragraphs: tuple[str, ...]
    given: bool


@dataclass(frozen=True)
class Reason:
    """Why a lawyer asks a question: a fact from outside the firm and the sources that confirm it."""

    text: str
    cites: list[tables.Citation]


@dataclass(frozen=True)
class Item:
    """One question of the checklist as printed: its reasons, and the firm's answer (None: lines to write on)."""

    id: str
    question: str
    reasons: tuple[Reason, ...]
    answer: tuple[str, ...] | None


def engagement_problems(engagement: Engagement, firm: list[str], today: dt.date) -> list[Problem]:
    """Ids used twice, facts the file does not have, firm facts mkdocs.yml does not have, citations of
    sources the file does not list (or sources nothing cites), and sources checked in the future."""
    problems = citation_problems(engagement)
    facts = [fact["id"] for fact in engagement["facts"]]
    for section, what in (("questions", "question"), ("facts", "fact"), ("sources", "source")):
        entries = engagement[section]  # type: ignore[literal-required]
        problems += duplicates((((section, number, "id"), entry["id"]) for number, entry in enumerate(entries)), what)
    for number, question in enumerate(engagement["questions"]):
        problems += [
            unknown_value(
                ("questions", number, "facts", index), fact, facts, "the id of any fact", where="facts: in this file"
            )
            for index, fact in enumerate(question["facts"])
            if fact not in facts
        ]
    for section in ("steps", "questions"):
        for number, entry in enumerate(engagement[section]):  # type: ignore[literal-required]
            if "firm_fact" in entry and entry["firm_fact"] not in firm:
                problems.append(
                    unknown_value(
                        (section, number, "firm_fact"),
                        entry["firm_fact"],
                        firm,
                        "a field under extra.firm in mkdocs.yml",
                    )
                )
    problems += [
        Problem(
            ("sources", number, "checked"),
            f"{source['checked']} is in the future; expected the date "
            "someone read the source and confirmed the facts citing it",
        )
        for number, source in enumerate(engagement["sources"])
        if dt.date.fromisoformat(source["checked"]) > today
    ]
    return problems


def load_engagement(project_dir: Path, firm: Iterable[str], today: dt.date | None = None) -> Engagement:
    """Read and check data/engagement.yml against extra.firm's fields; raise DataError with one clear message."""
    engagement, node = load_checked(project_dir, ENGAGEMENT_FILE, ENGAGEMENT_SCHEMA)
    problems = engagement_problems(engagement, list(firm), today or dt.date.today())
    if problems:
        raise DataError(format_problems(ENGAGEMENT_FILE.as_posix(), engagement, node, problems))
    return engagement  # type: ignore[no-any-return]


def step_views(engagement: Engagement, firm: Mapping[str, Any]) -> list[tuple[str, Shown]]:
    """Each step's title and what it says: the firm's fact once given, else the step's neutral text."""
    views = []
    for step in engagement["steps"]:
        fact = given(firm.get(step["firm_fact"])) if "firm_fact" in step else None
        views.append((step["title"], Shown(tuple(paragraphs(fact or step["text"])), fact is not None)))
    return views


def local_numbers(engagement: Engagement) -> dict[str, tables.Citation]:
    """The sources the checklist cites, numbered 1, 2, ... in the order it first cites them."""
    numbered: dict[str, tables.Citation] = {}
    sources = {source["id"]: source for source in engagement["sources"]}
    for question in engagement["questions"]:
        for fact_id in question["facts"]:
            for source_id in tables.by_id(engagement["facts"], fact_id, "fact")["sources"]:
                numbered.setdefault(source_id, tables.Citation(len(numbered) + 1, sources[source_id]))
    return numbered


def checklist_items(engagement: Engagement, firm: Mapping[str, Any]) -> list[Item]:
    """The checklist's questions with their reasons (facts and their sources) and the firm's answers."""
    numbered = local_numbers(engagement)
    items = []
    for question in engagement["questions"]:
        reasons = tuple(
            Reason(" ".join(fact["text"].split()), [numbered[source] for source in fact["sources"]])
            for fact in (tables.by_id(engagement["facts"], fact_id, "fact") for fact_id in question["facts"])
        )
        answer = given(firm.get(question["firm_fact"]))
        items.append(
            Item(question["id"], question["question"].strip(), reasons, tuple(paragraphs(answer)) if answer else None)
        )
    return items


def cited_sources(items: list[Item]) -> list[tables.Citation]:
    """The sources the checklist cites, once each, in the order of their numbers."""
    found = {citation.source["id"]: citation for item in items for reason in item.reasons for citation in reason.cites}
    return sorted(found.values(), key=lambda citation: citation.number)
