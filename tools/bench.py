"""`make bench`: how fast the site builds, previews and loads, checked against the targets of issues 7 and 15.

Runs on copies of the project in a temporary folder (the real docs/ is only read):

- strict builds of the real site and of the site with 100 and 1,000 generated posts,
  each beside a bare Material twin (same pages, posts, theme and plugins, no macros and
  no hooks), several times, alternating, medians kept;
- one more build of each, in-process, counting how often the data file is opened;
- `mkdocs serve`: seconds from saving the data file or a post to the new page being served;
- a first visit, in Chromium, to the home page, the guide and a post: requests and bytes, from a
  gzip-only host (on the wire) and compressed at best (gzip -9, brotli).

Prints a table, writes .bench/results.json and .bench/results.md, and exits 1 if a target is missed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import bench_preview
import bench_sites
import bench_weight
from local_site import ROOT, copy_project

OUT = ROOT / ".bench"
GUIDE = "paralegal-vs-legal-assistant/"

# The targets of issue 7.
MAX_OVERHEAD = 1.10  # project / bare build time
MAX_GROWTH = 1.20  # time per page at 1,000 posts / at 100
MAX_PREVIEW = 2.0  # seconds from save to served
MAX_GUIDE_BYTES = 100_000  # brotli bytes of a first visit to the guide (100 kB, 1 kB = 1,000 bytes)
MAX_GUIDE_REQUESTS = 10
# Issue 15: bytes received on a first visit to the guide from a gzip-only host such as
# GitHub Pages (gzip bodies and response headers, as Chromium counts them).
MAX_GUIDE_WIRE = 80_000


@dataclass(frozen=True)
class Run:
    """One `mkdocs build --strict` in its own process."""

    wall: float  # seconds
    cpu: float  # seconds of processor time (user + system) used by the build itself
    peak_kb: int  # peak resident memory
    pages: int  # HTML pages written


@dataclass(frozen=True)
class Summary:
    """Several runs of one build: medians of the times, the highest memory."""

    runs: int
    pages: int
    wall: float
    cpu: float
    peak_kb: int

    @property
    def cpu_per_page_ms(self) -> float:
        return 1000 * self.cpu / self.pages

    @property
    def wall_per_page_ms(self) -> float:
        return 1000 * self.wall / self.pages


def environment() -> dict[str, str]:
    """What every mkdocs process of the benchmark runs with (as under the Makefile)."""
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "GIT_PYTHON_REFRESH": "quiet"}


def timed_build(project: Path, site: Path) -> Run:
    """Build `project` strictly into a fresh `site`, timing the process and reading its peak memory."""
    shutil.rmtree(site, ignore_errors=True)
    log = site.with_suffix(".log")
    with log.open("w") as out:
        started = time.perf_counter()
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)]
        process = subprocess.Popen(command, cwd=project, stdout=out, stderr=subprocess.STDOUT, env=environment())
        # wait4 gives this one process's own usage, not the sum of every child so far.
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"the build of {project} failed:\n{log.read_text(errors='replace')}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, sum(1 for _ in site.rglob("*.html")))


def summarize(runs: list[Run]) -> Summary:
    """Medians of the times (robust to a run slowed down by another process), highest memory."""
    return Summary(len(runs), runs[0].pages, statistics.median(r.wall for r in runs),
                   statistics.median(r.cpu for r in runs), max(r.peak_kb for r in runs))


def probe(project: Path, work: Path) -> dict[str, Any]:
    """The in-process build of tools/bench_probe.py: data-file opens, rendered pages, built site."""
    out, site = work / "probe.json", work / "probe-site"
    command = [sys.executable, str(Path(__file__).with_name("bench_probe.py")), str(project), str(site), str(out)]
    result = subprocess.run(command, cwd=project, env=environment(), capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"the probe build of {project} failed:\n{result.stdout}{result.stderr}")
    return {**json.loads(out.read_text(encoding="utf-8")), "site": site}


def bench_size(posts: int, runs: int, work: Path) -> dict[str, Any]:
    """Build the site with `posts` generated posts (0: the real site) and its bare twin `runs` times each."""
    work.mkdir(parents=True)
    project = copy_project(work / "project")
    bench_sites.add_posts(project, posts)
    probed = probe(project, work)
    bare = bench_sites.make_bare(project, work / "bare", probed["rendered"], probed["site"] / "downloads")
    results: dict[str, list[Run]] = {"project": [], "bare": []}
    for index in range(runs):
        # Alternate which goes first, so a slow spell on the shared machine hits both alike.
        order = ("project", "bare") if index % 2 == 0 else ("bare", "project")
        for variant in order:
            folder = project if variant == "project" else bare
            results[variant].append(timed_build(folder, work / f"site-{variant}"))
            print(f"  {posts:>5} posts, {variant:<7} run {index + 1}: {results[variant][-1].cpu:6.2f} s CPU, "
                  f"{results[variant][-1].wall:6.2f} s wall", flush=True)
    return {"posts": posts, "opens": probed["opens"], "project": summarize(results["project"]),
            "bare": summarize(results["bare"]), "site": work / "site-project"}


# ---------------------------------------------------------------------------
# Output


def table(header: list[str], rows: list[list[str]]) -> str:
    """A Markdown table with padded columns, readable in a terminal too."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows)]
    line = lambda cells: "| " + " | ".join(str(c).ljust(w) for c, w in zip(cells, widths)) + " |"  # noqa: E731
    return "\n".join([line(header), "| " + " | ".join("-" * w for w in widths) + " |", *map(line, rows)])


