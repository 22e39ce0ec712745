"""Guard rails: what passes the build is what the editor meant, and nothing unsafe reaches readers.

Each class of careless edit (issue 12) is made on a fresh copy of the project, the way an
editor would make it, in several variants; the build (and the quick check, where it can
see the class) must stop with one message naming the file, the line and what was expected.
Unit tests cover each mechanism on many more variants than the builds.
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import io
import json
import os
import re
import resource
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import ROOT
from macros import urls
from macros.checks import docs_files, front_matter, post_links, schemas, yaml_messages, yaml_reader
from macros.checks.problems import DataError
from macros.content import comparison, open_data
from macros.views.page_macros import MacroArgumentError, checked

DATA = "data/comparison.yml"
GUIDE = "docs/paralegal-vs-legal-assistant.md"
POST = "docs/blog/posts/lawyer-burnout.md"
PAGE = "docs/services.md"
AUTHORS = "docs/blog/.authors.yml"
CHECK = ROOT / "tools" / "check_data.py"
TODAY = dt.datetime.now(dt.timezone.utc).date()


# --- Helpers ---------------------------------------------------------------------------------


def change(project: Path, file: str, old: str | None, new: str | bytes) -> str:
    """Make one edit in the project copy: replace `old` (None: write the whole file); return the new text."""
    path = project / file
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(new, bytes):
        path.write_bytes(new)
        return ""
    text = new if old is None else path.read_text(encoding="utf-8")
    if old is not None:
        assert old in text, f"not in {file}: {old!r}"
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return text


def line_of(text: str, needle: str) -> int:
    return text.count("\n", 0, text.index(needle)) + 1


def limited_memory() -> None:
    """Run a child with at most 3 GB of address space: a build that expands aliases without limit dies."""
    resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))


def run(command: list[str], project: Path) -> tuple[int, list[str]]:
    """Run a command in the project copy, bounded in time and memory; its exit code and its ERROR/WARNING lines."""
    result = subprocess.run(
        command,
        cwd=project,
        capture_output=True,
        text=True,
        timeout=90,
        preexec_fn=limited_memory,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "GIT_PYTHON_REFRESH": "quiet"},
    )
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output
    # A message may run over several lines ("has 2 problems:"): its lines start with two spaces.
    messages: list[str] = []
    for line in output.splitlines():
        if re.match(r"(ERROR|WARNING)\s+-\s+", line):
            messages.append(re.sub(r"^(ERROR|WARNING)\s+-\s+", "", line))
        elif line.startswith("  ") and messages and not line.startswith("  - "):
            messages[-1] += "\n" + line
    return result.returncode, messages


def built(project: Path) -> tuple[int, list[str]]:
    return run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(project.parent / "site")], project
    )


def checked_quickly(project: Path) -> tuple[int, list[str]]:
    return run([sys.executable, str(CHECK), "--project", str(project)], project)


def one_message(project: Path) -> str:
    """The build fails with exactly one message (no cascade); that message."""
    code, messages = built(project)
    assert code != 0, "the build passed"
    assert len(messages) == 1, messages
    return messages[0]


def post(
    title: str = "A Post Written by the Tests",
    slug: str = "tests-post",
    date: str = "2026-06-01",
    body: str = "The opening.\n\n<!-- more -->\n\nThe rest.\n",
    extra: str = "",
) -> str:
    return (
        f'---\ntitle: "{title}"\n'
        'description: "A post written by the tests, with a description long enough to pass."'
        f"\ndate: {date}\nslug: {slug}\n{extra}authors:\n  - editorial\ncategories:\n  - Outsourcing\n"
        f"---\n\n{body}"
    )


def bomb(levels: int = 9) -> str:
    """A "billion laughs": each level repeats the one before nine times, 9**9 values in a few lines."""
    text = '&a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'
    for level in range(1, levels):
        text = f"&a{level} [{text}" + f", *a{level - 1}" * 8 + "]"
    return text


# --- 1. YAML read with limits ----------------------------------------------------------------

BOMBS = {
    "a list field of the data file": (
        DATA,
        "    other_titles:\n      - Legal assistant\n",
        f"    other_titles: {bomb()}\n",
        "roles > paralegal > other_titles",
    ),
    "a field of the data file": (
        DATA,
        "    focus: The administrative side of a law practice.\n",
        f"    focus: {bomb()}\n",
        "roles > legal_assistant > focus",
    ),
    "a post's front matter": (POST, "\n---\n", f"\nsearch:\n  boost: {bomb()}\n---\n", "search > boost"),
    "a page's front matter": (PAGE, "\n---\n", f"\nsearch: {{exclude: {bomb()}}}\n---\n", "search > exclude"),
    "the authors file": (AUTHORS, "    avatar:", f"    slug: {bomb()}\n    avatar:", "authors > editorial > slug"),
}


@pytest.mark.parametrize("file, old, new, field", BOMBS.values(), ids=BOMBS.keys())
def test_an_alias_bomb_stops_build_and_quick_check_at_its_line(project, file, old, new, field):
    text = change(project, file, old, new)
    expected_line = line_of(text, "&a8")
    for code, messages in (built(project), checked_quickly(project)):
        assert code != 0
        assert len(messages) == 1, messages
        assert messages[0].startswith(f"{file}, line {expected_line}: {field}: the aliases (*name) here expand to")


# Each: YAML text, the line the message names, words it holds. None of them may reach a Python error.
YAML_MISTAKES = {
    "key written as a list": ("a: 1\n[clients]: x\n", 2, "a field name is written as a list"),
    "complex key": ("a: 1\n? [a, b]\n: x\n", 2, "a field name is written as a list"),
    "key written as a block": ("a: 1\n{b: c}: x\n", 2, "a field name is written as a block"),
    "jinja in a value": ("a: 1\ntitle: {{ page.title }}\n", 2, 'the value starts with "{{"'),
    "jinja in a list": ("a:\n  - {{ x }}\n", 2, 'the value starts with "{{"'),
    "merge key": ("base: &b {x: 1}\nitem:\n  <<: *b\n  y: 2\n", 3, "merge keys"),
    "local tag": ("focus: !important read this\n", 1, 'the value starts with "!important"'),
    "python tag": ("focus: !!python/object:os.system {}\n", 1, 'the type tag "!!python/object:os.system"'),
    "binary tag": ("focus: !!binary aGVsbG8=\n", 1, 'the type tag "!!binary"'),
    "set tag": ("focus: !!set {a, b}\n", 1, 'the type tag "!!set"'),
    "a bare equals sign": ("focus: =\n", 1, 'a value "=" is read by YAML as a special sign'),
    "a bare merge sign": ("focus: <<\n", 1, 'a value "<<" is read by YAML as a merge key'),
    "alias inside its anchor": ("a: &x [1, *x]\n", 1, "repeats the block that contains it"),
    "too deep": ("a: " + "[" * 60 + "]" * 60 + "\n", 1, "nested more than"),
    "alias bomb": (f"a: 1\nb: {bomb()}\n", 2, "expand to about"),
    "a wider bomb": (
        "a: &a [" + ", ".join(["x"] * 300) + "]\nb: &b [" + ", ".join(["*a"] * 300) + "]\n",
        2,
        "expand to about",
    ),
    "undefined alias": ("a: *nowhere\n", 1, "an alias (*name) here repeats an anchor (&name) that is not defined"),
}


@pytest.mark.parametrize("text, line, words", YAML_MISTAKES.values(), ids=YAML_MISTAKES.keys())
def test_every_yaml_trap_is_a_message_with_its_line(text, line, words):
    with pytest.raises(yaml.YAMLError) as caught:
        yaml_reader.parse_yaml(text)
    message = yaml_messages.yaml_error_message("data/x.yml", text, caught.value)
    assert message.startswith(f"data/x.yml, line {line}: ") and words in message, message
    assert "constructor" not in message and "unhashable" not in message


def test_a_small_alias_is_still_allowed():
    data, _ = yaml_reader.parse_yaml("a: &x [one, two]\nb: *x\n")
    assert data == {"a": ["one", "two"], "b": ["one", "two"]}


def test_front_matter_lines_count_from_the_file(tmp_path):
    text = post(extra="search: {boost: !!python/object:os.system x}\n")
    with pytest.raises(front_matter.FrontMatterError, match=r"^docs/x.md, line 6: search > boost: the type tag"):
        front_matter.read_front_matter("docs/x.md", text)


def test_a_jinja_title_in_a_post_says_macros_do_not_run_there(project):
    change(project, POST, 'title: "Three Reasons', 'title: {{ config.site_name }} "Three Reasons')
    assert one_message(project).startswith(
        f'{POST}, line 2: title: the value starts with "{{{{", which YAML reads as a block of fields; '
        "expected plain text (macros do not run here"
    )


# --- 2. Only what the editor meant is published ---------------------------------------------

LEFTOVERS = [
    "notes.txt",
    "blog/posts/lawyer-burnout.md.bak",
    "blog/posts/lawyer-burnout.md~",
    "~$draft.docx",
    "blog/posts/Draft-Post.MD",
    "blog/posts/draft.markdown",
    "blog/posts/draft.mdown",
    "blog/posts/draft.mkdn",
    "blog/posts/draft.mkd",
    "blog/posts/draft.Md",
    "index.md.orig",
    "index.md.swp",
    "#notes.md#",
    "drafts/brief.docx",
    "data.json",
    "contact.md.tmp",
    "Makefile",
    "assets/images/logo.png.old",
]


@pytest.mark.parametrize("name", LEFTOVERS)
def test_a_file_outside_the_allow_list_is_refused_by_name(name):
    reason = docs_files.refusal(name)
    assert reason is not None and "expected" in reason


@pytest.mark.parametrize(
    "suffix",
    [s for s in docs_files.markdown_extensions if s != ".md"] + [s.upper() for s in docs_files.markdown_extensions],
)
def test_every_markdown_ending_but_md_is_refused_with_the_name_to_use(suffix):
    refusal = docs_files.refusal(f"blog/posts/page{suffix}")
    assert refusal is not None and "rename it to page.md" in refusal


@pytest.mark.parametrize(
    "name",
    [
        "index.md",
        "blog/posts/a-post.md",
        "robots.txt",
        "stylesheets/site.css",
        "javascripts/which-help.js",
        "assets/images/logo.png",
        "assets/images/a.svg",
        "assets/photo.JPG",
        "downloads/fees.pdf",
        "favicon.ico",
    ],
)
def test_pages_and_the_files_pages_show_are_published(name):
    assert docs_files.refusal(name) is None


def test_the_real_docs_folder_publishes_nothing_by_mistake():
    uris = [
        p.relative_to(ROOT / "docs").as_posix()
        for p in (ROOT / "docs").rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(ROOT / "docs").parts)
    ]
    assert docs_files.refusals(uris, "docs") == []


def test_leftover_files_stop_build_and_quick_check_each_named(project):
    for name in ("notes.txt", "blog/posts/lawyer-burnout.md~", "~$draft.docx", "blog/posts/Draft-Post.MD"):
        change(project, f"docs/{name}", None, "left behind\n")
    change(
        project, "docs/blog/posts/late.markdown", None, "---\ntitle: No Description\nslug: a slug\n---\nREPLACE THIS\n"
    )
    change(project, "docs/.DS_Store", None, "hidden: never published, never refused\n")
    for code, messages in (built(project), checked_quickly(project)):
        assert code != 0 and len(messages) == 1
        assert messages[0].startswith("5 files in docs/ would be published by mistake:")
        for name in ("notes.txt", "lawyer-burnout.md~", "~$draft.docx", "Draft-Post.MD", "late.markdown"):
            assert f"/{name}: " in messages[0]
        assert ".DS_Store" not in messages[0]


def test_exclude_docs_keeps_a_file_out_without_refusing_it(project, build):
    change(project, "mkdocs.yml", "# Build checks:", "exclude_docs: |\n  notes/\n\n# Build checks:")
    change(project, "docs/notes/ideas.txt", None, "private notes\n")
    result = build(project)
    assert result.returncode == 0, result.output
    assert not (result.site / "notes").exists()


# --- 3. No published link to an unpublished page --------------------------------------------

FUTURE = post("Our Follow-up Post", "follow-up", (TODAY + dt.timedelta(days=30)).isoformat())
DRAFT = post("A Draft in Progress", "in-progress", "2026-01-01", extra="draft: true\n")

# How the link is written, the target as written (the message names the line that holds it), and why.
LINKS = {
    "inline, from a post": (POST, "[our follow-up post](future-post.md)", "future-post.md", "it is scheduled for"),
    "inline with an anchor": (POST, "[see](future-post.md#the-rest)", "future-post.md#the-rest", "it is scheduled for"),
    "reference, from a page": (
        PAGE,
        "[the draft][d]\n\n[d]: blog/posts/draft-post.md",
        "blog/posts/draft-post.md",
        "it is a draft",
    ),
    "by address, from a page": (PAGE, "[follow-up](../blog/follow-up/)", "../blog/follow-up/", "it is scheduled for"),
    "by address, from a post": (POST, "[the draft](../in-progress/)", "../in-progress/", "it is a draft"),
    "raw HTML": (PAGE, '<a href="/blog/in-progress/">the draft</a>', "/blog/in-progress/", "it is a draft"),
}


@pytest.mark.parametrize("file, link, target, reason", LINKS.values(), ids=LINKS.keys())
def test_a_link_to_an_unpublished_post_stops_build_and_quick_check_at_its_line(project, file, link, target, reason):
    change(project, "docs/blog/posts/future-post.md", None, FUTURE)
    change(project, "docs/blog/posts/draft-post.md", None, DRAFT)
    text = change(project, file, "\n## ", f"\nRead more: {link}\n\n## ")
    for code, messages in (built(project), checked_quickly(project)):
        assert code != 0 and len(messages) == 1, messages
        line = text.count("\n", 0, text.index(target, text.index("Read more:"))) + 1
        assert messages[0].startswith(f"{file}, line {line}: the link to {target} leads to ")
        assert f"which is not published: {reason}" in messages[0]


def test_links_between_unpublished_posts_and_links_in_code_are_fine(project, build):
    change(
        project, "docs/blog/posts/future-post.md", None, FUTURE.replace("The rest.", "See [the draft](draft-post.md).")
    )
    change(project, "docs/blog/posts/draft-post.md", None, DRAFT)
    change(project, POST, "\n## ", "\nWrite links like `[x](future-post.md)`:\n\n```\n[x](future-post.md)\n```\n\n## ")
    result = build(project)
    assert result.returncode == 0, result.output


def test_link_targets_finds_every_kind_of_link_outside_code():
    markdown = (
        '[a](one.md) ![b](two.png "t") <a href="three/">c</a>\n'
        "`[d](four.md)`\n```\n[e](five.md)\n```\n[f]: six.md\n[g](https://example.com/seven.md)\n[h](#eight)"
    )
    assert list(post_links.link_targets(markdown)) == [(1, "one.md"), (1, "two.png"), (1, "three/"), (6, "six.md")]


@pytest.mark.parametrize(
    "target, src, url, expected",
    [
        ("future.md", "blog/posts/a.md", "blog/a/", ("file", "blog/posts/future.md")),
        ("../../index.md#x", "blog/posts/a.md", "blog/a/", ("file", "index.md")),
        ("/blog/posts/future.md", "index.md", "", ("file", "blog/posts/future.md")),
        ("../future/", "blog/posts/a.md", "blog/a/", ("url", "blog/future")),
        ("blog/future/index.html", "index.md", "", ("url", "blog/future")),
        ("/blog/future", "services.md", "services/", ("url", "blog/future")),
    ],
)
def test_links_resolve_as_mkdocs_resolves_them(target, src, url, expected):
    assert urls.resolve(target, src, url) == expected


# --- 4. Plain text where the theme prints HTML ----------------------------------------------

MARKUP = {
    "post title, script": (POST, 'title: "Three Reasons', 'title: "<script>alert(1)</script> Three Reasons', "title"),
    "post title, image": (POST, 'title: "Three Reasons', 'title: "<img src=x onerror=alert(1)> Three Reasons', "title"),
    "post description, entity": (POST, 'description: "Why', 'description: "&lt;b&gt; Why', "description"),
    "post description, numeric entity": (POST, 'description: "Why', 'description: "&#60;b&#62; Why', "description"),
    "page title": (PAGE, "title: Services", "title: <b>Services</b>", "title"),
    "page description": (PAGE, "description: Outsourced", "description: <em>Outsourced</em>", "description"),
    "author name": (
        AUTHORS,
        "    name: Back Office Legal",
        "    name: <b>Back Office Legal</b>",
        "authors > editorial > name",
    ),
    "author description": (
        AUTHORS,
        "    description: Editorial team",
        "    description: Editorial <i>team</i>",
        "authors > editorial > description",
    ),
    "category": (POST, "  - Running a law firm", "  - <u>Running a law firm</u>", "categories > item 1"),
}


@pytest.mark.parametrize("file, old, new, field", MARKUP.values(), ids=MARKUP.keys())
def test_markup_in_a_field_the_theme_prints_as_html_is_refused(project, file, old, new, field):
    text = change(project, file, old, new)
    message = one_message(project)
    assert message.startswith(f"{file}, line {line_of(text, new.strip().split(chr(10))[0])}: {field}: ")
    assert "plain text without HTML" in message or "is not an allowed category" in message


@pytest.mark.parametrize(
    "url, allowed",
    [
        ("javascript:alert(1)", False),
        ("JavaScript:alert(1)", False),
        ("data:text/html,<script>", False),
        ("vbscript:x", False),
        ("//evil.example/", False),
        ("ftp://example.com/", False),
        ("www.example.com", False),
        ("https://www.example.com/team", True),
        ("http://example.com", True),
        ("mailto:team@example.com", True),
    ],
)
def test_an_authors_url_must_be_a_web_or_mail_address(project, url, allowed):
    change(project, AUTHORS, "    avatar:", f'    url: "{url}"\n    avatar:')
    code, messages = built(project)
    if allowed:
        assert code == 0, messages
    else:
        assert len(messages) == 1 and messages[0].startswith(
            f"{AUTHORS}, line 7: authors > editorial > url: expected an address starting with https://"
        )


@pytest.mark.parametrize(
    "avatar",
    ["https://cdn.example.com/face.png", "//cdn.example.com/face.png", "../../secret.svg", "assets/images/missing.svg"],
)
def test_an_authors_picture_must_be_a_file_of_the_site(project, avatar):
    change(project, AUTHORS, "    avatar: assets/images/editorial-team.svg", f"    avatar: {avatar}")
    message = one_message(project)
    assert message.startswith(f"{AUTHORS}, line 7: authors > editorial > avatar: ")


# --- 5. One line where one line is meant ----------------------------------------------------


def text_fields(node: yaml.Node, path: tuple[Any, ...] = ()) -> list[tuple[tuple[Any, ...], yaml.ScalarNode]]:
    """Every string value of a YAML node tree, with its path of keys and item numbers."""
    if isinstance(node, yaml.MappingNode):
        return [found for key, value in node.value for found in text_fields(value, (*path, key.value))]
    if isinstance(node, yaml.SequenceNode):
        return [found for index, item in enumerate(node.value) for found in text_fields(item, (*path, index))]
    # Ids and references to them have their own rule (a short name), which a block of lines breaks first.
    # So do addresses (a web page's), and the items of a [a, b] list, where a block of lines cannot be written.
    reference = path[-1] in ("id", "area", "skill", "code", "remote", "choose", "url") or (
        len(path) > 1 and path[-2] in ("areas", "sources") and isinstance(path[-1], int)
    )
    assert isinstance(node, yaml.ScalarNode)  # the third and last kind of node
    return [(path, node)] if node.tag.endswith(":str") and not reference else []


def test_every_text_field_of_the_data_refuses_a_block_of_lines(tmp_path):
    text = (ROOT / DATA).read_text(encoding="utf-8")
    tree = yaml.compose(text)
    assert tree is not None
    fields = text_fields(tree)
    assert len(fields) > 80
    (tmp_path / "data").mkdir()
    for schema in (ROOT / "data").glob("*.schema.json"):
        (tmp_path / "data" / schema.name).write_text(schema.read_text(encoding="utf-8"), encoding="utf-8")
    for path, node in fields:
        start, end = node.start_mark.index, node.end_mark.index
        indent = " " * (node.start_mark.column + 2)
        block = f"|\n{indent}First line\n{indent}---\n{indent}- a list item\n{indent}# a heading"
        if node.style in ("|", ">"):
            block += "\n"  # a block value ends with its line break, which the replaced one took along
        (tmp_path / DATA).write_text(text[:start] + block + text[end:], encoding="utf-8")
        with pytest.raises(DataError) as caught:
            comparison.load_comparison(tmp_path)
        message = str(caught.value)
        assert f"line {node.start_mark.line + 1}: " in message, (path, message)
        assert "expected one line of text" in message, (path, message)


@pytest.mark.parametrize("field", ["title", "description"])
def test_a_block_of_lines_in_front_matter_is_refused(tmp_path, field):
    text = post().replace(f'{field}: "', f'{field}: |\n  # A heading\n  - a list\n  ---\n  "', 1)
    page = front_matter.read_front_matter("docs/x.md", text)
    validator = schemas.schema_validator(ROOT, front_matter.POST_SCHEMA_FILE)
    problems = schemas.schema_problems(front_matter.plain_values(page.data), validator)
    assert [p.path for p in problems] == [(field,)] and "one line of text" in problems[0].message


# --- 6. Downloads a spreadsheet opens safely -------------------------------------------------

DANGEROUS = [
    '=HYPERLINK("http://evil.example","Click")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A2)",
    "\tTabbed",
    "\rReturn",
    " =spaced formula",
    "line one\rline two",
    "line one\nline two",
    'say "hi", then go',
]


def test_formula_cells_are_neutralised_and_rows_stay_whole(data):
    data = copy.deepcopy(data)  # the fixture is shared by the whole session
    duties = [duty for role in data["roles"] for duty in role["duties"]]
    for duty, value in zip(duties, DANGEROUS, strict=False):  # the first duties only
        duty["text"] = value
    text = open_data.duties_csv(data)
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert len(rows) == len(duties)
    shown = {row["duty_id"]: row["duty"] for row in rows}
    for duty, value in zip(duties, DANGEROUS, strict=False):
        safe = "'" + value if value.lstrip(" ")[0] in "=+-@\t\r" else value
        assert shown[duty["id"]] == safe
    assert json.loads(open_data.comparison_json(data, "x"))["roles"][0]["duties"][0]["text"] == DANGEROUS[0]


def test_every_cell_is_quoted_and_rows_end_in_crlf(data):
    text = open_data.skills_csv(data)
    assert text.endswith("\r\n") and all(line.startswith('"') for line in text.split("\r\n") if line)


def test_a_formula_typed_in_the_data_reaches_the_download_as_text(project, build):
    change(project, DATA, "        text: Interview witnesses\n", '        text: "=HYPERLINK(\\"http://x\\")"\n')
    result = build(project)
    assert result.returncode == 0, result.output
    with (result.site / "downloads" / open_data.DUTIES_CSV).open(newline="", encoding="utf-8") as file:
        rows = {row["duty_id"]: row["duty"] for row in csv.DictReader(file)}
    assert rows["p-interview-witnesses"] == '\'=HYPERLINK("http://x")'
    exact = json.loads((result.site / "downloads" / open_data.COMPARISON_JSON).read_text(encoding="utf-8"))
    assert exact["roles"][0]["duties"][4]["text"] == '=HYPERLINK("http://x")'


# --- 7. A message, never a traceback, and the real line --------------------------------------

JINJA = {
    "unclosed braces": (
        GUIDE,
        "{{ roles.paralegal.client_contact }}",
        "{{ roles.paralegal.client_contact ",
        'a "{{" (or "{%") opened here is never closed',
    ),
    "one closing brace": (GUIDE, "{{ help_finder() }}", "{{ help_finder() }", "never closed"),
    "unknown macro": (
        GUIDE,
        "{{ help_finder() }}",
        "{{ help_findr() }}",
        '"help_findr" is not a name pages can use (did you mean "help_finder"?)',
    ),
    "misspelt variable": (
        GUIDE,
        "{{ roles.paralegal.client_contact }}",
        "{{ role.paralegal.client_contact }}",
        '"role" is not a name pages can use (did you mean "roles"?)',
    ),
    "misspelt field": (
        GUIDE,
        "{{ roles.paralegal.client_contact }}",
        "{{ roles.paralegal.client_contct }}",
        'roles.paralegal has no "client_contct"; expected one of: id, name',
    ),
    "unknown role": (
        GUIDE,
        '{{ duty_list("paralegal") }}',
        '{{ duty_list("lawyer") }}',
        'no role "lawyer" in data/comparison.yml; expected one of: paralegal, legal_assistant',
    ),
    "text for a number": (
        GUIDE,
        "{{ recent_posts(descriptions=false) }}",
        '{{ recent_posts("3") }}',
        ('count is text ("3"); expected a whole number, without quotes, such as recent_posts(count=3)'),
    ),
    "too many values": (
        "docs/services.md",
        "{{ services_list() }}",
        "{{ services_list(2, 3) }}",
        "services_list takes one value (heading_level); expected services_list()",
    ),
    "a value missing": (
        "docs/services.md",
        "{{ services_list() }}",
        "{{ duty_list() }}",
        'duty_list takes one value (role_id); expected duty_list("paralegal")',
    ),
    "unknown tag": (GUIDE, "{{ help_finder() }}", "{% help_finder %}", '"{% help_finder %}" is not something'),
    "unended block": ("docs/services.md", "{{ services_list() }}", "{% if roles %}", '"{% if %}" opened on this line'),
    "in a post": (
        POST,
        "<!-- more -->\n",
        "<!-- more -->\n\nAs {{ roles.paralegal.nam }} says\n",
        'roles.paralegal has no "nam"',
    ),
}


@pytest.mark.parametrize("file, old, new, words", JINJA.values(), ids=JINJA.keys())
def test_a_macro_mistake_is_one_message_at_the_files_real_line(project, file, old, new, words):
    before = (project / file).read_text(encoding="utf-8")
    text = change(project, file, old, new)
    mistake = new.strip().split("\n")[-1]
    at = before.index(old) + new.index(mistake)
    message = one_message(project)
    assert message.startswith(f"{file}, line {text.count(chr(10), 0, at) + 1}: ")
    assert words in message, message


def test_the_quick_check_catches_unclosed_braces_at_their_line(project):
    text = change(project, POST, "<!-- more -->\n", "<!-- more -->\n\nAs {{ roles.paralegal.name says.\n\nMore.\n")
    code, messages = checked_quickly(project)
    assert code != 0 and len(messages) == 1
    assert messages[0].startswith(f"{POST}, line {line_of(text, 'As {{')}: {{{{ roles.paralegal.name says.: ")


@pytest.mark.parametrize(
    "file, at",
    [(GUIDE, "## What is a paralegal?"), (POST, "<!-- more -->"), (DATA, "skills:\n"), (AUTHORS, "    avatar")],
)
def test_a_file_that_is_not_utf8_names_the_line_of_the_first_bad_byte(project, file, at):
    text = (project / file).read_text(encoding="utf-8")
    index = text.index(at)
    raw = text[:index].encode("utf-8") + "Caf\u00e9 ".encode("latin-1") + text[index:].encode("utf-8")
    change(project, file, None, raw)
    for code, messages in (built(project), checked_quickly(project)):
        assert code != 0 and len(messages) == 1, messages
        assert messages[0].startswith(
            f"{file}, line {text.count(chr(10), 0, index) + 1}: the file is not UTF-8 text "
            "(byte 0xe9 cannot be read as UTF-8)"
        )


INVISIBLE = {
    "zero-width space in an id": (DATA, "  - id: clients\n", "  - id: clients\u200b\n", "zero-width space (U+200B)"),
    "non-breaking space in a reference": (
        DATA,
        "        area: research\n",
        "        area: research\u00a0\n",
        "non-breaking space (U+00A0)",
    ),
    "word joiner in a category": (
        POST,
        "  - Running a law firm",
        "  - Running a law\u2060 firm",
        "word joiner (U+2060)",
    ),
    "zero-width space in a macro's value": (
        GUIDE,
        '{{ duty_list("paralegal") }}',
        '{{ duty_list("\u200bparalegal") }}',
        "zero-width space (U+200B) at the start",
    ),
}


@pytest.mark.parametrize("file, old, new, name", INVISIBLE.values(), ids=INVISIBLE.keys())
def test_an_invisible_character_is_named(project, file, old, new, name):
    change(project, file, old, new)
    assert f"with an invisible {name}" in one_message(project)


def test_macro_arguments_are_checked_against_the_signature():
    def sample(role_id: str, count: int = 3) -> str:
        return role_id * count

    macro = checked(sample, "sample")
    assert macro("ab", 2) == "abab"
    for args, words in [
        ((3,), "role_id is a number (3); expected text in quotes"),
        (("a", "2"), 'count is text ("2"); expected a whole number'),
        (("a", True), "count is yes/no (true)"),
        (("a", 1, 2), "sample takes 1 or 2 values (role_id and count)"),
    ]:
        with pytest.raises(MacroArgumentError, match=re.escape(words)):
            macro(*args)


# --- 8. The excerpt marker where it works ----------------------------------------------------

PLACES = {
    "in a code block": "```html\n<!-- more -->\n```\n",
    "in a tilde code block": "~~~\n<!-- more -->\n~~~\n",
    "in a note box": "!!! note\n    A note.\n\n    <!-- more -->\n",
    "in a list": "- An item.\n\n    <!-- more -->\n",
    "in a quote": "> A quote.\n>\n> <!-- more -->\n",
    "in an HTML block": '<div class="grid" markdown>\n\nText.\n\n<!-- more -->\n\n</div>\n',
    "inside a paragraph": "Some words <!-- more --> and more.\n",
    "glued to a paragraph": "A paragraph.\n<!-- more -->\n",
}


@pytest.mark.parametrize("place", PLACES.values(), ids=PLACES.keys())
def test_a_misplaced_excerpt_marker_stops_the_build_at_its_line(project, place):
    # The misplaced marker comes first, as editors leave it; a good one follows.
    text = change(project, POST, "<!-- more -->\n", place + "\n<!-- more -->\n")
    message = one_message(project)
    assert message.startswith(
        f"{POST}, line {line_of(text, '<!-- more -->')}: the <!-- more --> line cannot end the excerpt here: "
    )
    assert checked_quickly(project)[1] == [message]


def test_the_excerpt_marker_alone_at_the_top_level_passes():
    body = "Opening.\n\n```\ncode\n```\n\n!!! note\n    A note.\n\n<!-- more -->\n\nThe rest.\n"
    assert front_matter.excerpt_placement(body, "<!-- more -->") is None


def test_every_real_posts_excerpt_ends_at_the_top_level(site):
    index = site.page("blog/")
    for article in index.select("article.md-post--excerpt"):
        assert article.select_one(".md-post__content") is not None
        assert "<!-- more -->" not in article.get_text()


# --- 9. The quick check agrees with the build ------------------------------------------------

AGREE = {
    "alias bomb": (DATA, "    other_titles:\n      - Legal assistant\n", f"    other_titles: {bomb(6)}\n"),
    "tag": (DATA, "    focus: The administrative side", "    focus: !important The administrative side"),
    "key as a list": (POST, "slug: lawyer-burnout", "[slug]: lawyer-burnout"),
    "backup file": ("docs/index.md~", None, "old copy\n"),
    "markup in a title": (POST, 'title: "Three Reasons', 'title: "<em>Three</em> Reasons'),
    "multi-line value": (
        DATA,
        "    focus: Substantive legal work on clients' matters, delegated by a lawyer.\n",
        "    focus: |\n      Substantive legal work\n      # done under supervision\n",
    ),
    "author url": (AUTHORS, "    avatar:", "    url: javascript:alert(1)\n    avatar:"),
    "excerpt in code": (POST, "<!-- more -->\n", "```\n<!-- more -->\n```\n\n<!-- more -->\n"),
    "unclosed braces": (GUIDE, "{{ roles.paralegal.client_contact }}", "{{ roles.paralegal.client_contact "),
}


@pytest.mark.parametrize("file, old, new", AGREE.values(), ids=AGREE.keys())
def test_the_quick_check_says_what_the_build_says(project, file, old, new):
    change(project, file, old, new)
    build_code, build_messages = built(project)
    check_code, check_messages = checked_quickly(project)
    assert build_code != 0 and check_code != 0
    assert check_messages == build_messages


def test_the_quick_check_says_which_checks_only_the_build_makes(project):
    change(project, GUIDE, '{{ duty_list("paralegal") }}', '{{ duty_list("lawyer") }}')
    result = subprocess.run(
        [sys.executable, str(CHECK), "--project", str(project)], capture_output=True, text=True, timeout=90
    )
    assert result.returncode == 0
    assert "Only `mkdocs build` (or `make serve`) checks: the names and values a page's macros use" in result.stderr
    assert built(project)[0] != 0
