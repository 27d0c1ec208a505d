"""Is a text OCR'd, and in what language: the OCR rules speak only where they can be trusted."""

from __future__ import annotations

import pytest

from citetrace import audit_text
from citetrace.config import Config
from citetrace.ocr.noise import language, read

OCR = ("ocr-typo", "name-variant")

CLEAN = (
    "The voxel data were downsampled before the rTMS sessions, and the coverslips were "
    "imaged with a dataset of octanol and proteome readings. We used the codebook from "
    "the earlier study to score each trial, and the scores were pooled across sessions. "
) * 6
SCAN = (
    "Tbe vessel arrived at tbe port on Monday wbich was later than expected. Tlie "
    "captain said tliat the weatber had been bad for most of tbe voyage, and the hourB "
    "of the crew were long. The cargo of coal was landed on the wharf tbe same day. "
) * 3
PORTUGUESE = (
    "Os valores de densidade dos briquetes foram maiores do que os obtidos por outros "
    "autores para a mesma biomassa, o que indica que a pressão de compactação foi "
    "adequada para o material e que não houve perda de qualidade durante o processo. "
) * 3

SPANISH = (
    "Los valores de densidad de las briquetas fueron mayores que los obtenidos por otros "
    "autores para la misma biomasa, lo que indica que la presión de compactación fue "
    "adecuada para el material y que no hubo pérdida de calidad durante el proceso. "
) * 3


def flagged(text: str, **config: object) -> list[str]:
    report = audit_text(text, config=Config(select=OCR, **config))
    return [f.text for f in report.findings]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The results of the study show that the method works in most of the cases.", "en"),
        ("Os resultados do estudo mostram que o método funciona na maioria dos casos.", "pt"),
        (
            "Los resultados del estudio muestran que el método funciona en la mayoría de casos.",
            "es",
        ),
        (
            "Die Ergebnisse der Studie zeigen, dass die Methode in den meisten Fällen geht.",
            "de",
        ),
        (
            "Les résultats de l'étude montrent que la méthode fonctionne dans la plupart des cas.",
            "fr",
        ),
        ("Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod et in ut.", "la"),
        ("Figure 2.", "und"),
        (
            "It was reported (Moller et al., 2015; Paulsen et al., 2021; Kumar et al., 2017; "
            "Lv et al., 2022; Mann et al., 2022; Sin et al., 2020; Wang et al., 2021) that "
            "the levels depend on repair.",
            "en",
        ),
    ],
)
def test_language(text: str, expected: str) -> None:
    assert language(text) == expected


def test_one_reading_counts_the_words_and_finds_glyph_garbage_in_the_main_language() -> None:
    garbled = PORTUGUESE.replace("material", "materiaL e pub1ico")
    text = SCAN + "\n\n" + garbled
    reading = read(text, 0, len(text))
    assert reading.main == "en" and len(reading.foreign) == 1
    assert reading.words == len(text.split())
    assert reading.garbage == {"hourB"}  # not the Portuguese paragraph's "materiaL"
    assert read(garbled, 0, len(garbled)).garbage == {"materiaL", "pub1ico"}


def test_born_digital_prose_keeps_its_technical_words() -> None:
    report = audit_text(CLEAN, config=Config(select=OCR))
    assert report.findings == ()
    assert report.ocr is not None and report.ocr.state == "clean"
    assert flagged(CLEAN, ocr="on") != []  # judged as a scan, the same words are questioned


def test_born_digital_prose_still_shows_a_damaged_common_word() -> None:
    text = CLEAN + "The assitance of the staff is gratefully acknowledged."
    assert flagged(text) == ["assitance"]


def test_a_scan_gets_the_full_judgement() -> None:
    report = audit_text(SCAN, config=Config(select=OCR))
    assert report.ocr is not None and report.ocr.state == "scan"
    assert {"wbich", "weatber"} <= {f.text.lower() for f in report.findings}


def test_a_language_without_a_lexicon_is_not_judged_and_the_report_says_so() -> None:
    report = audit_text(SPANISH, config=Config(select=OCR))
    assert report.findings == ()
    assert report.ocr is not None and report.ocr.state == "unjudged"
    assert report.ocr.language == "es" and "no lexicon" in report.ocr.reason
    assert report.to_json()["ocr"]["state"] == "unjudged"


