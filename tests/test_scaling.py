"""Costs that grew quadratically (or exponentially) with the input now grow near-linearly.

Each scaling test times one operation at two sizes, N and 4N, as the best of a
few runs taken in turn with the garbage collector paused, and requires the
larger to cost less than 8 times the smaller: linear work gives about 4 (a
little more as the data outgrow the processor's caches), quadratic work 16.
"""

from __future__ import annotations

import difflib
import gc
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from citetrace.audit import audit_text
from citetrace.ci import fix as fix_module
from citetrace.ci.diff import diff_reports
from citetrace.ci.fix import FixResult, fix_text, unified_diff
from citetrace.inputs.ignore import IgnoreFile
from citetrace.inputs.walk import discover
from citetrace.model import DocumentReport
from citetrace.render.diff import diff_json, diff_markdown, diff_text

RATIO = 8.0


def best_times(runs: list[Callable[[], object]], repeat: int = 5) -> list[float]:
    """The shortest of ``repeat`` timings of each run, without garbage collection.

    The runs take turns, so that a spell of load on the machine slows every size alike.
    """
    best = [float("inf")] * len(runs)
    gc.collect()
    gc.disable()
    try:
        for _ in range(repeat):
            for k, run in enumerate(runs):
                start = time.perf_counter()
                run()
                best[k] = min(best[k], time.perf_counter() - start)
    finally:
        gc.enable()
    return best


def assert_near_linear(prepare: Callable[[int], Callable[[], object]], n: int) -> None:
    """``prepare(size)`` does the untimed set-up and returns the work to time."""
    small_time, large_time = best_times([prepare(n), prepare(4 * n)])
    assert large_time < RATIO * small_time, (
        f"{n} → {4 * n}: {small_time:.4f}s → {large_time:.4f}s "
        f"(×{large_time / small_time:.1f}, linear ≈ ×4, quadratic ≈ ×16)"
    )


def edition(n: int, claim: str, year: int) -> str:
    """``n`` claims, every one citing the same source."""
    body = "".join(f"{claim} number {i} (Pravda, {year}. 5. {1 + i % 28}).\n" for i in range(n))
    return body + "\n\n## References\n\nPravda\n"


def compare(old: DocumentReport, new: DocumentReport) -> Callable[[], object]:
    def run() -> tuple[str, str, str]:
        d = diff_reports(old, new)
        return diff_text(d), diff_json(d), diff_markdown(d)

    return run


def test_diff_of_unrelated_editions_citing_one_source_is_near_linear() -> None:
    def prepare(n: int) -> Callable[[], object]:
        old = audit_text(edition(n, "Claim", 1987), "old")
        new = audit_text(edition(n, "Quite another statement", 1988), "new")
        return compare(old, new)

    old = audit_text(edition(30, "Claim", 1987), "old")
    d = diff_reports(old, audit_text(edition(30, "Quite another statement", 1988), "new"))
    assert len(d.removed) == len(d.added) == 30 and not d.pairs
    assert_near_linear(prepare, 1500)


def test_diff_of_a_text_with_itself_is_near_linear() -> None:
    def prepare(n: int) -> Callable[[], object]:
        report = audit_text(edition(n, "Claim", 1987), "same")
        return compare(report, report)

    assert_near_linear(prepare, 4000)


def test_near_matches_are_found_among_many_citations_of_one_source() -> None:
    claim = "The ministry reported to the committee figure"
    old = audit_text(edition(300, claim, 1987), "old")
    new = audit_text(edition(300, claim.replace("the", "the full"), 1988), "new")
    d = diff_reports(old, new)
    assert len(d.changed) == 300 and not (d.removed or d.added or d.moved)
    assert all(p.old.claim.text.split()[-1] == p.new.claim.text.split()[-1] for p in d.pairs)


