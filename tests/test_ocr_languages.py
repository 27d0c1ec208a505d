"""Judging OCR damage in Portuguese, French, German and Italian by their own lexicons."""

from __future__ import annotations

import pytest

from citetrace import audit_text
from citetrace.config import Config
from citetrace.ocr import languages

OCR = ("ocr-typo", "name-variant")

PORTUGUESE_SCAN = (
    "Os valores de densidade dos briquetes foram maiores do que os obtidos por ontros "
    "autores para a mesrna biomassa, o que indica que a pressâo de compactacão foi "
    "adeqnada para o material e que nâo houve perda de qnalidade durante o processo. "
    "A anâlise dos dados mostrou que os resnltados sâo consistentes com a literatnra. "
    "Além disso, o teor de umidade das amostras ficou abaixo do limite recomendado, "
    "o que favorece a qneima e reduz a emissâo de fumaça durante a combustâo. "
    "Portanto, conclui-se que o rnaterial estudado apresenta potencial energético. "
)
PORTUGUESE_CLEAN = (
    "Os valores de densidade dos briquetes foram maiores do que os obtidos por outros "
    "autores para a mesma biomassa, o que indica que a pressão de compactação foi "
    "adequada para o material e que não houve perda de qualidade durante o processo. "
    "A análise dos dados mostrou que os resultados são consistentes com a literatura "
    "sobre a torrefação de resíduos lignocelulósicos e a peletização de serragem. "
)


def typos(text: str) -> tuple[dict[str, tuple[str, ...]], object]:
    report = audit_text(text, config=Config(select=OCR))
    return {t.text: t.suggestions for t in report.typos}, report.ocr


def test_a_portuguese_scan_is_judged_by_the_portuguese_lexicon() -> None:
    found, ocr = typos(PORTUGUESE_SCAN)
    assert ocr.language == "pt" and ocr.state == "scan"
    assert found["ontros"] == ("outros",)
    assert found["rnaterial"] == ("material",)
    assert found["pressâo"] == ("pressão",)  # an accent misread is a glyph misread
    assert "briquetes" not in found  # two edits from any word: a rare word, left alone


def test_born_digital_portuguese_is_left_alone() -> None:
    found, ocr = typos(PORTUGUESE_CLEAN * 2)
    assert ocr.language == "pt" and ocr.state == "clean"
    assert found == {}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Los valores de densidad de las briquetas fueron mayores que los obtenidos por "
            "otros autores para la misma biomasa, lo que indica que la presión fue adecuada "
            "para el material y que no hubo pérdida de calidad durante el proceso de secado. ",
            "es",
        ),
    ],
)
def test_a_language_whose_lexicon_is_not_trusted_is_not_judged(text: str, language: str) -> None:
    found, ocr = typos(text * 3)
    assert ocr.language == language and ocr.state == "unjudged"
    assert found == {}


def test_the_lexicons_at_hand() -> None:
    assert {"en", "pt", "fr", "de", "it"} <= languages.available()
    german = languages.load("de")
    assert german is not None and german.known("bedingungen") and not german.known("bedlngungen")
    assert languages.load("es") is None and languages.load("xx") is None


def test_an_elided_article_is_no_part_of_the_word_judged() -> None:
    text = (
        "I risultati di questo studio mostrano che la densità delle bricchette dipende "
        "fortemente dalla pressione applicata durante la compattazione. Abbiamo misurato "
        "il contenuto di umidità dei campioni prima e dopo l'aggiunta dell'acqua, e i valori "
        "ottenuti sono coerenti con quelli riportati nella letteratnra e nell'anallsi. "
    )
    report = audit_text(text, config=Config(select=OCR, ocr="on"))
    found = {t.text: t.suggestions for t in report.typos}
    assert report.ocr.language == "it"
    assert "l'aggiunta" not in found and "dell'acqua" not in found
    assert found["letteratnra"] == ("letteratura",)
    assert found["nell'anallsi"] == ("nell'analisi",)


def test_words_one_edit_away_are_found_by_looking_each_edit_up() -> None:
    from rapidfuzz.distance import Levenshtein

    lexicon = languages.load("pt")
    if lexicon is None:
        pytest.skip("no Portuguese lexicon installed")
    for word in ("pressâo", "mediçoes", "qualidadc", "biomasa", "xyzqw"):
        near = lexicon.one_edit(word)
        by_length = (lexicon.candidates.get(n, []) for n in range(len(word) - 1, len(word) + 2))
        every = {w for words in by_length for w in words if Levenshtein.distance(word, w) <= 1}
        assert set(near) == every and len(near) == len(set(near))
