"""What the editor typed is what is published (issue 22, class 1).

YAML reads some unquoted values differently from what was typed, without an error: " #"
starts a comment, a leading "&name" is an anchor, a "- " line under a value is joined to it.
Every plain value of the data files, front matter, the authors file and mkdocs.yml is
compared with its source text (macros/checks/yaml_reader.py); a difference stops the build with
"put the value in quotes" and the line as it should be written. A value YAML cannot read
at all is described with what to do (macros/checks/yaml_messages.py), never in PyYAML's words.
"""

from __future__ import annotations

import re
import subprocess
import sys
from typing import Any

import pytest
import yaml

from conftest import ROOT
from macros.checks import settings
from macros.checks.yaml_messages import yaml_error_message
from macros.checks.yaml_reader import parse_yaml
from test_guard_rails import AUTHORS, CHECK, DATA, POST, built, change, checked_quickly, line_of, one_message

# Each: a line as typed, the value the editor meant. YAML alone reads each of them as something else.
MISREAD = {
    "a number sign in a title": ("title: Our #1 Tip for Faster Billing", "Our #1 Tip for Faster Billing"),
    "a number sign in a list item": ("  - Room #4 and the archive", "Room #4 and the archive"),
    "a comment-like note with one space": ("hours: 9 to 5 # Eastern Time", "9 to 5 # Eastern Time"),
    "a hashtag after a word": ("text: Billing made easy #billing", "Billing made easy #billing"),
    "a number sign first": ("title: #1 Tip", "#1 Tip"),
    "a tab before the number sign": ("title: Fees\t#1", "Fees\t#1"),
    "an ampersand first": ("title: &more Tips", "&more Tips"),
    "a value that holds quotes and a number sign": ('title: The "Ask #2" Rule', 'The "Ask #2" Rule'),
}


def _document(line: str) -> str:
    """A small YAML file around `line`: a field above it, one below it."""
    return f"first: 1\n{'items:' + chr(10) if line.startswith('  - ') else ''}{line}\nlast: 2\n"


def _value(data: dict[str, Any]) -> str:
    value: str = next(
        value if not isinstance(value, list) else value[0]
        for key, value in data.items()
        if key not in ("first", "last")
    )
    return value


@pytest.mark.parametrize("line, meant", MISREAD.values(), ids=MISREAD.keys())
def test_a_plain_value_read_differently_is_refused_with_the_line_to_write(line, meant):
    text = _document(line)
    with pytest.raises(yaml.YAMLError) as caught:
        parse_yaml(text)
    message = yaml_error_message("data/x.yml", text, caught.value)
    assert re.match(rf"data/x\.yml, line {line_of(text, line)}: (title|hours|text|items > item 1): ", message), message
    assert "put the value in quotes: " in message, message
    # The line the message gives, typed in its place, is read as exactly what the editor meant.
    fixed = message.split("put the value in quotes: ", 1)[1].split(" (a comment after", 1)[0]
    indent = "  " if line.startswith("  - ") else ""
    data, _ = parse_yaml(text.replace(line, indent + fixed))
    assert _value(data) == meant


@pytest.mark.parametrize(
    "text",
    [
        "date: 2026-11-29   # year-month-day; a future date keeps the post unpublished until then\n",
        "draft: true   # delete this line to publish the post\n",
        "authors:\n  - editorial   # a key of docs/blog/.authors.yml\n",
        "title: C# for lawyers\n",
        "title: Fees#1\n",
        "a: &shared Billing\nb: *shared\n",
        "agreement:  # filled in by the firm\n",
        "areas: [billing, evidence]  # both\n",
    ],
)
def test_comments_written_as_comments_and_used_anchors_pass(text):
    parse_yaml(text)


def test_a_line_starting_with_a_dash_under_a_value_is_not_joined_silently():
    text = "focus: The administrative side\n  - Answering phones\n"
    with pytest.raises(yaml.YAMLError) as caught:
        parse_yaml(text)
    message = yaml_error_message("data/x.yml", text, caught.value)
    assert message.startswith(
        'data/x.yml, line 1: focus: the line "- Answering phones" below it is read as more of '
        'the same text ("The administrative side - Answering phones")'
    )


