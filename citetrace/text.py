"""Small text helpers shared by every stage."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Fold case, diacritics, punctuation and spacing: ``Rudé  právo.`` → ``rude pravo``."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", bare.casefold()).strip()


def clean(text: str) -> str:
    """Collapse white space and drop stray edge punctuation from a name."""
    return " ".join(text.split()).strip(" ,;:")
