"""The Resources blog as readers and feed readers see it.

Every post has its own page, the blog index shows excerpts newest first, archive and
category pages group the posts, the RSS and JSON feeds carry exactly the published
posts, and the "Recent articles" list on the home page and the guide is made
from the posts themselves. A post added to docs/blog/posts/ shows up everywhere; a
draft or a post dated in the future shows up nowhere.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, Build, build_site, copy_project, mkdocs_settings

GUIDE = "paralegal-vs-legal-assistant"
POSTS_DIR = ROOT / "docs" / "blog" / "posts"
CONFIG = mkdocs_settings()
SITE_URL = CONFIG["site_url"]
MORE = "<!-- more -->"
# The published posts, newest first.
SLUGS = ["paralegal-or-legal-assistant-career", "virtual-legal-clerk", "law-firm-business-coach", "lawyer-burnout"]
CATEGORY_PAGES = {
    "Running a law firm": "blog/category/running-a-law-firm",
    "Outsourcing": "blog/category/outsourcing",
    "Legal careers": "blog/category/legal-careers",
}
# Posts written to a length: the fewest and most words a reader may see in the article.
WORD_LIMITS = {"paralegal-or-legal-assistant-career": (800, 1200)}


def read_post(path: Path) -> dict[str, Any]:
    """A post's front matter, plus its Markdown body under "body"."""
    _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
    return {**yaml.safe_load(front), "body": body}


def published_posts(posts_dir: Path = POSTS_DIR) -> list[dict[str, Any]]:
    """The posts a reader may see (no drafts, nothing dated after today), newest first."""
    posts = [read_post(p) for p in posts_dir.glob("*.md")]
    visible = [p for p in posts if not p.get("draft") and p["date"] <= dt.date.today()]
    return sorted(visible, key=lambda p: p["date"], reverse=True)


POSTS = published_posts()
BY_SLUG = {p["slug"]: p for p in POSTS}


def words(text: str) -> str:
    return " ".join(text.split())


def own_text(element) -> str:
    """An element's text without its children's (a heading without its permalink)."""
    return words("".join(element.find_all(string=True, recursive=False)))


def long_date(day: dt.date) -> str:
    """A date as the site shows it: November 17, 2026."""
    return f"{day:%B} {day.day}, {day.year}"


def target(site: Path, page: Path, href: str) -> Path:
    """The file in the built site that a link on the built `page` points to."""
    folder = page.parent.relative_to(site).as_posix()
    url = urljoin("/" if folder == "." else f"/{folder}/", urlsplit(href).path)
    return site / url.lstrip("/") / "index.html" if url.endswith("/") else site / url.lstrip("/")


def page_file(site: Path, url_path: str) -> Path:
    return site / url_path / "index.html"


def listed_titles(page) -> list[str]:
    """The post titles on a blog index, archive or category page, top to bottom."""
    return [words(a.get_text()) for a in page.select("article.md-post h2 a")]


def titles(posts: list[dict[str, Any]]) -> list[str]:
    return [p["title"] for p in posts]


def rss_items(site: Path, name: str = "feed_rss_created.xml") -> list[dict[str, Any]]:
    channel = ET.parse(site / name).getroot().find("channel")
    assert channel is not None, name
    return [
        {
            "title": item.findtext("title"),
            "link": item.findtext("link"),
            "date": parsedate_to_datetime(item.findtext("pubDate", "")).date(),
            "description": item.findtext("description"),
            "categories": [c.text for c in item.findall("category")],
        }
        for item in channel.findall("item")
    ]


def json_items(site: Path, name: str = "feed_json_created.json") -> list[dict[str, Any]]:
    feed = json.loads((site / name).read_text(encoding="utf-8"))
    return [
        {
            "title": item["title"],
            "link": item["url"],
            "date": dt.datetime.fromisoformat(item["date_published"]).date(),
            "description": item["content_html"],
            "categories": item["tags"],
        }
        for item in feed["items"]
    ]


def feed_entry(post: dict[str, Any]) -> dict[str, Any]:
    """What a feed item must say about a post: all from its front matter."""
    return {
        "title": post["title"],
        "link": f"{SITE_URL}blog/{post['slug']}/",
        "date": post["date"],
        "description": post["description"],
        "categories": post["categories"],
    }


def article_words(page) -> int:
    """The words a reader sees in a page's article (its title, text and the lists macros add).

    Navigation, the post's date and category sidebar and the footer are outside the article;
    the permalink mark after each heading and punctuation standing alone are not words.
    """
    article = page.select_one("article.md-content__inner")
    for permalink in article.select(".headerlink"):
        permalink.decompose()
    return len(re.findall(r"\w[\w'’-]*", article.get_text(" ")))


