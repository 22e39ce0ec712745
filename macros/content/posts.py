"""The blog's posts as lists show them: the newest first, with their feeds."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

# The "Recent articles" list


@dataclass(frozen=True)
class PostLink:
    """One entry of a list of posts (the recent posts, a post's related reading)."""

    title: str
    description: str
    date: dt.datetime
    url: str  # the post's address relative to the site root, or to the page showing the list
    categories: tuple[str, ...] = ()

    @property
    def iso_date(self) -> str:
        """The date for a <time datetime="..."> attribute."""
        return self.date.date().isoformat()

    @property
    def long_date(self) -> str:
        """The date as readers see it: November 17, 2026."""
        return f"{self.date:%B} {self.date.day}, {self.date.year}"


@dataclass(frozen=True)
class Feed:
    """One of the blog's feeds: what readers call it, its file, its media type, its full address."""

    name: str
    file: str  # at the site root, or relative to the page showing the link
    media_type: str
    address: str  # what a reader pastes into a feed reader: site_url and the file


def feeds(rss_config: Any, site_url: str | None) -> list[Feed]:
    """The feeds of new posts that mkdocs-rss-plugin writes, from its settings in mkdocs.yml (none when it is
    turned off with enabled: false, and only the kinds it is told to write)."""
    if not rss_config.enabled:
        return []
    names = rss_config.feeds_filenames
    return [
        Feed(name, file, media_type, urljoin(site_url or "", file))
        for name, file, media_type, wanted in (
            ("RSS", names.rss_created, "application/rss+xml", rss_config.rss_feed_enabled),
            ("JSON Feed", names.json_created, "application/feed+json", rss_config.json_feed_enabled),
        )
        if wanted
    ]


def created(post: Any) -> dt.datetime:
    """The publication date Material resolved for a post."""
    created: dt.datetime = post.config.date.created
    return created


def post_link(post: Any) -> PostLink:
    """One of Material's posts as a list entry, with its address relative to the site root."""
    return PostLink(
        post.title or "", post.meta.get("description", ""), created(post), post.url, tuple(post.config.categories)
    )


def newest_first(posts: Sequence[Any]) -> list[PostLink]:
    """Material's published posts as list entries, newest first whatever their pinning."""
    return [post_link(post) for post in sorted(posts, key=created, reverse=True)]
