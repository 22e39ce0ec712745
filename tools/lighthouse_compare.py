"""Before and after: Lighthouse mobile runs of the site at another git revision and of the working tree, interleaved.

    .venv/bin/python tools/lighthouse_compare.py fc7c087 [--runs 5]

Lighthouse CI measures one build at a time. This builds both sites (the revision from a
temporary `git worktree`) into before/ and after/ of one folder, then runs `lhci collect`
with the mobile settings of tools/lighthouserc.cjs once per round, each round measuring every
page of `make lighthouse` once before and once after, so that a slow spell of the shared
machine hits both alike. Prints, per page, the median performance score and the median of
each timing for both, and each run's score and CPU benchmark.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from lighthouse_summary import TIMINGS, timing_text

ROOT = Path(__file__).resolve().parent.parent
LHCI = ROOT / "tools" / "node_modules" / ".bin" / "lhci"
CONFIG = ROOT / "tools" / "lighthouserc.cjs"
SIDES = ("before", "after")


def build(project: Path, site: Path) -> None:
    """Build the project in `project` strictly into `site`, as `make build` would (with its quiet settings)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "GIT_PYTHON_REFRESH": "quiet"}
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)],
        cwd=project,
        env=env,
        check=True,
    )


def build_revision(revision: str, work: Path) -> None:
    """The site as built from `revision` (a commit, branch or tag) into `work`/before."""
    checkout = work / "checkout"
    subprocess.run(["git", "worktree", "add", "--detach", "--quiet", str(checkout), revision], cwd=ROOT, check=True)
    try:
        build(checkout, work / "before")
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(checkout)], cwd=ROOT, check=True)


def pages(env: dict[str, str]) -> list[str]:
    """The pages `make lighthouse` measures, as tools/lighthouserc.cjs lists them for the site in LIGHTHOUSE_SITE."""
    script = f"console.log(JSON.stringify(require({json.dumps(str(CONFIG))}).ci.collect.url))"
    urls: list[str] = json.loads(
        subprocess.run(["node", "-e", script], env=env, check=True, capture_output=True, text=True).stdout
    )
    return urls


def row(name: str, reports: list[dict[str, Any]]) -> str:
    """One side of one page: median score, median timings, each run's score and CPU benchmark."""
    scores = [round(100 * report["categories"]["performance"]["score"]) for report in reports]
    timings = ", ".join(
        f"{short} {timing_text(short, statistics.median(r['audits'][id_]['numericValue'] for r in reports))}"
        for id_, short in TIMINGS.items()
    )
    each = ", ".join(
        f"{score} ({round(r['environment']['benchmarkIndex'])})" for score, r in zip(scores, reports, strict=True)
    )
    return f"| {name} | {statistics.median(scores):.0f} | {timings} | {each} |"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("revision", help="the git revision to compare with (before)")
    parser.add_argument("--runs", type=int, default=5, help="runs of each page on each side (default 5)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="lighthouse-compare-") as temp:
        work = Path(temp)
        build_revision(args.revision, work)
        build(ROOT, work / "after")
        env = {
            **os.environ,
            "LIGHTHOUSE_SITE": str(work / "after"),
            "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium"),
        }
        paths = pages(env)
        urls = [f"--url=/{side}{path}" for path in paths for side in SIDES]
        for number in range(args.runs):
            print(f"Round {number + 1}/{args.runs}", flush=True)
            # --additive keeps the earlier rounds' results in .lighthouseci/.
            subprocess.run(
                [
                    str(LHCI),
                    "collect",
                    f"--config={CONFIG}",
                    f"--staticDistDir={work}",
                    "--numberOfRuns=1",
                    *urls,
                    *(["--additive"] if number else []),
                ],
                cwd=ROOT,
                env=env,
                check=True,
            )
    reports: dict[str, list[dict[str, Any]]] = {}
    for file in sorted((ROOT / ".lighthouseci").glob("lhr-*.json")):
        report = json.loads(file.read_text(encoding="utf-8"))
        reports.setdefault(urlsplit(report["requestedUrl"]).path, []).append(report)
    print(
        f"\nMobile performance, median of {args.runs} interleaved runs; {args.revision} (before) and the "
        "working tree (after). Each run: score (CPU benchmark).\n"
    )
    for path in paths:
        print(f"{path}\n\n| Site | Performance | Median timings | Runs |\n| --- | ---: | --- | --- |")
        print(row(f"before ({args.revision})", reports[f"/before{path}"]))
        print(row("after", reports[f"/after{path}"]) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
