"""The bundled paper, end to end: every citation, and nothing else, pinned."""

from __future__ import annotations

import re

import pytest

from citetrace.model import DocumentReport

# start offset, text, canonical source, ISO date, locator, reference key
EXPECTED = [
    (9135, "(Pravda, 1986. 10. 16)", "Pravda", "1986-10-16", None, "Pravda"),
    (10278, "(Rude Pravo, 1986. 3. 27)", "Rude Pravo", "1986-03-27", None, "Rude Pravo"),
    (10469, "(Pravda, 1986. 10. 26)", "Pravda", "1986-10-26", None, "Pravda"),
    (10940, "(Pravda, 1987. 1. 12)", "Pravda", "1987-01-12", None, "Pravda"),
    (12558, "(Pravda, 1987. 7. 10)", "Pravda", "1987-07-10", None, "Pravda"),
    (13485, "(Rude pravo, 1986. 12. 6)", "Rude Pravo", "1986-12-06", None, "Rude Pravo"),
    (13665, "(Pravda, 1987. 5. 20)", "Pravda", "1987-05-20", None, "Pravda"),
    (14120, "(Pravda, 1987. 7. 18)", "Pravda", "1987-07-18", None, "Pravda"),
    (15349, "(Pravda, 1987. 7. 10)", "Pravda", "1987-07-10", None, "Pravda"),
    (16471, "(Pike, 1987: 208)", "Pike", "1987", "208", "Pike"),
    (16821, "(Pravda, 1987. 5. 22)", "Pravda", "1987-05-22", None, "Pravda"),
    (18452, "(Radio Press 1987. 6. 9)", "Radio Press", "1987-06-09", None, "Radio Press"),
    (18740, "(Pravda, 1987. 5. 20)", "Pravda", "1987-05-20", None, "Pravda"),
    (18971, "(Radio Press, 1987. 5. 27)", "Radio Press", "1987-05-27", None, "Radio Press"),
    (19308, "(Pravda, 1987. 7. 29)", "Pravda", "1987-07-29", None, "Pravda"),
    (19677, "(Izvestiva, 1987, 8. 11)", "Izvestiya", "1987-08-11", None, "Izvestiya"),
    (20470, "(Radio Press, 1987. 8. 31)", "Radio Press", "1987-08-31", None, "Radio Press"),
    (
        20805,
        "(Sankei Shimbun, 1987. 10. 31)",
        "Sankei Shimbun",
        "1987-10-31",
        None,
        "Sankei Shimbun",
    ),
    (21387, "(Pravda, 1987. 5. 20)", "Pravda", "1987-05-20", None, "Pravda"),
    (21555, "(UPI, 1987. 4. 26)", "UPI", "1987-04-26", None, None),
    (21766, "(Pravda, 1987. 5. 20)", "Pravda", "1987-05-20", None, "Pravda"),
    (22061, "(UPI, 1987, 10, 16)", "UPI", "1987-10-16", None, None),
    (22949, "(Pravda, 1988. 5. 31)", "Pravda", "1988-05-31", None, "Pravda"),
    (23548, "(Pravda, 1988. 8. 4)", "Pravda", "1988-08-04", None, "Pravda"),
    (24372, "(Pravda, 1987. 10. 9)", "Pravda", "1987-10-09", None, "Pravda"),
    (25247, "(Pravda, 1987. 7. 29)", "Pravda", "1987-07-29", None, "Pravda"),
    (25966, "(Novoe Vremya, 1987)", "Novoe Vremya", "1987", None, None),
    (27262, "(Pravda, 1986. 12. 18)", "Pravda", "1986-12-18", None, "Pravda"),
    (28120, "(Radio Press, 1987. 6. 2)", "Radio Press", "1987-06-02", None, "Radio Press"),
    (28631, "(Pravda, 1987. 6. 23)", "Pravda", "1987-06-23", None, "Pravda"),
    (29020, "(Pravda, 1988. 7. 8)", "Pravda", "1988-07-08", None, "Pravda"),
    (31101, "(Radio Press, 1987. 7. 23)", "Radio Press", "1987-07-23", None, "Radio Press"),
    (32596, "(Medvedyev, 1988)", "Medvedyev", "1988", None, "Medvedyev"),
    (33250, "(Akino, 1986: 79-80)", "Akino", "1986", "79-80", "Akino"),
    (34081, "(APN, 1987. 9. 24)", "APN", "1987-09-24", None, "APN"),
]


def test_exactly_the_35_citations(seed_report: DocumentReport, seed_text: str) -> None:
    refs = {r.id: r.key for r in seed_report.references}
    got = [
        (c.start, c.text, c.source, c.date, c.locator, refs.get(c.reference))
        for c in seed_report.citations
    ]
    assert got == EXPECTED
    for c in seed_report.citations:
        assert seed_text[c.start : c.end] == c.text


def test_no_other_parenthetical_is_taken(seed_report: DocumentReport, seed_text: str) -> None:
    body = seed_text[: seed_text.index("#### References")]
    parentheticals = [m.start() for m in re.finditer(r"\([^()]*\)", body)]
    assert len(parentheticals) == 60
    cited = {c.start for c in seed_report.citations}
    assert cited <= set(parentheticals)
    assert len(set(parentheticals) - cited) == 25


