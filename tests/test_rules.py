"""Each rule on texts written to make it fire, and not fire."""

from __future__ import annotations

import pytest

from citetrace import audit_text
from citetrace.config import Config
from citetrace.rules import REGISTRY

REFS = "\n\n## References\n\n"


def findings(text: str, rule: str, **config: object) -> list:
    report = audit_text(text, config=Config(select=(rule,), **config))
    return [f for f in report.findings if f.rule == rule]


def test_every_rule_has_code_name_severity_and_explanation() -> None:
    codes = [r.code for r in REGISTRY.values()]
    assert len(set(codes)) == len(codes) == len(REGISTRY)
    for r in REGISTRY.values():
        assert r.name == r.name.lower() and " " not in r.name
        assert r.severity in ("error", "warning", "info")
        assert "Example:" in r.explanation


def test_missing_reference() -> None:
    text = "A (Pravda, 1987. 5. 1). B (Trud, 1987. 5. 2)." + REFS + "Pravda\n"
    (f,) = findings(text, "missing-reference")
    assert (f.text, f.citation, f.severity) == ("(Trud, 1987. 5. 2)", "C2", "error")
    assert findings("No list here (Trud, 1987. 5. 2).", "missing-reference") == []


def test_uncited_reference() -> None:
    text = "A (Pravda, 1987. 5. 1)." + REFS + "Pravda\n\nTrud\n"
    (f,) = findings(text, "uncited-reference")
    assert f.text == "Trud" and f.line == 7


def test_an_entry_without_authors_is_not_a_gap_but_is_said_once() -> None:
    refs = "Ortiz J, Duval K. 2004. A title.\n\n2011. World Prospects: a report.\n"
    text = "A claim (Ortiz and Duval, 2004). Another (United Nations, 2011)." + REFS + refs
    assert findings(text, "missing-reference") == []
    assert findings(text, "uncited-reference") == []
    (f,) = findings(text, "unreadable-reference")
    assert f.severity == "info" and f.text.startswith("2011. World")
    assert "'United Nations 2011'" in f.message
    other_year = text.replace("(United Nations, 2011)", "(United Nations, 2012)")
    assert [f.text for f in findings(other_year, "missing-reference")] == ["(United Nations, 2012)"]


def test_gaps_follow_the_links_of_entries_in_other_layouts() -> None:
    refs = (
        "Ortiz JKDuval ML. 2004. A title. J 3:1-9.\n\n"
        "Moreau A, Blanc K, Grant L. 2006. Three authors. J 4:1.\n\n"
        "Moreau A. 2006. One author. J 5:2.\n\n"
        "van der Berg J. 1999. A particle. J 6:3.\n"
    )
    text = (
        "A (Ortiz and Duval, 2004). B (Moreau et al., 2006). C (Moreau, 2006). D (Berg, 1999)."
        + REFS
        + refs
    )
    report = audit_text(text)
    assert [c.reference for c in report.citations] == ["R1", "R2", "R3", "R4"]
    assert not [f for f in report.findings if f.rule in ("missing-reference", "uncited-reference")]


def test_a_year_found_in_an_entry_read_badly_is_not_a_mismatch() -> None:
    refs = (
        "Ortiz J. 2001. First work. J 1:1.\n\n"
        "Grant K Ortiz J Duval L. 2004. The entry's first author is Grant. J 2:2.\n\n"
        "2006. An entry whose authors were lost. J 3:3.\n"
    )
    text = "A (Ortiz et al., 2004). B (Ortiz et al., 2006). C (Ortiz, 2001)." + REFS + refs
    assert findings(text, "year-mismatch") == []
    assert findings(text.replace("2006)", "2009)"), "year-mismatch") != []


@pytest.mark.parametrize(
    ("cited", "entry"),
    [
        ("(Li et al., 2022b)", "R2"),  # letters follow the list's order when it gives none
        ("(T. Wang et al., 2021)", "R5"),  # the cited initial picks the entry
        ("(Y. Wang et al., 2021)", "R4"),
        ("(HOU & HUO, 2016)", "R6"),  # the entry names only its first author
        ("(Qiu Jian et al., 2019)", "R7"),  # a surname cited with its given name
    ],
)
def test_links_that_the_list_allows_only_one_way(cited: str, entry: str) -> None:
    refs = (
        "Li Q, Cao J, Liu X. Title one. J. 2022;1:1.\n\n"
        "Li A, Yuan G, Hu Y. Title two. J. 2022;2:2.\n\n"
        "Li B, Shen Y, Hu X. Title three. J. 2022;3:3.\n\n"
        "Wang Y, Wang M, Chen H. 2021. eccDNAs. Nature 1:1.\n\n"
        "Wang T, Zhang H, Zhou Y. 2021. Circular DNA. J 2:2.\n\n"
        "HOU, J. et al. Land lease. J, 2016.\n\n"
        "Qiu J, Stincic TL, Kelly MJ. 2019. Kisspeptin. J 3:3.\n"
    )
    report = audit_text(f"A claim {cited}." + REFS + refs)
    assert [c.reference for c in report.citations] == [entry]


