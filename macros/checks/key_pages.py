"""The key pages named in mkdocs.yml (extra.pages) exist, and the calls to action have words.

The theme's templates and the macros find the guide, the contact page and the others by the
files extra.pages names, and print the buttons' words from extra.calls_to_action: each named
once there. A template finding no such page writes nothing, so renaming docs/contact.md
without changing extra.pages.contact would silently take the consultation buttons off every
page. Checked with the other settings before anything is built (macros/checks/all_files.py):
a mistake stops the build with mkdocs.yml's line, the key and the missing file.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from macros.checks.problems import DataError, format_located, line_of
from macros.checks.settings import SettingsFile

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
            problem = (
                f"names {file}, which is not a page in {docs}/ (renamed or removed?): "
                f"write here the file that is now the {key} page"
            )
            found.append((("extra", "pages", key), problem))
    words = extra.get("calls_to_action")
    words = words if isinstance(words, Mapping) else {}
    for key in CALLS_TO_ACTION:
        text = words.get(key)
        if not isinstance(text, str) or not text.strip():
            found.append((("extra", "calls_to_action", key), f"missing: the words of the {key} button"))
    return found


def checked_pages(settings: SettingsFile, extra: Mapping[str, Any], documents: set[str], docs: str) -> dict[str, str]:
    """extra.pages, once every key page is named and exists and every button has words; else DataError."""
    found = problems(extra, documents, docs)
    if found:
        raise DataError(
            format_located(
                settings.shown, [(line_of(settings.node, path), ".".join(path), problem) for path, problem in found]
            )
        )
    return {key: extra["pages"][key] for key in PAGES}
