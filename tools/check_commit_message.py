"""Check a commit message: a subject of at most 72 characters, an empty line, then a body that says why.

Run by pre-commit at the commit-msg stage (.pre-commit-config.yaml; `.venv/bin/pre-commit
install --hook-type commit-msg` once), with the file git wrote the message to. The history
is how a successor learns why the code is as it is: a subject that `git log --oneline`
cuts off, or a change with no reason given, leaves them guessing.
"""

from __future__ import annotations

import sys
from pathlib import Path

MAX_SUBJECT = 72
# Messages git writes itself, and those of fixups squashed away before they land.
EXEMPT = ("Merge ", "Revert ", "fixup! ", "squash! ", "amend! ")


def message_lines(text: str) -> list[str]:
    """The message as git keeps it: without comment lines and the diff `commit -v` appends."""
    text = text.split("# ------------------------ >8 ------------------------", 1)[0]
    lines = [line.rstrip() for line in text.splitlines() if not line.startswith("#")]
    while lines and not lines[-1]:
        lines.pop()
    return lines


def problems(text: str) -> list[str]:
    """What is wrong with a commit message, in words; empty when it is fine."""
    lines = message_lines(text)
    if not lines:
        return []  # git itself refuses an empty message
    subject = lines[0]
    if subject.startswith(EXEMPT):
        return []
    found = []
    if len(subject) > MAX_SUBJECT:
        found.append(
            f"the subject line has {len(subject)} characters; expected at most {MAX_SUBJECT}, so that "
            "`git log --oneline` shows it whole (say what changed; the body says the rest)"
        )
    if len(lines) > 1 and lines[1]:
        found.append("the second line is not empty; expected an empty line between the subject and the body")
    if not any(line.strip() for line in lines[1:]):
        found.append("there is no body; expected, after an empty line, a few lines saying why the change is made")
    return found


def main(argv: list[str]) -> int:
    """Check the message file git passes; print each problem and return 1 if there is any."""
    found = problems(Path(argv[1]).read_text(encoding="utf-8"))
    for problem in found:
        print(f"commit message: {problem}", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
