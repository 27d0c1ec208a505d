"""The data model: records that flow from one stage to the next.

No stage changes a record once it is made. The records made in bulk, once
per citation, damaged word or finding (``ParsedCitation``, ``Citation``,
``Typo``, ``Finding``), are nevertheless not frozen: building a frozen
dataclass of that size costs about ten times as much, which on a dense
document was a tenth of the audit's time. The small value records (``Claim``,
``Fix``) and the others are frozen.

Every offset is a Python ``str`` index into the decoded document text;
``line`` and ``column`` are 1-based.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, fields
from functools import cache
from typing import Literal

Style = Literal["newspaper", "author-date"]
Precision = Literal["year", "month", "day"]
Match = Literal["exact", "normalized", "fuzzy"]
Severity = Literal["error", "warning", "info"]

SEVERITY_RANK: dict[str, int] = {"info": 0, "warning": 1, "error": 2}


@dataclass(frozen=True, slots=True)
class Claim:
    """The stretch of prose a citation supports."""

    start: int
    end: int
    text: str


@dataclass(slots=True)
class ParsedCitation:
    """A citation as read from the text, before it is linked to anything.

    ``layout`` describes how the citation is punctuated, with the source and
    the date parts replaced by placeholders (``{source}, {Y}. {M}. {D}``), so
    that drift from a document's dominant style can be measured and mended.
    """

    start: int
    end: int
    text: str
    source_raw: str
    authors: tuple[str, ...]
    date_raw: str | None
    date: str | None
    date_precision: Precision | None
    year: str | None
    locator: str | None
    layout: str
    narrative: bool = False
    numeric_date: bool = False
    group: int = 0
    anchor: int = 0  # where the parenthetical (or a narrative citation's name) opens


@dataclass(frozen=True, slots=True)
class Reference:
    """One entry of the document's reference list."""

    id: str
    text: str
    key: str
    authors: tuple[str, ...]
    year: str | None
    start: int
    end: int
    periodical: bool
    aliases: tuple[str, ...] = ()
    origin: dict | None = None  # a bibliography file's entry: {"file", "line", "key"}


@dataclass(slots=True)
class Citation:
    """A citation, normalised and linked to its reference entry and claim."""

    id: str
    text: str
    start: int
    end: int
    line: int
    column: int
    style: Style
    source: str
    source_raw: str
    date: str | None
    date_precision: Precision | None
    locator: str | None
    reference: str | None
    match: Match | None
    claim: Claim
    date_raw: str | None = None
    year: str | None = None
    authors: tuple[str, ...] = ()
    match_score: float | None = None
    narrative: bool = False
    layout: str = ""
    group: int = 0
    author_references: tuple[str, ...] = ()
    origin: dict | None = None  # where it stands in the original file (other formats)
    trace: dict | None = None  # what the source library holds for it (with --library)
    attribution: str | None = None  # whose words its claim says they are ("Tass")

    def to_json(self, claim_id: str = "") -> dict:
        """The citation as a JSON-ready mapping (schema version 2): its claim by id,
        place and span, the claim's text in the document's ``claims``."""
        data = _shallow(self)
        if self.origin is None:
            del data["origin"]
        if self.trace is None:
            del data["trace"]
        data["claim"] = {"id": claim_id, "start": self.claim.start, "end": self.claim.end}
        data["authors"] = list(self.authors)
        data["author_references"] = list(self.author_references)
        return data


@dataclass(slots=True)
class Typo:
    """A damaged word of the prose and what it should read.

    ``kind`` is ``ocr-typo`` (not a word; ``suggestions`` holds every equally
    good correction) or ``name-variant`` (a name spelled two ways; the usual
    spelling is suggested). ``evidence`` says why, for a person.
    """

    kind: Literal["ocr-typo", "name-variant"]
    start: int
    end: int
    text: str
    suggestions: tuple[str, ...]
    confidence: float
    evidence: str


