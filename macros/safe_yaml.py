"""Read the YAML editors write (data files, front matter, the blog's authors) with limits.

PyYAML alone has three traps for a file edited by hand:
- aliases are expanded without limit: ten lines of nested `&a`/`*a` ("billion laughs") make
  whatever walks the data (the schema check, MkDocs, the blog plugin) run for minutes and
  take gigabytes, and the preview never recovers;
- a key written as a list or block (`[clients]: x`, `? [a, b]`, an unquoted
  `title: {{ page.title }}`) ends in `TypeError: unhashable type`;
- a value starting with `!` is a type tag, and `<<` a merge key: both end in "could not
  determine a constructor", which tells an editor nothing.

So the text is first composed into PyYAML's node graph, in which an alias is the very node
its anchor names and nothing is expanded yet. The graph is checked (expanded size, depth,
keys, tags) before any Python object is built, and every refusal is a YAML error with a
line and a sentence in an editor's words, reported like a syntax error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

# The largest data file holds about 700 values and a post's front matter about 20: the limits
# leave room to grow a hundredfold while keeping a hostile file to a fraction of a second.
MAX_VALUES = 50_000
MAX_DEPTH = 40
MAX_CHARACTERS = 1_000_000

# The kinds of value the data and front matter may hold; anything else is a tag an editor
# typed by accident (`!important`) or one that builds objects the site has no use for.
_CORE = "tag:yaml.org,2002:"
ALLOWED_TAGS = frozenset(_CORE + name for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map"))


class InputProblem(yaml.MarkedYAMLError):
    """A refusal found in the node graph: where it is, the field path and what to do."""

    def __init__(self, field: str, problem: str, mark: yaml.Mark) -> None:
        super().__init__(problem=problem, problem_mark=mark)
        self.field = field


class NotADate(yaml.constructor.ConstructorError):
    """A value written like a date that is no real date, such as 2026-13-01."""


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


@dataclass
class _Walk:
    """The state of one check of a node graph."""

    text: str
    sizes: dict[int, int]  # expanded size of each node already counted, by id
    open: set[int]  # the nodes on the current path, to notice an alias inside its own anchor


def _step_name(node: yaml.Node, index: int) -> str:
    """How a list item is named in a field path: by its id, like the data messages do."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == "id" and isinstance(value, yaml.ScalarNode):
                return str(value.value)
    return f"item {index + 1}"


def _field(path: tuple[str, ...]) -> str:
    return " > ".join(path) if path else "(top of the file)"


def _starts_with(text: str, node: yaml.Node, prefix: str) -> bool:
    return text.startswith(prefix, node.start_mark.index)


def _check_tag(node: yaml.Node, path: tuple[str, ...]) -> None:
    """Refuse a tag, with the words that fit how it was most likely typed."""
    if node.tag in ALLOWED_TAGS:
        return
    if node.tag == _CORE + "merge":
        problem = 'a value "<<" is read by YAML as a merge key; expected text: put it in quotes ("<<")'
    elif node.tag == _CORE + "value":
        problem = 'a value "=" is read by YAML as a special sign; expected text: put it in quotes ("=")'
    elif node.tag.startswith("!") and not node.tag.startswith("!!"):
        problem = (f'the value starts with "{node.tag}", which YAML reads as a type tag, not as text; '
                   f'expected plain text: put the whole value in quotes, such as "{node.tag} ..."')
    else:
        shown = node.tag.replace(_CORE, "!!")
        problem = (f'the type tag "{shown}" is not allowed; expected plain text, numbers, dates, lists and fields '
                   "(remove the tag, or put the whole value in quotes if it is text)")
    raise InputProblem(_field(path), problem, node.start_mark)


def _check_key(walk: _Walk, key: yaml.Node, path: tuple[str, ...]) -> None:
    """A field name must be plain text, and merge keys are refused by name."""
    if isinstance(key, yaml.ScalarNode) and key.tag == _CORE + "merge":
        raise InputProblem(_field(path), 'merge keys ("<<: *name") are not supported; expected every field '
                           "written out in full in each entry (copy the fields instead of merging them)",
                           key.start_mark)
    if not isinstance(key, yaml.ScalarNode):
        written = "{{ ... }}" if _starts_with(walk.text, key, "{{") else ("a list" if isinstance(key, yaml.SequenceNode) else "a block")
        raise InputProblem(_field(path), f"a field name is written as {written}; expected a plain name before the colon, "
                           "such as title: (put a name that starts with [, { or ? in quotes)", key.start_mark)
    _check_tag(key, path)


def _size(walk: _Walk, node: yaml.Node, path: tuple[str, ...]) -> int:
    """The number of values `node` stands for once every alias in it is expanded; checks it on the way."""
    if id(node) in walk.sizes:
        return walk.sizes[id(node)]
    if id(node) in walk.open:
        raise InputProblem(_field(path), "an alias (*name) here repeats the block that contains it, which would "
                           "never end; expected the values written out", node.start_mark)
    if len(path) > MAX_DEPTH:
        raise InputProblem(_field(path), f"the values are nested more than {MAX_DEPTH} levels deep; "
                           "expected a few levels of lists and fields", node.start_mark)
    if isinstance(node, yaml.MappingNode) and _starts_with(walk.text, node, "{{"):
        raise InputProblem(_field(path), 'the value starts with "{{", which YAML reads as a block of fields; expected plain '
                           "text (macros do not run here: write the words themselves, or put the value in quotes)",
                           node.start_mark)
    _check_tag(node, path)
    walk.open.add(id(node))
    total = 1
    if isinstance(node, yaml.SequenceNode):
        total += sum(_size(walk, item, path + (_step_name(item, i),)) for i, item in enumerate(node.value))
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            _check_key(walk, key, path)
            total += 1 + _size(walk, value, path + (str(key.value),))
    walk.open.discard(id(node))
    walk.sizes[id(node)] = total
    return total


