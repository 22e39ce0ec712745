"""Run a page's macros so that a mistake stops the build with one message an editor can act on.

Left to itself, the macros plugin prints a Python traceback for a mistake in a page's
`{{ ... }}`, counts lines from the end of the front matter, and publishes its error text
as the page, after which every link to that page's headings fails too (about fifteen
more warnings). Here the page is rendered first, by the same Jinja environment and with
the same variables; a mistake becomes PageError, which stops the build at that page with
the file, its real line, and what is wrong in words, and nothing after it.
"""

from __future__ import annotations

import difflib
import functools
import inspect
import logging
import re
import traceback
import typing
from collections.abc import Callable, Iterable
from typing import Any

import jinja2

from macros.checks.problems import DataError, kind_of

EXPECTED = (
    'expected {{ name }} or {{ macro("value") }}, with its braces closed; to show "{{" as text, '
    "put it between {% raw %} and {% endraw %}"
)
_DELIMITER = re.compile(r"\{\{|\}\}|\{%-?|-?%\}|\{#|#\}")
_BLOCK = re.compile(r"\{%-?\s*(end)?(if|for|macro|call|filter|raw|block|with)\b")
_PAIRS = {"{{": "}}", "{%": "%}", "{#": "#}"}


class PageError(DataError):
    """A page whose macros cannot run; the message is written for editors."""


class _NoSecondHeader(logging.Filter):
    """Drops MkDocs' "Error reading page 'x.md':" line before a PageError, whose message names the page already.

    MkDocs logs that line for any error while it reads a page, then the error itself: for a
    PageError the editor would read the page's name twice, in two messages.
    """

    def __init__(self) -> None:
        super().__init__()
        self.pages: set[str] = set()  # pages whose PageError is on its way

    def filter(self, record: logging.LogRecord) -> bool:
        header = re.fullmatch(r"Error reading page '(.+)':", record.getMessage())
        if header and header.group(1) in self.pages:
            self.pages.discard(header.group(1))
            return False
        return True


def _header_filter() -> _NoSecondHeader:
    """The one filter on MkDocs' build log (added on first use; the preview keeps it across rebuilds)."""
    logger = logging.getLogger("mkdocs.commands.build")
    found = next((f for f in logger.filters if type(f).__name__ == _NoSecondHeader.__name__), None)
    if found is None:
        found = _NoSecondHeader()
        logger.addFilter(found)
    return found  # type: ignore[return-value]


def page_error(src_uri: str, message: str) -> PageError:
    """A PageError for the page at `src_uri` (relative to docs/), reported once, without MkDocs' own header line."""
    _header_filter().pages.add(src_uri)
    return PageError(message)


class MacroArgumentError(ValueError):
    """A page called a macro with values it does not take; the message says which it takes."""


def unclosed_at(source: str) -> int | None:
    """Where (index in `source`) the first {{, {% or {# never closed opens, or an {% if %}-like block never ended."""
    opened: tuple[str, int] | None = None
    for match in _DELIMITER.finditer(source):
        token = match.group().strip("-")
        if token in _PAIRS:
            if opened is not None:
                break
            opened = (token, match.start())
        elif opened is not None and token == _PAIRS[opened[0]]:
            opened = None
    if opened is not None:
        return opened[1]
    blocks: list[tuple[str, int]] = []
    for match in _BLOCK.finditer(source):
        if match.group(1) and blocks and blocks[-1][0] == match.group(2):
            blocks.pop()
        elif not match.group(1):
            blocks.append((match.group(2), match.start()))
    return blocks[-1][1] if blocks else None


def syntax_problem(error: jinja2.TemplateSyntaxError, source: str) -> tuple[int, str, str]:
    """The line, the words and the macro as written (from where it opens) for a macro that cannot be read."""
    message = error.message or ""
    unknown = re.match(r"Encountered unknown tag '(\w+)'", message)
    if unknown:
        return (
            error.lineno,
            f'"{{% {unknown.group(1)} %}}" is not something a page can use; {EXPECTED}',
            unknown.group(1),
        )
    at = unclosed_at(source)
    line = source.count("\n", 0, at) + 1 if at is not None else None
    if at is not None and line is not None and line <= error.lineno:
        written = source[at:].split("\n", 1)[0]
        if written.startswith("{%") and "end of template" in message.lower():
            block = _BLOCK.match(written)
            name = block.group(2) if block else "block"
            return (
                line,
                f'"{{% {name} %}}" opened on this line is never ended; expected "{{% end{name} %}}" after it',
                written,
            )
        return line, f'a "{{{{" (or "{{%") opened here is never closed; {EXPECTED}', written
    return error.lineno, f"the macro on this line cannot be read (Jinja says: {message.rstrip('.')}); {EXPECTED}", ""


def _template_line(error: BaseException) -> int | None:
    """The line of the page's text that was running when `error` was raised, from its traceback."""
    lines = [frame.lineno for frame in traceback.extract_tb(error.__traceback__) if frame.filename == "<template>"]
    return lines[-1] if lines else None


