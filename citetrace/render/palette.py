"""Colours for sources: a colour-blind-safe palette, the most cited source first."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from citetrace.model import Citation

PALETTE_SIZE = 10
OTHER = PALETTE_SIZE  # the neutral colour every source past the tenth shares


def source_colours(citations: Iterable[Citation]) -> dict[str, int]:
    """Source name → palette index, by descending citation count, then name: the
    ten most cited get a colour each, the rest one neutral grey (no two sources
    ever share a colour that means one of them)."""
    counts = Counter(c.source for c in citations)
    ordered = sorted(counts, key=lambda s: (-counts[s], s))
    return {source: min(i, OTHER) for i, source in enumerate(ordered)}
