"""Two builds of the same commit are byte-identical once the build date is fixed.

Only the build's date changes from one build to the next, and every plugin that writes
it (MkDocs' sitemap, the RSS plugin's feeds) takes it from SOURCE_DATE_EPOCH when set:
the workflows set it to the commit's time. A future-dated post also depends on the clock
(Material's blog publishes it once its date has passed, whatever SOURCE_DATE_EPOCH says):
that is intended, and today's posts are all in the past.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT

# Files that carry the build's date, and where.
DATED = {
    "feed_rss_created.xml": "<pubDate> and <lastBuildDate> of the feed",
    "feed_rss_updated.xml": "<pubDate> and <lastBuildDate> of the feed",
    "sitemap.xml": "<lastmod> of every page (the build's day)",
    "sitemap.xml.gz": "the sitemap's <lastmod>, and the gzip header's time",
}
COMMIT_TIME = 1790000000  # 2026-09-21 14:13:20 UTC
A_DAY_LATER = COMMIT_TIME + 86400


def build(site: Path, source_date_epoch: int | None) -> Path:
    """A strict build of the repository into `site`, dated `source_date_epoch` (or now)."""
    env = {key: value for key, value in os.environ.items() if key != "SOURCE_DATE_EPOCH"}
    env.update(NO_MKDOCS_2_WARNING="1", GIT_PYTHON_REFRESH="quiet")
    if source_date_epoch is not None:
        env["SOURCE_DATE_EPOCH"] = str(source_date_epoch)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def digests(site: Path) -> dict[str, str]:
    """Every built file's SHA-256, by its path in the site."""
    return {
        path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


def differing(first: dict[str, str], second: dict[str, str]) -> set[str]:
    """Files present in only one build or different in content."""
    return {name for name in first.keys() | second.keys() if first.get(name) != second.get(name)}


@pytest.fixture(scope="module")
def dated_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("dated"), COMMIT_TIME)


@pytest.fixture(scope="module")
def dated_build(dated_site: Path) -> dict[str, str]:
    return digests(dated_site)


def test_two_builds_of_one_commit_at_different_times_are_byte_identical(dated_build, tmp_path):
    # The wall clock has moved on by at least a second (the gzip header counts seconds).
    time.sleep(1.1)
    again = digests(build(tmp_path / "again", COMMIT_TIME))
    assert differing(dated_build, again) == set()
    assert len(again) > 50


def test_only_the_files_that_carry_the_build_date_change_with_it(dated_build, tmp_path):
    later = digests(build(tmp_path / "later", A_DAY_LATER))
    assert differing(dated_build, later) == set(DATED)


def test_feeds_are_dated_from_source_date_epoch(dated_site):
    feed = (dated_site / "feed_rss_created.xml").read_text(encoding="utf-8")
    assert "<lastBuildDate>Mon, 21 Sep 2026 14:13:20 -0000</lastBuildDate>" in feed


def test_an_undated_build_differs_only_in_the_dated_files(dated_build, tmp_path):
    # `make build` and `make serve` set no date: the build's own clock time is used.
    assert differing(dated_build, digests(build(tmp_path / "undated", None))) <= set(DATED)
