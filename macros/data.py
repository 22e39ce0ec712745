"""Load data/comparison.yml and check it, turning every mistake into one clear message.

Editors change the data file by hand, so a bad edit must stop the build with a
message that names the file, the line, the field and what was expected, in words
an editor understands: never a traceback, never a silently missing row.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import json
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypedDict

import fastjsonschema
import yaml
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError
from mkdocs.exceptions import PluginError

from .safe_yaml import parse_yaml
from .yaml_messages import yaml_error_message

DATA_FILE = Path("data/comparison.yml")
SCHEMA_FILE = Path("data/comparison.schema.json")


class TaskArea(TypedDict):
    id: str
    name: str
    description: str


class Skill(TypedDict):
    id: str
    name: str


class RoleSkill(TypedDict):
    skill: str
    core: bool  # whether the role relies on the skill (the main differences list these)
    detail: str  # what the skill means in this role


class Source(TypedDict):
    id: str
    publisher: str
    title: str
    url: str
    checked: str  # the date the source was last read, year-month-day


class Sourced(TypedDict):
    text: str
    sources: list[str]  # ids of sources


class Fact(Sourced):
    id: str


class _CredentialFields(TypedDict):
    name: str  # Certified Paralegal
    short: str  # CP
    awarded_by: str  # NALA
    sources: list[str]


class Credential(_CredentialFields, total=False):
    how: str  # how it is earned or kept: after its exam


class _DutyFields(TypedDict):
    id: str
    area: str
    text: str
    remote: str  # all, part or none: how much of it a team working remotely can do
    ask: str  # the duty as a law firm asks for it (the contact page's request)


class Duty(_DutyFields, total=False):
    remote_note: str  # why, where remote is part or none


class Education(TypedDict):
    routes: list[str]
    length: Sourced
    on_the_job: str


class Specializations(TypedDict):
    areas: list[str]
    note: str


class OccupationCode(TypedDict):
    code: str
    title: str
    url: str  # its page at the BLS
    sources: list[str]


class Role(TypedDict):
    id: str
    name: str
    other_titles: list[str]
    onet_soc: OccupationCode
    focus: str
    supervision: Sourced
    billing: Sourced
    works_with_attorney: str
    client_contact: str
    education: Education
    credentials: list[Credential]
    skills: list[RoleSkill]
    specializations: Specializations
    duties: list[Duty]


class Service(TypedDict):
    id: str
    name: str
    summary: str
    areas: list[str]


class Comparison(TypedDict):
    reviewed: str  # the guide's "Last reviewed" date, year-month-day
    sources: list[Source]
    facts: list[Fact]
    task_areas: list[TaskArea]
    skills: list[Skill]
    roles: list[Role]
    career: list[dict[str, str]]  # each: if (a situation), choose (a role id), because
    services: list[Service]


Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    """One mistake in the data: where it is (a path into the data) and what was expected."""

    path: Path_
    message: str


class DataError(PluginError):
    """A data file that cannot be used; the message is written for editors."""


def line_of(node: yaml.Node | None, path: Path_) -> int:
    """The 1-based line of the value at `path`, or of the nearest enclosing value that exists."""
    if node is None:
        return 1
    line = node.start_mark.line
    for step in path:
        if isinstance(node, yaml.MappingNode):
            match = next(((k, v) for k, v in node.value if k.value == step), None)
            if match is None:
                break
            line, node = match[0].start_mark.line, match[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            node = node.value[step]
            line = node.start_mark.line
        else:
            break
    return line + 1


def describe_path(data: Any, path: Path_) -> str:
    """A field path an editor can follow: list items are named by their id when they have one."""
    parts: list[str] = []
    here = data
    for step in path:
        try:
            here = here[step]
        except (KeyError, IndexError, TypeError):
            here = None
        if isinstance(step, int):
            item_id = here.get("id") if isinstance(here, dict) else None
            parts.append(str(item_id) if isinstance(item_id, str) else f"item {step + 1}")
        else:
            parts.append(str(step))
    return " > ".join(parts) if parts else "(top of the file)"


_TYPE_WORDS = {
    "object": "a block of fields",
    "array": "a list",
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "yes or no",
    "null": "nothing",
}


# Characters an editor cannot see, by the name their editor's "show invisibles" would use.
_INVISIBLE_NAMES = {
    "\u00a0": "non-breaking space",
    "\u202f": "narrow non-breaking space",
    "\u200b": "zero-width space",
    "\u200c": "zero-width non-joiner",
    "\u200d": "zero-width joiner",
    "\u2060": "word joiner",
    "\ufeff": "zero-width no-break space (byte-order mark)",
    "\u00ad": "soft hyphen",
}


def invisible_note(text: str) -> str | None:
    """Where `text` holds a character that shows as nothing or as a plain space, named; else None."""
    for index, char in enumerate(text):
        if char in " \t\n":
            continue
        if char in _INVISIBLE_NAMES or unicodedata.category(char) in ("Cf", "Cc", "Zs", "Zl", "Zp"):
            name = _INVISIBLE_NAMES.get(char) or unicodedata.name(char, "control character").lower()
            where = f'after "{text[:index]}"' if index else "at the start"
            return f"an invisible {name} (U+{ord(char):04X}) {where}: delete it and type the text again"
    return None


def quoted(text: str) -> str:
    """A value in quotes for a message, line breaks shown as \\n, with any invisible character in it named."""
    shown = text if len(text) <= 60 else text[:57] + "..."
    shown = shown.replace("\r", "\\r").replace("\n", "\\n")
    note = invisible_note(text)
    return f'"{shown}"' + (f", with {note}," if note else "")


def kind_of(value: Any) -> str:
    """How an editor would describe a YAML value's kind."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"yes/no ({'true' if value else 'false'}); put text in quotes"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, str):
        return f"text ({quoted(value).rstrip(',')})"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a block of fields"
    return type(value).__name__


