"""What each page's <head> says about it, worked out once per page in Python for overrides/main.html to print.

- the title in the browser tab and the description, unique on every page (the blog's
  generated archive, category and later list pages included);
- Open Graph and Twitter card facts, for link previews;
- schema.org JSON-LD: the firm on the home page, an Article (the guide) or BlogPosting
  (posts), and the breadcrumb trail of every page below the home page;
- the texts printed in a page's margins on paper;
- the tab icon: the firm's monogram as a data: address, made once per build;
- the page's kind (page_kind()), which the templates and hooks/theme_fixes.py read from here
  instead of each working it out again.

The same work written as Jinja macros took about a third of a millisecond per page, the
largest part of what the project adds to Material's build (0.4 s at 1,000 posts). The
markup stays in the template; only values come from here, and the template escapes each one
where it writes it (`| e`, `| tojson`).

Zensical ignores hooks: there, main.html would need these values from elsewhere (see MIGRATION.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from jinja2 import Environment
from markupsafe import Markup

NOT_FOUND_DESCRIPTION = (
    "The page you asked for is not on this site. Start again from the guide, our services or the Resources articles."
)
LOGO = "assets/images/logo.png"
# The characters an SVG holds that a URL may not, percent-encoded; "%" first, so that the
# codes added after it are not encoded again.
URL_UNSAFE = (
    ("%", "%25"),
    ("&", "%26"),
    ("#", "%23"),
    ("<", "%3C"),
    (">", "%3E"),
    ('"', "%22"),
    ("\n", "%0A"),
    (" ", "%20"),
)
# In a CSS string: a backslash and a quote escaped, &, < and > as CSS escapes (so the style
# holds no character that means anything to HTML), line breaks as spaces.
CSS_STRING = (
    ("\\", "\\\\"),
    ('"', '\\"'),
    ("&", "\\26 "),
    ("<", "\\3c "),
    (">", "\\3e "),
    ("\n", " "),
    ("\r", " "),
    ("\f", " "),
)


# A page's kind, as page_kind() tells it.
POST = "post"  # a post of Material's blog (blog-post.html)
BLOG_INDEX = "blog index"  # the blog's index, archive and category pages (they list posts)
ARTICLE = "article"  # a page that reads in a sequence: Previous/Next in its footer (the guide)
PAGE = "page"  # any other page, the page-not-found page included


@dataclass(frozen=True)
class Head:
    """A page's facts for its <head>, as text; the template escapes them."""

    heading: str  # the page's own title, without the site's name
    image: str  # the picture link previews and structured data show (extra.social_image), in full
    title: str  # the browser tab's title
    description: str
    article: bool  # a post or a dated page: og:type "article"
    published: str | None  # a post's dates, ISO 8601 (a dated page's are in the JSON-LD only)
    modified: str | None
    sections: list[str]  # a post's categories
    graph: list[dict[str, Any]]  # schema.org JSON-LD's @graph, written with Jinja's tojson
    print_title: str  # CSS strings for the printed margins (quotes included)
    print_address: str
    kind: str  # page_kind(): POST, BLOG_INDEX, ARTICLE or PAGE
    in_sequence: bool  # in_sequence(): the footer keeps Previous/Next, not the contact strip


def replaced(text: str, pairs: tuple[tuple[str, str], ...]) -> str:
    """`text` with each pair's first string replaced by its second, in order."""
    for old, new in pairs:
        text = text.replace(old, new)
    return text


def css_string(text: str) -> str:
    """`text` as a quoted CSS string that cannot end the string or the <style> element."""
    return f'"{replaced(text, CSS_STRING)}"'


def tab_icon(svg: str) -> str:
    """An SVG picture as the href of a data: address."""
    return "data:image/svg+xml," + replaced(svg.strip(), URL_UNSAFE)


def as_text(value: Any) -> str:
    """HTML (a heading as the page renders it: "Billing &amp; Fees") as text, as Jinja's striptags does."""
    return Markup(str(value.__html__() if hasattr(value, "__html__") else value)).striptags()


