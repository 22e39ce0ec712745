"""Lean files: Material's stylesheets without the rules no page can match, ours without comments.

Material ships one stylesheet for every feature it has (tabs, annotations, code blocks,
versions, tooltips, twelve kinds of notes...). This site uses a few of them, and a
browser must download the whole file and match every rule against every element before
it draws anything: on a phone that is the largest part of a first visit after the
scripts, and a large part of the time spent on styles.

After the build, this hook keeps from Material's `main` and `palette` stylesheets only the
rules whose selectors can match something: every class, id, attribute and element name a
selector requires must occur in a built page, or as a word of a string in the site's
scripts (Material's script builds the search results, dialogs and tooltips from such
strings; where a script builds a name from a prefix, such as `tabbed-control--${e}`, every
name of that shape counts). A name inside :not() requires nothing; in :is(), :where() or
:has() one alternative is enough. The check is per build, over every page, so a note or
table an editor adds brings its rules back on the next build; tests/test_purge_proof.py
builds a site with every feature the site might turn on and checks, in Chromium, that no
rule left out matches anything a reader can reach. Each file gets a new name from its
new content, written into every page, since hosts may cache a file with a hash in its
name for ever; the stylesheets the site folder's previous build linked are kept beside
the new ones, so a page a browser cached before a deployment keeps its styles (the
publishing workflow first puts the live site's home page and stylesheets in that folder:
tools/published_stylesheets.py). Our own site.css and scripts keep all their rules and
code and lose their comments and spare spaces (the comments are for maintainers; readers
would download them on every visit). Scripts are minified by rjsmin, a maintained minifier that only removes
comments and white space, never renames.

`mkdocs serve` previews with Material's whole stylesheets and our files as written: the
preview looks the same (the purge only drops what matches nothing), each rebuild skips
this work, and the comments stay for whoever debugs a style.

Zensical ignores hooks: there the pages would load Material's whole stylesheets and our
commented files, which work the same, only larger (see MIGRATION.md).
"""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import rjsmin
import tinycss2
from tinycss2 import ast

# Material's stylesheets, as its templates name them (assets/stylesheets/main.<hash>.min.css).
MATERIAL_CSS = re.compile(r"assets/stylesheets/(main|palette)\.[0-9a-f]+\.min\.css")
OURS_CSS = ("stylesheets/*.css",)
OURS_JS = ("javascripts/*.js",)
# Scripts that never build markup: the search's language files (the search worker does:
# it marks the words found in results).
NOT_MARKUP = ("assets/javascripts/lunr/",)
# Names treated as absent though a script sets them. Material marks <body> with
# data-md-color-switching while it applies the colour scheme, so that a rule for it can
# stop transitions; it does that on every page load too, and setting and removing it
# makes the browser restyle the whole page twice. Without the rule, a reader switching
# schemes sees colours fade for a tenth of a second.
UNWANTED = {"data-md-color-switching"}
# At-rules that group style rules: their rules are checked one by one.
GROUPING = {"media", "supports", "container", "layer"}
# A tinycss2 node (tinycss2.ast), told apart by its .type string as tinycss2's own docs do,
# which a type checker cannot narrow to the subclass: typed as Any.
Token = Any
# Pseudo-classes whose argument is a selector list of which one alternative must match.
ANY_OF = {"is", "where", "matches", "-webkit-any", "-moz-any", "has"}
# Start tags with their attributes (attribute values may hold ">" inside quotes). Runs of
# plain characters, each quoted value followed by the next run ("unrolled"): never two ways
# to match the same text, so a "<" in a script with no ">" after it costs linear time, not
# exponential, and a page is read twice as fast as one character at a time.
_ELEMENT_NAME = r"[a-zA-Z][\w-]*"
_ATTRIBUTES_TEXT = r"""[^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*"""
_TAG = re.compile(rf"<({_ELEMENT_NAME})({_ATTRIBUTES_TEXT})>")
_WHOLE_TAG = re.compile(rf"<{_ELEMENT_NAME}{_ATTRIBUTES_TEXT}>")  # the same tags, each as one string
# A start tag up to its first ">": found in half the time, and the same tag unless a quoted value
# holds a ">" (start_tags checks that on each tag it has not seen before).
_TAG_TO_FIRST_END = re.compile(r"<[a-zA-Z][^>]*>")
_ATTRIBUTE = re.compile(r"""([^\s"'=<>/]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")
_STRING = re.compile(r""""((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)'|`((?:[^`\\]|\\.)*)`""")
_WORD = re.compile(r"[A-Za-z_][\w-]*")
# What a script puts into a string at run time: `${...}` in a template literal, or whatever
# is joined on with + before or after a quoted string.
_PLACEHOLDER = re.compile(r"\$\{[^}]*\}")
_JOINED = re.compile(r"\s*\+")
_HOLE = "\0"  # stands for a placeholder while a string is cut into names
# What separates names in a string that holds markup or a selector.
_NAME_SEPARATORS = re.compile(r"""[\s"'<>=.#\[\]()/:,]+""")
_PROPERTY_USE = re.compile(r"var\(\s*(--[\w-]+)")
_PROPERTY_NAME = re.compile(r"--[A-Za-z_][\w-]*")


