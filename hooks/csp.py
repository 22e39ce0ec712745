"""A Content-Security-Policy in every built page: only the site's own files and the theme's inline scripts run.

Static hosts such as GitHub Pages send no custom headers, so the policy travels in a
`<meta http-equiv="Content-Security-Policy">` written first in `<head>`, before any
script. Inline scripts are allowed one by one, by the SHA-256 hash of their text,
computed here from the finished page: Material's (its base.html and partials) and ours
(overrides/main.html). A theme upgrade that changes a script therefore changes its hash
with it, and never breaks the site silently. A script or event handler that comes from
a page's Markdown (inside Material's `.md-content`: pages, posts, and the excerpts on the
blog's index pages) gets no hash, so the browser refuses to run it.

Content the policy would block (a picture from another site, a video player, a style="..."
attribute, a script) is found when each page is built, from the page's own HTML and these
directives (macros/checks/content_policy.py), and stops the build with the page, its line and what
to do instead: editors never publish something readers' browsers silently drop.

`mkdocs serve` applies the same policy, so the preview shows what the published site
will. The one thing it adds is the hash of MkDocs' own live-reload script, injected into
each page as it is served (with a new number each time), so the preview still reloads.
Zensical ignores hooks: there the pages would carry no policy (see MIGRATION.md).
"""

from __future__ import annotations

import base64
import functools
import hashlib
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
from markupsafe import escape
from mkdocs.plugins import event_priority

TEMPLATE = Path(__file__).with_name("csp_meta.html")
# Every directive a page needs; each source list is completed with hashes by policy().
# default-src 'self' covers what is not named: the search index and sitemap fetches,
# Material's search worker, fonts (system fonts only), frames and media (none).
# img-src adds data: for the tab icon written into each page and Material's CSS icons.
# object-src 'none': no plugins at all. base-uri and form-action do not fall back to
# default-src: a <base> may point at this site only, and a form (the checklist's GET) too,
# but for the contact page's request form, which form_targets() adds.
# frame-ancestors would be ignored in a <meta>, so it is left out.
DIRECTIVES = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}
_CHARSET = re.compile(r"<meta charset=[^>]*>", re.IGNORECASE)


# The only markup that matters here, in page order: comments (skipped), inline or linked
# scripts and styles with their text, and <div> tags (Material's .md-content is a <div>).
# A regular expression rather than a full HTML parser: a build reads every page, and
# this takes half a millisecond on the guide where html.parser took 20; script text is
# consumed whole, so a "<div>" inside it never counts.
_ATTRS = r"""((?:[^>"']|"[^"]*"|'[^']*')*)"""
_TOKENS = re.compile(
    rf"<!--.*?-->|<(script|style)\b{_ATTRS}>(.*?)</\1\s*>|<(/?)div\b{_ATTRS}>", re.IGNORECASE | re.DOTALL
)
_START = re.compile(rf"<(script|style)\b{_ATTRS}>")
_TYPE = re.compile(r"""\stype\s*=\s*["']?([^"'\s>]*)""", re.IGNORECASE)
_SRC = re.compile(r"\ssrc\s*=", re.IGNORECASE)
_CONTENT = re.compile(r"""\sclass\s*=\s*["']?(?:[^"'>]*\s)?md-content(?:[\s"'>]|$)""", re.IGNORECASE)
# How Material's templates open .md-content, and how they start a comment, script or style:
# found with str.find, which skips the rest of the page far faster than a regular expression
# tries it character by character (the outside of .md-content is most of every page).
_CONTENT_OPENING = '<div class="md-content'
_MARKERS = ("<!--", "<script", "<style")
_SEARCHED = 64  # characters of a fragment searched for before it is compared whole


