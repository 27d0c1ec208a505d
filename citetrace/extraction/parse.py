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
from citetrace.text import PARTICLES, fold

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
    r"(?P<loc>§*\s*[0-9ivxlcIVXLC]+(?:\s*[-–—]\s*[0-9ivxlcIVXLC]+)?"
    r"(?:\s*,\s*[0-9]+(?:\s*[-–—]\s*[0-9]+)?)*)(?:\s*ff?\.?)?\s*$"
)
_YEAR_LIST = re.compile(
    r"(?P<first>\d{4}[a-z]?)(?P<more>(?:\s*(?:,|\band\b|&)\s*(?:\d{4}[a-z]?|[a-z]\b))+)"
)
_YEAR_ITEM = re.compile(r"\d{4}[a-z]?|\b[a-z]\b")
_AND = re.compile(r"\s*(?:,|;|&|\band\b|\by\b|\bund\b|\bet\b(?!\s+al)|\bи\b|\be\b)\s*")
_ET_AL = re.compile(
    r"\s*,?\s*(?:et\.?\s*-?\s*al\.?|и\s+др\.?|u\.\s?a\.|e\s+col\.?)$", re.IGNORECASE
)
_NAME_WORD = re.compile(r"[^\W\d_][\w'’.\-/]*|&", re.UNICODE)

# Words that open or close a parenthetical remark, never a source's name.
_NOT_NAME_START = frozenset(
    fold(w)
    for w in """in on at by since from to until till after before during about around
    circa ca approximately approx early late mid summer winter spring autumn fall
    born died founded est established between than some about nearly over under
    up until also and or but the a an see page pages p pp no vol chapter section
    fig figure table note year years age aged figs figures tables supplementary appendix
    box video movie equation eq interview interviews personal pers unpublished version
    january february march april may june july august september october november december""".split()
)
_NOT_NAME_END = frozenset(
    fold(w)
    for w in """in on at by since from to until till of the a an and or for with about
    around circa ca after before during between than is was were are be been has had
    have until mid early late""".split()
)
_PREPOSITIONS = frozenset("in at near from to into of since until till inside outside".split())
_PARTICLE = (
    r"(?:(?:[Vv]an|[Vv]on|[Dd]e|[Dd]er|[Dd]en|[Dd]el|[Dd]ella|[Dd]i|[Dd]a|[Dd]os|[Dd]as|[Dd]u"
    r"|[Ll]a|[Ll]e|[Tt]er|[Tt]en|[Bb]en)\s+)"
)
# A generational suffix after a surname: "Oliveira Júnior", "Santos Filho".
_SUFFIX = r"(?:\s+(?:J[úu]nior|Filho|Neto|Sobrinho|Jr\.?)(?![\w]))"
_SURNAME = rf"{_PARTICLE}*[A-Z][\w'’\-–]+{_SUFFIX}?"
# An author abbreviated as botanists do: "Pellegr.", "R.E.Fr.", "Mart.", "A.St.-Hil.".
_ABBREVIATED = r"(?:[A-Z][a-z]{0,2}\.-?)*[A-Z][a-zà-ÿ]{1,12}\."
# Authors named in a sentence: "Lee", "Lee and Kim", "Ruiz, Pinto e Melo", "Lee et al."
_AUTHOR_LIST = (
    rf"{_SURNAME}(?:(?:\s*,\s*{_SURNAME})*\s+(?:and|&|e|y|und)\s+{_SURNAME}"
    rf"|,?\s+et\.?\s*-?\s*al\.?)?"
)
_NARRATIVE_NAME = re.compile(rf"(?P<name>{_AUTHOR_LIST}|{_ABBREVIATED})(?:['’]s)?\s*$")
_MAX_NAME_WORDS = 6
# A lower-case prefix joined to a surname: d'Anglemont, el-Hajj, al-Rashid.
_LOWER_PREFIX = re.compile(r"(?:d['’]|el-|al-|ben-|ibn-)[A-Z]")
_INITIAL = re.compile(r"[A-Z]\.(?:-?[A-Z]\.)?")
_NAME_CHARS = re.compile(r"[\w\s'’.,;&\-–/]+")

KnownAuthor = Callable[[str], bool]

# Small words a title may hold between its capitalised ones: "The Times of India".
_TITLE_JOINS = frozenset("of and for de du la le del di".split())


