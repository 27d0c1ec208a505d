"""Small text helpers shared by every stage."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)
_INITIALS = re.compile(r"^(?:[A-ZÀ-ÖØ-ÞА-Я](?:\.-?|-)?){1,4}$")

# Lower-case words that belong to surnames: van der Berg, de la Cova, d'Anglemont.
PARTICLES = frozenset(
    "van von vom zum zur der den dem de del della delle dei di da das dos do du la le les "
    "lo ter ten te bin ibn al el st".split()
)


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Fold case, diacritics, punctuation and spacing: ``Rudé  právo.`` → ``rude pravo``."""
    if text.isascii():  # nothing to decompose: the common case, and 20x faster
        return _NON_WORD.sub(" ", text.lower()).strip()
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", bare.casefold()).strip()


def clean(text: str) -> str:
    """Collapse white space and drop stray edge punctuation from a name."""
    return " ".join(text.split()).strip(" ,;:")


def is_initials(word: str) -> bool:
    """``J.``, ``SJ``, ``J.-P.``, ``M.C.``: capitals standing for given names. Without
    full stops, at most three (``NETO``, ``SILVA`` are surnames) and no particle (``DA``)."""
    if len(word) > 8 or not _INITIALS.match(word):
        return False
    return "." in word or (len(word) <= 3 and word.casefold() not in PARTICLES)