@dataclass
class Names:
    """What pages and scripts can put in a page: the names a selector may require."""

    classes: set[str] = field(default_factory=set)
    ids: set[str] = field(default_factory=set)
    tags: set[str] = field(default_factory=set)
    attributes: set[str] = field(default_factory=set)
    values: set[str] = field(default_factory=set)  # attribute values, whole and word by word
    words: set[str] = field(default_factory=set)  # words of the scripts' strings: any kind of name
    # Names the scripts build from a prefix or a suffix, as regular expressions (such as
    # "tabbed\-control\-\-.*" for `tabbed-control--${e}`): any kind of name of that shape.
    shapes: set[str] = field(default_factory=set)
    properties: set[str] = field(default_factory=set)  # custom properties pages or scripts use (--name)

    def update(self, other: Names) -> None:
        """Add another page's or script's names to these."""
        for name in ("classes", "ids", "tags", "attributes", "values", "words", "shapes", "properties"):
            getattr(self, name).update(getattr(other, name))


def start_tags(html: str, known: set[str] | frozenset[str] = frozenset()) -> set[str]:
    """A page's distinct start tags, each as written (element name and attributes).

    Each "<" followed by a letter is read up to the first ">". That is the whole tag (what
    _WHOLE_TAG finds) exactly when it reads as one: a ">" inside a quoted value cuts the tag
    short and leaves a quote open, and text that _WHOLE_TAG would not take as a tag does not
    read as one either. So when each tag found not already `known` reads as one, both ways find
    the same tags; otherwise the page is read again with _WHOLE_TAG.
    """
    tags = set(_TAG_TO_FIRST_END.findall(html))
    if all(_WHOLE_TAG.fullmatch(tag) for tag in tags - known):
        return tags
    return set(_WHOLE_TAG.findall(html))


def markup_names(html: str, known: set[str] | None = None) -> Names:
    """The element names, classes, ids, attribute names and values of a page's start tags.

    With `known`, the tags already read on other pages (the header, navigation and footer
    repeat on every page) are skipped, and the page's new ones are added to it. Each tag is
    first taken whole, as one string: only a new one is split into its parts.
    """
    names = Names()
    tags = start_tags(html, known or frozenset())
    if known is not None:
        tags -= known
        known.update(tags)
    # Every attribute of the new tags first, then each kind of name from them in one pass: the
    # same values repeat from tag to tag (class="md-nav__link"), and each is split once.
    pairs: list[tuple[str, str]] = []
    for tag, attributes in _TAG.findall("".join(tags)):
        names.tags.add(tag.lower())
        pairs += _ATTRIBUTE.findall(attributes)
    values: dict[str, set[str]] = {}
    for name, quoted in pairs:
        values.setdefault(name.lower(), set()).add(quoted.strip("\"'"))
    names.attributes.update(values)
    for value in set().union(*values.values()):
        names.values.add(value)
        names.values.update(value.split())
    for value in values.get("class", ()):
        names.classes.update(value.split())
    names.ids.update(values.get("id", ()))
    if "var(" in html:  # style attributes and <style> blocks; most pages have neither
        names.properties.update(_PROPERTY_USE.findall(html))
    return names