def test_a_paragraph_in_another_language_is_left_alone_in_a_scan() -> None:
    report = audit_text(SCAN + "\n\n" + PORTUGUESE, config=Config(select=OCR))
    assert report.ocr is not None and report.ocr.foreign_paragraphs == 1
    start = len(SCAN)
    assert all(f.start < start for f in report.findings)


def test_ocr_off_judges_nothing() -> None:
    report = audit_text(SCAN, config=Config(select=OCR, ocr="off"))
    assert report.findings == () and report.ocr is not None and report.ocr.state == "off"


def test_gibberish_is_not_judged_word_by_word() -> None:
    import random
    import string

    rng = random.Random(1)
    words = [
        "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(3, 10)))
        for _ in range(3000)
    ]
    report = audit_text(" ".join(words), config=Config(select=OCR))
    assert report.findings == ()
    assert report.ocr is not None and report.ocr.state == "unjudged"
    assert "not words" in report.ocr.reason


def test_old_spellings_of_a_scanned_early_book_are_its_orthography() -> None:
    old = (
        "Then he went downe againe to the kitchin, and tooke the glasse himselfe, "
        "and soone the meate was faire upon the table. "
    ) * 3
    report = audit_text(SCAN + "\n\n" + old, config=Config(select=OCR))
    flagged_words = {f.text.lower() for f in report.findings}
    assert {"wbich", "weatber"} <= flagged_words
    assert not flagged_words & {"downe", "againe", "tooke", "glasse", "himselfe", "soone", "faire"}
    assert report.ocr is not None and "old spellings" in report.ocr.reason


def test_born_digital_prose_keeps_its_prefixes_latin_and_abbreviations() -> None:
    text = (
        "The pre-treatment samples were analysed in situ and de novo, an ad hoc choice. "
        "Tris buffer was added and the mis-sense variants were counted; ln of the ratio "
        "was plotted against time for each of the conditions we studied in the field. "
    ) * 4
    assert flagged(text) == []


def test_damage_to_less_common_words_tells_a_short_scan_too() -> None:
    # two damaged words whose readings are words a scan meets often, if not the commonest
    text = (
        "The mail stoamer came alongside the wharf at noon, and the crowd that met her "
        "groeted the passengers with cheers. The band played on the deck while the cargo "
        "was landed, and the agents of the company were pleased with the state of it. "
    ) * 2
    report = audit_text(text, config=Config(select=OCR))
    assert report.ocr is not None and report.ocr.state == "scan"
    assert {"stoamer", "groeted"} <= {f.text for f in report.findings}


def test_a_scan_judged_in_full_keeps_its_noise_and_reports_what_the_full_judgement_kept() -> None:
    from citetrace.model import OcrAssessment
    from citetrace.ocr.noise import judged_again

    note = " old spellings (againe, downe) taken as the text's own"
    decided = OcrAssessment(
        "en", 12.0, "scan", 500, "12.0 damaged common words per 1,000; 5" + note
    )
    final = OcrAssessment("en", 15.5, "scan", 500, "15.5 damaged common words per 1,000; 8" + note)
    again = judged_again(decided, final)
    assert again.noise == 12.0  # the quick look's noise decided the state
    assert again.reason == "12.0 damaged common words per 1,000; 8" + note
    plain = OcrAssessment("en", 15.5, "scan", 500, "15.5 damaged common words per 1,000")
    assert judged_again(decided, plain).reason == "12.0 damaged common words per 1,000"


def test_the_quick_look_s_screen_changes_no_verdict(monkeypatch) -> None:
    from citetrace.ocr import judge

    text = (
        "The samples were centrifuged and the supernatant was discarded. We used "
        "nonbreeding adults and a validated protocol; the ethics panel approved "
        "the dCas9 constructs, and the spectrometer was calibrated with mOsm units. "
        "Results are shown in the figure, and the effect was significant. "
    ) * 8 + "The goverment of the province funded the work, with the Camobida trust (Cambodia). "

    def audit() -> tuple:
        report = audit_text(text, config=Config(select=("ocr-typo",)))
        return report.ocr, [(t.start, t.text, t.suggestions, t.confidence) for t in report.typos]

    monkeypatch.setattr(judge, "_SCREEN_FROM", 10**9)
    unscreened = audit()
    judge.lexicon.frequent_near.cache_clear()
    monkeypatch.setattr(judge, "_SCREEN_FROM", 0)
    assert audit() == unscreened
    assert unscreened[0].state == "clean"
