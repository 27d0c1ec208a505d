"""GitHub Actions workflow commands: findings as annotations on a pull request."""

from __future__ import annotations

from collections.abc import Sequence

from citetrace.inputs.origin import describe
from citetrace.model import DocumentReport

_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(reports: Sequence[DocumentReport]) -> str:
    """One ``::error file=…,line=…,col=…::message`` line per finding."""
    lines = []
    for report in reports:
        for f in report.findings:
            message = f.message + (
                f" — {f.suggestion}" if f.suggestion and f.suggestion not in f.message else ""
            )
            origin = f.origin
            if origin and "file" in origin:  # an entry of a bibliography file
                where = f"line={origin['line']},"
                message += f" [{origin['file']}]"
            elif origin is None:
                where = (
                    f"line={f.line},col={f.column},endLine={f.end_line},endColumn={f.end_column},"
                )
            elif "column" in origin and "line" in origin:  # XML or HTML: the place in the file
                where = f"line={origin['line']},col={origin['column']},"
            else:  # a page or paragraph of a binary file: the file, and the place in words
                where = ""
                message += f" [{describe(origin)}]"
            path = origin["file"] if origin and "file" in origin else report.path
            title = _property(f"{f.code} {f.rule}")
            props = f"file={_property(path)},{where}title={title}"
            lines.append(f"::{_COMMAND[f.severity]} {props}::{_data(message)}")
    return "".join(line + "\n" for line in lines)
