"""Sentence boundaries and the claim each citation supports.

A citation that follows a full stop supports the sentence before it; one
inside a sentence supports the clause from the sentence start (or from the
previous citation in that sentence) up to itself. Blank lines do not end a
sentence, since OCR page breaks split sentences with them; headings do.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from citetrace.document import Document
from citetrace.model import Claim, ParsedCitation, Span

_TERMINAL = re.compile(r"[.!?…][\"”’'»)\]]*(?=\s)")
_WORD_BEFORE = re.compile(r"([\w'’.]*)$")
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof st mt no nos vol vols p pp cf ed eds al fig figs jan feb mar apr
    jun jul aug sep sept oct nov dec vs gen col lt sen rep gov pres inc ltd co corp jr sr
    dept univ approx ca resp viz ibid op cit chap ch art sec""".split()
)
_CLOSERS = "\"”’'»)]"
_TRIM_LEADING = " \t\r\n,;:.)]-–—"
_TRIM_TRAILING = " \t\r\n,;:-–—"


def sentence_starts(doc: Document, citations: list[Span]) -> list[int]:
    """Offsets where a sentence begins in the body, sorted.

    Full stops inside citations (``1986. 10. 16``) and after initials or
    abbreviations (``L. II'ichev``, ``pp.``) do not end a sentence.
    """
    starts = {0}
    text = doc.text
    spans_start = [s.start for s in citations]
    for m in _TERMINAL.finditer(text, 0, doc.body_end):
        at = m.start()
        i = bisect_right(spans_start, at) - 1
        if i >= 0 and citations[i].start <= at < citations[i].end - 1:
            continue
        if text[at] == "." and _is_abbreviation(text, at):
            continue
        nxt = m.end()
        while nxt < doc.body_end and text[nxt].isspace():
            nxt += 1
        starts.add(nxt)
    for heading in doc.heading_starts():
        line_end = text.find("\n", heading)
        starts.add(heading)
        starts.add(doc.body_end if line_end < 0 else line_end + 1)
    return sorted(starts)


def _is_abbreviation(text: str, dot: int) -> bool:
    word = _WORD_BEFORE.search(text, max(0, dot - 30), dot).group(1)
    if not word:
        return False
    if len(word) == 1 and word.isalpha() and word.isupper():
        return True  # an initial: "D. Pike"
    if "." in word.rstrip("."):
        return True  # "U.S.", "e.g."
    return word.lower() in _ABBREVIATIONS


def link_claims(doc: Document, cited: list[ParsedCitation], starts: list[int]) -> list[Claim]:
    """The claim of each citation in ``cited`` (sorted by offset)."""
    text = doc.text
    claims: list[Claim] = []
    previous_end = 0
    previous_claim: Claim | None = None
    previous_group = -1
    for c in cited:
        if c.group == previous_group and previous_claim is not None:
            claims.append(previous_claim)
            continue
        end = c.anchor
        while end > 0 and text[end - 1] in " \t\r\n":
            end -= 1
        k = bisect_left(starts, end) - 1
        start = starts[k] if k >= 0 else 0
        if previous_end <= end:
            start = max(start, previous_end)
        claim = _trimmed(text, start, end)
        if claim is None:
            claim = previous_claim or Claim(c.start, c.start, "")
        claims.append(claim)
        previous_claim, previous_end, previous_group = claim, c.end, c.group
    return claims


def _trimmed(text: str, start: int, end: int) -> Claim | None:
    while start < end and text[start] in _TRIM_LEADING:
        start += 1
    while end > start and text[end - 1] in _TRIM_TRAILING:
        end -= 1
    if start >= end:
        return None
    return Claim(start, end, text[start:end])
