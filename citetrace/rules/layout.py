"""Citation punctuation and date layout against the document's own habit."""

from __future__ import annotations

import calendar
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from functools import lru_cache

from citetrace.model import Citation, Finding, Fix
from citetrace.rules.base import Rule, RuleContext, rule

_PLACEHOLDER = re.compile(r"\{(source|Y|M|D|L|Month|nd|text)\}")
_DIGITS = re.compile(r"\d+")
_PADDED = re.compile(r"(?<!\d)0\d")


@lru_cache(maxsize=1024)
def inner_layout(layout: str) -> str:
    """The layout without its parentheses or a leading ``see``/``cf.``."""
    at = layout.find("{source}")
    inner = layout[at:] if at >= 0 else layout
    return inner[:-1] if layout.startswith("(") and inner.endswith(")") else inner


@lru_cache(maxsize=1024)
def shape(layout: str) -> tuple[str, ...]:
    """The parts a layout holds, a month name counting as a month."""
    return tuple(sorted({p.replace("Month", "M") for p in _PLACEHOLDER.findall(layout)}))


@rule(
    "CT203",
    "format-inconsistent",
    "warning",
    "A citation punctuated or dated unlike the document's other citations.",
)
def format_inconsistent(self: Rule, ctx: RuleContext) -> Iterator[Finding]:
    """Within one document, citations of one style should share one layout:
    the same punctuation between source and date, and the same date order and
    separators. The dominant layout is the one used by more than half of the
    citations with the same parts (source, year, month, day, pages); a
    citation that departs from it gets the citation rewritten in that layout
    as its suggestion. Narrative citations are not compared.

    Example: `(Radio Press 1987. 6. 9)` among thirty `(Pravda, 1987. 7. 10)`.
    """
    groups: dict[tuple, list[Citation]] = defaultdict(list)
    for c in ctx.citations:
        if c.narrative or not c.layout or "{text}" in c.layout:
            continue
        groups[(c.style, shape(inner_layout(c.layout)))].append(c)
    for members in groups.values():
        counts = Counter(inner_layout(c.layout) for c in members)
        dominant, count = counts.most_common(1)[0]
        if count * 2 <= len(members) or len(counts) == 1:
            continue
        pad = _padded(c for c in members if inner_layout(c.layout) == dominant)
        for c in members:
            if inner_layout(c.layout) == dominant:
                continue
            rewritten = rewrite(c, dominant, pad)
            yield ctx.finding(
                self,
                c.start,
                c.end,
                f"'{c.text}' departs from the layout of {count} other {c.style} citations"
                + (f"; write '{rewritten}'" if rewritten else ""),
                citation=c.id,
                suggestion=rewritten,
                fix=Fix(c.start, c.end, rewritten) if rewritten and rewritten != c.text else None,
            )


def _padded(citations: Iterator[Citation]) -> bool:
    """Whether any of ``citations`` writes a month or day with a leading zero."""
    return any(map(_PADDED.search, {c.date_raw or "" for c in citations}))


def rewrite(c: Citation, layout: str, pad: bool = False) -> str | None:
    """Citation ``c`` written in ``layout`` (an inner layout), or ``None`` if it cannot be."""
    parts = _parts(c, pad)
    if parts is None:
        return None
    try:
        body = _PLACEHOLDER.sub(lambda m: parts[m.group(1)], layout)
    except KeyError:
        return None
    own = c.layout
    at = own.find("{source}")
    prefix = own[:at] if at > 0 else ""
    if own.startswith("(") and own.endswith(")"):
        return prefix + body + ")" if prefix.startswith("(") else "(" + body + ")"
    return prefix + body


def _parts(c: Citation, pad: bool) -> dict[str, str] | None:
    parts = {"source": c.source_raw}
    if c.locator:
        parts["L"] = c.locator
    order = [p for p in _PLACEHOLDER.findall(c.layout) if p in ("Y", "M", "D")]
    numbers = _DIGITS.findall(c.date_raw or "")
    if "Month" not in c.layout and len(order) == len(numbers):
        parts.update(zip(order, numbers, strict=True))
    elif c.date:
        iso = c.date.split("-")
        parts.update(zip(("Y", "M", "D"), iso, strict=False))
        if not pad:
            parts.update({k: str(int(v)) for k, v in parts.items() if k in ("M", "D")})
    else:
        return None
    if c.year and "Y" in parts:
        parts["Y"] = c.year  # keeps a year letter: 2011a
    if "M" in parts:
        month = int(parts["M"])
        if 1 <= month <= 12:
            parts["Month"] = calendar.month_name[month]
    if pad:
        parts.update({k: parts[k].zfill(2) for k in ("M", "D") if k in parts})
    return parts
