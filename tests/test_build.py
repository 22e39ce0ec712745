"""Full builds read as a reader sees them: every fact from the data file is on the page."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from conftest import ROOT, mkdocs_settings

GUIDE = "paralegal-vs-legal-assistant"
# The blog post for people choosing between the two careers shows the same lists, from the same data.
CAREERS_POST = "blog/paralegal-or-legal-assistant-career"


def texts(elements) -> list[str]:
    return [" ".join(e.get_text(" ", strip=True).split()) for e in elements]


def role(data: dict[str, Any], role_id: str) -> dict[str, Any]:
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
        expected = [
            (d["text"], r["name"], labels[d["remote"]])
            for r in data["roles"]
            for d in r["duties"]
            if d["area"] == area["id"]
        ]
        shown = [
            (
                row.th.get_text(strip=True),
                row.select_one('td[data-label="Done by"]').get_text(strip=True),
                row.select_one('td[data-label="Remotely"]').get_text(strip=True).split(".")[0],
            )
            for row in rows
        ]
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


def table_of(page, caption: str):
    """A comparison table by its caption, as {row name: [cell text per role]}."""
    table = next(t for t in page.select("article table") if t.caption and t.caption.get_text(strip=True) == caption)
    return {
        row.th.get_text(" ", strip=True): [" ".join(td.get_text(" ", strip=True).split()) for td in row.find_all("td")]
        for row in table.tbody.find_all("tr")
    }


def bare(text: str) -> str:
    """A cell's text without its citation numbers ("source 3 , source 4")."""
    return " ".join(re.sub(r"\s*source \d+(?: ,)?", "", text).split())


def test_the_main_differences_are_a_side_by_side_table_from_the_data(site, data):
    page = site.page(GUIDE)
    table = page.select("article table")[0]
    assert table.caption.get_text(strip=True) == "The main differences at a glance"
    headings = [th.get_text(strip=True) for th in table.thead.find_all("th")]
    assert headings == ["Aspect", *(r["name"] for r in data["roles"])]
    rows = table_of(page, "The main differences at a glance")
    assert list(rows) == [
        "Kind of work",
        "Supervision and responsibility",
        "Billed to clients as legal work?",
        "Usual training",
        "Voluntary credentials",
        "Skills it relies on",
        "Other job titles",
        "US occupation code",
    ]
    names = {s["id"]: s["name"] for s in data["skills"]}
    for column, r in enumerate(data["roles"]):
        assert rows["Kind of work"][column] == r["focus"]
        assert bare(rows["Supervision and responsibility"][column]) == " ".join(r["supervision"]["text"].split())
        assert bare(rows["Billed to clients as legal work?"][column]) == " ".join(r["billing"]["text"].split())
        assert rows["Usual training"][column] == " ".join(r["education"]["routes"])
        assert rows["Skills it relies on"][column] == " ".join(names[e["skill"]] for e in r["skills"] if e["core"])
        assert all(c["short"] in rows["Voluntary credentials"][column] for c in r["credentials"])
        code = r["onet_soc"]
        assert bare(rows["US occupation code"][column]) == f"{code['code']} {code['title']}"
        link = table.select("tbody tr")[-1].find_all("td")[column].a
        assert link["href"] == code["url"] and link["href"].startswith("https://www.bls.gov/")


def test_skills_and_education_are_compared_side_by_side_from_the_data(site, data):
    page = site.page(GUIDE)
    skills = table_of(page, "Skills compared: what each skill means in each role")
    assert list(skills) == [s["name"] for s in data["skills"]]
    for column, r in enumerate(data["roles"]):
        for entry in r["skills"]:
            name = next(s["name"] for s in data["skills"] if s["id"] == entry["skill"])
            expected = ("Core skill. " if entry["core"] else "") + " ".join(entry["detail"].split())
            assert skills[name][column] == expected
    education = table_of(page, "Education compared")
    assert list(education) == ["Routes in", "Typical length", "Learning on the job", "Voluntary credentials"]
    for column, r in enumerate(data["roles"]):
        assert education["Routes in"][column] == " ".join(r["education"]["routes"])
        assert bare(education["Typical length"][column]) == " ".join(r["education"]["length"]["text"].split())
        assert education["Learning on the job"][column] == " ".join(r["education"]["on_the_job"].split())
        assert all(c["name"] in education["Voluntary credentials"][column] for c in r["credentials"])
    # The tables replace the lists they were: no skills or education list beside them on the guide.
    assert not page.select("article .bol-education, article ul.bol-list strong")


