"""Quotations that no citation vouches for."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator

from citetrace.linking.claims import sentence_end, sentence_start
from citetrace.model import Finding
from citetrace.rules.base import Rule, RuleContext, rule

MIN_WORDS = 5
MAX_QUOTATION = 2000
# Straight quotes open after a space or bracket and close before one; curly
# quotes say which they are. Neither may run past a heading.
_N = MAX_QUOTATION
_QUOTATION = re.compile(
    rf"(?:(?<![\w\"])\"(?P<straight>[^\"\n#]{{1,{_N}}}(?:\n\n?[^\"\n#]{{1,{_N}}})?)\"(?!\w)"
    rf"|“(?P<curly>[^“”]{{1,{_N}}})”|«(?P<guillemets>[^«»]{{1,{_N}}})»)"
)
_WORD = r"\w++(?:['’]\w++)?+"  # as a search finds words, one after another
_ENOUGH_WORDS = re.compile(rf"\W*+(?:{_WORD}\W*+){{{MIN_WORDS}}}")
_OPENERS = tuple(re.compile(re.escape(q)) for q in ('"', "“", "«"))


def _quotations(text: str, end: int) -> Iterator[re.Match[str]]:
    """Quotations in ``text[:end]``, in order.

    Opening quote marks are found by literal searches (fast), and the full
    pattern is matched only where one stands.
    """
    starts = sorted(
        m.start()
        for opener in _OPENERS
        if opener.pattern[-1] in text
        for m in opener.finditer(text, 0, end)
    )
    resume = 0
    for at in starts:
        if at < resume:
            continue
        m = _QUOTATION.match(text, at, end)
        if m is not None:
            resume = m.end()
            yield m


@rule(
    "CT401",
    "uncited-quotation",
    "warning",
    "A quotation of five words or more with no citation near it.",
)
def uncited_quotation(self: Rule, ctx: RuleContext) -> Iterator[Finding]:
    """Quoted words need a source. This fires on a quotation of at least five
    words when no citation stands in its sentence or in the next one.

    Example: `He called it "survival from a nuclear catastrophe."` with no
    citation after it.
    """
    text = ctx.doc.text
    anchors = sorted(c.start for c in ctx.citations)
    barriers = list(ctx.barriers)
    end = ctx.doc.body_end
    for m in _quotations(text, end):
        quoted = m.group("straight") or m.group("curly") or m.group("guillemets") or ""
        if _ENOUGH_WORDS.match(quoted) is None:
            continue
        i = bisect_left(anchors, m.start() + 1)
        anchor = anchors[i] if i < len(anchors) else end + 1  # none after it
        after = sentence_end(text, m.end() - 2, end)  # the quote may end it
        if anchor <= after:
            continue  # cited in the quotation's sentence (the usual case)
        after = sentence_end(text, after, end)
        while after < end and text[after].isspace():
            after += 1  # a citation right after the next sentence's full stop counts
        if anchor <= after:
            continue  # cited after the quotation opens: no need to look back
        k = bisect_right(barriers, m.start()) - 1
        first = sentence_start(text, barriers[k] if k >= 0 else 0, m.start() + 1)
        i = bisect_left(anchors, first)
        if i < len(anchors) and anchors[i] <= after:
            continue
        yield ctx.finding(
            self,
            m.start(),
            m.end(),
            "this quotation has no citation in its sentence or the next",
            suggestion="cite the source of the quotation",
        )
