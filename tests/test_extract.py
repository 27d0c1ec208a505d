"""Extraction on texts written to exercise each citation form."""

from __future__ import annotations

import pytest

from citetrace import extract


def one(text: str):
    found = extract(text)
    assert len(found) == 1, [c.text for c in found]
    return found[0]


@pytest.mark.parametrize(
    ("cited", "source", "date", "precision"),
    [
        ("(Pravda, 1986. 10. 16)", "Pravda", "1986-10-16", "day"),
        ("(Radio Press 1987. 6. 9)", "Radio Press", "1987-06-09", "day"),
        ("(Izvestiva, 1987, 8. 11)", "Izvestiva", "1987-08-11", "day"),
        ("(UPI, 1987, 10, 16)", "UPI", "1987-10-16", "day"),
        ("(Novoe Vremya, 1987)", "Novoe Vremya", "1987", "year"),
        ("(Pravda, 16 October 1986)", "Pravda", "1986-10-16", "day"),
        ("(Pravda, October 16, 1986)", "Pravda", "1986-10-16", "day"),
        ("(Pravda, Oct. 16, 1986)", "Pravda", "1986-10-16", "day"),
        ("(Pravda, 16.10.1986)", "Pravda", "1986-10-16", "day"),
        ("(Pravda, 1986-10-16)", "Pravda", "1986-10-16", "day"),
        ("(Pravda, October 1986)", "Pravda", "1986-10", "month"),
        ("(Pravda, 16 октября 1986)", "Pravda", "1986-10-16", "day"),
        ("(Rudé právo, 16. října 1986)", "Rude Pravo", "1986-10-16", "day"),
        ("(Neues Deutschland, 16. Oktober 1986)", "Neues Deutschland", "1986-10-16", "day"),
        ("(Le Monde, 16 octobre 1986)", "Le Monde", "1986-10-16", "day"),
        ("(The Times, 1896. 7. 21)", "The Times", "1896-07-21", "day"),
        ("(The Independent, 21 July 1896)", "The Independent", "1896-07-21", "day"),
        ("(The New York Times, July 21, 1896)", "The New York Times", "1896-07-21", "day"),
        ("(The Times of India, 1987. 7. 21)", "The Times of India", "1987-07-21", "day"),
    ],
)
def test_newspaper_forms(cited: str, source: str, date: str, precision: str) -> None:
    c = one(f"Something happened. {cited}.")
    assert (c.text, c.style, c.source, c.date, c.date_precision) == (
        cited,
        "newspaper",
        source,
        date,
        precision,
    )


@pytest.mark.parametrize(
    ("cited", "authors", "year", "locator"),
    [
        ("(Pike, 1987: 208)", ("Pike",), "1987", "208"),
        ("(Akino, 1986: 79-80)", ("Akino",), "1986", "79-80"),
        ("(Medvedyev, 1988)", ("Medvedyev",), "1988", None),
        ("(Smith and Jones 1990, p. 5)", ("Smith", "Jones"), "1990", "5"),
        ("(Brown et al., 2001a, pp. 3-7)", ("Brown",), "2001a", "3-7"),
        ("(see Pike, 1987)", ("Pike",), "1987", None),
        ("(cf. Pike, 1987, p. 12)", ("Pike",), "1987", "12"),
        ("(LEITE; LACERDA, 2018, p. 12)", ("LEITE", "LACERDA"), "2018", "12"),
        ("(García y López, 2005)", ("García", "López"), "2005", None),
        ("(Müller und Schmidt, 1999, S. 4)", ("Müller", "Schmidt"), "1999", "4"),
        ("(Dupont et Martin, 2003)", ("Dupont", "Martin"), "2003", None),
        ("(Иванов и Петров, 1985, с. 7)", ("Иванов", "Петров"), "1985", "7"),
        ("(Pike, 1987: 208–210)", ("Pike",), "1987", "208-210"),
    ],
)
def test_author_date_forms(cited: str, authors: tuple, year: str, locator: str | None) -> None:
    c = one(f"A claim is made here {cited}.")
    assert (c.text, c.style, c.authors, c.year, c.locator) == (
        cited,
        "author-date",
        authors,
        year,
        locator,
    )
    assert c.date == year[:4]


