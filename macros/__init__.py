"""The macros that pages call: a registry wiring names to the functions in tables.py, renderers.py and faq.py.

Every file editors write is read and checked once per build, here, before anything else
reads it (the macros plugin is the first plugin in mkdocs.yml); a mistake raises DataError,
which stops the build with its message (raised from define_env, not from inside a macro,
so it is never turned into a warning printed inside a page). Pages' macros are run by
on_pre_page_macros, which turns a mistake in them into one message with the page's line;
on_post_page_macros ranks each post's related reading for the post template.
"""

from __future__ import annotations

from pathlib import Path


def source_times() -> dict[str, int]:
    """When each Python file of this package last changed: hooks/reload_macros.py imports the
    package afresh under `mkdocs serve` when this differs from LOADED_SOURCE_TIMES."""
    folder = Path(__file__).parent
    return {path.relative_to(folder).as_posix(): path.stat().st_mtime_ns for path in folder.rglob("*.py")}


# Taken before the modules below are imported: a file saved while they load is seen as changed.
LOADED_SOURCE_TIMES = source_times()

from macros.checks import all_files, front_matter, publish, settings  # noqa: E402
from macros.content import related, tables  # noqa: E402
from macros.views import page_macros, renderers  # noqa: E402

PAGE_MACROS = (
    "differences_table",
    "skills_table",
    "education_table",
    "career_table",
    "fact",
    "sources_list",
    "duties_table",
    "skill_list",
    "duty_list",
    "education_list",
    "specialization_list",
    "shared_area_list",
    "service_duties",
    "services_list",
    "service_index",
    "contact_details",
)


def define_env(env) -> None:
    """Check the editors' files and register the macros, variables and filters pages use."""
    checked = all_files.check_sources(env.conf, Path(env.project_dir))
    settings.for_templates(env.conf, checked.firm, publish.placeholder_fields(checked.firm))
    data = checked.comparison
    html = renderers.Renderer(
        data, checked.firm, checked.key_pages, lambda: env.page.url, env.conf["use_directory_urls"]
    )
    env.variables["roles"] = tables.page_roles(data)
    for name in PAGE_MACROS:
        env.macro(page_macros.checked(getattr(html, name), name), name)
    post_list = renderers.PostList(env.conf.plugins["material/blog"], settings.feeds(env.conf), lambda: env.page.url)
    env.macro(page_macros.checked(post_list.recent_posts, "recent_posts"), "recent_posts")
    env.macro(page_macros.checked(post_list.feed_links, "feed_links"), "feed_links")
    finder = renderers.HelpFinder(
        data,
        checked.firm,
        checked.key_pages,
        lambda: env.page.url,
        env.conf["site_name"],
        env.conf["use_directory_urls"],
    )
    for name in ("help_finder", "request_form", "occupation_data"):
        env.macro(page_macros.checked(getattr(finder, name), name), name)
    env.filter(tables.join_words, "join_words")
    questions = renderers.FaqPage(checked.faq, checked.firm, env.conf["use_directory_urls"], lambda: env.page.url)
    env.macro(page_macros.checked(questions.faq, "faq"), "faq")
    env.macro(page_macros.checked(questions.firm_fact, "firm_fact"), "firm_fact")
    working = renderers.EngagementPage(checked.engagement, checked.firm, html.links)
    for name in ("how_we_work", "due_diligence_checklist"):
        env.macro(page_macros.checked(getattr(working, name), name), name)
    people = renderers.TeamPage(checked.team, lambda: env.page.url, env.conf["use_directory_urls"])
    for name in ("team", "team_link"):
        env.macro(page_macros.checked(getattr(people, name), name), name)


def on_pre_page_macros(env) -> None:
    """Run the page's macros here, so that a mistake is one message with the file's real line.

    The plugin then finds render_macros: false and leaves the rendered text as it is. A page
    with no {{, {% or {# (most posts) is not compiled at all: it would change nothing. The
    plugin renders with its own copy of the page: a new meta dict there leaves the real
    page's as written.
    """
    page = env.variables["page"]
    if env.has_j2(env.markdown):
        text = page.file.content_string
        start = front_matter.body_line(text, env.markdown)
        shown = f"{all_files.docs_shown(env.conf, Path(env.project_dir))}/{page.file.src_uri}"
        # The names this project gives pages (not the plugin's own helpers), for "did you mean".
        names = [
            name
            for name, item in {**env.macros, **env.filters}.items()
            if getattr(item, "__module__", "").startswith(__name__)
        ] + ["roles"]
        env.markdown = page_macros.render(
            env.env, env.markdown, {**env.variables, **page.meta}, shown, start, names, page.file.src_uri
        )
    page.meta = {**page.meta, "render_macros": False}


def on_post_page_macros(env) -> None:
    """Give every post its "Related reading" (overrides/partials/post-related.html shows it).

    Material's post template can reach the blog's posts (page.parent.posts, page.categories)
    but cannot rank them with a tested Python function, and no setting makes such a list.
    This hook of the macros module is the least code that can: it runs for every page once
    the blog plugin has listed the posts it publishes (a build leaves drafts and future posts
    out; `mkdocs serve` shows them, as everywhere else), so at the build's first page every
    post gets its list, as plain data in its page.meta; the first post's list says it is done.
    Zensical skips this hook (see MIGRATION.md): there, posts would show no related reading.
    """
    blog = env.conf.plugins["material/blog"].blog
    if blog.posts and related.RELATED_KEY not in blog.posts[0].meta:
        related.attach_related(blog.posts)


def on_post_build(env) -> None:
    """Let go of the pages of the build just written.

    `mkdocs serve` keeps the configuration of its first build until it stops, and with it
    this plugin, which holds that build's navigation, files and last page: through them,
    every page of the first build stayed in memory during every rebuild, and Python's cycle
    collector walked them again and again (about a second of each preview rebuild at 1,000
    posts). A build is over here: nothing reads them any more.
    """
    for name in ("navigation", "files", "page"):
        env.variables.pop(name, None)
    env._page = None  # the plugin's own reference to the current page (its `page` property)
