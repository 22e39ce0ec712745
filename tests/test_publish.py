"""No placeholder reaches readers (issue 21, item 1).

The build that goes live (`make publish`, the deploy workflow) stops while a contact detail in
extra.firm is empty or reserved for examples, naming each field and its line; every other
build shows the site with a notice on every page saying which details are placeholders.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, build_site, page_paths
from macros.checks.problems import Problem
from macros.checks.publish import fictional_phone, placeholder_fields, placeholder_problems, reserved_host

# Clearly fake, but at no name reserved for examples: for project copies only, never the real site.
REAL_EMAIL = "intake@law-firm-under-test.com"
REAL_PHONE = "+1 (617) 000-0001"
FIRM_LINES = (
    '    email: consultations@example.com\n    phone: "+1 (555) 010-0100"\n'
    "    hours: Monday to Friday, 9 am to 5 pm (Eastern Time)\n    form_action:\n"
)
NOTICE = "make publish"


@pytest.mark.parametrize(
    "host, reserved",
    [
        ("example.com", "example.com"),
        ("mail.example.org", "example.org"),
        ("EXAMPLE.NET.", "example.net"),
        ("firm.test", ".test"),
        ("consult.example", ".example"),
        ("a.invalid", ".invalid"),
        ("localhost", ".localhost"),
        ("app.localhost", ".localhost"),
        ("backofficelegal.com", None),
        ("example.co", None),
        ("myexample.com", None),
        ("example.com.au", None),
        ("testing.com", None),
        ("", None),
    ],
)
def test_names_reserved_for_examples_are_recognised_and_no_other(host, reserved):
    assert reserved_host(host) == reserved


@pytest.mark.parametrize(
    "number",
    [
        "+1 (555) 010-0100",
        "555-0142",
        "1-800-555-0199",
        "(212) 555-0100",
        "212.555.0150 ext. 4",
        "+1 212 555 0199",
        "5550123",
        "+1 555 0100",
        "1 (646) 555-0177 x12",
    ],
)
def test_fictional_numbers_are_recognised_in_any_formatting(number):
    assert fictional_phone(number)


@pytest.mark.parametrize(
    "number",
    [
        "555-0200",
        "555-1212",
        "+1 (212) 555-0099",
        "(205) 550-1234",
        "255-501-2345",
        "1-800-555-0200",
        "+1 (617) 000-0001",
        "+44 20 7946 0018",
        "",
    ],
)
def test_numbers_outside_the_fictional_range_are_not_placeholders(number):
    assert not fictional_phone(number)


def test_every_placeholder_and_missing_detail_is_named_with_what_is_expected():
    firm = {
        "email": "consultations@example.com",
        "phone": "+1 (555) 010-0100",
        "hours": "  ",
        "form_action": "https://forms.example.test/consultation",
        "pricing": None,
    }
    problems = placeholder_problems(firm)
    assert [problem.path for problem in problems] == [
        ("extra", "firm", field) for field in ("email", "phone", "hours", "form_action")
    ]
    assert problems[0].message.startswith(
        '"consultations@example.com" is a placeholder: example.com is reserved for examples'
    )
    assert "555-0100 to 555-0199" in problems[1].message and "expected the number" in problems[1].message
    assert problems[2] == Problem(
        ("extra", "firm", "hours"),
        "is empty, and the published site needs it; expected "
        'when the firm answers, such as "Monday to Friday, 9 am to 5 pm (Eastern Time)"',
    )
    assert ".test is reserved" in problems[3].message
    assert placeholder_fields(firm) == ["email", "phone", "hours", "form_action"]


@pytest.mark.parametrize("form_action", [None, "", "https://forms.backofficelegal.com/consultation"])
def test_real_details_pass_and_the_form_address_may_be_left_out(form_action):
    firm = {"email": REAL_EMAIL, "phone": REAL_PHONE, "hours": "Mondays", "form_action": form_action}
    assert placeholder_problems(firm) == []


def test_a_missing_field_counts_as_empty():
    assert placeholder_fields({"email": REAL_EMAIL}) == ["phone", "hours"]


# --- Builds -----------------------------------------------------------------------------------


def change(project: Path, old: str, new: str) -> str:
    """mkdocs.yml in the project copy with `old` replaced by `new`; returns the new text."""
    path = project / "mkdocs.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return text


def line(text: str, start: str) -> int:
    """The 1-based line of mkdocs.yml that starts with `start`."""
    return text[: text.index("\n" + start) + 1].count("\n") + 1


def real_firm(
    email: str = REAL_EMAIL,
    phone: str = REAL_PHONE,
    hours: str = "Monday to Friday, 9 am to 5 pm (Eastern Time)",
    more: str = "    form_action:\n",
) -> str:
    return f'    email: {email}\n    phone: "{phone}"\n    hours: {hours}\n{more}'


def has_banner(html: str) -> bool:
    """Whether Material draws its banner at the top of the page (even an empty one)."""
    return 'class="md-banner"' in html


def has_notice(html: str) -> bool:
    return has_banner(html) and NOTICE in html


def test_publishing_the_placeholders_stops_naming_each_field_and_its_line(project, tmp_path):
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    result = build_site(project, tmp_path / "site", publish=True)
    assert result.returncode != 0
    assert "ERROR   -  mkdocs.yml has 2 problems:" in result.output
    assert (
        f'  line {line(text, "    email:")}: extra > firm > email: "consultations@example.com" is a placeholder: '
        "example.com is reserved for examples and tests and reaches no one; expected the address where the firm "
        "reads consultation requests"
    ) in result.output
    assert (
        f'  line {line(text, "    phone:")}: extra > firm > phone: "+1 (555) 010-0100" is a placeholder: '
        "555-0100 to 555-0199 are fictional numbers"
    ) in result.output
    assert not (tmp_path / "site" / "index.html").exists()


@pytest.mark.parametrize(
    "firm, field, problem",
    [
        (real_firm(email=""), "email", "is empty, and the published site needs it; expected the address"),
        (real_firm(email="hello@mail.example.org"), "email", '"hello@mail.example.org" is a placeholder: example.org'),
        (real_firm(email="hello@firm.test"), "email", '"hello@firm.test" is a placeholder: .test is reserved'),
        (real_firm(phone=""), "phone", "is empty, and the published site needs it; expected the number"),
        (real_firm(phone="1-800-555-0199"), "phone", '"1-800-555-0199" is a placeholder: 555-0100 to 555-0199'),
        (real_firm(phone="555.0142"), "phone", '"555.0142" is a placeholder'),
        (real_firm(hours=""), "hours", "is empty, and the published site needs it; expected when"),
        (
            real_firm(more="    form_action: https://forms.example.com/consultation\n"),
            "form_action",
            '"https://forms.example.com/consultation" is a placeholder: example.com is reserved',
        ),
        (
            real_firm(more="    form_action: http://127.0.0.1:8000/consultation\n"),
            "form_action",
            '"http://127.0.0.1:8000/consultation" is this computer\'s own address',
        ),
    ],
    ids=[
        "empty email",
        "example.org email",
        ".test email",
        "empty phone",
        "toll-free 555",
        "local 555",
        "empty hours",
        "example form address",
        "loopback form address",
    ],
)
def test_publishing_each_kind_of_placeholder_stops_with_one_message(project, tmp_path, firm, field, problem):
    text = change(project, FIRM_LINES, firm)
    result = build_site(project, tmp_path / "site", publish=True)
    assert result.returncode != 0
    found = re.search(r"ERROR\s+-\s+mkdocs\.yml, line (\d+): extra > firm > (\w+): (.*)", result.output)
    assert found, result.output
    assert (int(found.group(1)), found.group(2)) == (line(text, f"    {field}:"), field)
    assert found.group(3).startswith(problem) and "; expected " in found.group(3)


def test_publishing_real_details_builds_every_page_without_the_notice(project, tmp_path):
    change(project, FIRM_LINES, real_firm(more="    form_action:\n"))
    result = build_site(project, tmp_path / "site", publish=True)
    assert result.returncode == 0, result.output
    paths = page_paths(result.site)
    assert len(paths) > 10
    with_notice = [
        path
        for path in paths
        if has_banner(
            (result.site / (path + "index.html" if path == "" or path.endswith("/") else path)).read_text(
                encoding="utf-8"
            )
        )
    ]
    assert with_notice == []
    assert REAL_EMAIL in result.page("contact/").get_text()


def test_a_preview_with_real_details_shows_no_notice(project, tmp_path):
    change(project, FIRM_LINES, real_firm())
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.output
    assert not has_banner((result.site / "index.html").read_text(encoding="utf-8"))
    assert not has_banner((result.site / "404.html").read_text(encoding="utf-8"))


def test_the_preview_of_the_real_site_carries_the_notice_on_every_page(site):
    paths = page_paths(site.site)
    for kind in ("", "paralegal-vs-legal-assistant/", "blog/", "blog/lawyer-burnout/", "404.html", "contact/"):
        assert kind in paths
    for path in paths:
        banner = site.page(path).select_one("aside.md-banner")
        assert banner is not None, path
        shown = " ".join(banner.get_text(" ", strip=True).split())
        assert shown.startswith("Preview: placeholder contact details (email, phone in extra.firm, mkdocs.yml)."), (
            path,
            shown,
        )
        assert "make publish" in shown and "README.md" in shown


def test_the_publish_setting_comes_from_the_environment_and_only_true_or_false_is_accepted(project, tmp_path):
    env = {**os.environ, "PUBLISH_SITE": "1", "NO_MKDOCS_2_WARNING": "1"}
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "s")],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode != 0
    assert (
        f"mkdocs.yml, line {line(text, '  publish:')}: extra > publish: expected true or false "
        "(PUBLISH_SITE=true, as `make publish` sets it, or nothing), found a number (1)"
    ) in done.stderr


def make_publish(project: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """`make publish` in a project copy, with the tests' own Python standing in for .venv."""
    for name in ("Makefile", "requirements.txt"):
        shutil.copy2(ROOT / name, project)
    (project / "tools").mkdir(exist_ok=True)
    shutil.copy2(ROOT / "tools" / "check_data.py", project / "tools")
    venv = tmp_path / "venv"
    venv.mkdir()
    (venv / ".site").touch()
    env = {k: v for k, v in os.environ.items() if k not in ("PUBLISH_SITE", "MAKEFLAGS")}
    return subprocess.run(
        ["make", "--no-print-directory", "publish", f"VENV={venv}", f"BIN={Path(sys.executable).parent}"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_make_publish_refuses_the_placeholders_and_publishes_real_details_into_site(project, tmp_path):
    refused = make_publish(project, tmp_path)
    assert refused.returncode != 0
    assert "mkdocs.yml has 2 problems:" in refused.stderr and "extra > firm > phone" in refused.stderr
    change(project, FIRM_LINES, real_firm())
    shutil.rmtree(tmp_path / "venv")
    done = make_publish(project, tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    home = (project / "site" / "index.html").read_text(encoding="utf-8")
    assert REAL_EMAIL in home and not has_banner(home)
