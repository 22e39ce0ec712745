"""Draw the link-preview picture (docs/assets/images/social-card.png) from tools/social-card.html.

Run by `make social-card`. Chromium renders the page at 1200 x 630, the size Open Graph and
Twitter's large card expect, with the system's DejaVu Sans (Debian's fonts-dejavu-core), so
the picture is made offline and committed: builds never draw it.
"""

from __future__ import annotations

from playwright.sync_api import sync_playwright

from local_site import CHROMIUM, CHROMIUM_FLAGS, ROOT

SOURCE = ROOT / "tools" / "social-card.html"
TARGET = ROOT / "docs" / "assets" / "images" / "social-card.png"


def main() -> None:
    """Render the card and write the PNG."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={"width": 1200, "height": 630})
        page.goto(SOURCE.as_uri(), wait_until="load")
        page.screenshot(path=TARGET)
        browser.close()
    print(f"wrote {TARGET.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
