"""The table `make lighthouse` ends with: each page's median scores and timings, mobile and desktop.

Lighthouse CI (tools/lighthouserc*.cjs) runs Lighthouse, checks the aims and writes every
run's report into reports/lighthouse/<form>/ with a manifest.json, but prints no scores when
the aims are met. This reads those folders, prints one Markdown table and writes it to
reports/lighthouse/summary.md.

Usage: python tools/lighthouse_summary.py [reports/lighthouse]
"""

from __future__ import annotations

import json
import statistics
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
FORMS = ("mobile", "desktop")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TIMINGS = {
    "first-contentful-paint": "FCP",
    "largest-contentful-paint": "LCP",
    "total-blocking-time": "TBT",
    "speed-index": "SI",
    "cumulative-layout-shift": "CLS",
}


def timing_text(name: str, value: float) -> str:
    """One timing as people read it: seconds, milliseconds for TBT, CLS without a unit."""
    if name == "CLS":
        return f"{value:.3f}"
    return f"{value:.0f} ms" if name == "TBT" else f"{value / 1000:.2f} s"


def page_row(path: str, form: str, runs: list[dict[str, Any]]) -> str:
    """One table row from a page's manifest entries: median scores, median timings, CPU benchmarks."""
    scores = [str(round(100 * statistics.median(run["summary"][c] for run in runs))) for c in CATEGORIES]
    reports = [json.loads(Path(run["jsonPath"]).read_text(encoding="utf-8")) for run in runs]
    timings = ", ".join(
        f"{short} {timing_text(short, statistics.median(r['audits'][id_]['numericValue'] for r in reports))}"
        for id_, short in TIMINGS.items()
    )
    # Lighthouse's measure of the CPU (higher is faster): low when other work shared the machine.
    benchmarks = " ".join(str(round(r["environment"]["benchmarkIndex"])) for r in reports)
    median = Path(next(run["htmlPath"] for run in runs if run["isRepresentativeRun"])).name
    return f"| {path} | {form} | {' | '.join(scores)} | {timings} | {benchmarks} | {median} |"


def summary(reports: Path) -> str:
    """The Markdown table of every page and form factor found under `reports`."""
    lines = [
        (
            "| Page | Form | Performance | Accessibility | Best practices | SEO | Median timings "
            "| CPU benchmark of each run | Median run's report |"
        ),
        "| --- | --- | ---: | ---: | ---: | ---: | --- | --- | --- |",
    ]
    for form in FORMS:
        manifest = reports / form / "manifest.json"
        if not manifest.is_file():
            continue
        runs_by_page: dict[str, list[dict[str, Any]]] = {}
        for run in json.loads(manifest.read_text(encoding="utf-8")):
            runs_by_page.setdefault(urlsplit(run["url"]).path, []).append(run)
        lines += [page_row(path, form, runs) for path, runs in runs_by_page.items()]
    return "\n".join(lines) + "\n"


def main() -> int:
    """Print the table and write summary.md; 1 when Lighthouse CI left no report to read."""
    reports = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "reports" / "lighthouse"
    if not any((reports / form / "manifest.json").is_file() for form in FORMS):
        print(
            f"lighthouse_summary: no manifest.json in {reports}/mobile or /desktop: run `make lighthouse`",
            file=sys.stderr,
        )
        return 1
    table = summary(reports)
    (reports / "summary.md").write_text(f"# Lighthouse: median scores and timings\n\n{table}", encoding="utf-8")
    shown = reports.relative_to(ROOT) if reports.is_relative_to(ROOT) else reports
    print(
        f"\n{table}\nScores and timings are medians of each page's runs. Reports: {shown}/mobile/ and "
        f"{shown}/desktop/ (every run, manifest.json), {shown}/summary.md (this table)."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
