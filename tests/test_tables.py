"""The pure functions behind the tables, and the HTML the templates make of them."""

# These tests walk the rendered HTML with BeautifulSoup (table.caption, select_one(...)["href"]),
# whose lookups may return None: a missing element fails the test at once, so mypy's checks
# for None and for multi-valued attributes would only add an assert before each lookup.
# mypy: disable-error-code="union-attr, index"

from __future__ import annotations

import copy
import csv
import io
import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import mkdocs_settings
from macros.content import open_data, request, tables
from macros.content.comparison import load_comparison
from macros.views.renderers import HelpFinder, Renderer

ROOT = Path(__file__).resolve().parent.parent
# The key pages the macros link to, as mkdocs.yml names them (extra.pages).
KEY_PAGES = mkdocs_settings()["extra"]["pages"]
NASTY = "Use <b>bold</b> & a | pipe, {{ braces }} and *stars*"


@pytest.fixture(scope="module")
def real():
    return load_comparison(ROOT)


@pytest.fixture
def data(real):
    return copy.deepcopy(real)


def soup(markup: str) -> BeautifulSoup:
    return BeautifulSoup(str(markup), "html.parser")


def renderer(data, firm=None, page: str = "paralegal-vs-legal-assistant/") -> Renderer:
    return Renderer(data, firm or {}, KEY_PAGES, lambda: page)


def test_difference_rows_cover_every_aspect_the_guide_promises_for_each_role(data):
    rows = tables.difference_rows(data)
    assert [row.label for row in rows] == [
        "Kind of work",
        "Supervision and responsibility",
        "Billed to clients as legal work?",
        "Usual training",
        "Voluntary credentials",
        "Skills it relies on",
        "Other job titles",
        "US occupation code",
    ]
    assert all(len(row.cells) == len(data["roles"]) for row in rows)
    training = next(row for row in rows if row.key == "training")
    assert [item.text for item in training.cells[0].items] == data["roles"][0]["education"]["routes"]


def test_sourced_cells_cite_their_sources_by_number(data):
    rows = {row.key: row for row in tables.difference_rows(data)}
    supervision = rows["supervision"].cells[0].items[0]
    numbers = {source["id"]: n for n, source in enumerate(data["sources"], start=1)}
    assert supervision.text == data["roles"][0]["supervision"]["text"]
    assert [(c.number, c.source["id"]) for c in supervision.cites] == [
        (numbers[i], i) for i in data["roles"][0]["supervision"]["sources"]
    ]
    code = rows["occupation"].cells[1].items[0]
    assert code.text == "43-6012 Legal Secretaries and Administrative Assistants"
    assert code.link == data["roles"][1]["onet_soc"]["url"] and code.cites


def test_credentials_are_grouped_by_who_awards_them_and_given_in_full_in_education(data):
    rows = {row.key: row for row in tables.difference_rows(data)}
    assert [item.text for item in rows["credentials"].cells[0].items] == ["NALA: CP, ACP", "NFPA: RP, CRP", "NALS: PP"]
    education = {row.key: row for row in tables.education_rows(data)}
    assert education["credentials"].cells[0].items[0].text == "Certified Paralegal (CP), from NALA after its exam"
    data["roles"][1]["credentials"] = []
    assert tables.difference_rows(data)[4].cells[1] == tables.Cell([], "None that this guide lists")


def test_role_without_other_titles_says_so(data):
    data["roles"][0]["other_titles"] = []
    titles = next(row for row in tables.difference_rows(data) if row.key == "titles")
    assert titles.cells[0] == tables.Cell([], "None in common use")
    assert [item.text for item in titles.cells[1].items] == ["Legal secretary", "Administrative assistant"]


def test_duty_rows_line_up_duties_by_area_and_say_who_acts(data):
    rows = {row.area["id"]: row for row in tables.duty_rows(data)}
    assert list(rows) == [area["id"] for area in data["task_areas"]]
    assert rows["research"].acting == ["Paralegal"]
    assert rows["scheduling"].acting == ["Legal assistant"]
    assert rows["clients"].acting == ["Paralegal", "Legal assistant"]
    assert [d["id"] for d in rows["evidence"].cells[0]] == ["p-exhibits", "p-summaries"]
    assert rows["research"].cells[1] == []


