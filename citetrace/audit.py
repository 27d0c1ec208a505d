"""The pipeline for one document: load → scan → parse → link → check."""

from __future__ import annotations

import gc
import os
from bisect import bisect_right
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace

from citetrace.config import Config
from citetrace.extraction import find_citations
from citetrace.inputs.bibliography import BibEntry, read_bibliography
from citetrace.inputs.directives import Suppression, find_suppressions, front_matter
from citetrace.inputs.document import Document
from citetrace.inputs.formats import Source, read_source
from citetrace.inputs.load import InputError
from citetrace.inputs.markup import UnsureWord
from citetrace.linking.attribution import attribution
from citetrace.linking.bibliography import as_references
from citetrace.linking.claims import link_claims
from citetrace.linking.markup import follow_markup
from citetrace.linking.references import parse_references
from citetrace.linking.resolve import Resolver
from citetrace.model import Citation, DocumentReport, OcrAssessment, Reference, Typo
from citetrace.rules import RuleContext
from citetrace.rules.engine import run_rules, selected_rules

OCR_RULES = ("ocr-typo", "name-variant")
OCR_OUTPUT = ("hocr", "alto")  # formats an OCR engine writes


def extract(text: str, path: str = "<text>") -> list[Citation]:
    """The citations of ``text``, normalised and linked, without any checks."""
    doc = Document.from_text(text, path)
    barriers = _barriers(doc, find_suppressions(doc), front_matter(text)[0])
    references = parse_references(doc)
    return _citations(doc, references, barriers)


def _barriers(doc: Document, suppressions: list[Suppression], front_end: int) -> list[int]:
    """Offsets no claim reaches back past: ends of heading and directive lines, front matter."""
    ends = [front_end] if front_end else []
    lines = [doc.line_col(h)[0] for h in doc.heading_starts()] + [s.line for s in suppressions]
    for line in lines:
        ends.append(doc.offset(line + 1, 1) if line < doc.line_count else len(doc.text))
    return sorted(ends)


def _citations(doc: Document, references: list[Reference], barriers: list[int]) -> list[Citation]:
    resolver = Resolver(references)
    parsed = find_citations(doc, resolver.known_author)
    claims = link_claims(doc, parsed, barriers)
    citations = []
    for number, (p, claim) in enumerate(zip(parsed, claims, strict=True), 1):
        res = resolver.resolve(p)
        line, column = doc.line_col(p.start)
        citations.append(
            Citation(
                id=f"C{number}",
                text=p.text,
                start=p.start,
                end=p.end,
                line=line,
                column=column,
                style=res.style,
                source=res.source,
                source_raw=p.source_raw,
                date=p.date,
                date_precision=p.date_precision,
                locator=p.locator,
                reference=res.reference,
                match=res.match,
                claim=claim,
                date_raw=p.date_raw,
                year=p.year,
                authors=p.authors,
                match_score=res.score,
                narrative=p.narrative,
                layout=p.layout,
                group=p.group,
                author_references=res.author_references,
            )
        )
    follow_markup(citations, references, doc.markup)
    for c in citations:
        c.attribution = attribution(c.claim.text)
    return citations


@contextmanager
def _cycle_collection_paused() -> Iterator[None]:
    """Pause the cycle collector: an audit builds many small objects and no cycles,
    and a collector that rescans them as they accumulate costs time that grows
    with the document. Collection resumes as before once the audit is done.

    The young generations are collected first, so that what the audit leaves
    in them afterwards is its own; those objects (the report) then join the
    oldest generation directly, which spares the first young collection after
    the audit a scan of every one of them (about 4% of an audit). Objects
    someone else froze (``gc.freeze``) are left as they are.
    """
    enabled = gc.isenabled()
    promote = enabled and gc.get_freeze_count() == 0
    if promote:
        gc.collect(1)
    gc.disable()
    try:
        yield
    finally:
        if promote:
            gc.freeze()  # every tracked object, in O(1)
            gc.unfreeze()  # back, all into the oldest generation
        if enabled:
            gc.enable()


