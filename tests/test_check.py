"""citetrace check: exit codes, SARIF, GitHub and Markdown output, baselines."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from citetrace.cli import main

from .conftest import ROOT, SEED

SCHEMA = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text("utf-8"))


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["check", *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def seed_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "paper.txt"
    copy.write_bytes(SEED.read_bytes())
    return copy


def test_exit_codes(tmp_path: Path) -> None:
    clean = tmp_path / "clean.md"
    clean.write_text("A claim (Pravda, 1987. 5. 1).\n\n## References\n\nPravda\n", encoding="utf-8")
    assert run(str(clean))[0] == 0
    assert run(str(SEED))[0] == 1
    assert run(str(SEED), "--select", "format-inconsistent")[0] == 0
    assert run(str(SEED), "--select", "format-inconsistent", "--fail-on", "warning")[0] == 1
    assert run(str(tmp_path / "missing.txt"))[0] == 2


def test_fail_on_from_config(tmp_path: Path) -> None:
    paper = tmp_path / "p.md"
    paper.write_text(
        "A (Pravda, 1987. 5. 1). B (Pravda, 1987. 5. 2).\n\n## References\n\nPravda\n\nTrud\n"
    )
    assert run(str(paper))[0] == 0
    (tmp_path / "citetrace.toml").write_text('fail-on = "warning"\n')
    assert run(str(paper))[0] == 1


def test_sarif_validates_against_the_official_schema() -> None:
    code, out, _ = run(str(SEED), "--format", "sarif")
    assert code == 1
    sarif = json.loads(out)
    jsonschema.validate(sarif, SCHEMA)
    run_ = sarif["runs"][0]
    assert [r["id"] for r in run_["tool"]["driver"]["rules"]][:2] == ["CT101", "CT102"]
    results = run_["results"]
    assert len(results) == 72
    typo = next(r for r in results if r["ruleId"] == "CT201")
    region = typo["locations"][0]["physicalLocation"]["region"]
    text = SEED.read_text("utf-8")
    start = region["charOffset"]
    assert text[start : start + region["charLength"]] == "Izvestiva"
    assert (region["startLine"], region["startColumn"]) == (59, 299)
    assert typo["partialFingerprints"]["citetrace/v1"].startswith("source-typo:")
    replacement = typo["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert replacement["insertedContent"]["text"] == "Izvestiya"
    missing = next(r for r in results if r["ruleId"] == "CT101")
    assert "fixes" not in missing and missing["level"] == "error"


def test_github_workflow_commands() -> None:
    _, out, _ = run(str(SEED), "--format", "github")
    lines = out.splitlines()
    assert len(lines) == 72
    assert any(line.startswith(f"::warning file={SEED},line=43,col=538,") for line in lines)
    assert any(line.startswith("::notice ") and "Medvedyev" in line for line in lines)
    assert any(line.startswith("::error ") and "'UPI' is cited" in line for line in lines)


def test_markdown_summary() -> None:
    _, out, _ = run(str(SEED), "--format", "markdown")
    assert out.startswith("## citetrace\n")
    assert "**3 errors**, 63 warnings, 6 info" in out
    assert "| CT101 `missing-reference` | error | 3 |" in out


def test_output_file(tmp_path: Path) -> None:
    out = tmp_path / "out.sarif"
    code, stdout, _ = run(str(SEED), "--format", "sarif", "--output", str(out))
    assert code == 1 and stdout == ""
    jsonschema.validate(json.loads(out.read_text("utf-8")), SCHEMA)


def test_baseline_survives_a_paragraph_inserted_at_the_top(seed_copy: Path, tmp_path: Path) -> None:
    baseline = tmp_path / "citetrace-baseline.json"
    code, _, err = run(str(seed_copy), "--write-baseline", str(baseline))
    assert code == 0 and "recorded 72 findings" in err
    assert run(str(seed_copy), "--baseline", str(baseline))[0] == 0
    text = seed_copy.read_text("utf-8")
    seed_copy.write_text("A new opening paragraph.\n\n" + text, encoding="utf-8")
    code, out, _ = run(str(seed_copy), "--baseline", str(baseline))
    assert code == 0 and "0 errors, 0 warnings" in out


def test_baseline_survives_reflowed_lines(seed_copy: Path, tmp_path: Path) -> None:
    baseline = tmp_path / "b.json"
    run(str(seed_copy), "--write-baseline", str(baseline))
    text = seed_copy.read_text("utf-8")
    seed_copy.write_text(
        text.replace("Kiriev, the Director", "Kiriev,\nthe Director"), encoding="utf-8"
    )
    assert run(str(seed_copy), "--baseline", str(baseline))[0] == 0


def test_baseline_reports_an_edited_citation_as_new(seed_copy: Path, tmp_path: Path) -> None:
    baseline = tmp_path / "b.json"
    run(str(seed_copy), "--write-baseline", str(baseline))
    text = seed_copy.read_text("utf-8")
    seed_copy.write_text(text.replace("(UPI, 1987. 4. 26)", "(UPI, 1987. 4. 27)"), encoding="utf-8")
    code, out, _ = run(str(seed_copy), "--baseline", str(baseline), "--format", "json")
    assert code == 1
    (new,) = json.loads(out)["documents"][0]["findings"]
    assert new["text"] == "(UPI, 1987. 4. 27)"


def test_prune_drops_fixed_findings(seed_copy: Path, tmp_path: Path) -> None:
    baseline = tmp_path / "b.json"
    run(str(seed_copy), "--write-baseline", str(baseline))
    text = seed_copy.read_text("utf-8")
    seed_copy.write_text(text.rstrip("\n") + "\n\nUPI\n", encoding="utf-8")
    code, _, err = run(str(seed_copy), "--baseline", str(baseline), "--prune")
    assert code == 0 and "pruned 2 fixed findings" in err
    data = json.loads(baseline.read_text("utf-8"))
    assert sum(len(v) for v in data["documents"].values()) == 70


def test_bad_baseline_is_an_error(tmp_path: Path) -> None:
    bad = tmp_path / "b.json"
    bad.write_text("{not json", encoding="utf-8")
    code, _, err = run(str(SEED), "--baseline", str(bad))
    assert code == 2 and "not a citetrace baseline" in err


def test_check_as_a_subprocess() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "citetrace", "check", str(SEED), "--format", "sarif"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 1
    jsonschema.validate(json.loads(proc.stdout), SCHEMA)
