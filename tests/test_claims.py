"""Claim linking: sentence boundaries, clauses, shared sentences, headings."""

from __future__ import annotations

from citetrace import extract


def claims(text: str) -> list[str]:
    return [c.claim.text for c in extract(text)]


def test_sentence_before_a_citation_after_a_full_stop() -> None:
    text = "First sentence. The talks began in October 1986. (Pravda, 1986. 10. 16). Next."
    assert claims(text) == ["The talks began in October 1986."]


def test_clause_from_sentence_start_when_mid_sentence() -> None:
    text = "He doubted the conference (Pravda, 1986. 12. 6), and later he changed his mind."
    assert claims(text) == ["He doubted the conference"]


def test_second_citation_claims_only_text_after_the_first() -> None:
    text = "Moscow agreed (Pravda, 1987. 5. 20), but Hanoi refused (Trud, 1987. 5. 21)."
    assert claims(text) == ["Moscow agreed", "but Hanoi refused"]


def test_initials_and_abbreviations_do_not_end_sentences() -> None:
    text = "L. II'ichev and D. Pike met the U.S. envoy, cf. the note (Pravda, 1987. 5. 20)."
    assert claims(text) == ["L. II'ichev and D. Pike met the U.S. envoy, cf. the note"]


def test_page_break_inside_a_sentence() -> None:
    text = "The ministry was\n\nreorganised in June. (Pravda, 1986. 6. 1)."
    assert claims(text) == ["The ministry was\n\nreorganised in June."]


def test_heading_is_never_part_of_a_claim() -> None:
    text = "# Title\n\n## Section\n\nThe claim itself (Pravda, 1986. 6. 1)."
    assert claims(text) == ["The claim itself"]


def test_quotation_ending_a_sentence() -> None:
    text = 'He said "we agree." (Pravda, 1987. 5. 20). Then more.'
    assert claims(text) == ['He said "we agree."']


def test_adjacent_citations_share_a_claim() -> None:
    text = "The meeting took place. (Pravda, 1987. 1. 12). (Trud, 1987. 1. 13)."
    assert claims(text) == ["The meeting took place.", "The meeting took place."]
