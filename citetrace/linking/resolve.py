"""Citation → reference entry, citation style and canonical source name.

Links are tried from the strictest to the loosest: the name exactly as the
reference list spells it, then with case, diacritics and spacing folded, then
a fuzzy match (rapidfuzz) whose score is kept so that later stages can judge
how far to trust it.
"""

from __future__ import annotations

import re
import tomllib
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from citetrace.data import read
from citetrace.linking.names import name_keys
from citetrace.model import Match, ParsedCitation, Reference, Style
from citetrace.text import PARTICLES, clean, fold, is_initials

# A corporate author's acronym in brackets: "EMPRESA BRASILEIRA ... (EMBRAPA). 1997".
_ACRONYM = re.compile(r"^[^()]{12,}?\((?P<acronym>[A-ZÀ-Ý][A-ZÀ-Ý0-9&/\-]{1,14})\)")
_PARTS = re.compile(r"[-\s]+")  # the parts of a compound surname
FUZZY_CUTOFF = 80.0
FUZZY_MIN_LENGTH = 4
# How far into an entry its author list may reach, for a surname found in the text.
AUTHOR_HEAD = 200
CO_AUTHOR_CUTOFF = 85.0
_ET_AL = re.compile(r"\bet\.?\s*-?\s*al\b|\bи\s+др\b|\be\s+col\b|\bu\.\s?a\.", re.IGNORECASE)
_SUFFIX = "abcdefghijklmnopqrstuvwxyz"


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
        # other spellings of first authors: without particles, parts of compounds
        self._by_alias: dict[str, list[Reference]] = defaultdict(list)
        for ref in references:
            if not ref.periodical and ref.authors:
                for key in name_keys(ref.authors[0]):
                    self._by_alias[fold(key)].append(ref)
                if m := _ACRONYM.search(ref.text, 0, AUTHOR_HEAD):
                    self._by_alias[fold(m["acronym"])].append(ref)
        self._heads = [
            (ref, f" {fold(ref.text[:AUTHOR_HEAD])} ") for ref in references if not ref.periodical
        ]
        self._all_names = _Blocks(sorted(set(self._periodical_folded) | set(self._by_author)))
        self._author_names = _Blocks(sorted(self._by_author))
        # A source is cited again and again: each distinct form is resolved once.
        self._resolved: dict[tuple, Resolution] = {}

    def known_author(self, surname: str) -> bool:
        """Whether ``surname`` is (close to) a first author of the reference list."""
        key = fold(surname)
        if key in self._by_author or key in self._by_alias:
            return True
        if surname.endswith("."):
            return bool(self._abbreviated(surname))
        return self._fuzzy(key, self._author_names) is not None

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
        authors = _surnames_only(cited.authors)
        for skip in range(min(2, len(authors))):  # "(LMNN, Weinberger and Saul, 2009)"
            for name in _spellings(authors[skip]):
                first = fold(name)
                entries = _merged(self._by_author.get(first), self._by_alias.get(first))
                if entries:
                    exact = name in {r.authors[0] for r in entries}
                    match: Match = "exact" if exact and skip == 0 else "normalized"
                    return self._author(cited, [name, *authors[skip + 1 :]], entries, match, None)
        abbreviated = len(authors) == 1 and raw.endswith(".") and not _ET_AL.search(raw)
        if abbreviated and (entries := self._abbreviated(raw)):
            return self._author(cited, authors, entries, "normalized", None)
        first = fold(authors[0]) if authors else folded
        if hit := self._fuzzy(folded, self._all_names):
            choice, score = hit
            if ref_id := self._periodical_folded.get(choice):
                return self._periodical(ref_id, "fuzzy", score)
        if authors and (hit := self._fuzzy(first, self._author_names)):
            choice, score = hit
            return self._author(cited, authors, self._by_author[choice], "fuzzy", score)
        if authors and (hit := self._short_variant(first, cited.year)):
            choice, score = hit
            return self._author(cited, authors, self._by_author[choice], "fuzzy", score)
        if authors and (entries := self._in_text(first, cited.year)):
            return self._author(cited, authors, entries, "normalized", None)
        return self._unlinked(cited, raw)

    def _periodical(self, ref_id: str, match: Match, score: float | None) -> Resolution:
        return Resolution("newspaper", self.references[ref_id].key, ref_id, match, score)

    def _author(
        self,
        cited: ParsedCitation,
        authors: list[str],
        entries: list[Reference],
        match: Match,
        score: float | None,
    ) -> Resolution:
        co_authors = [fold(a) for a in authors[1:]]
        fitting = [r for r in entries if _has_co_authors(r, co_authors)] or entries
        source = _author_source(fitting[0].authors or tuple(authors), len(authors))
        ids = tuple(r.id for r in fitting)
        year = cited.year or ""
        same = [r for r in fitting if r.year == year]
        et_al = bool(_ET_AL.search(cited.source_raw))
        if not same and year:
            base = year.rstrip(_SUFFIX)
            same = [r for r in fitting if (r.year or "").rstrip(_SUFFIX) == base]
            if len(same) > 1 and year != base:
                same = _by_letter(_narrowed(same, authors, et_al), year)
        if not same and year and (found := self._in_text(fold(authors[0]), year)):
            same = found  # the right entry's author list was read badly
        if len(same) > 1:
            same = _narrowed(same, authors, et_al)
        if len(same) > 1 and (initials := _initials(cited.authors[0] if cited.authors else "")):
            same = [r for r in same if _initials_fit(r, authors[0], initials)] or same
        if len(same) == 1 and _has_co_authors(same[0], co_authors):
            return Resolution("author-date", source, same[0].id, match, score, ids)
        return Resolution("author-date", source, None, None, None, ids)

    def _abbreviated(self, name: str) -> list[Reference]:
        """The entries of first authors that ``name`` abbreviates: ``Pellegr.`` →
        Pellegrin, ``R.E.Fr.`` → Fries, ``A.St.-Hil.`` → Saint-Hilaire (by a part
        of a compound name)."""
        stem = fold(name.rstrip(".").rsplit(".", 1)[-1].lstrip("-"))
        if len(stem) < 2:
            return []
        return [
            r
            for key, refs in self._by_author.items()
            if key.startswith(stem) or any(p.startswith(stem) for p in _PARTS.split(key)[1:])
            for r in refs
        ]

    def _in_text(self, surname: str, year: str | None) -> list[Reference]:
        """Entries whose opening words name ``surname`` and carry ``year``: the
        entries whose author list could not be read as such."""
        if len(surname) < 3 or not year:
            return []
        word = f" {surname} "
        base = year.rstrip(_SUFFIX)
        return [
            r for r, head in self._heads if word in head and (r.year or "").rstrip(_SUFFIX) == base
        ]

    def _unlinked(self, cited: ParsedCitation, raw: str) -> Resolution:
        known = catalogue().get(fold(raw))
        if known is not None:
            return Resolution("newspaper", known, None, None, None)
        if cited.date_precision in ("day", "month") or len(cited.authors) == 0:
            return Resolution("newspaper", raw, None, None, None)
        return Resolution("author-date", raw, None, None, None)

    def _short_variant(self, key: str, year: str | None) -> tuple[str, float] | None:
        """A four-letter name one edit from a first author, when that author's
        entry is the only one of the cited year that is: ``Mass`` → ``Maas``."""
        if len(key) != FUZZY_MIN_LENGTH or not year:
            return None
        near = [
            name
            for name in self._author_names.near(key)
            if len(name) == len(key) and Levenshtein.distance(key, name) == 1
        ]
        fitting = [n for n in near if any(r.year == year for r in self._by_author[n])]
        if len(fitting) != 1:
            return None
        return fitting[0], round(float(fuzz.ratio(key, fitting[0])), 1)

    @staticmethod
    def _fuzzy(key: str, names: _Blocks) -> tuple[str, float] | None:
        """The closest name, if it is an OCR-plausible misreading of ``key``."""
        if len(key) < FUZZY_MIN_LENGTH:
            return None
        choices = names.near(key)
        if not choices:
            return None
        hit = process.extractOne(key, choices, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        if hit is None or not ocr_plausible(key, hit[0]):
            return None
        return hit[0], round(float(hit[1]), 1)


class _Blocks:
    """Names grouped by their first two and by their last two letters: a
    misreading plausible enough to link (one edit in four letters) leaves at
    least one end of a name intact, so a name is compared only with the names
    that share an end with it, not with the whole list."""

    def __init__(self, names: list[str]) -> None:
        self.heads: dict[str, list[str]] = defaultdict(list)
        self.tails: dict[str, list[str]] = defaultdict(list)
        for name in names:
            self.heads[name[:2]].append(name)
            self.tails[name[-2:]].append(name)

    def near(self, key: str) -> list[str]:
        heads, tails = self.heads.get(key[:2], ()), self.tails.get(key[-2:], ())
        return list(dict.fromkeys([*heads, *tails]))


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
    if not authors:
        return ""
    if len(authors) == 1:
        return authors[0]
    if len(authors) == 2:
        return f"{authors[0]} and {authors[1]}"
    return f"{authors[0]} et al."


def _spellings(name: str) -> list[str]:
    """``name``, then without leading particles (``de Esteves`` → ``Esteves``), then
    its first word (``Qiu Jian``: a surname with its given name)."""
    words = name.split()
    lead = 0
    while lead < len(words) - 1 and words[lead].casefold() in PARTICLES:
        lead += 1
    if lead:
        return [name, " ".join(words[lead:])]
    return [name, words[0]] if len(words) > 1 else [name]


def _merged(*lists: list[Reference] | None) -> list[Reference]:
    """The entries of ``lists`` in order, each once."""
    if len(lists) == 2 and not lists[1]:
        return list(lists[0] or ())
    out: list[Reference] = []
    seen: set[str] = set()
    for entries in lists:
        for ref in entries or ():
            if ref.id not in seen:
                seen.add(ref.id)
                out.append(ref)
    return out


def _surnames_only(authors: tuple[str, ...]) -> list[str]:
    """``P. Zhang`` → ``Zhang``, ``Qiu J`` → ``Qiu``: initials dropped from cited names."""
    out = []
    for name in authors:
        words = name.split()
        kept = [w for w in words if not is_initials(w)]
        out.append(" ".join(kept) if kept and len(words) > 1 else name)
    return out


def _has_co_authors(ref: Reference, co_authors: list[str]) -> bool:
    """Whether every cited co-author is among the entry's authors or, when its
    author list was read badly, in its text."""
    if not co_authors:
        return True
    listed = {fold(a) for a in ref.authors}
    listed.update(fold(k) for a in ref.authors for k in name_keys(a))
    head = f" {fold(ref.text[:AUTHOR_HEAD])} "
    # An entry that names only its first authors ("HOU, J. et al.") vouches for
    # no co-author cited beyond them.
    named = len(ref.authors) if " et al " in head else len(co_authors) + 1
    return all(
        a in listed
        or f" {a} " in head
        or any(fuzz.ratio(a, b) >= CO_AUTHOR_CUTOFF for b in listed)  # BARRICHELO / -LLO
        or position >= named
        for position, a in enumerate(co_authors, start=1)
    )


def _by_letter(entries: list[Reference], year: str) -> list[Reference]:
    """``2022c`` among entries of 2022 that the list gives no letters: the third in
    list order, as letters are given; a letter against lettered entries that lack
    it is a wrong letter, not a choice."""
    if any(r.year != year.rstrip(_SUFFIX) for r in entries):
        return []
    index = _SUFFIX.index(year[-1])
    return [entries[index]] if index < len(entries) else []


def _initials(name: str) -> str:
    """The initials written with a cited name: ``T. Wang`` → ``T``, ``Qiu J.`` → ``J``."""
    return "".join(w.replace(".", "").replace("-", "") for w in name.split() if is_initials(w))


def _initials_fit(ref: Reference, surname: str, initials: str) -> bool:
    """Whether the entry writes ``surname`` with these initials (``Wang T``, ``T. Wang``)."""
    head = ref.text[:AUTHOR_HEAD]
    first = re.escape(initials[0])
    name = re.escape(surname)
    return bool(
        re.search(rf"\b{name},?\s+{first}", head)
        or re.search(rf"\b{first}[.\w\s-]{{0,6}}{name}\b", head)
    )


def _narrowed(entries: list[Reference], authors: list[str], et_al: bool) -> list[Reference]:
    """Of several entries with the cited first author and year, those whose
    number of authors fits the citation: three or more for ``et al.``, two for
    ``A and B``, one for ``A`` alone; else ``entries`` unchanged."""
    if et_al:
        fits = [r for r in entries if len(r.authors) >= 3]
    elif len(authors) == 2:
        fits = [r for r in entries if len(r.authors) == 2]
    elif len(authors) == 1:
        fits = [r for r in entries if len(r.authors) == 1]
    else:
        fits = [r for r in entries if len(r.authors) == len(authors)]
    return fits or entries
