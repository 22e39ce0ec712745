"""mkdocs.yml as editors write it: read like the data files, and the settings editors change, checked.

Editors change mkdocs.yml for the firm's facts (extra.firm) and the blog's categories.
MkDocs reads the file before any plugin runs and reports a YAML mistake in PyYAML's words
(tools/check_data.py, `make serve` and the preview's rebuilds use settings_message()
instead), and it reads `hours: 9 to 5 #Eastern` as "9 to 5" without a word. So the file is
read again here, as the data files are, and every plain value is compared with what was
typed (macros/checks/yaml_reader.py); then the categories are checked, with the line of each.

The theme's templates and the macros then read the settings through this module, never
raw: which feeds the rss plugin writes (none when it is off), the feed's picture at the
address site_url gives it, the page templates a page's `template:` may name.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import yaml
from jsonschema import Draft202012Validator

from macros.checks.data_files import decode_utf8
from macros.checks.problems import DataError, Problem, format_located, line_of, quoted
from macros.checks.schemas import schema_problems, with_definitions
from macros.checks.yaml_messages import yaml_error_message
from macros.checks.yaml_reader import compose_settings
from macros.content import posts

# Each category is shown as a title on its page and in every post's byline, like a post's title.
CATEGORIES_SCHEMA = {"type": "array", "items": {"$ref": "definitions.schema.json#/$defs/plain"}}


@dataclass(frozen=True)
class SettingsFile:
    """mkdocs.yml as written: its name as editors see it, its text and its node tree (for lines)."""

    shown: str
    text: str
    node: yaml.Node | None


def read_settings(config_file: Path, project_dir: Path) -> SettingsFile:
    """mkdocs.yml read as MkDocs reads it and checked like a data file; DataError with the line if it is wrong."""
    shown = (
        config_file.relative_to(project_dir) if config_file.is_relative_to(project_dir) else config_file
    ).as_posix()
    text = decode_utf8(shown, config_file.read_bytes())
    try:
        node = compose_settings(text)
    except yaml.YAMLError as error:
        raise DataError(yaml_error_message(shown, text, error)) from None
    return SettingsFile(shown, text, node)


def settings_message(config_file: Path) -> str | None:
    """The message for a mistake in mkdocs.yml's YAML, as the data files get it; None if YAML can read it.

    For where MkDocs itself reads the file first and would stop with PyYAML's words.
    """
    try:
        read_settings(config_file.resolve(), config_file.resolve().parent)
    except DataError as error:
        return str(error)
    return None


def _plugin_path(settings: SettingsFile, names: tuple[str, ...]) -> tuple[str | int, ...] | None:
    """The path in mkdocs.yml's data to the settings of the first plugin listed under one of `names`."""
    plugins = next((value for key, value in getattr(settings.node, "value", []) if key.value == "plugins"), None)
    if not isinstance(plugins, yaml.SequenceNode):
        return None
    for index, item in enumerate(plugins.value):
        if isinstance(item, yaml.MappingNode) and item.value and item.value[0][0].value in names:
            return ("plugins", index, item.value[0][0].value)
    return None


def _category_problems(categories: list[Any], slugify: Any, separator: str, project_dir: Path) -> list[Problem]:
    """Categories that are not plain one-line text, and two whose pages would share one address."""
    validator = Draft202012Validator(with_definitions(CATEGORIES_SCHEMA, project_dir / "data", {}))
    problems = schema_problems(categories, validator)
    if problems:
        return problems
    seen: dict[str, str] = {}
    for index, name in enumerate(categories):
        slug = slugify(name, separator)
        if slug in seen:
            problems.append(
                Problem(
                    (index,),
                    f'"{name}" and "{seen[slug]}" would share one category page: they '
                    "differ only in case or punctuation; expected each category once, spelt one way",
                )
            )
        seen.setdefault(slug, name)
    return problems


def check_categories(settings: SettingsFile, blog: Any, project_dir: Path) -> None:
    """DataError naming the line of each category in categories_allowed that the blog cannot use as it is."""
    problems = _category_problems(
        list(blog.categories_allowed), blog.categories_slugify, blog.categories_slugify_separator, project_dir
    )
    if not problems:
        return
    where = (*(_plugin_path(settings, ("blog", "material/blog")) or ()), "categories_allowed")
    raise DataError(
        format_located(
            settings.shown,
            [
                (
                    line_of(settings.node, where + p.path),
                    "plugins > blog > categories_allowed" + "".join(f" > item {int(step) + 1}" for step in p.path[:1]),
                    p.message,
                )
                for p in problems
            ],
        )
    )


def feeds(config: Any) -> list[posts.Feed]:
    """The feeds the rss plugin writes: none if it is not in mkdocs.yml or is turned off."""
    plugin = config.plugins.get("rss")
    return posts.feeds(plugin.config, config.site_url) if plugin is not None else []


def feed_picture(settings: SettingsFile, config: Any) -> None:
    """The rss plugin's `image`, given as a file of the site, made its full address from site_url.

    Feed readers need a full address; written as one in mkdocs.yml, it would keep the old
    domain when site_url changes. DataError naming the line if the file is not in docs/.
    Runs before the rss plugin reads its settings (the macros plugin comes first).
    """
    plugin = config.plugins.get("rss")
    image = plugin.config.image if plugin is not None else None
    if not image or urlsplit(image).scheme or image.startswith("//"):
        return
    if not (Path(config["docs_dir"]) / image).is_file():
        where = (*(_plugin_path(settings, ("rss",)) or ()), "image")
        raise DataError(
            format_located(
                settings.shown,
                [
                    (
                        line_of(settings.node, where),
                        "plugins > rss > image",
                        (
                            f"{quoted(image)} is not a file in docs/; expected the path of a picture in docs/, "
                            "such as assets/images/logo.png (the feeds give its full address, from site_url)"
                        ),
                    )
                ],
            )
        )
    plugin.config.image = urljoin(config.site_url or "", image)


def for_templates(config: Any, firm: dict[str, str | None], placeholders: list[str]) -> None:
    """Give the theme's templates the checked settings, where they read them: extra.firm (each fact its text,
    or None while the firm has not given it), extra.placeholders (the contact details still empty or a
    placeholder, for the preview's notice) and extra.feeds (the feeds that are written)."""
    config["extra"]["firm"] = firm
    config["extra"]["placeholders"] = placeholders
    config["extra"]["feeds"] = feeds(config)


def page_templates(config: Any) -> list[str]:
    """The templates a page may name in its front matter (template:): the theme's pages, overrides/ included."""
    return sorted({path.name for folder in config.theme.dirs for path in Path(folder).glob("*.html")})
