"""How English a word's letters look: a letter-trigram model of the lexicon.

Names, rare words and technical terms are absent from any lexicon, yet their
letters run as English letters do (``Moreton``, ``Paddington``); glyph garbage
does not (``Sjdnoy``, ``Ckqutesr``, ``Dlstiict``). The model gives each letter of
a word, given the two before it, its share among the lexicon's words (one
count per distinct word, so frequency does not drown the rare shapes), and a
word's score is the mean log probability of its letters and its end.

The table (``citetrace/data/letters.txt``: ``trigram count`` lines) is derived
from the shipped lexicon; regenerate it with ``python -m citetrace.ocr.letters``
(a test checks that it matches).
"""

from __future__ import annotations

import math
import sys
from collections import Counter
from collections.abc import Iterable
from functools import cache

from citetrace import data

SHIPPED = data.path("letters.txt")
_START, _END = "^", "$"
_ALPHABET = 28  # letters, the start and the end mark
_SMOOTHING = 0.1
GARBLED = -3.5  # mean log probability below which a word's letters are not English


def count(words: Iterable[str]) -> Counter[str]:
    """Letter trigrams (with two start marks and an end mark) over ``words``."""
    trigrams: Counter[str] = Counter()
    for word in words:
        marked = _START * 2 + word + _END
        trigrams.update(marked[i - 2 : i + 1] for i in range(2, len(marked)))
    return trigrams


@cache
def _table() -> tuple[dict[str, int], dict[str, int]]:
    trigrams: dict[str, int] = {}
    heads: Counter[str] = Counter()
    for line in SHIPPED.read_text(encoding="ascii").splitlines():
        gram, n = line.split(" ")
        trigrams[gram] = int(n)
        heads[gram[:2]] += int(n)
    return trigrams, dict(heads)


def score(word: str) -> float:
    """The mean log probability of ``word``'s letters (lower-cased; letters a-z
    only, others count as unseen)."""
    trigrams, heads = _table()
    marked = _START * 2 + word.lower() + _END
    total = 0.0
    for i in range(2, len(marked)):
        seen = trigrams.get(marked[i - 2 : i + 1], 0)
        total += math.log(
            (seen + _SMOOTHING) / (heads.get(marked[i - 2 : i], 0) + _SMOOTHING * _ALPHABET)
        )
    return total / (len(marked) - 2)


def garbled(word: str) -> bool:
    """Whether ``word``'s letters are unlike English ones."""
    return score(word) < GARBLED


def arrange(words: Iterable[str]) -> str:
    """The shipped table's text for ``words`` (alphabetic ones only)."""
    trigrams = count(w for w in words if w.isalpha() and w.isascii())
    return "".join(f"{gram} {n}\n" for gram, n in sorted(trigrams.items()))


def main() -> None:
    from citetrace.ocr import lexicon
    from citetrace.output import write_atomic

    text = arrange(lexicon.all_words())
    write_atomic(str(SHIPPED), text)
    print(f"wrote {SHIPPED} ({len(text):,} characters)", file=sys.stderr)


if __name__ == "__main__":
    main()
