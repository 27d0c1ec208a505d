"""Quotations checked against a library of badly OCR'd newspapers: what OCR did to
the source's words is forgiven, a change of words is not, and a passage too garbled
to read gives no verdict a person would have to overrule."""

from __future__ import annotations

import pytest

from citetrace import audit_text
from citetrace.config import Config
from citetrace.linking.trace import _difference, normal_words
from citetrace.ocr.lexicon import known
from tests.test_library import BACKENDS, drop, library_of

# Invented issues of an invented paper, as a digitised newspaper library holds them:
# the OCR's text, damage and all.
ISSUES = {
    ("Harbour Gazette", "1891-03-14"): (
        "HARBOUR WORKS. The harbour trust tvas formed in l891 and its members met\n"
        "on Tuesday at the Customs House. Mr. Abbott said the new wharf at Darling\n"
        "Point would be finished by the winter, and that the cost had not risen.\n"
        "Tbe Rcv. J. Hnlliday tlianked tlie trnst for its ¡¡rant to the seamen's home."
    ),
    ("Harbour Gazette", "1891-03-21"): (
        "CITY COUNCIL. The gravel road from the railway station to the harbour was\n"
        "opened yesterday by the Mayor, who said the work had cost less than expected.\n"
        "Alderman Keogh moved that the thanks of the council be given to the engineer."
    ),
    ("Harbour Gazette", "1891-03-28"): (
        "SHIPPING. Arrived: the barque Loch Ness, from Glasgow, with general cargo.\n"
        "Tlie «nil oí tlio Monnrcli ^v.is cnt ¡¡v tbo luirbour pilot nfier tbe gnle."
    ),
    # a second article of the same issue, too garbled to read
    ("Harbour Gazette", "1891-03-21", "2"): (
        "Tlie «rnvcl rond fr«m tlio rnilwny stntion to tlio luirbour wns opcnod ¡¡v tbo Mnyor."
    ),
    ("Rude Pravo", "1987-10-16"): (
        "Delegace KSČ vedená tajemníkem ÚV odjela v úterý do Moskvy, kde bude jednat "
        "o hospodářské spolupráci mezi oběma stranami."
    ),
}


def essay(*sentences: str) -> str:
    return "\n\n".join(sentences) + "\n"


@pytest.fixture(scope="module", params=BACKENDS)
def library(request, tmp_path_factory):
    made = library_of(request.param, tmp_path_factory.mktemp("ocr-library"), ISSUES)
    yield made
    drop(made)


def verdicts(text: str, library: str) -> tuple[list[str], list[str], list]:
    report = audit_text(text, "essay.txt", Config(library=library))
    found = [q["verdict"] for c in report.citations for q in (c.trace or {}).get("quotations", ())]
    return found, [f.rule for f in report.findings], report.findings


def test_a_word_garbled_into_no_word_and_a_misread_digit_are_the_source_s_words(
    library: str,
) -> None:
    text = essay(
        'The paper said that "the harbour trust was formed in 1891 and its members met" '
        "(Harbour Gazette, 1891. 3. 14).",
        'It thanked "the trust for its grant to the seamen\'s home" '
        "(Harbour Gazette, 1891. 3. 14).",
    )
    found, rules, _ = verdicts(text, library)
    assert found == ["found", "found"] and not {"quote-altered", "quote-not-found"} & set(rules)


def test_a_word_put_for_another_is_altered_even_in_a_damaged_passage(library: str) -> None:
    text = essay(
        'It wrote that "the harbour trust was formed in 1891 and its officers met" '
        "(Harbour Gazette, 1891. 3. 14).",
        'The Mayor said "the cost had risen" (Harbour Gazette, 1891. 3. 14).',
    )
    found, rules, _ = verdicts(text, library)
    assert found == ["altered", "altered"] and rules.count("quote-altered") == 2


def test_a_passage_too_garbled_to_read_gives_no_finding(library: str) -> None:
    text = essay(
        'The paper noted that "the mail of the Monarch was cut by the harbour pilot after '
        'the gale" (Harbour Gazette, 1891. 3. 28).',
        'It also said "the governor will open the new bridge over the river next month" '
        "(Harbour Gazette, 1891. 3. 28).",
    )
    found, rules, _ = verdicts(text, library)
    assert found == ["unclear", "not-found"]  # the garbled passage, and an invented one
    assert rules.count("quote-not-found") == 1


