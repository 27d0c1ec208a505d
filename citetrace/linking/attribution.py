"""Who a claim says its words are from: "According to Tass, …", "Izvestiya reported
that …", "as Gorbachev told …". When that is not the cited source, the citation
reports someone else's words (Tass's, in Pravda)."""

from __future__ import annotations

import re

from citetrace.text import fold

_NAME = r"(?:[A-Z][\w'’.-]*|de|van|von|al)(?:\s+(?:[A-Z][\w'’.-]*|de|van|von|al)){0,3}"
_VERBS = (
    r"(?:reported|reports|said|says|stated|states|announced|announces|told|wrote|writes|"
    r"declared|declares|claimed|claims|noted|notes|added|insisted|argued|argues|warned)"
)
_PATTERNS = (
    re.compile(rf"\b[Aa]ccording to (?P<who>(?:the\s+)?{_NAME}(?:'s?\s+[a-z]+)?)"),
    re.compile(r"\b[Aa]ccording to (?P<who>the [a-z][\w'’]*(?: [a-z]+)?)(?=,)"),
    re.compile(rf"(?<![\w'’])(?P<who>{_NAME})(?:,[^,]{{1,40}},)?\s+{_VERBS}\b"),
    re.compile(rf"\b[Aa]s (?P<who>{_NAME}) (?:told|said|put it|reported|wrote)\b"),
)
# What every pattern needs somewhere in the claim: a claim without it names nobody.
_CUE = re.compile(rf"ccording to|\b{_VERBS}\b|\bput it\b")
# "according to the Presbyterian rites": the way a thing is done, nobody's words.
_MANNER = frozenset(
    """rite rites custom customs law laws tradition traditions plan plans rule rules
    schedule practice practices principle principles regulation regulations terms usage
    fashion style form method methods pattern scheme standard standards calendar
    constitution code model system""".split()
)
# Lower-case words after a name that are not a noun it qualifies.
_NOT_A_NOUN = frozenset(
    """the a an and or but of in on at to for from by with that which who it its this
    these those there is was were are be been has had have will would said says""".split()
)
_NEXT_WORD = re.compile(r"\s+([a-z]+)\b")
# Capitalised words that open a sentence and name nobody.
_NOBODY = frozenset(
    "he she it they we i you this that these those there the a an one some it's what "
    "which who however but and also then thus in on at".split()
)


def attribution(claim: str) -> str | None:
    """The speaker or outlet a claim attributes its words to, if it names one."""
    if _CUE.search(claim) is None:
        return None
    best: tuple[int, str] | None = None
    for number, pattern in enumerate(_PATTERNS):
        for m in pattern.finditer(claim):
            who = " ".join(m.group("who").split()).rstrip(".,")
            if number == 0 and (noun := _NEXT_WORD.match(claim, m.end("who"))):
                word = noun.group(1)
                if word in _MANNER:
                    continue  # "according to the Presbyterian rites"
                if word not in _NOT_A_NOUN and not who.endswith(("'s", "’s")):
                    who = f"{who} {word}"  # "according to Western diplomats"
            first = fold(who.split()[0]) if who.split() else ""
            if not who or (first in _NOBODY and not who.lower().startswith("the ")):
                continue
            if who.lower().startswith("the ") and len(who.split()) < 2:
                continue
            if best is None or m.start() < best[0]:
                best = (m.start(), who)
    return best[1] if best else None


def is_other(who: str, source: str, authors: tuple[str, ...]) -> bool:
    """Whether ``who`` is someone other than the cited source (or its authors)."""
    named = fold(who)
    if not named:
        return False
    own = {fold(source), *(fold(a) for a in authors)}
    return not any(o and (o in named or named in o) for o in own)
