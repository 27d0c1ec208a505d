"""Extraction: candidate parentheticals → parsed citations, in text order."""

from __future__ import annotations

from citetrace.extraction.parse import KnownAuthor, bare_citations, parse_parenthetical
from citetrace.extraction.scan import candidates
from citetrace.inputs.document import Document
from citetrace.model import ParsedCitation


def _nobody(_: str) -> bool:
    return False


def find_citations(doc: Document, known_author: KnownAuthor = _nobody) -> list[ParsedCitation]:
    """Every citation in the body of ``doc`` (the reference list is left out)."""
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
    found.extend(bare_citations(doc.text, 0, doc.body_end, groups, known_author))
    found.sort(key=lambda c: c.start)
    return found


def _overlap(a: ParsedCitation, b: ParsedCitation) -> bool:
    return a.start < b.end and b.start < a.end
