"""Bibliography files: BibTeX/BibLaTeX, CSL-JSON and RIS → entries citations can link to.

Each entry keeps its key, every author's family name (corporate authors whole,
``and others`` dropped), its year (with a letter, ``2004a``, where the key or
the year gives one), title, container and DOI, and the file and line it
stands on. Parsing is done by well-kept libraries (``bibtexparser`` with
``pylatexenc`` for LaTeX accents, ``rispy``); a file they cannot read is one
:class:`~citetrace.inputs.load.InputError` naming the file and line. An entry
without author or year is kept (the audit reports it), never dropped.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from functools import lru_cache

from citetrace.inputs.csl import as_text, surnames, year
from citetrace.inputs.load import InputError, decode, read_bytes

_YEAR = re.compile(r"(?<!\d)(1[4-9]\d\d|20\d\d)([a-z]?)(?![\d])")
FORMATS = {".bib": "bibtex", ".bibtex": "bibtex", ".json": "csl-json", ".ris": "ris"}


@dataclass(frozen=True, slots=True)
class BibEntry:
    """One entry of a bibliography file."""

    key: str
    authors: tuple[str, ...]
    year: str | None
    title: str
    container: str
    doi: str
    file: str
    line: int  # 1-based, where the entry starts in its file
    kind: str = ""

    def origin(self) -> dict:
        """Where the entry stands, as findings give it."""
        return {"file": self.file, "line": self.line, "key": self.key}

    def printed(self) -> str:
        """The entry as a line of a reference list: ``Pike, Müller (1987). Title. Boulder.``"""
        who = ", ".join(self.authors) or self.key
        parts = [f"{who} ({self.year or 'n.d.'})", self.title, self.container]
        return ". ".join(p.rstrip(".") for p in parts if p) + "."


def read_bibliography(path: str) -> tuple[BibEntry, ...]:
    """The entries of one bibliography file, by its extension; read once per process
    for as long as the file is unchanged."""
    try:
        info = os.stat(path)
    except OSError:
        raise InputError(path, "no such bibliography file") from None
    return _read(path, info.st_mtime_ns, info.st_size)


@lru_cache(maxsize=32)
def _read(path: str, _mtime: int, _size: int) -> tuple[BibEntry, ...]:
    kind = FORMATS.get(os.path.splitext(path)[1].lower())
    if kind is None:
        raise InputError(path, "not a bibliography (.bib, .json for CSL-JSON, or .ris)")
    try:
        text = decode(read_bytes(path), path)
    except InputError as exc:
        raise InputError(
            path, exc.reason.split(";")[0] + "; a bibliography must be UTF-8"
        ) from None
    if kind == "bibtex":
        return tuple(_bibtex(text, path))
    if kind == "ris":
        return tuple(_ris(text, path))
    return tuple(_csl_json(text, path))


# --- BibTeX and BibLaTeX --------------------------------------------------------


def _bibtex(text: str, path: str) -> list[BibEntry]:
    import logging

    import bibtexparser
    from bibtexparser.middlewares import SeparateCoAuthors

    logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)  # failures are ours to say

    library = bibtexparser.parse_string(text, append_middleware=[SeparateCoAuthors()])
    if library.failed_blocks:
        block = library.failed_blocks[0]
        line = block.start_line + 1
        if type(block).__name__ == "DuplicateBlockKeyBlock":
            raise InputError(path, f"line {line}: the key {block.key!r} is used twice")
        raise InputError(path, f"line {line}: a BibTeX entry that cannot be read")
    values = {
        entry.key: {k.lower(): f.value for k, f in entry.fields_dict.items()}
        for entry in library.entries
    }
    entries = []
    for entry in library.entries:
        value = dict(values[entry.key])
        parent = values.get(str(value.get("crossref", "")).strip(), {})
        for name, inherited in parent.items():  # a crossref gives what the entry lacks
            value.setdefault("booktitle" if name == "title" else name, inherited)
        names = value.get("author") or value.get("editor") or []
        if isinstance(names, str):
            names = [names]
        authors = tuple(s for s in (_bibtex_surname(n) for n in names) if s)
        entries.append(
            BibEntry(
                entry.key,
                authors,
                _bibtex_year(value, entry.key),
                _latex(value.get("title", "")),
                _latex(
                    value.get("journal")
                    or value.get("journaltitle")
                    or value.get("booktitle")
                    or value.get("publisher")
                    or ""
                ),
                value.get("doi", "").strip(),
                path,
                entry.start_line + 1,
                entry.entry_type.lower(),
            )
        )
    return entries


def _bibtex_surname(name: str) -> str:
    """The family name of a BibTeX name: ``Pike, Douglas`` and ``Douglas Pike`` →
    ``Pike``; ``{World Bank}`` whole; ``Jean de La Fontaine`` → ``de La Fontaine``;
    ``others`` → none."""
    name = " ".join(name.split())
    if name.lower() == "others" or not name:
        return ""
    if name.startswith("{") and name.endswith("}") and name.count("{") == 1:
        return _latex(name[1:-1])
    if "," in _outside_braces(name):
        return _latex(name[: _outside_braces(name).index(",")].strip())
    words = _words(name)
    if len(words) == 1:
        return _latex(words[0])
    for index, word in enumerate(words[:-1]):
        if word[:1].islower():  # a particle: the family name starts here
            return _latex(" ".join(words[index:]))
    return _latex(words[-1])


def _outside_braces(name: str) -> str:
    """``name`` with what braces enclose blanked out (same length)."""
    depth, out = 0, []
    for ch in name:
        depth += ch == "{"
        out.append(ch if depth == 0 else " ")
        depth -= ch == "}" and depth > 0
    return "".join(out)


def _words(name: str) -> list[str]:
    """Words of a name, a braced group one word (``{van der} Berg``)."""
    blanked = _outside_braces(name)
    words, start = [], None
    for i, ch in enumerate(blanked):
        if ch == " " and name[i] == " ":
            if start is not None:
                words.append(name[start:i])
                start = None
        elif start is None:
            start = i
    if start is not None:
        words.append(name[start:])
    return words


def _latex(value: str) -> str:
    """LaTeX accents and braces spelt out: ``M{\\"u}ller`` → ``Müller``."""
    if "\\" not in value and "{" not in value and "~" not in value:
        return value.strip()
    from pylatexenc.latex2text import LatexNodes2Text

    return " ".join(LatexNodes2Text().latex_to_text(value).split())


def _bibtex_year(value: dict, key: str) -> str | None:
    """The year from ``year``, else BibLaTeX's ``date`` (``1987-05``, ``1987/1988``)."""
    m = _YEAR.search(value.get("year", "")) or _YEAR.search(value.get("date", ""))
    if m is None:
        return None
    letter = m.group(2) or _key_letter(key, m.group(1))
    return m.group(1) + letter


def _key_letter(key: str, year: str) -> str:
    """The letter a key gives a year: ``pike1987b`` → ``b``."""
    m = re.search(re.escape(year) + r"([a-z])(?![a-z])", key)
    return m.group(1) if m else ""


# --- CSL-JSON ---------------------------------------------------------------------


def _csl_json(text: str, path: str) -> list[BibEntry]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(path, f"line {exc.lineno}: not valid JSON ({exc.msg})") from None
    except RecursionError:
        raise InputError(path, "JSON nested too deeply to be a bibliography") from None
    items = data.get("items") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise InputError(path, "not CSL-JSON (a list of items)")
    starts = _item_lines(text, len(items))
    entries = []
    for number, item in enumerate(items):
        if not isinstance(item, dict):
            raise InputError(path, f"item {number + 1} is not a CSL-JSON object")
        entries.append(
            BibEntry(
                as_text(item.get("id")) or as_text(item.get("citation-key")) or f"item{number + 1}",
                surnames(item),
                year(item.get("issued")),
                as_text(item.get("title")),
                as_text(item.get("container-title")) or as_text(item.get("publisher")),
                as_text(item.get("DOI")),
                path,
                starts[number],
                as_text(item.get("type")),
            )
        )
    return entries


def _item_lines(text: str, count: int) -> list[int]:
    """The line each top-level item of a JSON array starts on (1 when unknown)."""
    lines, depth, line, in_string, escaped = [], 0, 1, False, False
    for ch in text:
        if ch == "\n":
            line += 1
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
            continue
        if ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if ch == "{" and depth == 2 + text.lstrip().startswith("{"):
                lines.append(line)
        elif ch in "]}":
            depth -= 1
    return lines + [1] * (count - len(lines))


# --- RIS --------------------------------------------------------------------------


def _ris(text: str, path: str) -> list[BibEntry]:
    import rispy

    starts = [n for n, line in enumerate(text.splitlines(), 1) if line.startswith("TY  -")]
    if not starts:
        raise InputError(path, "not RIS: no record opens with 'TY  -'")
    try:
        records = rispy.loads(text)
    except Exception as exc:  # rispy raises plain IOError/ValueError on bad input
        raise InputError(path, f"not RIS that can be read ({exc})") from None
    if len(records) < len(starts):
        line = starts[len(records)]
        raise InputError(path, f"line {line}: a RIS record without its end ('ER  -')")
    entries = []
    for number, record in enumerate(records):
        names = record.get("authors") or record.get("first_authors") or []
        authors = tuple(n.split(",")[0].strip() for n in names if n.strip())
        when = " ".join(str(record.get(k, "")) for k in ("year", "publication_year", "date"))
        m = _YEAR.search(when)
        entries.append(
            BibEntry(
                record.get("id") or record.get("label") or f"ris{number + 1}",
                authors,
                m.group(1) + m.group(2) if m else None,
                record.get("title") or record.get("primary_title") or "",
                record.get("secondary_title")
                or record.get("journal_name")
                or record.get("publisher")
                or "",
                record.get("doi", ""),
                path,
                starts[number] if number < len(starts) else 1,
                record.get("type_of_reference", ""),
            )
        )
    return entries
