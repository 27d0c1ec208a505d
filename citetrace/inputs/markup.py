"""What a file's own markup says about its text, beyond the words.

Structured formats carry facts a plain text does not: JATS and TEI mark the
citations and the reference entries the publisher or editor placed, TEI marks
the editors' corrections, hOCR and ALTO give the OCR engine's confidence in
each word. Readers record them here, as spans of the audited text.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class CitedItem:
    """A work a reference manager's field names (CSL-JSON): authors' surnames, year."""

    surnames: tuple[str, ...]
    year: str | None
    id: str = ""
    title: str = ""


@dataclass(frozen=True, slots=True)
class MarkedCitation:
    """A citation placed by the markup (JATS ``xref``, TEI ``ref``/``bibl``, a
    Zotero or Mendeley field in DOCX).

    ``targets`` are the ids of the reference entries it points to, as written
    (empty when the markup names none); ``items`` the works a reference
    manager's field carries.
    """

    start: int
    end: int
    targets: tuple[str, ...]
    items: tuple[CitedItem, ...] = ()


@dataclass(frozen=True, slots=True)
class MarkedEntry:
    """A reference entry placed by the markup, with its id, and the authors'
    surnames and the year when the markup tags them."""

    id: str
    start: int
    end: int
    surnames: tuple[str, ...] = ()
    year: str | None = None


@dataclass(frozen=True, slots=True)
class UnsureWord:
    """A word the OCR engine itself was unsure of (confidence 0–1)."""

    start: int
    end: int
    confidence: float


@dataclass(frozen=True)
class Markup:
    """Everything a reader learnt from the markup, as spans of the audited text.

    ``scheme`` names the markup (``jats``, ``tei``; empty for none);
    ``corrected`` holds the spans an editor already corrected, which the OCR
    rules leave alone; ``cited_elsewhere`` the ids of entries that citations
    outside the audited text cite (in a table, a formula).
    """

    scheme: str = ""
    citations: tuple[MarkedCitation, ...] = ()
    entries: tuple[MarkedEntry, ...] = ()
    corrected: tuple[tuple[int, int], ...] = ()
    unsure: tuple[UnsureWord, ...] = ()
    cited_elsewhere: frozenset[str] = frozenset()


NO_MARKUP = Markup()