def recent_list(page):
    blocks = page.select(".bol-recent")
    assert len(blocks) == 1
    return blocks[0]


# --- The real site ---------------------------------------------------------------------------


def test_the_four_posts_are_published_newest_first():
    assert [p["slug"] for p in POSTS] == SLUGS


@pytest.mark.parametrize("slug", SLUGS)
def test_each_post_has_its_page_with_title_date_reading_time_and_category(site, slug):
    post = BY_SLUG[slug]
    page = site.page(f"blog/{slug}")
    assert words(page.select_one("article h1").get_text()) == post["title"]
    meta = page.select_one(".bol-byline")  # under the title (overrides/partials/post-byline.html)
    time = meta.find("time")
    assert time.get_text(strip=True) == long_date(post["date"])
    assert time["datetime"].startswith(post["date"].isoformat())
    assert re.search(r"\b\d+ min read\b", meta.get_text(" "))
    links = {a.get_text(strip=True): a["href"] for a in meta.select("a")}
    for category in post["categories"]:
        assert target(site.site, page_file(site.site, f"blog/{slug}"), links[category]) == page_file(
            site.site, CATEGORY_PAGES[category]
        )


@pytest.mark.parametrize("slug", WORD_LIMITS)
def test_post_written_to_a_length_stays_within_it_as_built(site, slug):
    fewest, most = WORD_LIMITS[slug]
    assert fewest <= article_words(site.page(f"blog/{slug}")) <= most


def test_article_words_count_what_a_reader_reads_and_nothing_around_it():
    page = BeautifulSoup(
        '<nav>Home Guide Resources</nav><article class="md-content__inner"><h1>Two roles</h1>'
        '<h2 id="a">A legal assistant\'s day<a class="headerlink" href="#a">¶</a></h2>'
        '<ul><li><strong>On the job:</strong> Common.</li><li>A post-degree <a href="#">certificate</a>.</li></ul>'
        "</article><footer>Copyright</footer>",
        "html.parser",
    )
    assert article_words(page) == 13


def test_blog_index_lists_every_post_newest_first(site):
    assert listed_titles(site.page("blog")) == titles(POSTS)


@pytest.mark.parametrize("slug", SLUGS)
def test_blog_index_shows_each_posts_excerpt_and_nothing_after_the_more_line(site, slug):
    post = BY_SLUG[slug]
    index = site.page("blog")
    article = next(a for a in index.select("article.md-post") if a.h2.a["href"] == f"{slug}/")
    before, after = post["body"].split(MORE)
    last_paragraph = before.strip().split("\n\n")[-1]
    assert words(last_paragraph) in words(article.get_text(" "))
    action = article.select_one(".md-post__action a")
    assert (action.get_text(strip=True), action["href"]) == ("Continue reading", f"{slug}/")
    # Nothing below the line: none of its headings, not even its first paragraph.
    headings_after = [line.lstrip("#").strip() for line in after.splitlines() if line.startswith("#")]
    assert headings_after
    assert set(headings_after).isdisjoint(own_text(h) for h in index.select("h1, h2, h3, h4, h5, h6"))
    first_paragraph_after = after.strip().split("\n\n")[1]
    assert words(first_paragraph_after)[:60] not in words(index.get_text(" "))


def test_archive_page_lists_the_years_posts_newest_first(site):
    archive = site.page("blog/archive/2026")
    assert own_text(archive.h1) == "2026"
    assert listed_titles(archive) == titles([p for p in POSTS if p["date"].year == 2026])


@pytest.mark.parametrize("category", CATEGORY_PAGES)
def test_category_page_lists_exactly_its_posts_newest_first(site, category):
    expected = titles([p for p in POSTS if category in p["categories"]])
    assert expected
    assert listed_titles(site.page(CATEGORY_PAGES[category])) == expected


# --- Feeds -----------------------------------------------------------------------------------


def test_rss_feed_items_are_the_published_posts_from_their_front_matter(site):
    assert rss_items(site.site) == [feed_entry(p) for p in POSTS]


def test_json_feed_items_are_the_published_posts_from_their_front_matter(site):
    assert json_items(site.site) == [feed_entry(p) for p in POSTS]


