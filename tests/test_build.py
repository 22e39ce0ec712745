"""Full builds read as a reader sees them: every fact from the data file is on the page."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

GUIDE = "paralegal-vs-legal-assistant"


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

def test_duties_table_puts_every_duty_in_its_role_column_and_area_row(site, data):
    table = site.page(GUIDE).select_one("table.bol-duties")
    for area in data["task_areas"]:
        row = table.select_one(f"tr#area-{area['id']}")
        assert row.th.get_text().startswith(area["name"])
        for r in data["roles"]:
            expected = [d["text"] for d in r["duties"] if d["area"] == area["id"]]
            shown = texts(row.select(f'td[data-label="{r["name"]}"] li'))
            assert shown == expected


def test_duties_table_says_where_only_one_role_acts(site):
    table = site.page(GUIDE).select_one("table.bol-duties")
    assert table.select_one("tr#area-research td.bol-acting").get_text(strip=True) == "Paralegal only"
    assert table.select_one("tr#area-records td.bol-acting").get_text(strip=True) == "Legal assistant only"
    assert table.select_one("tr#area-billing td.bol-acting").get_text(strip=True) == "Both roles"


def test_guide_lists_each_roles_duties_in_full(site, data):
    lists = lists_in(site.page(GUIDE))
    for r in data["roles"]:
        assert [d["text"] for d in r["duties"]] in lists


def test_guide_shows_every_education_route_and_the_on_the_job_route(site, data):
    page = site.page(GUIDE)
    lists = lists_in(page)
    glance = page.select_one("table.bol-compare")
    for r in data["roles"]:
        education = r["education"]
        assert [*education["routes"], f'On the job: {" ".join(education["on_the_job"].split())}'] in lists
        cell = texts(glance.select(f'td[data-label="{r["name"]}"]'))
        assert all(route in " ".join(cell) for route in education["routes"])


def test_skills_table_shows_each_skill_and_what_it_means_per_role(site, data):
    tables = site.page(GUIDE).select("table.bol-compare")
    skills = next(t for t in tables if t.caption.get_text().startswith("Skills"))
    names = {s["id"]: s["name"] for s in data["skills"]}
    for r in data["roles"]:
        for entry in r["skills"]:
            row = next(tr for tr in skills.tbody.find_all("tr") if tr.th.get_text() == names[entry["skill"]])
            assert row.select_one(f'td[data-label="{r["name"]}"]').get_text(strip=True) == entry["detail"]


def test_glance_table_shows_each_aspect_of_each_role(site, data):
    glance = site.page(GUIDE).select_one("table.bol-compare")
    assert glance.caption.get_text().startswith("At a glance")
    rows = {tr.th.get_text(): tr for tr in glance.tbody.find_all("tr")}
    for r in data["roles"]:
        def cell(label):
            return rows[label].select_one(f'td[data-label="{r["name"]}"]').get_text(" ", strip=True)
        assert cell("Focus") == r["focus"]
        assert cell("Way of working") == " ".join(r["works_with_attorney"].split())
        assert cell("Client contact") == " ".join(r["client_contact"].split())
        for title in r["other_titles"]:
            assert title in cell("Other job titles")
        for area in r["specializations"]["areas"]:
            assert area in cell("Specializations")


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
    assert "Take statements from witnesses" in texts(guide.select("table.bol-duties tr#area-witnesses li"))
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
    row = guide.select_one("table.bol-duties tr#area-witnesses")
    assert texts(row.select('td[data-label="Paralegal"] li')) == [nasty]
    assert len(row.find_all("td")) == 3
    # The inline variable in the prose is escaped too.
    assert nasty in article.get_text()
    assert article.get_text().count(nasty) >= 4  # duty list, duties table, glance table, prose


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
    assert re.search(r"ERROR\s+-\s+data/comparison.yml, line \d+: the file is not valid YAML", result.output)
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
tables.write_text(tables.read_text().replace('"None in common use"', '"No other titles"'))
second = run(sys.argv[1] + "/b")
print("None in common use" in first, "No other titles" in second)
"""
    result = subprocess.run([sys.executable, "-c", script, str(project.parent)], cwd=project,
                            capture_output=True, text=True, timeout=300)
    assert result.stdout.split()[-2:] == ["True", "True"], result.stdout + result.stderr
