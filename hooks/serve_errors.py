"""Under `mkdocs serve`, show why a rebuild failed in the browser, instead of a page that never loads.

MkDocs 1.6 logs a failed rebuild in the terminal and then holds every page request
until a rebuild succeeds ("the server will appear stuck"), so an editor looking at the
browser sees nothing happen. This hook catches the failure, lets the server carry on
(it tells open pages to reload), and answers page requests with the build's messages
until the next rebuild succeeds. The published build (`mkdocs build`) never calls it.
A YAML mistake in mkdocs.yml, which MkDocs reads itself before any plugin and reports in
PyYAML's words, is described as the data files' mistakes are (macros/checks/settings.py).
Zensical ignores hooks: there, the messages would only be in the terminal.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.exceptions import ConfigurationError

log = logging.getLogger("mkdocs.hooks.serve_errors")
TEMPLATE = Path(__file__).with_name("serve_error.html")
# The macros plugin adds a Python traceback to a page error: editors need only the sentence above it.
_TRACEBACK = re.compile(r"\n*```\s*\nTraceback \(most recent call last\):.*?```", re.DOTALL)


class _Collect(logging.Handler):
    """Keeps the warnings and errors logged during one build, as editors read them."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []
        self.thread = threading.get_ident()  # the build's; the server logs requests from other threads

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread == self.thread:
            self.messages.append(f"{record.levelname} - {plain_message(record.getMessage())}")


def plain_message(text: str) -> str:
    """A log message without the traceback and Markdown emphasis the macros plugin adds."""
    text = _TRACEBACK.sub("", text)
    return re.sub(r"(?<![\w*])_([A-Za-z][A-Za-z ]*?)_(?![\w*])", r"\1", text.replace("[macros] - ERROR # ", "")).strip()


def is_page(path: str) -> bool:
    """Whether a request path asks for a page (not a stylesheet, image, feed or the reload poll)."""
    last = path.rsplit("/", 1)[-1]
    return not path.startswith("/livereload/") and (last == "" or last.endswith(".html") or "." not in last)


def error_page(messages: list[str]) -> bytes:
    """The page shown in place of every page while the site cannot be built."""
    environment = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    return environment.from_string(TEMPLATE.read_text(encoding="utf-8")).render(messages=messages).encode("utf-8")


def failure_summary(error: BaseException, config_file: str | None) -> str:
    """What stopped a rebuild, in one message: for mkdocs.yml that YAML cannot read, the data files' kind of message."""
    if isinstance(error, ConfigurationError) and config_file:
        # Imported here: the macros plugin has put the project folder on sys.path.
        from macros.checks.settings import settings_message

        explained = settings_message(Path(config_file))
        if explained:
            return explained
    return plain_message(str(error)) or type(error).__name__


def on_serve(server: Any, config: Any, builder: Callable[..., None]) -> Any:
    failed: list[str] = []  # the last build's messages while it is failing; empty once it succeeds

    def build_or_explain(*args: Any, **kwargs: Any) -> None:
        collect = _Collect()
        logging.getLogger("mkdocs").addHandler(collect)
        try:
            builder(*args, **kwargs)
        except Exception as error:  # any failure: the preview must stay alive
            summary = failure_summary(error, config.config_file_path)
            failed[:] = [*collect.messages, summary]
            # MkDocs' own aborts ("Aborted with ...") follow messages already logged;
            # anything else is a bug: show where.
            log.error(summary, exc_info=not isinstance(error, SystemExit))
            log.error("The site was not rebuilt: the browser shows the messages above until the file is fixed.")
            # Returning normally lets the server tell open pages to reload: they then get the messages.
            return
        finally:
            logging.getLogger("mkdocs").removeHandler(collect)
        failed.clear()

    serve_site = server.get_app()

    def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if failed and is_page(environ.get("PATH_INFO", "")):
            body = error_page(list(failed))
            # 200, not 500: the server logs any other status as a warning, which would fill the terminal
            # at each refresh and, logged during a rebuild, fail that build in strict mode.
            start_response("200 OK", [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))])
            return [body]
        served: Iterable[bytes] = serve_site(environ, start_response)
        return served

    server.builder = build_or_explain
    server.set_app(app)
    return server
