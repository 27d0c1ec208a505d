"""Sentence boundaries and the claim each citation supports.

A citation that follows a full stop supports the sentence before it; one
inside a sentence supports the clause from the sentence start (or from the
previous citation in that sentence) up to itself. Blank lines do not end a
sentence, since OCR page breaks split sentences with them; headings do.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from citetrace.inputs.document import Document
from citetrace.model import Claim, ParsedCitation

_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof st mt no nos vol vols p pp cf ed eds al fig figs jan feb mar apr
    jun jul aug sep sept oct nov dec vs gen col lt sen rep gov pres inc ltd co corp jr sr
    dept univ approx ca resp viz ibid op cit chap ch art sec""".split()
)
_AFTER_BREAK = re.compile(r"[^\t(\[\"“—\-/]*\Z")  # a word's part after its last break
_TERMINALS = ".!?…"
MAX_CLAIM = 4000  # characters: no claim reaches further back than this
_CLOSERS = "\"”’'»)]"
_TERMINAL = re.compile(r"[.!?…][\"”’'»)\]]*(?=\s)")
_TRIM_LEADING = " \t\r\n,;:.)]-–—"
_TRIM_TRAILING = " \t\r\n,;:-–—"


def sentence_start(text: str, lo: int, end: int) -> int:
    """Where the sentence that ends at ``end`` begins, searching no further back than ``lo``.

    Full stops after initials or abbreviations (``L. II'ichev``, ``pp.``) do
    not end a sentence; a full stop whose sentence would begin at or after
    ``end`` is the one that closes the claim itself.
    """
    lo = max(lo, end - MAX_CLAIM)
    hi = end
    # The nearest of each terminal mark, found again only once passed: each mark's
    # text is searched once, so a run of abbreviations costs linear time.
    nearest = {mark: text.rfind(mark, lo, hi) for mark in _TERMINALS}
    while hi > lo:
        at = max(nearest.values())
        if at < 0:
            return lo
        hi = at
        nearest[text[at]] = text.rfind(text[at], lo, at)
        after = at + 1
        while after < end and text[after] in _CLOSERS:
            after += 1
        if after >= end or not text[after].isspace():
            continue
        if text[at] == "." and _is_abbreviation(text, at):
            continue
        while after < end and text[after].isspace():
            after += 1
        if after < end:
            return after
    return lo


def sentence_end(text: str, start: int, hi: int) -> int:
    """Where the sentence running at ``start`` ends (past its full stop), or ``hi``."""
    pos = start
    while pos < hi:
        m = _TERMINAL.search(text, pos, hi)
        if m is None:
            return hi
        at = m.start()
        pos = m.end()
        if text[at] == "." and _is_abbreviation(text, at):
            continue
        return pos
    return hi


def _is_abbreviation(text: str, dot: int) -> bool:
    lo = max(0, dot - 30)
    word = text[max(text.rfind(" ", lo, dot), text.rfind("\n", lo, dot)) + 1 or lo : dot]
    word = word[_AFTER_BREAK.search(word).start() :]  # type: ignore[union-attr]
    if not word:
        return False
    if len(word) == 1 and word.isalpha() and word.isupper():
        return True  # an initial: "D. Pike"
    if "." in word.rstrip("."):
        return True  # "U.S.", "e.g."
    return word.lower() in _ABBREVIATIONS


def link_claims(doc: Document, cited: list[ParsedCitation], barriers: list[int]) -> list[Claim]:
    """The claim of each citation in ``cited`` (sorted by offset).

    ``barriers`` (sorted) are offsets no claim reaches back past: the ends of
    heading lines and of directive comments.
    """
    text = doc.text
    claims: list[Claim] = []
    previous_end = 0
    previous_claim: Claim | None = None
    previous_group = -1
    for c in cited:
        if c.group == previous_group and previous_claim is not None:
            claims.append(previous_claim)
            previous_end = max(previous_end, c.end)  # the next claim starts after the group
            continue
        end = c.anchor
        while end > 0 and text[end - 1] in " \t\r\n":
            end -= 1
        lo = previous_end if previous_end <= end else 0
        k = bisect_right(barriers, end) - 1
        if k >= 0:
            lo = max(lo, barriers[k])
        claim = _trimmed(text, sentence_start(text, lo, end), end)
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
