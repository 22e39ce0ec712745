"""Each data field is declared once, in its schema: the data file's header and the Python types follow it.

A field used to be declared in four places (the schema, the data file's header for editors,
the TypedDicts the code reads it through, and CONTRIBUTING). The schema is the one that the
build enforces; these tests fail, naming the field, when the header or a type says otherwise,
so adding, renaming or removing a field in the schema shows every other place to change.
"""

from __future__ import annotations

import json
import re
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from macros.content import comparison, engagement, faq, team

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"

# Each data file, the TypedDict its checked data is read through, and its schema.
FILES = {
    "comparison.yml": (comparison.Comparison, "comparison.schema.json"),
    "faq.yml": (faq.Faq, "faq.schema.json"),
    "engagement.yml": (engagement.Engagement, "engagement.schema.json"),
    "team.yml": (team.Team, "team.schema.json"),
}


def resolve(node: dict[str, Any], schema_file: str) -> tuple[dict[str, Any], str]:
    """The schema `node` stands for, following $ref within its file and to definitions.schema.json."""
    while "$ref" in node:
        file, _, pointer = node["$ref"].partition("#")
        schema_file = file or schema_file
        node = json.loads((DATA / schema_file).read_text())
        for part in pointer.strip("/").split("/") if pointer.strip("/") else []:
            node = node[part]
    return node, schema_file


def properties(
    node: dict[str, Any], schema_file: str, path: str = ""
) -> Iterator[tuple[str, str, dict[str, Any], str]]:
    """Every field the schema declares below `node`: (its path, its name, its schema, the schema's file)."""
    node, schema_file = resolve(node, schema_file)
    if node.get("type") == "array" and "items" in node:
        yield from properties(node["items"], schema_file, path + "[]")
    for name, child in node.get("properties", {}).items():
        yield f"{path}.{name}".lstrip("."), name, child, schema_file
        yield from properties(child, schema_file, f"{path}.{name}")


def header(file: str) -> str:
    """The comment block at the top of a data file: what editors read about its fields."""
    lines = (DATA / file).read_text().splitlines()
    return "\n".join(line for line in lines[: next(i for i, line in enumerate(lines) if not line.startswith("#"))])


@pytest.mark.parametrize("file", FILES)
def test_the_data_files_header_explains_every_field_of_its_schema(file):
    _, schema_file = FILES[file]
    text = header(file)
    missing = sorted(
        {
            path
            for path, name, _, _ in properties(json.loads((DATA / schema_file).read_text()), schema_file)
            if not re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text)
        }
    )
    assert not missing, f"data/{file}'s header does not explain these fields of {schema_file}: {missing}"


@pytest.mark.parametrize("file", FILES)
def test_the_data_files_header_names_no_field_its_schema_lacks(file):
    """A line of the header that introduces a field (`#   name   what it is`) names a field of the schema."""
    _, schema_file = FILES[file]
    declared = {name for _, name, _, _ in properties(json.loads((DATA / schema_file).read_text()), schema_file)}
    introduced = {
        name
        for line in header(file).splitlines()
        if (match := re.match(r"^#\s{2,}([a-z_]+(?:, [a-z_]+)*)\s{2,}\S", line))
        for name in match.group(1).split(", ")
    }
    assert introduced - declared == set(), f"data/{file}'s header describes fields {schema_file} does not have"


def typed_fields(kind: Any) -> dict[str, tuple[bool, Any]]:
    """A TypedDict's fields: name -> (whether it is required, its type)."""
    hints = typing.get_type_hints(kind)
    return {name: (name in kind.__required_keys__, hints[name]) for name in hints}


def type_problems(kind: Any, node: dict[str, Any], schema_file: str, path: str) -> Iterator[str]:
    """Where a TypedDict and the schema it reads disagree: a field missing on one side, or required on one only."""
    node, schema_file = resolve(node, schema_file)
    fields = typed_fields(kind)
    declared = node.get("properties", {})
    required = set(node.get("required", []))
    for name in sorted(set(fields) | set(declared)):
        where = f"{path}.{name}".lstrip(".")
        if name not in fields:
            yield f"{where}: in the schema, missing from {kind.__qualname__}"
        elif name not in declared:
            yield f"{where}: in {kind.__qualname__}, not in the schema"
        elif fields[name][0] != (name in required):
            yield f"{where}: required in {'the type' if fields[name][0] else 'the schema'} only"
        else:
            yield from nested_problems(fields[name][1], declared[name], schema_file, where)


def nested_problems(annotation: Any, node: dict[str, Any], schema_file: str, path: str) -> Iterator[str]:
    """type_problems for a field's value: a TypedDict, or a list of them."""
    if typing.is_typeddict(annotation):
        yield from type_problems(annotation, node, schema_file, path)
    elif typing.get_origin(annotation) is list:
        (item,) = typing.get_args(annotation)
        node, schema_file = resolve(node, schema_file)
        if typing.is_typeddict(item):
            yield from type_problems(item, node["items"], schema_file, path + "[]")


@pytest.mark.parametrize("file", FILES)
def test_the_python_types_declare_the_fields_of_the_schema(file):
    kind, schema_file = FILES[file]
    problems = list(type_problems(kind, json.loads((DATA / schema_file).read_text()), schema_file, ""))
    assert not problems, f"{kind.__module__}.{kind.__qualname__} and {schema_file} disagree:\n" + "\n".join(problems)


def test_a_field_missing_from_a_type_is_found():
    """The check above can fail: a schema with one more field than the type is reported, with the field."""
    schema = json.loads((DATA / "team.schema.json").read_text())
    schema = json.loads(json.dumps(schema).replace('"photo_alt"', '"photo_caption"'))
    problems = list(type_problems(team.Team, schema, "team.schema.json", ""))
    assert any("people[].photo_caption: in the schema, missing from Person" in p for p in problems), problems
    assert any("people[].photo_alt: in Person, not in the schema" in p for p in problems), problems
