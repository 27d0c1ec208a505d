"""Real words misread as other real words, caught by their neighbours: ``he bad
been`` (had), ``the now bridge`` (new), ``bo said`` is the lexicon's, not this.

A word of six letters or fewer that one glyph misread turns into another
common word is read in its place when the words on either side make that
other word far more likely: each candidate's score is how often the pair it
makes with the word before and the pair with the word after occur, over how
often the candidate occurs alone (the chance of the pairs given the
candidate). The pair counts are symspellpy's English bigram list (MIT;
242,342 pairs of frequent words from a large web corpus), read from the
installed package when a scan is first judged.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from functools import cache
from importlib.util import find_spec
from pathlib import Path

from rapidfuzz.distance import Levenshtein

from citetrace.confusion import CONFUSIONS, swapped
from citetrace.ocr import lexicon
from citetrace.ocr.function_words import COMMON_WORDS, OLD_TYPE

SOURCE = "frequency_bigramdictionary_en_243_342.txt"
MAX_LENGTH = 6
COMMON = 1_000_000  # corpus count of a word a misread one may stand for
VERY_COMMON = 100_000_000  # corpus count of a word never read as another here
UNSEEN = 1_000_000  # the count a pair the list lacks is taken to have (its least is 6.4 M)
RATIO = 30  # how much likelier the other word must make its neighbours
EVIDENCE = "a word, but "  # how this module's evidence begins
# What was printed, what was read: every lower-case glyph confusion, and old type's.
_SWAPS = tuple(
    sorted({(a, b) for a, b in CONFUSIONS if a.islower() and b.islower()} | set(OLD_TYPE))
)
_WORD = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?|[^\sA-Za-z]")


def source_path() -> Path | None:
    """symspellpy's bigram list, where it is installed (``None`` if it is not)."""
    spec = find_spec("symspellpy")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / SOURCE
    return path if path.is_file() else None


@cache
def _pairs() -> dict[str, str]:
    """``"first second"`` → its count, as written (read as a number when used)."""
    path = source_path()
    if path is None:
        return {}
    lines = path.read_text(encoding="utf-8").splitlines()
    return dict(line.rsplit(" ", 1) for line in lines)  # type: ignore[misc]


@cache
def _paired_words() -> frozenset[str]:
    """Every word of the pair list."""
    return frozenset(" ".join(_pairs()).split(" "))


@cache
def neighbours(word: str) -> tuple[str, ...]:
    """Common words one glyph misread from ``word`` (lower case)."""
    if len(word) > MAX_LENGTH or not word.isalpha() or lexicon.frequency(word) >= VERY_COMMON:
        return ()  # "he" and "be", "for" and "far": pairs alone cannot tell them apart
    paired = _paired_words()
    found = {
        v
        for v in glyph_variants(word)
        if v != word and v in paired and lexicon.frequency(v) >= COMMON
    }
    if len(word) >= 3:  # "tie the", "fur for": one wrong letter from the commonest words
        found.update(c for c in _slip_targets(len(word)) if Levenshtein.distance(word, c) == 1)
    return tuple(sorted(found))


@cache
def _slip_targets(length: int) -> tuple[str, ...]:
    return tuple(w for w in COMMON_WORDS if len(w) == length)  # a letter lost would be "bone"


def glyph_variants(word: str) -> set[str]:
    """Every spelling one glyph misread (or group of glyphs, or old type's o
    for e and l for t) away from ``word``, read back."""
    return swapped(word, _SWAPS)


def _score(before: str | None, word: str, after: str | None) -> tuple[float, int, int]:
    pairs = _pairs()
    left = int(pairs.get(f"{before} {word}", 0)) if before else 0
    right = int(pairs.get(f"{word} {after}", 0)) if after else 0
    alone = max(lexicon.frequency(word), 1)
    return math.log(left + UNSEEN) + math.log(right + UNSEEN) - math.log(alone), left, right


def reading(before: str | None, word: str, after: str | None) -> str | None:
    """The common word ``word`` stands for between ``before`` and ``after`` (all
    lower case), or ``None`` when ``word`` fits there as well as any."""
    if before is None and after is None:
        return None
    candidates = neighbours(word)
    if not candidates:
        return None
    own, own_left, own_right = _score(before, word, after)
    best, best_score = None, own + math.log(RATIO)
    for other in candidates:
        if other in (before, after):
            continue  # "the the": a word doubled is no reading
        score, left, right = _score(before, other, after)
        if (left > own_left or right > own_right) and score >= best_score:
            best, best_score = other, score
    return best


def misreadings(text: str, start: int, end: int) -> Iterator[tuple[int, int, str, str]]:
    """``(start, stop, word, reading)`` for each lower-case word of ``text[start:end]``
    that its neighbours read as another."""
    if not _pairs():
        return
    tokens = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text, start, end)]
    for i, (a, b, word) in enumerate(tokens):
        if not (word.islower() and word.isalpha() and len(word) <= MAX_LENGTH):
            continue
        if not lexicon.known(word) or not neighbours(word):
            continue
        before = tokens[i - 1][2].lower() if i and tokens[i - 1][2].isalpha() else None
        after = (
            tokens[i + 1][2].lower() if i + 1 < len(tokens) and tokens[i + 1][2].isalpha() else None
        )
        found = reading(before, word, after)
        if found is not None:
            yield a, b, word, found
