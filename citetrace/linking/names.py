"""Author lists of reference entries: the surnames, in order, whatever the layout.

Layouts read: inverted (``Smith, J., & Jones, K.``, ``SILVA, J. A.; COSTA, M.``,
``Smith, John, and Kate Jones``), surname-initials (``Smith J, Jones K``,
``Anderson E. Maday S.``, initials run into the next name as in ``Bolton
SJPerry VH``), given names first (``J. L. Molnar``, ``Francesco Corucci, Nick
Cheney``) and corporate authors (``World Bank``, ``WHO``). The list ends where
the title starts: a word in lower case that is not a name particle, a colon,
or a full stop after a whole word.
"""

from __future__ import annotations

import re
from functools import lru_cache

from citetrace.text import PARTICLES, is_initials

_CORPORATE = re.compile(
    r"\b(?:bank|organi[sz]ation|team|consortium|network|institute|instituto|ministry|"
    r"minist[eé]rio|agency|council|committee|association|society|group|project|foundation|"
    r"department|office|commission|university|universidade|universidad|cent(?:er|re)|"
    r"survey|service|nations|union|programme|program|collaboration|board|bureau|"
    r"authority|federation|initiative|alliance|secretar[iy]a?|fund|company|corporation)\b",
    re.IGNORECASE,
)
_ET_AL = re.compile(r",?\s*\b(?:et\s*-?\s*al\b\.?|и\s+др\.?|e\s+col\.?)", re.IGNORECASE)
# Initials run into the next surname when separators were lost: "SJPerry" → "SJ Perry".
_RUN_TOGETHER = re.compile(r"(?<![\w'’])([A-Z]{1,3})(?=[A-Z][a-zà-ÿ]{2,})")
_SEPARATOR = re.compile(r"\s*(;|,|&|\band\b|\bund\b|\by\b|\be\b|\bet\b(?!\s*al))\s*")
_WORD = re.compile(r"[^\s]+")
_SUFFIXES = frozenset({"jr", "sr", "jnr", "snr", "filho", "neto", "júnior", "junior"})
_JOINING = frozenset({"and", "und", "y", "e", "et"})  # "Neil H. Shubin and Marcus C. Davis"
_LIST_END = re.compile(r"\s:\s|:\s|\s[-–—]\s")
# An initial's full stop, then a capitalised word and a lower-case one: the title begins.
_TITLE_START = re.compile(r"(?<=\b[A-Z]\.)\s+(?=[A-Z][^\s.,;]*\s+(?P<low>[a-z][\w'’]*))")


def _is_name_word(word: str) -> bool:
    bare = word.strip(".")
    if not bare:
        return False
    return bare[0].isupper() or bare.casefold() in PARTICLES or bare[:2] in ("d'", "d’")


@lru_cache(maxsize=8192)
def surnames(author_text: str) -> tuple[str, ...]:
    """The surnames (or corporate names) in ``author_text``, in order."""
    text = _ET_AL.sub("", author_text)
    text = _RUN_TOGETHER.sub(r"\1 ", text)
    if m := _LIST_END.search(text):
        text = text[: m.start()]
    for m in _TITLE_START.finditer(text):
        if m["low"] not in PARTICLES and m["low"] not in _JOINING:
            text = text[: m.start()]
            break
    text = text.strip(" .,;")
    if not text:
        return ()
    if _CORPORATE.search(text.split(".")[0]) and "," not in text.split(".")[0]:
        return (text.split(".")[0].strip(),)
    pieces = _SEPARATOR.split(text)
    chunks = [p.strip() for p in pieces[0::2]]
    seps = [s.strip() for s in pieces[1::2]]
    inverted = (
        len(chunks) > 1
        and seps[0] in (",", ";")
        and _looks_like_surname(chunks[0])
        and _looks_like_given(chunks[1])
    )
    out = _inverted(chunks, seps) if inverted else _plain(chunks)
    return tuple(s for s in out if s)


def _words(chunk: str) -> list[str]:
    return _WORD.findall(chunk)


def _looks_like_surname(chunk: str) -> bool:
    words = _words(chunk)
    return bool(words) and len(words) <= 4 and not any(is_initials(w) for w in words[1:])


def _looks_like_given(chunk: str) -> bool:
    """``J.``, ``J. A.``, ``John``, ``John A.``: given names after an inverted surname
    (``Jones K`` is a surname with its initials, not a given name)."""
    words = _words(chunk)
    if not words or len(words) > 3:
        return False
    if all(is_initials(w) for w in words):
        return True
    first = words[0]
    if not first[:1].isupper() or not first.replace("-", "").replace(".", "").isalpha():
        return False
    if len(words) == 1:
        return True
    return all(is_initials(w) and w.endswith(".") for w in words[1:])


