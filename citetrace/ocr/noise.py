"""Is this text OCR'd at all, how badly, and in what language?

The judge (:mod:`citetrace.ocr.judge`) questions every word its English lexicon
lacks. That suits a scan; on born-digital prose, where every rare word is
right, it cries wolf, and on prose in another language it flags nearly every
word. This module weighs the document as a whole before its words are
reported:

- **language**, per paragraph, from the share of each language's commonest
  function words; paragraphs in a language citetrace has no lexicon for are
  not judged at all, and the report says so once;
- **noise**, the number of distinct damaged common words (``assitance``,
  ``tbe``, ``becme``: a frequent word one misreading or slip away) and glyph
  garbage (``hourB``, ``pub1ic``) per thousand words, which born-digital prose
  almost never has;
- in **clean** text only damage of a kind born-digital prose does not show is
  reported (see :func:`strong_evidence`); a word the document writes the same
  way three times or more is its own spelling there.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Literal

from citetrace.confusion import ocr_distance
from citetrace.model import OcrAssessment as Assessment
from citetrace.model import Typo
from citetrace.ocr import lexicon
from citetrace.ocr.context import EVIDENCE as CONTEXT_EVIDENCE
from citetrace.ocr.function_words import SHORT_NON_WORD
from citetrace.ocr.judge import (
    BROKEN_GLYPH,
    GLYPH_AND_SLIP,
    GLYPHS_READ_BACK,
    LONG_S,
    SPLIT,
    STRAY_MARK,
    UNKNOWN_CAPITAL,
)
from citetrace.ocr.languages import available, load
from citetrace.ocr.old_spelling import modern

Mode = Literal["auto", "on", "off"]

# The commonest function words of each language: enough to tell them apart.
_FUNCTION_WORDS = {
    "en": "the of and to in is that for it with as was on are by this be from or have an which",
    "pt": "de que o do da em os para com não uma no na se por as dos das ao mais foi são",
    "es": "de la que el en los del las por con una para es se al lo como más fue sus entre",
    "fr": "de la le et les des en du une est que pour dans qui par sur au pas avec sont",
    "de": "der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als",
    "it": "di che il la e per un del della non sono una le si con gli da nel alla",
    "ru": "и в не на что с по как это из к от для он но его она они",
    "la": "et in est non ut cum ad quod sed qui quae per ex ac id nec vel eu sit quis",
}
_WORDS = {lang: frozenset(words.split()) for lang, words in _FUNCTION_WORDS.items()}
# Each function word with the languages it belongs to, looked up once per token.
_LANGUAGES_OF: dict[str, tuple[str, ...]] = {}
for _lang, _words in _WORDS.items():
    for _word in _words:
        _LANGUAGES_OF[_word] = (*_LANGUAGES_OF.get(_word, ()), _lang)
_TOKEN = re.compile(r"[^\W\d_]+", re.UNICODE)
_PARAGRAPH = re.compile(r"\n\s*\n")
_ET_AL = re.compile(r"\bet al\b")  # (casefolded)
MIN_PARAGRAPH_WORDS = 25  # shorter paragraphs take the document's language
NOISY = 2.0  # distinct damaged common words per thousand words that mark a scan
MIN_DAMAGED = 2
HEAVY = 8.0  # damaged common words per thousand words that mark a much damaged scan
RUINED = 20.0  # and a scan so damaged that a name used once is as likely damage
# Glyph garbage that born-digital prose does not have: a capital closing a
# lower-case word ("hourB", "JameB"), a digit inside a word ("pub1ic", "w0rd").
# (Three lower-case letters and a capital are a bacterial gene: "ackA", "atpB".)
_GARBAGE = re.compile(r"(?<![\w'’-])(?:[a-z]{4,}[A-Z]|[a-z]+[01358][a-z]{2,})(?![\w'’-])")
COMMON = 3_000_000  # corpus count of a word whose damage is telling
# and of one whose damage counts towards the noise (a scan damages every word
# alike; a born-digital text's rare terms are near rare words, seldom common ones)
NOISE_COMMON = 1_000_000
_GUESSES = (GLYPHS_READ_BACK, GLYPH_AND_SLIP)  # readings of garbled words, worth a look only
_LEXICON_ONLY = ("not an English word", "not a word, and")  # verdicts of the lexicon alone
SHORT = 4  # letters of a short word (see citetrace.ocr.function_words)
OWN_TERM_LENGTH = 5  # letters from which a repeated word may be a scan's own term
OWN_SPELLING = 3  # uses of one spelling that make it the document's own
_LANGUAGE_SAMPLE = 1_000  # characters of a paragraph its language is read from (~150 words)
_SAMPLE = 200_000  # characters the document's language is read from
NOT_PROSE = 0.6  # share of lower-case non-words above which a text is not judged
_LOWER_WORD = re.compile(r"(?<![\w'’-])[^\W\d_A-ZÀ-ÞА-Я]{3,}(?![\w'’-])")


def language(text: str) -> str:
    """The language of ``text`` by its function words, or ``"und"`` when too few
    (read from its first ``_LANGUAGE_SAMPLE`` characters: enough to tell)."""
    # "et al." in citations is no Latin: an English paragraph full of them stays English
    sample = text[:_LANGUAGE_SAMPLE].casefold()
    tokens = _TOKEN.findall(_ET_AL.sub(" ", sample) if "et al" in sample else sample)
    seen = len(tokens)
    if seen < 8:
        return "und"
    counts: dict[str, int] = {}
    for token, n in Counter(filter(_LANGUAGES_OF.__contains__, tokens)).items():
        for lang in _LANGUAGES_OF[token]:
            counts[lang] = counts.get(lang, 0) + n
    if not counts:
        return "und"
    best = max(counts, key=counts.__getitem__)
    return best if counts[best] * 20 >= seen else "und"


@dataclass(frozen=True)
class Reading:
    """The body's paragraphs and their languages, read once per document."""

    main: str  # the language most of the body's words are in
    spans: list[tuple[int, int]]  # every paragraph
    foreign: list[tuple[int, int]]  # long paragraphs in another language than the main one
    words: int  # white-space separated words of the body
    garbage: frozenset[str]  # glyph garbage outside the foreign paragraphs


