"""What a YAML mistake means for an editor: the line, the field, and what to type instead.

PyYAML describes a mistake in its own terms ("mapping values are not allowed here",
"expected <block end>, but found '<scalar>'", "found character '@' that cannot start any
token"). Almost every such mistake an editor makes is one of a few: a value that starts
with a character YAML gives a meaning to, a value holding ": ", a quotation mark or bracket
left open, a line indented differently, a tab. Each is recognised from the error and the
line it points at, and described with what to do, usually the corrected line itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import yaml

from macros.checks.yaml_reader import InputProblem, NotADate, item_path, quoted_line

# A line holding a value: its indentation and list dashes, an optional field name and colon, the value.
_KEY = r"""(?:"[^"]*"|'[^']*'|[^\s"'#\[\]{}&*!|>%@`-][^:#]*?|-[^\s:][^:#]*?)"""
_VALUE_LINE = re.compile(rf"^(?P<lead>\s*(?:-\s+)*(?:{_KEY}\s*:(?:\s+|$))?)(?P<value>.*?)\s*$")
_JINJA_VALUE = re.compile(r"^\s*(?:-\s+)?(?:[^\s\"'#:{][^:]*:\s+)?\{\{")
_QUOTED_START = re.compile(r"""^\s*(?:-\s+)?(?:[^\s"'#:][^:]*:\s+)?(["'])(.*)$""")

# What a character at the start of a value means to YAML, in an editor's words.
_LEADING = {
    "[": "which YAML reads as the start of a list",
    "{": "which YAML reads as the start of a block of fields written on one line",
    "*": "which YAML reads as a repeat of a value named elsewhere (an alias)",
    "&": "which YAML reads as a name for repeating the value elsewhere (an anchor)",
    "|": "which YAML reads as the sign for a block of lines written below it",
    ">": "which YAML reads as the sign for a block of lines written below it",
    "@": "which YAML does not allow at the start of a value",
    "`": "which YAML does not allow at the start of a value",
    "%": "which YAML reads as an instruction to itself",
    "- ": "which YAML reads as a list item",
    "? ": "which YAML reads as the start of a field name",
}

_INDENTED = (
    "this line is indented differently from the lines around it; expected each field lined up with the "
    "other fields of its block, indented with spaces"
)
_NOT_A_FIELD = (
    "this line is indented differently from the lines around it, or the line above it has no space after "
    "its colon; expected each field lined up with the other fields of its block, and a space after each colon"
)
_GENERAL = (
    "expected 'field: value' lines indented with spaces, consistently (put a value in quotes if it holds ': ' "
    "or starts with a special character)"
)


def _value_at(lines: list[str], index: int) -> tuple[str, int, str]:
    """The line, the column at which its value starts, and the value (without trailing spaces)."""
    line = lines[index] if 0 <= index < len(lines) else ""
    match = _VALUE_LINE.match(line)
    assert match is not None  # every part of the pattern may be empty
    return line, match.end("lead"), match.group("value")


def _leading(value: str) -> str | None:
    """The special character (or "- ", "? ") a value starts with, if YAML gives it a meaning."""
    for sign in sorted(_LEADING, key=len, reverse=True):
        if value.startswith(sign) and (len(sign) == 2 or value != sign):
            return sign
    return None


def _starts_with_sign(line: str, column: int, value: str) -> str | None:
    """The sentence for a value that starts with a character YAML reads as syntax, or None."""
    sign = _leading(value)
    if sign is None:
        return None
    return (
        f'the value starts with "{sign.strip()}", {_LEADING[sign]}; put the value in quotes: '
        f"{quoted_line(line, column)}"
    )


