"""Keyboard focus you can see, on every page: Tab through the built site in real Chromium and,
for each element that takes focus, compare how it looks focused and unfocused.

The measure is WCAG 2.2's Focus Appearance (2.4.13): the pixels that change when the element
gains focus, and change with at least 3:1 contrast, must cover an area at least as large as a
2 CSS px thick line around the element, and be at least 2 px thick themselves (what survives a
2 x 2 px opening, so a 1 px hairline counts for nothing). And Focus Not Obscured (2.4.11): no
part of the focused element is under something else, such as the sticky header, the guide's
answer bar or, on a phone, the role bar of the side-by-side tables.

Nothing here names an element: whatever the pages hold, and will hold, is checked as it comes.
Screens are compared in a blank page of the same browser (a canvas reads the pixels), so no
image library is needed.
"""

from __future__ import annotations

import base64
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import pytest
from playwright.sync_api import Browser, FloatRect, Page, ViewportSize

from conftest import page_paths

DESKTOP: ViewportSize = {"width": 1280, "height": 900}
PHONE: ViewportSize = {"width": 390, "height": 844}
GUIDE = "paralegal-vs-legal-assistant/"
# Room around the element in the compared clip: the indicator may sit just outside it.
MARGIN = 12
# More stops than any page has: a page that never gives focus back ends the walk.
MOST_STOPS = 600

# Finish every transition, so that what is measured is how the page rests, not a frame of a
# fade (getAnimations() first brings the styles up to date, starting the transitions due).
FINISH = """for (const animation of document.getAnimations()) {
        if (animation.effect && animation.effect.getComputedTiming().iterations !== Infinity) animation.finish();
    }"""

# The focused element, described for a report, and where it is on screen: its own boxes (one
# per line of a wrapped link), or those of its labels when it has no size of its own (a
# visually hidden radio button, whose label shows the state), and whether something else
# covers any part of them.
#
# Measured once the page has come to rest, which takes Material two steps, and a loaded
# machine can take either late. Its scripts react to a change of focus after a 1 ms debounce
# (the phone's search panel opens when its box takes focus): a 1 ms timer set after the key
# press fires after theirs, as timers of equal delay fire in the order they were set. And they
# react to the scroll that brought the element into view in an animation frame (the side
# column's height follows the scroll, and for one frame it reached over the footer): the page
# is read frame after frame until two frames in a row read the same.
FOCUSED = (
    """async () => {
    const element = document.activeElement;
    if (!element || element === document.body) return null;
    window.__focusSeen ??= new Set();
    if (window.__focusSeen.has(element)) return null;
    window.__focusSeen.add(element);
    await new Promise(done => setTimeout(done, 1));
    let before = null;
    for (let frame = 0; frame < 20; frame++) {
        await new Promise(done => requestAnimationFrame(done));
        const now = JSON.stringify(look(element));
        if (now === before) break;
        before = now;
    }
    return JSON.parse(before);

    function look(element) {
        """
    + FINISH
    + """
        const visible = r => r.width > 0 && r.height > 0;
        const seen = e => [...e.getClientRects()].some(visible);
        let shown = [element];
        if (!seen(element)) {  // a control drawn by its label, such as Material's colour-scheme switch
            const next = element.nextElementSibling;
            shown = [...(element.labels || []), ...(next && next.tagName === 'LABEL' ? [next] : [])].filter(seen);
        }
        const rects = shown.flatMap(e => [...e.getClientRects()]).filter(visible)
            .map(r => ({x: r.x, y: r.y, width: r.width, height: r.height}));
        const part = e => shown.some(s => s === e || s.contains(e) || e.contains(s));
        const name = e => {
            const label = e.labels && e.labels.length ? e.labels[0].innerText : '';
            const text = e.getAttribute('aria-label') || label || e.innerText || e.value || e.title || '';
            return text.replace(/\\s+/g, ' ').trim().slice(0, 50);
        };
        const selector = e => {
            const steps = [];
            for (let node = e; node && node !== document.body && steps.length < 4; node = node.parentElement) {
                if (node.id) { steps.unshift('#' + CSS.escape(node.id)); break; }
                const classes = [...node.classList].filter(c => c !== 'focus-visible').slice(0, 2);
                steps.unshift(node.tagName.toLowerCase() + classes.map(c => '.' + CSS.escape(c)).join(''));
            }
            return steps.join(' > ');
        };
        // A few points across each box: the element must be on top at every one.
        const covers = {};
        let points = 0, outside = 0;
        for (const r of rects) {
            for (const fx of [0.1, 0.5, 0.9]) for (const fy of [0.15, 0.5, 0.85]) {
                const x = r.x + r.width * fx, y = r.y + r.height * fy;
                points += 1;
                if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) { outside += 1; continue; }
                const top = document.elementFromPoint(x, y);
                if (!top || part(top)) continue;
                // Named by the sticky or fixed layer it belongs to, if any: that layer (the header,
                // a bar) scrolled over the element. Something in the element's own layer (the
                // search box's icon over the box's padding) is part of the same control.
                let layer = null;
                for (let node = top; node && !layer; node = node.parentElement) {
                    if (['sticky', 'fixed'].includes(getComputedStyle(node).position)) layer = node;
                }
                if (layer && layer.contains(element)) continue;
                const key = selector(layer || top);
                covers[key] = (covers[key] || 0) + 1;
            }
        }
        return {tag: element.tagName.toLowerCase(), name: name(element), selector: selector(element),
                rects, points, outside, covers, scroll: [scrollX, scrollY]};
    }
}"""
)

