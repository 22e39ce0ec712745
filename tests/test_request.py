"""The contact page's request form, in a real browser: the tasks carried from the guide, the
request written as the firm asks, mistakes shown as GOV.UK shows them, the email (short enough
for mail programs), the copy, no JavaScript, and a real POST to the firm's form endpoint."""

from __future__ import annotations

import re
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import ClassVar
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from playwright.sync_api import Browser, Page, ViewportSize

from conftest import build_site, copy_project, mkdocs_settings, serve_folder
from local_site import serve

GUIDE = "paralegal-vs-legal-assistant/"
CONTACT = "contact/"
PHONE: ViewportSize = {"width": 390, "height": 844}
FIRM = mkdocs_settings()["extra"]["firm"]
THREE = "?tasks=p-research&tasks=la-greet&tasks=p-proceedings"
FILLED = {
    "name": "Dana Whitfield",
    "firm": "Whitfield & Ortiz <LLP>",
    "email": "dana@whitfield-ortiz.test",
    "phone": "(212) 555-0147",
    "practice": "Family law, immigration",
    "best_time": "Weekday mornings",
}
SIZE = "6 to 15"


@pytest.fixture
def contact(browser: Browser) -> Iterator[Page]:
    """A phone reader's tab that may use the clipboard."""
    context = browser.new_context(viewport=PHONE, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    yield page
    context.close()


def fill(page: Page, values: dict[str, str] = FILLED, size: str = SIZE) -> None:
    for name, value in values.items():
        page.fill(f"#request-{name}", value)
    page.select_option("#request-size", size)


def opened_email(page: Page) -> tuple[str, str, str, str]:
    """The address, subject and body of the email the form opened, and its whole mailto: address."""
    link = page.locator(".bol-email-again")
    link.wait_for(state="attached")
    href = link.get_attribute("href")
    assert href is not None
    parts = urlsplit(href)
    assert parts.scheme == "mailto", href
    query = parse_qs(parts.query)
    return unquote(parts.path), query["subject"][0], query["body"][0], href


def about_us() -> list[str]:
    return [
        "About us:",
        f"Name: {FILLED['name']}",
        f"Law firm: {FILLED['firm']}",
        f"Email: {FILLED['email']}",
        f"Phone: {FILLED['phone']}",
        f"Lawyers at the firm: {SIZE}",
        f"Practice areas: {FILLED['practice']}",
        f"Best time to call: {FILLED['best_time']}",
    ]


def three_tasks_email(base_url: str) -> str:
    """The email for p-research, la-greet and p-proceedings, as the firm should receive it."""
    return "\n".join(
        [
            "Hello Back Office Legal,",
            "",
            "We'd like help with:",
            "",
            "Legal research and drafting:",
            "- Research the law and past cases for our matters",
            "",
            "In person, at our office or in court:",
            "- Attend hearings and trials with our attorneys",
            "- Welcome clients when they arrive at our office",
            "",
            f"Our list in your guide: {base_url}{GUIDE}?tasks=p-research,p-proceedings,la-greet#which-help-tool",
            "",
            *about_us(),
            "",
            "Thank you,",
            FILLED["name"],
        ]
    )


# --- The form and its first screen -----------------------------------------------------------


def test_the_contact_pages_first_phone_screen_holds_the_request(contact, base_url):
    contact.goto(base_url + CONTACT + THREE)
    for selector in ("#request legend", ".bol-request-chosen", "#request-tasks-hint"):
        box = contact.locator(selector).first.bounding_box()
        assert box is not None and box["y"] + box["height"] <= PHONE["height"], selector
    # The page opens with the form, before anything about what the consultation covers.
    headings = contact.locator("article h2").all_inner_texts()
    order = contact.evaluate("""() => [...document.querySelectorAll('article form#request, article h2')]
        .map(el => el.tagName)""")
    assert order[0] == "FORM", (order, headings)


def test_the_carried_ticks_are_listed_by_service_with_those_done_in_person_apart(contact, base_url):
    contact.goto(base_url + CONTACT + THREE)
    chosen = contact.locator(".bol-request-chosen")
    assert chosen.locator("p").all_inner_texts()[:3] == [
        "You've chosen 3 tasks:",
        "Legal research and drafting",
        "In person, at your office or in court",
    ]
    assert chosen.locator("li").all_inner_texts() == [
        "Research the law and past cases for our matters",
        "Attend hearings and trials with our attorneys",
        "Welcome clients when they arrive at our office",
    ]
    # Changed here too: the list follows.
    contact.locator(".bol-request-choose summary").click()
    contact.check("#request-task-la-phones")
    assert chosen.locator("p").first.inner_text() == "You've chosen 4 tasks:"
    assert "Client intake and communication" in chosen.inner_text()


@pytest.mark.parametrize("query", ["", "?tasks=no-such-task"])
def test_with_no_list_carried_nothing_is_ticked_and_the_hint_says_where_to_tick(contact, base_url, query):
    contact.goto(base_url + CONTACT + query)
    assert contact.locator(".bol-request-chosen").is_hidden()
    assert contact.eval_on_selector_all("#request input[name=tasks]:checked", "boxes => boxes.length") == 0
    hint = contact.locator("#request-tasks-hint")
    assert hint.inner_text().startswith("Tick them in our guide's checklist")
    assert hint.locator("a").get_attribute("href") == f"../{GUIDE}#which-help-tool"


# --- The email ---------------------------------------------------------------------------------


def test_the_email_reads_as_the_firm_asking(contact, base_url):
    contact.goto(base_url + CONTACT + THREE)
    fill(contact)
    contact.get_by_role("button", name="Write the email").click()
    address, subject, body, _ = opened_email(contact)
    assert address == FIRM["email"]
    assert subject == f"Consultation request from {FILLED['firm']}: 3 tasks"
    assert body == three_tasks_email(base_url)
    assert "opens your email program" in contact.locator("#request").inner_text()
    assert contact.locator(".bol-copy-status").inner_text().startswith("Your email program should now open")


def test_nineteen_ticks_are_summarised_to_fit_a_mail_program_and_copied_in_full(contact, base_url, data):
    ids = [duty["id"] for role in data["roles"] for duty in role["duties"]]
    contact.goto(base_url + CONTACT + "?tasks=" + ",".join(ids))
    fill(contact)
    contact.get_by_role("button", name="Write the email").click()
    _, subject, body, href = opened_email(contact)
    assert len(href) <= 1800
    assert subject == f"Consultation request from {FILLED['firm']}: 19 tasks"
    lines = body.split("\n")
    assert lines[2] == "We'd like help with 19 tasks:"
    assert "- In person, at our office or in court: 2 tasks" in lines
    assert "- Case and trial preparation: 5 tasks" in lines
    assert any(line.startswith(f"The full list is in your guide: {base_url}{GUIDE}?tasks=") for line in lines)
    assert lines[-2:] == ["Thank you,", FILLED["name"]]
    # The copy keeps every task in the firm's words.
    contact.get_by_role("button", name="Copy the request").click()
    contact.wait_for_function("() => document.querySelector('.bol-copy-status').textContent.startsWith('Copied')")
    copied = contact.evaluate("navigator.clipboard.readText()")
    asks = [duty["ask"] for role in data["roles"] for duty in role["duties"]]
    assert all(f"- {ask}" in copied.split("\n") for ask in asks)
    assert copied.startswith("Hello Back Office Legal,\n\nWe'd like help with:\n")


def test_a_message_too_long_for_an_email_link_is_cut_saying_so(contact, base_url):
    contact.goto(base_url + CONTACT + "?tasks=p-research")
    fill(contact)
    contact.fill("#request-message", "We need help with our intake backlog. " * 80)
    contact.get_by_role("button", name="Write the email").click()
    _, _, body, href = opened_email(contact)
    assert len(href) <= 1800
    assert "[...] (Our message was too long for an email link: we'll send the rest.)" in body
    assert "Research the law and past cases for our matters" not in body  # summarised: one task, by service
    assert "- Legal research and drafting: 1 task" in body


def test_copy_shows_the_request_selected_when_the_browser_refuses_the_clipboard(contact, base_url):
    contact.add_init_script("navigator.clipboard.writeText = () => Promise.reject(new Error('refused'))")
    contact.goto(base_url + CONTACT + THREE)
    fill(contact)
    contact.get_by_role("button", name="Copy the request").click()
    area = contact.locator(".bol-copy-text")
    area.wait_for(state="visible")
    assert area.input_value() == three_tasks_email(base_url)
    assert area.evaluate("a => [document.activeElement === a, a.selectionStart, a.selectionEnd]") == [
        True,
        0,
        len(three_tasks_email(base_url)),
    ]


# --- Mistakes, as GOV.UK shows them ----------------------------------------------------------------


def errors(page: Page) -> tuple[list[str], dict[str, str]]:
    """The error summary's links, and each field's message (without its hidden "Error:")."""
    summary = page.locator(".bol-error-summary li a").all_inner_texts()
    fields = page.evaluate("""() => Object.fromEntries(
        [...document.querySelectorAll('.bol-error-message:not([hidden])')]
        .map(line => [line.id, line.lastChild.textContent]))""")
    return summary, fields


def test_mistakes_show_in_a_summary_at_the_top_and_at_each_field(contact, base_url):
    contact.goto(base_url + CONTACT)
    title = contact.title()
    contact.get_by_role("button", name="Write the email").click()
    summary, fields = errors(contact)
    expected = [
        "Choose at least one task, or tell us in your message what you need",
        "Enter your name",
        "Enter the name of your law firm",
        "Enter your email address",
    ]
    assert summary == expected
    assert fields == {
        "request-tasks-error": expected[0],
        "request-name-error": expected[1],
        "request-firm-error": expected[2],
        "request-email-error": expected[3],
    }
    assert contact.evaluate("document.activeElement.className") == "bol-error-summary"
    assert contact.title() == "Error: " + title
    assert contact.locator(".bol-error-summary").get_by_role("heading").inner_text() == "There is a problem"
    name = contact.locator("#request-name")
    assert name.get_attribute("aria-invalid") == "true"
    assert "request-name-error" in name.get_attribute("aria-describedby").split()
    assert contact.locator("#request-name-error .bol-hidden").inner_text() == "Error:"  # read out, not shown
    # Each link takes the reader to its field; the tasks' link opens the list at its first box.
    contact.get_by_role("link", name="Enter your email address").click()
    assert contact.evaluate("document.activeElement.id") == "request-email"
    contact.get_by_role("link", name=expected[0]).click()
    assert contact.evaluate("document.activeElement.id") == "request-task-p-research"
    assert contact.locator(".bol-request-choose").evaluate("d => d.open")
    # Wrong rather than missing: the format is explained.
    fill(contact, {**FILLED, "email": "dana@whitfield", "phone": "12"})
    contact.check("#request-task-p-research")
    contact.get_by_role("button", name="Write the email").click()
    assert errors(contact)[0] == [
        "Enter an email address in the correct format, like name@yourfirm.com",
        "Enter a phone number with at least 7 digits, like (212) 555-0147",
    ]
    # Put right, the mistakes go and the email opens.
    fill(contact)
    contact.get_by_role("button", name="Write the email").click()
    opened_email(contact)
    assert errors(contact) == ([], {}) and contact.locator(".bol-error-summary").is_hidden()
    assert contact.title() == title
    assert name.get_attribute("aria-invalid") is None


def test_a_message_alone_is_enough_without_ticks(contact, base_url):
    contact.goto(base_url + CONTACT)
    fill(contact)
    contact.fill("#request-message", "We need cover for a paralegal on leave from March.")
    contact.get_by_role("button", name="Write the email").click()
    _, subject, body, _ = opened_email(contact)
    assert subject == f"Consultation request from {FILLED['firm']}"
    assert body.startswith(
        "Hello Back Office Legal,\n\nWe'd like to talk about help for our firm.\n\n"
        "We need cover for a paralegal on leave from March.\n\nAbout us:"
    )


def test_without_javascript_the_browser_checks_and_sends_the_form_as_an_email(browser, base_url):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(base_url + CONTACT + THREE)
    form = page.locator("#request")
    assert form.get_attribute("action") == f"mailto:{FIRM['email']}?subject=Consultation%20request"
    assert form.get_attribute("enctype") == "text/plain" and form.get_attribute("method") == "post"
    assert page.locator("#request-name").is_visible() and page.locator(".bol-copy").is_hidden()
    assert form.evaluate("f => f.checkValidity()") is False  # name, firm and email are required
    fill(page)
    assert form.evaluate("f => f.checkValidity()") is True
    context.close()


def test_the_pages_policy_lets_the_form_write_an_email_and_post_nowhere_else(site):
    for path in ("", CONTACT, GUIDE):
        meta = site.page(path).select_one('meta[http-equiv="Content-Security-Policy"]')["content"]
        directives = {part.split()[0]: part.split()[1:] for part in meta.split(";") if part.strip()}
        assert directives["form-action"] == ["'self'", "mailto:"], path


# --- The firm's form endpoint: a real POST -------------------------------------------------------


class Endpoint(BaseHTTPRequestHandler):
    """A firm's form endpoint on this computer: keeps what each POST carried."""

    received: ClassVar[list[tuple[str, dict[str, list[str]]]]] = []

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", 0))
        fields = parse_qs(self.rfile.read(length).decode("utf-8"), keep_blank_values=True)
        type(self).received.append((self.path, fields))
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write(b"<!doctype html><title>Thank you</title><p>Thank you: we will be in touch.</p>")

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def endpoint() -> Iterator[str]:
    with serve(Endpoint) as url:
        yield url + "consultation"


@pytest.fixture(scope="module")
def posting_site(tmp_path_factory, endpoint) -> Iterator[tuple[str, Path]]:
    """The site built with extra.firm.form_action set to the endpoint."""
    project = copy_project(tmp_path_factory.mktemp("posting") / "project")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("    form_action:\n", f"    form_action: {endpoint}\n"),
        encoding="utf-8",
    )
    built = build_site(project, tmp_path_factory.mktemp("posting-site"))
    assert built.returncode == 0, built.output
    with serve_folder(built.site) as url:
        yield url, built.site


