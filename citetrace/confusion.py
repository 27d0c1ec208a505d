"""An edit distance in which the usual OCR misreadings cost less than other edits.

OCR confuses glyphs that look alike: ``rn``/``m``, ``cl``/``d``, ``vv``/``w``, ``li``/``h``,
``Il``/``II``/``ll``/``1``, ``0``/``O``, ``c``/``e``, ``u``/``n``, ``h``/``b``.
Such a substitution costs 0.5; a transposition 0.75; any other edit 1. A few are
seen one way only: a broken ``ll`` reads as ``d``, never the other way round.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

CONFUSION_COST = 0.5
TRANSPOSITION_COST = 0.75

_PAIRS = [
    ("rn", "m"),
    ("cl", "d"),
    ("vv", "w"),
    ("Il", "II"),
    ("Il", "ll"),
    ("ll", "II"),
    ("l", "1"),
    ("I", "1"),
    ("l", "I"),
    ("0", "O"),
    ("o", "0"),
    ("c", "e"),
    ("u", "n"),
    ("h", "b"),
    ("v", "y"),
    ("a", "o"),
    ("i", "l"),
    ("f", "t"),
    ("li", "h"),
    ("ii", "n"),
]
# Misreadings seen one way only, as (what OCR read, what was printed): a broken
# ``ll`` or ``il`` reads as ``d`` (``wdl``, ``chddren``), a ``d`` never as ``ll``;
# an ``a`` with a faint bowl reads as ``n`` (``nt``, ``nro``, ``stntod``). Inside a
# word only: a word's last d or n is as often its own letter.
_INSIDE_ONLY = frozenset({("d", "ll"), ("d", "il"), ("n", "a")})
# Worn type's e read as o and t as l, anywhere (``tho``, ``wero``, ``boforo``, ``lhat``).
_ONE_WAY = [*sorted(_INSIDE_ONLY), ("o", "e"), ("l", "t")]
CONFUSIONS: frozenset[tuple[str, str]] = frozenset(
    [pair for a, b in _PAIRS for pair in ((a, b), (b, a))] + _ONE_WAY
)
_MAX_GLYPHS = 2


# Confusions of a glyph group with another of a different shape: (len a, len b) → pairs.
_GROUPS = {
    shape: frozenset(p for p in CONFUSIONS if (len(p[0]), len(p[1])) == shape)
    for shape in ((1, 2), (2, 1), (2, 2))
}
_GROUP_GLYPHS = frozenset(g for pair in CONFUSIONS for g in pair if len(g) > 1)


# An alignment that shifts by one letter (an insertion, a deletion, or a
# group of two glyphs read as one) pays at least this for it.
_SHIFT_COST = min(1.0, CONFUSION_COST)
_BAND = 1  # diagonals filled first on either side of those between the corners


@lru_cache(maxsize=65536)
def ocr_distance(a: str, b: str) -> float:
    """Weighted optimal-string-alignment distance from ``a`` to ``b``.

    The table is filled first only near the diagonals between its corners.
    An alignment that strays further shifts away and back by ``_BAND + 1``
    letters more than it must, each shift costing at least ``_SHIFT_COST``;
    so a result within that cost is the distance, and only a larger one
    needs the whole table.
    """
    shift = len(a) - len(b)
    near = _table(a, b, min(0, shift) - _BAND, max(0, shift) + _BAND)
    if near <= _SHIFT_COST * (abs(shift) + 2 * _BAND + 2):
        return near
    return _table(a, b, -len(b), len(a))


def _table(a: str, b: str, low: int, high: int) -> float:
    """The distance over alignments whose cells ``(i, j)`` keep ``low <= i - j <= high``
    (and the table's first row and column)."""
    n, m = len(a), len(b)
    inf = float("inf")
    d = [[inf] * (m + 1) for _ in range(n + 1)]
    for i in range(n + 1):
        d[i][0] = float(i)
    for j in range(m + 1):
        d[0][j] = float(j)
    # Where a two-glyph group ends in each word: only there can a group be misread.
    a_pair = [i >= 2 and a[i - 2 : i] in _GROUP_GLYPHS for i in range(n + 1)]
    b_pair = [j >= 2 and b[j - 2 : j] in _GROUP_GLYPHS for j in range(m + 1)]
    for i in range(1, n + 1):
        row, above = d[i], d[i - 1]
        for j in range(max(1, i - high), min(m, i - low) + 1):
            cost = 0.0 if a[i - 1] == b[j - 1] else 1.0
            if cost and (a[i - 1], b[j - 1]) in CONFUSIONS:
                cost = CONFUSION_COST
            best = min(above[j] + 1, row[j - 1] + 1, above[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1] and cost:
                best = min(best, d[i - 2][j - 2] + TRANSPOSITION_COST)
            if a_pair[i] or b_pair[j]:
                for (la, lb), pairs in _GROUPS.items():
                    if i >= la and j >= lb and (group := (a[i - la : i], b[j - lb : j])) in pairs:
                        if i == n and group in _INSIDE_ONLY:
                            continue  # "thrid" ends in d: "third", not "thrill"
                        best = min(best, d[i - la][j - lb] + CONFUSION_COST)
            row[j] = best
    return d[n][m]


def plausible(a: str, b: str) -> bool:
    """Whether ``a`` may be ``b`` misread: at most one weighted edit per four letters."""
    shorter = min(len(a), len(b))
    if shorter < 4:
        return False
    return ocr_distance(a, b) <= max(1.0, shorter / 4)


def swapped(word: str, pairs: Iterable[tuple[str, str]]) -> set[str]:
    """Every spelling of ``word`` with one occurrence of a pair's first glyphs
    read as its second: ``govemment`` with ``("m", "rn")`` → ``government``."""
    out = set()
    for seen, meant in pairs:
        start = word.find(seen)
        while start >= 0:
            stop = start + len(seen)
            if stop < len(word) or (seen, meant) not in _INSIDE_ONLY:
                out.add(word[:start] + meant + word[stop:])
            start = word.find(seen, start + 1)
    return out