def test_styles_and_precision(seed_report: DocumentReport) -> None:
    author_date = [c.source for c in seed_report.citations if c.style == "author-date"]
    assert author_date == ["Pike", "Medvedyev", "Akino"]
    for c in seed_report.citations:
        assert c.date_precision == ("year" if len(c.date) == 4 else "day")


def test_izvestiva_links_fuzzily_and_rude_pravo_by_folding(seed_report: DocumentReport) -> None:
    by_text = {c.text: c for c in seed_report.citations}
    izv = by_text["(Izvestiva, 1987, 8. 11)"]
    assert (izv.match, izv.source_raw) == ("fuzzy", "Izvestiva")
    assert 80 <= izv.match_score < 100
    rude = by_text["(Rude pravo, 1986. 12. 6)"]
    assert (rude.match, rude.source) == ("normalized", "Rude Pravo")


def test_reference_list(seed_report: DocumentReport) -> None:
    got = [(r.key, r.year, r.periodical) for r in seed_report.references]
    assert got == [
        ("Akino", "1986", False),
        ("Medvedyev", "1988", False),
        ("Pike", "1987", False),
        ("APN", None, True),
        ("Izvestiya", None, True),
        ("Pravda", None, True),
        ("Radio Press", None, True),
        ("Rude Pravo", None, True),
        ("Sankei Shimbun", None, True),
    ]
    akino = seed_report.references[0]
    assert akino.text.startswith("Akino, Y.") and akino.text.endswith("No. 3. Oct.")


@pytest.mark.parametrize(
    ("citation", "starts", "ends"),
    [
        ("(Pravda, 1986. 10. 16)", "The need to strengthen", "visit to Moscow in October 1986."),
        ("(Pravda, 1987. 7. 10)", "Dobrynin led the Soviet", "made a speech at the conference."),
        ("(Rude pravo, 1986. 12. 6)", "While in November 86", "World Communist Party Conference"),
        ("(Pravda, 1987. 5. 20)", "six months later he maintained", 'of the Communist Parties."'),
        (
            "(Pike, 1987: 208)",
            "But after Gorbachev's accession",
            "refusing to accept this formula.",
        ),
        ("(Radio Press 1987. 6. 9)", "In Moscow, Linh himself", "to emphasis this principle."),
        ("(Medvedyev, 1988)", "Concerning Moscow-Pyongyang", "statement to the contrary"),
        ("(Pravda, 1987. 10. 9)", "In these contexts", '"neutral and nonaligned"'),
        ("(Rude Pravo, 1986. 3. 27)", "The first move was", "(Heng Samrin government) attended."),
    ],
)
def test_claims(seed_report: DocumentReport, citation: str, starts: str, ends: str) -> None:
    c = next(c for c in seed_report.citations if c.text == citation)
    assert c.claim.text.startswith(starts)
    assert c.claim.text.endswith(ends)


def test_claims_span_page_breaks_and_hold_no_citation(
    seed_report: DocumentReport, seed_text: str
) -> None:
    medvedev = next(c for c in seed_report.citations if c.start == 25247)
    assert "Med-\n\nvedev" in medvedev.claim.text
    spans = [(c.start, c.end) for c in seed_report.citations]
    for c in seed_report.citations:
        assert seed_text[c.claim.start : c.claim.end] == c.claim.text
        assert c.claim.end <= c.start
        assert not any(c.claim.start < s < c.claim.end for s, _ in spans)
        assert "#" not in c.claim.text


def test_missing_references(seed_report: DocumentReport) -> None:
    missing = [f.text for f in seed_report.findings if f.rule == "missing-reference"]
    assert missing == ["(UPI, 1987. 4. 26)", "(UPI, 1987, 10, 16)", "(Novoe Vremya, 1987)"]
    assert not [f for f in seed_report.findings if f.rule == "uncited-reference"]


def test_findings_snapshot(seed_report: DocumentReport, data_regression) -> None:
    data_regression.check(
        [
            {
                "rule": f.rule,
                "code": f.code,
                "severity": f.severity,
                "at": f"{f.line}:{f.column}",
                "text": f.text,
                "message": f.message,
                "suggestion": f.suggestion,
                "citation": f.citation,
            }
            for f in seed_report.findings
        ]
    )


def test_findings_the_rule_engine_must_report(seed_report: DocumentReport) -> None:
    from collections import Counter

    counts = Counter(f.rule for f in seed_report.findings)
    assert counts["missing-reference"] == 3
    assert counts["format-inconsistent"] == 3
    assert counts["date-precedes-event"] == 0
    assert counts["uncited-reference"] == 0
    (typo,) = [f for f in seed_report.findings if f.rule == "source-typo"]
    assert (typo.text, typo.suggestion) == ("Izvestiva", "Izvestiya")
    (variant,) = [f for f in seed_report.findings if f.rule == "source-variant"]
    assert (variant.text, variant.suggestion) == ("Rude pravo", "Rude Pravo")
    layouts = {
        f.text: f.suggestion for f in seed_report.findings if f.rule == "format-inconsistent"
    }
    assert layouts == {
        "(Radio Press 1987. 6. 9)": "(Radio Press, 1987. 6. 9)",
        "(Izvestiva, 1987, 8. 11)": "(Izvestiva, 1987. 8. 11)",
        "(UPI, 1987, 10, 16)": "(UPI, 1987. 10. 16)",
    }
