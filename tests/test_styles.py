"""The stylesheet's structure: a missing "}" makes every later rule a nested rule of the one
left open, which browsers read as CSS nesting and apply to almost nothing, without any
error (a merge once left the print block and the 404 page's rules dead that way)."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT

STYLESHEET = ROOT / "docs" / "stylesheets" / "site.css"


def structure(css: str) -> list[tuple[str, str]]:
    """Each block's prelude and the prelude of the block it sits in ("" at the top level)."""
    text = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    text = re.sub(r'"(?:\\.|[^"\\])*"|\'(?:\\.|[^\'\\])*\'', '""', text)
    found: list[tuple[str, str]] = []
    open_blocks: list[str] = []
    start = 0
    for match in re.finditer(r"[{};]", text):
        if match.group() == "{":
            prelude = " ".join(text[start : match.start()].split())
            found.append((prelude, open_blocks[-1] if open_blocks else ""))
            open_blocks.append(prelude)
        elif match.group() == "}":
            if not open_blocks:
                raise ValueError(f"a '}}' closes nothing, near: {text[max(0, match.start() - 80) : match.start()]!r}")
            open_blocks.pop()
        start = match.end()
    if open_blocks:
        raise ValueError(f"{len(open_blocks)} block(s) never closed, the first: {open_blocks[0]!r}")
    return found


def misplaced(css: str) -> list[str]:
    """Style rules inside another style rule (only @media and @supports may hold rules, and @page its margins,
    such as @top-left)."""
    return [
        f"{prelude!r} inside {parent!r}"
        for prelude, parent in structure(css)
        if parent
        and not parent.startswith(("@media", "@supports"))
        and not (parent.startswith("@page") and re.fullmatch(r"@(top|bottom|left|right)-[a-z-]+", prelude))
    ]


def test_every_rule_of_the_stylesheet_sits_where_it_applies():
    assert misplaced(STYLESHEET.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    "css",
    [
        ".a {\n  color: red;\n\n.b {\n  color: blue;\n}\n",  # a rule left open
        "@media print {\n  .a {\n    color: red;\n  }\n.b {\n  color: blue;\n}\n",
    ],
)
def test_a_missing_brace_is_found(css):
    with pytest.raises(ValueError, match="never closed"):
        structure(css)
    with pytest.raises(ValueError, match="never closed"):
        misplaced(css)


def test_a_rule_nested_in_a_rule_is_found():
    assert misplaced(".a {\n  color: red;\n.b {\n  color: blue;\n}\n}\n") == ["'.b' inside '.a'"]
    assert misplaced("@media print {\n  .a {\n    color: red;\n  }\n}\n") == []
    assert misplaced("@page {\n  @top-left {\n    color: red;\n  }\n}\n") == []
    assert misplaced("@page {\n  .a {\n    color: red;\n  }\n}\n") == ["'.a' inside '@page'"]
