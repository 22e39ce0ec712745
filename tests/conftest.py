"""Shared fixtures: a copy of the project to break or change, and built sites to read."""

from __future__ import annotations

import contextlib
import functools
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import yaml
from bs4 import BeautifulSoup

# Each test's kind (tests/kinds.py), and what the tests share with `make bench` (tools/local_site.py):
# both on the import path through pytest.ini.
from kinds import kind_of, kinds_marked, refuse_programs
from local_site import CHROMIUM, ROOT, copy_project, serve_folder
from local_site import CHROMIUM_FLAGS as FLAGS

# GitPython, which the RSS plugin imports whenever MkDocs reads mkdocs.yml, runs `git version` on its first
# import: done here, so that a unit test reading the settings is not taken for one starting a program.
with contextlib.suppress(ImportError):
    import git  # noqa: F401

# Playwright is imported by the browser fixtures when they run, so that the unit tests never load it.
if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

MKDOCS = [sys.executable, "-m", "mkdocs"]


@dataclass
class Build:
    """The result of one `mkdocs build --strict` of a project folder."""

    returncode: int
    output: str
    site: Path

    def page(self, url_path: str) -> BeautifulSoup:
        """The parsed HTML of a built page, by its path in the site ("" for home)."""
        file = self.site / url_path / "index.html" if not url_path.endswith(".html") else self.site / url_path
        return BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")


def build_site(project: Path, site: Path, publish: bool = False) -> Build:
    """Build `project` strictly into `site`, as a maintainer would from the command line; with `publish`,
    as `make publish` builds the site that goes live (PUBLISH_SITE=true: macros/checks/publish.py)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("PUBLISH_SITE", None)
    if publish:
        env["PUBLISH_SITE"] = "true"
    result = subprocess.run(
        [*MKDOCS, "build", "--strict", "--site-dir", str(site)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return Build(result.returncode, result.stdout + result.stderr, site)


def published_nav(nav: list[Any]) -> list[Any]:
    """mkdocs.yml's top-level nav as the build publishes it: the team page's entry only once data/team.yml
    lists someone (hooks/team_page.py)."""
    listed = yaml.safe_load((ROOT / "data" / "team.yml").read_text(encoding="utf-8"))["people"]
    return nav if listed else [entry for entry in nav if "team.md" not in entry.values()]


def mkdocs_settings() -> dict[str, Any]:
    """mkdocs.yml as MkDocs reads it (its !ENV tags resolved; YAML's safe loader refuses them), for a setting."""
    from mkdocs.utils.yaml import yaml_load

    return yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))


def page_paths(site: Path) -> list[str]:
    """Every HTML page of a built site, as its address below the site's root ("" for home)."""
    paths = []
    for file in sorted(site.rglob("*.html")):
        relative = file.relative_to(site).as_posix()
        paths.append(relative.removesuffix("index.html") if relative.endswith("index.html") else relative)
    return paths


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The real site, built once for every test that only reads it."""
    result = build_site(ROOT, tmp_path_factory.mktemp("site"))
    assert result.returncode == 0, result.output
    return result


@pytest.fixture(scope="session")
def data() -> dict[str, Any]:
    """The comparison data as the editors wrote it, its dates as year-month-day text (as the build reads them)."""
    from macros.checks.data_files import dates_as_text

    text = (ROOT / "data" / "comparison.yml").read_text(encoding="utf-8")
    loaded: dict[str, Any] = dates_as_text(yaml.safe_load(text))
    return loaded


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A throwaway copy of the project, free to change."""
    return copy_project(tmp_path / "project")


@pytest.fixture
def build(tmp_path: Path) -> Callable[[Path], Build]:
    """Build a (changed) project copy into a fresh folder."""
    return lambda project: build_site(project, tmp_path / "built")


# Real browser: Debian's Chromium driven by playwright, and the built site on a loopback port.


@pytest.fixture(scope="session")
def base_url(site) -> Iterator[str]:
    """The real site, served."""
    with serve_folder(site.site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), (
        f"Chromium not found at {CHROMIUM}: run `make test` (it installs it) or set CHROMIUM"
    )
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield launched
        launched.close()


@functools.cache
def axe_script() -> str:
    """axe-core, as bundled by axe-playwright-python (read on first use, by browser tests only)."""
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


# axe-core's rules for WCAG 2.2 A and AA.
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def axe_violations(page: Page, within: str = "document") -> list[str]:
    """axe-core's WCAG 2.2 A and AA violations on the page (or within a selector), one line each.

    Also run: the dialog-name rule (tagged best practice), which Lighthouse's
    accessibility score counts; Material's search dialog had no name.
    """
    page.evaluate(axe_script())
    violations: list[str] = page.evaluate(
        """async ([within, tags]) => {
        const options = {runOnly: {type: 'tag', values: tags}, rules: {'aria-dialog-name': {enabled: true}}};
        const result = await axe.run(within === 'document' ? document : within, options);
        return result.violations.map(v => `${v.id} (${v.nodes.length}): `
            + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '));
    }""",
        [within, WCAG],
    )
    return violations


# Every test gets one kind (unit, build or browser; tests/kinds.py says how) before `-m` selects by it.
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if isinstance(item, pytest.Function) and not kinds_marked(item):
            item.add_marker(kind_of(item))


# A unit test that starts a program or a server, in its fixtures or its body, fails and says so.
@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item) -> Iterator[None]:
    with refuse_programs(item.nodeid) if "unit" in kinds_marked(item) else contextlib.nullcontext():
        return (yield)


pytest_runtest_call = pytest_runtest_setup
