"""Links from the data to a heading of a page (data/faq.yml: [words](page.md#heading)), checked
once every page is rendered.

MkDocs checks the anchor of each link written in a page's Markdown (validation: anchors in
mkdocs.yml) but not of links in HTML, and the FAQ's answers are HTML made by a macro. The
pages the links lead to exist (macros/content/faq.py checks that when the file is read); whether
the heading exists is known only once every page is rendered, which is when MkDocs checks
its own links too: here, with MkDocs' own list of each page's ids. A missing heading stops
the build with the file, the line and the headings the page has. Zensical ignores hooks:
there, such a link would not be checked (see MIGRATION.md).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.toc import AnchorLink


def headings(items: list[AnchorLink]) -> list[str]:
    """The ids of a page's headings, in order, from its table of contents."""
    return [found for item in items for found in (item.id, *headings(item.children))]


def on_env(env: Any, config: Any, files: Files) -> Any:
    # Imported here: the macros plugin has put the project folder on sys.path.
    from macros.content import faq

    def anchors(src_uri: str) -> tuple[set[str], list[str]] | None:
        file = files.get_file_from_path(src_uri)
        page = file.page if file is not None else None
        if page is None or page.present_anchor_ids is None:
            return None
        return set(page.present_anchor_ids), headings(list(page.toc))

    message = faq.anchor_message(Path(config.config_file_path).parent, anchors)
    if message:
        raise PluginError(message)
    return env
