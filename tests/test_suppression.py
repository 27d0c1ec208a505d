"""Inline suppression comments and the unused-suppression rule."""

from __future__ import annotations

from citetrace import audit_text

REFS = "\n\n## References\n\nPravda\n"


def rules_of(text: str) -> list[tuple[str, int]]:
    return [(f.rule, f.line) for f in audit_text(text).findings]


def test_markdown_comment_on_the_line_before() -> None:
    text = "<!-- citetrace: ignore missing-reference -->\nA claim (Trud, 1987. 5. 1).\n"
    text += "B (Pravda, 1987. 5. 2)." + REFS
    assert ("missing-reference", 2) not in rules_of(text)
    assert not [r for r in rules_of(text) if r[0] == "unused-suppression"]


def test_plain_text_comment_and_codes() -> None:
    text = (
        "# citetrace: ignore[CT101]\n\nA claim (Trud, 1987. 5. 1). B (Pravda, 1987. 5. 2)." + REFS
    )
    got = audit_text(text)
    assert not got.findings
    assert got.citations[0].claim.text == "A claim"


def test_trailing_comment_on_the_same_line() -> None:
    text = "A claim (Trud, 1987. 5. 1). <!-- citetrace: ignore -->\nB (Pravda, 1987. 5. 2)." + REFS
    assert rules_of(text) == []


def test_suppression_only_covers_its_rules_and_line() -> None:
    text = (
        "<!-- citetrace: ignore uncited-quotation -->\nA claim (Trud, 1987. 5. 1).\n"
        "C (Trud, 1987. 5. 3). B (Pravda, 1987. 5. 2)." + REFS
    )
    got = rules_of(text)
    assert ("missing-reference", 2) in got and ("missing-reference", 3) in got
    assert ("unused-suppression", 1) in got


def test_unknown_rule_in_a_suppression_is_reported() -> None:
    text = "<!-- citetrace: ignore no-such-rule -->\nA claim (Pravda, 1987. 5. 1)." + REFS
    (f,) = audit_text(text).findings
    assert f.rule == "unused-suppression" and "no-such-rule" in f.message