def shape(name: str) -> str | None:
    """A regular expression for the names a string piece with placeholders (_HOLE) can become.

    None for a piece with no placeholder, or with no fixed part of three characters: a
    number and its unit ("k", "px") is no name, and a piece that is all placeholder could
    be any name, which no purge can foresee (tests/test_purge_proof.py is the check).
    """
    parts = name.split(_HOLE)
    if len(parts) == 1 or max(map(len, parts)) < 3:
        return None
    return ".*".join(map(re.escape, parts))


def script_names(script: str) -> Names:
    """Every word inside the string literals of a script (minified or not), and the shapes of the
    names it builds: `md-tag--${x}` in a template literal, or "md-tag--" + x."""
    names = Names()
    for match in _STRING.finditer(script):
        text = next(group for group in match.groups() if group is not None)
        names.words.update(_WORD.findall(text))
        names.properties.update(_PROPERTY_NAME.findall(text))
        holed = _PLACEHOLDER.sub(_HOLE, text) if match.group(3) is not None else text
        if script[max(0, match.start() - 40) : match.start()].rstrip().endswith("+"):
            holed = _HOLE + holed
        if _JOINED.match(script, match.end()):
            holed += _HOLE
        names.shapes.update(filter(None, map(shape, _NAME_SEPARATORS.split(holed))))
    return names


# --- Selectors ------------------------------------------------------------------------


@dataclass
class Need:
    """What one selector needs to match: all of `names`, and one alternative of each `any_of`."""

    names: list[tuple[str, str]] = field(default_factory=list)  # (kind, name): class, id, tag, attribute, value
    any_of: list[list[Need]] = field(default_factory=list)


def split_list(tokens: Iterable[Token]) -> list[list[Token]]:
    """A selector list's tokens, split at its top-level commas."""
    parts: list[list[Token]] = [[]]
    for token in tokens:
        if token.type == "literal" and token.value == ",":
            parts.append([])
        elif token.type != "comment":
            parts[-1].append(token)
    return parts


def attribute_need(block: ast.SquareBracketsBlock) -> list[tuple[str, str]]:
    """An attribute selector's name and, for [name=value], its value ([name~=v] and the rest: name only)."""
    tokens: list[Token] = [t for t in block.content if t.type not in ("whitespace", "comment")]
    if not tokens or tokens[0].type != "ident":
        return []
    need = [("attribute", tokens[0].value.lower())]
    if (
        len(tokens) >= 3
        and tokens[1].type == "literal"
        and tokens[1].value == "="
        and tokens[2].type in ("ident", "string")
    ):
        need.append(("value", tokens[2].value))
    return need


def selector_need(tokens: list[Token]) -> Need:
    """What a (complex) selector needs of the site to match anything."""
    need = Need()
    previous: Token | None = None
    for token in tokens:
        after = previous.value if previous is not None and previous.type == "literal" else None
        if token.type == "ident" and after == ".":
            need.names.append(("class", token.value))
        elif token.type == "ident" and (previous is None or previous.type == "whitespace" or after in (">", "+", "~")):
            need.names.append(("tag", token.value.lower()))  # an element name starts a compound
        elif token.type == "hash":
            need.names.append(("id", token.value))
        elif token.type == "[] block":
            need.names.extend(attribute_need(token))
        elif token.type == "function" and after == ":" and token.lower_name in ANY_OF:
            need.any_of.append([selector_need(part) for part in split_list(token.arguments)])
        # Pseudo-classes and pseudo-elements, :not() and :nth-child() among them, require nothing.
        previous = token
    return need


def shapes_pattern(names: Names) -> re.Pattern[str] | None:
    """One regular expression for every shape of name the scripts build (None if they build none)."""
    return re.compile("|".join(f"(?:{shape})" for shape in sorted(names.shapes))) if names.shapes else None


