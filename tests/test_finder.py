"""The "Which help do I need?" tool, in a real browser: ticking, sharing, no JavaScript,
keyboard and screen readers, and that it follows the data file."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from conftest import axe_violations, build_site, copy_project, serve_folder

GUIDE = "paralegal-vs-legal-assistant/"


@pytest.fixture
def guide(browser: Browser, base_url: str) -> Iterator[Page]:
    page = browser.new_page(viewport={"width": 390, "height": 844})
    yield page
    page.close()


def summary(page: Page) -> str:
    return page.locator(".bol-finder-summary").inner_text()


def picked(page: Page) -> list[str]:
    return page.locator(".bol-finder-picked li").all_inner_texts()


def shown_services(page: Page) -> list[str]:
    return page.locator(".bol-finder-services li:visible a").all_inner_texts()


def test_ticking_tasks_shows_roles_summary_and_services_and_keeps_them_in_the_url(guide, base_url, data):
    guide.goto(base_url + GUIDE)
    assert summary(guide) == "Tick the tasks you need done: the answer shows here."
    assert shown_services(guide) == []
    guide.check("#task-p-research")
    guide.check("#task-p-draft")
    guide.check("#task-la-appointments")
    assert summary(guide) == "2 of your 3 tasks are paralegal work; 1 is legal assistant work. Both roles share the work in: Documents and correspondence."
    assert picked(guide) == [
        "Paralegal: Carry out legal research for the attorney",
        "Paralegal: Draft pleadings, documents and correspondence for the attorney",
        "Legal assistant: Keep track of appointments for the lawyer or paralegal",
    ]
    assert shown_services(guide) == ["Legal research and drafting", "Calendar and appointment management"]
    assert guide.url.endswith(f"{GUIDE}?tasks=p-research&tasks=p-draft&tasks=la-appointments#which-help-tool")
    guide.uncheck("#task-p-draft")
    assert "p-draft" not in guide.url
    assert summary(guide) == "1 of your 2 tasks is paralegal work; 1 is legal assistant work."


def test_a_single_role_reads_as_all_of_your_tasks(guide, base_url):
    guide.goto(base_url + GUIDE + "?tasks=la-phones&tasks=la-filing")
    assert summary(guide).startswith("All 2 of your tasks are legal assistant work.")


def test_a_shared_link_restores_the_selection(guide, base_url):
    guide.goto(base_url + GUIDE + "?tasks=la-billing&tasks=p-summaries#which-help-tool")
    ticked = guide.eval_on_selector_all("input[name=tasks]:checked", "boxes => boxes.map(b => b.value)")
    assert ticked == ["p-summaries", "la-billing"]
    assert shown_services(guide) == ["Case and trial preparation", "Billing and collections"]
    assert summary(guide).startswith("1 of your 2 tasks is paralegal work; 1 is legal assistant work.")


def test_clear_unticks_everything_and_returns_focus_to_the_list(guide, base_url):
    guide.goto(base_url + GUIDE + "?tasks=la-billing")
    guide.click(".bol-finder-clear")
    assert guide.eval_on_selector_all("input[name=tasks]:checked", "boxes => boxes.length") == 0
    assert "tasks=" not in guide.url
    assert guide.evaluate("document.activeElement.id") == "task-p-research"


def test_the_tool_works_from_the_keyboard_alone(guide, base_url):
    guide.goto(base_url + GUIDE)
    guide.focus("#task-p-research")
    guide.keyboard.press("Space")
    guide.keyboard.press("Tab")  # the service link of the same row
    assert guide.evaluate("document.activeElement.textContent") == "Legal research and drafting"
    guide.keyboard.press("Tab")
    guide.keyboard.press("Space")
    assert guide.evaluate("document.activeElement.id") == "task-p-contact-clients"
    assert picked(guide) == ["Paralegal: Carry out legal research for the attorney",
                             "Paralegal: Get in touch with clients about their matters"]


def test_results_are_announced_politely_to_screen_readers(guide, base_url):
    guide.goto(base_url + GUIDE)
    live = guide.locator(".bol-finder-summary")
    assert live.get_attribute("role") == "status"  # implicit aria-live="polite"
    guide.check("#task-la-filing")
    assert live.inner_text() == "Your task is legal assistant work."
    # Each checkbox is named by its task and described by its area and role.
    box = guide.locator("#task-la-filing")
    assert guide.evaluate("id => document.getElementById(id).labels[0].textContent", "task-la-filing") == "Maintain the filing systems"
    assert box.get_attribute("aria-describedby") == "tool-area-records done-by-la-filing"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_tool_has_no_wcag_violations(browser, base_url, scheme):
    page = browser.new_page(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page.goto(base_url + GUIDE + "?tasks=p-research&tasks=la-billing")
    assert axe_violations(page, "#which-help-tool") == []
    page.close()


def test_the_tool_fits_a_phone_and_its_answer_stays_in_view(guide, base_url):
    guide.goto(base_url + GUIDE + "#which-help-tool")
    guide.check("#task-la-admin")  # the last task: the list has scrolled far from the top
    assert guide.evaluate("document.documentElement.scrollWidth") <= 390
    box = guide.locator(".bol-finder-summary").bounding_box()
    assert box is not None and 0 <= box["y"] and box["y"] + box["height"] <= 844


def test_without_javascript_the_checklist_reads_as_a_table(browser, base_url, data):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(base_url + GUIDE)
    assert page.locator(".bol-finder-results").is_hidden()
    assert page.locator(".bol-finder-summary").is_hidden()
    rows = page.locator("#which-help-tool tbody tr[data-task]")
    duties = [(duty["text"], role["name"]) for role in data["roles"] for duty in role["duties"]]
    seen = [(row.locator("th").inner_text(), row.locator("td").nth(1).inner_text()) for row in rows.all()]
    assert sorted(seen) == sorted(duties)
    research = page.locator('tr[data-task="p-research"] td').nth(2).inner_text()
    assert research == "Legal research and drafting"
    context.close()


def test_the_script_is_served_by_the_site_and_small(site):
    page = site.page(GUIDE)
    scripts = [tag["src"] for tag in page.select("article script[src]")]
    assert scripts == ["../javascripts/which-help.js"]
    assert (site.site / "javascripts" / "which-help.js").stat().st_size < 8_000


def test_downloads_match_the_data_and_are_linked_under_the_tables(site, data):
    page = site.page(GUIDE)
    links = {a["href"] for a in page.select(".bol-downloads a")}
    assert links == {"../downloads/paralegal-vs-legal-assistant-duties.csv",
                     "../downloads/paralegal-vs-legal-assistant-skills.csv",
                     "../downloads/paralegal-vs-legal-assistant.json", "#area-billing"}
    downloads = site.site / "downloads"
    duties = list(csv.DictReader(io.StringIO((downloads / "paralegal-vs-legal-assistant-duties.csv").read_text())))
    assert sorted((row["role_id"], row["duty_id"], row["duty"]) for row in duties) == sorted(
        (role["id"], duty["id"], duty["text"]) for role in data["roles"] for duty in role["duties"])
    skills = list(csv.DictReader(io.StringIO((downloads / "paralegal-vs-legal-assistant-skills.csv").read_text())))
    assert len(skills) == sum(len(role["skills"]) for role in data["roles"])
    document = json.loads((downloads / "paralegal-vs-legal-assistant.json").read_text())
    assert document["source"] == "https://www.backofficelegal.com/paralegal-vs-legal-assistant/"
    assert {k: v for k, v in document.items() if k != "source"} == data


def test_every_duties_row_has_a_stable_anchor(site, data):
    page = site.page(GUIDE)
    ids = [row["id"] for row in page.select("table.bol-duties tbody tr")]
    assert ids == [f'area-{area["id"]}' for area in data["task_areas"]]


def test_occupations_are_described_for_search_engines(site, data):
    page = site.page(GUIDE)
    documents = [json.loads(tag.string) for tag in page.select('script[type="application/ld+json"]')]
    items = [item for doc in documents for item in doc["@graph"]]
    by_code = {item["occupationalCategory"]["codeValue"]: item for item in items if item["@type"] == "Occupation"}
    assert set(by_code) == {"23-2011", "43-6012"}
    paralegal = by_code["23-2011"]
    assert paralegal["@type"] == "Occupation" and paralegal["name"] == "Paralegal"
    assert paralegal["responsibilities"] == [duty["text"] for duty in data["roles"][0]["duties"]]
    assert paralegal["occupationalCategory"]["inCodeSet"]["name"] == "O*NET-SOC"
    assert "An associate's degree" in paralegal["educationRequirements"]
    assert by_code["43-6012"]["alternateName"] == ["Legal secretary", "Administrative assistant"]


@pytest.fixture(scope="module")
def changed_site(tmp_path_factory) -> Iterator[tuple[str, Path]]:
    """The site built from a data file with a new duty, a renamed service and a new code."""
    project = copy_project(tmp_path_factory.mktemp("changed") / "project")
    path = project / "data" / "comparison.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("        text: Maintain the filing systems\n",
                        "        text: Maintain the filing systems\n      - id: la-archive\n        area: records\n"
                        "        text: Archive closed matters & <old> files\n", 1)
    text = text.replace("name: File and records management", "name: Records and archives", 1)
    text = text.replace("code: 23-2011", "code: 23-2011.00", 1)
    path.write_text(text, encoding="utf-8")
    built = build_site(project, tmp_path_factory.mktemp("changed-site"))
    assert built.returncode == 0, built.output
    with serve_folder(built.site) as url:
        yield url, built.site


def test_changing_the_data_changes_the_tool_the_downloads_and_the_markup(browser, changed_site):
    url, folder = changed_site
    page = browser.new_page()
    page.goto(url + GUIDE + "?tasks=la-archive")
    assert picked(page) == ["Legal assistant: Archive closed matters & <old> files"]
    assert shown_services(page) == ["Records and archives"]
    page.close()
    with (folder / "downloads" / "paralegal-vs-legal-assistant-duties.csv").open(newline="", encoding="utf-8") as file:
        duties = list(csv.reader(file))
    assert ["la-archive", "Archive closed matters & <old> files", "Records and archives"] in [row[4:] for row in duties]
    html = (folder / GUIDE / "index.html").read_text()
    assert '"codeValue": "23-2011.00"' in html
    assert "Archive closed matters &amp; &lt;old&gt; files" in html


def test_every_link_within_a_page_lands_on_something(site):
    # The checklist links to the services list on the same page: both must be there.
    for file in site.site.rglob("*.html"):
        page = site.page(file.relative_to(site.site).as_posix())
        ids = {tag["id"] for tag in page.find_all(id=True)}
        missing = [a["href"] for a in page.select('a[href^="#"]') if a["href"] != "#" and a["href"][1:] not in ids]
        assert missing == [], file


def test_the_checklist_stays_out_of_the_search_index(site):
    # It repeats the duties table: search would list every duty twice.
    index = json.loads((site.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    guide_text = " ".join(doc["text"] for doc in index["docs"] if doc["location"].startswith(GUIDE))
    assert "Both roles work in this area" in site.page(GUIDE).get_text()
    assert "Both roles work in this area" not in guide_text
