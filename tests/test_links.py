"""Every link in the built site lands on a file that was built, and on its anchor.

The strict build checks links written in Markdown; this also covers what the theme
and templates write (navigation, footer, feed links, canonical addresses). The pull
request workflow runs this file as its link check step.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup

from conftest import ROOT

SITE_URL = re.findall(r"^site_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.MULTILINE)[0]
# Attributes that point at another file the reader's browser fetches or follows.
LINK_ATTRIBUTES = (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"), ("source", "src"))
NOT_FILES = ("mailto:", "tel:", "data:", "javascript:")


def target_file(site: Path, url: str) -> Path | None:
    """The built file a site address points at (its index.html for a folder), else None."""
    path = site / unquote(urlsplit(url).path).lstrip("/")
    for candidate in (path, path / "index.html"):
        if candidate.is_file():
            return candidate
    return None


def page_ids(file: Path) -> set[str]:
    """The ids an address can jump to in one page."""
    page = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
    return {str(tag["id"]) for tag in page.find_all(id=True)}


def broken_links(site: Path, site_url: str) -> list[str]:
    """Each link (page: address) in the built site whose file or anchor does not exist."""
    broken: list[str] = []
    ids: dict[Path, set[str]] = {}
    for file in sorted(site.rglob("*.html")):
        shown = file.relative_to(site).as_posix()
        page_url = urljoin(site_url, shown)
        page = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        for tag_name, attribute in LINK_ATTRIBUTES:
            for tag in page.find_all(tag_name, attrs={attribute: True}):
                address = str(tag[attribute])  # href and src: one value each, never a list
                if address.startswith(NOT_FILES) or address in ("", "#"):
                    continue
                absolute = urljoin(page_url, address)
                if not absolute.startswith(site_url):
                    continue  # another website: the weekly external-links workflow checks these
                target = target_file(site, "/" + absolute[len(site_url) :])
                fragment = urlsplit(absolute).fragment
                if target is None:
                    broken.append(f"{shown}: {address} (no such file)")
                elif fragment and target.suffix == ".html":
                    if target not in ids:
                        ids[target] = page_ids(target)
                    if unquote(fragment) not in ids[target]:
                        broken.append(f"{shown}: {address} (no element with id {fragment!r})")
    return broken


def test_every_link_in_the_built_site_lands_on_a_built_file_and_anchor(site):
    assert broken_links(site.site, SITE_URL) == []


def test_the_site_links_its_feeds_and_downloads_by_address(site):
    # Guard for the check itself: real pages do link other built files, so an empty
    # result above means the links were followed, not skipped.
    home = (site.site / "index.html").read_text(encoding="utf-8")
    assert "feed_rss_created.xml" in home and "stylesheets/site.css" in home


def test_a_missing_page_or_anchor_is_reported_with_the_page_that_links_it(tmp_path):
    (tmp_path / "guide").mkdir()
    (tmp_path / "guide" / "index.html").write_text('<h2 id="duties">Duties</h2>', encoding="utf-8")
    (tmp_path / "index.html").write_text(
        '<a href="guide/">ok</a> <a href="guide/#duties">ok</a> <a href="https://example.org/">elsewhere</a>'
        '<a href="servces/">typo</a> <a href="guide/#skills">no anchor</a>'
        '<link rel="canonical" href="https://www.backofficelegal.com/old/">',
        encoding="utf-8",
    )
    assert broken_links(tmp_path, "https://www.backofficelegal.com/") == [
        "index.html: servces/ (no such file)",
        "index.html: guide/#skills (no element with id 'skills')",
        "index.html: https://www.backofficelegal.com/old/ (no such file)",
    ]
