"""Inline SVG pictures: citations per source, and cited dates per source on a timeline."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import date
from html import escape

from citetrace.model import Citation

_COLOURS = (
    "#0072b2",
    "#d55e00",
    "#009e73",
    "#cc79a7",
    "#e69f00",
    "#56b4e9",
    "#8a6d00",
    "#6a3d9a",
    "#117733",
    "#882255",
    "#8c8c8c",  # every source past the tenth
)
_ROW = 24
_LABEL = 150


def _colour(colours: dict[str, int], source: str) -> str:
    return _COLOURS[colours.get(source, 0) % len(_COLOURS)]


def source_bars(citations: Sequence[Citation], colours: dict[str, int]) -> str:
    """A horizontal bar per source, longest first."""
    counts = Counter(c.source for c in citations)
    if not counts:
        return "<p>No citations.</p>"
    ordered = sorted(counts, key=lambda s: (-counts[s], s))
    width, bar_room = 640, 640 - _LABEL - 50
    top = max(counts.values())
    height = _ROW * len(ordered) + 10
    rows = []
    for i, source in enumerate(ordered):
        y = 5 + i * _ROW
        length = max(2.0, bar_room * counts[source] / top)
        rows.append(
            f'<text x="{_LABEL - 8}" y="{y + 16}" text-anchor="end">{escape(_short(source))}</text>'
            f'<rect x="{_LABEL}" y="{y + 4}" width="{length:.1f}" height="{_ROW - 8}" rx="3" '
            f'fill="{_colour(colours, source)}">'
            f"<title>{escape(source)}: {counts[source]}</title></rect>"
            f'<text x="{_LABEL + length + 6:.1f}" y="{y + 16}">{counts[source]}</text>'
        )
    label = ", ".join(f"{s} {counts[s]}" for s in ordered)
    return (
        f'<svg role="img" aria-label="Citations per source: {escape(label)}" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}">{"".join(rows)}</svg>'
    )


def _short(text: str, limit: int = 22) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _when(c: Citation) -> tuple[date, bool] | None:
    """The date to plot and whether it is exact to the day."""
    if not c.date:
        return None
    parts = [int(p) for p in c.date.split("-")]
    if len(parts) == 1:
        return date(parts[0], 7, 1), False
    if len(parts) == 2:
        return date(parts[0], parts[1], 15), False
    return date(*parts), True


_TICK_ROOM = 40  # pixels a year label needs
_STEPS = (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000)


def tick_step(years: int, room: float) -> int:
    """Years between two labelled ticks, as a plotting library chooses them: the
    smallest of 1, 2, 5, 10, 20, 25, 50, 100, … whose labels do not run together."""
    fits = max(1, int(room // _TICK_ROOM))
    return next((step for step in _STEPS if years / step <= fits), _STEPS[-1])


def timeline(citations: Sequence[Citation], colours: dict[str, int]) -> str:
    """One row per source, a dot per cited date (hollow when only a month or year is known)."""
    points: dict[str, list[tuple[date, bool, Citation]]] = defaultdict(list)
    for c in citations:
        when = _when(c)
        if when is not None:
            points[c.source].append((*when, c))
    if not points:
        return "<p>No dated citations.</p>"
    everything = [d for rows in points.values() for d, _, _ in rows]
    first, last = min(everything), max(everything)
    start = date(first.year, 1, 1)
    end = date(last.year + 1, 1, 1)
    span = (end - start).days or 1
    width, room = 640, 640 - _LABEL - 20
    sources = sorted(points, key=lambda s: (-len(points[s]), s))
    height = _ROW * len(sources) + 40

    def x(d: date) -> float:
        return _LABEL + room * (d - start).days / span

    parts = []
    step = tick_step(end.year - start.year, room)
    for year in range(start.year - start.year % step, end.year + 1, step):
        if year < start.year:
            continue
        xx = x(date(year, 1, 1))
        parts.append(
            f'<line x1="{xx:.1f}" x2="{xx:.1f}" y1="0" y2="{height - 28}" stroke="#e4e0d8"/>'
        )
        if year < end.year:  # the last line closes the axis and needs no label
            parts.append(f'<text x="{xx + 3:.1f}" y="{height - 12}">{year}</text>')
    for i, source in enumerate(sources):
        y = 14 + i * _ROW
        colour = _colour(colours, source)
        parts.append(
            f'<text x="{_LABEL - 8}" y="{y + 4}" text-anchor="end">{escape(_short(source))}</text>'
        )
        for when, exact, c in sorted(points[source], key=lambda p: p[0]):
            fill = colour if exact else "#fff"
            parts.append(
                f'<circle cx="{x(when):.1f}" cy="{y}" r="5" fill="{fill}" stroke="{colour}" '
                f'stroke-width="2"><title>{escape(c.source)}, {escape(c.date or "")} '
                f"(line {c.line})</title></circle>"
            )
    label = f"Cited dates from {first.isoformat()} to {last.isoformat()} for {len(sources)} sources"
    return (
        f'<svg role="img" aria-label="{escape(label)}" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}">{"".join(parts)}</svg>'
    )
