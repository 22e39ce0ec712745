"""The sites the benchmark builds: copies of the project, generated posts, and "Material alone".

Everything happens in a temporary folder: the real docs/ is only ever read.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
from pathlib import Path

import yaml
from mkdocs.utils.meta import YAML_RE

POSTS_DIR = Path("docs/blog/posts")
# Generated posts are dated before the real ones, one a day backwards, so they are published
# (never in the future) and the real posts stay the newest.
LAST_GENERATED_DATE = dt.date(2026, 9, 1)
CATEGORIES = ("Legal careers", "Outsourcing", "Running a law firm")
# Hooks that change no page and only make Material itself faster: the bare twin keeps them,
# so the ratio shows the cost of the code that makes the pages, not a speed-up any site could have.
SPEED_ONLY_HOOKS = ("hooks/template_cache.py",)
# What the bare twin keeps of overrides/: the custom icons that mkdocs.yml names (the logo),
# which are pictures, not templates. Every template override goes.
KEPT_OVERRIDES = (".icons",)

_WORDS = (
    "attorney client matter firm deadline filing court motion discovery deposition exhibit draft "
    "review calendar invoice billing retainer intake consultation research memo brief pleading "
    "statute regulation record document template checklist workflow practice office team task "
    "assistant paralegal schedule hearing evidence witness summary letter contract agreement "
    "negotiation settlement trial appeal docket file system software portal email call message "
    "week month hour budget cost fee rate payment time support process step plan goal habit "
    "small mid-size busy careful clear simple reliable remote secure organized practical steady"
).split()
_LINK_TARGETS = (
    ("our guide to the two roles", "../../paralegal-vs-legal-assistant.md"),
    ("what a paralegal does", "../../paralegal-vs-legal-assistant.md#what-is-a-paralegal"),
    ("our services", "../../services.md"),
    ("a free consultation", "../../contact.md"),
)


def _sentence(rng: random.Random) -> str:
    """One plain sentence of 10 to 24 words."""
    words = [rng.choice(_WORDS) for _ in range(rng.randint(10, 24))]
    return " ".join(words).capitalize() + "."


def _paragraph(rng: random.Random, link: tuple[str, str] | None = None) -> str:
    """Three to six sentences wrapped like the real posts, optionally with one link."""
    text = " ".join(_sentence(rng) for _ in range(rng.randint(3, 6)))
    if link:
        text += f" See [{link[0]}]({link[1]})."
    lines, line = [], ""
    for word in text.split(" "):
        if line and len(line) + len(word) > 78:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return "\n".join([*lines, line])


def post_text(index: int) -> str:
    """A post as an editor would write it: valid front matter, a summary, ~600-1,000 words."""
    rng = random.Random(index)
    date = LAST_GENERATED_DATE - dt.timedelta(days=index)
    topic = " ".join(rng.choice(_WORDS) for _ in range(3)).title()
    description = f"Generated post {index} for the benchmark: practical notes on {topic.lower()} for small law firms."
    parts = [
        "---",
        f'title: "Benchmark Post {index}: {topic}"',
        f'description: "{description}"',
        f"date: {date.isoformat()}",
        f"slug: bench-post-{index}",
        "authors:\n  - editorial",
        f"categories:\n  - {CATEGORIES[index % len(CATEGORIES)]}",
        "---",
        "",
        '!!! abstract "In short"\n\n' + "\n".join(f"    - {_sentence(rng)}" for _ in range(3)),
        "",
        _paragraph(rng),
        "",
        "<!-- more -->",
    ]
    words = 0
    target = rng.randint(600, 1000)
    while words < target:
        section = [f"## {' '.join(rng.choice(_WORDS) for _ in range(4)).capitalize()}"]
        section += [
            _paragraph(rng, rng.choice(_LINK_TARGETS) if rng.random() < 0.3 else None) for _ in range(rng.randint(2, 3))
        ]
        if rng.random() < 0.5:
            section.append(
                "\n".join(
                    f"- **{rng.choice(_WORDS).capitalize()}.** {_sentence(rng)}" for _ in range(rng.randint(3, 5))
                )
            )
        words += sum(len(block.split()) for block in section)
        parts += ["", "\n\n".join(section)]
    return "\n".join(parts) + "\n"


def add_posts(project: Path, count: int) -> None:
    """Write `count` generated posts into the project's blog."""
    folder = project / POSTS_DIR
    for index in range(1, count + 1):
        (folder / f"bench-post-{index}.md").write_text(post_text(index), encoding="utf-8")


def _is_macros_plugin(node: yaml.Node) -> bool:
    """Whether an item of `plugins:` is the macros plugin (written `- macros` or `- macros: {...}`)."""
    if isinstance(node, yaml.ScalarNode):
        return bool(node.value == "macros")
    return isinstance(node, yaml.MappingNode) and any(key.value == "macros" for key, _ in node.value)


def bare_config(text: str) -> str:
    """mkdocs.yml without the project's own code: no macros plugin, no hooks but SPEED_ONLY_HOOKS,
    nothing more to watch.

    Edited on YAML's node tree, so any tag (!ENV, !!python/name) survives exactly as written.
    """
    root = yaml.compose(text)
    assert isinstance(root, yaml.MappingNode), "mkdocs.yml is not a mapping"
    kept = []
    for key, value in root.value:
        if key.value == "watch":
            continue
        if key.value == "hooks" and isinstance(value, yaml.SequenceNode):
            value.value = [item for item in value.value if getattr(item, "value", None) in SPEED_ONLY_HOOKS]
            if not value.value:
                continue
        if key.value == "plugins" and isinstance(value, yaml.SequenceNode):
            value.value = [item for item in value.value if not _is_macros_plugin(item)]
        kept.append((key, value))
    root.value = kept
    return yaml.serialize(root, allow_unicode=True, width=1000)


def make_bare(project: Path, dest: Path, rendered: dict[str, str], downloads: Path) -> Path:
    """ "Material alone": the same Markdown, theme settings and plugins as `project`, built with none of
    the project's code: no macros, no hooks (but SPEED_ONLY_HOOKS), no template overrides.

    Fairness: each page that calls macros gets, in place of its calls, the Markdown the
    macros produced for it in the project's own build (`rendered`, keyed by its path under
    docs/), so both sites convert the same Markdown and HTML and the difference is only
    the cost of computing it. The open-data files that the hook generates are copied in
    as plain files (`downloads`), so the guide's links to them still resolve.
    """
    shutil.copytree(project, dest, ignore=shutil.ignore_patterns("__pycache__", "site"))
    shutil.rmtree(dest / "macros")
    for hook in (dest / "hooks").glob("*"):
        if hook.is_file() and hook.relative_to(dest).as_posix() not in SPEED_ONLY_HOOKS:
            hook.unlink()
    for override in (dest / "overrides").iterdir():
        if override.name not in KEPT_OVERRIDES:
            shutil.rmtree(override) if override.is_dir() else override.unlink()
    config = bare_config((project / "mkdocs.yml").read_text(encoding="utf-8"))
    (dest / "mkdocs.yml").write_text(config, encoding="utf-8")
    for src_uri, markdown in rendered.items():
        page = dest / "docs" / src_uri
        source = page.read_text(encoding="utf-8-sig")
        # Keep the page's front matter as written (the macros never render it).
        match = YAML_RE.match(source)
        front = source[: match.end()] if match else ""
        page.write_text(front + markdown, encoding="utf-8")
    shutil.copytree(downloads, dest / "docs" / downloads.name)
    return dest
