"""The citation grammar: a parenthetical's content → zero or more citations.

A parenthetical holds one or more segments separated by ``;``. Each segment
is ``[prefix] NAME [,] DATE [LOCATOR]`` (``Pravda, 1986. 10. 16``,
``see Pike, 1987: 208``, ``Brown et al., 2001a, pp. 3-7``); a parenthetical
that holds only ``DATE [LOCATOR]`` is a narrative citation when a name stands
just before it (``Pike (1987: 208) argues``). Anything else is not a citation.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from functools import lru_cache

from citetrace.extraction.dates import ParsedDate, parse_date
from citetrace.extraction.dates import numeric_date as _numeric_date
from citetrace.extraction.dates import year_date as _year_date
from citetrace.model import ParsedCitation
from citetrace.text import fold

_PREFIX = re.compile(
    r"(?:see\s+also|see|cf\.?|e\.\s?g\.,?|i\.\s?e\.,?|vgl\.|ver|voir|also|compare)\s+",
    re.IGNORECASE,
)
_APUD = re.compile(r"\s+(?:apud|cited\s+in|quoted\s+in|zit\.\s+n\.)\s+", re.IGNORECASE)
_DATE_START = re.compile(
    r"(?<![\w.])(?:\d|[ns]\.\s?d\b|o\.\s?J\b|sine data\b|no date\b)", re.IGNORECASE
)
_LOCATOR = re.compile(
    r"(?:\s*:\s*|\s*,\s*(?:(?:pp?|S|s|с|pág|fol|col)\.?\s*)|\s+(?:pp?|S|с)\.\s*)"
    r"(?P<loc>[0-9ivxlcIVXLC]+(?:\s*[-–—]\s*[0-9ivxlcIVXLC]+)?"
    r"(?:\s*,\s*[0-9]+(?:\s*[-–—]\s*[0-9]+)?)*)(?:\s*ff?\.)?\s*$"
)
_YEAR_LIST = re.compile(r"(?P<first>\d{4}[a-z]?)(?P<more>(?:\s*,\s*\d{4}[a-z]?)+)")
_YEAR_ITEM = re.compile(r"\d{4}[a-z]?")
_AND = re.compile(r"\s*(?:,|;|&|\band\b|\by\b|\bund\b|\bet\b(?!\s+al)|\bи\b|\be\b)\s*")
_ET_AL = re.compile(r"\s*,?\s*(?:et\s+al\.?|и\s+др\.?|u\.\s?a\.|e\s+col\.?)$", re.IGNORECASE)
_NAME_WORD = re.compile(r"[^\W\d_][\w'’.\-]*|&", re.UNICODE)

# Words that open or close a parenthetical remark, never a source's name.
_NOT_NAME_START = frozenset(
    fold(w)
    for w in """in on at by since from to until till after before during about around
    circa ca approximately approx early late mid summer winter spring autumn fall
    born died founded est established between than some about nearly over under
    up until also and or but the a an see page pages p pp no vol chapter section
    fig figure table note year years age aged""".split()
)
_NOT_NAME_END = frozenset(
    fold(w)
    for w in """in on at by since from to until till of the a an and or for with about
    around circa ca after before during between than is was were are be been has had
    have until mid early late""".split()
)
_PREPOSITIONS = frozenset("in at near from to into of since until till inside outside".split())
_NARRATIVE_NAME = re.compile(
    r"(?P<name>[A-Z][\w'’\-]+(?:\s+(?:and|&)\s+[A-Z][\w'’\-]+|\s+et\s+al\.?)?)(?:['’]s)?\s*$"
)
_MAX_NAME_WORDS = 6
_NAME_CHARS = re.compile(r"[\w\s'’.,;&\-]+")

KnownAuthor = Callable[[str], bool]


# The commonest shape, ``(Source, 1987. 5. 20)`` or ``(Author, 1987: 208)``,
# read in one match; everything else takes the general path below.
_FAST = re.compile(
    r"(?P<name>[^\W\d_]+(?: [^\W\d_]+){0,3})(?P<sep>, ?| )"
    r"(?P<date>(?P<y>\d{4})(?:(?P<s1>\. ?|, ?|-)(?P<m>\d{1,2})(?P<s2>\. ?|, ?|-)(?P<d>\d{1,2}))?)"
    r"(?P<lraw>: ?(?P<loc>\d+(?:-\d+)?))?"
)


def parse_parenthetical(
    text: str, open_: int, close: int, group: int, known_author: KnownAuthor
) -> list[ParsedCitation]:
    """All citations in the parenthetical ``text[open_:close]``."""
    m = _FAST.fullmatch(text, open_ + 1, close - 1)
    if m is not None:
        fast = _fast(text, open_, close, group, m)
        if fast is not None:
            return [fast]
    return parse_general(text, open_, close, group, known_author)


def _fast(text: str, open_: int, close: int, group: int, m: re.Match[str]) -> ParsedCitation | None:
    name, sep, raw_date, year, s1, month, s2, day, loc_raw, locator = m.groups()
    words = name.split(" ")
    if not name[0].isupper() or fold(words[0]) in _NOT_NAME_START:
        return None
    if fold(words[-1]) in _NOT_NAME_END:
        return None
    if len(words) > 1 and sum(w[0].isupper() for w in words) * 2 < len(words):
        return None  # mostly lower-case words: prose, not a name (one word is capitalised)
    if month is None:
        date = _year_date(year)
        layout = "{Y}"
    else:
        date = _numeric_date(year, int(month), int(day))
        layout = "{Y}" + s1 + "{M}" + s2 + "{D}"
    if date is None:
        return None
    return ParsedCitation(
        open_,
        close,
        text[open_:close],
        name,
        _single_author_list(name),
        raw_date,
        date[0],
        date[1],  # type: ignore[arg-type]
        year,
        locator,
        "({source}" + sep + layout + _locator_layout(loc_raw or "") + ")",
        False,
        True,
        group,
        open_,
    )


def parse_general(
    text: str, open_: int, close: int, group: int, known_author: KnownAuthor
) -> list[ParsedCitation]:
    """All citations in ``text[open_:close]``, by the full grammar."""
    inner_start, inner_end = open_ + 1, close - 1
    segments = list(_segments(text, inner_start, inner_end))
    if len(segments) == 1 and (narrative := _narrative(text, open_, close, group, known_author)):
        return narrative
    found: list[ParsedCitation] = []
    pending: list[tuple[int, int]] = []  # name-only segments: ABNT co-authors
    for seg_start, seg_end in segments:
        parsed = _segment(text, seg_start, seg_end, group, pending)
        if parsed is None:
            if _is_name(text[seg_start:seg_end]):
                pending.append((seg_start, seg_end))
                continue
            return []  # one part that is not a citation: the whole is prose
        pending = []
        found.extend(parsed)
    if pending or not found:
        return []
    if len(found) == 1 and not text[found[0].end : close - 1].strip():
        return [_widen(found[0], open_, close, text)]
    return [replace(c, anchor=open_) for c in found]


def _segments(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Split on ``;`` and on ``apud``, trimming white space."""
    pieces = []
    pos = start
    semicolon = text.find(";", pos, end)
    while semicolon >= 0:
        pieces.append((pos, semicolon))
        pos = semicolon + 1
        semicolon = text.find(";", pos, end)
    pieces.append((pos, end))
    for a, b in pieces:
        sub = a
        for m in _APUD.finditer(text, a, b):
            yield _trim(text, sub, m.start())
            sub = m.end()
        yield _trim(text, sub, b)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _segment(
    text: str, start: int, end: int, group: int, pending: list[tuple[int, int]]
) -> list[ParsedCitation] | None:
    """Parse one segment, or return ``None`` when it is not a citation."""
    if m := _PREFIX.match(text, start, end):
        start = m.end()
    segment = text[start:end]
    split = _DATE_START.search(segment)
    if split is None:
        return None
    for name_end, date_start in _splits(segment, split.start()):
        name = segment[:name_end].rstrip(" ,")
        if not _is_name(name):
            continue
        rest = segment[date_start:]
        parsed = _date_and_locator(rest)
        if parsed is None:
            continue
        dates, locator, loc_raw = parsed
        separator = segment[len(name) : date_start]
        co_authors = [text[a:b] for a, b in pending]
        source = "; ".join([*co_authors, name]) if co_authors else name
        seg_start = pending[0][0] if pending else start
        authors = tuple(_authors([*co_authors, name]))
        return _citations(
            text,
            seg_start,
            end,
            start + date_start,
            source,
            authors,
            separator,
            dates,
            locator,
            loc_raw,
            group,
        )
    return None


