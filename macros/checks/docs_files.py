"""Which files under docs/ the site publishes: pages and the files they show, nothing else.

MkDocs copies every file under docs/ that is not a page into the published site, and treats
.markdown, .mdown, .mkdn and .mkd files as pages too. Editors' programs leave files there
(notes.txt, post.md~, post.md.bak, ~$draft.docx), and a page saved as Draft-Post.MD or
post.markdown would escape the front matter check, which reads .md files. So the policy is an
allow-list, and anything outside it stops the build with a message naming the file:

- pages end in ".md", lowercase; every other Markdown ending is refused (rename it);
- other files are published only with an ending in ASSET_SUFFIXES, or by name (robots.txt);
- hidden files (.authors.yml) and what exclude_docs in mkdocs.yml lists are never published
  and never refused: MkDocs leaves them out before this check sees them.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import PurePosixPath

from mkdocs.utils import markdown_extensions

PAGE_SUFFIX = ".md"
# What pages show or load: pictures, the site's own styles and scripts, documents to download.
ASSET_SUFFIXES = frozenset({".avif", ".css", ".gif", ".ico", ".jpeg", ".jpg", ".js", ".pdf", ".png", ".svg", ".webp"})
# Files hosts and crawlers look for by name at the top of the site.
PUBLISHED_NAMES = frozenset({"robots.txt"})
# Endings and beginnings editors' programs give backup, lock and temporary files.
_LEFTOVER_ENDINGS = (
    "~",
    ".bak",
    ".backup",
    ".old",
    ".orig",
    ".rej",
    ".swp",
    ".swo",
    ".tmp",
    ".temp",
    ".crdownload",
    ".part",
)
_LEFTOVER_STARTS = ("~$", ".~lock", "#")

EXPECTED = (
    f"expected only pages ending in {PAGE_SUFFIX} and the files pages show (" + ", ".join(sorted(ASSET_SUFFIXES)) + ")"
)


def refusal(src_uri: str) -> str | None:
    """Why the file at `src_uri` (relative to docs/) may not be published, or None if it may."""
    path = PurePosixPath(src_uri)
    name, suffix = path.name, path.suffix
    if name.lower().endswith(_LEFTOVER_ENDINGS) or name.startswith(_LEFTOVER_STARTS):
        return (
            "looks like a backup or temporary file left by an editing program, and would be published as it is; "
            "expected it deleted (or moved out of docs/)"
        )
    if suffix == PAGE_SUFFIX:
        return None
    if suffix.lower() in markdown_extensions:
        return (
            f'is a page whose name ends in "{suffix}"; expected "{PAGE_SUFFIX}" in lowercase: rename it to '
            f"{path.with_suffix(PAGE_SUFFIX).name}, so that it is checked and published like every other page"
        )
    if suffix.lower() in ASSET_SUFFIXES or src_uri in PUBLISHED_NAMES:
        return None
    kind = f'"{suffix}" files' if suffix else "files without an ending"
    return (
        f"would be published as it is, and {kind} are not published from docs/; "
        f"{EXPECTED}: move it out of docs/ or delete it"
    )


def refusals(src_uris: Iterable[str], docs_shown: str) -> list[str]:
    """One line per file that may not be published, naming it as the editor sees it (docs/...)."""
    return [f"{docs_shown}/{uri}: {reason}" for uri in sorted(src_uris) if (reason := refusal(uri))]