def test_every_duty_lands_in_exactly_one_row_and_column(data):
    placed = [duty["id"] for row in tables.duty_rows(data) for cell in row.cells for duty in cell]
    every = [duty["id"] for role in data["roles"] for duty in role["duties"]]
    assert sorted(placed) == sorted(every)


def test_skill_rows_say_what_each_skill_means_in_every_role_and_which_it_relies_on(data):
    rows = {row.name: row for row in tables.skill_rows(data)}
    assert [row.name for row in tables.skill_rows(data)] == [skill["name"] for skill in data["skills"]]
    research = rows["Legal research"].cells
    assert research[0].core and research[0].detail.startswith("Finds and summarizes")
    assert not research[1].core and research[1].detail
    assert rows["Data entry"].cells[1].core and not rows["Data entry"].cells[0].core


def test_career_rows_name_the_role_that_suits_each_situation(data):
    rows = tables.career_rows(data)
    assert [(row.situation, row.role["id"]) for row in rows] == [(c["if"], c["choose"]) for c in data["career"]]


def test_shared_areas_are_those_where_both_roles_have_duties(data):
    assert [a["id"] for a in tables.shared_areas(data)] == ["clients", "documents", "witnesses", "evidence", "billing"]


def test_services_know_their_areas_and_the_roles_they_replace(data):
    views = {view.service["id"]: view for view in tables.service_views(data)}
    assert [a["name"] for a in views["calendar"].areas] == ["Calendars and appointments"]
    assert views["calendar"].roles == ["Legal assistant"]
    assert views["research-drafting"].roles == ["Paralegal", "Legal assistant"]


def test_unknown_role_id_lists_the_ids_there_are(data):
    with pytest.raises(tables.UnknownId, match=r'no role "paralegl".*expected one of: paralegal, legal_assistant'):
        tables.role_by_id(data, "paralegl")


@pytest.mark.parametrize(
    "items, expected",
    [
        (["a"], "a"),
        (["a", "b"], "a or b"),
        (["a", "b", "c"], "a, b or c"),
    ],
)
def test_join_words_reads_like_a_sentence(items, expected):
    assert tables.join_words(items, "or") == expected


def test_inline_text_shows_markup_characters_as_text():
    escaped = tables.inline_text(NASTY)
    assert "<b>" not in escaped and "{{" not in escaped and "|" not in escaped and "*" not in escaped
    assert soup(escaped).get_text() == NASTY


def test_escape_tree_escapes_every_string_and_keeps_the_shape():
    tree = tables.escape_tree({"a": ["<x>", {"b": "&"}], "n": 3})
    assert tree == {"a": ["&lt;x&gt;", {"b": "&amp;"}], "n": 3}


@pytest.mark.parametrize(
    "macro", ["differences_table", "education_table", "duties_table", "skills_table", "career_table"]
)
def test_tables_are_accessible(data, macro):
    table = soup(getattr(renderer(data), macro)()).table
    assert table.caption and table.caption.get_text(strip=True)
    assert all(th["scope"] == "col" for th in table.thead.find_all("th"))
    for row in table.tbody.find_all("tr"):
        assert row.th["scope"] == "row"
        # Each cell carries its column's name for the stacked phone layout.
        assert all(td["data-label"] for td in row.find_all("td"))


def test_values_from_data_render_as_text_and_keep_the_table_whole(data):
    data["roles"][0]["duties"][0]["text"] = NASTY
    data["roles"][0]["focus"] = NASTY
    data["skills"][0]["name"] = NASTY
    data["task_areas"][0]["name"] = NASTY
    data["roles"][1]["billing"]["text"] = NASTY
    data["roles"][0]["skills"][0]["detail"] = NASTY
    data["sources"][0]["title"] = NASTY
    data["career"][0]["because"] = NASTY
    data["roles"][0]["education"]["length"]["text"] = NASTY
    html = renderer(data)
    for markup in (
        html.duties_table(),
        html.differences_table(),
        html.skills_table(),
        html.education_table(),
        html.career_table(),
        html.sources_list(),
        html.duty_list("paralegal"),
    ):
        page = soup(markup)
        assert page.find("b") is None
        assert NASTY in page.get_text()
    differences = soup(html.differences_table())
    assert all(len(tr.find_all("td")) == 2 for tr in differences.tbody.find_all("tr"))
    duties = soup(html.duties_table())
    # Every row still has one header and one cell per role plus "Done by".
    assert all(len(tr.find_all("td")) == 3 for tr in duties.tbody.find_all("tr"))


