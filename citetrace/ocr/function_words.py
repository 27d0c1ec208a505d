"""Short words misread: ``tho`` for ``the``, ``aud`` for ``and``, ``bo`` for ``be``.

Scans damage the commonest words most, since they are most of the words; and a
misread short word is often still a word (``tho``, ``ho``, ``wo``), which a
lexicon alone cannot catch. A token of four letters or fewer is taken for one of
the commonest English words when one cheap misreading (see
:mod:`citetrace.confusion`) turns it into that word and that word is a thousand
times as frequent as the token itself.
"""

from __future__ import annotations

from bisect import bisect_right
from functools import cache

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from citetrace.confusion import CONFUSION_COST, ocr_distance
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
# Glyph groups read as one glyph: "rn" for "m", "li" for "h".
_GROUPS = (("rn", "m"), ("cl", "d"), ("vv", "w"), ("li", "h"), ("ii", "n"))
OLD_TYPE = frozenset({("o", "e"), ("l", "t"), ("f", "s")})  # read, meant (f: a long s)
SHORT_NON_WORD = "not a word; "  # how the evidence for a short non-word's reading begins
RATIO = 500  # how much more frequent than the token its reading must be
GLYPH_RATIO = 100  # the same, for a word read from it by one glyph misread
MAX_LENGTH = 4
# Old spellings a scan of an early book keeps: not damage.
_KEPT = frozenset("hee shee wee thee thy thou ye yt bee doe goe soe mee vs vp".split())


def reading(word: str) -> str | None:
    """The common word ``word`` (lower case, letters) is a misreading of, or ``None``."""
    found = readings(word)
    return found[0] if found else None


@cache
def readings(word: str) -> tuple[str, ...]:
    """The common words ``word`` may misread, nearest first and then commonest:
    more than one at the nearest distance leaves the reading in doubt (``tbo``
    is ``the`` read with b for h and o for e, and ``two`` with b for w)."""
    if not word.isalpha() or len(word) > MAX_LENGTH or word in _KEPT:
        return ()
    own = max(lexicon.frequency(word), 1)
    near_length, lowest = _by_length(len(word))
    frequent = bisect_right(lowest, -GLYPH_RATIO * own)  # those counted that often, in C
    commons = [c for c in near_length[:frequent] if c != word]
    if not commons:
        return ()
    known = lexicon.known(word)
    found = []
    for common in _near(word, commons):
        count = _count(common)
        distance = misreading_distance(word, common)
        # a word itself is taken for a misreading only by glyphs misread
        loose = not known and distance <= 1 and min(len(word), len(common)) >= 3
        # one glyph misread may hide a common word behind a less rare one
        if distance <= CONFUSION_COST or (loose and count >= RATIO * own):
            found.append((distance, -count, common))
    found.sort()
    nearest = [common for distance, _, common in found if distance == found[0][0]]
    return tuple(nearest) + tuple(c for _, _, c in found if c not in nearest)


def _forms(word: str) -> set[str]:
    """``word``, and ``word`` with each of its glyph groups read as one."""
    forms = {word}
    for group, glyph in _GROUPS:
        if group in word:
            forms.add(word.replace(group, glyph))
    return forms


def near_any(word: str, commons: list[str]) -> bool:
    """Whether any of ``commons`` is near enough to ``word`` to be a reading of it
    (see :func:`_near`): a quick test before the readings are weighed."""
    return any(
        process.extractOne(form, commons, scorer=Levenshtein.distance, score_cutoff=2)
        for form in _forms(word)
    )


def _near(word: str, commons: list[str]) -> set[str]:
    """The ``commons`` within two plain edits of ``word`` or of ``word`` with its
    glyph groups read as one (``tlio`` as ``tho``): a superset, in C, of those
    one cheap misreading away, so that the weighted distance is computed for few."""
    near = set()
    for form in _forms(word):
        for common, _, _ in process.extract(
            form, commons, scorer=Levenshtein.distance, score_cutoff=2, limit=None
        ):
            near.add(common)
    return near


@cache
def _count(word: str) -> int:
    return lexicon.frequency(word)


def unambiguous(word: str) -> bool:
    """Whether one common word alone is nearest to ``word``."""
    found = readings(word)
    if not found:
        return False
    return len(found) == 1 or misreading_distance(word, found[1]) > misreading_distance(
        word, found[0]
    )


def sure(word: str) -> bool:
    """Whether the reading of ``word`` can be trusted: one glyph misread (not a
    plain slip) in three letters or more, and no other common word as near.
    (On real scans such readings are right 97 times in 100; two-letter ones and
    plain slips three times in four or less.)"""
    found = readings(word)
    return (
        len(word) >= 3
        and bool(found)
        and unambiguous(word)
        and misreading_distance(word, found[0]) <= CONFUSION_COST
    )


def misreading_distance(word: str, common: str) -> float:
    """The OCR distance, with the misreadings of old type (an o for an e, an l
    for a t) as cheap as a glyph confusion."""
    spots = [i for i, pair in enumerate(zip(word, common, strict=False)) if pair in OLD_TYPE]
    best = ocr_distance(word, common)
    for chosen in range(1, 1 << len(spots)):  # every set of them (a short word has few)
        mended = list(word)
        for bit, at in enumerate(spots):
            if chosen >> bit & 1:
                mended[at] = common[at]
        cost = CONFUSION_COST * chosen.bit_count()
        best = min(best, ocr_distance("".join(mended), common) + cost)
    return best


def o_for_e(word: str, common: str) -> bool:
    """``bo`` for ``be``, ``wero`` for ``were``: old type's e read as o."""
    if len(word) != len(common):
        return False
    diff = [(a, b) for a, b in zip(word, common, strict=True) if a != b]
    return diff == [("o", "e")]


@cache
def _by_length(length: int) -> tuple[tuple[str, ...], list[int]]:
    """The common words a letter longer or shorter than ``length`` at most,
    commonest first, and their counts negated (ascending, for bisection)."""
    near = sorted((w for w in COMMON_WORDS if abs(len(w) - length) <= 1), key=_count, reverse=True)
    return tuple(near), [-_count(w) for w in near]