def _titled(words: list[str]) -> bool:
    """Whether ``words`` are a title opened by "The": ``The Times``, ``The New York
    Times``, ``The Times of India`` (each other word capitalised or a joining word,
    the last capitalised): a newspaper or a journal, not a remark."""
    if len(words) < 2 or words[0] not in ("The", "THE") or not words[-1][:1].isupper():
        return False
    return all(w[:1].isupper() or w in _TITLE_JOINS for w in words[1:])


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
    titled = month is not None and _titled(words)  # a newspaper: "(The Times, 1896. 7. 21)"
    if not name[0].isupper() or (fold(words[0]) in _NOT_NAME_START and not titled):
        return None
    if fold(words[-1]) in _NOT_NAME_END:
        return None
    if len(words) > 1 and sum(w[0].isupper() for w in words) * 2 < len(words):
        return None  # mostly lower-case words: prose, not a name (one word is capitalised)
    if int(year) < 1400:
        return None  # a model or catalogue number: "(EyeLink 1000)"
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
        text[open_] + "{source}" + sep + layout + _locator_layout(loc_raw or "") + text[close - 1],
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
            break  # one part is not a citation: keep the parts that are, if any
        pending = []
        found.extend(parsed)
    else:
        if found and not pending:
            if len(found) == 1 and not text[found[0].end : close - 1].strip():
                return [_widen(found[0], open_, close, text)]
            return [replace(c, anchor=open_) for c in found]
    salvaged = salvage(text, open_, close, group, known_author)
    return [replace(c, anchor=open_) for c in salvaged]


# Where a group mixes citations with other matter, its parts are split on
# semicolons (and the Greek question mark that stands for one), brackets, and a
# comma after a year that a name or year letter follows.
_PART_BREAK = re.compile(r"[;\u037e\[\]]")
_AFTER_YEAR_COMMA = re.compile(r"(?<=\d)[a-z]?\s*,\s*(?=[^\W\d_])")
_YEAR_TOKEN = re.compile(r"(?<![\w.])(?:1[4-9]\d\d|20\d\d)[a-z]?(?![\w])")
_CONTINUATION = re.compile(
    r"(?P<first>(?:1[4-9]\d\d|20\d\d)[a-z]?|[a-z])"
    r"(?P<more>(?:\s*(?:,|\band\b|&|\be\b|\by\b)\s*(?:(?:1[4-9]\d\d|20\d\d)[a-z]?|[a-z]))*)"
)
_CONTINUATION_ITEM = re.compile(r"(?:1[4-9]\d\d|20\d\d)[a-z]?|\b[a-z]\b")
_MAX_LEAD_WORDS = 8
_CAPITAL = re.compile(r"[^\W\d_a-zß-ÿ]")
_WORDS_AFTER_YEAR = re.compile(r"\s*,?\s+[^\W\d_]")
# Capitalised words that open a remark, never a name: "(Figure 2; ...)", "(May 1945)".
_NOT_A_NAME = frozenset(
    fold(w)
    for w in """figure figures fig figs table tables supplementary supplemental appendix section
    chapter box video movie data source methods materials equation eq eqs note notes panel
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec spring summer autumn winter
    interview personal communication version""".split()
)


# A group that opens by naming unpublished sources speaks of them all.
_UNPUBLISHED_SOURCE = re.compile(
    r"\s*(?:interviews?|personal\s+communications?|pers\.\s*comm\.?|entrevistas?|"
    r"comunica[çc][ãa]o\s+pessoal|comunicaci[óo]n\s+personal)\b",
    re.IGNORECASE,
)


