"""Lighthouse report: mobile and desktop scores of the home page, the guide and a post (`make lighthouse`).

Builds the site strictly into a temporary folder, serves it on a loopback port with gzip, runs
Lighthouse five times per page and form factor, one run at a time, and keeps the median score of
each category and of each timing. Prints a table and writes reports/lighthouse/summary.{json,md},
plus the HTML (and JSON) report of each page and form factor's median run, with where its
main-thread time went. A score below the aim is marked in the table but does not fail the
command; Lighthouse failing to run does.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import urllib.request
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from local_site import serve_gzipped

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "tools" / "node_modules" / ".bin" / "lighthouse"
REPORTS = ROOT / "reports" / "lighthouse"
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")

# On 2 cores one mobile run varies by up to 15 points: the median of five holds.
RUNS = int(os.environ.get("LIGHTHOUSE_RUNS", "5"))
FORMS = ("mobile", "desktop")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# The aims: 100 everywhere but performance, and at least 95 for performance on a phone.
AIMS = {
    (form, category): 100 for form in FORMS for category in CATEGORIES if category != "performance"
} | {("mobile", "performance"): 95}
# Quiet, offline-friendly Chromium (the browser tests' flags), in Chrome's new headless mode.
CHROME_FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run")
# A run normally takes 15-40 s on 2 cores; past this, Chrome has hung.
RUN_TIMEOUT = 300
# Opportunities saving less than this (estimated, in ms) are noise on a simulated phone.
MIN_SAVINGS_MS = 50


class LighthouseError(Exception):
    """Lighthouse (or the build it needs) could not produce a report."""


@dataclass
class Run:
    """One Lighthouse run of one page in one form factor."""

    scores: dict[str, int]
    benchmark: int  # Lighthouse's measure of the machine's speed: low when other work shares the CPU
    report: dict[str, Any]
    files: tuple[Path, Path]  # its .report.json and .report.html


def served_gzipped(url: str) -> bool:
    """Whether the server answers `url` with a gzip body, as the report assumes."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=10) as response:
        encoding: str | None = response.headers.get("Content-Encoding")
    return encoding == "gzip"


class FirstPostLink(HTMLParser):
    """Finds the first post's title link on a blog index page (Material's `article.md-post`)."""

    def __init__(self) -> None:
        super().__init__()
        self.in_post = False
        self.href: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Note the first `article.md-post`, then the first heading link inside it."""
        attributes = dict(attrs)
        if tag == "article" and "md-post" in (attributes.get("class") or "").split():
            self.in_post = True
        elif tag == "a" and self.in_post and self.href is None and "toclink" in (attributes.get("class") or "").split():
            self.href = attributes.get("href")


def first_post_path(blog_index_html: str) -> str:
    """The site path (such as /blog/slug/) of the first post listed on the built blog/index.html."""
    parser = FirstPostLink()
    parser.feed(blog_index_html)
    if not parser.href:
        raise LighthouseError("blog/index.html lists no post: the report needs one post to measure")
    return urlsplit(urljoin("/blog/", parser.href)).path


def build_site(destination: Path) -> None:
    """Build the site strictly into `destination`, as `make build` would."""
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(destination)],
        cwd=ROOT, capture_output=True, text=True,
    )
    if result.returncode != 0:
        raise LighthouseError(f"the site does not build:\n{result.stdout}{result.stderr}")


def lighthouse_command(url: str, form: str, output_base: Path) -> list[str]:
    """The Lighthouse command line for one run of `url` in form factor `form` (mobile is its default)."""
    return [
        str(LIGHTHOUSE), url, "--quiet",
        "--output=json", "--output=html", f"--output-path={output_base}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={' '.join(CHROME_FLAGS)}",
        *(["--preset=desktop"] if form == "desktop" else []),
    ]


def category_scores(report: dict[str, Any]) -> dict[str, int]:
    """Each category's score out of 100 in a Lighthouse JSON report."""
    return {category: round(report["categories"][category]["score"] * 100) for category in CATEGORIES}


def report_problem(report: dict[str, Any]) -> str | None:
    """Why a Lighthouse report holds no usable scores (a page that failed to load, say), or None."""
    if report.get("runtimeError"):
        error = report["runtimeError"]
        return f"{error.get('code')}: {error.get('message')}"
    missing = [c for c in CATEGORIES if report.get("categories", {}).get(c, {}).get("score") is None]
    if missing:
        return f"no score for {', '.join(missing)}"
    # An audit that counts towards a score but could not run would count as failed.
    broken = [audit_id for audit_id in broken_audits(report) if audit_weight(report, audit_id) > 0]
    return f"audits that count could not run: {', '.join(broken)}" if broken else None


