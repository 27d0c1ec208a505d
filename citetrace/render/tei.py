"""The audited document as TEI P5: citations pointing at their entries, claims,
accepted corrections, and the other findings as notes.

Each paragraph is a ``<p>`` (a Markdown heading a ``<head>`` opening a
``<div>``); each citation a ``<ref type="bibl" target="#R1">`` pointing at its
``<bibl>`` in the ``<listBibl>`` of ``<back>`` (a citation with no entry keeps
its text in a ``<bibl>``); each claim a ``<seg type="claim">`` that names its
citations; a fix the user accepts (``apply``: ``safe``, ``all``, ``none``) a
``<choice><sic>…</sic><corr cert="…">…</corr></choice>``; every other finding
a ``<note type="citetrace">`` where it ends. Markup that would cross another's
edge is left out rather than break the nesting (its finding becomes a note).
Output is deterministic and valid against ``tei_all``.
"""

from __future__ import annotations

from collections.abc import Sequence

from citetrace.model import DocumentReport
from citetrace.render.inline import Span, blocks, xml_attribute, xml_text
from citetrace.version import __version__


def render_tei(reports: Sequence[DocumentReport], apply: str = "none") -> str:
    """One ``<TEI>`` per document; several in a ``<teiCorpus>``."""
    several = len(reports) > 1  # ids are unique across a corpus: d2-C1, d2-R3
    documents = [
        _tei(report, apply, f"d{number}-" if several else "")
        for number, report in enumerate(reports, 1)
    ]
    head = '<?xml version="1.0" encoding="UTF-8"?>\n'
    if len(documents) == 1:
        return head + documents[0].replace("<TEI>", f'<TEI xmlns="{_NS}">', 1)
    header = _header("citetrace export", "documents audited by citetrace")
    body = "\n".join(documents)
    return f'{head}<teiCorpus xmlns="{_NS}">\n{header}\n{body}\n</teiCorpus>\n'


_NS = "http://www.tei-c.org/ns/1.0"


def _header(title: str, source: str) -> str:
    return (
        "<teiHeader><fileDesc>"
        f"<titleStmt><title>{xml_text(title)}</title></titleStmt>"
        f"<publicationStmt><p>Exported by citetrace {__version__}.</p></publicationStmt>"
        f"<sourceDesc><p>{xml_text(source)}</p></sourceDesc>"
        "</fileDesc></teiHeader>"
    )


def _tei(report: DocumentReport, apply: str, ids: str = "") -> str:
    text = report.text
    end = min((r.start for r in report.references if not r.origin), default=len(text))
    spans, notes = _spans(report, apply, end, ids)
    body = blocks(text, 0, end, spans, notes)
    entries = "".join(
        f"<bibl xml:id={xml_attribute(ids + r.id)}>{xml_text(' '.join(r.text.split()))}</bibl>"
        for r in report.references
    )
    back = f"<back><listBibl>{entries}</listBibl></back>" if entries else ""
    header = _header(report.path, f"{report.path}, as audited by citetrace")
    return f"<TEI>\n{header}\n<text><body>\n{body}\n</body>{back}</text>\n</TEI>"


def _spans(
    report: DocumentReport, apply: str, end: int, ids: str
) -> tuple[list[Span], list[tuple[int, str]]]:
    spans: list[Span] = []
    referenced = {r.id for r in report.references}
    by_claim: dict[tuple[int, int], list[str]] = {}
    for c in report.citations:
        if c.end > end:
            continue
        if c.reference in referenced:
            opening = f'<ref type="bibl" target="#{ids}{c.reference}" xml:id="{ids}{c.id}">'
            spans.append(Span(c.start, -c.end, 1, opening, "</ref>"))
        else:
            spans.append(Span(c.start, -c.end, 1, f'<bibl xml:id="{ids}{c.id}">', "</bibl>"))
        if c.claim.end > c.claim.start:
            by_claim.setdefault((c.claim.start, c.claim.end), []).append(ids + c.id)
    for (start, stop), ids in by_claim.items():
        names = " ".join(f"#{i}" for i in ids)
        spans.append(Span(start, -stop, 0, f'<seg type="claim" corresp="{names}">', "</seg>"))
    confidence = {(t.start, t.end): t.confidence for t in report.typos}
    notes = []
    for f in report.findings:
        accepted = f.fix is not None and (apply == "all" or (apply == "safe" and f.fix.safe))
        if accepted and f.fix is not None and f.fix.end <= end:
            cert = _certainty(confidence.get((f.start, f.end)))
            opening = f"<choice><sic>{xml_text(report.text[f.fix.start : f.fix.end])}</sic>"
            closing = f'<corr cert="{cert}">{xml_text(f.fix.replacement)}</corr></choice>'
            spans.append(Span(f.fix.start, -f.fix.end, 2, opening, closing, ""))
        elif f.end <= end:
            message = f"{f.code} {f.rule}: {f.message}"
            if f.suggestion:
                message += f" ({f.suggestion})"
            note = f'<note type="citetrace" subtype="{f.rule}">{xml_text(message)}</note>'
            notes.append((f.end, note))
    return sorted(spans), notes


def _certainty(confidence: float | None) -> str:
    if confidence is None:
        return "unknown"
    return "high" if confidence >= 0.9 else "medium" if confidence >= 0.7 else "low"
