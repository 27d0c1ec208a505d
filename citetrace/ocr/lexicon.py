"""The English lexicon: word frequencies from symspellpy's bundled dictionary.

symspellpy ships an 82,765-word frequency list (counts from a large web
corpus). Loading it as a dict takes about 0.15 s, so it is loaded once, and
only when an OCR rule runs.
"""

from __future__ import annotations

from functools import cache, lru_cache
from importlib import resources

from rapidfuzz.distance import OSA

from citetrace.ocr.confusion import CONFUSIONS

SUGGEST_MIN_COUNT = 100_000
PREFIX = 7

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

# Scholarly Latin and French that English prose uses as is, and a few words
# the frequency list lacks. Kept small: names and terms of one document are
# judged by that document's own evidence.
_SUPPLEMENT = frozenset(
    """modus vivendi operandi inter alia passim ibid idem sic vis bogy bogey intra
    communique communiqué rapprochement détente detente politburo apparatchik nomenklatura
    perestroika glasnost finlandized finlandization sinologist sovietologist""".split()
)


@cache
def counts() -> dict[str, int]:
    """Lower-case word → corpus count."""
    table: dict[str, int] = {}
    path = resources.files("symspellpy").joinpath("frequency_dictionary_en_82_765.txt")
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            word, _, count = line.partition(" ")
            table[word] = int(count)
    return table


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
    return any(word.endswith(us) and word[: -len(us)] + uk in table for us, uk in _VARIANT_ENDINGS)


def frequency(word: str) -> int:
    return counts().get(word, 0)


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


def _shrinks(word: str) -> set[str]:
    """Strings one deletion or transposition away: the cheap second step."""
    out = {word[:i] + word[i + 1 :] for i in range(len(word))}
    out |= {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)}
    return out


@lru_cache(maxsize=16384)
def suggestions(word: str, max_distance: int = 2) -> list[str]:
    """Common words (count ≥ SUGGEST_MIN_COUNT) one edit from lower-case ``word``,
    or, when there are none and ``max_distance`` allows, two edits away.

    Candidates are generated from the word and looked up, so a look-up costs
    the same whatever the size of the lexicon; the second step adds only
    deletions and transpositions, which covers the dropped and swapped letters
    typical of OCR and typing.
    """
    table = counts()

    def common(candidates: set[str]) -> list[str]:
        return [c for c in candidates if table.get(c, 0) >= SUGGEST_MIN_COUNT and c != word]

    first = _edits(word) | _misreadings(word)
    found = common(first)
    if found or max_distance < 2 or len(word) < 6:
        return found  # two edits from a short word could be almost any word
    second = {e2 for e1 in first for e2 in _shrinks(e1)}
    return [c for c in common(second) if OSA.distance(word, c) <= 2]
