"""Real words misread as other real words, caught by their neighbours: ``he bad
been`` (had), ``the now bridge`` (new), ``bo said`` is the lexicon's, not this.

A word of six letters or fewer that one glyph misread turns into another
common word is read in its place when the words on either side make that
other word far more likely: each candidate's score is how often the pair it
makes with the word before and the pair with the word after occur, over how
often the candidate occurs alone (the chance of the pairs given the
candidate). The pair counts are symspellpy's English bigram list (MIT;
242,342 pairs of frequent words from a large web corpus), shipped sorted as
``citetrace/data/pairs.txt`` (``python -m citetrace.ocr.context`` makes it; a
test checks it): read as one string when a scan is first judged, and a pair
found by bisecting a sample of its lines and one ``str.find`` among the few
after it, instead of building a table of every pair (70 MB and 0.2 s).

The same score chooses among the readings of a damaged word in doubt (see
:func:`choice`): ``ia`` is one slip from ``is``, ``in`` and ``it``, and
``there ia no`` reads ``is``. A very common word (``now``, ``an``) is read as
another very common one only where the pairs on both of its sides hold the
other far more often (``the now road``: new).
"""

from __future__ import annotations

import math
import re
import sys
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from importlib.util import find_spec
from pathlib import Path

from rapidfuzz.distance import Levenshtein

from citetrace import data
from citetrace.confusion import CONFUSIONS, swapped
from citetrace.ocr import lexicon
from citetrace.ocr.function_words import COMMON_WORDS, OLD_TYPE

SOURCE = "frequency_bigramdictionary_en_243_342.txt"
SHIPPED = data.path("pairs.txt")
MAGIC = "citetrace-pairs 1"
_STRIDE = 2_000  # characters between the lines whose pairs are bisected
MAX_LENGTH = 6
COMMON = 1_000_000  # corpus count of a word a misread one may stand for
VERY_COMMON = 100_000_000  # corpus count of a word never read as another here
UNSEEN = 1_000_000  # the count a pair the list lacks is taken to have (its least is 6.4 M)
SHARE = 0.05  # the share of a word's uses an unlisted pair of it is taken to hold, at most
RATIO = 30  # how much likelier the other word must make its neighbours
# "he" and "be" fit the same places as often as not ("to he the" may be "to be" or not)
_INTERCHANGEABLE = frozenset({"he", "be"})
BOTH_SIDES = 10  # for a very common word: how much commoner each side's pair must be
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


def arrange(source: str) -> str:
    """The shipped file's text from symspellpy's (``first second count`` lines):
    a header, the paired words on one line, then the pairs sorted."""
    lines = sorted(line for line in source.splitlines() if line.strip())
    words = sorted({w for line in lines for w in line.split(" ")[:2]})
    return "\n".join([MAGIC, " ".join(words), *lines]) + "\n"


@dataclass(frozen=True)
class Pairs:
    """The shipped pair counts, as their text and a sample of their lines."""

    text: str  # "\nfirst second count" lines, sorted
    keys: list[str]  # the pair of every sampled line, in order
    starts: list[int]  # where each sampled line begins (its "\n")
    words: frozenset[str]  # every word of a pair

    def count(self, pair: str) -> int:
        """How often ``pair`` ("first second") occurs (0 when it is not listed)."""
        i = bisect_right(self.keys, pair) - 1
        if i < 0:
            return 0
        end = self.starts[i + 1] if i + 1 < len(self.starts) else len(self.text)
        needle = f"\n{pair} "
        at = self.text.find(needle, self.starts[i], end)
        if at < 0:
            return 0
        stop = self.text.find("\n", at + 1)
        return int(self.text[at + len(needle) : stop if stop >= 0 else len(self.text)])


@cache
def _pairs() -> Pairs | None:
    """The shipped pair counts (``None`` if the file is missing or not ours)."""
    try:
        head, words, body = SHIPPED.read_text(encoding="ascii").split("\n", 2)
    except (OSError, ValueError, UnicodeDecodeError):
        return None
    if head != MAGIC:
        return None
    text = "\n" + body.rstrip("\n")
    keys, starts, at = [], [], 0
    while 0 <= at < len(text):
        first = text.find(" ", at + 1)
        second = text.find(" ", first + 1)
        keys.append(text[at + 1 : second])
        starts.append(at)
        at = text.find("\n", at + _STRIDE)
    return Pairs(text, keys, starts, frozenset(words.split(" ")))


@cache
def neighbours(word: str) -> tuple[str, ...]:
    """Common words one glyph misread from ``word`` (lower case)."""
    if len(word) > MAX_LENGTH or not word.isalpha() or lexicon.frequency(word) >= VERY_COMMON:
        return ()  # "he" and "be", "for" and "far": pairs alone cannot tell them apart
    found = _paired_variants(word, COMMON)
    if len(word) >= 3:  # "tie the", "fur for": one wrong letter from the commonest words
        found.update(c for c in _slip_targets(len(word)) if Levenshtein.distance(word, c) == 1)
    return tuple(sorted(found))


