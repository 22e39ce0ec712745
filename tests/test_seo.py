"""What search engines and link previews read: titles, descriptions, canonical addresses,
Open Graph and Twitter tags, JSON-LD, the sitemap, robots.txt and the 404 page."""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, Build, build_site, copy_project, mkdocs_settings, page_paths, published_nav
from test_blog import POSTS, post_text

CONFIG = mkdocs_settings()
SITE_URL = CONFIG["site_url"]
GUIDE = "paralegal-vs-legal-assistant/"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def head(page: BeautifulSoup, selector: str, attribute: str = "content") -> str:
    """One value from a page's head, such as a meta tag's content."""
    tags = page.select(f"head {selector}")
    assert len(tags) == 1, f"{selector}: {len(tags)} tags"
    return str(tags[0][attribute])


def json_ld(page: BeautifulSoup) -> dict[str, dict[str, Any]]:
    """The page's schema.org items, by type."""
    items = [
        item
        for tag in page.select('script[type="application/ld+json"]')
        for item in json.loads(str(tag.string))["@graph"]
    ]
    return {item["@type"]: item for item in items}


def canonical(path: str) -> str:
    address: str = SITE_URL + path
    return address


def test_every_page_has_its_own_title_and_description(site):
    paths = page_paths(site.site)
    titles = {path: site.page(path).title.string for path in paths}
    descriptions = {path: head(site.page(path), 'meta[name="description"]') for path in paths}
    for seen in (titles, descriptions):
        values = list(seen.values())
        assert all(values) and len(set(values)) == len(values), seen
    assert all(50 <= len(text) <= 170 for text in descriptions.values()), descriptions


def test_every_page_but_the_404_names_its_canonical_address_and_its_preview(site):
    for path in page_paths(site.site):
        if path == "404.html":
            continue
        page = site.page(path)
        assert head(page, 'link[rel="canonical"]', "href") == canonical(path), path
        assert head(page, 'meta[property="og:url"]') == canonical(path), path
        title = page.title.string.removesuffix(f" - {CONFIG['site_name']}")
        assert head(page, 'meta[property="og:title"]') == head(page, 'meta[name="twitter:title"]') == title, path
        description = head(page, 'meta[name="description"]')
        assert head(page, 'meta[property="og:description"]') == description, path
        assert head(page, 'meta[property="og:image"]').startswith(SITE_URL), path
        assert (site.site / head(page, 'meta[property="og:image"]').removeprefix(SITE_URL)).is_file(), path
        assert head(page, 'meta[name="twitter:card"]') in {"summary", "summary_large_image"}, path


def test_home_page_describes_the_firm(site):
    items = json_ld(site.page(""))
    firm = items["Organization"]
    assert firm["name"] == CONFIG["site_name"] and firm["url"] == SITE_URL
    assert firm["email"] == CONFIG["extra"]["firm"]["email"]
    assert items["WebSite"]["publisher"] == {"@id": firm["@id"]}
    assert "BreadcrumbList" not in items


def test_guide_is_an_article_with_its_dates(site):
    page = site.page(GUIDE)
    article = json_ld(page)["Article"]
    source = (ROOT / "docs" / "paralegal-vs-legal-assistant.md").read_text(encoding="utf-8")
    meta = yaml.safe_load(source.split("---")[1])
    assert article["headline"] == meta["title"]
    assert article["datePublished"] == meta["date"].isoformat()
    assert article["url"] == canonical(GUIDE)
    assert head(page, 'meta[property="og:type"]') == "article"


@pytest.mark.parametrize("post", POSTS, ids=[p["slug"] for p in POSTS])
def test_each_post_is_a_blog_posting_with_its_dates_and_categories(site, post):
    page = site.page(f"blog/{post['slug']}/")
    posting = json_ld(page)["BlogPosting"]
    assert posting["headline"] == post["title"]
    assert posting["description"] == post["description"]
    assert posting["datePublished"].startswith(post["date"].isoformat())
    assert posting["articleSection"] == post["categories"]
    assert head(page, 'meta[property="article:published_time"]').startswith(post["date"].isoformat())


def test_breadcrumbs_lead_from_home_to_the_page(site):
    trail = json_ld(site.page("blog/lawyer-burnout/"))["BreadcrumbList"]["itemListElement"]
    assert [(item["position"], item["item"]) for item in trail] == [
        (1, SITE_URL),
        (2, canonical("blog/")),
        (3, canonical("blog/lawyer-burnout/")),
    ]
    for path in page_paths(site.site):
        if path not in ("", "404.html"):
            trail = json_ld(site.page(path))["BreadcrumbList"]["itemListElement"]
            assert trail[0]["item"] == SITE_URL and trail[-1]["item"] == canonical(path), path