def _after_closing(line: str, column: int, value: str) -> str | None:
    """The sentence for a value that starts quoted or bracketed and goes on after the closing mark, or None."""
    if not value or value[0] not in "\"'[{":
        return None
    if value[0] in "\"'":
        return (
            f"the value starts with a quotation mark and goes on after the closing one, so YAML cannot tell where it "
            f"ends; put the whole value in quotes: {quoted_line(line, column)}"
        )
    return _starts_with_sign(line, column, value)


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
            later = lines[index + 1 : upto + 1]
            return index if any(match.group(1) in line for line in later) else None
    return None


def _unclosed(lines: list[str], index: int) -> str:
    """The sentence for a quotation mark or bracket opened on line `index` and never closed."""
    line, column, value = _value_at(lines, index)
    if value[:1] in "\"'":
        return (
            f"a quotation mark opened here is never closed; expected the value to end with the same mark on this "
            f"line: {line[:column].strip()} {value}{value[0]}".rstrip()
        )
    if value[:1] in "[{":
        closing = "]" if value[0] == "[" else "}"
        return (
            f'a bracket "{value[0]}" opened here is never closed; expected "{closing}" at the end of the list on '
            f"this line, or the whole value in quotes if it is text: {quoted_line(line, column)}"
        )
    return "a quotation mark or bracket opened here is never closed; expected it closed on the same line"


def _jinja_line(lines: list[str], start: yaml.Mark, end: yaml.Mark) -> int | None:
    """The first line between two marks whose value starts with {{ (macros typed into YAML), or None."""
    for index in range(start.line, min(end.line, len(lines) - 1) + 1):
        if _JINJA_VALUE.match(lines[index]):
            return index
    return None


def _colon_problem(lines: list[str], mark: yaml.Mark) -> str:
    """'mapping values are not allowed here': a ": " inside a value, or a line that does not line up."""
    line, column, value = _value_at(lines, mark.line)
    if value and mark.column > column:
        return (
            f'the value holds ": ", which YAML reads as the start of another field; put the value in quotes: '
            f"{quoted_line(line, column)}"
        )
    return _NOT_A_FIELD


def _explain(error: yaml.YAMLError, lines: list[str]) -> tuple[int, str]:
    """The 0-based line a mistake is on and the sentence that says what to do."""
    mark: yaml.Mark = error.problem_mark  # type: ignore[attr-defined]
    problem = getattr(error, "problem", None) or str(error)
    context = getattr(error, "context", None) or ""
    context_mark = getattr(error, "context_mark", None)
    line, column, value = _value_at(lines, mark.line)
    if isinstance(error, NotADate):
        return mark.line, f"{problem}; expected a date written year-month-day, such as 2026-09-15"
    if "is written twice" in problem:
        return mark.line, f"{problem}; expected each field once (delete one of the two, or rename it)"
    braces = _jinja_line(lines, context_mark or mark, mark)
    if braces is not None:
        return braces, (
            'the value starts with "{{", which YAML reads as a block of fields; expected plain text (macros '
            "do not run here: write the words themselves, or put the value in quotes)"
        )
    if "end of stream" in problem and context_mark is not None:
        return context_mark.line, _unclosed(lines, context_mark.line)
    opened = _unclosed_quote_line(lines, mark.line)
    if opened is not None:
        return opened, _unclosed(lines, opened)
    if "undefined alias" in problem:
        return mark.line, (
            "an alias (*name) here repeats an anchor (&name) that is not defined above it; if the value "
            f"is text, put the value in quotes: {quoted_line(line, column)}"
        )
    if "'\\t'" in problem:
        return mark.line, (
            "a tab character is used for indentation; expected spaces (most editors can be set to type "
            "spaces for the Tab key)"
        )
    if "maximum nesting depth" in problem:
        return mark.line, "brackets are nested too deeply; expected a few levels of lists and fields"
    if "mapping values are not allowed" in problem:
        return mark.line, _colon_problem(lines, mark)
    if context.startswith("while parsing a flow") and context_mark is not None:
        return context_mark.line, _unclosed(lines, context_mark.line)
    if problem.startswith("expected <block"):
        # In the middle of a line: what follows a quoted or bracketed start; at its start: indentation.
        in_line = mark.column > len(line) - len(line.lstrip())
        return mark.line, (_after_closing(line, column, value) if in_line else None) or _INDENTED
    if "double-quoted scalar" in context and "escape" in problem:
        return mark.line, (
            "a backslash (\\) inside double quotes starts a special code such as \\n; write \\\\ for a "
            f"backslash, or put the value in single quotes: {line[:column].strip()} '{value[1:-1]}'"
        )
    sentence = _starts_with_sign(line, column, value)
    if sentence:
        return mark.line, sentence
    detail = f"{context}, {problem}" if context else problem
    return mark.line, f"YAML cannot read this line ({detail}); {_GENERAL}"


