"""Shape the checked comparison data into the rows the tables and lists show.

Plain data in, plain data out: no HTML here (that lives in templates/) and no MkDocs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from macros.checks.problems import quoted
from macros.content.comparison import Comparison, Credential, Duty, Fact, Role, Service, Source, Sourced, TaskArea
from macros.content.request import in_person

# How much of a duty a remote team can do (the duty's `remote` field), as readers see it.
REMOTE_LABELS: dict[str, str] = {"all": "Yes", "part": "In part", "none": "No"}


@dataclass(frozen=True)
class Citation:
    number: int  # the source's place in the guide's Sources list
    source: Source


@dataclass(frozen=True)
class Item:
    """One value in a cell, with the sources behind it and where it links to, if anywhere."""

    text: str
    cites: list[Citation] = field(default_factory=list)
    link: str | None = None


@dataclass(frozen=True)
class Cell:
    """What one role shows in one row of a comparison table."""

    items: list[Item]  # shown as text when there is one, as a list when more
    note: str | None = None  # a remark shown after them, or in their place when there are none


def plain(values: list[str], note: str | None = None) -> Cell:
    """A cell of values from the firm's own data, which need no source."""
    return Cell([Item(value) for value in values], note)


@dataclass(frozen=True)
class CompareRow:
    key: str
    label: str
    cells: list[Cell]  # one per role


CellMaker = Callable[[Comparison, Role], Cell]


def numbered_sources(data: Comparison) -> list[Citation]:
    """Every source, numbered by its place in the data's sources list: the guide's Sources list and its citations."""
    return [Citation(number, source) for number, source in enumerate(data["sources"], start=1)]


def citations(data: Comparison, ids: list[str]) -> list[Citation]:
    """The sources with these ids, numbered as the Sources list numbers them."""
    by_id = {citation.source["id"]: citation for citation in numbered_sources(data)}
    return [by_id[i] for i in ids]


def sourced_cell(data: Comparison, value: Sourced) -> Cell:
    """A cell holding one sourced statement."""
    return Cell([Item(value["text"], citations(data, value["sources"]))])


def credentials_by_body(data: Comparison, role: Role) -> Cell:
    """A role's voluntary credentials, short names grouped by who awards them (NALA: CP, ACP), with their sources."""
    bodies: dict[str, list[Credential]] = {}
    for credential in role["credentials"]:
        bodies.setdefault(credential["awarded_by"], []).append(credential)
    items = [
        Item(
            f"{body}: {', '.join(c['short'] for c in group)}",
            citations(data, list(dict.fromkeys(i for c in group for i in c["sources"]))),
        )
        for body, group in bodies.items()
    ]
    return Cell(items, None if items else "None that this guide lists")


def credential_text(credential: Credential) -> str:
    """One credential in full: Certified Paralegal (CP), from NALA after its exam."""
    name = (
        credential["name"]
        if credential["name"] == credential["short"]
        else f"{credential['name']} ({credential['short']})"
    )
    how = f" {credential['how']}" if credential.get("how") else ""
    return f"{name}, from {credential['awarded_by']}{how}"


def credentials_in_full(data: Comparison, role: Role) -> Cell:
    """A role's voluntary credentials in full, each citing its sources."""
    items = [
        Item(credential_text(credential), citations(data, credential["sources"])) for credential in role["credentials"]
    ]
    return Cell(items, None if items else "None that this guide lists")


def core_skill_names(data: Comparison, role: Role) -> list[str]:
    """The names of the skills a role relies on, in the data's order of skills."""
    core = {entry["skill"] for entry in role["skills"] if entry["core"]}
    return [skill["name"] for skill in data["skills"] if skill["id"] in core]


def occupation_cell(data: Comparison, role: Role) -> Cell:
    """The role's US occupation code and title, linked to its page at the BLS."""
    code = role["onet_soc"]
    return Cell([Item(f"{code['code']} {code['title']}", citations(data, code["sources"]), code["url"])])


def titles_cell(data: Comparison, role: Role) -> Cell:
    """The role's other job titles, or a note that it has none."""
    return plain(role["other_titles"], None if role["other_titles"] else "None in common use")


# Each row of the main differences: its key, its label and how a role's cell is made.
# One list feeds the table: a new row is one line here.
DIFFERENCE_ROWS: tuple[tuple[str, str, CellMaker], ...] = (
    ("work", "Kind of work", lambda data, role: plain([role["focus"]])),
    ("supervision", "Supervision and responsibility", lambda data, role: sourced_cell(data, role["supervision"])),
    ("billing", "Billed to clients as legal work?", lambda data, role: sourced_cell(data, role["billing"])),
    ("training", "Usual training", lambda data, role: plain(role["education"]["routes"])),
    ("credentials", "Voluntary credentials", credentials_by_body),
    ("skills", "Skills it relies on", lambda data, role: plain(core_skill_names(data, role))),
    ("titles", "Other job titles", titles_cell),
    ("occupation", "US occupation code", occupation_cell),
)

