"""Unbalanced, nested and oversized input: handled, and found where it should be."""

from __future__ import annotations

from citetrace import audit_text, extract


def test_unbalanced_parentheses() -> None:
    text = "((( (Pravda, 1987. 5. 1) ))) (Pravda, 1987. 5. 2 and ) (UPI, 1987. 5. 3)"
    assert [c.text for c in extract(text)] == ["(Pravda, 1987. 5. 1)", "(UPI, 1987. 5. 3)"]


def test_deeply_nested_parentheses() -> None:
    text = "(" * 3000 + "Pravda, 1987. 5. 1" + ")" * 3000
    assert [c.date for c in extract(text)] == ["1987-05-01"]


def test_long_single_line_and_runaway_parenthesis() -> None:
    text = "word " * 200_000 + "(Pravda, " * 20_000 + "end (Trud, 1987. 5. 1)."
    report = audit_text(text)
    assert [c.source for c in report.citations] == ["Trud"]
    assert report.citations[0].claim.text.endswith("(Pravda, end")


def test_overlong_parenthetical_is_not_a_citation() -> None:
    text = "(" + "x" * 2000 + " Pravda, 1987. 5. 1)"
    assert extract(text) == []
