"""Files read as MkDocs reads them (issue 22, class 2).

Every check reads a file the way MkDocs does: Windows line endings and a byte-order mark
are normal text (macros/checks/data_files.py: decode_utf8), an autolink is a link and not an open HTML
tag, a link to page.md#heading in the data resolves the page and the heading as MkDocs
would. And the mistakes that used to get a weak message get one that says what to do.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess

import pytest

from conftest import ROOT, page_paths
from macros.checks import front_matter
from test_guard_rails import POST, built, change, checked_quickly, line_of, one_message

FAQ = "data/faq.yml"
CLERK = "docs/blog/posts/virtual-legal-clerk.md"


def crlf(project, file: str, ending: bytes = b"\r\n", bom: bool = False) -> None:
    """Save a file of the project copy as Windows (or another program) would: other line endings, a BOM."""
    path = project / file
    data = path.read_bytes().replace(b"\n", ending)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)


@pytest.mark.parametrize(
    "file, ending, bom",
    [
        ("docs/services.md", b"\r\n", False),
        (POST, b"\r\n", True),
        ("docs/index.md", b"\r", False),
        ("data/comparison.yml", b"\r\n", True),
        (FAQ, b"\r\n", False),
        ("docs/blog/.authors.yml", b"\r\n", True),
        ("mkdocs.yml", b"\r\n", False),
    ],
    ids=[
        "page CRLF",
        "post CRLF with BOM",
        "page CR",
        "data CRLF with BOM",
        "FAQ CRLF",
        "authors CRLF with BOM",
        "mkdocs.yml CRLF",
    ],
)
def test_a_file_saved_with_windows_line_endings_or_a_bom_builds_and_passes_the_quick_check(project, file, ending, bom):
    crlf(project, file, ending, bom)
    assert built(project) == (0, [])
    assert checked_quickly(project) == (0, [])


def test_a_whole_checkout_made_on_windows_builds_the_same_pages(project, build, site):
    for path in project.rglob("*"):
        if path.is_file() and path.suffix in (".md", ".yml", ".py", ".html", ".json", ".css", ".js", ".txt", ".svg"):
            path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    result = build(project)
    assert result.returncode == 0, result.output
    pages = page_paths(site.site)
    assert page_paths(result.site) == pages
    different = [path for path in pages if result.page(path) != site.page(path)]
    assert different == []


def test_the_repository_checks_out_text_with_lf_endings_everywhere():
    attributes = (ROOT / ".gitattributes").read_text(encoding="utf-8")
    assert re.search(r"^\* text=auto eol=lf$", attributes, re.MULTILINE)
    listed = subprocess.run(["git", "ls-files", "--eol"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert [line for line in listed.splitlines() if line.split()[0] not in ("i/lf", "i/-text")] == []


# --- Autolinks are links --------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Write to <office@firm.com> before Friday.",
        "See <https://www.americanbar.org/> for the rules.",
        "Both <office@firm.com> and <http://example.com/a?b=c> work.",
        "Type `<div>` to start a box.",
    ],
)
def test_an_autolink_or_a_tag_in_code_before_the_excerpt_marker_is_not_an_open_tag(line):
    assert front_matter.excerpt_placement(f"{line}\n\n<!-- more -->\n\nThe rest.\n", "<!-- more -->") is None


def test_a_post_with_autolinks_above_its_marker_builds(project):
    change(
        project,
        CLERK,
        "<!-- more -->",
        "Questions? Write to <office@firm.com> or see <https://example.com/>.\n\n<!-- more -->",
    )
    assert built(project) == (0, [])


def test_a_real_open_tag_before_the_marker_is_still_refused():
    refused = front_matter.excerpt_placement(
        "<div markdown>\n\nText <office@firm.com>.\n\n<!-- more -->\n\n</div>\n", "<!-- more -->"
    )
    assert refused is not None and refused[1].startswith("it is inside an HTML block")


# --- Links in the data: the page and the heading ------------------------------------------------


@pytest.mark.parametrize(
    "target, href",
    [
        ("contact.md#other-ways-to-reach-us", "../contact/#other-ways-to-reach-us"),
        ("./contact.md#other-ways-to-reach-us", "../contact/#other-ways-to-reach-us"),
        (
            "paralegal-vs-legal-assistant.md#the-main-differences",
            "../paralegal-vs-legal-assistant/#the-main-differences",
        ),
        ("services.md#faq-how-is-pricing-set", "#faq-how-is-pricing-set"),
    ],
)
def test_a_link_in_the_faq_to_a_heading_of_a_page_is_published(project, build, target, href):
    change(project, FAQ, "(contact.md)", f"({target})")
    result = build(project)
    assert result.returncode == 0, result.output
    links = [a["href"] for a in result.page("services/").select("article .bol-faq a")]
    assert any(link == href or link == f"./{href}" or link.endswith(f"/{href}") for link in links), links


def test_a_link_in_the_faq_to_a_missing_heading_names_it_with_the_headings_there(project):
    text = change(project, FAQ, "(contact.md)", "(contact.md#contact)")
    assert one_message(project) == (
        f'{FAQ}, line {line_of(text, "    answer:")}: questions > item 1 > answer: "#contact" is not a heading '
        "of contact.md; expected the part after # to be one of contact.md's headings: "
        "#book-a-free-consultation, #what-happens-next, #other-ways-to-reach-us, #what-we-cover"
    )


def test_a_link_in_the_faq_to_a_missing_page_with_a_heading_names_the_page(project):
    change(project, FAQ, "(contact.md)", "(contct.md#other-ways-to-reach-us)")
    message = one_message(project)
    assert '"contct.md" is not a page of the site (did you mean "contact.md"?)' in message
    assert checked_quickly(project)[1] == [message]


# --- What used to get a weak message ------------------------------------------------------------

NEW_POST = posts_text = (
    '---\ntitle: "A Post Saved in the Wrong Folder"\ndescription: "A post written by the tests, '
    'with a description long enough to pass the check."\ndate: 2026-06-01\nslug: wrong-folder\n'
    "authors:\n  - editorial\ncategories:\n  - Outsourcing\n---\n\n"
    "Text.\n\n<!-- more -->\n\nMore.\n"
)


@pytest.mark.parametrize(
    "file", ["docs/blog/wrong-folder.md", "docs/wrong-folder.md", "docs/blog/post/wrong-folder.md"]
)
def test_a_post_saved_outside_the_posts_folder_is_told_where_to_go(project, file):
    text = change(project, file, None, NEW_POST)
    message = one_message(project)
    assert message == (
        f"{file}, line {line_of(text, 'slug:')}: slug: this page has slug, authors, categories, which "
        "only blog posts have, but it is not in docs/blog/posts/, so the blog would not show it; "
        "expected a post in docs/blog/posts/: move it to docs/blog/posts/wrong-folder.md (or, for a "
        "page, remove those fields)"
    )
    assert checked_quickly(project)[1] == [message]


def test_a_missing_authors_file_is_named_as_missing(project):
    (project / "docs/blog/.authors.yml").unlink()
    message = one_message(project)
    assert message.startswith(
        "docs/blog/.authors.yml: the blog's authors file is missing; expected it there, named "
        "exactly .authors.yml (with its leading dot)"
    )
    assert checked_quickly(project)[1] == [message]


@pytest.mark.parametrize(
    "typed", ["2026-06-01 10:30:00", "2026-06-01T10:30:00Z", "2026-06-01 10:30:00 +02:00", "2026-06-01t10:30:00.5"]
)
def test_a_date_with_a_time_is_accepted_as_material_accepts_it(project, build, typed):
    change(project, CLERK, "date: 2026-11-17", f"date: {typed}")
    result = build(project)
    assert result.returncode == 0, result.output
    assert (
        "virtual-legal-clerk" in result.page("blog/").get_text(" ")
        or (result.site / "blog/virtual-legal-clerk").is_dir()
    )


@pytest.mark.parametrize(
    "typed, words",
    [
        (
            "2026-06-01 10:30",
            (
                'date: expected a date, found text ("2026-06-01 10:30"); YAML reads a time as part of the '
                "date only with its seconds: write it as 2026-06-01 10:30:00"
            ),
        ),
        ('"2026-06-01"', 'date: expected a date, found text ("2026-06-01"); write it without quotes: date: 2026-06-01'),
        ("01/06/2026", 'found text ("01/06/2026")'),
    ],
)
def test_a_date_the_blog_cannot_read_is_quoted_as_typed(project, typed, words):
    text = change(project, CLERK, "date: 2026-11-17", f"date: {typed}")
    message = one_message(project)
    assert message.startswith(f"{CLERK}, line {line_of(text, 'date:')}: ") and words in message, message


def test_a_post_dated_later_today_is_not_yet_published():
    now = dt.datetime(2026, 6, 1, 9, 0, tzinfo=dt.timezone.utc)
    reason = front_matter.unpublished_reason({"date": "2026-06-01 10:30:00"}, now)
    assert reason is not None and reason.startswith("it is scheduled for")
    assert front_matter.unpublished_reason({"date": "2026-06-01 08:30:00"}, now) is None
    assert front_matter.unpublished_reason({"date": "2026-06-01"}, now) is None
    assert front_matter.unpublished_reason({"date": "2026-06-01 10:30:00+02:00"}, now) is None


@pytest.mark.parametrize(
    "file, link, target, suggestion",
    [
        (CLERK, "[burnout](../lawyer-burnout/)", "../lawyer-burnout/", "lawyer-burnout.md"),
        (CLERK, "[why](../lawyer-burnout/#why)", "../lawyer-burnout/#why", "lawyer-burnout.md#why"),
        (CLERK, "[services](/services/)", "/services/", "../../services.md"),
        (
            "docs/services.md",
            "[the guide](../paralegal-vs-legal-assistant/)",
            "../paralegal-vs-legal-assistant/",
            "paralegal-vs-legal-assistant.md",
        ),
        ("docs/services.md", '<a href="../contact/">write to us</a>', "../contact/", "contact.md"),
        ("docs/index.md", "[the blog](blog/)", "blog/", "blog/index.md"),
    ],
)
def test_a_link_by_address_is_told_to_link_the_file(project, file, link, target, suggestion):
    text = change(project, file, "\n## ", f"\nSee {link}.\n\n## ")
    message = one_message(project)
    assert message.startswith(f"{file}, line {line_of(text, link)}: the link to {target} is the address of ")
    assert message.endswith(f"expected a Markdown link to its file: [words]({suggestion})")
    assert checked_quickly(project)[1] == [message]


def test_a_mail_merge_field_gets_the_raw_hint_and_the_hint_works(project, build):
    text = change(project, CLERK, "<!-- more -->", "<!-- more -->\n\nDear {{FirstName}},\n")
    message = one_message(project)
    assert message.startswith(
        f'{CLERK}, line {line_of(text, "{{FirstName}}")}: {{{{FirstName}}}}: "FirstName" is not '
        "a name pages can use; to show it as typed (a mail-merge field, say), put it between "
        "{% raw %} and {% endraw %}; otherwise expected one of: "
    )
    change(project, CLERK, "Dear {{FirstName}},", "Dear {% raw %}{{FirstName}}{% endraw %},")
    result = build(project)
    assert result.returncode == 0, result.output
    assert "Dear {{FirstName}}," in result.page("blog/virtual-legal-clerk/").get_text()
