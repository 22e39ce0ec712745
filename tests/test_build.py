"""Full builds read as a reader sees them: every fact from the data file is on the page."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

GUIDE = "paralegal-vs-legal-assistant"
# The blog post for people choosing between the two careers shows the same lists, from the same data.
CAREERS_POST = "blog/paralegal-or-legal-assistant-career"


def texts(elements) -> list[str]:
    return [" ".join(e.get_text(" ", strip=True).split()) for e in elements]


def role(data: dict, role_id: str) -> dict:
    return next(r for r in data["roles"] if r["id"] == role_id)


def lists_in(page) -> list[list[str]]:
    """Every list on a page, as lists of item texts."""
    return [texts(ul.find_all("li", recursive=False)) for ul in page.select("article ul")]


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


# --- The real site ---------------------------------------------------------------------------

def test_the_checklist_compares_every_duty_by_area_with_its_role_and_remote_answer(site, data):
    table = site.page(GUIDE).select_one("table.bol-checklist")
    labels = {"all": "Yes", "part": "In part", "none": "No"}
    for area in data["task_areas"]:
        heading = table.select_one(f"tr#area-{area['id']}")
        assert heading.th.get_text().startswith(area["name"])
        assert area["description"] in heading.get_text()
        rows = heading.find_parent("tbody").select("tr[data-task]")
        expected = [(d["text"], r["name"], labels[d["remote"]]) for r in data["roles"] for d in r["duties"]
                    if d["area"] == area["id"]]
        shown = [(row.th.get_text(strip=True), row.select_one('td[data-label="Done by"]').get_text(strip=True),
                  row.select_one('td[data-label="Remotely"]').get_text(strip=True).split(".")[0]) for row in rows]
        assert shown == expected


def test_the_checklist_says_where_only_one_role_acts(site):
    table = site.page(GUIDE).select_one("table.bol-checklist")
    def note(area):
        return table.select_one(f"tr#area-{area} th").get_text(" ", strip=True)
    assert "Paralegal only." in note("research")
    assert "Legal assistant only." in note("records")
    assert "Both roles work in this area." in note("billing")


def test_each_duty_is_listed_once_and_compared_once_on_the_guide(site, data):
    # Once in its role's list (to scan), once in the comparison table (to tick): no third copy.
    article = site.page(GUIDE).select_one("article")
    for d in (d for r in data["roles"] for d in r["duties"]):
        in_lists = [li for li in article.select("ul.bol-list > li") if li.get_text(strip=True) == d["text"]]
        in_table = [label for label in article.select("table.bol-checklist label") if label.get_text() == d["text"]]
        assert (len(in_lists), len(in_table)) == (1, 1), d["id"]
    assert article.select("table.bol-duties") == []


def test_guide_lists_each_roles_duties_in_full(site, data):
    lists = lists_in(site.page(GUIDE))
    for r in data["roles"]:
        assert [d["text"] for d in r["duties"]] in lists


@pytest.mark.parametrize("page", [GUIDE, CAREERS_POST])
def test_page_shows_every_education_route_and_the_on_the_job_route(site, data, page):
    lists = lists_in(site.page(page))
    for r in data["roles"]:
        education = r["education"]
        assert [*education["routes"], f'On the job: {" ".join(education["on_the_job"].split())}'] in lists


@pytest.mark.parametrize("page", [GUIDE, CAREERS_POST])
def test_page_lists_each_roles_skills_with_what_they_mean(site, data, page):
    lists = lists_in(site.page(page))
    names = {s["id"]: s["name"] for s in data["skills"]}
    for r in data["roles"]:
        assert [f'{names[entry["skill"]]}: {entry["detail"]}' for entry in r["skills"]] in lists


def test_guide_shows_each_aspect_of_each_role(site, data):
    """What the "at a glance" table showed is all on the guide, in the role's own section."""
    page = site.page(GUIDE)
    glance = texts(page.select("#at-a-glance + ul > li"))
    assert glance == [f'{r["name"]}: {r["focus"]}' for r in data["roles"]]
    article = " ".join(page.select_one("article").get_text(" ", strip=True).split())
    for r in data["roles"]:
        for text in (r["works_with_attorney"], r["client_contact"], r["specializations"]["note"],
                     *r["specializations"]["areas"], *r["other_titles"]):
            assert " ".join(text.split()) in article or " ".join(text.split()).lower() in article, text


def test_guide_keeps_the_headings_readers_search_for(site):
    headings = texts(site.page(GUIDE).select("article h2, article h3"))
    headings = [h.rstrip("¶").strip() for h in headings]
    for heading in ("At a glance", "What is a paralegal?", "What a paralegal does", "Specializations",
                    "What is a legal assistant?", "What a legal assistant does", "Other job titles",
                    "The main differences", "Which role does your firm need?", "Education", "Skills",
                    "Where the roles overlap", "Outsourcing both roles", "Book a free consultation"):
        assert heading in headings, heading


