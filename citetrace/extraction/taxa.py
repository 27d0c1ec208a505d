"""Taxonomic authorities: ``Bruchus pisorum (L., 1758)`` names who described a
species and when, not a work the text cites."""

from __future__ import annotations

import re

# A genus and a species epithet just before the authority, which may stand in
# parentheses: "Callosobruchus chinensis (L., 1758)", "Bruchidius tuberculicauda
# Lukjanovitsch & Ter-Minassian, 1954".
_BINOMIAL = re.compile(
    r"(?<![\w.’'-])(?P<genus>[A-Z][a-z]{3,})\s+(?:\([A-Z][a-z]+\)\s+)?(?P<epithet>[a-z]{4,})"
    r"\s*\(?$"
)
# The endings of Latin epithets: sericeus, pisorum, chinensis, dorsalis, kergoati.
_LATIN_EPITHET = re.compile(
    r"(?:[^s]us|um|orum|arum|[aeiou]?ae|[^ey]a|[^aey]is|ensis|ii|i|oides|icola|ax|ix|ex|ens|ans)$"
)
# Words with those endings that are plain English or common Latin loan words.
_NOT_EPITHETS = frozenset(
    """data area idea era media agenda formula camera criteria phenomena bacteria via
    status focus census consensus campus virus corpus bonus stimulus stimuli radius
    apparatus nucleus fungi alumni basis thesis analysis emphasis hypothesis synthesis
    axis crisis diagnosis genesis analyses etc vitae versa""".split()
)
_NOT_GENERA = frozenset(
    """The This That These Those Their Its Our His Her Some Many Most Several Various
    Previous Numerous Other Such Each Both Recent Early Later Further Similar""".split()
)


def after_binomial(text: str, start: int) -> bool:
    """Whether ``text[start:]`` follows a species name: what stands there is the
    species' authority (when no reference entry claims it)."""
    at = start
    while at > 0 and start - at < 3 and text[at - 1] in " \t\n(":
        at -= 1
    if at == 0 or not text[at - 1].islower():
        return False  # the common case, answered without a search
    m = _BINOMIAL.search(text, max(0, start - 80), start)
    if m is None:
        return False
    genus, epithet = m.group("genus"), m.group("epithet")
    return (
        genus not in _NOT_GENERA
        and epithet not in _NOT_EPITHETS
        and _LATIN_EPITHET.search(epithet) is not None
    )
