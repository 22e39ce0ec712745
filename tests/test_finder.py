"""The "Which help do I need?" tool, in a real browser: the answer, the email and the copied
list, the contact page, sharing, no JavaScript, keyboard and screen readers, the phone
layout, and that it follows the data file and the firm's address in mkdocs.yml."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, ViewportSize

from conftest import ROOT, axe_violations, build_site, copy_project, mkdocs_settings, serve_folder

GUIDE = "paralegal-vs-legal-assistant/"
CONTACT = "contact/"
PHONE: ViewportSize = {"width": 390, "height": 844}
FIRM = mkdocs_settings()["extra"]["firm"]
SCREENSHOTS = ROOT / "reports" / "screenshots"


@pytest.fixture
def guide(browser: Browser, base_url: str) -> Iterator[Page]:
    """A phone reader's tab that may use the clipboard (as a reader who allows it)."""
    context = browser.new_context(viewport=PHONE, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    yield page
    context.close()


def summary(page: Page) -> str:
    """The answer line that sticks to the bottom of the screen."""
    return page.locator(".bol-finder-summary").inner_text()


def shown_services(page: Page) -> list[str]:
    """The services the answer lists, best fit first, with how many ticked tasks each covers."""
    return page.locator(".bol-answer-services li").all_inner_texts()


def picked(page: Page) -> dict[str, list[str]]:
    """The ticked tasks the answer lists, by role (each task's own text, without its notes)."""
    groups: dict[str, list[str]] = page.evaluate("""() => {
        const groups = {};
        for (const title of document.querySelectorAll('.bol-answer-tasks > p')) {
            groups[title.querySelector('strong').textContent] = [...title.nextElementSibling.children]
                .map(li => li.firstChild.textContent);
        }
        return groups;
    }""")
    return groups


def tick(page: Page, ids: list[str]) -> None:
    for duty_id in ids:
        page.check(f"#task-{duty_id}")


def table_order(data: dict[str, Any]) -> list[str]:
    """Every duty id in the checklist's order: by task area, then by role."""
    return [
        duty["id"]
        for area in data["task_areas"]
        for role in data["roles"]
        for duty in role["duties"]
        if duty["area"] == area["id"]
    ]


def ranking(data: dict[str, Any], ids: list[str]) -> list[str]:
    """The services the answer should list for these ticks, worked out here from the data alone: tasks
    done in person count toward none."""
    areas = {duty["id"]: duty["area"] for role in data["roles"] for duty in role["duties"] if duty["remote"] != "none"}
    ids = [i for i in ids if i in areas]
    counts = [(service["name"], sum(areas[i] in service["areas"] for i in ids)) for service in data["services"]]
    ordered = sorted((entry for entry in counts if entry[1]), key=lambda entry: -entry[1])  # stable: file order on ties
    return [f"{name}: {count} task{'' if count == 1 else 's'}" for name, count in ordered]


def duty(data: dict[str, Any], duty_id: str) -> dict[str, Any]:
    return next(d for role in data["roles"] for d in role["duties"] if d["id"] == duty_id)


# --- The answer ------------------------------------------------------------------------------


def test_ticking_tasks_answers_with_the_services_best_first_and_keeps_them_in_the_url(guide, base_url, data):
    guide.goto(base_url + GUIDE)
    assert summary(guide) == "Tick the tasks you need done: the answer shows here."
    assert guide.locator(".bol-answer").is_hidden()
    tick(guide, ["p-research", "p-draft", "la-appointments"])
    assert summary(guide) == (
        "Best fit: Legal research and drafting, for 2 of your 3 tasks. 1 more service covers the rest."
    )
    assert guide.locator(".bol-answer-advice").count() == 0  # the line just above the answer says it
    assert shown_services(guide) == [
        "Legal research and drafting: 2 tasks",
        "Calendar and appointment management: 1 task",
    ]
    assert picked(guide) == {
        "Paralegal work": [
            "Carry out legal research for the attorney",
            "Draft pleadings, documents and correspondence for the attorney",
        ],
        "Legal assistant work": ["Keep track of appointments for the lawyer or paralegal"],
    }
    assert guide.url.endswith(f"{GUIDE}?tasks=p-research&tasks=p-draft&tasks=la-appointments#which-help-tool")
    guide.uncheck("#task-p-draft")
    assert "p-draft" not in guide.url
    assert summary(guide) == (
        "2 of our services share your 2 tasks: Legal research and drafting; Calendar and appointment management."
    )


IN_PERSON_1 = "1 task needs someone at your office or in court: we can prepare for it."
IN_PERSON_2 = "2 tasks need someone at your office or in court: we can prepare for them."
ANSWERS = {
    "one": (["la-filing"], "File and records management covers your task."),
    "two for one service": (
        ["p-contact-clients", "la-phones"],
        "Client intake and communication covers both of your tasks.",
    ),
    "two services": (
        ["p-research", "la-appointments"],
        ("2 of our services share your 2 tasks: Legal research and drafting; Calendar and appointment management."),
    ),
    "a tie": (
        ["p-research", "p-draft", "p-contact-clients", "la-phones", "la-billing"],
        (
            "Best fits: Legal research and drafting; Client intake and communication (2 of your 5 tasks each). "
            "1 more service covers the rest."
        ),
    ),
    # Done in person: counted toward no service, and said apart.
    "in person only": (["la-greet"], IN_PERSON_1),
    "in person and one": (
        ["la-greet", "p-proceedings", "p-research"],
        "Legal research and drafting covers the one task we can take on remotely. " + IN_PERSON_2,
    ),
    "in person and two": (
        ["la-greet", "la-phones", "p-contact-clients"],
        "Client intake and communication covers both tasks we can take on remotely. " + IN_PERSON_1,
    ),
    "many": (
        12,
        "Best fit: Case and trial preparation, for 4 of your 10 tasks. 2 more services cover the rest. " + IN_PERSON_2,
    ),
    "all": (
        19,
        "Best fit: Case and trial preparation, for 5 of your 17 tasks. 6 more services cover the rest. " + IN_PERSON_2,
    ),
}


@pytest.mark.parametrize("ids, expected", ANSWERS.values(), ids=ANSWERS.keys())
def test_the_answer_reads_right_for_one_two_and_many_ticks(guide, base_url, data, ids, expected):
    ids = table_order(data)[:ids] if isinstance(ids, int) else ids
    guide.goto(base_url + GUIDE + "?" + "&".join(f"tasks={i}" for i in ids))
    assert summary(guide) == expected
    assert shown_services(guide) == ranking(data, ids)


def test_a_task_no_service_covers_is_named_as_such(browser, changed_site):
    url, _ = changed_site
    page = browser.new_page()
    page.goto(url + GUIDE + "?tasks=la-courier&tasks=la-filing")
    assert summary(page) == "Best fit: Records and archives, for 1 of your 2 tasks. 1 task is outside our services."
    page.goto(url + GUIDE + "?tasks=la-courier")
    assert summary(page) == "None of our services covers this task: send us the list and we will talk it through."
    page.close()


# --- Sending the list: the contact page's request form (tests/test_request.py) ------------------


def test_send_this_list_opens_the_request_form_with_the_ticks(guide, base_url):
    requested: list[str] = []
    guide.on("request", lambda request: requested.append(request.url))
    guide.goto(base_url + GUIDE)
    assert guide.locator(".bol-finder-bar .bol-send").is_hidden()  # nothing to send yet
    tick(guide, ["p-proceedings", "la-greet", "p-research"])
    ticks = "?tasks=p-research&tasks=la-greet&tasks=p-proceedings"
    sends = guide.locator(".bol-send")
    assert {sends.nth(i).get_attribute("href") for i in range(sends.count())} == {f"../{CONTACT}{ticks}#request"}
    # Named alike for screen readers: the short one's name starts with what it shows.
    assert guide.get_by_role("link", name="Send this list to Back Office Legal").count() == 2
    assert guide.locator(".bol-finder-bar .bol-send").inner_text() == "Send"
    # Every other link to the contact page carries the ticks too.
    buttons = guide.locator("article a", has_text="Book a free consultation")
    assert buttons.count() == 2  # at the top and at the end of the guide
    assert {buttons.nth(i).get_attribute("href") for i in range(2)} == {f"../{CONTACT}{ticks}"}

    guide.locator(".bol-finder-bar .bol-send").click()
    guide.wait_for_url(base_url + CONTACT + ticks + "#request")
    ticked = guide.eval_on_selector_all("#request input[name=tasks]:checked", "boxes => boxes.map(b => b.dataset.task)")
    assert ticked == ["p-research", "p-proceedings", "la-greet"]  # by service, those done in person last
    guide.get_by_role("link", name="Change the list in the guide").click()
    guide.wait_for_url(f"{base_url}{GUIDE}?tasks=p-research,p-proceedings,la-greet#which-help-tool")
    ticked = guide.eval_on_selector_all("input[name=tasks]:checked", "boxes => boxes.map(b => b.value)")
    assert ticked == ["p-research", "la-greet", "p-proceedings"]
    # No form service, no other host: everything stayed on the site.
    assert [url for url in requested if not url.startswith(base_url)] == []


def test_a_shared_link_restores_the_selection(guide, base_url):
    guide.goto(base_url + GUIDE + "?tasks=la-billing&tasks=p-summaries#which-help-tool")
    ticked = guide.eval_on_selector_all("input[name=tasks]:checked", "boxes => boxes.map(b => b.value)")
    assert ticked == ["p-summaries", "la-billing"]
    assert shown_services(guide) == ["Case and trial preparation: 1 task", "Billing and collections: 1 task"]
    # The comma-separated form a person may type works too.
    guide.goto(base_url + GUIDE + "?tasks=la-billing,p-billing")
    assert summary(guide) == "Billing and collections covers both of your tasks."


def test_clear_unticks_everything_and_returns_focus_to_the_list(guide, base_url):
    guide.goto(base_url + GUIDE + "?tasks=la-billing")
    guide.click(".bol-clear")
    assert guide.eval_on_selector_all("input[name=tasks]:checked", "boxes => boxes.length") == 0
    assert "tasks=" not in guide.url
    assert guide.locator(".bol-answer").is_hidden()
    assert guide.evaluate("document.activeElement.id") == "task-p-research"
    assert guide.locator("article a", has_text="Book a free consultation").last.get_attribute("href") == f"../{CONTACT}"


# --- Keyboard, screen readers, phones, no JavaScript ------------------------------------------


def test_the_tool_works_from_the_keyboard_alone(guide, base_url):
    guide.goto(base_url + GUIDE)
    guide.focus("#task-p-research")
    guide.keyboard.press("Space")
    guide.keyboard.press("Tab")  # the service link in the next task area's heading
    assert guide.evaluate("document.activeElement.textContent") == "Client intake and communication"
    guide.keyboard.press("Tab")
    guide.keyboard.press("Space")
    assert guide.evaluate("document.activeElement.id") == "task-p-contact-clients"
    assert picked(guide) == {
        "Paralegal work": ["Carry out legal research for the attorney", "Get in touch with clients about their matters"]
    }
    guide.keyboard.press("Shift+Tab")
    guide.keyboard.press("Shift+Tab")
    guide.keyboard.press("Shift+Tab")  # back past the box to the first area's service link
    assert guide.evaluate("document.activeElement.textContent") == "Legal research and drafting"


def test_results_are_announced_politely_to_screen_readers(guide, base_url, data):
    guide.goto(base_url + GUIDE)
    live = guide.locator(".bol-finder-summary")
    assert live.get_attribute("role") == "status"  # implicit aria-live="polite"
    guide.check("#task-la-filing")
    assert live.inner_text() == "File and records management covers your task."
    # Each checkbox is named by its task and described by its area, its role and, where a
    # remote team cannot do all of it, why.
    box = guide.locator("#task-la-filing")
    label = guide.evaluate("id => document.getElementById(id).labels[0].textContent", "task-la-filing")
    assert label == "Maintain the filing systems"
    assert box.get_attribute("aria-describedby") == "tool-area-records done-by-la-filing remote-la-filing"
    note = " ".join(duty(data, "la-filing")["remote_note"].split())
    assert guide.locator("#remote-la-filing").inner_text() == "In part. " + note
    assert guide.locator("#task-la-phones").get_attribute("aria-describedby") == "tool-area-clients done-by-la-phones"


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(
    "path",
    [
        GUIDE + "?tasks=p-research&tasks=la-billing&tasks=p-proceedings",
        CONTACT + "?tasks=p-research&tasks=la-billing&tasks=p-proceedings",
    ],
)
def test_the_tool_and_the_contact_pages_list_have_no_wcag_violations(browser, base_url, scheme, path, width):
    page = browser.new_page(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page.goto(base_url + path)
    assert page.locator(".bol-answer:visible, .bol-request-chosen:visible").count() == 1
    assert axe_violations(page) == []
    page.close()


def test_the_tool_and_its_answer_fit_a_phone(guide, base_url):
    guide.goto(base_url + GUIDE + "#which-help-tool")
    guide.check("#task-la-admin")  # the last task: the list has scrolled far from the top
    assert guide.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    box = guide.locator(".bol-finder-bar").bounding_box()
    assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"]
    guide.locator(".bol-answer").scroll_into_view_if_needed()
    assert guide.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


@pytest.mark.parametrize("count", [1, 5, 12, 19])
def test_the_answer_line_takes_at_most_12_percent_of_a_phone_screen(guide, base_url, data, count):
    ids = table_order(data)[:count]
    guide.goto(base_url + GUIDE + "?" + "&".join(f"tasks={i}" for i in ids) + "#which-help-tool")
    guide.mouse.wheel(0, 800)  # in the middle of the list, where the line sticks to the bottom
    guide.wait_for_function("() => window.scrollY > 0")
    box = guide.locator(".bol-finder-bar").bounding_box()
    assert box is not None and box["height"] <= 0.12 * PHONE["height"], box
    assert abs(box["y"] + box["height"] - PHONE["height"]) <= 1, box  # stuck to the bottom edge
    assert guide.locator(".bol-finder-bar .bol-send").is_visible()


def test_the_guide_opens_with_where_to_go_next_within_two_phone_screens(guide, base_url):
    # The length and the main differences table: tests/test_guide_layout.py.
    guide.goto(base_url + GUIDE)
    top = guide.evaluate("""() => [...document.querySelectorAll('article h2, article a.md-button')]
        .map(e => [e.firstChild.textContent.trim(), e.getBoundingClientRect().bottom + scrollY])""")
    first: dict[str, float] = {}
    for text, bottom in top:
        first.setdefault(text, bottom)
    assert next(iter(first)) == "Tick your tasks" and list(first)[2] == "The main differences"
    assert first["Tick your tasks"] <= 2 * PHONE["height"]
    assert first["Book a free consultation"] <= 2 * PHONE["height"]  # the first of them
    guide.get_by_role("link", name="Tick your tasks").click()
    heading = guide.locator("#which-role-does-your-firm-need").bounding_box()
    assert heading is not None and 0 <= heading["y"] < PHONE["height"]


def test_without_javascript_the_checklist_reads_as_a_table_with_a_link_to_the_request_form(browser, base_url, data):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(base_url + GUIDE)
    assert page.locator(".bol-answer").is_hidden()
    assert page.locator(".bol-finder-bar").is_hidden()
    rows = page.locator("#which-help-tool tbody tr[data-task]")
    labels = {"all": "Yes", "part": "In part", "none": "No"}
    duties = [(d["text"], role["name"], labels[d["remote"]]) for role in data["roles"] for d in role["duties"]]
    seen = [
        (
            row.locator("th").inner_text(),
            row.locator("td").nth(1).inner_text(),
            row.locator("td").nth(2).inner_text().split(".")[0],
        )
        for row in rows.all()
    ]
    assert sorted(seen) == sorted(duties)
    research = page.locator("tr#area-research th").inner_text()
    assert "Our service: Legal research and drafting" in research
    fallback = page.locator(".bol-finder-fallback a")
    assert fallback.is_visible()
    assert fallback.get_attribute("href") == f"../{CONTACT}#request"
    fallback.click()
    page.wait_for_url(base_url + CONTACT + "#request")
    assert page.locator("#request-name").is_visible()
    assert page.locator(f'article .bol-contact a[href="mailto:{FIRM["email"]}"]').is_visible()
    context.close()


# --- What the build writes -------------------------------------------------------------------


def test_the_scripts_are_served_by_the_site_and_small(site):
    for path, script in ((GUIDE, "which-help.js"), (CONTACT, "request.js")):
        scripts = [tag["src"] for tag in site.page(path).select("article script[src]")]
        assert scripts == [f"../javascripts/{script}"]
        # Everything the checklist shows is in the page's JSON block, the form's texts in its
        # markup; the scripts only read and write them.
        assert (site.site / "javascripts" / script).stat().st_size < 12_000


def test_the_tools_data_comes_from_the_data_file(site, data):
    for path in (GUIDE,):
        block = site.page(path).select_one("article script.bol-finder-data")
        document = json.loads(block.string)
        assert [task["id"] for task in document["tasks"]] == table_order(data)
        proceedings = next(task for task in document["tasks"] if task["id"] == "p-proceedings")
        assert proceedings["remote"] == "none"
        assert proceedings["remoteNote"] == duty(data, "p-proceedings")["remote_note"]
        assert proceedings["services"] == ["case-preparation"]
    # No inline script to run and no inline style: the pages work under a strict Content-Security-Policy.
    for path in (GUIDE, CONTACT):
        page = site.page(path)
        inline = [
            tag
            for tag in page.select("article script:not([src])")
            if tag.get("type") not in ("application/json", "application/ld+json")
        ]
        assert inline == []
        assert page.select("article [style]") == []
        assert [tag for tag in page.select("article *") if any(name.startswith("on") for name in tag.attrs)] == []


def test_downloads_match_the_data_and_are_linked_under_the_tables(site, data):
    page = site.page(GUIDE)
    links = {a["href"] for a in page.select(".bol-downloads a")}
    assert links == {
        "../downloads/paralegal-vs-legal-assistant-duties.csv",
        "../downloads/paralegal-vs-legal-assistant-skills.csv",
        "../downloads/paralegal-vs-legal-assistant.json",
    }
    downloads = site.site / "downloads"
    duties = list(csv.DictReader(io.StringIO((downloads / "paralegal-vs-legal-assistant-duties.csv").read_text())))
    assert sorted(
        (row["role_id"], row["duty_id"], row["duty"], row["remote"], row["remote_note"]) for row in duties
    ) == sorted(
        (role["id"], d["id"], d["text"], d["remote"], d.get("remote_note", ""))
        for role in data["roles"]
        for d in role["duties"]
    )
    skills = list(csv.DictReader(io.StringIO((downloads / "paralegal-vs-legal-assistant-skills.csv").read_text())))
    assert len(skills) == sum(len(role["skills"]) for role in data["roles"])
    document = json.loads((downloads / "paralegal-vs-legal-assistant.json").read_text())
    assert document["source"] == "https://www.backofficelegal.com/paralegal-vs-legal-assistant/"
    assert {k: v for k, v in document.items() if k != "source"} == data


def test_every_task_area_of_the_table_has_a_stable_anchor(site, data):
    page = site.page(GUIDE)
    ids = [row["id"] for row in page.select("table.bol-checklist tr.bol-checklist-area")]
    assert ids == [f"area-{area['id']}" for area in data["task_areas"]]


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
    """The site built from a data file with two new duties (one no service covers), a renamed
    service, a new occupation code, and another address for the firm."""
    project = copy_project(tmp_path_factory.mktemp("changed") / "project")
    path = project / "data" / "comparison.yml"
    text = path.read_text(encoding="utf-8")
    new_duties = (
        "      - id: la-archive\n        area: records\n        text: Archive closed matters & <old> files\n"
        "        remote: part\n"
        "        remote_note: The boxes stay in the office & someone there packs them.\n"
        "        ask: Archive our closed matters & <old> files\n"
        "      - id: la-courier\n        area: courier\n        text: Take papers to the courthouse\n"
        "        remote: part\n        remote_note: Someone from the firm goes in person.\n"
        "        ask: Take our papers to the courthouse\n"
    )
    marker = "      - id: la-admin\n"
    assert marker in text
    text = text.replace(marker, new_duties + marker, 1)
    text = text.replace(
        "task_areas:\n",
        "task_areas:\n  - id: courier\n    name: Courier runs\n    description: Taking papers where they need to go.\n",
        1,
    )
    text = text.replace("name: File and records management", "name: Records and archives", 1)
    text = text.replace("code: 23-2011", "code: 23-2011.00", 1)
    path.write_text(text, encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("consultations@example.com", "hello@example.org"), encoding="utf-8"
    )
    built = build_site(project, tmp_path_factory.mktemp("changed-site"))
    assert built.returncode == 0, built.output
    with serve_folder(built.site) as url:
        yield url, built.site


def test_changing_the_data_changes_the_tool_the_email_the_downloads_and_the_markup(browser, changed_site):
    url, folder = changed_site
    page = browser.new_page()
    page.goto(url + GUIDE + "?tasks=la-archive")
    assert picked(page) == {"Legal assistant work": ["Archive closed matters & <old> files"]}
    assert shown_services(page) == ["Records and archives: 1 task"]
    assert page.locator("#remote-la-archive").inner_text() == (
        "In part. The boxes stay in the office & someone there packs them."
    )
    page.goto(url + CONTACT + "?tasks=la-archive")
    assert page.locator("#request").get_attribute("data-email") == "hello@example.org"
    assert page.locator(".bol-request-chosen li").all_inner_texts() == ["Archive our closed matters & <old> files"]
    page.close()
    with (folder / "downloads" / "paralegal-vs-legal-assistant-duties.csv").open(newline="", encoding="utf-8") as file:
        duties = list(csv.reader(file))
    assert [
        "la-archive",
        "Archive closed matters & <old> files",
        "Records and archives",
        "part",
        "The boxes stay in the office & someone there packs them.",
    ] in [row[4:] for row in duties]
    html = (folder / GUIDE / "index.html").read_text()
    assert '"codeValue": "23-2011.00"' in html
    assert "Archive closed matters &amp; &lt;old&gt; files" in html
    assert "<old>" not in html.split('class="bol-finder-data">')[1].split("</script>")[0]  # escaped in the JSON too


def test_every_link_within_a_page_lands_on_something(site):
    # The checklist links to the services list on the same page, the guide to the table's areas.
    for file in site.site.rglob("*.html"):
        page = site.page(file.relative_to(site.site).as_posix())
        ids = {tag["id"] for tag in page.find_all(id=True)}
        missing = [a["href"] for a in page.select('a[href^="#"]') if a["href"] != "#" and a["href"][1:] not in ids]
        assert missing == [], file


def test_the_checklist_stays_out_of_the_search_index(site):
    # Each duty is searchable once, in its role's list; the table would list it again.
    index = json.loads((site.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    guide_text = " ".join(doc["text"] for doc in index["docs"] if doc["location"].startswith(GUIDE))
    caption = site.page(GUIDE).select_one("table.bol-checklist caption").get_text()
    assert caption.startswith("Who does what") and caption not in guide_text


# --- Screenshots for reviewers ---------------------------------------------------------------

FIVE = "?tasks=p-research&tasks=la-greet&tasks=la-phones&tasks=p-proceedings&tasks=p-summaries"


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize(
    "name, path, target",
    [
        ("guide-top", GUIDE, None),
        ("answer-5-ticks", GUIDE + FIVE + "#which-help-tool", ".bol-answer"),
        ("contact-list", CONTACT + FIVE, None),
    ],
)
def test_screenshots_of_the_answer_for_reviewers(browser, base_url, name, path, target, width):
    page = browser.new_page(viewport={"width": width, "height": 844 if width == 390 else 900})
    page.goto(base_url + path, wait_until="networkidle")
    if target:  # the table's last rows with the answer line stuck under them, then the answer
        page.locator(target).evaluate("el => window.scrollTo(0, el.getBoundingClientRect().top + scrollY - 400)")
        page.wait_for_function("() => window.scrollY > 0")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    file = SCREENSHOTS / f"{name}-{width}.png"
    page.screenshot(path=file, full_page=name == "contact-list")
    page.close()
    assert int.from_bytes(file.read_bytes()[16:20], "big") == width
