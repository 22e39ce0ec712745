"""Shape the checked comparison data into the rows the tables and lists show.

Plain data in, plain data out: no HTML here (that lives in templates/) and no MkDocs.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from .data import Comparison, Duty, Role, Service, TaskArea, quoted

# How much of a duty a remote team can do (the duty's `remote` field), as readers see it.
REMOTE_LABELS: dict[str, str] = {"all": "Yes", "part": "In part", "none": "No"}

# The rows of the "at a glance" table: the role field each row shows, and its label.
GLANCE_ROWS: tuple[tuple[str, str], ...] = (
    ("focus", "Focus"),
    ("works_with_attorney", "Way of working"),
    ("client_contact", "Client contact"),
    ("education", "Education"),
    ("skills", "Core skills"),
    ("other_titles", "Other job titles"),
    ("specializations", "Specializations"),
)


@dataclass(frozen=True)
class GlanceCell:
    items: list[str]  # the values: shown as text when there is one, as a list when more
    note: str | None = None  # a remark shown after them


@dataclass(frozen=True)
class GlanceRow:
    key: str
    label: str
    cells: list[GlanceCell]  # one per role


@dataclass(frozen=True)
class DutyRow:
    area: TaskArea
    cells: list[list[Duty]]  # one list of duties per role, possibly empty
    acting: list[str]  # names of the roles with duties in this area


@dataclass(frozen=True)
class SkillRow:
    name: str
    cells: list[str | None]  # what the skill means for each role; None where the role does not list it


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


class UnknownRole(KeyError):
    """A page asked for a role id the data file does not have."""

    def __str__(self) -> str:
        return str(self.args[0])


def role_by_id(data: Comparison, role_id: str) -> Role:
    """The role with this id, or an error that lists the ids there are."""
    for role in data["roles"]:
        if role["id"] == role_id:
            return role
    known = ", ".join(role["id"] for role in data["roles"])
    raise UnknownRole(f"no role {quoted(role_id)} in data/comparison.yml; expected one of: {known}")


def glance_cell(data: Comparison, role: Role, key: str) -> GlanceCell:
    """What one role shows in one row of the "at a glance" table."""
    if key == "education":
        return GlanceCell(role["education"]["routes"], f'On the job: {role["education"]["on_the_job"]}')
    if key == "skills":
        names = {skill["id"]: skill["name"] for skill in data["skills"]}
        return GlanceCell([names[entry["skill"]] for entry in role["skills"]])
    if key == "other_titles":
        return GlanceCell(role["other_titles"], None if role["other_titles"] else "None in common use")
    if key == "specializations":
        return GlanceCell(role["specializations"]["areas"], role["specializations"]["note"])
    return GlanceCell([role[key]])  # type: ignore[literal-required]


def glance_rows(data: Comparison) -> list[GlanceRow]:
    """Every row of the "at a glance" table, one cell per role."""
    return [GlanceRow(key, label, [glance_cell(data, role, key) for role in data["roles"]]) for key, label in GLANCE_ROWS]


def duty_rows(data: Comparison) -> list[DutyRow]:
    """One row per task area, in the file's order, with each role's duties in that area."""
    rows = []
    for area in data["task_areas"]:
        cells = [[duty for duty in role["duties"] if duty["area"] == area["id"]] for role in data["roles"]]
        acting = [role["name"] for role, duties in zip(data["roles"], cells) if duties]
        rows.append(DutyRow(area, cells, acting))
    return rows


def skill_rows(data: Comparison) -> list[SkillRow]:
    """One row per skill, in the file's order, with what it means for each role."""
    details = [{entry["skill"]: entry["detail"] for entry in role["skills"]} for role in data["roles"]]
    return [SkillRow(skill["name"], [by_role.get(skill["id"]) for by_role in details]) for skill in data["skills"]]


@dataclass(frozen=True)
class RoleSkill:
    name: str
    detail: str  # what the skill means for the role


def role_skills(data: Comparison, role_id: str) -> list[RoleSkill]:
    """One role's skills by name, with what each means for it, in the role's order."""
    names = {skill["id"]: skill["name"] for skill in data["skills"]}
    return [RoleSkill(names[entry["skill"]], entry["detail"]) for entry in role_by_id(data, role_id)["skills"]]


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
        duties = [RoleDuty(role["name"], duty) for role in data["roles"]
                  for duty in role["duties"] if duty["area"] in service["areas"]]
        roles = list(dict.fromkeys(item.role for item in duties))
        views.append(ServiceView(service, [areas[a] for a in service["areas"]], roles, duties,
                                 [item for item in duties if item.duty["remote"] == "part"],
                                 [item for item in duties if item.duty["remote"] == "none"]))
    return views


def checklist_groups(data: Comparison) -> list[ChecklistGroup]:
    """The "Which help do I need?" checklist: each task area with its duties and the services covering it."""
    groups = []
    for row in duty_rows(data):
        tasks = [ChecklistTask(duty, role, REMOTE_LABELS[duty["remote"]], duty.get("remote_note"))
                 for role, duties in zip(data["roles"], row.cells) for duty in duties]
        services = [service for service in data["services"] if row.area["id"] in service["areas"]]
        groups.append(ChecklistGroup(row.area, len(row.acting) == len(data["roles"]), row.acting, tasks, services))
    return groups


def finder_document(data: Comparison, email: str | None) -> dict[str, Any]:
    """What the checklist's script needs, as JSON: every task with its role, services and remote answer."""
    tasks = []
    for group in checklist_groups(data):
        for task in group.tasks:
            tasks.append({
                "id": task.duty["id"],
                "text": task.duty["text"],
                "role": task.role["id"],
                "area": group.area["id"],
                "services": [service["id"] for service in group.services],
                "remote": task.duty["remote"],
                "remoteLabel": task.remote,
                "remoteNote": task.remote_note,
            })
    return {
        "email": email,
        "roles": [{"id": role["id"], "name": role["name"]} for role in data["roles"]],
        "services": [{"id": service["id"], "name": service["name"]} for service in data["services"]],
        "tasks": tasks,
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
            "skills": [f'{skill_names[entry["skill"]]}: {entry["detail"]}' for entry in role["skills"]],
            "educationRequirements": [*role["education"]["routes"], f'On the job: {role["education"]["on_the_job"]}'],
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


class Fields(Mapping):
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
    return Fields("roles", {
        role["id"]: Fields(f'roles.{role["id"]}', escape_tree(role)) for role in data["roles"]
    })


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