def test_the_home_page_and_every_blog_page_link_the_rss_and_json_feeds_and_others_do_not(site):
    # Feed readers discover a feed from the page a reader subscribes on; Material fetches
    # sitemap.xml once per rel="alternate" link, so pages elsewhere carry none.
    pages = sorted(site.site.rglob("*.html"))
    assert len(pages) > 10
    for file in pages:
        path = file.relative_to(site.site).as_posix()
        page = site.page(path)
        alternates = page.select('head link[rel="alternate"]')
        if path == "index.html" or path.startswith("blog/"):
            links = {link["type"]: target(site.site, file, link["href"]) for link in alternates}
            assert links == {
                "application/rss+xml": site.site / "feed_rss_created.xml",
                "application/feed+json": site.site / "feed_json_created.json",
            }, path
        else:
            assert alternates == [], path


def test_blog_index_has_a_subscribe_section_with_both_feeds_full_addresses(site):
    index = site.page("blog")
    heading = index.select_one(".md-content section.bol-subscribe > h2#subscribe")
    assert own_text(heading) == "Subscribe"
    # The heading adds no table of contents beside the posts (it would hold that one line).
    assert index.select(".md-sidebar--secondary .md-nav__list") == []
    section = list(heading.find_next_siblings())
    # One line for readers who have never used a feed, then each feed named, its full
    # address as the link's text (what a reader pastes into a feed reader).
    assert words(section[0].get_text()).startswith("A feed is a web address you add to a feed-reader app")
    items = {words(li.get_text()): li.a for li in section[1].select("li")}
    assert list(items) == [f"RSS: {SITE_URL}feed_rss_created.xml", f"JSON Feed: {SITE_URL}feed_json_created.json"]
    files = [target(site.site, page_file(site.site, "blog"), a["href"]) for a in items.values()]
    assert files == [site.site / "feed_rss_created.xml", site.site / "feed_json_created.json"]
    assert all(file.is_file() for file in files)
    assert section[1]["class"] == ["bol-feeds"]


FEED_FILES = ["feed_rss_created.xml", "feed_rss_updated.xml", "feed_json_created.json", "feed_json_updated.json"]
RSS_SETTINGS = next(plugin["rss"] for plugin in CONFIG["plugins"] if isinstance(plugin, dict) and "rss" in plugin)
AUTHORS = yaml.safe_load((ROOT / "docs" / "blog" / ".authors.yml").read_text(encoding="utf-8"))["authors"]


def test_feeds_carry_no_xslt_stylesheet():
    # The plugin's own stylesheet (rss.xsl) labelled items in French ("Par ...") and made
    # Chromium show its warning that XSLT is being removed; feed readers never used it.
    assert RSS_SETTINGS["stylesheet"] == ""


@pytest.mark.parametrize("name", FEED_FILES)
def test_no_feed_names_a_stylesheet_and_none_is_published(site, name):
    text = (site.site / name).read_text(encoding="utf-8")
    assert "xml-stylesheet" not in text and ".xsl" not in text
    assert list(site.site.rglob("*.xsl")) == []


def feed_words(site: Path, name: str) -> list[str]:
    """Every piece of text a feed shows that is not an address, a date or a number."""
    if name.endswith(".json"):

        def strings(value):
            if isinstance(value, dict):
                return [s for v in value.values() for s in strings(v)]
            if isinstance(value, list):
                return [s for v in value for s in strings(v)]
            return [value] if isinstance(value, str) else []

        texts = strings(json.loads((site / name).read_text(encoding="utf-8")))
    else:
        root = ET.parse(site / name).getroot()
        texts = [t for element in root.iter() for t in [(element.text or "").strip(), *element.attrib.values()] if t]

    def is_date(text: str) -> bool:
        for parse in (parsedate_to_datetime, dt.datetime.fromisoformat):
            try:
                parse(text)
                return True
            except (TypeError, ValueError):
                pass
        return False

    return [
        t
        for t in texts
        if not re.match(r"https?://", t)
        and not t.isdigit()
        and not is_date(t)
        and t not in ("2.0", "true", "application/rss+xml", "self")
    ]


@pytest.mark.parametrize("name", FEED_FILES)
def test_every_word_of_each_feed_is_the_sites_own_english_text(site, name):
    # Each string comes from mkdocs.yml, the posts' front matter or the authors file, all
    # written in English; nothing from the plugin's own words (it once said "Par ...").
    ours = {
        RSS_SETTINGS["feed_title"],
        RSS_SETTINGS["feed_description"],
        CONFIG["site_author"],
        "en",
        *(p["title"] for p in POSTS),
        *(p["description"] for p in POSTS),
        *(c for p in POSTS for c in p["categories"]),
        *(a["name"] for a in AUTHORS.values()),
    }
    found = feed_words(site.site, name)
    others = {t for t in found if t not in ours}
    assert found and {t for t in others if not re.fullmatch(r"MkDocs RSS plugin - v[\d.]+", t)} == set()