def _inverted(chunks: list[str], seps: list[str]) -> list[str]:
    """``Surname, Given, Surname, Given & Surname, Given``; after ``and`` a name may
    come given name first (Chicago: ``Smith, John, and Kate Jones``)."""
    out: list[str] = []
    i = 0
    expecting_surname = True
    while i < len(chunks):
        chunk = chunks[i]
        words = _words(chunk)
        if not words:
            i += 1
            continue
        if expecting_surname:
            if not _surname_words_ok(words):
                break
            sep_after = seps[i] if i < len(seps) else ""
            nxt = chunks[i + 1] if i + 1 < len(chunks) else ""
            previous = seps[i - 1] if i > 0 else ","
            if (
                sep_after in (",", ";")
                and nxt
                and _looks_like_given(nxt)
                and not (previous in ("and", "&", "e", "y", "und", "et") and len(words) > 1)
            ):
                out.append(_strip_initials(words))
                expecting_surname = False
            else:
                out.append(_given_first(words))
        else:
            expecting_surname = True
            if not _looks_like_given(chunk):
                continue  # this chunk is the next surname
        i += 1
    return out


def _surname_words_ok(words: list[str]) -> bool:
    return 0 < len(words) <= 5 and all(_is_name_word(w) for w in words)


def _strip_initials(words: list[str]) -> str:
    kept = [w for w in words if not is_initials(w)] or words
    return " ".join(kept).strip(" .")


def _given_first(words: list[str]) -> str:
    """``Kate Jones`` → ``Jones``; ``J. L. Molnar`` → ``Molnar``; ``van Beethoven`` kept whole."""
    names = [w for w in words if not is_initials(w)]
    if not names:
        return " ".join(words).strip(" .")
    start = len(names) - 1
    while start > 0 and names[start - 1].casefold() in PARTICLES:
        start -= 1
    return " ".join(names[start:]).strip(" .")


def _plain(chunks: list[str]) -> list[str]:
    """Surname first with initials (``Smith J, Jones K``, ``Anderson E. Maday S.``),
    or whole names given name first when no chunk has initials."""
    authors: list[list[str]] = []
    given_first = _given_names_first(chunks[0])
    for chunk in chunks:
        words = _words(chunk)
        if not words:
            continue
        group: list[str] = []
        ended = False
        for index, word in enumerate(words):
            if not _is_name_word(word) or any(ch.isdigit() for ch in word):
                ended = True
                if authors and not any(is_initials(w) for w in group):
                    group = []  # "Kiselev VG. The cumulant ...": the title's first words
                break
            if group and is_initials(group[-1]) and not is_initials(word) and not given_first:
                has_name = any(not is_initials(w) for w in group)
                if has_name:  # "Anderson E. Maday S.": a new author starts
                    authors.append(group)
                    group = []
            group.append(word)
            if word.endswith(".") and not is_initials(word) and index < len(words) - 1:
                ended = True  # "BRASIL. Ministério ...": a full stop after a whole word
                if authors and not any(is_initials(w) for w in group):
                    group = []  # "Moreau A. Title. J Appl": the title, not an author
                break
        if group:
            authors.append(group)
        if ended or len(words) > 6:
            break
    if not authors:
        return []
    any_initials = any(is_initials(w) for g in authors for w in g)
    out = []
    for group in authors:
        if is_initials(group[0]) and any(not is_initials(w) for w in group):
            out.append(_given_first(group))  # "J. L. Molnar"
        elif given_first and len(group) > 1:
            out.append(_given_first(group))  # "Neil H. Shubin"
        elif any_initials or len(group) == 1:
            names = []
            for w in group:
                if is_initials(w) and names:
                    break
                names.append(w)
            out.append(_surname_first(names))
        elif len(authors) == 1 and len(group) > 1:
            out.append(" ".join(group).strip(" ."))  # one name with no initials: keep it whole
        else:
            out.append(_given_first(group))
    return out


def _given_names_first(chunk: str) -> bool:
    """Whether the first name of a list is written given names first with a middle
    initial (``Neil H. Shubin and ...``), not surname first with initials after
    it (``Anderson E. Maday S.``, ``Moreau A. Title.``): the whole chunk is the
    name, and it ends in a whole word."""
    words = _words(chunk)
    return (
        len(words) == 3
        and all(_is_name_word(w) and not w.endswith(".") for w in words[::2])
        and not is_initials(words[0])
        and re.fullmatch(r"[A-Z]\.", words[1]) is not None
        and not is_initials(words[2])
        and words[2].strip(".").casefold() not in PARTICLES | _SUFFIXES
    )


def _surname_first(words: list[str]) -> str:
    kept = [w for w in words if not is_initials(w)] or words
    return " ".join(kept).strip(" .")


def name_keys(surname: str) -> tuple[str, ...]:
    """Other spellings a citation may use for ``surname``: without particles
    (``van der Berg`` → ``Berg``) and each part of a compound (``Takemura Shin-Ya``)."""
    words = surname.split()
    bare = [w for w in words if w.casefold() not in PARTICLES]
    keys = []
    if bare and len(bare) != len(words):
        keys.append(" ".join(bare))
    if len(bare) > 1:
        keys.extend((bare[0], bare[-1]))
    return tuple(dict.fromkeys(k for k in keys if k != surname))
