"""Citations traced to the library: the documents each cites, and whether each
quotation in its claim is in them.

A newspaper citation cites the documents of its source and date (a whole
issue: several articles); an author-date citation those whose key is its
entry's (``pike1987``) or whose source is its first author and whose date is
its year. A quotation is looked for in those documents' pages with the
differences that are not a change of words forgiven: case, punctuation,
quote marks, hyphenation and spacing exactly, and OCR damage on either side by
a tolerant alignment (rapidfuzz) whose differing words must each be a
misreading of the other. A quotation not in the cited documents is looked
for in the whole library (FTS5), to suggest the citation it should have had.
"""

from __future__ import annotations

import difflib
import itertools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from citetrace.confusion import ocr_distance
from citetrace.library.store import Library, LibraryDocument
from citetrace.linking.entry_fields import work_key
from citetrace.model import Citation, Reference
from citetrace.text import fold

FOUND = 92  # a tolerant alignment at least this good is the quotation, OCR and all
UNCLEAR = 91.5  # the score given to a passage too damaged to tell
UNREADABLE = 91.0  # the score given to a passage OCR left barely readable
CLOSE = 70  # this good: the same passage, words changed
READABLE = 55  # an alignment this good, on a passage mostly garbled, may be the quotation
GARBLED_SHARE = 0.45  # share of no-words that makes a passage mostly garbled
MIN_WORDS = 3  # a quotation of fewer words is a term, not a quotation
GARBLED = 0.8  # a word this far from the quoted one may still be it, in a damaged passage
NOISY_PASSAGE = 3  # misread words that make a passage damaged
# Words a misreading of which turns the meaning: they must stand as quoted.
_NEGATIONS = frozenset("not no nor never none nothing neither nobody now".split())
_DIGITS = re.compile(r"\D")
# Letters OCR reads for digits, in a word that has digits: "l8" is 18, "1o" 10.
_AS_DIGITS = str.maketrans("liosbz", "110582")
# Whether a folded word is a word of the language (a garble is none).
WordJudge = Callable[[str], bool]
MISREAD = 0.5  # OCR edits per character of a word (Born → Dom, the → tho), misreadings cheaper
# A straight quote opens after a space, a bracket or a dash and before a word, and
# closes after a word and before a space or punctuation; curly quotes say which they are.
_QUOTATION = re.compile(
    r'(?<![^\s(\[—–-])"(?=\S)(?P<a>[^"]{8,}?)(?<=\S)"(?=[\s.,;:!?)\]—–-]|$)'
    r"|“(?P<b>[^”]{8,}?)”|«(?P<c>[^»]{8,}?)»"
)
_PARAGRAPHS = re.compile(r"(?:[^\n]|\n(?![ \t]*\n))+")  # runs of text between blank lines
_ELLIPSIS = re.compile(r"\s*(?:\.\s?\.\s?\.|…)\s*")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_BROKEN = re.compile(r"[-¬]\s*\n\s*")


@dataclass(frozen=True)
class Place:
    """Where a quotation was found: a library document and page."""

    document: LibraryDocument
    page: int
    score: float
    source_words: str  # the passage's own words
    before: str = ""  # the words the page has just before the passage
    after: str = ""  # and just after it


def normal_words(text: str) -> list[str]:
    """The words of ``text`` folded, a word broken by a hyphen at a line's end joined."""
    return [w for w, _, _ in _words(text)]


def _words(text: str) -> list[tuple[str, int, int]]:
    """Each word of ``text`` folded, with where it stands (a word broken by a hyphen
    at a line's end is one word, spanning the break)."""
    found = []
    for m in _WORD.finditer(text):
        if found and _BROKEN.fullmatch(text, found[-1][2], m.start()):
            word, start, _ = found.pop()
            found.append((word + fold(m.group()), start, m.end()))
        else:
            found.append((fold(m.group()), m.start(), m.end()))
    return found


def quotations(text: str) -> list[tuple[int, int, str]]:
    """The quotations of ``text``, paired over the whole text, a paragraph at a time
    (a claim may start inside a quotation, so pairing quote marks inside a claim
    alone can take the words between two quotations for one): (start, end) of the
    quoted words, and the words."""
    found = []
    for paragraph in _PARAGRAPHS.finditer(text):
        for m in _QUOTATION.finditer(text, paragraph.start(), paragraph.end()):
            group = next(g for g in ("a", "b", "c") if m.group(g) is not None)
            words = m.group(group)
            if len(normal_words(words)) >= MIN_WORDS:
                found.append((m.start(group), m.end(group), " ".join(words.split())))
    return found