# YAML that cannot be read at all: each message says what to do, in an editor's words. (text, line, words)
UNREADABLE = {
    "a value starting with a bracket": (
        "title: [Draft] New rules\n",
        1,
        (
            'title: the value starts with "[", which YAML reads as the start of a list; '
            'put the value in quotes: title: "[Draft] New rules"'
        ),
    ),
    "a value starting with a quote": (
        'title: "Quoted" and more\n',
        1,
        "put the whole value in quotes: title: '\"Quoted\" and more'",
    ),
    "a value starting with a brace": ("title: {Draft} rules\n", 1, 'put the value in quotes: title: "{Draft} rules"'),
    "a value starting with a star": (
        "title: *New* rules\n",
        1,
        'starts with "*", which YAML reads as a repeat of a value named elsewhere',
    ),
    "a value starting with an at sign": ("title: @firm news\n", 1, 'starts with "@", which YAML does not allow'),
    "a value starting with a backquote": ("title: `code` news\n", 1, 'put the value in quotes: title: "`code` news"'),
    "a value starting with a percent sign": ("title: %50 off\n", 1, 'put the value in quotes: title: "%50 off"'),
    "a value starting with a bar": ("title: | pipes\n", 1, 'put the value in quotes: title: "| pipes"'),
    "a value starting with a greater-than sign": ("title: > more\n", 1, 'put the value in quotes: title: "> more"'),
    "a value starting with a dash": ("title: - dash\n", 1, 'put the value in quotes: title: "- dash"'),
    "a value holding a colon": (
        "a: 1\ntitle: Coaching: Why It Works\n",
        2,
        (
            'title: the value holds ": ", which YAML reads as the start of another field; '
            'put the value in quotes: title: "Coaching: Why It Works"'
        ),
    ),
    "a list item starting with a bracket": (
        "areas:\n  - [Draft] rule\n",
        2,
        'areas > item 1: the value starts with "["',
    ),
    "an unclosed quote": (
        'a: 1\ntitle: "Fees\nb: "x"\n',
        2,
        (
            "title: a quotation mark opened here is never closed; expected the value to end with the "
            'same mark on this line: title: "Fees"'
        ),
    ),
    "an unclosed bracket": ("a: [x, y\nb: 2\n", 1, 'a: a bracket "[" opened here is never closed'),
    "a backslash in double quotes": (
        'path: "C:\\x"\n',
        1,
        ("write \\\\ for a backslash, or put the value in single quotes: path: 'C:\\x'"),
    ),
    "a line indented too far": ("a:\n  b: 1\n   c: 2\n", 3, "c: this line is indented differently"),
    "a tab": ("a: 1\n\tb: 2\n", 2, "a tab character is used for indentation; expected spaces"),
    "a field written twice": (
        "a:\n  b: 1\n  b: 2\n",
        3,
        ('a > b: the field "b" is written twice in the same block; expected each field once'),
    ),
}
PYYAML_WORDS = (
    "mapping values are not allowed",
    "expected <block end>",
    "cannot start any token",
    "while scanning",
    "while parsing",
    "found unexpected",
    "could not find expected",
)


@pytest.mark.parametrize("text, line, words", UNREADABLE.values(), ids=UNREADABLE.keys())
def test_yaml_that_cannot_be_read_is_described_with_what_to_do(text, line, words):
    with pytest.raises(yaml.YAMLError) as caught:
        parse_yaml(text)
    message = yaml_error_message("data/x.yml", text, caught.value)
    assert message.startswith(f"data/x.yml, line {line}: ") and words in message, message
    assert not any(phrase in message for phrase in PYYAML_WORDS), message


# --- On a copy of the project: every file editors write -------------------------------------

EDITS = {
    "a post's title": (
        POST,
        'title: "Three Reasons Why Lawyers Suffer From Burnout & How to Fight It"',
        "title: Our #1 Tip for Fighting Burnout",
        "title",
        ('so only "Our" would be published; put the value in quotes: title: "Our #1 Tip for Fighting Burnout"'),
    ),
    "a duty in the data": (
        DATA,
        "        text: Interview witnesses\n",
        "        text: Interview witnesses #1 and take their statements\n",
        "roles > paralegal > duties > p-interview-witnesses > text",
        (
            'so only "Interview witnesses" would be published; put the value in quotes: '
            'text: "Interview witnesses #1 and take their statements"'
        ),
    ),
    "a page's description": (
        "docs/services.md",
        "description: Outsourced",
        "description: &Outsourced",
        "description",
        'the value starts with "&Outsourced", which YAML reads as a name for repeating the value',
    ),
    "an author's name": (
        AUTHORS,
        "    name: Back Office Legal",
        "    name: Back Office Legal #1 team",
        "authors > editorial > name",
        'so only "Back Office Legal" would be published',
    ),
    "the firm's hours in mkdocs.yml": (
        "mkdocs.yml",
        "    hours: Monday to Friday, 9 am to 5 pm (Eastern Time)",
        "    hours: Monday to Friday, 9 am to 5 pm #Eastern",
        "extra > firm > hours",
        'so only "Monday to Friday, 9 am to 5 pm" would be published',
    ),
    "a category in mkdocs.yml": (
        "mkdocs.yml",
        "        - Outsourcing\n",
        "        - Outsourcing #billing\n",
        "plugins > blog > categories_allowed > item 2",
        'so only "Outsourcing" would be published',
    ),
}