@cache
def _slip_targets(length: int) -> tuple[str, ...]:
    return tuple(w for w in COMMON_WORDS if len(w) == length)  # a letter lost would be "bone"


def glyph_variants(word: str) -> set[str]:
    """Every spelling one glyph misread (or group of glyphs, or old type's o
    for e and l for t) away from ``word``, read back; and, as worn type blurs
    every e of a word alike, the word with all its o's read as e (``boon``)."""
    found = swapped(word, _SWAPS)
    if word.count("o") > 1:
        found.add(word.replace("o", "e"))
    return found


def _score(before: str | None, word: str, after: str | None) -> tuple[float, int, int]:
    pairs = _pairs()
    assert pairs is not None  # readings are asked only when the pairs are at hand
    left = pairs.count(f"{before} {word}") if before else 0
    right = pairs.count(f"{word} {after}") if after else 0
    alone = max(lexicon.frequency(word), 1)
    unseen = min(UNSEEN, SHARE * alone)  # a rare word's pairs are rare: not a common word's floor
    return math.log(left + unseen) + math.log(right + unseen) - math.log(alone), left, right


@cache
def _glyph_neighbours(word: str) -> tuple[str, ...]:
    """Very common words one glyph misread from a very common ``word`` (``now``: new)."""
    return tuple(sorted(_paired_variants(word, VERY_COMMON) - _INTERCHANGEABLE))


def _paired_variants(word: str, least: int) -> set[str]:
    """The words one glyph misread from ``word`` that the pair list holds and
    the corpus counts at least ``least`` times."""
    table = _pairs()
    paired = table.words if table is not None else frozenset()
    return {
        v
        for v in glyph_variants(word)
        if v != word and v in paired and lexicon.frequency(v) >= least
    }


def _common_reading(before: str | None, word: str, after: str | None) -> str | None:
    """The very common word a very common ``word`` stands for, where the pairs on
    both sides of it hold the other word far more often (``the now road``: new;
    never ``he``/``be`` on one side's word alone)."""
    if before is None or after is None or word in _INTERCHANGEABLE or not word.isalpha():
        return None
    others = [o for o in _glyph_neighbours(word) if o not in (before, after)]
    return _outvoted(before, word, after, others, BOTH_SIDES, BOTH_SIDES)


def _outvoted(
    before: str, word: str, after: str, others: Iterable[str], left: float, right: float
) -> str | None:
    """The one of ``others`` whose pair with ``before`` is ``left`` times and whose
    pair with ``after`` is ``right`` times as common as ``word``'s (an unlisted
    pair counted as the list's least), or ``None`` when not exactly one is."""
    pairs = _pairs()
    assert pairs is not None
    own_left = max(pairs.count(f"{before} {word}"), UNSEEN)
    own_right = max(pairs.count(f"{word} {after}"), UNSEEN)
    found = [
        other
        for other in others
        if pairs.count(f"{before} {other}") >= left * own_left
        and pairs.count(f"{other} {after}") >= right * own_right
    ]
    return found[0] if len(found) == 1 else None


def reading(before: str | None, word: str, after: str | None) -> str | None:
    """The common word ``word`` stands for between ``before`` and ``after`` (all
    lower case), or ``None`` when ``word`` fits there as well as any."""
    if before is None and after is None:
        return None
    if lexicon.frequency(word) >= VERY_COMMON:
        return _common_reading(before, word, after)
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


CHOICE_RATIO = 30  # how much likelier the chosen reading must make its neighbours than any other


def neighbours_of(
    text: str, start: int, stop: int, mended: Mapping[int, str] | None = None
) -> tuple[str | None, str | None]:
    """The words just before and after ``text[start:stop]`` (lower case), if words;
    a neighbour read back (``mended``, by where it starts) as its reading."""
    mended = mended or {}
    before = _WORD_BEFORE.search(text, max(0, start - 40), start)
    after = _WORD_AFTER.match(text, stop, stop + 40)
    return (
        mended.get(before.start(1), before.group(1)).lower() if before else None,
        mended.get(after.start(1), after.group(1)).lower() if after else None,
    )


_WORD_BEFORE = re.compile(r"(?<![\w'’])([A-Za-z]+)[ \t]*\r?\n?[ \t]*$")
_WORD_AFTER = re.compile(r"[ \t]*\r?\n?[ \t]*([A-Za-z]+)(?![\w'’])")