# The pixels of two renders of one clip, compared in a canvas: how many changed, how many of
# those changed with at least 3:1 contrast, and how many of these lie in a patch at least
# 2 x 2 px (the indicator's area that is at least 2 px thick). And the area the indicator needs:
# a 2 px thick line just inside the outline of the element's boxes (a link wrapped over two
# lines has one outline around both), the boxes given relative to the clip.
COMPARE = """async ([focused, unfocused, width, height, boxes]) => {
    const pixels = async data => {
        const bitmap = await createImageBitmap(await (await fetch('data:image/png;base64,' + data)).blob());
        const canvas = new OffscreenCanvas(width, height);
        const context = canvas.getContext('2d');
        context.drawImage(bitmap, 0, 0);
        return context.getImageData(0, 0, width, height).data;
    };
    const [a, b] = [await pixels(focused), await pixels(unfocused)];
    const channel = v => { v /= 255; return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    const luminance = (d, i) => 0.2126 * channel(d[i]) + 0.7152 * channel(d[i + 1]) + 0.0722 * channel(d[i + 2]);
    const strong = new Uint8Array(width * height);
    let changed = 0, contrasting = 0, best = 1;
    for (let p = 0; p < width * height; p++) {
        const i = p * 4;
        if (a[i] === b[i] && a[i + 1] === b[i + 1] && a[i + 2] === b[i + 2]) continue;
        changed += 1;
        const [l1, l2] = [luminance(a, i), luminance(b, i)];
        const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
        best = Math.max(best, ratio);
        if (ratio >= 3) { strong[p] = 1; contrasting += 1; }
    }
    const thick = new Uint8Array(width * height);
    for (let y = 0; y + 1 < height; y++) for (let x = 0; x + 1 < width; x++) {
        const p = y * width + x;
        if (strong[p] && strong[p + 1] && strong[p + width] && strong[p + width + 1]) {
            thick[p] = thick[p + 1] = thick[p + width] = thick[p + width + 1] = 1;
        }
    }
    // Chromium draws one outline around the lines of a wrapped link, over the leading between
    // them: so does this, closing gaps of less than a line between the boxes.
    boxes = boxes.map(b => ({...b})).sort((p, q) => p.y - q.y);
    for (let i = 0; i + 1 < boxes.length; i++) {
        const gap = boxes[i + 1].y - (boxes[i].y + boxes[i].height);
        if (gap > 0 && gap < boxes[i].height) boxes[i].height += gap;
    }
    const inside = (x, y) => x >= 0 && y >= 0 && x < width && y < height && boxes.some(
        b => x + 0.5 >= b.x && x + 0.5 < b.x + b.width && y + 0.5 >= b.y && y + 0.5 < b.y + b.height);
    let needed = 0;
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) {
        if (!inside(x, y)) continue;
        edge: for (let dy = -2; dy <= 2; dy++) for (let dx = -2; dx <= 2; dx++) {
            if (!inside(x + dx, y + dy)) { needed += 1; break edge; }
        }
    }
    return {changed, contrasting, thick: thick.reduce((sum, v) => sum + v, 0), best, needed};
}"""


