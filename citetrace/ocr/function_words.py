"""Short words misread: ``tho`` for ``the``, ``aud`` for ``and``, ``bo`` for ``be``.

Scans damage the commonest words most, since they are most of the words; and a
misread short word is often still a word (``tho``, ``ho``, ``wo``), which a
lexicon alone cannot catch. A token of four letters or fewer is taken for one of
the commonest English words when one cheap misreading (see
:mod:`citetrace.confusion`) turns it into that word and that word is a thousand
times as frequent as the token itself.
"""

from __future__ import annotations

from functools import cache

from citetrace.confusion import ocr_distance
from citetrace.ocr import lexicon

# The commonest words of English prose, old and new: the words a scan damages most.
COMMON_WORDS = tuple(
    """the of and to in is that for it with as was on be by he his at from this are which
    have or an had not but were they their been has will one all there would her she we
    its who more so can said them if no out other when any these some than into our may
    only new what up him also about such two after most time first could made over then
    should those very upon being where great shall same like well must each much three
    before under between both man men day here years year mr mrs own good now did how
    every house per you your my me do does""".split()
)
RATIO = 500  # how much more frequent than the token its reading must be
MAX_LENGTH = 4
# Old spellings a scan of an early book keeps: not damage.
_KEPT = frozenset("hee shee wee thee thy thou ye yt bee doe goe soe mee vs vp".split())


@cache
def reading(word: str) -> str | None:
    """The common word ``word`` (lower case, letters) is a misreading of, or ``None``."""
    if not word.isalpha() or len(word) > MAX_LENGTH or word in _KEPT:
        return None
    own = max(lexicon.frequency(word), 1)
    best, best_count = None, 0
    for common in _by_length(len(word)):
        if common == word:
            continue
        distance = ocr_distance(word, common)
        # a word itself is taken for a misreading only by a glyph misread
        loose = distance <= 1 and min(len(word), len(common)) >= 3 and not lexicon.known(word)
        cheap = distance <= 0.5 or loose or o_for_e(word, common)
        count = lexicon.frequency(common)
        if cheap and count >= RATIO * own and count > best_count:
            best, best_count = common, count
    return best


def o_for_e(word: str, common: str) -> bool:
    """``bo`` for ``be``, ``wero`` for ``were``: old type's e read as o."""
    if len(word) != len(common):
        return False
    diff = [(a, b) for a, b in zip(word, common, strict=True) if a != b]
    return diff == [("o", "e")]


@cache
def _by_length(length: int) -> tuple[str, ...]:
    return tuple(w for w in COMMON_WORDS if abs(len(w) - length) <= 1)
