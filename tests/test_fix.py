"""citetrace fix: safe fixes only, lossless, atomic, idempotent."""

from __future__ import annotations

import codecs
import difflib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citetrace.ci.fix import fix_text
from citetrace.cli import main

from .conftest import SEED


def invoke(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def seed_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "paper.txt"
    copy.write_bytes(SEED.read_bytes())
    return copy


def test_fix_without_flags_changes_nothing(seed_copy: Path) -> None:
    result = invoke("fix", str(seed_copy))
    assert result.exit_code == 0
    assert "'(Radio Press 1987. 6. 9)' → '(Radio Press, 1987. 6. 9)'" in result.output
    assert seed_copy.read_bytes() == SEED.read_bytes()


def test_diff_prints_a_unified_diff_and_changes_nothing(seed_copy: Path) -> None:
    result = invoke("fix", str(seed_copy), "--diff")
    assert result.exit_code == 1
    assert "-Vietnam, however" not in result.output
    assert "+" + "…" not in result.output
    assert "(Izvestiya, 1987. 8. 11)" in result.output
    assert seed_copy.read_bytes() == SEED.read_bytes()


def test_write_then_check_leaves_no_safe_fix(seed_copy: Path) -> None:
    result = invoke("fix", str(seed_copy), "--write")
    assert result.exit_code == 0 and "applied 5 fixes" in result.stderr
    checked = invoke("check", str(seed_copy), "--format", "json")
    findings = json.loads(checked.stdout)["documents"][0]["findings"]
    assert [f for f in findings if f["fix"] and f["fix"]["safe"]] == []
    assert sorted({f["rule"] for f in findings}) == [
        "missing-reference",
        "name-variant",
        "ocr-typo",
        "secondary-attribution",
        "uncited-quotation",
    ]
    text = seed_copy.read_text("utf-8")
    assert "(Izvestiya, 1987. 8. 11)" in text and "(UPI, 1987. 10. 16)" in text
    assert "(Radio Press, 1987. 6. 9)" in text and "(Rude Pravo, 1986. 12. 6)" in text


def test_fix_is_idempotent(seed_copy: Path) -> None:
    invoke("fix", str(seed_copy), "--write")
    once = seed_copy.read_bytes()
    result = invoke("fix", str(seed_copy), "--diff")
    assert result.exit_code == 0 and result.output == ""
    assert seed_copy.read_bytes() == once


def test_changes_stay_inside_citations_of_the_seed() -> None:
    text = SEED.read_text("utf-8")
    fixed = fix_text(text).fixed
    _assert_changes_inside_citations(text, fixed)


def test_bom_crlf_and_mode_are_kept(tmp_path: Path) -> None:
    body = SEED.read_text("utf-8").replace("\n", "\r\n")
    path = tmp_path / "crlf.txt"
    path.write_bytes(codecs.BOM_UTF8 + body.encode("utf-8"))
    path.chmod(0o640)
    assert invoke("fix", str(path), "--write").exit_code == 0
    data = path.read_bytes()
    assert data.startswith(codecs.BOM_UTF8)
    assert data.count(b"\r\n") == body.count("\r\n") and b"\n" not in data.replace(b"\r\n", b"")
    assert path.stat().st_mode & 0o777 == 0o640
    assert "(UPI, 1987. 10. 16)" in data.decode("utf-8-sig")


def test_utf16_is_written_back_as_utf16(tmp_path: Path) -> None:
    path = tmp_path / "u16.txt"
    path.write_bytes(
        "A (Pravda, 1987. 5. 1). B (Pravda, 1987. 5. 2). C (Trud 1987. 5. 3).".encode("utf-16")
    )
    assert invoke("fix", str(path), "--write").exit_code == 0
    assert path.read_bytes().decode("utf-16").endswith("C (Trud, 1987. 5. 3).")


def test_a_file_changed_since_it_was_read_is_not_overwritten(seed_copy: Path, monkeypatch) -> None:
    import citetrace.ci.fix as fix_module

    real = fix_module.fix_text

    def edit_meanwhile(*args, **kwargs):
        result = real(*args, **kwargs)
        seed_copy.write_text("someone else's edit", encoding="utf-8")
        return result

    monkeypatch.setattr(fix_module, "fix_text", edit_meanwhile)
    result = invoke("fix", str(seed_copy), "--write")
    assert result.exit_code == 2 and "changed on disk since it was read" in result.stderr
    assert seed_copy.read_text("utf-8") == "someone else's edit"


def test_unsafe_fixes_add_year_corrections() -> None:
    text = "A claim (Pike, 1986).\n\n## References\n\nPike, D.\n\n1987 A book.\n"
    assert fix_text(text).fixed == text
    assert fix_text(text, unsafe=True).fixed.startswith("A claim (Pike, 1987).")


def _assert_changes_inside_citations(before: str, after: str) -> None:
    """Every changed character of ``before`` lies inside one of its citations.

    Lines are compared first and characters only within changed lines, which
    keeps the comparison fast on a whole paper.
    """
    from citetrace import extract

    spans = [(c.start, c.end) for c in extract(before)]
    old_lines = before.splitlines(keepends=True)
    new_lines = after.splitlines(keepends=True)
    starts = [0]
    for line in old_lines:
        starts.append(starts[-1] + len(line))
    lines = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for op, i1, i2, j1, j2 in lines.get_opcodes():
        if op == "equal":
            continue
        old_chunk, new_chunk = "".join(old_lines[i1:i2]), "".join(new_lines[j1:j2])
        chars = difflib.SequenceMatcher(None, old_chunk, new_chunk, autojunk=False)
        for cop, a, b, _, _ in chars.get_opcodes():
            if cop == "equal":
                continue
            a, b = starts[i1] + a, starts[i1] + b
            assert any(s <= a and b <= e for s, e in spans), (cop, before[a:b])


SOURCES = st.sampled_from(["Pravda", "Rude Pravo", "Rude pravo", "Izvestiva", "Izvestiya", "UPI"])
SEPARATORS = st.sampled_from([", ", " ", ","])
DATE_SEPS = st.sampled_from([". ", ", ", "."])
PROSE = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="()\r"),
    max_size=40,
)