def audit_text(text: str, path: str = "<text>", config: Config | None = None) -> DocumentReport:
    """Audit one document's text: citations, references and findings."""
    return audit_source(Source(text), path, config)


def audit_source(source: Source, path: str, config: Config | None = None) -> DocumentReport:
    """Audit what a reader made of one file (see :mod:`citetrace.inputs.formats`)."""
    with _cycle_collection_paused():
        return _audit(source, path, config or Config())


def _audit(source: Source, path: str, config: Config) -> DocumentReport:
    text = source.text
    doc = Document.from_text(text, path, source.origins, source.markup)
    front_end, front_date = front_matter(text)
    if front_date and not config.document_date_from_cli:
        config = config.override(document_date=front_date)
    suppressions = find_suppressions(doc)
    barriers = _barriers(doc, suppressions, front_end)
    references = parse_references(doc)
    bibliography = _bibliography(config, path)
    if bibliography and not references:  # the files are the document's reference list
        references = as_references(bibliography, len(text))
    citations = _citations(doc, references, barriers)
    if config.library:
        support = any(r.name == "claim-unsupported" for r in selected_rules(config))
        _trace(text, citations, references, config.library, path, support)
    skip = [(c.start, c.end) for c in citations] + [(s.start, s.end) for s in suppressions]
    skip += doc.markup.corrected
    typos, assessment = _typos(doc, [*skip, (0, front_end)], config)
    ctx = RuleContext(
        doc,
        tuple(citations),
        tuple(references),
        config,
        tuple(barriers),
        typos,
        bibliography,
        assessment,
    )
    findings = run_rules(ctx, suppressions)
    if doc.origins is not None:
        for record in (*citations, *findings):
            if record.origin is None:
                record.origin = _origin(doc, record.start, record.end)
    return DocumentReport(
        path,
        tuple(citations),
        tuple(references),
        tuple(findings),
        text,
        typos,
        assessment,
        source.format,
    )


def _trace(
    text: str,
    citations: list[Citation],
    references: list[Reference],
    library: str,
    path: str,
    support: bool = False,
) -> None:
    """Trace the citations to the source library (see :mod:`citetrace.linking.trace`)."""
    from citetrace.library.store import LibraryError, open_library
    from citetrace.linking.trace import trace_citations
    from citetrace.ocr.lexicon import known

    try:
        with open_library(library) as opened:
            trace_citations(text, citations, references, opened, support, known)
    except LibraryError as exc:
        raise InputError(path, f"library {exc}") from None


def _bibliography(config: Config, path: str) -> tuple[BibEntry, ...]:
    """The entries of the configured bibliography files, read once per process."""
    entries: list[BibEntry] = []
    for name in config.bibliography:
        try:
            entries.extend(read_bibliography(name))
        except InputError as exc:
            raise InputError(path, f"bibliography {exc}") from None
    return tuple(entries)


def _origin(doc: Document, start: int, end: int) -> dict | None:
    """Where ``text[start:end]`` stands in the original file; in an XML or HTML file
    with its end (``end_line``, ``end_column``, exclusive) as well."""
    origin = doc.origin(start)
    if origin and "column" in origin and end > start:
        last = doc.origin(end - 1)
        if last and "column" in last and "line" in last:
            origin["end_line"], origin["end_column"] = last["line"], last["column"] + 1
    return origin


