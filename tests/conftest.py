"""Shared fixtures: a copy of the project to break or change, and built sites to read."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
# What a build needs; everything else (tests, .venv, site/) stays behind.
PROJECT_PARTS = ("mkdocs.yml", "docs", "data", "macros", "overrides", "hooks")
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


def build_site(project: Path, site: Path) -> Build:
    """Build `project` strictly into `site`, as a maintainer would from the command line."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [*MKDOCS, "build", "--strict", "--site-dir", str(site)],
        cwd=project, env=env, capture_output=True, text=True, timeout=300,
    )
    return Build(result.returncode, result.stdout + result.stderr, site)


def copy_project(dest: Path) -> Path:
    """A copy of the project's buildable parts in `dest`."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy2(source, dest / part)
    return dest


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The real site, built once for every test that only reads it."""
    result = build_site(ROOT, tmp_path_factory.mktemp("site"))
    assert result.returncode == 0, result.output
    return result


@pytest.fixture(scope="session")
def data() -> dict:
    """The comparison data as the editors wrote it."""
    return yaml.safe_load((ROOT / "data" / "comparison.yml").read_text(encoding="utf-8"))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A throwaway copy of the project, free to change."""
    return copy_project(tmp_path / "project")


@pytest.fixture
def build(tmp_path: Path) -> Callable[[Path], Build]:
    """Build a (changed) project copy into a fresh folder."""
    return lambda project: build_site(project, tmp_path / "built")