def schema_message(error: ValidationError, whole: str = "the file") -> tuple[Path_, str]:
    """Turn a JSON Schema error into a path and a sentence for editors; `whole` names the top level."""
    path: Path_ = tuple(error.absolute_path)
    kind, value, schema = error.validator, error.instance, error.schema
    if kind == "required":
        missing = [name for name in error.validator_value if name not in value]
        # A sourced entry without its citations (the file's own list of sources is another matter).
        if missing[0] == "sources" and path:
            return path + ("sources",), ("is missing: a fact from outside the firm says where it comes from; expected "
                                         "sources: [...] with the ids of the entries under sources: that confirm it")
        needs = f"{whole} needs" if not path else "every entry here needs"
        return path + (missing[0],), f'is missing; {needs}: {", ".join(error.validator_value)}'
    if kind == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        extra = sorted(str(key) for key in value if key not in allowed)[0]
        hint = difflib.get_close_matches(str(extra), allowed, n=1)
        did_you_mean = f' (did you mean "{hint[0]}"?)' if hint else ""
        return path + (extra,), f'is not a known field{did_you_mean}; expected one of: {", ".join(allowed)}'
    if kind == "type":
        types = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        expected = " or ".join(_TYPE_WORDS.get(t, t) for t in types)
        if types == ["object"] and path and "description" in schema:
            expected = schema["description"]
        # A value typed as "[Draft] rules" or "{x}" is read as a list or a block of fields.
        hint = "; put the value in quotes if it is text" if "string" in types and isinstance(value, (list, dict)) else ""
        return path, f"expected {expected}, found {kind_of(value)}{hint}"
    if kind == "minItems":
        return path, f"expected at least {error.validator_value} entr{'y' if error.validator_value == 1 else 'ies'}, found {len(value)}"
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
    return {key: (file + value if key == "$ref" and isinstance(value, str) and value.startswith("#/") else _local_to(value, file))
            for key, value in node.items()}


def schema_validator(project_dir: Path, schema_file: Path) -> Draft202012Validator:
    """A validator for one schema of data/, which may use another's definitions (definitions.schema.json#/$defs/...)."""
    path = project_dir / schema_file
    schema = with_definitions(read_schema(path), path.parent, {})
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


# Keywords fastjsonschema (a JSON Schema draft 7 checker) reads as jsonschema reads them in draft
# 2020-12. Beside a "$ref", draft 7 ignores every other keyword: only annotations may stand there.
QUICK_KEYWORDS = frozenset({"$schema", "$id", "$defs", "$ref", "$comment", "title", "description", "examples",
                            "type", "properties", "required", "additionalProperties", "items", "enum", "const",
                            "pattern", "format", "minLength", "maxLength", "minItems", "maxItems", "uniqueItems",
                            "minimum", "maximum", "allOf"})
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


def schema_problems(data: Any, validator: Draft202012Validator, whole: str = "the file",
                    quick: Callable[[Any], bool] | None = None) -> list[Problem]:
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


def duplicates(items: Iterable[tuple[Path_, str]], what: str) -> Iterator[Problem]:
    """An id given to more than one entry, at each entry after the first that repeats it."""
    seen: set[str] = set()
    for path, value in items:
        if value in seen:
            yield Problem(path, f'"{value}" is already the id of another {what}; expected each id once')
        seen.add(value)


