"""Judging the words of a document: which are OCR damage, and what they should read.

Each distinct word is judged once, from several kinds of evidence:

- the lexicon: a lower-case word that is not English but is one or two edits
  from a common word;
- the document itself: a rare word an OCR-plausible edit away from a word the
  document uses often, or from a name in its reference list (``Camobida`` →
  ``Cambodia``), which is how names and transliterations are judged without a
  gazetteer; a name used consistently and near no other is left alone;
- the confusion model: misreadings such as ``rn``/``m`` or ``l``/``I`` weigh
  less than other edits, and ``II`` before a lower-case letter is ``Il``;
- shape: words run together with a year (``July1987``) or with each other
  (``conflictridden``), and words broken at a line end (``Med-`` / ``vedev``),
  which are joined before they are judged.

Then every occurrence of a damaged word is located, outside the zones that
are never judged (citations, the reference list, foreign glosses, ``[sic]``).
"""

from __future__ import annotations

import itertools
import math
import re
import string
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Container, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice

from rapidfuzz import process
from rapidfuzz.distance import LCSseq, Levenshtein

from citetrace.confusion import CONFUSION_COST, ocr_distance, plausible
from citetrace.inputs.document import Document
from citetrace.model import Typo
from citetrace.ocr import context, derivation, function_words, letters, lexicon
from citetrace.ocr.function_words import SHORT_NON_WORD, o_for_e
from citetrace.ocr.old_spelling import modern
from citetrace.ocr.specks import specks
from citetrace.ocr.tokens import (
    TOKEN,
    Zones,
    broken_words,
    in_foreign_or_code,
    marked_sic,
    piece_offsets,
)
from citetrace.text import PARTICLES

GARBLED = "not a word, and no word is near enough to suggest"
NOT_ENGLISH = "not an English word"  # a reading from the lexicon alone
STRAY = "a letter standing alone: a speck or a broken glyph, most likely"
# Lower-case letters that stand alone in English prose only as damage ("a" is a word).
_STRAY_LETTERS = frozenset("bcdefghijklmnopqrstuvwxyz")
GARBLED_LETTERS = "not a word or a name: its letters are unlike English"
# A capitalised word used once that no lexicon, name or glyph reading accounts
# for: reported only in the most damaged scans (see citetrace.ocr.noise).
UNKNOWN_CAPITAL = "not a word, and a name the document uses only here"
_POSSESSIVES = ("'s", "’s")
_SPACE = re.compile(r"\s")
CHUNK = 1 << 20  # characters of the body split and counted at a time
_ROMAN_I = re.compile(r"II['’]?[a-z][^\W\d_]*(?:['’][^\W\d_]+)*")
_RUN_TOGETHER = re.compile(r"([A-Za-z]{3,})(\d{4})")
_LETTERS = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_DIGIT_IN_WORD = re.compile(r"[A-Za-z01]*[01][A-Za-z01]*")
_ORDINAL = re.compile(r"[01]+(?:st|nd|rd|th|s)")
_LL_AS_U = re.compile(r"[A-Za-z]?[a-z]*[a-z][UH][a-z]*")
_DIGIT_AS_LETTER = {"0": "oO", "1": "lI"}
_MAX_MISREAD_DIGITS = 3  # readings double with each digit
_TIE = math.log(3)
_MIN_SPLIT_COUNT = 1_000_000
_OWN_WORD = 3  # uses of a rare word that show the text means it
_COMPOUND_PART = 5  # letters of each content word two words run together must have
_WELL_KNOWN = 1_000_000  # corpus count above which a capitalised word vouches alone
_COMMON_READING = 1_000_000  # corpus count of a word a capitalised name may misread
LONG_WORD = 9  # letters from which a word is compared with words two edits away
_LONG_NAME = 8  # letters from which a capitalised word one plain edit from a word is judged
_HEAD = 10  # letters of two spellings compared to find near names
_DEEP = 7  # heads this long may differ by two dropped letters on each side


@dataclass
class _Verdict:
    word: str
    suggestions: tuple[str, ...]
    kind: str
    confidence: float
    evidence: str


def _key(word: str) -> str:
    """``word`` without a possessive ``'s``."""
    return word[:-2] if word.endswith(_POSSESSIVES) else word


def _letters(token: str) -> bool:
    """Whether ``token`` is letters only, with apostrophes inside (``O'Neill``)."""
    return token.isalpha() or _LETTERS.fullmatch(token) is not None


def _match_case(model: str, word: str) -> str:
    if model.isupper() and len(model) > 1:
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


class _Evidence:
    """Counts of the document's words, the spellings its reference list vouches
    for, and where the words that may be damaged stand.

    The body is read in chunks of about a million characters, so that memory
    does not grow with the whole split document: each chunk is split on white
    space and its pieces counted; of its pieces only those holding a token a
    verdict may concern (see ``_suspect``) are kept, in order, to be located
    once the verdicts are known.
    """

    def __init__(
        self, text: str, body_end: int, vocabulary: frozenset[str], thorough: bool = True
    ) -> None:
        self.thorough = thorough  # look two edits away, not only one
        # screen words for a frequent word near them (see _from_lexicon)
        self.screened = not thorough and next(_QUICK_LOOKS) >= _SCREEN_FROM
        listed: Counter[str] = Counter()
        _count_tokens(Counter(text[body_end:].split()), {}, listed)
        self.references = {_key(t) for t in listed if _letters(t)}
        self.vocabulary = vocabulary
        self.tokens: Counter[str] = Counter()  # every spelling of the body, as written
        self.suspects: list[tuple[int, int, list[str]]] = []  # (start, stop, pieces) by chunk
        self.piece_tokens: dict[str, list[str]] = {}  # each distinct piece's tokens
        # each suspect piece, mapped to one string of it: the pieces kept refer to
        # that string, so that no piece of a chunk outlives the chunk
        self.suspect_pieces: dict[str, str] = {}
        suspect: dict[str, bool] = {}  # each distinct token judged once
        for start, stop in _chunks(text, body_end, CHUNK):
            pieces = text[start:stop].split()
            for piece in _count_tokens(Counter(pieces), self.piece_tokens, self.tokens):
                for token in self.piece_tokens[piece]:
                    if token not in suspect:
                        suspect[token] = self._suspect(token)
                    if suspect[token]:
                        self.suspect_pieces[piece] = piece
            found = filter(self.suspect_pieces.__contains__, pieces)
            kept = list(map(self.suspect_pieces.__getitem__, found))
            if kept:
                self.suspects.append((start, stop, kept))
        # the tokens a verdict may concern, and the words of the body they spell
        self.questioned = frozenset(token for token, questioned in suspect.items() if questioned)
        self.questioned_words = frozenset(map(_key, self.questioned))
        self.body: Counter[str] = Counter(_words(self.tokens))
        self.counts: Counter[str] = Counter(_words(listed, dict(self.body)))
        lower: dict[str, int] = {}
        for word, n in self.counts.items():
            low = word.lower()
            lower[low] = lower.get(low, 0) + n
        self.lower: Counter[str] = Counter(lower)
        self._names: tuple[list[str], list[str], list[int]] | None = None
        self._long_s: bool | None = None

    def long_s_type(self) -> bool:
        """Whether the text's type has the long s: lower-case words OCR read
        with an f for it (``fhould``, ``refolved``) in several spellings."""
        if self._long_s is None:
            found = 0
            for word in self.body:
                if "f" in word[:-1] and word.islower() and not self.is_word(word):
                    found += _long_s(word) is not None
                    if found >= LONG_S_WORDS:
                        break
            self._long_s = found >= LONG_S_WORDS
        return self._long_s

    def _suspect(self, token: str) -> bool:
        """Whether a verdict may concern ``token``: a spelling of ``Il``, a token
        mixing letters with digits or apostrophes, or a word of four letters or
        more that is not a word. Every damaged word is one of these."""
        shape = (_suspect_shape if len(token) <= _CACHED else _suspect_shape.__wrapped__)(
            token, self.thorough
        )
        if shape != UNLESS_VOUCHED:
            return shape == SUSPECT
        return not (token.lower() in self.vocabulary or token in self.references)

    def is_word(self, word: str) -> bool:
        low = word.lower()
        return low in self.vocabulary or lexicon.known(low) or word in self.references

    def is_english(self, word: str) -> bool:
        """Whether ``word`` is English as a gloss's words are weighed: a word, or a
        common one in lower case with a glyph misread (``daughtor`` in "Miss Brown
        (daughtor)" is damage, not a word of another language; a name is left be)."""
        return self.is_word(word) or (word.islower() and _misread_common(word))

    def _vouching_names(self) -> tuple[list[str], list[str], list[int]]:
        """The spellings that can vouch for a name, with their heads and reach:
        capitalised, and listed in the references, used more than once, or a
        long, common English name. Lower-case words are judged by the lexicon,
        with this document's counts as a tie-breaker."""
        found = []
        for w, n in self.counts.items():
            if not w[:1].isupper():
                continue
            if n >= 2 or w in self.references:
                deep = True
            elif _well_known(w):
                deep = False  # one edit is enough evidence here
            else:
                continue
            head = w.lower()[:_HEAD]
            found.append((len(head), w, head, _reach(head, deep)))
        found.sort()  # by head length, for the slice names_near compares
        return [w for _, w, _, _ in found], [h for _, _, h, _ in found], [r for *_, r in found]

    def names_near(self, word: str) -> list[str]:
        """Spellings in the document an OCR-plausible edit from ``word``, better attested.

        Candidates share a common subsequence with ``word`` on their first ten
        letters, each side dropping at most its reach (rapidfuzz computes the
        longest common subsequences in C); then the edit must be plausible.
        """
        if self._names is None:
            self._names = self._vouching_names()
        names, heads, reach = self._names
        head = word.lower()[:_HEAD]
        own = _reach(head, deep=True)
        # Each side drops at most two letters, so the heads' lengths differ by two at most.
        lo = bisect_left(heads, len(head) - 2, key=len)
        hi = bisect_right(heads, len(head) + 2, key=len)
        names, heads, reach = names[lo:hi], heads[lo:hi], reach[lo:hi]
        close = process.extract(
            head, heads, scorer=LCSseq.similarity, score_cutoff=len(head) - own, limit=None
        )
        seen = {names[i] for _, common, i in close if common >= len(heads[i]) - reach[i]}
        mine = self.counts[word]
        out = []
        for v in seen:
            if v == word or v.lower() == word.lower() or v[:1].isupper() != word[:1].isupper():
                continue
            if _inflection(word.lower(), v.lower()):
                continue  # Afgan and Afgans are one word, not two spellings
            attested = (
                v in self.references
                or lexicon.known(v.lower())
                or self.counts[v] >= max(2, 2 * mine)
            )
            if attested and plausible(word.lower(), v.lower()):
                out.append(v)
        return out


