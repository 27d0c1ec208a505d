"""What a rule is, the registry of rules, and the context a rule reads."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from citetrace.config import Config
from citetrace.document import Document
from citetrace.model import Citation, Finding, Reference, Severity


@dataclass(frozen=True)
class RuleContext:
    """The finished model of one document, as rules see it."""

    doc: Document
    citations: tuple[Citation, ...]
    references: tuple[Reference, ...]
    config: Config

    def finding(
        self,
        rule: Rule,
        start: int,
        end: int,
        message: str,
        citation: str | None = None,
        suggestion: str | None = None,
    ) -> Finding:
        """A finding of ``rule`` anchored to ``text[start:end]``."""
        line, column = self.doc.line_col(start)
        return Finding(
            rule=rule.name,
            code=rule.code,
            severity=rule.severity,
            message=message,
            start=start,
            end=end,
            line=line,
            column=column,
            text=self.doc.text[start:end],
            citation=citation,
            suggestion=suggestion,
        )


Check = Callable[["Rule", RuleContext], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    """A check with a stable code and kebab-case name."""

    code: str
    name: str
    severity: Severity
    summary: str
    explanation: str
    check: Check


REGISTRY: dict[str, Rule] = {}


def rule(code: str, name: str, severity: Severity, summary: str) -> Callable[[Check], Check]:
    """Register ``check`` as a rule; its docstring is the rule's explanation."""

    def register(check: Check) -> Check:
        if code in {r.code for r in REGISTRY.values()} or name in REGISTRY:
            raise ValueError(f"rule {code} {name} registered twice")
        doc = inspect.cleandoc(check.__doc__ or summary)
        REGISTRY[name] = Rule(code, name, severity, summary, doc, check)
        return check

    return register