@dataclass
class Stop:
    """One element that took focus, and what was measured on it."""

    page: str
    tag: str
    name: str
    selector: str
    measured: dict[str, Any] = field(default_factory=dict)
    covers: dict[str, Any] = field(default_factory=dict)
    outside: int = 0
    points: int = 0

    def problems(self) -> list[str]:
        """What a keyboard user would miss here, in words and figures."""
        found = []
        if not self.points:
            found.append("focus lands on something with no size on screen")
        else:
            m = self.measured
            if m["thick"] < m["needed"]:
                found.append(
                    f"indicator {m['thick']} px² at least 2 px thick and 3:1, needs {m['needed']} px² "
                    f"(changed {m['changed']} px², {m['contrasting']} px² at 3:1, "
                    f"best contrast {m['best']:.2f}:1)"
                )
            if self.outside:
                found.append(f"{self.outside} of {self.points} points off screen")
            for cover, count in self.covers.items():
                found.append(f"{count} of {self.points} points under {cover}")
        return [f"{self.page or 'home'} | {self.tag} '{self.name}' ({self.selector}) | {p}" for p in found]


def clip_around(rects: list[dict[str, Any]], viewport: ViewportSize) -> FloatRect:
    """The boxes' union grown by MARGIN, in whole pixels inside the screen."""
    left = max(int(min(r["x"] for r in rects)) - MARGIN, 0)
    top = max(int(min(r["y"] for r in rects)) - MARGIN, 0)
    right = min(int(max(r["x"] + r["width"] for r in rects)) + MARGIN + 1, viewport["width"])
    bottom = min(int(max(r["y"] + r["height"] for r in rects)) + MARGIN + 1, viewport["height"])
    return {"x": left, "y": top, "width": max(right - left, 1), "height": max(bottom - top, 1)}


def shot(page: Page, clip: FloatRect) -> str:
    """The clip as it is now, the text caret hidden; base64 PNG."""
    return base64.b64encode(page.screenshot(clip=clip, caret="hide")).decode()


# A folder to keep every compared clip in, to look at what was measured: FOCUS_SHOTS=/tmp/shots.
SHOTS = os.environ.get("FOCUS_SHOTS")


def measure(page: Page, lab: Page, rects: list[dict[str, Any]], viewport: ViewportSize) -> dict[str, Any]:
    """The focused element's clip, focused against unfocused; focus is left where it was."""
    clip = clip_around(rects, viewport)
    focused = shot(page, clip)
    element = page.evaluate_handle("document.activeElement")
    element.evaluate("e => { e.blur(); " + FINISH + " }")
    unfocused = shot(page, clip)
    if SHOTS:
        name = f"{SHOTS}/{len(list(Path(SHOTS).iterdir())) // 2:04d}"
        for state, data in [("focused", focused), ("unfocused", unfocused)]:
            Path(f"{name}-{state}.png").write_bytes(base64.b64decode(data))
    # Focus back where it was, without scrolling, so the next Tab goes on from here.
    element.evaluate("e => e.focus({preventScroll: true})")
    boxes = [{**r, "x": r["x"] - clip["x"], "y": r["y"] - clip["y"]} for r in rects]
    compared: dict[str, Any] = lab.evaluate(COMPARE, [focused, unfocused, clip["width"], clip["height"], boxes])
    return compared


