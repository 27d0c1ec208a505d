"""Bad configuration, odd outputs and hostile text: one clear line, the right
exit code (1 is for findings only), never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from citetrace.cli import main

from .conftest import SEED

PAPER = (
    "It was said (Pravda, 1987. 5. 1). Again (Pravda, 1987. 5. 2).\n\n"
    "## References\n\nPravda\n\nTrud\n"
)


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.mark.parametrize(
    "setting", ["select = 5", "ignore = true", "fail-on = 3", "ocr = [1]", "select = [1, 2]"]
)
def test_a_setting_of_the_wrong_type_is_one_line_and_exit_2(tmp_path: Path, setting: str) -> None:
    (tmp_path / "citetrace.toml").write_text(setting + "\n", encoding="utf-8")
    (tmp_path / "p.md").write_text(PAPER, encoding="utf-8")
    result = run("audit", str(tmp_path / "p.md"))
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_a_tool_key_that_is_no_table_is_passed_over(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("tool = 5\n", encoding="utf-8")
    (tmp_path / "p.md").write_text(PAPER, encoding="utf-8")
    result = run("audit", str(tmp_path / "p.md"))
    assert result.exit_code == 0


def test_a_broken_pyproject_table_is_reported_once_and_is_no_unreadable_input(
    tmp_path: Path,
) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.citetrace]\nselect = [\n", encoding="utf-8")
    for i in range(5):
        (tmp_path / f"p{i}.md").write_text(PAPER, encoding="utf-8")
    result = run("audit", str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr.count("cannot be read as TOML") == 1
    assert "unreadable" not in result.output


def test_an_unknown_encoding_is_said_once(tmp_path: Path) -> None:
    for i in range(3):
        (tmp_path / f"p{i}.md").write_text(PAPER, encoding="utf-8")
    result = run("audit", str(tmp_path), "--encoding", "klingon")
    assert result.exit_code == 2 and result.output.count("klingon") == 1


def test_check_judges_each_document_by_its_own_configuration(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "p.md").write_text("A quiet text without citations.\n", encoding="utf-8")
    (tmp_path / "b" / "p.md").write_text(PAPER, encoding="utf-8")
    (tmp_path / "b" / "citetrace.toml").write_text('fail-on = "warning"\n', encoding="utf-8")
    only_b = run("check", str(tmp_path / "b")).exit_code
    both = run("check", str(tmp_path / "a"), str(tmp_path / "b")).exit_code
    assert only_b == both == 1


@pytest.mark.parametrize("target", ["missing/out.jsonl", ""])
def test_jsonl_into_a_missing_folder_or_no_name(tmp_path: Path, target: str) -> None:
    (tmp_path / "p.md").write_text(PAPER, encoding="utf-8")
    output = str(tmp_path / target) if target else ""
    result = run("audit", str(tmp_path / "p.md"), "--format", "jsonl", "-q", "-o", output)
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_resume_from_a_file_cut_inside_a_character(tmp_path: Path) -> None:
    (tmp_path / "p.md").write_text(PAPER, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    out.write_bytes(b'{"path": "other.md"}\n{"path": "caf\xc3')
    result = run(
        "audit",
        str(tmp_path / "p.md"),
        "--format",
        "jsonl",
        "-q",
        "-o",
        str(out),
        "--resume",
        str(out),
    )
    assert result.exit_code == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()[1:]]
    assert any(str(r.get("path", "")).endswith("p.md") for r in records)


def test_escape_sequences_in_a_document_never_reach_the_terminal(tmp_path: Path) -> None:
    path = tmp_path / "p.md"
    path.write_text("Title\x1b]0;pwned\x07 (Trud, 1987. 5. 1) \x1b[2J.\n", encoding="utf-8")
    result = run("audit", str(path))
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "\\x1b" in result.output


def test_lone_surrogates_from_a_decoder_do_not_crash_sarif(tmp_path: Path) -> None:
    path = tmp_path / "p.md"
    path.write_text("A claim \\ud800 (Trud, 1987. 5. 1) (Trud, 1987. 5. 1).\n", encoding="ascii")
    result = run("check", str(path), "--format", "sarif", "--encoding", "unicode_escape")
    assert result.exit_code in (0, 1) and "Traceback" not in result.output


def test_an_impossible_front_matter_date_is_no_document_date(tmp_path: Path) -> None:
    path = tmp_path / "p.md"
    path.write_text("---\ndate: 1988-13-45\n---\n\nA claim (Trud, 1990. 5. 1).\n", encoding="utf-8")
    result = run("audit", str(path), "--format", "json", "--select", "date-after-document")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["documents"][0]["findings"] == []


def test_a_closed_pipe_is_no_finding_and_no_traceback(tmp_path: Path) -> None:
    seed = SEED.read_text(encoding="utf-8")
    cut = seed.index("#### References")
    big = tmp_path / "big.txt"  # more output than a pipe holds, so the write meets the close
    big.write_text(seed[:cut] * 20 + seed[cut:], encoding="utf-8")
    command = f"{sys.executable} -m citetrace audit {big} | head -c 10"
    done = subprocess.run(
        ["bash", "-o", "pipefail", "-c", command], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 2 and "Traceback" not in done.stderr


def test_finding_lines_are_whole_when_piped_or_written(tmp_path: Path) -> None:
    path = tmp_path / "p.md"
    long_name = "Aksjeselskapet Nordisk Telegrambyrå Internasjonalt Nyhetsbyrå"
    path.write_text(f"A claim ({long_name}, 1987. 5. 1).\n\n## References\n\nPravda\n", "utf-8")
    for result in (run("audit", str(path)), run("check", str(path))):
        lines = [line for line in result.output.splitlines() if "CT101" in line]
        assert lines and all(line == line.rstrip() for line in lines)
        assert all("reference list" in line for line in lines)  # never cut and continued
    run("audit", str(path), "-o", str(tmp_path / "out.txt"))
    written = (tmp_path / "out.txt").read_text("utf-8").splitlines()
    assert any("CT101" in line and line.endswith("reference list") for line in written)


def test_a_document_without_citations_says_so_in_a_line(tmp_path: Path) -> None:
    path = tmp_path / "p.md"
    path.write_text("Nothing is cited here.\n", encoding="utf-8")
    assert f"No citations in {path}" in run("audit", str(path)).output


def test_a_report_output_ending_in_a_slash_is_a_folder(tmp_path: Path) -> None:
    path = tmp_path / "p.md"
    path.write_text(PAPER, encoding="utf-8")
    folder = tmp_path / "out"
    assert run("report", str(path), "-o", str(folder) + "/").exit_code == 0
    assert folder.is_dir() and (folder / "p.html").is_file()


def test_an_empty_folder_names_every_kind_of_file_looked_for(tmp_path: Path) -> None:
    result = run("audit", str(tmp_path))
    assert result.exit_code == 2 and ".markdown" in result.output and ".rst" in result.output


def test_a_file_name_that_is_not_utf8_is_shown_not_fatal(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    name = bytes(folder) + b"/caf\xe9.txt"
    with open(name, "wb") as handle:
        handle.write(b"A claim (Pravda, 1987. 5. 1).\n")
    out = tmp_path / "out"
    for args in (
        ["audit", str(folder), "--format", "json", "-o", str(tmp_path / "a.json")],
        ["check", str(folder), "--format", "sarif", "-o", str(tmp_path / "a.sarif")],
        ["report", str(folder), "-o", str(out)],
        ["audit", str(folder), "--format", "jsonl", "-q", "-o", str(tmp_path / "a.jsonl")],
    ):
        result = run(*args)
        assert result.exit_code in (0, 1), (args, result.output)
        assert result.exception is None or isinstance(result.exception, SystemExit), args
    data = json.loads((tmp_path / "a.json").read_text("utf-8"))
    assert data["documents"][0]["path"].endswith("caf\ufffd.txt")


def test_a_bad_dask_scheduler_is_one_line_and_exit_2(tmp_path: Path) -> None:
    pytest.importorskip("dask.distributed")
    (tmp_path / "p.md").write_text(PAPER, encoding="utf-8")
    for fmt in ("jsonl", "text"):
        result = run(
            "audit", str(tmp_path), "--engine", "dask", "--scheduler", "notaurl", "--format", fmt
        )
        assert result.exit_code == 2 and "cannot reach the Dask scheduler" in result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)


def test_report_pages_never_overwrite_each_other_or_the_index(tmp_path: Path) -> None:
    for folder, name in (
        ("a", "paper.txt"),
        ("b", "paper.txt"),
        ("c", "paper-2.txt"),
        ("c", "index.md"),
    ):
        (tmp_path / folder).mkdir(exist_ok=True)
        (tmp_path / folder / name).write_text(PAPER, encoding="utf-8")
    out = tmp_path / "out"
    result = run("report", str(tmp_path), "-o", str(out))
    assert result.exit_code == 0
    written = [
        line.split("wrote ", 1)[1] for line in result.stderr.splitlines() if "wrote " in line
    ]
    assert len(written) == len(set(written)) == 5  # four pages and the index
    assert len(list(out.iterdir())) == 5


@pytest.mark.parametrize("name", ["a:b.md", "ch#1.md", "draft?v=2.md", "javascript:alert(1).md"])
def test_index_links_are_url_encoded(tmp_path: Path, name: str) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / name).write_text(PAPER, encoding="utf-8")
    (docs / "other.md").write_text(PAPER, encoding="utf-8")
    out = tmp_path / "out"
    assert run("report", str(docs), "-o", str(out)).exit_code == 0
    index = (out / "index.html").read_text(encoding="utf-8")
    hrefs = [part.split('"', 1)[0] for part in index.split('href="')[1:]]
    assert hrefs and not any(":" in h or "#" in h or "?" in h for h in hrefs)
    for href in hrefs:
        from urllib.parse import unquote

        assert (out / unquote(href)).is_file()


def test_bidi_controls_are_marks_everywhere_in_a_report(tmp_path: Path) -> None:
    rlo = "\u202e"
    path = tmp_path / f"{rlo}evil.md"
    text = (
        f"A claim (Pravda, 1987. 5. 1). Another (UPI{rlo}x, 1987. 5. 2).\n\n"
        f"## References\n\nPravda\n\n{rlo}9991 ,dlihcS ton dna\n"
    )
    path.write_text(text, encoding="utf-8")
    other = tmp_path / "other.md"
    other.write_text(PAPER, encoding="utf-8")
    out = tmp_path / "out"
    assert run("report", str(tmp_path), "-o", str(out)).exit_code == 0
    for page in out.iterdir():
        assert rlo not in page.read_text(encoding="utf-8"), page.name


@pytest.mark.skipif(not Path("/usr/bin/script").exists(), reason="needs script(1) for a terminal")
@pytest.mark.parametrize("command", ["audit", "check", "report"])
def test_a_terminal_sees_progress_in_documents_whatever_the_format(
    tmp_path: Path, command: str
) -> None:
    for i in range(3):
        (tmp_path / f"p{i}.md").write_text(PAPER, encoding="utf-8")
    out = tmp_path / ("out" if command == "report" else "out.txt")
    line = f"{sys.executable} -m citetrace {command} {tmp_path} -o {out}"
    done = subprocess.run(
        ["script", "-qec", line, "/dev/null"], capture_output=True, text=True, timeout=120
    )
    assert "/3 documents" in done.stdout.replace("\r", "\n")


def test_the_report_index_lists_inputs_that_could_not_be_read(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    for name in ("a.md", "b.md"):
        (docs / name).write_text(PAPER, encoding="utf-8")
    (docs / "bad.md").write_bytes(b"caf\xe9 is not UTF-8")
    out = tmp_path / "out"
    result = run("report", str(docs), "-o", str(out))
    assert result.exit_code == 2
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "bad.md" in index and "not audited" in index


def test_typos_name_each_file_once_per_correction(tmp_path: Path) -> None:
    path = tmp_path / "p.md"
    path.write_text("The assitance came. More assitance came.\n", "utf-8")
    result = run("typos", str(path))
    line = next(line for line in result.output.splitlines() if line.startswith("assistance"))
    assert line.count(str(path)) == 1 and line.count(":") == 2  # two places, one name


def test_fix_lists_its_fixes_in_the_order_of_the_text(tmp_path: Path) -> None:
    path = tmp_path / "p.md"
    path.write_text(
        "A (Izvestiva, 1987. 8. 11). B (Izvestiya 1987. 8. 12). C (Izvestiya, 1987. 8. 13). "
        "D (Izvestiya, 1987. 8. 14).\n\n## References\n\nIzvestiya\n",
        encoding="utf-8",
    )
    result = run("fix", str(path), "--unsafe-fixes")
    places = [
        tuple(int(n) for n in line.split(":")[1:3])
        for line in result.output.splitlines()
        if line.startswith(str(path))
    ]
    assert len(places) >= 2 and places == sorted(places)


def test_rules_wrap_at_words_within_the_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    lines = run("rules").output.splitlines()
    assert lines and all(len(line) <= 80 for line in lines)
    words = set(" ".join(lines).split())
    assert "reference" in words  # words are whole, never cut
