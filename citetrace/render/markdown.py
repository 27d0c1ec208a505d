"""Markdown summaries, fit for a pull-request comment."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from citetrace.load import InputError
from citetrace.model import DocumentReport

MAX_ROWS = 200


def cell(text: str) -> str:
    """Text made safe for a Markdown table cell: one line, pipes and markup escaped."""
    flat = " ".join(text.split())
    for ch in "\\|`*_[]<>":
        flat = flat.replace(ch, "\\" + ch)
    return flat


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
            f"| {cell(path)}:{f.line}:{f.column} | {f.code} | {cell(f.message)} | "
            f"{cell(f.suggestion or '')} |"
        )
    if len(findings) > MAX_ROWS:
        out.append(f"\n… and {len(findings) - MAX_ROWS} more.")
    return "\n".join(out) + "\n"
