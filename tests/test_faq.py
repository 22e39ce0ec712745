"""Questions firms ask (data/faq.yml) and how client files are handled (docs/confidentiality.md).

The FAQ's data check speaks to editors like the comparison's; the built pages show every
question, answer and firm fact as typed, with the same words in the FAQPage JSON-LD and
in search; a fact the firm has not given shows a neutral sentence instead.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup
from mkdocs.utils.yaml import yaml_load

from conftest import ROOT, Build, mkdocs_settings, page_paths
from macros.checks import firm, settings
from macros.checks.problems import DataError
from macros.content import faq
from test_readers import search

FAQ = (ROOT / "data" / "faq.yml").read_text(encoding="utf-8")
QUESTIONS = yaml.safe_load(FAQ)["questions"]
CONFIG = mkdocs_settings()
FIRM = CONFIG["extra"]["firm"]
# The pages an answer may link to, as the build lists them: the docs/ pages but the blog's posts.
PAGES = faq.site_pages(
    (path.relative_to(ROOT / "docs").as_posix() for path in (ROOT / "docs").rglob("*.md")),
    lambda uri: uri.startswith("blog/posts/"),
)
PAGE = "confidentiality/"
SERVICES = "services/"
SCREENSHOTS = ROOT / "reports" / "screenshots"
# Markup characters that must stay text everywhere (HTML, Markdown, tables, Jinja).
NASTY = "Fees <b>bold</b> & a | pipe, {{ braces }}, *stars* and [brackets](nowhere.md)"


def words(text: str) -> str:
    """Text with its runs of white space made single spaces."""
    return " ".join(text.split())


def shown_answer(answer: str) -> str:
    """What a reader sees of an answer: [words](page.md) shows its words; one paragraph a blank line."""
    paragraphs = re.split(r"\n\s*\n", answer.strip())
    return "\n\n".join(words(re.sub(r"\[([^\]]+)\]\([^)\s]+\)", r"\1", p)) for p in paragraphs)


def faq_error(tmp_path: Path, old: str, new: str) -> str:
    """The message for data/faq.yml with `old` replaced by `new`, from the check alone."""
    (tmp_path / "data").mkdir()
    shutil.copy(ROOT / "data" / "faq.schema.json", tmp_path / "data")
    assert old in FAQ, old
    text = FAQ.replace(old, new, 1)
    (tmp_path / "data" / "faq.yml").write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        faq.load_faq(tmp_path, PAGES, FIRM)
    return str(caught.value)


def line_of(text: str, needle: str) -> int:
    return text.count("\n", 0, text.index(needle)) + 1


def faq_page_items(page: BeautifulSoup) -> list[dict[str, Any]]:
    """The FAQPage's questions from the page's JSON-LD (exactly one FAQPage)."""
    graphs = [
        item
        for tag in page.select('script[type="application/ld+json"]')
        for item in json.loads(str(tag.string))["@graph"]
    ]
    pages = [item for item in graphs if item["@type"] == "FAQPage"]
    assert len(pages) == 1
    questions: list[dict[str, Any]] = pages[0]["mainEntity"]
    return questions


def shown_faq(page: BeautifulSoup) -> list[tuple[str, str]]:
    """Each question on the page with its answer's text, paragraphs a blank line apart."""
    return [
        (item.select("h3")[0].get_text(), "\n\n".join(p.get_text() for p in item.find_all("p")))
        for item in page.select("article .bol-faq .bol-faq-item")
    ]


# --- The data check ----------------------------------------------------------------------------


def test_the_real_faq_loads_and_asks_what_firms_ask():
    data = faq.load_faq(ROOT, PAGES, FIRM)
    asked = " ".join(q["question"] for q in data["questions"]).lower()
    for topic in ("consultation", "attorney", "sent", "pricing", "confidential"):
        assert topic in asked, topic


def test_a_missing_answer_names_the_entry_and_the_field(tmp_path):
    old = "    answer: >-\n      No. Tell us"
    message = faq_error(tmp_path, old, "    anwser: >-\n      No. Tell us")
    line = line_of(FAQ, old)
    assert message == (
        "data/faq.yml has 2 problems:\n"
        f"  line {line - 1}: questions > item 2 > answer: is missing; every entry here needs: question, answer\n"
        f'  line {line}: questions > item 2 > anwser: is not a known field (did you mean "answer"?); '
        "expected one of: answer, firm_fact, question"
    )