def test_a_garbled_article_of_the_issue_hides_no_alteration_in_another(library: str) -> None:
    text = essay(
        'It reported that "the gravel road from the railway station to the harbour was '
        'closed yesterday by the Mayor" (Harbour Gazette, 1891. 3. 21).',
    )
    found, rules, _ = verdicts(text, library)
    assert found == ["altered"] and "quote-altered" in rules


def test_a_quotation_in_a_language_the_lexicon_does_not_know_is_judged_without_it(
    library: str,
) -> None:
    text = essay(
        'Rudé právo wrote that "delegace odjela ve středu do Varšavy jednat o kulturní '
        'spolupráci" (Rude Pravo, 1987. 10. 16).',
    )
    found, rules, _ = verdicts(text, library)
    assert found == ["not-found"] and "quote-not-found" in rules  # not "unclear"


def test_a_misdated_quotation_whose_source_differs_is_pointed_to_with_its_words(
    library: str,
) -> None:
    text = essay(
        'The council heard that "the gravel road from the railway station to the wharf was '
        'opened" (Harbour Gazette, 1891. 3. 14).',
    )
    found, rules, findings = verdicts(text, library)
    assert found == ["elsewhere"] and "wrong-source-or-date" in rules
    wrong = next(f for f in findings if f.rule == "wrong-source-or-date")
    assert "a passage like it is in Harbour Gazette 1891-03-21" in wrong.message
    assert "harbour" in wrong.message and wrong.suggestion == "cite Harbour Gazette, 1891-03-21"


@pytest.mark.parametrize(
    ("quote", "source", "expected"),
    [
        ("the trust was formed in 1918", "the trust tvas formed in l918", "none"),
        ("the trust was formed in 1918", "the trust was formed in 1919", "changed"),
        ("the trust was formed in 1891 and met", "the trust was formed in1891 and met", "none"),
        (
            "Gorbachev met Honecker in Berlin on Tuesday",
            "Gorbachev met Husak in Berlin on Tuesday",
            "changed",
        ),  # a name put for a name is no garble
        ("the minister did not agree to it", "the minister did no1 agree to it", "none"),
        ("the minister did not agree to it", "the minister did now agree to it", "changed"),
        ("the old name has gone out of use", "the old name has go no out of use", "none"),
        (
            "the gravel road from the station to the harbour was opened",
            "tho debility road frorn tho station to tbe harbour was oponed",
            "changed",
        ),
    ],
)
def test_differences_judged_with_the_lexicon(quote: str, source: str, expected: str) -> None:
    assert _difference(normal_words(quote), normal_words(source), known) == expected


def test_without_a_lexicon_a_garbled_word_is_not_forgiven() -> None:
    quote, source = normal_words("the trust was formed"), normal_words("the trust tvas formed")
    assert _difference(quote, source) == "changed"
    assert _difference(quote, source, known) == "none"


def test_a_run_of_letters_without_spaces_costs_no_time() -> None:
    from citetrace.ocr.languages import load
    from citetrace.ocr.lexicon import glyph_readings

    assert glyph_readings("thetrustwasformed" * 100) == []
    portuguese = load("pt")
    assert portuguese is None or portuguese.one_edit("palavra" * 500) == []


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_server_library_finds_a_passage_whose_every_word_ocr_damaged(
    backend: str, tmp_path
) -> None:
    from citetrace.library.store import open_library

    issues = {
        ("Harbour Gazette", "1891-04-04"): "To appear respectable is to bo docontly shavod wbicb "
        "can ouly bo done by a barber.",
        ("Harbour Gazette", "1891-04-11"): "The barque sailed for Glasgow with wool and tallow.",
    }
    made = library_of(backend, tmp_path, issues)
    try:
        with open_library(made) as opened:
            found = opened.similar("is to be decently shaved which")
            first = opened.document(found[0][0]) if found else None
        if backend == "sqlite":
            assert found == []  # no trigrams: its full-text search stands in
        else:
            assert first is not None and first.date == "1891-04-04"
    finally:
        drop(made)


def test_a_server_library_made_without_trigrams_works_the_same(tmp_path, monkeypatch) -> None:
    from citetrace.library import postgres
    from citetrace.library.store import open_library

    # a role that may not install pg_trgm: its statements fail, the library is made
    monkeypatch.setattr(postgres, "_TRIGRAM_SCHEMA", "SELECT no_such_column FROM pg_extension")
    made = library_of("postgres", tmp_path, {("Harbour Gazette", "1891-04-04"): "The barque."})
    try:
        with open_library(made) as opened:
            assert opened.similar("the barque") == []
            assert [d.date for d in opened.by_source("Harbour Gazette", "1891-04-04")]
    finally:
        drop(made)