@lru_cache(maxsize=4096)
def _misread_common(word: str) -> bool:
    """Whether lower-case ``word`` of five letters or more is one glyph misread
    from a common word."""
    return len(word) >= _GLOSS_MISREAD and any(
        ocr_distance(word, c) <= CONFUSION_COST and lexicon.frequency(c) >= _COMMON_READING
        for c in lexicon.suggestions(word, 1)
    )


_GLOSS_MISREAD = 5  # letters of a word in a gloss from which a misread glyph is damage


SUSPECT, CLEAR, UNLESS_VOUCHED = 1, 0, 2
_CACHED = 40  # letters of the longest token whose shape is kept across a batch


@lru_cache(maxsize=1 << 17)
def _suspect_shape(token: str, thorough: bool) -> int:
    """What a token's shape and the lexicon say of it, the same in every document
    (kept across a batch): :data:`SUSPECT`, :data:`CLEAR`, or, for a long word no
    lexicon knows, :data:`UNLESS_VOUCHED` by the document's references or the
    user's vocabulary."""
    if token in _MISREAD_IL or not (token.isalpha() or token.isdigit()):
        return SUSPECT
    if _LL_AS_U.fullmatch(token) or _S_AS_B.fullmatch(token):
        return SUSPECT  # "weU", "aH": ll read as U or H; "waB": s read as B
    if len(token) <= function_words.MAX_LENGTH and (
        _short_reading(token) is not None
        or (thorough and (_short_garble(token) or token in _STRAY_LETTERS))
    ):
        return SUSPECT  # "tho", "tbe", "nnd", "j"
    if len(token) < 4 or lexicon.known(token.lower()):
        return CLEAR
    return UNLESS_VOUCHED


def _reach(head: str, deep: bool) -> int:
    """Letters that may be dropped from a head when comparing: two from a long
    one (one if the spelling vouches only by being well known), else one."""
    return 2 if deep and len(head) >= _DEEP else 1


def _well_known(word: str) -> bool:
    return len(word) >= 7 and lexicon.frequency(word.lower()) >= _WELL_KNOWN


def _words(tokens: dict[str, int], into: dict[str, int] | None = None) -> dict[str, int]:
    """``into`` (a new mapping by default) with the counts of ``tokens`` that are
    words (letters, apostrophes inside), a possessive ``'s`` taken off."""
    words = {} if into is None else into
    get = words.get
    for token, n in tokens.items():
        if token.isalpha():  # no apostrophe: no possessive to take off
            words[token] = get(token, 0) + n
        elif _LETTERS.fullmatch(token):
            word = _key(token)
            words[word] = get(word, 0) + n
    return words


# What may close or open a piece around its one token: signs no token holds.
_PUNCTUATION = ".,;:!?()[]{}\"'“”‘’«»"


def _count_tokens(
    pieces: Counter[str], piece_tokens: dict[str, list[str]], tokens: Counter[str]
) -> list[str]:
    """Add to ``tokens`` how often each token occurs in ``pieces`` (white-space
    separated pieces, counted). Each distinct piece is split into tokens once,
    and its tokens kept in ``piece_tokens``; returns the pieces new to it."""
    new = []
    count = tokens.get
    for piece, n in pieces.items():
        found = piece_tokens.get(piece)
        if found is None:
            # letters and digits alone, with marks around them or none, are one token
            # (TOKEN's [^\W_] is what isalnum accepts)
            core = piece.strip(_PUNCTUATION)
            piece_tokens[piece] = found = [core] if core.isalnum() else TOKEN.findall(piece)
            new.append(piece)
        for token in found:
            tokens[token] = count(token, 0) + n
    return new


def _chunks(text: str, end: int, size: int) -> Iterator[tuple[int, int]]:
    """``text[:end]`` in spans of about ``size`` characters, cut at white space."""
    start = 0
    while start < end:
        stop = min(end, start + size)
        if stop < end:
            space = _SPACE.search(text, stop, end)
            stop = end if space is None else space.start()
        yield start, stop
        start = stop


def _locate(
    text: str, evidence: _Evidence, words: Container[str]
) -> Iterator[tuple[int, int, str]]:
    """``(start, stop, word)`` for every occurrence of ``words`` as a token of the
    body, in order; a possessive ``'s`` may follow a word. One forward sweep
    over the kept pieces finds them all; where the words stand inside each
    distinct piece is worked out once."""
    wanted = {t for t in evidence.tokens if t in words or _key(t) in words}
    if not wanted:
        return
    spots: dict[str, list[tuple[int, int, str]]] = {}  # piece → (start, stop, word) in it
    for piece in evidence.suspect_pieces:
        if not wanted.isdisjoint(evidence.piece_tokens[piece]):
            spots[piece] = _spots(piece, words)
    for start, stop, kept in evidence.suspects:
        for at, piece in piece_offsets(text, stop, filter(spots.__contains__, kept), start):
            for begin, end, word in spots[piece]:
                yield at + begin, at + end, word


def _spots(piece: str, words: Container[str]) -> list[tuple[int, int, str]]:
    """``(start, stop, word)`` for each of ``words`` standing as a token in ``piece``."""
    out = []
    for m in TOKEN.finditer(piece):
        token = m.group()
        word = token if token in words else _key(token)
        if word in words:
            out.append((m.start(), m.start() + len(word), word))
    return out


def _inflection(a: str, b: str) -> bool:
    short, long_ = sorted((a, b), key=len)
    return long_ in (short + "s", short + "es", short + "'s", short + "’s")