def test_the_careers_post_lists_the_skills_and_routes_each_role_relies_on(site, data):
    lists = lists_in(site.page(CAREERS_POST))
    names = {s["id"]: s["name"] for s in data["skills"]}
    for r in data["roles"]:
        assert [f"{names[e['skill']]}: {e['detail']}" for e in r["skills"] if e["core"]] in lists
        education = r["education"]
        assert [*education["routes"], f"On the job: {' '.join(education['on_the_job'].split())}"] in lists


def test_the_career_table_answers_which_career_suits_you(site, data):
    page = site.page(GUIDE)
    rows = table_of(page, "Which career suits you?")
    roles = {r["id"]: r["name"] for r in data["roles"]}
    assert rows == {f"If you {c['if']}": [f"{roles[c['choose']]}. {c['because']}"] for c in data["career"]}
    # "Choosing a career?" at the top, and the careers post, go straight there.
    choosing = next(p for p in page.select("article p") if p.get_text().startswith("Choosing a career?"))
    assert choosing.a["href"] == "#which-career-suits-you"
    post = site.page(CAREERS_POST).select_one("article")
    assert post.select_one('a[href$="paralegal-vs-legal-assistant/#which-career-suits-you"]')


def test_every_citation_points_to_its_source_in_the_sources_list(site, data):
    page = site.page(GUIDE)
    entries = page.select("ol.bol-sources > li")
    assert [li["id"] for li in entries] == [f"source-{s['id']}" for s in data["sources"]]
    for li, source in zip(entries, data["sources"], strict=True):
        assert li.a["href"] == source["url"] and li.a.get_text() == source["title"]
        assert li.get_text().startswith(source["publisher"])
    cited = {a["href"] for a in page.select("article .bol-cite a")}
    assert cited == {f"#source-{s['id']}" for s in data["sources"]}  # each cited, and each cite resolves
    for cite in page.select("article .bol-cite a"):
        number = int(cite.get_text(strip=True).removeprefix("source").strip())
        assert entries[number - 1]["id"] == cite["href"][1:]
    reviewed = page.select_one(".bol-reviewed")
    assert reviewed.time["datetime"] == data["reviewed"]
    assert reviewed.get_text(" ", strip=True).startswith("Last reviewed: December 6, 2026")


def test_the_titles_section_quotes_its_facts_with_their_sources(site, data):
    page = site.page(GUIDE)
    section = page.select_one("#are-the-two-titles-the-same-job").find_next("ul")
    text = " ".join(section.get_text(" ", strip=True).split())
    for fact in data["facts"]:
        assert " ".join(fact["text"].split()) in re.sub(r" (source \d+ ,? ?)+", " ", text + " ")
    assert len(section.select(".bol-cite a")) >= len(data["facts"])


def test_guide_shows_each_aspect_of_each_role(site, data):
    """Every field of each role is on the guide, in the role's own section or its tables."""
    article = " ".join(site.page(GUIDE).select_one("article").get_text(" ", strip=True).split())
    for r in data["roles"]:
        for text in (
            r["works_with_attorney"],
            r["client_contact"],
            r["specializations"]["note"],
            *r["specializations"]["areas"],
            *r["other_titles"],
        ):
            assert " ".join(text.split()) in article or " ".join(text.split()).lower() in article, text


