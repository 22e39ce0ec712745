"""Load data/comparison.yml and check it, turning every mistake into one clear message.

Editors change the data file by hand, so a bad edit must stop the build with a
message that names the file, the line, the field and what was expected, in words
an editor understands: never a traceback, never a silently missing row.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypedDict

import yaml
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError
from mkdocs.exceptions import PluginError

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
    detail: str


class Duty(TypedDict):
    id: str
    area: str
    text: str


class Education(TypedDict):
    routes: list[str]
    on_the_job: str


class Specializations(TypedDict):
    areas: list[str]
    note: str


class OccupationCode(TypedDict):
    code: str
    title: str


class Role(TypedDict):
    id: str
    name: str
    other_titles: list[str]
    onet_soc: OccupationCode
    focus: str
    works_with_attorney: str
    client_contact: str
    education: Education
    skills: list[RoleSkill]
    specializations: Specializations
    duties: list[Duty]


class Service(TypedDict):
    id: str
    name: str
    summary: str
    areas: list[str]


class Comparison(TypedDict):
    task_areas: list[TaskArea]
    skills: list[Skill]
    roles: list[Role]
    services: list[Service]


Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    """One mistake in the data: where it is (a path into the data) and what was expected."""

    path: Path_
    message: str


class DataError(PluginError):
    """A data file that cannot be used; the message is written for editors."""


class _Strict:
    """PyYAML's safe loading, except that a key written twice in one mapping is an error.

    Plain PyYAML keeps the last value silently, which would hide a copy-paste mistake.
    """

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)  # type: ignore[attr-defined]
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f'the field "{key}" is written twice in the same block', key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)  # type: ignore[misc]


class NotADate(yaml.constructor.ConstructorError):
    """A value written like a date that is no real date, such as 2026-13-01."""


def _construct_timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    # PyYAML raises a bare ValueError for 2026-02-30: report it with its line instead.
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError:
        raise NotADate(None, None, f'"{node.value}" is not a real date', node.start_mark) from None


class _StrictLoader(_Strict, yaml.SafeLoader):
    """The pure-Python loader: its error messages are the ones yaml_error_message explains."""


# libyaml's parser, where PyYAML has it, reads a post's front matter several times faster.
class _FastStrictLoader(_Strict, getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The same rules on libyaml's parser."""


for _loader in (_StrictLoader, _FastStrictLoader):
    _loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


def _parse_with(loader_class: type, text: str) -> tuple[Any, yaml.Node | None]:
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    return data, node


def parse_yaml(text: str) -> tuple[Any, yaml.Node | None]:
    """Parse YAML text into data and its node tree (the tree knows each value's line)."""
    try:
        return _parse_with(_FastStrictLoader, text)
    except yaml.YAMLError:
        # Parse again with the pure-Python loader, whose error wording the messages rely on.
        return _parse_with(_StrictLoader, text)


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