# Each row of the education comparison, declared the same way.
EDUCATION_ROWS: tuple[tuple[str, str, CellMaker], ...] = (
    ("routes", "Routes in", lambda data, role: plain(role["education"]["routes"])),
    ("length", "Typical length", lambda data, role: sourced_cell(data, role["education"]["length"])),
    ("on_the_job", "Learning on the job", lambda data, role: plain([role["education"]["on_the_job"]])),
    ("credentials", "Voluntary credentials", credentials_in_full),
)


def compare_rows(data: Comparison, rows: tuple[tuple[str, str, CellMaker], ...]) -> list[CompareRow]:
    """The rows of one comparison table, one cell per role."""
    return [CompareRow(key, label, [cell(data, role) for role in data["roles"]]) for key, label, cell in rows]


def difference_rows(data: Comparison) -> list[CompareRow]:
    """The main differences, one row per aspect."""
    return compare_rows(data, DIFFERENCE_ROWS)


def education_rows(data: Comparison) -> list[CompareRow]:
    """The education comparison, one row per aspect."""
    return compare_rows(data, EDUCATION_ROWS)


@dataclass(frozen=True)
class DutyRow:
    area: TaskArea
    cells: list[list[Duty]]  # one list of duties per role, possibly empty
    acting: list[str]  # names of the roles with duties in this area


@dataclass(frozen=True)
class SkillCell:
    detail: str  # what the skill means for the role
    core: bool  # whether the role relies on it


@dataclass(frozen=True)
class SkillRow:
    name: str
    cells: list[SkillCell]  # one per role


@dataclass(frozen=True)
class RoleDuty:
    role: str  # the name of the role whose duty it is
    duty: Duty


@dataclass(frozen=True)
class ServiceView:
    service: Service
    areas: list[TaskArea]
    roles: list[str]  # names of the roles whose duties the service takes on
    duties: list[RoleDuty]  # those duties, role by role, in the file's order
    partly_remote: list[RoleDuty]  # those a remote team can do only in part
    in_person: list[RoleDuty]  # those that stay with someone at the firm


@dataclass(frozen=True)
class ChecklistTask:
    duty: Duty
    role: Role  # the role whose duty it is
    remote: str  # whether a remote team can do it: "Yes", "In part" or "No"
    remote_note: str | None  # why, when it cannot do all of it


@dataclass(frozen=True)
class ChecklistGroup:
    area: TaskArea
    shared: bool  # every role has duties in this area
    acting: list[str]  # names of the roles with duties in this area
    tasks: list[ChecklistTask]
    services: list[Service]  # the firm's services that cover this area


class UnknownId(KeyError):
    """A page asked for a role or fact id the data file does not have."""

    def __str__(self) -> str:
        return str(self.args[0])


def by_id(items: list[Any], item_id: str, what: str) -> Any:
    """The item with this id, or an error naming `what` was asked for and the ids there are."""
    for item in items:
        if item["id"] == item_id:
            return item
    known = ", ".join(item["id"] for item in items)
    raise UnknownId(f"no {what} {quoted(item_id)} in data/comparison.yml; expected one of: {known}")


def role_by_id(data: Comparison, role_id: str) -> Role:
    """The role with this id, or an error that lists the ids there are."""
    return by_id(data["roles"], role_id, "role")  # type: ignore[no-any-return]


def duty_rows(data: Comparison) -> list[DutyRow]:
    """One row per task area, in the file's order, with each role's duties in that area."""
    rows = []
    for area in data["task_areas"]:
        cells = [[duty for duty in role["duties"] if duty["area"] == area["id"]] for role in data["roles"]]
        acting = [role["name"] for role, duties in zip(data["roles"], cells, strict=True) if duties]
        rows.append(DutyRow(area, cells, acting))
    return rows


def skill_rows(data: Comparison) -> list[SkillRow]:
    """One row per skill, in the file's order, with what it means for each role (each role describes every skill)."""
    by_role = [
        {entry["skill"]: SkillCell(entry["detail"], entry["core"]) for entry in role["skills"]}
        for role in data["roles"]
    ]
    return [SkillRow(skill["name"], [cells[skill["id"]] for cells in by_role]) for skill in data["skills"]]


@dataclass(frozen=True)
class CareerRow:
    situation: str  # read after "If you ..."
    role: Role
    because: str


