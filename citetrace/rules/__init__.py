"""The rules: each module registers its checks in :data:`REGISTRY`."""

from __future__ import annotations

from citetrace.rules import gaps  # noqa: F401  (registers its rules)
from citetrace.rules.base import REGISTRY, Rule, RuleContext, rule

__all__ = ["REGISTRY", "Rule", "RuleContext", "rule"]
