"""CONTRIBUTING.md quotes the messages editors really get, word for word.

Each mistake below is made in a fresh copy of the project, and what the editor runs
(`mkdocs build --strict`, the spelling check, the YAML check) must fail with a message
the guide quotes; and every line the guide quotes in a ```text block must come out of
one of these mistakes, so no example is left unchecked.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT, mkdocs_settings
from messages import Examples, Mistake, output_of, quotes, text_blocks

GUIDE = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
EXAMPLES = Examples(text_blocks(GUIDE))
DATA = "data/comparison.yml"
COACH = "docs/blog/posts/law-firm-business-coach.md"
PAGE = "docs/paralegal-vs-legal-assistant.md"
DESCRIPTION = (
    'description: "What a business coach can do for a small law firm, signs you are ready for one, '
    'how to choose well, and what to try first if the budget is tight."'
)

# One person as CONTRIBUTING.md shows them, with a picture that is not in docs/.
PERSON = (
    "people:\n  - name: Jane Doe\n    role: Paralegal, litigation support\n    credentials: []\n"
    "    location: Remote, from Columbus, Ohio\n    bio: Ten years of litigation support for small firms.\n"
    "    photo: assets/images/team/jane-doe.jpg\n    photo_alt: Jane Doe at her desk\n"
)
# The firm's contact details in mkdocs.yml, and clearly fake ones at no name reserved for examples.
FIRM_CONTACT = (
    '    email: consultations@example.com\n    phone: "+1 (555) 010-0100"\n'
    "    hours: Monday to Friday, 9 am to 5 pm (Eastern Time)\n    form_action:\n"
)
REAL_CONTACT = (
    '    email: intake@law-firm-under-test.com\n    phone: "+1 (617) 000-0001"\n'
    "    hours: Monday to Friday, 9 am to 5 pm (Eastern Time)\n    form_action:\n"
)

# Nine levels of aliases, each repeating the one before nine times: a "billion laughs".
BOMB = "&a0 [x, x, x, x, x, x, x, x, x]"
for _level in range(1, 9):
    BOMB = f"&a{_level} [{BOMB}" + f", *a{_level - 1}" * 8 + "]"

MISTAKES = {
    # The data file
    "unclosed quote": Mistake(DATA, "    name: Legal assistant\n", '    name: "Legal assistant\n'),
    "tab": Mistake(DATA, "    focus: The administrative side", "\tfocus: The administrative side"),
    "field twice": Mistake(
        DATA,
        "        text: Interview witnesses\n",
        "        text: Interview witnesses\n        text: Question witnesses\n",
    ),
    "missing field": Mistake(DATA, "    focus: The administrative side of a law practice.\n", ""),
    "misspelt field": Mistake(DATA, "    focus: Substantive", "    foucs: Substantive"),
    "wrong type": Mistake(DATA, "    other_titles:\n      - Legal assistant\n", "    other_titles: Law clerk\n"),
    "duplicate id": Mistake(DATA, "      - id: p-billing\n", "      - id: p-research\n"),
    "unknown task area": Mistake(DATA, "        area: research\n", "        area: reserch\n"),
    "unknown service area": Mistake(DATA, "    areas: [billing]\n", "    areas: [bills]\n"),
    "unused task area": Mistake(
        DATA,
        "task_areas:\n",
        "task_areas:\n  - id: tax\n    name: Tax filings\n    description: Preparing tax forms.\n",
    ),
    "block of lines": Mistake(
        DATA,
        "    focus: The administrative side of a law practice.\n",
        "    focus: |\n      The administrative side of a law practice.\n      - Answering phones\n",
    ),
    "tag": Mistake(DATA, "    focus: The administrative side", "    focus: !important The administrative side"),
    "key in brackets": Mistake(DATA, "  - id: clients\n", "  - [clients]: x\n    id: clients\n"),
    "merge key": Mistake(
        DATA, "  - id: witnesses\n    name: Witnesses\n", "  - <<: {name: Witnesses}\n    id: witnesses\n"
    ),
    "alias bomb": Mistake(DATA, "    other_titles:\n      - Legal assistant\n", f"    other_titles: {BOMB}\n"),
    "invisible character": Mistake(DATA, "        area: research\n", "        area: research\u200b\n"),
    "not utf-8": Mistake(DATA, "skills:\n", "# Caf\u00e9\nskills:\n", encoding="latin-1"),
    "number sign in a duty": Mistake(
        DATA, "        text: Interview witnesses\n", "        text: Interview witnesses #1 and take their statements\n"
    ),
    "bracket first": Mistake(DATA, "    focus: The administrative side", "    focus: [Admin] The administrative side"),
    # Questions firms ask, and the firm's facts
    "faq link": Mistake("data/faq.yml", "(contact.md)", "(contct.md)"),
    "faq firm fact": Mistake("data/faq.yml", "firm_fact: pricing", "firm_fact: prices"),
    "faq heading": Mistake("data/faq.yml", "(contact.md)", "(contact.md#contact)"),
    "firm fact not text": Mistake("mkdocs.yml", "    pricing:\n", "    pricing: 150\n"),
    "form address not https": Mistake(
        "mkdocs.yml", "    form_action:\n", "    form_action: http://forms.yourfirm.com/consultation\n"
    ),
    # How we work, the due-diligence checklist and the team page
    "checklist fact": Mistake("data/engagement.yml", "facts: [outsourcing-fees]", "facts: [outsourcing-feez]"),
    "checklist firm fact": Mistake("data/engagement.yml", "firm_fact: lawyer_only_work", "firm_fact: lawyer_work"),
    "checklist source": Mistake(
        "data/engagement.yml", "    sources: [nycbar-opinion-2006-3]\n", "    sources: [nycbar-opinion-2006]\n"
    ),
    "team photo": Mistake("data/team.yml", "people: []\n", PERSON),
    "team field missing": Mistake(
        "data/team.yml",
        "people: []\n",
        PERSON.replace("    bio: Ten years of litigation support for small firms.\n", ""),
    ),
    "number sign in mkdocs.yml": Mistake(
        "mkdocs.yml", "    hours: Monday to Friday, 9 am to 5 pm (Eastern Time)", "    hours: Monday to Friday #9 to 5"
    ),
    "unreadable mkdocs.yml": Mistake("mkdocs.yml", "    hours: Monday", "    hours: [Mon] Monday", run="mkdocs.yml"),
    "key page renamed": Mistake("mkdocs.yml", "    contact: contact.md\n", "    contact: contact-us.md\n"),
    "feed picture": Mistake(
        "mkdocs.yml", "      image: assets/images/logo.png", "      image: assets/images/logoo.png"
    ),
    "categories differing in case": Mistake(
        "mkdocs.yml", "        - Outsourcing\n", "        - Outsourcing\n        - outsourcing\n"
    ),
    # Publishing (make publish): the firm's contact details as they are today, then one detail at a time
    "placeholders when publishing": Mistake("mkdocs.yml", "  publish:", "  publish:", run="publish"),
    "empty email when publishing": Mistake(
        "mkdocs.yml",
        FIRM_CONTACT,
        REAL_CONTACT.replace("    email: intake@law-firm-under-test.com\n", "    email:\n"),
        run="publish",
    ),
    "empty hours when publishing": Mistake(
        "mkdocs.yml",
        FIRM_CONTACT,
        REAL_CONTACT.replace("Monday to Friday, 9 am to 5 pm (Eastern Time)", ""),
        run="publish",
    ),
    "form address at example.com": Mistake(
        "mkdocs.yml",
        FIRM_CONTACT,
        REAL_CONTACT.replace("    form_action:\n", "    form_action: https://forms.example.com/consultation\n"),
        run="publish",
    ),
    "publish not yes or no": Mistake("mkdocs.yml", "  publish: !ENV [PUBLISH_SITE, false]", '  publish: "yes"'),
    "remote yes or no": Mistake(DATA, "        remote: none\n", "        remote: no\n"),
    "fact without a source": Mistake(DATA, "      sources: [aba-paralegal-definition, ncbar-rule-5-3]\n", ""),
    "unknown source": Mistake(DATA, "      sources: [nala-supreme-court]\n", "      sources: [nala-supremecourt]\n"),
    "source nothing cites": Mistake(
        DATA,
        "sources:\n",
        "sources:\n  - id: old-page\n    publisher: NALA\n"
        "    title: An old page\n    url: https://www.nala.org/\n"
        "    checked: 2026-12-01\n",
    ),
    "source checked after the review": Mistake(DATA, "reviewed: 2026-12-06", "reviewed: 2026-12-01"),
    "remote note missing": Mistake(
        DATA,
        "        remote: none\n        remote_note: >-\n"
        "          Someone from the firm attends in person; a remote team prepares the "
        "exhibits,\n"
        "          summaries and schedule for it.\n",
        "        remote: none\n",
    ),
    # Front matter
    "missing description": Mistake(COACH, DESCRIPTION + "\n", ""),
    "misspelt description": Mistake(COACH, "\ndescription:", "\ndescripton:"),
    "short description": Mistake(COACH, DESCRIPTION, 'description: "Why hire a coach."'),
    "long description": Mistake(
        COACH, 'the budget is tight."', 'the budget is tight, and how to tell whether it worked."'
    ),
    "date format": Mistake(COACH, "date: 2026-10-20", "date: 20/10/2026"),
    "impossible date": Mistake(COACH, "date: 2026-10-20", "date: 2026-02-30"),
    "time without seconds": Mistake(COACH, "date: 2026-10-20", "date: 2026-10-20 10:30"),
    "post in the wrong folder": Mistake(
        "docs/blog/new-post.md",
        "",
        (ROOT / COACH).read_text(encoding="utf-8").replace("slug: law-firm-business-coach", "slug: new-post"),
    ),
    "authors file missing": Mistake("docs/blog/.authors.yml", "", None),
    "category": Mistake(COACH, "  - Running a law firm", "  - running a law firm"),
    "author": Mistake(COACH, "  - editorial", "  - jane"),
    "duplicate slug": Mistake(COACH, "slug: law-firm-business-coach", "slug: lawyer-burnout"),
    "slug format": Mistake(COACH, "slug: law-firm-business-coach", "slug: Law Firm Business Coach"),
    "no more line": Mistake(COACH, "<!-- more -->", "<!-- mroe -->"),
    "draft false": Mistake(COACH, "slug: law-firm-business-coach\n", "slug: law-firm-business-coach\ndraft: false\n"),
    "placeholder left": Mistake(
        COACH, "<!-- more -->\n", "<!-- more -->\n\nREPLACE THIS with the text of the first section.\n"
    ),
    "number sign in a title": Mistake(
        COACH, 'title: "Why Your Law Firm Needs a Business Coach"', "title: Our #1 Reason to Hire a Business Coach"
    ),
    "quote first": Mistake(
        COACH, 'title: "Why Your Law Firm Needs a Business Coach"', 'title: "Coach" Is Not a Dirty Word'
    ),
    "unquoted colon": Mistake(
        COACH, 'title: "Why Your Law Firm Needs a Business Coach"', "title: Coaching: Why Your Law Firm Needs It"
    ),
    "macros in front matter": Mistake(
        COACH, 'title: "Why Your Law Firm Needs a Business Coach"', "title: {{ config.site_name }} on Business Coaches"
    ),
    "missing template": Mistake("docs/services.md", "\ndescription:", "\ntemplate: hme.html\ndescription:"),
    "markup in a title": Mistake(
        COACH,
        'title: "Why Your Law Firm Needs a Business Coach"',
        'title: "Why Your Law Firm Needs a <em>Business Coach</em>"',
    ),
    "author url": Mistake("docs/blog/.authors.yml", "    avatar:", "    url: javascript:alert(1)\n    avatar:"),
    "more line in code": Mistake(COACH, "<!-- more -->\n", "```\n<!-- more -->\n```\n\n<!-- more -->\n"),
    "more line indented": Mistake(COACH, "<!-- more -->\n", "- A point.\n\n    <!-- more -->\n"),
    # What the browser would block
    "video player": Mistake(
        COACH,
        "<!-- more -->\n",
        '<!-- more -->\n\n<iframe width="560" height="315" '
        'src="https://www.youtube.com/embed/dQw4w9WgXcQ" title="Our webinar" allowfullscreen>'
        "</iframe>\n",
    ),
    "picture from another site": Mistake(
        COACH, "<!-- more -->\n", "<!-- more -->\n\n![Our team](https://cdn.example.com/team.png)\n"
    ),
    "style attribute": Mistake(COACH, "<!-- more -->\n", '<!-- more -->\n\n<p style="color: red">Act now.</p>\n'),
    "refresh": Mistake(
        COACH, "<!-- more -->\n", '<!-- more -->\n\n<meta http-equiv="refresh" content="0; url=https://example.com/">\n'
    ),
    "script in a picture": Mistake(
        "docs/assets/images/chart.svg",
        "",
        '<svg xmlns="http://www.w3.org/2000/svg">\n<script>alert(1)</script>\n</svg>\n',
    ),
    # Files in docs/
    "backup file": Mistake(COACH + "~", "", "An old copy.\n"),
    "markdown ending": Mistake("docs/blog/posts/new-post.markdown", "", "---\ntitle: A New Post\n---\n"),
    # Page text
    "broken link": Mistake(
        "docs/blog/posts/lawyer-burnout.md",
        "(../../paralegal-vs-legal-assistant.md)",
        "(../../paralegal-vs-legal-asistant.md)",
    ),
    "missing anchor": Mistake(
        "docs/services.md",
        "paralegal-vs-legal-assistant.md#where-the-roles-overlap",
        "paralegal-vs-legal-assistant.md#where-roles-overlap",
    ),
    "misspelt macro": Mistake(PAGE, "{{ help_finder() }}", "{{ help_findr() }}"),
    "misspelt variable": Mistake(PAGE, "{{ roles.paralegal.client_contact }}", "{{ roles.paralegal.client_contct }}"),
    "misspelt role": Mistake(PAGE, '{{ duty_list("paralegal") }}', '{{ duty_list("paralegl") }}'),
    "unclosed braces": Mistake(PAGE, "{{ roles.paralegal.client_contact }}", "{{ roles.paralegal.client_contact "),
    "number in quotes": Mistake("docs/index.md", "{{ recent_posts() }}", '{{ recent_posts("3") }}'),
    "link by address": Mistake(
        "docs/blog/posts/lawyer-burnout.md",
        "(../../paralegal-vs-legal-assistant.md)",
        "(../../paralegal-vs-legal-assistant/)",
    ),
    "mail merge": Mistake(COACH, "<!-- more -->\n", "<!-- more -->\n\nDear {{FirstName}},\n"),
    "link to a draft": Mistake(
        "docs/blog/posts/lawyer-burnout.md", "slug: lawyer-burnout\n", "slug: lawyer-burnout\ndraft: true\n"
    ),
    # The pull request's other checks
    "spelling": Mistake(
        "docs/contact.md", "We reply to arrange", "We recieve your message and reply to arrange", run="spelling"
    ),
    "long line": Mistake(
        DATA,
        "        text: Interview witnesses\n",
        "        text: Interview witnesses, then write down what each of them remembers "
        "about the events of the case and when they happened\n",
        run="yaml",
    ),
}


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """What the editor sees after each mistake, made once for all the tests here."""
    return {
        name: output_of(mistake, tmp_path_factory.mktemp(re.sub(r"\W", "-", name)))
        for name, mistake in MISTAKES.items()
    }


@pytest.mark.parametrize("name", MISTAKES)
def test_the_guide_quotes_the_message_of_each_mistake(outputs, name):
    # The message itself: not the closing "Aborted with ..." line that every stopped build prints.
    lines = [line for line in outputs[name] if line.strip() and not line.startswith("Aborted with")]
    assert any(EXAMPLES.documented(line) for line in lines), "\n".join(lines)


def test_every_message_the_guide_quotes_is_real(outputs):
    produced = [line for lines in outputs.values() for line in lines]
    unchecked = [example for example in EXAMPLES.lines if not any(quotes(example, line) for line in produced)]
    assert not unchecked, "CONTRIBUTING.md quotes messages that no mistake produces:\n" + "\n".join(unchecked)


def test_a_quoted_message_matches_whatever_line_it_names_but_not_other_words():
    produced = 'ERROR   -  data/comparison.yml, line 212: roles > paralegal > duties > p-research > area: "reserch"'
    assert quotes(
        'ERROR - data/comparison.yml, line 7: roles > paralegal > duties > p-research > area: "reserch"', produced
    )
    assert not quotes(
        'ERROR - data/comparison.yml, line 212: roles > paralegal > duties > p-billing > area: "reserch"', produced
    )
    assert not quotes(
        'ERROR - data/team.yml, line 212: roles > paralegal > duties > p-research > area: "reserch"', produced
    )


def test_the_guide_shows_the_readme_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = re.search(r"```sh\n(.*?)```", readme, re.DOTALL)
    assert commands and f"```sh\n{commands.group(1)}```" in GUIDE


def test_the_guide_names_the_allowed_categories_and_the_spelling_word_list():
    settings = mkdocs_settings()
    blog = next(p["blog"] for p in settings["plugins"] if isinstance(p, dict) and "blog" in p)
    assert all(f"`{category}`" in GUIDE for category in blog["categories_allowed"])
    word_list = re.search(r"word list, `([^`]+)`", GUIDE)
    assert word_list and Path(ROOT / word_list.group(1)).is_file()
    assert f"ignore-words = {word_list.group(1)}" in (ROOT / ".codespellrc").read_text(encoding="utf-8")