def test_guide_keeps_the_headings_readers_search_for(site):
    headings = texts(site.page(GUIDE).select("article h2, article h3"))
    headings = [h.rstrip("¶").strip() for h in headings]
    for heading in (
        "The main differences",
        "Are the two titles the same job?",
        "What is a paralegal?",
        "What a paralegal does",
        "Specializations",
        "What is a legal assistant?",
        "What a legal assistant does",
        "Where the roles overlap",
        "Skills compared",
        "Education compared",
        "Which role does your firm need?",
        "Which career suits you?",
        "Outsourcing both roles",
        "Book a free consultation",
        "Sources",
        "Recent articles",
    ):
        assert heading in headings, heading


def test_the_services_are_listed_on_the_services_page_and_named_on_home(site, data):
    assert texts(site.page("").select(".bol-hero ul.bol-service-index a")) == [s["name"] for s in data["services"]]
    assert site.page("").select("ul.bol-services") == [] and site.page(GUIDE).select("ul.bol-services") == []
    assert site.page(GUIDE).select_one('article a[href="../services/"]')
    items = site.page("services").select("ul.bol-services > li")
    assert texts(item.find(re.compile("^h[2-6]$")) for item in items) == [s["name"] for s in data["services"]]
    for item, service in zip(items, data["services"], strict=True):
        assert " ".join(service["summary"].split()) in item.get_text(" ", strip=True)


def test_contact_page_and_footer_show_the_firms_details_from_config(site):
    firm = mkdocs_settings()["extra"]["firm"]
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
    settings = mkdocs_settings()
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
    assert "Take statements from witnesses" in [item for items in lists_in(guide) for item in items]


def test_an_edited_skill_changes_every_table_that_shows_it(project, build):
    data_file = project / "data/comparison.yml"
    replace_in(
        data_file, "    name: Legal research\n  - id: litigation", "    name: Case law research\n  - id: litigation"
    )
    replace_in(
        data_file,
        "        detail: Finds and summarizes statutes, case law and regulations.",
        "        detail: Reads the cases, finds the statutes and writes up what they mean.",
    )
    replace_in(
        data_file, "      - skill: data-entry\n        core: false", "      - skill: data-entry\n        core: true"
    )
    result = build(project)
    assert result.returncode == 0, result.output
    guide = result.page(GUIDE)
    skills = table_of(guide, "Skills compared: what each skill means in each role")
    assert skills["Case law research"][0] == (
        "Core skill. Reads the cases, finds the statutes and writes up what they mean."
    )
    relies_on = table_of(guide, "The main differences at a glance")["Skills it relies on"][0]
    assert "Case law research" in relies_on and "Data entry" in relies_on


def test_a_new_service_appears_on_every_page_that_lists_services(project, build):
    replace_in(
        project / "data/comparison.yml",
        "services:\n",
        (
            "services:\n  - id: translation\n    name: Document translation\n"
            "    summary: Letters and forms put into plain English.\n    areas: [documents]\n"
        ),
    )
    result = build(project)
    assert result.returncode == 0, result.output
    assert "Document translation" in texts(result.page("services").select("ul.bol-services h3"))
    assert "Document translation" in texts(result.page("").select("ul.bol-service-index a"))