def career_rows(data: Comparison) -> list[CareerRow]:
    """The "which career suits you?" table: each situation with the role that suits it and why."""
    return [CareerRow(choice["if"], role_by_id(data, choice["choose"]), choice["because"]) for choice in data["career"]]


def fact_by_id(data: Comparison, fact_id: str) -> Fact:
    """The fact with this id, or an error that lists the ids there are."""
    return by_id(data["facts"], fact_id, "fact")  # type: ignore[no-any-return]


def long_date(iso: str) -> str:
    """A year-month-day date as readers see it: December 6, 2026."""
    date = dt.date.fromisoformat(iso)
    return f"{date:%B} {date.day}, {date.year}"


@dataclass(frozen=True)
class RoleSkill:
    name: str
    detail: str  # what the skill means for the role


def role_skills(data: Comparison, role_id: str) -> list[RoleSkill]:
    """The skills one role relies on, by name, with what each means for it, in the role's order."""
    names = {skill["id"]: skill["name"] for skill in data["skills"]}
    return [
        RoleSkill(names[entry["skill"]], entry["detail"])
        for entry in role_by_id(data, role_id)["skills"]
        if entry["core"]
    ]


def role_duties(data: Comparison, role_id: str) -> list[Duty]:
    """One role's duties, in the file's order."""
    return role_by_id(data, role_id)["duties"]


def shared_areas(data: Comparison) -> list[TaskArea]:
    """The task areas in which every role has at least one duty."""
    return [row.area for row in duty_rows(data) if len(row.acting) == len(data["roles"])]


def service_views(data: Comparison) -> list[ServiceView]:
    """Each service with the task areas it covers, and the roles and duties whose work it takes on."""
    areas = {area["id"]: area for area in data["task_areas"]}
    views = []
    for service in data["services"]:
        duties = [
            RoleDuty(role["name"], duty)
            for role in data["roles"]
            for duty in role["duties"]
            if duty["area"] in service["areas"]
        ]
        roles = list(dict.fromkeys(item.role for item in duties))
        views.append(
            ServiceView(
                service,
                [areas[a] for a in service["areas"]],
                roles,
                duties,
                [item for item in duties if item.duty["remote"] == "part"],
                [item for item in duties if in_person(item.duty)],
            )
        )
    return views


def checklist_groups(data: Comparison) -> list[ChecklistGroup]:
    """The "Which help do I need?" checklist: each task area with its duties and the services covering it."""
    groups = []
    for row in duty_rows(data):
        tasks = [
            ChecklistTask(duty, role, REMOTE_LABELS[duty["remote"]], duty.get("remote_note"))
            for role, duties in zip(data["roles"], row.cells, strict=True)
            for duty in duties
        ]
        services = [service for service in data["services"] if row.area["id"] in service["areas"]]
        groups.append(ChecklistGroup(row.area, len(row.acting) == len(data["roles"]), row.acting, tasks, services))
    return groups


@dataclass(frozen=True)
class TaskField:
    """One fact of a task of the checklist (a duty, with its area, role and services): declared once."""

    key: str  # its name in the duties CSV's header, and in TASK_FIELDS
    label: str  # what it is, in words (the CSV's readers, this file's readers)
    value: Callable[[ChecklistGroup, ChecklistTask], Any]


# Every fact of a task that an output shows, declared once: the duties CSV (open_data.py) and the
# checklist's JSON (finder_document, read by docs/javascripts/which-help.js) pick from it by key.
# A new fact is one line here and its key in the outputs that show it.
TASK_FIELDS: dict[str, TaskField] = {
    field.key: field
    for field in (
        TaskField("task_area_id", "Task area id", lambda group, task: group.area["id"]),
        TaskField("task_area", "Task area", lambda group, task: group.area["name"]),
        TaskField("role_id", "Role id", lambda group, task: task.role["id"]),
        TaskField("role", "Role", lambda group, task: task.role["name"]),
        TaskField("duty_id", "Duty id", lambda group, task: task.duty["id"]),
        TaskField("duty", "Duty", lambda group, task: task.duty["text"]),
        TaskField(
            "services",
            "Our services that take it on",
            lambda group, task: "; ".join(service["name"] for service in group.services),
        ),
        TaskField(
            "service_ids", "Ids of those services", lambda group, task: [service["id"] for service in group.services]
        ),
        TaskField(
            "remote", "How much a remote team can do: all, part or none", lambda group, task: task.duty["remote"]
        ),
        TaskField("remote_label", "The same, as the checklist says it", lambda group, task: task.remote),
        TaskField("remote_note", "Why, when a remote team cannot do all of it", lambda group, task: task.remote_note),
    )
}

