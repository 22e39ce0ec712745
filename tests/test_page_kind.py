"""A page's kind is worked out once (hooks/page_head.py) and read by the templates and hooks/theme_fixes.py."""

from __future__ import annotations

import sys
from types import SimpleNamespace

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "hooks"))
import page_head  # a hook, loaded from hooks/ as MkDocs loads it


def page(meta=None, previous=None, following=None, **more):
    """A stand-in for an MkDocs page with the attributes page_kind() reads."""
    return SimpleNamespace(meta=meta or {}, previous_page=previous, next_page=following, **more)


NEIGHBOUR = object()


@pytest.mark.parametrize(
    "the_page, kind, in_sequence",
    [
        (None, page_head.PAGE, False),  # the page-not-found page
        (page({"hide": ["navigation"]}, following=NEIGHBOUR), page_head.ARTICLE, True),  # the guide
        (page({"hide": ["footer"]}, following=NEIGHBOUR), page_head.PAGE, False),  # the home page, services...
        (page(), page_head.PAGE, False),  # no neighbour
        (page(previous=NEIGHBOUR, posts=[]), page_head.BLOG_INDEX, False),  # the blog's lists
        (page(previous=NEIGHBOUR, config=SimpleNamespace(date=object())), page_head.POST, True),
        (page(config=SimpleNamespace(date=object())), page_head.POST, False),  # a post alone in its blog
    ],
)
def test_each_kind_of_page(the_page, kind, in_sequence):
    assert page_head.page_kind(the_page) == kind
    assert page_head.in_sequence(the_page) is in_sequence


def test_the_footer_follows_the_kind(site):
    # Pages that read in a sequence keep Previous/Next; every other shows the contact strip.
    for path, kind in [
        ("paralegal-vs-legal-assistant/", "article"),
        ("blog/lawyer-burnout/", "post"),
        ("", "page"),
        ("blog/", "blog index"),
        ("404.html", "page"),
    ]:
        footer = site.page(path).select_one("footer.md-footer")
        in_sequence = kind in ("article", "post")
        assert bool(footer.select_one("nav.md-footer__inner")) is in_sequence, path
        assert bool(footer.select_one(".bol-contact-strip")) is not in_sequence, path
