"""Before a deployment: put the live site's home page and the stylesheets it links into the site folder.

    python tools/published_stylesheets.py SITE_DIR [--url URL]

The build that follows (hooks/lean_assets.py) keeps the stylesheets the folder's home page
links beside its own, so pages that readers' browsers or a CDN cached before the
deployment keep their styles: the stylesheets are renamed whenever the site's markup
changes, and a host such as GitHub Pages publishes only what the new build holds.

URL defaults to `site_url` in mkdocs.yml. Only Material's purged stylesheets are taken,
and only when their content matches the hash in their name. Nothing here can stop a
deployment: if the live site cannot be read (the first deployment, an outage), the tool
says so and the build goes on without them.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import urllib.request
from pathlib import Path
from urllib.parse import urljoin

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from hooks.lean_assets import MATERIAL_CSS  # noqa: E402

TIMEOUT = 30  # seconds per request
MAX_BYTES = 2_000_000  # a home page or a stylesheet larger than this is not ours


class _AnyTagLoader(yaml.SafeLoader):
    """Reads mkdocs.yml with its tags (!ENV, !relative) as empty values: only site_url is needed."""


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def site_url(config: Path) -> str:
    """The `site_url` in mkdocs.yml."""
    address: str = yaml.load(config.read_text(encoding="utf-8"), Loader=_AnyTagLoader)["site_url"]
    return address


def fetch(url: str) -> bytes:
    """The body at `url` (at most MAX_BYTES), or an OSError."""
    with urllib.request.urlopen(url, timeout=TIMEOUT) as response:
        body: bytes = response.read(MAX_BYTES + 1)
    if len(body) > MAX_BYTES:
        raise OSError(f"{url} is larger than {MAX_BYTES:,} bytes")
    return body


def hash_matches(path: str, content: bytes) -> bool:
    """Whether a purged stylesheet's name carries the hash of its content (main.<hash>.min.css)."""
    return path.split(".")[-3] == hashlib.sha256(content).hexdigest()[:8]


def copy_published(url: str, site: Path) -> list[str]:
    """Write the live home page and its purged stylesheets into `site`; the stylesheets' paths."""
    home = fetch(url)
    kept = []
    for path in sorted({match.group(0) for match in MATERIAL_CSS.finditer(home.decode("utf-8", "replace"))}):
        content = fetch(urljoin(url, path))
        if not hash_matches(path, content):
            print(f"  {path}: its content does not match its name; left out")
            continue
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_bytes(content)
        kept.append(path)
    (site / "index.html").write_bytes(home)
    return kept


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("site", type=Path, help="the folder the build writes the site into (site/)")
    parser.add_argument("--url", help="the live site's address (default: site_url in mkdocs.yml)")
    args = parser.parse_args()
    url = args.url or site_url(ROOT / "mkdocs.yml")
    args.site.mkdir(parents=True, exist_ok=True)
    try:
        kept = copy_published(url, args.site)
    except (OSError, ValueError) as error:
        print(
            f"The live site's stylesheets could not be read from {url} ({error}); the build keeps none. "
            "Pages cached before this deployment may show unstyled until reloaded."
        )
        return 0
    print(f"Kept for pages cached before this deployment: {', '.join(kept) or 'none (the home page links none)'}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
