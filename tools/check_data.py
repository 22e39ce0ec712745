"""Check what editors write without building the site: the same checks and messages as `mkdocs build`.

It runs the steps the build runs first (macros/checks/all_files.py): mkdocs.yml as editors wrote it,
which files docs/ may publish, the data files, the blog's authors file, and every page's
front matter, excerpt marker and links (to unpublished posts, or by address), and it reads
every page's macros for mistakes in their braces. A pull request and pre-commit run it so a
mistake is reported in a second, under its own name, before the slower build and tests.
What only a build can check is listed in BUILD_ONLY and printed at the end.

Usage: python tools/check_data.py [--project DIR] [--mkdocs-yml]   (exit status 1 if anything is wrong)

--mkdocs-yml reads mkdocs.yml alone, as the data files are read: MkDocs reads that file before
any check can run and reports a YAML mistake in it in PyYAML's own words, so `make serve` and
`make build` run this first, and an editor gets the same message as for the data files.
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import sys
from pathlib import Path
from typing import Any

# The RSS plugin, loaded with mkdocs.yml, imports GitPython, which refuses to load
# without a git program unless told to stay quiet; the checks never need git.
os.environ.setdefault("GIT_PYTHON_REFRESH", "quiet")
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

import jinja2
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

ROOT = Path(__file__).resolve().parent.parent


# What needs the site built, said at the end of every run so nobody takes "correct" for more than it is.
BUILD_ONLY = (
    "Only `mkdocs build` (or `make serve`) checks: the names and values a page's macros use, such as "
    '{{ duty_list("paralegal") }} or {{ roles.paralegal.focus }}; links and anchors between pages; '
    "and the rest of the build's strict checks."
)


def macro_messages(pages: list[Any], config: Any) -> list[str]:
    """A message for each page whose macros cannot be read ({{ never closed, an unknown {% tag %})."""
    from macros.views import page_macros

    # The macros plugin's delimiters, as mkdocs.yml sets them (Jinja's own by default).
    settings = config.plugins["macros"].config
    delimiters: dict[str, Any] = {
        f"{part}_{end}_string": settings.get(f"j2_{part}_{end}_string") or default
        for part, ends in (("block", "{%%}"), ("variable", "{{}}"), ("comment", "{##}"))
        for end, default in (("start", ends[:2]), ("end", ends[2:]))
    }
    environment = jinja2.Environment(**delimiters)
    found = (
        page_macros.syntax_message(page.shown, page.body, page.body_line, environment)
        for page in pages
        if page.meta.get("render_macros") is not False
    )
    return [message for message in found if message]


def settings_messages(project: Path) -> list[str]:
    """The message for a YAML mistake in mkdocs.yml, which MkDocs would report in PyYAML's words; [] if none."""
    sys.path.insert(0, str(project))
    from macros.checks import settings  # the project's own reading of mkdocs.yml

    message = settings.settings_message(project / "mkdocs.yml")
    return [message] if message else []


def check_project(project: Path) -> list[str]:
    """Every message the build would stop with, in the build's order."""
    sys.path.insert(0, str(project))
    from macros.checks import all_files  # the project's own checks, not a copy

    unreadable = settings_messages(project)
    if unreadable:
        return unreadable
    try:
        config = load_config(str(project / "mkdocs.yml"))
    except MkDocsException as error:
        return [f"mkdocs.yml: {error}"]
    return all_files.each_message(config, project, lambda pages: macro_messages(pages, config))


def annotation(message: str) -> str:
    """The message as a GitHub Actions error annotation, shown on the pull request at its file and line."""
    where = re.match(r"(?P<file>[^,:\n]+?)(?:, line (?P<line>\d+)|(?= has \d+ problems))", message)
    # A file with several problems: point at the first one's line.
    line = where["line"] if where and where["line"] else next(iter(re.findall(r"\n  line (\d+):", message)), None)
    place = (f" file={where['file']}" + (f",line={line}" if line else "")) if where else ""
    # Annotations are one line: GitHub's workflow commands encode newlines as %0A.
    text = message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return f"::error{place},title=Check the data and front matter::{text}"


def main(argv: list[str] | None = None) -> int:
    """Print each problem as the build logs it; exit status 1 if there is any."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, default=ROOT, help="the project folder (default: this repository)")
    parser.add_argument("--mkdocs-yml", action="store_true", help="read mkdocs.yml alone (for a YAML mistake in it)")
    arguments = parser.parse_args(argv)
    project = arguments.project.resolve()
    if arguments.mkdocs_yml:
        unreadable = settings_messages(project)
        for message in unreadable:
            print(f"ERROR - {message}", file=sys.stderr)
        return 1 if unreadable else 0
    # mkdocs' config loading logs INFO lines an editor does not need.
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    messages = check_project(project)
    for message in messages:
        print(f"ERROR - {message}", file=sys.stderr)
        if os.environ.get("GITHUB_ACTIONS") == "true":
            print(annotation(message))
    if not messages:
        print(
            "mkdocs.yml, the files in docs/, the data files, the blog's authors and every page's front matter, "
            "excerpt marker, links and macros' braces are correct."
        )
    print(BUILD_ONLY, file=sys.stderr)
    return 1 if messages else 0


if __name__ == "__main__":
    sys.exit(main())