def runtime_problem(error: Exception, names: Iterable[str]) -> str:
    """The words for a mistake found while the macros ran; `names` are those pages can use."""
    if isinstance(error, jinja2.UndefinedError):
        missing = re.match(r"'([^']+)' is undefined", str(error))
        if missing:
            known = sorted(set(names))
            hint = difflib.get_close_matches(missing.group(1), known, n=1)
            if hint:
                return (
                    f'"{missing.group(1)}" is not a name pages can use (did you mean "{hint[0]}"?); '
                    f"expected one of: {', '.join(known)}"
                )
            # Nothing like a name of ours: most likely text meant to show as typed, such as a mail-merge field.
            return (
                f'"{missing.group(1)}" is not a name pages can use; to show it as typed (a mail-merge field, say), '
                f"put it between {{% raw %}} and {{% endraw %}}; otherwise expected one of: {', '.join(known)}"
            )
        return f"{error}; check the name after the dot"
    return str(error) or type(error).__name__


_MACRO = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|(\{\{|\{%).*")


def page_message(shown: str, source: str, body_line: int, line: int | None, problem: str, hint: str = "") -> str:
    """One message: the file and its real line, the macro as written there, what is wrong and what was expected.

    `line` counts in `source` (a page's body, which starts on line `body_line` of its file); the
    macro shown is the one on that line holding `hint` (a name the problem is about), else the first.
    """
    if not line:
        return f"{shown}: {problem}"
    lines = source.split("\n")
    macros = [m.group() for m in _MACRO.finditer(lines[line - 1] if line <= len(lines) else "")]
    written = next((m for m in macros if hint and hint in m), macros[0] if macros else "")
    written = written.strip() if len(written) <= 70 else written[:67] + "..."
    return f"{shown}, line {line + body_line - 1}: {written + ': ' if written else ''}{problem}"


def _about(problem: str) -> str:
    """The first quoted name in a problem ("foucs"), to tell which macro of a line it is about."""
    quoted_name = re.search(r'"([^"]+)"', problem)
    return quoted_name.group(1) if quoted_name else ""


def render(
    environment: jinja2.Environment,
    source: str,
    variables: dict[str, Any],
    shown: str,
    body_line: int,
    names: Iterable[str],
    src_uri: str = "",
) -> str:
    """`source` (a page's body, which starts on line `body_line` of its file) with its macros run, or PageError."""
    _header_filter().pages.add(src_uri)
    try:
        rendered = environment.from_string(source).render(**variables)
        _header_filter().pages.discard(src_uri)
        return rendered
    except jinja2.TemplateSyntaxError as error:
        line, problem, written = syntax_problem(error, source)
        raise PageError(page_message(shown, source, body_line, line, problem, written)) from None
    except Exception as error:  # noqa: BLE001  # any mistake in a page's macros: never a traceback
        problem = runtime_problem(error, names)
        raise PageError(
            page_message(shown, source, body_line, _template_line(error), problem, _about(problem))
        ) from None


def syntax_message(shown: str, source: str, body_line: int, environment: jinja2.Environment) -> str | None:
    """The message for a page whose macros cannot be read, without running them; None if they can."""
    try:
        environment.parse(source)
    except jinja2.TemplateSyntaxError as error:
        line, problem, written = syntax_problem(error, source)
        return page_message(shown, source, body_line, line, problem, written)
    return None


_KINDS: dict[Any, tuple[str, str]] = {
    int: ("a whole number, without quotes", "3"),
    str: ("text in quotes", '"paralegal"'),
    bool: ("true or false, without quotes", "false"),
}


def checked(function: Callable[..., Any], name: str) -> Callable[..., Any]:
    """`function` as a page macro whose arguments are checked against its signature and type hints.

    A wrong value raises MacroArgumentError saying what the macro takes, in an editor's words.
    """
    signature = inspect.signature(function)
    hints = typing.get_type_hints(function)
    parameters = list(signature.parameters.values())
    required = [p for p in parameters if p.default is inspect.Parameter.empty]
    least, most = len(required), len(parameters)
    count = (
        "no values"
        if not most
        else f"one value ({parameters[0].name})"
        if most == 1
        else f"{'up to ' if not least else f'{least} or ' if least < most else ''}{most} values "
        f"({' and '.join(p.name for p in parameters)})"
    )
    # A call with a value of the right kind for each value the macro needs.
    example = f"{name}({', '.join(_KINDS.get(hints.get(p.name), ('', chr(34) * 2))[1] for p in required)})"

    @functools.wraps(function)
    def macro(*args: Any, **kwargs: Any) -> Any:
        try:
            bound = signature.bind(*args, **kwargs)
        except TypeError:
            raise MacroArgumentError(f"{name} takes {count}; expected {example}") from None
        for parameter, value in bound.arguments.items():
            kind = _KINDS.get(hints.get(parameter))
            # A yes/no is also an int to Python: it fits only a parameter that asks for one.
            fits = isinstance(value, bool) == (hints.get(parameter) is bool) and isinstance(value, hints[parameter])
            if kind and not fits:
                written = kind[1] if len(parameters) == 1 else f"{parameter}={kind[1]}"
                raise MacroArgumentError(
                    f"{parameter} is {kind_of(value)}; expected {kind[0]}, such as {name}({written})"
                )
        return function(*args, **kwargs)

    return macro
