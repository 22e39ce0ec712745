"""The README's example error messages are the ones editors really get."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from macros.data import DataError, load_comparison
from macros.posts import BlogRules, check_docs

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
EXAMPLES = [line.removeprefix("ERROR - ") for line in README.splitlines() if line.startswith("ERROR - ")]
RULES = BlogRules("blog/posts", ["editorial"], ["Legal careers", "Outsourcing", "Running a law firm"], "<!-- more -->")


def documented(message: str) -> bool:
    """Whether the README shows this message (its examples may end in "...")."""
    return any(message.startswith(example.removesuffix("...").rstrip()) for example in EXAMPLES)


def data_error(tmp_path: Path, old: str, new: str) -> str:
    (tmp_path / "data").mkdir()
    shutil.copy(ROOT / "data" / "comparison.schema.json", tmp_path / "data")
    text = (ROOT / "data" / "comparison.yml").read_text(encoding="utf-8")
    assert old in text
    (tmp_path / "data" / "comparison.yml").write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_comparison(tmp_path)
    return str(caught.value)


def docs_error(tmp_path: Path, post: str, old: str, new: str) -> str:
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    shutil.copytree(ROOT / "data", tmp_path / "data")
    path = tmp_path / "docs" / "blog" / "posts" / post
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        check_docs(tmp_path / "docs", tmp_path, RULES)
    return str(caught.value)


@pytest.mark.parametrize("old, new", [
    ("        area: research\n        text: Carry out legal research", "        area: reserch\n        text: Carry out legal research"),
    ("    focus: The administrative side of a law practice.\n", ""),
    ("    name: Legal assistant\n", '    name: "Legal assistant\n'),
])
def test_readme_shows_the_data_file_messages(tmp_path, old, new):
    message = data_error(tmp_path, old, new)
    assert documented(message), message


@pytest.mark.parametrize("post, old, new", [
    ("virtual-legal-clerk.md", "  - Outsourcing", "  - outsourcing"),
    ("law-firm-business-coach.md", "\ndescription:", "\ndescripton:"),
    ("virtual-legal-clerk.md", "slug: virtual-legal-clerk", "slug: lawyer-burnout"),
])
def test_readme_shows_the_front_matter_messages(tmp_path, post, old, new):
    message = docs_error(tmp_path, post, old, new)
    # A message listing several problems is documented by its most telling line.
    lines = [message] + [f"{message.split(' has ')[0]}, {line.strip()}" for line in message.splitlines()[1:]]
    assert any(documented(line) for line in lines), message


def test_readme_opens_with_the_two_commands():
    block = re.search(r"```sh\n(.*?)```", README, re.DOTALL)
    assert block and README.index("```sh") < README.index("## ")
    assert [line.split()[:2] for line in block.group(1).splitlines()] == [["make", "serve"], ["make", "test"]]
