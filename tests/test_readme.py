"""The README's example error messages are the ones editors really get."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from messages import any_line, data_error, docs_error

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
EXAMPLES = [line.removeprefix("ERROR - ") for line in README.splitlines() if line.startswith("ERROR - ")]


def documented(message: str) -> bool:
    """Whether the README shows this message (its examples may end in "..."), whatever line it names."""
    return any(any_line(message).startswith(any_line(example.removesuffix("...").rstrip())) for example in EXAMPLES)


@pytest.mark.parametrize(
    "old, new",
    [
        (
            "        area: research\n        text: Carry out legal research",
            "        area: reserch\n        text: Carry out legal research",
        ),
        ("    focus: The administrative side of a law practice.\n", ""),
        ("    name: Legal assistant\n", '    name: "Legal assistant\n'),
    ],
)
def test_readme_shows_the_data_file_messages(tmp_path, old, new):
    message = data_error(tmp_path, old, new)
    assert documented(message), message


@pytest.mark.parametrize(
    "post, old, new",
    [
        ("virtual-legal-clerk.md", "  - Outsourcing", "  - outsourcing"),
        ("law-firm-business-coach.md", "\ndescription:", "\ndescripton:"),
        ("virtual-legal-clerk.md", "slug: virtual-legal-clerk", "slug: lawyer-burnout"),
    ],
)
def test_readme_shows_the_front_matter_messages(tmp_path, post, old, new):
    message = docs_error(tmp_path, post, old, new)
    # A message listing several problems is documented by its most telling line.
    lines = [message] + [f"{message.split(' has ')[0]}, {line.strip()}" for line in message.splitlines()[1:]]
    assert any(documented(line) for line in lines), message


def test_readme_opens_with_the_two_commands():
    block = re.search(r"```sh\n(.*?)```", README, re.DOTALL)
    assert block and README.index("```sh") < README.index("## ")
    assert [line.split()[:2] for line in block.group(1).splitlines()] == [["make", "serve"], ["make", "test"]]
