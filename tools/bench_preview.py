"""How long `mkdocs serve` takes to show an editor's change: from saving a file to the new page being served.

Each edit is timed on the clock (what the editor waits) and by the processor time the
server used meanwhile (what the rebuild costs, which other work on a shared machine
barely changes).
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

GUIDE = "paralegal-vs-legal-assistant/"
POLL = 0.02  # seconds between two requests for the page
# Seconds; a change not shown by then counts as never shown. A rebuild of the site with
# 2,000 generated posts takes about two minutes on 2 shared cores.
GIVE_UP = 600.0
STARTUP = 900.0  # seconds for `mkdocs serve` to build the site once and answer


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _get(url: str) -> str | None:
    """The page's text, or None while the server cannot answer."""
    try:
        with urllib.request.urlopen(url, timeout=GIVE_UP) as response:
            text: str = response.read().decode("utf-8")
            return text
    except OSError:
        return None


@dataclass(frozen=True)
class Edit:
    """One edit, saved to served: seconds on the clock, and seconds of the server's processor time."""

    wall: float
    cpu: float


def cpu_seconds(pid: int) -> float:
    """The processor time (user + system) a running process has used so far (Linux's /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text(encoding="ascii").rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@contextmanager
def serving(project: Path, log: Path) -> Iterator[tuple[str, int]]:
    """`mkdocs serve` running in `project` on a free loopback port, first build done; yields its URL and process id."""
    url = f"http://127.0.0.1:{_free_port()}/"
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", url[7:-1]],
            cwd=project,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=os.environ.copy(),
        )
    try:
        deadline = time.monotonic() + STARTUP
        while _get(url + GUIDE) is None:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"mkdocs serve did not start; its output:\n{log.read_text(errors='replace')}")
            time.sleep(0.2)
        yield url, process.pid
    finally:
        process.terminate()
        process.wait(timeout=30)


def time_until_shown(file: Path, new_text: str, url: str, marker: str, server: int) -> Edit:
    """Save `new_text` to `file`, then the time until the page at `url` contains `marker` (inf if never)."""
    used = cpu_seconds(server)
    file.write_text(new_text, encoding="utf-8")
    saved = time.perf_counter()
    while time.perf_counter() - saved < GIVE_UP:
        # The server holds a request while it rebuilds: the time counts when the answer arrives.
        page = _get(url) or ""
        if marker in page:
            return Edit(time.perf_counter() - saved, cpu_seconds(server) - used)
        time.sleep(POLL)
    return Edit(float("inf"), float("inf"))


_PLAIN_DUTY = re.compile(r"^(\s+text: )([^\"'\s].*)$", re.MULTILINE)


def edited_duty(data_text: str, marker: str) -> str:
    """The data file with `marker` added to the first unquoted duty text."""
    match = _PLAIN_DUTY.search(data_text)
    assert match, "no unquoted `text:` line in data/comparison.yml to edit"
    return data_text[: match.end()] + f" ({marker})" + data_text[match.end() :]


def newest_post(project: Path) -> tuple[Path, str]:
    """The newest post's file and its address under the site, from its front matter."""
    found = []
    for post in (project / "docs/blog/posts").glob("*.md"):
        text = post.read_text(encoding="utf-8")
        date, slug = re.search(r"^date: (\S+)", text, re.MULTILINE), re.search(r"^slug: (\S+)", text, re.MULTILINE)
        if date and slug:
            found.append((date[1], post, f"blog/{slug[1]}/"))
    _, post, address = max(found)
    return post, address


def edit_once(kind: str, project: Path, url: str, server: int, marker: str) -> Edit:
    """One one-line edit of a kind: "data" (a duty's text in data/comparison.yml, shown in the
    guide) or "post" (a line added to the newest post), saved to served."""
    if kind == "data":
        data_file = project / "data/comparison.yml"
        original = data_file.read_text(encoding="utf-8")
        return time_until_shown(data_file, edited_duty(original, marker), url + GUIDE, marker, server)
    post_file, post_address = newest_post(project)
    text = post_file.read_text(encoding="utf-8") + f"\n{marker}.\n"
    return time_until_shown(post_file, text, url + post_address, marker, server)


def measure(
    projects: dict[str, tuple[Path, tuple[str, ...]]], repeats: int, logs: Path
) -> dict[str, dict[str, list[Edit]]]:
    """For each named project (folder, kinds of edit), `repeats` edits of each kind, saved to served.

    All the servers run at once, each idle while another rebuilds, and the edits take turns
    between them, so that a busy spell on the shared machine slows each alike.
    """
    run = uuid.uuid4().hex[:8]  # markers never seen before, even in a project measured already
    times: dict[str, dict[str, list[Edit]]] = {
        name: {kind: [] for kind in kinds} for name, (_, kinds) in projects.items()
    }
    with ExitStack() as stack:
        servers = {
            name: stack.enter_context(serving(folder, logs / f"serve-{name}.log"))
            for name, (folder, _) in projects.items()
        }
        for repeat in range(1, repeats + 1):
            for name in list(projects) if repeat % 2 else list(projects)[::-1]:
                folder, kinds = projects[name]
                url, server = servers[name]
                for kind in kinds:
                    edit = edit_once(kind, folder, url, server, f"Bench {kind} edit {run}-{name}-{repeat}")
                    times[name][kind].append(edit)
    return times
