"""Before and after: Lighthouse mobile runs of the site at another git revision and of the working tree, interleaved.

    .venv/bin/python tools/lighthouse_compare.py fc7c087 [--runs 5]

Builds both sites (the revision from a temporary `git worktree`), serves each with gzip like
`make lighthouse`, then runs Lighthouse on the home page, the guide and the newest post,
alternating before and after run by run, so that a slow spell of the shared machine hits
both alike. Prints, per page, the median performance score and the median of each timing
for both, and each run's CPU benchmark. Mobile only: that is where the aim is hard.
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urljoin

import lighthouse
from local_site import ROOT, serve_gzipped


def build_revision(revision: str, work: Path) -> Path:
    """The site as built from `revision` (a commit, branch or tag) into `work`/before-site."""
    checkout = work / "before"
    subprocess.run(["git", "worktree", "add", "--detach", "--quiet", str(checkout), revision], cwd=ROOT, check=True)
    try:
        site = work / "before-site"
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir",
                                 str(site)], cwd=checkout, capture_output=True, text=True)
        if result.returncode != 0:
            raise lighthouse.LighthouseError(f"{revision} does not build:\n{result.stdout}{result.stderr}")
        return site
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(checkout)], cwd=ROOT, check=True)


def row(name: str, runs: list[lighthouse.Run]) -> str:
    """One side of one page: median score, median timings, each run's score and benchmark."""
    scores = [run.scores["performance"] for run in runs]
    timings = lighthouse.timing_text(lighthouse.timing_medians([run.report for run in runs]))
    each = ", ".join(f"{score} ({run.benchmark})" for score, run in zip(scores, runs, strict=True))
    return f"| {name} | {statistics.median(scores):.0f} | {timings} | {each} |"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("revision", help="the git revision to compare with (before)")
    parser.add_argument("--runs", type=int, default=5, help="runs of each page on each side (default 5)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="lighthouse-compare-") as temp:
        work = Path(temp)
        sites = {"before": build_revision(args.revision, work), "after": work / "after-site"}
        lighthouse.build_site(sites["after"])
        paths = ["/", "/paralegal-vs-legal-assistant/",
                 lighthouse.first_post_path((sites["after"] / "blog" / "index.html").read_text(encoding="utf-8"))]
        runs: dict[tuple[str, str], list[lighthouse.Run]] = {(p, s): [] for p in paths for s in sites}
        with contextlib.ExitStack() as stack:
            bases = {side: stack.enter_context(serve_gzipped(site)) for side, site in sites.items()}
            for path in paths:
                for number in range(args.runs):
                    for side in sites:
                        name = f"{side}-{path.strip('/').replace('/', '-') or 'home'}-{number}"
                        run = lighthouse.run_lighthouse(urljoin(bases[side], path.lstrip("/")), "mobile", work / name)
                        runs[(path, side)].append(run)
                        print(f"{path} {side} run {number + 1}/{args.runs}: performance "
                              f"{run.scores['performance']} (benchmark {run.benchmark})", flush=True)
    print(f"\nMobile performance, median of {args.runs} interleaved runs; {args.revision} (before) and the "
          "working tree (after). Each run: score (CPU benchmark).\n")
    for path in paths:
        print(f"{path}\n\n| Site | Performance | Median timings | Runs |\n| --- | ---: | --- | --- |")
        print(row(f"before ({args.revision})", runs[(path, "before")]))
        print(row("after", runs[(path, "after")]) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
