"""What the site's Content-Security-Policy would block in a page's content, found when the page is built.

Every page carries a policy (hooks/csp.py) that lets through only the site's own files and
the theme's inline code. Content that breaks it builds without a word and is then silently
blocked by readers' browsers: a picture from another site shows as nothing, a YouTube
<iframe> as an empty box, a style="..." attribute (Markdown's own table alignment among
them) is ignored, a script does not run. So each page's HTML is read as the browser would
read it against the same policy (the directives are passed in, never copied), and whatever
would be blocked stops the build with the page, the line of its source and what to do
instead. A <meta http-equiv="refresh">, which sends readers elsewhere without a click, is
refused too, though no policy blocks it.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

# Start tags with their attributes (attribute values may hold ">" inside quotes), and comments.
# The attributes unrolled (plain text, then a quoted value and plain text, again and again):
# the same matches as (?:[^>"']|"..."|'...')*, at about half the time on a large blog.
_TAG = re.compile(r"""<!--.*?-->|<([a-zA-Z][\w:-]*)([^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*)>""", re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_ATTRIBUTE = re.compile(r"""([^\s"'=<>/]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")
_INLINE_SCRIPT = re.compile(r"<script\b((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_TYPE = re.compile(r"""\stype\s*=\s*["']?([^"'\s>]*)""", re.IGNORECASE)
_SRC = re.compile(r"\ssrc\s*=", re.IGNORECASE)

# Script types a browser runs (any other is a data block, such as JSON-LD).
EXECUTABLE = {
    "",
    "module",
    "text/javascript",
    "application/javascript",
    "application/ecmascript",
    "text/ecmascript",
    "text/jscript",
    "text/livescript",
}

# Which directive governs each address a tag loads: (tag, attribute) -> directive.
FETCHES = {
    ("img", "src"): "img-src",
    ("img", "srcset"): "img-src",
    ("source", "srcset"): "img-src",
    ("input", "src"): "img-src",
    ("video", "poster"): "img-src",
    ("image", "href"): "img-src",
    ("image", "xlink:href"): "img-src",
    ("video", "src"): "media-src",
    ("audio", "src"): "media-src",
    ("source", "src"): "media-src",
    ("track", "src"): "media-src",
    ("iframe", "src"): "frame-src",
    ("frame", "src"): "frame-src",
    ("script", "src"): "script-src",
    ("object", "data"): "object-src",
    ("embed", "src"): "object-src",
    ("form", "action"): "form-action",
    ("button", "formaction"): "form-action",
    ("input", "formaction"): "form-action",
    ("base", "href"): "base-uri",
}
# Where a directive falls back to when the policy does not name it (CSP Level 3).
FALLBACK = {
    "frame-src": "child-src",
    "child-src": "default-src",
    "img-src": "default-src",
    "media-src": "default-src",
    "script-src": "default-src",
    "style-src": "default-src",
    "object-src": "default-src",
}
# Hosts whose players people paste, and the address of the video itself for a reader to follow.
_VIDEO_HOSTS = {
    "youtube.com": "YouTube",
    "youtube-nocookie.com": "YouTube",
    "youtu.be": "YouTube",
    "vimeo.com": "Vimeo",
}
_SHOWN = 70  # characters of a tag quoted in a message
# Whatever a page must hold for the policy to block anything in it: most pages hold none of it,
# and are passed without reading their tags one by one (a blog of a thousand posts builds faster).
# Read in the page's lower-case text, each pattern starting with fixed characters, which the
# regular expression engine finds fast: one case-blind pattern starting with \s was tried at every
# space, and took a quarter of the time this hook adds to a build. They find more than the tags
# and attributes the policy blocks (the word "style=" in a sentence): such a page is read in full.
_RISKY = (
    re.compile(
        r"<(?:script|style|iframe|frame|object|embed|meta|base|link|form|video|audio|source|track|img|"
        r"image|input|button)\b"
    ),
    re.compile(r"on[a-z]+\s*="),
    re.compile(r"style\s*="),
    re.compile("javascript:"),
)


@dataclass(frozen=True)
class Blocked:
    """One thing in a page the browser would block: the tag as written, text to find its line by, what to do."""

    tag: str
    needle: str
    problem: str


def attributes(text: str) -> dict[str, str]:
    """A start tag's attributes, names in lowercase, values without their quotes."""
    return {name.lower(): value.strip("\"'") if value else "" for name, value in _ATTRIBUTE.findall(text)}


def start_tags(html: str) -> Iterator[tuple[str, str, dict[str, str], int]]:
    """(name in lowercase, the tag as written, its attributes, where it starts) for each start tag outside comments."""
    for match in _TAG.finditer(html):
        if match.group(1):
            yield match.group(1).lower(), match.group(0), attributes(match.group(2)), match.start()


def sources(directives: Mapping[str, list[str]], directive: str) -> list[str]:
    """The sources a directive allows, after the policy's fallbacks."""
    while directive not in directives and directive in FALLBACK:
        directive = FALLBACK[directive]
    return directives.get(directive, ["*"])


def allowed(directives: Mapping[str, list[str]], directive: str, address: str, own_host: str) -> bool:
    """Whether the policy lets a page load `address` under `directive` ('self', data:, or a listed host)."""
    allow = sources(directives, directive)
    if "'none'" in allow or not address.strip():
        return "'none'" not in allow
    parts = urlsplit(address.strip())
    scheme = parts.scheme.lower()
    if scheme == "javascript":
        return False
    if scheme and scheme not in ("http", "https"):
        return f"{scheme}:" in allow
    host = (parts.hostname or "").lower()
    if not host or host == own_host:
        return "'self'" in allow
    return any(_source_host(source) in (host, f"*.{host.split('.', 1)[-1]}") for source in allow)


def _source_host(source: str) -> str:
    """The host a policy's source names: forms.example.org for https://forms.example.org:8443/send."""
    return (urlsplit(source if "://" in source else f"//{source}").hostname or "").lower()


def _video(address: str) -> tuple[str, str] | None:
    """(the service's name, the video's own address) for an embedded YouTube or Vimeo player, or None."""
    parts = urlsplit(address)
    host = (parts.hostname or "").lower().removeprefix("www.").removeprefix("player.")
    name = _VIDEO_HOSTS.get(host)
    if name is None:
        return None
    last = parts.path.rstrip("/").rsplit("/", 1)[-1]
    if name == "Vimeo":
        return name, f"https://vimeo.com/{last}"
    video = parse_qs(parts.query).get("v", [last])[0]
    return name, f"https://www.youtube.com/watch?v={video}"


def _host(address: str) -> str:
    return urlsplit(address.strip()).hostname or address


def _blocked_fetch(tag: str, directive: str, address: str, src_uri: str) -> str:
    """What to do instead of loading `address` from another site."""
    policy = "the site's Content-Security-Policy blocks it"
    if urlsplit(address.strip()).scheme.lower() == "javascript":
        return (
            "a javascript: address is a script, which the site's Content-Security-Policy never runs; expected a "
            "web address (https://...) or a link to a page's file"
        )
    host = _host(address)
    if directive == "img-src":
        name = posixpath.basename(urlsplit(address).path) or "picture.png"
        here = posixpath.relpath(f"assets/images/{name}", posixpath.dirname(src_uri) or ".")
        return (
            f"the picture is on another site ({host}) and {policy}, so readers would see nothing; put the file in "
            f"docs/assets/ and show it from there, such as ![what it shows]({here})"
        )
    if directive == "frame-src":
        video = _video(address)
        if video:
            return (
                f"a video player embedded from {video[0]} shows as an empty box, since {policy} (and it would tell "
                f"{video[0]} who reads the page); expected a link to the video instead, around a picture of it "
                f"saved in docs/assets/ if you like: [Watch the video on {video[0]}]({video[1]})"
            )
        return (
            f"a page embedded from {host} shows as an empty box, since {policy}; "
            f"expected a link to it: [words]({address})"
        )
    if directive == "media-src":
        return (
            f"the {'video' if tag == 'video' else 'sound or video'} file is on another site ({host}) and {policy}; "
            "put the file in docs/assets/ and link it from there, or link to the page that plays it"
        )
    if directive == "object-src":
        return (
            f"plugins (<object>, <embed>) never load, since {policy}; expected a link to the file: [words]({address})"
        )
    if directive == "form-action":
        return f"a form that sends to another site ({host}) does nothing, since {policy}; expected a link to it"
    if directive == "base-uri":
        return f"a <base> pointing elsewhere is ignored, since {policy}; expected none (links go to the pages' files)"
    return (
        f"a script from another site ({host}) never runs, since {policy}; expected no script in a page (the site "
        "runs its own scripts, which a maintainer adds as files under docs/javascripts/)"
    )


def _style_problem(value: str) -> str:
    """What to do instead of a style="..." attribute."""
    if "text-align" in value.lower():
        return (
            'a style="..." attribute is ignored, since the site\'s Content-Security-Policy blocks it; for a '
            "table column's alignment, expected the colons of the table's second line (|:---|, |:---:|, |---:|)"
        )
    return (
        'a style="..." attribute is ignored, since the site\'s Content-Security-Policy blocks it; expected a class '
        "from docs/stylesheets/site.css instead, written { .class-name } after the element (ask a maintainer for "
        "a new one)"
    )


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _SHOWN else text[: _SHOWN - 3] + "...>"


def _tag_problems(
    name: str, written: str, attrs: dict[str, str], directives: Mapping[str, list[str]], own_host: str, src_uri: str
) -> Iterator[Blocked]:
    """What one start tag holds that the policy would block (or that sends readers away)."""
    inline_scripts = "'unsafe-inline'" in sources(directives, "script-src")
    for attribute, value in attrs.items():
        if attribute.startswith("on") and not inline_scripts:
            yield Blocked(
                _shorten(written),
                f"{attribute}=",
                f'the {attribute}="..." attribute is a script, which the '
                "site's Content-Security-Policy never runs; expected the element without it",
            )
        elif attribute == "style" and "'unsafe-inline'" not in sources(directives, "style-src"):
            yield Blocked(_shorten(written), "style=", _style_problem(value))
        elif (name, attribute) in FETCHES or attribute in ("href", "xlink:href", "action", "formaction"):
            directive = FETCHES.get((name, attribute), "script-src")
            addresses = (
                [part.split()[0] for part in value.split(",") if part.strip()] if attribute == "srcset" else [value]
            )
            for address in addresses:
                is_script = urlsplit(address.strip()).scheme.lower() == "javascript"
                if ((name, attribute) in FETCHES or is_script) and not allowed(
                    directives, directive, address, own_host
                ):
                    yield Blocked(_shorten(written), address, _blocked_fetch(name, directive, address, src_uri))
    if (
        name == "link"
        and "stylesheet" in attrs.get("rel", "").lower()
        and not allowed(directives, "style-src", attrs.get("href", ""), own_host)
    ):
        yield Blocked(
            _shorten(written),
            attrs.get("href", written),
            "a stylesheet from another site is ignored, since "
            "the site's Content-Security-Policy blocks it; expected the site's own styles (ask a maintainer)",
        )
    if name == "meta" and attrs.get("http-equiv", "").lower() == "refresh":
        target = attrs.get("content", "").partition("=")[2].strip() or "another address"
        yield Blocked(
            _shorten(written),
            "http-equiv",
            f"a refresh <meta> would send readers to {target} without a "
            "click; expected a link they choose to follow: [words](address)",
        )


def blocked(html: str, directives: Mapping[str, list[str]], own_host: str, src_uri: str) -> list[Blocked]:
    """Everything in a page's content HTML that the policy would block, in the order of the page."""
    lower = html.lower()
    if not any(pattern.search(lower) for pattern in _RISKY):
        return []
    found: list[Blocked] = []
    for name, written, attrs, _ in start_tags(html):
        found += _tag_problems(name, written, attrs, directives, own_host, src_uri)
    html = _COMMENT.sub("", html)  # a comment is never run nor styled
    if "'unsafe-inline'" not in sources(directives, "script-src"):
        for match in _INLINE_SCRIPT.finditer(html):
            declared = _TYPE.search(match.group(1))
            if not _SRC.search(match.group(1)) and (declared.group(1) if declared else "").lower() in EXECUTABLE:
                found.append(
                    Blocked(
                        _shorten(f"<script{match.group(1)}>"),
                        "<script",
                        "a script written in a page "
                        "never runs, since the site's Content-Security-Policy allows only the site's own "
                        "scripts; expected the page without it (a maintainer adds a script as a file "
                        "under docs/javascripts/)",
                    )
                )
    if "'unsafe-inline'" not in sources(directives, "style-src") and re.search(r"<style\b", html, re.IGNORECASE):
        found.append(
            Blocked(
                "<style>",
                "<style",
                "a <style> block in a page is ignored, since the site's "
                "Content-Security-Policy blocks it; expected a class from docs/stylesheets/site.css "
                "instead, written { .class-name } after the element (ask a maintainer for a new one)",
            )
        )
    return found


def source_line(source: str, needle: str, after: int = 0) -> int | None:
    """The 1-based line of `source` on which `needle` first occurs (from line `after` on), ignoring case; or None."""
    lines = source.split("\n")
    for index in range(after, len(lines)):
        if needle.lower() in lines[index].lower():
            return index + 1
    return None


def page_message(shown: str, source: str, problems: list[Blocked]) -> str | None:
    """One message for a page's blocked content, each with the line of the page's source it comes from."""
    if not problems:
        return None
    located = []
    for problem in problems:
        line = source_line(source, problem.needle) or source_line(source, problem.tag.split()[0].rstrip(">"))
        located.append((line or 0, f"{f'line {line}: ' if line else ''}{problem.tag}: {problem.problem}"))
    entries = [entry for _, entry in sorted(located, key=lambda pair: pair[0])]
    if len(entries) == 1:
        return f"{shown}, {entries[0]}" if entries[0].startswith("line ") else f"{shown}: {entries[0]}"
    return f"{shown} has {len(entries)} things the browser would block:\n  " + "\n  ".join(entries)


# --- SVG files ---------------------------------------------------------------------------------

_SVG_EXPECTED = (
    "expected a picture without scripts: delete it, or export the picture again as a plain SVG (or a "
    "PNG); an SVG file opened by itself runs its scripts on the site's own address, where the pages' "
    "Content-Security-Policy does not reach"
)


def svg_problems(text: str) -> list[tuple[int, str, str]]:
    """(line, the tag, what is wrong) for each script, event handler or javascript: address in an SVG file's text.

    Entity declarations are refused too: their text is markup the browser reads when it expands them.
    """
    found = []
    for name, written, attrs, at in start_tags(text):
        line = text.count("\n", 0, at) + 1
        if name == "script":
            found.append((line, _shorten(written), f"a <script> in a picture; {_SVG_EXPECTED}"))
        for attribute, value in attrs.items():
            if attribute.startswith("on"):
                found.append((line, _shorten(written), f'the {attribute}="..." attribute is a script; {_SVG_EXPECTED}'))
            elif re.sub(r"[\s\x00-\x1f]", "", value).lower().startswith("javascript:"):
                found.append((line, _shorten(written), f"a javascript: address is a script; {_SVG_EXPECTED}"))
    found.extend(
        (
            text.count("\n", 0, match.start()) + 1,
            "<!ENTITY",
            f"an entity declaration could hide a script in the picture; {_SVG_EXPECTED}",
        )
        for match in re.finditer(r"<!ENTITY\b", text, re.IGNORECASE)
    )
    return sorted(found)
