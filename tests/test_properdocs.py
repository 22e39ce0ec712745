"""The site builds unchanged with ProperDocs, the maintained fork of MkDocs 1.6.

If MkDocs 1.x stops installing or working, `properdocs build` is the fallback: it
must build this mkdocs.yml strictly, with the same plugins, to the same files.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import ROOT
from test_reproducible import COMMIT_TIME, build, differing, digests

PROPERDOCS = Path(sys.executable).parent / "properdocs"


def properdocs_build(project: Path, site: Path) -> subprocess.CompletedProcess[str]:
    """`properdocs build -f mkdocs.yml --strict` of a project, dated like the reproducible builds."""
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "GIT_PYTHON_REFRESH": "quiet",
        "SOURCE_DATE_EPOCH": str(COMMIT_TIME),
    }
    return subprocess.run(
        [str(PROPERDOCS), "build", "-f", "mkdocs.yml", "--strict", "--site-dir", str(site)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_properdocs_builds_the_site_strictly_to_the_same_bytes_as_mkdocs(tmp_path):
    result = properdocs_build(ROOT, tmp_path / "properdocs")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stdout + result.stderr
    with_mkdocs = digests(build(tmp_path / "mkdocs", COMMIT_TIME))
    assert differing(with_mkdocs, digests(tmp_path / "properdocs")) == set()


def test_properdocs_stops_on_bad_data_with_the_same_message(project, tmp_path):
    data = project / "data" / "comparison.yml"
    data.write_text(data.read_text(encoding="utf-8").replace("area: research", "area: reserch", 1), encoding="utf-8")
    result = properdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert 'area: "reserch" is not the id of any task area (did you mean "research"?)' in result.stdout + result.stderr
