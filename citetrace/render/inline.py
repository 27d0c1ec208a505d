"""Markup over runs of a document's text, for the XML exports (TEI, JATS).

Spans (a citation, a claim, a correction) are laid over the text paragraph by
paragraph; a span that would cross another's edge, or a paragraph break, is
left out, so the nesting always holds. Points (a note) are put where they fall.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_HEADING = re.compile(r"(#{1,6})[ \t]+")
_PARAGRAPH = re.compile(r"\n[ \t]*\n\s*")


def xml_text(value: str) -> str:
    """Text as XML character data (characters XML 1.0 forbids as U+FFFD)."""
    return escape(_INVALID_XML.sub("\ufffd", value))


def xml_attribute(value: str) -> str:
    """A quoted XML attribute value."""
    return quoteattr(_INVALID_XML.sub("\ufffd", value))


@dataclass(frozen=True, order=True)
class Span:
    """Markup over ``text[start:end]``: opened by ``open_``, closed by ``close``;
    ``rank`` orders spans that start together (outer first)."""

    start: int
    neg_end: int
    rank: int
    open_: str
    close: str
    replace: str | None = None  # set: the span's markup replaces its text (a correction)

    @property
    def end(self) -> int:
        return -self.neg_end


@dataclass(frozen=True)
class Layout:
    """The elements a format writes: a paragraph, and a section opened by a heading."""

    paragraph: tuple[str, str] = ("<p>", "</p>")
    section: tuple[str, str, str] = ("<div><head>", "</head>", "</div>")  # open, after head, close


def blocks(
    text: str,
    start: int,
    end: int,
    spans: list[Span],
    points: list[tuple[int, str]],
    layout: Layout = Layout(),
) -> str:
    """Paragraphs of ``text[start:end]`` (sections at Markdown headings), with the
    ``spans`` (sorted) that nest inside them and the ``points`` (offset, markup)."""
    out = []
    pieces = [m.start() for m in _PARAGRAPH.finditer(text, start, end)]
    bounds = []
    at = start
    for cut in pieces:
        bounds.append((at, cut))
        at = _PARAGRAPH.match(text, cut).end()  # type: ignore[union-attr]
    bounds.append((at, end))
    span_at = 0
    point_list = sorted(points, key=lambda p: p[0])
    point_at = 0
    open_div = False
    for a, b in bounds:
        while span_at < len(spans) and spans[span_at].start < a:
            span_at += 1
        inside = []
        while span_at < len(spans) and spans[span_at].start < b:
            inside.append(spans[span_at])
            span_at += 1
        mine = []
        while point_at < len(point_list) and point_list[point_at][0] <= b:
            mine.append(point_list[point_at])
            point_at += 1
        block = text[a:b].strip()
        if not block:
            continue
        heading = _HEADING.match(text, a)
        if heading and "\n" not in text[a:b].strip():
            if open_div:
                out.append(layout.section[2])
            inner = inline(text, heading.end(), b, inside, mine)
            out.append(f"{layout.section[0]}{inner}{layout.section[1]}")
            open_div = True
            continue
        opening, closing = layout.paragraph
        out.append(f"{opening}{inline(text, a, b, inside, mine)}{closing}")
    if open_div:
        out.append(layout.section[2])
    return "\n".join(out) or "<p/>"


def inline(
    text: str, start: int, end: int, spans: list[Span], points: list[tuple[int, str]]
) -> str:
    """``text[start:end]`` with the spans that lie inside it, properly nested."""
    kept: list[Span] = []
    stack: list[Span] = []
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
    events: list[tuple[int, int, str, int]] = []  # offset, order, markup, hides
    for number, span in enumerate(kept):
        hides = span.replace is not None  # its own markup stands for the text it covers
        events.append((span.start, 1 + number, span.open_, hides))
        events.append((span.end, -1 - number, span.close, -hides))
    for offset, markup in points:
        events.append((max(start, min(offset, end)), 0, markup, 0))
    events.sort(key=lambda e: (e[0], e[1]))
    out = []
    at = start
    hidden = 0
    for offset, _order, markup, hides in events:
        if offset > at:
            if not hidden:
                out.append(xml_text(text[at:offset]))
            at = offset
        out.append(markup)
        hidden += hides
    if end > at and not hidden:
        out.append(xml_text(text[at:end]))
    return " ".join("".join(out).split())
