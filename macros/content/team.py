"""The team page (data/team.yml): who works on law firms' files, published only once someone is listed.

With `people: []` (as shipped: no one is invented) there is no team page and nothing links to
one: hooks/team_page.py leaves docs/team.md and its menu entry out of the build, and the
team_link macro writes nothing. Each person's photo is a file of docs/, checked here so that a
missing picture stops the build with the line that names it. Every value shows as typed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypedDict

from markupsafe import Markup
from mkdocs.utils import get_relative_url

from macros.checks.data_files import load_checked
from macros.checks.problems import DataError, Problem, format_problems, quoted
from macros.urls import page_url
from macros.views.renderers import ASSETS, template_env

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
    return [Problem(("people", number, "photo"), f"{quoted(person['photo'])} is not a file in docs/; expected the "
                    "path of the person's picture in docs/, such as assets/images/team/jane-doe.jpg (add the file "
                    "first)")
            for number, person in enumerate(team["people"]) if not (docs_dir / person["photo"]).is_file()]


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


class TeamPage:
    """The `team` and `team_link` macros, bound to one build's checked team."""

    def __init__(self, team: Team, page_url: Callable[[], str], use_directory_urls: bool = True) -> None:
        self.people = team["people"]
        self.page_url = page_url
        self.use_directory_urls = use_directory_urls
        self.html = template_env().get_template("team.html").module

    def _href(self, target: str) -> str:
        """A file of docs/ (a page or a picture) as a link from the page being built."""
        address = page_url(target, self.use_directory_urls) if target.endswith(".md") else target
        return get_relative_url(address, self.page_url())

    def team(self, heading_level: int = 2) -> Markup:
        """Everyone listed: photo, name, role, credentials, location and bio."""
        people = [(person, self._href(person["photo"])) for person in self.people]
        return self.html.team(people, heading_level, self._href(ASSETS["engagement_css"]))

    def team_link(self, words: str = "Meet the people who would work on your files") -> Markup:
        """A paragraph linking to the team page, or nothing while no one is listed (the page is not built)."""
        if not self.people:
            return Markup("")
        return self.html.team_link(self._href(TEAM_PAGE), words)