@st.composite
def documents(draw):
    parts = []
    for _ in range(draw(st.integers(1, 8))):
        parts.append(draw(PROSE))
        sep, d1, d2 = draw(SEPARATORS), draw(DATE_SEPS), draw(DATE_SEPS)
        day = draw(st.integers(1, 28))
        parts.append(f" ({draw(SOURCES)}{sep}1987{d1}{draw(st.integers(1, 12))}{d2}{day}). ")
        if draw(st.booleans()):
            parts.append("\n\n")
    references = "\n\n## References\n\nPravda\n\nIzvestiya\n\nRude Pravo\n"
    return "".join(parts) + references


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(), st.booleans(), st.booleans())
def test_fix_is_lossless_and_idempotent(text: str, crlf: bool, bom: bool) -> None:
    if crlf:
        text = text.replace("\n", "\r\n")
    result = fix_text(text)
    _assert_changes_inside_citations(text, result.fixed)
    assert result.fixed.count("\r\n") == text.count("\r\n")
    assert fix_text(result.fixed).fixed == result.fixed


def test_fix_as_a_subprocess(seed_copy: Path) -> None:
    import subprocess
    import sys

    proc = subprocess.run(
        [sys.executable, "-m", "citetrace", "fix", str(seed_copy), "--write"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0 and "applied 5 fixes" in proc.stderr
    assert "(UPI, 1987. 10. 16)" in seed_copy.read_text("utf-8")


def test_a_fix_over_a_line_end_is_listed_on_one_line(tmp_path: Path) -> None:
    path = tmp_path / "scan.txt"
    text = "Tbe agents had made ap\nplication to the board con\ncerning the wool.\n"
    path.write_text(text, encoding="utf-8")
    result = invoke("fix", str(path), "--ocr", "on", "--unsafe-fixes")
    lines = result.output.splitlines()
    assert f"{path}:1:21: CT501 [ocr-typo] 'ap plication' → 'application'" in lines
    assert all(line.startswith(str(path)) for line in lines)  # no line cut by the fix's text
    assert path.read_text(encoding="utf-8") == text  # listed, not written


def test_a_speck_is_deleted_with_its_space(tmp_path: Path) -> None:
    path = tmp_path / "scan.txt"
    text = (
        "TUENA CREEK. !\nNews from the Bathurst Free Press. I\nOur news from the creek is good.\n"
        "I TO THE EDITOR.\nTbe agents wero pleased, aud tbe wool was sold.\n"
    )
    path.write_text(text, encoding="utf-8")
    result = invoke("fix", str(path), "--ocr", "on", "--unsafe-fixes", "--write")
    assert result.exit_code == 0, result.output
    fixed = path.read_text(encoding="utf-8")
    assert "Free Press.\nOur news" in fixed  # no space left at the line's end
    assert "\nTO THE EDITOR.\n" in fixed  # nor at the line's start
