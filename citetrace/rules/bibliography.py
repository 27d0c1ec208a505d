"""Rules on a bibliography file given beside a document that prints its own list:
the two should agree."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from rapidfuzz import fuzz

from citetrace.inputs.bibliography import BibEntry
from citetrace.linking.markup import same_year
from citetrace.model import Finding, Reference
from citetrace.rules.base import Rule, RuleContext, rule
from citetrace.text import fold

SAME_NAME = 85  # a surname this close (rapidfuzz ratio) to another is the same, misspelt


SAME_TITLE = 80  # a printed entry holding a title this close (partial ratio) is that work


@rule("CT801", "not-in-bibliography", "info", "A printed entry the bibliography file lacks.")
def not_in_bibliography(self: Rule, ctx: RuleContext) -> Iterator[Finding]:
    """With `--bibliography`, each entry of the printed reference list should be
    in the bibliography file (the library the document was written from): an
    entry that is not may be missing from the library, or printed by mistake.
    Only entries with an author and a year are compared; periodicals are not.

    Example: `Pike, D. 1987 Vietnam and the Soviet Union` printed, no Pike 1987 in `refs.bib`.
    """
    for ref, same, moved, spelt in _compared(ctx):
        if same or moved or spelt:
            continue
        yield ctx.entry_finding(
            self,
            ref,
            f"'{ref.key} {ref.year}' is printed but is not in the bibliography file "
            f"({_files(ctx.bibliography)})",
            suggestion="add it to the bibliography, or check the printed entry",
        )


@rule(
    "CT802",
    "bibliography-disagrees",
    "warning",
    "A printed entry whose year or author's spelling differs from the bibliography file.",
)
def bibliography_disagrees(self: Rule, ctx: RuleContext) -> Iterator[Finding]:
    """A printed entry and the bibliography file's entry for the same work (same
    author and title) should agree: the same year, the author's name spelt the
    same way. A difference is a slip in one of them (often an OCR'd list against
    a clean library). Another work of the same author is not this.

    Example: printed `Medvedyev, V. 1988. Socialist cooperation`, `refs.bib` has
    `Medvedev, V.` 1988 with that title.
    """
    for ref, same, moved, spelt in _compared(ctx):
        if same:
            continue
        if moved:
            entry = moved[0]
            yield ctx.entry_finding(
                self,
                ref,
                f"'{ref.key}' is printed with {ref.year}, but {entry.file} has the same "
                f"work as '{entry.key}' (line {entry.line}) with {entry.year}",
                suggestion="correct the year in one of them",
            )
        elif spelt:
            entry = spelt[0]
            yield ctx.entry_finding(
                self,
                ref,
                f"'{ref.authors[0]}' is spelt '{entry.authors[0]}' in {entry.file} "
                f"('{entry.key}', line {entry.line})",
                suggestion=f"write one spelling in both: '{entry.authors[0]}'?",
            )


def _compared(
    ctx: RuleContext,
) -> Iterator[tuple[Reference, list[BibEntry], list[BibEntry], list[BibEntry]]]:
    """Each printed author-date entry, with the file's entries that are the same work
    (same first author and year), the same work under another year (same author,
    same title), and under a near spelling of the author (same year and title)."""
    if not ctx.bibliography or not ctx.references or ctx.references[0].origin:
        return  # no file, or no printed list (the file is the list)
    by_author: dict[str, list[BibEntry]] = defaultdict(list)
    for entry in ctx.bibliography:
        if entry.authors:
            by_author[fold(entry.authors[0])].append(entry)
    for ref in ctx.references:
        if ref.periodical or not ref.authors or not ref.year:
            continue
        name = fold(ref.authors[0])
        mine = by_author.get(name, [])
        same = [e for e in mine if same_year(e.year, ref.year)]
        moved = [e for e in mine if not same and _same_title(e, ref)]
        spelt = []
        if not mine:
            spelt = [
                e
                for key, entries in by_author.items()
                if fuzz.ratio(key, name) >= SAME_NAME
                for e in entries
                if same_year(e.year, ref.year) and _same_title(e, ref)
            ]
        yield ref, same, moved, spelt


def _same_title(entry: BibEntry, ref: Reference) -> bool:
    """Whether the printed entry holds the file entry's title (nearly)."""
    return bool(entry.title) and fuzz.partial_ratio(fold(entry.title), fold(ref.text)) >= SAME_TITLE


def _files(entries: tuple[BibEntry, ...]) -> str:
    return ", ".join(dict.fromkeys(e.file for e in entries))
