"""Citations in data files that keep facts from outside the firm with their sources.

The same rules and messages for every such file (comparison.yml, engagement.yml): every
cited id is a source of the file, and every source is cited by some fact.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from macros.checks.problems import Path_, Problem, unknown_value


def citations(node: Any, path: Path_ = ()) -> Iterator[tuple[Path_, str]]:
    """Every source id the data cites: each item of a `sources:` list below the top level, with its path."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "sources" and path and isinstance(value, list):
                yield from (((*path, key, i), item) for i, item in enumerate(value))
            else:
                yield from citations(value, (*path, key))
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from citations(item, (*path, i))


def citation_problems(data: Any) -> list[Problem]:
    """Citations of sources the file's `sources:` list does not have, and sources nothing in the file cites.

    For any data file that keeps its facts from outside the firm with their sources (comparison.yml,
    engagement.yml): the same rules and the same messages.
    """
    known = [source["id"] for source in data["sources"]]
    cited = list(citations(data))
    problems = [
        unknown_value(path, value, known, "the id of any source", where="sources: near the end of the file")
        for path, value in cited
        if value not in known
    ]
    used = {value for _, value in cited}
    problems += [
        Problem(
            ("sources", i, "id"),
            f'"{source["id"]}" is not cited by any fact; expected '
            f"sources: [{source['id']}] under the fact it confirms, or remove the source",
        )
        for i, source in enumerate(data["sources"])
        if source["id"] not in used
    ]
    return problems