def test_with_a_form_endpoint_the_request_is_posted_there(browser, posting_site, endpoint):
    url, folder = posting_site
    Endpoint.received.clear()
    page = browser.new_page(viewport=PHONE)
    other = []
    page.on("request", lambda request: other.append(request.url) if not request.url.startswith(url) else None)
    page.goto(url + CONTACT + THREE)
    fill(page)
    page.fill("#request-message", "Mostly family-law matters & <urgent> ones.")
    page.get_by_role("button", name="Send the request").click()
    page.wait_for_url(endpoint)
    assert page.locator("p").inner_text() == "Thank you: we will be in touch."
    [(path, fields)] = Endpoint.received
    assert path == "/consultation"
    assert fields["tasks"] == [
        "Research the law and past cases for our matters",
        "Attend hearings and trials with our attorneys",
        "Welcome clients when they arrive at our office",
    ]
    assert {name: fields[name] for name in ("name", "firm", "email", "phone", "practice", "best_time")} == {
        name: [value] for name, value in FILLED.items()
    }
    assert fields["firm_size"] == [SIZE] and fields["message"] == ["Mostly family-law matters & <urgent> ones."]
    assert fields["subject"] == [f"Consultation request from {FILLED['firm']}: 3 tasks"]
    request = fields["request"][0].replace("\r\n", "\n")
    assert request.startswith("Hello Back Office Legal,\n\nWe'd like help with:\n\nLegal research and drafting:\n")
    assert "\nMostly family-law matters & <urgent> ones.\n" in request
    assert other == [endpoint]  # the POST, and nothing else from that host or any other
    page.close()
    # The policy names the endpoint as a form target, and nowhere else.
    meta = (folder / CONTACT / "index.html").read_text(encoding="utf-8")
    found = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', meta)
    assert found, meta
    policy = found.group(1)
    directives = {part.split()[0]: part.split()[1:] for part in policy.replace("&#39;", "'").split(";") if part.strip()}
    assert directives["form-action"] == ["'self'", endpoint]
    assert [name for name, values in directives.items() if endpoint in values] == ["form-action"]


