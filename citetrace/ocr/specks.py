"""Specks: a stroke a scan read as ``I``, ``i`` or ``l`` where the page had no
letter at all (a column rule, dirt, the broken edge of a line).

Such a stroke stands alone at a line's edge where no word fits:

- it ends its line after a mark, or stands alone on its line, and the next line
  does not go on in lower case (``the Bathurst Free Press} I`` / ``Our``);
- it opens its line before a capital (``I TO THE EDITOR``, ``i NEWCASTLE``).

The pronoun does neither: it ends a line only mid-sentence, before the lower-case
rest, and it opens one before a verb. A text that numbers in Roman figures
(a line opening with ``II``) may open a line with ``I`` as a number, so there
an upper-case ``I`` is left alone. A speck is reported for deletion, at a
confidence that asks for a look.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from citetrace.model import Typo
from citetrace.ocr.tokens import Zones

SPECK = "a stroke standing alone at a line's edge where no word fits: a speck, most likely"
CONFIDENCE = 0.6
_STROKE = re.compile(r"(?<!\S)[Iil](?!\S)")
_ROMAN_NUMBERS = re.compile(r"(?m)^[ \t]*II[ \t.]")


def specks(
    text: str, end: int, typos: list[Typo], allowed: Callable[[int, int], bool]
) -> list[Typo]:
    """The specks of ``text[:end]`` no typo covers yet; a stray letter already
    found at a line's edge (``i``, ``l``) is read as a speck in place."""
    found = {t.start: t for t in typos}
    taken = Zones([(t.start, t.end) for t in typos])
    roman = _ROMAN_NUMBERS.search(text, 0, end) is not None
    out = []
    for m in _STROKE.finditer(text, 0, end):
        start, stop, stroke = m.start(), m.end(), m.group()
        if (stroke == "I" and roman) or not _at_an_edge(text, start, stop, end):
            continue
        known = found.get(start)
        if known is not None and known.end == stop and not known.suggestions:
            known.suggestions, known.evidence = ("",), SPECK
        elif start not in taken and allowed(start, stop):
            out.append(Typo("ocr-typo", start, stop, stroke, ("",), CONFIDENCE, SPECK))
    return out


def _at_an_edge(text: str, start: int, stop: int, end: int) -> bool:
    """Whether the stroke at ``text[start:stop]`` stands where a speck does and
    no word would: at its line's end after a mark or alone (the next line not
    going on in lower case), or at its line's start before a capital."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", stop, end)
    line_end = end if line_end < 0 else line_end
    before = text[line_start:start].rstrip()
    after = text[stop:line_end].strip()
    if not after:
        if before and (before[-1].isalnum() or before[-1] in "-'’"):
            return False  # "as I" / "Type I" / "well-": mid-sentence, or a word's part
        rest = text[line_end:end].lstrip()
        return not rest[:1].islower()
    return not before and after[:1].isupper()