def kb(size: int) -> str:
    """Bytes as kB (1,000 bytes), one decimal."""
    return f"{size / 1000:.1f} kB"


def label(posts: int) -> str:
    """How the report names a site size."""
    return "real site" if posts == 0 else f"+{posts:,} posts"


def build_row(size: dict[str, Any], variant: str) -> list[str]:
    """One line of the builds table."""
    run: Summary = size[variant]
    return [label(size["posts"]), variant, str(run.pages), f"{run.wall:.2f} s", f"{run.cpu:.2f} s",
            f"{run.wall_per_page_ms:.1f} ms", f"{run.cpu_per_page_ms:.1f} ms", f"{run.peak_kb / 1024:.0f} MB"]


def report(sizes: list[dict[str, Any]], preview: dict[str, list[float]], visits: list[bench_weight.Visit],
           targets: list[dict[str, Any]], machine: dict[str, Any]) -> str:
    """The whole report as Markdown."""
    builds = [build_row(s, variant) for s in sizes for variant in ("project", "bare")]
    ratios = [[label(s["posts"]), f"{s['project'].cpu / s['bare'].cpu:.3f}",
               f"{s['project'].wall / s['bare'].wall:.3f}",
               str(s["opens"]["data/comparison.yml"]), str(s["opens"]["data/comparison.schema.json"])] for s in sizes]
    edits = [[what, ", ".join(f"{t:.2f}" for t in times), f"{statistics.median(times):.2f} s"]
             for what, times in (("data/comparison.yml (guide)", preview["data"]), ("newest post", preview["post"]))]
    weights = [[v.page or "(home)", str(len(v.requests)), kb(v.raw), kb(v.wire), kb(v.gzip), kb(v.brotli),
                ", ".join(v.other_hosts) or "none"] for v in visits]
    guide = next(v for v in visits if v.page == GUIDE)
    guide_rows = [[r.url.split("/", 3)[3] or "/", str(r.status), kb(r.raw), kb(r.wire), kb(r.gzip), kb(r.brotli)]
                  for r in guide.requests]
    checks = [[t["target"], t["measured"], {True: "PASS", False: "FAIL", None: "SKIP"}[t["passed"]]] for t in targets]
    return "\n\n".join([
        f"# Benchmark, {machine['date']}",
        f"{machine['cpus']} CPUs, Python {machine['python']}, load average {machine['load']} at the start; "
        f"{machine['runs']} runs of each build, medians. CPU is the build process's own processor time "
        "(user + system), which other work on a shared machine barely disturbs; wall is elapsed time.",
        "## Builds (`mkdocs build --strict`)",
        table(["Site", "Variant", "HTML pages", "Wall", "CPU", "Wall/page", "CPU/page", "Peak memory"], builds),
        "## Project code cost (project / bare) and data file opens per build",
        table(["Site", "CPU ratio", "Wall ratio", "comparison.yml opens", "schema opens"], ratios),
        "## Preview (`mkdocs serve`): save to served",
        table(["Edit", "Runs (s)", "Median"], edits),
        "## First visit (fresh browser at phone size; bytes as a host would send them)",
        "Wire is what Chromium received from a gzip-only host (text gzipped at level 6, as GitHub Pages "
        "serves it): bodies and response headers. gzip -9 and brotli -11 are the files compressed at their "
        "best: brotli is what Netlify, Cloudflare Pages, Vercel and most CDNs send. Search's index and "
        "worker load when a reader starts to search, so a first visit has neither.",
        table(["Page", "Requests", "Raw", "Wire (gzip host)", "gzip -9", "brotli", "Other hosts"], weights),
        "### The guide's requests",
        table(["URL", "Status", "Raw", "Wire (gzip host)", "gzip -9", "brotli"], guide_rows),
        "## Targets",
        table(["Target", "Measured", "Result"], checks),
    ]) + "\n"


