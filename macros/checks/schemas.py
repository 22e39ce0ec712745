"""Check data against its JSON Schema, with messages in an editor's words.

A schema in data/ declares each field once; jsonschema's errors are turned into
Problems here, and a compiled quick check skips the slow walk for data that passes.
"""

from __future__ import annotations

import difflib
import functools
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

import fastjsonschema
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from macros.checks.problems import _TYPE_WORDS, Path_, Problem, kind_of


def schema_message(error: ValidationError, whole: str = "the file") -> tuple[Path_, str]:
    """Turn a JSON Schema error into a path and a sentence for editors; `whole` names the top level."""
    path: Path_ = tuple(error.absolute_path)
    # jsonschema types these as possibly unset; an error from iter_errors always has them.
    kind, value, schema, expected_value = (
        error.validator,
        cast(Any, error.instance),
        cast(Any, error.schema),
        cast(Any, error.validator_value),
    )
    if kind == "required":
        missing = [name for name in expected_value if name not in value]
        # A sourced entry without its citations (the file's own list of sources is another matter).
        if missing[0] == "sources" and path:
            return (*path, "sources"), (
                "is missing: a fact from outside the firm says where it comes from; expected "
                "sources: [...] with the ids of the entries under sources: that confirm it"
            )
        needs = f"{whole} needs" if not path else "every entry here needs"
        return (*path, missing[0]), f"is missing; {needs}: {', '.join(expected_value)}"
    if kind == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        extra = min(str(key) for key in value if key not in allowed)
        hint = difflib.get_close_matches(str(extra), allowed, n=1)
        did_you_mean = f' (did you mean "{hint[0]}"?)' if hint else ""
        return (*path, extra), f"is not a known field{did_you_mean}; expected one of: {', '.join(allowed)}"
    if kind == "type":
        types = expected_value if isinstance(expected_value, list) else [expected_value]
        expected = " or ".join(str(_TYPE_WORDS.get(t, t)) for t in types)
        if types == ["object"] and path and "description" in schema:
            expected = schema["description"]
        # A value typed as "[Draft] rules" or "{x}" is read as a list or a block of fields.
        quote_hint = (
            "; put the value in quotes if it is text" if "string" in types and isinstance(value, (list, dict)) else ""
        )
        return path, f"expected {expected}, found {kind_of(value)}{quote_hint}"
    if kind == "minItems":
        return (
            path,
            (f"expected at least {expected_value} entr{'y' if expected_value == 1 else 'ies'}, found {len(value)}"),
        )
    if kind == "uniqueItems":
        return path, "lists the same entry twice; expected each entry once"
    if kind == "const" and "description" in schema:
        return path, f"expected {schema['description']}"
    if kind in ("minLength", "maxLength", "pattern", "format") and "description" in schema:
        return path, f"expected {schema['description']}, found {kind_of(value)}"
    return path, error.message


# Schema files by (path, modification time, size): comparison.schema.json is read for the
# comparison and again for engagement.yml's facts and sources, which use its rules; a build
# reads each file once, and a preview rebuild again only once it has changed.
_schemas: dict[tuple[Path, int, int], Any] = {}


def read_schema(path: Path) -> Any:
    """A schema file's JSON, read once while the file is unchanged (callers never change it)."""
    path = path.resolve()
    stat = path.stat()
    key = (path, stat.st_mtime_ns, stat.st_size)
    if key not in _schemas:
        _schemas[key] = json.loads(path.read_text(encoding="utf-8"))
    return _schemas[key]


def with_definitions(node: Any, folder: Path, loaded: dict[str, Any]) -> Any:
    """A schema with every reference to another schema file of `folder` replaced by what it points at.

    Resolved once, when the validator is made: a reference followed at each validation made
    checking a thousand posts' front matter seven times slower.
    """
    if isinstance(node, list):
        return [with_definitions(item, folder, loaded) for item in node]
    if not isinstance(node, dict):
        return node
    reference = node.get("$ref", "")
    if isinstance(reference, str) and not reference.startswith("#") and "#/" in reference:
        file, pointer = reference.split("#/", 1)
        if file not in loaded:
            loaded[file] = read_schema(folder / file)
        target: Any = loaded[file]
        for step in pointer.split("/"):
            target = target[step]
        # The target's own references point into its file: resolve them there too.
        resolved = with_definitions(_local_to(target, file), folder, loaded)
        return {**resolved, **with_definitions({k: v for k, v in node.items() if k != "$ref"}, folder, loaded)}
    return {key: with_definitions(value, folder, loaded) for key, value in node.items()}


