"""The rules: each module registers its checks in :data:`REGISTRY`."""

from __future__ import annotations

from citetrace.rules import dates, gaps, layout, quotations, sources, suppression  # noqa: F401
from citetrace.rules.base import REGISTRY, Rule, RuleContext, rule

__all__ = ["REGISTRY", "Rule", "RuleContext", "rule"]
