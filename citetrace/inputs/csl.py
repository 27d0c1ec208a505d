"""CSL-JSON, the data reference managers exchange: names and dates read defensively.

Zotero and Mendeley fields in Word documents and CSL-JSON bibliography files
both carry it; a value of the wrong type is passed over, never a failure.
"""

from __future__ import annotations

import re

_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")


def as_text(value: object) -> str:
    """A string or a number as text; anything else as nothing."""
    return value if isinstance(value, str) else str(value) if isinstance(value, int) else ""


def _name(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def surnames(item: dict) -> tuple[str, ...]:
    """The authors' family names (else the editors'), as CSL-JSON names them."""
    for role in ("author", "editor"):
        names = item.get(role)
        if isinstance(names, list):
            found = [
                _name(n.get("family")) or _name(n.get("literal"))
                for n in names
                if isinstance(n, dict)
            ]
            if any(found):
                return tuple(n for n in found if n)
    return ()


def year(issued: object) -> str | None:
    """The year of a CSL-JSON date: ``{"date-parts": [[2004, 5]]}``, or ``{"raw": "2004"}``."""
    if not isinstance(issued, dict):
        return None
    parts = issued.get("date-parts")
    if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
        first = parts[0][0]
        if isinstance(first, int) or (isinstance(first, str) and first.isdecimal()):
            return str(first)
    m = _YEAR.search(as_text(issued.get("raw")) or as_text(issued.get("literal")))
    return m.group() if m else None
