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
from citetrace.linking.names import surnames
from citetrace.model import Reference
from citetrace.text import clean

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
# "1. ", "[12]", "- ": not a year such as "2019. " that opens an entry
_LIST_MARK = re.compile(r"^\s*(?:[-*+]\s+|\[\d+\]\s*|\d{1,3}[.)]\s+)")
_LEADING_YEAR = re.compile(r"^\s*(?P<year>\d{4}[a-z]?)(?![\d])[.,:]?\s")
_PAREN_YEAR = re.compile(r"(?<![\w)])\((?P<year>\d{4}[a-z]?|n\.\s?d\.)(?:,[^()]{0,20})?\)")
# A year standing alone: not part of a page range, an issue number or a longer number.
_BARE_YEAR = re.compile(
    r"(?:^|(?<=[\s.,/]))(?<![–—-]\s)(?P<year>\d{4}[a-z]?)(?P<end>[.;)\u037e]|(?=[,:\s]|-\d|$))"
)
FIRST_YEAR, LAST_YEAR = 1400, 2100
# An open parenthesis whose words run up to where a year stands: a remark around it.
_IN_REMARK = re.compile(r"\([^()]*[^\W\d_][^()]*$")
_IDENTIFIER = re.compile(r"\bdoi:\s*\S+|https?://\S+|\b10\.\d{4,9}/\S+", re.IGNORECASE)
_MONTH_AFTER = re.compile(
    r"\s+(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|(?:0[1-9]|1[0-2]);)",
    re.IGNORECASE,
)
_AUTHOR_LINE = re.compile(
    r"^(?P<name>[^\W\d_][\w'’\- ]*),\s*(?P<given>(?:[^\W\d_][\w'’\-]*\.?\s*){1,4})$"
)
_INITIALS = re.compile(r"^(?:[A-ZÀ-ÖØ-ÞА-Я]\.?\s*-?){1,4}$")
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
                last_author = surnames(pending_author[2])
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
        last_author = ()  # a year line continues an author line, not a whole entry
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
    authors = surnames(line)
    return _Entry(start, end, authors, None, False, authors[0] if authors else clean(line))


def _year(body: str) -> re.Match[str] | None:
    """The entry's year: in parentheses if there is one, else the first standing
    alone and followed by a full stop, semicolon or month, else the first standing
    alone; never one inside a DOI or a URL (``doi: 10.1002/nbm.1518``)."""
    body = _IDENTIFIER.sub(lambda m: " " * len(m.group()), body)
    for m in _PAREN_YEAR.finditer(body):
        if m["year"].startswith("n") or FIRST_YEAR <= int(m["year"][:4]) <= LAST_YEAR:
            return m
    fallback = None
    for m in _BARE_YEAR.finditer(body):
        if not FIRST_YEAR <= int(m["year"][:4]) <= LAST_YEAR:
            continue
        if m["end"] == ")" and _IN_REMARK.search(body, 0, m.start()):
            # "Cerebral cortex (New York, NY : 1991). 2003;": a year inside a remark
            # is the entry's only if no other follows ("(Ed., 2001)")
            fallback = fallback or m
            continue
        if m["end"] or _MONTH_AFTER.match(body, m.end()):
            return m
        fallback = fallback or m
    return fallback


def _entry(body: str, start: int, end: int) -> _Entry:
    """One self-contained entry line."""
    year_m = _year(body)
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
    authors = surnames(author_text) if author_text else ()
    key = authors[0] if authors else clean(body[year_m.end() :].strip(" .,)"))[:60]
    return _Entry(start, end, authors, year, False, key)