def kind_of(value: Any) -> str:
    """How an editor would describe a YAML value's kind."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"yes/no ({'true' if value else 'false'}); put text in quotes"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, str):
        return f'text ("{value if len(value) <= 60 else value[:57] + "..."}")'
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
        return path, f"expected {expected}, found {kind_of(value)}"
    if kind == "minItems":
        return path, f"expected at least {error.validator_value} entr{'y' if error.validator_value == 1 else 'ies'}, found {len(value)}"
    if kind == "uniqueItems":
        return path, "lists the same entry twice; expected each entry once"
    if kind == "const" and "description" in schema:
        return path, f"expected {schema['description']}"
    if kind in ("minLength", "maxLength", "pattern", "format") and "description" in schema:
        return path, f"expected {schema['description']}, found {kind_of(value)}"
    return path, error.message


def schema_problems(data: Any, schema: dict[str, Any], whole: str = "the file") -> list[Problem]:
    """Every place where the data breaks the JSON Schema."""
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    return [Problem(*schema_message(e, whole)) for e in validator.iter_errors(data)]


def _duplicates(items: Iterable[tuple[Path_, str]], what: str) -> Iterator[Problem]:
    seen: set[str] = set()
    for path, value in items:
        if value in seen:
            yield Problem(path, f'"{value}" is already the id of another {what}; expected each id once')
        seen.add(value)


def _unknown(path: Path_, value: str, known: list[str], what: str) -> Problem:
    hint = difflib.get_close_matches(value, known, n=1)
    did_you_mean = f' (did you mean "{hint[0]}"?)' if hint else ""
    return Problem(path, f'"{value}" is not the id of any {what}{did_you_mean}; expected one of: {", ".join(known)}')


def reference_problems(data: Comparison) -> list[Problem]:
    """Duplicate ids, references to ids that do not exist, and entries no table would show."""
    problems: list[Problem] = []
    for section, what in (("task_areas", "task area"), ("skills", "skill"), ("roles", "role"), ("services", "service")):
        problems += _duplicates((((section, i, "id"), item["id"]) for i, item in enumerate(data[section])), what)
    duties = [((("roles", r, "duties", d)), duty) for r, role in enumerate(data["roles"]) for d, duty in enumerate(role["duties"])]
    problems += _duplicates(((path + ("id",), duty["id"]) for path, duty in duties), "duty")

    areas = [area["id"] for area in data["task_areas"]]
    skills = [skill["id"] for skill in data["skills"]]
    for path, duty in duties:
        if duty["area"] not in areas:
            problems.append(_unknown(path + ("area",), duty["area"], areas, "task area"))
    for s, service in enumerate(data["services"]):
        problems += [_unknown(("services", s, "areas", a), area, areas, "task area")
                     for a, area in enumerate(service["areas"]) if area not in areas]
    for r, role in enumerate(data["roles"]):
        problems += [_unknown(("roles", r, "skills", k, "skill"), entry["skill"], skills, "skill")
                     for k, entry in enumerate(role["skills"]) if entry["skill"] not in skills]
        problems += _duplicates(
            ((("roles", r, "skills", k, "skill"), entry["skill"]) for k, entry in enumerate(role["skills"])),
            "skill of this role",
        )

    # An area or skill nobody uses would silently vanish from the tables. Checked only
    # when the references are right: a mistyped area would otherwise be reported twice.
    if problems:
        return problems
    used_areas = {duty["area"] for _, duty in duties}
    used_skills = {entry["skill"] for role in data["roles"] for entry in role["skills"]}
    problems += [Problem(("task_areas", i, "id"), f'"{area["id"]}" has no duties; expected at least one duty with area: {area["id"]}, or remove the task area')
                 for i, area in enumerate(data["task_areas"]) if area["id"] not in used_areas]
    problems += [Problem(("skills", i, "id"), f'"{skill["id"]}" is not used by any role; expected a role skill with skill: {skill["id"]}, or remove the skill')
                 for i, skill in enumerate(data["skills"]) if skill["id"] not in used_skills]
    return problems


def format_problems(file: str, data: Any, node: yaml.Node | None, problems: list[Problem], first_line: int = 1) -> str:
    """One message listing every problem, in the order of the file.

    `first_line` is the file line the YAML starts on (2 for a page's front matter).
    """
    located = sorted((line_of(node, p.path) + first_line - 1, describe_path(data, p.path), p.message) for p in problems)
    lines = [f"line {line}: {field}: {message}" for line, field, message in located]
    if len(lines) == 1:
        return f"{file}, {lines[0]}"
    return f"{file} has {len(lines)} problems:\n  " + "\n  ".join(lines)


_QUOTED_START = re.compile(r"""^\s*(?:-\s+)?(?:[^\s"'#:][^:]*:\s+)?(["'])(.*)$""")


def _closes(quote: str, rest: str) -> bool:
    """Whether a quoted value that starts `quote` + `rest` ends on the same line."""
    if quote == '"':
        return re.search(r'(?<!\\)"', rest) is not None
    return re.search(r"(?<!')'(?!')", rest.replace("''", "")) is not None


def _unclosed_quote_line(lines: list[str], upto: int) -> int | None:
    """The last line up to `upto` whose value opens a quote it never closes, if a later line
    up to `upto` holds that quote character (where YAML will have closed it); else None."""
    for index in range(min(upto, len(lines) - 1), -1, -1):
        match = _QUOTED_START.match(lines[index])
        if match and not _closes(match.group(1), match.group(2)):
            later = lines[index + 1:upto + 1]
            return index if any(match.group(1) in line for line in later) else None
    return None


def yaml_error_message(file: str, text: str, error: yaml.YAMLError, first_line: int = 1) -> str:
    """Describe a YAML syntax error with the line it starts on and the text on that line."""
    mark = getattr(error, "problem_mark", None)
    problem = getattr(error, "problem", None) or str(error)
    context = getattr(error, "context", None) or ""
    if mark is None:
        return f"{file}: the file is not valid YAML: {problem}"
    lines = text.splitlines()
    if isinstance(error, NotADate):
        field = lines[mark.line].split(":", 1)[0].strip(" -") if mark.line < len(lines) else "value"
        return (f"{file}, line {mark.line + first_line}: {field}: {problem}; "
                "expected a date written year-month-day, such as 2026-09-15")
    opened = _unclosed_quote_line(lines, mark.line)
    # A quote or bracket left open is only noticed at the end of the file: point at where it opened.
    if "end of stream" in problem and getattr(error, "context_mark", None) is not None:
        mark = error.context_mark
        problem = "a quotation mark or bracket opened here is never closed"
    # ...or where a later line's quote happens to close it, which YAML then misreads.
    elif opened is not None:
        mark = yaml.Mark("", 0, opened, 0, None, None)
        problem = "a quotation mark or bracket opened here is never closed"
    elif "expected <block end>" in problem:
        problem = "this line is indented differently from the lines around it"
    elif "'\\t'" in problem:
        problem = "a tab character is used for indentation"
    elif context:
        problem = f"{context}, {problem}"
    source = lines[mark.line].strip() if mark.line < len(lines) else ""
    near = f' near "{source}"' if source else ""
    return (
        f"{file}, line {mark.line + first_line}: the {'front matter' if first_line > 1 else 'file'} is not valid YAML: {problem}{near}; "
        "expected 'field: value' lines indented with spaces, consistently "
        "(quote values that hold ': ' or start with a special character)"
    )


def read_text(project_dir: Path, data_file: Path) -> str:
    """A data file's text, or DataError naming it if it is missing or not UTF-8."""
    path = project_dir / data_file
    shown = data_file.as_posix()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataError(f"{shown}: the data file is missing; expected it at {path}") from None
    return decode_utf8(shown, raw)


def decode_utf8(shown: str, raw: bytes) -> str:
    """Bytes as UTF-8 text (a leading byte-order mark dropped), or DataError naming the line of the first bad byte."""
    try:
        return raw.decode("utf-8-sig")
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
    schema = json.loads((project_dir / schema_file).read_text(encoding="utf-8"))
    problems = schema_problems(data, schema)
    if problems:
        raise DataError(format_problems(shown, data, node, problems))
    return data, node


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