@pytest.mark.parametrize(
    "question", ["How is pricing set", "|\n      How is pricing\n      set?", '" ?"', "A" * 150 + "?"]
)
def test_a_question_is_one_line_ending_with_a_question_mark(tmp_path, question):
    message = faq_error(tmp_path, "  - question: How is pricing set?\n", f"  - question: {question}\n")
    assert message.startswith(
        f"data/faq.yml, line {line_of(FAQ, 'How is pricing set?')}: questions > item 5 > "
        "question: expected a question on one line of at most 150 characters, "
        'ending with a question mark, found text ("'
    ), message


def test_a_question_asked_twice_is_reported_where_it_repeats(tmp_path):
    old = "  - question: Can we change what we send you later?"
    message = faq_error(tmp_path, old, "  - question: How is  pricing set?")
    assert message == (
        f"data/faq.yml, line {line_of(FAQ, old)}: questions > item 8 > question: "
        '"How is  pricing set?" is already question 5; expected each question once'
    )


def test_a_link_to_no_page_of_the_site_suggests_the_right_one(tmp_path):
    message = faq_error(tmp_path, "(contact.md)", "(contct.md)")
    assert message.startswith(
        f"data/faq.yml, line {line_of(FAQ, '    answer: >-')}: questions > item 1 > answer: "
        '"contct.md" is not a page of the site (did you mean "contact.md"?); '
        "expected links written [words](page.md) or [words](page.md#heading) with one of: blog/index.md, "
        "checklist.md, confidentiality.md, contact.md, "
    ), message


@pytest.mark.parametrize(
    "target", ["https://example.com/", "#contact-us", "blog/posts/lawyer-burnout.md", "mailto:office@example.com"]
)
def test_an_answer_links_only_to_pages_it_can_resolve(tmp_path, target):
    message = faq_error(tmp_path, "(contact.md)", f"({target})")
    assert f'"{target}" is not a page of the site' in message, message


def test_an_unknown_firm_fact_suggests_the_field_of_mkdocs_yml(tmp_path):
    message = faq_error(tmp_path, "firm_fact: pricing", "firm_fact: prices")
    assert message == (
        f"data/faq.yml, line {line_of(FAQ, 'firm_fact: pricing')}: questions > item 5 > firm_fact: "
        '"prices" is not a field under extra.firm in mkdocs.yml (did you mean "pricing"?); '
        f"expected one of: {', '.join(FIRM)}"
    )


def test_an_empty_answer_is_not_accepted(tmp_path):
    message = faq_error(tmp_path, "questions:\n", 'questions:\n  - question: Why?\n    answer: " "\n')
    assert message == (
        f"data/faq.yml, line {line_of(FAQ, 'questions:') + 2}: questions > item 1 > answer: "
        "expected the answer as plain text of "
        "at most 1,200 characters (a blank line starts a new paragraph; link a page of the site as "
        '[words](page.md)), found text (" ")'
    )


def test_a_firm_fact_that_is_not_text_names_its_line_in_mkdocs_yml(project):
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("    pricing:\n", "    pricing: 150\n")
    config.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        firm.checked_firm(settings.read_settings(config, project), yaml_load(text)["extra"]["firm"])
    assert str(caught.value) == (
        f"mkdocs.yml, line {line_of(text, 'pricing: 150')}: extra > firm > pricing: "
        "expected text (or nothing, until the firm gives it), found a number (150)"
    )


def test_an_answer_is_text_except_for_links_to_pages():
    assert faq.pieces("See [our contact page](contact.md), [not] (a link) & *this*.") == (
        faq.Piece("See "),
        faq.Piece("our contact page", "contact.md"),
        faq.Piece(", [not] (a link) & *this*."),
    )
    assert faq.paragraphs("One\nline.\n\n  Two.\n") == ["One line.", "Two."]
    assert firm.given("  ") is None and firm.given(None) is None and firm.given(" Set. ") == "Set."


# --- The real site ------------------------------------------------------------------------------


def test_services_page_shows_every_question_and_answer_from_the_data(site):
    page = site.page(SERVICES)
    assert page.select_one("article h2#questions-firms-ask")
    # Until the firm fills in a fact, the question shows the answer from data/faq.yml.
    assert all(not (q.get("firm_fact") and FIRM.get(q["firm_fact"])) for q in QUESTIONS)
    assert shown_faq(page) == [(q["question"], shown_answer(q["answer"])) for q in QUESTIONS]
    ids = [h3["id"] for h3 in page.select("article .bol-faq h3")]
    assert ids == [faq.anchor(q["question"]) for q in QUESTIONS] and len(set(ids)) == len(ids)


