"""The firm's own facts (extra.firm in mkdocs.yml), checked: each is text, or nothing until the firm gives it.

What only the firm can state (its contact details, agreement, pricing...) is kept once, in
extra.firm. A field left empty means "not given yet": pages then show a neutral sentence,
so nothing is invented. form_action must be an address the contact form can post to and
the page's Content-Security-Policy can name.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from macros.checks.problems import DataError, Problem, format_problems, kind_of
from macros.checks.settings import SettingsFile


def given(value: Any) -> str | None:
    """A firm fact's text, or None while the firm has not given it (empty or blank)."""
    return value.strip() if isinstance(value, str) and value.strip() else None


def on_this_computer(host: str) -> bool:
    """Whether a host is the computer the browser runs on (localhost, 127.0.0.1, ::1): plain http is
    fine there, for a test's endpoint, and a published site must never send a form there."""
    if host.rstrip(".").lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


# What a Content-Security-Policy source cannot hold (hooks/csp.py writes form_action into one).
_NOT_IN_POLICY = re.compile(r"""[\s;,'"]""")


def form_action_problem(value: str) -> str | None:
    """Why extra.firm.form_action cannot receive the contact page's form, or None if it can.

    The form posts there, and the page's Content-Security-Policy allows exactly that address
    as a form target, so it must be a full https address the policy can name."""
    try:
        parts = urlsplit(value)
        host, named = parts.hostname, bool(parts.username or parts.password)
    except ValueError:
        parts, host, named = urlsplit(""), None, False
    secure = bool(host) and (
        parts.scheme == "https" or (parts.scheme == "http" and host is not None and on_this_computer(host))
    )
    if not secure or named or _NOT_IN_POLICY.search(value):
        return (
            f'"{value}" is not an address the form can post to; expected the full https address of '
            "the firm's form endpoint or form service, such as https://forms.yourfirm.com/consultation, "
            "or nothing, to have the form write an email"
        )
    return None


def firm_problems(firm: Mapping[str, Any]) -> list[Problem]:
    """Fields of extra.firm that are not text, and a form_action the form cannot post to."""
    problems = [
        Problem(("extra", "firm", key), f"expected text (or nothing, until the firm gives it), found {kind_of(value)}")
        for key, value in firm.items()
        if value is not None and not isinstance(value, str)
    ]
    action = firm.get("form_action")
    if isinstance(action, str) and action.strip() and (message := form_action_problem(action.strip())):
        problems.append(Problem(("extra", "firm", "form_action"), message))
    return problems


def checked_firm(settings: SettingsFile, firm: Any) -> dict[str, Any]:
    """extra.firm from mkdocs.yml, once every field is known to be text or empty; else DataError naming its line."""
    firm = {} if firm is None else firm
    if isinstance(firm, Mapping):
        problems = firm_problems(firm)
    else:
        problems = [Problem(("extra", "firm"), f"expected a block of fields, found {kind_of(firm)}")]
    if not problems:
        return {key: given(value) for key, value in firm.items()}
    raise DataError(format_problems(settings.shown, {"extra": {"firm": firm}}, settings.node, problems))