def walk(
    page: Page,
    lab: Page,
    path: str,
    viewport: ViewportSize,
    known: dict[tuple[Any, ...], dict[str, Any]],
    key: str = "Tab",
) -> Iterator[Stop]:
    """Every element that takes focus on the page with `key`, measured focused against unfocused.

    An element already measured on another page, with the same name, place and size (the header,
    the tabs, the footer), is not measured again; whether it is covered is checked on every page.
    """
    for _ in range(MOST_STOPS):
        page.keyboard.press(key)
        found = page.evaluate(FOCUSED)
        if found is None:
            return
        stop = Stop(
            path,
            found["tag"],
            found["name"],
            found["selector"],
            covers=found["covers"],
            outside=found["outside"],
            points=found["points"],
        )
        if found["rects"]:
            same = (found["selector"], found["name"], *(tuple(round(v) for v in r.values()) for r in found["rects"]))
            if same not in known:
                known[same] = measure(page, lab, found["rects"], viewport)
            stop.measured = known[same]
        yield stop
    raise AssertionError(f"{path}: more than {MOST_STOPS} focus stops; does focus ever leave the page?")


def tab_through(
    browser: Browser,
    base_url: str,
    paths: list[str],
    viewport: ViewportSize,
    scheme: Literal["light", "dark"],
    key: str = "Tab",
    first: Callable[[Page], None] | None = None,
) -> list[Stop]:
    """Every page of `paths` walked with the keyboard in one colour scheme, after `first` on each."""
    context = browser.new_context(viewport=viewport, color_scheme=scheme)
    lab, page = context.new_page(), context.new_page()
    page.bring_to_front()  # a background tab gets no animation frames
    stops: list[Stop] = []
    known: dict[tuple[Any, ...], dict[str, Any]] = {}
    try:
        for path in paths:
            page.goto(base_url + path)
            expected = "slate" if scheme == "dark" else "default"
            assert page.locator("body").get_attribute("data-md-color-scheme") == expected
            if first:
                first(page)
            stops.extend(walk(page, lab, path, viewport, known, key))
    finally:
        context.close()
    print(
        f"\n{scheme}, {viewport['width']} px, {key}: {len(stops)} focus stops on {len(paths)} pages, "
        f"{len(known)} of them measured (the others the same element in the same place)"
    )
    return stops


def report(stops: list[Stop]) -> str:
    """Every problem found, one line each (all of them: pytest would cut a list short)."""
    return "\n".join(line for stop in stops for line in stop.problems())


def reached_every_checklist_box(stops: list[Stop], site) -> bool:
    """Whether the walk reached each box of the guide's checklist, as many as the page has."""
    boxes = len(site.page(GUIDE).select('input[name="tasks"]'))
    return boxes > 0 and sum(1 for stop in stops if stop.page == GUIDE and stop.selector.startswith("#task-")) == boxes


# Every page in both colour schemes on a laptop (about 720 focus stops each).
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_on_a_laptop_every_focused_element_on_every_page_shows_a_clear_unhidden_indicator(
    browser, site, base_url, scheme
):
    paths = page_paths(site.site)
    stops = tab_through(browser, base_url, paths, DESKTOP, scheme)
    assert {stop.page for stop in stops} == set(paths)  # every page gave focus to something
    assert reached_every_checklist_box(stops, site)
    problems = report(stops)
    assert not problems, problems


# The guide on a phone, where a role bar sticks under the header and the answer bar to the
# bottom of the screen: Tab down the page, and Shift+Tab up it (when Material's "Back to top"
# button shows under the header too). The colours are the laptop's, checked above.
@pytest.mark.parametrize("key", ["Tab", "Shift+Tab"])
def test_on_a_phone_the_guides_focused_elements_show_and_stay_clear_of_the_sticky_bars(browser, site, base_url, key):
    stops = tab_through(browser, base_url, [GUIDE], PHONE, "light", key)
    assert reached_every_checklist_box(stops, site)
    problems = report(stops)
    assert not problems, problems


# The contact page's request form sent empty from the keyboard: the summary of what to fix
# takes focus, and Tab goes on through its links to the fields, now marked in the error colour.
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_after_an_empty_request_the_error_summary_and_marked_fields_show_focus(browser, base_url, scheme):
    def send_empty(page: Page) -> None:
        page.get_by_role("button", name="Write the email").press("Enter")
        assert page.evaluate("document.activeElement.classList.contains('bol-error-summary')")

    stops = tab_through(browser, base_url, ["contact/"], DESKTOP, scheme, first=send_empty)
    assert any("bol-error-summary" in stop.selector for stop in stops)
    problems = report(stops)
    assert not problems, problems