def _bulk(walk: _Walk, node: yaml.Node, path: tuple[str, ...]) -> tuple[yaml.Node, tuple[str, ...]]:
    """The field that holds most of an oversized graph: follow the largest child while it holds most of its parent."""
    while True:
        if isinstance(node, yaml.SequenceNode):
            children = [(item, path + (_step_name(item, i),)) for i, item in enumerate(node.value)]
        elif isinstance(node, yaml.MappingNode):
            children = [(value, path + (str(key.value),)) for key, value in node.value]
        else:
            return node, path
        if not children:
            return node, path
        child, child_path = max(children, key=lambda pair: walk.sizes[id(pair[0])])
        if walk.sizes[id(child)] * 2 < walk.sizes[id(node)]:
            return node, path
        node, path = child, child_path


def check_graph(text: str, root: yaml.Node) -> None:
    """Raise InputProblem if the graph is too large once expanded, too deep, or holds a bad key or tag."""
    walk = _Walk(text, {}, set())
    total = _size(walk, root, ())
    if total > MAX_VALUES:
        node, path = _bulk(walk, root, ())
        raise InputProblem(_field(path), f"the aliases (*name) here expand to about {walk.sizes[id(node)]:,} values, more than the "
                           f"{MAX_VALUES:,} a file may hold; expected the values written out (aliases only for a few "
                           "small repeats)", node.start_mark)


def _parse_with(loader_class: type, text: str) -> tuple[Any, yaml.Node | None]:
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, None
        check_graph(text, node)
        return loader.construct_document(node), node
    finally:
        loader.dispose()


def parse_yaml(text: str) -> tuple[Any, yaml.Node | None]:
    """Parse YAML text, with limits, into data and its node tree (the tree knows each value's line)."""
    if len(text) > MAX_CHARACTERS:
        raise InputProblem("(top of the file)", f"the text is longer than {MAX_CHARACTERS:,} characters; "
                           "expected a file of a reasonable size", yaml.Mark("", 0, 0, 0, None, None))
    try:
        return _parse_with(_FastStrictLoader, text)
    except InputProblem:
        raise
    except yaml.YAMLError:
        # Parse again with the pure-Python loader, whose error wording the messages rely on.
        return _parse_with(_StrictLoader, text)


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


_JINJA_VALUE = re.compile(r"^\s*(?:-\s+)?(?:[^\s\"'#:{][^:]*:\s+)?\{\{")


def _jinja_line(lines: list[str], start: yaml.Mark, end: yaml.Mark) -> int | None:
    """The first line between two marks whose value starts with {{ (macros typed into YAML), or None."""
    for index in range(start.line, min(end.line, len(lines) - 1) + 1):
        if _JINJA_VALUE.match(lines[index]):
            return index
    return None


def yaml_error_message(file: str, text: str, error: yaml.YAMLError, first_line: int = 1) -> str:
    """Describe a YAML mistake with the line it starts on and what was expected.

    `first_line` is the file line the YAML starts on (2 for a page's front matter).
    """
    mark = getattr(error, "problem_mark", None)
    problem = getattr(error, "problem", None) or str(error)
    context = getattr(error, "context", None) or ""
    if isinstance(error, InputProblem):
        return f"{file}, line {error.problem_mark.line + first_line}: {error.field}: {problem}"
    if mark is None:
        return f"{file}: the file is not valid YAML: {problem}"
    lines = text.splitlines()
    if isinstance(error, NotADate):
        field = lines[mark.line].split(":", 1)[0].strip(" -") if mark.line < len(lines) else "value"
        return (f"{file}, line {mark.line + first_line}: {field}: {problem}; "
                "expected a date written year-month-day, such as 2026-09-15")
    braces = _jinja_line(lines, getattr(error, "context_mark", None) or mark, mark)
    if braces is not None:
        field = lines[braces].split(":", 1)[0].strip(" -") if ":" in lines[braces] else "value"
        return (f"{file}, line {braces + first_line}: {field}: the value starts with \"{{{{\", which YAML reads as a block "
                "of fields; expected plain text (macros do not run here: write the words themselves, or put the value "
                "in quotes)")
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
    elif "maximum nesting depth" in problem:
        problem = "brackets are nested too deeply"
    elif "undefined alias" in problem:
        problem = "an alias (*name) here repeats an anchor (&name) that is not defined above it"
    elif context:
        problem = f"{context}, {problem}"
    source = lines[mark.line].strip() if mark.line < len(lines) else ""
    near = f' near "{source}"' if source else ""
    return (
        f"{file}, line {mark.line + first_line}: the {'front matter' if first_line > 1 else 'file'} is not valid YAML: {problem}{near}; "
        "expected 'field: value' lines indented with spaces, consistently "
        "(quote values that hold ': ' or start with a special character)"
    )
