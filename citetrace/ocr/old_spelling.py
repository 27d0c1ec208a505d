"""Early modern spellings: ``againe``, ``bloud``, ``tryall``, ``coniure``, ``wickednesse``.

A scan of a book printed before the eighteenth century keeps its orthography,
and its transcription keeps it too: such words are the text's own, not damage.
A word is taken for an old spelling of a common modern word when the printers'
habits of the time turn it into that word: a final ``e`` (``downe``), ``-esse``
for ``-ess``, ``ie`` for ``y``, ``y`` and ``i``, ``u`` and ``v``, ``i`` for ``j``,
``w`` for ``u`` (``sawce``), a doubled consonant (``shippe``, ``tryall``), ``ou``
for ``o`` or ``oo`` (``bloud``), ``ai`` or ``au`` for ``a`` (``maister``,
``commaunded``), doubled vowels (``heere``, ``foorth``), ``ey`` for ``y``
(``countrey``), ``in`` for ``en`` (``kitchin``), ``-red`` and ``-ned`` for
``-ered`` and ``-ened`` (``entred``, ``threatned``), a single final ``s``
(``busines``), ``ck`` for ``c`` (``musick``), the old verb endings ``-eth`` and
``-est`` (``serveth``, ``knowest``), and vowels written as the time said them
(``counsaile``, ``seaven``, ``insteed``, ``streight``, ``convay``, ``schollers``).
"""

from __future__ import annotations

from functools import cache

from citetrace.ocr import lexicon

MODERN = 20_000  # corpus count of the modern word an old spelling stands for
_ENDINGS = (
    ("esse", "ess"),
    ("es", "s"),
    ("red", "ered"),
    ("ned", "ened"),
    ("s", "ss"),
    ("ie", "y"),
    ("ck", "c"),
    ("e", ""),
    ("'d", "ed"),
    ("’d", "ed"),
    ("eth", ""),  # serveth, knoweth: the verb's old third person
    ("eth", "e"),  # endureth
    ("est", ""),  # knowest: its old second person
    ("est", "e"),  # endurest
    ("ely", "ly"),  # earely
)
_LETTERS = (
    ("au", "a"),
    ("ee", "e"),
    ("oo", "o"),
    ("ey", "y"),
    ("in", "en"),
    ("y", "i"),
    ("i", "y"),
    ("u", "v"),
    ("v", "u"),
    ("i", "j"),
    ("w", "u"),
    ("ou", "o"),
    ("ou", "oo"),
    ("ai", "a"),
    ("ai", "e"),  # counsaile
    ("ea", "e"),  # seaven
    ("ee", "ea"),  # insteed
    ("ei", "ai"),  # streight
    ("ie", "ei"),  # percieve
    ("ay", "ey"),  # convay
    ("ey", "ea"),  # smeyred
    ("er", "ar"),  # schollers
)
_DOUBLE = "bcdfglmnprst"


@cache
def modern(word: str) -> str | None:
    """The common modern word ``word`` (lower case) is an old spelling of, or ``None``."""
    if len(word) < 3 or not word.replace("'", "").replace("’", "").isalpha():
        return None
    first = _variants(word)
    for form in first:
        if form != word and lexicon.frequency(form) >= MODERN:
            return form
    for form in first:
        for again in _variants(form):
            if again != word and lexicon.frequency(again) >= MODERN:
                return again
    return None


def _variants(word: str) -> set[str]:
    out = set()
    for old, new in _ENDINGS:
        if word.endswith(old) and len(word) > len(old) + 1:
            out.add(word[: len(word) - len(old)] + new)
    for old, new in _LETTERS:
        at = word.find(old)
        while at >= 0:
            out.add(word[:at] + new + word[at + len(old) :])
            at = word.find(old, at + 1)
    for i in range(1, len(word)):
        if word[i] == word[i - 1] and word[i] in _DOUBLE:
            out.add(word[:i] + word[i + 1 :])
    return out
