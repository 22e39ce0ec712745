"""Where a page's fenced code blocks are: the one scanner for every check that reads Markdown line by line.

A link, an excerpt marker or a tag inside a fenced block (``` or ~~~) is an example shown as
text, not part of the page, so the checks that read Markdown skip those lines. A block closes
at a fence of the same character, at least as long as the opening one, with nothing else on it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from enum import Enum

_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")


class Kind(Enum):
    TEXT = ""  # outside any fenced block
    FENCE = "fence"  # a line opening or closing a block
    CODE = "code"  # a line inside a block


def scan(lines: Iterable[str]) -> Iterator[tuple[str, Kind]]:
    """Each line with what it is: text, a fence line, or code inside a fenced block."""
    fence = ""
    for line in lines:
        # Most lines of a long blog hold no backtick or tilde: no regular expression for them.
        match = _FENCE.match(line) if "`" in line or "~" in line else None
        if fence:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence) and not line.strip(" `~"):
                fence = ""
                yield line, Kind.FENCE
            else:
                yield line, Kind.CODE
        elif match:
            fence = match.group(1)
            yield line, Kind.FENCE
        else:
            yield line, Kind.TEXT