def page_number(page: Any) -> int:
    """The number of a later page of a paginated blog list (2, 3, ...), or 0.

    The list's pages are found by identity, then by address: comparing pages with == compares
    their titles and files, and a blog of 2,000 posts has lists of 200 pages.
    """
    pages = getattr(page, "pages", None)
    if not pages:
        return 0
    index = next((index for index, view in enumerate(pages) if view is page), None)
    if index is None:
        addresses = [view.url for view in pages]
        index = addresses.index(page.url) if page.url in addresses else 0
    return index + 1 if index else 0


def is_post(page: Any) -> bool:
    """A post of Material's blog: its settings carry a date."""
    return page is not None and hasattr(getattr(page, "config", None), "date")


def footer_hidden(page: Any) -> bool:
    """Whether the page's front matter hides Material's footer navigation (hide: footer)."""
    return bool(page and page.meta and page.meta.get("hide") and "footer" in page.meta["hide"])


def in_sequence(page: Any) -> bool:
    """Whether the page reads in a sequence, so its footer keeps Previous/Next: it has a
    neighbour, does not hide its footer and is not a list of posts. A post is one too."""
    return bool(
        page and (page.previous_page or page.next_page) and not footer_hidden(page) and not hasattr(page, "posts")
    )


def page_kind(page: Any) -> str:
    """What the page is (None: the page-not-found page): POST, BLOG_INDEX, ARTICLE or PAGE."""
    if is_post(page):
        return POST
    if page is not None and hasattr(page, "posts"):  # Material's blog views carry their posts
        return BLOG_INDEX
    return ARTICLE if in_sequence(page) else PAGE


def dates(page: Any) -> tuple[Any, Any] | None:
    """When a post, or a page with a date: in its front matter, was published and last changed; else None."""
    if is_post(page):
        return page.config.date.created, page.config.date.updated or page.config.date.created
    if page and page.meta and page.meta.get("date"):
        return page.meta["date"], page.meta.get("updated") or page.meta["date"]
    return None


def sections(page: Any) -> list[str]:
    """A post's categories, as text; none for any other page."""
    return [as_text(category.title) for category in page.categories] if is_post(page) else []


def own_heading(page: Any, config: Any) -> str:
    """The page's own title, without the site's name."""
    if not page:
        return "Page not found"
    if page.meta and page.meta.get("title"):
        return str(page.meta["title"])
    if page.is_homepage:
        return str(config["site_name"])
    return str(as_text(page.title))


def own_description(page: Any, config: Any, number: int) -> str:
    """The description: from front matter; written for the blog's generated pages."""
    site = config["site_name"]
    if not page:
        text = NOT_FOUND_DESCRIPTION
    elif page.meta and page.meta.get("description"):
        text = str(page.meta["description"])
    elif hasattr(page, "posts") and str(page.title).isdigit():
        text = f"Articles from the {site} Resources blog published in {page.title}, newest first."
    elif hasattr(page, "posts"):
        # A category page's title comes from its rendered heading, as HTML ("Billing &amp; Fees").
        text = f"Articles about {as_text(page.title).lower()} from the {site} Resources blog, newest first."
    else:
        text = str(config["site_description"])
    return (text + (f" Page {number}." if number else "")).strip()


def image(config: Any) -> str:
    """The full address of the picture link previews and structured data show."""
    address: str = config["site_url"] + config["extra"]["social_image"]["path"]
    return address


def organization(config: Any) -> dict[str, Any]:
    """The firm, as schema.org sees it; its contact details only once it has given them."""
    site = config["site_url"]
    firm = config["extra"].get("firm") or {}
    found = {
        "@type": "Organization",
        "@id": site + "#organization",
        "name": config["site_name"],
        "url": site,
        "logo": site + LOGO,
        "description": str(config["site_description"]).strip(),
    }
    if firm.get("email"):
        found["email"] = firm["email"]
    if firm.get("phone"):
        found["telephone"] = firm["phone"]
    return found