def cited_documents(
    library: Library, c: Citation, references: dict[str, Reference]
) -> list[LibraryDocument]:
    """The library documents citation ``c`` cites."""
    if c.style == "newspaper" and c.date:
        return library.by_source(c.source, c.date)
    ref = references.get(c.reference or "")
    year = (c.year or "")[:4]
    found: list[LibraryDocument] = []
    if ref is not None:
        found = library.by_key(work_key(ref)) or library.by_key(ref.key)
    if not found and c.authors and year:
        found = library.by_source(c.authors[0], year)
    return found


def locate(
    quote: str,
    documents: Sequence[LibraryDocument],
    library: Library,
    is_word: WordJudge | None = None,
) -> Place | None:
    """The best place of ``quote`` in ``documents``, if it is there (each part of a
    quotation cut with an ellipsis must be); ``is_word`` tells a garble from a word
    (see :func:`_difference`)."""
    parts = [p for p in _ELLIPSIS.split(quote) if len(normal_words(p)) >= 1]
    best: Place | None = None
    for document in documents:
        pages = library.pages(document.id)
        text = "\n".join(pages)  # matched whole: a quotation may run over a page
        page_starts = list(itertools.accumulate((len(p) + 1 for p in pages[:-1]), initial=0))
        words = _words(text)
        found = [_best_stretch(normal_words(p), words, is_word) for p in parts]
        if not found or any(m is None for m in found):
            continue
        stretches = [m for m in found if m is not None]
        score = min(m[0] for m in stretches)
        if best is None or _rank(score) > _rank(best.score):
            best = _place(document, page_starts, score, stretches, words, text)
    return best


def _rank(score: float) -> tuple[bool, float]:
    """A real alignment, however loose, before a garbled passage's mere likeness."""
    return score != UNREADABLE, score


def _place(
    document: LibraryDocument,
    page_starts: list[int],
    score: float,
    stretches: list[tuple[float, int, int]],
    words: list[tuple[str, int, int]],
    text: str,
) -> Place:
    """The place the ``stretches`` (first and last word of each part) make in
    ``text``, with the page's words around them."""
    said = " … ".join(_original(text, words, first, last) for _, first, last in stretches)
    first, last = stretches[0][1], stretches[-1][2]
    where = words[first][1] if first < len(words) else 0
    before = _original(text, words, max(0, first - CONTEXT_WORDS), first) if first else ""
    after = _original(text, words, last, min(len(words), last + CONTEXT_WORDS))
    return Place(document, bisect_right(page_starts, where), score, said, before, after)


CONTEXT_WORDS = 12  # words of the page shown on either side of a passage


def _best_stretch(
    quote: list[str], page_words: list[tuple[str, int, int]], is_word: WordJudge | None = None
) -> tuple[float, int, int] | None:
    """How well ``quote`` matches its best stretch of the page (100 = word for word,
    forgiving OCR misreadings), and that stretch's first and last word; ``None``
    below :data:`CLOSE`, except that with ``is_word`` an alignment down to
    :data:`READABLE` on a stretch mostly of no words scores :data:`UNREADABLE`
    (the quotation may be there, under OCR's garble)."""
    words = [w for w, _, _ in page_words]
    if not quote or not words:
        return None
    needle, haystack = " ".join(quote), " ".join(words)
    if len(haystack) < len(needle) * 0.9:
        return None  # too short to hold it (a partial alignment would turn the two round)
    starts = []  # where each word starts in the haystack
    at = 0
    for w in words:
        starts.append(at)
        at += len(w) + 1
    for exact in _occurrences(haystack, needle):
        first = bisect_right(starts, exact) - 1
        return 100.0, first, first + len(quote)
    cutoff = CLOSE if is_word is None else READABLE
    aligned = fuzz.partial_ratio_alignment(needle, haystack, score_cutoff=cutoff)
    if aligned is None:
        return None
    first = bisect_right(starts, aligned.dest_start) - 1
    last = bisect_right(starts, max(aligned.dest_end - 1, aligned.dest_start))
    if aligned.score < CLOSE:  # only a passage OCR garbled may hide it this well
        assert is_word is not None  # the cutoff is below CLOSE only with a judge
        stretch = words[first:last]
        garbled = sum(not is_word(w) for w in stretch)
        return (UNREADABLE, first, last) if garbled >= len(stretch) * GARBLED_SHARE else None
    first, last = _trimmed(quote, words, first, last)
    difference = _difference(quote, words[first:last], is_word)
    if difference == "none":
        return max(aligned.score, FOUND), first, last
    if difference == "unclear":  # neither found nor altered: the passage is too damaged
        return UNCLEAR, first, last
    return min(aligned.score, FOUND - 1, UNCLEAR - 1), first, last


