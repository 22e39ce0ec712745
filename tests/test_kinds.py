"""`make test-fast` runs the unit tests alone: every test has one kind, and a unit test builds nothing.

tests/kinds.py gives each test its kind (unit, build or browser) from what it reaches; these tests check
that every test got exactly one, that the rule sees a build behind helpers, and that the browser
tests' Playwright stays out of the modules without browser tests.
"""

from __future__ import annotations

import re
import subprocess
import sys
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from subprocess import check_output
from typing import Any

import pytest

from conftest import ROOT, copy_project
from kinds import KINDS, StartedAProgram, kinds_marked, reaches_a_build, refuse_programs


def test_make_test_fast_runs_the_unit_tests_and_make_test_every_test():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipes = {
        target: re.search(rf"^{target}:.*\n((?:\t.*\n)+)", makefile, re.MULTILINE).group(1).strip()  # type: ignore[union-attr]
        for target in ("test", "test-fast")
    }
    assert recipes == {
        "test": "CHROMIUM=$(CHROMIUM) $(BIN)/python -m pytest",
        "test-fast": "$(BIN)/python -m pytest -m unit -q",
    }


def test_every_test_has_exactly_one_kind(request):
    wrong = {item.nodeid: kinds_marked(item) for item in request.session.items if len(kinds_marked(item)) != 1}
    assert not wrong, f"expected exactly one of {', '.join(KINDS)} on each test, found: {wrong}"


# Helpers as a test might call them, looked up by name in SAMPLES so that the tests below, which
# only hand them to the rule, do not reach them (and stay unit tests).
def _copies_the_project(folder: Path) -> Path:
    return copy_project(folder / "project")


def _copies_through_a_helper(folder: Path) -> list[Path]:
    return [_copies_the_project(folder / name) for name in ("a", "b")]


def _starts_a_program() -> str:
    return subprocess.run(["make", "--version"], capture_output=True, text=True).stdout


def _starts_a_program_imported_by_name() -> bytes:
    return check_output(["make", "--version"])


def _serves() -> ThreadingHTTPServer:
    return ThreadingHTTPServer(("127.0.0.1", 0), SimpleHTTPRequestHandler)


def _reads_text(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.glob("*.md"))


SAMPLES = {
    function.__name__: function
    for function in (
        _copies_the_project,
        _copies_through_a_helper,
        _starts_a_program,
        _starts_a_program_imported_by_name,
        _serves,
        _reads_text,
    )
}


@pytest.mark.parametrize(
    "name, builds",
    [
        ("_copies_the_project", True),
        ("_copies_through_a_helper", True),
        ("_starts_a_program", True),
        ("_starts_a_program_imported_by_name", True),
        ("_serves", True),
        ("_reads_text", False),
    ],
)
def test_a_test_reaching_a_copy_a_program_or_a_server_is_a_build_test(name, builds):
    assert reaches_a_build([SAMPLES[name]]) is builds


# Marked by hand: the code names subprocess and a server, but the guard stops both before they start.
@pytest.mark.unit
def test_a_unit_test_starting_a_program_or_a_server_fails_and_says_which():
    popen: Any = subprocess.Popen
    before = popen._execute_child, ThreadingHTTPServer.__init__
    with refuse_programs("tests/test_x.py::test_y"), pytest.raises(StartedAProgram) as program:
        subprocess.run(["make", "--version"])
    assert "tests/test_x.py::test_y is a unit test but started a program ['make', '--version']" in str(program.value)
    with refuse_programs("tests/test_x.py::test_y"), pytest.raises(StartedAProgram) as server:
        ThreadingHTTPServer(("127.0.0.1", 0), SimpleHTTPRequestHandler)
    assert "started a web server at ('127.0.0.1', 0)" in str(server.value)
    assert (popen._execute_child, ThreadingHTTPServer.__init__) == before


# Collects the tests given and prints the Playwright modules that importing them loaded.
COLLECT = """
import sys, pytest
code = pytest.main(["--collect-only", "-q", "-p", "no:cacheprovider", *sys.argv[1:]])
print("loaded:", sorted(name for name in sys.modules if name.split(".")[0] in ("playwright", "axe_playwright_python")))
sys.exit(code)
"""


def collected(*args: str) -> subprocess.CompletedProcess[str]:
    """pytest collecting tests as `.venv/bin/pytest` does, its imports from pytest.ini's pythonpath alone
    (-I: not from the folder it runs in)."""
    return subprocess.run(
        [sys.executable, "-I", "-c", COLLECT, *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def test_modules_without_browser_tests_never_import_playwright():
    browser = collected("-m", "browser")
    assert browser.returncode == 0, browser.stdout + browser.stderr
    with_browser = {line.split("::")[0] for line in browser.stdout.splitlines() if "::" in line}
    assert "tests/test_readers.py" in with_browser
    others = sorted({path.relative_to(ROOT).as_posix() for path in (ROOT / "tests").glob("test_*.py")} - with_browser)
    result = collected(*others)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "tests/test_data.py::" in result.stdout
    assert "loaded: []" in result.stdout, result.stdout[-2000:]
