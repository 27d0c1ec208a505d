"""The parts of a printed reference entry beyond its authors and year: title,
container, pages and DOI, read from the entry's text for export.

Reference lists are written in many styles; this reads the common shape
``Authors Year Title. Container, Volume, Pages. DOI`` (the year bare, in
parentheses or followed by a full stop; the title quoted or ending at the
first full stop) and leaves out what it cannot place, rather than guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from citetrace.model import Reference
from citetrace.text import fold

_DOI = re.compile(r"\b(10\.\d{4,9}/[^\s\"<>]+[^\s\"<>.,;])", re.IGNORECASE)
_PAGES = re.compile(r"(?<![\d.])(\d{1,5})\s*[-–—]\s*(\d{1,5})(?![\d])")
_QUOTED = re.compile(r"\s*[\"“'‘«]\s*(?P<title>.+?)\s*[\"”'’»](?=[\s,.;:]|$)")
_SENTENCE_END = re.compile(r"(?<=[^\s.A-Z])\.(?=\s+|$)|(?<=[?!])(?=\s)")
_AFTER_YEAR = re.compile(r"^[\s).,:;]*")
_IMPRINT = re.compile(r"^([A-Z][^\W\d_][^\d:;,.]{0,40}):\s*([A-Z][^\d.:;]{1,80})\.?$")
_URL = re.compile(r"\s*(?:https?://\S+|doi:\s*\S+)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class EntryFields:
    """What an entry's text says beyond its authors and year (empty when unknown)."""

    title: str = ""
    container: str = ""
    pages: str = ""
    doi: str = ""
    quoted_title: bool = False
    publisher: str = ""
    place: str = ""


def work_key(ref: Reference) -> str:
    """The key a bibliography or a library gives the work of an entry: its first
    author's name folded to ASCII letters and its year (``pike1987``)."""
    stem = re.sub(r"[^a-z0-9]+", "", fold(ref.authors[0] if ref.authors else ref.key))
    return f"{stem or 'ref'}{ref.year or ''}"


def entry_fields(ref: Reference) -> EntryFields:
    """Title, container, pages and DOI of a printed entry, as far as they can be read."""
    text = " ".join(ref.text.split())
    doi_match = _DOI.search(text)
    doi = doi_match.group(1) if doi_match else ""
    if ref.periodical or not ref.year:
        return EntryFields(title=ref.key if ref.periodical else "", doi=doi)
    at = text.find(ref.year)
    if at < 0:
        at = text.find(ref.year[:4])
    if at < 0:
        return EntryFields(doi=doi)
    rest = text[at + len(ref.year) :]
    rest = _URL.sub("", rest[_AFTER_YEAR.match(rest).end() :])  # type: ignore[union-attr]
    title, quoted, rest = _title(rest)
    imprint = _IMPRINT.match(rest)
    if imprint:  # a book's "Place: Publisher."
        return EntryFields(title, "", "", doi, quoted, imprint.group(2), imprint.group(1))
    container = _first_part(rest)
    pages = _PAGES.search(rest)
    return EntryFields(
        title=title,
        container=container,
        pages=f"{pages.group(1)}–{pages.group(2)}" if pages else "",
        doi=doi,
        quoted_title=quoted,
    )


def _title(rest: str) -> tuple[str, bool, str]:
    """The title at the start of ``rest``, whether it was quoted, and what follows."""
    m = _QUOTED.match(rest)
    if m:
        return m.group("title").rstrip(",."), True, rest[m.end() :].lstrip(" ,.;:")
    end = _SENTENCE_END.search(rest)
    if end is None:
        return rest.rstrip(" ,.;:"), False, ""
    return rest[: end.start()].strip(" ,;:"), False, rest[end.end() :].strip()


def _first_part(rest: str) -> str:
    """The container: the words before the first comma, full stop or number."""
    m = re.match(r"\s*([^\d,.;:()]+?)\s*(?=[,.;:(]|\d|$)", rest)
    part = m.group(1).strip() if m else ""
    return "" if part.lower() in ("no", "vol", "pp", "p", "in") else part
