"""DOCX (Word): paragraphs, footnotes and endnotes, and reference-manager citations.

The body's paragraphs are read in order (tables cell by cell), each run of
text labelled with its paragraph's number; footnotes and endnotes follow the
body under ``Notes``, labelled with their number. A citation that Zotero or
Mendeley inserted is a field whose code holds CSL-JSON (``ADDIN
ZOTERO_ITEM CSL_CITATION {…}``): its visible text becomes a marked
citation carrying each cited item's surnames and year, which the audit
links to the reference list exactly.
"""

from __future__ import annotations

import io
import json
import zipfile

from citetrace.inputs.csl import as_text, surnames, year
from citetrace.inputs.document import is_reference_heading
from citetrace.inputs.formats.flow import NOTES_HEADING, NOWHERE, Flow
from citetrace.inputs.formats.xmltree import Chars, Element, parse_xml
from citetrace.inputs.load import InputError
from citetrace.inputs.markup import CitedItem, MarkedCitation, Markup

_LARGEST_PART = 100 * 1024 * 1024  # a zip bomb's part is refused before it is read


class _Reader:
    def __init__(self) -> None:
        self.flow = Flow(advancing=False)
        self.citations: list[MarkedCitation] = []
        self._field: list[str] | None = None  # the code of the field being read
        self._field_start = 0
        self._items: tuple[CitedItem, ...] = ()
        self._in_result = False

    def paragraphs(self, container: Element, label_of, notes=None) -> None:
        """Each paragraph of ``container``; ``notes()`` is written before the
        reference list's heading (or at the end), so the list stays last."""
        for number, element in enumerate(_paragraphs(container), 1):
            if notes is not None and is_reference_heading(element.text()):
                notes()
                notes = None
            self.flow.paragraph()
            self._runs(element, label_of(number))
            self.flow.paragraph()
        if notes is not None:
            notes()

    def notes(self, parts: list[tuple[str, Element | None]]) -> None:
        """Footnotes and endnotes, under a ``Notes`` heading."""
        first = True
        for kind, root in parts:
            for note in root.iter(kind) if root is not None else ():
                if note.get("type") in ("separator", "continuationSeparator"):
                    continue
                if first:
                    self.flow.line(NOTES_HEADING, NOWHERE)
                    first = False
                label = {"note" if kind == "footnote" else kind: note.get("id") or "?"}
                self.paragraphs(note, lambda n, label=label: label)

    def _runs(self, element: Element, label: dict) -> None:
        for child in element.elements():
            tag = child.tag
            if tag in _NOT_READ:
                continue
            if tag == "t":
                for part in child.children:
                    if isinstance(part, Chars):
                        self.flow.write(part.text, label)
            elif tag in ("tab", "br", "cr"):
                self.flow.space()
            elif tag == "noBreakHyphen":
                self.flow.write("-", label)
            elif tag == "fldChar":
                self._field_char(child.get("fldCharType") or "")
            elif tag == "instrText":
                if self._field is not None:
                    self._field.append(child.text())
            elif tag == "fldSimple":
                self._field_char("begin")
                self._field = [child.get("instr") or ""]
                self._field_char("separate")
                self._runs(child, label)
                self._field_char("end")
            else:
                self._runs(child, label)

    def _field_char(self, kind: str) -> None:
        if kind == "begin":
            self._field, self._items = [], ()
        elif kind == "separate" and self._field is not None:
            self._items = _cited_items(" ".join(self._field))
            self._field_start = self.flow.mark
        elif kind == "end" and self._field is not None:
            if self._items and self.flow.length > self._field_start:
                self.citations.append(
                    MarkedCitation(self._field_start, self.flow.length, (), self._items)
                )
            self._field, self._items = None, ()


# Not the paragraph's own live text: text boxes (read once, as their own
# paragraphs), the fallback copy of an alternative, tracked deletions and moves.
_NOT_READ = frozenset({"txbxContent", "Fallback", "del", "moveFrom", "delText", "p"})


def _paragraphs(container: Element):
    """The paragraphs of ``container`` in order, tables and text boxes included, a
    paragraph inside another (a text box's) after it, each once."""
    stack: list[Element] = [container]
    while stack:
        node = stack.pop()
        if node.tag == "p" and node is not container:
            yield node
        if node.tag in ("Fallback", "del", "moveFrom"):
            continue
        kids = node.elements()
        stack.extend(reversed(kids))


def _cited_items(code: str) -> tuple[CitedItem, ...]:
    """The items of a reference manager's citation field (CSL-JSON in its code);
    none when the data is not what CSL-JSON says it is."""
    if "CSL_CITATION" not in code or "{" not in code:
        return ()
    try:
        data = json.loads(code[code.find("{") :])
    except ValueError:
        return ()
    entries = data.get("citationItems") if isinstance(data, dict) else None
    items = []
    for entry in entries if isinstance(entries, list) else ():
        item = entry.get("itemData") if isinstance(entry, dict) else None
        if isinstance(item, dict):
            items.append(
                CitedItem(
                    surnames(item),
                    year(item.get("issued")),
                    as_text(item.get("id")),
                    as_text(item.get("title")),
                )
            )
    return tuple(items)


def read_docx(data: bytes, path: str) -> tuple[Flow, Markup]:
    """The text of a Word document: body, then footnotes and endnotes."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise InputError(path, "not a DOCX file (not a zip archive)") from None
    with archive:
        body = _part(archive, "word/document.xml", path)
        if body is None:
            raise InputError(path, "not a DOCX file (no word/document.xml)")
        reader = _Reader()
        notes = [
            (kind, _part(archive, f"word/{kind}s.xml", path)) for kind in ("footnote", "endnote")
        ]
        reader.paragraphs(body, lambda n: {"paragraph": n}, lambda: reader.notes(notes))
    return reader.flow, Markup("docx", tuple(reader.citations))


def _part(archive: zipfile.ZipFile, name: str, path: str) -> Element | None:
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    if info.file_size > _LARGEST_PART:
        raise InputError(path, f"{name} inside the DOCX is too large to read")
    try:
        data = archive.read(info)
    except (zipfile.BadZipFile, OSError, RuntimeError) as exc:
        raise InputError(path, f"damaged DOCX ({exc})") from None
    return parse_xml(data, f"{path}:{name}")