@pytest.mark.parametrize("file, old, new, field, words", EDITS.values(), ids=EDITS.keys())
def test_a_value_cut_by_yaml_stops_build_and_quick_check_at_its_line(project, file, old, new, field, words):
    text = change(project, file, old, new)
    for code, messages in (built(project), checked_quickly(project)):
        assert code != 0 and len(messages) == 1, messages
        assert messages[0].startswith(f"{file}, line {line_of(text, new.strip())}: {field}: "), messages[0]
        assert words in messages[0], messages[0]


# mkdocs.yml: MkDocs reads it before any plugin, so YAML it cannot read never reaches the build's checks.


def test_mkdocs_yml_that_yaml_cannot_read_gets_the_data_files_kind_of_message(project):
    text = change(project, "mkdocs.yml", "    hours: Monday", "    hours: [Mon] Monday")
    expected = (
        f'mkdocs.yml, line {line_of(text, "[Mon]")}: extra > firm > hours: the value starts with "[", which '
        "YAML reads as the start of a list; put the value in quotes: "
        'hours: "[Mon] Monday to Friday, 9 am to 5 pm (Eastern Time)"'
    )
    assert checked_quickly(project) == (1, [expected])
    only = subprocess.run(
        [sys.executable, str(CHECK), "--project", str(project), "--mkdocs-yml"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (only.returncode, only.stderr) == (1, f"ERROR - {expected}\n")
    assert settings.settings_message(project / "mkdocs.yml") == expected
    # `mkdocs build` run by hand can only say what MkDocs says (PyYAML's words), but never a traceback.
    by_hand = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build"], cwd=project, capture_output=True, text=True, timeout=60
    )
    assert by_hand.returncode != 0 and "Traceback" not in by_hand.stderr


def test_make_serve_and_make_build_read_mkdocs_yml_first():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target, command in (("serve", "$(BIN)/mkdocs serve"), ("build", "$(BIN)/mkdocs build --strict")):
        recipe = re.findall(rf"^{target}:.*\n((?:\t.*\n)+)", makefile, re.MULTILINE)[0]
        assert recipe.index("$(CHECK_MKDOCS_YML)") < recipe.index(command)
    assert "CHECK_MKDOCS_YML := $(BIN)/python tools/check_data.py --mkdocs-yml" in makefile


def test_a_correct_mkdocs_yml_passes_the_first_reading():
    only = subprocess.run([sys.executable, str(CHECK), "--mkdocs-yml"], capture_output=True, text=True, timeout=60)
    assert (only.returncode, only.stderr) == (0, "")


@pytest.mark.parametrize(
    "new, words",
    [
        ("        - [Outsourcing]\n", "expected text, found a list; put the value in quotes if it is text"),
        ("        - Outsourcing: billing\n", "expected text, found a block of fields"),
        ("        - <b>Outsourcing</b>\n", "expected plain text without HTML"),
        (
            "        - Outsourcing\n        - outsourcing\n",
            '"outsourcing" and "Outsourcing" would share one category page: they differ only in case or punctuation',
        ),
        ("        - Outsourcing\n        - Outsourcing!\n", "would share one category page"),
    ],
)
def test_a_category_the_blog_cannot_use_names_its_line_in_mkdocs_yml(project, new, words):
    text = change(project, "mkdocs.yml", "        - Outsourcing\n", new)
    message = one_message(project)
    last = new.strip().splitlines()[-1].strip()
    assert message.startswith(f"mkdocs.yml, line {line_of(text, last)}: plugins > blog > categories_allowed > item "), (
        message
    )
    assert words in message and "Traceback" not in message, message
