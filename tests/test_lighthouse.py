"""`make lighthouse`: Lighthouse CI's settings (pages, aims, one Lighthouse) and the table it ends with."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import lighthouse_summary  # tools/, on the path through conftest.py
from local_site import ROOT

TOOLS = ROOT / "tools"
MOBILE, DESKTOP = TOOLS / "lighthouserc.cjs", TOOLS / "lighthouserc.desktop.cjs"


def load_rc(file: Path, site: Path) -> subprocess.CompletedProcess[str]:
    """Lighthouse CI's reading of an rc file (Node's require) for the built site in `site`, as JSON on stdout."""
    script = f"console.log(JSON.stringify(require({json.dumps(str(file))})))"
    return subprocess.run(
        ["node", "-e", script],
        check=False,
        env={**os.environ, "LIGHTHOUSE_SITE": str(site)},
        capture_output=True,
        text=True,
        timeout=60,
    )


def rc(file: Path, site: Path) -> dict[str, Any]:
    """The `ci` settings of an rc file for the built site in `site`."""
    result = load_rc(file, site)
    assert result.returncode == 0, result.stderr
    settings: dict[str, Any] = json.loads(result.stdout)["ci"]
    return settings


def test_it_measures_the_home_page_the_guide_the_contact_page_and_the_newest_post(site):
    urls = rc(MOBILE, site.site)["collect"]["url"]
    newest = site.page("blog").select_one("article.md-post a.toclink")["href"]
    assert urls == ["/", "/paralegal-vs-legal-assistant/", "/contact/", f"/blog/{newest}"]
    assert (site.site / urls[3].strip("/") / "index.html").is_file()
    assert rc(DESKTOP, site.site)["collect"]["url"] == urls


def test_a_blog_index_without_posts_or_no_build_is_named_in_the_error(tmp_path):
    (tmp_path / "blog").mkdir()
    (tmp_path / "blog" / "index.html").write_text("<main><p>No posts yet.</p></main>", encoding="utf-8")
    result = load_rc(MOBILE, tmp_path)
    assert result.returncode != 0
    assert f"{tmp_path / 'blog' / 'index.html'} lists no post" in result.stderr
    result = load_rc(MOBILE, tmp_path / "missing")
    assert result.returncode != 0 and "is missing: build the site first (make build)" in result.stderr


def test_the_aims_are_judged_on_the_median_of_five_runs_and_only_mobile_performance_warns(site):
    mobile, desktop = rc(MOBILE, site.site), rc(DESKTOP, site.site)
    perfect = {f"categories:{name}": ["error", {"minScore": 1}] for name in ("accessibility", "best-practices", "seo")}
    assert mobile["assert"] == {
        "aggregationMethod": "median-run",
        "assertions": {"categories:performance": ["warn", {"minScore": 0.95}], **perfect},
    }
    assert desktop["assert"] == {"aggregationMethod": "median-run", "assertions": perfect}
    for config in (mobile, desktop):
        assert config["collect"]["numberOfRuns"] == 5
        assert config["collect"]["staticDistDir"] == str(site.site)
        assert "--no-sandbox" in config["collect"]["settings"]["chromeFlags"]
    assert "preset" not in mobile["collect"]["settings"] and desktop["collect"]["settings"]["preset"] == "desktop"
    assert {config["upload"]["target"] for config in (mobile, desktop)} == {"filesystem"}
    assert mobile["upload"]["outputDir"] == str(ROOT / "reports" / "lighthouse" / "mobile")
    assert desktop["upload"]["outputDir"] == str(ROOT / "reports" / "lighthouse" / "desktop")


def test_lighthouse_ci_is_pinned_and_brings_the_only_lighthouse():
    package = json.loads((TOOLS / "package.json").read_text(encoding="utf-8"))
    assert re.fullmatch(r"\d+\.\d+\.\d+", package["dependencies"]["@lhci/cli"])
    assert "lighthouse" not in package["dependencies"]
    packages = json.loads((TOOLS / "package-lock.json").read_text(encoding="utf-8"))["packages"]
    copies = [name for name in packages if re.search(r"(^|/)node_modules/lighthouse$", name)]
    assert copies == ["node_modules/lighthouse"]
    assert (
        packages["node_modules/lighthouse"]["version"]
        == packages["node_modules/@lhci/cli"]["dependencies"]["lighthouse"]
    )


def write_run(
    folder: Path, name: str, scores: dict[str, float], fcp: float, benchmark: float, median: bool
) -> dict[str, Any]:
    """A run as Lighthouse CI's filesystem upload leaves it: a JSON report, and its manifest entry."""
    audits = {audit: {"numericValue": fcp} for audit in lighthouse_summary.TIMINGS}
    (folder / f"{name}.report.json").write_text(
        json.dumps({"audits": audits, "environment": {"benchmarkIndex": benchmark}}), encoding="utf-8"
    )
    return {
        "url": "http://localhost:40123/contact/",
        "isRepresentativeRun": median,
        "summary": scores,
        "htmlPath": str(folder / f"{name}.report.html"),
        "jsonPath": str(folder / f"{name}.report.json"),
    }


def test_the_summary_shows_median_scores_and_timings_and_the_median_runs_report(tmp_path, capsys, monkeypatch):
    mobile = tmp_path / "mobile"
    mobile.mkdir()
    scores = {"accessibility": 1, "best-practices": 1, "seo": 0.92}
    runs = [
        write_run(mobile, "a", {"performance": 0.81, **scores}, 2000, 1200.4, False),
        write_run(mobile, "b", {"performance": 0.97, **scores}, 1000, 2500, False),
        write_run(mobile, "c", {"performance": 0.9, **scores}, 1500, 2400, True),
    ]
    (mobile / "manifest.json").write_text(json.dumps(runs), encoding="utf-8")
    monkeypatch.setattr(sys, "argv", ["lighthouse_summary.py", str(tmp_path)])
    assert lighthouse_summary.main() == 0
    row = (
        "| /contact/ | mobile | 90 | 100 | 100 | 92 | FCP 1.50 s, LCP 1.50 s, TBT 1500 ms, SI 1.50 s, CLS 1500.000 "
        "| 1200 2500 2400 | c.report.html |"
    )
    assert row in capsys.readouterr().out
    assert row in (tmp_path / "summary.md").read_text(encoding="utf-8")


def test_the_summary_says_when_lighthouse_ci_left_no_report(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(sys, "argv", ["lighthouse_summary.py", str(tmp_path)])
    assert lighthouse_summary.main() == 1
    assert f"no manifest.json in {tmp_path}/mobile or /desktop" in capsys.readouterr().err