def _children(node: yaml.Node, path: tuple[str, ...]) -> Iterator[tuple[yaml.Node, yaml.Node, tuple[str, ...]]]:
    """(what marks the child's line, the child, its path) for each child of a mapping or list."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield key, value, (*path, str(key.value))
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            yield item, item, item_path(path, item, index)


def _path_to(node: yaml.Node, line: int, path: tuple[str, ...] = (), depth: int = 0) -> tuple[str, ...] | None:
    """The field path of the field or list item written on `line` (0-based), or None."""
    if depth > 60:  # an alias may point back up the graph
        return None
    for marker, child, child_path in _children(node, path):
        if marker.start_mark.line == line and (marker is not child or isinstance(child, yaml.ScalarNode)):
            return child_path  # a field's name, or a list item of one value, on that line
        if child.start_mark.line <= line <= child.end_mark.line:
            found = _path_to(child, line, child_path, depth + 1)
            if found:
                return found
    return None


def field_at(text: str, line: int) -> str | None:
    """The field path ("roles > paralegal > focus") of the value on `line` (0-based), for a file YAML cannot read.

    The file is read again with that line's value left empty, which is usually all that is wrong
    with it; if it still cannot be read, the field's own name on the line is the best there is.
    """
    lines = text.split("\n")
    if not 0 <= line < len(lines):
        return None
    own, column, _ = _value_at(lines, line)
    # The line with its value left empty; or indented like one of the lines above it (a tab typed for spaces).
    blanked = (own[:column].rstrip() + ' ""') if own[:column].strip() else ""
    indents = dict.fromkeys(
        len(earlier) - len(earlier.lstrip()) for earlier in reversed(lines[:line]) if earlier.strip()
    )
    fixes = [blanked, *(" " * indent + own.lstrip(" \t") for indent in list(indents)[:8])]
    for candidate in (text, *("\n".join([*lines[:line], fixed, *lines[line + 1 :]]) for fixed in fixes)):
        try:
            root = yaml.compose(candidate, Loader=yaml.SafeLoader)
        except yaml.YAMLError:
            continue
        found = _path_to(root, line) if root is not None else None
        if found:
            return " > ".join(found)
    name = own[:column].strip().lstrip("-").strip().rstrip(":").strip().strip("\"'")
    return name or None


def yaml_error_message(file: str, text: str, error: yaml.YAMLError, first_line: int = 1) -> str:
    """Describe a YAML mistake with the line it is on, the field and what to do.

    `first_line` is the file line the YAML starts on (2 for a page's front matter).
    """
    if isinstance(error, InputProblem) and error.problem_mark is not None:  # an InputProblem always has one
        return f"{file}, line {error.problem_mark.line + first_line}: {error.field}: {error.problem}"
    if getattr(error, "problem_mark", None) is None:
        problem = getattr(error, "problem", None) or str(error)
        return f"{file}: YAML cannot read the file ({problem}); {_GENERAL}"
    lines = text.split("\n")
    index, sentence = _explain(error, lines)
    field = field_at(text, index)
    return f"{file}, line {index + first_line}: {field + ': ' if field else ''}{sentence}"
