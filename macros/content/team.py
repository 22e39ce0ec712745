"""The team page (data/team.yml): who works on law firms' files, published only once someone is listed.

With `people: []` (as shipped: no one is invented) there is no team page and nothing links to
one: hooks/team_page.py leaves docs/team.md and its menu entry out of the build, and the
team_link macro writes nothing. Each person's photo is a file of docs/, checked here so that a
missing picture stops the build with the line that names it. Every value shows as typed.
"""

from __future__ import annotations

from pathlib import Path
from typing import TypedDict

from macros.checks.data_files import load_checked
from macros.checks.problems import DataError, Problem, format_problems, quoted

TEAM_FILE = Path("data/team.yml")
TEAM_SCHEMA = Path("data/team.schema.json")
TEAM_PAGE = "team.md"  # in docs/


class Person(TypedDict):
    name: str
    role: str
    credentials: list[str]
    location: str
    bio: str
    photo: str  # a file in docs/
    photo_alt: str


class Team(TypedDict):
    people: list[Person]


def photo_problems(team: Team, docs_dir: Path) -> list[Problem]:
    """Each photo that is not a file in docs/."""
    return [
        Problem(
            ("people", number, "photo"),
            f"{quoted(person['photo'])} is not a file in docs/; expected the "
            "path of the person's picture in docs/, such as assets/images/team/jane-doe.jpg (add the file "
            "first)",
        )
        for number, person in enumerate(team["people"])
        if not (docs_dir / person["photo"]).is_file()
    ]


def load_team(project_dir: Path, docs_dir: Path) -> Team:
    """Read and check data/team.yml, photos included; raise DataError with one clear message."""
    team, node = load_checked(project_dir, TEAM_FILE, TEAM_SCHEMA)
    problems = photo_problems(team, docs_dir)
    if problems:
        raise DataError(format_problems(TEAM_FILE.as_posix(), team, node, problems))
    return team  # type: ignore[no-any-return]


def is_published(team: Team) -> bool:
    """Whether the team page is built: only once someone is listed."""
    return bool(team["people"])