def read(text: str, start: int, end: int) -> Reading:
    """Each paragraph's language, once: the main language is the one most words
    of the long paragraphs of the first ``_SAMPLE`` characters are in (the
    language of those characters when no paragraph is long). The same pass
    counts the words and gathers the distinct pieces glyph garbage is looked
    for in (a piece at a time: garbage is a whole token, white space around it)."""
    spans = paragraphs(text, start, end)
    stop = min(end, start + _SAMPLE)
    words: Counter[str] = Counter()
    early: dict[int, str] = {}  # the long paragraphs' languages, in the sample
    split: list[list[str]] = []  # the sample's paragraphs' words
    for a, b in spans:
        if a >= stop:
            break
        chunk = text[a:b]
        split.append(chunk.split())
        n = len(split[-1])
        if n >= MIN_PARAGRAPH_WORDS:
            early[len(split) - 1] = lang = language(chunk)
            if lang != "und":
                words[lang] += n
    main = words.most_common(1)[0][0] if words else language(text[start:stop])
    judged = "en" if main == "und" else main  # the lexicon the body is judged by
    foreign, distinct, total = [], set(), 0
    for i, (a, b) in enumerate(spans):
        pieces = split[i] if i < len(split) else text[a:b].split()
        total += len(pieces)
        long_ = len(pieces) >= MIN_PARAGRAPH_WORDS
        lang = early.get(i) or (language(text[a:b]) if long_ and i >= len(split) else "")
        if lang in ("", judged, "und"):
            distinct.update(pieces)
        else:
            foreign.append((a, b))
    # the pieces hold no white space: joined by line ends, no garbage spans two
    garbage = frozenset(_GARBAGE.findall("\n".join(distinct)))
    return Reading(main, spans, foreign, total, garbage)


def paragraphs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The body's paragraphs as ``(start, end)`` offsets."""
    spans, pos = [], start
    for m in _PARAGRAPH.finditer(text, start, end):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, end))
    return [(a, b) for a, b in spans if a < b]


def damaged_common_word(typo: Typo, least: int = COMMON) -> bool:
    """A frequent word one misreading or slip away, written in plain letters:
    ``assitance``, ``becme``, ``tbe`` (not ``rTMS``, ``dataset``, ``PEG8000``)."""
    if typo.kind != "ocr-typo" or not typo.suggestions:
        return False
    if typo.evidence.startswith(SPLIT):  # "con cerning": a line's end lost with its hyphen
        return True
    # a short non-word near a common word is damage even when its reading is unsure,
    # if it is lower-case and of three letters or more ("Tris", "ln" may be terms)
    unsure_short = typo.evidence.startswith(SHORT_NON_WORD) and len(typo.text) >= 3
    if typo.confidence < 0.8 and not (unsure_short and typo.text.islower()):
        return False
    word, suggestion = typo.text, typo.suggestions[0]
    if any(c.isupper() for c in word[1:]) or not word.isalpha():
        return False
    if not suggestion.isalpha():
        return False
    low, target = word.lower(), suggestion.lower()
    if target == low[1:] or target == low[:-1]:
        return False  # "Rfree" → "Free": a prefix letter, not damage
    if lexicon.known(low):
        return False  # "ore" for "are" needs its context: no sign of a scan alone
    return lexicon.frequency(target) >= least and ocr_distance(low, target) <= 1


