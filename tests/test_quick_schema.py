"""The quick front-matter check (fastjsonschema) passes only what jsonschema passes.

check_docs asks fastjsonschema first, and jsonschema only about what it refuses, for the
messages: a quick "yes" where jsonschema would say no would publish a mistake silently.
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import pytest

from conftest import ROOT
from macros.checks import front_matter, schemas

SCHEMAS = {"post": front_matter.POST_SCHEMA_FILE, "page": front_matter.PAGE_SCHEMA_FILE}
MARKDOWN = sorted((ROOT / "docs").rglob("*.md"))


def validator(kind: str):
    return schemas.schema_validator(ROOT, SCHEMAS[kind])


def front_matters() -> list[tuple[str, dict[str, Any]]]:
    """The front matter of every page and post of the site, as the check reads it."""
    found = []
    for path in MARKDOWN:
        page = front_matter.read_front_matter(path.name, path.read_text(encoding="utf-8"))
        found.append(("post" if "blog/posts/" in path.as_posix() else "page", front_matter.plain_values(page.data)))
    return found


def variants(meta: dict[str, Any]) -> list[dict[str, Any]]:
    """Mistakes of every kind a schema checks, made in one front matter."""
    made = []
    for key in meta:
        for wrong in (
            None,
            1,
            True,
            1.5,
            "",
            " ",
            "x" * 400,
            [],
            ["a", "a"],
            {},
            {"x": 1},
            "2026-13-45",
            "2026-02-30",
            "not a date",
            [1],
            [True],
            "Legal careers\n",
            "a\nb",
        ):
            changed = copy.deepcopy(meta)
            changed[key] = wrong
            made.append(changed)
        made.append({k: v for k, v in meta.items() if k != key})
    made += [
        {**meta, "unknown": "x"},
        {**meta, "draft": 1},
        {**meta, "draft": False},
        {**meta, "draft": True},
        {**meta, "date": dt.date(2026, 1, 1).isoformat()},
        {**meta, "pin": 1},
        {**meta, "readtime": True},
    ]
    return made


@pytest.mark.parametrize("kind", SCHEMAS)
def test_the_sites_schemas_get_the_quick_check(kind):
    assert schemas.quick_check(validator(kind)) is not None


@pytest.mark.parametrize(
    "kind, meta", front_matters(), ids=[path.relative_to(ROOT / "docs").as_posix() for path in MARKDOWN]
)
def test_the_quick_check_says_yes_only_where_jsonschema_finds_no_problem(kind, meta):
    checking = validator(kind)
    quick = schemas.quick_check(checking)
    assert quick is not None
    assert quick(meta), "a page of the site fails the quick check: every page would be read twice"
    for changed in variants(meta):
        if quick(changed):
            assert schemas.schema_problems(changed, checking) == [], changed


def test_a_schema_the_quick_check_might_read_otherwise_gets_none():
    refused = [
        {"type": "object", "unevaluatedProperties": False},  # not a draft 7 keyword
        {"properties": {"a": {"$ref": "#/$defs/b", "minLength": 2}}, "$defs": {"b": {"type": "string"}}},
        {"enum": [1, 2]},  # True == 1 in Python
        {"const": True, "type": "integer"},
        {"items": [{"type": "string"}]},  # draft 7's list form
    ]
    for schema in refused:
        assert schemas.quick_schema(schema) is None, schema
    # A boolean constant is checked as a boolean: 1 is not true.
    assert schemas.quick_schema({"const": True}) == {"const": True, "type": "boolean"}


def test_the_quick_check_spares_jsonschema_only_what_passes(monkeypatch):
    checking = validator("page")
    asked: list[Any] = []
    real = type(checking).iter_errors

    def counted(self: Any, instance: Any) -> Any:
        asked.append(instance)
        return real(self, instance)

    monkeypatch.setattr(type(checking), "iter_errors", counted)
    quick = schemas.quick_check(checking)
    good = {
        "title": "A page",
        "description": "What this page tells a reader, written as one plain sentence for search.",
    }
    assert schemas.schema_problems(good, checking, quick=quick) == []
    assert asked == []
    assert schemas.schema_problems({**good, "title": 1}, checking, quick=quick)
    assert len(asked) == 1
