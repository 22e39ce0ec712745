"""A post's own page: its byline under the title, its share links and its "Related reading".

The byline (author, date, category, reading time) sits right under the title on every
screen, where a phone reader sees it first, and no "Metadata" heading is left. The share
links are plain links with the post's title and address encoded into them. "Related
reading" is ranked at build time from the posts' categories and dates
(macros/content/related.py: related_posts) and only ever names published posts. Whatever a title holds
shows as text.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from types import SimpleNamespace
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

import mkdocs.config
import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, Build, build_site, copy_project, mkdocs_settings
from macros.content import posts, related
from test_blog import long_date, page_file, published_posts, target, words

SITE_URL = mkdocs_settings()["site_url"]
POSTS = published_posts()
MORE = "<!-- more -->"


def post_url(post: dict[str, Any]) -> str:
    """A post's path in the site, such as blog/lawyer-burnout."""
    return f"blog/{post['slug']}"


def related_links(page) -> list[Any]:
    """The links of a post page's "Related reading" block (exactly one block)."""
    blocks = page.select("section.bol-related")
    assert len(blocks) == 1
    assert words(blocks[0].h2.get_text()) == "Related reading"
    links: list[Any] = blocks[0].select("li a")
    return links


def share_links(page) -> dict[str, dict[str, Any]]:
    """The share links of a post page, by accessible name: href and rel."""
    return {a["aria-label"]: {"href": a["href"], "rel": a.get("rel", [])} for a in page.select("section.bol-share a")}


def expected_share_links(title: str, address: str) -> dict[str, str]:
    """What each share link must be: the title and the absolute address, every reserved character encoded."""
    t, u = quote(title, safe=""), quote(address, safe="")
    return {
        "Share by email": f"mailto:?subject={t}&body={u}",
        "Share on LinkedIn": f"https://www.linkedin.com/sharing/share-offsite/?url={u}",
        "Share on X": f"https://x.com/intent/post?url={u}&text={t}",
    }


# --- Ranking (macros/content/related.py), without a build -----------------------------------------------


def link(name: str, day: int, *categories: str) -> posts.PostLink:
    """A post for the ranking: its address is its name, dated in November 2026."""
    return posts.PostLink(name.title(), "", dt.datetime(2026, 11, day), f"blog/{name}/", tuple(categories))


def urls(found: list[posts.PostLink]) -> list[str]:
    return [post.url.split("/")[1] for post in found]


def test_related_posts_share_a_category_first_then_are_nearest_in_date():
    current = link("current", 15, "Outsourcing")
    others = [
        link("newest-other", 30, "Running a law firm"),
        link("far-same", 1, "Outsourcing"),
        link("near-same", 17, "Outsourcing"),
        link("nearer-same", 14, "Outsourcing"),
    ]
    assert urls(related.related_posts(current, [current, *others])) == ["nearer-same", "near-same", "far-same"]


def test_more_shared_categories_rank_above_fewer():
    current = link("current", 15, "Outsourcing", "Legal careers")
    one = link("one-shared", 15, "Outsourcing")
    two = link("two-shared", 1, "Legal careers", "Outsourcing")
    assert urls(related.related_posts(current, [one, two, current], count=2)) == ["two-shared", "one-shared"]


def test_a_post_alone_in_its_category_gets_the_newest_posts():
    current = link("current", 15, "Legal careers")
    others = [link("old", 1, "Outsourcing"), link("newest", 28, "Outsourcing"), link("newer", 20, "Running a law firm")]
    assert urls(related.related_posts(current, [current, *others], count=2)) == ["newest", "newer"]


def test_fewer_other_posts_than_asked_gives_them_all_and_never_the_post_itself():
    current = link("current", 15, "Outsourcing")
    other = link("other", 3, "Running a law firm")
    assert related.related_posts(current, [current, other]) == [other]
    assert related.related_posts(current, [current]) == []


