"""The comparison as open data: CSV and JSON text built from the checked data file.

Plain data in, text out; hooks/open_data.py publishes the text as files of the site.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from macros.content import tables
from macros.content.comparison import Comparison

# File names under the site's downloads/ folder, linked under the guide's tables.
DUTIES_CSV = "paralegal-vs-legal-assistant-duties.csv"
SKILLS_CSV = "paralegal-vs-legal-assistant-skills.csv"
COMPARISON_JSON = "paralegal-vs-legal-assistant.json"


# A cell starting with one of these is a formula to a spreadsheet (=HYPERLINK(...), +cmd|...), even after
# spaces: OWASP's advice for CSV export is to start such a cell with an apostrophe, which makes it text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(cell: str) -> str:
    """A cell a spreadsheet shows as text: one that would start a formula gets a leading apostrophe."""
    return "'" + cell if cell.lstrip(" ").startswith(_FORMULA_START) else cell


def _csv(header: list[str], rows: list[list[str]]) -> str:
    """CSV text (RFC 4180: every field in double quotes, lines ending in CRLF) with a header row.

    Quoting every field keeps a line break or a bare carriage return inside a value from
    splitting its row; spreadsheet_safe keeps a value from running as a formula.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    writer.writerow(header)
    writer.writerows([spreadsheet_safe(cell) for cell in row] for row in rows)
    return out.getvalue()


# The duties CSV's columns, in order: facts of tables.TASK_FIELDS, named as there.
DUTIES_COLUMNS = [
    "task_area_id",
    "task_area",
    "role_id",
    "role",
    "duty_id",
    "duty",
    "services",
    "remote",
    "remote_note",
]


def duties_csv(data: Comparison) -> str:
    """One row per duty: its task area, its role, the services that take it on, and whether a remote team can."""
    rows = [["" if value is None else value for value in row] for row in tables.task_values(data, DUTIES_COLUMNS)]
    return _csv(DUTIES_COLUMNS, rows)


def skills_csv(data: Comparison) -> str:
    """One row per skill and role: what the skill means for the role, and whether the role relies on it."""
    names = {skill["id"]: skill["name"] for skill in data["skills"]}
    rows = [
        [
            entry["skill"],
            names[entry["skill"]],
            role["id"],
            role["name"],
            "yes" if entry["core"] else "no",
            entry["detail"],
        ]
        for role in data["roles"]
        for entry in role["skills"]
    ]
    return _csv(["skill_id", "skill", "role_id", "role", "core", "detail"], rows)


def comparison_json(data: Comparison, source_url: str) -> str:
    """The whole comparison as JSON, with where it is published."""
    document: dict[str, Any] = {"source": source_url, **data}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def files(data: Comparison, source_url: str) -> dict[str, str]:
    """Every open-data file: name -> text."""
    return {
        DUTIES_CSV: duties_csv(data),
        SKILLS_CSV: skills_csv(data),
        COMPARISON_JSON: comparison_json(data, source_url),
    }
