"""Read the YAML editors write (data files, front matter, the blog's authors) with limits.

PyYAML alone has three traps for a file edited by hand:
- aliases are expanded without limit: ten lines of nested `&a`/`*a` ("billion laughs") make
  whatever walks the data (the schema check, MkDocs, the blog plugin) run for minutes and
  take gigabytes, and the preview never recovers;
- a key written as a list or block (`[clients]: x`, `? [a, b]`, an unquoted
  `title: {{ page.title }}`) ends in `TypeError: unhashable type`;
- a value starting with `!` is a type tag, and `<<` a merge key: both end in "could not
  determine a constructor", which tells an editor nothing.

And a fourth, the most common: what YAML reads is not always what the editor typed. In an
unquoted value " #" starts a comment (`title: Our #1 Tip` is read as "Our"), a leading
`&name` is an anchor (`title: &more rules` is read as "rules"), and a line starting "- "
below an unquoted value is joined to it rather than read as a list item, all without an
error. So every plain (unquoted) value is compared with the text it was read from.

So the text is first composed into PyYAML's node graph, in which an alias is the very node
its anchor names and nothing is expanded yet. The graph is checked (expanded size, depth,
keys, tags, each plain value against its source text) before any Python object is built,
and every refusal is a YAML error with a line and a sentence in an editor's words, reported
like a syntax error (macros/checks/yaml_messages.py writes those sentences).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
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
        return super().construct_mapping(node, deep=deep)  # type: ignore[misc, no-any-return]


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
    tags: frozenset[str] | None = ALLOWED_TAGS  # None: any tag (mkdocs.yml's !ENV and the like)
    lines: list[str] = field(default_factory=list)
    anchored: list[tuple[yaml.ScalarNode, tuple[str, ...]]] = field(
        default_factory=list
    )  # plain values typed "&name ..."
    repeated: set[int] = field(default_factory=set)  # nodes an alias (*name) repeats


def item_path(path: tuple[str, ...], item: yaml.Node, index: int) -> tuple[str, ...]:
    """The field path of a list item: named by its id, like the data messages do, else "item N". An
    entry of mkdocs.yml's lists of plugins and extensions (`- blog:` and its settings below it) is
    named by its one field, which the path then takes as the next step."""
    if isinstance(item, yaml.MappingNode):
        for key, value in item.value:
            if isinstance(key, yaml.ScalarNode) and key.value == "id" and isinstance(value, yaml.ScalarNode):
                return (*path, str(value.value))
        if len(item.value) == 1 and isinstance(item.value[0][1], yaml.MappingNode):
            return path
    return (*path, f"item {index + 1}")


def _field(path: tuple[str, ...]) -> str:
    return " > ".join(path) if path else "(top of the file)"


def _starts_with(text: str, node: yaml.Node, prefix: str) -> bool:
    return text.startswith(prefix, node.start_mark.index)


def _check_tag(node: yaml.Node, path: tuple[str, ...], allowed: frozenset[str] | None = ALLOWED_TAGS) -> None:
    """Refuse a tag, with the words that fit how it was most likely typed."""
    if allowed is None or node.tag in allowed:
        return
    if node.tag == _CORE + "merge":
        problem = 'a value "<<" is read by YAML as a merge key; expected text: put it in quotes ("<<")'
    elif node.tag == _CORE + "value":
        problem = 'a value "=" is read by YAML as a special sign; expected text: put it in quotes ("=")'
    elif node.tag.startswith("!") and not node.tag.startswith("!!"):
        problem = (
            f'the value starts with "{node.tag}", which YAML reads as a type tag, not as text; '
            f'expected plain text: put the whole value in quotes, such as "{node.tag} ..."'
        )
    else:
        shown = node.tag.replace(_CORE, "!!")
        problem = (
            f'the type tag "{shown}" is not allowed; expected plain text, numbers, dates, lists and fields '
            "(remove the tag, or put the whole value in quotes if it is text)"
        )
    raise InputProblem(_field(path), problem, node.start_mark)


def _check_key(walk: _Walk, key: yaml.Node, path: tuple[str, ...]) -> None:
    """A field name must be plain text, and merge keys are refused by name."""
    if isinstance(key, yaml.ScalarNode) and key.tag == _CORE + "merge":
        raise InputProblem(
            _field(path),
            'merge keys ("<<: *name") are not supported; expected every field '
            "written out in full in each entry (copy the fields instead of merging them)",
            key.start_mark,
        )
    if not isinstance(key, yaml.ScalarNode):
        written = (
            "{{ ... }}"
            if _starts_with(walk.text, key, "{{")
            else ("a list" if isinstance(key, yaml.SequenceNode) else "a block")
        )
        raise InputProblem(
            _field(path),
            f"a field name is written as {written}; expected a plain name before the colon, "
            "such as title: (put a name that starts with [, { or ? in quotes)",
            key.start_mark,
        )
    _check_tag(key, path, walk.tags)


def _size(walk: _Walk, node: yaml.Node, path: tuple[str, ...]) -> int:
    """The number of values `node` stands for once every alias in it is expanded; checks it on the way."""
    if id(node) in walk.sizes:
        walk.repeated.add(id(node))
        return walk.sizes[id(node)]
    if id(node) in walk.open:
        raise InputProblem(
            _field(path),
            "an alias (*name) here repeats the block that contains it, which would "
            "never end; expected the values written out",
            node.start_mark,
        )
    if len(path) > MAX_DEPTH:
        raise InputProblem(
            _field(path),
            f"the values are nested more than {MAX_DEPTH} levels deep; expected a few levels of lists and fields",
            node.start_mark,
        )
    if isinstance(node, yaml.MappingNode) and _starts_with(walk.text, node, "{{"):
        raise InputProblem(
            _field(path),
            'the value starts with "{{", which YAML reads as a block of fields; expected plain '
            "text (macros do not run here: write the words themselves, or put the value in quotes)",
            node.start_mark,
        )
    _check_tag(node, path, walk.tags)
    if isinstance(node, yaml.ScalarNode) and not node.style:
        _check_typed(walk, node, path)
    walk.open.add(id(node))
    total = 1
    if isinstance(node, yaml.SequenceNode):
        total += sum(_size(walk, item, item_path(path, item, i)) for i, item in enumerate(node.value))
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            _check_key(walk, key, path)
            total += 1 + _size(walk, value, (*path, str(key.value)))
    walk.open.discard(id(node))
    walk.sizes[id(node)] = total
    return total


def _bulk(walk: _Walk, node: yaml.Node, path: tuple[str, ...]) -> tuple[yaml.Node, tuple[str, ...]]:
    """The field that holds most of an oversized graph: follow the largest child while it holds most of its parent."""
    while True:
        if isinstance(node, yaml.SequenceNode):
            children = [(item, item_path(path, item, i)) for i, item in enumerate(node.value)]
        elif isinstance(node, yaml.MappingNode):
            children = [(value, (*path, str(key.value))) for key, value in node.value]
        else:
            return node, path
        if not children:
            return node, path
        child, child_path = max(children, key=lambda pair: walk.sizes[id(pair[0])])
        if walk.sizes[id(child)] * 2 < walk.sizes[id(node)]:
            return node, path
        node, path = child, child_path


def check_graph(text: str, root: yaml.Node, tags: frozenset[str] | None = ALLOWED_TAGS) -> None:
    """Raise InputProblem if the graph is too large once expanded, too deep, holds a bad key or tag
    (any tag passes with tags=None), or a plain value that reads differently from what was typed."""
    walk = _Walk(text, {}, set(), tags, text.split("\n"))
    total = _size(walk, root, ())
    for node, path in walk.anchored:
        if id(node) not in walk.repeated:
            raise InputProblem(_field(path), _anchor_problem(walk.lines, node), node.start_mark)
    if total > MAX_VALUES:
        bulk, bulk_path = _bulk(walk, root, ())
        raise InputProblem(
            _field(bulk_path),
            f"the aliases (*name) here expand to about {walk.sizes[id(bulk)]:,} values, more than the "
            f"{MAX_VALUES:,} a file may hold; expected the values written out (aliases only for a few "
            "small repeats)",
            bulk.start_mark,
        )


# --- What was typed is what is read ----------------------------------------------------------


def in_quotes(text: str) -> str:
    """`text` as a quoted YAML value that reads back as exactly `text` (single quotes when it holds a double one)."""
    if '"' in text and "'" not in text:
        return f"'{text}'"
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def quoted_line(line: str, column: int, value: str | None = None) -> str:
    """The line as it should be written: what precedes `column` (the field's name, a "- "), then
    `value` (by default the rest of the line) in quotes."""
    typed = line[column:].strip() if value is None else value
    return f"{line[:column].strip()} {in_quotes(typed)}".strip()


def _shown(text: str) -> str:
    return f'"{text}"' if len(text) <= 60 else f'"{text[:57]}..."'


def _dropped_comment(lines: list[str], node: yaml.ScalarNode) -> str | None:
    """The text after a plain value that YAML drops as a comment although it is not written as one, or None.

    A comment after a value is written as one: two spaces or more, "#", a space (the form
    `make new-post` and the files' headers use). Anything else after " #" was most likely
    meant as part of the value: "Our #1 Tip", "Room #4", "editorial # our team".
    """
    line = lines[node.end_mark.line] if node.end_mark.line < len(lines) else ""
    tail = line[node.end_mark.column :]
    match = re.match(r"([ \t]*)#(.?)", tail)
    if match is None or (len(match.group(1)) >= 2 and match.group(2) in ("", " ", "\t")):
        return None
    return tail.strip()


def _joined_item(lines: list[str], node: yaml.ScalarNode) -> str | None:
    """A line below the start of a plain value that looks like a list item ("- ...") but joins the value, or None."""
    for index in range(node.start_mark.line + 1, min(node.end_mark.line, len(lines) - 1) + 1):
        if lines[index].lstrip().startswith("- "):
            return lines[index].strip()
    return None


def _anchor_problem(lines: list[str], node: yaml.ScalarNode) -> str:
    line = lines[node.start_mark.line]
    anchor = line[node.start_mark.column :].split(None, 1)[0]
    return (
        f'the value starts with "{anchor}", which YAML reads as a name for repeating the value elsewhere (an '
        f"anchor), so only {_shown(node.value)} would be published; put the value in quotes: "
        f"{quoted_line(line, node.start_mark.column)}"
    )


def _check_typed(walk: _Walk, node: yaml.ScalarNode, path: tuple[str, ...]) -> None:
    """Refuse a plain value that YAML reads differently from the text typed for it."""
    lines = walk.lines
    single = node.start_mark.line == node.end_mark.line
    dropped = _dropped_comment(lines, node)
    if dropped is not None:
        read = f"only {_shown(node.value)} would be published" if node.value else "the value would be empty"
        line = lines[node.start_mark.line]
        fix = f": {quoted_line(line, node.start_mark.column)}" if single else ""
        hint = " (a comment after a value needs two spaces before its #)" if dropped.startswith("# ") else ""
        raise InputProblem(
            _field(path),
            f'the value stops before " #": YAML reads {_shown(dropped)} as a comment, so '
            f"{read}; put the value in quotes{fix}{hint}",
            node.start_mark,
        )
    item = _joined_item(lines, node)
    if item is not None:
        raise InputProblem(
            _field(path),
            f"the line {_shown(item)} below it is read as more of the same text "
            f"({_shown(node.value)}), not as a list item; put the value in quotes if it is one line of "
            "text, or, for a list, write nothing after the colon and each item on a line of its own "
            'starting with "- "',
            node.start_mark,
        )
    if single and lines[node.start_mark.line][node.start_mark.column :].startswith("&"):
        walk.anchored.append((node, path))  # refused at the end if no alias repeats it


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
        raise InputProblem(
            "(top of the file)",
            f"the text is longer than {MAX_CHARACTERS:,} characters; expected a file of a reasonable size",
            yaml.Mark("", 0, 0, 0, None, None),  # type: ignore[arg-type]  # no text to quote, as PyYAML's own marks
        )
    try:
        return _parse_with(_FastStrictLoader, text)
    except InputProblem:
        raise
    except yaml.YAMLError:
        # Parse again with the pure-Python loader, whose error wording the messages rely on.
        return _parse_with(_StrictLoader, text)


def compose_settings(text: str) -> yaml.Node | None:
    """mkdocs.yml's node graph, checked like the data files' except that any tag is allowed (!ENV, !relative...).

    Composing builds no value, so MkDocs' own tags need no constructor here; MkDocs reads the file itself.
    """
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    if node is not None:
        check_graph(text, node, tags=None)
    return node