def test_ties_go_to_the_newer_post_then_the_address_whatever_the_order_given():
    current = link("current", 15, "Outsourcing")
    # All three are five days away; two of them share a day.
    others = [link("b-post", 10, "Outsourcing"), link("a-post", 10, "Outsourcing"), link("c-post", 20, "Outsourcing")]
    assert urls(related.related_posts(current, [*others, current])) == ["c-post", "a-post", "b-post"]
    assert urls(related.related_posts(current, [current, *reversed(others)])) == ["c-post", "a-post", "b-post"]


def test_shelving_by_category_gives_the_same_lists_as_ranking_every_post():
    # attach_related ranks each post against a few neighbours on its shelves, not the whole
    # blog (linear build time at 2,000 posts): it must pick exactly what ranking all would.
    rng = random.Random(23)
    sets = [(), ("Outsourcing",), ("Legal careers",), ("Outsourcing", "Legal careers"), ("Running a law firm",)]
    for trial in range(40):
        blog = [link(f"p{trial}-{n}", rng.randint(1, 8), *rng.choice(sets)) for n in range(rng.randint(1, 30))]
        shelves = related.shelve(blog, 3)
        for current in blog:
            everything = sorted(
                (post for post in blog if post.url != current.url), key=lambda post: related.rank(current, post)
            )
            assert related.related_from(current, shelves, 3) == everything[:3], current
            assert related.related_posts(current, blog, count=1) == everything[:1]


# --- The real site --------------------------------------------------------------------------


@pytest.mark.parametrize("post", POSTS, ids=lambda post: post["slug"])
def test_the_byline_under_the_title_gives_author_date_category_and_reading_time(site, post):
    page = site.page(post_url(post))
    h1 = page.select_one("article h1")
    byline = h1.find_next_sibling()
    assert "bol-byline" in byline["class"]
    time = byline.find("time")
    assert time.get_text(strip=True) == long_date(post["date"])
    assert time["datetime"].startswith(post["date"].isoformat())
    text = words(byline.get_text(" "))
    assert text.startswith("By Back Office Legal ")
    assert re.search(r"\b\d+ min read$", text)
    assert [a.get_text(strip=True) for a in byline.select("a")] == post["categories"]
    # Said once: the sidebar holds no second copy for screen readers.
    assert page.select(".md-sidebar--post time, .md-sidebar--post .md-post__authors") == []


def test_no_page_has_a_metadata_heading(site):
    pages = sorted(site.site.rglob("*.html"))
    labelled = [
        file.relative_to(site.site).as_posix()
        for file in pages
        if BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser").find(
            string=lambda text: text.strip() == "Metadata"
        )
    ]
    assert len(pages) > 10
    assert labelled == []


@pytest.mark.parametrize("post", POSTS, ids=lambda post: post["slug"])
def test_every_post_suggests_at_least_two_other_published_posts(site, post):
    page_path = page_file(site.site, post_url(post))
    links = related_links(site.page(post_url(post)))
    assert len(links) >= min(2, len(POSTS) - 1)
    published = {page_file(site.site, post_url(other)): other for other in POSTS}
    for a in links:
        linked = target(site.site, page_path, a["href"])
        assert linked in published and linked != page_path, a["href"]
        other = published[linked]
        assert words(a.get_text()) == other["title"]
        time = a.find_next_sibling("time")
        assert (time["datetime"], time.get_text(strip=True)) == (other["date"].isoformat(), long_date(other["date"]))
    assert len({a["href"] for a in links}) == len(links)


@pytest.mark.parametrize("post", POSTS, ids=lambda post: post["slug"])
def test_share_links_carry_the_title_and_absolute_address_encoded(site, post):
    found = share_links(site.page(post_url(post)))
    address = f"{SITE_URL}{post_url(post)}/"
    assert {name: link["href"] for name, link in found.items()} == expected_share_links(post["title"], address)
    assert all("noopener" in link["rel"] for link in found.values())
    email = parse_qs(urlsplit(found["Share by email"]["href"]).query)
    assert email == {"subject": [post["title"]], "body": [address]}