def test_links_in_answers_lead_to_the_pages_they_name(site):
    links = {a.get_text(): a["href"] for a in site.page(SERVICES).select("article .bol-faq a")}
    assert links["Book a free consultation"] == "../contact/"
    assert links["how we handle your client files"] == "../confidentiality/"
    assert all((site.site / SERVICES / href / "index.html").resolve().is_file() for href in links.values())


def test_faq_structured_data_is_a_faq_page_in_the_words_the_page_shows(site):
    page = site.page(SERVICES)
    tags = [json.loads(tag.string) for tag in page.select('script[type="application/ld+json"]')]
    assert all(tag["@context"] == "https://schema.org" for tag in tags)
    items = faq_page_items(page)
    assert all(item["@type"] == "Question" and item["acceptedAnswer"]["@type"] == "Answer" for item in items)
    assert [(item["name"], item["acceptedAnswer"]["text"]) for item in items] == shown_faq(page)


def test_the_confidentiality_page_cites_the_rules_and_says_it_is_not_legal_advice(site):
    article = site.page(PAGE).select_one("article")
    text = words(article.get_text(" "))
    assert "not legal advice" in text
    links = {words(a.get_text()): a["href"] for a in article.select("a")}
    aba = "https://www.americanbar.org/groups/professional_responsibility/publications/model_rules_of_professional_conduct/"
    assert (
        links['Rule 5.3, "Responsibilities Regarding Nonlawyer Assistance"']
        == aba + "rule_5_3_responsibilities_regarding_nonlawyer_assistant/"
    )
    assert links['Rule 1.6, "Confidentiality of Information"'] == aba + "rule_1_6_confidentiality_of_information/"
    assert (
        "Formal Opinion 08-451, Lawyer's Obligations When Outsourcing Legal and Nonlegal Support Services "
        "(August 5, 2008)"
    ) in text
    for question in (
        "written agreement before any access",
        "least access",
        "How do files move",
        "Where do the people work",
    ):
        assert question in text, question


def test_facts_the_firm_has_not_given_show_a_neutral_sentence(site):
    facts = site.page(PAGE).select("article .bol-firm-fact")
    assert [fact["data-fact"] for fact in facts] == ["agreement", "staff_location", "file_transfer"]
    assert all(fact["data-given"] == "false" and FIRM[fact["data-fact"]] is None for fact in facts)
    assert "Ask us about them in the free consultation" in facts[0].get_text()


def test_the_page_is_linked_from_services_and_every_footer(site):
    assert site.page(SERVICES).select_one('article a[href="../confidentiality/"]')
    for path in page_paths(site.site):
        link = site.page(path).select_one("footer .md-copyright a:-soup-contains('How we handle your client files')")
        assert link, path


