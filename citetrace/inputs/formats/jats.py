"""JATS XML (journal articles): the title, the body, notes apart, the reference list.

The publisher's ``<xref ref-type="bibr" rid="…">`` become marked citations
and each ``<ref id="…">`` a marked entry, so that the audit can check every
link the publisher made. Tables, formulas, graphics and other non-prose are
left out; figure and table captions are kept as paragraphs where they stand;
footnotes, acknowledgements and appendices follow the body under ``Notes``.
"""

from __future__ import annotations

import re

from citetrace.inputs.formats.flow import NOTES_HEADING, NOWHERE, REFERENCE_HEADING, Flow
from citetrace.inputs.formats.xmltree import Chars, Element
from citetrace.inputs.markup import MarkedCitation, MarkedEntry, Markup

SKIP = frozenset(
    {
        "table", "disp-formula", "disp-formula-group", "tex-math", "graphic", "inline-graphic",
        "media", "object-id", "alt-text", "long-desc", "annotation", "annotation-xml",
        "sub-article", "ref-list", "chem-struct", "preformat", "code", "label",
    }
)  # fmt: skip
BLOCK = frozenset(
    {
        "body", "sec", "p", "title", "list", "list-item", "disp-quote", "attrib", "boxed-text",
        "caption", "statement", "def-list", "def-item", "term", "def", "verse-group",
        "verse-line", "speech", "glossary", "fig", "table-wrap", "supplementary-material",
        "ack", "app", "app-group", "notes", "fn", "fn-group", "subtitle", "trans-title",
    }
)  # fmt: skip
BACK_PROSE = ("ack", "app-group", "app", "notes", "sec", "fn-group", "glossary")
_YEAR = re.compile(r"\d{4}[a-z]?")


class _Reader:
    def __init__(self) -> None:
        self.flow = Flow()
        self.citations: list[MarkedCitation] = []
        self.notes: list[Element] = []
        self.elsewhere: set[str] = set()
        self._labels: dict[int, dict] = {}
        self._in_cite = False

    def label(self, element: Element) -> dict:
        label = self._labels.get(id(element))
        if label is None:
            label = self._labels[id(element)] = {"xpath": element.path}
        return label

    def walk(self, element: Element, cite: bool = True, notes_apart: bool = True) -> None:
        tag = element.tag
        if tag in SKIP:
            for xref in element.iter("xref"):  # a table cites too, though it is not prose
                if xref.get("ref-type") == "bibr":
                    self.elsewhere.update((xref.get("rid") or "").split())
            return
        if tag == "fn" and notes_apart:
            self.notes.append(element)
            return
        if tag == "pub-id" and element.get("pub-id-type") in ("pmid", "pmcid"):
            return
        if tag == "etal" and not element.children:
            self.flow.write("et al", NOWHERE)
            return
        block = tag in BLOCK
        if block:
            self.flow.paragraph()
        marked = cite and not self._in_cite and tag == "xref" and element.get("ref-type") == "bibr"
        start = self.flow.mark
        if marked:
            self._in_cite = True
        label = self.label(element)
        children = element.children
        # Names a publisher set side by side with nothing between them: print a comma.
        bare = tag == "person-group" and not any(
            isinstance(c, Chars) and c.text.strip() for c in children
        )
        previous: Element | None = None
        for child in children:
            if isinstance(child, Chars):
                self.flow.write(child.text, label, child.line, child.column)
                continue
            if bare and previous is not None:
                self.flow.write(", ", NOWHERE)
            elif child.tag in ("pub-id", "break", "given-names", "surname", "suffix"):
                self.flow.space()
            self.walk(child, cite, notes_apart)
            previous = child
        if marked:
            self._in_cite = False
            targets = tuple((element.get("rid") or "").split())
            if self.flow.length > start:
                self.citations.append(MarkedCitation(start, self.flow.length, targets))
        if block:
            self.flow.paragraph()


