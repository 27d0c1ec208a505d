"""TEI P5 (scholarly editions): the text, pages and lines, notes apart, the bibliography.

``<pb n="…"/>`` and ``<lb/>`` give each run of text its page and line in the
edited witness (beside its line and column in the XML file). The edition's
own corrections are respected: of ``<choice>`` the corrected reading
(``corr``, ``reg``, ``expan``) is audited and marked as corrected, so the OCR
rules leave it alone; ``<del>`` is left out. ``<note>`` is written after the
text under ``Notes``; each ``<bibl>`` or ``<biblStruct>`` of a ``<listBibl>``
is a reference entry (its ``xml:id`` marked), and ``<ref target="#id">`` or
an inline ``<bibl>`` in the text a citation the editors placed.
"""

from __future__ import annotations

import re

from citetrace.inputs.formats.flow import NOTES_HEADING, NOWHERE, REFERENCE_HEADING, Flow
from citetrace.inputs.formats.xmltree import Chars, Element
from citetrace.inputs.markup import MarkedCitation, MarkedEntry, Markup

SKIP = frozenset({"teiHeader", "del", "gap", "figDesc", "graphic", "fw", "facsimile", "sic"})
BLOCK = frozenset(
    {"p", "head", "div", "lg", "l", "list", "item", "ab", "quote", "cit", "figure", "table",
     "row", "byline", "dateline", "opener", "closer", "salute", "signed", "argument",
     "epigraph", "trailer", "docTitle", "titlePart", "sp", "speaker", "castList"}
)  # fmt: skip
CORRECTED = ("corr", "reg", "expan")
ORIGINAL = ("sic", "orig", "abbr")
_YEAR = re.compile(r"\d{4}[a-z]?")


class _Reader:
    def __init__(self) -> None:
        self.flow = Flow()
        self.notes: list[Element] = []
        self.bibliographies: list[Element] = []
        self.citations: list[MarkedCitation] = []
        self.corrected: list[tuple[int, int]] = []
        self.page: str | None = None
        self.page_line = 0
        self._labels: dict[tuple, dict] = {}

    def label(self, element: Element) -> dict:
        key = (id(element), self.page, self.page_line)
        label = self._labels.get(key)
        if label is None:
            label = {"xpath": element.path}
            if self.page is not None:
                label["page"] = self.page
            if self.page_line:
                label["page_line"] = self.page_line
            label = self._labels[key] = label
        return label

    def walk(self, element: Element, apart: bool = True) -> None:
        tag = element.tag
        flow = self.flow
        if tag in SKIP:
            return
        if tag == "pb":
            self.page, self.page_line = element.get("n") or str(_count(self.page)), 0
            return
        if tag == "lb":
            self.page_line += 1
            if element.get("break") != "no":
                flow.space()
            return
        if tag == "note" and element.get("type") == "citetrace":
            return  # a finding an earlier audit wrote in: not the edition's text
        if apart and tag == "note":
            self.notes.append(element)
            return
        if tag == "listBibl":
            self.bibliographies.append(element)
            return
        if tag == "choice":
            chosen = next((c for c in element.elements() if c.tag in CORRECTED), None)
            if chosen is None:
                chosen = next(iter(element.elements()), None)
            if chosen is not None:
                start = flow.mark
                self.walk(chosen, apart)
                if chosen.tag in CORRECTED and flow.length > start:
                    self.corrected.append((start, flow.length))
            return
        cited = (tag == "ref" and (element.get("target") or "").startswith("#")) or tag == "bibl"
        block = tag in BLOCK
        if block:
            flow.paragraph()
        start = flow.mark
        label = self.label(element)
        for child in element.children:
            if isinstance(child, Chars):
                flow.write(child.text, label, child.line, child.column)
            else:
                self.walk(child, apart)
                if child.tag in ("lb", "pb"):
                    label = self.label(element)
        if cited and flow.length > start:
            pointer = element.get("target") or element.get("corresp") or ""
            targets = tuple(t[1:] for t in pointer.split() if t.startswith("#"))
            self.citations.append(MarkedCitation(start, flow.length, targets))
        if tag == "corr" and flow.length > start:  # a correction outside <choice>
            self.corrected.append((start, flow.length))
        if block:
            flow.paragraph()


def _inside_text(element: Element) -> bool:
    """Whether ``element`` stands inside another ``<text>`` (a ``<group>``'s)."""
    node = element.parent
    while node is not None:
        if node.tag == "text":
            return True
        node = node.parent
    return False


def _count(page: str | None) -> int:
    return int(page) + 1 if page and page.isascii() and page.isdigit() else 1


def read_tei(root: Element) -> tuple[Flow, Markup]:
    """The audited text of a TEI document and what its markup says."""
    reader = _Reader()
    flow = reader.flow
    texts = [t for t in root.iter("text") if not _inside_text(t)] or [root]
    for text in texts:  # a teiCorpus holds several
        flow.paragraph()
        reader.walk(text)
    if reader.notes:
        flow.line(NOTES_HEADING, NOWHERE)
        for note in reader.notes:
            flow.paragraph()
            reader.walk(note, apart=False)
            flow.paragraph()
    entries = []
    items = [
        e for listing in reader.bibliographies for e in listing.elements()
        if e.tag in ("bibl", "biblStruct")
    ]  # fmt: skip
    if items:
        flow.line(REFERENCE_HEADING, NOWHERE)
        for item in items:
            flow.paragraph()
            start = flow.mark
            if item.tag == "biblStruct":
                flow.composed(_struct(item), reader.label(item), item.line, item.column)
            else:
                before = len(reader.citations)
                reader.walk(item, apart=False)
                del reader.citations[before:]  # an entry is not a citation
            end = flow.length
            flow.paragraph()
            if item.get("id") and end > start:
                entries.append(MarkedEntry(item.get("id") or "", start, end, *_tagged(item)))
    markup = Markup("tei", tuple(reader.citations), tuple(entries), tuple(reader.corrected))
    return flow, markup


def _tagged(item: Element) -> tuple[tuple[str, ...], str | None]:
    """The authors' surnames and the year, as the editors tagged them."""
    names = []
    for author in item.iter("author"):
        surname = author.find("surname")
        names.append((surname or author).text())
    date = item.find("date")
    year = None
    if date is not None:
        m = _YEAR.search(date.get("when") or date.text())
        year = m.group() if m else None
    return tuple(n for n in names if n), year


def _struct(item: Element) -> str:
    """A ``biblStruct`` as one printed line: ``Surname, Forename. Year. Title. Where.``"""
    names = []
    for author in item.iter("author", "editor"):
        surname, forename = author.find("surname"), author.find("forename")
        if surname is not None:
            names.append(", ".join(e.text() for e in (surname, forename) if e is not None))
        else:
            names.append(author.text())
    year = _tagged(item)[1]
    titles = [t.text() for t in item.iter("title")]
    place = [e.text() for e in item.iter("pubPlace", "publisher")]
    parts = ["; ".join(names), year or "n.d.", *titles[:2], ", ".join(place)]
    return " ".join(p.rstrip(".") + "." for p in parts if p)
