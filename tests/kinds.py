"""Each test's kind: `unit`, `build` or `browser` (pytest markers, so `make test-fast` runs the unit tests alone).

A test's kind follows from what it reaches, not from a label written by hand:
- browser: it uses the `browser` fixture (Chromium driven by Playwright);
- build: it uses a fixture that builds, copies or serves the site (`site`, `project`, `build`, `base_url`), or
  its code, its fixtures' code or the project's functions they call start another program (mkdocs, make, a
  linter: the subprocess module), copy the project, run MkDocs's build in-process or start a web server;
- unit: anything else: plain Python on data, text and files, in well under a second.
A test marked with one of the three by hand keeps it: for the rare test whose code says nothing (a program
started through a name this module cannot follow). While a unit test runs, `refuse_programs` makes starting
a program or a server fail, so a build that slipped through is caught the first time it runs.
"""

from __future__ import annotations

import contextlib
import functools
import socketserver
import subprocess
import types
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

KINDS = ("unit", "build", "browser")
BROWSER_FIXTURES = frozenset({"browser"})
BUILD_FIXTURES = frozenset({"site", "project", "build", "base_url"})
ROOT = Path(__file__).resolve().parent.parent
# The project's own code, which the search follows into; installed packages are not followed.
OWN_FOLDERS = tuple(ROOT / folder for folder in ("tests", "tools", "macros", "hooks"))


@functools.cache
def _is_own(filename: str) -> bool:
    """Whether code in this file was written in the project (tests, tools, macros, hooks), not installed; this
    module's own code names subprocess and servers to guard against them, and is not followed."""
    path = Path(filename).resolve()
    return path != Path(__file__).resolve() and any(path.is_relative_to(folder) for folder in OWN_FOLDERS)


def _builds(thing: object) -> bool:
    """Whether a name found in a test's code starts a program, builds or serves: the subprocess module or
    anything from it, a web server class, the project copy, or MkDocs's build command."""
    if isinstance(thing, type) and issubclass(thing, socketserver.BaseServer):
        return True
    module = str(getattr(thing, "__module__", None) or getattr(thing, "__name__", ""))
    return (
        module == "subprocess"
        or module.startswith("mkdocs.commands")
        or (module == "local_site" and getattr(thing, "__name__", "") == "copy_project")
    )


def _functions_of(thing: object) -> Iterator[types.FunctionType]:
    """The project's functions behind a name: the function itself, or every method of a class."""
    if isinstance(thing, types.FunctionType) and _is_own(thing.__code__.co_filename):
        yield thing
    elif isinstance(thing, type):
        for member in vars(thing).values():
            function = getattr(member, "__func__", member)
            if isinstance(function, types.FunctionType) and _is_own(function.__code__.co_filename):
                yield function


def reaches_a_build(functions: Iterable[Callable[..., Any]]) -> bool:
    """Whether these functions, or the project's functions they name (followed to any depth), name
    something that starts a program, builds or serves (see `_builds`)."""
    todo = [
        (function.__code__, function.__globals__) for function in functions if isinstance(function, types.FunctionType)
    ]
    seen: set[types.CodeType] = set()
    while todo:
        code, names = todo.pop()
        if code in seen:
            continue
        seen.add(code)
        # Lambdas, comprehensions and nested functions are code objects among the constants.
        todo += [(const, names) for const in code.co_consts if isinstance(const, types.CodeType)]
        for name in code.co_names:
            if name not in names:
                continue
            if _builds(names[name]):
                return True
            todo += [(function.__code__, function.__globals__) for function in _functions_of(names[name])]
    return False


def kind_of(item: pytest.Function) -> str:
    """The kind of one collected test, from its fixtures and from what its code and theirs reaches."""
    fixtures = set(item.fixturenames)
    if fixtures & BROWSER_FIXTURES:
        return "browser"
    if fixtures & BUILD_FIXTURES:
        return "build"
    # pytest's own fixtures (tmp_path, monkeypatch) are not read: only the project's, found through the
    # fixture definitions pytest resolved for this test (no public name for them yet).
    fixture_functions = [
        definition.func for definitions in item._fixtureinfo.name2fixturedefs.values() for definition in definitions
    ]
    own = [
        function
        for function in fixture_functions
        if isinstance(function, types.FunctionType) and _is_own(function.__code__.co_filename)
    ]
    return "build" if reaches_a_build([item.function, *own]) else "unit"


def kinds_marked(item: pytest.Item) -> list[str]:
    """The kinds a test carries as markers, given by hand or by `kind_of` (one, unless a mistake)."""
    return [marker.name for marker in item.iter_markers() if marker.name in KINDS]


class StartedAProgram(Exception):
    """A unit test started a program or a server: it is a build test."""


@contextlib.contextmanager
def refuse_programs(test: str) -> Iterator[None]:
    """While a unit test runs, starting a program or a web server fails with a message naming the test."""

    def refuse(what: str) -> Callable[..., None]:
        def refused(*args: object, **kwargs: object) -> None:
            raise StartedAProgram(
                f"{test} is a unit test but started {what} {args[1] if len(args) > 1 else ''}; expected a test "
                "that starts programs, servers or builds to be a build test: use the `project`, `site` or `build` "
                "fixture, or mark it @pytest.mark.build (tests/kinds.py decides the kinds)"
            )

        return refused

    # Popen._execute_child is the one door every way of starting a program goes through (private,
    # hence unknown to the type stubs); replaced for the test's length only.
    popen: Any = subprocess.Popen
    server: Any = socketserver.BaseServer
    saved = popen._execute_child, server.__init__
    popen._execute_child = refuse("a program")
    server.__init__ = refuse("a web server at")
    try:
        yield
    finally:
        popen._execute_child, server.__init__ = saved
