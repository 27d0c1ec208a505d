"""Dates as written in citations → ISO 8601 with a precision.

The common layouts are read by regular expressions; ``dateparser`` (slow to
import and to run) is only asked about the rest: month names in other
languages and unusual spellings.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache, lru_cache

_SEP = r"(?:\s*[.,/-]\s*|\s+)"
_YMD = re.compile(rf"(?P<y>\d{{4}})(?P<s1>{_SEP})(?P<m>\d{{1,2}})(?P<s2>{_SEP})(?P<d>\d{{1,2}})\.?")
_DMY = re.compile(rf"(?P<d>\d{{1,2}})(?P<s1>{_SEP})(?P<m>\d{{1,2}})(?P<s2>{_SEP})(?P<y>\d{{4}})\.?")
_YM = re.compile(r"(?P<y>\d{4})(?P<s1>\s*[./-]\s*)(?P<m>\d{1,2})\.?")
_YEAR = re.compile(r"(?P<y>\d{4})(?P<suffix>[a-z])?")
_NO_DATE = re.compile(r"(?:n\.\s?d\.?|s\.\s?d\.?|o\.\s?J\.?|б\.\s?г\.?|sine data|no date)", re.I)

_MONTHS = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
}
_MONTHS["sept"] = 9
_MONTH = r"(?P<month>[A-Za-z]{3,9})(?P<dot>\.?)"
_D_MONTH_Y = re.compile(rf"(?P<d>\d{{1,2}})\.?\s+{_MONTH}\s+(?P<y>\d{{4}})")
_MONTH_D_Y = re.compile(rf"{_MONTH}\s+(?P<d>\d{{1,2}})(?P<comma>,?)\s+(?P<y>\d{{4}})")
_MONTH_Y = re.compile(rf"{_MONTH}\s+(?P<y>\d{{4}})")
# Shapes worth asking dateparser about: one month word with a day and a year,
# or a year alone (``16. října 1986``, ``octobre 1986``, ``1986 m. spalio 16``).
_W = r"[^\W\d_]{3,}\.?"
_FALLBACK_SHAPE = (
    rf"(?:\d{{1,2}}\.?\s+{_W}\s+\d{{4}}|{_W}\s+\d{{1,2}},?\s+\d{{4}}|{_W}\s+\d{{4}}"
    rf"|\d{{4}}[.,]?\s+(?:m\.\s+)?{_W}\s+\d{{1,2}}\.?)(?:\s*(?:г|r|gada)\.?)?"
)


@cache
def _fallback_shape() -> re.Pattern[str]:
    """The fallback shapes, compiled when a date first needs them: 1-3 ms of
    every start-up otherwise, for documents whose dates are mostly numeric."""
    return re.compile(_FALLBACK_SHAPE)


MIN_YEAR, MAX_YEAR = 1000, 2999


@dataclass(frozen=True, slots=True)
class ParsedDate:
    """A date read from a citation.

    ``iso`` is ``None`` when the written date does not exist (``1987. 2. 30``);
    ``layout`` is the written form with its parts replaced by ``{Y}``, ``{M}``,
    ``{D}`` and ``{Month}``; ``numeric`` tells whether all parts are numbers.
    """

    raw: str
    iso: str | None
    precision: str | None
    layout: str
    year: str | None
    numeric: bool
    invalid: bool = False


def is_no_date(raw: str) -> bool:
    """Whether ``raw`` says the work is undated (``n.d.``, ``s.d.``, ``o.J.``)."""
    return _NO_DATE.fullmatch(raw.strip()) is not None


def parse_date(raw: str) -> ParsedDate | None:
    """Read ``raw`` as a date, or return ``None`` when it is not one."""
    text = raw.strip()
    if not text:
        return None
    if m := _YEAR.fullmatch(text):
        return _year_only(text, m.group("y"), m.group("suffix"))
    if _NO_DATE.fullmatch(text):
        return ParsedDate(text, None, None, "{nd}", None, numeric=False)
    if m := _YMD.fullmatch(text):
        return _numeric(text, m, "{Y}" + m["s1"] + "{M}" + m["s2"] + "{D}")
    if m := _DMY.fullmatch(text):
        if int(m["m"]) > 12 >= int(m["d"]):
            return _numeric(text, m, "{M}" + m["s1"] + "{D}" + m["s2"] + "{Y}", swap=True)
        return _numeric(text, m, "{D}" + m["s1"] + "{M}" + m["s2"] + "{Y}")
    if m := _YM.fullmatch(text):
        return _build(text, m["y"], int(m["m"]), None, "{Y}" + m["s1"] + "{M}", numeric=True)
    for pattern, layout in (
        (_D_MONTH_Y, "{D} {Month} {Y}"),
        (_MONTH_D_Y, "{Month} {D}, {Y}"),
        (_MONTH_Y, "{Month} {Y}"),
    ):
        m = pattern.fullmatch(text)
        if m and (month := _MONTHS.get(m["month"].lower())):
            day = int(m["d"]) if "d" in m.groupdict() else None
            return _build(text, m["y"], month, day, layout, numeric=False)
    if _fallback_shape().fullmatch(text) and _names_a_month(text) and _spend_fallback():
        return _fallback(text)
    return None


_FALLBACK_LANGUAGES = ("en", "ru", "cs", "de", "fr", "es", "pt", "it", "pl")
_LETTERS = re.compile(r"[^\W\d_]+")


def _names_a_month(text: str) -> bool:
    """Whether a word of ``text`` is a month's name or abbreviation in a language
    the fallback reads: dateparser is asked only then (``LLC 2010``, ``Cat. 1128``
    never name a date, and asking costs its first tables, about half a second)."""
    return any(w in _month_words() for w in _LETTERS.findall(text.casefold()))


@cache
def _month_words() -> frozenset[str]:
    """The month names of the fallback's languages, from dateparser's own data."""
    import importlib

    found: set[str] = set()
    for language in _FALLBACK_LANGUAGES:
        module = importlib.import_module(f"dateparser.data.date_translation_data.{language}")
        for month in calendar.month_name[1:]:
            for name in module.info.get(month.lower(), ()):
                found.update(_LETTERS.findall(name.casefold()))
    return frozenset(found)


# dateparser costs about a millisecond a string: a document may send it only so
# many strings (each distinct one once; the answers are cached), so that a text
# full of date-like garbage cannot take minutes.
FALLBACK_BUDGET = 300
_budget = [FALLBACK_BUDGET]


@contextmanager
def fallback_budget(limit: int = FALLBACK_BUDGET) -> Iterator[None]:
    """Allow ``limit`` new dateparser look-ups within the block (one document)."""
    saved = _budget[0]
    _budget[0] = limit
    try:
        yield
    finally:
        _budget[0] = saved


def _spend_fallback() -> bool:
    if _budget[0] <= 0:
        return False
    _budget[0] -= 1
    return True


def year_date(year: str) -> tuple[str, str] | None:
    """``(iso, "year")`` for a plausible four-digit year, else ``None``."""
    if not MIN_YEAR <= int(year) <= MAX_YEAR:
        return None
    return year, "year"


@lru_cache(maxsize=65536)
def numeric_date(year: str, month: int, day: int) -> tuple[str | None, str | None] | None:
    """``(iso, "day")``; ``(None, None)`` for a date that does not exist; ``None``
    when the year is implausible."""
    y = int(year)
    if not MIN_YEAR <= y <= MAX_YEAR:
        return None
    if not (1 <= month <= 12 and 1 <= day <= calendar.monthrange(y, month)[1]):
        return None, None
    return f"{y:04d}-{month:02d}-{day:02d}", "day"


def _year_only(text: str, year: str, suffix: str | None) -> ParsedDate | None:
    if not MIN_YEAR <= int(year) <= MAX_YEAR:
        return None
    return ParsedDate(text, year, "year", "{Y}", year + (suffix or ""), numeric=True)


def _numeric(text: str, m: re.Match[str], layout: str, swap: bool = False) -> ParsedDate | None:
    month, day = int(m["m"]), int(m["d"])
    if swap:
        month, day = day, month
    return _build(text, m["y"], month, day, layout, numeric=True)


def _build(
    text: str, year: str, month: int, day: int | None, layout: str, numeric: bool
) -> ParsedDate | None:
    y = int(year)
    if not MIN_YEAR <= y <= MAX_YEAR:
        return None
    valid = 1 <= month <= 12 and (day is None or 1 <= day <= calendar.monthrange(y, month)[1])
    if not valid:
        return ParsedDate(text, None, None, layout, year, numeric, invalid=True)
    if day is None:
        return ParsedDate(text, f"{y:04d}-{month:02d}", "month", layout, year, numeric)
    return ParsedDate(text, f"{y:04d}-{month:02d}-{day:02d}", "day", layout, year, numeric)


@lru_cache(maxsize=4096)
def _fallback(text: str) -> ParsedDate | None:
    """Ask dateparser about a date in another language or an unusual spelling."""
    from dateparser.date import DateDataParser  # slow import: only when needed

    parser = _date_data_parser(DateDataParser)
    data = parser.get_date_data(text)
    if data is None or data.date_obj is None:
        return None
    when = data.date_obj
    precision = data.period if data.period in ("year", "month", "day") else "day"
    iso = {
        "year": f"{when.year:04d}",
        "month": f"{when.year:04d}-{when.month:02d}",
        "day": f"{when.year:04d}-{when.month:02d}-{when.day:02d}",
    }[precision]
    if not MIN_YEAR <= when.year <= MAX_YEAR or str(when.year) not in text:
        return None
    return ParsedDate(text, iso, precision, "{text}", str(when.year), numeric=False)


_PARSER: list = []


def _date_data_parser(factory):
    if not _PARSER:
        _PARSER.append(
            factory(
                languages=list(_FALLBACK_LANGUAGES),
                settings={
                    "PREFER_DAY_OF_MONTH": "first",
                    "RETURN_TIME_AS_PERIOD": False,
                    "STRICT_PARSING": False,
                },
            )
        )
    return _PARSER[0]
