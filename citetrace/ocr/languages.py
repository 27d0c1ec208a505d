"""Lexicons of languages other than English: Portuguese, French, German and Italian.

The word-frequency lists are pyspellchecker's (MIT; built from subtitle and
web corpora, 20,000 to 420,000 words each), read from the installed package's
``resources`` folder as gzipped JSON the first time a document in that
language is judged; the package itself is never imported.
"""

from __future__ import annotations

import gzip
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib.util import find_spec
from pathlib import Path

import orjson

# pyspellchecker's Spanish list holds lemmas without their plurals ("criterios",
# "algunos" are missing) and its Russian one 20,000 words without most of their
# cases: judged by them, correct words would be flagged, so those two abstain.
LANGUAGES = ("pt", "fr", "de", "it")
NAMES = {
    "en": "English",
    "pt": "Portuguese",
    "es": "Spanish",
    "fr": "French",
    "de": "German",
    "it": "Italian",
    "ru": "Russian",
}
COMMON_RANK = 3_000  # the commonest words: the ones whose damage is telling
CANDIDATE_RANK = 150_000  # words offered as corrections


@dataclass(frozen=True)
class Lexicon:
    """One language's words and counts; the tables corrections need are built
    from them the first time a correction is looked for (a clean text asks
    only whether its words are known)."""

    language: str
    counts: dict[str, int] = field(repr=False)

    @cached_property
    def _ranked(self) -> list[str]:
        """The words, commonest first (ties in the list's order)."""
        return sorted(self.counts, key=self.counts.__getitem__, reverse=True)

    @cached_property
    def common(self) -> frozenset[str]:
        """The commonest words: the ones whose damage is telling."""
        return frozenset(self._ranked[:COMMON_RANK])

    @cached_property
    def candidates(self) -> dict[int, list[str]]:
        """The words offered as corrections, commonest first, by length."""
        by_length: dict[int, list[str]] = defaultdict(list)
        for word in self._ranked[:CANDIDATE_RANK]:
            if word.isalpha():
                by_length[len(word)].append(word)
        return dict(by_length)

    @cached_property
    def candidate_set(self) -> frozenset[str]:
        """Every correction candidate, for look-ups one edit at a time."""
        return frozenset(w for words in self.candidates.values() for w in words)

    @cached_property
    def alphabet(self) -> str:
        """The letters the candidates are written in."""
        return "".join(sorted(set("".join(self.candidate_set))))

    def one_edit(self, word: str) -> list[str]:
        """The candidates one edit (a letter left out, put in or changed) from
        ``word``, shortest first: each edit looked up, instead of comparing the
        word with every candidate of a nearby length."""
        known, letters = self.candidate_set, self.alphabet
        if len(word) > max(self.candidates, default=0) + 1:
            return []  # longer than any candidate by two: no edit reaches one
        splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
        edits = {a + b[1:] for a, b in splits if b}
        edits.update(a + c + b[1:] for a, b in splits if b for c in letters)
        edits.update(a + c + b for a, b in splits for c in letters)
        return sorted((e for e in edits if e in known), key=lambda e: (len(e), e))

    def known(self, word: str) -> bool:
        return word in self.counts

    def frequency(self, word: str) -> int:
        return self.counts.get(word, 0)


def _resources() -> Path | None:
    spec = find_spec("spellchecker")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "resources"


@cache
def load(language: str) -> Lexicon | None:
    """The lexicon of ``language``, or ``None`` when citetrace has none for it."""
    folder = _resources()
    if language not in LANGUAGES or folder is None:
        return None
    path = folder / f"{language}.json.gz"
    try:
        with gzip.open(path, "rb") as handle:
            counts = orjson.loads(handle.read())
    except (OSError, ValueError, EOFError):
        return None
    if not isinstance(counts, dict):
        return None
    joined = "".join(counts)  # casefolded as one string: a char at a time, as fast as C
    if joined.casefold() != joined:
        counts = {w.casefold(): n for w, n in counts.items()}
    return Lexicon(language, counts)


@cache
def available() -> frozenset[str]:
    """The languages with a lexicon here: English always, others when installed."""
    folder = _resources()
    found = {"en"}
    if folder is not None:
        found.update(lang for lang in LANGUAGES if (folder / f"{lang}.json.gz").is_file())
    return frozenset(found)