@dataclass(frozen=True)
class OcrAssessment:
    """What the OCR stage made of a document."""

    language: str  # ISO 639-1 code of the body's main language, or "und"
    noise: float  # distinct damaged common words per thousand words
    state: Literal["scan", "clean", "unjudged", "off"]
    words: int
    reason: str
    foreign_paragraphs: int = 0

    def to_json(self) -> dict:
        return {
            "language": self.language,
            "noise": round(self.noise, 2),
            "state": self.state,
            "words": self.words,
            "reason": self.reason,
            "foreign_paragraphs": self.foreign_paragraphs,
        }

    def summary(self) -> str:
        """One line for a person: what the OCR flags of this document rest on."""
        return f"OCR: {self.state} ({self.reason})"


@dataclass(slots=True)
class Fix:
    """An edit that mends a finding: replace ``text[start:end]`` with ``replacement``.

    A safe fix is applied by ``citetrace fix``; an unsafe one only with
    ``--unsafe-fixes``.
    """

    start: int
    end: int
    replacement: str
    safe: bool = True


@dataclass(slots=True)
class Finding:
    """A problem found by a rule, anchored to a span of the text."""

    rule: str
    code: str
    severity: Severity
    message: str
    start: int
    end: int
    line: int
    column: int
    text: str
    citation: str | None = None
    suggestion: str | None = None
    fix: Fix | None = None
    end_line: int = 0
    end_column: int = 0
    origin: dict | None = None  # where it stands in the original file (other formats)

    def to_json(self) -> dict:
        """The finding as a JSON-ready mapping (schema version 2)."""
        data = _shallow(self)
        if self.origin is None:
            del data["origin"]
        if self.fix is not None:
            data["fix"] = _shallow(self.fix)
        return data


@dataclass(frozen=True, slots=True)
class DocumentReport:
    """Everything citetrace knows about one document."""

    path: str
    citations: tuple[Citation, ...]
    references: tuple[Reference, ...]
    findings: tuple[Finding, ...] = ()
    text: str = field(default="", repr=False, compare=False)
    typos: tuple[Typo, ...] = ()
    ocr: OcrAssessment | None = None  # what the OCR stage made of the text, if it ran
    format: str = "text"  # the format the document was read from

    def to_json(self) -> dict:
        """The report as a JSON-ready mapping (schema version 2); see :meth:`json_fields`."""
        return {
            name: value if isinstance(value, list | dict | str | None) else list(value)
            for name, value in self.json_fields()
        }

    def json_fields(self) -> Iterator[tuple[str, object]]:
        """The report's JSON fields in order, its citations and findings as iterators
        of mappings (so that a writer can stream them).

        A claim that several citations support (a group of eighty) is written
        once, in ``claims``, and each citation names it by id, so the report
        grows with the document, not with citations times claim length."""
        claim_ids: dict[tuple[int, int], str] = {}
        claims = []
        for c in self.citations:
            key = (c.claim.start, c.claim.end)
            if key not in claim_ids:
                claim_ids[key] = f"K{len(claim_ids) + 1}"
                claims.append(
                    {"id": claim_ids[key], "start": key[0], "end": key[1], "text": c.claim.text}
                )
        yield "path", self.path
        if self.format != "text":
            yield "format", self.format
        yield (
            "citations",
            (c.to_json(claim_ids[(c.claim.start, c.claim.end)]) for c in self.citations),
        )
        yield "claims", claims
        yield (
            "references",
            [
                {
                    "id": r.id,
                    "text": r.text,
                    "key": r.key,
                    "year": r.year,
                    "start": r.start,
                    "end": r.end,
                    "authors": list(r.authors),
                    "periodical": r.periodical,
                    **({"origin": r.origin} if r.origin else {}),
                }
                for r in self.references
            ],
        )
        yield "findings", (f.to_json() for f in self.findings)
        if self.ocr is not None:
            yield "ocr", self.ocr.to_json()


def _shallow(record: object) -> dict:
    """A record's fields as a mapping, in field order (like ``asdict`` without
    its deep copy, which made serialising a report slower than auditing it)."""
    return {name: getattr(record, name) for name in _field_names(type(record))}


@cache
def _field_names(kind: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(kind))