def _damaged_word(typo: Typo, uses: int) -> bool:
    """Whether a typo the text writes ``uses`` times counts towards the noise:
    a damaged common word, or a word one misreading or slip from a less common
    one, written so fewer than three times (``voxel`` six times is a term)."""
    return damaged_common_word(typo) or (
        uses < OWN_SPELLING and damaged_common_word(typo, NOISE_COMMON)
    )


_NAME_EVIDENCE = re.compile(r"\S+ occurs in (?:the reference list|this document)$")
_GLYPH_EVIDENCE = ("OCR reads the letters", "a word and a year run together")


def strong_evidence(typo: Typo) -> bool:
    """Damage that born-digital prose does not show either: a damaged common word,
    a name misspelt beside the spelling the document or its reference list uses
    (``Camobida`` / ``Cambodia``), or a glyph misreading (``pub1ic``, ``July1987``)."""
    if damaged_common_word(typo):
        # a short word read unsurely ("pre" per, "Tris" This, "ln" in) is as
        # often an abbreviation or a prefix in born-digital prose
        return not (len(typo.text) <= SHORT and typo.confidence < 0.9)
    word = typo.text
    if typo.evidence == BROKEN_GLYPH:
        return True  # no born-digital word holds a tilde
    if typo.kind != "ocr-typo" or not typo.suggestions:
        return False
    if typo.evidence.startswith(_GLYPH_EVIDENCE):
        return not any(c.isupper() for c in word[1:])
    if not (word.isalpha() and word[:1].isupper() and word[1:].islower()):
        return False
    target = typo.suggestions[0].lower()
    prefix_dropped = target in (word.lower()[1:], word.lower()[:-1])
    return bool(_NAME_EVIDENCE.match(typo.evidence)) and not prefix_dropped


def unjudged(
    text: str, end: int, mode: str = "auto", reading: Reading | None = None
) -> Assessment | None:
    """The assessment of a text whose words are not to be judged at all, or
    ``None``: in auto mode, a text in a language citetrace has no lexicon for,
    or one where most lower-case words are no words (not prose: tables,
    code, gibberish), which word-by-word judgement cannot help and costs most."""
    if mode == "on":
        return None
    words = max(1, len(text[: min(end, _SAMPLE)].split()))
    if mode == "off":
        return Assessment("und", 0.0, "off", words, "OCR rules turned off")
    main = (reading or read(text, 0, end)).main
    if main not in available() and main != "und":
        reason = f"the text is in '{main}', for which citetrace has no lexicon; no word is judged"
        return Assessment(main, 0.0, "unjudged", words, reason)
    share = _nonword_share(_prose_sample(text, end), main)
    if share > NOT_PROSE:
        reason = f"{share:.0%} of its lower-case words are not words: not judged word by word"
        return Assessment(main, 0.0, "unjudged", words, reason)
    return None


PROSE_WINDOW = 10_000  # characters of each of three windows the share of no-words is read from