def _occurrences(haystack: str, needle: str):
    """Where ``needle`` stands in ``haystack`` as whole words."""
    at = haystack.find(needle)
    while at >= 0:
        end = at + len(needle)
        if (at == 0 or haystack[at - 1] == " ") and (end == len(haystack) or haystack[end] == " "):
            yield at
        at = haystack.find(needle, at + 1)


def _trimmed(quote: list[str], words: list[str], first: int, last: int) -> tuple[int, int]:
    """Drop words at the stretch's edges that the quotation does not have (an
    alignment may take in a word on either side)."""
    wanted = set(quote)
    while last - first > len(quote) and words[first] not in wanted:
        first += 1
    while last - first > len(quote) and words[last - 1] not in wanted:
        last -= 1
    return first, last


def _original(page: str, page_words: list[tuple[str, int, int]], first: int, last: int) -> str:
    """Words ``first`` to ``last`` of the page as it writes them, on one line."""
    if last <= first:
        return ""
    return " ".join(page[page_words[first][1] : page_words[last - 1][2]].split())


def _difference(quote: list[str], source: list[str], is_word: WordJudge | None = None) -> str:
    """How a quotation differs from the passage: ``none`` (only as OCR makes words
    differ: a word misread, words run together or split, a stray mark),
    ``changed`` (a word added, left out or replaced, a number or a negation
    changed), or ``unclear`` (the passage is so damaged that its differences
    cannot be told from OCR's: more than a third of the quoted words misread or
    garbled, and no word plainly added or left out).

    With ``is_word``, a source word garbled into no word at all, where the
    quotation has words and about as many letters (``tvas`` for ``was``), is
    OCR's damage, not another word (``Husak`` for ``Honecker`` is a change); a
    real word put for another is a change however damaged the passage. A
    number the source writes with a letter for a digit (``l8``) or runs into a
    word (``in1891``) is the same number; and a negation is changed only by a
    word put for it (``not`` read ``no1`` is a misreading, ``now`` a change,
    ``gone`` read ``go no`` a word split)."""
    ops = difflib.SequenceMatcher(a=quote, b=source, autojunk=False).get_opcodes()
    misread = garbled = changed = 0
    for tag, a0, a1, b0, b1 in ops:
        if tag == "equal":
            continue
        quoted, read = quote[a0:a1], source[b0:b1]
        at_edge = a0 == 0 or a1 == len(quote)
        if not quoted:  # the source has more: noise, or a word the alignment took in
            if not (all(len(w) <= 2 for w in read) or (at_edge and len(read) <= 1)):
                changed += 1
            continue
        if not read:  # the quotation has more
            if not (at_edge and len(quoted) <= 1):
                changed += 1
            continue
        read = [w for w in read if len(w) > 1 or w in quoted] or read  # stray marks
        wanted, seen = "".join(quoted), "".join(read)
        number = _DIGITS.sub("", wanted)
        as_read = {_DIGITS.sub("", seen), _DIGITS.sub("", "".join(map(_digits_read, read)))}
        if number and number not in as_read:
            return "changed"  # a number changed (1988 for 1990) is never a misreading
        # the source has no word where the quotation has words, only OCR's garble (a
        # lone letter is no word); a name put for a name (Husak, Honecker) is a change
        no_words = (
            is_word is not None
            and all(map(is_word, quoted))
            and not any(len(w) > 1 and is_word(w) for w in read)
        )
        swapped = len(quoted) == len(read) and not no_words  # a word for a word
        if swapped and (set(quoted) | set(read)) & _NEGATIONS and wanted != seen:
            return "changed"  # not/now, no/so: a misreading that turns the meaning
        if (
            swapped
            and is_word is not None
            and any(map(_replaced, quoted, read, itertools.repeat(is_word)))
        ):
            changed += 1  # a word put for another (gravel for debility), not a garble
            continue
        distance = ocr_distance(wanted, seen)
        if distance <= max(1.0, len(wanted) * MISREAD):
            misread += len(quoted)
        elif (
            no_words and distance <= max(2.0, len(wanted) * GARBLED) and _kept_length(wanted, seen)
        ):
            misread += len(quoted)  # garbled into no word: OCR's, not the quoter's
        elif len(quoted) == len(read) and distance <= len(wanted) * GARBLED:
            garbled += len(quoted)  # as many words: a garbled word, or another word
        else:
            garbled += len(quoted) if len(read) >= len(quoted) else 0
            changed += len(read) < len(quoted)  # fewer words: some left out
    if not changed and (not garbled or misread >= NOISY_PASSAGE):
        return "none"
    if not changed and misread + garbled > len(quote) / 3:
        return "unclear"
    return "changed"


