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
from contextlib import contextmanager
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
        return sock.getsockname()[1]


def _get(url: str) -> str | None:
    """The page's text, or None while the server cannot answer."""
    try:
        with urllib.request.urlopen(url, timeout=GIVE_UP) as response:
            return response.read().decode("utf-8")
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
        process = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", url[7:-1]],
                                   cwd=project, stdout=out, stderr=subprocess.STDOUT, env=os.environ.copy())
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
    return data_text[: match.end()] + f" ({marker})" + data_text[match.end():]


def newest_post(project: Path) -> tuple[Path, str]:
    """The newest post's file and its address under the site, from its front matter."""
    found = []
    for post in (project / "docs/blog/posts").glob("*.md"):
        text = post.read_text(encoding="utf-8")
        date, slug = re.search(r"^date: (\S+)", text, re.M), re.search(r"^slug: (\S+)", text, re.M)
        if date and slug:
            found.append((date[1], post, f"blog/{slug[1]}/"))
    _, post, address = max(found)
    return post, address


def measure(project: Path, repeats: int, log: Path, kinds: tuple[str, ...] = ("data", "post")) -> dict[str, list[Edit]]:
    """Seconds from save to served, `repeats` times each, for each kind of one-line edit:
    "data" (a duty's text in data/comparison.yml, shown in the guide) and "post" (a line
    added to the newest post)."""
    data_file = project / "data/comparison.yml"
    post_file, post_address = newest_post(project)
    times: dict[str, list[Edit]] = {kind: [] for kind in kinds}
    run = uuid.uuid4().hex[:8]  # markers never seen before, even in a project measured already
    with serving(project, log) as (url, server):
        for repeat in range(1, repeats + 1):
            if "data" in kinds:
                marker = f"Bench data edit {run}-{repeat}"
                original = data_file.read_text(encoding="utf-8")
                times["data"].append(time_until_shown(data_file, edited_duty(original, marker), url + GUIDE, marker,
                                                      server))
            if "post" in kinds:
                marker = f"Bench post edit {run}-{repeat}"
                text = post_file.read_text(encoding="utf-8") + f"\n{marker}.\n"
                times["post"].append(time_until_shown(post_file, text, url + post_address, marker, server))
    return times
