"""Words of the prose, and the places where words must not be judged.

Tokens are letter runs with inner apostrophes or hyphens (``Britain's``,
``Sino-Soviet``). A word broken at the end of a line (``Med-`` + ``vedev``,
across a page break) is joined again. Skipped zones: citations and the
reference list (judged by the source rules), Markdown italics, quotations and
parentheticals written mostly in another language, code spans, links, HTML
comments, and words an editor marked ``[sic]``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable

TOKEN = re.compile(r"(?<![\w])[^\W\d_]+(?:['’\-][^\W\d_]+)*(?![\w])")
BROKEN = re.compile(
    r"(?<![\w-])([^\W\d_]{2,})-[ \t]*(?:\r?\n|\r)(?:[ \t]*(?:\r?\n|\r))*[ \t]*([a-z][^\W\d_]*)"
)
RUN_TOGETHER = re.compile(r"(?<![\w])([A-Za-z]{3,})(\d{4})(?![\w])")
SIC = re.compile(r"^[\s,.;:!?\"'”’)]*\[sic!?\]", re.IGNORECASE)
_ITALIC = re.compile(
    r"(?<![\w*])\*(?!\s)([^*\n]{1,200}?)(?<!\s)\*(?![\w*])|(?<![\w_])_(?!\s)([^_\n]{1,200}?)(?<!\s)_(?![\w_])"
)
_QUOTED = re.compile(
    r"\"([^\"\n]{1,300})\"|“([^“”\n]{1,300})”|«([^«»\n]{1,300})»|\(([^()\n]{1,300})\)"
)
_CODE = re.compile(r"`[^`\n]+`|<!--.*?-->|https?://\S+|\S+@\S+\.\w+|\]\([^)\s]+\)", re.DOTALL)


class Zones:
    """Sorted, merged ``[start, end)`` ranges of text to leave alone."""

    def __init__(self, ranges: Iterable[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for start, end in sorted(ranges):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self.starts = [s for s, _ in merged]
        self.ends = [e for _, e in merged]

    def __contains__(self, offset: int) -> bool:
        i = bisect_right(self.starts, offset) - 1
        return i >= 0 and offset < self.ends[i]


def skipped_zones(
    text: str, end: int, fixed: Iterable[tuple[int, int]], is_word: Callable[[str], bool]
) -> Zones:
    """Zones of ``text[:end]`` whose words are not judged, plus ``fixed`` ranges."""
    ranges = list(fixed)
    ranges += [(m.start(), m.end()) for m in _CODE.finditer(text, 0, end)]
    ranges += [(m.start(), m.end()) for m in _ITALIC.finditer(text, 0, end)]
    for m in _QUOTED.finditer(text, 0, end):
        inner = next(g for g in m.groups() if g is not None)
        words = [w for w in TOKEN.findall(inner) if len(w) > 2]
        if words and sum(not is_word(w) for w in words) * 2 >= len(words):
            ranges.append((m.start(), m.end()))  # a gloss or quotation in another language
    return Zones(ranges)


def marked_sic(text: str, end: int) -> bool:
    """Whether the word ending at ``end`` is followed by ``[sic]``."""
    return SIC.match(text[end : end + 12]) is not None
