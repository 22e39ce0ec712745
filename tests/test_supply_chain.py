"""The supply chain: hashed requirements, hash-checked installs, Dependabot, CODEOWNERS, SECURITY.md.

The install tests run the Makefile's own pip command against small packages made in a
temporary folder (no network), so they show what that command accepts and refuses.
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
import re
import shlex
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import ROOT

BIN = Path(sys.executable).parent
REQUIREMENTS = ("requirements.txt", "requirements-test.txt")
HASH = re.compile(r"--hash=sha256:[0-9a-f]{64}")
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;]+)((?: +--hash=sha256:[0-9a-f]{64})+)$")
TEAM = "@back-office-legal/maintainers"
# A path in each place CODEOWNERS must cover, and one page that editors own.
MAINTAINED = (
    "data/comparison.yml",
    "macros/__init__.py",
    "hooks/some_hook.py",
    "overrides/main.html",
    ".github/workflows/publish.yml",
    ".github/CODEOWNERS",
    ".github/dependabot.yml",
    "mkdocs.yml",
    "requirements.txt",
    "requirements-test.txt",
    "tools/check_data.py",
    "Makefile",
    ".pre-commit-config.yaml",
)


def requirement_lines(name: str) -> list[str]:
    """A requirements file's logical lines: continuations joined, comments and blank lines dropped."""
    text = (ROOT / name).read_text(encoding="utf-8").replace("\\\n", " ")
    lines = [re.sub(r"\s+", " ", line).strip() for line in text.splitlines()]
    return [line for line in lines if line and not line.startswith("#")]


def normalised(name: str) -> str:
    """A package name as pip compares it (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def pinned(name: str) -> dict[str, str]:
    """Package name (normalised) to version, for every pin of a requirements file."""
    return {normalised(m[1]): m[2] for line in requirement_lines(name) if (m := PIN.match(line))}


def make_install_commands() -> list[str]:
    """The pip commands `make .venv/.test` runs, from a dry run of make (nothing is executed)."""
    result = subprocess.run(
        ["make", "-n", "-B", ".venv/.site", ".venv/.test"], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return [line for line in result.stdout.splitlines() if " pip install " in line]


def package_files(folder: Path, name: str, version: str) -> tuple[Path, Path]:
    """A minimal wheel and source archive of an empty package, made by hand in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    info = f"{name}-{version}.dist-info"
    files = {
        f"{name}/__init__.py": b"",
        f"{info}/METADATA": f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n".encode(),
        f"{info}/WHEEL": b"Wheel-Version: 1.0\nGenerator: hand\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
    }
    record = (
        "".join(
            f"{path},sha256={base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b'=').decode()},{len(data)}\n"
            for path, data in files.items()
        )
        + f"{info}/RECORD,,\n"
    )
    wheel = folder / f"{name}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        for path, data in {**files, f"{info}/RECORD": record.encode()}.items():
            archive.writestr(path, data)
    sdist = folder / f"{name}-{version}.tar.gz"
    with tarfile.open(sdist, "w:gz") as archive:
        data = files[f"{info}/METADATA"]
        member = tarfile.TarInfo(f"{name}-{version}/PKG-INFO")
        member.size = len(data)
        archive.addfile(member, io.BytesIO(data))
    return wheel, sdist


