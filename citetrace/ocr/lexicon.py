"""The English lexicon: words and their frequencies, from the shipped word list.

The list (``citetrace/data/lexicon.txt``: symspellpy's 82,834-word
frequency list, arranged by :mod:`citetrace.ocr.wordlist`) is read as one
string and answered from it: a word is found by bisection among the words of
its length, and its count read beside it, so no table of every word is built.
Only the common words of the lengths a suggestion needs become sets, each
the first time it is needed.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from functools import cache, lru_cache
from itertools import chain

from rapidfuzz import process
from rapidfuzz.distance import OSA, Indel

from citetrace.confusion import CONFUSIONS, swapped
from citetrace.ocr.wordlist import COUNT_WIDTH, MAGIC, SHIPPED, SUGGEST_MIN_COUNT

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
# Endings that take a stem of three letters or more ("traveler", not "seler").
_LONG_STEM_ENDINGS = (
    ("eler", "eller"),
    ("elers", "ellers"),
    ("tered", "tred"),
    ("tering", "tring"),
)

_US_ENDINGS = tuple(us for us, _ in _VARIANT_ENDINGS)

# Scholarly Latin and French that English prose uses as is, and a few words
# the frequency list lacks. Kept small: names and terms of one document are
# judged by that document's own evidence.
_SUPPLEMENT = frozenset(
    """modus vivendi operandi inter alia passim ibid idem sic vis bogy bogey intra
    communique communiqué rapprochement détente detente politburo apparatchik nomenklatura
    perestroika glasnost finlandized finlandization sinologist sovietologist messrs mmes
    hoc novo situ vivo vitro silico fide priori posteriori facto jure versa ovo utero
    vs ye""".split()
)


_STRIDE = 32  # lines between two marks a bisection compares


class WordList:
    """The shipped list's text, with where the words of each length lie in it."""

    __slots__ = ("_blocks", "_counts", "_marks", "_text")

    def __init__(self, text: str) -> None:
        head = text[: text.find("\n\n")]
        lines = head.split("\n")
        if lines[0] != f"{MAGIC} {SUGGEST_MIN_COUNT}":
            raise ValueError(f"{SHIPPED}: not a word list this version of citetrace reads")
        self._text = text
        # length → (offset of its first line, line width, common words, words, first number)
        self._blocks: dict[int, tuple[int, int, int, int, int]] = {}
        offset, number = len(head) + 2, 0
        for line in lines[1:]:
            length, common, total = map(int, line.split())
            self._blocks[length] = (offset, length + 1, common, total, number)
            offset, number = offset + total * (length + 1), number + total
        self._counts = offset
        self._marks: dict[tuple[int, int], list[str]] = {}  # (block, first line) → marks
        if len(text) != offset + number * COUNT_WIDTH:
            raise ValueError(f"{SHIPPED}: the word list is damaged; reinstall citetrace")

    def number(self, word: str) -> int:
        """The word's place in the list, or -1 when it is not listed."""
        block = self._blocks.get(len(word))
        if block is None:
            return -1
        start, width, common, total, first = block
        found = self._find(word, start, width, 0, common)
        if found < 0:
            found = self._find(word, start, width, common, total)
        return found if found < 0 else first + found

    def _find(self, word: str, start: int, width: int, lo: int, hi: int) -> int:
        """The place of ``word`` among the sorted lines ``lo``..``hi`` of a
        length's block, or -1: bisection among every ``_STRIDE``-th line
        (in C), then a search of the few lines between two of them."""
        if lo >= hi:
            return -1
        key = (start, lo)
        marks = self._marks.get(key)
        if marks is None:
            text, size = self._text, width - 1
            marks = [
                text[at : at + size]
                for at in range(start + lo * width, start + hi * width, _STRIDE * width)
            ]
            self._marks[key] = marks
        below = bisect_right(marks, word)
        if not below:
            return -1
        window = start + (lo + (below - 1) * _STRIDE) * width
        # Every line is as wide as the word and its "\n", so a match found
        # between two line starts is a whole line.
        at = self._text.find(word + "\n", window, min(window + _STRIDE * width, start + hi * width))
        return -1 if at < 0 else (at - start) // width

    def count(self, number: int) -> int:
        """The corpus count of the word at place ``number``."""
        at = self._counts + number * COUNT_WIDTH
        return int(self._text[at : at + COUNT_WIDTH])

    def all(self) -> list[str]:
        """Every listed word."""
        first = min((block[0] for block in self._blocks.values()), default=self._counts)
        return self._text[first : self._counts].split()

    def lengths(self) -> list[int]:
        """The lengths of the listed words."""
        return list(self._blocks)

    def longest(self, common: bool = False) -> int:
        """The length of the longest listed word (with ``common``, of the longest common one)."""
        return max((n for n, block in self._blocks.items() if block[2] or not common), default=0)

    def common_counts(self, length: int) -> list[int]:
        """The counts of :meth:`common`'s words, in its order."""
        block = self._blocks.get(length)
        if block is None or not block[2]:
            return []
        first, common = block[4], block[2]
        at = self._counts + first * COUNT_WIDTH
        digits = self._text[at : at + common * COUNT_WIDTH]
        return [int(digits[i : i + COUNT_WIDTH]) for i in range(0, len(digits), COUNT_WIDTH)]

    def common(self, length: int) -> list[str]:
        """The common words (count ≥ SUGGEST_MIN_COUNT) of ``length`` letters."""
        block = self._blocks.get(length)
        if block is None or not block[2]:
            return []
        start, width, common, _, _ = block
        return self._text[start : start + common * width - 1].split("\n")


