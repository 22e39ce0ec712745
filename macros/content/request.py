"""The contact page's request: the guide's tasks as a law firm asks for them, grouped by our services.

A partner's request reads as the firm asking ("We'd like help with: ..."), so each task is
shown in its `ask` wording (data/comparison.yml), under the service that takes it on. A
task done in person cannot be handed to a remote team: it is grouped apart and never
counted toward a service's fit (docs/javascripts/which-help.js ranks the same way).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from macros.content.comparison import Comparison, Duty, Service

# A duty's `remote` value when nobody working remotely can do it: it happens at the firm or in court.
IN_PERSON = "none"

GroupKind = Literal["service", "other", "in_person"]


@dataclass(frozen=True)
class RequestTask:
    id: str
    ask: str  # the duty in the firm's words


@dataclass(frozen=True)
class RequestGroup:
    kind: GroupKind  # under a service; covered by none; or done in person
    service: Service | None  # the service, for kind "service"
    tasks: list[RequestTask]


def in_person(duty: Duty) -> bool:
    """Whether the duty needs someone at the firm (or in court), so no remote service can take it on."""
    return duty["remote"] == IN_PERSON


def request_groups(data: Comparison) -> list[RequestGroup]:
    """Every duty in its ask wording: under the first service covering its area (in the services'
    order), then those no service covers, then those done in person. Empty groups are left out."""
    first_service: dict[str, str] = {}
    for service in data["services"]:
        for area in service["areas"]:
            first_service.setdefault(area, service["id"])
    by_service: dict[str, list[RequestTask]] = {service["id"]: [] for service in data["services"]}
    other: list[RequestTask] = []
    person: list[RequestTask] = []
    for role in data["roles"]:
        for duty in role["duties"]:
            task = RequestTask(duty["id"], duty["ask"])
            if in_person(duty):
                person.append(task)
            elif duty["area"] in first_service:
                by_service[first_service[duty["area"]]].append(task)
            else:
                other.append(task)
    groups = [
        RequestGroup("service", service, by_service[service["id"]])
        for service in data["services"]
        if by_service[service["id"]]
    ]
    if other:
        groups.append(RequestGroup("other", None, other))
    if person:
        groups.append(RequestGroup("in_person", None, person))
    return groups
