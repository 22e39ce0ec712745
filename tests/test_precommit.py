"""The pre-commit checks: YAML lint, the data and front matter check, spelling, workflows, zizmor,
and the Python checks (ruff's lint and format check, mypy).

The hooks are read from .pre-commit-config.yaml and run as pre-commit runs them, so the
config file is the one list of checks; one test also runs pre-commit itself.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import ROOT, build_site, copy_project

BIN = Path(sys.executable).parent
CONFIG = ROOT / ".pre-commit-config.yaml"
# What the checks read besides the buildable project (copied by conftest.copy_project).
CHECK_PARTS = (
    ".pre-commit-config.yaml",
    ".yamllint.yml",
    ".codespellrc",
    ".codespell-words.txt",
    ".gitignore",
    ".github",
    "pyproject.toml",
    "tools",
    "tests",
)
HOOK_IDS = (
    "yamllint",
    "check-data",
    "codespell",
    "check-github-workflows",
    "check-dependabot",
    "zizmor",
    "ruff-check",
    "ruff-format",
    "mypy",
)
LEGAL_TERMS = """\
Back Office Legal supports paralegals and legal assistants at small law firms with e-discovery,
O*NET-SOC codes, voir dire notes, nunc pro tunc orders, estoppel, certiorari, mandamus, tortious
interference, interrogatories, a subpoena duces tecum, docketing, the Bluebook, Westlaw, LexisNexis,
PACER and CM/ECF filings, affiants, bailees, bailors, assignors, lessors, mortgagors, indemnitors,
deponents, a guardian ad litem, lis pendens, pro se and pro bono clients, amicus curiae briefs,
res judicata, habeas corpus, decedents, testators, intestate probate, escrow, liens, parol evidence,
hereinafter, aforesaid, codicils, the cy pres doctrine, demurrers, devisees, ejectment, en banc
hearings, ex parte motions, garnishees, impleader, in camera and in limine rulings, joinder, laches,
legatees, mens rea, obligors, per curiam opinions, pendente lite, quantum meruit, replevin,
respondeat superior, scienter, subrogation, tortfeasors, usufruct, vendees, praecipe, prima facie,
sua sponte, ultra vires, remittitur, recusal, rescission, stare decisis, and fees paid therefor.
"""


def hooks() -> list[dict[str, Any]]:
    """Every hook of .pre-commit-config.yaml."""
    config = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    return [hook for repo in config["repos"] for hook in repo["hooks"]]


def file_hooks() -> list[dict[str, Any]]:
    """The hooks that check files: all but the commit message's (commit-msg stage, tests/test_commit_message.py)."""
    return [hook for hook in hooks() if hook.get("stages") != ["commit-msg"]]


def hook_command(hook: dict[str, Any], project: Path) -> list[str]:
    """The command pre-commit runs for a hook over all files, with .venv/bin tools taken from this Python's."""
    command = shlex.split(hook["entry"]) + hook.get("args", [])
    command = [str(BIN / word[len(".venv/bin/") :]) if word.startswith(".venv/bin/") else word for word in command]
    if hook.get("pass_filenames", True):
        pattern = re.compile(hook.get("files", ""))
        names = sorted(path.relative_to(project).as_posix() for path in project.rglob("*") if path.is_file())
        command += [name for name in names if pattern.search(name)]
    return command


def run_hook(hook_id: str, project: Path) -> subprocess.CompletedProcess[str]:
    """Run one hook, by id, in a project folder."""
    hook = next(hook for hook in hooks() if hook["id"] == hook_id)
    return subprocess.run(hook_command(hook, project), cwd=project, capture_output=True, text=True, timeout=300)


@pytest.fixture
def checked(project: Path) -> Path:
    """A throwaway project copy with everything the checks read."""
    for part in CHECK_PARTS:
        source, dest = ROOT / part, project / part
        dest.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            # tools/node_modules: the Node tools, hundreds of megabytes that no check reads.
            shutil.copytree(source, dest, ignore=shutil.ignore_patterns("node_modules", "__pycache__"))
        else:
            shutil.copy2(source, dest)
    return project