def find_typos(
    doc: Document,
    skip: Iterable[tuple[int, int]],
    vocabulary: frozenset[str] = frozenset(),
    ignore_sic: bool = True,
    thorough: bool = True,
) -> list[Typo]:
    """Every damaged word of ``doc``'s prose, outside the ``skip`` ranges (citations).

    ``vocabulary`` holds lower-case words never to flag; with ``ignore_sic`` a
    word followed by ``[sic]`` is left alone. Without ``thorough`` a word is
    compared only with common words one edit away, not two: a quick first look
    that finds every damaged common word, for the noise estimate.
    """
    text, end = doc.text, doc.body_end
    evidence = _Evidence(text, end, vocabulary, thorough)
    fixed = Zones(skip)

    def allowed(start: int, stop: int) -> bool:
        if fixed.overlaps(start, stop) or (ignore_sic and marked_sic(text, stop)):
            return False
        return not in_foreign_or_code(text, start, evidence.is_english)

    typos: list[Typo] = []
    consumed = []
    judged: dict[str, _Verdict | None] = {}
    for start, stop, joined, split_at in broken_words(text, end):
        consumed.append((start, stop))
        if joined not in judged:
            head, tail = joined[:split_at], joined[split_at:]
            genuine = evidence.is_word(head) and evidence.is_word(tail)  # "non-aligned"
            ok = evidence.is_word(joined) or genuine
            judged[joined] = None if ok else _judge(joined, evidence, 1)
        verdict = judged[joined]
        if verdict is not None and allowed(start, stop):
            typos.append(_typo(verdict, start, stop, text))
    consumed_zone = Zones(consumed)

    def unbroken(start: int, stop: int) -> bool:  # not a piece of a word broken at a line end
        return not consumed_zone.overlaps(start, stop) and allowed(start, stop)

    verdicts = _judge_words(evidence)
    verdicts.update(_special_tokens(evidence))
    middles = _misread_middles(evidence)
    found_middles = []
    for start, stop, word in _locate(text, evidence, verdicts.keys() | middles):
        if word in middles:
            found_middles.append((start, word))
        verdict = verdicts.get(word)
        if verdict is None or start in consumed_zone or not allowed(start, stop):
            continue
        short = len(word) <= function_words.MAX_LENGTH
        if short and _names_a_person(text, stop, word) and verdict.suggestions != ("The",):
            continue  # "Ho Chi Minh" (but "Tho Government" is "The Government")
        if len(word) == 1 and not _alone(text, start, stop):
            continue  # "(b)", "b.", "x-axis": a letter that means something
        if word in _LATIN and _LATIN[word].match(text, stop, stop + 8):
            continue  # "et al.", "cf.": Latin, where it stands as Latin ("et" alone is "at")
        if (word == "v" or word in _NAME_PARTICLES) and _NEXT_CAPITAL.match(text, stop, stop + 8):
            continue  # "Rex v Hargan": versus; "Herr von Meusebach": a name's particle
        if short and _unit_after_number(text, start, stop):
            continue  # "7 grs.", "13 dwts.": a unit's abbreviation
        if len(word) <= 3 and _BEFORE_A_NUMBER.match(text, stop, stop + 3):
            continue  # "pp. 117", "vol. 3", "no. 5": an abbreviation before its number
        if short and _joined(text, start, stop):
            continue  # "pre-treatment", "mis-sense", "and/or": a prefix or a part
        typos.append(_typo(verdict, start, stop, text))
    typos += _name_trigrams(text, end, found_middles, allowed)
    typos = _with_broken_glyphs(text, end, typos, evidence, allowed)
    if thorough:
        typos.sort(key=lambda t: t.start)
        typos = _rejoined(text, end, typos, evidence, allowed)
        typos += _titles(text, end, typos, evidence, allowed)
        typos += _months(text, end, typos, evidence, allowed)
        _chosen_by_context(text, typos)
        typos += _in_context(text, end, typos, evidence, unbroken)
        typos += specks(text, end, typos, allowed)
        typos = _strays_joined(text, end, typos, evidence, allowed)
    typos.sort(key=lambda t: t.start)
    return [t for t in typos if not _half_of_a_word(text, t, evidence)]


POSSESSIVE = "an apostrophe lost before the s of a possessive: it reads"
LETTER_JOINED = "a word's first letter cut off by a space: joined, it reads"
_JOINED = 0.6  # the confidence of a stray letter read as a word's part
_BEFORE_S = re.compile(r"(?<![\w'’-])([A-Za-z][a-z]{2,}) $")
_AFTER_LETTER = re.compile(r" ([a-z]{2,})(?![\w'’-])")
# Words that own nothing: "was s" is no "was's".
_NO_POSSESSOR = frozenset(
    "the and for was are were has had his her its this that with from not but "
    "they she him our you".split()
)


def _strays_joined(
    text: str,
    end: int,
    typos: list[Typo],
    evidence: _Evidence,
    allowed: Callable[[int, int], bool],
) -> list[Typo]:
    """Stray letters that are a part of the word beside them, a space put
    between: an ``s`` after a word is its possessive, its apostrophe lost
    (``Blake s Edition`` → Blake's), and a letter before a lower-case piece
    that it makes a common word with is that word's first (``w ould`` → would,
    ``w as`` → was). The joined reading replaces the findings it covers."""
    joined: list[Typo] = []
    for typo in typos:
        if typo.evidence != STRAY or typo.suggestions:
            continue
        start, stop, letter = typo.start, typo.end, typo.text
        if letter == "s" and (m := _BEFORE_S.search(text, max(0, start - 40), start)):
            owner = m.group(1)
            if (
                owner.lower() not in _NO_POSSESSOR
                and (owner[0].isupper() or evidence.is_word(owner))
                and allowed(m.start(1), stop)
            ):
                reading = f"{owner}'s"
                why = f"{POSSESSIVE} {reading}"
                joined.append(
                    Typo(
                        "ocr-typo",
                        m.start(1),
                        stop,
                        text[m.start(1) : stop],
                        (reading,),
                        _JOINED,
                        why,
                    )
                )
                continue
        m = _AFTER_LETTER.match(text, stop, min(end, stop + 40))
        if m is None:
            continue
        word = letter + m.group(1)
        if lexicon.frequency(word) >= _COMMON_READING and allowed(start, m.end()):
            why = f"{LETTER_JOINED} '{word}'"
            joined.append(
                Typo("ocr-typo", start, m.end(), text[start : m.end()], (word,), _JOINED, why)
            )
    return _instead(typos, joined)


def _instead(typos: list[Typo], found: list[Typo]) -> list[Typo]:
    """``typos`` with ``found`` in place of those they overlap."""
    if not found:
        return typos
    spans = Zones([(t.start, t.end) for t in found])
    return [t for t in typos if not spans.overlaps(t.start, t.end)] + found


_HALF_BEFORE = re.compile(r"(?<![\w'’-])([^\W\d_]+)-$")
_HALF_AFTER = re.compile(r"-([^\W\d_]+)(?![\w'’-])")


def _half_of_a_word(text: str, typo: Typo, evidence: _Evidence) -> bool:
    """Whether ``typo`` is one half of a word a hyphen splits inside a line
    (``Orna-ments``, ``transfor-mation``: a line's end of the printed page,
    rejoined by the OCR): the halves together are a word."""
    word = typo.text
    if not word.isalpha():
        return False
    before = _HALF_BEFORE.search(text, max(0, typo.start - 40), typo.start)
    if before and evidence.is_word(before.group(1) + word):
        return True
    after = _HALF_AFTER.match(text, typo.end, typo.end + 40)
    return after is not None and evidence.is_word(word + after.group(1))


BROKEN_GLYPH = "a word with a glyph OCR could not read (~)"
STRAY_MARK = "letters broken by a mark OCR put for a glyph it could not read"
_TIED = frozenset({"et", "al"})  # "et~al": a TeX tie inside a citation
# A mark between letters that no word holds: OCR's tilde for a glyph it could not
# read ("in~nediately"), and the brackets, bars and stray signs it reads dirt or
# broken type as ("Gener\\]erungssystem", "atfe;ct", "wh»n", "accus\"d"). Not "/" or
# ":" (and/or, mg/kg, http://), and "(" only as a plural "(s)" would be too common.
_MARKED_WORD = re.compile(r"[^\W\d_]+(?:[\[\]{};?\\|<>^~*«»\"]+[^\W\d_]+)+")
_MARK_RUN = re.compile(r"[\[\]{};?\\|<>^~*«»\"]+")
_OPENING = "(\"'“‘"
_CLOSING = ".,;:!?)\"'”’"
_CONTRACTION_TAILS = frozenset({"s", "t", "d", "ll", "re", "ve", "m"})


