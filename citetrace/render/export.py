"""The reference list as citetrace parsed it, for reference managers: CSL-JSON,
BibTeX and RIS.

Each entry carries what the printed list gives (authors, year, title,
container, pages, DOI, where present) and, in a note, the citations that reach
it: how many, and the first locators. Output is deterministic: the same
documents give the same bytes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from citetrace.linking.entry_fields import EntryFields, entry_fields, work_key
from citetrace.model import DocumentReport, Reference
from citetrace.output import dumps

FORMATS = ("csl-json", "bibtex", "ris")
SHOWN_LOCATORS = 5


@dataclass(frozen=True)
class _Entry:
    key: str
    ref: Reference
    fields: EntryFields
    note: str
    document: str


def _entries(reports: Sequence[DocumentReport]) -> list[_Entry]:
    """Every reference entry of every document, with a unique key and its note."""
    used: set[str] = set()
    out = []
    for report in reports:
        reached: dict[str, list] = defaultdict(list)
        for c in report.citations:
            if c.reference:
                reached[c.reference].append(c)
        for ref in report.references:
            cites = reached.get(ref.id, [])
            places = list(dict.fromkeys(c.locator or c.date for c in cites if c.locator or c.date))
            note = f"cited {len(cites)} time{'s' * (len(cites) != 1)} in {report.path}"
            if places:
                more = len(places) - SHOWN_LOCATORS
                shown = "; ".join(places[:SHOWN_LOCATORS]) + (f"; {more} more" if more > 0 else "")
                note += f" ({shown})"
            out.append(_Entry(_key(ref, used), ref, entry_fields(ref), note, report.path))
    return out


def _key(ref: Reference, used: set[str]) -> str:
    """``pike1987``, ``pike1987-2`` for a second one: ASCII, unique in the export."""
    key = base = work_key(ref)
    number = 1
    while key in used:
        number += 1
        key = f"{base}-{number}"
    used.add(key)
    return key


def _kind(entry: _Entry) -> str:
    if entry.ref.periodical:
        return "periodical"
    if (entry.fields.container and entry.fields.quoted_title) or entry.fields.pages:
        return "article-journal"
    return "book"


def _optional(entry: _Entry, names: dict[str, str]) -> list[tuple[str, str]]:
    """The fields the entry has, under the names a format gives them."""
    fields = entry.fields
    values = {
        "container": fields.container,
        "pages": fields.pages,
        "doi": fields.doi,
        "publisher": fields.publisher,
        "place": fields.place,
    }
    return [(names[k], v) for k, v in values.items() if v and k in names]


def to_csl_json(reports: Sequence[DocumentReport]) -> str:
    """CSL-JSON: a list of items, as Zotero imports it."""
    names = {"container": "container-title", "pages": "page", "doi": "DOI",
             "publisher": "publisher", "place": "publisher-place"}  # fmt: skip
    items = []
    for entry in _entries(reports):
        ref = entry.ref
        item: dict = {"id": entry.key, "type": _kind(entry)}
        if ref.authors and not ref.periodical:
            item["author"] = [{"family": name} for name in ref.authors]
        if ref.year:
            item["issued"] = {"date-parts": [[int(ref.year[:4])]]}
        item["title"] = entry.fields.title or ref.key
        item.update(_optional(entry, names))
        item["note"] = entry.note
        items.append(item)
    return dumps(items, True) + "\n"


_BIBTEX_TYPE = {"article-journal": "article", "book": "book", "periodical": "misc"}


def to_bibtex(reports: Sequence[DocumentReport]) -> str:
    """BibTeX, written by bibtexparser: one entry each, braces and specials escaped."""
    import bibtexparser
    from bibtexparser.model import Entry, Field

    library = bibtexparser.Library()
    for entry in _entries(reports):
        ref = entry.ref
        kind = _kind(entry)
        names = {
            "container": "journal" if kind == "article-journal" else "booktitle",
            "pages": "pages",
            "doi": "doi",
            "publisher": "publisher",
            "place": "address",
        }
        values = []
        if ref.authors and not ref.periodical:
            values.append(("author", " and ".join(_braced(a) for a in ref.authors)))
        if ref.year:
            values.append(("year", ref.year[:4]))
        values.append(("title", _braced(entry.fields.title or ref.key)))
        for name, value in _optional(entry, names):
            if name == "pages":
                value = value.replace("–", "--")
            values.append((name, value if name == "doi" else _escaped(value)))
        values.append(("note", _escaped(entry.note)))
        library.add(Entry(_BIBTEX_TYPE[kind], entry.key, [Field(k, v) for k, v in values]))
    return bibtexparser.write_string(library)


_TEX = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def _escaped(value: str) -> str:
    """Text safe inside BibTeX braces: each character TeX gives a meaning escaped,
    in one pass (so an escape's own braces are not escaped again)."""
    return "".join(_TEX.get(ch, ch) for ch in value)


def _braced(value: str) -> str:
    """A name or title kept as written (capitals, a corporate author's spaces)."""
    escaped = _escaped(value)
    return "{" + escaped + "}" if " " in value or any(ch.isupper() for ch in value[1:]) else escaped


_RIS_TYPE = {"article-journal": "JOUR", "book": "BOOK", "periodical": "NEWS"}


def to_ris(reports: Sequence[DocumentReport]) -> str:
    """RIS, written by rispy (without the numbers it puts before each record)."""
    import rispy

    class _Writer(rispy.RisWriter):
        def set_header(self, count: int) -> str:
            return ""

    names = {"container": "secondary_title", "doi": "doi", "publisher": "publisher",
             "place": "place_published"}  # fmt: skip
    records = []
    for entry in _entries(reports):
        ref = entry.ref
        record: dict = {"type_of_reference": _RIS_TYPE[_kind(entry)], "id": entry.key}
        if ref.authors and not ref.periodical:
            record["authors"] = list(ref.authors)
        if ref.year:
            record["year"] = ref.year[:4]
        record["title"] = entry.fields.title or ref.key
        record.update(_optional(entry, names))
        if entry.fields.pages:
            first, _, last = entry.fields.pages.partition("–")
            record["start_page"], record["end_page"] = first, last
        record["notes"] = [entry.note]
        records.append(record)
    return rispy.dumps(records, implementation=_Writer)


EXPORTERS = {"csl-json": to_csl_json, "bibtex": to_bibtex, "ris": to_ris}
