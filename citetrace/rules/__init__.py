"""The rules: each module registers its checks in :data:`REGISTRY`."""

from __future__ import annotations

from citetrace.rules import (  # noqa: F401  (each module registers its rules)
    bibliography,
    dates,
    gaps,
    layout,
    markup,
    ocr,
    quotations,
    sources,
    suppression,
    verification,
)
from citetrace.rules.base import REGISTRY, Rule, RuleContext, rule

__all__ = ["REGISTRY", "Rule", "RuleContext", "rule"]
