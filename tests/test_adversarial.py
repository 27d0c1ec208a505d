"""Hostile input must finish in linear time: generous bounds, enforced by an alarm.

Each case is far larger than real documents; the bound is several times what
it takes on a slow machine, so a pass says "no catastrophic backtracking or
quadratic step", not a speed figure (bench/ measures speed).
"""

from __future__ import annotations

import pytest

from citetrace import audit_text

from .conftest import within

CASES = {
    "1 MB of (((((": lambda: "(" * 1_000_000,
    "1 MB of unclosed (Pravda, ": lambda: "(Pravda, " * 115_000,
    "a 10 MB single line": lambda: "Some words of prose, no stops at all " * 270_000,
    "100,000 citations in one paragraph": lambda: "Claim (Pravda, 1987. 5. 1) " * 100_000,
    "deeply nested parentheses": lambda: "(" * 50_000 + "Pravda, 1987. 5. 1" + ")" * 50_000,
    "a reference section of 50,000 entries": lambda: (
        "Claim (Smith, 1990).\n\n## References\n\n"
        + "".join(f"Author{i}, A. ({1900 + i % 100}). Title number {i}.\n" for i in range(50_000))
    ),
    "1 MB of quotation marks": lambda: '"' * 1_000_000,
    "1 MB of hyphens at line ends": lambda: "word-\n" * 170_000,
    "1 MB of dots and initials": lambda: "A. B. C. " * 110_000 + "(Pravda, 1987. 5. 1).",
    "a long run of blank lines after a hyphen": lambda: "Med-" + "\n" * 1_000_000 + "x",
}


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_input_finishes(name: str) -> None:
    text = CASES[name]()
    report = within(60, lambda: audit_text(text))
    for c in report.citations[:100]:
        assert text[c.start : c.end] == c.text


def test_inputs_found_by_fuzzing() -> None:
    """Each file under tests/data/fuzz once hung or crashed the audit."""
    from pathlib import Path

    from citetrace.inputs.load import decode

    for path in sorted((Path(__file__).parent / "data" / "fuzz").iterdir()):
        text = decode(path.read_bytes(), str(path))
        within(20, lambda text=text: audit_text(text))


def test_a_word_made_of_many_ones_and_zeros() -> None:
    within(20, lambda: audit_text("a" + "10" * 40 + "b and then 1l0l0l0l0l0l0l0l0l0l0l0l0l0"))


def test_dense_citation_groups_finish_and_their_json_stays_in_proportion() -> None:
    """Eighty-one citations of one claim, a thousand times (1 MB, 81,000 citations)."""
    from citetrace.render.json import json_chunks

    text = ("Claim (Pike, 1987" + "; Pike, 1987" * 80 + ")\n") * 1_000
    report = within(60, lambda: audit_text(text))
    assert len(report.citations) == 81_000
    written = within(60, lambda: sum(len(piece) for piece in json_chunks([report])))
    assert written < 40 * len(text)  # every citation's record, no claim repeated
