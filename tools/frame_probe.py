"""Print the page-frame figures issue 14 names, measured in Chromium on a built site.

    .venv/bin/python tools/frame_probe.py [SITE_FOLDER]

Builds the project into a temporary folder unless given a built site. Prints, per page and
width: the header logo, the header colour, the home headline and where its buttons end,
whether a right-hand contents column shows, what the footer holds, the longest line of
running text, the size of summaries and table text, and the smallest tap targets on a
phone. tests/test_frame.py asserts the same things (with this file's LONGEST_LINE); this
prints the figures for a before/after note.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
from local_site import CHROMIUM, ROOT, serve_folder
from local_site import CHROMIUM_FLAGS as FLAGS

PAGES = {
    "home": "",
    "guide": "paralegal-vs-legal-assistant/",
    "services": "services/",
    "contact": "contact/",
    "blog": "blog/",
    "post": "blog/virtual-legal-clerk/",
}

# The longest line of running text, in characters: each character of each paragraph and
# list item of the article, grouped by the line box it sits on.
LONGEST_LINE = """() => {
  let longest = 0;
  // Cards (services, posts) may be wider: they are not running text.
  const blocks = document.querySelectorAll('.md-content article > p, '
    + '.md-content article > :is(ul, ol):not(.bol-services, .bol-posts) > li, '
    + '.md-content article .admonition :is(p, li)');
  for (const block of blocks) {
    const lines = new Map();
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (let i = 0; i < node.length; i++) {
        range.setStart(node, i); range.setEnd(node, i + 1);
        const rect = range.getClientRects()[0];
        if (!rect) continue;
        const top = Math.round(rect.top);
        lines.set(top, (lines.get(top) || 0) + 1);
      }
    }
    for (const count of lines.values()) longest = Math.max(longest, count);
  }
  return longest;
}"""

# The tap targets issue 14 names, as selectors; for each, the smallest box found.
TARGETS = {
    "header buttons": ".md-header label.md-header__button, .md-header a.md-header__button, .md-header .bol-header-cta",
    "tick box": "input[type=checkbox][name=tasks]",
    "tick row": "tr[data-task]",
    "contact links": ".md-content a[href^='mailto:'], .md-content a[href^='tel:']",
    "continue reading": ".md-post__action a, a.md-post__more",
    "downloads": ".md-content a[href$='.csv'], .md-content a[href$='.json']",
}


def smallest(page: Page, selector: str) -> str:
    """The smallest visible box matching `selector`, as 'W×H'."""
    boxes = page.evaluate(
        """s => [...document.querySelectorAll(s)]
        .map(e => { const tick = e.closest('tr'); const label = e.closest('label');
                    const r = (e.matches('input') && label ? label : e).getBoundingClientRect();
                    return [Math.round(r.width), Math.round(r.height)] })
        .filter(([w, h]) => w > 0 && h > 0)""",
        selector,
    )
    if not boxes:
        return "none"
    width, height = min(boxes, key=min)
    return f"{width}×{height} (of {len(boxes)})"


def frame(page: Page) -> dict[str, object]:
    """What the header, contents column and footer hold on the open page."""
    facts: dict[str, object] = page.evaluate("""() => {
      const visible = e => e && e.offsetParent !== null && e.getBoundingClientRect().width > 0;
      const logo = document.querySelector('.md-header__button.md-logo');
      const header = document.querySelector('.md-header');
      const toc = document.querySelector('.md-sidebar--secondary');
      const footer = document.querySelector('.md-footer');
      const h1 = document.querySelector('.md-content h1');
      return {
        logo: logo ? (logo.querySelector('img, svg')?.outerHTML || '').slice(0, 60) : 'none',
        header: header ? getComputedStyle(header).backgroundColor : '',
        toc: visible(toc) && toc.querySelector('.md-nav__list') ? 'shown' : 'none',
        footer: footer ? footer.innerText.replace(/\\s+/g, ' ').trim().slice(0, 70) : '',
        h1: h1
          ? `${h1.innerText.replace(/\\s+/g, ' ').slice(0, 60)} `
            + `(${getComputedStyle(h1).fontWeight}, ${getComputedStyle(h1).color})`
          : '',
      }
    }""")
    return facts


def main() -> None:
    with tempfile.TemporaryDirectory() as temporary:
        site = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(temporary) / "site"
        if len(sys.argv) <= 1:
            subprocess.run(
                [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)], cwd=ROOT, check=True
            )
        with serve_folder(site) as url, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            for scheme in ("light", "dark"):
                page = browser.new_page(viewport={"width": 1366, "height": 768}, color_scheme=scheme)
                page.goto(url)
                print(f"[{scheme}] header colour {frame(page)['header']}")
                page.close()
            laptop = browser.new_page(viewport={"width": 1366, "height": 768})
            phone = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
            for name, path in PAGES.items():
                laptop.goto(url + path)
                phone.goto(url + path)
                facts = frame(laptop)
                print(f"\n{name}: logo {facts['logo']!r}; h1 {facts['h1']}")
                longest = laptop.evaluate(LONGEST_LINE)
                print(f"  1366 px: contents column {facts['toc']}; longest line {longest} characters")
                print(f"  footer: {facts['footer']!r}")
                buttons = phone.evaluate("""() => [...document.querySelectorAll('.md-content .md-button')]
                    .slice(0, 2).map(b => Math.round(b.getBoundingClientRect().bottom))""")
                laptop_buttons = laptop.evaluate("""() => [...document.querySelectorAll('.md-content .md-button')]
                    .slice(0, 2).map(b => Math.round(b.getBoundingClientRect().bottom))""")
                print(f"  buttons end at y = {buttons} on a 390×844 phone, {laptop_buttons} on a 1366×768 laptop")
                sizes = phone.evaluate("""() => ({
                    summary: getComputedStyle(
                        document.querySelector('.md-content .admonition p, .md-content details p') || document.body
                    ).fontSize,
                    table: getComputedStyle(document.querySelector('.md-content td') || document.body).fontSize,
                    body: getComputedStyle(document.querySelector('.md-content article > p') || document.body).fontSize,
                    contact: [...document.querySelectorAll('.md-header a[href*="contact"]')]
                        .filter(a => a.offsetParent).length,
                    date: Math.round(document.querySelector('.md-post time, time')?.getBoundingClientRect().top ?? -1),
                })""")
                print(
                    f"  phone: body {sizes['body']}, summary {sizes['summary']}, table {sizes['table']}; "
                    f"header contact links {sizes['contact']}; first date at y = {sizes['date']}"
                )
                for label, selector in TARGETS.items():
                    found = smallest(phone, selector)
                    if found != "none":
                        print(f"  tap target, {label}: {found}")
            browser.close()


if __name__ == "__main__":
    main()
