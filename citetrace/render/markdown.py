"""Markdown summaries, fit for a pull-request comment."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from citetrace.inputs.load import InputError
from citetrace.model import DocumentReport
from citetrace.render.place import place, spot

MAX_ROWS = 200


# Bidirectional controls would reorder what follows them wherever the Markdown
# is shown; they are written as marks.
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def cell(text: str) -> str:
    """Text made safe for a Markdown table cell: one line, pipes and markup escaped,
    bidirectional controls shown as marks (``⟨U+202E⟩``)."""
    flat = " ".join(text.split())
    for ch in "\\|`*_[]<>":
        flat = flat.replace(ch, "\\" + ch)
    return _BIDI.sub(lambda m: f"⟨U+{ord(m.group()):04X}⟩", flat)


def render_check_markdown(
    reports: Sequence[DocumentReport], errors: Sequence[InputError] = (), new_only: bool = False
) -> str:
    """Counts by rule and a table of findings."""
    findings = [(r.path, f) for r in reports for f in r.findings]
    severities = Counter(f.severity for _, f in findings)
    title = "new findings" if new_only else "findings"
    out = [
        "## citetrace",
        "",
        f"{len(reports)} document(s), {sum(len(r.citations) for r in reports)} citations: "
        f"**{severities['error']} errors**, {severities['warning']} warnings, "
        f"{severities['info']} info ({title}).",
        "",
    ]
    if errors:
        out += [f"- unreadable: `{cell(str(e))}`" for e in errors] + [""]
    if not findings:
        out.append("No findings. :white_check_mark:")
        return "\n".join(out) + "\n"
    by_rule = Counter((f.code, f.rule, f.severity) for _, f in findings)
    out += ["| rule | severity | count |", "| --- | --- | ---: |"]
    out += [
        f"| {code} `{name}` | {sev} | {n} |" for (code, name, sev), n in sorted(by_rule.items())
    ]
    out += ["", "| where | rule | finding | suggestion |", "| --- | --- | --- | --- |"]
    for path, f in findings[:MAX_ROWS]:
        out.append(
            f"| {cell(place(path, f.line, f.column, f.origin))} | {f.code} | {cell(f.message)} | "
            f"{cell(f.suggestion or '')} |"
        )
    if len(findings) > MAX_ROWS:
        out.append(f"\n… and {len(findings) - MAX_ROWS} more.")
    return "\n".join(out) + "\n"


def _excerpt(text: str, width: int = 90) -> str:
    flat = " ".join(text.split())
    if len(flat) <= width:
        return flat
    cut = flat.rfind(" ", 0, width)  # at a word's end, not inside a word
    return flat[: cut if cut > width // 2 else width - 1] + "…"


def render_report_markdown(report: DocumentReport) -> str:
    """The annotated report as Markdown: citations, findings and references."""
    severities = Counter(f.severity for f in report.findings)
    out = [
        f"# Citations in {cell(report.path)}",
        "",
        f"{len(report.citations)} citations, {len(report.references)} references: "
        f"**{severities['error']} errors**, {severities['warning']} warnings, "
        f"{severities['info']} info.",
        "",
        "## Citations",
        "",
        "| id | line | citation | source | date | locator | reference | claim |",
        "| --- | ---: | --- | --- | --- | --- | --- | --- |",
    ]
    for c in report.citations:
        ref = f"{c.reference} ({c.match})" if c.reference else "—"
        date = c.date or (f"{c.date_raw} (as written)" if c.date_raw else "—")
        out.append(
            f"| {c.id} | {c.line} | {cell(c.text)} | {cell(c.source)} | {cell(date)} | "
            f"{cell(c.locator or '')} | {cell(ref)} | {cell(_excerpt(c.claim.text))} |"
        )
    out += ["", "## Findings", ""]
    if report.findings:
        out += [
            "| where | rule | severity | text | message | suggestion |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        for f in report.findings:
            out.append(
                f"| {spot(f.line, f.column, f.origin)} | {f.code} `{f.rule}` | {f.severity} | "
                f"{cell(_excerpt(f.text, 50))} | {cell(f.message)} | {cell(f.suggestion or '')} |"
            )
    else:
        out.append("No findings.")
    out += ["", "## Reference list", ""]
    reached = Counter(
        r for c in report.citations for r in {c.reference, *c.author_references} - {None}
    )
    for r in report.references:
        n = reached[r.id]
        status = f"{n} citation{'s' if n != 1 else ''}" if n else "**never cited**"
        out.append(f"- {r.id} {cell(_excerpt(r.text, 120))} — {status}")
    missing = Counter(
        c.source for c in report.citations if not c.reference and not c.author_references
    )
    for source, n in sorted(missing.items()):
        out.append(f"- **no entry**: {cell(source)} — cited {n}×")
    if not report.references and not missing:
        out.append("No reference list was found.")
    return "\n".join(out) + "\n"