def test_guide_links_the_shared_areas_to_their_rows(site):
    page = site.page(GUIDE)
    overlap = page.select_one("#where-the-roles-overlap").find_next("p")
    assert [a["href"] for a in overlap.find_all("a")] == [
        "#area-clients", "#area-documents", "#area-witnesses", "#area-evidence", "#area-billing"]


@pytest.mark.parametrize("page", ["", "services", GUIDE])
def test_services_list_shows_every_service(site, data, page):
    items = site.page(page).select("ul.bol-services > li")
    assert texts(item.find(re.compile("^h[2-6]$")) for item in items) == [s["name"] for s in data["services"]]
    for item, service in zip(items, data["services"]):
        assert " ".join(service["summary"].split()) in item.get_text(" ", strip=True)


def test_contact_page_and_footer_show_the_firms_details_from_config(site):
    firm = yaml.safe_load((ROOT / "mkdocs.yml").read_text())["extra"]["firm"]
    contact = site.page("contact")
    assert contact.select_one(f'article a[href="mailto:{firm["email"]}"]')
    assert firm["phone"] in contact.select_one("article").get_text()
    assert site.page("").select_one(f'footer a[href="mailto:{firm["email"]}"]')


def test_no_fact_from_the_data_is_typed_into_markdown(data):
    """Long phrases from the data file must reach pages through macros, never as copies."""
    facts = [d["text"] for r in data["roles"] for d in r["duties"]]
    facts += [s["detail"] for r in data["roles"] for s in r["skills"]]
    facts += [line for r in data["roles"] for line in (*r["education"]["routes"], r["education"]["on_the_job"])]
    facts += [s["summary"] for s in data["services"]] + [s["name"] for s in data["services"]]
    facts += [r["specializations"]["note"] for r in data["roles"]]
    markdown = " ".join(" ".join(p.read_text(encoding="utf-8").split()) for p in (ROOT / "docs").rglob("*.md")).lower()
    copies = [fact for fact in facts if len(fact.split()) >= 3 and " ".join(fact.split()).lower() in markdown]
    assert copies == []


def test_pages_load_nothing_from_another_host(site):
    for page in site.site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert not re.search(r'<(script|img|iframe)[^>]+src="(https?:)?//', html), page
        assert not re.search(r'<link[^>]+href="(https?:)?//[^"]+"[^>]*rel="(stylesheet|preconnect)', html), page
        assert not re.search(r'<link[^>]+rel="(stylesheet|preconnect)"[^>]*href="(https?:)?//', html), page


def test_config_is_strict_and_watches_the_data_and_code():
    config = (ROOT / "mkdocs.yml").read_text()
    settings = yaml.safe_load(config)
    assert settings["strict"] is True
    assert set(settings["validation"]) >= {"omitted_files", "absolute_links", "unrecognized_links", "anchors"}
    assert set(settings["watch"]) >= {"data", "macros", "overrides"}
    assert settings["theme"]["font"] is False


# --- Changed and broken copies of the project ------------------------------------------------

def test_a_changed_duty_changes_every_place_it_appears(project, build):
    replace_in(project / "data/comparison.yml", "Interview witnesses\n", "Take statements from witnesses\n")
    result = build(project)
    assert result.returncode == 0, result.output
    guide = result.page(GUIDE)
    article = guide.select_one("article").get_text(" ")
    assert "Interview witnesses" not in article
    assert "Take statements from witnesses" in texts(guide.select("table.bol-checklist label"))
    assert "Take statements from witnesses" in sum(lists_in(guide), [])


def test_a_new_service_appears_on_every_page_that_lists_services(project, build):
    replace_in(project / "data/comparison.yml", "services:\n", (
        "services:\n  - id: translation\n    name: Document translation\n"
        "    summary: Letters and forms put into plain English.\n    areas: [documents]\n"))
    result = build(project)
    assert result.returncode == 0, result.output
    for page in ("", "services", GUIDE):
        assert "Document translation" in texts(result.page(page).select("ul.bol-services h3, ul.bol-services h2"))