def _with_broken_glyphs(
    text: str,
    end: int,
    typos: list[Typo],
    evidence: _Evidence,
    allowed: Callable[[int, int], bool],
) -> list[Typo]:
    """Typos with every word OCR broke with a mark no word holds: a tilde for a
    glyph it could not read (``in~nediately``, ``Cortlcr~nce``), which no
    born-digital word has, or a bracket, bar or stray sign (``morpho\\]ogische``,
    ``user?s``): one typo for the word, its pieces' own verdicts dropped.
    Words and names joined by such a mark (a TeX tie: ``et~al``, ``Dr~Okafor``)
    are left alone. The word without its marks is suggested when it is a word
    (``find~ing``), and ``user's`` for ``user?s``."""
    found: dict[int, Typo] = {}
    covered = 0  # where the last piece looked at ends: each piece is read once
    for hit in _MARK_RUN.finditer(text, 1, end):  # the marks first: far rarer than letters
        at, after = hit.start(), hit.end()
        if at < covered or after >= end or not (text[at - 1].isalpha() and text[after].isalpha()):
            continue
        if hit.group() == '"' and not (text[at - 1].islower() and text[after].islower()):
            continue  # 'said"Yes': a quotation's mark, its space lost
        piece = _piece_around(text, at, after, end)
        if piece is None:
            continue  # no white space near: a table row or code, not a word
        start, stop = piece
        covered = stop
        if start in found or _MARKED_WORD.fullmatch(text, start, stop) is None:
            continue
        word = text[start:stop]
        parts = _MARK_RUN.split(word)
        filled = _filled(word, parts)
        # in a scan, "w*s", "t?e": one of the commonest words, a glyph lost
        commonest = evidence.thorough and len(filled) == 1 and filled[0].lower() in _FUNCTION_WORDS
        if not commonest:
            if all(p.lower() in _TIED or p[0].isupper() or evidence.is_word(p) for p in parts):
                continue  # "Smith et~al.", "Dr~Okafor", "Kraków~and": words and names tied
            if len("".join(parts)) < 4:
                continue  # "a;b", "x|y": too short to tell from notation
        if not allowed(start, stop):
            continue
        marks = set("".join(_MARK_RUN.findall(word)))
        tilde = marks == {"~"}
        suggestion, confidence = _unmarked(word, parts, evidence), 0.8
        if not suggestion:  # worth a look; a glyph's reading a guess, several in doubt
            suggestion = filled
            confidence = 0.6 if len(filled) <= 1 else 0.4
        why = BROKEN_GLYPH if tilde else STRAY_MARK
        found[start] = Typo("ocr-typo", start, stop, word, suggestion, confidence, why)
    return _instead(typos, list(found.values()))


_LONGEST_PIECE = 64  # characters a marked word may reach on either side of its mark


def _piece_around(text: str, start: int, stop: int, end: int) -> tuple[int, int] | None:
    """The white-space separated piece around ``text[start:stop]``, less the
    punctuation that opens or closes it; ``None`` when it is longer than a word."""
    first, last = max(0, start - _LONGEST_PIECE), min(end, stop + _LONGEST_PIECE)
    while start > first and not text[start - 1].isspace():
        start -= 1
    while stop < last and not text[stop].isspace():
        stop += 1
    if (start == first and start > 0) or (stop == last and stop < end):
        return None
    while start < stop and text[start] in _OPENING:
        start += 1
    while stop > start and text[stop - 1] in _CLOSING:
        stop -= 1
    return start, stop


def _unmarked(word: str, parts: list[str], evidence: _Evidence) -> tuple[str, ...]:
    """What a marked word reads without its marks, if that is a word."""
    if len(parts) == 2 and parts[1] in _CONTRACTION_TAILS and evidence.is_word(parts[0]):
        return (f"{parts[0]}'{parts[1]}",)  # "user?s": an apostrophe OCR could not read
    bare = "".join(parts)
    return (bare,) if evidence.is_word(bare) else ()


_FILL_RATIO = 3  # how much commoner than the next such reading the one suggested must be


def _filled(word: str, parts: list[str]) -> tuple[str, ...]:
    """The common words a word broken by one run of marks reads as with the marks
    taken for one glyph OCR could not read (``wh»n`` → when, ``ni?ht`` → night):
    the commonest alone when it is three times as common as the next, else up to
    three."""
    if len(parts) != 2:
        return ()
    head, tail = parts[0].lower(), parts[1].lower()
    found = sorted(
        (
            (count, reading)
            for letter in string.ascii_lowercase
            if (count := lexicon.frequency(reading := head + letter + tail)) >= _COMMON_READING
        ),
        reverse=True,
    )
    if len(found) > 1 and found[0][0] < _FILL_RATIO * found[1][0]:
        return tuple(_match_case(word, reading) for _, reading in found[:3])
    return tuple(_match_case(word, reading) for _, reading in found[:1])


TITLE = "not a word, before a name: a title misread"
_TITLES = ("Mr", "Mrs", "Miss", "Messrs", "Ms")
_BEFORE_NAME = re.compile(r"(?<![\w'’.])(M[A-Za-z'’]{1,5})(?:\.|(?=\s))[ \t]*\r?\n?[ \t]*(?=[A-Z])")
_TITLE_SPELLINGS = frozenset(t.lower() for t in _TITLES)


def _titles(
    text: str,
    end: int,
    typos: list[Typo],
    evidence: _Evidence,
    allowed: Callable[[int, int], bool],
) -> list[Typo]:
    """A title a scan misread before a name (``Mi Smith``, ``Messis Jones``,
    ``Misa Brown``): a token that is no word, one misreading from a title,
    the commoner title where two are as near (``Mi``: Mr, not Ms)."""
    taken = Zones([(t.start, t.end) for t in typos])
    out = []
    for m in _BEFORE_NAME.finditer(text, 0, end):
        word, start, stop = m.group(1), m.start(1), m.end(1)
        if word.lower() in _TITLE_SPELLINGS or start in taken or evidence.is_word(word):
            continue  # "MR", "My Lord", "Me": a title or a word
        if len(word) == 2 and word[1].lower() not in "ilv":
            continue  # "Mt Vernon", "Mc Donald", "MP", "Mo Farah": r is read as i, l or v
        if len(word) > 2 and evidence.counts[word] > 1:
            continue  # "Mies van der Rohe", named again: a name, not a title misread
        name = text[m.end() : m.end() + 40].split(maxsplit=1)[0].rstrip(".,")
        if len(name) > 1 and word.isupper() != name.isupper():
            continue  # "MB Smith"; but "MI SMITH" in a heading is "MR SMITH", "Mi J Brown" Mr
        low = word.lower()
        near = sorted(
            (ocr_distance(low, t.lower()), -lexicon.frequency(t.lower()), t) for t in _TITLES
        )
        (distance, _, title), (second, _, _) = near[0], near[1]
        if distance > 1 or (second == distance and title != "Mr") or not allowed(start, stop):
            continue
        out.append(Typo("ocr-typo", start, stop, word, (_match_case(word, title),), 0.6, TITLE))
    return out


MONTH = "beside a day or a year: a month misread"
_MONTHS = tuple(
    "January February March April May June July August September October November "
    "December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec".split()
)
_MONTH_SPELLINGS = frozenset(m.lower() for m in _MONTHS)
_FULL_MONTHS = _MONTHS[:12]
_DATED = re.compile(  # a day after or before it, or a year after it (group 3)
    r"(?<![\w'’])([A-Z][a-z]{2,8})\.?[ \t]+(?:\d{1,2}(?!\d)|(1[5-9]\d\d|20\d\d)(?!\d))"
    r"|(?<!\d)\d{1,2}(?:st|nd|rd|th)?[ \t]+([A-Z][a-z]{2,8})(?![\w'’])"
)


def _months(
    text: str,
    end: int,
    typos: list[Typo],
    evidence: _Evidence,
    allowed: Callable[[int, int], bool],
) -> list[Typo]:
    """A month a scan misread beside a day or a year (``Juno 18``, ``Mav 3``,
    ``4th Moy``): a capitalised token one misreading from exactly one month
    (a glyph misread if the token is itself a word: ``Juno``)."""
    taken = Zones([(t.start, t.end) for t in typos])
    out = []
    for m in _DATED.finditer(text, 0, end):
        group = 1 if m.group(1) else 3
        word, start, stop = m.group(group), m.start(group), m.end(group)
        low = word.lower()
        if low in _MONTH_SPELLINGS or start in taken:
            continue
        known = evidence.is_word(word)
        # a word, or a token before a year ("Mayr 1963" is an author), only by a glyph misread
        reach = CONFUSION_COST if known or m.group(2) else 1.0
        # a word ("Act", "Juno") may be a month's full name misread, not an abbreviation's;
        # nor may a name before a year ("Marr 1982" is an author's)
        months = _FULL_MONTHS if known or m.group(2) else _MONTHS
        near = [
            month
            for month in months
            if function_words.misreading_distance(low, month.lower()) <= reach
        ]
        if len(near) != 1 or not allowed(start, stop):
            continue
        out.append(Typo("ocr-typo", start, stop, word, (near[0],), 0.7, MONTH))
    return out