def read_jats(root: Element) -> tuple[Flow, Markup]:
    """The audited text of a JATS article and what its markup says."""
    reader = _Reader()
    flow = reader.flow
    front = root.find("front")
    if front is not None and (title := front.find("article-title")) is not None:
        reader.walk(title, cite=False)
        flow.paragraph()
    body = root.find("body")
    if body is not None:
        reader.walk(body)
    back = root.find("back")
    apart = [c for c in back.elements() if c.tag in BACK_PROSE] if back is not None else []
    if reader.notes or apart:
        flow.line(NOTES_HEADING, NOWHERE)
        for note in reader.notes:
            reader.walk(note, notes_apart=False)
        for element in apart:
            reader.walk(element, notes_apart=False)
    entries = []
    refs = [] if back is None else list(back.iter("ref"))
    if refs:
        flow.line(REFERENCE_HEADING, NOWHERE)
        for ref in refs:
            start = flow.mark
            _reference(reader, ref)
            end = flow.length
            flow.paragraph()
            if ref.get("id") and end > start:
                surnames, year = _tagged(ref)
                entries.append(MarkedEntry(ref.get("id") or "", start, end, surnames, year))
    markup = Markup(
        "jats",
        tuple(reader.citations),
        tuple(entries),
        cited_elsewhere=frozenset(reader.elsewhere),
    )
    return flow, markup


def _reference(reader: _Reader, ref: Element) -> None:
    """One entry on one line: the printed form when the publisher gave one."""
    flow = reader.flow
    cits = {c.tag: c for c in ref.iter("mixed-citation", "element-citation", "citation")}
    mixed = cits.get("mixed-citation") or cits.get("citation")
    if mixed is not None and _printed(mixed):
        reader.walk(mixed, cite=False, notes_apart=False)
        return
    cit = cits.get("element-citation") or mixed or ref
    label = reader.label(cit)
    names = _names(cit)
    year = cit.find("year")
    title = cit.find("article-title", "chapter-title", "data-title", "part-title")
    source = cit.find("source")
    parts = [", ".join(names)]
    parts.append(year.text() if year is not None else "n.d.")
    parts += [e.text() for e in (title, source) if e is not None]
    volume, fpage, lpage = cit.find("volume"), cit.find("fpage"), cit.find("lpage")
    pages = "–".join(e.text() for e in (fpage, lpage) if e is not None)
    where = " ".join(x for x in ((volume.text() if volume is not None else ""), pages) if x)
    if where:
        parts.append(where)
    for part in parts:
        if part:
            flow.composed(part.rstrip(".") + ". ", label, cit.line, cit.column)


def _tagged(ref: Element) -> tuple[tuple[str, ...], str | None]:
    """The authors' surnames and the year, as the publisher tagged them (names in
    an editors' group are not the authors')."""
    year_element = ref.find("year")
    m = _YEAR.search(year_element.text()) if year_element is not None else None
    year = m.group() if m else None
    surnames = []
    for element in ref.iter("name", "string-name", "collab", "person-group"):
        if element.tag == "person-group":
            continue
        surname = element.find("surname") if element.tag != "collab" else None
        surnames.append((surname or element).text())
    editors = {
        id(n)
        for g in ref.iter("person-group")
        if g.get("person-group-type", "author") != "author"
        for n in g.iter("name", "string-name", "collab")
    }
    authors = [
        s for s, n in zip(surnames, _named_elements(ref), strict=True) if id(n) not in editors and s
    ]
    return tuple(authors or [s for s in surnames if s]), year


def _named_elements(ref: Element) -> list[Element]:
    return list(ref.iter("name", "string-name", "collab"))


def _names(cit: Element) -> list[str]:
    """The authors (else the editors) as ``Surname GN``."""
    groups = list(cit.iter("person-group"))
    group = next(
        (g for g in groups if g.get("person-group-type", "author") == "author"),
        groups[0] if groups else cit,
    )
    names = []
    for name in group.elements() if group is not cit else cit.elements():
        if name.tag in ("name", "string-name"):
            surname, given = name.find("surname"), name.find("given-names")
            text = " ".join(e.text() for e in (surname, given) if e is not None) or name.text()
            names.append(text)
        elif name.tag == "collab":
            names.append(name.text())
        elif name.tag == "etal":
            names.append("et al")
    return names


def _printed(mixed: Element) -> bool:
    """A mixed citation that carries its own punctuation between its parts."""
    return any(isinstance(c, Chars) and c.text.strip() for c in mixed.children)
