"""The links a file's markup made (JATS ``xref``, TEI ``ref``), set beside citetrace's own.

A publisher's ``<xref rid="bib12">`` says which entry a citation means. Where
the cited author and year agree with that entry, the publisher's link is
taken: it is the one the reader of the published article follows. Where they
disagree, citetrace's own link stands and a rule reports the disagreement
(see :mod:`citetrace.rules.markup`).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

from rapidfuzz import fuzz

from citetrace.inputs.markup import CitedItem, MarkedCitation, MarkedEntry, Markup
from citetrace.model import Citation, Reference
from citetrace.text import fold

_YEAR = re.compile(r"(?<!\d)(1[4-9]\d\d|20\d\d)([a-z]?)(?!\d)")


def entry_references(references: Sequence[Reference], markup: Markup) -> dict[str, Reference]:
    """Each marked entry id → the reference entry citetrace parsed at its place."""
    if not markup.entries:
        return {}
    starts = [r.start for r in references]
    found = {}
    for entry in markup.entries:
        index = bisect_left(starts, entry.end) - 1
        if index >= 0 and references[index].end > entry.start:
            found[entry.id] = references[index]
    return found


def covering(citations: Sequence[Citation], marked: MarkedCitation) -> list[Citation]:
    """The citations that overlap a marked citation (``citations`` in text order)."""
    starts = [c.start for c in citations]
    index = bisect_left(starts, marked.end)
    hits = []
    while index > 0 and citations[index - 1].end > marked.start:
        index -= 1
        if citations[index].start < marked.end:
            hits.append(citations[index])
    return hits[::-1]


def cited_year(text: str) -> str | None:
    """The year written in a marked citation's text (``2009a``), if one."""
    m = _YEAR.search(text)
    return m.group(1) + m.group(2) if m else None


NEAR_NAME = 85  # a cited name this close (rapidfuzz ratio) to the entry's is a misspelling
_ABBREVIATION = re.compile(r"([^\W\d_]{3,})\.")
_NOT_NAMES = frozenset("et al and e y und & in press nd sd see eg cf also".split())


def link_agrees(
    text: str, cited: Sequence[Citation], entry: MarkedEntry, ref: Reference | None
) -> bool:
    """Whether a marked citation (its text, and the citations found over it) fits
    the entry it links to: the year, and a name of the entry's among the cited
    words. The markup's own tags (surnames, year) are trusted before citetrace's
    parse of the entry."""
    year = cited_year(text) or next((c.year for c in cited if c.year), None)
    entry_year = entry.year or (ref.year if ref else None)
    if year and entry_year and not same_year(year, entry_year):
        return False
    names = entry.surnames or (ref.authors if ref else ())
    if not names and ref is None:
        return True
    words = [w for w in fold(text).split() if len(w) > 1 and w.isalpha() and w not in _NOT_NAMES]
    if not words:
        return True
    if _named(words, names, ref) or _abbreviated(text, names):
        return True
    return any(
        _named(fold(c.authors[0] if c.authors else c.source).split(), names, ref) for c in cited
    )


def _named(words: Sequence[str], names: Sequence[str], ref: Reference | None) -> bool:
    """Whether one of ``words`` is a word of one of the entry's ``names`` (or of its
    opening words, when names are unknown)."""
    keys = {w for name in names for w in fold(name).split() if len(w) > 1}
    if not keys and ref is not None:
        keys = set(fold(ref.text[:120]).split())
    if any(w in keys for w in words):
        return True
    # A name misspelt (Izvestiva for Izvestiya) is the spelling rules' to report:
    # the link itself is right.
    long_words = [w for w in words if len(w) >= 5]
    return any(fuzz.ratio(w, k) >= NEAR_NAME for w in long_words for k in keys if len(k) >= 5)


def _abbreviated(text: str, names: Sequence[str]) -> bool:
    """A name cut short with a full stop (``Pellegr.`` for Pellegrin, ``A.St.-Hil.``
    for Saint-Hilaire), as botany and older scholarship write them."""
    cuts = [fold(m) for m in _ABBREVIATION.findall(text)]
    keys = [w for name in names for w in fold(name).split()]
    return any(k.startswith(c) for c in cuts for k in keys)


def same_year(a: str | None, b: str | None) -> bool:
    """Whether two years (``2004``, ``2004a``) are one: the letters count only when
    both have one."""
    if not a or not b or a[:4] != b[:4]:
        return False
    return len(a) == 4 or len(b) == 4 or a[4:] == b[4:]


def follow_markup(
    citations: Sequence[Citation], references: Sequence[Reference], markup: Markup
) -> None:
    """Link each citation the markup placed to the entry it names, when they agree."""
    if not markup.citations:
        return
    _follow_items(citations, references, markup)
    by_entry = entry_references(references, markup)
    entries = {e.id: e for e in markup.entries}
    for marked in markup.citations:
        targets = [t for t in marked.targets if t in by_entry]
        for c in covering(citations, marked) if targets else ():
            fitting = [
                by_entry[t].id
                for t in targets
                if link_agrees(c.text, (c,), entries[t], by_entry[t])
            ]
            if fitting and c.reference not in fitting:
                c.reference = fitting[0]
                c.match = "exact"
                c.match_score = None


def _follow_items(
    citations: Sequence[Citation], references: Sequence[Reference], markup: Markup
) -> None:
    """Link the citations of reference-manager fields to the entry of the item each names."""
    for marked in markup.citations:
        if not marked.items:
            continue
        for c in covering(citations, marked):
            for item in marked.items:
                entry = MarkedEntry(item.id, 0, 0, item.surnames, item.year)
                if not link_agrees(c.text, (c,), entry, None):
                    continue
                fitting = [r for r in references if _is_item(item, r)]
                if len(fitting) == 1:
                    c.reference, c.match, c.match_score = fitting[0].id, "exact", None
                break


def _is_item(item: CitedItem, ref: Reference) -> bool:
    """Whether a reference entry is the work a reference manager's item describes."""
    if not item.surnames or (item.year and ref.year and not same_year(item.year, ref.year)):
        return False
    first = fold(item.surnames[0])
    return any(fold(a) == first for a in ref.authors) or first in fold(ref.text[:120])
