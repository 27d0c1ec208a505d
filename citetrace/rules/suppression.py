"""Suppression comments that no longer suppress anything."""

from __future__ import annotations

from collections.abc import Iterator

from citetrace.model import Finding
from citetrace.rules.base import Rule, RuleContext, rule


@rule("CT901", "unused-suppression", "warning", "A suppression comment that suppresses nothing.")
def unused_suppression(self: Rule, ctx: RuleContext) -> Iterator[Finding]:
    """A suppression comment (`<!-- citetrace: ignore RULE -->` or
    `# citetrace: ignore[RULE]`) that silences no finding, or names a rule
    that does not exist, is stale: the problem it hid was fixed or moved.
    Remove it so that it cannot hide a new problem. The rule engine reports
    these after the other rules have run.

    Example: `<!-- citetrace: ignore missing-reference -->` above a citation
    that now has its reference entry.
    """
    return iter(())