def _typos(
    doc: Document, skip: list[tuple[int, int]], config: Config
) -> tuple[tuple[Typo, ...], OcrAssessment | None]:
    """OCR damage in the prose outside ``skip`` (citations, directives, front matter),
    looked for only when an OCR rule will report it, and kept as the text's
    language and noise allow (see :mod:`citetrace.ocr.noise`)."""
    if not any(rule.name in OCR_RULES for rule in selected_rules(config)):
        return (), None
    from citetrace.ocr.noise import assess, judged_again, read, unjudged

    if config.ocr == "off":
        return (), unjudged(doc.text, doc.body_end, "off")
    reading = read(doc.text, 0, doc.body_end)  # the paragraphs' languages, once
    skipped = unjudged(doc.text, doc.body_end, config.ocr, reading)
    if skipped is not None:
        return (), skipped
    vocabulary = frozenset(w.casefold() for w in config.vocabulary)
    find_typos, is_damage = _judge_for(reading.main, reading.foreign)
    # OCR output (hOCR, ALTO) is a scan by its nature; other text is looked at
    # quickly first (one edit away): enough to tell a scan from born-digital
    # prose, and all that is reported of the latter; a scan is then judged in full.
    engine = doc.markup.scheme in OCR_OUTPUT and config.ocr == "auto"
    mode = "on" if engine else config.ocr
    thorough = mode == "on"
    found = find_typos(doc, skip, vocabulary, config.ignore_sic, thorough)
    assessment, kept = assess(doc.text, 0, doc.body_end, found, mode, reading, is_damage)  # type: ignore[arg-type]
    if assessment.state == "scan" and not thorough:
        found = find_typos(doc, skip, vocabulary, config.ignore_sic, True)
        final, kept = assess(doc.text, 0, doc.body_end, found, mode, reading, is_damage)  # type: ignore[arg-type]
        assessment = judged_again(assessment, final)
    if assessment.state == "scan" and is_damage is None:  # English
        from citetrace.ocr.judge import calibrate, mend_garbled

        mend_garbled(kept)
        calibrate(kept)
    if engine:
        reason = f"read from OCR output ({doc.markup.scheme})"
        assessment = replace(assessment, reason=reason + assessment.reason[len("turned on") :])
    if doc.markup.unsure:
        _engine_doubts(kept, doc.markup.unsure)
    return tuple(kept), assessment


# What judges a document's words: (doc, skip, vocabulary, ignore_sic, thorough) → typos.
WordJudge = Callable[[Document, list[tuple[int, int]], frozenset[str], bool, bool], list[Typo]]


def _judge_for(
    main: str, elsewhere: list[tuple[int, int]]
) -> tuple[WordJudge, Callable[[Typo], bool] | None]:
    """The word judge for a body mostly in ``main`` (English unless another
    language's lexicon is at hand), and which of its typos mark a scan
    (``None``: the English judgement's own)."""
    from citetrace.ocr import languages

    lexicon = languages.load(main) if main != "en" else None
    if lexicon is None:
        from citetrace.ocr.judge import find_typos

        return find_typos, None
    from citetrace.ocr import foreign

    def find(
        doc: Document,
        skip: list[tuple[int, int]],
        vocabulary: frozenset[str],
        ignore_sic: bool,
        thorough: bool,
    ) -> list[Typo]:
        return foreign.find_typos(doc, lexicon, skip, elsewhere, vocabulary, ignore_sic, thorough)

    return find, foreign.damaged


def _engine_doubts(typos: list[Typo], unsure: tuple[UnsureWord, ...]) -> None:
    """Raise the confidence of damaged words the OCR engine itself was unsure of."""
    starts = [w.start for w in unsure]
    for typo in typos:
        index = bisect_right(starts, typo.start) - 1
        if index < 0 or unsure[index].end <= typo.start:
            continue
        sure = unsure[index].confidence
        typo.confidence = round(
            min(0.99, typo.confidence + (1 - typo.confidence) * (1 - sure) / 2), 2
        )
        typo.evidence += f"; the OCR engine was {sure:.0%} sure of this word"


def audit_path(
    path: str | os.PathLike[str],
    config: Config | None = None,
    encoding: str | None = None,
    input_format: str | None = None,
) -> DocumentReport:
    """Read and audit one file of any supported format; raises
    :class:`citetrace.inputs.load.InputError`."""
    name = os.fspath(path)
    return audit_source(read_source(name, encoding, input_format), name, config)