def check_targets(sizes: dict[int, dict[str, Any]], preview: dict[str, list[float]],
                  visits: list[bench_weight.Visit]) -> list[dict[str, Any]]:
    """Each target of issue 7 with what was measured and whether it is met."""
    targets = []

    def add(target: str, measured: str, passed: bool | None) -> None:
        """Record one target; passed is None when this run did not measure it (other --posts)."""
        targets.append({"target": target, "measured": measured, "passed": None if passed is None else bool(passed)})

    # Judged on CPU time: on 2 shared cores, wall time also counts other people's work.
    for posts in (100, 1000):
        target = f"project code adds at most 10% at {posts:,} posts (project/bare <= {MAX_OVERHEAD})"
        if posts in sizes:
            ratio = sizes[posts]["project"].cpu / sizes[posts]["bare"].cpu
            add(target, f"{ratio:.3f}", ratio <= MAX_OVERHEAD)
        else:
            add(target, "not measured (--posts)", None)
    target = f"time per page at 1,000 posts <= {MAX_GROWTH} x at 100"
    if 100 in sizes and 1000 in sizes:
        growth = sizes[1000]["project"].cpu_per_page_ms / sizes[100]["project"].cpu_per_page_ms
        add(target, f"{growth:.3f}", growth <= MAX_GROWTH)
    else:
        add(target, "not measured (--posts)", None)
    for posts, size in sizes.items():
        opens = size["opens"]
        add(f"data file read and validated once per build ({'real site' if posts == 0 else f'{posts:,} posts'})",
            f"{opens['data/comparison.yml']} read(s), {opens['data/comparison.schema.json']} validation(s)",
            opens["data/comparison.yml"] == 1 and opens["data/comparison.schema.json"] == 1)
    for what, times in preview.items():
        median = statistics.median(times)
        add(f"preview shows a {what} edit in under {MAX_PREVIEW:.0f} s (median)", f"{median:.2f} s",
            median < MAX_PREVIEW)
    guide = next(v for v in visits if v.page == GUIDE)
    add(f"first visit to the guide <= {MAX_GUIDE_WIRE:,} bytes on the wire from a gzip-only host",
        f"{guide.wire:,} bytes", guide.wire <= MAX_GUIDE_WIRE)
    add(f"first visit to the guide <= {kb(MAX_GUIDE_BYTES)} compressed (brotli; gzip shown)",
        f"{kb(guide.brotli)} (gzip {kb(guide.gzip)})", guide.brotli <= MAX_GUIDE_BYTES)
    add(f"first visit to the guide <= {MAX_GUIDE_REQUESTS} requests", str(len(guide.requests)),
        len(guide.requests) <= MAX_GUIDE_REQUESTS)
    add("first visits request nothing from another host",
        ", ".join(sorted({h for v in visits for h in v.other_hosts})) or "none", not any(v.other_hosts for v in visits))
    return targets


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="timed builds of each site and its bare twin (default 5)")
    parser.add_argument("--posts", type=int, nargs="*", default=[100, 1000],
                        help="generated post counts (default 100 1000)")
    parser.add_argument("--repeats", type=int, default=3, help="edits of each kind in the preview (default 3)")
    parser.add_argument("--chromium", default=os.environ.get("CHROMIUM", "/usr/bin/chromium"))
    parser.add_argument("--out", type=Path, default=OUT,
                        help="folder for results.json and results.md (default .bench/)")
    args = parser.parse_args()
    os.environ.update(environment())
    machine = {"date": dt.datetime.now().isoformat(timespec="seconds"), "cpus": os.cpu_count(),
               "python": platform.python_version(), "load": " ".join(f"{x:.2f}" for x in os.getloadavg()),
               "runs": args.runs}

    with tempfile.TemporaryDirectory(prefix="bench-") as temp:
        work = Path(temp)
        sizes: dict[int, dict[str, Any]] = {}
        for posts in [0, *args.posts]:
            print(f"Building the site with {posts:,} generated posts...", flush=True)
            sizes[posts] = bench_size(posts, args.runs, work / f"posts-{posts}")
        print("Timing the preview...", flush=True)
        preview_project = copy_project(work / "preview")
        preview = bench_preview.measure(preview_project, args.repeats, work / "serve.log")
        print("Loading pages in Chromium...", flush=True)
        post_file, post_address = bench_preview.newest_post(ROOT)
        visits = bench_weight.measure(sizes[0]["site"], ["", GUIDE, post_address], args.chromium)

    targets = check_targets(sizes, preview, visits)
    markdown = report(list(sizes.values()), preview, visits, targets, machine)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.md").write_text(markdown, encoding="utf-8")
    figures = {
        "machine": machine,
        "builds": {str(posts): {"posts": s["posts"], "data_file_opens": s["opens"],
                                **{v: {**asdict(s[v]), "cpu_per_page_ms": s[v].cpu_per_page_ms,
                                       "wall_per_page_ms": s[v].wall_per_page_ms} for v in ("project", "bare")}}
                   for posts, s in sizes.items()},
        "preview_seconds": preview,
        "first_visit": [{"page": v.page, "requests": len(v.requests), "raw_bytes": v.raw, "wire_bytes": v.wire,
                         "gzip_bytes": v.gzip,
                         "brotli_bytes": v.brotli, "other_hosts": v.other_hosts,
                         "files": [asdict(r) for r in v.requests]} for v in visits],
        "targets": targets,
    }
    (args.out / "results.json").write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print("\n" + markdown)
    print(f"Figures written to {args.out / 'results.json'} and {args.out / 'results.md'}.")
    failed = [t["target"] for t in targets if t["passed"] is False]
    if failed:
        print(f"{len(failed)} target(s) missed: " + "; ".join(failed), file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
