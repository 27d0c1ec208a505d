"""What a rule is, the registry of rules, and the context a rule reads."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property

from citetrace.config import Config
from citetrace.inputs.bibliography import BibEntry
from citetrace.inputs.document import Document
from citetrace.linking.markup import covering, entry_references
from citetrace.model import Citation, Finding, Fix, OcrAssessment, Reference, Severity, Typo


@dataclass(frozen=True)
class RuleContext:
    """The finished model of one document, as rules see it.

    ``barriers`` are offsets no sentence reaches back past (heading and
    directive lines, the end of front matter), sorted.
    """

    doc: Document
    citations: tuple[Citation, ...]
    references: tuple[Reference, ...]
    config: Config
    barriers: tuple[int, ...] = ()
    typos: tuple[Typo, ...] = ()
    bibliography: tuple[BibEntry, ...] = ()  # entries of the bibliography files given
    ocr: OcrAssessment | None = None  # whether the text reads as a scan (when judged)

    @cached_property
    def marked_entries(self) -> dict[str, Reference]:
        """Each entry id the markup gave → the reference entry parsed at its place."""
        return entry_references(self.references, self.doc.markup)

    @cached_property
    def marked_citations(self) -> dict[str, str]:
        """Citation id → the reference entry id the markup links it to (where it does)."""
        by_entry = self.marked_entries
        linked = {}
        for marked in self.doc.markup.citations:
            targets = [by_entry[t].id for t in marked.targets if t in by_entry]
            if targets:
                for c in covering(self.citations, marked):
                    linked.setdefault(c.id, targets[0])
                linked.setdefault(f"@{marked.start}", targets[0])  # marked, found or not
        return linked

    @cached_property
    def reference_by_id(self) -> dict[str, Reference]:
        """Each reference entry by its id, built once for every rule."""
        return {r.id: r for r in self.references}

    def finding(
        self,
        rule: Rule,
        start: int,
        end: int,
        message: str,
        citation: str | None = None,
        suggestion: str | None = None,
        fix: Fix | None = None,
    ) -> Finding:
        """A finding of ``rule`` anchored to ``text[start:end]``."""
        line, column, end_line, end_column = self.doc.span_line_cols(start, end)
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
            fix=fix,
            end_line=end_line,
            end_column=end_column,
        )

    def entry_finding(
        self, rule: Rule, ref: Reference, message: str, suggestion: str | None = None
    ) -> Finding:
        """A finding on a reference entry: on its line of the printed list, or, for
        an entry of a bibliography file, on its line of that file."""
        finding = self.finding(rule, ref.start, ref.end, message, suggestion=suggestion)
        finding.origin = ref.origin
        return finding

    def source_span(self, c: Citation) -> tuple[int, int]:
        """Where the source name stands inside citation ``c``."""
        at = c.text.find(c.source_raw)
        if at < 0:
            return c.start, c.end
        return c.start + at, c.start + at + len(c.source_raw)

    def date_span(self, c: Citation) -> tuple[int, int]:
        """Where the written date stands inside citation ``c``."""
        if not c.date_raw:
            return c.start, c.end
        after = max(0, self.source_span(c)[1] - c.start)
        at = c.text.find(c.date_raw, after)
        if at < 0:
            return c.start, c.end
        return c.start + at, c.start + at + len(c.date_raw)


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
    default: bool = True  # run unless deselected; else only when selected by name or code


REGISTRY: dict[str, Rule] = {}


def rule(
    code: str, name: str, severity: Severity, summary: str, default: bool = True
) -> Callable[[Check], Check]:
    """Register ``check`` as a rule; its docstring is the rule's explanation. A rule
    with ``default`` false runs only when selected by its name or code."""

    def register(check: Check) -> Check:
        if code in {r.code for r in REGISTRY.values()} or name in REGISTRY:
            raise ValueError(f"rule {code} {name} registered twice")
        doc = inspect.cleandoc(check.__doc__ or summary)
        REGISTRY[name] = Rule(code, name, severity, summary, doc, check, default)
        return check

    return register
