"""Load data/comparison.yml and check it, turning every mistake into one clear message.

Editors change the data file by hand, so a bad edit must stop the build with a
message that names the file, the line, the field and what was expected, in words
an editor understands: never a traceback, never a silently missing row.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TypedDict, cast

from macros.checks.citations import citation_problems
from macros.checks.data_files import load_checked
from macros.checks.problems import DataError, Path_, Problem, duplicates, format_problems, unknown_value

DATA_FILE = Path("data/comparison.yml")
SCHEMA_FILE = Path("data/comparison.schema.json")


class TaskArea(TypedDict):
    id: str
    name: str
    description: str


class Skill(TypedDict):
    id: str
    name: str


class RoleSkill(TypedDict):
    skill: str
    core: bool  # whether the role relies on the skill (the main differences list these)
    detail: str  # what the skill means in this role


class Source(TypedDict):
    id: str
    publisher: str
    title: str
    url: str
    checked: str  # the date the source was last read, year-month-day


class Sourced(TypedDict):
    text: str
    sources: list[str]  # ids of sources


class Fact(Sourced):
    id: str


class _CredentialFields(TypedDict):
    name: str  # Certified Paralegal
    short: str  # CP
    awarded_by: str  # NALA
    sources: list[str]


class Credential(_CredentialFields, total=False):
    how: str  # how it is earned or kept: after its exam


class _DutyFields(TypedDict):
    id: str
    area: str
    text: str
    remote: str  # all, part or none: how much of it a team working remotely can do
    ask: str  # the duty as a law firm asks for it (the contact page's request)


class Duty(_DutyFields, total=False):
    remote_note: str  # why, where remote is part or none


class Education(TypedDict):
    routes: list[str]
    length: Sourced
    on_the_job: str


class Specializations(TypedDict):
    areas: list[str]
    note: str


class OccupationCode(TypedDict):
    code: str
    title: str
    url: str  # its page at the BLS
    sources: list[str]


class Role(TypedDict):
    id: str
    name: str
    other_titles: list[str]
    onet_soc: OccupationCode
    focus: str
    supervision: Sourced
    billing: Sourced
    works_with_attorney: str
    client_contact: str
    education: Education
    credentials: list[Credential]
    skills: list[RoleSkill]
    specializations: Specializations
    duties: list[Duty]


class Service(TypedDict):
    id: str
    name: str
    summary: str
    areas: list[str]


class Comparison(TypedDict):
    reviewed: str  # the guide's "Last reviewed" date, year-month-day
    sources: list[Source]
    facts: list[Fact]
    task_areas: list[TaskArea]
    skills: list[Skill]
    roles: list[Role]
    career: list[dict[str, str]]  # each: if (a situation), choose (a role id), because
    services: list[Service]


def _unknown(path: Path_, value: str, known: list[str], what: str) -> Problem:
    return unknown_value(path, value, known, f"the id of any {what}")


def source_problems(data: Comparison, today: dt.date) -> list[Problem]:
    """Citations of sources that do not exist, sources nothing cites, and dates that cannot be right."""
    problems = citation_problems(data)
    reviewed = dt.date.fromisoformat(data["reviewed"])
    if reviewed > today:
        problems.append(
            Problem(
                ("reviewed",),
                f"{data['reviewed']} is in the future; expected the date the guide "
                "was last checked against its sources",
            )
        )
    latest = max(data["sources"], key=lambda source: source["checked"])
    if dt.date.fromisoformat(latest["checked"]) > reviewed:
        problems.append(
            Problem(
                ("reviewed",),
                f"{data['reviewed']} is before {latest['checked']}, when the source "
                f'"{latest["id"]}" was checked; expected the date of the latest check (the guide says '
                "its facts were last reviewed then)",
            )
        )
    return problems


def skill_problems(data: Comparison) -> list[Problem]:
    """A role that leaves out a skill (its cell of the skills table would be empty) or relies on none."""
    problems = []
    for r, role in enumerate(data["roles"]):
        described = {entry["skill"] for entry in role["skills"]}
        problems += [
            Problem(
                ("roles", r, "skills"),
                f'has no entry for the skill "{skill["id"]}"; expected every '
                "skill once per role, saying what it means for the role (core: false if the role "
                "does not rely on it)",
            )
            for skill in data["skills"]
            if skill["id"] not in described
        ]
        if not any(entry["core"] for entry in role["skills"]):
            problems.append(
                Problem(
                    ("roles", r, "skills"),
                    "has no skill with core: true; expected at least one skill the role relies on",
                )
            )
    return problems


def reference_problems(data: Comparison, today: dt.date | None = None) -> list[Problem]:
    """Duplicate ids, references to ids that do not exist, and entries no table would show."""
    problems: list[Problem] = []
    for section, what in (
        ("sources", "source"),
        ("facts", "fact"),
        ("task_areas", "task area"),
        ("skills", "skill"),
        ("roles", "role"),
        ("services", "service"),
    ):
        problems += duplicates((((section, i, "id"), item["id"]) for i, item in enumerate(data[section])), what)  # type: ignore[literal-required]
    duties = [
        ((("roles", r, "duties", d)), duty)
        for r, role in enumerate(data["roles"])
        for d, duty in enumerate(role["duties"])
    ]
    problems += duplicates((((*path, "id"), duty["id"]) for path, duty in duties), "duty")

    areas = [area["id"] for area in data["task_areas"]]
    skills = [skill["id"] for skill in data["skills"]]
    roles = [role["id"] for role in data["roles"]]
    for path, duty in duties:
        if duty["area"] not in areas:
            problems.append(_unknown((*path, "area"), duty["area"], areas, "task area"))
    for s, service in enumerate(data["services"]):
        problems += [
            _unknown(("services", s, "areas", a), area, areas, "task area")
            for a, area in enumerate(service["areas"])
            if area not in areas
        ]
    for r, role in enumerate(data["roles"]):
        problems += [
            _unknown(("roles", r, "skills", k, "skill"), entry["skill"], skills, "skill")
            for k, entry in enumerate(role["skills"])
            if entry["skill"] not in skills
        ]
        problems += duplicates(
            ((("roles", r, "skills", k, "skill"), entry["skill"]) for k, entry in enumerate(role["skills"])),
            "skill of this role",
        )
    problems += [
        _unknown(("career", c, "choose"), choice["choose"], roles, "role")
        for c, choice in enumerate(data["career"])
        if choice["choose"] not in roles
    ]
    problems += source_problems(data, today or dt.date.today())

    # An area or skill nobody uses would silently vanish from the tables. Checked only
    # when the references are right: a mistyped area would otherwise be reported twice.
    if problems:
        return problems
    used_areas = {duty["area"] for _, duty in duties}
    problems += [
        Problem(
            ("task_areas", i, "id"),
            f'"{area["id"]}" has no duties; expected at least one duty with area: {area["id"]}, '
            "or remove the task area",
        )
        for i, area in enumerate(data["task_areas"])
        if area["id"] not in used_areas
    ]
    return problems + skill_problems(data)


def load_comparison(project_dir: Path, data_file: Path = DATA_FILE, schema_file: Path = SCHEMA_FILE) -> Comparison:
    """Read and check the comparison data; raise DataError with one clear message if it is wrong."""
    data, node = load_checked(project_dir, data_file, schema_file)
    # References are only checked in data whose shape is right: they index into it freely.
    problems = reference_problems(data)
    if problems:
        raise DataError(format_problems(data_file.as_posix(), data, node, problems))
    return cast(Comparison, data)  # its shape checked against the schema, which the types follow (test_one_place)


# The macros and the open-data hook both need the data in the same build: remember the
# checked data while the file is unchanged, so it is read and validated once per build.
_checked: dict[tuple[Path, int, int], Comparison] = {}


def load_comparison_once(project_dir: Path) -> Comparison:
    """load_comparison, reusing the last result while data/comparison.yml is unchanged."""
    path = (project_dir / DATA_FILE).resolve()
    try:
        stat = path.stat()
    except FileNotFoundError:
        return load_comparison(project_dir)
    key = (path, stat.st_mtime_ns, stat.st_size)
    if key not in _checked:
        _checked.clear()
        _checked[key] = load_comparison(project_dir)
    return _checked[key]