def test_year_mismatch() -> None:
    text = "A claim (Pike, 1986: 20). Another (Pike, 1987)." + REFS + "Pike, D.\n\n1987 Vietnam.\n"
    (f,) = findings(text, "year-mismatch")
    assert (f.text, f.suggestion) == ("1986", "1987")
    assert findings(text, "missing-reference") == []


def test_ambiguous_citation() -> None:
    refs = "Smith, J. (2001a). One.\nSmith, J. (2001b). Two.\n"
    text = "A (Smith, 2001). B (Smith, 2001b)." + REFS + refs
    (f,) = findings(text, "ambiguous-citation")
    assert f.citation == "C1" and "2 reference entries" in f.message


def test_duplicate_reference() -> None:
    refs = (
        "Smith, J. (2001). A book. Boston.\nPravda\n\nSmith, J. (2001). A book, Boston.\nPravda\n"
    )
    text = "A (Smith, 2001) (Pravda, 1987. 5. 1)." + REFS + refs
    assert [f.text for f in findings(text, "duplicate-reference")] == [
        "Smith, J. (2001). A book, Boston.",
        "Pravda",
    ]
    different = "Smith, J. (2001a). A book.\nSmith, J. (2001b). Another book entirely.\n"
    assert findings("A (Smith, 2001a)." + REFS + different, "duplicate-reference") == []


def test_source_typo() -> None:
    text = "A (Izvestiva, 1987. 8. 11)." + REFS + "Izvestiya\n"
    (f,) = findings(text, "source-typo")
    assert (f.text, f.suggestion) == ("Izvestiva", "Izvestiya")
    assert findings(text, "missing-reference") == []


@pytest.mark.parametrize(
    ("cited", "listed"), [("Trud", "Pravda"), ("UPI", "APN"), ("Tass", "Trud")]
)
def test_source_typo_never_joins_different_sources(cited: str, listed: str) -> None:
    text = f"A ({cited}, 1987. 8. 11)." + REFS + f"{listed}\n"
    assert findings(text, "source-typo") == []
    assert len(findings(text, "missing-reference")) == 1


def test_source_variant() -> None:
    text = "A (Rude Pravo, 1986. 3. 27). B (Rude pravo, 1986. 12. 6)." + REFS + "Rude Pravo\n"
    (f,) = findings(text, "source-variant")
    assert (f.text, f.suggestion) == ("Rude pravo", "Rude Pravo")
    consistent = "A (Rude Pravo, 1986. 3. 27). B (Rude Pravo, 1986. 12. 6)." + REFS + "Rude Pravo\n"
    assert findings(consistent, "source-variant") == []


def test_source_variant_without_reference_list_uses_majority() -> None:
    text = "A (Le Monde, 1986. 3. 27). B (Le Monde, 1986. 3. 28). C (Le monde, 1986. 3. 29)."
    (f,) = findings(text, "source-variant")
    assert (f.text, f.suggestion) == ("Le monde", "Le Monde")


def test_format_inconsistent() -> None:
    text = (
        "A (Pravda, 1987. 5. 1). B (Pravda, 1987. 5. 2). A (Pravda, 1987. 5. 3). "
        "A (Pravda, 1987. 5. 4). C (Radio Press 1987. 6. 9). "
        "D (UPI, 1987, 10, 16). E (Pravda, 16 May 1987). F (Pravda, 1987)."
    )
    got = [(f.text, f.suggestion) for f in findings(text, "format-inconsistent")]
    assert got == [
        ("(Radio Press 1987. 6. 9)", "(Radio Press, 1987. 6. 9)"),
        ("(UPI, 1987, 10, 16)", "(UPI, 1987. 10. 16)"),
        ("(Pravda, 16 May 1987)", "(Pravda, 1987. 5. 16)"),
    ]


