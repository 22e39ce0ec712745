"""`mkdocs serve` as a maintainer uses it: edits show, bad edits explain themselves, nothing dies."""

from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import MKDOCS

GUIDE = "paralegal-vs-legal-assistant/"
WAIT = 60  # seconds; a rebuild takes one or two, a slow CI machine more


@dataclass
class Server:
    process: subprocess.Popen
    url: str
    log: Path

    def get(self, path: str = GUIDE) -> str | None:
        try:
            with urllib.request.urlopen(self.url + path, timeout=5) as response:
                return response.read().decode("utf-8")
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
        return sock.getsockname()[1]


@pytest.fixture
def server(project: Path) -> Iterator[Server]:
    port = free_port()
    log = project.parent / "serve.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [*MKDOCS, "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project, stdout=out, stderr=subprocess.STDOUT,
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


def shows(server: Server, text: str) -> Callable[[], bool]:
    return lambda: text in (server.get() or "")


def test_data_edit_shows_in_the_preview(server, project):
    edit(project / "data/comparison.yml", "Interview witnesses\n", "Take statements from witnesses\n")
    wait_for(shows(server, "Take statements from witnesses"), "the edited duty in the guide")


def test_bad_data_shows_the_message_keeps_serving_and_recovers(server, project):
    data = project / "data/comparison.yml"
    edit(data, "        area: research\n", "        area: reserch\n")
    wait_for(lambda: '"reserch" is not the id of any task area' in server.output(), "the data error in the log")
    assert server.process.poll() is None, "the server stopped"
    edit(data, "        area: reserch\n", "        area: research\n")
    edit(data, "Interview witnesses\n", "Take statements from witnesses\n")
    wait_for(shows(server, "Take statements from witnesses"), "the fixed data to be served")


def test_macro_code_edit_shows_without_a_restart(server, project):
    edit(project / "macros/tables.py", '"None in common use"', '"No other titles"')
    wait_for(shows(server, "No other titles"), "the edited macro code to take effect")


def test_macro_error_in_a_page_keeps_the_server_running_and_recovers(server, project):
    page = project / "docs/paralegal-vs-legal-assistant.md"
    edit(page, "{{ glance_table() }}", "{{ glance_tabel() }}")
    wait_for(lambda: "glance_tabel" in server.output(), "the macro error in the log")
    assert server.process.poll() is None, "the server stopped"
    edit(page, "{{ glance_tabel() }}", "{{ glance_table() }}\n\nFixed again.")
    wait_for(shows(server, "Fixed again."), "the fixed page to be served")


def test_draft_post_shows_in_the_preview(server, project):
    (project / "docs/blog/posts/preview-draft.md").write_text(
        '---\ntitle: "Previewing a Draft Post"\n'
        'description: "A draft written by the tests: the preview shows it, the published site never does."\n'
        "date: 2026-06-01\nslug: preview-draft\ndraft: true\nauthors:\n  - editorial\n"
        "categories:\n  - Outsourcing\n---\n\nThe opening.\n\n<!-- more -->\n\nThe rest.\n",
        encoding="utf-8",
    )
    wait_for(lambda: "Previewing a Draft Post" in (server.get("blog/preview-draft/") or ""), "the draft post to be served")
