"""One strict build, in this process, that counts reads of the data file and keeps what the macros wrote.

Run by tools/bench.py in its own Python process (an audit hook cannot be removed):

    python tools/bench_probe.py PROJECT SITE_DIR OUT.json

OUT.json receives how many times each watched file was opened during the build, and,
for every page the macros changed, its Markdown after the macros ran (the bare twin's
pages). Opens are counted through Python's audit events, so the count holds whichever
module reads the file and survives hooks/reload_macros.py re-importing macros/.
"""

from __future__ import annotations

import json
import os
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.utils.meta import get_data

WATCHED = ("data/comparison.yml", "data/comparison.schema.json")


# BasePlugin[SomeConfig] would make a new class at run time; this one keeps the default config class.
class KeepRendered(BasePlugin):  # type: ignore[type-arg]
    """Keeps each source page's Markdown as the macros left it (they run at priority 0, the
    blog plugin's own Markdown step at -50: -10 sees the macros' output and nothing else)."""

    def __init__(self, docs_dir: Path) -> None:
        super().__init__()
        self.docs_dir = docs_dir
        self.rendered: dict[str, str] = {}

    @event_priority(-10)
    def on_page_markdown(self, markdown: str, page: Any, **kwargs: Any) -> str:
        src_uri = page.file.src_uri
        source = self.docs_dir / src_uri
        # Blog views (pagination, archive, categories) reuse a page's file: keep the first.
        if src_uri not in self.rendered and source.is_file():
            body, _ = get_data(source.read_text(encoding="utf-8-sig"))
            if body.strip() != markdown.strip():
                self.rendered[src_uri] = markdown
        return markdown


def main(project: Path, site_dir: Path, out: Path) -> None:
    """Build `project` strictly into `site_dir`, writing the counts and rendered pages to `out`."""
    watched = {os.path.realpath(project / name): name for name in WATCHED}
    opens: Counter[str] = Counter()

    def audit(event: str, args: tuple[Any, ...]) -> None:
        if event == "open" and isinstance(args[0], (str, os.PathLike)):
            name = watched.get(os.path.realpath(args[0]))
            if name:
                opens[name] += 1

    os.chdir(project)
    sys.addaudithook(audit)
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site_dir), strict=True)
    keep = KeepRendered(Path(config.docs_dir))
    config.plugins["bench-keep-rendered"] = keep
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    result = {"opens": {name: opens[name] for name in WATCHED}, "rendered": keep.rendered}
    out.write_text(json.dumps(result, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve(), Path(sys.argv[3]))