def test_duties_table_rows_have_stable_anchors(data):
    rows = soup(renderer(data).duties_table()).tbody.find_all("tr")
    assert [tr["id"] for tr in rows] == [f"area-{area['id']}" for area in data["task_areas"]]


def test_contact_details_link_email_and_phone():
    firm = {"email": "a@example.com", "phone": "+1 (555) 010-0100", "hours": "9-5"}
    html = soup(renderer({"roles": []}, firm).contact_details())
    links = [a["href"] for a in html.find_all("a")]
    assert links == ["mailto:a@example.com", "tel:+15550100100"]


def test_page_roles_are_escaped_and_explain_a_misspelt_field(data):
    data["roles"][0]["focus"] = "<i>x</i>"
    roles = tables.page_roles(data)
    assert roles["paralegal"]["focus"] == "&lt;i&gt;x&lt;/i&gt;"
    with pytest.raises(tables.UnknownField, match=r'roles\.paralegal has no "eduction"; expected one of: id, name'):
        roles["paralegal"]["eduction"]
    expected = 'roles has no "paralegl"; expected one of: paralegal, legal_assistant'
    with pytest.raises(tables.UnknownField, match=expected):
        roles["paralegl"]


def test_services_list_the_duties_they_take_on_role_by_role(data):
    views = {view.service["id"]: view for view in tables.service_views(data)}
    billing = views["billing"]
    assert [(item.role, item.duty["id"]) for item in billing.duties] == [
        ("Paralegal", "p-billing"),
        ("Legal assistant", "la-billing"),
    ]
    # Every duty is taken on by the services covering its area, and by no other.
    for view in views.values():
        assert all(item.duty["area"] in view.service["areas"] for item in view.duties)


def test_checklist_groups_every_duty_under_its_area_with_the_covering_services(data):
    groups = tables.checklist_groups(data)
    assert [group.area["id"] for group in groups] == [area["id"] for area in data["task_areas"]]
    ticked = sorted(task.duty["id"] for group in groups for task in group.tasks)
    assert ticked == sorted(duty["id"] for role in data["roles"] for duty in role["duties"])
    billing = next(group for group in groups if group.area["id"] == "billing")
    assert billing.shared and [service["id"] for service in billing.services] == ["billing"]
    research = next(group for group in groups if group.area["id"] == "research")
    assert not research.shared and research.acting == ["Paralegal"]


SITE_NAME = "Back Office Legal"
FIRM = {"email": "a@example.com", "phone": "+1 (555) 010-0100", "hours": "9-5"}


def finder(data, page: str = "paralegal-vs-legal-assistant/") -> HelpFinder:
    return HelpFinder(data, FIRM, KEY_PAGES, lambda: page, SITE_NAME)


def test_help_finder_is_a_labelled_checklist_whose_values_render_as_text(data):
    data["roles"][1]["duties"][0]["text"] = NASTY
    page = soup(finder(data).help_finder())
    boxes = page.select("input[type=checkbox][name=tasks]")
    assert len(boxes) == sum(len(role["duties"]) for role in data["roles"])
    for box in boxes:
        label = page.select_one(f'label[for="{box["id"]}"]')
        assert label and label.get_text(strip=True)
        assert all(page.find(id=ref) for ref in box["aria-describedby"].split())
    assert page.find("b") is None and NASTY in page.get_text()
    assert page.select_one("script[src]")["src"] == "../javascripts/which-help.js"
    # The answer and its line are shown only by the script, once something is ticked.
    assert page.select_one(".bol-answer").has_attr("hidden") and page.select_one(".bol-finder-bar").has_attr("hidden")
    # No explicit ARIA roles on table parts: the current Nu Html Checker rejects them. The table
    # itself keeps role="table", the one role ARIA in HTML allows to restore it when stacked.
    assert page.select("table [role]") == [] and [t["role"] for t in page.select("table[role]")] == ["table"]