def test_hooks_run_the_pinned_tools_from_the_projects_environment():
    # pre-commit's own environments would install unpinned copies; `system` hooks use .venv.
    for hook in hooks():
        assert hook["language"] == "system", hook["id"]
        assert hook["entry"].startswith(".venv/bin/"), hook["id"]
        assert (BIN / shlex.split(hook["entry"])[0][len(".venv/bin/") :]).exists(), hook["id"]
    assert {hook["id"] for hook in file_hooks()} == set(HOOK_IDS)


@pytest.mark.parametrize("hook_id", HOOK_IDS)
def test_each_precommit_check_passes_on_the_repository(hook_id):
    result = run_hook(hook_id, ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_precommit_itself_runs_every_hook_and_all_pass(checked, tmp_path):
    (checked / ".venv").symlink_to(BIN.parent)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "GIT_CONFIG_GLOBAL": os.devnull}
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com"]
    subprocess.run([*git, "init", "-q"], cwd=checked, check=True)
    subprocess.run([*git, "add", "."], cwd=checked, check=True)
    result = subprocess.run(
        [str(BIN / "pre-commit"), "run", "--all-files"],
        cwd=checked,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    for hook in file_hooks():
        assert re.search(rf"^{re.escape(hook['name'])}\.+Passed$", result.stdout, re.MULTILINE), result.stdout


def test_a_misspelt_word_in_a_page_is_caught_with_its_file_line_and_fix(checked):
    page = checked / "docs" / "services.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nWe recieve your files the same day.\n", encoding="utf-8")
    result = run_hook("codespell", checked)
    line = len(page.read_text(encoding="utf-8").splitlines())
    assert result.returncode != 0
    assert f"docs/services.md:{line}: recieve ==> receive" in result.stdout


def test_a_misspelt_word_in_the_data_or_the_blog_authors_is_caught(checked):
    data = checked / "data" / "comparison.yml"
    data.write_text(data.read_text(encoding="utf-8").replace("research", "reserach", 1), encoding="utf-8")
    authors = checked / "docs" / "blog" / ".authors.yml"
    authors.write_text(authors.read_text(encoding="utf-8") + "# Writen by the firm\n", encoding="utf-8")
    result = run_hook("codespell", checked)
    assert "reserach ==> research" in result.stdout and "Writen ==> Written" in result.stdout


def test_legal_terms_and_the_firms_name_pass_the_spelling_check(checked):
    (checked / "docs" / "terms.md").write_text(LEGAL_TERMS, encoding="utf-8")
    result = run_hook("codespell", checked)
    assert result.returncode == 0, result.stdout


def test_the_word_list_is_what_lets_real_legal_words_pass(checked):
    # "cy pres" and "therefor" are in codespell's list of misspellings: without the
    # project's word list the legal text above would fail.
    (checked / "docs" / "terms.md").write_text(LEGAL_TERMS, encoding="utf-8")
    (checked / ".codespell-words.txt").write_text("", encoding="utf-8")
    result = run_hook("codespell", checked)
    assert "pres ==> press" in result.stdout and "therefor ==> therefore" in result.stdout


def test_yaml_lint_names_the_file_and_line_of_a_badly_indented_or_repeated_key(checked):
    config = checked / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").splitlines()
    at = lines.index("site_name: Back Office Legal")
    lines[at + 1 : at + 1] = ["site_name: Back Office Legal", "   "]
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_hook("yamllint", checked)
    assert result.returncode != 0
    assert "mkdocs.yml" in result.stdout
    assert re.search(rf"{at + 2}:1 +error +duplication of key \"site_name\"", result.stdout), result.stdout
    assert re.search(rf"{at + 3}:1 +error +trailing spaces", result.stdout), result.stdout