def choice(before: str | None, candidates: tuple[str, ...], after: str | None) -> str | None:
    """The one of ``candidates`` (lower case) its neighbours make far likelier
    than every other, by a pair the list holds; ``None`` when none stands out."""
    if _pairs() is None or (before is None and after is None) or len(candidates) < 2:
        return None
    scored = []
    for candidate in candidates:
        if candidate in (before, after):
            continue  # "he he", "of of": a word doubled is no reading
        score, left, right = _score(before, candidate, after)
        scored.append((score, bool(left or right), candidate))
    if len(scored) < 2:
        return None  # the one left was never weighed against the doubled word
    scored.sort(reverse=True)
    (best, paired, word), (second, _, _) = scored[0], scored[1]
    return word if paired and best - second >= math.log(CHOICE_RATIO) else None


def misreadings(
    text: str, start: int, end: int, mended: Mapping[int, str] | None = None
) -> Iterator[tuple[int, int, str, str]]:
    """``(start, stop, word, reading)`` for each lower-case word of ``text[start:end]``
    that its neighbours read as another. A neighbour already read back (``mended``:
    its reading by where it starts) counts as its reading: ``tho now bridge`` is
    weighed as ``the now bridge``."""
    if _pairs() is None:
        return
    mended = mended or {}
    tokens = [
        (m.start(), m.end(), mended.get(m.start(), m.group()))
        for m in _WORD.finditer(text, start, end)
    ]
    for i, (a, b, word) in enumerate(tokens):
        if word == "1" and _pronoun_for_one(text, tokens, i):
            yield a, b, word, "I"
            continue
        if _title_before_title(tokens, i):
            found = _name_reading(tokens[i - 1][2], word.lower(), tokens[i + 1][2].lower())
            if found is not None:
                yield a, b, word, found.capitalize()
            continue
        if a in mended or not (word.islower() and word.isalpha() and len(word) <= MAX_LENGTH):
            continue
        if not lexicon.known(word):
            continue
        if not neighbours(word) and lexicon.frequency(word) < VERY_COMMON:
            continue
        before = tokens[i - 1][2].lower() if i and tokens[i - 1][2].isalpha() else None
        after = (
            tokens[i + 1][2].lower() if i + 1 < len(tokens) and tokens[i + 1][2].isalpha() else None
        )
        found = reading(before, word, after)
        if found is not None:
            yield a, b, word, found


NAME_RATIO = 100  # how much commoner the other word's pair with the name must be
PRONOUN_RATIO = 10  # how much commoner "I" must make the pair with the next word than "one"
_NUMBERING_BEFORE = re.compile(
    r"(?:\d|\b(?:[Nn]o|[Nn]os|[Pp]p?|[Vv]ol|[Ss]tep|[Ff]ig|[Tt]able|[Ss]ection))\W*$"
)


def _pronoun_for_one(text: str, tokens: list[tuple[int, int, str]], i: int) -> bool:
    """Whether a ``1`` standing alone is the pronoun ``I`` misread: before a
    lower-case word that follows "I" far more often than "one" (``1 went``,
    ``1 hope``; not ``1 in 76``, ``1 day``), and after no number or numbering."""
    a, b, _ = tokens[i]
    if i + 1 >= len(tokens) or (a and not text[a - 1].isspace()) or not text[b : b + 1].isspace():
        return False
    after = tokens[i + 1][2]
    if not (after.isalpha() and after.islower()) or _NUMBERING_BEFORE.search(
        text, max(0, a - 12), a
    ):
        return False
    pairs = _pairs()
    assert pairs is not None
    own = pairs.count(f"i {after}")
    return own >= PRONOUN_RATIO * max(pairs.count(f"one {after}"), UNSEEN)


def _title_before_title(tokens: list[tuple[int, int, str]], i: int) -> bool:
    """Whether token ``i`` is a capitalised word of at most six letters between a
    lower-case word (so not opening a sentence) and a capitalised one."""
    word = tokens[i][2]
    return (
        0 < i < len(tokens) - 1
        and len(word) <= MAX_LENGTH
        and word.isalpha()
        and word[0].isupper()
        and word[1:].islower()
        and tokens[i - 1][2].islower()
        and tokens[i - 1][2].isalpha()
        and tokens[i + 1][2][:1].isupper()
        and tokens[i + 1][2].isalpha()
    )


def _name_reading(before: str, word: str, after: str) -> str | None:
    """The word a capitalised ``word`` stands for inside a name, where the pairs
    it would make on both sides are far commoner (``of Now York``: new; ``the Now
    South Wales``: new), or ``None``."""
    others = [o for o in _paired_variants(word, COMMON) if o != word]
    return _outvoted(before, word, after, others, 1, NAME_RATIO)


def main() -> None:
    """Write ``citetrace/data/pairs.txt`` from the installed symspellpy's list."""
    path = source_path()
    if path is None:
        sys.exit("symspellpy, which holds the source pair list, is not installed")
    SHIPPED.write_text(arrange(path.read_text(encoding="utf-8")), encoding="ascii")


if __name__ == "__main__":
    main()