def test_share_links_and_related_reading_come_after_the_post_in_that_order(site):
    article = site.page(post_url(POSTS[0])).select_one("article")
    blocks = list(article.find_all("section", recursive=False))
    assert [block["class"][0] for block in blocks][-2:] == ["bol-share", "bol-related"]


# --- A copy with a tricky title, a post alone in its category, a draft and a future post -----


def post_file(title: str, slug: str, day: str, categories: list[str], *, draft: bool = False) -> str:
    """A post, its front matter written by PyYAML so any title is quoted correctly."""
    front = {
        "title": title,
        "description": f"A post written by the tests to check the post page, {slug}.",
        "date": dt.date.fromisoformat(day),
        "slug": slug,
        "authors": ["editorial"],
        "categories": categories,
    }
    if draft:
        front["draft"] = True
    return (
        f"---\n{yaml.safe_dump(front, allow_unicode=True, sort_keys=False)}---\n\n"
        f"The opening of the post.\n\n{MORE}\n\n## The rest\n\nThe rest of the post.\n"
    )


# Every character the front matter checks let through that means something in HTML, a URL or Jinja.
TRICKY = {"title": 'Fees & "Billing" > Costs: 100% Q&A? #1 = {a} + it\'s/ours', "slug": "tricky-title"}
LONE = {"title": "A Post Alone in Its Category", "slug": "alone-in-category"}
DRAFT_WORD, FUTURE_WORD = "Quillbramble", "Laterwhistle"


