"""The macros pages call, as classes bound to one build's checked data, rendering the Jinja templates in templates/."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any, Protocol, cast

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined
from markupsafe import Markup
from mkdocs.utils import get_relative_url

from macros import urls
from macros.checks.firm import given
from macros.content import posts, request, tables
from macros.content.comparison import Comparison
from macros.content.engagement import Engagement, checklist_items, cited_sources, step_views
from macros.content.faq import Faq, Piece, UnknownFact, faq_document, faq_entries, paragraphs
from macros.content.team import TEAM_PAGE, Team

TEMPLATES = Path(__file__).parent / "templates"


def template_env(folder: Path = TEMPLATES) -> Environment:
    """A Jinja environment that escapes every value and fails on a misspelt name."""
    env = Environment(
        loader=FileSystemLoader(folder),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        # Compiling the templates was a good part of the macros' fixed cost in every build and
        # preview rebuild: keep the compiled code in the system's temporary folder. Jinja
        # compiles a template again whenever its text has changed.
        bytecode_cache=FileSystemBytecodeCache(),
    )
    env.filters["long_date"] = tables.long_date
    return env


class TemplateMacros(Protocol):
    """A template's macros, each returning the HTML it renders: Jinja's TemplateModule, typed."""

    def __getattr__(self, name: str) -> Callable[..., Markup]: ...


def template_macros(name: str) -> TemplateMacros:
    """The macros of the template `name` in templates/."""
    return cast(TemplateMacros, template_env().get_template(name).module)


# The scripts and stylesheets that only some pages need, under docs/ and served by the site itself:
# the template that needs one links it, so no other page downloads it (site.css is every page's).
ASSETS = {
    "script": "javascripts/which-help.js",
    "request_script": "javascripts/request.js",
    "request_css": "stylesheets/request.css",
    "engagement_css": "stylesheets/engagement.css",
}


def relative_links(here: str, pages: Mapping[str, str], use_directory_urls: bool = True) -> dict[str, str]:
    """The key pages (extra.pages in mkdocs.yml, by key) and ASSETS as links from the page at address `here`."""
    return {
        **{name: urls.link_to_page(page, here, use_directory_urls) for name, page in pages.items()},
        **{name: get_relative_url(file, here) for name, file in ASSETS.items()},
    }


class Renderer:
    """The page macros, bound to one build's checked data and the firm's contact details."""

    def __init__(
        self,
        data: Comparison,
        firm: dict[str, Any],
        pages: Mapping[str, str],
        current_url: Callable[[], str],
        use_directory_urls: bool = True,
    ) -> None:
        self.data = data
        self.firm = firm
        self.pages = pages  # the key pages' files, from extra.pages in mkdocs.yml
        self.current_url = current_url
        self.use_directory_urls = use_directory_urls
        self.html = template_macros("comparison.html")

    def links(self) -> dict[str, str]:
        """The key pages and assets as links from the page being built."""
        return relative_links(self.current_url(), self.pages, self.use_directory_urls)

    def sources_href(self) -> str:
        """Where citations link to: the guide's Sources list ("" on the guide itself)."""
        here, guide = self.current_url(), urls.page_url(self.pages["guide"], self.use_directory_urls)
        return "" if here == guide else get_relative_url(guide, here)

    def differences_table(self) -> Markup:
        """The main differences, side by side: one row per aspect, one column per role."""
        return self.html.compare_table(
            tables.difference_rows(self.data),
            self.data["roles"],
            "The main differences at a glance",
            self.sources_href(),
        )

    def education_table(self) -> Markup:
        """Education compared: routes, typical length, learning on the job and credentials."""
        return self.html.compare_table(
            tables.education_rows(self.data), self.data["roles"], "Education compared", self.sources_href()
        )

    def career_table(self) -> Markup:
        """The "which career suits you?" table: if you ..., consider ... because ..."""
        return self.html.career_table(tables.career_rows(self.data))

    def fact(self, fact_id: str) -> Markup:
        """A fact from outside the firm, for a sentence of a page, with the numbers of its sources."""
        fact = tables.fact_by_id(self.data, fact_id)
        return self.html.fact(
            tables.inline_text(fact["text"]), tables.citations(self.data, fact["sources"]), self.sources_href()
        )

    def sources_list(self) -> Markup:
        """The Sources list every citation points to, and when the guide was last reviewed."""
        return self.html.sources_list(
            tables.numbered_sources(self.data), self.data["reviewed"], self.firm.get("reviewer")
        )

    def duties_table(self) -> Markup:
        """Both roles' duties side by side, one row per task area."""
        return self.html.duties_table(tables.duty_rows(self.data), self.data["roles"], tables.REMOTE_LABELS)

    def skills_table(self) -> Markup:
        """The skills comparison."""
        return self.html.skills_table(tables.skill_rows(self.data), self.data["roles"])

    def duty_list(self, role_id: str) -> Markup:
        """One role's duties as a list."""
        return self.html.duty_list(tables.role_duties(self.data, role_id))

    def skill_list(self, role_id: str) -> Markup:
        """One role's skills as a list, each with what it means for the role."""
        return self.html.skill_list(tables.role_skills(self.data, role_id))

    def education_list(self, role_id: str) -> Markup:
        """One role's routes into the job."""
        return self.html.education_list(tables.role_by_id(self.data, role_id)["education"])

    def specialization_list(self, role_id: str) -> Markup:
        """One role's specializations and the note about them."""
        return self.html.specialization_list(tables.role_by_id(self.data, role_id)["specializations"])

    def shared_area_list(self) -> Markup:
        """The task areas in which both roles act, with what each covers."""
        return self.html.area_list(tables.shared_areas(self.data))

    def service_duties(self, heading_level: int = 3) -> Markup:
        """Each service with the guide's duties, of either role, that it takes on."""
        return self.html.service_duties(tables.service_views(self.data), heading_level)

    def services_list(self, heading_level: int = 3) -> Markup:
        """The firm's services; their names are headings at `heading_level` under the page's section."""
        return self.html.services_list(tables.service_views(self.data), heading_level)

    def service_index(self) -> Markup:
        """The services' names, each a link to its card on the services page."""
        return self.html.service_index(self.data["services"], self.links()["services"])

    def contact_details(self) -> Markup:
        """The firm's email, phone and hours from extra.firm in mkdocs.yml."""
        return self.html.contact_details(self.firm)