def test_values_with_markup_characters_show_as_text_in_the_built_page(project, build):
    nasty = "Check <b>bold</b> & a | pipe, {{ braces }} and *stars*"
    replace_in(project / "data/comparison.yml", "text: Interview witnesses\n", f"text: '{nasty}'\n")
    replace_in(project / "data/comparison.yml", "focus: The administrative side of a law practice.", f"focus: '{nasty}'")
    result = build(project)
    assert result.returncode == 0, result.output
    guide = result.page(GUIDE)
    article = guide.select_one("article")
    assert article.find("b") is None and article.find("em") is None
    row = guide.select_one('table.bol-checklist tr[data-task="p-interview-witnesses"]')
    assert row.th.get_text() == nasty
    assert len(row.find_all("td")) == 3
    # The inline variable in the short answer is escaped too.
    assert f"Legal assistant: {nasty}" in texts(guide.select("#at-a-glance + ul > li"))
    # duty list, checklist, the case-preparation card ("Partly done remotely"), the short answer
    visible = "".join(s for s in article.find_all(string=True) if s.parent.name != "script")
    assert visible.count(nasty) == 4
    # In the checklist's JSON the characters are escaped for a script block, and read back as typed.
    document = json.loads(guide.select_one("script.bol-finder-data").string)
    assert nasty in [task["text"] for task in document["tasks"]]
    assert "<b>" not in guide.select_one("script.bol-finder-data").string


def test_broken_data_stops_the_build_with_the_clear_message(project, build):
    replace_in(project / "data/comparison.yml", "        area: research\n", "        area: reserch\n")
    result = build(project)
    assert result.returncode != 0
    assert re.search(r'ERROR\s+-\s+data/comparison.yml, line \d+: roles > paralegal > duties > p-research > area: '
                     r'"reserch" is not the id of any task area \(did you mean "research"\?\)', result.output)
    assert "Traceback" not in result.output


def test_yaml_syntax_error_stops_the_build_with_the_clear_message(project, build):
    replace_in(project / "data/comparison.yml", "    name: Legal assistant\n", '    name: "Legal assistant\n')
    result = build(project)
    assert result.returncode != 0
    assert re.search(r"ERROR\s+-\s+data/comparison.yml, line \d+: roles > legal_assistant > name: "
                     r"a quotation mark opened here is never closed", result.output)
    assert "Traceback" not in result.output


def test_misspelt_variable_in_a_page_fails_the_strict_build(project, build):
    replace_in(project / "docs/contact.md", "{{ contact_details() }}", "{{ roles.paralegal.eduction }}")
    result = build(project)
    assert result.returncode != 0
    assert 'contact.md' in result.output
    assert 'roles.paralegal has no "eduction"; expected one of: id, name' in result.output


def test_unknown_role_in_a_page_fails_the_strict_build_naming_the_roles(project, build):
    replace_in(project / "docs/contact.md", "{{ contact_details() }}", '{{ duty_list("paralegl") }}')
    result = build(project)
    assert result.returncode != 0
    assert 'no role "paralegl"' in result.output


def test_changed_contact_details_in_config_change_the_page(project, build):
    replace_in(project / "mkdocs.yml", "consultations@example.com", "hello@example.org")
    result = build(project)
    assert result.returncode == 0, result.output
    assert result.page("contact").select_one('article a[href="mailto:hello@example.org"]')


def test_macro_code_edits_take_effect_on_the_next_build_in_the_same_process(project):
    """What `mkdocs serve` does on a save: build again in the same Python process."""
    script = """
import sys
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config
def run(out):
    config = load_config("mkdocs.yml", site_dir=out)
    config.plugins.on_startup(command="build", dirty=False)  # as the mkdocs command does
    build(config)
    return Path(out, "paralegal-vs-legal-assistant/index.html").read_text()
first = run(sys.argv[1] + "/a")
tables = Path("macros/tables.py")
tables.write_text(tables.read_text().replace('{"all": "Yes"', '{"all": "Yes, fully"'))
second = run(sys.argv[1] + "/b")
print("Yes, fully" not in first, "Yes, fully" in second)
"""
    result = subprocess.run([sys.executable, "-c", script, str(project.parent)], cwd=project,
                            capture_output=True, text=True, timeout=300)
    assert result.stdout.split()[-2:] == ["True", "True"], result.stdout + result.stderr


def test_the_home_pages_service_index_links_each_service_to_its_card_as_text(project, build, data):
    nasty = "Office <i>ops</i> & a | pipe, {{ braces }}"
    replace_in(project / "data/comparison.yml", "name: Back office operations\n", f"name: '{nasty}'\n")
    result = build(project)
    assert result.returncode == 0, result.output
    home = result.page("")
    links = home.select(".bol-hero ul.bol-service-index a")
    assert [a.get_text() for a in links] == [s["name"] if s["name"] != "Back office operations" else nasty
                                            for s in data["services"]]
    assert home.select_one(".bol-hero i") is None
    for link in links:  # each names a card of the services list on the same page
        card = home.select_one(link["href"])
        assert card is not None and card.h3.get_text() == link.get_text()
