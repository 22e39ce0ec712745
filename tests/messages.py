"""Helpers for the tests that keep the documentation's example messages real (README.md, CONTRIBUTING.md).

A document quotes messages in ```text blocks (the README: lines starting "ERROR - ").
A test breaks a copy of the project the way an editor might, runs what the editor
runs, and checks that the document quotes what came out, word for word.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import ROOT, build_site, copy_project
from macros.checks.front_matter import BlogRules, check_docs
from macros.checks.problems import DataError
from macros.content.comparison import load_comparison

RULES = BlogRules("blog/posts", ["editorial"], ["Legal careers", "Outsourcing", "Running a law firm"], "<!-- more -->")
# MkDocs pads the level ("ERROR   -  "); documents may write it "ERROR - ".
_LEVEL = re.compile(r"^(DEBUG|INFO|WARNING|ERROR|CRITICAL)\s+-\s+")


# A quoted line number: the examples show one, but any will do, so that a line added above the spot a
# mistake is made in (data/comparison.yml, mkdocs.yml, a post) does not make the documents wrong.
_LINE_NUMBER = re.compile(r"\bline \d+\b")


def any_line(text: str) -> str:
    """The text with each "line 212" written "line N", to compare messages whatever line they name."""
    return _LINE_NUMBER.sub("line N", text)


def normal(line: str) -> str:
    """A message line compared without its indentation, with the level written "LEVEL - " and any line number."""
    return any_line(_LEVEL.sub(r"\1 - ", line.strip()))


def text_blocks(markdown: str) -> list[str]:
    """Every non-blank line of the document's ```text blocks, in order."""
    blocks = re.findall(r"^```text\n(.*?)^```", markdown, re.DOTALL | re.MULTILINE)
    return [line for block in blocks for line in block.splitlines() if line.strip()]


def quotes(example: str, line: str) -> bool:
    """Whether `example` quotes the output `line` (an example ending in "..." quotes its beginning)."""
    example, line = normal(example), normal(line)
    if example.endswith("..."):
        return line.startswith(example.removesuffix("...").rstrip())
    return line == example


@dataclass(frozen=True)
class Examples:
    """The example lines of one document."""

    lines: list[str]

    def documented(self, message: str) -> bool:
        """Whether any example quotes this output line."""
        return any(quotes(example, message) for example in self.lines)


def data_error(tmp_path: Path, old: str, new: str) -> str:
    """The message for data/comparison.yml with `old` replaced by `new`, from the data check alone."""
    (tmp_path / "data").mkdir()
    for schema in (ROOT / "data").glob("*.schema.json"):
        shutil.copy(schema, tmp_path / "data")
    text = (ROOT / "data" / "comparison.yml").read_text(encoding="utf-8")
    assert old in text
    (tmp_path / "data" / "comparison.yml").write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_comparison(tmp_path)
    return str(caught.value)


def docs_error(tmp_path: Path, post: str, old: str, new: str) -> str:
    """The message for a post with `old` replaced by `new`, from the front matter check alone."""
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    shutil.copytree(ROOT / "data", tmp_path / "data")
    path = tmp_path / "docs" / "blog" / "posts" / post
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        check_docs(tmp_path / "docs", tmp_path, RULES)
    return str(caught.value)


@dataclass(frozen=True)
class Mistake:
    """An editor's mistake: in `file`, `old` becomes `new` ("" + new at the end adds text; new None deletes the
    file); `run` is what shows it."""

    file: str
    old: str
    new: str | None
    run: str = "build"  # "build" (mkdocs build --strict), "publish" (the build make publish runs), "mkdocs.yml"
    # (make serve's first step), "spelling" (codespell) or "yaml" (yamllint)
    encoding: str = "utf-8"  # how the editor's program saved the file


# What an editor runs, in a project copy; the spelling and YAML checks read their settings from the copy.
_COMMANDS = {
    # What `make serve` and `make build` run first: mkdocs.yml read alone, as the data files are.
    "mkdocs.yml": [sys.executable, str(ROOT / "tools" / "check_data.py"), "--project", ".", "--mkdocs-yml"],
    "spelling": [sys.executable, "-m", "codespell_lib", "docs", "data"],
    "yaml": [sys.executable, "-m", "yamllint", "--strict", "--format", "standard", "."],
}
_SETTINGS = (".codespellrc", ".codespell-words.txt", ".yamllint.yml", ".gitignore")


def output_of(mistake: Mistake, tmp_path: Path) -> list[str]:
    """The lines an editor sees after making `mistake` in a fresh copy of the project (which must fail)."""
    project = copy_project(tmp_path / "project")
    for name in _SETTINGS:
        if (ROOT / name).exists():
            shutil.copy2(ROOT / name, project / name)
    path = project / mistake.file
    if mistake.new is None:
        path.unlink()
    # A new file (a leftover an editor's program wrote, say) is written from nothing.
    text = path.read_text(encoding="utf-8") if path.exists() or mistake.old else ""
    assert mistake.old in text, f"not in {mistake.file}: {mistake.old!r}"
    if mistake.new is not None:
        path.write_text(
            text.replace(mistake.old, mistake.new, 1) if mistake.old else text + mistake.new,
            encoding=mistake.encoding,
            errors="replace",
        )
    if mistake.run in ("build", "publish"):
        result = build_site(project, tmp_path / "site", publish=mistake.run == "publish")
        returncode, output = result.returncode, result.output
    else:
        done = subprocess.run(_COMMANDS[mistake.run], cwd=project, capture_output=True, text=True, timeout=120)
        returncode, output = done.returncode, done.stdout + done.stderr
    assert returncode != 0, f"{mistake} did not fail:\n{output}"
    return output.splitlines()