def _local_to(node: Any, file: str) -> Any:
    """A piece of `file`'s schema whose "#/..." references are written as "file#/..."."""
    if isinstance(node, list):
        return [_local_to(item, file) for item in node]
    if not isinstance(node, dict):
        return node
    return {
        key: (
            file + value
            if key == "$ref" and isinstance(value, str) and value.startswith("#/")
            else _local_to(value, file)
        )
        for key, value in node.items()
    }


def schema_validator(project_dir: Path, schema_file: Path) -> Draft202012Validator:
    """A validator for one schema of data/, which may use another's definitions (definitions.schema.json#/$defs/...)."""
    path = project_dir / schema_file
    schema = with_definitions(read_schema(path), path.parent, {})
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


# Keywords fastjsonschema (a JSON Schema draft 7 checker) reads as jsonschema reads them in draft
# 2020-12. Beside a "$ref", draft 7 ignores every other keyword: only annotations may stand there.
QUICK_KEYWORDS = frozenset(
    {
        "$schema",
        "$id",
        "$defs",
        "$ref",
        "$comment",
        "title",
        "description",
        "examples",
        "type",
        "properties",
        "required",
        "additionalProperties",
        "items",
        "enum",
        "const",
        "pattern",
        "format",
        "minLength",
        "maxLength",
        "minItems",
        "maxItems",
        "uniqueItems",
        "minimum",
        "maximum",
        "allOf",
    }
)
_ANNOTATIONS = frozenset({"$comment", "title", "description", "examples"})


def quick_schema(schema: Any) -> Any | None:
    """`schema` as fastjsonschema should read it, or None where it might read it otherwise than
    jsonschema: a keyword not in QUICK_KEYWORDS, or enum or const values other than text or
    booleans. Python finds True equal to 1 and JSON Schema does not, so a schema whose values
    are booleans is given "type": "boolean" as well (stricter, never looser)."""
    if isinstance(schema, bool):
        return schema
    if not isinstance(schema, dict) or not set(schema) <= QUICK_KEYWORDS:
        return None
    if "$ref" in schema and not set(schema) - {"$ref"} <= _ANNOTATIONS:
        return None
    values = [*schema.get("enum", []), *([schema["const"]] if "const" in schema else [])]
    if not all(isinstance(value, (str, bool)) for value in values):
        return None
    if any(isinstance(value, bool) for value in values):
        if not all(isinstance(value, bool) for value in values) or schema.get("type", "boolean") != "boolean":
            return None
        schema = {**schema, "type": "boolean"}
    quick = dict(schema)
    for key in ("properties", "$defs"):
        if key in schema:
            parts = {name: quick_schema(part) for name, part in schema[key].items()}
            if any(part is None for part in parts.values()):
                return None
            quick[key] = parts
    for key in ("items", "additionalProperties"):
        if key in schema:
            quick[key] = quick_schema(schema[key])
            if quick[key] is None:
                return None
    if "allOf" in schema:
        quick["allOf"] = [quick_schema(part) for part in schema["allOf"]]
        if any(part is None for part in quick["allOf"]):
            return None
    return quick


def quick_check(validator: Draft202012Validator) -> Callable[[Any], bool] | None:
    """A yes-or-no check of the validator's schema about fifteen times faster than jsonschema (a
    thousand posts' front matter: 0.01 s instead of 0.2), which says yes only where jsonschema
    finds no problem: each format is checked by jsonschema's own checker, and a pattern's "$"
    means the very end (stricter). None where quick_schema refuses the schema."""
    schema = quick_schema(validator.schema)
    if schema is None:
        return None
    checker = validator.format_checker
    formats = {name: functools.partial(checker.conforms, format=name) for name in checker.checkers} if checker else {}
    try:
        compiled = fastjsonschema.compile(schema, formats=formats, use_default=False)
    except fastjsonschema.JsonSchemaDefinitionException:
        return None

    def passes(data: Any) -> bool:
        try:
            compiled(data)
        except fastjsonschema.JsonSchemaValueException:
            return False
        return True

    return passes


def schema_problems(
    data: Any, validator: Draft202012Validator, whole: str = "the file", quick: Callable[[Any], bool] | None = None
) -> list[Problem]:
    """Every place where the data breaks the JSON Schema: the first problem of each field.

    `quick` (quick_check's answer for the validator) spares jsonschema's slower reading of
    data it passes; jsonschema still reads what it does not, for the messages.
    """
    if quick is not None and quick(data):
        return []
    problems: dict[Path_, Problem] = {}
    for error in validator.iter_errors(data):
        problem = Problem(*schema_message(error, whole))
        problems.setdefault(problem.path, problem)
    return list(problems.values())
