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
from functools import cache
from importlib.util import find_spec
from operator import itemgetter
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
    """One language's words and counts."""

    language: str
    counts: dict[str, int]
    common: frozenset[str]
    candidates: dict[int, list[str]] = field(repr=False)  # correction candidates by length

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
    if not all(w == w.casefold() for w in counts):
        counts = {w.casefold(): n for w, n in counts.items()}
    ranked = [w for w, _ in sorted(counts.items(), key=itemgetter(1), reverse=True)]
    by_length: dict[int, list[str]] = defaultdict(list)
    for word in ranked[:CANDIDATE_RANK]:
        if word.isalpha():
            by_length[len(word)].append(word)
    return Lexicon(language, counts, frozenset(ranked[:COMMON_RANK]), dict(by_length))


@cache
def available() -> frozenset[str]:
    """The languages with a lexicon here: English always, others when installed."""
    folder = _resources()
    found = {"en"}
    if folder is not None:
        found.update(lang for lang in LANGUAGES if (folder / f"{lang}.json.gz").is_file())
    return frozenset(found)
