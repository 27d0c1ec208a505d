"""Judging the words of a document in a language other than English.

The same judgement as the English one, from fewer kinds of evidence: a
lower-case word the language's lexicon (see :mod:`citetrace.ocr.languages`)
and the English one both lack, that the document does not write the same way
three times, is compared with the language's common words. One glyph misread
from one of its commonest words (``nâo`` → ``não``, ``qne`` → ``que``) is
damage anyone would mend (0.9); one edit from a listed word is likely damage
(0.7); two edits are left alone (a rare word as often as damage), and in a
scan judged in full a word no listed word is near is worth a look (0.5, no
suggestion). Names, capitalised words and the reference list are left alone.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from citetrace.confusion import CONFUSION_COST, ocr_distance
from citetrace.inputs.document import Document
from citetrace.model import Typo
from citetrace.ocr import lexicon as english
from citetrace.ocr.languages import NAMES, Lexicon
from citetrace.ocr.tokens import Zones, marked_sic

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
# An article or particle elided before a word: "l'essiccazione", "d'énergie", "dell'anno".
_ELIDED = re.compile(r"^[^\W\d_]{1,5}['’](?=[^\W\d_]{2})")
MIN_LENGTH = 4
OWN_SPELLING = 3  # uses of one spelling that make it the document's own
SURE = 0.9  # the confidence of damage to a common word, which marks a scan


def find_typos(
    doc: Document,
    lexicon: Lexicon,
    skip: Iterable[tuple[int, int]],
    elsewhere: Iterable[tuple[int, int]],
    vocabulary: frozenset[str] = frozenset(),
    ignore_sic: bool = True,
    thorough: bool = True,
) -> list[Typo]:
    """Every damaged word of ``doc``'s prose in ``lexicon``'s language, outside the
    ``skip`` ranges (citations) and the ``elsewhere`` paragraphs (in another language)."""
    text, end = doc.text, doc.body_end
    zones = Zones([*skip, *elsewhere])
    listed = set(_WORD.findall(text, end))
    found = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text, 0, end)]
    found = [(a, b, w) for a, b, w in found if a not in zones]
    uses = Counter(w for _, _, w in found)
    language = NAMES.get(lexicon.language, lexicon.language)
    verdicts: dict[str, Typo | None] = {}
    typos = []
    for start, stop, word in found:
        if word not in verdicts:
            suspect = (
                len(word) >= MIN_LENGTH
                and word.islower()
                and uses[word] < OWN_SPELLING
                and word not in listed
                and word not in vocabulary
                and not lexicon.known(_elided(word))
                and not english.known(word)
            )
            verdicts[word] = _judge(word, lexicon, language, thorough) if suspect else None
        verdict = verdicts[word]
        if verdict is None or (ignore_sic and marked_sic(text, stop)):
            continue
        typos.append(
            Typo(
                verdict.kind,
                start,
                stop,
                word,
                verdict.suggestions,
                verdict.confidence,
                verdict.evidence,
            )
        )
    return typos


def _elided(word: str) -> str:
    """``word`` without an elided article or particle before it."""
    return _ELIDED.sub("", word, count=1)


def damaged(typo: Typo) -> bool:
    """Damage to one of the language's commonest words: what marks a scan."""
    return typo.confidence >= SURE and bool(typo.suggestions)


def _judge(token: str, lexicon: Lexicon, language: str, thorough: bool) -> Typo | None:
    word = _elided(token)
    before = token[: len(token) - len(word)]  # "l'" of "l'essiccazione", kept as written
    verdict = _judge_word(word, lexicon, language, thorough)
    if verdict is None or not before:
        return verdict
    readings = tuple(before + r for r in verdict.suggestions)
    return Typo(verdict.kind, 0, 0, token, readings, verdict.confidence, verdict.evidence)


def _judge_word(word: str, lexicon: Lexicon, language: str, thorough: bool) -> Typo | None:
    reach = 2 if thorough and len(word) >= 6 else 1
    if reach == 1:
        near = lexicon.one_edit(word)
    else:
        near = [
            other
            for length in range(len(word) - reach, len(word) + reach + 1)
            for other, _, _ in process.extract(
                word,
                lexicon.candidates.get(length, []),
                scorer=Levenshtein.distance,
                score_cutoff=reach,
                limit=None,
            )
        ]
    not_word = f"not a {language} word"
    if not near:
        return (
            Typo("ocr-typo", 0, 0, word, (), 0.5, f"{not_word}, and no word is near")
            if thorough
            else None
        )
    ranked = sorted(near, key=lambda c: (_distance(word, c), -lexicon.frequency(c)))
    best = ranked[0]
    distance = _distance(word, best)
    if distance <= CONFUSION_COST and best in lexicon.common:
        return Typo(
            "ocr-typo", 0, 0, word, (best,), SURE, f"{not_word}; '{best}' is one misreading away"
        )
    if distance <= 1:
        return Typo("ocr-typo", 0, 0, word, (best,), 0.7, f"{not_word}; '{best}' is one edit away")
    return None  # two edits from a word, a rare word as often as damage: "briquetes"


def _distance(word: str, other: str) -> float:
    """The OCR distance, where a letter read with the wrong accent (``â`` for
    ``ã``, ``c`` for ``ç``) costs as little as a glyph misread."""
    plain_word, plain_other = _plain(word), _plain(other)
    if plain_word == plain_other:
        return CONFUSION_COST if word != other else 0.0
    return min(ocr_distance(word, other), CONFUSION_COST + ocr_distance(plain_word, plain_other))


def _plain(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))
