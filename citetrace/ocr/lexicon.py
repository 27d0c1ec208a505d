"""The English lexicon: word frequencies from symspellpy's bundled dictionary.

symspellpy ships an 82,765-word frequency list (counts from a large web
corpus). It is read once, and only when an OCR rule runs, straight from the
package's folder (importing symspellpy itself is not needed); counts stay
strings until one is asked for, which halves the load time.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from functools import cache, lru_cache
from importlib.util import find_spec
from itertools import compress
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import OSA

from citetrace.ocr.confusion import CONFUSIONS

SUGGEST_MIN_COUNT = 100_000  # a power of ten
_WORD_LIST = "frequency_dictionary_en_82_765.txt"

# American spellings the bundled (largely British) list lacks, recognised by
# rewriting them the British way: labor → labour, theater → theatre.
_VARIANT_ENDINGS = (
    ("or", "our"),
    ("ors", "ours"),
    ("ter", "tre"),
    ("ters", "tres"),
    ("ter's", "tre's"),
    ("yze", "yse"),
    ("yzed", "ysed"),
    ("og", "ogue"),
    ("ize", "ise"),
    ("ized", "ised"),
    ("izes", "ises"),
    ("ization", "isation"),
    ("eled", "elled"),
    ("eling", "elling"),
    ("ense", "ence"),
)

_US_ENDINGS = tuple(us for us, _ in _VARIANT_ENDINGS)

# Scholarly Latin and French that English prose uses as is, and a few words
# the frequency list lacks. Kept small: names and terms of one document are
# judged by that document's own evidence.
_SUPPLEMENT = frozenset(
    """modus vivendi operandi inter alia passim ibid idem sic vis bogy bogey intra
    communique communiqué rapprochement détente detente politburo apparatchik nomenklatura
    perestroika glasnost finlandized finlandization sinologist sovietologist""".split()
)


@cache
def counts() -> dict[str, str]:
    """Lower-case word → corpus count, as written in the list (digits), in the list's order."""
    spec = find_spec("symspellpy")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("symspellpy, which holds the English word list, is not installed")
    path = Path(next(iter(spec.submodule_search_locations))) / _WORD_LIST
    fields = iter(path.read_text(encoding="utf-8").split())  # word, count, word, count, …
    return dict(zip(fields, fields, strict=True))  # each word with the count after it


@lru_cache(maxsize=1 << 17)
def known(word: str) -> bool:
    """Whether lower-case ``word`` is an English word (or a spelling variant of one)."""
    table = counts()
    if word in table or word in _SUPPLEMENT:
        return True
    for stem in (
        word[:-2] if word.endswith(("'s", "’s")) else None,
        word[:-1] if word.endswith("s") else None,
    ):
        if stem and (stem in table or stem in _SUPPLEMENT):
            return True
    if not word.endswith(_US_ENDINGS):
        return False
    return any(word.endswith(us) and word[: -len(us)] + uk in table for us, uk in _VARIANT_ENDINGS)


def warm() -> None:
    """Load the word list and build what suggestions use, ahead of the first word."""
    counts()
    _common()
    _common_by_length()


def frequency(word: str) -> int:
    """The corpus count of lower-case ``word`` (0 when it is not listed)."""
    return int(counts().get(word, 0))


_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _edits(word: str) -> set[str]:
    """Every string one deletion, transposition, replacement or insertion away."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = [a + b[1:] for a, b in splits if b]
    transposes = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
    replaces = [a + c + b[1:] for a, b in splits if b for c in _LETTERS]
    inserts = [a + c + b for a, b in splits for c in _LETTERS]
    return set(deletes + transposes + replaces + inserts)


def _misreadings(word: str) -> set[str]:
    """The word with one glyph group read back (``govemment`` → ``government``)."""
    out = set()
    for seen, meant in CONFUSIONS:
        start = word.find(seen)
        while start >= 0:
            out.add(word[:start] + meant + word[start + len(seen) :])
            start = word.find(seen, start + 1)
    return out


@cache
def _common_words() -> list[str]:
    """The words counted at least SUGGEST_MIN_COUNT times, in the list's order."""
    table = counts()
    digits = len(str(SUGGEST_MIN_COUNT))  # a power of ten: enough digits is enough
    return list(compress(table, map(digits.__le__, map(len, table.values()))))


@cache
def _common() -> frozenset[str]:
    return frozenset(_common_words())


@cache
def _common_by_length() -> tuple[list[str], list[int]]:
    """The common words long enough to be compared by :func:`_second_by_scan`
    (two letters short of ``_SCAN_FROM`` or longer), sorted by length, and their lengths."""
    words = _common_words()
    long_enough = compress(words, map((_SCAN_FROM - 2).__le__, map(len, words)))
    ordered = sorted(long_enough, key=len)
    return ordered, list(map(len, ordered))


@lru_cache(maxsize=16384)
def suggestions(word: str, max_distance: int = 2) -> list[str]:
    """Common words (count ≥ SUGGEST_MIN_COUNT) one edit from lower-case ``word``,
    or, when there are none and ``max_distance`` allows, two edits away.

    One-edit candidates are generated from the word and looked up, so a
    look-up costs the same whatever the size of the lexicon. The second step
    allows one more deletion or transposition, which covers the dropped and
    swapped letters typical of OCR and typing.
    """
    first = _edits(word) | _misreadings(word)
    found = sorted(c for c in first & _common() if c != word)
    if found or max_distance < 2 or len(word) < 6:
        return found  # two edits from a short word could be almost any word
    second = _second_by_scan if len(word) >= _SCAN_FROM else _second_by_generation
    return sorted(c for c in second(word, first) if c != word)


# From this length on, comparing the few common words of a similar length
# costs less than generating every second edit (which grows with the square
# of the length); both give the same words.
_SCAN_FROM = 10


def _second_by_generation(word: str, first: set[str]) -> list[str]:
    """Common words one deletion or transposition from a first-step candidate."""
    second = {e2 for e1 in first for e2 in _shrinks(e1)}
    return [c for c in second & _common() if OSA.distance(word, c) <= 2]


def _second_by_scan(word: str, first: set[str]) -> list[str]:
    """The same words as :func:`_second_by_generation`: the common words of a
    nearby length within two edits (rapidfuzz compares them in C), kept when
    one deletion or transposition leads to them from a first-step candidate."""
    words, lengths = _common_by_length()
    choices = words[bisect_left(lengths, len(word) - 2) : bisect_right(lengths, len(word) + 2)]
    # ``limit=len(choices)`` returns the same as ``limit=None`` but takes
    # rapidfuzz's compiled path: about a third of the time without numpy.
    near = process.extract(word, choices, scorer=OSA.distance, score_cutoff=2, limit=len(choices))
    alphabet = set(_LETTERS) | set(word) | {ch for pair in CONFUSIONS for g in pair for ch in g}
    return [c for c, _, _ in near if not first.isdisjoint(_grows(c, alphabet))]


def _shrinks(word: str) -> set[str]:
    """Strings one deletion or transposition away."""
    out = {word[:i] + word[i + 1 :] for i in range(len(word))}
    out |= {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)}
    return out


def _grows(word: str, alphabet: Iterable[str]) -> set[str]:
    """Strings that one deletion (of a character in ``alphabet``) or one
    transposition turns into ``word``: the inverse of :func:`_shrinks`."""
    out = {word[:i] + c + word[i:] for i in range(len(word) + 1) for c in alphabet}
    out |= {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)}
    return out
