"""Gaps between the citations and the reference list."""

from __future__ import annotations

from collections.abc import Iterator

from citetrace.model import Finding
from citetrace.rules.base import Rule, RuleContext, rule


@rule("CT101", "missing-reference", "error", "A citation whose source has no reference entry.")
def missing_reference(self: Rule, ctx: RuleContext) -> Iterator[Finding]:
    """A reader who wants to follow a citation must find its source in the
    reference list. This fires when a citation links to no entry, by name or
    by author and year.

    Example: `(UPI, 1987. 4. 26)` in a paper whose reference list has no `UPI`.
    """
    if not ctx.references:
        return
    for c in ctx.citations:
        if c.reference is None and not c.author_references:
            yield ctx.finding(
                self,
                c.start,
                c.end,
                f"'{c.source}' is cited but has no entry in the reference list",
                citation=c.id,
                suggestion=f"add an entry for '{c.source}' to the reference list",
            )


@rule("CT102", "uncited-reference", "warning", "A reference entry that no citation reaches.")
def uncited_reference(self: Rule, ctx: RuleContext) -> Iterator[Finding]:
    """Every work in the reference list should be cited somewhere in the text;
    an entry nothing reaches is either a forgotten citation or a stray entry.

    Example: a `Trud` entry when no citation names `Trud`.
    """
    reached = {c.reference for c in ctx.citations}
    reached.update(r for c in ctx.citations for r in c.author_references)
    for ref in ctx.references:
        if ref.id not in reached:
            yield ctx.finding(
                self,
                ref.start,
                ref.end,
                f"reference entry '{ref.key}' is never cited",
                suggestion="cite it in the text or remove the entry",
            )
