"""Read a data file as MkDocs reads text and check it against its schema: one clear message or the data."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml

from macros.checks.problems import DataError, format_problems
from macros.checks.schemas import schema_problems, schema_validator
from macros.checks.yaml_messages import yaml_error_message
from macros.checks.yaml_reader import parse_yaml


def read_text(project_dir: Path, data_file: Path) -> str:
    """A data file's text, or DataError naming it if it is missing or not UTF-8."""
    path = project_dir / data_file
    shown = data_file.as_posix()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataError(f"{shown}: the data file is missing; expected it at {path}") from None
    return decode_utf8(shown, raw)


def as_mkdocs_reads(text: str) -> str:
    """Text with Windows (CRLF) and old Mac (CR) line endings made LF, as MkDocs reads a page (in text mode)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode_utf8(shown: str, raw: bytes) -> str:
    """Bytes as UTF-8 text read as MkDocs reads a file (a leading byte-order mark dropped, any line ending made
    LF), or DataError naming the line of the first bad byte."""
    try:
        return as_mkdocs_reads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise DataError(
            f"{shown}, line {line}: the file is not UTF-8 text (byte 0x{raw[error.start]:02x} cannot be "
            "read as UTF-8); save it as UTF-8 (in most editors: Save with encoding, then UTF-8)"
        ) from None


def load_checked(project_dir: Path, data_file: Path, schema_file: Path) -> tuple[Any, yaml.Node | None]:
    """Read a YAML data file and check it against its JSON Schema; raise DataError with one clear message.

    Returns the data and its node tree, so that further checks can name lines.
    """
    shown = data_file.as_posix()
    text = read_text(project_dir, data_file)
    try:
        data, node = parse_yaml(text)
    except yaml.YAMLError as error:
        raise DataError(yaml_error_message(shown, text, error)) from None
    data = dates_as_text(data)
    problems = schema_problems(data, schema_validator(project_dir, schema_file))
    if problems:
        raise DataError(format_problems(shown, data, node, problems))
    return data, node


def dates_as_text(value: Any) -> Any:
    """The same data with every YAML date as year-month-day text, the form the schemas check and pages show."""
    if isinstance(value, dict):
        return {key: dates_as_text(item) for key, item in value.items()}
    if isinstance(value, list):
        return [dates_as_text(item) for item in value]
    return value.isoformat() if isinstance(value, dt.date) else value