SPLIT = "a word broken in two, its hyphen lost: joined, it reads "
_FUNCTION_WORDS = frozenset(function_words.COMMON_WORDS)
_JOIN_MIN = 100_000  # corpus count of the word two pieces join into
_PIECE_BEFORE = re.compile(r"(?<![\w'’-])([A-Za-z]?[a-z]+)[ \t]*\r?\n?[ \t]*$")
_PIECE_AFTER = re.compile(r"[ \t]*\r?\n?[ \t]*([a-z]+)(?![\w'’-])")


def _rejoined(
    text: str,
    end: int,
    typos: list[Typo],
    evidence: _Evidence,
    allowed: Callable[[int, int], bool],
) -> list[Typo]:
    """Typos with each damaged piece of a word a scan broke in two (``ap plication``,
    ``con cerning``: the hyphen of a line's end lost, the line's end a space) read
    with the piece beside it, when together they make a common word: one typo
    over both, which reads that word (the pieces' own readings dropped)."""
    out: list[Typo] = []
    taken = -1  # where the last joined typo ends
    for typo in typos:
        if typo.start < taken:
            continue  # the second piece of a word already joined
        word = typo.text
        joined = None
        if typo.kind == "ocr-typo" and word.isalpha() and not word.isupper():
            joined = _join_after(text, end, typo, evidence) or _join_before(text, typo, evidence)
        if joined is None or not allowed(joined.start, joined.end):
            out.append(typo)
            continue
        while out and out[-1].end > joined.start:
            out.pop()  # the first piece, flagged alone
        out.append(joined)
        taken = joined.end
    return out


def _join_after(text: str, end: int, typo: Typo, evidence: _Evidence) -> Typo | None:
    m = _PIECE_AFTER.match(text, typo.end, min(end, typo.end + 40))
    if m is None or m.start(1) == typo.end:
        return None
    return _joined_typo(text, typo.start, m.end(1), typo.text, m.group(1), evidence)


def _join_before(text: str, typo: Typo, evidence: _Evidence) -> Typo | None:
    if not typo.text.islower():
        return None
    m = _PIECE_BEFORE.search(text, max(0, typo.start - 40), typo.start)
    if m is None or m.end(1) == typo.start:
        return None
    return _joined_typo(text, m.start(1), typo.end, m.group(1), typo.text, evidence)


def _joined_typo(
    text: str, start: int, stop: int, head: str, tail: str, evidence: _Evidence
) -> Typo | None:
    """The typo over ``head`` and ``tail`` read as one word, when that word is
    common and longer than either piece could be alone, and not both pieces are words."""
    whole = (head + tail).lower()
    if len(whole) < 6 or min(len(head), len(tail)) < 2:
        return None
    if evidence.is_word(head) and evidence.is_word(tail):
        return None  # "in to", "an other": two words, whatever they should be
    if head.lower() in _FUNCTION_WORDS or tail.lower() in _FUNCTION_WORDS:
        return None  # "goe the" is no "goethe": a function word stands alone
    if lexicon.frequency(whole) < _JOIN_MIN or whole in evidence.vocabulary:
        return None
    reading = _match_case(head, whole)
    why = f"{SPLIT}'{reading}'"
    return Typo("ocr-typo", start, stop, text[start:stop], (reading,), 0.8, why)


CHOSEN_ALONE = "its neighbours choose '{}' among the words near it"


def _readings(typos: Iterable[Typo]) -> dict[int, str]:
    """Each one-word typo's single reading, by where it starts: what its
    neighbours are weighed with (``tho now bridge``: the)."""
    return {
        t.start: t.suggestions[0]
        for t in typos
        if len(t.suggestions) == 1 and t.suggestions[0].isalpha() and " " not in t.text
    }


def _chosen_by_context(text: str, typos: list[Typo]) -> None:
    """Give a damaged word whose readings are in doubt (several as near, or a
    short word many common words are one slip from) the one its neighbours
    make far likelier than the others, if one is (``ia marked``: is)."""
    mended = _readings(typos)
    for typo in typos:
        word = typo.text
        if typo.kind != "ocr-typo" or not word.isalpha() or word.isupper():
            continue
        if len(typo.suggestions) > 1:
            candidates = tuple(s.lower() for s in typo.suggestions)
        elif not typo.suggestions and 2 <= len(word) <= function_words.MAX_LENGTH:
            candidates = tuple(lexicon.suggestions(word.lower(), 1))
        else:
            continue
        before, after = context.neighbours_of(text, typo.start, typo.end, mended)
        chosen = context.choice(before, candidates, after)
        if chosen is None:
            continue
        if not typo.suggestions:  # "no word is near enough" no longer holds
            typo.evidence = f"not a word; {CHOSEN_ALONE.format(chosen)}"
        else:
            typo.evidence += f"; {CHOSEN_ALONE.format(chosen)}"
        typo.suggestions = (_match_case(word, chosen),)
        typo.confidence = 0.7  # right four times in five on real scans


IN_CONTEXT = 0.6  # the confidence of a real word read as another by its neighbours


def _in_context(
    text: str,
    end: int,
    found: list[Typo],
    evidence: _Evidence,
    allowed: Callable[[int, int], bool],
) -> list[Typo]:
    """Real words misread as other real words, read by their neighbours
    (``he bad been`` → ``had``), where no other verdict stands."""
    taken = Zones([(t.start, t.end) for t in found])
    mended = _readings(found)
    out = []
    for start, stop, word, reading in context.misreadings(text, 0, end, mended):
        if start in taken or word in evidence.vocabulary or not allowed(start, stop):
            continue
        rare = word.isalpha() and lexicon.frequency(word.lower()) < context.COMMON
        if rare and evidence.tokens[word] >= _OWN_WORD:
            continue  # "the hearer" four times: a rare word the text means, not a misread
        if _joined(text, start, stop):
            continue  # "vis-a-vis", "intra-party": a part of a compound
        why = f"{context.EVIDENCE}'{reading}' fits its neighbours far better"
        # right about six times in ten on real scans (the word is damaged eight)
        out.append(Typo("ocr-typo", start, stop, word, (reading,), IN_CONTEXT, why))
    return out


def _judge_words(evidence: _Evidence) -> dict[str, _Verdict]:
    verdicts: dict[str, _Verdict] = {}
    questioned = evidence.questioned_words
    for word, n in evidence.body.items():
        if word not in questioned:
            continue  # a word, or a short token no common word is near
        short = len(word) <= function_words.MAX_LENGTH
        if short and (verdict := _short_word(word, evidence)) is not None:
            verdicts[word] = verdict
            continue
        if len(word) < 4 or word.isupper() or evidence.is_word(word):
            continue
        verdict = _judge(word, evidence, n)
        if verdict is not None:
            verdicts[word] = verdict
    _propagate(verdicts, evidence)
    return verdicts


def _short_reading(token: str) -> str | None:
    """The common word a short token misreads: any lower-case token, and a
    capitalised one only for a word that opens sentences (``Tho``, ``Ho``), and
    not where a name goes on (see :func:`_names_a_person`)."""
    if token.islower():
        return function_words.reading(token)
    if token[:1].isupper() and token[1:].islower():
        low = token.lower()
        if not function_words.near_any(low, _OPENING_LIST):
            return None  # no opening word is near: its reading cannot be one (and is costly)
        found = function_words.reading(low)
        return found if found in _OPENING_WORDS else None
    return None


# Common words that open sentences, which a capitalised short token may misread
# ("Tho", "Ho", "Sho"); where a capitalised word follows, it is a name ("Ho Chi Minh").
_OPENING_WORDS = frozenset("the he she it we they this that his her in on at but and".split())
_OPENING_LIST = sorted(_OPENING_WORDS)
_NEXT_CAPITAL = re.compile(r"[\s,]*[A-Z]")


_JOINERS = "-/‐"


# A name's particles of three letters or more: "lo", "le", "de" before a capital
# are as often "to", "he", "the" misread.
_NAME_PARTICLES = frozenset(p for p in PARTICLES if len(p) >= 3)
_LATIN = {"et": re.compile(r"[ \t]+al\b"), "cf": re.compile(r"\.")}
_NUMBER_BEFORE = re.compile(r"\d[\d,.]*[ \t]$")
_BEFORE_A_NUMBER = re.compile(r"\.[ \t]\d")