def fixable(n: int) -> str:
    """``n`` citations of an OCR misspelling of a reference, each on its own line."""
    body = "".join(
        f"Claim number {i} (Izvestiva, 1987. 8. {1 + i % 28}).\nA line without a source {i}.\n"
        for i in range(n)
    )
    return body + "\n## References\n\nIzvestiya\n"


FIXES = 6000


@pytest.fixture(scope="module")
def audited() -> Iterator[dict[str, DocumentReport]]:
    """Reports shared by the tests of this module, dropped when they are done."""
    reports: dict[str, DocumentReport] = {}
    yield reports
    reports.clear()


@pytest.fixture
def audit_once(monkeypatch: pytest.MonkeyPatch, audited: dict[str, DocumentReport]) -> None:
    """Fixing audits each text once, so timings measure applying the fixes alone."""

    def audit(text: str, path: str = "<text>", config=None) -> DocumentReport:
        if text not in audited:
            audited[text] = audit_text(text, path, config)
        return audited[text]

    monkeypatch.setattr(fix_module, "audit_text", audit)


@pytest.mark.usefixtures("audit_once")
def test_applying_fixes_is_near_linear() -> None:
    def prepare(n: int) -> Callable[[], object]:
        text = fixable(n)
        result = fix_text(text, unsafe=True)
        assert len(result.applied) == n and "Izvestiva" not in result.fixed
        return lambda: fix_text(text, unsafe=True)

    assert_near_linear(prepare, FIXES)


@pytest.mark.usefixtures("audit_once")
def test_fix_diff_is_near_linear() -> None:
    def prepare(n: int) -> Callable[[], object]:
        result = fix_text(fixable(n), unsafe=True)
        return lambda: unified_diff("doc.md", result)

    assert_near_linear(prepare, FIXES)


def test_fix_diff_is_difflibs_when_lines_stay_lines() -> None:
    lines = [f"Line {k} of the text (Izvestiva, 1987. 8. {1 + k % 28}).\n" for k in range(40)]
    lines[-1] = lines[-1].rstrip("\n")
    for changed in ([0], [39], [0, 1, 39], [5, 9], [5, 12], [5, 13], [3, 4, 5, 20, 26, 33, 38]):
        new = list(lines)
        for k in changed:
            new[k] = new[k].replace("Izvestiva", "Izvestiya")
        result = FixResult("".join(lines), "".join(new))
        expected = "".join(
            difflib.unified_diff(lines, new, fromfile="a/dir/doc.md", tofile="b/dir/doc.md")
        )
        assert unified_diff("dir/doc.md", result) == expected, changed
    assert unified_diff("doc.md", FixResult("same\n", "same\n")) == ""


def test_fix_diff_of_real_fixes_is_difflibs() -> None:
    text = fixable(12).replace("Izvestiva", "Izvestiya", 5)
    result = fix_text(text, unsafe=True)
    expected = difflib.unified_diff(
        text.splitlines(keepends=True),
        result.fixed.splitlines(keepends=True),
        fromfile="a/doc.md",
        tofile="b/doc.md",
    )
    assert unified_diff("doc.md", result) == "".join(expected)


PATHOLOGICAL = "*a" * 12 + "*b"

WALK = """
import sys, time
from citetrace.inputs.walk import discover
start = time.perf_counter()
found = list(discover([sys.argv[1]]))
print(time.perf_counter() - start)
"""


IGNORE_LINES = [
    "*.log",
    "/build",
    "out/",
    "docs/**/draft*.md",
    "**/tmp",
    "a/**",
    "!keep.log",
    "[!x]y?.txt",
    "\\#hash",
    "notes/*/",
    "# a comment",
    "",
]
IGNORE_PATHS = [
    "x.log", "d/x.log", "keep.log", "d/keep.log", "build", "build/", "d/build/", "out",
    "out/", "d/out/", "docs/draft1.md", "docs/a/b/draft2.md", "docs/final.md", "tmp/",
    "d/e/tmp", "a/", "a/b", "ayz.txt", "xyz.txt", "d/zyq.txt", "#hash", "notes/n/",
    "notes/n", "notes/n/m/",
]  # fmt: skip


