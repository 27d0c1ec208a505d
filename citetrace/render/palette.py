"""Colours for sources: a colour-blind-safe palette, the most cited source first."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from citetrace.model import Citation

PALETTE_SIZE = 10


def source_colours(citations: Iterable[Citation]) -> dict[str, int]:
    """Source name → palette index (0-9), by descending citation count, then name."""
    counts = Counter(c.source for c in citations)
    ordered = sorted(counts, key=lambda s: (-counts[s], s))
    return {source: i % PALETTE_SIZE for i, source in enumerate(ordered)}