@pytest.mark.parametrize("cited", ["(Pike, n.d.)", "(SILVA, s.d.)"])
def test_undated(cited: str) -> None:
    c = one(f"A claim {cited}.")
    assert c.date is None and c.date_precision is None and c.date_raw in ("n.d.", "s.d.")


def test_several_in_one_parenthesis_get_their_own_spans() -> None:
    text = "Both agree (Pike, 1987: 208; Akino, 1986; Pravda, 1987. 7. 10)."
    found = extract(text)
    assert [c.text for c in found] == ["Pike, 1987: 208", "Akino, 1986", "Pravda, 1987. 7. 10"]
    for c in found:
        assert text[c.start : c.end] == c.text
    assert len({c.claim for c in found}) == 1
    assert found[0].claim.text == "Both agree"


def test_one_author_several_years() -> None:
    text = "Warming is measured (Pickering et al., 2011a, 2011b)."
    found = extract(text)
    assert [(c.text, c.year, c.source) for c in found] == [
        ("Pickering et al., 2011a", "2011a", "Pickering et al."),
        ("2011b", "2011b", "Pickering et al."),
    ]


def test_apud_gives_both_citations() -> None:
    found = extract("Como se diz (SILVA, 1990 apud SOUZA, 2005, p. 3).")
    assert [(c.authors, c.year, c.locator) for c in found] == [
        (("SILVA",), "1990", None),
        (("SOUZA",), "2005", "3"),
    ]


def test_narrative_citation() -> None:
    text = (
        "As Pike (1987: 208) argues, the alliance is strained.\n\n"
        "## References\n\nPike, D.\n\n1987 Title."
    )
    c = one(text)
    assert (c.text, c.narrative, c.locator, c.reference) == ("Pike (1987: 208)", True, "208", "R1")


def test_narrative_needs_evidence_that_the_name_is_an_author() -> None:
    text = "Meetings were held in Vientiane (1981) and in Ulan Bator (1983)."
    assert extract(text) == []
    known = "Talks (as Smith (1990) shows) went on.\n\nReferences\n\nSmith, J. (1990). Title."
    assert [c.text for c in extract(known)] == ["Smith (1990)"]


@pytest.mark.parametrize(
    "prose",
    [
        "in Vientiane (1981) and",
        "withdraw her military forces (approximately 50,000 troops) from Cambodia",
        "(Thus China is now in the second category)",
        "Cambodia (Heng Samrin government) attended",
        "his closest associates (blizhaishie podruchinye).",
        "all SS-20 (the decision to eliminate all SS-20 in Asia)",
        "the 1980s (since 1985)",
        "the talks (in 1987)",
        "the price (p. 5)",
        "a figure (Table 3, 1987)",
        "a range (1912–1994)",
        "an aside (see below, 1987 onwards)",
        'a quote ("Pravda, 1987" as said)',
        "a list (1) and (2)",
        "a time (10.30)",
        "hard years (The Great Depression, 1929)",
        "an age (The Gilded Age, 1870-1900)",
        "a remark (the war, 1939. 9. 1)",
    ],
)
def test_parentheticals_that_are_not_citations(prose: str) -> None:
    assert extract(prose) == []


def test_invalid_date_is_kept_as_written() -> None:
    c = one("It happened. (Pravda, 1987. 2. 30).")
    assert (c.date, c.date_precision, c.date_raw) == (None, None, "1987. 2. 30")


def test_reference_section_is_not_scanned() -> None:
    text = "Claim (Pike, 1987).\n\n## References\n\nPike, D. (1987). Vietnam (Boulder, 1987)."
    assert [c.text for c in extract(text)] == ["(Pike, 1987)"]