def salvage(
    text: str, open_: int, close: int, group: int, known_author: KnownAuthor
) -> list[ParsedCitation]:
    """The citations among the parts of a group that also holds other matter:
    ``(Figure 3B; Lee et al., 2004)``, ``(Alves et al. 1999, Costa 2001)``,
    ``(reviewed in Lee, 2004)``, ``(Lee et al., 2004; 2006)``, ``(Lee, 2004a,b)``.
    Each part is read by the same grammar as a whole group; a part that is not
    a citation is passed over instead of sinking the rest."""
    year = _YEAR_TOKEN.search(text, open_ + 1, close - 1)
    if year is None or not _CAPITAL.search(text, open_ + 1, close - 1):
        return []  # "(approximately 50,000 troops)", "(since 1985)": no year, or no name
    if _UNPUBLISHED_SOURCE.match(text, open_ + 1, close - 1):
        return []  # "(Interviews, UN official, 6 May 2017; ...)": people, not works
    found: list[ParsedCitation] = []
    for part_start, part_end in _parts(text, open_ + 1, close - 1):
        pieces = [(part_start, part_end)]
        if _segment(text, part_start, part_end, group, []) is None:
            pieces = list(_comma_pieces(text, part_start, part_end))
        for a, b in pieces:
            found.extend(_salvage_piece(text, a, b, group, known_author, found))
    return found