def test_the_checklist_shows_each_task_with_its_role_and_whether_a_remote_team_can_do_it(data):
    page = soup(finder(data).help_finder())
    rows = {row["data-task"]: row for row in page.select("tr[data-task]")}
    assert list(rows) == [
        d["id"]
        for area in data["task_areas"]
        for role in data["roles"]
        for d in role["duties"]
        if d["area"] == area["id"]
    ]

    def cells(duty_id):
        return [" ".join(cell.get_text(" ", strip=True).split()) for cell in rows[duty_id].find_all(["th", "td"])[1:]]

    assert cells("p-research") == ["Carry out legal research for the attorney", "Paralegal", "Yes"]
    proceedings = next(d for d in data["roles"][0]["duties"] if d["id"] == "p-proceedings")
    assert cells("p-proceedings") == [
        "Attend legal proceedings alongside the attorney",
        "Paralegal",
        "No. " + " ".join(proceedings["remote_note"].split()),
    ]
    assert cells("la-filing")[2].startswith("In part. ")
    # The task area's heading says who works in it and which service covers it.
    heading = " ".join(page.select_one("tr#area-court th").get_text(" ", strip=True).split())
    assert heading.endswith("Paralegal only. Our service: Case and trial preparation")
    assert "Both roles work in this area" in page.select_one("tr#area-billing th").get_text()


def test_the_checklists_data_carries_every_task_and_where_its_links_go(data):
    page = soup(finder(data).help_finder())
    document = json.loads(str(page.select_one("script.bol-finder-data").string))
    assert "email" not in document  # the contact page's request form writes to the firm, not the guide
    assert document["contact"] == "../contact/"
    assert document["servicesUrl"] == "../services/"  # the service cards are on the services page
    assert [role["name"] for role in document["roles"]] == ["Paralegal", "Legal assistant"]
    greet = next(task for task in document["tasks"] if task["id"] == "la-greet")
    assert greet == {
        "id": "la-greet",
        "text": "Welcome clients when they arrive",
        "role": "legal_assistant",
        "area": "clients",
        "services": ["client-intake"],
        "remote": "none",
        "remoteLabel": "No",
        "remoteNote": next(d for d in data["roles"][1]["duties"] if d["id"] == "la-greet")["remote_note"],
    }
    research = next(task for task in document["tasks"] if task["id"] == "p-research")
    assert research["remoteNote"] is None and research["remoteLabel"] == "Yes"


def test_the_checklist_sends_its_list_to_the_request_form_and_links_to_confidentiality(data):
    page = soup(finder(data).help_finder())
    assert page.select_one(".bol-finder-fallback a")["href"] == "../contact/#request"
    assert {a["href"] for a in page.select(".bol-send")} == {"../contact/#request"}
    assert page.find("a", string="How we keep your client files confidential")["href"] == "../confidentiality/"
    assert page.select('a[href^="mailto:"]') == []


def request_form(data, firm=FIRM) -> BeautifulSoup:
    return soup(HelpFinder(data, firm, KEY_PAGES, lambda: "contact/", SITE_NAME).request_form())


def test_the_request_form_lists_every_task_in_the_firms_words_by_service_in_person_apart(data):
    data["roles"][0]["duties"][0]["ask"] = NASTY
    page = request_form(data)
    groups = {
        group.legend.get_text(): [box["data-task"] for box in group.select("input[name=tasks]")]
        for group in page.select("fieldset.bol-request-group")
    }
    assert next(iter(groups)) == "Legal research and drafting"
    assert list(groups)[-1] == "In person, at your office or in court"
    assert groups["In person, at your office or in court"] == ["p-proceedings", "la-greet"]
    assert groups["Client intake and communication"] == ["p-contact-clients", "p-interview-clients", "la-phones"]
    assert sorted(i for ids in groups.values() for i in ids) == sorted(
        d["id"] for role in data["roles"] for d in role["duties"]
    )
    research = page.select_one("#request-task-p-research")
    assert research["value"] == NASTY and page.select_one('label[for="request-task-p-research"]').get_text() == NASTY
    assert page.find("b") is None
    # The group's heading as the firm writes it in the email.
    assert page.select("fieldset.bol-request-group")[-1]["data-email-title"] == "In person, at our office or in court"


def test_a_task_no_service_covers_is_grouped_as_other(data):
    data["roles"][0]["duties"].append({"id": "p-run", "area": "courier", "text": "Run", "remote": "all", "ask": "Run"})
    data["task_areas"].append({"id": "courier", "name": "Courier", "description": "d"})
    groups = [(group.kind, [task.id for task in group.tasks]) for group in request.request_groups(data)]
    assert groups[-2:] == [("other", ["p-run"]), ("in_person", ["p-proceedings", "la-greet"])]


