"""Bibliography files beside the document: their entries as reference entries, and
how they match the printed list."""

from __future__ import annotations

from collections.abc import Sequence

from citetrace.inputs.bibliography import BibEntry
from citetrace.linking.markup import same_year
from citetrace.model import Reference
from citetrace.text import fold


def as_references(entries: Sequence[BibEntry], at: int) -> list[Reference]:
    """A document without a printed list: the bibliography's entries are its list.

    They stand nowhere in the text (an empty span at ``at``, its end); each keeps
    its file, line and key as ``origin``."""
    return [
        Reference(
            id=f"B{number}",
            text=entry.printed(),
            key=entry.authors[0] if entry.authors else entry.key,
            authors=entry.authors,
            year=entry.year,
            start=at,
            end=at,
            periodical=False,
            origin=entry.origin(),
        )
        for number, entry in enumerate(entries, 1)
    ]


def bibliography_entry(
    entries: Sequence[BibEntry], names: Sequence[str], year: str | None
) -> BibEntry | None:
    """The one entry whose first author is ``names[0]`` and whose year is ``year``."""
    if not entries or not names or not year:
        return None
    first = fold(names[0])
    found = [
        e for e in entries if e.authors and fold(e.authors[0]) == first and same_year(e.year, year)
    ]
    return found[0] if len(found) == 1 else None