def _unit_after_number(text: str, start: int, stop: int) -> bool:
    """Whether ``text[start:stop]`` stands between a number and a full stop,
    as a unit's abbreviation does (``7 grs.``, ``4127 ozs.``)."""
    return text.startswith(".", stop) and bool(
        _NUMBER_BEFORE.search(text, max(0, start - 12), start)
    )


def _joined(text: str, start: int, stop: int) -> bool:
    """Whether ``text[start:stop]`` is joined to a word beside it by a hyphen or a
    slash (a hyphen at a line's end is a broken word, judged whole elsewhere)."""
    after = text[stop : stop + 2]
    before = text[max(0, start - 2) : start]
    return (len(after) == 2 and after[0] in _JOINERS and after[1].isalpha()) or (
        len(before) == 2 and before[1] in _JOINERS and before[0].isalpha()
    )


def _alone(text: str, start: int, stop: int) -> bool:
    """Whether ``text[start:stop]`` stands between spaces (or a line's ends)."""
    before = text[start - 1] if start else " "
    after = text[stop] if stop < len(text) else " "
    return before.isspace() and after.isspace()


def _names_a_person(text: str, stop: int, word: str) -> bool:
    """Whether a capitalised short token read as a common word is followed by a
    capitalised word, as a name's first part is (``Ho Chi Minh``)."""
    return word[:1].isupper() and _NEXT_CAPITAL.match(text, stop, stop + 8) is not None


def _garbled_name(word: str) -> bool:
    """``Sjdnoy``, ``Dlstiict``: a capitalised word whose letters are unlike
    English ones (a name's are not: ``Moreton``, ``Paddington``)."""
    return word.isalpha() and word[1:].islower() and letters.garbled(word)


def _short_garble(token: str) -> bool:
    """``nnd``, ``tne``: two or three lower-case letters that are no word."""
    return 2 <= len(token) <= 3 and token.isalpha() and token.islower() and not lexicon.known(token)


def _short_word(word: str, evidence: _Evidence) -> _Verdict | None:
    """``tho`` → ``the``: a short token one cheap misreading from a far commoner word."""
    if word.lower() in evidence.vocabulary or word in evidence.references:
        return None
    found = _short_reading(word)
    if found is None:
        if evidence.thorough and _short_garble(word):
            return _Verdict(word, (), "ocr-typo", 0.5, GARBLED)
        if evidence.thorough and word in _STRAY_LETTERS:
            return _Verdict(word, (), "ocr-typo", 0.5, STRAY)
        return None
    suggestion = _match_case(word, found)
    sure = 0.9 if function_words.sure(word.lower()) else 0.7
    if lexicon.known(word.lower()):
        why = f"'{word}' is a rare word; '{found}' is far commoner and one misreading away"
    else:
        why = f"{SHORT_NON_WORD}'{found}' is one misreading away"
    return _Verdict(word, (suggestion,), "ocr-typo", sure, why)


def _judge(word: str, evidence: _Evidence, occurrences: int) -> _Verdict | None:
    verdict = _from_document(word, evidence) if word[:1].isupper() else None
    if verdict is not None:
        return verdict
    capitalised = word[:1].isupper()
    once = occurrences < 2 and evidence.counts[word] < 2
    # a capitalised word is read with long s's only once the text shows the long s
    # in lower-case words too: else "Afton" is a name, not "Aston"
    long_s = "f" in word[:-1] and (not capitalised or (once and evidence.long_s_type()))
    if long_s and (verdict := _long_s(word)) is not None:
        return verdict
    if capitalised and once and evidence.thorough and _garbled_name(word):
        read_back = _glyphs_read_back(word, evidence)
        return read_back or _Verdict(word, (), "ocr-typo", 0.5, GARBLED_LETTERS)
    if capitalised and (not once or len(word) < 6):
        # a name used consistently, or too short to judge without evidence, unless
        # a glyph misread makes it a common word ("Judgo", "Melbourno")
        rare = evidence.counts[word] <= 2  # used more, it is the text's own: "Sino-Soviet"
        if not (evidence.thorough and rare and len(word) >= 4):
            return None
        return _glyph_reading(word) or (_unknown_capital(word) if once else None)
    return _from_lexicon(word, evidence, capitalised)


def _unknown_capital(word: str) -> _Verdict | None:
    """A capitalised word of plain letters no reading accounts for (``Kembo``): in
    a ruined scan, as often damage as a name."""
    if not (word[1:].islower() and word.isalpha()) or lexicon.suggestions(word.lower(), 1):
        return None  # one plain edit from a word: a name as likely (Millar, Moreton)
    return _Verdict(word, (), "ocr-typo", 0.4, UNKNOWN_CAPITAL)


LONG_S = "not a word; read with the long s (ſ) OCR took for an f, it is"
LONG_S_WORDS = 3  # lower-case words read with a long s that show a text's type has it
_MAX_LONG_S = 4  # f's of a word tried as long s's: the readings double with each


def _long_s(word: str) -> _Verdict | None:
    """``Houfe`` → House, ``Bufinefs`` → Business: type before about 1800 printed
    an s inside a word as ſ, which OCR reads as f. The word with some of its f's
    read as s, when exactly one such reading is a common word."""
    low = word.lower()
    # a lower-case f inside the word: a word never ended in a long s
    spots = [i for i, ch in enumerate(word[:-1]) if ch == "f"]
    if not spots or len(spots) > _MAX_LONG_S or not low.isalpha():
        return None
    found = []
    for chosen in range(1, 1 << len(spots)):
        letters = list(low)
        for bit, at in enumerate(spots):
            if chosen >> bit & 1:
                letters[at] = "s"
        reading = "".join(letters)
        if lexicon.frequency(reading) >= _COMMON_READING:
            found.append(reading)
    if len(found) != 1:
        return None
    reading = _match_case(word, found[0])
    return _Verdict(word, (reading,), "ocr-typo", 0.8, f"{LONG_S} '{reading}'")


def _glyph_reading(word: str) -> _Verdict | None:
    """The common word one glyph misread (or old type's o for e) turns a
    capitalised non-word into, when there is exactly one."""
    low = word.lower()
    found = [
        c
        for c in lexicon.suggestions(low, 1)
        if lexicon.frequency(c) >= _COMMON_READING
        and (ocr_distance(low, c) <= CONFUSION_COST or o_for_e(low, c))
    ]
    if len(found) != 1:
        return None
    reading = _match_case(word, found[0])
    return _Verdict(word, (reading,), "ocr-typo", 0.7, f"one glyph misread from '{reading}'")


def _from_document(word: str, evidence: _Evidence) -> _Verdict | None:
    """A better-attested spelling of the same word in this document or its references.

    It is OCR damage when the other spelling is an English word or name (and is
    either more frequent here, or the damaged word is long enough to judge), or
    when the two differ only by misread glyphs. Two spellings of a name unknown
    to the lexicon, one edit apart, are a name variant: the rarer is flagged.
    """
    low, mine = word.lower(), evidence.counts[word]
    typos, variants = [], []
    for v in evidence.names_near(word):
        distance = ocr_distance(low, v.lower())
        english = lexicon.known(v.lower())
        frequent = evidence.counts[v] >= max(2, 2 * mine)
        listed = v in evidence.references
        if (english or distance < 1) and (frequent or listed or len(word) >= 6):
            typos.append((distance, -evidence.counts[v], v))
        elif (
            not english and distance <= 1 and (frequent or listed) and mine <= 2 and len(word) >= 6
        ):
            variants.append((distance, -evidence.counts[v], v))
    if typos:
        best = min(typos)[2]
        source = "the reference list" if best in evidence.references else "this document"
        return _Verdict(word, (best,), "ocr-typo", 0.9, f"{best} occurs in {source}")
    if variants:
        best = min(variants)[2]
        where = "in the reference list" if best in evidence.references else "in this document"
        return _Verdict(
            word,
            (best,),
            "name-variant",
            0.7,
            f"{best} is the usual spelling {where} ({evidence.counts[best]}×)",
        )
    return None


