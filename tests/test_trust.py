"""Trust a partner can check: "How we work", the due-diligence checklist and the team page.

The real site shows every step and question, with neutral sentences and lines to write on
while the firm has not given its facts, and no team page (and no link to one) while
data/team.yml lists no one. A copy with every answer given and a person listed shows them
as typed; mistakes in the new data files stop the build with one message; the checklist
prints on at most two A4 sheets either way.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright.sync_api import Browser

from conftest import ROOT, Build, axe_violations, build_site, page_paths
from local_site import copy_project, serve_folder
from macros.checks.problems import DataError
from macros.content import engagement, team
from test_edges import printed_pages
from test_faq import fill_in, words

ENGAGEMENT = (ROOT / "data" / "engagement.yml").read_text(encoding="utf-8")
DATA = yaml.safe_load(ENGAGEMENT)
STEPS, QUESTIONS = DATA["steps"], DATA["questions"]
FACTS = {fact["id"]: fact for fact in DATA["facts"]}
SOURCES = {source["id"]: source for source in DATA["sources"]}
TEAM_PAGE = "team/"
# Markup characters that must stay text everywhere (HTML, Markdown, tables, Jinja).
NASTY = "Fees <b>bold</b> & a | pipe, {{ braces }} and [brackets](nowhere.md)."
# A sentence or two, as the firm would answer each question: the checklist must still print on two sheets.
ANSWER = (
    "We answer this in writing before any work starts, and the attorney can check it at any time. "
    "The details are in the agreement we sign with your firm, and we go over them with you each year."
)
PERSON: dict[str, Any] = {
    "name": "Jane <b>Doe</b> & {{ co }}",
    "role": "Paralegal | litigation support",
    "credentials": ["Certified Paralegal (CP) <NALA> & more"],
    "location": "Remote & from <Ohio>",
    "bio": "Ten years of | {{ work }} & <i>litigation</i> support for small firms.",
    "photo": "assets/images/team/jane-doe.svg",
    "photo_alt": "Jane at her <desk> & laptop",
}
PICTURE = '<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16"><rect width="16" height="16"/></svg>\n'


def firm_fields() -> list[str]:
    """The fields of extra.firm in mkdocs.yml, in order (read from the file's lines: it holds !ENV tags)."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    block = text.split("\n  firm:\n", 1)[1].split("\n  generator:", 1)[0]
    return re.findall(r"^    ([a-z_]+):", block, re.MULTILINE)


def list_people(project: Path, people: list[dict[str, Any]]) -> None:
    """List `people` in a project copy's data/team.yml (the header's example stays as it is)."""
    data = project / "data" / "team.yml"
    head, found, _ = data.read_text(encoding="utf-8").rpartition("people: []\n")
    assert found
    data.write_text(head + yaml.safe_dump({"people": people}, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture(scope="module")
def answered(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """A copy with every fact the new pages use given (one with markup characters) and one person listed."""
    project = copy_project(tmp_path_factory.mktemp("answered") / "project")
    used = sorted({entry["firm_fact"] for entry in STEPS + QUESTIONS if "firm_fact" in entry})
    fill_in(project, {name: NASTY if name == "supervision" else ANSWER for name in used})
    (project / "docs" / "assets" / "images" / "team").mkdir(parents=True)
    (project / "docs" / PERSON["photo"]).write_text(PICTURE, encoding="utf-8")
    list_people(project, [PERSON])
    result = build_site(project, tmp_path_factory.mktemp("answered-site"))
    assert result.returncode == 0, result.output
    return result


# --- The real site -------------------------------------------------------------------------------


def test_how_we_work_shows_every_step_with_a_neutral_sentence_while_the_firm_is_silent(site):
    page = site.page("services/")
    heading = page.select_one("article h2#how-we-work")
    assert heading is not None
    steps = page.select("article ol.bol-steps > li.bol-step")
    assert [words(step.h3.get_text()) for step in steps] == [step["title"] for step in STEPS]
    for step, shown in zip(STEPS, steps, strict=True):
        fact = shown.select_one(".bol-firm-fact")
        assert fact["data-given"] == "false"
        assert words(fact.get_text(" ")) == words(step["text"])
    # From the consultation, to a signed agreement, to the first task returned.
    titles = [step["title"] for step in STEPS]
    assert (
        titles.index("Free consultation")
        < titles.index("A signed agreement")
        < titles.index("The first task, returned to you")
    )
    assert page.select_one('article .bol-steps-next a[href="../checklist/"]') is not None


def test_the_checklist_asks_every_question_with_its_reasons_and_room_for_the_answer(site):
    page = site.page("checklist/")
    items = page.select("article li.bol-diligence-item")
    assert [words(item.h2.get_text()) for item in items] == [question["question"] for question in QUESTIONS]
    listed = {li["id"]: li for li in page.select("article ol.bol-diligence-sources > li")}
    for question, item in zip(QUESTIONS, items, strict=True):
        why = words(item.select_one(".bol-diligence-why").get_text(" "))
        for fact_id in question["facts"]:
            assert words(FACTS[fact_id]["text"]) in why
        # Each citation leads to its source, listed on this page with its address and the day it was checked.
        for link in item.select(".bol-diligence-why sup a"):
            assert link["href"].startswith("#source-") and link["href"][1:] in listed
        answer = item.select_one(".bol-diligence-answer")
        assert answer["data-given"] == "false" and answer.select_one(".bol-diligence-lines") is not None
    cited = {source for question in QUESTIONS for fact in question["facts"] for source in FACTS[fact]["sources"]}
    assert set(listed) == {f"source-{source}" for source in cited}
    for source in cited:
        entry = listed[f"source-{source}"]
        assert entry.a["href"] == SOURCES[source]["url"] and entry.time["datetime"] == str(SOURCES[source]["checked"])
    # Numbered 1, 2, ... as the checklist first cites them: it is a document of its own.
    assert [int(li["value"]) for li in listed.values()] == list(range(1, len(listed) + 1))


@pytest.mark.parametrize("path", ["services/", "confidentiality/"])
def test_the_services_and_confidentiality_pages_link_to_the_checklist(site, path):
    assert site.page(path).select_one('article a[href="../checklist/"]') is not None


def test_no_team_page_and_no_link_to_one_while_no_one_is_listed(site):
    assert yaml.safe_load((ROOT / "data" / "team.yml").read_text(encoding="utf-8")) == {"people": []}
    assert TEAM_PAGE not in page_paths(site.site)
    linked = [
        path
        for path in page_paths(site.site)
        if any(re.search(r"(^|/)team/?$", a["href"]) for a in site.page(path).select("a[href]"))
    ]
    assert linked == []
    assert "/team/" not in (site.site / "sitemap.xml").read_text(encoding="utf-8")


def test_every_new_firm_field_ships_empty():
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for name in (
        "supervision",
        "staff_background",
        "file_security",
        "conflicts_check",
        "client_information",
        "lawyer_only_work",
    ):
        assert name in firm_fields()
        assert re.search(rf"^    {name}:\n", config, re.MULTILINE), f"{name} should be left for the firm to fill"


# --- A copy with every answer given and a person listed ------------------------------------------


def test_given_facts_replace_the_neutral_sentences_and_show_as_typed(answered):
    steps = {
        words(step.h3.get_text()): step.select_one(".bol-firm-fact")
        for step in answered.page("services/").select("article li.bol-step")
    }
    for step in STEPS:
        fact = steps[step["title"]]
        if "firm_fact" not in step:
            assert fact["data-given"] == "false"
            continue
        assert fact["data-given"] == "true"
        assert fact.get_text(strip=True) == (NASTY if step["firm_fact"] == "supervision" else ANSWER)


def test_the_checklist_shows_the_firms_answers_as_typed(answered):
    items = {item["id"]: item for item in answered.page("checklist/").select("article li.bol-diligence-item")}
    for question in QUESTIONS:
        answer = items[question["id"]].select_one(".bol-diligence-answer")
        assert answer["data-given"] == "true" and answer.select_one(".bol-diligence-lines") is None
        expected = NASTY if question["firm_fact"] == "supervision" else ANSWER
        assert answer.select("p")[-1].get_text() == expected


def test_with_a_person_listed_the_team_page_is_built_linked_and_shows_every_field_as_typed(answered):
    page = answered.page(TEAM_PAGE)
    person = page.select_one("article li.bol-person")
    assert person.h2.get_text() == PERSON["name"]
    assert person.select_one(".bol-person-role").get_text() == PERSON["role"]
    assert [li.get_text() for li in person.select(".bol-person-credentials li")] == PERSON["credentials"]
    assert PERSON["location"] in person.select_one(".bol-person-location").get_text()
    assert person.select_one(".bol-person-bio").get_text() == PERSON["bio"]
    photo = person.img
    assert photo["alt"] == PERSON["photo_alt"] and photo["src"] == f"../{PERSON['photo']}"
    assert (answered.site / PERSON["photo"]).is_file()
    # Linked from the services and confidentiality pages, and in the menu of every page.
    for path in ("services/", "confidentiality/"):
        assert answered.page(path).select_one('article .bol-team-link a[href="../team/"]') is not None
    assert answered.page("").select_one('.md-tabs a[href="team/"]') is not None


@pytest.mark.parametrize("path", [TEAM_PAGE, "checklist/", "services/"])
def test_the_answered_pages_and_the_team_page_pass_the_accessibility_checks(browser: Browser, answered, path):
    tab = browser.new_page()
    with serve_folder(answered.site) as url:
        tab.goto(url + path)
        assert axe_violations(tab) == []
    tab.close()


# --- Mistakes in the new data files ---------------------------------------------------------------


def data_copy(tmp_path: Path, name: str, old: str, new: str) -> Path:
    """A folder holding data/<name> with `old` replaced by `new`, and the schemas it needs."""
    (tmp_path / "data").mkdir()
    for schema in (f"{Path(name).stem}.schema.json", "definitions.schema.json", "comparison.schema.json"):
        shutil.copy(ROOT / "data" / schema, tmp_path / "data")
    text = (ROOT / "data" / name).read_text(encoding="utf-8")
    assert old in text, old
    (tmp_path / "data" / name).write_text(text.replace(old, new, 1), encoding="utf-8")
    return tmp_path


def line_no(text: str, fragment: str) -> int:
    return text[: text.index(fragment)].count("\n") + 1


@pytest.mark.parametrize(
    "old, new, where, message",
    [
        (
            "facts: [outsourcing-fees]",
            "facts: [outsourcing-feez]",
            "questions > billing > facts > item 1",
            '"outsourcing-feez" is not the id of any fact (did you mean "outsourcing-fees"?); expected one of: ',
        ),
        (
            "firm_fact: lawyer_only_work",
            "firm_fact: lawyer_work",
            "questions > scope > firm_fact",
            '"lawyer_work" is not a field under extra.firm in mkdocs.yml (did you mean "lawyer_only_work"?); ',
        ),
        (
            "  - id: scope\n",
            "  - id: billing\n",
            "questions > billing > id",
            '"billing" is already the id of another question; expected each id once',
        ),
        (
            "question: Which work will you never do, because only a lawyer may do it?",
            "question: Which work will you never do",
            "questions > scope > question",
            "expected a question on one line of at most 150 characters, ending with a question mark",
        ),
        (
            "    sources: [nycbar-opinion-2006-3]\n",
            "    sources: [nycbar-opinion-2006]\n",
            "facts > outsourcing-overseas > sources > item 1",
            (
                '"nycbar-opinion-2006" is not the id of any source (did you mean "nycbar-opinion-2006-3"?); '
                "expected one of: "
            ),
        ),
        (
            "    checked: 2026-12-06\n",
            "    checked: 2999-12-06\n",
            "sources > aba-opinion-08-451 > checked",
            "2999-12-06 is in the future; expected the date someone read the source and confirmed the facts citing it",
        ),
        (
            "    sources: [aba-opinion-08-451]\n",
            "",
            "facts > outsourcing-competence > sources",
            "is missing: a fact from outside the firm says where it comes from; expected sources: [...] with the ids ",
        ),
    ],
)
def test_a_mistake_in_the_checklist_data_is_one_message_with_its_line_and_field(tmp_path, old, new, where, message):
    project = data_copy(tmp_path, "engagement.yml", old, new)
    with pytest.raises(DataError) as caught:
        engagement.load_engagement(project, firm_fields())
    # A value that is missing is reported on the line of its entry, here the fact's id.
    line = line_no(ENGAGEMENT, old) if new else line_no(ENGAGEMENT, "  - id: outsourcing-competence")
    assert str(caught.value).startswith(f"data/engagement.yml, line {line}: {where}: {message}"), str(caught.value)


def person_yaml(**changes: object) -> str:
    """One person as data/team.yml would list them, with `changes` (a value of None removes the field)."""
    person = {**PERSON, **changes}
    return yaml.safe_dump({"people": [{k: v for k, v in person.items() if v is not None}]}, sort_keys=False)


@pytest.mark.parametrize(
    "changes, at, where, message",
    [
        (
            {},
            "  photo:",
            "people > item 1 > photo",
            (
                '"assets/images/team/jane-doe.svg" is not a file in docs/; '
                "expected the path of the person's picture in docs/"
            ),
        ),
        (
            {"bio": None},
            "- name:",
            "people > item 1 > bio",
            "is missing; every entry here needs: name, role, credentials, ",
        ),
        (
            {"photo": "https://example.com/jane.jpg"},
            "  photo:",
            "people > item 1 > photo",
            (
                "expected the path of a file in docs/, such as assets/images/editorial-team.svg "
                "(not an address on another "
            ),
        ),
        (
            {"credentials": "CP"},
            "  credentials:",
            "people > item 1 > credentials",
            'expected a list, found text ("CP")',
        ),
    ],
)
def test_a_mistake_in_the_team_data_is_one_message_with_its_line_and_field(tmp_path, changes, at, where, message):
    (tmp_path / "data").mkdir()
    for schema in ("team.schema.json", "definitions.schema.json"):
        shutil.copy(ROOT / "data" / schema, tmp_path / "data")
    text = person_yaml(**changes)
    (tmp_path / "data" / "team.yml").write_text(text, encoding="utf-8")
    (tmp_path / "docs").mkdir()
    with pytest.raises(DataError) as caught:
        team.load_team(tmp_path, tmp_path / "docs")
    found = str(caught.value)
    assert found.startswith(f"data/team.yml, line {line_no(text, at)}: {where}: {message}"), (found, text)


def test_a_missing_photo_stops_the_build_of_the_site(project, build):
    list_people(project, [PERSON])
    line = line_no((project / "data" / "team.yml").read_text(encoding="utf-8"), "  photo:")
    result = build(project)
    assert result.returncode != 0
    assert (
        f'data/team.yml, line {line}: people > item 1 > photo: "assets/images/team/jane-doe.svg" is not a file in docs/'
    ) in result.output, result.output


def test_the_nav_loses_only_the_team_entry():
    import importlib.util

    spec = importlib.util.spec_from_file_location("team_page", ROOT / "hooks" / "team_page.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    nav = [
        {"Home": "index.md"},
        {"About": [{"Team": "team.md"}]},
        {"Team": "team.md"},
        "team.md",
        {"Contact": "contact.md"},
    ]
    assert module.without_page(nav, "team.md") == [{"Home": "index.md"}, {"Contact": "contact.md"}]


# --- On paper -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def printed(browser: Browser, site, answered) -> dict[str, list[str]]:
    """The checklist as Chromium prints it to A4: the real site's, and the copy's with every answer given."""
    pages: dict[str, list[str]] = {}
    tab = browser.new_page()
    for name, built in (("empty", site), ("answered", answered)):
        with serve_folder(built.site) as url:
            tab.goto(url + "checklist/")
            pages[name] = printed_pages(tab)
    tab.close()
    return pages


@pytest.mark.parametrize("case", ["empty", "answered"])
def test_the_checklist_prints_whole_on_at_most_two_a4_sheets(printed, case):
    sheets = printed[case]
    assert len(sheets) <= 2, f"{len(sheets)} sheets"
    text = "".join(sheets)
    for question in QUESTIONS:
        assert "".join(question["question"].split()) in text
    assert text.index("Sources") > text.index("".join(QUESTIONS[-1]["question"].split()))
    if case == "answered":
        assert text.count("".join(ANSWER.split())) == sum(q["firm_fact"] != "supervision" for q in QUESTIONS)
