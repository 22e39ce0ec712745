"""The publishing build: it refuses the firm's contact details while any is empty or a placeholder.

Until the firm fills in extra.firm in mkdocs.yml, the site shows an email address at a domain
reserved for examples and a fictional phone number. Any build may show them (the preview and
the pull-request checks carry a notice saying so, overrides/main.html); the build that goes
live (`make publish`, which sets extra.publish through the PUBLISH_SITE variable) stops with
one message naming each such field and its line instead.

"Placeholder" is a class, not a list of today's values:
- email addresses at example.com, example.net, example.org or any of their subdomains, and
  hosts under the top-level names .example, .test, .invalid and .localhost (all reserved for
  examples and testing by RFC 2606, June 1999, checked 2026-12-06 at
  https://www.ietf.org/rfc/rfc2606);
- North American phone numbers 555-0100 to 555-0199, reserved for fictional use, in any
  formatting, with or without area code and country code (also the fictional seven digits
  grouped another way, as in today's "+1 (555) 010-0100").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from macros.checks.firm import on_this_computer
from macros.checks.problems import DataError, Problem, format_problems, kind_of, quoted
from macros.checks.settings import SettingsFile

# The environment variable `make publish` sets; mkdocs.yml reads it into extra.publish with !ENV.
VARIABLE = "PUBLISH_SITE"
EXAMPLE_DOMAINS = ("example.com", "example.net", "example.org")
RESERVED_TOP_LEVEL = ("example", "test", "invalid", "localhost")
# The contact details every published page shows: each must be given (no placeholder for hours
# exists, but an empty one would leave the footer and contact page without them).
REQUIRED = ("email", "phone", "hours")
# A phone number's extension (x12, ext. 12) is not part of the number that is dialled.
_EXTENSION = re.compile(r"\s*(?:x|ext\.?|extension)\s*\d+\s*$", re.IGNORECASE)
_FICTIONAL = re.compile(r"55501\d\d")


def reserved_host(host: str) -> str | None:
    """The reserved name a host falls under (example.com, .test, ...), or None for a host that can be real."""
    host = host.strip().rstrip(".").lower()
    for domain in EXAMPLE_DOMAINS:
        if host == domain or host.endswith("." + domain):
            return domain
    top = host.rpartition(".")[2]
    return "." + top if top in RESERVED_TOP_LEVEL else None


def fictional_phone(number: str) -> bool:
    """Whether a phone number is one of the fictional 555-0100 to 555-0199, however it is written."""
    digits = re.sub(r"\D", "", _EXTENSION.sub("", number))
    # Without the country code 1 (the number is then 7 or 10 digits long).
    national = digits[1:] if digits.startswith("1") and len(digits) in (8, 11) else digits
    if len(national) not in (7, 10):
        return False
    # 555-01xx as the local number (digits 4-10: 212-555-0142), or as the first seven digits,
    # grouped another way (+1 (555) 010-0100).
    return bool(_FICTIONAL.fullmatch(national[-7:]) or _FICTIONAL.fullmatch(national[:7]))


def _given(value: Any) -> str:
    """A field's text, stripped; "" while it is empty."""
    return value.strip() if isinstance(value, str) else ""


def _reserved(shown: str, host: str, expected: str) -> str:
    """The words for a value at a host reserved for examples."""
    return (
        f"{quoted(shown)} is a placeholder: {host} is reserved for examples and tests and reaches no one; "
        f"expected {expected}"
    )


def placeholder_problems(firm: Mapping[str, Any]) -> list[Problem]:
    """Every contact detail in extra.firm that a published site must not show: empty, or reserved for examples.

    Pure, for reuse: takes extra.firm as read (text, or None for an empty field) and returns
    each problem with its path in mkdocs.yml, in the order of REQUIRED, then form_action.
    """
    problems: list[Problem] = []
    expected = {
        "email": "the address where the firm reads consultation requests",
        "phone": "the number where the firm takes calls",
        "hours": 'when the firm answers, such as "Monday to Friday, 9 am to 5 pm (Eastern Time)"',
    }
    for field in REQUIRED:
        value = _given(firm.get(field))
        path = ("extra", "firm", field)
        host = reserved_host(value.rpartition("@")[2]) if field == "email" and "@" in value else None
        if not value:
            problems.append(Problem(path, f"is empty, and the published site needs it; expected {expected[field]}"))
        elif host:
            problems.append(Problem(path, _reserved(value, host, expected[field])))
        elif field == "phone" and fictional_phone(value):
            problems.append(
                Problem(
                    path,
                    f"{quoted(value)} is a placeholder: 555-0100 to 555-0199 are fictional "
                    f"numbers that reach no one; expected {expected[field]}",
                )
            )
    action = _given(firm.get("form_action"))
    target = urlsplit(action).hostname or "" if action else ""
    wanted = "the https address that receives the contact form, or nothing (the form then writes an email)"
    if host := reserved_host(target) if action else None:
        problems.append(Problem(("extra", "firm", "form_action"), _reserved(action, host, wanted)))
    elif on_this_computer(target):
        problems.append(
            Problem(
                ("extra", "firm", "form_action"),
                f"{quoted(action)} is this computer's own "
                f"address, for testing: readers' browsers would send it nowhere; expected {wanted}",
            )
        )
    return problems


def placeholder_fields(firm: Mapping[str, Any]) -> list[str]:
    """The names of the fields in extra.firm that still hold a placeholder or nothing, for the preview's notice."""
    return [str(problem.path[-1]) for problem in placeholder_problems(firm)]


def publishing(settings: SettingsFile, value: Any) -> bool:
    """Whether this build is the one that goes live (extra.publish); DataError naming its line unless yes or no."""
    if value is None or isinstance(value, bool):
        return bool(value)
    raise DataError(
        format_problems(
            settings.shown,
            {"extra": {"publish": value}},
            settings.node,
            [
                Problem(
                    ("extra", "publish"),
                    f"expected true or false ({VARIABLE}=true, as `make publish` sets it, or nothing), "
                    f"found {kind_of(value)}",
                )
            ],
        )
    )


def check_publishable(settings: SettingsFile, firm: Mapping[str, Any]) -> None:
    """DataError naming the line of each contact detail in extra.firm that is empty or a placeholder."""
    problems = placeholder_problems(firm)
    if problems:
        raise DataError(format_problems(settings.shown, {"extra": {"firm": dict(firm)}}, settings.node, problems))
