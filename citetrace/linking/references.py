"""The reference list: entries, their keys, authors and years.

Layouts read: an author line (``Akino, Y.``) followed by one line a work that
opens with its year (``1986 "title" ...``); bare periodical names
(``Pravda``, ``Radio Press (Vietnam News)``); APA
(``Smith, J., & Jones, K. (1990). Title.``); Chicago
(``Smith, John. 1990. Title.``); and author-initials
(``Smith J, Jones K. 1990. Title. Journal 3:1–9.``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from citetrace.inputs.document import Document
from citetrace.model import Reference
from citetrace.text import clean

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_LIST_MARK = re.compile(r"^\s*(?:[-*+]\s+|\[\d+\]\s*|\d+[.)]\s+)")
_LEADING_YEAR = re.compile(r"^\s*(?P<year>\d{4}[a-z]?)(?![\d])[.,:]?\s")
_PAREN_YEAR = re.compile(r"\((?P<year>\d{4}[a-z]?|n\.\s?d\.)\)")
_BARE_YEAR = re.compile(r"(?:^|(?<=[\s.,]))(?P<year>\d{4}[a-z]?)(?=[.,;:)\s]|$)")
_AUTHOR_LINE = re.compile(
    r"^(?P<name>[^\W\d_][\w'’\- ]*),\s*(?P<given>(?:[^\W\d_][\w'’\-]*\.?\s*){1,4})$"
)
_INITIALS = re.compile(r"^(?:[A-ZÀ-ÖØ-ÞА-Я]\.?\s*-?){1,4}$")
_AND_WORDS = re.compile(r"\s*(?:&|\band\b|\by\b|\bund\b|\bet\b(?!\s+al)|\bи\b)\s*")
_ET_AL = re.compile(r",?\s*(?:et\s+al\.?|и\s+др\.?)", re.IGNORECASE)
_ALIAS = re.compile(r"\s*\((?P<alias>[^()]+)\)\s*$")


@dataclass
class _Entry:
    start: int
    end: int
    authors: tuple[str, ...]
    year: str | None
    periodical: bool
    key: str
    aliases: tuple[str, ...] = ()


def parse_references(doc: Document) -> list[Reference]:
    """Parse the reference section of ``doc`` into entries, in order."""
    if doc.references_start is None:
        return []
    entries: list[_Entry] = []
    pending_author: tuple[int, int, str] | None = None  # start, end, name line
    last_author: tuple[str, ...] = ()
    text = doc.text
    for m in _LINE.finditer(text, doc.references_start, doc.references_end):
        if m.start() == m.end():
            break
        raw = m.group().rstrip("\r\n")
        stripped = raw.strip()
        if not stripped:
            continue
        start = m.start() + (len(raw) - len(raw.lstrip()))
        end = m.start() + len(raw.rstrip())
        if raw[:1] in " \t" and entries and pending_author is None and not _LEADING_YEAR.match(raw):
            entries[-1].end = end  # hanging indent: the entry goes on
            continue
        body = _LIST_MARK.sub("", stripped)
        if year_m := _LEADING_YEAR.match(body):
            if pending_author is not None:
                start = pending_author[0]
                last_author = tuple(_surnames(pending_author[2]))
                pending_author = None
            if last_author:
                entries.append(
                    _Entry(start, end, last_author, year_m["year"], False, last_author[0])
                )
                continue
        if pending_author is not None:
            entries.append(_author_only(*pending_author))
            pending_author = None
        if _AUTHOR_LINE.match(body) and _INITIALS.match(_AUTHOR_LINE.match(body)["given"]):
            pending_author = (start, end, body)
            continue
        entry = _entry(body, start, end)
        last_author = entry.authors if not entry.periodical else ()
        entries.append(entry)
    if pending_author is not None:
        entries.append(_author_only(*pending_author))
    return [
        Reference(
            id=f"R{i}",
            text=text[e.start : e.end],
            key=e.key,
            authors=e.authors,
            year=e.year,
            start=e.start,
            end=e.end,
            periodical=e.periodical,
            aliases=e.aliases,
        )
        for i, e in enumerate(entries, 1)
    ]


def _author_only(start: int, end: int, line: str) -> _Entry:
    authors = tuple(_surnames(line))
    return _Entry(start, end, authors, None, False, authors[0] if authors else clean(line))


def _entry(body: str, start: int, end: int) -> _Entry:
    """One self-contained entry line."""
    year_m = _PAREN_YEAR.search(body) or _BARE_YEAR.search(body)
    if year_m is None:
        name = body
        aliases: tuple[str, ...] = ()
        if alias_m := _ALIAS.search(body):
            name = body[: alias_m.start()]
            aliases = (clean(alias_m["alias"]),)
        name = clean(name.strip("*_ "))
        return _Entry(start, end, (), None, True, name, aliases)
    year = year_m["year"]
    year = None if year.startswith("n") else year
    author_text = body[: year_m.start()].strip(" .,(")
    authors = tuple(_surnames(author_text)) if author_text else ()
    key = authors[0] if authors else clean(body[year_m.end() :].strip(" .,)"))[:60]
    return _Entry(start, end, authors, year, False, key)


def _surnames(author_text: str) -> list[str]:
    """The surnames in an author list, in order."""
    author_text = _ET_AL.sub("", author_text).strip(" .,")
    groups = [g for g in _AND_WORDS.split(author_text.replace(";", " & ")) if g.strip(" ,.")]
    surnames: list[str] = []
    for index, group in enumerate(groups):
        expecting_given = False
        for piece in group.split(","):
            piece = piece.strip(" .")
            if not piece or _INITIALS.match(piece):
                expecting_given = False
                continue
            words = piece.split()
            if len(words) > 1 and _INITIALS.match(words[-1]) and words[-1].rstrip(".").isupper():
                surnames.append(" ".join(words[:-1]))
                expecting_given = False
            elif expecting_given:
                expecting_given = False
            elif len(words) > 1 and index > 0 and "," not in group:
                surnames.append(words[-1])  # Chicago: "and Kate Jones"
            else:
                surnames.append(piece)
                expecting_given = True
    return surnames
