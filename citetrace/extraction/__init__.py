"""Extraction: candidate parentheticals → parsed citations, in text order."""

from __future__ import annotations

from citetrace.extraction.dates import fallback_budget
from citetrace.extraction.parse import KnownAuthor, bare_citations, parse_parenthetical
from citetrace.extraction.scan import candidates
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
    found.sort(key=lambda c: c.start)
    return found


def _no_comma_habit(found: list[ParsedCitation]) -> bool:
    """Whether the document writes ``(Name 2004)`` without a comma: at least three
    times, and in a fifth of its author-year citations."""
    plain = [c for c in found if c.layout.startswith(("{source}", "({source}", "[{source}"))]
    bare = sum(1 for c in plain if "{source} {Y}" in c.layout)
    return bare >= 3 and bare * 5 >= len(plain)


def _overlap(a: ParsedCitation, b: ParsedCitation) -> bool:
    return a.start < b.end and b.start < a.end
