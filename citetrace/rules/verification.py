"""Rules on what the cited sources say: quotations checked in the source library
(``--library``), and claims that relay someone else's words."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator

from citetrace.linking.attribution import is_other
from citetrace.model import Citation, Finding
from citetrace.rules.base import Rule, RuleContext, rule


def _quotation_verdicts(ctx: RuleContext, verdict: str) -> Iterator[tuple[Citation, dict]]:
    for c in ctx.citations:
        for q in (c.trace or {}).get("quotations", ()):
            if q["verdict"] == verdict:
                yield c, q


def _cited(c: Citation) -> str:
    return f"{c.source} {c.date or c.date_raw or ''}".strip()


def _place(q: dict) -> str:
    d = q["document"]
    return f"{d['source']} {d['date'] or ''}, p. {q['page']} ({d['path']})".replace(" ,", ",")


@rule("CT601", "quote-not-found", "error", "A quotation the cited source does not contain.")
def quote_not_found(self: Rule, ctx: RuleContext) -> Iterator[Finding]:
    """With a source library, each quotation in a claim is looked for in the
    documents its citations cite, forgiving what is not a change of words (case,
    punctuation, quote marks, hyphenation, OCR misreadings on either side). This
    fires when it is in none of them, nor anywhere else in the library.

    Example: "survival from a nuclear catastrophe" cited to a Pravda issue that never says it.
    """
    for c, q in _quotation_verdicts(ctx, "not-found"):
        yield ctx.finding(
            self,
            q["start"],
            q["end"],
            f"this quotation is not in {_cited(c)}, nor in the documents a search of the "
            "library brought up",
            citation=c.id,
            suggestion="check the quotation against the source",
        )


@rule("CT602", "quote-altered", "warning", "A quotation whose words differ from the source's.")
def quote_altered(self: Rule, ctx: RuleContext) -> Iterator[Finding]:
    """The cited source has the passage, but with words changed, added or left
    out (without an ellipsis) beyond what OCR misreads. The finding gives the
    source's words.

    Example: "to intensify coordinated action" where the source says "to intensify
    further coordinated action".
    """
    for c, q in _quotation_verdicts(ctx, "altered"):
        yield ctx.finding(
            self,
            q["start"],
            q["end"],
            f"the quotation differs from {_place(q)}, which reads: '{q['source_words']}' "
            f"(similarity {q['score']:.0f}%)",
            citation=c.id,
            suggestion=q["source_words"],
        )


@rule(
    "CT603",
    "wrong-source-or-date",
    "warning",
    "A quotation found in another document of the library than the one cited.",
)
def wrong_source_or_date(self: Rule, ctx: RuleContext) -> Iterator[Finding]:
    """The quotation is not in what is cited, but another document of the library
    has it: most often the date (or the newspaper) of the citation is wrong.
    The finding names the document that has it.

    Example: cited `(Pravda, 1987. 7. 29)`, found in Pravda of 1987-07-28.
    """
    for c, q in _quotation_verdicts(ctx, "elsewhere"):
        d = q["document"]
        there = f"is in {_place(q)}"
        if q.get("words_differ"):
            there = (
                f"a passage like it is in {_place(q)}, which reads: '{q['source_words']}' "
                f"(similarity {q['score']:.0f}%)"
            )
        yield ctx.finding(
            self,
            q["start"],
            q["end"],
            f"this quotation is not in {_cited(c)} but {there}",
            citation=c.id,
            suggestion=f"cite {d['source']}, {d['date'] or 'undated'}",
        )


@rule(
    "CT604",
    "source-not-in-library",
    "info",
    "Citations of a source the library holds nothing of for them.",
)
def source_not_in_library(self: Rule, ctx: RuleContext) -> Iterator[Finding]:
    """With a source library, a citation whose documents are not in it cannot be
    checked. This says so once per source (on its first such citation), with how
    many citations it concerns, so that a person knows what was not verified.

    Example: eleven Pravda citations, and no Pravda issue of their dates in the library.
    """
    if not ctx.config.library:
        return
    missing: dict[str, list[Citation]] = defaultdict(list)
    for c in ctx.citations:
        if c.trace is not None and not c.trace.get("documents"):
            missing[c.source].append(c)
    for source, cites in missing.items():
        first = cites[0]
        more = f" and {len(cites) - 1} other citation(s) of it" if len(cites) > 1 else ""
        yield ctx.finding(
            self,
            first.start,
            first.end,
            f"the library holds nothing for {_cited(first)}{more}: not verified",
            citation=first.id,
            suggestion=f"add the {source} documents to the library",
        )


@rule(
    "CT605",
    "secondary-attribution",
    "info",
    "A claim that gives someone else's words than the cited source's.",
)
def secondary_attribution(self: Rule, ctx: RuleContext) -> Iterator[Finding]:
    """A claim introduced by an attribution ("According to Tass, …", "Moscow
    declared that …") reports the words of whoever it names; when that is not
    the cited source, the source is a relay, and a reader should know the
    chain. Said once per claim.

    Example: "According to Tass, Gorbachev said …" cited to Pravda: Tass → Pravda → claim.
    """
    seen: set[tuple[int, int]] = set()
    for c in ctx.citations:
        key = (c.claim.start, c.claim.end)
        if key in seen or not c.attribution:
            continue
        seen.add(key)
        if not is_other(c.attribution, c.source, c.authors):
            continue
        at = c.claim.text.find(c.attribution)
        start = c.claim.start + max(at, 0)
        end = start + len(c.attribution) if at >= 0 else c.claim.end
        yield ctx.finding(
            self,
            start,
            end,
            f"the claim gives the words of {c.attribution}, as {_cited(c)} reported them "
            f"({c.attribution} → {_cited(c)} → claim)",
            citation=c.id,
            suggestion=f"cite {c.attribution} directly, or say that {c.source} reports it",
        )


_NOT_PAGES = re.compile(
    r"§|¶|\b(?:para|paras|ch|chap|chapter|sec|section|n|nn|note|l|ll|line|fn)\b\.?", re.I
)
_PAGE_RANGE = re.compile(r"(\d{1,5})(?:\s*[-–—]\s*(\d{1,5}))?")


def cited_pages(locator: str | None) -> set[int]:
    """The pages a locator cites: ``208``, ``p. 12``, ``pp. 79-80``, ``12, 15``."""
    pages: set[int] = set()
    if _NOT_PAGES.search(locator or ""):
        return pages  # a section, paragraph, chapter, note or line is not a page
    for m in _PAGE_RANGE.finditer(locator or ""):
        first = int(m.group(1))
        last = int(m.group(2)) if m.group(2) else first
        if last < first and len(m.group(2)) < len(m.group(1)):  # 123-5 for 123-125
            last = int(m.group(1)[: -len(m.group(2))] + m.group(2))
        if 0 < last - first < 200:
            pages.update(range(first, last + 1))
        else:
            pages.add(first)
    return pages


@rule("CT606", "locator-mismatch", "warning", "A quotation found on another page than cited.")
def locator_mismatch(self: Rule, ctx: RuleContext) -> Iterator[Finding]:
    """The cited source has the quotation, but on another page than the citation's
    locator says (pages as printed: a library document added with `--first-page`
    gives its pages their printed numbers). The finding suggests the page.

    Example: `(Pike, 1987: 208)` when the passage is on p. 210.
    """
    by_id = {c.id: c for c in ctx.citations}
    for c, q in _quotation_verdicts(ctx, "found"):
        cited = by_id.get(q.get("citation", c.id), c)
        pages = cited_pages(cited.locator)
        if not pages or q["page"] in pages:
            continue
        yield ctx.finding(
            self,
            q["start"],
            q["end"],
            f"this quotation is on p. {q['page']} of {_place(q).split(', p.')[0]}, "
            f"not on the page cited ({cited.locator})",
            citation=cited.id,
            suggestion=f"p. {q['page']}",
        )


@rule(
    "CT607",
    "claim-unsupported",
    "info",
    "A claim without quotation that no passage of the cited source seems to support.",
    default=False,
)
def claim_unsupported(self: Rule, ctx: RuleContext) -> Iterator[Finding]:
    """A claim that quotes nothing is compared with the cited documents by its
    content words (names, longer words): when no passage holds half of them, the
    claim may not be what the source says. Word overlap is a weak judge, so this
    is an info finding, run only when selected (`--select claim-unsupported`),
    and it gives the best passage and its score for a person to read.

    Example: "Moscow cut its aid to Hanoi by half" cited to an issue about the harvest.
    """
    from citetrace.linking.trace import SUPPORTED

    for c in ctx.citations:
        found = (c.trace or {}).get("support")
        if not found or found["score"] >= SUPPORTED:
            continue
        d = found["document"]
        yield ctx.finding(
            self,
            c.claim.start,
            c.claim.end,
            f"no passage of {_cited(c)} seems to support this claim: the best, "
            f"{d['source']} {d['date'] or ''}, p. {found['page']} ({found['score']:.0%} of its "
            f"words), reads: '{found['passage'][:160]}'",
            citation=c.id,
            suggestion="read the source and check the claim",
        )
