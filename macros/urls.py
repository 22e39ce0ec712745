"""Addresses of the site's pages, by MkDocs' own rules: the one place the macros and checks work them out.

A page's address depends on its file and on use_directory_urls (blog/a.md is blog/a/ or
blog/a.html); MkDocs' File class decides it, so nothing here copies that rule.
"""

from __future__ import annotations

import posixpath
import re

from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url


def page_url(src_uri: str, use_directory_urls: bool = True) -> str:
    """The address MkDocs gives a page: blog/index.md -> blog/, a/b.md -> a/b/ (a/b.html without directory URLs)."""
    return File(src_uri, "", "", use_directory_urls=use_directory_urls).url  # MkDocs' own rule, not a copy of it


def link_to_page(src_uri: str, here: str, use_directory_urls: bool = True) -> str:
    """A link from the page at address `here` to the page whose file is `src_uri` (a/b.md from blog/x/: ../../a/b/)."""
    return get_relative_url(page_url(src_uri, use_directory_urls), here)


def normal_address(url: str) -> str:
    """A site address in one form for comparing, without slashes around it or index.html (blog/index.html: blog)."""
    return posixpath.normpath(url or ".").removesuffix("index.html").strip("/.")


def resolve(target: str, src_uri: str, url: str) -> tuple[str, str]:
    """What a link in the page at `src_uri` (address `url`) points at: ("file", a path in docs/)
    for a link to a .md file, ("url", a site address without slashes around it) for any other."""
    path = re.split(r"[#?]", target, maxsplit=1)[0]
    if path.lower().endswith(".md"):
        base = "" if path.startswith("/") else posixpath.dirname(src_uri)
        return "file", posixpath.normpath(posixpath.join(base, path.lstrip("/")))
    # Relative to the page's folder: its address itself (blog/a/), or the folder of blog/a.html.
    base = "" if path.startswith("/") else url if url.endswith("/") else posixpath.dirname(url)
    return "url", normal_address(posixpath.join(base, path.lstrip("/")))