@cache
def words() -> WordList:
    """The shipped word list, read once, when a rule first needs it."""
    try:  # as bytes: no newline translation to pay for (.gitattributes keeps its "\n")
        data = SHIPPED.read_bytes()
    except OSError as exc:
        raise OSError(f"cannot read {SHIPPED} ({exc.strerror}); reinstall citetrace") from None
    try:
        return WordList(data.decode("ascii"))
    except UnicodeDecodeError:
        raise ValueError(f"{SHIPPED}: the word list is damaged; reinstall citetrace") from None


def all_words() -> list[str]:
    """Every word of the shipped list."""
    return words().all()


def _listed(word: str) -> bool:
    return words().number(word) >= 0


@lru_cache(maxsize=1 << 17)
def known(word: str) -> bool:
    """Whether lower-case ``word`` is an English word (or a spelling variant of one)."""
    if word in _SUPPLEMENT or _listed(word):
        return True
    for stem in (
        word[:-2] if word.endswith(("'s", "’s")) else None,
        word[:-1] if word.endswith("s") else None,
    ):
        if stem and (stem in _SUPPLEMENT or _listed(stem)):
            return True
    if word.endswith(_US_ENDINGS) and any(
        word.endswith(us) and _listed(word[: -len(us)] + uk) for us, uk in _VARIANT_ENDINGS
    ):
        return True
    if any(
        word.endswith(us) and len(word) - len(us) >= 3 and _listed(word[: -len(us)] + uk)
        for us, uk in _LONG_STEM_ENDINGS
    ):
        return True
    return _american_inside(word)


# The same American spellings inside a word: -or- where the British list has the
# stem in -our (colored, neighborhood, favorite) and -iz-/-yz- before an -ize
# ending (organizing, analyzing). A garble like "resorces" or "decizion" is none.
_IZE_INSIDE = re.compile(r"([a-z]{3,})([iy])z(e|es|ed|er|ers|ing|ation|ations|able)")


def _american_inside(word: str) -> bool:
    """Whether ``word`` is an American spelling of a listed word (or plural)."""
    if m := _IZE_INSIDE.fullmatch(word):
        british = f"{m[1]}{m[2]}s{m[3]}"
        if _listed(british) or (british.endswith("s") and _listed(british[:-1])):
            return True
    at = word.find("or", 3)
    while 0 < at <= len(word) - 4:
        stem, rest = word[:at], word[at + 2 :]
        if _listed(stem + "our"):  # the stem is the list's, in -our
            british = f"{stem}our{rest}"
            if _listed(british) or (british.endswith("s") and _listed(british[:-1])):
                return True
        at = word.find("or", at + 1)
    return False


