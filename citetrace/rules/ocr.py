"""OCR damage in the prose: words that are not words, names spelled two ways."""

from __future__ import annotations

from collections.abc import Iterator

from citetrace.model import Finding, Fix, Typo
from citetrace.rules.base import Rule, RuleContext, rule


def _finding(
    self: Rule, ctx: RuleContext, typo: Typo, message: str, suggestion: str | None = None
) -> Finding:
    fix = None
    if len(typo.suggestions) == 1:
        start, end = typo.start, typo.end
        if not typo.suggestions[0]:  # a speck: its space goes with it
            start, end = _with_its_space(ctx.doc.text, start, end)
        fix = Fix(start, end, typo.suggestions[0], False)
    return ctx.finding(
        self,
        typo.start,
        typo.end,
        message,
        suggestion=suggestion if suggestion is not None else _suggestion(typo),
        fix=fix,
    )


def _with_its_space(text: str, start: int, end: int) -> tuple[int, int]:
    """``text[start:end]`` with the spaces or tabs between it and the rest of
    its line: those before it at a line's end, else those after it."""
    before = start
    while before and text[before - 1] in " \t":
        before -= 1
    after = end
    while after < len(text) and text[after] in " \t":
        after += 1
    if after == len(text) or text[after] in "\r\n":
        return before, after
    return start, after


def _suggestion(typo: Typo) -> str | None:
    """The suggestion field: every reading, ``""`` for a speck to delete, ``None``
    for a word too garbled to mend."""
    return " | ".join(typo.suggestions) if typo.suggestions else None


@rule("CT501", "ocr-typo", "warning", "A word damaged by OCR, with its correction.")
def ocr_typo(self: Rule, ctx: RuleContext) -> Iterator[Finding]:
    """A word of the prose that is not a word: not in the English lexicon, not
    a name the document uses consistently, not in the project vocabulary. The
    correction comes from the document itself (a better-attested spelling an
    OCR-plausible edit away, or a name in the reference list), from the
    lexicon (misread glyphs such as `rn`/`m` weigh less than other edits),
    from shape (`July1987`), or from the same misreading elsewhere. When
    several corrections are equally good all are given, and none is applied
    by `citetrace fix`; a single one is applied only with `--unsafe-fixes`.
    Words marked `[sic]`, citations, the reference list, italics and foreign
    glosses are never judged.

    Example: `assitance` → `assistance`; `Camobida` → `Cambodia`.
    """
    said: dict[tuple[str, tuple[str, ...], float, str], tuple[str, str]] = {}  # per damaged word
    for typo in ctx.typos:
        if typo.kind != "ocr-typo":
            continue
        key = (typo.text, typo.suggestions, typo.confidence, typo.evidence)
        words = said.get(key)
        if words is None:
            options = " or ".join(f"'{s}'" for s in typo.suggestions)
            flat = " ".join(typo.text.split())
            reading = f" for {options}" if options else ""  # else too garbled to mend
            if typo.suggestions == ("",):
                reading = ", to delete"  # a speck
            message = (
                f"'{flat}' looks like OCR damage{reading} "
                f"(confidence {typo.confidence:.0%}: {typo.evidence})"
            )
            words = said[key] = message, _suggestion(typo)
        yield _finding(self, ctx, typo, *words)


@rule("CT502", "name-variant", "info", "One name spelled two ways in one document.")
def name_variant(self: Rule, ctx: RuleContext) -> Iterator[Finding]:
    """A name written two ways in one document, one edit apart, neither of
    them an English word: the rarer spelling is flagged and the usual one
    (or the reference list's) suggested. A word broken across a line or page
    (`Med-` / `vedev`) is joined before it is compared.

    Example: `Medvedev` beside three `Medvedyev`; `Kim II Sung` beside `Kim Il Sung`.
    """
    for typo in ctx.typos:
        if typo.kind != "name-variant":
            continue
        flat = " ".join(typo.text.split())
        yield _finding(
            self,
            ctx,
            typo,
            f"'{flat}' is spelled '{typo.suggestions[0]}' elsewhere ({typo.evidence})",
        )
