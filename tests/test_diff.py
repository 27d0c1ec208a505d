"""citetrace diff: editions compared by content and context."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from citetrace import audit_text
from citetrace.ci.diff import diff_reports
from citetrace.cli import main

from .conftest import SEED

OLD = (
    "The talks opened in May. (Pravda, 1987. 5. 20).\n\n"
    "Hanoi objected to the formula. (Radio Press, 1987. 5. 27).\n\n"
    "The ministry was reorganised. (Pravda, 1986. 6. 1).\n\n"
    "A fourth claim stands here. (Trud, 1987. 1. 1).\n\n"
    "## References\n\nPravda\n\nRadio Press\n\nTrud\n"
)


def diff(old: str, new: str):
    return diff_reports(audit_text(old, "old"), audit_text(new, "new"))


def test_identical_editions() -> None:
    d = diff(OLD, OLD)
    assert (d.removed, d.added, d.changed, d.moved, d.claims_changed) == ([], [], [], [], [])


def test_removed_added_and_changed() -> None:
    new = OLD.replace("(Radio Press, 1987. 5. 27)", "(Radio Press, 1987. 5. 28)")
    new = new.replace(
        "A fourth claim stands here. (Trud, 1987. 1. 1).", "A new claim. (Trud, 1988. 2. 2)."
    )
    new = new.replace("The ministry was reorganised. (Pravda, 1986. 6. 1).\n\n", "")
    d = diff(OLD, new)
    assert [c.text for c in d.removed] == ["(Pravda, 1986. 6. 1)", "(Trud, 1987. 1. 1)"]
    assert [(p.old.text, p.changes) for p in d.changed] == [
        ("(Radio Press, 1987. 5. 27)", {"date": ("1987-05-27", "1987-05-28")}),
    ]
    assert [c.text for c in d.added] == ["(Trud, 1988. 2. 2)"]


def test_claim_edited_under_an_unchanged_citation() -> None:
    new = OLD.replace("Hanoi objected to the formula.", "Hanoi strongly objected to the formula.")
    d = diff(OLD, new)
    assert [p.new.text for p in d.claims_changed] == ["(Radio Press, 1987. 5. 27)"]
    assert d.removed == d.added == []


def test_moved_paragraph_is_moved_not_removed_and_added() -> None:
    paragraphs = OLD.split("\n\n")
    moved = [paragraphs[2], paragraphs[0], paragraphs[1], *paragraphs[3:]]
    d = diff(OLD, "\n\n".join(moved))
    assert d.removed == d.added == []
    assert [p.new.text for p in d.moved] == ["(Pravda, 1986. 6. 1)"]


def test_findings_introduced_and_resolved() -> None:
    new = OLD.replace("(Trud, 1987. 1. 1)", "(UPI, 1987. 1. 1)")
    d = diff(OLD, new)
    assert [f.rule for f in d.findings_introduced] == ["missing-reference", "uncited-reference"]
    assert d.findings_resolved == []


def test_cli_formats_and_fail_on_lost(tmp_path: Path) -> None:
    old, new = tmp_path / "old.md", tmp_path / "new.md"
    old.write_text(OLD, encoding="utf-8")
    new.write_text(OLD.replace(" (Trud, 1987. 1. 1).", "."), encoding="utf-8")
    result = CliRunner().invoke(main, ["diff", str(old), str(new)])
    assert result.exit_code == 0 and "removed  7:29 (Trud, 1987. 1. 1)" in result.output
    assert CliRunner().invoke(main, ["diff", str(old), str(new), "--fail-on-lost"]).exit_code == 1
    data = json.loads(
        CliRunner().invoke(main, ["diff", str(old), str(new), "--format", "json"]).output
    )
    assert data["removed"][0]["source"] == "Trud"
    md = CliRunner().invoke(main, ["diff", str(old), str(new), "--format", "markdown"]).output
    assert "| removed | 7:29 | (Trud, 1987. 1. 1) |" in md


def test_seed_against_its_fixed_edition(tmp_path: Path) -> None:
    from citetrace.ci.fix import fix_text

    text = SEED.read_text("utf-8")
    d = diff(text, fix_text(text).fixed)
    assert d.removed == d.added == [] and len(d.changed) == 4
    resolved = sorted(f.rule for f in d.findings_resolved)
    assert resolved == ["format-inconsistent"] * 3 + ["source-typo", "source-variant"]
    # the rewritten UPI citation carries its missing reference over: neither new nor resolved
    assert d.findings_introduced == []


def test_diff_as_a_subprocess(tmp_path: Path) -> None:
    import subprocess
    import sys

    old, new = tmp_path / "old.md", tmp_path / "new.md"
    old.write_text(OLD, encoding="utf-8")
    new.write_text(OLD.replace(" (Trud, 1987. 1. 1).", "."), encoding="utf-8")
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "citetrace",
            "diff",
            str(old),
            str(new),
            "--fail-on-lost",
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 1
    assert [c["text"] for c in json.loads(proc.stdout)["removed"]] == ["(Trud, 1987. 1. 1)"]


def test_a_finding_carried_by_an_edited_citation_is_neither_new_nor_resolved() -> None:
    from citetrace import audit_text
    from citetrace.ci.diff import diff_reports

    refs = "\n\n## References\n\nPravda\n"
    old = audit_text("A claim (UPI, 1987. 5. 1). Another (Pravda, 1987. 5. 2)." + refs, "a.md")
    new = audit_text("A claim (UPI, 1987. 5. 3). Another (Pravda, 1987. 5. 2)." + refs, "b.md")
    result = diff_reports(old, new)
    assert [p.changes for p in result.changed] != []
    assert result.findings_introduced == [] and result.findings_resolved == []
