"""Draw the link-preview picture (docs/assets/images/social-card.png) from tools/social-card.html.

Run by `make social-card`. Chromium renders the page at 1200 x 630, the size Open Graph and
Twitter's large card expect, with the system's DejaVu Sans (Debian's fonts-dejavu-core), so
the picture is made offline and committed: builds never draw it.
"""

from __future__ import annotations

import os
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "tools" / "social-card.html"
TARGET = ROOT / "docs" / "assets" / "images" / "social-card.png"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def main() -> None:
    """Render the card and write the PNG."""
    with sync_playwright() as playwright:
        chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
        browser = playwright.chromium.launch(executable_path=chromium, args=FLAGS)
        page = browser.new_page(viewport={"width": 1200, "height": 630})
        page.goto(SOURCE.as_uri(), wait_until="load")
        page.screenshot(path=TARGET)
        browser.close()
    print(f"wrote {TARGET.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
