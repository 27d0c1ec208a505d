"""Gaps between the citations and the reference list."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator

from rapidfuzz import fuzz

from citetrace.linking.bibliography import bibliography_entry
from citetrace.model import Citation, Finding, Fix, Reference
from citetrace.rules.base import Rule, RuleContext, rule
from citetrace.text import fold

_SUFFIXES = "abcdefghijklmnopqrstuvwxyz"


@rule("CT101", "missing-reference", "error", "A citation whose source has no reference entry.")
def missing_reference(self: Rule, ctx: RuleContext) -> Iterator[Finding]:
    """A reader who wants to follow a citation must find its source in the
    reference list. This fires when a citation links to no entry, neither by
    name nor by author. (A cited author whose year differs from the list is
    reported by `year-mismatch` instead.) Only documents that have a
    reference list are checked.

    Example: `(UPI, 1987. 4. 26)` in a paper whose reference list has no `UPI`.
    """
    if not ctx.references:
        return
    unreadable = _unreadable(ctx)
    linked = ctx.marked_citations
    for c in ctx.citations:
        if c.reference is None and not c.author_references:
            if c.style == "author-date" and _could_be(c, unreadable):
                continue  # an entry whose authors could not be read may be this one
            if c.id in linked:
                continue  # the markup links it to an entry (checked by the markup rules)
            listed = bibliography_entry(ctx.bibliography, c.authors[:1] or (c.source,), c.year)
            where = (
                f"; {listed.file} has it as '{listed.key}' (line {listed.line})" if listed else ""
            )
            yield ctx.finding(
                self,
                c.start,
                c.end,
                f"'{c.source}' is cited but has no entry in the reference list{where}",
                citation=c.id,
                suggestion=f"add an entry for '{c.source}' to the reference list",
            )


@rule("CT102", "uncited-reference", "warning", "A reference entry that no citation reaches.")
def uncited_reference(self: Rule, ctx: RuleContext) -> Iterator[Finding]:
    """Every work in the reference list should be cited somewhere in the text;
    an entry nothing reaches is either a forgotten citation or a stray entry.

    Example: a `Trud` entry when no citation names `Trud`.
    """
    reached = {c.reference for c in ctx.citations}
    reached.update(r for c in ctx.citations for r in c.author_references)
    reached.update(ctx.marked_citations.values())
    marked = ctx.marked_entries
    reached.update(marked[i].id for i in ctx.doc.markup.cited_elsewhere if i in marked)
    unreadable = {r.id for r in _unreadable(ctx)}
    for ref in ctx.references:
        if ref.id not in reached and ref.id not in unreadable:
            yield ctx.entry_finding(
                self,
                ref,
                f"reference entry '{ref.key}' is never cited",
                suggestion="cite it in the text or remove the entry",
            )


@rule(
    "CT106",
    "unreadable-reference",
    "info",
    "A reference entry whose authors or year could not be read.",
)
def unreadable_reference(self: Rule, ctx: RuleContext) -> Iterator[Finding]:
    """An entry that is not a periodical and names no author, or gives no year,
    cannot be matched to citations with confidence: citations of its year are
    not reported as missing an entry, nor is it reported as uncited. This says
    so once, on the entry, so that a person can look.

    Example: `2011. World Population Prospects.` with no author.
    """
    unlinked = [c for c in ctx.citations if c.reference is None and c.style == "author-date"]
    for ref in _unreadable(ctx):
        missing = "no author" if not ref.authors else "no year"
        maybe = [c for c in unlinked if _could_be(c, [ref])]
        hint = f"; it may be the entry of {_names(maybe)}" if maybe else ""
        yield ctx.entry_finding(
            self,
            ref,
            f"reference entry {ref.id} has {missing} that citetrace can read{hint}",
            suggestion="write the entry's authors and year as the other entries do",
        )


def _unreadable(ctx: RuleContext) -> list[Reference]:
    return [r for r in ctx.references if not r.periodical and (not r.authors or not r.year)]


def _could_be(c: Citation, entries: list[Reference]) -> bool:
    """Whether an entry without author (or year) could be the one ``c`` cites."""
    year = _base(c.year)
    return any(
        (not r.authors and (_base(r.year) == year or r.year is None))
        or (
            not r.year
            and r.authors
            and fold(r.authors[0]) == fold(c.authors[0] if c.authors else "")
        )
        for r in entries
    )


def _names(citations: list[Citation]) -> str:
    shown = list(
        dict.fromkeys(f"{c.source_raw} {c.year or c.date_raw or ''}".strip() for c in citations)
    )
    more = f" and {len(shown) - 3} more" if len(shown) > 3 else ""
    return ", ".join(f"'{s}'" for s in shown[:3]) + more


def _author_entries(ctx: RuleContext, c: Citation) -> list[Reference]:
    by_id = ctx.reference_by_id
    return [by_id[i] for i in c.author_references if i in by_id]


class _ByYear:
    """The entries a citation's author has, by year without its letter, indexed
    once per author: citations of one author share the same entries."""

    def __init__(self, ctx: RuleContext) -> None:
        self.ctx = ctx
        self.index: dict[tuple[str, ...], dict[str, list[Reference]]] = {}

    def _years(self, c: Citation) -> dict[str, list[Reference]]:
        found = self.index.get(c.author_references)
        if found is None:
            found = self.index[c.author_references] = defaultdict(list)
            for r in _author_entries(self.ctx, c):
                found[_base(r.year)].append(r)
        return found

    def fitting(self, c: Citation) -> list[Reference]:
        return self._years(c).get(_base(c.year), [])

    def years(self, c: Citation) -> list[str]:
        return sorted({r.year for refs in self._years(c).values() for r in refs if r.year})


def _listed(items: list[str], shown: int = 5) -> str:
    """``a, b, c`` — at most ``shown`` of them, then how many more."""
    more = f" and {len(items) - shown} more" if len(items) > shown else ""
    return ", ".join(items[:shown]) + more


def _base(year: str | None) -> str:
    return (year or "").rstrip(_SUFFIXES)


@rule("CT103", "year-mismatch", "error", "An author-date citation whose year is not in the list.")
def year_mismatch(self: Rule, ctx: RuleContext) -> Iterator[Finding]:
    """An author-date citation must carry the year of one of that author's
    reference entries. A different year is usually a typing or OCR slip in
    the citation or in the list.

    Example: `(Pike, 1986)` when the list has `Pike, D. 1987`.
    """
    unreadable = _unreadable(ctx)
    by_year = _ByYear(ctx)
    for c in ctx.citations:
        if c.style != "author-date" or c.reference is not None or not c.author_references:
            continue
        if by_year.fitting(c):
            continue  # the year fits several entries: ambiguous-citation
        if _could_be(c, unreadable):
            continue  # an entry whose authors could not be read may be the one
        years = by_year.years(c)
        start, end = ctx.date_span(c)
        listed = _listed(years) if years else "no year"
        yield ctx.finding(
            self,
            start,
            end,
            f"{c.source} is cited for {c.year or c.date_raw}, but the reference list has {listed}",
            citation=c.id,
            suggestion=years[0] if len(years) == 1 else None,
            fix=Fix(start, end, years[0], safe=False) if len(years) == 1 else None,
        )


@rule("CT104", "ambiguous-citation", "warning", "An author-year that fits several entries.")
def ambiguous_citation(self: Rule, ctx: RuleContext) -> Iterator[Finding]:
    """When an author has several entries for one year, a citation must say
    which one it means, usually with a letter after the year (`2001a`).

    Example: `(Smith, 2001)` with `Smith, J. 2001a` and `Smith, J. 2001b` listed.
    """
    by_year = _ByYear(ctx)
    for c in ctx.citations:
        if c.style != "author-date" or c.reference is not None or not c.author_references:
            continue
        fitting = by_year.fitting(c)
        if len(fitting) < 2:
            continue
        keys = _listed([f"{r.key} {r.year} ({r.id})" for r in fitting])
        start, end = ctx.date_span(c)
        yield ctx.finding(
            self,
            start,
            end,
            f"{c.source} {c.year} fits {len(fitting)} reference entries: {keys}",
            citation=c.id,
            suggestion="give the entries year letters (2001a, 2001b) and cite one of them",
        )


@rule("CT105", "duplicate-reference", "warning", "The same work listed twice.")
def duplicate_reference(self: Rule, ctx: RuleContext) -> Iterator[Finding]:
    """A work should appear once in the reference list. Two entries are the
    same work when they have the same key and year and nearly the same text,
    or are the same periodical.

    Example: `Pravda` listed twice, or one book entered twice.
    """
    groups: dict[tuple[str, str | None], _Group] = defaultdict(_Group)
    for ref in ctx.references:
        twin = groups[(fold(ref.key), ref.year)].twin_of(ref)
        if twin is not None:
            where = twin.origin["line"] if twin.origin else ctx.doc.line_col(twin.start)[0]
            yield ctx.entry_finding(
                self,
                ref,
                f"reference entry '{ref.key}' repeats entry {twin.id} (line {where})",
                suggestion="remove one of the two entries",
            )


NEAR_ENTRIES = 32  # earlier entries of one author and year compared in full


class _Group:
    """The entries of one key and year seen so far. A new entry is compared with
    every earlier one of the same text, with the last few (a sorted list puts a
    repeated entry next to its twin), and with the last few that share one of
    its two longest words, so that a list of thousands of ``Pravda. 1987.``
    articles costs a bounded number of comparisons per entry."""

    def __init__(self) -> None:
        self.texts: dict[str, Reference] = {}
        self.recent: list[Reference] = []
        self.by_word: dict[str, list[Reference]] = defaultdict(list)

    def twin_of(self, ref: Reference) -> Reference | None:
        folded = fold(ref.text)
        words = sorted(set(folded.split()), key=len, reverse=True)[:2]
        twin = self.texts.get(folded)
        if twin is None:
            candidates = [*self.recent[-NEAR_ENTRIES:]]
            for word in words:
                candidates.extend(self.by_word[word][-NEAR_ENTRIES:])
            twin = next((r for r in dict.fromkeys(candidates) if _same_work(r, ref)), None)
        self.texts.setdefault(folded, ref)
        self.recent.append(ref)
        for word in words:
            self.by_word[word].append(ref)
        return twin


_NUMBER = re.compile(r"\d+")


def _same_work(a: Reference, b: Reference) -> bool:
    if a.periodical and b.periodical:
        return True
    if _NUMBER.findall(a.text) != _NUMBER.findall(b.text):
        return False  # another volume, issue, page or article number: another work
    return fuzz.token_sort_ratio(fold(a.text), fold(b.text)) >= 90