class PostList:
    """The "Recent articles" list, from the posts Material's blog plugin publishes.

    The plugin decides what is published (drafts and future dates excluded), so the list
    can never show a post the blog does not.
    """

    def __init__(self, blog: Any, feeds: list[posts.Feed], current_url: Callable[[], str]) -> None:
        self.blog = blog  # Material's blog plugin; its posts are resolved after define_env runs
        self.feeds = feeds
        self.current_url = current_url
        self.html = template_macros("posts.html")
        self._newest: list[posts.PostLink] | None = None

    def newest(self) -> list[posts.PostLink]:
        """All published posts, newest first: sorted once per build, at the first call."""
        if self._newest is None:
            self._newest = posts.newest_first(self.blog.blog.posts)
        return self._newest

    def recent_posts(self, count: int = 3, heading_level: int = 3, descriptions: bool = True) -> Markup:
        """The `count` newest posts with their date (and description), and a link to all of them."""
        here = self.current_url()
        shown = [replace(link, url=get_relative_url(link.url, here)) for link in self.newest()[:count]]
        return self.html.recent_posts(shown, get_relative_url(self.blog.blog.url, here), heading_level, descriptions)

    def feed_links(self, heading_level: int = 2) -> Markup:
        """The "Subscribe" section: the blog's feeds, for readers who follow it in a feed reader."""
        here = self.current_url()
        feeds = [replace(feed, file=get_relative_url(feed.file, here)) for feed in self.feeds]
        return self.html.feed_links(feeds, heading_level)


class HelpFinder:
    """The "Which help do I need?" tool, the contact page's request form, and the roles' structured data."""

    def __init__(
        self,
        data: Comparison,
        firm: dict[str, Any],
        pages: Mapping[str, str],
        current_url: Callable[[], str],
        site_name: str,
        use_directory_urls: bool = True,
    ) -> None:
        self.data = data
        self.firm = firm
        self.pages = pages  # the key pages' files, from extra.pages in mkdocs.yml
        self.current_url = current_url
        self.use_directory_urls = use_directory_urls
        self.site_name = site_name
        self.html = template_macros("finder.html")
        self.request_html = template_macros("request.html")

    def links(self) -> dict[str, str]:
        """The pages, scripts and stylesheets the tool and the form link to, relative to the page being built."""
        return relative_links(self.current_url(), self.pages, self.use_directory_urls)

    def document(self, links: dict[str, str]) -> dict[str, Any]:
        """The tasks, roles and services for the checklist's script, with where its links go."""
        return {**tables.finder_document(self.data), "servicesUrl": links["services"], "contact": links["contact"]}

    def help_finder(self) -> Markup:
        """The checklist of tasks with the answer under it, linking each service to its card on the services page."""
        links = self.links()
        return self.html.finder(tables.checklist_groups(self.data), links, self.document(links))

    def request_form(self) -> Markup:
        """On the contact page: the request form, with the tasks ticked in the guide's checklist ticked here."""
        firm = {"email": self.firm.get("email"), "form_action": self.firm.get("form_action")}
        return self.request_html.request_form(request.request_groups(self.data), firm, self.links(), self.site_name)

    def occupation_data(self) -> Markup:
        """A JSON-LD script describing each role as a schema.org Occupation."""
        return self.html.occupations(tables.occupations_document(self.data))