def test_the_request_form_labels_every_field_and_marks_the_required_ones(data):
    page = request_form(data)
    form = page.select_one("form#request")
    fields = form.select("input[name]:not([type=hidden]), select[name], textarea[name]")
    for item in fields:
        assert page.select_one(f'label[for="{item["id"]}"]'), item
        assert all(page.find(id=ref) for ref in item.get("aria-describedby", "").split())
    required = {item["name"] for item in fields if item.has_attr("required")}
    assert required == {"name", "firm", "email"}
    for name in required:
        label = page.select_one(f'label[for="request-{name}"]').get_text(" ", strip=True)
        assert label.endswith("(required)")
        assert form.select_one(f"[name={name}]")["data-missing"].startswith("Enter ")
    names = {item["name"] for item in fields}
    assert {"tasks", "name", "firm", "email", "phone", "firm_size", "practice", "best_time", "message"} <= names
    assert form.select("select option")[0].get_text() == "Choose"
    assert form.select_one(".bol-error-summary").has_attr("hidden")


def test_without_a_form_address_the_form_writes_an_email_to_the_firm(data):
    form = request_form(data).select_one("form#request")
    assert form["action"] == "mailto:a@example.com?subject=Consultation%20request"
    assert form["method"] == "post" and form["enctype"] == "text/plain" and form["data-send"] == "email"
    assert "opens your email program" in form.get_text()
    assert form.select_one("button.bol-copy").get_text() == "Copy the request"
    assert form.select("input[type=hidden]") == []


def test_with_a_form_address_the_form_posts_there(data):
    form = request_form(data, {**FIRM, "form_action": "https://forms.firm.test/send?x=1&y=2"}).select_one(
        "form#request"
    )
    assert form["action"] == "https://forms.firm.test/send?x=1&y=2" and form["method"] == "post"
    assert not form.has_attr("enctype") and form["data-send"] == "post"
    assert {item["name"]: item.has_attr("disabled") for item in form.select("input[type=hidden]")} == {
        "subject": True,
        "request": True,
    }
    assert form.select("button.bol-copy") == [] and "opens your email program" not in form.get_text()


def test_without_an_address_or_a_form_the_contact_page_says_so_instead_of_a_dead_form(data):
    page = request_form(data, {"email": None, "form_action": None})
    assert page.select("form") == [] and "once our contact details are confirmed" in page.get_text()


def test_finder_document_follows_any_number_of_roles_and_services(data):
    data["roles"].append(
        {
            **copy.deepcopy(data["roles"][1]),
            "id": "clerk",
            "name": "Clerk",
            "duties": [
                {
                    "id": "c-run",
                    "area": "court",
                    "text": "Run errands",
                    "remote": "none",
                    "remote_note": "In person.",
                    "ask": "Run our errands",
                }
            ],
        }
    )
    data["services"].append({"id": "court-runs", "name": "Court runs", "summary": "s", "areas": ["court"]})
    document = tables.finder_document(data)
    assert [role["id"] for role in document["roles"]] == ["paralegal", "legal_assistant", "clerk"]
    run = next(task for task in document["tasks"] if task["id"] == "c-run")
    assert run["services"] == ["case-preparation", "court-runs"] and run["remoteLabel"] == "No"
    page = soup(finder(data).help_finder())
    assert "All roles work in this area" not in page.get_text()  # no area has duties of all three
    assert len(page.select("tr[data-task]")) == sum(len(role["duties"]) for role in data["roles"])


def test_duties_table_says_which_duties_a_remote_team_cannot_do_in_full(data):
    table = soup(renderer(data).duties_table())
    court = table.select_one("tr#area-court li")
    assert court.select_one(".bol-note").get_text().startswith("Done remotely: No. Someone from the firm attends")
    assert table.select_one("tr#area-research li .bol-note") is None  # "Yes" goes without saying


def test_services_list_names_the_duties_that_need_someone_at_the_firm(data):
    cards = {li["id"]: li for li in soup(renderer(data).services_list()).select("li.bol-service")}

    def values(card: str, term: str) -> list[str] | None:
        found = [dt for dt in cards[card].select("dl.bol-card-facts dt") if dt.get_text() == term]
        if not found:
            return None
        values, here = [], found[0].find_next_sibling()
        while here is not None and here.name == "dd":
            values.append(here.get_text())
            here = here.find_next_sibling()
        return values

    assert values("service-case-preparation", "Needs someone at your firm") == [
        "Attend legal proceedings alongside the attorney"
    ]
    assert values("service-case-preparation", "Done partly remotely") == ["Interview witnesses"]
    assert values("service-client-intake", "Needs someone at your firm") == ["Welcome clients when they arrive"]
    assert values("service-billing", "Needs someone at your firm") is None
    assert values("service-billing", "Done partly remotely") is None
    # The task areas and roles are lists of names, never strung into a sentence.
    assert values("service-research-drafting", "Task areas") == ["Legal research", "Documents and correspondence"]
    assert values("service-research-drafting", "Work usually done by") == ["Paralegal", "Legal assistant"]