def broken_audits(report: dict[str, Any]) -> list[str]:
    """The audits Lighthouse could not run (with this Chromium, some trace-based diagnostics)."""
    return sorted(audit_id for audit_id, audit in report["audits"].items() if audit["scoreDisplayMode"] == "error")


def audit_weight(report: dict[str, Any], audit_id: str) -> float:
    """How much an audit counts towards the scores of the report's categories (0 when it only informs)."""
    weight: float = sum(ref.get("weight", 0) for category in report["categories"].values()
                        for ref in category["auditRefs"] if ref["id"] == audit_id)
    return weight


def run_lighthouse(url: str, form: str, output_base: Path) -> Run:
    """Run Lighthouse once and read its report; raise LighthouseError if it gives none."""
    env = {**os.environ, "CHROME_PATH": CHROME}
    # Its own process group, so a hung run's Chrome is ended with it.
    process = subprocess.Popen(lighthouse_command(url, form, output_base), env=env, start_new_session=True,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        stdout, stderr = process.communicate(timeout=RUN_TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise LighthouseError(f"Lighthouse did not finish {url} ({form}) within {RUN_TIMEOUT} s") from None
    files = (output_base.with_name(output_base.name + ".report.json"),
             output_base.with_name(output_base.name + ".report.html"))
    if process.returncode != 0 or not files[0].exists():
        raise LighthouseError(f"Lighthouse failed on {url} ({form}), exit code {process.returncode}:\n"
                              f"{(stdout + stderr).strip()[-2000:]}")
    report = json.loads(files[0].read_text(encoding="utf-8"))
    problem = report_problem(report)
    if problem:
        raise LighthouseError(f"Lighthouse could not measure {url} ({form}): {problem}")
    return Run(category_scores(report), round(report["environment"]["benchmarkIndex"]), report, files)


def median_scores(runs: list[dict[str, int]]) -> dict[str, int]:
    """The median of each category's scores over the runs."""
    return {category: round(statistics.median(run[category] for run in runs)) for category in CATEGORIES}


def median_run(runs: list[dict[str, int]]) -> int:
    """The index of the run whose performance score is the median (the one category that varies)."""
    order = sorted(range(len(runs)), key=lambda i: runs[i]["performance"])
    return order[(len(runs) - 1) // 2]


def findings(audit: dict[str, Any]) -> list[str]:
    """What an audit found: each element's HTML and the reason given, without repeats."""
    lines = []
    for item in (audit.get("details") or {}).get("items") or []:
        node = item.get("node") if isinstance(item.get("node"), dict) else {}
        # axe explains as "Fix any of the following:" then one reason a line; the first says enough.
        reasons = [line.strip() for line in node.get("explanation", "").splitlines()[1:] if line.strip()]
        snippet = node.get("snippet") or item.get("url") or ""
        lines.append(f"{snippet}: {reasons[0]}" if reasons else snippet)
    return list(dict.fromkeys(line for line in lines if line))


def failing_audits(report: dict[str, Any]) -> list[dict[str, Any]]:
    """Audits that cost points in accessibility, best practices or SEO, with what they found."""
    failing = []
    for category in ("accessibility", "best-practices", "seo"):
        for ref in report["categories"][category]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if audit["score"] is not None and audit["score"] < 1:
                items = (audit.get("details") or {}).get("items") or []
                failing.append({"category": category, "id": ref["id"], "title": audit["title"],
                                "score": audit["score"], "items": len(items), "found": findings(audit)})
    return failing


def opportunities(report: dict[str, Any]) -> list[dict[str, Any]]:
    """Performance opportunities worth at least MIN_SAVINGS_MS, largest saving first."""
    found = []
    for audit in report["audits"].values():
        details = audit.get("details") or {}
        savings = details.get("overallSavingsMs") or 0
        if details.get("type") == "opportunity" and savings >= MIN_SAVINGS_MS:
            found.append({"id": audit["id"], "title": audit["title"], "savings_ms": round(savings),
                          "display": audit.get("displayValue", "")})
    return sorted(found, key=lambda item: -item["savings_ms"])


TIMINGS = {"first-contentful-paint": "FCP", "largest-contentful-paint": "LCP", "total-blocking-time": "TBT",
           "speed-index": "SI", "cumulative-layout-shift": "CLS"}


def metrics(report: dict[str, Any]) -> dict[str, str]:
    """The headline timings of a report, as Lighthouse displays them."""
    return {id_: report["audits"][id_].get("displayValue", "") for id_ in TIMINGS}


def timing_medians(reports: list[dict[str, Any]]) -> dict[str, float]:
    """Each headline timing's median over the runs (milliseconds; CLS unitless)."""
    return {TIMINGS[id_]: statistics.median(r["audits"][id_]["numericValue"] for r in reports) for id_ in TIMINGS}


def timing_text(medians: dict[str, float]) -> str:
    """Timings as a short line: FCP 1.2 s, LCP 1.8 s, TBT 120 ms, SI 1.5 s, CLS 0.001."""
    def shown(name: str, value: float) -> str:
        if name == "CLS":
            return f"{value:.3f}"
        return f"{value:.0f} ms" if name == "TBT" else f"{value / 1000:.2f} s"
    return ", ".join(f"{name} {shown(name, value)}" for name, value in medians.items())


def where_time_goes(report: dict[str, Any], top: int = 4) -> list[str]:
    """Where the main thread's time went in a run, from Lighthouse's own trace: by kind and by script."""
    audits = report["audits"]
    kinds = [f"{item['groupLabel']} {item['duration']:.0f} ms"
             for item in audits["mainthread-work-breakdown"]["details"]["items"][:top]]
    scripts = [f"{item['url'].rsplit('/', 1)[-1] or item['url']} {item['total']:.0f} ms "
               f"(script {item['scripting']:.0f})" for item in audits["bootup-time"]["details"]["items"][:top]]
    tasks = (audits["long-tasks"].get("details") or {}).get("items") or []
    return [f"main thread: {', '.join(kinds)}", f"by file: {', '.join(scripts)}",
            f"long tasks: {len(tasks)}, longest {max((t['duration'] for t in tasks), default=0):.0f} ms"]


def score_cell(score: int, aim: int | None) -> str:
    """A score as shown in the table, marked when it is below its aim."""
    return f"{score} (below aim {aim})" if aim is not None and score < aim else str(score)


def table(rows: list[dict[str, Any]]) -> str:
    """The Markdown table of median scores and timings, one row per page and form factor."""
    lines = ["| Page | Form | Performance | Accessibility | Best practices | SEO | Median timings |",
             "| --- | --- | ---: | ---: | ---: | ---: | --- |"]
    for row in rows:
        cells = [score_cell(row["scores"][c], AIMS.get((row["form"], c))) for c in CATEGORIES]
        lines.append(f"| {row['path']} | {row['form']} | {' | '.join(cells)} | {timing_text(row['timings'])} |")
    return "\n".join(lines)


def below_aim(rows: list[dict[str, Any]]) -> list[str]:
    """One line per median score below its aim."""
    return [f"{row['path']} {row['form']} {c}: {row['scores'][c]} < {AIMS[(row['form'], c)]}"
            for row in rows for c in CATEGORIES
            if (row["form"], c) in AIMS and row["scores"][c] < AIMS[(row["form"], c)]]


def runs_line(row: dict[str, Any]) -> str:
    """Each run's four scores and machine benchmark, and which run's report was kept."""
    runs = "; ".join(f"{' '.join(str(run['scores'][c]) for c in CATEGORIES)} (benchmark {run['benchmark']})"
                     for run in row["runs"])
    return f"Runs (performance, accessibility, best practices, SEO): {runs}. Median run kept: {row['report']}."


def markdown(rows: list[dict[str, Any]], lighthouse_version: str) -> str:
    """The full Markdown report: table, verdict, and what costs points on each page."""
    lines = [f"# Lighthouse {lighthouse_version}: median of {RUNS} runs", "", table(rows), ""]
    missed = below_aim(rows)
    lines += ["**Below aim:**", "", *[f"- {line}" for line in missed]] if missed else ["All scores meet the aim."]
    lines += ["", ("Mobile performance depends on the machine as much as on the site: each run shows Lighthouse's "
               "benchmark of the CPU (higher is faster), which drops when other work shares it. Compare runs made "
               "on a quiet machine.")]
    for row in rows:
        lines += ["", f"## {row['path']} ({row['form']})", "", runs_line(row), "",
                  "Metrics of the median run: " + ", ".join(f"{k} {v}" for k, v in row["metrics"].items()), "",
                  "Where its time went: " + "; ".join(row["time"]), ""]
        for audit in row["failing"]:
            lines.append(f"- {audit['category']} `{audit['id']}` ({audit['title']}), {audit['items']} item(s):")
            lines += [f"    - `{found}`" for found in audit["found"][:8]]
        for item in row["opportunities"]:
            lines.append(f"- opportunity `{item['id']}`: {item['display']}, about {item['savings_ms']} ms")
        lines += [f"- Lighthouse warned: {warning}" for warning in row["warnings"]]
        if row["broken"]:
            lines.append(f"- could not run (they do not count towards a score): {', '.join(row['broken'])}")
    return "\n".join(lines) + "\n"


def measure(base_url: str, paths: list[str], work: Path) -> list[dict[str, Any]]:
    """Run every page in every form factor RUNS times, one run at a time; one summary row each."""
    rows = []
    for path in paths:
        for form in FORMS:
            name = f"{path.strip('/').replace('/', '-') or 'home'}-{form}"
            runs = []
            for number in range(1, RUNS + 1):
                run = run_lighthouse(urljoin(base_url, path.lstrip("/")), form, work / f"{name}-{number}")
                runs.append(run)
                print(f"{path} {form} run {number}/{RUNS}: " + ", ".join(f"{c} {s}" for c, s in run.scores.items())
                      + f" (machine benchmark {run.benchmark})", flush=True)
            middle = runs[median_run([run.scores for run in runs])]
            kept = REPORTS / f"{name}.report.html"
            shutil.copyfile(middle.files[1], kept)
            shutil.copyfile(middle.files[0], REPORTS / f"{name}.report.json")
            rows.append({"path": path, "form": form, "scores": median_scores([run.scores for run in runs]),
                         "runs": [{"scores": run.scores, "benchmark": run.benchmark} for run in runs],
                         "report": kept.name, "broken": broken_audits(middle.report),
                         # Lighthouse's own doubts, such as a CPU too slow or too busy to trust the timings.
                         "warnings": sorted({warning for run in runs for warning in run.report["runWarnings"]}),
                         "metrics": metrics(middle.report), "failing": failing_audits(middle.report),
                         "timings": timing_medians([run.report for run in runs]),
                         "time": where_time_goes(middle.report),
                         "opportunities": opportunities(middle.report) if form == "mobile" else [],
                         "version": middle.report["lighthouseVersion"]})
    return rows


def main() -> int:
    """Build, serve, measure and report; 0 when Lighthouse ran (whatever the scores), 1 when it could not."""
    try:
        if not LIGHTHOUSE.exists():
            raise LighthouseError(f"Lighthouse is not installed at {LIGHTHOUSE}: `make lighthouse` installs it")
        if not Path(CHROME).exists():
            raise LighthouseError(f"Chromium not found at {CHROME}: `make lighthouse` installs it, or set CHROME_PATH")
        with tempfile.TemporaryDirectory(prefix="lighthouse-") as temp:
            site, work = Path(temp) / "site", Path(temp) / "runs"
            work.mkdir()
            build_site(site)
            # The contact page too: its request form is where a reader's visit is meant to end.
            paths = ["/", "/paralegal-vs-legal-assistant/", "/contact/",
                     first_post_path((site / "blog" / "index.html").read_text(encoding="utf-8"))]
            shutil.rmtree(REPORTS, ignore_errors=True)
            REPORTS.mkdir(parents=True)
            with serve_gzipped(site) as base_url:
                if not served_gzipped(base_url):
                    raise LighthouseError("the local server does not gzip pages: the scores would not match a host")
                rows = measure(base_url, paths, work)
    except LighthouseError as error:
        print(f"make lighthouse: {error}", file=sys.stderr)
        return 1
    version = rows[0]["version"]
    (REPORTS / "summary.json").write_text(
        json.dumps({"lighthouse": version, "runs": RUNS,
                    "aims": {f"{form} {category}": aim for (form, category), aim in AIMS.items()},
                    "pages": rows}, indent=2) + "\n", encoding="utf-8")
    (REPORTS / "summary.md").write_text(markdown(rows, version), encoding="utf-8")
    print(f"\nLighthouse {version}, median of {RUNS} runs:\n\n{table(rows)}\n")
    for row in rows:
        if row["form"] == "mobile":
            print(f"{row['path']} (mobile), where the median run's time went:\n  " + "\n  ".join(row["time"]))
    missed = below_aim(rows)
    if missed:
        print("BELOW AIM:\n" + "\n".join(f"  {line}" for line in missed))
    else:
        print("All scores meet the aim.")
    warnings = sorted({warning for row in rows for warning in row["warnings"]})
    if warnings:
        print("\nLighthouse warned:\n" + "\n".join(f"  {warning}" for warning in warnings))
    broken = sorted({audit for row in rows for audit in row["broken"]})
    if broken:
        print(f"\nLighthouse could not run {len(broken)} diagnostics that count towards no score: {', '.join(broken)}")
    print(f"\nReports: {REPORTS.relative_to(ROOT)}/ (summary.md, summary.json, one HTML report per page and form)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