class FaqPage:
    """The `faq` and `firm_fact` macros, bound to one build's checked questions and firm facts."""

    def __init__(
        self, faq: Faq, firm: Mapping[str, Any], use_directory_urls: bool, current_url: Callable[[], str]
    ) -> None:
        self.entries = faq_entries(faq, firm)
        self.firm = firm
        self.use_directory_urls = use_directory_urls
        self.current_url = current_url
        self.html = template_macros("faq.html")

    def _href(self, piece: Piece) -> str | None:
        """A link's address relative to the page being built, with its heading's anchor."""
        if piece.page is None:
            return None
        address = urls.link_to_page(piece.file, self.current_url(), self.use_directory_urls)
        return f"{address}#{piece.anchor}" if piece.anchor else address

    def faq(self, heading_level: int = 3) -> Markup:
        """The questions as headings at `heading_level`, their answers, and the FAQPage JSON-LD."""
        shown = [
            (entry, [[(piece.text, self._href(piece)) for piece in paragraph] for paragraph in entry.paragraphs])
            for entry in self.entries
        ]
        return self.html.faq(shown, heading_level, faq_document(self.entries))

    def firm_fact(self, name: str, otherwise: str) -> Markup:
        """The firm's fact `name` from extra.firm, or the neutral sentence `otherwise` until it is given."""
        if name not in self.firm:
            raise UnknownFact(f'extra.firm in mkdocs.yml has no "{name}"; expected one of: {", ".join(self.firm)}')
        fact = given(self.firm[name])
        return self.html.firm_fact(name, paragraphs(fact or otherwise), fact is not None)


class EngagementPage:
    """The `how_we_work` and `due_diligence_checklist` macros, bound to one build's checked data."""

    def __init__(self, engagement: Engagement, firm: Mapping[str, Any], links: Callable[[], dict[str, str]]) -> None:
        self.steps = step_views(engagement, firm)
        self.items = checklist_items(engagement, firm)
        self.links = links
        self.html = template_macros("engagement.html")

    def how_we_work(self, heading_level: int = 3) -> Markup:
        """The steps from the free consultation to the first task returned, with the firm's facts where given."""
        return self.html.how_we_work(self.steps, heading_level, self.links())

    def due_diligence_checklist(self, heading_level: int = 2) -> Markup:
        """The questions to ask any provider, why, the firm's answers (or lines to write on), and the sources."""
        return self.html.checklist(self.items, cited_sources(self.items), heading_level, self.links())


class TeamPage:
    """The `team` and `team_link` macros, bound to one build's checked team."""

    def __init__(self, team: Team, current_url: Callable[[], str], use_directory_urls: bool = True) -> None:
        self.people = team["people"]
        self.current_url = current_url
        self.use_directory_urls = use_directory_urls
        self.html = template_macros("team.html")

    def _href(self, target: str) -> str:
        """A file of docs/ (a page or a picture) as a link from the page being built."""
        if target.endswith(".md"):
            return urls.link_to_page(target, self.current_url(), self.use_directory_urls)
        return get_relative_url(target, self.current_url())

    def team(self, heading_level: int = 2) -> Markup:
        """Everyone listed: photo, name, role, credentials, location and bio."""
        people = [(person, self._href(person["photo"])) for person in self.people]
        return self.html.team(people, heading_level, self._href(ASSETS["engagement_css"]))

    def team_link(self, words: str = "Meet the people who would work on your files") -> Markup:
        """A paragraph linking to the team page, or nothing while no one is listed (the page is not built)."""
        if not self.people:
            return Markup("")
        return self.html.team_link(self._href(TEAM_PAGE), words)
