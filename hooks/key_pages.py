"""The key pages named in mkdocs.yml (extra.pages) exist, and the calls to action have words.

The theme's templates find the contact and confidentiality pages by the files extra.pages
names, and print the buttons' words from extra.calls_to_action. A template finding no such
page writes nothing: renaming docs/contact.md without changing extra.pages.contact would
silently take the header's consultation button and the contact strip's off every page. So
before anything is built, this hook checks that every key the site relies on is there and
names a page in docs/, and otherwise stops the build with mkdocs.yml's line, the key and the
missing file. Zensical ignores hooks: there such a mistake would go unnoticed (see MIGRATION.md).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

# The keys the templates and macros rely on, under extra.pages and extra.calls_to_action.
PAGES = ("guide", "contact", "confidentiality", "services", "checklist")
CALLS_TO_ACTION = ("consultation", "contact")


def problems(extra: Mapping[str, Any], documents: set[str], docs: str) -> list[tuple[tuple[str, ...], str]]:
    """What is wrong with extra.pages and extra.calls_to_action, as (field path, problem); [] if nothing.

    `documents`: the pages' files in docs/ (their paths there), `docs`: the folder as editors name it.
    """
    found: list[tuple[tuple[str, ...], str]] = []
    pages = extra.get("pages")
    pages = pages if isinstance(pages, Mapping) else {}
    for key in PAGES:
        file = pages.get(key)
        if not isinstance(file, str) or not file.strip():
            found.append((("extra", "pages", key), "missing: it names the page's file in docs/, such as contact.md"))
        elif file not in documents:
            problem = (f"names {file}, which is not a page in {docs}/ (renamed or removed?): "
                       f"write here the file that is now the {key} page")
            found.append((("extra", "pages", key), problem))
    words = extra.get("calls_to_action")
    words = words if isinstance(words, Mapping) else {}
    for key in CALLS_TO_ACTION:
        text = words.get(key)
        if not isinstance(text, str) or not text.strip():
            found.append((("extra", "calls_to_action", key), f"missing: the words of the {key} button"))
    return found


def message(config_file: Path, project_dir: Path, found: list[tuple[tuple[str, ...], str]]) -> str:
    """The message naming mkdocs.yml's line and the key of each problem."""
    # Imported here: the macros plugin has put the project folder on sys.path.
    from macros.data import format_located, line_of
    from macros.settings import read_settings

    settings = read_settings(config_file, project_dir)
    return format_located(settings.shown, [(line_of(settings.node, path), ".".join(path), problem)
                                           for path, problem in found])


def on_files(files: Files, config: Any) -> Files:
    from macros import sources

    config_file = Path(config.config_file_path).resolve()
    project_dir = config_file.parent
    documents = {file.src_uri for file in files.documentation_pages()}
    found = problems(config["extra"], documents, sources.docs_shown(config, project_dir))
    if found:
        raise PluginError(message(config_file, project_dir, found))
    return files
