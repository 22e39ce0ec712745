"""The macros that pages call: a registry wiring names to the functions in tables.py.

Data is read and checked once per build, here; a bad data file raises DataError,
which stops the build with its message (raised from define_env, not from inside a
macro, so it is never turned into a warning printed inside a page).
"""

from __future__ import annotations

from pathlib import Path

from . import render, tables
from .data import load_comparison


def define_env(env) -> None:
    """Load the comparison data and register the macros, variables and filters pages use."""
    data = load_comparison(Path(env.project_dir))
    html = render.Renderer(data, env.conf["extra"].get("firm", {}))
    env.variables["roles"] = tables.page_roles(data)
    for name in ("glance_table", "duties_table", "skills_table", "duty_list", "education_list",
                 "specialization_list", "shared_area_list", "services_list", "contact_details"):
        env.macro(getattr(html, name), name)
    env.macro(lambda role_id: len(tables.role_duties(data, role_id)), "duty_count")
    env.filter(tables.join_words, "join_words")
