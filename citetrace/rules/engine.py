"""Running the selected rules over a finished document model."""

from __future__ import annotations

from citetrace.config import Config
from citetrace.document import Document
from citetrace.model import SEVERITY_RANK, Citation, Finding, Reference
from citetrace.rules import REGISTRY, Rule, RuleContext


def selected_rules(config: Config) -> list[Rule]:
    """The rules ``config`` selects, in code order."""
    rules = sorted(REGISTRY.values(), key=lambda r: r.code)
    if config.select:
        rules = [r for r in rules if _matches(r, config.select)]
    if config.ignore:
        rules = [r for r in rules if not _matches(r, config.ignore)]
    return rules


def _matches(rule: Rule, patterns: tuple[str, ...]) -> bool:
    return any(p == rule.name or rule.code.startswith(p.upper()) for p in patterns)


def run_rules(
    doc: Document,
    citations: list[Citation],
    references: list[Reference],
    config: Config,
) -> list[Finding]:
    """Every finding of the selected rules, sorted by position then code."""
    ctx = RuleContext(doc, tuple(citations), tuple(references), config)
    floor = SEVERITY_RANK[config.severity_threshold]
    findings: list[Finding] = []
    for rule in selected_rules(config):
        if SEVERITY_RANK[rule.severity] < floor:
            continue
        findings.extend(rule.check(rule, ctx))
    findings.sort(key=lambda f: (f.start, f.code, f.end))
    return findings