def test_with_a_form_endpoint_and_no_javascript_the_fields_are_posted(browser, posting_site, endpoint):
    url, _ = posting_site
    Endpoint.received.clear()
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(url + CONTACT)
    page.locator(".bol-request-choose summary").click()
    page.check("#request-task-la-phones")
    fill(page)
    page.get_by_role("button", name="Send the request").click()
    page.wait_for_url(endpoint)
    [(_, fields)] = Endpoint.received
    assert fields["tasks"] == ["Answer our incoming calls"] and fields["name"] == [FILLED["name"]]
    assert "request" not in fields  # written out by the script only
    context.close()


@pytest.mark.parametrize(
    "address",
    ["http://forms.firm.test/send", "forms.firm.test/send", "https://a b.test/", "https://forms.firm.test/send;x"],
)
def test_a_form_address_the_form_cannot_post_to_stops_the_build(tmp_path, address):
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("    form_action:\n", f'    form_action: "{address}"\n')
    config.write_text(text, encoding="utf-8")
    built = build_site(project, tmp_path / "site")
    assert built.returncode != 0
    line = text.split("\n").index(f'    form_action: "{address}"') + 1
    assert (
        f'mkdocs.yml, line {line}: extra > firm > form_action: "{address}" is not an address the form can post '
        "to; expected the full https address"
    ) in built.output