def _from_lexicon(word: str, evidence: _Evidence, capitalised: bool) -> _Verdict | None:
    low = word.lower()
    if evidence.screened and not lexicon.frequent_near(low):
        # the quick look weighs only damage to frequent words, which marks a scan
        # (see ocr.noise): a word no frequent one is near is left to the full
        # judgement, if the text is one. The same verdicts, sooner.
        return None
    reach = 2 if evidence.thorough and not capitalised and len(low) >= LONG_WORD else 1
    candidates = lexicon.suggestions(low, reach)
    if not candidates:
        split = None if capitalised else _split(word)
        if split is None and evidence.thorough and not capitalised:
            if (read_back := _glyphs_read_back(word, evidence)) is not None:
                return read_back
            if _made_by_rule(low):
                return None  # "economising", "idiomaticity": a word made by rule
            return _Verdict(word, (), "ocr-typo", 0.5, GARBLED)
        return split

    ranked, best_distance, suggestions = _ranked(word, candidates, evidence)
    if evidence.thorough and not capitalised and best_distance > CONFUSION_COST:
        # no word one glyph away: two misread glyphs may reach a far commoner word
        # than a plain edit does ("thoro": there, not thor or thorn)
        glyphs = [g for g in lexicon.glyph_readings(low) if g not in candidates]
        if glyphs:
            ranked, best_distance, suggestions = _ranked(word, candidates + glyphs, evidence)
    plain = best_distance > CONFUSION_COST and not o_for_e(low, ranked[0])
    if capitalised and plain and len(low) < _LONG_NAME:
        return None  # a name one plain edit from a word is as likely a name: Millar, Moreton
    if plain and _made_by_rule(low):
        return None  # "linearizer", "unaugmented": a word made by rule, not one misread
    if capitalised and plain and _respelt_name(low, ranked[0]):
        return None  # "Zimmermann", "Institut": a name or a foreign word, not a misread
    if len(suggestions) > 1:
        return _Verdict(word, suggestions, "ocr-typo", 0.4, NOT_ENGLISH)
    if evidence.lower[ranked[0]]:
        return _Verdict(
            word,
            suggestions,
            "ocr-typo",
            0.9 if best_distance <= 1 else 0.7,
            f"not an English word; {ranked[0]} occurs in this document",
        )
    return _Verdict(word, suggestions, "ocr-typo", 0.8 if best_distance <= 1 else 0.6, NOT_ENGLISH)


_QUICK_LOOKS = itertools.count()  # the documents looked at quickly in this process
# and from which one on a word is screened for a frequent word near it first: the
# screen's table pays for itself over a batch of born-digital documents, not in
# one (a scan's full judgement needs the suggestions the quick look would skip)
_SCREEN_FROM = 10


def _made_by_rule(word: str) -> bool:
    """Whether lower-case ``word`` is a listed word with a prefix or a suffix, and
    not an old spelling (which is judged as such)."""
    return derivation.derived(word) and not modern(word)


def _respelt_name(word: str, reading: str) -> bool:
    """Whether ``word`` differs from ``reading`` as names and languages do, not
    as misread glyphs do: by a letter doubled (``Samuelsson``) or one more or
    fewer at the end (``Institut``, ``Nicholls``)."""
    short, long_ = sorted((word, reading), key=len)
    if len(long_) != len(short) + 1:
        return False
    if long_[:-1] == short:
        return True
    return any(
        long_[i] == long_[i - 1] and long_[:i] + long_[i + 1 :] == short
        for i in range(1, len(long_))
    )


def _ranked(
    word: str, candidates: list[str], evidence: _Evidence
) -> tuple[list[str], float, tuple[str, ...]]:
    """The candidates nearest first by the OCR distance, then commonest (in the
    document, then in English); the best one's distance; and the suggestions:
    up to three as near and nearly as common as the best, in ``word``'s case."""
    low = word.lower()

    def score(c: str) -> tuple[float, float]:
        weight = math.log(lexicon.frequency(c)) + 2 * math.log1p(evidence.lower[c])
        return ocr_distance(low, c), -weight

    ranked = sorted(candidates, key=score)
    best_distance, best_weight = score(ranked[0])
    tied = [c for c in ranked if score(c)[0] == best_distance and score(c)[1] < best_weight + _TIE]
    return ranked, best_distance, tuple(_match_case(word, c) for c in tied[:3])


GLYPHS_READ_BACK = "not a word; two misread glyphs away from"


def _glyphs_read_back(word: str, evidence: _Evidence) -> _Verdict | None:
    """A garbled word read with two glyphs read back (``boforo`` → before), when
    one reading is plainly the likeliest: nearest by the OCR distance, then the
    commonest (in the document, then in English); several alike are all listed."""
    readings = lexicon.glyph_readings(word.lower())
    if not readings:
        return None
    ranked, _, suggestions = _ranked(word, readings, evidence)
    confidence = 0.6 if len(suggestions) == 1 else 0.4
    return _Verdict(word, suggestions, "ocr-typo", confidence, f"{GLYPHS_READ_BACK} {ranked[0]}")


GLYPH_AND_SLIP = "not a word; a misread glyph and one more letter away from"


# The confidence a scan's reading from the lexicon alone earns, by how it was
# reached and the word's length (on real scans, the share of such readings that
# give the printed word: a letter changed in a word of seven letters or more is
# right six times in ten, in a shorter one three; a letter put in or left out,
# which OCR seldom does, one to two times in ten).
_GLYPH_SHORT = 0.6
_CHANGED = (0.4, 0.6)  # short, long
_PUT_IN_OR_LEFT_OUT = (0.3, 0.4)
_SHORT_READ = 4  # letters of a word whose one-glyph reading is still a guess
_LONG_READ = 7  # letters from which a changed letter is right more often than not


def calibrate(typos: Iterable[Typo]) -> None:
    """Lower the confidence of a scan's readings that rest on the lexicon alone
    (``not an English word``) to what such readings earn: a word one plain
    edit from a word of a few letters (``buin``: bun, burn, ruin...) is a real
    error, but its reading a guess."""
    for typo in typos:
        if typo.evidence != NOT_ENGLISH or len(typo.suggestions) != 1:
            continue
        word, reading = typo.text, typo.suggestions[0]
        if ocr_distance(word.lower(), reading.lower()) <= CONFUSION_COST:
            # a short word, or a name of fewer than seven letters, is right half the time
            short = len(word) <= _SHORT_READ or (word[:1].isupper() and len(word) < _LONG_READ)
            cap = _GLYPH_SHORT if short else typo.confidence
        else:
            caps = _CHANGED if len(word) == len(reading) else _PUT_IN_OR_LEFT_OUT
            cap = caps[len(word) >= _LONG_READ]
        typo.confidence = min(typo.confidence, cap)


def mend_garbled(typos: Iterable[Typo]) -> None:
    """Give a reported garbled word the reading one glyph read back and one
    letter mended make of it, when exactly one common word is so near
    (``soctetary`` → secretary). Done for the words a much damaged scan reports,
    not for every garbled word judged: it looks at thousands of spellings."""
    for typo in typos:
        if typo.evidence != GARBLED or not typo.text.isalpha() or not typo.text.islower():
            continue
        readings = lexicon.glyph_and_slip_readings(typo.text)
        if len(readings) == 1:
            typo.suggestions = (readings[0],)
            typo.evidence = f"{GLYPH_AND_SLIP} {readings[0]}"


def _split(word: str) -> _Verdict | None:
    """``practicemust`` → ``practice-must`` or ``practice must``: two words a scan
    ran together, one of them a function word or both long (``conflictridden``).
    A short content word joined to another is as often a compound its author
    wrote so (``subtree``, ``codebook``), and a garbled word often holds two
    short words by chance (``dur|tug``)."""
    if any(c.isupper() for c in word[1:]):
        return None  # "hasSelf", "getValue": an identifier written in camel case
    low = word.lower()
    # Both halves must be listed words, so neither is longer than the longest.
    most = lexicon.longest()
    for i in range(max(3, len(low) - most), min(len(low) - 2, most + 1)):
        left, right = low[:i], low[i:]
        content = left not in _FUNCTION_WORDS and right not in _FUNCTION_WORDS
        if content and min(len(left), len(right)) < _COMPOUND_PART:
            continue  # "sub|tree", "code|book", "dur|tug": a compound, or chance
        if min(lexicon.frequency(left), lexicon.frequency(right)) >= _MIN_SPLIT_COUNT:
            pair = (word[:i] + "-" + word[i:], word[:i] + " " + word[i:])
            return _Verdict(word, pair, "ocr-typo", 0.5, "two words run together")
    return None


