"""The terminal report, composed of rich renderables."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from rich.console import Console
from rich.table import Table
from rich.text import Text

from citetrace.inputs.load import InputError
from citetrace.model import DocumentReport, Finding
from citetrace.render.place import place, spot

_SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
_EXCERPT = 200


# Control characters of the document (ESC sequences that retitle or clear a
# terminal, bells, C1 codes) are shown as escapes, never sent to the terminal.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """``text`` with every control character but tab and newline written as ``\\xNN``."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def excerpt(text: str, width: int = _EXCERPT) -> str:
    """One line of at most ``width`` characters."""
    flat = " ".join(printable(text).split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def summary(reports: Sequence[DocumentReport], errors: Sequence[InputError]) -> Text:
    """A line of totals across every document."""
    severities = Counter(f.severity for r in reports for f in r.findings)
    line = Text()
    line.append(f"{len(reports)} document{'s' if len(reports) != 1 else ''}, ", style="bold")
    line.append(f"{sum(len(r.citations) for r in reports)} citations, ")
    line.append(f"{sum(len(r.references) for r in reports)} references, ")
    line.append(f"{severities['error']} errors", style=_SEVERITY_STYLE["error"])
    line.append(", ")
    line.append(f"{severities['warning']} warnings", style=_SEVERITY_STYLE["warning"])
    line.append(", ")
    line.append(f"{severities['info']} info", style=_SEVERITY_STYLE["info"])
    if errors:
        line.append(f", {len(errors)} unreadable", style="bold red")
    return line


TABLE_ROWS = 50  # citations shown per document unless every one is asked for
SUMMARY_FIRST = 50  # findings past which a report opens with its summary


def citation_table(report: DocumentReport, limit: int | None = TABLE_ROWS) -> Table:
    """Line, source, date and claim of each citation (the first ``limit``)."""
    table = Table(title=f"Citations in {printable(report.path)}", title_justify="left", expand=True)
    table.add_column("line", justify="right", no_wrap=True)
    table.add_column("source", no_wrap=True)
    table.add_column("date", no_wrap=True)
    table.add_column("locator", no_wrap=True)
    table.add_column("ref", no_wrap=True)
    traced = any(c.trace is not None for c in report.citations)
    if traced:
        table.add_column("library", no_wrap=True)
    table.add_column("claim", no_wrap=True, overflow="ellipsis", ratio=1)
    shown = report.citations if limit is None else report.citations[:limit]
    hidden = len(report.citations) - len(shown)
    if hidden:
        table.caption = f"… and {hidden} more citations (--all shows every one)"
        table.caption_justify = "left"
    for c in shown:
        cells = (
            spot(c.line, c.column, c.origin) if c.origin else str(c.line),
            printable(c.source),
            printable(c.date or (c.date_raw or "—")),
            printable(c.locator or ""),
            c.reference or "—",
            *((trace_summary(c.trace),) if traced else ()),
            excerpt(c.claim.text),
        )
        table.add_row(*(Text(cell) for cell in cells))  # Text: document text is never markup
    return table


_VERDICT_MARK = {"found": "✓", "altered": "≠", "elsewhere": "→", "not-found": "✗", "unclear": "?"}


def trace_summary(trace: dict | None) -> str:
    """What the source library holds for a citation, in a few characters: how many
    documents, and a mark per quotation (✓ found, ≠ altered, → elsewhere, ✗ not found,
    ? the passage too damaged to tell)."""
    if trace is None:
        return ""
    documents = len(trace.get("documents", ()))
    if not documents:
        return "—"
    marks = "".join(_VERDICT_MARK[q["verdict"]] for q in trace.get("quotations", ()))
    return f"{documents} doc{'s' * (documents != 1)}" + (f" {marks}" if marks else "")


def finding_parts(path: str, f: Finding) -> list[tuple[str, str | None]]:
    """``path:line:col: severity code [name] message — suggestion``, as (text, style) parts."""
    parts: list[tuple[str, str | None]] = [
        (f"{printable(place(path, f.line, f.column, f.origin))}: ", "bold"),
        (f.severity, _SEVERITY_STYLE[f.severity]),
        (f" {f.code} [{f.rule}] ", None),
        (printable(f.message), None),
    ]
    if f.suggestion and f.suggestion not in f.message:
        parts.append((f" — {printable(f.suggestion)}", "dim"))
    return parts


def finding_line(path: str, f: Finding) -> Text:
    """One finding as styled text (see :func:`finding_parts`)."""
    line = Text()
    for text, style in finding_parts(path, f):
        line.append(text, style=style)
    return line


def _print_findings(console: Console, report: DocumentReport) -> None:
    """Every finding a line: plain text straight to a file or pipe without colour
    (rich costs a millisecond a line there for nothing), else one styled text."""
    if console.color_system is None and not console.record:
        plain = (
            "".join(text for text, _ in finding_parts(report.path, f)) for f in report.findings
        )
        console.file.write("\n".join(plain) + "\n")
        return
    lines = Text("\n").join(finding_line(report.path, f) for f in report.findings)
    console.print(lines, soft_wrap=True)


def render_text(
    console: Console,
    reports: Sequence[DocumentReport],
    errors: Sequence[InputError] = (),
    show_citations: bool = True,
    all_citations: bool = False,
) -> None:
    """Print the whole report to ``console``; a long citation table is cut to its
    first rows (rendering thousands of rows costs seconds nobody reads). Each
    finding is one line, never wrapped or padded, so that ``grep`` and editors
    can read ``path:line:column:`` lines whatever the width. A long report (several
    documents, or more than :data:`SUMMARY_FIRST` findings) opens with its summary
    and its findings counted by rule, so the reader sees the outcome first."""
    found = sum(len(r.findings) for r in reports)
    if len(reports) > 1 or found > SUMMARY_FIRST:
        console.print(summary(reports, errors), soft_wrap=True)
        by_rule = Counter(f"{f.code} {f.rule}" for r in reports for f in r.findings)
        if by_rule:
            counted = ", ".join(f"{name} {n}" for name, n in sorted(by_rule.items()))
            console.print(Text(f"by rule: {counted}", style="dim"), soft_wrap=True)
        console.print()
    for report in reports:
        if show_citations:
            if report.citations:
                console.print(citation_table(report, None if all_citations else TABLE_ROWS))
            else:
                line = Text(f"No citations in {printable(report.path)}", style="dim")
                console.print(line, soft_wrap=True)
        if report.findings:
            console.print(
                Text(f"Findings in {printable(report.path)}", style="bold"), soft_wrap=True
            )
            _print_findings(console, report)
        else:
            line = Text(f"No findings in {printable(report.path)}", style="green")
            console.print(line, soft_wrap=True)
        if report.ocr is not None and report.ocr.state != "scan":
            console.print(Text(report.ocr.summary(), style="dim"), soft_wrap=True)
        console.print()
    console.print(summary(reports, errors), soft_wrap=True)
