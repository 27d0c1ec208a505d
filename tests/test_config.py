"""Configuration files, their discovery, and the command line winning over them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from citetrace.cli import main

TEXT = "A claim (Trud, 1987. 5. 1). B (Pravda, 1989. 5. 2).\n\n## References\n\nPravda\n\nAPN\n"


def rules_run(args: list[str]) -> tuple[int, list[str], str]:
    result = CliRunner().invoke(main, ["audit", "--format", "json", *args])
    if result.exit_code == 2:
        return 2, [], result.stderr + result.output
    doc = json.loads(result.stdout)["documents"][0]
    return result.exit_code, sorted({f["rule"] for f in doc["findings"]}), result.stderr


@pytest.fixture
def paper(tmp_path: Path) -> Path:
    folder = tmp_path / "book" / "chapters"
    folder.mkdir(parents=True)
    path = folder / "one.md"
    path.write_text(TEXT, encoding="utf-8")
    return path


def test_defaults(paper: Path) -> None:
    assert rules_run([str(paper)])[1] == ["missing-reference", "uncited-reference"]


def test_pyproject_table_found_walking_up(paper: Path) -> None:
    (paper.parents[1] / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.citetrace]\nselect = ["CT1"]\n'
        'ignore = ["uncited-reference"]\ndocument-date = "1988"\n',
        encoding="utf-8",
    )
    assert rules_run([str(paper)])[1] == ["missing-reference"]
    assert rules_run([str(paper), "--select", "CT3"])[1] == ["date-after-document"]


def test_citetrace_toml_beats_pyproject_in_the_same_folder(paper: Path) -> None:
    root = paper.parents[1]
    (root / "pyproject.toml").write_text('[tool.citetrace]\nselect = ["CT1"]\n', encoding="utf-8")
    (root / "citetrace.toml").write_text('select = ["uncited-reference"]\n', encoding="utf-8")
    assert rules_run([str(paper)])[1] == ["uncited-reference"]


def test_pyproject_without_table_is_passed_over(paper: Path) -> None:
    (paper.parent / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    (paper.parents[1] / "citetrace.toml").write_text('ignore = ["CT102"]\n', encoding="utf-8")
    assert rules_run([str(paper)])[1] == ["missing-reference"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('select = ["missing-refs"]\n', "unknown rule 'missing-refs'"),
        ('colour = "red"\n', "unknown setting 'colour'"),
        ('document-date = "May 1988"\n', "document-date must be"),
        ("select = [\n", "cannot be read as TOML"),
    ],
)
def test_bad_configuration_is_an_error(paper: Path, content: str, message: str) -> None:
    (paper.parent / "citetrace.toml").write_text(content, encoding="utf-8")
    code, _, output = rules_run([str(paper)])
    assert code == 2 and message in output
    assert "Traceback" not in output


def test_cli_document_date_beats_front_matter(tmp_path: Path) -> None:
    path = tmp_path / "dated.md"
    path.write_text("---\ndate: 1990\n---\n\nA claim (Pravda, 1989. 5. 2).\n", encoding="utf-8")
    assert rules_run([str(path), "--select", "date-after-document"])[1] == []
    got = rules_run([str(path), "--select", "date-after-document", "--document-date", "1988"])
    assert got[1] == ["date-after-document"]


def test_bad_cli_rule_is_a_usage_error(paper: Path) -> None:
    code, _, output = rules_run([str(paper), "--ignore", "nonsense"])
    assert code == 2 and "unknown rule 'nonsense'" in output


def test_rules_command() -> None:
    result = CliRunner().invoke(main, ["rules"])
    assert result.exit_code == 0 and "CT201  source-typo" in result.output
    result = CliRunner().invoke(main, ["rules", "format-inconsistent"])
    assert "Example: `(Radio Press 1987. 6. 9)`" in result.output
    assert CliRunner().invoke(main, ["rules", "nope"]).exit_code == 2