def unknown_value(path: Path_, value: str, known: list[str], what: str, expected: str = "one of: ",
                  where: str = "", cutoff: float = 0.6) -> Problem:
    """A value that is none of `known`: what it is not, the closest known one, and the known ones.

    `what` ends the sentence "<value> is not ...", `expected` leads into the list, and `where`
    (optional) says where the list is kept.
    """
    hint = difflib.get_close_matches(value, known, n=1, cutoff=cutoff)
    did_you_mean = f' (did you mean "{hint[0]}"?)' if hint else ""
    see = f" (see {where})" if where else ""
    return Problem(path, f'{quoted(value)} is not {what}{did_you_mean}; expected {expected}{", ".join(known)}{see}')


def _unknown(path: Path_, value: str, known: list[str], what: str) -> Problem:
    return unknown_value(path, value, known, f"the id of any {what}")


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
    problems = [unknown_value(path, value, known, "the id of any source", where="sources: near the end of the file")
                for path, value in cited if value not in known]
    used = {value for _, value in cited}
    problems += [Problem(("sources", i, "id"), f'"{source["id"]}" is not cited by any fact; expected '
                         f'sources: [{source["id"]}] under the fact it confirms, or remove the source')
                 for i, source in enumerate(data["sources"]) if source["id"] not in used]
    return problems


def source_problems(data: Comparison, today: dt.date) -> list[Problem]:
    """Citations of sources that do not exist, sources nothing cites, and dates that cannot be right."""
    problems = citation_problems(data)
    reviewed = dt.date.fromisoformat(data["reviewed"])
    if reviewed > today:
        problems.append(Problem(("reviewed",), f'{data["reviewed"]} is in the future; expected the date the guide '
                                "was last checked against its sources"))
    latest = max(data["sources"], key=lambda source: source["checked"])
    if dt.date.fromisoformat(latest["checked"]) > reviewed:
        problems.append(Problem(("reviewed",), f'{data["reviewed"]} is before {latest["checked"]}, when the source '
                                f'"{latest["id"]}" was checked; expected the date of the latest check (the guide says '
                                "its facts were last reviewed then)"))
    return problems


def skill_problems(data: Comparison) -> list[Problem]:
    """A role that leaves out a skill (its cell of the skills table would be empty) or relies on none."""
    problems = []
    for r, role in enumerate(data["roles"]):
        described = {entry["skill"] for entry in role["skills"]}
        problems += [Problem(("roles", r, "skills"), f'has no entry for the skill "{skill["id"]}"; expected every '
                             "skill once per role, saying what it means for the role (core: false if the role "
                             "does not rely on it)")
                     for skill in data["skills"] if skill["id"] not in described]
        if not any(entry["core"] for entry in role["skills"]):
            problems.append(Problem(("roles", r, "skills"), "has no skill with core: true; expected at least one "
                                    "skill the role relies on"))
    return problems


def reference_problems(data: Comparison, today: dt.date | None = None) -> list[Problem]:
    """Duplicate ids, references to ids that do not exist, and entries no table would show."""
    problems: list[Problem] = []
    for section, what in (("sources", "source"), ("facts", "fact"), ("task_areas", "task area"), ("skills", "skill"),
                          ("roles", "role"), ("services", "service")):
        problems += duplicates((((section, i, "id"), item["id"]) for i, item in enumerate(data[section])), what)
    duties = [((("roles", r, "duties", d)), duty) for r, role in enumerate(data["roles"]) for d, duty in enumerate(role["duties"])]
    problems += duplicates(((path + ("id",), duty["id"]) for path, duty in duties), "duty")

    areas = [area["id"] for area in data["task_areas"]]
    skills = [skill["id"] for skill in data["skills"]]
    roles = [role["id"] for role in data["roles"]]
    for path, duty in duties:
        if duty["area"] not in areas:
            problems.append(_unknown(path + ("area",), duty["area"], areas, "task area"))
    for s, service in enumerate(data["services"]):
        problems += [_unknown(("services", s, "areas", a), area, areas, "task area")
                     for a, area in enumerate(service["areas"]) if area not in areas]
    for r, role in enumerate(data["roles"]):
        problems += [_unknown(("roles", r, "skills", k, "skill"), entry["skill"], skills, "skill")
                     for k, entry in enumerate(role["skills"]) if entry["skill"] not in skills]
        problems += duplicates(
            ((("roles", r, "skills", k, "skill"), entry["skill"]) for k, entry in enumerate(role["skills"])),
            "skill of this role",
        )
    problems += [_unknown(("career", c, "choose"), choice["choose"], roles, "role")
                 for c, choice in enumerate(data["career"]) if choice["choose"] not in roles]
    problems += source_problems(data, today or dt.date.today())

    # An area or skill nobody uses would silently vanish from the tables. Checked only
    # when the references are right: a mistyped area would otherwise be reported twice.
    if problems:
        return problems
    used_areas = {duty["area"] for _, duty in duties}
    problems += [Problem(("task_areas", i, "id"), f'"{area["id"]}" has no duties; expected at least one duty with area: {area["id"]}, or remove the task area')
                 for i, area in enumerate(data["task_areas"]) if area["id"] not in used_areas]
    return problems + skill_problems(data)


