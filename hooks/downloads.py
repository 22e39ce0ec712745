"""Publish the comparison as open data: CSV and JSON files under downloads/.

The files are generated from data/comparison.yml in each build (and in `mkdocs serve`),
so they always match the tables. Added as site files before pages are read, so a
Markdown link to them is checked like any other link.
Zensical ignores hooks: there, these files would need another way to be generated.
"""

from pathlib import Path
from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

FOLDER = "downloads"


def on_files(files: Files, config: MkDocsConfig) -> Files:
    # Imported here: the macros plugin has just put the project folder on sys.path.
    from macros.content import open_data
    from macros.content.comparison import load_comparison_once
    from macros.urls import page_url

    data = load_comparison_once(Path(config.config_file_path).parent)
    # The guide's address by MkDocs' own rule (use_directory_urls), as every link to it.
    source = urljoin(config.site_url or "", page_url(config.extra["pages"]["guide"], config.use_directory_urls))
    for name, text in open_data.files(data, source).items():
        files.append(File.generated(config, f"{FOLDER}/{name}", content=text))
    return files
