"""The macros that pages call: a registry wiring names to the functions in tables.py.

Data and every page's front matter are read and checked once per build, here; a
mistake raises DataError, which stops the build with its message (raised from
define_env, not from inside a macro, so it is never turned into a warning printed
inside a page).
"""

from __future__ import annotations

from pathlib import Path

from . import posts, render, tables
from .data import load_comparison_once


def define_env(env) -> None:
    """Load the comparison data and register the macros, variables and filters pages use."""
    project, docs = Path(env.project_dir), Path(env.conf["docs_dir"])
    data = load_comparison_once(project)
    blog = env.conf.plugins["material/blog"]
    posts.check_docs(docs, project, posts.blog_rules(blog))
    html = render.Renderer(data, env.conf["extra"].get("firm", {}))
    env.variables["roles"] = tables.page_roles(data)
    for name in ("glance_table", "duties_table", "skills_table", "skill_list", "duty_list", "education_list",
                 "specialization_list", "shared_area_list", "shared_area_links", "service_duties", "services_list",
                 "contact_details"):
        env.macro(getattr(html, name), name)
    env.macro(lambda role_id: len(tables.role_duties(data, role_id)), "duty_count")
    post_list = render.PostList(blog, posts.feeds(env.conf.plugins["rss"].config), lambda: env.page.url)
    env.macro(post_list.recent_posts, "recent_posts")
    env.macro(post_list.feed_links, "feed_links")
    finder = render.HelpFinder(data, env.conf["extra"].get("firm", {}), lambda: env.page.url)
    env.macro(finder.help_finder, "help_finder")
    env.macro(finder.consultation_list, "consultation_list")
    env.macro(finder.occupation_data, "occupation_data")
    env.filter(tables.join_words, "join_words")


def on_pre_page_macros(env) -> None:
    """Skip the Jinja pass for a page that holds no {{, {% or {# (most posts): it would change nothing."""
    # Compiling each page as a template is most of the macros' cost in a large blog. The plugin
    # renders with its own copy of the page: a new meta dict there leaves the real page's as written.
    if not env.has_j2(env.markdown):
        page = env.variables["page"]
        page.meta = {**page.meta, "render_macros": False}
