"""Key pages and calls to action are named once, in mkdocs.yml's extra (macros/checks/key_pages.py, the templates)."""

from __future__ import annotations

from macros.checks import key_pages

EXTRA = {
    "pages": {
        "guide": "paralegal-vs-legal-assistant.md",
        "contact": "contact.md",
        "confidentiality": "confidentiality.md",
        "services": "services.md",
        "checklist": "checklist.md",
    },
    "calls_to_action": {"consultation": "Book a free consultation", "contact": "Contact"},
}
DOCUMENTS = set(EXTRA["pages"].values())


def test_the_settings_as_shipped_have_no_problem():
    assert key_pages.problems(EXTRA, DOCUMENTS, "docs") == []


def test_a_key_page_whose_file_is_gone_is_named_with_its_key_and_file():
    found = key_pages.problems(EXTRA, DOCUMENTS - {"contact.md"} | {"contact-us.md"}, "docs")
    problem = (
        "names contact.md, which is not a page in docs/ (renamed or removed?): "
        "write here the file that is now the contact page"
    )
    assert found == [(("extra", "pages", "contact"), problem)]


def test_a_missing_key_or_empty_words_are_problems():
    extra = {
        "pages": {k: v for k, v in EXTRA["pages"].items() if k != "services"},
        "calls_to_action": {"consultation": " ", "contact": "Contact"},
    }
    assert [path for path, _ in key_pages.problems(extra, DOCUMENTS, "docs")] == [
        ("extra", "pages", "services"),
        ("extra", "calls_to_action", "consultation"),
    ]


def test_renaming_the_contact_page_without_its_setting_stops_the_build(project, build):
    # What an editor sees: mkdocs.yml's line, the key and the missing file, not a header
    # silently without its consultation button.
    settings = project / "mkdocs.yml"
    text = settings.read_text(encoding="utf-8")
    assert "    contact: contact.md\n" in text
    settings.write_text(text.replace("    contact: contact.md\n", "    contact: contact-us.md\n"), encoding="utf-8")
    built = build(project)
    assert built.returncode != 0
    line = text[: text.index("    contact: contact.md\n")].count("\n") + 1
    assert (
        f"mkdocs.yml, line {line}: extra.pages.contact: names contact-us.md, which is not a page in docs/"
        in built.output
    ), built.output


def test_the_buttons_take_their_words_from_the_settings(project, build):
    settings = project / "mkdocs.yml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(
        text.replace("    consultation: Book a free consultation\n", "    consultation: Talk to us & plan\n").replace(
            "    contact: Contact\n", "    contact: Call us\n"
        ),
        encoding="utf-8",
    )
    built = build(project)
    assert built.returncode == 0, built.output
    home = built.page("")
    assert home.select_one(".bol-header-cta .bol-cta-short").get_text(strip=True) == "Call us"
    assert home.select_one(".bol-header-cta .bol-cta-long").get_text(strip=True) == "Talk to us & plan"
    assert home.select_one(".bol-contact-strip__button").get_text(strip=True) == "Talk to us & plan"
