"""Reference-list parsing in the layouts scholars use."""

from __future__ import annotations

from citetrace.inputs.document import Document
from citetrace.linking.references import parse_references


def refs(section: str, heading: str = "## References"):
    return parse_references(Document.from_text(f"Some prose.\n\n{heading}\n\n{section}"))


def test_apa_chicago_and_initials_layouts() -> None:
    got = refs(
        "Smith, J., & Jones, K. (1990). Title of work. Journal, 3, 1-9.\n"
        "Smith, John. 1991. Another Title. Chicago: Press.\n"
        "Lee J, Park K. 1992. Title. Journal 3:1–9.\n"
        "Brown, A., Green, B., & White, C. (2001a). A title.\n"
    )
    assert [(r.key, r.authors, r.year) for r in got] == [
        ("Smith", ("Smith", "Jones"), "1990"),
        ("Smith", ("Smith",), "1991"),
        ("Lee", ("Lee", "Park"), "1992"),
        ("Brown", ("Brown", "Green", "White"), "2001a"),
    ]


def test_author_line_then_year_lines() -> None:
    got = refs(
        "Pike, D.\n\n1987 Vietnam and the Soviet Union, Boulder.\n\n1988 A sequel.\n\nPravda\n"
    )
    assert [(r.key, r.year, r.periodical) for r in got] == [
        ("Pike", "1987", False),
        ("Pike", "1988", False),
        ("Pravda", None, True),
    ]
    assert got[0].text == "Pike, D.\n\n1987 Vietnam and the Soviet Union, Boulder."
    assert got[1].text == "1988 A sequel."


def test_periodical_with_alias() -> None:
    (radio,) = refs("Radio Press (Vietnam News)\n")
    assert (radio.key, radio.aliases, radio.periodical) == ("Radio Press", ("Vietnam News",), True)


def test_plain_heading_and_list_markers() -> None:
    got = refs("- Smith, J. (1990). A.\n- Jones, K. (1991). B.\n", heading="Bibliography")
    assert [r.key for r in got] == ["Smith", "Jones"]


def test_hanging_indent_continues_an_entry() -> None:
    (entry,) = refs("Smith, J. (1990). A very long title\n    that goes on. Journal 3.\n")
    assert entry.text.endswith("Journal 3.")


def test_no_reference_section() -> None:
    assert parse_references(Document.from_text("Prose only (Pravda, 1987. 5. 1).")) == []


def test_section_ends_at_next_heading_of_same_level() -> None:
    doc = Document.from_text("Prose.\n\n## References\n\nPravda\n\n## Appendix\n\nTrud\n")
    assert [r.key for r in parse_references(doc)] == ["Pravda"]


def test_the_year_is_not_an_issue_number_a_page_or_a_list_number() -> None:
    got = refs(
        "Ortiz J, Duval K. 2005. Title. Science 307(5717):1213–1222.\n\n"
        "2019. An entry that opens with its year. J 9:9455.\n\n"
        "The 1000 Genomes Consortium. 2012. A map. Nature 491:56–65.\n\n"
        "Moreau A. Title. J Appl 2010\u037e 23:1-5.\n"
    )
    assert [(r.authors, r.year) for r in got] == [
        (("Ortiz", "Duval"), "2005"),
        ((), "2019"),
        (("The 1000 Genomes Consortium",), "2012"),
        (("Moreau",), "2010"),
    ]


def test_a_year_line_continues_only_an_author_line() -> None:
    got = refs("Ortiz J. 2004. A title.\n\n2005. Another entry without authors.\n")
    assert [(r.authors, r.year) for r in got] == [(("Ortiz",), "2004"), ((), "2005")]


def test_the_year_is_not_inside_a_doi_and_may_precede_a_month() -> None:
    got = refs(
        "Ortiz J, Duval K. Title. J Appl. 2010 may; 23():698-710. doi: 10.1002/nbm.1518.\n\n"
        "Moreau A. Blanc K. 2007 Priming of things. Cell. 12:17–30 10.1016/j.cell.2006.11.002\n"
    )
    assert [r.year for r in got] == ["2010", "2007"]


def test_an_issue_number_in_parentheses_is_not_the_year() -> None:
    (entry,) = refs("Ortiz J, Duval K. Towards models. Phil Trans 356(1412):1209-28. 2001.\n")
    assert entry.year == "2001"