def has_name(kind: str, name: str, names: Names, shapes: re.Pattern[str] | None = None) -> bool:
    """Whether the site can hold this class, id, element, attribute or attribute value
    (`shapes`: shapes_pattern(names), given by the caller so it is compiled once)."""
    if name in UNWANTED:
        return False
    if name in names.words or (shapes is not None and shapes.fullmatch(name)):
        return True
    return (
        name
        in {
            "class": names.classes,
            "id": names.ids,
            "tag": names.tags,
            "attribute": names.attributes,
            "value": names.values,
        }[kind]
    )


def can_match(need: Need, names: Names, shapes: re.Pattern[str] | None = None) -> bool:
    """Whether every name the selector requires is in the site (one alternative of each :is())."""
    return all(has_name(kind, name, names, shapes) for kind, name in need.names) and all(
        any(can_match(option, names, shapes) for option in options) for options in need.any_of
    )


def rule_is_used(rule: ast.QualifiedRule, names: Names, shapes: re.Pattern[str] | None = None) -> bool:
    """Whether any selector of a style rule can match something in the site."""
    return any(can_match(selector_need(selector), names, shapes) for selector in split_list(rule.prelude) if selector)


# --- Stylesheets ----------------------------------------------------------------------


@functools.lru_cache(maxsize=16)
def stylesheet(css: str) -> list[Token]:
    """A stylesheet's rules, parsed once per build: the purged sheets are read again for the
    custom properties they use and to drop those nothing uses (parsing was half of post_build).
    Only read, never changed; lean_site forgets them when it is done."""
    return tinycss2.parse_stylesheet(css)


def rewritten(rules: Iterable[Token], style_rule: Callable[[ast.QualifiedRule], str | None]) -> Iterator[str]:
    """The rules' CSS text, each style rule as `style_rule` writes it (None: dropped), also
    inside @media and @supports, which go when left empty; other at-rules are kept whole."""
    for rule in rules:
        if rule.type == "qualified-rule":
            text = style_rule(rule)
            if text:
                yield text
        elif rule.type == "at-rule" and rule.lower_at_keyword in GROUPING and rule.content is not None:
            inner = "".join(rewritten(tinycss2.parse_blocks_contents(rule.content), style_rule))
            if inner:
                yield f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude).rstrip()}{{{inner}}}"
        elif rule.type not in ("whitespace", "comment", "error"):
            yield rule.serialize()  # @keyframes, @font-face, @charset, @layer a, b; ...: kept whole


def purge(css: str, names: Names) -> str:
    """A stylesheet without the style rules no page of the site can match."""
    shapes = shapes_pattern(names)
    return "".join(
        rewritten(stylesheet(css), lambda rule: rule.serialize() if rule_is_used(rule, names, shapes) else None)
    )


# --- Custom properties ------------------------------------------------------------------
# Material declares some three hundred custom properties (colours, sizes, and an icon for
# every kind of note as a whole SVG), and the browser carries each one to every element it
# styles. Those no kept rule, page or script uses are dropped: on the guide that halves
# the time spent restyling the page.


def declarations_of(rules: Iterable[Token]) -> Iterator[tuple[str, str]]:
    """(property name, value text) of every declaration in the rules, inside @media and @supports too."""
    for rule in rules:
        content = getattr(rule, "content", None)
        if content is None:
            continue
        if rule.type == "qualified-rule" or rule.lower_at_keyword in GROUPING:
            items = tinycss2.parse_blocks_contents(content, skip_comments=True, skip_whitespace=True)
            for item in items:
                if item.type == "declaration":
                    yield item.name, tinycss2.serialize(item.value)
            yield from declarations_of(item for item in items if item.type in ("qualified-rule", "at-rule"))
        else:
            yield "", tinycss2.serialize(content)  # @keyframes, @font-face: their uses count


