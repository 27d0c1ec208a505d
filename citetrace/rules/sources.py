"""Source names: OCR damage and inconsistent spellings."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator

from citetrace.model import Citation, Finding, Fix
from citetrace.rules.base import Rule, RuleContext, rule
from citetrace.text import fold

# A fuzzy link at least this close is corrected by `citetrace fix` without asking.
CONFIDENT = 85.0


@rule("CT201", "source-typo", "warning", "A cited source that is a misspelling of a listed one.")
def source_typo(self: Rule, ctx: RuleContext) -> Iterator[Finding]:
    """A citation whose source is not in the reference list but is a close,
    OCR-plausible misreading of an entry (at most one edit per four letters).
    The citation is still linked to that entry; the suggestion is the
    reference list's spelling. Different sources such as `Pravda` and `Trud`,
    or `APN` and `UPI`, are never taken for one another.

    Example: `(Izvestiva, 1987, 8. 11)` with `Izvestiya` in the list.
    """
    # In text that reads as born-digital a near spelling is a slip, not a misreading.
    born_digital = ctx.ocr is not None and ctx.ocr.state == "clean"
    looks = "a misspelling of" if born_digital else "an OCR error for"
    for c in ctx.citations:
        if c.match != "fuzzy":
            continue
        start, end = ctx.source_span(c)
        yield ctx.finding(
            self,
            start,
            end,
            f"'{c.source_raw}' is not in the reference list; it looks like {looks} "
            f"'{c.source}' (similarity {c.match_score:.0f}%)",
            citation=c.id,
            suggestion=c.source,
            fix=Fix(start, end, c.source, safe=(c.match_score or 0) >= CONFIDENT),
        )


@rule("CT202", "source-variant", "warning", "One source written differently across citations.")
def source_variant(self: Rule, ctx: RuleContext) -> Iterator[Finding]:
    """The same source should be written the same way everywhere. This fires
    on a citation whose source differs only in case, diacritics, spacing or
    punctuation from the spelling the document uses for it: the reference
    list's spelling when there is an entry, otherwise the most frequent one.
    (OCR misreadings are `source-typo`.)

    Example: `(Rude pravo, 1986. 12. 6)` beside `(Rude Pravo, 1986. 3. 27)`.
    """
    groups: dict[tuple[str, str], list[Citation]] = defaultdict(list)
    for c in ctx.citations:
        if c.match == "fuzzy" or c.style != "newspaper":
            continue
        key = ("entry", c.reference) if c.reference else ("name", fold(c.source_raw))
        groups[key].append(c)
    for (kind, _), members in groups.items():
        spellings = Counter(" ".join(c.source_raw.split()) for c in members)
        canonical = members[0].source if kind == "entry" else spellings.most_common(1)[0][0]
        if len(spellings) == 1 and next(iter(spellings)) == canonical:
            continue
        for c in members:
            written = " ".join(c.source_raw.split())
            if written == canonical:
                continue
            others = sum(n for s, n in spellings.items() if s == canonical)
            where = "in the reference list" if c.reference else "elsewhere"
            start, end = ctx.source_span(c)
            yield ctx.finding(
                self,
                start,
                end,
                f"'{c.source_raw}' is written '{canonical}' {where}"
                + (
                    f" and in {others} other citation{'s' if others != 1 else ''}" if others else ""
                ),
                citation=c.id,
                suggestion=canonical,
                fix=Fix(start, end, canonical),
            )