def format_problems(file: str, data: Any, node: yaml.Node | None, problems: list[Problem], first_line: int = 1) -> str:
    """One message listing every problem, in the order of the file.

    `first_line` is the file line the YAML starts on (2 for a page's front matter).
    """
    return format_located(file, [(line_of(node, p.path) + first_line - 1, describe_path(data, p.path), p.message)
                                 for p in problems])


def format_located(file: str, located: list[tuple[int, str, str]]) -> str:
    """One message from (line, field path, problem) triples: one line, or a list in the order of the file."""
    lines = [f"line {line}: {field}: {message}" for line, field, message in sorted(located)]
    if len(lines) == 1:
        return f"{file}, {lines[0]}"
    return f"{file} has {len(lines)} problems:\n  " + "\n  ".join(lines)


def read_text(project_dir: Path, data_file: Path) -> str:
    """A data file's text, or DataError naming it if it is missing or not UTF-8."""
    path = project_dir / data_file
    shown = data_file.as_posix()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataError(f"{shown}: the data file is missing; expected it at {path}") from None
    return decode_utf8(shown, raw)


def as_mkdocs_reads(text: str) -> str:
    """Text with Windows (CRLF) and old Mac (CR) line endings made LF, as MkDocs reads a page (in text mode)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode_utf8(shown: str, raw: bytes) -> str:
    """Bytes as UTF-8 text read as MkDocs reads a file (a leading byte-order mark dropped, any line ending made
    LF), or DataError naming the line of the first bad byte."""
    try:
        return as_mkdocs_reads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        line = raw[:error.start].count(b"\n") + 1
        raise DataError(f"{shown}, line {line}: the file is not UTF-8 text (byte 0x{raw[error.start]:02x} cannot be "
                        "read as UTF-8); save it as UTF-8 (in most editors: Save with encoding, then UTF-8)") from None


def load_checked(project_dir: Path, data_file: Path, schema_file: Path) -> tuple[Any, yaml.Node | None]:
    """Read a YAML data file and check it against its JSON Schema; raise DataError with one clear message.

    Returns the data and its node tree, so that further checks can name lines.
    """
    shown = data_file.as_posix()
    text = read_text(project_dir, data_file)
    try:
        data, node = parse_yaml(text)
    except yaml.YAMLError as error:
        raise DataError(yaml_error_message(shown, text, error)) from None
    data = dates_as_text(data)
    problems = schema_problems(data, schema_validator(project_dir, schema_file))
    if problems:
        raise DataError(format_problems(shown, data, node, problems))
    return data, node


def dates_as_text(value: Any) -> Any:
    """The same data with every YAML date as year-month-day text, the form the schemas check and pages show."""
    if isinstance(value, dict):
        return {key: dates_as_text(item) for key, item in value.items()}
    if isinstance(value, list):
        return [dates_as_text(item) for item in value]
    return value.isoformat() if isinstance(value, dt.date) else value


def load_comparison(project_dir: Path, data_file: Path = DATA_FILE, schema_file: Path = SCHEMA_FILE) -> Comparison:
    """Read and check the comparison data; raise DataError with one clear message if it is wrong."""
    data, node = load_checked(project_dir, data_file, schema_file)
    # References are only checked in data whose shape is right: they index into it freely.
    problems = reference_problems(data)
    if problems:
        raise DataError(format_problems(data_file.as_posix(), data, node, problems))
    return data


# The macros and the open-data hook both need the data in the same build: remember the
# checked data while the file is unchanged, so it is read and validated once per build.
_checked: dict[tuple[Path, int, int], Comparison] = {}


def load_comparison_once(project_dir: Path) -> Comparison:
    """load_comparison, reusing the last result while data/comparison.yml is unchanged."""
    path = (project_dir / DATA_FILE).resolve()
    try:
        stat = path.stat()
    except FileNotFoundError:
        return load_comparison(project_dir)
    key = (path, stat.st_mtime_ns, stat.st_size)
    if key not in _checked:
        _checked.clear()
        _checked[key] = load_comparison(project_dir)
    return _checked[key]
