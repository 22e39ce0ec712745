"""The commit-msg check (tools/check_commit_message.py): a short subject, an empty line, a body that says why."""

from __future__ import annotations

import yaml

from check_commit_message import main, problems
from conftest import ROOT

GOOD = "tables: each task fact declared once\n\nThe CSV and the checklist's JSON built the same facts twice.\n"


def test_a_short_subject_and_a_body_pass():
    assert problems(GOOD) == []


def test_a_subject_past_72_characters_is_refused_with_its_length():
    subject = "x" * 73
    assert problems(f"{subject}\n\nWhy.\n") == [
        (
            "the subject line has 73 characters; expected at most 72, so that `git log --oneline` shows it whole "
            "(say what changed; the body says the rest)"
        )
    ]


def test_a_message_without_a_body_is_refused():
    assert problems("Fix the footer\n") == [
        "there is no body; expected, after an empty line, a few lines saying why the change is made"
    ]


def test_a_body_must_follow_an_empty_line():
    assert "the second line is not empty" in problems("Fix the footer\nbecause it broke\n")[0]


def test_comment_lines_and_the_verbose_diff_are_not_the_message():
    text = GOOD + "# Please enter the commit message\n# ------------------------ >8 ------------------------\n+x" * 2
    assert problems(text) == []
    assert problems("Fix the footer\n# no body, only comments\n") != []


def test_merges_reverts_and_fixups_are_left_alone():
    for subject in ("Merge branch 'theme'", 'Revert "Fix the footer"', "fixup! Fix the footer"):
        assert problems(subject + "\n") == [], subject


def test_the_hook_prints_each_problem_and_fails(tmp_path, capsys):
    message = tmp_path / "COMMIT_EDITMSG"
    message.write_text("y" * 80 + "\n", encoding="utf-8")
    assert main(["check_commit_message.py", str(message)]) == 1
    assert capsys.readouterr().err.count("commit message: ") == 2
    message.write_text(GOOD, encoding="utf-8")
    assert main(["check_commit_message.py", str(message)]) == 0


def test_pre_commit_runs_the_check_on_every_commit_message():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    hook = hooks["commit-message"]
    assert hook["stages"] == ["commit-msg"] and hook["entry"] == ".venv/bin/python tools/check_commit_message.py"
    assert "commit-msg" in config["default_install_hook_types"]