def test_ignore_rules_match_as_pathspec_matches() -> None:
    import pathspec

    reference = pathspec.GitIgnoreSpec.from_lines(IGNORE_LINES)
    rules = IgnoreFile.from_lines(IGNORE_LINES)
    for path in IGNORE_PATHS:
        assert rules.match_file(path) == reference.match_file(path), path


def test_pathological_gitignore_pattern_is_walked_quickly(tmp_path: Path) -> None:
    (tmp_path / ".gitignore").write_text(PATHOLOGICAL + "\n", encoding="utf-8")
    kept = tmp_path / ("a" * 40 + ".txt")
    kept.write_text("A claim (Pravda, 1987. 5. 1).\n", encoding="utf-8")
    ignored = tmp_path / ("a" * 12 + "b")
    ignored.mkdir()
    (ignored / "doc.txt").write_text("A claim (Pravda, 1987. 5. 1).\n", encoding="utf-8")
    try:
        proc = subprocess.run(
            [sys.executable, "-c", WALK, str(tmp_path)],
            capture_output=True,
            text=True,
            timeout=20,
            check=True,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("walking a folder under a pathological .gitignore did not end in 20 s")
    assert float(proc.stdout) < 1.0
    assert [entry.path for entry in discover([str(tmp_path)])] == [str(kept)]


def test_word_diff_shows_the_changed_words_not_the_paragraph() -> None:
    from citetrace.ci.fix import word_diff

    text = (
        "Some long paragraph text here " * 30
        + "a claim (Izvestiva, 1987. 8. 11) follows.\n\n## References\n\nIzvestiya\n"
    )
    lines = word_diff("p.md", fix_text(text, unsafe=True)).splitlines()
    assert len(lines) == 1 and len(lines[0]) < 160
    assert "[-(Izvestiva,-]{+(Izvestiya,+}" in lines[0] and lines[0].startswith("p.md:1: …")


def _dense(lines: int, claim: str) -> str:
    return (f"{claim} (Pike, 1987" + "; Pike, 1987" * 80 + ").\n\n") * lines


def test_dense_citation_groups_give_output_in_proportion_to_the_text() -> None:
    """Eighty citations share one claim: the JSON names the claim by id, so a long
    claim is written once, not eighty times, and the output grows with the text."""
    from citetrace.render.json import json_chunks

    def size(lines: int, claim: str) -> int:
        report = audit_text(_dense(lines, claim))
        return sum(len(piece) for piece in json_chunks([report]))

    short, long_ = "Claim", "A claim " * 40  # 5 and 320 characters
    small, large = size(20, short), size(80, short)
    assert large < 4.4 * small
    per_claim = (size(20, long_) - small) / 20  # what the longer claims add, per group
    assert per_claim < 2 * len(long_)  # once (and its text, quoted), not once per citation


def test_json_is_written_in_pieces_not_as_one_string() -> None:
    from citetrace.render.json import json_chunks

    report = audit_text(_dense(50, "Claim"))
    pieces = list(json_chunks([report]))
    assert max(map(len, pieces)) < sum(map(len, pieces)) / 4


def test_json_writes_each_document_before_the_next_is_audited() -> None:
    """A folder's JSON report holds one document at a time, whatever the folder's size."""
    from citetrace.render.json import json_chunks

    audited: list[int] = []

    def reports() -> Iterator[DocumentReport]:
        for number in range(3):
            audited.append(number)
            yield audit_text(f"Doc {number} says so (Pike, 1987).\n", f"d{number}.txt")

    written = ""
    for piece in json_chunks(reports()):
        written += piece
        if '"path":"d1.txt"' in written:
            break
    assert audited == [0, 1]  # the third not yet read while the second is written