def used_properties(sheets: Iterable[str], used: set[str]) -> set[str]:
    """The custom properties the stylesheets' ordinary declarations use, with those their values use, and so on."""
    declared: dict[str, list[str]] = {}
    wanted = set(used)
    for sheet in sheets:
        for name, value in declarations_of(stylesheet(sheet)):
            if name.startswith("--"):
                declared.setdefault(name, []).append(value)
            else:
                wanted.update(_PROPERTY_USE.findall(value))
    found: set[str] = set()
    while wanted - found:
        name = (wanted - found).pop()
        found.add(name)
        for value in declared.get(name, []):
            wanted.update(_PROPERTY_USE.findall(value))
    return found


def without_unused_properties(css: str, used: set[str]) -> str:
    """The stylesheet without declarations of custom properties nothing uses (a rule left empty goes too)."""

    def style_rule(rule: ast.QualifiedRule) -> str | None:
        items = tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True)
        kept = [
            item
            for item in items
            if not (item.type == "declaration" and item.name.startswith("--") and item.name not in used)
        ]
        if len(kept) == len(items):
            return rule.serialize()
        return f"{tinycss2.serialize(rule.prelude)}{{{';'.join(item.serialize() for item in kept)}}}" if kept else None

    return "".join(rewritten(stylesheet(css), style_rule))


# A space next to these separates nothing. Before a colon it means "descendant"
# (`.a :hover`), and around + and - it matters in calc(), so those keep theirs.
_NO_SPACE_AFTER = ("{", "}", ";", ",", ":", ">", "(")
_NO_SPACE_BEFORE = {";", ",", ">", "!"}
_CLOSING = {"() block": ")", "[] block": "]", "{} block": "}", "function": ")"}


def compact(tokens: list[Token]) -> str:
    """CSS text of tokens (recursively) without comments or white space that separates nothing."""
    items = [token for token in tokens if token.type != "comment"]
    out: list[str] = []
    for index, token in enumerate(items):
        if token.type == "whitespace":
            following = items[index + 1] if index + 1 < len(items) else None
            if (
                out
                and not out[-1].endswith(_NO_SPACE_AFTER)
                and following is not None
                and following.type != "{} block"
                and not (following.type == "literal" and following.value in _NO_SPACE_BEFORE)
            ):
                out.append(" ")
        elif token.type in _CLOSING:
            opening = f"{token.name}(" if token.type == "function" else token.type[0]
            inner = token.arguments if token.type == "function" else token.content
            out.append(opening + compact(inner).strip() + _CLOSING[token.type])
        else:
            out.append(token.serialize())
    return "".join(out)


def minify(css: str) -> str:
    """The same stylesheet without comments and white space that separates nothing."""
    return compact(tinycss2.parse_component_value_list(css)).strip()


def fingerprint(path: str, css: str) -> str:
    """The file name with its hash replaced by one of the new content (main.57a0d79d.min.css -> main.<new>.min.css)."""
    digest = hashlib.sha256(css.encode("utf-8")).hexdigest()[:8]
    return re.sub(r"\.[0-9a-f]+\.min\.css$", f".{digest}.min.css", path)


def point_at(page: Path, renamed: dict[str, str]) -> None:
    """Write the stylesheets' new names over the old ones in a built page's <head>.

    A new name is as long as the old one (a hash for a hash), so it is written where the old
    one stands, and the rest of the page is neither read nor written again: a site with
    2,000 posts has 2,600 pages. Names of another length rewrite the page.
    """
    names = [(old.encode(), new.encode()) for old, new in renamed.items()]
    with page.open("r+b") as file:
        if any(len(old) != len(new) for old, new in names):
            html = file.read()
            for old, new in names:
                html = html.replace(old, new)
            file.seek(0)
            file.write(html)
            file.truncate()
            return
        head = b""
        while b"</head>" not in head and (chunk := file.read(8192)):
            head += chunk
        head = head.split(b"</head>", 1)[0]
        for old, new in names:
            for match in re.finditer(re.escape(old), head):
                file.seek(match.start())
                file.write(new)


# --- The build ------------------------------------------------------------------------