def _parts(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    pos = start
    for m in _PART_BREAK.finditer(text, start, end):
        a, b = _trim(text, pos, m.start())
        if a < b:
            yield a, b
        pos = m.end()
    a, b = _trim(text, pos, end)
    if a < b:
        yield a, b


def _comma_pieces(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    pos = start
    for m in _AFTER_YEAR_COMMA.finditer(text, start, end):
        cut = m.start() + len(m.group()) - len(m.group().lstrip("abcdefghijklmnopqrstuvwxyz"))
        a, b = _trim(text, pos, cut)
        if a < b:
            yield a, b
        pos = m.end()
    a, b = _trim(text, pos, end)
    if a < b:
        yield a, b


def _salvage_piece(
    text: str,
    start: int,
    end: int,
    group: int,
    known_author: KnownAuthor,
    before: list[ParsedCitation],
) -> list[ParsedCitation]:
    parsed = _segment(text, start, end, group, [])
    if parsed is not None:
        return [c for c in parsed if _plausible(c)]
    if before and (m := _CONTINUATION.fullmatch(text, start, end)):
        return _continued(text, m, before[-1], group)
    year = _YEAR_TOKEN.search(text, start, end)
    if year is None or not _CAPITAL.search(text, start, year.start()):
        return []  # "(since 1985)": no name before the year
    starts = [m.start() for m in re.finditer(r"(?:(?<=\s)|(?<=^))\S", text[start : year.start()])]
    starts = [start + s for s in starts][-_MAX_LEAD_WORDS:]
    stops = [end]
    if _WORDS_AFTER_YEAR.match(text, year.end(), end):  # "Lee, 2004 for a review"
        stops.append(year.end())
    for stop in stops:
        for index, name_start in enumerate(starts):
            parsed = _segment(text, name_start, stop, group, [])
            if parsed is None or not all(_plausible(c) for c in parsed):
                continue
            lead_dropped = index > 0 or name_start > start
            if lead_dropped and not _evidence(parsed[0], known_author):
                continue
            return parsed
    return []


def _plausible(c: ParsedCitation) -> bool:
    """A salvaged citation's name must not be a figure, table, month or the like."""
    words = _NAME_WORD.findall(c.source_raw)
    return bool(words) and fold(words[0].strip(".")) not in _NOT_A_NAME


def _evidence(c: ParsedCitation, known_author: KnownAuthor) -> bool:
    """Words were dropped before the name: it must look like authors (``et al.``,
    ``A and B``) or be a first author of the reference list."""
    if _ET_AL.search(c.source_raw) or len(c.authors) > 1:
        return True
    return bool(c.authors) and known_author(c.authors[0])


def _continued(
    text: str, m: re.Match[str], last: ParsedCitation, group: int
) -> list[ParsedCitation]:
    """``2006`` after ``Lee et al., 2004;`` or ``b`` after ``2004a,``: more works
    of the same authors."""
    out: list[ParsedCitation] = []
    base = (last.year or "")[:4]
    for item in _CONTINUATION_ITEM.finditer(text, m.start(), m.end()):
        raw = item.group()
        year = base + raw if len(raw) == 1 else raw
        if len(raw) == 1 and not (base and (last.year or "")[4:5]):
            return []  # a lone letter continues only a lettered year: "2004a, b"
        date = parse_date(year)
        if date is None:
            return []
        out.append(
            _make(
                text,
                item.start(),
                item.end(),
                last.source_raw,
                last.authors,
                date,
                None,
                "{Y}",
                group,
            )
        )
    return out


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
        if name[:4] in ("The ", "THE ") and not any(d.precision == "day" for d in dates):
            continue  # "(The Great Depression, 1929)" is a remark; "(The Times, 21 July 1896)" not
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
        dates = [parse_date(y) for y in _lettered(_YEAR_ITEM.findall(date_part))]
        if all(dates):
            return dates, locator, loc_raw  # type: ignore[return-value]
        return None
    date = parse_date(date_part)
    if date is None or _too_early(date):
        return None
    return [date], locator, loc_raw


def _too_early(date: ParsedDate) -> bool:
    """A year before printing is a catalogue or model number: "(Tocris, Cat. 1128)"."""
    return date.year is not None and date.year[:4].isdigit() and int(date.year[:4]) < 1400


def _lettered(items: list[str]) -> list[str]:
    """``2007a, b`` → ``2007a, 2007b``: a lone letter continues a lettered year."""
    out: list[str] = []
    for item in items:
        if len(item) == 1:
            if not out or not out[-1][4:]:
                return ["?"]  # a letter after a year without one: not a year list
            item = out[-1][:4] + item
        out.append(item)
    return out


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
        written = date.raw
        at = text.find(written, pos)
        if at < 0:  # "b" written for 2007b
            written = date.raw[4:]
            at = text.index(written, pos)
        pos = at + len(written)
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
        layout=text[open_] + prefix + c.layout + text[close - 1],
        anchor=open_,
    )


def _is_name(name: str) -> bool:
    """Whether ``name`` can be a source or an author list."""
    raw = name.strip()
    name = _ET_AL.sub("", raw)
    if not name or any(map(str.isdigit, name)) or len(name) > 120:
        return False
    words = _NAME_WORD.findall(name)
    if not words or len(words) > _MAX_NAME_WORDS:
        return False
    if not _NAME_CHARS.fullmatch(name):
        return False  # quotes, brackets, colons: prose, not a name
    lead = _leading_particles(words)
    head = words[lead]
    first, last = fold(head), fold(words[-1].rstrip("."))
    if not (head[0].isupper() or _LOWER_PREFIX.match(head)):
        return False
    alone_with_et_al = lead == 0 and len(words) == 1 and raw != name  # "An et al." is a name
    if first in _NOT_NAME_START and not (alone_with_et_al or _titled(words)):
        return False
    if last in _NOT_NAME_END and not alone_with_et_al:
        return False
    capitals = sum(w[0].isupper() or w.casefold() in PARTICLES for w in words)
    return capitals * 2 >= len(words)


def _leading_particles(words: list[str]) -> int:
    """How many words stand before the surname: particles (``van der``, ``de la``)
    or one initial (``P. Zhang``)."""
    lead = 0
    while lead < len(words) - 1 and words[lead].casefold() in PARTICLES:
        lead += 1
    if lead == 0 and len(words) > 1 and _INITIAL.fullmatch(words[0]) and words[1][0].isupper():
        lead = 1
    return lead


@lru_cache(maxsize=4096)
def _single_author_list(name: str) -> tuple[str, ...]:
    return tuple(_authors([name]))


_INITIALS_ONLY = re.compile(r"[A-Z]\.(?:[\s-]*[A-Z]\.?){0,2}|[A-Z]")


def _authors(names: list[str]) -> list[str]:
    """Surnames in an author list (``Smith and Jones``, ``LEITE; LACERDA``)."""
    out = []
    for name in names:
        bare = _ET_AL.sub("", name.strip())
        for part in _AND.split(bare):
            part = part.strip(" .")
            if part and not (out and _INITIALS_ONLY.fullmatch(part)):
                out.append(part)  # "Temple, S. E.": the initials are no co-author
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
    if not look.rstrip()[-1:].isalpha() and not look.rstrip().endswith((".", "'s", "’s")):
        return None  # no name just before the parenthesis
    m = _NARRATIVE_NAME.search(look)
    if m is None or "\n\n" in look[m.start() :]:
        return None
    name = m.group("name")
    name_at = m.start()
    authors = tuple(_authors([name]))
    is_known = bool(authors) and known_author(authors[0])
    if not is_known and name[:1].islower():  # "o estudo de Marozzi": "de" is no particle
        bare = name.split(None, _leading_particles(name.split()))[-1]
        if known_author(_authors([bare])[0]):
            name, name_at, is_known = bare, m.end("name") - len(bare), True
            authors = tuple(_authors([name]))
    dates, locator, loc_raw = parsed
    before = look[:name_at].rstrip().rsplit(None, 1)
    previous = before[-1].lower() if before else ""
    multi = len(authors) > 1 or "et al" in name
    if not is_known:
        if previous in _PREPOSITIONS or not (locator or multi):
            return None
        if not _is_name(name):
            return None
    start = open_ - len(look) + name_at
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


# A citation written into the sentence without parentheses: "as shown by Lee
# et al., 2004", "Lee and Kim 2006 found". Found from its year backwards.
_BARE_NAME = re.compile(rf"(?<![\w’'\-])(?P<name>{_AUTHOR_LIST})(?P<sep>\s*,?\s*)$")
_BARE_LOOK_BACK = 120
# The year of a bare citation follows a comma or "et al.": both patterns open with
# plain text, which the regular-expression engine finds fast.
_YEAR_AFTER_COMMA = re.compile(r", (?P<year>(?:1[4-9]|20)\d\d[a-z]?)(?!\w)")
_YEAR_AFTER_ET_AL = re.compile(r"al\.? (?P<year>(?:1[4-9]|20)\d\d[a-z]?)(?!\w)")
# "Cirillo 2010 also applied": a year right after a word, looked for only in
# documents that cite "(Name 2010)" without a comma; the pattern opens with a
# character class, which the engine finds fast, and looks back for the word.
_YEAR_AFTER_NAME = re.compile(
    r"(?P<year>[12](?<=[^\W\d_] [12])(?:(?<=1)[4-9]|(?<=2)0)\d\d[a-z]?)(?!\w)"
)
# What stands just before the year of a bare citation: a name (or "al."), then
# an optional comma and a space.
_BARE_BEFORE = re.compile(r".*(?:\bal\.?|[A-Z][^\W\d_]*)\s*,?\s$", re.DOTALL)
BARE_GROUP = 1_000_000_000  # group numbers of bare citations start here


def bare_citations(
    text: str,
    start: int,
    end: int,
    taken: list[tuple[int, int]],
    known_author: KnownAuthor,
    without_comma: bool = False,
) -> list[ParsedCitation]:
    """Citations in running text without parentheses. ``Lee et al., 2004`` is one
    by its form; ``Lee and Kim, 2006`` and ``Lee, 2004`` only when Lee is a first
    author of the reference list; ``Lee 2004`` (no comma) only ``without_comma``,
    for documents that cite that way. Years inside ``taken`` spans are passed over."""
    found: list[ParsedCitation] = []
    spans = iter(sorted(taken))
    span = next(spans, None)
    years = sorted(
        [
            *_YEAR_AFTER_COMMA.finditer(text, start, end),
            *_YEAR_AFTER_ET_AL.finditer(text, start, end),
            *(_YEAR_AFTER_NAME.finditer(text, start, end) if without_comma else ()),
        ],
        key=lambda m: m.start("year"),
    )
    for found_year in years:
        at = found_year.start("year")
        while span is not None and span[1] <= at:
            span = next(spans, None)
        if span is not None and span[0] <= at:
            continue
        if not _BARE_BEFORE.match(text, max(start, at - 12), at):
            continue  # "in 1987", "(1987", "the 1987 ...": no name just before
        lo = max(start, at - _BARE_LOOK_BACK, span_end := _last_end(found, start))
        m = _BARE_NAME.search(text, lo, at)
        if m is None or "\n\n" in m.group():
            continue
        name = m["name"]
        authors = tuple(_authors([name]))
        if not authors or not _is_name(name):
            continue
        et_al = bool(_ET_AL.search(name))
        if not et_al and not known_author(authors[0]):
            continue
        date = parse_date(found_year["year"])
        if date is None or m.start() < span_end:
            continue
        layout = "{source}" + m["sep"] + date.layout
        c = _make(
            text,
            m.start(),
            found_year.end("year"),
            name,
            authors,
            date,
            None,
            layout,
            0,
            narrative=True,
        )
        found.append(replace(c, group=BARE_GROUP + len(found), anchor=m.start()))
    return found


def _last_end(found: list[ParsedCitation], default: int) -> int:
    return found[-1].end if found else default
