"""The team page only once someone is listed in data/team.yml.

MkDocs has no setting that builds a page on a condition: `exclude_docs` and `not_in_nav` are
fixed lists, and a nav entry to a missing page is a warning (which fails the strict build).
So while `people: []`, this hook takes docs/team.md out of the files and its entry out of the
menu, before MkDocs builds the navigation; the pages' link to it (the team_link macro) writes
nothing meanwhile. Once someone is listed, the page and its menu entry are built as written.
The data itself is checked by the macros plugin first (macros/content/team.py), with the line of any
mistake. Zensical ignores hooks: there, the page would be built even with no one listed (see
MIGRATION.md).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files


def without_page(nav: Any, page: str) -> Any:
    """The nav settings without any entry for `page` (a section left empty by that is left out too)."""
    if isinstance(nav, list):
        kept = [without_page(item, page) for item in nav if item != page]
        return [item for item in kept if item not in ({}, [], None)]
    if isinstance(nav, dict):
        entries = {title: without_page(target, page) for title, target in nav.items() if target != page}
        return {title: target for title, target in entries.items() if target not in ([], None)}
    return nav


def on_files(files: Files, config: MkDocsConfig) -> Files:
    # Imported here: the macros plugin has put the project folder on sys.path.
    from macros.content import team

    people = team.load_team(Path(config.config_file_path).parent, Path(config.docs_dir))
    if team.is_published(people):
        return files
    page = files.get_file_from_path(team.TEAM_PAGE)
    if page is not None:
        files.remove(page)
    if config.nav is not None:
        config.nav = without_page(config.nav, team.TEAM_PAGE)
    return files