def breadcrumbs(page: Any, heading: str, site: str) -> dict[str, Any]:
    """The trail from the home page to `page`: its ancestors that have a page of their own."""
    crumbs = [{"name": "Home", "url": site}]
    for ancestor in reversed(page.ancestors):
        link = (
            ancestor
            if hasattr(ancestor, "url")
            else next((child for child in ancestor.children if getattr(child, "is_index", False)), None)
        )
        if (
            link
            and hasattr(link, "url")
            and link != page
            and link.canonical_url not in [crumb["url"] for crumb in crumbs]
        ):
            crumbs.append({"name": as_text(link.title), "url": link.canonical_url})
    crumbs.append({"name": heading, "url": page.canonical_url})
    items = [
        {"@type": "ListItem", "position": position, "name": crumb["name"], "item": crumb["url"]}
        for position, crumb in enumerate(crumbs, start=1)
    ]
    return {"@type": "BreadcrumbList", "itemListElement": items}


def article(
    page: Any,
    config: Any,
    heading: str,
    description: str,
    firm: dict[str, Any],
    published: tuple[Any, Any] | None,
    categories: list[str],
) -> dict[str, Any] | None:
    """A post's BlogPosting or a dated page's Article (`published`: its dates()), else None."""
    if published is None:
        return None
    post = is_post(page)
    site = config["site_url"]
    authors = ", ".join(author.name for author in page.authors) if post and page.authors else config["site_name"]
    found = {
        "@type": "BlogPosting" if post else "Article",
        "headline": heading,
        "description": description,
        "url": page.canonical_url,
        "mainEntityOfPage": page.canonical_url,
        "datePublished": published[0].isoformat(),
        "dateModified": published[1].isoformat(),
        "inLanguage": "en",
        "image": image(config),
        "author": {"@type": "Organization", "name": authors, "url": site},
        "publisher": firm,
    }
    if categories:
        found["articleSection"] = categories
    return found


def structured_data(
    page: Any, config: Any, heading: str, description: str, published: tuple[Any, Any] | None, categories: list[str]
) -> list[dict[str, Any]]:
    """The page's schema.org graph (none for the page-not-found page), from its dates() and sections()."""
    site = config["site_url"]
    firm = organization(config)
    graph: list[dict[str, Any]] = []
    if page and page.is_homepage:
        graph = [
            firm,
            {
                "@type": "WebSite",
                "@id": site + "#website",
                "name": config["site_name"],
                "url": site,
                "publisher": {"@id": site + "#organization"},
            },
        ]
    elif page:
        found = article(page, config, heading, description, firm, published, categories)
        graph = [found] if found else []
        graph.append(breadcrumbs(page, heading, site))
    return graph


def page_head(page: Any, config: Any) -> Head:
    """Everything the <head> of `page` (None: the page-not-found page) says about it."""
    number = page_number(page) if page else 0
    heading = own_heading(page, config)
    description = own_description(page, config, number)
    site_name = config["site_name"]
    title = heading + (f" (page {number})" if number else "") + (f" - {site_name}" if heading != site_name else "")
    published = dates(page)
    categories = sections(page)
    post_dates = published if is_post(page) else None
    address = page.canonical_url if page and page.canonical_url else config["site_url"]
    return Head(
        heading=heading,
        image=image(config),
        title=title.strip(),
        description=description,
        article=published is not None,
        published=post_dates[0].isoformat() if post_dates else None,
        modified=post_dates[1].isoformat() if post_dates else None,
        sections=categories,
        graph=structured_data(page, config, heading, description, published, categories),
        print_title=css_string(heading.strip()),
        print_address=css_string(f"{site_name} · {address}"),
        kind=page_kind(page),
        in_sequence=in_sequence(page),
    )


def on_env(env: Environment, config: Any, files: Any) -> Environment:
    """Give the theme's templates `page_head(page, config)` and the tab icon (`tab_icon`)."""
    env.globals["page_head"] = page_head
    env.globals["tab_icon"] = tab_icon(env.get_template(f".icons/{config['theme']['icon']['logo']}.svg").render())
    return env