def warm() -> None:
    """Read the word list and build every set suggestions use, ahead of the first word."""
    for length in words().lengths():
        _common_set(length)


@cache
def longest(common: bool = False) -> int:
    """The length of the longest listed word (with ``common``, of the longest common one)."""
    return words().longest(common)


@lru_cache(maxsize=1 << 16)
def frequency(word: str) -> int:
    """The corpus count of lower-case ``word`` (0 when it is not listed)."""
    listed = words()
    number = listed.number(word)
    return 0 if number < 0 else listed.count(number)


_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _edits(word: str) -> tuple[list[str], list[str], list[str]]:
    """Every string one edit away, by length: one letter shorter (a deletion),
    as long (a transposition or replacement), one letter longer (an insertion)."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    shorter = [a + b[1:] for a, b in splits if b]
    same = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
    same += [a + c + b[1:] for a, b in splits if b for c in _LETTERS]
    longer = [a + c + b for a, b in splits for c in _LETTERS]
    return shorter, same, longer


def _misreadings(word: str) -> set[str]:
    """The word with one glyph group read back (``govemment`` → ``government``)."""
    return swapped(word, CONFUSIONS)


# Glyphs OCR reads for one another, and e and o, which worn type blurs:
# what a garbled word with no word one edit away may hide behind two of.
_WORN = CONFUSIONS | {("o", "e"), ("e", "o")}


@lru_cache(maxsize=16384)
def glyph_readings(word: str) -> list[str]:
    """Common words lower-case ``word`` reads as with one or two glyphs read back
    (``boforo`` → before, ``rcstrietions`` → restrictions): where no word is one
    edit away, two misread glyphs are likelier than any other two edits."""
    if len(word) > longest(common=True) + 2:
        return []  # no common word is that long: a run of words OCR lost the spaces of
    first = swapped(word, _WORN)
    second = {form for one in first for form in swapped(one, _WORN)}
    found = _common_among(first | second)
    found.discard(word)
    return sorted(found)


SLIP_READING_LENGTH = 7  # letters from which a word is read back through a glyph and a slip


@lru_cache(maxsize=16384)
def glyph_and_slip_readings(word: str) -> list[str]:
    """Common words lower-case ``word`` reads as with one glyph read back and one
    other letter mended (``soctetary`` → secretary, ``reduotlon`` → reduction): for
    a garbled word of seven letters or more that no two glyphs explain."""
    if not SLIP_READING_LENGTH <= len(word) <= longest(common=True) + 2:
        return []
    found: set[str] = set()
    for form in swapped(word, _WORN):
        size = len(form)
        same, shorter = _common_set(size), _common_set(size - 1)
        for i in range(size):  # a letter misread, or a stray one (a lost one is rarer)
            head, tail = form[:i], form[i + 1 :]
            found.update(same.intersection([head + c + tail for c in _LETTERS]))
            if head + tail in shorter:
                found.add(head + tail)
    found.discard(word)
    return sorted(found)


@cache
def _common_list(length: int) -> list[str]:
    return words().common(length)


@cache
def _common_set(length: int) -> frozenset[str]:
    return frozenset(_common_list(length))


def _common_among(candidates: set[str]) -> set[str]:
    """The candidates that are common words."""
    found: set[str] = set()
    for length in set(map(len, candidates)):
        found |= candidates & _common_set(length)
    return found


FREQUENT = 1_000_000  # corpus count of a word whose damage marks a scan (see ocr.noise)


@cache
def _frequent() -> array:
    """The hashes, sorted, of every frequent word and of every string one of
    them makes with a letter taken out: built once (about 0.1 s, 1.5 MB), the
    first time a word is screened. Two strings may share a hash; then the
    screen lets a word through that it could have stopped, never the reverse."""
    listed = words()
    frequent = [
        w
        for length in listed.lengths()
        for w, n in zip(listed.common(length), listed.common_counts(length), strict=True)
        if n >= FREQUENT
    ]
    shortened = (w[:i] + w[i + 1 :] for w in frequent for i in range(len(w)))
    return array("q", sorted(map(hash, chain(frequent, shortened))))


def _screened(strings: Iterable[str]) -> bool:
    """Whether one of ``strings`` hashes as a frequent word or a shortened one."""
    table = _frequent()
    size = len(table)
    for h in map(hash, strings):
        at = bisect_left(table, h)
        if at < size and table[at] == h:
            return True
    return False


@lru_cache(maxsize=16384)
def frequent_near(word: str) -> bool:
    """Whether a frequent word may be one edit or one misread glyph from
    lower-case ``word``: never false when :func:`suggestions` one edit away
    holds one (a letter put in, left out, changed or two swapped all leave a
    string both words make with a letter taken out), at a few look-ups."""
    if len(word) > longest(common=True) + 1:
        return False  # longer than any frequent word by two: no edit reaches one
    shortened = (word[:i] + word[i + 1 :] for i in range(len(word)))
    return _screened(chain((word,), shortened, _misreadings(word)))


@lru_cache(maxsize=16384)
def suggestions(word: str, max_distance: int = 2) -> list[str]:
    """Common words (count ≥ SUGGEST_MIN_COUNT) one edit from lower-case ``word``,
    or, when there are none and ``max_distance`` allows, two edits away.

    One-edit candidates are generated from the word and looked up, so a
    look-up costs the same whatever the size of the lexicon. The second step
    allows one more deletion or transposition, which covers the dropped and
    swapped letters typical of OCR and typing.
    """
    if len(word) > longest(common=True) + 2:
        # No common word is within two edits, and generating the edits of a long
        # run of letters (a paragraph OCR'd without spaces) costs the square of its length.
        return []
    # Each length's edits are looked up among the common words of that length
    # only: a third of the look-ups of one set of every edit, and no such set.
    n = len(word)
    shorter, same, longer = _edits(word)
    misread = _misreadings(word)
    found = set(_common_set(n - 1).intersection(shorter))
    found |= _common_set(n).intersection(same)
    found |= _common_set(n + 1).intersection(longer)
    found |= _common_among(misread)
    found.discard(word)
    if found or max_distance < 2 or n < 6:
        return sorted(found)  # two edits from a short word could be almost any word
    first = {*shorter, *same, *longer} | misread
    second = _second_by_scan if n >= _SCAN_FROM else _second_by_generation
    return sorted(c for c in second(word, first) if c != word)


# From this length on, comparing the common words of a similar length costs
# less than generating every second edit (which grows with the square of the
# length): 4.2 against 6.1 ms at seven letters, 1.8 against 18.5 at twelve.
# Both give the same words.
_SCAN_FROM = 7


def _second_by_generation(word: str, first: set[str]) -> list[str]:
    """Common words one deletion or transposition from a first-step candidate."""
    second = {e2 for e1 in first for e2 in _shrinks(e1)}
    return [c for c in _common_among(second) if OSA.distance(word, c) <= 2]


def _second_by_scan(word: str, first: set[str]) -> list[str]:
    """The same words as :func:`_second_by_generation`: the common words of a
    nearby length within two edits (rapidfuzz compares them in C), kept when
    one deletion or transposition leads to them from a first-step candidate."""
    choices = list(chain.from_iterable(map(_common_list, range(len(word) - 2, len(word) + 3))))
    # Two edits are at most four insertions and deletions, and the Indel
    # distance is the cheaper one to compute, so it narrows the words first.
    # ``limit=len(choices)`` returns the same as ``limit=None`` but takes
    # rapidfuzz's compiled path: about a third of the time without numpy.
    near = process.extract(word, choices, scorer=Indel.distance, score_cutoff=4, limit=len(choices))
    alphabet = set(_LETTERS) | set(word) | {ch for pair in CONFUSIONS for g in pair for ch in g}
    return [
        c
        for c, _, _ in near
        if OSA.distance(word, c, score_cutoff=2) <= 2 and not first.isdisjoint(_grows(c, alphabet))
    ]


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