def test_values_with_markup_characters_show_as_text_in_the_built_page(project, build):
    nasty = "Check <b>bold</b> & a | pipe, {{ braces }} and *stars*"
    data_file = project / "data/comparison.yml"
    replace_in(data_file, "text: Interview witnesses\n", f"text: '{nasty}'\n")
    replace_in(data_file, "focus: The administrative side of a law practice.", f"focus: '{nasty}'")
    replace_in(
        data_file, "        detail: Records client, case and billing details accurately.", f"        detail: '{nasty}'"
    )
    replace_in(data_file, "    title: Current ABA Definition of Paralegal", f"    title: '{nasty}'")
    result = build(project)
    assert result.returncode == 0, result.output
    guide = result.page(GUIDE)
    article = guide.select_one("article")
    assert article.find("b") is None and article.find("em") is None
    row = guide.select_one('table.bol-checklist tr[data-task="p-interview-witnesses"]')
    assert row.th.get_text() == nasty
    assert len(row.find_all("td")) == 3
    # The side-by-side tables keep one cell per role in every row.
    for table in article.select("table.bol-side"):
        assert all(len(tr.find_all("td")) == 2 for tr in table.tbody.find_all("tr"))
    # duty list, checklist, differences table, skills table, sources list
    visible = "".join(s for s in article.find_all(string=True) if s.parent.name != "script")
    assert visible.count(nasty) == 5
    # In the checklist's JSON the characters are escaped for a script block, and read back as typed.
    document = json.loads(guide.select_one("script.bol-finder-data").string)
    assert nasty in [task["text"] for task in document["tasks"]]
    assert "<b>" not in guide.select_one("script.bol-finder-data").string
    # The search index holds the text as text, the downloads as typed.
    index = json.loads((result.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    guide_text = " ".join(doc["text"] for doc in index["docs"] if doc["location"].startswith(GUIDE))
    assert "<b>bold</b>" not in guide_text and "&lt;b&gt;bold&lt;/b&gt;" in guide_text
    download = json.loads((result.site / "downloads" / "paralegal-vs-legal-assistant.json").read_text(encoding="utf-8"))
    assert download["sources"][0]["title"] == nasty


def test_broken_data_stops_the_build_with_the_clear_message(project, build):
    replace_in(project / "data/comparison.yml", "        area: research\n", "        area: reserch\n")
    result = build(project)
    assert result.returncode != 0
    assert re.search(
        r"ERROR\s+-\s+data/comparison.yml, line \d+: roles > paralegal > duties > p-research > area: "
        r'"reserch" is not the id of any task area \(did you mean "research"\?\)',
        result.output,
    )
    assert "Traceback" not in result.output


def test_yaml_syntax_error_stops_the_build_with_the_clear_message(project, build):
    replace_in(project / "data/comparison.yml", "    name: Legal assistant\n", '    name: "Legal assistant\n')
    result = build(project)
    assert result.returncode != 0
    assert re.search(
        r"ERROR\s+-\s+data/comparison.yml, line \d+: roles > legal_assistant > name: "
        r"a quotation mark opened here is never closed",
        result.output,
    )
    assert "Traceback" not in result.output


def test_misspelt_variable_in_a_page_fails_the_strict_build(project, build):
    replace_in(project / "docs/contact.md", "{{ contact_details() }}", "{{ roles.paralegal.eduction }}")
    result = build(project)
    assert result.returncode != 0
    assert "contact.md" in result.output
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
tables = Path("macros/content/tables.py")
tables.write_text(tables.read_text().replace('{"all": "Yes"', '{"all": "Yes, fully"'))
second = run(sys.argv[1] + "/b")
print("Yes, fully" not in first, "Yes, fully" in second)
"""
    result = subprocess.run(
        [sys.executable, "-c", script, str(project.parent)], cwd=project, capture_output=True, text=True, timeout=300
    )
    assert result.stdout.split()[-2:] == ["True", "True"], result.stdout + result.stderr


def test_the_home_pages_service_index_links_each_service_to_its_card_as_text(project, build, data):
    nasty = "Office <i>ops</i> & a | pipe, {{ braces }}"
    replace_in(project / "data/comparison.yml", "name: Back office operations\n", f"name: '{nasty}'\n")
    result = build(project)
    assert result.returncode == 0, result.output
    home = result.page("")
    links = home.select(".bol-hero ul.bol-service-index a")
    assert [a.get_text() for a in links] == [
        s["name"] if s["name"] != "Back office operations" else nasty for s in data["services"]
    ]
    assert home.select_one(".bol-hero i") is None
    services = result.page("services")
    for link in links:  # each names a card of the services page
        page, anchor = link["href"].split("#")
        assert page == "services/"
        card = services.select_one(f"#{anchor}")
        assert card is not None and card.h3.get_text() == link.get_text()