# The checklist's JSON: its name for each task fact (the script's own spelling), in its order.
FINDER_TASK_KEYS = {
    "id": "duty_id",
    "text": "duty",
    "role": "role_id",
    "area": "task_area_id",
    "services": "service_ids",
    "remote": "remote",
    "remoteLabel": "remote_label",
    "remoteNote": "remote_note",
}


def task_values(data: Comparison, keys: list[str]) -> list[list[Any]]:
    """One row per task of the checklist, in its order: the values of the TASK_FIELDS named by `keys`."""
    fields = [TASK_FIELDS[key] for key in keys]
    return [[field.value(group, task) for field in fields] for group in checklist_groups(data) for task in group.tasks]


def finder_document(data: Comparison) -> dict[str, Any]:
    """What the checklist's script needs, as JSON: every task with its role, services and remote answer.

    A task done in person ("remote": "none") counts toward no service's fit (macros/content/request.py)."""
    names = list(FINDER_TASK_KEYS)
    return {
        "roles": [{"id": role["id"], "name": role["name"]} for role in data["roles"]],
        "services": [{"id": service["id"], "name": service["name"]} for service in data["services"]],
        "tasks": [dict(zip(names, row, strict=True)) for row in task_values(data, list(FINDER_TASK_KEYS.values()))],
    }


def occupations_document(data: Comparison) -> dict[str, Any]:
    """schema.org Occupation entries for the roles, as a JSON-LD document."""
    skill_names = {skill["id"]: skill["name"] for skill in data["skills"]}
    occupations = []
    for role in data["roles"]:
        occupation: dict[str, Any] = {
            "@type": "Occupation",
            "name": role["name"],
            "description": role["focus"],
            "occupationalCategory": {
                "@type": "CategoryCode",
                "codeValue": role["onet_soc"]["code"],
                "name": role["onet_soc"]["title"],
                "inCodeSet": {"@type": "CategoryCodeSet", "name": "O*NET-SOC"},
            },
            "occupationLocation": {"@type": "Country", "name": "United States"},
            "responsibilities": [duty["text"] for duty in role["duties"]],
            "skills": [
                f"{skill_names[entry['skill']]}: {entry['detail']}" for entry in role["skills"] if entry["core"]
            ],
            "educationRequirements": [*role["education"]["routes"], f"On the job: {role['education']['on_the_job']}"],
        }
        if role["other_titles"]:
            occupation["alternateName"] = role["other_titles"]
        occupations.append(occupation)
    return {"@context": "https://schema.org", "@graph": occupations}


# Characters that HTML, Markdown or its extensions (emoji's :name:, tables' |) would read
# as syntax in running text, each replaced by its character reference in one pass.
_INLINE_ESCAPES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"} | {c: f"&#{ord(c)};" for c in "\\`*_[]{}()#+!|~^:="}
)


def inline_text(text: str) -> Markup:
    """Text from data made safe to drop into a Markdown sentence: shown as typed, never as markup."""
    return Markup(str(text).translate(_INLINE_ESCAPES))


class UnknownField(Exception):
    """A page named a field the data does not have. Deliberately not a LookupError:
    Jinja would swallow that and report only "has no attribute"."""


class Fields(Mapping[str, Any]):
    """Read-only fields for pages; a missing one raises an error listing those there are.

    Not a dict: the macros plugin converts dicts into its own kind, losing this message.
    """

    def __init__(self, name: str, items: dict[str, Any]) -> None:
        self._name, self._items = name, items

    def __getitem__(self, key: str) -> Any:
        if key not in self._items:
            raise UnknownField(f'{self._name} has no "{key}"; expected one of: {", ".join(self._items)}')
        return self._items[key]

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)


def page_roles(data: Comparison) -> Fields:
    """The roles as pages see them: `roles.<id>.<field>`, every string escaped, typos explained."""
    return Fields("roles", {role["id"]: Fields(f"roles.{role['id']}", escape_tree(role)) for role in data["roles"]})


def escape_tree(value: Any) -> Any:
    """The same data with every string made safe for Markdown (see inline_text)."""
    if isinstance(value, dict):
        return {key: escape_tree(item) for key, item in value.items()}
    if isinstance(value, list):
        return [escape_tree(item) for item in value]
    if isinstance(value, str):
        return inline_text(value)
    return value


def join_words(items: list[Any], conjunction: str = "and") -> Markup:
    """Join items as in a sentence: "a, b and c"; each item escaped unless already safe."""
    safe = [item if isinstance(item, Markup) else inline_text(item) for item in items]
    if len(safe) <= 2:
        return Markup(f" {conjunction} ").join(safe)
    return Markup(", ").join(safe[:-1]) + Markup(f" {conjunction} ") + safe[-1]