def linked_stylesheets(site: Path) -> dict[str, bytes]:
    """Material's stylesheets (as purged) that the home page in a site folder links, with their
    contents: every page of a build links the same ones. {} when there is no such page."""
    home = site / "index.html"
    if not home.is_file():
        return {}
    found = {}
    for match in MATERIAL_CSS.finditer(home.read_text(encoding="utf-8", errors="replace")):
        file = site / match.group(0)
        if file.is_file():
            found[match.group(0)] = file.read_bytes()
    return found


_command = "build"
_seen = Names()
_known_tags: set[str] = set()
_previous: dict[str, bytes] = {}


def on_startup(command: str, dirty: bool) -> None:
    """Remember whether this is `mkdocs serve`, which previews without this hook's work."""
    global _command
    _command = command


def on_pre_build(config: Any) -> None:
    """Start each build (each preview rebuild too) with no names, and keep, before MkDocs empties
    the site folder, the stylesheets its previous build linked."""
    global _seen, _known_tags, _previous
    _seen, _known_tags = Names(), set()
    _previous = linked_stylesheets(Path(config["site_dir"]))


def on_post_page(output: str, page: Any, config: Any) -> str:
    """Note what each page can hold; the page itself is unchanged."""
    if _command != "serve":
        _seen.update(markup_names(output, _known_tags))
    return output


def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    """Note what theme pages that are not Markdown pages hold (404.html)."""
    if _command != "serve" and template_name.endswith(".html"):
        _seen.update(markup_names(output_content, _known_tags))
    return output_content


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector off for a while; reference counting still frees what is dropped.

    Parsing Material's stylesheets makes tens of thousands of short-lived objects, and every
    few hundred of them start a collection that walks everything the build holds: at 1,000
    posts that was half of this hook's time (0.26 of 0.55 s). Any cycle left is collected as
    usual once the collector is back on.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def on_post_build(config: Any) -> None:
    """Purge Material's stylesheets, minify ours and our scripts, and point every page at the new files."""
    if _command == "serve":
        return
    with collector_paused():
        try:
            lean_site(Path(config["site_dir"]), _seen, _previous)
        finally:
            stylesheet.cache_clear()


def lean_site(site: Path, seen: Names, previous: dict[str, bytes]) -> None:
    """Purge the built site's Material stylesheets by what its pages (`seen`) and scripts hold,
    minify our own files, point every page at the new names, and write back `previous`."""
    names = Names()
    names.update(seen)
    for script in site.rglob("*.js"):
        if not script.relative_to(site).as_posix().startswith(NOT_MARKUP):
            names.update(script_names(script.read_text(encoding="utf-8")))
    material = {
        file: purge(file.read_text(encoding="utf-8"), names)
        for file in sorted((site / "assets" / "stylesheets").glob("*.min.css"))
        if MATERIAL_CSS.fullmatch(file.relative_to(site).as_posix())
    }
    our_sheets = [file.read_text(encoding="utf-8") for pattern in OURS_CSS for file in site.glob(pattern)]
    properties = used_properties([*material.values(), *our_sheets], names.properties)
    renamed = {}
    for file, purged in material.items():
        old = file.relative_to(site).as_posix()
        css = without_unused_properties(purged, properties)
        new = fingerprint(old, css)
        file.unlink()
        # Its source map describes the whole file, no longer served.
        file.with_name(file.name + ".map").unlink(missing_ok=True)
        (site / new).write_text(css, encoding="utf-8")
        renamed[old] = new
    for pattern in OURS_CSS:
        for ours in site.glob(pattern):
            ours.write_text(minify(ours.read_text(encoding="utf-8")), encoding="utf-8")
    for pattern in OURS_JS:
        for ours in site.glob(pattern):
            ours.write_text(rjsmin.jsmin(ours.read_text(encoding="utf-8")), encoding="utf-8")
    for page in site.rglob("*.html"):
        point_at(page, renamed)
    # The previous build's stylesheets, for pages a browser or a CDN cached before this build
    # (hosts keep HTML for minutes, GitHub Pages for ten): their names are not reused, since a
    # name is its content's hash. Only the previous build's: the next build drops them.
    for path, content in previous.items():
        if not (site / path).exists():
            (site / path).write_bytes(content)