def _splits(segment: str, first_date: int) -> Iterator[tuple[int, int]]:
    """Candidate (name end, date start) positions, most plausible first."""
    name_part = segment[:first_date]
    comma = name_part.find(",")
    if comma >= 0:
        tail = name_part[comma + 1 :].strip()
        if tail and " " not in tail and not tail.endswith("al."):
            yield (
                comma,
                comma + 1 + (len(name_part[comma + 1 :]) - len(name_part[comma + 1 :].lstrip())),
            )
    yield first_date, first_date


def _date_and_locator(rest: str) -> tuple[list[ParsedDate], str | None, str] | None:
    locator = None
    loc_raw = ""
    date_part = rest
    # a locator follows a colon, a comma or an abbreviation's full stop
    hint = ":" in rest or "," in rest or "." in rest
    if hint and (m := _LOCATOR.search(rest)) and m.start() > 0:
        locator = re.sub(r"\s*[-–—]\s*", "-", m.group("loc"))
        loc_raw = rest[m.start() :]
        date_part = rest[: m.start()]
    if m := _YEAR_LIST.fullmatch(date_part.strip()):
        dates = [parse_date(y) for y in _YEAR_ITEM.findall(date_part)]
        if all(dates):
            return dates, locator, loc_raw  # type: ignore[return-value]
        return None
    date = parse_date(date_part)
    if date is None and locator is not None:
        return None
    if date is None:
        return None
    return [date], locator, loc_raw


