"""Check data/comparison.yml and every page's front matter without building the site.

The same checks, and the same messages, as `mkdocs build`: it calls the functions the
macros call. A pull request and pre-commit run it so a mistake is reported in a second,
under its own name, before the slower build and tests.

Usage: python tools/check_data.py [--project DIR]   (exit status 1 if anything is wrong)
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path

# The RSS plugin, loaded with mkdocs.yml, imports GitPython, which refuses to load
# without a git program unless told to stay quiet; the checks never need git.
os.environ.setdefault("GIT_PYTHON_REFRESH", "quiet")
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from mkdocs.config import load_config  # noqa: E402
from mkdocs.exceptions import MkDocsException  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def problem(check: Callable[[], object]) -> str | None:
    """Run one check; its editor-facing message if it fails, else None."""
    try:
        check()
    except MkDocsException as error:  # DataError, FrontMatterError and config errors alike
        return str(error)
    return None


def check_project(project: Path) -> list[str]:
    """Every message the build would stop with, data first, then front matter."""
    sys.path.insert(0, str(project))
    from macros import data, posts  # the project's own checks, not a copy

    messages = [problem(lambda: data.load_comparison(project))]
    try:
        config = load_config(str(project / "mkdocs.yml"))
        blog = config.plugins["material/blog"]
        # The blog plugin reads its authors from .authors.yml in on_config; the rules need them.
        blog.on_config(config)
    except MkDocsException as error:
        return [m for m in messages if m] + [f"mkdocs.yml: {error}"]
    rules = posts.blog_rules(blog)
    messages.append(problem(lambda: posts.check_docs(Path(config["docs_dir"]), project, rules)))
    return [m for m in messages if m]


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
    project = parser.parse_args(argv).project.resolve()
    # mkdocs' config loading logs INFO lines an editor does not need.
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    messages = check_project(project)
    for message in messages:
        print(f"ERROR - {message}", file=sys.stderr)
        if os.environ.get("GITHUB_ACTIONS") == "true":
            print(annotation(message))
    if not messages:
        print("The data file and the front matter of every page are correct.")
    return 1 if messages else 0


if __name__ == "__main__":
    sys.exit(main())
