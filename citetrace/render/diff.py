"""Rendering the comparison of two editions: text, JSON and Markdown."""

from __future__ import annotations

import json

from citetrace.ci.diff import EditionDiff, Pair
from citetrace.model import Citation, Finding
from citetrace.render.markdown import cell


def _where(c: Citation) -> str:
    return f"{c.line}:{c.column}"


def _change(pair: Pair) -> str:
    parts = [f"{name}: {before!r} → {after!r}" for name, (before, after) in pair.changes.items()]
    return "; ".join(parts)


def diff_json(d: EditionDiff) -> str:
    """The comparison as JSON."""

    def cite(c: Citation) -> dict:
        return {
            "id": c.id,
            "text": c.text,
            "line": c.line,
            "column": c.column,
            "start": c.start,
            "source": c.source,
            "date": c.date,
            "locator": c.locator,
            "claim": c.claim.text,
        }

    def finding(f: Finding) -> dict:
        return {
            "rule": f.rule,
            "code": f.code,
            "line": f.line,
            "column": f.column,
            "text": f.text,
            "message": f.message,
        }

    payload = {
        "version": 1,
        "old": d.old_path,
        "new": d.new_path,
        "removed": [cite(c) for c in d.removed],
        "added": [cite(c) for c in d.added],
        "changed": [
            {
                "old": cite(p.old),
                "new": cite(p.new),
                "changes": {k: list(v) for k, v in p.changes.items()},
            }
            for p in d.changed
        ],
        "claims_changed": [{"old": cite(p.old), "new": cite(p.new)} for p in d.claims_changed],
        "moved": [{"old": cite(p.old), "new": cite(p.new)} for p in d.moved],
        "findings_introduced": [finding(f) for f in d.findings_introduced],
        "findings_resolved": [finding(f) for f in d.findings_resolved],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def diff_text(d: EditionDiff) -> str:
    """The comparison as plain lines, one event a line."""
    out = [f"--- {d.old_path}", f"+++ {d.new_path}"]
    out += [f"removed  {_where(c)} {c.text}" for c in d.removed]
    out += [f"added    {_where(c)} {c.text}" for c in d.added]
    out += [f"changed  {_where(p.old)} → {_where(p.new)} {_change(p)}" for p in d.changed]
    out += [
        f"claim    {_where(p.new)} {p.new.text}: claim edited under an unchanged citation"
        for p in d.claims_changed
    ]
    out += [f"moved    {_where(p.old)} → {_where(p.new)} {p.new.text}" for p in d.moved]
    out += [
        f"new finding      {f.line}:{f.column} {f.code} [{f.rule}] {f.message}"
        for f in d.findings_introduced
    ]
    out += [
        f"resolved finding {f.line}:{f.column} {f.code} [{f.rule}] {f.message}"
        for f in d.findings_resolved
    ]
    out.append(
        f"{len(d.removed)} removed, {len(d.added)} added, {len(d.changed)} changed, "
        f"{len(d.claims_changed)} claims edited, {len(d.moved)} moved; "
        f"{len(d.findings_introduced)} findings introduced, {len(d.findings_resolved)} resolved"
    )
    return "\n".join(out) + "\n"


def diff_markdown(d: EditionDiff) -> str:
    """The comparison as a Markdown summary for a pull request."""
    out = [
        f"## citetrace: `{cell(d.old_path)}` → `{cell(d.new_path)}`",
        "",
        f"**{len(d.removed)} removed**, {len(d.added)} added, {len(d.changed)} changed, "
        f"{len(d.claims_changed)} claims edited, {len(d.moved)} moved; "
        f"{len(d.findings_introduced)} findings introduced, {len(d.findings_resolved)} resolved.",
        "",
    ]
    rows = [("removed", _where(c), c.text, "") for c in d.removed]
    rows += [("added", _where(c), c.text, "") for c in d.added]
    rows += [("changed", _where(p.new), p.new.text, _change(p)) for p in d.changed]
    rows += [("claim edited", _where(p.new), p.new.text, "") for p in d.claims_changed]
    rows += [("moved", f"{_where(p.old)} → {_where(p.new)}", p.new.text, "") for p in d.moved]
    if rows:
        out += ["| event | where | citation | detail |", "| --- | --- | --- | --- |"]
        out += [f"| {e} | {w} | {cell(t)} | {cell(x)} |" for e, w, t, x in rows]
        out.append("")
    for title, findings in (
        ("Findings introduced", d.findings_introduced),
        ("Findings resolved", d.findings_resolved),
    ):
        if findings:
            out.append(f"### {title}")
            out += [
                f"- {f.line}:{f.column} {f.code} `{f.rule}`: {cell(f.message)}" for f in findings
            ]
            out.append("")
    return "\n".join(out)
