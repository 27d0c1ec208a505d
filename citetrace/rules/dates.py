"""Dates that cannot be right: impossible, after the document, before the event."""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator

from citetrace.extraction.dates import is_no_date
from citetrace.model import Claim, Finding
from citetrace.rules.base import Rule, RuleContext, rule

_MONTHS = {calendar.month_name[i].lower(): i for i in range(1, 13)}
_MONTH = "(?P<month>" + "|".join(calendar.month_name[i] for i in range(1, 13)) + ")"
# Each begins with its literal word and checks the word boundary behind it
# (``on(?<=\bon)`` is ``\bon``), so that the search skips to each "on" or "in".
_EVENT_DATES = [
    re.compile(
        rf"on(?<=\bon)\s+(?:the\s+)?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}"
        rf"(?:,?\s+(?P<y>\d{{4}}))?\b"
    ),
    re.compile(
        rf"on(?<=\bon)\s+{_MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:,\s*(?P<y>\d{{4}}))?\b"
    ),
    re.compile(rf"in(?<=\bin)\s+(?:early\s+|late\s+|mid-?)?{_MONTH}\s+(?P<y>\d{{4}})\b"),
]
_FUTURE_WORDS = (
    r"\b(?:would|will|shall|is\s+to|are\s+to|was\s+to|were\s+to|to\s+be\s+held|scheduled|"
    r"planned|plans?\s+to|expected|forthcoming|upcoming|intends?|going\s+to|next)\b"
)
_FUTURE_LOWER = re.compile(_FUTURE_WORDS)  # on lower-cased text: five times faster than (?i)
_ANY_MONTH = re.compile("|".join(calendar.month_name[i] for i in range(1, 13)))
_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")
_CONTEXT = 1500
_NEAR = 300
_LEAD = 80  # characters: "on the 31st of " and its spacing, before a month name


@rule("CT301", "invalid-date", "error", "A cited date that does not exist.")
def invalid_date(self: Rule, ctx: RuleContext) -> Iterator[Finding]:
    """A citation's date must exist in the calendar. The date is kept as
    written (its ISO form is `null`) so that an editor can check the source.

    Example: `(Pravda, 1987. 2. 30)`, or a month 13.
    """
    for c in ctx.citations:
        if c.date is None and c.date_raw and not is_no_date(c.date_raw):
            start, end = ctx.date_span(c)
            yield ctx.finding(
                self,
                start,
                end,
                f"'{c.date_raw}' is not a date that exists; check the source",
                citation=c.id,
            )


def _truncate(iso: str, precision: int) -> str:
    return iso[: {1: 4, 2: 7, 3: 10}[precision]]


def _parts(iso: str) -> int:
    return iso.count("-") + 1


def later(a: str, b: str) -> bool:
    """Whether ISO date ``a`` is after ``b`` at the coarser of their precisions."""
    precision = min(_parts(a), _parts(b))
    return _truncate(a, precision) > _truncate(b, precision)


@rule("CT302", "date-after-document", "error", "A cited date later than the document itself.")
def date_after_document(self: Rule, ctx: RuleContext) -> Iterator[Finding]:
    """A document cannot cite a source published after it was written. The
    document date comes from `--document-date`, the `document-date` setting,
    or a `date:` in the document's front matter; without one this rule is
    silent.

    Example: `(Pravda, 1989. 1. 5)` in a paper dated 1988.
    """
    written = ctx.config.document_date
    if not written:
        return
    for c in ctx.citations:
        if c.date and later(c.date, written):
            start, end = ctx.date_span(c)
            yield ctx.finding(
                self,
                start,
                end,
                f"cited date {c.date} is later than the document's date {written}",
                citation=c.id,
            )


@rule("CT303", "date-precedes-event", "warning", "A source dated before the event it reports.")
def date_precedes_event(self: Rule, ctx: RuleContext) -> Iterator[Finding]:
    """A source cannot report an event that happened after it was published.
    This fires when the claim dates the event (`on 12 January 1987`,
    `in October 1986`, `on 19 May` with the year taken from the text before
    it) later than the citation's date. Claims that announce a future event
    (`would host the conference in July 1987`) are left alone.

    Example: `The talks opened on 12 May 1987. (Pravda, 1987. 5. 2).`
    """
    text = ctx.doc.text
    for c in ctx.citations:
        month = _ANY_MONTH.search(c.claim.text) if c.date else None
        if month is None:
            continue  # no month named in the claim: nothing to compare
        for start, end, event in _event_dates(text, c.claim, month.start()):
            if later(event, c.date):
                yield ctx.finding(
                    self,
                    start,
                    end,
                    f"the claim dates the event {event}, after its source {c.source} "
                    f"({c.date}); check the date of the event or of the citation",
                    citation=c.id,
                )


def _event_dates(text: str, claim: Claim, first_month: int) -> Iterator[tuple[int, int, str]]:
    """The dates the claim gives its event; ``first_month`` is where the first
    month name stands in it (an event date cannot begin long before it)."""
    lo = max(0, first_month - _LEAD)
    announced = None  # where the claim first announces a future event, found when needed
    for pattern in _EVENT_DATES:
        for m in pattern.finditer(claim.text, lo):
            if announced is None:
                announced = _future(claim.text)
            if announced < m.start():
                continue  # an event announced for the future is no past event
            year = m.group("y") or _year_before(text, claim.start + m.start())
            if year is None:
                continue
            month = _MONTHS[m.group("month").lower()]
            day = m.groupdict().get("d")
            if day is not None:
                if not 1 <= int(day) <= calendar.monthrange(int(year), month)[1]:
                    continue
                iso = f"{year}-{month:02d}-{int(day):02d}"
            else:
                iso = f"{year}-{month:02d}"
            yield claim.start + m.start(), claim.start + m.end(), iso


def _future(text: str) -> int:
    """Where ``text`` first speaks of the future (``would``, ``scheduled``), or its length."""
    low = text.lower()
    if len(low) != len(text):  # lower case changed the length (İ): offsets would shift
        found = re.search(_FUTURE_WORDS, text, re.IGNORECASE)
    else:
        found = _FUTURE_LOWER.search(low)
    return len(text) if found is None else found.start()


def _year_before(text: str, offset: int) -> str | None:
    """The last year written in the ``_CONTEXT`` characters before ``offset``
    (the nearest few hundred are searched first)."""
    for reach in (_NEAR, _CONTEXT):
        years = _YEAR.findall(text, max(0, offset - reach), offset)
        if years:
            return years[-1]
    return None
