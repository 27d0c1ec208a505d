"""Rules on a bibliography file given beside a document that prints its own list:
the two should agree."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from rapidfuzz import fuzz

from citetrace.inputs.bibliography import BibEntry
from citetrace.model import Finding, Reference
from citetrace.rules.base import Rule, RuleContext, rule
from citetrace.text import fold

SAME_NAME = 85  # a surname this close (rapidfuzz ratio) to another is the same, misspelt


@rule("CT801", "not-in-bibliography", "info", "A printed entry the bibliography file lacks.")
def not_in_bibliography(self: Rule, ctx: RuleContext) -> Iterator[Finding]:
    """With `--bibliography`, each entry of the printed reference list should be
    in the bibliography file (the library the document was written from): an
    entry that is not may be missing from the library, or printed by mistake.
    Only entries with an author and a year are compared; periodicals are not.

    Example: `Pike, D. 1987 Vietnam and the Soviet Union` printed, no Pike 1987 in `refs.bib`.
    """
    for ref, by_name, near in _compared(ctx):
        if by_name or near:
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
    """A printed entry and the bibliography file's entry for the same work should
    agree: the same year, the author's name spelt the same way. A difference is
    a slip in one of them (often an OCR'd list against a clean library).

    Example: printed `Medvedyev, V. 1988`, `refs.bib` has `Medvedev, V.` 1988.
    """
    for ref, by_name, near in _compared(ctx):
        if by_name and not any(_same_year(e.year, ref.year) for e in by_name):
            years = sorted({e.year for e in by_name if e.year})
            if len(by_name) == 1 and years:
                entry = by_name[0]
                yield ctx.entry_finding(
                    self,
                    ref,
                    f"'{ref.key}' is printed with {ref.year}, but {entry.file} has "
                    f"'{entry.key}' (line {entry.line}) with {years[0]}",
                    suggestion="correct the year in one of them",
                )
        elif not by_name and near:
            entry = near[0]
            yield ctx.entry_finding(
                self,
                ref,
                f"'{ref.authors[0]}' is spelt '{entry.authors[0]}' in {entry.file} "
                f"('{entry.key}', line {entry.line})",
                suggestion=f"write one spelling in both: '{entry.authors[0]}'?",
            )


def _compared(ctx: RuleContext) -> Iterator[tuple[Reference, list[BibEntry], list[BibEntry]]]:
    """Each printed author-date entry, with the file's entries of its first author,
    and (when there are none) those of the same year whose first author is spelt
    nearly the same."""
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
        by_name = by_author.get(name, [])
        near = []
        if not by_name:
            near = [
                e
                for key, entries in by_author.items()
                if fuzz.ratio(key, name) >= SAME_NAME
                for e in entries
                if _same_year(e.year, ref.year)
            ]
        yield ref, by_name, near


def _same_year(a: str | None, b: str | None) -> bool:
    if not a or not b or a[:4] != b[:4]:
        return False
    return len(a) == 4 or len(b) == 4 or a[4:] == b[4:]


def _files(entries: tuple[BibEntry, ...]) -> str:
    return ", ".join(dict.fromkeys(e.file for e in entries))