def test_fast_path_agrees_with_the_full_grammar(seed_text: str) -> None:
    from citetrace.extraction.parse import parse_general, parse_parenthetical
    from citetrace.extraction.scan import candidates

    def nobody(_: str) -> bool:
        return False

    texts = [seed_text, "x (Pike, 1987: 208) y (Pravda, 1987. 2. 30) z (Trud 1987-5-1)."]
    compared = 0
    for text in texts:
        for group, (a, b) in enumerate(candidates(text)):
            fast = parse_parenthetical(text, a, b, group, nobody)
            assert fast == parse_general(text, a, b, group, nobody), text[a:b]
            compared += bool(fast)
    assert compared == 38


@pytest.mark.parametrize(
    ("group", "expected"),
    [
        ("(Figure 3B; Lee et al., 2004)", [("Lee et al., 2004", "2004")]),
        ("(n = 12; Ortiz, 2001)", [("Ortiz, 2001", "2001")]),
        ("(Supplementary file 2; Kim and Park, 2013)", [("Kim and Park, 2013", "2013")]),
        (
            "(Alves et al. 1999, Costa et al. 2001, Lima 2005)",
            [("Alves et al. 1999", "1999"), ("Costa et al. 2001", "2001"), ("Lima 2005", "2005")],
        ),
        (
            "(Ng et al., 2007, Ng et al., 2009)",
            [("Ng et al., 2007", "2007"), ("Ng et al., 2009", "2009")],
        ),
        ("(Lee et al., 2004; 2006; Figure 2)", [("Lee et al., 2004", "2004"), ("2006", "2006")]),
        (
            "(Cochran et al., 2001a,b; Table 1)",
            [("Cochran et al., 2001a", "2001a"), ("b", "2001b")],
        ),
        ("(reviewed in Moreau and Blanc, 2003)", [("Moreau and Blanc, 2003", "2003")]),
        ("(see Duval and Grant, 2007 for a review)", [("Duval and Grant, 2007", "2007")]),
        (
            "(Ratcliff and Rouder, 1998\u037e Gold, 2007)",
            [("Ratcliff and Rouder, 1998", "1998"), ("Gold, 2007", "2007")],
        ),
    ],
)
def test_citations_among_other_matter(group: str, expected: list) -> None:
    found = extract(f"A claim is made here {group}.")
    assert [(c.text, c.year) for c in found] == expected


def test_a_continued_year_keeps_the_authors() -> None:
    found = extract("A claim (Lee et al., 2004; 2006; Figure 2).")
    assert [c.authors for c in found] == [("Lee",), ("Lee",)]


@pytest.mark.parametrize(
    "prose",
    [
        "He was a painter (born in Paris, 1920; died in Nice).",
        "The treaty (May 1945; later revised) held.",
        "The figures (Table 3, 1987; see below) agree.",
        "A count (Figure 2, 2004, n = 3; p < 0.05) is small.",
    ],
)
def test_other_matter_alone_is_not_a_citation(prose: str) -> None:
    assert extract(prose) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A claim [Lee, 2004; Kim and Park, 2006].", ["Lee, 2004", "Kim and Park, 2006"]),
        ("A claim (a reporter [Lee et al., 2004]) holds.", ["Lee et al., 2004"]),
        (
            "A claim (van der Berg et al., 2009; de la Cova, 2004).",
            ["van der Berg et al., 2009", "de la Cova, 2004"],
        ),
        ("A claim (Español–Suñer et al., 2012).", ["(Español–Suñer et al., 2012)"]),
        (
            "A claim (P. Zhang et al., 2021; Qiu J. et al., 2018).",
            ["P. Zhang et al., 2021", "Qiu J. et al., 2018"],
        ),
        ("A claim (An et al., 2015).", ["(An et al., 2015)"]),
        ("A claim (Ichtchenko et al., 1995 and 1996).", ["Ichtchenko et al., 1995", "1996"]),
        ("A claim (Lee et al., 2004a, b).", ["Lee et al., 2004a", "b"]),
        ("A claim (ONU 2011: §82).", ["(ONU 2011: §82)"]),
    ],
)
def test_more_forms(text: str, expected: list[str]) -> None:
    assert [c.text for c in extract(text)] == expected


