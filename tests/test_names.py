"""Author lists of reference entries in the layouts journals and converters produce."""

from __future__ import annotations

import pytest

from citetrace.linking.names import name_keys, surnames


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Moreau, A., & Blanc, K.", ("Moreau", "Blanc")),
        ("Moreau, Anne, and Karl Blanc", ("Moreau", "Blanc")),
        ("SOUZA, J. A.; LIMA, M.", ("SOUZA", "LIMA")),
        ("ORTIZ, M. Uma análise de dados", ("ORTIZ",)),
        ("Ortiz J, Duval K", ("Ortiz", "Duval")),
        ("Ortiz J. Duval K. Grant L.", ("Ortiz", "Duval", "Grant")),
        ("Ortiz JADuval KLGrant P", ("Ortiz", "Duval", "Grant")),
        ("Ortiz J K, Duval M", ("Ortiz", "Duval")),
        ("NG K, LI M & XU P", ("NG", "LI", "XU")),
        ("J. K. Ortiz", ("Ortiz",)),
        ("Marta Ortiz, Karl Duval, and Lena Grant", ("Ortiz", "Duval", "Grant")),
        ("Ortiz Kenji-Lu, Duval A", ("Ortiz Kenji-Lu", "Duval")),
        ("van der Berg J, de la Cova M", ("van der Berg", "de la Cova")),
        ("Moreau K. The long winter of the plains", ("Moreau",)),
        ("Moreau K : a tool for counting", ("Moreau",)),
        ("World Bank", ("World Bank",)),
        ("The Deep Sea Survey Consortium", ("The Deep Sea Survey Consortium",)),
        ("BRASIL. Ministério da Saúde", ("BRASIL",)),
        ("Ortiz, M., Duval, K. et al.", ("Ortiz", "Duval")),
        ("Marta K. Ortiz and Karl L. Duval. Counting", ("Ortiz", "Duval")),
        ("Ortiz M. Duval K. Counting the birds", ("Ortiz", "Duval")),
        ("Ortiz M. Counting. J Appl", ("Ortiz",)),
        ("Ortiz M. van. Counting", ("Ortiz",)),
    ],
)
def test_surnames(text: str, expected: tuple[str, ...]) -> None:
    assert surnames(text) == expected


def test_name_keys_offer_the_parts_of_a_compound_name() -> None:
    assert name_keys("van der Berg") == ("Berg",)
    assert name_keys("Ortiz Kenji-Lu") == ("Ortiz", "Kenji-Lu")
    assert name_keys("Ortiz") == ()