def _prose_sample(text: str, end: int) -> str:
    """Three windows of the body, at its start, a third and two thirds of the way
    (cut at white space): enough to tell prose from a table or code, at a fraction
    of the cost of reading it all."""
    if end <= 3 * PROSE_WINDOW:
        return text[:end]
    windows = []
    for start in (0, end // 3, 2 * end // 3):
        if start:
            space = text.find(" ", start, end)
            start = space + 1 if space >= 0 else start
        stop = text.rfind(" ", start, min(end, start + PROSE_WINDOW))
        windows.append(text[start : stop if stop > start else start + PROSE_WINDOW])
    return "\n\n".join(windows)


def _nonword_share(text: str, main: str) -> float:
    tokens = Counter(_LOWER_WORD.findall(text))
    total = sum(tokens.values())
    if total < 50:
        return 0.0
    other = load(main) if main not in ("en", "und") else None
    known = other.known if other is not None else lexicon.known
    return sum(n for w, n in tokens.items() if not known(w)) / total


def assess(
    text: str,
    start: int,
    end: int,
    typos: Iterable[Typo],
    mode: Mode = "auto",
    reading: Reading | None = None,
    is_damage: Callable[[Typo], bool] | None = None,
) -> tuple[Assessment, list[Typo]]:
    """The document's assessment, and the typos worth reporting under it
    (``reading``: the body's languages, when the caller has read them;
    ``is_damage``: which typos mark a scan, for a language other than English)."""
    typos = list(typos)
    reading = reading or read(text, start, end)
    main, foreign = reading.main, reading.foreign
    words = max(1, reading.words)
    if mode == "off":
        return Assessment(main, 0.0, "off", words, "OCR rules turned off"), []
    if main not in available() and main != "und" and mode == "auto":
        reason = f"the text is in '{main}', for which citetrace has no lexicon; no word is judged"
        return Assessment(main, 0.0, "unjudged", words, reason), []
    kept = [t for t in typos if not _inside(t.start, foreign)]
    uses = Counter(text[t.start : t.end] for t in kept)
    if is_damage is None:
        damaged = {t.text for t in kept if _damaged_word(t, uses[t.text])}
    else:
        damaged = {t.text for t in kept if is_damage(t)}
    damaged.update(reading.garbage)
    noise = len(damaged) * 1000 / words
    note = f", {len(foreign)} paragraph(s) in other languages not judged" if foreign else ""
    if mode == "on" or (len(damaged) >= MIN_DAMAGED and noise >= NOISY):
        why = "turned on" if mode == "on" else f"{noise:.1f} damaged common words per 1,000"
        kept, archaic = _without_old_spellings(kept)
        if archaic:  # an early text's grammar is not the pair list's
            kept = [t for t in kept if not t.evidence.startswith(CONTEXT_EVIDENCE)]
        if mode != "on" and noise < HEAVY:  # a word too garbled to mend is worth a look
            kept = [  # only where the text is much damaged, and so is a guess at it
                t
                for t in kept
                if (t.suggestions and not t.evidence.startswith(_GUESSES))
                or t.evidence in (BROKEN_GLYPH, STRAY_MARK)  # a glyph OCR could not read
            ]
        if noise < RUINED:  # a name used once is a name, unless the scan is ruined
            kept = [t for t in kept if not t.evidence.startswith(UNKNOWN_CAPITAL)]
        kept = _without_own_terms(kept, text)
        if archaic:
            note += f"; {archaic} old spellings (againe, downe) taken as the text's own"
        return Assessment(main, noise, "scan", words, why + note, len(foreign)), kept
    strong_ = strong_evidence if is_damage is None else is_damage
    strong = [t for t in kept if strong_(t) and uses[t.text] < OWN_SPELLING]
    why = f"reads as born-digital: {noise:.1f} damaged common words per 1,000"
    return Assessment(main, noise, "clean", words, why + note, len(foreign)), strong


_PER_THOUSAND = " per 1,000"


def judged_again(decided: Assessment, final: Assessment) -> Assessment:
    """The assessment of a scan the quick look ``decided`` on, once its words
    were judged in full (``final``): the quick look's noise, which decided,
    with what the full judgement found besides (the old spellings it kept)."""
    head, _, _ = decided.reason.partition(_PER_THOUSAND)
    _, found, note = final.reason.partition(_PER_THOUSAND)
    return replace(decided, reason=head + found + note) if found else decided


def _without_own_terms(typos: list[Typo], text: str) -> list[Typo]:
    """Typos less the long words a scan writes the same way three times or more
    that no glyph misread would mend (``bigrams``, ``markedness``): its terms.
    A misread repeats too, but as a glyph misread (``tbe``, ``wbich``)."""
    uses = Counter(text[t.start : t.end] for t in typos)
    return [
        t
        for t in typos
        if uses[t.text] < OWN_SPELLING
        or len(t.text) < OWN_TERM_LENGTH
        or not t.evidence.startswith(_LEXICON_ONLY)
        or "occurs in" in t.evidence  # the document itself writes the correction
        or (t.suggestions and ocr_distance(t.text.lower(), t.suggestions[0].lower()) <= 0.5)
    ]


MIN_OLD_SPELLINGS = 5  # distinct old spellings that make them the text's orthography
# and the share of the text's questioned words they must be: in an early book most
# are (0.6-1.0 on real scans), in a damaged newspaper few (0.1-0.3), where a
# misread word often looks like an old spelling ("wera", "lau", "maish")
OLD_SPELLING_SHARE = 0.3


def _without_old_spellings(typos: list[Typo]) -> tuple[list[Typo], int]:
    """Typos less the old spellings, when the text writes many of them: its
    orthography, not damage (a scan of a 1600s book keeps them). The share is
    counted over the questioned words' uses, so that damage a scan repeats
    (``tbe`` fifty times) weighs as it reads; a long s read as f is no
    question of spelling. ("caUed" is ll misread, not "cued" spelt old.)"""
    questioned = [
        t
        for t in typos
        if t.kind == "ocr-typo" and t.text[1:].islower() and not t.evidence.startswith(LONG_S)
    ]
    old = {t.text.lower() for t in questioned if modern(t.text.lower())}
    uses = sum(t.text.lower() in old for t in questioned)
    if len(old) < MIN_OLD_SPELLINGS or uses < OLD_SPELLING_SHARE * len(questioned):
        return typos, 0
    kept = [t for t in typos if not (t.text[1:].islower() and t.text.lower() in old)]
    return kept, len(old)


def _inside(offset: int, spans: list[tuple[int, int]]) -> bool:
    i = bisect_right(spans, (offset, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= offset < spans[i][1]
