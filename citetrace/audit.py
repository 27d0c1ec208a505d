"""The pipeline for one document: load → scan → parse → link → check."""

from __future__ import annotations

import os

from citetrace.claims import link_claims
from citetrace.config import Config
from citetrace.document import Document
from citetrace.extraction import find_citations
from citetrace.load import read_document
from citetrace.model import Citation, DocumentReport
from citetrace.references import parse_references
from citetrace.resolve import Resolver
from citetrace.rules.engine import run_rules


def extract(text: str, path: str = "<text>") -> list[Citation]:
    """The citations of ``text``, normalised and linked, without any checks."""
    doc = Document.from_text(text, path)
    return _citations(doc, Resolver(parse_references(doc)))


def _citations(doc: Document, resolver: Resolver) -> list[Citation]:
    parsed = find_citations(doc, resolver.known_author)
    claims = link_claims(doc, parsed)
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
    return citations


def audit_text(text: str, path: str = "<text>", config: Config | None = None) -> DocumentReport:
    """Audit one document's text: citations, references and findings."""
    config = config or Config()
    doc = Document.from_text(text, path)
    references = parse_references(doc)
    citations = _citations(doc, Resolver(references))
    findings = run_rules(doc, citations, references, config)
    return DocumentReport(path, tuple(citations), tuple(references), tuple(findings), text)


def audit_path(
    path: str | os.PathLike[str], config: Config | None = None, encoding: str | None = None
) -> DocumentReport:
    """Read and audit one file; raises :class:`citetrace.load.InputError`."""
    name = os.fspath(path)
    return audit_text(read_document(name, encoding), name, config)