def sha256(path: Path) -> str:
    """The hex sha256 of a file, as pip hash prints it."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def make_install(requirements: str, folder: Path) -> subprocess.CompletedProcess[str]:
    """The Makefile's pip command on a requirements text, with packages from `folder` only (a dry run)."""
    command = shlex.split(make_install_commands()[0])
    assert command[:4] == [".venv/bin/python", "-m", "pip", "install"] and command[-2:] == ["-r", "requirements.txt"]
    file = folder / "requirements.txt"
    file.write_text(requirements, encoding="utf-8")
    command = [sys.executable, *command[1:-1], str(file), "--dry-run", "--no-index", "--find-links", str(folder)]
    # This machine's pip settings (extra indexes, find-links) stay out of it.
    env = {key: value for key, value in os.environ.items() if not key.startswith("PIP_")}
    return subprocess.run(
        command, env={**env, "PIP_CONFIG_FILE": os.devnull}, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize("name", REQUIREMENTS)
def test_every_requirement_is_pinned_to_one_version_with_the_hashes_of_its_files(name):
    lines = requirement_lines(name)
    options = [line for line in lines if line.startswith("-")]
    assert [line for line in lines if not line.startswith("-") and not PIN.match(line)] == []
    assert pinned(name), name
    # Options allowed: the test file reads the site's, and may build a named package from source.
    allowed = {"requirements.txt": [], "requirements-test.txt": ["-r requirements.txt"]}[name]
    extra = [line for line in options if line not in allowed]
    assert all(
        re.fullmatch(r"--no-binary \S+", line) and normalised(line.split()[1]) in pinned(name) for line in extra
    ), extra


def test_no_package_is_pinned_twice_and_the_test_file_starts_from_the_sites():
    site, test = pinned("requirements.txt"), pinned("requirements-test.txt")
    assert set(site) & set(test) == set()
    assert {"mkdocs", "mkdocs-material", "mkdocs-macros-plugin", "pyyaml"} <= set(site)
    assert {"pytest", "zizmor", "check-jsonschema", "pre-commit"} <= set(test)
    assert requirement_lines("requirements-test.txt")[0] == "-r requirements.txt"


def test_the_installed_packages_are_the_pinned_versions():
    from importlib.metadata import version

    for name, pin in {**pinned("requirements.txt"), **pinned("requirements-test.txt")}.items():
        assert version(name) == pin, name


def test_make_installs_both_files_with_hash_checks_and_wheels_only():
    commands = make_install_commands()
    assert [command.split()[-1] for command in commands] == list(REQUIREMENTS)
    for command in commands:
        assert "--require-hashes" in command.split() and "--only-binary :all:" in command, command


def test_the_makefiles_install_takes_a_file_whose_hash_is_written(tmp_path):
    wheel, _ = package_files(tmp_path, "tinypkg", "1.0")
    result = make_install(f"tinypkg==1.0 --hash=sha256:{sha256(wheel)}\n", tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_makefiles_install_refuses_a_file_whose_hash_differs(tmp_path):
    wheel, _ = package_files(tmp_path, "tinypkg", "1.0")
    good = sha256(wheel)
    tampered = ("0" if good[0] != "0" else "1") + good[1:]
    result = make_install(f"tinypkg==1.0 --hash=sha256:{tampered}\n", tmp_path)
    assert result.returncode != 0
    assert "THESE PACKAGES DO NOT MATCH THE HASHES FROM THE REQUIREMENTS FILE" in result.stderr
    assert f"Expected sha256 {tampered}" in result.stderr and f"Got        {good}" in result.stderr


def test_the_makefiles_install_refuses_a_package_without_a_hash(tmp_path):
    package_files(tmp_path, "tinypkg", "1.0")
    result = make_install("tinypkg==1.0\n", tmp_path)
    assert result.returncode != 0
    assert "Hashes are required in --require-hashes mode" in result.stderr


def test_the_makefiles_install_refuses_a_source_archive_even_with_its_hash(tmp_path):
    # Building from source would fetch build tools (setuptools) that no hash checks.
    wheel, sdist = package_files(tmp_path, "tinypkg", "1.0")
    wheel.unlink()
    result = make_install(f"tinypkg==1.0 --hash=sha256:{sha256(sdist)}\n", tmp_path)
    assert result.returncode != 0
    assert "No matching distribution found for tinypkg==1.0" in result.stderr


def dependabot() -> dict[str, Any]:
    """The Dependabot configuration, as data."""
    config: dict[str, Any] = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    return config


def schema_check(path: Path) -> subprocess.CompletedProcess[str]:
    """check-jsonschema against the Dependabot schema it ships (no network needed)."""
    return subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.dependabot", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_dependabot_config_follows_dependabots_schema_and_a_misspelt_ecosystem_fails(tmp_path):
    path = ROOT / ".github" / "dependabot.yml"
    result = schema_check(path)
    assert result.returncode == 0, result.stdout + result.stderr
    broken = tmp_path / "dependabot.yml"
    broken.write_text(
        path.read_text(encoding="utf-8").replace("package-ecosystem: pip", "package-ecosystem: pipp"), encoding="utf-8"
    )
    result = schema_check(broken)
    assert result.returncode != 0 and "'pipp' is not one of" in result.stdout


def test_dependabot_updates_pip_npm_and_actions_weekly_grouped_and_a_week_late():
    updates = {update["package-ecosystem"]: update for update in dependabot()["updates"]}
    assert {name: update["directory"] for name, update in updates.items()} == {
        "pip": "/",
        "npm": "/tools",
        "github-actions": "/",
    }
    assert (ROOT / "tools" / "package.json").is_file() and (ROOT / "tools" / "package-lock.json").is_file()
    for name, update in updates.items():
        assert update["schedule"]["interval"] == "weekly", name
        assert update["cooldown"]["default-days"] >= 7, name
        assert [group["update-types"] for group in update["groups"].values()] == [["minor", "patch"]], name
    assert {"dependency-name": "mkdocs", "versions": [">=2"]} in updates["pip"]["ignore"]


def codeowners() -> list[tuple[str, list[str]]]:
    """CODEOWNERS rules in order: (pattern, owners)."""
    lines = (ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8").splitlines()
    return [(line.split()[0], line.split()[1:]) for line in lines if line.strip() and not line.startswith("#")]


def owners(path: str) -> list[str]:
    """Who owns a file: the last rule that matches it wins, as on GitHub."""
    found: list[str] = []
    for pattern, names in codeowners():
        if pattern.rstrip("/").lstrip("/") == path or (pattern.endswith("/") and path.startswith(pattern[1:])):
            found = names
    return found


def test_codeowners_rules_are_anchored_paths_owned_by_the_maintainers_team():
    rules = codeowners()
    assert rules
    for pattern, names in rules:
        # The simple forms owners() understands: /file or /folder/, no wildcards.
        assert re.fullmatch(r"/[\w.-]+(/)?", pattern), pattern
        assert names == [TEAM], pattern
    text = (ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    assert "PLACEHOLDER" in text and "Replace" in text


@pytest.mark.parametrize("path", MAINTAINED)
def test_changes_to_code_data_build_and_workflows_ask_a_maintainer(path):
    assert owners(path) == [TEAM]


def test_pages_are_left_to_the_editors():
    assert owners("docs/paralegal-vs-legal-assistant.md") == []
    assert owners("docs/blog/posts/lawyer-burnout.md") == []


def test_security_policy_says_how_to_report_privately_and_what_is_in_scope():
    text = (ROOT / "SECURITY.md").read_text(encoding="utf-8")
    assert "**Report a vulnerability**" in text and "privately" in text and "not in a public issue" in text
    assert "## In scope" in text
    for part in ("macros/", "hooks/", "overrides/", "data/", ".github/workflows/", "requirements.txt"):
        assert f"`{part}`" in text, part
    # No invented address: the firm's only contact details are placeholders in mkdocs.yml.
    assert not re.search(r"[\w.+-]+@[\w-]+\.[\w.]+", text)