def source_hash(text: str) -> str:
    """The CSP source allowing one inline script or style: 'sha256-' and the base64 digest of its text."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def _find(html: str, fragment: str) -> int:
    """Where `fragment` first occurs in `html`, or -1. Its first characters are searched for, then
    compared whole: searching a page for a post's whole HTML at once took a fifth of this hook's time."""
    head = fragment[:_SEARCHED]
    at = html.find(head)
    while at >= 0 and not html.startswith(fragment, at):
        at = html.find(head, at + 1)
    return at


def without_fragments(html: str, fragments: Iterable[str]) -> str:
    """The page without the HTML that came from Markdown (each fragment removed once, where it first occurs)."""
    for fragment in fragments:
        if fragment.strip() and (at := _find(html, fragment)) >= 0:
            html = html[:at] + html[at + len(fragment) :]
    return html


def _keep(tag: str, attrs: str, text: str, scripts: list[str], styles: list[str]) -> None:
    """Add an inline style's or executable script's text to its list; one with a src= is a file."""
    # Script types a browser runs, as the content check knows them: any other type (JSON-LD,
    # Material's application/json configuration) is a data block, never executed, needing no hash.
    from macros.checks.content_policy import EXECUTABLE

    if _SRC.search(attrs):
        return
    if tag.lower() == "style":
        styles.append(text)
    elif (((found := _TYPE.search(attrs)) and found.group(1)) or "").lower() in EXECUTABLE:
        scripts.append(text)


def _tokenized(html: str) -> tuple[list[str], list[str]]:
    """theme_inline's answer, token by token through the whole page, any case: <div> depth tells
    where .md-content ends."""
    scripts: list[str] = []
    styles: list[str] = []
    depth = 0  # open <div>s
    content_depth: int | None = None  # the depth at which .md-content opened, while inside it
    for token in _TOKENS.finditer(html):
        tag, attrs, text, closing, div_attrs = token.groups()
        if div_attrs is not None:  # a <div> or </div>
            if closing:
                content_depth = None if depth == content_depth else content_depth
                depth -= 1
            else:
                depth += 1
                if content_depth is None and _CONTENT.search(div_attrs):
                    content_depth = depth
        elif tag and content_depth is None:
            _keep(tag, attrs, text, scripts, styles)
    return scripts, styles


def _closing(html: str, tag: str, start: int) -> tuple[int, int] | None:
    """Where the element `tag` whose text begins at `start` closes: (start, end) of its "</tag>", or
    None if it does not close so, or may close earlier in other letters ("</SCRIPT>")."""
    at = html.find("</" + tag, start)
    if at < 0 or "</" + tag in html[start:at].lower():
        return None
    end = at + 2 + len(tag)
    while end < len(html) and html[end].isspace():
        end += 1
    return (at, end + 1) if html.startswith(">", end) else None


def _outside(html: str, start: int, end: int, scripts: list[str], styles: list[str]) -> bool:
    """Add the inline scripts and styles between `start` and `end`, found by Material's own markers.

    False if a comment, script or style runs past `end`, or a script or style does not close as
    Material closes it (the caller then reads token by token).
    A marker in capitals is not found: its script gets no hash and never runs, the safe side.
    """
    at = {marker: html.find(marker, start, end) for marker in _MARKERS}
    position = start
    while found := [where for where in at.values() if where >= 0]:
        first = min(found)
        if html.startswith("<!--", first):
            close = html.find("-->", first + 4)
            position = close + 3 if close >= 0 else first + 1
        elif tag := _START.match(html, first):
            closing = _closing(html, tag.group(1), tag.end())
            if closing is None:  # closed in capitals, or never: token by token
                return False
            position = closing[1]
            _keep(tag.group(1), tag.group(2), html[tag.end() : closing[0]], scripts, styles)
        else:
            position = first + 1  # such as "<scripts"
        if position > end:
            return False
        at = {
            marker: where if where < 0 or where >= position else html.find(marker, position, end)
            for marker, where in at.items()
        }
    return True


def theme_inline(html: str, fragments: Iterable[str] = ()) -> tuple[list[str], list[str]]:
    """The texts of the theme's inline scripts and styles: not in a fragment, not inside .md-content.

    Two guards: content is removed by its exact HTML first, and what is left inside
    `.md-content` is skipped, so neither alone decides what runs. Outside .md-content, only
    comments, scripts and styles matter, found by their markers; inside, <div>s are counted
    to find its end. A page that does not open .md-content as Material does, or where
    anything crosses its edges, is read token by token.
    """
    html = without_fragments(html, fragments)
    opening = html.find(_CONTENT_OPENING)
    scripts: list[str] = []
    styles: list[str] = []
    if (
        opening < 0
        or html[opening + len(_CONTENT_OPENING)] not in '" '
        or html.find("md-content", 0, opening) >= 0
        or not _outside(html, 0, opening, scripts, styles)
    ):
        return _tokenized(html)
    depth = 0
    for token in _TOKENS.finditer(html, opening):
        if token.group(5) is not None:  # a <div> or </div>
            depth += -1 if token.group(4) else 1
            if depth == 0:
                if not _outside(html, token.end(), len(html), scripts, styles):
                    return _tokenized(html)
                return scripts, styles
    return scripts, styles  # .md-content never closes: the rest of the page is inside it


def form_targets(firm: Mapping[str, Any] | None) -> list[str]:
    """Where the contact page's form may send, besides this site: the firm's form endpoint
    (extra.firm.form_action, checked by macros/content/faq.py; its address without query, which a
    policy cannot name), or else mailto:, the email the form writes without JavaScript.
    Nothing else is allowed from that host: it is named in form-action alone."""
    firm = firm or {}
    if firm.get("form_action"):
        parts = urlsplit(firm["form_action"])
        return [f"{parts.scheme}://{parts.netloc}{parts.path or '/'}"]
    return ["mailto:"] if firm.get("email") else []


def directives(forms: Iterable[str] = ()) -> dict[str, list[str]]:
    """DIRECTIVES, with forms allowed to send to `forms` as well as to this site."""
    sources = {name: list(values) for name, values in DIRECTIVES.items()}
    sources["form-action"] += list(forms)
    return sources


def policy(scripts: Iterable[str], styles: Iterable[str], forms: Iterable[str] = ()) -> str:
    """The Content-Security-Policy allowing the site's own files, exactly these inline scripts and
    styles, and forms sent to this site and to `forms`."""
    sources = directives(forms)
    sources["script-src"] += sorted({source_hash(text) for text in scripts})
    sources["style-src"] += sorted({source_hash(text) for text in styles})
    return "; ".join(" ".join([name, *values]) for name, values in sources.items())


@functools.cache
def _meta_template() -> jinja2.Template:
    """csp_meta.html, compiled once per build process."""
    environment = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    return environment.from_string(TEMPLATE.read_text(encoding="utf-8"))


def meta_tag(value: str) -> str:
    """The <meta> element carrying a policy, from csp_meta.html (autoescaped)."""
    return _meta_template().render(policy=value).strip()


def with_policy(html: str, fragments: Iterable[str] = (), forms: Iterable[str] = ()) -> str:
    """The page with its policy's <meta> right after <meta charset>, before any script or style."""
    meta = meta_tag(policy(*theme_inline(html, fragments), forms))
    charset = _CHARSET.search(html)
    if charset is None:
        raise ValueError("hooks/csp.py: the page has no <meta charset>, after which the policy goes")
    return html[: charset.end()] + meta + html[charset.end() :]


