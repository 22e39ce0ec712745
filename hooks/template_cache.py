"""Keep the theme's compiled templates between builds, so a preview rebuild does not compile them again.

MkDocs makes a new Jinja environment for Material's templates in every build, and
compiling them was about half of each `mkdocs serve` rebuild of this site. Jinja's
bytecode cache keeps the compiled code in the system's temporary folder and compiles
a template again whenever its text has changed, so an edit to overrides/ still shows
at once. It changes no page. Zensical ignores hooks: there, nothing changes but speed.
"""

from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache
from mkdocs.config.defaults import MkDocsConfig


def on_env(env: Environment, config: MkDocsConfig, files: Any) -> Environment:
    env.bytecode_cache = FileSystemBytecodeCache()
    return env