def _citations(
    text: str,
    seg_start: int,
    seg_end: int,
    date_start: int,
    source: str,
    authors: tuple[str, ...],
    separator: str,
    dates: list[ParsedDate],
    locator: str | None,
    loc_raw: str,
    group: int,
) -> list[ParsedCitation]:
    first = dates[0]
    if len(dates) == 1:
        layout = "{source}" + separator + first.layout + _locator_layout(loc_raw)
        return [_make(text, seg_start, seg_end, source, authors, first, locator, layout, group)]
    out = []
    pos = date_start
    for i, date in enumerate(dates):
        at = text.index(date.raw, pos)
        pos = at + len(date.raw)
        if i == 0:
            out.append(
                _make(
                    text,
                    seg_start,
                    pos,
                    source,
                    authors,
                    date,
                    None,
                    "{source}" + separator + "{Y}",
                    group,
                )
            )
        else:
            out.append(_make(text, at, pos, source, authors, date, None, "{Y}", group))
    return out


@lru_cache(maxsize=1024)
def _locator_layout(loc_raw: str) -> str:
    if not loc_raw:
        return ""
    return re.sub(
        r"[0-9ivxlcIVXLC]+(?:\s*[-–—]\s*[0-9ivxlcIVXLC]+)?(?:\s*,\s*[0-9]+(?:\s*[-–—]\s*[0-9]+)?)*\s*$",
        "{L}",
        loc_raw,
        count=1,
    )


def _make(
    text: str,
    start: int,
    end: int,
    source: str,
    authors: tuple[str, ...],
    date: ParsedDate,
    locator: str | None,
    layout: str,
    group: int,
    narrative: bool = False,
) -> ParsedCitation:
    return ParsedCitation(
        start=start,
        end=end,
        text=text[start:end],
        source_raw=source,
        authors=authors,
        date_raw=date.raw,
        date=date.iso,
        date_precision=date.precision,  # type: ignore[arg-type]
        year=date.year,
        locator=locator,
        layout=layout,
        narrative=narrative,
        numeric_date=date.numeric,
        group=group,
    )


def _widen(c: ParsedCitation, open_: int, close: int, text: str) -> ParsedCitation:
    """A lone citation's span takes in its parentheses (and any ``see``)."""
    prefix = text[open_ + 1 : c.start]
    return replace(
        c,
        start=open_,
        end=close,
        text=text[open_:close],
        layout="(" + prefix + c.layout + ")",
        anchor=open_,
    )


def _is_name(name: str) -> bool:
    """Whether ``name`` can be a source or an author list."""
    name = _ET_AL.sub("", name.strip())
    if not name or any(map(str.isdigit, name)) or len(name) > 120:
        return False
    words = _NAME_WORD.findall(name)
    if not words or len(words) > _MAX_NAME_WORDS:
        return False
    if not _NAME_CHARS.fullmatch(name):
        return False  # quotes, brackets, colons: prose, not a name
    first, last = fold(words[0]), fold(words[-1].rstrip("."))
    if not words[0][0].isupper() or first in _NOT_NAME_START or last in _NOT_NAME_END:
        return False
    return sum(w[0].isupper() for w in words) * 2 >= len(words)


@lru_cache(maxsize=4096)
def _single_author_list(name: str) -> tuple[str, ...]:
    return tuple(_authors([name]))


def _authors(names: list[str]) -> list[str]:
    """Surnames in an author list (``Smith and Jones``, ``LEITE; LACERDA``)."""
    out = []
    for name in names:
        bare = _ET_AL.sub("", name.strip())
        for part in _AND.split(bare):
            part = part.strip(" .")
            if part:
                out.append(part)
    return out


def _narrative(
    text: str, open_: int, close: int, group: int, known_author: KnownAuthor
) -> list[ParsedCitation] | None:
    """``Pike (1987: 208)``: a name just before a parenthetical date."""
    content = text[open_ + 1 : close - 1].strip()
    if not (content[:1].isdigit() or _DATE_START.match(content)):
        return None
    parsed = _date_and_locator(content)
    if parsed is None:
        return None
    look = text[max(0, open_ - 80) : open_]
    m = _NARRATIVE_NAME.search(look)
    if m is None or "\n\n" in look[m.start() :]:
        return None
    name = m.group("name")
    authors = tuple(_authors([name]))
    dates, locator, loc_raw = parsed
    before = look[: m.start()].rstrip().rsplit(None, 1)
    previous = before[-1].lower() if before else ""
    is_known = bool(authors) and known_author(authors[0])
    multi = " and " in name or "&" in name or "et al" in name
    if not is_known:
        if previous in _PREPOSITIONS or not (locator or multi):
            return None
        if not _is_name(name):
            return None
    start = open_ - len(look) + m.start()
    inner = text.index(content, open_)
    separator = text[start + len(name) : inner]
    if len(dates) > 1:
        cites = _citations(
            text, start, close, inner, name, authors, separator, dates, locator, loc_raw, group
        )
        return [replace(c, anchor=start) for c in cites]
    layout = "{source}" + separator + dates[0].layout + _locator_layout(loc_raw) + ")"
    return [
        _make(text, start, close, name, authors, dates[0], locator, layout, group, narrative=True)
    ]