def _replaced(quoted: str, read: str, is_word: WordJudge) -> bool:
    """Whether the source has another word where the quotation has ``quoted``: both
    words, further apart than a misreading."""
    if quoted == read or not (is_word(quoted) and is_word(read)):
        return False
    return ocr_distance(quoted, read) > max(1.0, len(quoted) * MISREAD)


def _kept_length(wanted: str, seen: str) -> bool:
    """Whether a garble keeps about the length of what it garbles: OCR misreads
    letters, it seldom drops a third of them (Husak is no garble of Honecker)."""
    return abs(len(wanted) - len(seen)) <= max(1, len(wanted) // 3)


def _digits_read(word: str) -> str:
    """A word with digits as a number: the letters OCR reads for digits made digits."""
    return word.translate(_AS_DIGITS) if any(c.isdigit() for c in word) else word


def search_elsewhere(
    quote: str, library: Library, skip: set[int], is_word: WordJudge | None = None
) -> Place | None:
    """The quotation in a document of the library other than ``skip``: the passages
    that hold its longest words (all of them, else any, as OCR may have damaged
    some), best first, checked in full. A passage whose words differ counts (a
    quotation misdated and altered, or OCR's damage there beyond telling)."""
    words = sorted(set(normal_words(quote)), key=lambda w: (-len(w), w))[:6]
    seen: set[int] = set()
    candidates = []
    found = library.search(words) + library.search(words, limit=40, any_word=True)
    found += library.similar(quote)  # letter by letter, where every word is damaged
    for document_id, _page in found:
        if document_id in skip or document_id in seen:
            continue
        seen.add(document_id)
        found = library.document(document_id)
        if found is not None:
            candidates.append(found)
    place = locate(quote, candidates, library, is_word)
    # there, or with words that differ (the verdict's score says which); not a
    # passage so garbled that its likeness proves nothing
    return place if place is not None and place.score != UNREADABLE else None


def trace_citations(
    text: str,
    citations: Sequence[Citation],
    references: Sequence[Reference],
    library: Library,
    with_support: bool = False,
    is_word: WordJudge | None = None,
) -> None:
    """Set each citation's ``trace``: the library documents it cites, and, on the
    first citation of each claim, a verdict for each quotation in the claim
    (checked against the documents of every citation of that claim), and with
    ``with_support``, for a claim without quotation, the passage that supports it
    best (see :func:`support`); ``is_word`` tells OCR's garbles from words."""
    library = _Remembered(library)  # type: ignore[assignment]
    by_id = {r.id: r for r in references}
    cited = {c.id: cited_documents(library, c, by_id) for c in citations}
    quoted = quotations(text)
    starts = [q[0] for q in quoted]
    by_claim: dict[tuple[int, int], list[Citation]] = {}
    for c in citations:
        by_claim.setdefault((c.claim.start, c.claim.end), []).append(c)
    for group in by_claim.values():
        for number, c in enumerate(group):
            trace: dict = {"documents": [_brief(d) for d in cited[c.id]]}
            if number == 0:
                unique = list({d.id: d for o in group for d in cited[o.id]}.values())
                if unique:
                    inside = quoted[bisect_left(starts, c.claim.start) :]
                    trace["quotations"] = [
                        _verdict(start, end, words, unique, library, is_word)
                        for start, end, words in inside
                        if end <= c.claim.end  # wholly inside the claim
                    ]
                    if with_support and not trace["quotations"]:
                        trace["support"] = support(c.claim.text, unique, library)
                    for q in trace["quotations"]:  # which citation cites where it was found
                        q["citation"] = next(
                            (o.id for o in group
                             if q.get("document", {}).get("id") in {d.id for d in cited[o.id]}),
                            c.id,
                        )  # fmt: skip
            c.trace = trace


class _Remembered:
    """A library whose documents' pages are read once per audit (a claim's quotations,
    the search elsewhere and the support passage all read the same issues)."""

    def __init__(self, library: Library) -> None:
        self._library = library
        self._pages: dict[int, list[str]] = {}

    def pages(self, document: int) -> list[str]:
        if document not in self._pages:
            self._pages[document] = self._library.pages(document)
        return self._pages[document]

    def __getattr__(self, name: str):
        return getattr(self._library, name)


def _brief(d: LibraryDocument) -> dict:
    return {"id": d.id, "path": d.path, "source": d.source, "date": d.date, "title": d.title}


def _verdict(
    start: int,
    end: int,
    words: str,
    documents: list[LibraryDocument],
    library: Library,
    is_word: WordJudge | None = None,
) -> dict:
    verdict: dict = {"start": start, "end": end, "text": words}
    if is_word is not None and not _mostly_words(words, is_word):
        is_word = None  # a quotation in another language: its words are no guide
    place = locate(words, documents, library, is_word)
    if place is not None and place.score >= FOUND:
        verdict.update(verdict="found", **_where(place))
    elif place is not None and place.score == UNCLEAR:
        verdict.update(verdict="unclear", **_where(place))
    elif place is not None and place.score != UNREADABLE:
        verdict.update(verdict="altered", **_where(place))
    elif (other := search_elsewhere(words, library, {d.id for d in documents}, is_word)) and (
        place is None or other.score >= UNCLEAR  # a garbled cited passage may hold it
    ):
        verdict.update(verdict="elsewhere", **_where(other))
        if other.score < UNCLEAR:
            verdict["words_differ"] = True  # like it there, but its words differ
    elif place is not None:
        verdict.update(verdict="unclear", **_where(place))
    else:
        verdict.update(verdict="not-found")
    return verdict


MOSTLY = 0.7  # share of a quotation's words the judge must know for it to judge


def _mostly_words(quote: str, is_word: WordJudge) -> bool:
    """Whether the judge knows most of the quotation's lower-case words (of three
    letters or more; names tell nothing of a language): a judge of English tells
    nothing of a Czech quotation or its source."""
    words = [fold(w) for w in _WORD.findall(quote) if len(w) >= 3 and w.islower()]
    return not words or sum(map(is_word, words)) >= MOSTLY * len(words)


def _where(place: Place) -> dict:
    return {
        "score": round(place.score, 1),
        "document": _brief(place.document),
        "page": place.document.printed_page(place.page),
        "source_words": place.source_words,
        "source_before": place.before,
        "source_after": place.after,
    }


SUPPORTED = 0.5  # a claim this share of whose content words a passage has is supported
_STOP = frozenset(
    """that this with from have been were which their there would could should about
    after before other these those into than then when what where while also more most
    such only over under very said says will being them they its it's his her our your
    because between during against among upon within without""".split()
)


def content_words(text: str) -> list[str]:
    """The words of a claim that say what it is about: names and longer words."""
    words = [w for w in normal_words(text) if len(w) >= 4 and w not in _STOP]
    return list(dict.fromkeys(words))


def support(claim: str, documents: Sequence[LibraryDocument], library: Library) -> dict | None:
    """The passage of ``documents`` that has most of the claim's content words: its
    share of them (the score), its document and page, and its text."""
    wanted = set(content_words(claim))
    if len(wanted) < 3:
        return None
    best: tuple[float, LibraryDocument, int, str] | None = None
    span = max(12, 2 * len(wanted))  # words of a passage
    for document in documents:
        for number, page in enumerate(library.pages(document.id), 1):
            words = _words(page)
            for start in range(0, max(1, len(words) - span + 1), max(1, span // 3)):
                window = words[start : start + span]
                share = len(wanted & {w for w, _, _ in window}) / len(wanted)
                if best is None or share > best[0]:
                    text = " ".join(page[window[0][1] : window[-1][2]].split()) if window else ""
                    shared = wanted & {w for w, _, _ in window}
                    best = (share, document, number, text, shared)
    if best is None:
        return None
    share, document, number, text, shared = best
    return {
        "score": round(share, 2),
        "document": _brief(document),
        "page": document.printed_page(number),
        "passage": text,
        "words": sorted(shared),  # the claim's words the passage has (folded)
    }