def test_sitemap_lists_every_page_but_the_404_and_robots_txt_points_to_it(site):
    tree = ET.parse(site.site / "sitemap.xml")
    listed = sorted(loc.text or "" for loc in tree.iter(f"{SITEMAP}loc"))
    assert listed == sorted(canonical(path) for path in page_paths(site.site) if path != "404.html")
    robots = (site.site / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert f"Sitemap: {SITE_URL}sitemap.xml" in robots
    assert "User-agent: *" in robots and not any(line.startswith("Disallow: /") for line in robots)


def test_404_page_is_not_indexed_and_offers_every_section_by_absolute_links(site):
    page = site.page("404.html")
    assert head(page, 'meta[name="robots"]') == "noindex"
    assert page.select_one("article h1").get_text(strip=True) == "Page not found"
    links = {a.get_text(strip=True): a["href"] for a in page.select("article li a")}
    assert list(links) == [next(iter(item)) for item in published_nav(CONFIG["nav"])]
    assert all(href.startswith("/") for href in links.values()), links
    # Its styles load from any depth of missing address.
    assert all(link["href"].startswith("/") for link in page.select('link[rel="stylesheet"]'))


# --- Values with markup characters, and later pages of a long list ---------------------------

# Markup itself ("<", "&amp;") is refused in these fields (tests/test_guard_rails.py); these are the
# characters that stay allowed and must still come out as text.
ODD_TITLE = "Fees & Retainers: a 'Plain' Guide > 1 | {x}"
ODD_DESCRIPTION = "What a retainer covers & what it doesn't: 'plain' words > bold, just text for fee questions."


@pytest.fixture(scope="module")
def long_blog(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The project with twelve more posts (two pages of lists), one with markup characters."""
    project = copy_project(tmp_path_factory.mktemp("seo") / "project")
    posts = project / "docs" / "blog" / "posts"
    (posts / "odd.md").write_text(
        post_text(ODD_TITLE, ODD_DESCRIPTION, "2026-01-05", "fees-and-retainers"), encoding="utf-8"
    )
    for number in range(11):
        day = dt.date(2026, 2, 1) + dt.timedelta(days=number)
        (posts / f"extra-{number}.md").write_text(
            post_text(
                f"Extra Post Number {number}",
                f"Extra post number {number}, written by the tests to make the lists long.",
                day.isoformat(),
                f"extra-post-{number}",
            ),
            encoding="utf-8",
        )
    result = build_site(project, project.parent / "site")
    assert result.returncode == 0, result.output
    return result


def test_later_list_pages_have_their_own_title_and_description(long_blog):
    paths = page_paths(long_blog.site)
    assert "blog/page/2/" in paths and "blog/category/outsourcing/page/2/" in paths
    titles = [long_blog.page(path).title.string for path in paths]
    descriptions = [head(long_blog.page(path), 'meta[name="description"]') for path in paths]
    assert len(set(titles)) == len(titles) and len(set(descriptions)) == len(descriptions)
    assert long_blog.page("blog/page/2/").title.string == f"Resources (page 2) - {CONFIG['site_name']}"


def test_markup_characters_in_front_matter_stay_text_in_every_tag(long_blog):
    page = long_blog.page("blog/fees-and-retainers/")
    assert page.title.string == f"{ODD_TITLE} - {CONFIG['site_name']}"
    assert head(page, 'meta[property="og:title"]') == ODD_TITLE
    assert head(page, 'meta[name="description"]') == ODD_DESCRIPTION
    assert head(page, 'meta[name="twitter:description"]') == ODD_DESCRIPTION
    posting = json_ld(page)["BlogPosting"]
    assert posting["headline"] == ODD_TITLE and posting["description"] == ODD_DESCRIPTION
    raw = (long_blog.site / "blog" / "fees-and-retainers" / "index.html").read_text(encoding="utf-8")
    raw_head = raw.split("</head>")[0]
    assert "Fees &amp; Retainers" in raw_head and "Fees & Retainers" not in raw_head


def test_the_preview_picture_has_the_size_its_tags_announce(site):
    page = site.page("")
    picture = (site.site / head(page, 'meta[property="og:image"]').removeprefix(SITE_URL)).read_bytes()
    # A PNG's width and height sit in bytes 16-24 of its header.
    size = (int.from_bytes(picture[16:20], "big"), int.from_bytes(picture[20:24], "big"))
    announced = (
        int(head(page, 'meta[property="og:image:width"]')),
        int(head(page, 'meta[property="og:image:height"]')),
    )
    assert size == announced
    assert head(page, 'meta[name="twitter:card"]') == "summary_large_image" and size == (1200, 630)


def test_every_page_carries_the_firms_tab_icon_without_a_request(site):
    for path in page_paths(site.site):
        icon = head(site.page(path), 'link[rel="icon"]', "href")
        assert icon.startswith("data:image/svg+xml,%3Csvg"), path
