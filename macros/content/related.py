""" "Related reading" at the end of each post: the other posts ranked by shared categories, then closeness in time."""

from __future__ import annotations

import bisect
import datetime as dt
import heapq
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from macros.content.posts import PostLink, post_link

# "Related reading" at the end of each post

# How many other posts each post suggests (fewer only if the blog has fewer other posts).
RELATED_COUNT = 3
# The key under which each post's page.meta carries its related posts for overrides/blog-post.html.
# post.schema.json allows no such field, so an editor's front matter can never set it.
RELATED_KEY = "related_posts"
_NO_TIME = dt.timedelta(0)


def rank(current: PostLink, post: PostLink) -> tuple[int, dt.timedelta, dt.timedelta, str]:
    """How well `post` follows `current` (smaller is better): most categories shared, then nearest in
    date; a post sharing none ranks by date alone, newest first. Ties go to the newer post, then to
    the address, so the list is the same on every build."""
    shared = len(set(current.categories).intersection(post.categories))
    distance = abs(post.date - current.date) if shared else _NO_TIME
    return -shared, distance, current.date - post.date, post.url  # the third: smaller for a newer post


@dataclass(frozen=True)
class Shelf:
    """The blog's posts that have one same set of categories, oldest first, for ranking related reading."""

    categories: frozenset[str]
    posts: list[PostLink]  # by date, then address
    dates: list[dt.datetime]  # the posts' dates, for bisecting
    newest: list[PostLink]  # the few newest, for posts that share no category with these


def shelve(posts: Iterable[PostLink], count: int = RELATED_COUNT) -> list[Shelf]:
    """The posts grouped by their set of categories (done once per build: a blog has a few such sets)."""
    groups: dict[frozenset[str], list[PostLink]] = {}
    for post in posts:
        groups.setdefault(frozenset(post.categories), []).append(post)
    shelves = []
    for categories, group in sorted(groups.items(), key=lambda item: sorted(item[0])):
        group.sort(key=lambda post: (post.date, post.url))
        newest = sorted(group, key=lambda post: post.url)
        newest.sort(key=lambda post: post.date, reverse=True)  # stable: same-day posts stay by address
        shelves.append(Shelf(categories, group, [post.date for post in group], newest[: count + 1]))
    return shelves


def candidates(current: PostLink, shelf: Shelf, count: int) -> list[PostLink]:
    """The posts of `shelf` among which are the best `count` to follow `current` (and maybe `current` itself).

    On a shelf sharing no category with `current` those are its newest. Otherwise they are
    nearest in date: `count` + 1 on each side of `current`'s date (one may be `current`),
    widened to every post dated like the outermost ones, so that every post left out has at
    least `count` others strictly nearer.
    """
    if not shelf.categories.intersection(current.categories):
        return shelf.newest
    dates = shelf.dates
    middle = bisect.bisect_left(dates, current.date)
    low, high = max(0, middle - count - 1), min(len(dates), middle + count + 1)
    if low > 0:
        low = bisect.bisect_left(dates, dates[low])
    if high < len(dates):
        high = bisect.bisect_right(dates, dates[high - 1])
    return shelf.posts[low:high]


def related_from(current: PostLink, shelves: Sequence[Shelf], count: int = RELATED_COUNT) -> list[PostLink]:
    """The `count` posts to read after `current`, from the blog's shelves (see `rank`); never `current` itself."""
    found = (post for shelf in shelves for post in candidates(current, shelf, count) if post.url != current.url)
    return heapq.nsmallest(count, found, key=lambda post: rank(current, post))


def related_posts(current: PostLink, posts: Sequence[PostLink], count: int = RELATED_COUNT) -> list[PostLink]:
    """The `count` posts to read after `current`: most categories shared, then nearest in date; else newest.

    Posts that share no category come after every post that shares one, newest first, so a
    post alone in its category still suggests the blog's latest. Ties go to the newer post,
    then to the address, so the list is the same on every build. `current` itself (by its
    address) is never in the list.
    """
    return related_from(current, shelve(posts, count), count)


def attach_related(posts: Sequence[Any], count: int = RELATED_COUNT) -> None:
    """Put in each of Material's posts' page.meta (under RELATED_KEY) the posts to read after it.

    The posts are shelved once, so each post's ranking looks at a few dozen posts, not the whole
    blog: a build's cost stays proportional to the number of posts.
    """
    links = [post_link(post) for post in posts]
    shelves = shelve(links, count)
    for post, link in zip(posts, links, strict=True):
        post.meta[RELATED_KEY] = related_from(link, shelves, count)
