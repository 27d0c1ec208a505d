"""The command line through click's runner, and once as a real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from citetrace.cli import main

from .conftest import ROOT, SEED


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_audit_default_corpus_text(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = runner.invoke(main, ["audit", "--no-color"])
    assert result.exit_code == 0, result.output
    assert "1 document, 35 citations, 9 references, 3 errors" in result.output
    assert "61:470: error CT101 [missing-reference] 'UPI'" in result.output


def test_audit_json_schema(runner: CliRunner) -> None:
    result = runner.invoke(main, ["audit", str(SEED), "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["version"] == 2
    (doc,) = data["documents"]
    assert doc["path"] == str(SEED)
    citation = doc["citations"][0]
    for key in (
        "id",
        "text",
        "start",
        "end",
        "line",
        "column",
        "style",
        "source",
        "source_raw",
        "date",
        "date_precision",
        "locator",
        "reference",
        "match",
        "claim",
    ):
        assert key in citation
    assert set(citation["claim"]) == {"id", "start", "end"}
    claims = {k["id"]: k for k in doc["claims"]}
    claim = claims[citation["claim"]["id"]]
    assert claim["text"] == SEED.read_text("utf-8")[claim["start"] : claim["end"]]
    for key in ("id", "text", "key", "year", "start", "end"):
        assert key in doc["references"][0]
    finding = doc["findings"][0]
    assert set(finding) >= {
        "rule",
        "code",
        "severity",
        "message",
        "start",
        "end",
        "line",
        "column",
        "text",
        "citation",
        "suggestion",
    }


def test_extract_json_has_no_findings(runner: CliRunner) -> None:
    result = runner.invoke(main, ["extract", str(SEED), "--format", "json"])
    assert result.exit_code == 0
    doc = json.loads(result.output)["documents"][0]
    assert len(doc["citations"]) == 35 and "findings" not in doc


def test_output_file_is_written_and_never_over_an_input(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    result = runner.invoke(main, ["audit", str(SEED), "--format", "json", "-o", str(out)])
    assert result.exit_code == 0 and json.loads(out.read_text())["documents"]
    paper = tmp_path / "paper.txt"
    paper.write_text("A claim (Pravda, 1987. 5. 1).", encoding="utf-8")
    result = runner.invoke(main, ["audit", str(paper), "-o", str(paper)])
    assert result.exit_code == 2 and "refusing to overwrite an input file" in result.output
    assert paper.read_text(encoding="utf-8") == "A claim (Pravda, 1987. 5. 1)."


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("bad.txt", b"caf\xe9 (Pravda, 1987. 5. 1)", "not valid utf-8 at byte 3"),
        ("binary.txt", b"\x00\x01\x02PK\x00", "binary file"),
        ("empty.txt", b"", "empty file"),
    ],
)
def test_bad_files_give_one_line_and_exit_2_while_others_go_on(
    runner: CliRunner, tmp_path: Path, name: str, content: bytes, reason: str
) -> None:
    bad = tmp_path / name
    bad.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text("A claim (Pravda, 1987. 5. 1).", encoding="utf-8")
    result = runner.invoke(main, ["audit", str(bad), str(good), "--format", "json"])
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and str(bad) in errors[0] and reason in errors[0]
    data = json.loads(result.stdout)
    assert [d["path"] for d in data["documents"]] == [str(good)]
    assert "Traceback" not in result.output


def test_missing_file_and_empty_directory(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["audit", str(tmp_path / "nope.txt"), str(tmp_path)])
    assert result.exit_code == 2
    assert f"{tmp_path / 'nope.txt'}: no such file" in result.stderr
    assert "directory holds no documents" in result.stderr


def test_encoding_option_and_bom(runner: CliRunner, tmp_path: Path) -> None:
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Café claim (Pravda, 1987. 5. 1).".encode("latin-1"))
    result = runner.invoke(
        main, ["extract", str(latin), "--encoding", "latin-1", "--format", "json"]
    )
    assert result.exit_code == 0
    (c,) = json.loads(result.output)["documents"][0]["citations"]
    assert c["start"] == len("Café claim ")
    utf16 = tmp_path / "utf16.txt"
    utf16.write_bytes("A claim (Pravda, 1987. 5. 1).".encode("utf-16"))
    result = runner.invoke(main, ["extract", str(utf16), "--format", "json"])
    assert json.loads(result.output)["documents"][0]["citations"][0]["start"] == 8


def test_crlf_offsets_index_the_decoded_text(runner: CliRunner, tmp_path: Path) -> None:
    text = "Line one.\r\nA claim (Pravda, 1987. 5. 1).\r\n"
    path = tmp_path / "crlf.txt"
    path.write_bytes(text.encode("utf-8"))
    result = runner.invoke(main, ["extract", str(path), "--format", "json"])
    (c,) = json.loads(result.output)["documents"][0]["citations"]
    assert text[c["start"] : c["end"]] == c["text"]
    assert (c["line"], c["column"]) == (2, 9)


def test_no_path_and_no_corpus_is_a_usage_error(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["audit"])
    assert result.exit_code == 2 and "no PATH given" in result.output


def test_subprocess_end_to_end() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "citetrace", "audit", str(SEED), "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr
    assert len(json.loads(proc.stdout)["documents"][0]["citations"]) == 35
    version = subprocess.run(
        [sys.executable, "-m", "citetrace", "--version"], capture_output=True, text=True, check=True
    )
    assert version.stdout.startswith("citetrace, version ")


def test_the_command_leaves_what_it_built_out_of_the_exit_collections(monkeypatch) -> None:
    """What a command built is frozen when it ends, also when it exits through
    SystemExit, so that the interpreter's collections at exit skip it."""
    import gc

    from citetrace import cli

    built: list[list[int]] = []

    def command() -> None:
        built.extend([i] for i in range(50))
        raise SystemExit(0)

    monkeypatch.setattr(cli, "main", command)
    try:
        with pytest.raises(SystemExit):
            cli.run()
        tracked = set(map(id, gc.get_objects()))
        assert built and tracked.isdisjoint(map(id, built))
    finally:
        gc.unfreeze()
    assert set(map(id, built)) <= set(map(id, gc.get_objects()))  # thawed again


def test_a_long_text_report_opens_with_its_summary(runner: CliRunner, tmp_path) -> None:
    short = tmp_path / "short.md"
    short.write_text("Claim (Pike, 1987).\n\n## References\n\nPike, D. 1987. Vietnam.\n")
    alone = runner.invoke(main, ["audit", str(short), "--no-color"]).output
    assert alone.startswith("Citations in") and "by rule:" not in alone
    both = runner.invoke(main, ["audit", str(short), str(SEED), "--no-color"]).output
    first, second = both.splitlines()[:2]
    assert first.startswith("2 documents, 36 citations")
    assert second.startswith("by rule: CT101 missing-reference 3,")
    assert both.rstrip().splitlines()[-1] == first  # and closes with it, as before
