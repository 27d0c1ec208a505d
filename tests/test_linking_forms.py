"""Linking forms met in published articles, on texts written for each."""

from __future__ import annotations

from citetrace import audit_text


def linked(body: str, references: str) -> dict[str, str | None]:
    report = audit_text(f"Title\n\n{body}\n\nReferences\n\n{references}\n", "t.txt")
    return {c.text: c.reference for c in report.citations}


def rules(body: str, references: str) -> list[str]:
    report = audit_text(f"Title\n\n{body}\n\nReferences\n\n{references}\n", "t.txt")
    return sorted(f.rule for f in report.findings if f.rule not in ("ocr-typo", "name-variant"))


def test_a_cited_co_author_beyond_an_entrys_et_al_is_taken_on_trust() -> None:
    refs = (
        "Ortiz M, Duval K, et al. 2020. Counting birds. J Orn 3: 1-2.\n"
        "Ortiz M, Grant L, et al. 2020. Counting bats. J Mam 4: 5-6.\n"
    )
    found = linked("Birds were counted (Ortiz, Grant, et al. 2020).", refs)
    assert found == {"(Ortiz, Grant, et al. 2020)": "R2"}


def test_initials_after_a_cited_surname_are_no_co_author() -> None:
    refs = "Ortiz M. 2001. Counting. J Orn 3: 1-2.\nOrtiz M, Duval K. 2001. More. J Orn 3: 5.\n"
    found = linked("As shown (Ortiz, M. K. & Duval, 2001), it holds.", refs)
    assert found == {"(Ortiz, M. K. & Duval, 2001)": "R2"}


def test_a_list_written_given_names_first_with_middle_initials() -> None:
    refs = (
        "Marta K. Ortiz and Karl L. Duval. Counting birds. J Orn 3: 1-2, 2004.\n"
        "Ortiz M, Lee P. 2001. Bats. J Mam 4: 5.\n"
    )
    assert linked("Birds (Ortiz and Duval, 2004).", refs) == {"(Ortiz and Duval, 2004)": "R1"}
    assert rules("Birds (Ortiz and Duval, 2004) and bats (Ortiz and Lee, 2001).", refs) == []


def test_a_corporate_authors_acronym_in_brackets_is_its_name_too() -> None:
    refs = "INSTITUTO NACIONAL DE PESQUISAS (INPE). Relatório anual. (1997). Brasília.\n"
    assert linked("Como mostra o Inpe (1997), o solo.", refs) == {"Inpe (1997)": "R1"}


def test_an_acronym_with_a_slash_and_a_surname_with_a_generational_suffix() -> None:
    refs = (
        "CQFS-RS/SC - Comissão de Química do Solo (2016) Manual. Porto Alegre.\n"
        "ROSA, M.; NAVES, R.; OLIVEIRA JÚNIOR, J. (2005) Produção. Goiânia.\n"
    )
    body = "O solo foi corrigido (CQFS-RS/SC, 2016), como Rosa, Naves e Oliveira Júnior (2005)."
    assert linked(body, refs) == {
        "(CQFS-RS/SC, 2016)": "R1",
        "Rosa, Naves e Oliveira Júnior (2005)": "R2",
    }
    assert rules(body, refs) == []


def test_a_four_letter_name_one_letter_off_links_to_the_one_entry_of_its_year() -> None:
    refs = "Maas P, Lee K. 2003. Flowers. Flora 88: 1-274.\nMaas P. 1999. Seeds. Flora 7: 1.\n"
    found = linked("Flowers are small (Mass et al. 2003).", refs)
    assert found == {"(Mass et al. 2003)": "R1"}
    assert rules("Flowers are small (Mass et al. 2003).", refs) == ["source-typo"]
    # With no entry of the cited year, a near name is no evidence: a gap.
    assert linked("Flowers are small (Mass et al. 2010).", refs) == {"(Mass et al. 2010)": None}


def test_a_species_authority_is_not_a_citation() -> None:
    refs = "Brown A. 2010. Flies. J Ins 3: 1-2.\n"
    body = (
        "We kept Callosobruchus chinensis (L., 1758) and Bruchus pisorum (Fabricius, 1775), "
        "and Bruchidius tuberculicauda Lukjanovitsch & Ter-Minassian, 1954, beside "
        "Drosophila melanogaster (Brown, 2010). Previous analysis (Smith, 2001) agrees."
    )
    assert linked(body, refs) == {"(Brown, 2010)": "R1", "(Smith, 2001)": None}


def test_a_group_of_interviews_names_people_not_works() -> None:
    body = (
        "They said so (Interviews, UN official, 6 September 2017; army officer, 14 August "
        "2012) and (Personal communication, Ortiz, 2019)."
    )
    assert linked(body, "Ortiz M. 2001. Counting. J Orn 3: 1-2.\n") == {}


def test_a_botanists_abbreviation_of_a_compound_name() -> None:
    refs = "Saint-Hilaire AFCP de. 1825. Flora Brasiliae. Paris.\nPellegrin F. 1920. Annonaceae.\n"
    body = "As A.St.-Hil. (1825: 35) described it, and Pellegr. (1920: 654) too."
    assert linked(body, refs) == {"A.St.-Hil. (1825: 35)": "R1", "Pellegr. (1920: 654)": "R2"}
    assert rules(body, refs) == []


def test_the_year_of_a_vancouver_entry_is_not_a_last_page_or_a_journals_founding() -> None:
    refs = (
        "Smith A, Lee B, Kim C. Bursting. J Neurosci. 1996 02; 16():1486 – 1510.\n"
        "Jones K. Cortex. Cerebral cortex (New York, NY : 1991). 2003; 13: 1-9.\n"
        "Ortiz, M. (Ed., 2001). Counting. Paris.\n"
    )
    body = "Cells fire (Smith et al., 1996), (Jones, 2003) and (Ortiz, 2001)."
    assert linked(body, refs) == {
        "(Smith et al., 1996)": "R1",
        "(Jones, 2003)": "R2",
        "(Ortiz, 2001)": "R3",
    }


def test_a_near_spelling_in_born_digital_text_is_called_a_misspelling() -> None:
    refs = "Maas P, Lee K. 2003. Flowers. Flora 88: 1-274.\n"
    prose = "The results agree with the earlier reports on the same species in the region. "
    report = audit_text(
        f"Title\n\nFlowers are small (Mass et al. 2003). {prose}\n\nReferences\n\n{refs}"
    )
    assert report.ocr is not None and report.ocr.state == "clean"
    [typo] = [f for f in report.findings if f.rule == "source-typo"]
    assert "it looks like a misspelling of 'Maas" in typo.message
