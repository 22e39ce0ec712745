"""One mistake in a file editors write, and the message that names its file, line and field.

Every check of the data files, front matter and settings reports Problems (a path into the
data and what was expected); format_problems turns them into the one message an editor
reads, in the order of the file. DataError carries that message and stops the build.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import yaml
from mkdocs.exceptions import PluginError

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


def duplicates(items: Iterable[tuple[Path_, str]], what: str) -> Iterator[Problem]:
    """An id given to more than one entry, at each entry after the first that repeats it."""
    seen: set[str] = set()
    for path, value in items:
        if value in seen:
            yield Problem(path, f'"{value}" is already the id of another {what}; expected each id once')
        seen.add(value)


def unknown_value(
    path: Path_,
    value: str,
    known: list[str],
    what: str,
    expected: str = "one of: ",
    where: str = "",
    cutoff: float = 0.6,
) -> Problem:
    """A value that is none of `known`: what it is not, the closest known one, and the known ones.

    `what` ends the sentence "<value> is not ...", `expected` leads into the list, and `where`
    (optional) says where the list is kept.
    """
    hint = difflib.get_close_matches(value, known, n=1, cutoff=cutoff)
    did_you_mean = f' (did you mean "{hint[0]}"?)' if hint else ""
    see = f" (see {where})" if where else ""
    return Problem(path, f"{quoted(value)} is not {what}{did_you_mean}; expected {expected}{', '.join(known)}{see}")


def format_problems(file: str, data: Any, node: yaml.Node | None, problems: list[Problem], first_line: int = 1) -> str:
    """One message listing every problem, in the order of the file.

    `first_line` is the file line the YAML starts on (2 for a page's front matter).
    """
    return format_located(
        file, [(line_of(node, p.path) + first_line - 1, describe_path(data, p.path), p.message) for p in problems]
    )


def format_located(file: str, located: list[tuple[int, str, str]]) -> str:
    """One message from (line, field path, problem) triples: one line, or a list in the order of the file."""
    lines = [f"line {line}: {field}: {message}" for line, field, message in sorted(located)]
    if len(lines) == 1:
        return f"{file}, {lines[0]}"
    return f"{file} has {len(lines)} problems:\n  " + "\n  ".join(lines)