def test_the_page_and_the_faq_are_in_the_sitemap_and_search(site):
    sitemap = (site.site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{CONFIG['site_url']}{PAGE}</loc>" in sitemap
    assert f"<loc>{CONFIG['site_url']}{SERVICES}</loc>" in sitemap
    index = json.loads((site.site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    titles = {doc["location"]: doc["title"] for doc in index}
    assert titles[PAGE] == "How we handle your client files"
    for question in QUESTIONS:
        assert titles[f"{SERVICES}#{faq.anchor(question['question'])}"] == question["question"]
    # The words a firm searches for before it outsources find a page that is not a blog post.
    for word in ("confidential", "price", "pricing", "security"):
        found = {doc["location"].split("#")[0] for doc in index if word in (doc["title"] + doc["text"]).lower()}
        assert {path for path in found if not path.startswith("blog/")}, word


# --- Changed copies of the project -------------------------------------------------------------


def fill_in(project: Path, fields: dict[str, str]) -> None:
    """Fill fields of extra.firm in a project copy's mkdocs.yml (single-quoted YAML)."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    for name, value in fields.items():
        assert f"    {name}:\n" in text, name
        text = text.replace(f"    {name}:\n", f"    {name}: '{value}'\n", 1)
    config.write_text(text, encoding="utf-8")


def test_filled_in_facts_and_markup_characters_show_as_text_everywhere(project, build):
    fill_in(
        project,
        {
            "agreement": NASTY,
            "staff_location": "In <i>one</i> office & nowhere else.",
            "pricing": "Hourly & | {{ rate }} <b>quoted</b>.",
        },
    )
    odd_question = "Is <b>this</b> & {{ that }} | safe?"
    odd_answer = (
        "Check <b>bold</b> & a | pipe, {{ braces }}, *stars*, [loose] (text) and [our contact page](contact.md)."
    )
    data = project / "data" / "faq.yml"
    data.write_text(
        data.read_text(encoding="utf-8").replace(
            "questions:\n", f"questions:\n  - question: '{odd_question}'\n    answer: '{odd_answer}'\n", 1
        ),
        encoding="utf-8",
    )
    result: Build = build(project)
    assert result.returncode == 0, result.output

    facts = {fact["data-fact"]: fact for fact in result.page(PAGE).select("article .bol-firm-fact")}
    assert facts["agreement"]["data-given"] == "true" and facts["agreement"].get_text(strip=True) == NASTY
    assert facts["staff_location"].get_text(strip=True) == "In <i>one</i> office & nowhere else."
    assert facts["file_transfer"]["data-given"] == "false"
    article = result.page(PAGE).select_one("article")
    assert article is not None
    assert not article.select(".bol-firm-fact b, .bol-firm-fact i, .bol-firm-fact em, .bol-firm-fact a")
    assert "not published here yet" not in article.get_text()

    services = result.page(SERVICES)
    shown = dict(shown_faq(services))
    assert shown[odd_question] == (
        "Check <b>bold</b> & a | pipe, {{ braces }}, *stars*, [loose] (text) and our contact page."
    )
    assert shown["How is pricing set?"] == "Hourly & | {{ rate }} <b>quoted</b>."
    assert shown["Where do your staff work?"] == "In <i>one</i> office & nowhere else."
    faq_block = services.select_one("article .bol-faq")
    assert faq_block is not None
    assert not faq_block.select("b, i, em") and faq_block.select("a")[0]["href"] == "../contact/"
    assert [(q["name"], q["acceptedAnswer"]["text"]) for q in faq_page_items(services)] == shown_faq(services)
    raw = (result.site / "services" / "index.html").read_text(encoding="utf-8")
    assert "<b>this</b>" not in raw and "<b>quoted</b>" not in raw

    index = json.loads((result.site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    entry = next(doc for doc in index if doc["location"] == f"{SERVICES}#{faq.anchor(odd_question)}")
    assert entry["title"] == "Is &lt;b&gt;this&lt;/b&gt; &amp; {{ that }} | safe?"
    assert "<b>" not in entry["text"] and "&lt;b&gt;bold&lt;/b&gt; &amp; a | pipe, {{ braces }}" in entry["text"]


def test_broken_faq_data_stops_the_build_with_the_clear_message(project, build):
    data = project / "data" / "faq.yml"
    data.write_text(data.read_text(encoding="utf-8").replace("(contact.md)", "(contct.md)", 1), encoding="utf-8")
    result = build(project)
    assert result.returncode != 0
    assert re.search(
        r'ERROR\s+-\s+data/faq.yml, line \d+: questions > item 1 > answer: "contct.md" is not a page '
        r'of the site \(did you mean "contact.md"\?\)',
        result.output,
    ), result.output
    assert "Traceback" not in result.output


def test_a_misspelt_firm_fact_in_a_page_fails_the_strict_build(project, build):
    page = project / "docs" / "confidentiality.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace('firm_fact("agreement"', 'firm_fact("agrement"'), encoding="utf-8"
    )
    result = build(project)
    assert result.returncode != 0
    assert (
        'extra.firm in mkdocs.yml has no "agrement"; expected one of: email, phone, hours, form_action, agreement'
        in result.output
    )


# --- In a browser -------------------------------------------------------------------------------


@pytest.mark.parametrize("word", ["confidential", "pricing", "security"])
def test_search_finds_a_page_that_is_not_a_post_for_what_firms_ask_about(browser, base_url, word):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base_url + SERVICES)
    results = search(page, word)
    page.close()
    assert any(url.startswith((base_url + PAGE, base_url + SERVICES)) for url in results), results


@pytest.mark.parametrize("width", [1280, 390])
def test_screenshots_of_the_confidentiality_page(browser, base_url, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(base_url + PAGE, wait_until="networkidle")
    # A phone reader never scrolls sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    file = SCREENSHOTS / f"confidentiality-{width}.png"
    page.screenshot(path=file, full_page=True)
    page.close()
    # A PNG's width sits in bytes 16-20 of its header.
    assert int.from_bytes(file.read_bytes()[16:20], "big") == width
