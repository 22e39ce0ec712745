"""`mkdocs serve` as a maintainer uses it: edits show, bad edits explain themselves, nothing dies."""

from __future__ import annotations

import html
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import material
import pytest

from conftest import MKDOCS, ROOT
from hooks import serve_errors

GUIDE = "paralegal-vs-legal-assistant/"
WAIT = 60  # seconds; a rebuild takes one or two, a slow CI machine more


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    url: str
    log: Path

    def get(self, path: str = GUIDE) -> str | None:
        """The page's HTML (an error page's too), or None if the server does not answer."""
        try:
            with urllib.request.urlopen(self.url + path, timeout=5) as response:
                text: str = response.read().decode("utf-8")
                return text
        except urllib.error.HTTPError as error:
            return error.read().decode("utf-8")
        except OSError:
            return None

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


def wait_for(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"gave up waiting for: {what}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture
def server(project: Path) -> Iterator[Server]:
    port = free_port()
    log = project.parent / "serve.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [*MKDOCS, "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project,
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
    running = Server(process, f"http://127.0.0.1:{port}/", log)
    try:
        wait_for(lambda: running.get() is not None, "the first build to be served")
        yield running
    finally:
        process.terminate()
        process.wait(timeout=20)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def shows(server: Server, text: str, path: str = GUIDE) -> Callable[[], bool]:
    """Whether the page at `path` shows `text` (as a reader sees it: entities such as &#34; read as characters)."""
    return lambda: text in html.unescape(server.get(path) or "")


# An edit to each kind of file an editor or maintainer changes: (file, old, new, page, what the page then shows).
EDITS = {
    "data": (
        "data/comparison.yml",
        "Interview witnesses\n",
        "Take statements from witnesses\n",
        GUIDE,
        "Take statements from witnesses",
    ),
    "macro code": ("macros/content/tables.py", '{"all": "Yes"', '{"all": "Yes, fully"', GUIDE, "Yes, fully"),
    "theme override": (
        "overrides/partials/copyright.html",
        "How we handle your client files</a>",
        "How we handle your client files</a> &middot; Open on Saturdays",
        GUIDE,
        "Open on Saturdays",
    ),
    "post": (
        "docs/blog/posts/lawyer-burnout.md",
        "Most attorneys know the feeling.",
        "Every attorney knows the feeling.",
        "blog/lawyer-burnout/",
        "Every attorney knows the feeling.",
    ),
}

# Nine levels of aliases, each repeating the one before nine times: a "billion laughs".
BOMB = "&a0 [x, x, x, x, x, x, x, x, x]"
for _level in range(1, 9):
    BOMB = f"&a{_level} [{BOMB}" + f", *a{_level - 1}" * 8 + "]"

HOURS_LINE = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("    hours:")[0].count("\n") + 1
# A mistake in each kind of file an editor changes: (file, old, new, the sentence the message holds).
MISTAKES = {
    "data": (
        "data/comparison.yml",
        "        area: research\n",
        "        area: reserch\n",
        '"reserch" is not the id of any task area (did you mean "research"?)',
    ),
    "macro in a page": (
        "docs/paralegal-vs-legal-assistant.md",
        "{{ help_finder() }}",
        "{{ help_findr() }}",
        '"help_findr" is not a name pages can use (did you mean "help_finder"?)',
    ),
    "post front matter": (
        "docs/blog/posts/lawyer-burnout.md",
        "  - Running a law firm",
        "  - Running a Law Firm",
        '"Running a Law Firm" is not an allowed category (did you mean "Running a law firm"?)',
    ),
    # Aliases that expand to millions of values: the preview must answer at once and recover.
    "alias bomb in the data": (
        "data/comparison.yml",
        "    other_titles:\n      - Legal assistant\n",
        f"    other_titles: {BOMB}\n",
        "roles > paralegal > other_titles: the aliases (*name) here expand to about",
    ),
    "alias bomb in front matter": (
        "docs/blog/posts/lawyer-burnout.md",
        "\n---\n",
        f"\nsearch:\n  boost: {BOMB}\n---\n",
        "search > boost: the aliases (*name) here expand to about",
    ),
    # mkdocs.yml: a value YAML cuts short (checked by the build), and one YAML cannot read (MkDocs stops first).
    "value cut in mkdocs.yml": (
        "mkdocs.yml",
        "    hours: Monday to Friday",
        "    hours: Monday #to Friday",
        f'mkdocs.yml, line {HOURS_LINE}: extra > firm > hours: the value stops before " #"',
    ),
    "unreadable mkdocs.yml": (
        "mkdocs.yml",
        "    hours: Monday",
        "    hours: [Mon] Monday",
        (
            f"mkdocs.yml, line {HOURS_LINE}: extra > firm > hours: "
            'the value starts with "[", which YAML reads as the start of a list; '
            "put the value in quotes"
        ),
    ),
}
ERROR_PAGE = "The preview cannot be built"
# What the terminal says after the messages (CONTRIBUTING.md quotes it).
RECOVERY_NOTE = "The site was not rebuilt: the browser shows the messages above until the file is fixed."


@pytest.mark.parametrize("file, old, new, page, text", EDITS.values(), ids=EDITS.keys())
def test_an_edit_shows_in_the_preview_without_a_restart(server, project, file, old, new, page, text):
    assert text not in (server.get(page) or "")
    edit(project / file, old, new)
    wait_for(shows(server, text, page), f"the {file} edit on /{page}")


@pytest.mark.parametrize("file, old, new, message", MISTAKES.values(), ids=MISTAKES.keys())
def test_a_mistake_shows_its_message_in_the_browser_keeps_serving_and_recovers(
    server, project, file, old, new, message
):
    edit(project / file, old, new)
    wait_for(lambda: message in server.output(), "the message in the terminal")
    wait_for(lambda: RECOVERY_NOTE in server.output(), "the note that the browser shows the message")
    wait_for(shows(server, message), "the message in place of the page")
    assert server.process.poll() is None, "the server stopped"
    edit(project / file, new, old)
    wait_for(lambda: ERROR_PAGE not in (server.get() or ERROR_PAGE), "the page to be back")
    assert server.process.poll() is None, "the server stopped"
    assert "Paralegal vs. Legal Assistant" in server.get()


def test_an_open_page_turns_into_the_message_and_back(server, project, browser):
    page = browser.new_page()
    try:
        page.goto(server.url + GUIDE)
        edit(project / "data/comparison.yml", "        area: research\n", "        area: reserch\n")
        page.get_by_role("heading", name=ERROR_PAGE).wait_for(timeout=WAIT * 1000)
        assert '"reserch" is not the id of any task area' in page.inner_text("main")
        edit(project / "data/comparison.yml", "        area: reserch\n", "        area: research\n")
        guide_title = page.get_by_role("heading", name="Paralegal vs. Legal Assistant")
        guide_title.first.wait_for(timeout=WAIT * 1000)
    finally:
        page.close()


def test_a_new_post_from_the_scaffold_shows_in_the_preview(server, project):
    subprocess.run(
        [sys.executable, str(ROOT / "tools" / "new_post.py"), "Previewing a Draft Post"],
        cwd=project,
        check=True,
        capture_output=True,
        timeout=60,
    )
    wait_for(shows(server, "Previewing a Draft Post", "blog/previewing-a-draft-post/"), "the draft post to be served")


# The error page's pure parts.

MACRO_WARNING = """[macros] - ERROR # _Macro Rendering Error_

_File_: `paralegal-vs-legal-assistant.md`

_UnknownField_: roles.legal_assistant has no "foucs"; expected one of: id, name, focus

```
Traceback (most recent call last):
  File "/work/main/.venv/lib/python3.11/site-packages/mkdocs_macros/plugin.py", line 703, in render
    return md_template.render(**page_variables)
macros.content.tables.UnknownField: roles.legal_assistant has no "foucs"; expected one of: id, name, focus

```"""


def test_the_preview_skips_the_published_builds_stylesheet_purge(server):
    # Material's whole stylesheet, as Material names it, and our stylesheet with its comments:
    # the preview looks the same, and each rebuild skips the purge's work (hooks/lean_assets.py).
    page = server.get(GUIDE) or ""
    shipped = next((Path(material.__file__).parent / "templates" / "assets" / "stylesheets").glob("main.*.min.css"))
    assert f"assets/stylesheets/{shipped.name}" in page
    assert "/*" in (server.get("stylesheets/site.css") or "")


def test_the_error_page_shows_a_macro_error_without_its_traceback():
    assert serve_errors.plain_message(MACRO_WARNING) == (
        "Macro Rendering Error\n\nFile: `paralegal-vs-legal-assistant.md`\n\n"
        'UnknownField: roles.legal_assistant has no "foucs"; expected one of: id, name, focus'
    )


@pytest.mark.parametrize(
    "path, page",
    [
        ("/", True),
        ("/blog/lawyer-burnout/", True),
        ("/404.html", True),
        ("/services", True),
        ("/stylesheets/site.css", False),
        ("/feed_rss_created.xml", False),
        ("/livereload/17/18", False),
    ],
)
def test_the_error_page_replaces_pages_only(path, page):
    assert serve_errors.is_page(path) is page


def test_the_error_page_escapes_the_messages():
    page = serve_errors.error_page(['data/comparison.yml, line 3: name: expected text, found "<b>" & more']).decode()
    assert "<title>The preview cannot be built</title>" in page
    assert "found &#34;&lt;b&gt;&#34; &amp; more" in page


def test_contributing_quotes_what_the_preview_shows():
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert f"**{ERROR_PAGE}**" in guide and f"`{RECOVERY_NOTE}`" in guide
    assert f"<title>{ERROR_PAGE}</title>" in serve_errors.error_page([]).decode()


# Two builds in one process, as `mkdocs serve` runs them: MkDocs keeps the first build's
# configuration (and so its plugins) until the server stops.
REBUILD = """
import gc, os, sys, weakref
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.structure.pages import Page
first = load_config("mkdocs.yml", site_dir=sys.argv[1])
first.plugins.on_startup(command="serve", dirty=False)
build(first)
gc.collect()
pages = [weakref.ref(found) for found in gc.get_objects() if isinstance(found, Page)]
build(load_config("mkdocs.yml", site_dir=sys.argv[1]))
gc.collect()
print(len(pages), sum(1 for page in pages if page() is not None))
"""


def test_a_rebuild_lets_go_of_the_previous_builds_pages(tmp_path):
    """Every page of the first build stayed in memory through each rebuild (the macros plugin held
    them), and the cycle collector walked them again and again: a slower preview at every edit."""
    result = subprocess.run(
        [sys.executable, "-c", REBUILD, str(tmp_path / "site")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "GIT_PYTHON_REFRESH": "quiet"},
    )
    assert result.returncode == 0, result.stderr
    pages, alive = map(int, result.stdout.split())
    assert pages >= 10
    assert alive == 0