def _live_reload_pattern() -> re.Pattern[str]:
    """MkDocs' live-reload script as `mkdocs serve` injects it: its template, any two numbers in it."""
    from mkdocs.livereload import _SCRIPT_TEMPLATE  # MkDocs 1.6's own text, so the match is exact

    text = re.escape(_SCRIPT_TEMPLATE.template)
    return re.compile(
        r"<script>("
        + text.replace(r"\$\{epoch\}", r"\d+").replace(r"\$\{request_id\}", r"\d+")
        + r")</script>(?=</body>)"
    )


def with_live_reload(html: str) -> str:
    """A served preview page whose policy also allows MkDocs' live-reload script, and nothing else."""
    script = _live_reload_pattern().search(html)
    meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', html)
    if script is None or meta is None:
        return html
    value = meta.group(1).replace("script-src ", f"script-src {escape(source_hash(script.group(1)))} ", 1)
    return html[: meta.start(1)] + value + html[meta.end(1) :]


def content_message(html: str, page: Any, config: Any) -> str | None:
    """The message for what the policy would block in a page's content (its HTML from Markdown), or None."""
    # Imported here: the macros plugin has put the project folder on sys.path.
    from macros.checks import all_files, content_policy

    own_host = urlsplit(config.site_url or "").hostname or ""
    allowed = directives(form_targets(config["extra"].get("firm")))
    problems = content_policy.blocked(html, allowed, own_host, page.file.src_uri)
    if not problems:
        return None
    shown = f"{all_files.docs_shown(config, Path(config.config_file_path).parent)}/{page.file.src_uri}"
    return content_policy.page_message(shown, page.file.content_string, problems)


# MkDocs events.


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    message = content_message(html, page, config)
    if message:
        from macros.views.page_macros import page_error

        raise page_error(page.file.src_uri, message)
    return html


# The HTML of the excerpts each blog index page shows, by page: Material's blog plugin renders
# them into the page's context (at priority -100), ten to a page, just before the page itself.
_excerpts: dict[int, list[str]] = {}


@event_priority(-101)
def on_page_context(context: dict[str, Any], page: Any, config: Any, nav: Any) -> dict[str, Any]:
    _excerpts[id(page)] = [post.content or "" for post in context.get("posts") or []]
    return context


def on_post_page(output: str, page: Any, config: Any) -> str:
    # Only what this page shows: page.posts would be every post of a category or archive,
    # and removing a thousand posts from each of its pages cost seconds in a large blog.
    fragments = [page.content or "", *_excerpts.pop(id(page), [])]
    return with_policy(output, fragments, form_targets(config["extra"].get("firm")))


def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    # Static templates: the 404 page (sitemap.xml is not a page).
    if not template_name.endswith(".html"):
        return output_content
    return with_policy(output_content, forms=form_targets(config["extra"].get("firm")))


def on_serve(server: Any, config: Any, builder: Any) -> Any:
    """Under `mkdocs serve`, allow in each served page's policy the live-reload script MkDocs has just added."""
    serve = server.get_app()

    def app(environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        answer: list[Any] = []

        def hold(status: str, headers: list[tuple[str, str]], *exc_info: Any) -> Any:
            answer[:] = [status, headers]  # sent below, once the body is known
            return lambda data: None

        body = b"".join(serve(environ, hold))
        status, headers = answer
        if any(name.lower() == "content-type" and value.startswith("text/html") for name, value in headers):
            body = with_live_reload(body.decode("utf-8")).encode("utf-8")
            headers = [(name, str(len(body)) if name.lower() == "content-length" else value) for name, value in headers]
        start_response(status, headers)
        return [body]

    server.set_app(app)
    return server
