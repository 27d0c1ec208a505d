"""Directives written in the audited text: suppression comments and front matter.

``<!-- citetrace: ignore missing-reference -->`` (Markdown or HTML) and
``# citetrace: ignore[missing-reference]`` (plain text) silence findings on
the line they stand on, or on the next non-blank line when they stand alone.
Without rule names they silence every rule there.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from citetrace.inputs.document import Document

_MARKER = re.compile(r"citetrace:\s*ignore", re.IGNORECASE)
_HTML = re.compile(r"<!--\s*citetrace:\s*ignore\b(?P<rules>[^>]*?)\s*-->", re.IGNORECASE)
_HASH = re.compile(
    r"^[ \t]*#[ \t]*citetrace:\s*ignore(?:\[(?P<rules>[^\]]*)\])?[ \t]*$", re.IGNORECASE
)
_FRONT_MATTER = re.compile(
    r"\A(?:\ufeff)?---[ \t]*\r?\n(?P<body>.*?)^(?:---|\.\.\.)[ \t]*$", re.S | re.M
)
_FRONT_DATE = re.compile(
    r"^date:\s*[\"']?(?P<date>\d{4}(?:-\d{2}(?:-\d{2})?)?)\b", re.MULTILINE | re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class Suppression:
    """A suppression comment and the line it applies to."""

    start: int
    end: int
    line: int
    target_line: int
    rules: tuple[str, ...]  # empty: every rule


def find_suppressions(doc: Document) -> list[Suppression]:
    """Every suppression comment in ``doc``, in order."""
    found: list[Suppression] = []
    seen_lines: set[int] = set()
    text = doc.text
    at = text.find("itetrace:")  # a literal search: fast, and most texts have none
    while at >= 0:
        marker = _MARKER.match(text, at - 1)
        at = text.find("itetrace:", at + 1)
        if marker is None:
            continue
        line, _ = doc.line_col(marker.start())
        if line in seen_lines:
            continue
        seen_lines.add(line)
        line_start = doc.offset(line, 1)
        content = doc.line_text(line)
        for m in _HTML.finditer(content):
            found.append(_suppression(doc, line, line_start, m, content))
        if m := _HASH.match(content):
            found.append(_suppression(doc, line, line_start, m, content))
    return found


def _suppression(
    doc: Document, line: int, line_start: int, m: re.Match[str], content: str
) -> Suppression:
    rules = tuple(r for r in re.split(r"[\s,]+", m.group("rules") or "") if r)
    alone = not (content[: m.start()] + content[m.end() :]).strip()
    target = _next_content_line(doc, line) if alone else line
    return Suppression(line_start + m.start(), line_start + m.end(), line, target, rules)


def _next_content_line(doc: Document, line: int) -> int:
    last = doc.line_count
    nxt = line + 1
    while nxt <= last and not doc.line_text(nxt).strip():
        nxt += 1
    return nxt


def front_matter(text: str) -> tuple[int, str | None]:
    """The end offset of a YAML front-matter block and its ``date``, if any."""
    m = _FRONT_MATTER.match(text)
    if m is None:
        return 0, None
    date = _FRONT_DATE.search(m.group("body"))
    if date is None or not _real_date(date.group("date")):
        return m.end(), None  # an impossible date ("1988-13-45") is no document date
    return m.end(), date.group("date")


def _real_date(value: str) -> bool:
    parts = [int(p) for p in value.split("-")]
    year, month, day = [*parts, 1, 1][:3]
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True