def test_each_feed_item_is_signed_with_the_authors_name_in_english(site):
    names = {key: author["name"] for key, author in AUTHORS.items()}
    expected = [[names[key] for key in post["authors"]] for post in POSTS]
    assert expected[0] == ["Back Office Legal"]
    for name in FEED_FILES:
        if name.endswith(".json"):
            items = json.loads((site.site / name).read_text(encoding="utf-8"))["items"]
            signed = [[author["name"] for author in item["authors"]] for item in items]
        else:
            items = ET.parse(site.site / name).getroot().findall("channel/item")
            signed = [[author.text for author in item.findall("author")] for item in items]
        assert signed == expected, name


# --- Recent articles ---------------------------------------------------------------------------

# The home page shows each post's description; the guide, a short list of titles and dates.
DESCRIBED = {"": True, GUIDE: False}


@pytest.mark.parametrize("url_path", ["", GUIDE])
def test_recent_list_shows_the_three_newest_posts_with_date_and_description(site, url_path):
    page = site.page(url_path)
    items = recent_list(page).select("li.bol-post")
    assert [words(li.a.get_text()) for li in items] == titles(POSTS[:3])
    for li, post in zip(items, POSTS, strict=False):  # the newest posts only
        linked = target(site.site, page_file(site.site, url_path), li.a["href"])
        assert linked == page_file(site.site, f"blog/{post['slug']}")
        time = li.find("time")
        assert (time["datetime"], time.get_text(strip=True)) == (post["date"].isoformat(), long_date(post["date"]))
        descriptions = [words(p.get_text()) for p in li.select("p:not(.bol-note)")]
        assert descriptions == ([post["description"]] if DESCRIBED[url_path] else [])


@pytest.mark.parametrize("url_path", ["", GUIDE])
def test_recent_list_links_to_the_blog_index(site, url_path):
    link = recent_list(site.page(url_path)).find("a", string="All articles in Resources")
    assert target(site.site, page_file(site.site, url_path), link["href"]) == page_file(site.site, "blog")


@pytest.mark.parametrize("source", ["index.md", f"{GUIDE}.md"])
def test_recent_list_is_not_typed_into_markdown(source):
    markdown = words((ROOT / "docs" / source).read_text(encoding="utf-8")).lower()
    assert "{{ recent_posts(" in markdown
    typed = [text for p in POSTS for text in (p["title"], p["description"]) if words(text).lower() in markdown]
    assert typed == []


# --- A copy with a new post, a draft and a post dated in the future --------------------------


def post_text(title: str, description: str, day: str, slug: str, *, draft: bool = False) -> str:
    return (
        f'---\ntitle: "{title}"\ndescription: "{description}"\ndate: {day}\nslug: {slug}\n'
        + ("draft: true\n" if draft else "")
        + "authors:\n  - editorial\ncategories:\n  - Outsourcing\n---\n\n"
        + f"The opening of {title}, shown on the blog index.\n\n{MORE}\n\n## The rest\n\nThe rest of the post.\n"
    )


# Dated after the newest real post (and not after today), so it heads every list.
NEW: dict[str, Any] = {
    "title": "Marigoldstone Notes on Outsourcing",
    "slug": "marigoldstone-notes",
    "date": dt.date(2026, 12, 1),
    "description": "A new post about Marigoldstone, written by the tests to check that it reaches every list.",
    "categories": ["Outsourcing"],
}
# Unique words in the unpublished posts' titles, descriptions and slugs.
DRAFT_WORD, FUTURE_WORD = "Brackenfold", "Tomorrowgale"


