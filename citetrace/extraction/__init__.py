"""Extraction: candidate parentheticals → parsed citations, in text order."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import replace

from citetrace.extraction.dates import fallback_budget
from citetrace.extraction.parse import (
    KnownAuthor,
    bare_citations,
    parse_general,
    parse_parenthetical,
)
from citetrace.extraction.scan import candidates
from citetrace.extraction.taxa import after_binomial
from citetrace.inputs.document import Document
from citetrace.model import ParsedCitation


def _nobody(_: str) -> bool:
    return False


def find_citations(doc: Document, known_author: KnownAuthor = _nobody) -> list[ParsedCitation]:
    """Every citation in the body of ``doc`` (the reference list is left out)."""
    with fallback_budget():
        return _find(doc, known_author)


def _find(doc: Document, known_author: KnownAuthor) -> list[ParsedCitation]:
    found: list[ParsedCitation] = []
    reached = -1  # where the last citation kept ends: a group inside another is read once
    groups = candidates(doc.text, 0, doc.body_end)
    for group, (open_, close) in enumerate(groups):
        for c in parse_parenthetical(doc.text, open_, close, group, known_author):
            if c.start >= reached:
                found.append(c)
                reached = c.end
            elif not any(_overlap(c, kept) for kept in found[-8:]):
                found.append(c)
    bare = bare_citations(doc.text, 0, doc.body_end, groups, known_author, _no_comma_habit(found))
    found.extend(bare)
    found = [c for c in found if not _authority(doc.text, c, known_author)]
    found.sort(key=lambda c: c.start)
    if doc.markup.citations:
        found = _with_marked(doc, found, known_author, len(groups))
    return found


def _with_marked(
    doc: Document, found: list[ParsedCitation], known_author: KnownAuthor, group: int
) -> list[ParsedCitation]:
    """Add the citations the file's markup placed (a TEI ``<bibl>``, a JATS ``xref``)
    that the grammar did not find on its own: each marked span is read as if it
    stood in parentheses, and what it yields inside the span is kept."""
    text = doc.text
    starts = [c.start for c in found]
    added = []
    for marked in doc.markup.citations:
        start, end = marked.start, marked.end
        if start < 1 or end >= len(text) or end > doc.body_end:
            continue
        at = bisect_left(starts, end)
        if (at > 0 and found[at - 1].end > start) or (at < len(found) and found[at].start < end):
            continue  # a citation there already
        group += 1
        for c in parse_general(text, start - 1, end + 1, group, known_author):
            if (c.start, c.end) == (start - 1, end + 1):  # widened to the stand-in brackets
                layout = c.layout[1:-1]
                c = replace(c, start=start, end=end, text=text[start:end], layout=layout)
            if c.start >= start and c.end <= end:
                added.append(replace(c, anchor=start))
    return sorted(found + added, key=lambda c: c.start) if added else found


def _authority(text: str, c: ParsedCitation, known_author: KnownAuthor) -> bool:
    """Whether ``c`` is a species' authority, not a citation: it follows a genus
    and epithet, and no reference entry is by its author."""
    return bool(c.authors) and after_binomial(text, c.start) and not known_author(c.authors[0])


def _no_comma_habit(found: list[ParsedCitation]) -> bool:
    """Whether the document writes ``(Name 2004)`` without a comma: at least three
    times, and in a fifth of its author-year citations."""
    plain = [c for c in found if c.layout.startswith(("{source}", "({source}", "[{source}"))]
    bare = sum(1 for c in plain if "{source} {Y}" in c.layout)
    return bare >= 3 and bare * 5 >= len(plain)


def _overlap(a: ParsedCitation, b: ParsedCitation) -> bool:
    return a.start < b.end and b.start < a.end