def test_narrative_with_several_names_and_particles() -> None:
    found = extract(
        "Para Ruiz, Pinto e Melo (2009), os valores. As van der Berg and Lee (2001) show."
    )
    assert [(c.text, c.authors) for c in found] == [
        ("Ruiz, Pinto e Melo (2009)", ("Ruiz", "Pinto", "Melo")),
        ("van der Berg and Lee (2001)", ("van der Berg", "Lee")),
    ]


def test_a_claim_after_a_group_starts_after_the_group() -> None:
    found = extract("Moscow denied it (Pike, 1987; Smith, 1990) and Hanoi agreed (Jones, 1991).")
    assert found[2].claim.text == "and Hanoi agreed"


REFS = "\n\nReferences\n\nOrtiz J, Duval K. 2004. A title. J 3:1-9.\n\nBlanc M. 2006. Another.\n"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("As shown by Moreau et al., 2003, the effect holds.", ["Moreau et al., 2003"]),
        ("Moreau et al. 2003 found the effect.", ["Moreau et al. 2003"]),
        ("Ortiz and Duval, 2004 found the effect.", ["Ortiz and Duval, 2004"]),
        ("as explained in Blanc, 2006, the effect holds.", ["Blanc, 2006"]),
        ("In Paris, 1920, the effect was seen.", []),
        ("Sales and Marketing 2020 was a report.", []),
    ],
)
def test_citations_without_parentheses(sentence: str, expected: list[str]) -> None:
    found = extract(sentence + REFS)
    assert [c.text for c in found] == expected
    assert all(c.narrative for c in found)


@pytest.mark.parametrize(
    "prose",
    [
        "A dye was used (Tocris, Cat. 1128).",
        "The data were read (Interview, a former official, 3 August 2017).",
        "A screen (EyeLink 1000) was used.",
        "The sequences available on the server (July 2020) were used.",
    ],
)
def test_catalogue_numbers_and_interviews_are_not_citations(prose: str) -> None:
    assert extract(prose) == []


def test_abbreviated_authors_link_to_the_entry_they_abbreviate() -> None:
    text = (
        "The genus Ortizia Duv. (1934: 106) and Blancia R.E.Gr. (1914: 64). Moreau, et-al. "
        "(2009) agree.\n\nReferences\n\nDuvalier RE. 1934. Revision. Acta 12: 28-106.\n\n"
        "Grant WE. 1914. Classification. Contr 1: 1.\n\n"
        "Moreau, H. D., Blanc, M. & Grant, T. (2009). Title.\n"
    )
    found = extract(text)
    assert [(c.text, c.reference, c.locator) for c in found] == [
        ("Duv. (1934: 106)", "R1", "106"),
        ("R.E.Gr. (1914: 64)", "R2", "64"),
        ("Moreau, et-al. (2009)", "R3", None),
    ]


def test_citations_without_comma_or_parentheses_where_the_document_cites_so() -> None:
    body = "It holds (Ortiz 2004). It was seen (Blanc 2006). Also (Grant 2001). Ortiz 2004 agrees."
    refs = "\n\nReferences\n\nOrtiz J. 2004. A.\n\nBlanc M. 2006. B.\n\nGrant K. 2001. C.\n"
    assert [c.text for c in extract(body + refs)][-1] == "Ortiz 2004"
    with_commas = body.replace(" 200", ", 200").replace("Ortiz, 2004 agrees", "Ortiz 2004 agrees")
    assert [c.text for c in extract(with_commas + refs)][-1] == "(Grant, 2001)"