@pytest.fixture(scope="module")
def changed(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The project with a tricky title, a post in a category of its own, a draft and a future post."""
    project = copy_project(tmp_path_factory.mktemp("post-page") / "project")
    folder = project / "docs" / "blog" / "posts"
    (folder / "tricky.md").write_text(
        post_file(TRICKY["title"], TRICKY["slug"], "2026-06-02", ["Outsourcing"]), encoding="utf-8"
    )
    # A category no real post uses: add it to the allowed ones in the copy's settings.
    settings = project / "mkdocs.yml"
    allowed = "        - Running a law firm\n"
    settings.write_text(
        settings.read_text(encoding="utf-8").replace(allowed, f"{allowed}        - Test lone category\n"),
        encoding="utf-8",
    )
    (folder / "lone.md").write_text(
        post_file(LONE["title"], LONE["slug"], "2026-06-01", ["Test lone category"]), encoding="utf-8"
    )
    (folder / "draft.md").write_text(
        post_file(f"{DRAFT_WORD} Draft", "unready-draft", "2026-06-03", ["Outsourcing"], draft=True), encoding="utf-8"
    )
    (folder / "future.md").write_text(
        post_file(f"{FUTURE_WORD} Future", "future-post", "2099-01-01", ["Outsourcing"]), encoding="utf-8"
    )
    result = build_site(project, project.parent / "site")
    assert result.returncode == 0, result.output
    return result


def changed_posts(build: Build) -> list[dict[str, Any]]:
    return published_posts(build.site.parent / "project" / "docs" / "blog" / "posts")


def test_related_reading_never_names_a_draft_or_a_future_post(changed):
    all_posts = changed_posts(changed)
    assert {TRICKY["slug"], LONE["slug"]} <= {p["slug"] for p in all_posts}
    assert not {"unready-draft", "future-post"} & {p["slug"] for p in all_posts}
    published = {page_file(changed.site, post_url(p)) for p in all_posts}
    for post in all_posts:
        here = page_file(changed.site, post_url(post))
        links = related_links(changed.page(post_url(post)))
        assert len(links) >= 2
        assert {target(changed.site, here, a["href"]) for a in links} <= published - {here}
        text = words(" ".join(a.get_text() for a in links)).lower()
        assert DRAFT_WORD.lower() not in text and FUTURE_WORD.lower() not in text


def test_a_post_alone_in_its_category_suggests_the_newest_posts(changed):
    here = page_file(changed.site, post_url(LONE))
    newest = [p for p in changed_posts(changed) if p["slug"] != LONE["slug"]][:3]
    links = related_links(changed.page(post_url(LONE)))
    assert [target(changed.site, here, a["href"]) for a in links] == [
        page_file(changed.site, post_url(p)) for p in newest
    ]


def test_a_tricky_title_shows_as_typed_in_the_title_related_reading_and_share_links(changed):
    page = changed.page(post_url(TRICKY))
    assert words(page.select_one("article h1").get_text()) == TRICKY["title"]
    found = share_links(page)
    assert {name: link["href"] for name, link in found.items()} == expected_share_links(
        TRICKY["title"], f"{SITE_URL}{post_url(TRICKY)}/"
    )
    x = parse_qs(urlsplit(found["Share on X"]["href"]).query)
    assert x == {"url": [f"{SITE_URL}{post_url(TRICKY)}/"], "text": [TRICKY["title"]]}
    # Another Outsourcing post lists it, its title as text.
    suggesting = [p for p in changed_posts(changed) if "Outsourcing" in p["categories"] and p["slug"] != TRICKY["slug"]]
    titles = [words(a.get_text()) for a in related_links(changed.page(post_url(suggesting[0])))]
    assert TRICKY["title"] in titles
    html = (page_file(changed.site, post_url(suggesting[0]))).read_text(encoding="utf-8")
    assert "Fees &amp; &#34;Billing&#34; &gt; Costs" in html or "Fees &amp; &quot;Billing&quot; &gt; Costs" in html


# --- What the front matter checks refuse still shows as text in the templates -------------------


@pytest.fixture(scope="module")
def theme():
    """The theme's Jinja environment (Material with overrides/), as MkDocs builds pages with it."""
    return mkdocs.config.load_config(str(ROOT / "mkdocs.yml")).theme.get_env()


HOSTILE = '<script>alert(1)</script> {{ config.site_name }} & "quoted" <b>bold</b>'


def test_related_reading_shows_any_title_as_text(theme):
    entry = posts.PostLink(HOSTILE, "", dt.datetime(2026, 11, 17), "blog/other/")
    page = SimpleNamespace(url="blog/here/", meta={related.RELATED_KEY: [entry]})
    html = theme.get_template("partials/post-related.html").render(page=page, base_url="../..")
    soup = BeautifulSoup(html, "html.parser")
    link = soup.select_one("li a")
    assert link is not None
    assert words(link.get_text()) == words(HOSTILE)
    assert link["href"] == "../other/"
    assert soup.find("script") is None and soup.find("b") is None


def test_share_links_encode_any_title(theme):
    page = SimpleNamespace(url="blog/here/", title=HOSTILE, canonical_url=f"{SITE_URL}blog/here/")
    html = theme.get_template("partials/post-share.html").render(page=page, base_url="../..")
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("script") is None
    found = {a["aria-label"]: a["href"] for a in soup.select("a")}
    assert found == expected_share_links(HOSTILE, f"{SITE_URL}blog/here/")


# --- In a browser, on a phone ---------------------------------------------------------------


def test_on_a_phone_a_post_shows_date_reading_time_and_author_on_its_first_screen(browser, base_url):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    seen = {}
    for post in POSTS:
        page.goto(base_url + post_url(post) + "/")
        seen[post["slug"]] = page.evaluate("""() => {
            const shown = element => element.getClientRects().length > 0
                && getComputedStyle(element).visibility !== 'hidden';
            // A fact of the byline, shown and wholly inside the first screen (the page is not scrolled).
            const onFirstScreen = test => [...document.querySelectorAll('.bol-byline li')]
                .some(li => test(li) && shown(li) && li.getBoundingClientRect().bottom <= innerHeight);
            return {
                date: onFirstScreen(li => li.querySelector('time') !== null),
                reading: onFirstScreen(li => /\\d+ min read/.test(li.textContent)),
                author: onFirstScreen(li => /^By\\s+Back Office Legal/.test(li.textContent.trim())),
                related: [...document.querySelectorAll('.bol-related a')].filter(shown).length,
            };
        }""")
    page.close()
    expected = {"date": True, "reading": True, "author": True, "related": min(related.RELATED_COUNT, len(POSTS) - 1)}
    assert seen == {post["slug"]: expected for post in POSTS}
