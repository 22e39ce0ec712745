"""Every file editors write, checked before any plugin reads it: the build's and the quick check's one entry point.

The macros plugin comes first in mkdocs.yml, so define_env runs these checks before the
blog plugin reads its authors file and before MkDocs reads any page. tools/check_data.py
runs the same steps without a build and reports each step's message.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.structure.files import get_files

from macros.checks import content_policy, docs_files, front_matter, publish, settings
from macros.checks.data_files import decode_utf8
from macros.checks.firm import checked_firm
from macros.checks.key_pages import checked_pages
from macros.checks.problems import DataError
from macros.content import engagement, faq, team
from macros.content.comparison import Comparison, load_comparison_once


@dataclass(frozen=True)
class Sources:
    """What the checks read, for the macros to use."""

    comparison: Comparison
    firm: dict[str, Any]  # extra.firm in mkdocs.yml, every field text or empty
    faq: faq.Faq
    rules: front_matter.BlogRules
    pages: list[front_matter.CheckedPage]
    engagement: engagement.Engagement
    team: team.Team
    key_pages: dict[str, str]  # extra.pages: each key page's file in docs/, checked to exist


def docs_shown(config: Any, project_dir: Path) -> str:
    """The docs folder as editors see it, relative to the project (docs)."""
    return Path(os.path.relpath(config["docs_dir"], project_dir)).as_posix()


def published_files(config: Any) -> list[str]:
    """The files under docs/ MkDocs would publish (after exclude_docs and its own rules), relative to docs/."""
    return [file.src_uri for file in get_files(config) if not file.inclusion.is_excluded()]


def check_files(config: Any, project_dir: Path, uris: list[str]) -> None:
    """DataError naming each of the files MkDocs would publish that the publishing policy refuses (see docs_files.py),
    then each script in an SVG picture (see content_policy.py)."""
    shown = docs_shown(config, project_dir)
    refused = docs_files.refusals(uris, shown)
    if refused:
        raise DataError(
            refused[0]
            if len(refused) == 1
            else f"{len(refused)} files in docs/ would be published by mistake:\n  " + "\n  ".join(refused)
        )
    scripted = [
        f"{shown}/{uri}, line {line}: {tag}: {problem}"
        for uri in uris
        if uri.lower().endswith(".svg")
        for line, tag, problem in content_policy.svg_problems(
            decode_utf8(f"{shown}/{uri}", (Path(config["docs_dir"]) / uri).read_bytes())
        )
    ]
    if scripted:
        raise DataError(
            scripted[0]
            if len(scripted) == 1
            else f"{len(scripted)} scripts in pictures in docs/:\n  " + "\n  ".join(scripted)
        )


def blog_rules(config: Any, project_dir: Path, settings_file: settings.SettingsFile) -> front_matter.BlogRules:
    """The blog's rules (its categories checked), with the authors from its authors file (read with limits, checked)."""
    blog = config.plugins["material/blog"].config
    settings.check_categories(settings_file, blog, project_dir)
    authors_file = blog.authors_file.format(blog=blog.blog_dir.strip("/"))
    authors = front_matter.load_authors(project_dir, Path(config["docs_dir"]), authors_file, required=blog.authors)
    return front_matter.blog_rules(blog, authors, config["use_directory_urls"])


def check_pages(
    config: Any, project_dir: Path, uris: list[str], rules: front_matter.BlogRules, today: dt.date | None = None
) -> list[front_matter.CheckedPage]:
    """Every published page's front matter, excerpt marker and links to posts, checked."""
    pages = [uri for uri in uris if uri.endswith(docs_files.PAGE_SUFFIX)]
    return front_matter.check_docs(
        Path(config["docs_dir"]), project_dir, rules, pages, today, settings.page_templates(config)
    )


def run_checks(
    config: Any, project_dir: Path, report: Callable[[DataError], None]
) -> tuple[Sources | None, list[front_matter.CheckedPage] | None]:
    """Every check, in order: each mistake goes to `report`, and a step needing a failed one is skipped.

    Returns what the checks read (None if anything failed) and the checked pages (None if they
    could not be checked), for the macros and for tools/check_data.py's further checks.
    """

    def step(check: Callable[[], Any]) -> Any:
        try:
            return check()
        except DataError as error:
            report(error)
            return None

    uris = published_files(config)
    settings_file = step(lambda: settings.read_settings(Path(config.config_file_path), project_dir))
    if settings_file:
        step(lambda: settings.feed_picture(settings_file, config))
    step(lambda: check_files(config, project_dir, uris))
    comparison = step(lambda: load_comparison_once(project_dir))
    firm = step(lambda: checked_firm(settings_file, config["extra"].get("firm"))) if settings_file else None
    documents = {uri for uri in uris if uri.endswith(docs_files.PAGE_SUFFIX)}
    shown = docs_shown(config, project_dir)
    key_pages = step(lambda: checked_pages(settings_file, config["extra"], documents, shown)) if settings_file else None
    # The build that goes live (extra.publish, set by `make publish`) refuses placeholder contact details.
    live = step(lambda: publish.publishing(settings_file, config["extra"].get("publish"))) if settings_file else None
    if live and firm is not None:
        step(lambda: publish.check_publishable(settings_file, firm))
    rules = step(lambda: blog_rules(config, project_dir, settings_file)) if settings_file else None
    people = step(lambda: team.load_team(project_dir, Path(config["docs_dir"])))
    # The team page is not built while no one is listed: an answer may not link to it then.
    published = people is not None and team.is_published(people)
    linkable = [uri for uri in uris if published or uri != team.TEAM_PAGE]
    questions = (
        step(lambda: faq.load_faq(project_dir, faq.site_pages(linkable, rules.is_post), firm))
        if firm is not None and rules is not None and people is not None
        else None
    )
    pages = step(lambda: check_pages(config, project_dir, uris, rules)) if rules is not None else None
    working = step(lambda: engagement.load_engagement(project_dir, firm)) if firm is not None else None
    if (
        comparison is None
        or firm is None
        or questions is None
        or rules is None
        or pages is None
        or working is None
        or people is None
        or key_pages is None
    ):
        return None, pages
    return Sources(comparison, firm, questions, rules, pages, working, people, key_pages), pages


def check_sources(config: Any, project_dir: Path) -> Sources:
    """Run every check in order; the first mistake raises DataError with its message."""

    def stop(error: DataError) -> None:
        raise error

    sources, _ = run_checks(config, project_dir, stop)
    assert sources is not None  # every failure has raised
    return sources


def each_message(
    config: Any, project_dir: Path, extra: Callable[[list[front_matter.CheckedPage]], list[str]]
) -> list[str]:
    """Every step's message (each step that can run), for a report of all mistakes at once.

    `extra` checks the pages further (tools/check_data.py parses their macros).
    """
    messages: list[str] = []
    _, pages = run_checks(config, project_dir, lambda error: messages.append(str(error)))
    return messages + (extra(pages) if pages is not None else [])