def test_data_check_stops_a_bad_data_file_with_the_builds_message(checked, tmp_path):
    data = checked / "data" / "comparison.yml"
    data.write_text(data.read_text(encoding="utf-8").replace("area: research", "area: reserch", 1), encoding="utf-8")
    result = run_hook("check-data", checked)
    assert result.returncode == 1
    message = re.search(r"^ERROR - (data/comparison\.yml, line \d+: .*)$", result.stderr, re.MULTILINE)
    assert message, result.stderr
    assert 'area: "reserch" is not the id of any task area (did you mean "research"?); expected one of:' in message[1]
    build = build_site(checked, tmp_path / "built")
    assert build.returncode != 0 and message[1] in build.output


def test_data_check_stops_a_posts_bad_front_matter_naming_file_line_and_field(checked):
    post = next((checked / "docs" / "blog" / "posts").glob("*.md"))
    text = post.read_text(encoding="utf-8")
    post.write_text(re.sub(r"^description:", "descripton:", text, count=1, flags=re.MULTILINE), encoding="utf-8")
    result = run_hook("check-data", checked)
    assert result.returncode == 1
    shown = post.relative_to(checked).as_posix()
    assert f"ERROR - {shown}" in result.stderr
    assert 'descripton: is not a known field (did you mean "description"?)' in result.stderr


def test_data_check_reports_a_data_mistake_and_a_front_matter_mistake_together(checked):
    data = checked / "data" / "comparison.yml"
    data.write_text(data.read_text(encoding="utf-8").replace("area: research", "area: reserch", 1), encoding="utf-8")
    page = checked / "docs" / "contact.md"
    page.write_text(page.read_text(encoding="utf-8").replace("description:", "descripton:", 1), encoding="utf-8")
    result = run_hook("check-data", checked)
    errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR - ")]
    assert [error.split(",")[0].split(" has ")[0] for error in errors] == [
        "ERROR - data/comparison.yml",
        "ERROR - docs/contact.md",
    ]


def test_in_github_actions_each_data_check_message_marks_its_file_and_line_on_the_pull_request(checked):
    data = checked / "data" / "comparison.yml"
    data.write_text(data.read_text(encoding="utf-8").replace("area: research", "area: reserch", 1), encoding="utf-8")
    post = checked / "docs" / "blog" / "posts" / "lawyer-burnout.md"
    post.write_text(post.read_text(encoding="utf-8").replace("slug:", "slugg:", 1), encoding="utf-8")
    command = hook_command(next(hook for hook in hooks() if hook["id"] == "check-data"), checked)
    result = subprocess.run(
        command, cwd=checked, env={**os.environ, "GITHUB_ACTIONS": "true"}, capture_output=True, text=True, timeout=120
    )
    annotations = result.stdout.splitlines()
    assert len(annotations) == 2, result.stdout
    assert re.match(
        r"::error file=data/comparison\.yml,line=\d+,title=Check the data and front matter::"
        r"data/comparison\.yml, line \d+: .*\"reserch\" is not the id of any task area",
        annotations[0],
    )
    post_message = r"docs/blog/posts/lawyer-burnout\.md has 2 problems:%0A  line \d+: slug: is missing"
    assert re.match(
        r"::error file=docs/blog/posts/lawyer-burnout\.md,line=\d+,title=[^:]+::" + post_message, annotations[1]
    )


def test_data_check_says_so_when_all_is_well():
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "check_data.py")], capture_output=True, text=True, timeout=120, cwd="/"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(
        "mkdocs.yml, the files in docs/, the data files, the blog's authors and every page's front matter"
    )
    assert "Only `mkdocs build` (or `make serve`) checks:" in result.stderr


def test_data_check_needs_no_copy_of_the_project_beyond_the_buildable_parts(tmp_path):
    project = copy_project(tmp_path / "bare")
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "check_data.py"), "--project", str(project)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
