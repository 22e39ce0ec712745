"""Templates read only checked settings (issue 22, class 4).

Every template and macro reads the settings through the checked path (macros/checks/settings.py):
the firm's facts as checked (an empty one is None, and a neutral sentence stands in for
it), the feeds the rss plugin really writes, addresses by MkDocs' own rules, names escaped
exactly once, and what depends on site_url made from it at build time.
"""

from __future__ import annotations

import json
import re

import pytest

from conftest import ROOT, page_paths
from macros.content import open_data
from test_guard_rails import change, line_of, one_message
from test_links import broken_links

FIRM = {
    "email": "    email: consultations@example.com\n",
    "phone": '    phone: "+1 (555) 010-0100"\n',
    "hours": "    hours: Monday to Friday, 9 am to 5 pm (Eastern Time)\n",
}
POST = "blog/lawyer-burnout/"


def built_ok(build, project):
    result = build(project)
    assert result.returncode == 0, result.output
    return result


def every_page_text(result) -> str:
    """The HTML of every built page, for looking for what must never be published."""
    return "\n".join(
        (result.site / (path + "index.html" if path == "" or path.endswith("/") else path)).read_text(encoding="utf-8")
        for path in page_paths(result.site)
    )


@pytest.mark.parametrize(
    "empty", [("email",), ("phone",), ("email", "phone"), ("email", "phone", "hours")], ids=" and ".join
)
@pytest.mark.parametrize("blank", ["", ' "  "'], ids=["nothing", "spaces"])
def test_an_empty_contact_detail_never_publishes_none(project, build, empty, blank):
    for field in empty:
        change(project, "mkdocs.yml", FIRM[field], f"    {field}:{blank}\n")
    result = built_ok(build, project)
    html = every_page_text(result)
    assert "None" not in re.sub(r"<script\b.*?</script>", "", html, flags=re.DOTALL)
    # No link or form to an empty address (the policy's form-action names the scheme mailto: alone).
    assert "mailto:None" not in html and 'href="tel:"' not in html and '="mailto:"' not in html
    assert 'action="mailto:?' not in html  # (a post's "Share by email" rightly has no address)
    contact = result.page("contact/").select_one("article")
    shown = contact.get_text(" ")
    for field in set(FIRM) - set(empty):
        assert {"email": "consultations@example.com", "phone": "+1 (555) 010-0100", "hours": "Monday"}[field] in shown
    if len(empty) == 3:
        assert "will be listed here once they are confirmed" in shown
    footer = result.page(POST).select_one(".bol-footer-contact")
    left = [
        {"email": "consultations@example.com", "phone": "+1 (555) 010-0100"}[field]
        for field in ("email", "phone")
        if field not in empty
    ]
    assert " ".join(footer.get_text(" ", strip=True).split()) == (" · ".join(left) or "How to reach us")
    if not left:
        assert footer.a["href"] == "../../contact/"
    graph = json.loads(result.page("").select_one('script[type="application/ld+json"]').string)["@graph"]
    organization = next(item for item in graph if item["@type"] == "Organization")
    assert ("email" in organization) == ("email" not in empty) and None not in organization.values()


def test_without_directory_urls_every_link_lands(project, build):
    change(project, "mkdocs.yml", "strict: true\n", "strict: true\nuse_directory_urls: false\n")
    result = built_ok(build, project)
    assert (result.site / "contact.html").is_file() and not (result.site / "contact").exists()
    assert broken_links(result.site, "https://www.backofficelegal.com/") == []
    # The addresses the checklist's script and the downloads carry are the same pages'.
    guide = result.page("paralegal-vs-legal-assistant.html")
    document = json.loads(guide.select_one("script.bol-finder-data").string)
    assert document["contact"] == "contact.html"
    form = result.page("contact.html").select_one("form#request")
    assert form["data-guide"] == "paralegal-vs-legal-assistant.html"
    source = json.loads((result.site / "downloads" / open_data.COMPARISON_JSON).read_text(encoding="utf-8"))["source"]
    assert source == "https://www.backofficelegal.com/paralegal-vs-legal-assistant.html"


def test_a_link_by_address_is_recognised_without_directory_urls_too(project):
    change(project, "mkdocs.yml", "strict: true\n", "strict: true\nuse_directory_urls: false\n")
    text = change(project, "docs/services.md", "\n## ", "\nSee [the guide](paralegal-vs-legal-assistant.html).\n\n## ")
    assert one_message(project).startswith(
        f"docs/services.md, line {line_of(text, 'See [the guide]')}: the link to "
        "paralegal-vs-legal-assistant.html is the address of "
    )