def test_service_views_split_duties_by_what_a_remote_team_can_do(data):
    views = {view.service["id"]: view for view in tables.service_views(data)}
    assert [item.duty["id"] for item in views["case-preparation"].in_person] == ["p-proceedings"]
    assert [item.duty["id"] for item in views["case-preparation"].partly_remote] == ["p-interview-witnesses"]
    assert [item.duty["id"] for item in views["operations"].partly_remote] == ["la-operations", "la-admin"]
    assert views["billing"].in_person == [] and views["billing"].partly_remote == []


def test_skill_list_shows_the_skills_a_role_relies_on_with_what_they_mean(data):
    items = soup(renderer(data).skill_list("legal_assistant")).find_all("li")
    core = [entry for entry in data["roles"][1]["skills"] if entry["core"]]
    names = {skill["id"]: skill["name"] for skill in data["skills"]}
    assert [li.get_text() for li in items] == [f"{names[e['skill']]}: {e['detail']}" for e in core]
    with pytest.raises(tables.UnknownId):
        renderer(data).skill_list("paralegl")


def test_occupations_document_carries_the_codes_duties_skills_and_education(data):
    document = tables.occupations_document(data)
    assert document["@context"] == "https://schema.org"
    paralegal, assistant = document["@graph"]
    assert paralegal["occupationalCategory"]["codeValue"] == "23-2011"
    assert assistant["occupationalCategory"]["codeValue"] == "43-6012"
    assert paralegal["responsibilities"] == [duty["text"] for duty in data["roles"][0]["duties"]]
    core = [entry for entry in data["roles"][0]["skills"] if entry["core"]]
    assert paralegal["skills"][0] == f"Legal documentation: {core[0]['detail']}"
    assert len(paralegal["skills"]) == len(core)
    assert assistant["alternateName"] == ["Legal secretary", "Administrative assistant"]
    data["roles"][0]["other_titles"] = []
    assert "alternateName" not in tables.occupations_document(data)["@graph"][0]  # no empty list for search engines


def test_occupation_data_cannot_end_its_script_early(data):
    data["roles"][0]["focus"] = "</script><script>alert(1)</script>"
    markup = str(HelpFinder(data, {}, KEY_PAGES, lambda: "", SITE_NAME).occupation_data())
    assert markup.count("</script>") == 1
    assert "alert(1)" in markup


def test_open_data_files_hold_every_duty_and_skill(data):
    files = open_data.files(data, "https://example.org/guide/")
    duties = list(csv.DictReader(io.StringIO(files[open_data.DUTIES_CSV])))
    assert len(duties) == sum(len(role["duties"]) for role in data["roles"])
    assert duties[0] == {
        "task_area_id": "research",
        "task_area": "Legal research",
        "role_id": "paralegal",
        "role": "Paralegal",
        "duty_id": "p-research",
        "duty": "Carry out legal research for the attorney",
        "services": "Legal research and drafting",
        "remote": "all",
        "remote_note": "",
    }
    proceedings = next(row for row in duties if row["duty_id"] == "p-proceedings")
    assert proceedings["remote"] == "none" and proceedings["remote_note"].startswith("Someone from the firm attends")
    skills = list(csv.DictReader(io.StringIO(files[open_data.SKILLS_CSV])))
    assert len(skills) == len(data["skills"]) * len(data["roles"])
    assert {row["core"] for row in skills} == {"yes", "no"}
    assert json.loads(files[open_data.COMPARISON_JSON]) == {"source": "https://example.org/guide/", **data}


def test_open_data_csv_keeps_commas_quotes_and_line_breaks_inside_one_field(data):
    data["roles"][0]["duties"][0]["text"] = 'Draft "A", then B\nand C'
    rows = list(csv.DictReader(io.StringIO(open_data.duties_csv(data))))
    assert rows[0]["duty"] == 'Draft "A", then B\nand C'
