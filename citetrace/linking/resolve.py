"""Citation → reference entry, citation style and canonical source name.

Links are tried from the strictest to the loosest: the name exactly as the
reference list spells it, then with case, diacritics and spacing folded, then
a fuzzy match (rapidfuzz) whose score is kept so that later stages can judge
how far to trust it.
"""

from __future__ import annotations

import tomllib
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from citetrace.data import read
from citetrace.model import Match, ParsedCitation, Reference, Style
from citetrace.text import clean, fold

FUZZY_CUTOFF = 80.0
FUZZY_MIN_LENGTH = 4


@dataclass(frozen=True, slots=True)
class Resolution:
    """How one parsed citation links to the reference list."""

    style: Style
    source: str
    reference: str | None
    match: Match | None
    score: float | None
    author_references: tuple[str, ...] = ()


@cache
def catalogue() -> dict[str, str]:
    """Known periodicals and agencies: folded name or alias → canonical name."""
    data = tomllib.loads(read("sources.toml"))
    names: dict[str, str] = {}
    for source in data["source"]:
        for alias in [source["name"], *source.get("aliases", [])]:
            names[fold(alias)] = source["name"]
    return names


class Resolver:
    """Links citations to the entries of one reference list."""

    def __init__(self, references: list[Reference] | tuple[Reference, ...]) -> None:
        self.references = {r.id: r for r in references}
        self._periodical_exact: dict[str, str] = {}
        self._periodical_folded: dict[str, str] = {}
        self._by_author: dict[str, list[Reference]] = defaultdict(list)
        for ref in references:
            if ref.periodical:
                for name in (ref.key, *ref.aliases):
                    self._periodical_exact.setdefault(name, ref.id)
                    self._periodical_folded.setdefault(fold(name), ref.id)
            elif ref.authors:
                self._by_author[fold(ref.authors[0])].append(ref)
        self._fuzzy_choices = sorted(set(self._periodical_folded) | set(self._by_author))
        # A source is cited again and again: each distinct form is resolved once.
        self._resolved: dict[tuple, Resolution] = {}

    def known_author(self, surname: str) -> bool:
        """Whether ``surname`` is (close to) a first author of the reference list."""
        key = fold(surname)
        if key in self._by_author:
            return True
        return self._fuzzy(key, list(self._by_author)) is not None

    def resolve(self, cited: ParsedCitation) -> Resolution:
        """Link one parsed citation to its entry, or to nothing."""
        key = (cited.source_raw, cited.authors, cited.year, cited.date_precision)
        resolution = self._resolved.get(key)
        if resolution is None:
            resolution = self._resolved[key] = self._resolve(cited)
        return resolution

    def _resolve(self, cited: ParsedCitation) -> Resolution:
        raw = clean(cited.source_raw)
        if ref_id := self._periodical_exact.get(raw):
            return self._periodical(ref_id, "exact", None)
        folded = fold(raw)
        if ref_id := self._periodical_folded.get(folded):
            return self._periodical(ref_id, "normalized", None)
        first = fold(cited.authors[0]) if cited.authors else folded
        if first in self._by_author:
            exact = cited.authors[0] in {r.authors[0] for r in self._by_author[first]}
            return self._author(
                cited, self._by_author[first], "exact" if exact else "normalized", None
            )
        if hit := self._fuzzy(folded, self._fuzzy_choices):
            choice, score = hit
            if ref_id := self._periodical_folded.get(choice):
                return self._periodical(ref_id, "fuzzy", score)
        if cited.authors and (hit := self._fuzzy(first, list(self._by_author))):
            choice, score = hit
            return self._author(cited, self._by_author[choice], "fuzzy", score)
        return self._unlinked(cited, raw)

    def _periodical(self, ref_id: str, match: Match, score: float | None) -> Resolution:
        return Resolution("newspaper", self.references[ref_id].key, ref_id, match, score)

    def _author(
        self, cited: ParsedCitation, entries: list[Reference], match: Match, score: float | None
    ) -> Resolution:
        wanted = {fold(a) for a in cited.authors[1:]}
        fitting = [r for r in entries if wanted <= {fold(a) for a in r.authors}] or entries
        source = _author_source(fitting[0].authors, len(cited.authors))
        ids = tuple(r.id for r in fitting)
        year = cited.year or ""
        same = [r for r in fitting if r.year == year]
        if not same and year and not year[-1].isalpha():
            same = [
                r for r in fitting if (r.year or "").rstrip("abcdefghijklmnopqrstuvwxyz") == year
            ]
        if len(same) == 1:
            return Resolution("author-date", source, same[0].id, match, score, ids)
        return Resolution("author-date", source, None, None, None, ids)

    def _unlinked(self, cited: ParsedCitation, raw: str) -> Resolution:
        known = catalogue().get(fold(raw))
        if known is not None:
            return Resolution("newspaper", known, None, None, None)
        if cited.date_precision in ("day", "month") or len(cited.authors) == 0:
            return Resolution("newspaper", raw, None, None, None)
        return Resolution("author-date", raw, None, None, None)

    @staticmethod
    def _fuzzy(key: str, choices: list[str]) -> tuple[str, float] | None:
        """The closest choice, if it is an OCR-plausible misreading of ``key``."""
        if len(key) < FUZZY_MIN_LENGTH or not choices:
            return None
        hit = process.extractOne(key, choices, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        if hit is None or not ocr_plausible(key, hit[0]):
            return None
        return hit[0], round(float(hit[1]), 1)


def ocr_plausible(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` are close enough to be one name misread.

    Both must be at least four characters long, and differ by at most one edit
    per four characters of the shorter: ``izvestiva``/``izvestiya`` (one edit)
    are, ``pravda``/``trud`` and ``apn``/``upi`` are not.
    """
    shorter = min(len(a), len(b))
    if shorter < FUZZY_MIN_LENGTH:
        return False
    return Levenshtein.distance(a, b) <= max(1, shorter // 4)


def _author_source(authors: tuple[str, ...], cited_count: int) -> str:
    """``Pike``, ``Smith and Jones``, ``Brown et al.`` in the reference's spelling."""
    if len(authors) == 1:
        return authors[0]
    if len(authors) == 2:
        return f"{authors[0]} and {authors[1]}"
    return f"{authors[0]} et al."