def test_a_category_holding_an_ampersand_is_escaped_exactly_once(project, build):
    change(project, "mkdocs.yml", "        - Outsourcing\n", "        - Outsourcing\n        - Billing & Fees\n")
    change(project, "docs/blog/posts/lawyer-burnout.md", "  - Running a law firm", "  - Billing & Fees")
    result = built_ok(build, project)
    html = every_page_text(result)
    assert "&amp;amp;" not in html and "\\u0026amp;" not in html
    post = result.page(POST)
    assert post.select_one('meta[property="article:section"]')["content"] == "Billing & Fees"
    assert "Billing & Fees" in post.select_one(".md-post__meta, article").get_text(" ") or any(
        a.get_text() == "Billing & Fees" for a in post.select("a")
    )
    graph = json.loads(post.select_one('script[type="application/ld+json"]').string)["@graph"]
    assert graph[0]["articleSection"] == ["Billing & Fees"]
    category = result.page("blog/category/billing--fees/")
    assert category.select_one('meta[name="description"]')["content"].startswith("Articles about billing & fees ")
    assert category.title.get_text().startswith("Billing & Fees")


@pytest.mark.parametrize("how", ["removed", "turned off"])
def test_the_site_builds_without_feeds_and_links_to_none(project, build, how):
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    if how == "removed":
        start = text.index("  # RSS and JSON feeds")
        text = text[:start] + text[text.index("# Additional configuration") :]
        (project / "mkdocs.yml").write_text(text, encoding="utf-8")
    else:
        change(project, "mkdocs.yml", "  - rss:\n", "  - rss:\n      enabled: false\n")
    result = built_ok(build, project)
    assert not list(result.site.glob("feed_*"))
    html = every_page_text(result)
    assert "feed_rss" not in html and "feed_json" not in html and 'rel="alternate" type="application' not in html
    assert result.page("blog/").select_one("#subscribe") is None
    assert broken_links(result.site, "https://www.backofficelegal.com/") == []


def test_only_the_feeds_written_are_linked(project, build):
    change(project, "mkdocs.yml", "      json_feed_enabled: true", "      json_feed_enabled: false")
    result = built_ok(build, project)
    links = [link["href"] for link in result.page("blog/").select('head link[rel="alternate"]')]
    assert links == ["../feed_rss_created.xml"]
    assert [a.get_text() for a in result.page("blog/").select(".bol-feeds a")] == [
        "https://www.backofficelegal.com/feed_rss_created.xml"
    ]


@pytest.mark.parametrize(
    "page, template, suggestion",
    [
        ("docs/services.md", "hme.html", ' (did you mean "home.html"?)'),
        ("docs/contact.md", "main", ' (did you mean "main.html"?)'),
        ("docs/blog/index.md", "partials/footer.html", ""),
    ],
)
def test_a_template_that_does_not_exist_is_named(project, page, template, suggestion):
    (project / "overrides" / "home.html").write_text('{% extends "main.html" %}\n', encoding="utf-8")
    text = change(project, page, "\ndescription:", f"\ntemplate: {template}\ndescription:")
    message = one_message(project)
    assert message.startswith(
        f'{page}, line {line_of(text, "template:")}: template: "{template}" is not a template '
        f"of the site{suggestion}; expected one of: 404.html, base.html, "
    )
    assert "home.html" in message and "Traceback" not in message


def test_a_template_that_exists_is_used(project, build):
    (project / "overrides" / "plain.html").write_text(
        '{% extends "main.html" %}\n{% block footer %}{% endblock %}\n', encoding="utf-8"
    )
    change(project, "docs/services.md", "\ndescription:", "\ntemplate: plain.html\ndescription:")
    result = built_ok(build, project)
    assert result.page("services/").select_one("footer") is None


def test_a_new_site_url_reaches_robots_txt_and_the_feeds_picture(project, build):
    change(project, "mkdocs.yml", "site_url: https://www.backofficelegal.com/", "site_url: https://legal.example.org/")
    result = built_ok(build, project)
    assert "Sitemap: https://legal.example.org/sitemap.xml" in (result.site / "robots.txt").read_text(encoding="utf-8")
    feed = (result.site / "feed_rss_created.xml").read_text(encoding="utf-8")
    assert "<url>https://legal.example.org/assets/images/logo.png</url>" in feed
    json_feed = json.loads((result.site / "feed_json_created.json").read_text(encoding="utf-8"))
    assert json_feed["icon"] == "https://legal.example.org/assets/images/logo.png"
    stale = [
        file.relative_to(result.site).as_posix()
        for file in result.site.rglob("*")
        if file.is_file()
        and file.suffix in (".html", ".xml", ".json", ".txt", ".csv")
        and "backofficelegal.com" in file.read_text(encoding="utf-8")
    ]
    assert stale == []


def test_the_feeds_picture_must_be_a_file_of_the_site(project):
    text = change(project, "mkdocs.yml", "      image: assets/images/logo.png", "      image: assets/images/logoo.png")
    assert one_message(project) == (
        f'mkdocs.yml, line {line_of(text, "image: assets")}: plugins > rss > image: "assets/images/logoo.png" is not a '
        "file in docs/; expected the path of a picture in docs/, such as assets/images/logo.png (the feeds give its "
        "full address, from site_url)"
    )


def test_the_real_settings_keep_no_address_that_site_url_should_give():
    settings = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    site_url = re.findall(r"^site_url:\s*(\S+)", settings, re.MULTILINE)[0]
    assert settings.count(site_url) == 1
    assert site_url not in (ROOT / "docs" / "robots.txt").read_text(encoding="utf-8")