def test_format_inconsistent_keeps_the_documents_leading_zeros() -> None:
    text = (
        "A (Pravda, 1987. 05. 01). B (Pravda, 1987. 5. 2). C (Pravda, 1987. 5. 3). "
        "D (UPI, 1987, 6, 9). E (Pravda, 16 May 1987)."
    )
    got = [(f.text, f.suggestion) for f in findings(text, "format-inconsistent")]
    assert got == [
        ("(UPI, 1987, 6, 9)", "(UPI, 1987. 06. 09)"),
        ("(Pravda, 16 May 1987)", "(Pravda, 1987. 05. 16)"),
    ]


def test_format_inconsistent_needs_a_dominant_layout() -> None:
    text = "A (Pravda, 1987. 5. 1). B (Trud, 1987, 5, 2)."
    assert findings(text, "format-inconsistent") == []


def test_format_inconsistent_author_date_with_pages() -> None:
    text = "A (Pike, 1987: 2). B (Pike, 1987: 3). C (Pike, 1987, p. 4)."
    (f,) = findings(text, "format-inconsistent")
    assert f.suggestion == "(Pike, 1987: 4)"


def test_invalid_date() -> None:
    text = (
        "A (Pravda, 1987. 2. 30). B (Pravda, 1987. 13. 1). C (Pike, n.d.). D (Pravda, 1988. 2. 29)."
    )
    assert [f.text for f in findings(text, "invalid-date")] == ["1987. 2. 30", "1987. 13. 1"]


def test_date_after_document() -> None:
    text = "A (Pravda, 1988. 7. 8). B (Pravda, 1989. 1. 5). C (Pravda, 1988)."
    assert [f.text for f in findings(text, "date-after-document", document_date="1988-09")] == [
        "1989. 1. 5"
    ]
    assert findings(text, "date-after-document") == []


def test_date_after_document_from_front_matter() -> None:
    text = "---\ntitle: A paper\ndate: 1988-05-01\n---\n\nA claim (Pravda, 1988. 7. 8)."
    (f,) = findings(text, "date-after-document")
    assert "1988-05-01" in f.message


@pytest.mark.parametrize(
    "claim",
    [
        "The talks opened on 12 May 1987.",
        "The talks opened in June 1987.",
        "The talks opened on May 12, 1987.",
        "In 1987 there was news. The talks opened on 12 May.",
    ],
)
def test_date_precedes_event_fires(claim: str) -> None:
    (f,) = findings(f"{claim} (Pravda, 1987. 5. 2).", "date-precedes-event")
    assert "1987-05-02" in f.message


@pytest.mark.parametrize(
    "claim",
    [
        "The talks opened on 2 May 1987.",
        "The talks opened in May 1987.",
        "Ulan Bator announced that Mongolia would host the conference in July 1987.",
        "The meeting is scheduled for 5 June 1987.",
        "The talks opened on 19 May.",
        "Mongolia WOULD host the conference on 5 June 1987.",
        "İstanbul would host the conference on 5 June 1987.",  # lower() lengthens İ
    ],
)
def test_date_precedes_event_stays_silent(claim: str) -> None:
    assert findings(f"{claim} (Pravda, 1987. 5. 20).", "date-precedes-event") == []


def test_uncited_quotation() -> None:
    text = (
        'He said "we shall never give up the struggle." Then he left.\n\n'
        'She said "we will meet again in the spring" and smiled. (Pravda, 1987. 5. 1).\n\n'
        'A short "two words" quote.'
    )
    (f,) = findings(text, "uncited-quotation")
    assert f.text == '"we shall never give up the struggle."'


@pytest.mark.parametrize(
    ("text", "fires"),
    [
        ('He said "we shall never give up the struggle." He left (Pravda, 1987. 5. 1).', False),
        ('He said "we shall never give up the struggle." He left. Later (Pravda, 1987).', True),
        ('He said "we shall never give up the struggle"', True),  # nothing after it at all
        ('(Pravda, 1987). He said "we shall never give up the struggle."', True),
    ],
)
def test_uncited_quotation_looks_at_its_sentence_and_the_next(text: str, fires: bool) -> None:
    assert bool(findings(text, "uncited-quotation")) is fires


def test_uncited_quotation_across_a_page_break_is_cited() -> None:
    text = (
        'He said "I cannot understand the cautious\n\n'
        'attitude to the proposal." (Pravda, 1987. 5. 20).'
    )
    assert findings(text, "uncited-quotation") == []