def _propagate(verdicts: dict[str, _Verdict], evidence: _Evidence) -> None:
    """The same misreading elsewhere.

    ``Afganistan`` → ``Afghanistan`` makes ``Afgans`` → ``Afghans``.
    """
    sure = [
        v
        for v in verdicts.values()
        if v.kind == "ocr-typo" and len(v.suggestions) == 1 and v.confidence >= 0.9
    ]
    body = sorted(evidence.body)  # the words sharing a stem stand together
    for verdict in sure:
        ops = Levenshtein.editops(verdict.word, verdict.suggestions[0])
        if len(ops) != 1:
            continue
        op = ops[0]
        stem = verdict.word[: op.src_pos + 1]
        if len(stem) < 4:
            continue
        for word in islice(body, bisect_left(body, stem), None):
            if not word.startswith(stem):
                break
            if word in verdicts or evidence.is_word(word):
                continue
            fixed = _apply(word, op, verdict.suggestions[0])
            if fixed and lexicon.known(fixed.lower()):
                verdicts[word] = _Verdict(
                    word,
                    (fixed,),
                    "ocr-typo",
                    0.8,
                    f"the same misreading as {verdict.word} → {verdict.suggestions[0]}",
                )


def _apply(word: str, op, target: str) -> str | None:
    if op.tag == "insert":
        return word[: op.src_pos] + target[op.dest_pos] + word[op.src_pos :]
    if op.tag == "delete":
        return word[: op.src_pos] + word[op.src_pos + 1 :]
    if op.tag == "replace":
        return word[: op.src_pos] + target[op.dest_pos] + word[op.src_pos + 1 :]
    return None


def _typo(v: _Verdict, start: int, end: int, text: str) -> Typo:
    return Typo(v.kind, start, end, text[start:end], v.suggestions, v.confidence, v.evidence)


# A final s read as B (waB, haB, JameB): a lower-case word closed by a capital.
# (A gene name has the same shape, "napB", but is born-digital: not judged as a scan.)
_S_AS_B = re.compile(r"[A-Za-z]?[a-z]+B")
S_AS_B = "OCR reads the letter s as B"


def _special_tokens(evidence: _Evidence) -> dict[str, _Verdict]:
    """Tokens judged by their shape: a word and a year run together, ``II`` for ``Il``,
    digits read for letters."""
    out: dict[str, _Verdict] = {}
    questioned = evidence.questioned
    for token in evidence.tokens:
        if token not in questioned:
            continue  # letters or digits alone, of a plain word
        if _LL_AS_U.fullmatch(token) and (reading := _ll_reading(token, evidence)):
            out[token] = _Verdict(
                token, (reading,), "ocr-typo", 0.9, "OCR reads the letters ll as U"
            )
            continue
        if _S_AS_B.fullmatch(token) and evidence.is_word(reading := token[:-1] + "s"):
            out[token] = _Verdict(token, (reading,), "ocr-typo", 0.8, S_AS_B)
            continue
        if token.isalpha() or token.isdigit():
            continue
        if m := _RUN_TOGETHER.fullmatch(token):
            if lexicon.known(m.group(1).lower()):
                out[token] = _Verdict(
                    token,
                    (f"{m.group(1)} {m.group(2)}",),
                    "ocr-typo",
                    0.9,
                    "a word and a year run together",
                )
        elif _ROMAN_I.fullmatch(token):
            out[token] = _Verdict(
                token, ("Il" + token[2:],), "ocr-typo", 0.7, "OCR reads the letters Il as II"
            )
        elif _DIGIT_IN_WORD.fullmatch(token) and (reading := _digit_reading(token, evidence)):
            out[token] = _Verdict(
                token,
                reading,
                "ocr-typo",
                0.9,
                "OCR reads the letters l and O as the digits 1 and 0",
            )
        elif evidence.thorough and (reading := _letter_for_digit(token, evidence.tokens)):
            out[token] = _Verdict(token, (reading,), "ocr-typo", 0.8, DIGIT_FOR_LETTER)
    return out


DIGIT_FOR_LETTER = "a digit read for a letter of a common word"
# The letters a scan reads as each digit but 0 and 1 (see _digit_reading).
_LETTER_AS_DIGIT = {
    "2": "z",
    "3": "se",
    "4": "a",
    "5": "s",
    "6": "bs",
    "7": "t",
    "8": "sb",
    "9": "g",
}
_ONE_DIGIT_WORD = re.compile(r"[A-Za-z]*[2-9][A-Za-z]*")


def _letter_for_digit(token: str, tokens: Container[str]) -> str | None:
    """``wa3`` → ``was``, ``d3fficult`` → ``difficult``, ``8tates`` → ``states``: a
    word of a scan with one digit in its letters, that exactly one letter OCR
    reads as that digit turns into a common word (``p53``, ``mp3`` stay codes,
    and ``el3`` beside ``el2`` is one of a numbered series)."""
    if not _ONE_DIGIT_WORD.fullmatch(token) or len(token) < 3:
        return None
    at = next(i for i, ch in enumerate(token) if ch.isdigit())
    if at == len(token) - 1 and any(
        token[:-1] + d in tokens for d in "0123456789" if d != token[-1]
    ):
        return None
    if not (token[:at] + token[at + 1 :]).islower():
        return None  # "B4", "C3PO": a code
    found = [
        word
        for letter in _LETTER_AS_DIGIT[token[at]]
        if lexicon.frequency(word := token[:at] + letter + token[at + 1 :]) >= _COMMON_READING
    ]
    return found[0] if len(found) == 1 else None


def _ll_reading(token: str, evidence: _Evidence) -> str | None:
    """``weU`` → ``well``, ``aH`` → ``all``: a capital U or H inside a lower-case
    word read as ``ll``, when that makes a word the lexicon or the document knows."""
    reading = token[0] + token[1:].replace("U", "ll").replace("H", "ll")
    low = reading.lower()
    if reading != token and (lexicon.known(low) or evidence.lower[low] >= 2 or modern(low)):
        return reading  # a word, the text's own, or an old spelling of one ("DeviU": Devill)
    return None


def _digit_reading(token: str, evidence: _Evidence) -> tuple[str, ...]:
    """``pub1ic`` → ``public``: the readings of a word with 0 or 1 in it that are words."""
    letters = sum(ch.isalpha() for ch in token)
    digits = len(token) - letters
    if letters < 2 or len(token) < 3 or digits > _MAX_MISREAD_DIGITS or _ORDINAL.fullmatch(token):
        return ()  # more digits than that is a code or a number, not a misread word
    readings = {""}
    for ch in token:
        readings = {r + alt for r in readings for alt in _DIGIT_AS_LETTER.get(ch, ch)}
    cased = (r for r in readings if r in (r.lower(), r.capitalize(), r.upper()))
    return tuple(sorted(r for r in cased if evidence.is_word(r))[:3])


_MISREAD_IL = ("II", "Il", "ll", "lI", "1l", "l1", "I1", "1I")
_NAME_BEFORE = re.compile(r"([A-Z][a-z]+)[ \t]+$")
_NAME_AFTER = re.compile(r"[ \t]+([A-Z][a-z]+)")


def _misread_middles(evidence: _Evidence) -> set[str]:
    """The spellings of ``Il`` in this document, when there are two or more."""
    present = {t for t in _MISREAD_IL if t in evidence.tokens}
    return present if len(present) >= 2 else set()


def _name_trigrams(
    text: str, end: int, middles: list[tuple[int, str]], allowed: Callable[[int, int], bool]
) -> list[Typo]:
    """``Kim II Sung`` beside ``Kim Il Sung``: one name, its middle part misread.
    ``middles`` holds the offset and spelling of each ``Il``-like token."""
    groups: dict[tuple[str, str], list[tuple[int, str]]] = defaultdict(list)
    for start, middle in middles:
        before = _NAME_BEFORE.search(text, max(0, start - 40), start)
        after = _NAME_AFTER.match(text, start + len(middle), end)
        if before and after:
            groups[(before.group(1), after.group(1))].append((start, middle))
    out = []
    for (first, last), found in groups.items():
        spellings = Counter(middle for _, middle in found)
        if len(spellings) < 2:
            continue
        usual = max(spellings, key=lambda s: (spellings[s], any(ch.islower() for ch in s)))
        for start, middle in found:
            stop = start + len(middle)
            if middle != usual and allowed(start, stop):
                out.append(
                    Typo(
                        "name-variant",
                        start,
                        stop,
                        middle,
                        (usual,),
                        0.7,
                        f"'{first} {usual} {last}' elsewhere in this document",
                    )
                )
    return out
