"""Words made by rule from listed words: a prefix before one (``unaugmented``,
``cooccurrence``) or a suffix after one (``linearizer``, ``chunker``,
``modifiee``, ``selectional``). A word list lacks most such words, and a
technical text is full of them; they are words, not damage, when no glyph
misread explains them.
"""

from __future__ import annotations

from functools import lru_cache

from citetrace.ocr import lexicon

PREFIXES = (
    "pre", "non", "sub", "super", "inter", "over", "under", "dis", "anti", "multi",
    "meta", "pseudo", "semi", "mis", "counter", "micro", "macro", "auto", "intra",
    "post", "trans", "hyper", "hypo",
)  # fmt: skip
SUFFIXES = (
    "er", "ers", "or", "ors", "ee", "ees", "ed", "ing", "al", "ally", "ism", "isms",
    "ist", "ists", "ity", "ities", "ic", "ize", "izes", "ized", "izer", "izers",
    "ise", "ised", "ising", "izing", "isation", "ization", "ly", "ness", "less",
    "able", "ment", "ments", "ation", "ations", "ional", "ive", "ives",
)  # fmt: skip
_MIN_STEM = 4  # letters of the listed word a prefix or a suffix is added to


@lru_cache(maxsize=1 << 14)
def derived(word: str) -> bool:
    """Whether lower-case ``word`` is a listed word with a prefix before it or a
    suffix after it (a final e dropped, or y made i, as English spells them)."""
    for prefix in PREFIXES:
        rest = word[len(prefix) :].lstrip("-")
        if word.startswith(prefix) and len(rest) >= _MIN_STEM and lexicon.known(rest):
            return True
    for suffix in SUFFIXES:
        stem = word[: -len(suffix)]
        if not word.endswith(suffix) or len(stem) < _MIN_STEM:
            continue
        if lexicon.known(stem) or lexicon.known(stem + "e"):
            return True
        if stem.endswith("i") and lexicon.known(stem[:-1] + "y"):
            return True
    return False
