"""Candidate parentheticals: the only places a citation can be.

One linear regular-expression pass finds innermost ``(...)`` groups of
bounded length (another finds ``[...]`` groups, where the text has brackets);
a cheap test then drops those that hold no date-like token.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

MAX_PARENTHETICAL = 1000

# Innermost parentheses of bounded length: ``[^()]`` cannot backtrack into
# another "(", so every start position is tried at most once per character
# up to the next parenthesis, which keeps the scan linear.
_PAREN = re.compile(rf"\(([^()]{{1,{MAX_PARENTHETICAL}}})\)")
# Square brackets hold citations in some house styles: "[Lee, 2004; Kim, 2006]".
_BRACKET = re.compile(rf"\[([^\[\]]{{1,{MAX_PARENTHETICAL}}})\]")
# A parenthesis that holds others, "(Lee et al., 2021; Team (UK), 2020)": its
# inner groups are bounded too, so each attempt stops at the next parenthesis.
_NESTED = re.compile(
    r"\([^()]{0,500}\([^()]{0,200}\)[^()]{0,500}(?:\([^()]{0,200}\)[^()]{0,500})*\)"
)
_DIGIT = re.compile(r"\d")
_UNDATED = re.compile(r"\b[ns]\.\s?d\b|\bo\.\s?J\b", re.IGNORECASE)  # n.d., s.d., o.J.


def candidates(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """The ``(open, close)`` offsets of parentheticals that may hold a citation, in
    text order.

    ``open`` is the index of "(" (or "[") and ``close`` the index just past ")".
    """
    stop = len(text) if end is None else end
    found = list(_groups(_PAREN, text, start, stop))
    more = list(_groups(_NESTED, text, start, stop))
    if text.find("[", start, stop) >= 0:
        more.extend(_groups(_BRACKET, text, start, stop))
    if more:
        found.extend(more)
        found.sort()
    return found


def _groups(
    pattern: re.Pattern[str], text: str, start: int, stop: int
) -> Iterator[tuple[int, int]]:
    for m in pattern.finditer(text, start, stop):
        inside, end_inside = m.start() + 1, m.end() - 1  # searched in place, not copied
        if _DIGIT.search(text, inside, end_inside) or _UNDATED.search(text, inside, end_inside):
            yield m.start(), m.end()