@pytest.fixture(scope="module")
def changed(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The project with a new post (dated after the others), a draft and a future post, built once."""
    project = copy_project(tmp_path_factory.mktemp("blog") / "project")
    posts = project / "docs" / "blog" / "posts"
    (posts / "new.md").write_text(
        post_text(NEW["title"], NEW["description"], NEW["date"].isoformat(), NEW["slug"]), encoding="utf-8"
    )
    (posts / "draft.md").write_text(
        post_text(
            f"{DRAFT_WORD} Is Not Ready",
            f"A draft about {DRAFT_WORD} that must not be published, whatever its date says.",
            "2026-11-25",
            f"{DRAFT_WORD.lower()}-draft",
            draft=True,
        ),
        encoding="utf-8",
    )
    (posts / "future.md").write_text(
        post_text(
            f"{FUTURE_WORD} Comes Later",
            f"A post about {FUTURE_WORD} dated in the future, so it is a draft until that day.",
            "2099-01-01",
            f"{FUTURE_WORD.lower()}-future",
        ),
        encoding="utf-8",
    )
    result = build_site(project, project.parent / "site")
    assert result.returncode == 0, result.output
    return result


@pytest.mark.parametrize("url_path", ["", GUIDE])
def test_new_post_heads_the_recent_list_on_home_and_guide(changed, url_path):
    items = recent_list(changed.page(url_path)).select("li.bol-post")
    assert [words(li.a.get_text()) for li in items] == [NEW["title"], *titles(POSTS[:2])]
    assert target(changed.site, page_file(changed.site, url_path), items[0].a["href"]) == page_file(
        changed.site, f"blog/{NEW['slug']}"
    )
    if DESCRIBED[url_path]:
        assert words(items[0].select("p")[-1].get_text()) == NEW["description"]


def test_new_post_has_its_own_page(changed):
    assert words(changed.page(f"blog/{NEW['slug']}").select_one("article h1").get_text()) == NEW["title"]


@pytest.mark.parametrize(
    "url_path, others",
    [
        ("blog", POSTS),
        ("blog/archive/2026", [p for p in POSTS if p["date"].year == 2026]),
        ("blog/category/outsourcing", [p for p in POSTS if "Outsourcing" in p["categories"]]),
    ],
)
def test_new_post_is_listed_first_on_blog_index_archive_and_its_category(changed, url_path, others):
    assert listed_titles(changed.page(url_path)) == [NEW["title"], *titles(others)]


@pytest.mark.parametrize("items", [rss_items, json_items])
def test_new_post_is_the_first_item_of_both_feeds(changed, items):
    assert items(changed.site) == [feed_entry(NEW), *map(feed_entry, POSTS)]


def test_new_post_is_in_sitemap_and_search_index(changed):
    locs = [
        loc.text
        for loc in ET.parse(changed.site / "sitemap.xml").iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")
    ]
    assert f"{SITE_URL}blog/{NEW['slug']}/" in locs
    docs = json.loads((changed.site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    assert any(d["location"] == f"blog/{NEW['slug']}/" and d["title"] == NEW["title"] for d in docs)


def test_draft_and_future_posts_have_no_page(changed):
    built = [p.relative_to(changed.site).as_posix() for p in changed.site.rglob("*")]
    assert [p for p in built if DRAFT_WORD.lower() in p.lower() or FUTURE_WORD.lower() in p.lower()] == []
    assert not (changed.site / "blog/archive/2099").exists()


@pytest.mark.parametrize(
    "output",
    [
        "index.html",
        f"{GUIDE}/index.html",
        "blog/index.html",
        "blog/archive/2026/index.html",
        "blog/category/outsourcing/index.html",
        "feed_rss_created.xml",
        "feed_rss_updated.xml",
        "feed_json_created.json",
        "feed_json_updated.json",
        "sitemap.xml",
        "search/search_index.json",
    ],
)
def test_draft_and_future_posts_are_missing_where_the_new_post_shows(changed, output):
    text = (changed.site / output).read_text(encoding="utf-8").lower()
    assert NEW["slug"] in text
    assert DRAFT_WORD.lower() not in text
    assert FUTURE_WORD.lower() not in text


def test_draft_and_future_posts_appear_in_no_built_file(changed):
    files = [f for f in changed.site.rglob("*") if f.is_file()]

    def mentioning(word: str) -> list[str]:
        needle = word.lower().encode()
        return [f.relative_to(changed.site).as_posix() for f in files if needle in f.read_bytes().lower()]

    assert len(mentioning(NEW["slug"])) >= 10  # the search finds a post that is published
    assert mentioning(DRAFT_WORD) == []
    assert mentioning(FUTURE_WORD) == []


def test_a_long_blog_is_paginated_ten_posts_a_page(tmp_path):
    project = copy_project(tmp_path / "project")
    posts = project / "docs" / "blog" / "posts"
    for day in range(1, 11):  # ten more posts, dated before the real ones
        (posts / f"older-{day}.md").write_text(
            post_text(
                f"Older Post Number {day}",
                f"A generated post, number {day}, written by the tests to fill a second page.",
                f"2026-01-{day:02d}",
                f"older-{day}",
            ),
            encoding="utf-8",
        )
    built = build_site(project, tmp_path / "site")
    assert built.returncode == 0, built.output
    first, second = listed_titles(built.page("blog")), listed_titles(built.page("blog/page/2"))
    # The real posts first, then the newest older ones; the rest, down to number 1, on page 2.
    assert len(first) == 10 and first[: len(POSTS)] == titles(POSTS)
    assert second == [f"Older Post Number {number}" for number in range(len(POSTS), 0, -1)]
    assert built.page("blog").select_one('.md-pagination a[href="page/2/"]')
