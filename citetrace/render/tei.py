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

import re
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from citetrace.model import DocumentReport, Finding
from citetrace.version import __version__

APPLY = ("safe", "all", "none")
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_HEADING = re.compile(r"(#{1,6})[ \t]+")
_PARAGRAPH = re.compile(r"\n[ \t]*\n\s*")


@dataclass(frozen=True, order=True)
class _Span:
    """Markup over ``text[start:end]``: opened by ``open_``, closed by ``close``;
    ``rank`` orders spans that start together (outer first)."""

    start: int
    neg_end: int
    rank: int
    open_: str
    close: str
    replace: str | None = None  # the span's text is replaced (a <choice>)

    @property
    def end(self) -> int:
        return -self.neg_end


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
        f"<titleStmt><title>{_text(title)}</title></titleStmt>"
        f"<publicationStmt><p>Exported by citetrace {__version__}.</p></publicationStmt>"
        f"<sourceDesc><p>{_text(source)}</p></sourceDesc>"
        "</fileDesc></teiHeader>"
    )


def _text(value: str) -> str:
    return escape(_INVALID_XML.sub("\ufffd", value))


def _attr(value: str) -> str:
    return quoteattr(_INVALID_XML.sub("\ufffd", value))


def _tei(report: DocumentReport, apply: str, ids: str = "") -> str:
    text = report.text
    end = min((r.start for r in report.references if not r.origin), default=len(text))
    spans, notes = _spans(report, apply, end, ids)
    body = _body(text, 0, end, spans, notes)
    entries = "".join(
        f"<bibl xml:id={_attr(ids + r.id)}>{_text(' '.join(r.text.split()))}</bibl>"
        for r in report.references
    )
    back = f"<back><listBibl>{entries}</listBibl></back>" if entries else ""
    header = _header(report.path, f"{report.path}, as audited by citetrace")
    return f"<TEI>\n{header}\n<text><body>\n{body}\n</body>{back}</text>\n</TEI>"


def _spans(
    report: DocumentReport, apply: str, end: int, ids: str
) -> tuple[list[_Span], list[Finding]]:
    spans: list[_Span] = []
    referenced = {r.id for r in report.references}
    by_claim: dict[tuple[int, int], list[str]] = {}
    for c in report.citations:
        if c.end > end:
            continue
        if c.reference in referenced:
            opening = f'<ref type="bibl" target="#{ids}{c.reference}" xml:id="{ids}{c.id}">'
            spans.append(_Span(c.start, -c.end, 1, opening, "</ref>"))
        else:
            spans.append(_Span(c.start, -c.end, 1, f'<bibl xml:id="{ids}{c.id}">', "</bibl>"))
        if c.claim.end > c.claim.start:
            by_claim.setdefault((c.claim.start, c.claim.end), []).append(ids + c.id)
    for (start, stop), ids in by_claim.items():
        names = " ".join(f"#{i}" for i in ids)
        spans.append(_Span(start, -stop, 0, f'<seg type="claim" corresp="{names}">', "</seg>"))
    confidence = {(t.start, t.end): t.confidence for t in report.typos}
    notes = []
    for f in report.findings:
        accepted = f.fix is not None and (apply == "all" or (apply == "safe" and f.fix.safe))
        if accepted and f.fix is not None and f.fix.end <= end:
            cert = _certainty(confidence.get((f.start, f.end)))
            opening = f"<choice><sic>{_text(report.text[f.fix.start : f.fix.end])}</sic>"
            closing = f'<corr cert="{cert}">{_text(f.fix.replacement)}</corr></choice>'
            spans.append(_Span(f.fix.start, -f.fix.end, 2, opening, closing, ""))
        elif f.end <= end:
            notes.append(f)
    return sorted(spans), notes


def _certainty(confidence: float | None) -> str:
    if confidence is None:
        return "unknown"
    return "high" if confidence >= 0.9 else "medium" if confidence >= 0.7 else "low"


def _body(text: str, start: int, end: int, spans: list[_Span], notes: list[Finding]) -> str:
    """Paragraphs of ``text[start:end]`` with the spans that nest inside them."""
    out = []
    pieces = [m.start() for m in _PARAGRAPH.finditer(text, start, end)]
    bounds = []
    at = start
    for cut in pieces:
        bounds.append((at, cut))
        at = _PARAGRAPH.match(text, cut).end()  # type: ignore[union-attr]
    bounds.append((at, end))
    span_at = 0
    note_list = sorted(notes, key=lambda f: (f.end, f.start))
    note_at = 0
    open_div = False
    for a, b in bounds:
        while span_at < len(spans) and spans[span_at].start < a:
            span_at += 1
        inside = []
        while span_at < len(spans) and spans[span_at].start < b:
            inside.append(spans[span_at])
            span_at += 1
        mine = []
        while note_at < len(note_list) and note_list[note_at].end <= b:
            mine.append(note_list[note_at])
            note_at += 1
        block = text[a:b].strip()
        if not block:
            continue
        heading = _HEADING.match(text, a)
        if heading and "\n" not in text[a:b].strip():
            if open_div:
                out.append("</div>")
            inner = _inline(text, heading.end(), b, inside, mine)
            out.append(f"<div><head>{inner}</head>")
            open_div = True
            continue
        out.append(f"<p>{_inline(text, a, b, inside, mine)}</p>")
    if open_div:
        out.append("</div>")
    return "\n".join(out) or "<p/>"


def _inline(text: str, start: int, end: int, spans: list[_Span], notes: list[Finding]) -> str:
    """``text[start:end]`` with the spans that lie inside it, properly nested."""
    kept: list[_Span] = []
    stack: list[_Span] = []
    for span in spans:
        if span.start < start or span.end > end or span.end <= span.start:
            continue
        while stack and stack[-1].end <= span.start:
            stack.pop()
        if stack and span.end > stack[-1].end:
            continue  # it would cross the edge of the span it starts in
        if stack and stack[-1].replace is not None:
            continue  # nothing goes inside a correction
        kept.append(span)
        stack.append(span)
    events: list[tuple[int, int, str]] = []  # offset, order, markup
    for number, span in enumerate(kept):
        events.append((span.start, 1 + number, span.open_))
        events.append((span.end, -1 - number, span.close))
    for f in notes:
        message = f"{f.code} {f.rule}: {f.message}"
        if f.suggestion:
            message += f" ({f.suggestion})"
        note = f'<note type="citetrace" subtype="{f.rule}">{_text(message)}</note>'
        events.append((max(start, min(f.end, end)), 0, note))
    events.sort(key=lambda e: (e[0], e[1]))
    out = []
    at = start
    hidden = 0  # inside a correction, whose text its <sic> already holds
    for offset, _order, markup in events:
        if offset > at:
            if not hidden:
                out.append(_text(text[at:offset]))
            at = offset
        out.append(markup)
        if markup.startswith("<choice>"):
            hidden += 1
        elif markup.endswith("</choice>"):
            hidden -= 1
    if end > at and not hidden:
        out.append(_text(text[at:end]))
    return " ".join("".join(out).split())
