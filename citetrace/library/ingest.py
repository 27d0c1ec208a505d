"""Adding documents to the library: files named with their metadata, or a manifest.

Every file is read and checked first (any format citetrace reads; pages kept
where the format has them, or at form feeds in plain text), and only then is
the lot added in one transaction: a bad row anywhere adds nothing.
"""

from __future__ import annotations

import csv
import hashlib
import itertools
import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass

from citetrace.inputs.formats import parse_source
from citetrace.inputs.load import InputError, read_bytes
from citetrace.library.store import LibraryError, NewDocument

LARGEST = 100 * 1024 * 1024  # a document larger than this is refused
_DATE = re.compile(r"\d{4}(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?")


@dataclass(frozen=True)
class Entry:
    """What a user says of one file: its source, date, title, key and DOI."""

    path: str
    source: str
    date: str | None = None
    title: str = ""
    key: str = ""
    doi: str = ""
    where: str = ""  # "manifest.csv, row 4", for messages
    first_page: int = 1  # the printed number of the file's first page


def check_date(value: str | None, where: str) -> str | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, or a :class:`LibraryError`."""
    if value in (None, ""):
        return None
    if not isinstance(value, str) or not _DATE.fullmatch(value.strip()):
        raise LibraryError(f"{where}: date must be YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")
    return value.strip()


def check_page(value: str | None, where: str) -> int:
    """A first page number (1 when not given), or a :class:`LibraryError`."""
    if value in (None, ""):
        return 1
    text = str(value).strip()
    if not text.isascii() or not text.isdecimal() or len(text) > 6:
        raise LibraryError(f"{where}: first_page must be a page number, not {value!r}")
    return int(text)


def read_manifest(path: str) -> list[Entry]:
    """The rows of a CSV (with a header) or JSON Lines manifest; paths are relative to it."""
    base = os.path.dirname(os.path.abspath(path))
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:  # Excel writes a BOM
            if path.lower().endswith((".jsonl", ".ndjson")):
                rows = [
                    _json_row(line, path, n) for n, line in enumerate(handle, 1) if line.strip()
                ]
            else:
                reader = csv.DictReader(handle)
                if not {"path", "source"} <= set(reader.fieldnames or ()):
                    raise LibraryError(
                        f"{path}: a CSV manifest needs a header row naming at least the "
                        "columns path and source"
                    )
                rows = list(reader)
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise LibraryError(f"{path}: the manifest cannot be read ({exc})") from None
    entries = []
    for number, row in enumerate(rows, 1):
        where = f"{path}, row {number}"
        name = (row.get("path") or "").strip()
        source = (row.get("source") or "").strip()
        if not name or not source:
            raise LibraryError(f"{where}: each row needs a path and a source")
        if not (row.get("date") or "").strip() and not (row.get("key") or "").strip():
            raise LibraryError(
                f"{where}: each row needs a date or a key, or no citation can find it"
            )
        entries.append(
            Entry(
                os.path.join(base, name),
                source,
                check_date(row.get("date"), where),
                row.get("title") or "",
                row.get("key") or "",
                row.get("doi") or "",
                where,
                check_page(row.get("first_page"), where),
            )
        )
    return entries


def _json_row(line: str, path: str, number: int) -> dict:
    try:
        row = json.loads(line)
    except ValueError:
        raise LibraryError(f"{path}, line {number}: not a JSON object") from None
    if not isinstance(row, dict):
        raise LibraryError(f"{path}, line {number}: not a JSON object")
    return {k: v if isinstance(v, str) or v is None else str(v) for k, v in row.items()}


def prepare(entries: Iterable[Entry], pages: bool = True) -> list[NewDocument]:
    """Read and check every file; a :class:`LibraryError` names the first that fails."""
    documents = []
    for entry in entries:
        where = entry.where or entry.path
        try:
            size = os.stat(entry.path).st_size
        except (OSError, ValueError):  # ValueError: a NUL in the name
            raise LibraryError(f"{where}: {entry.path!r}: no such file") from None
        if size > LARGEST:
            raise LibraryError(
                f"{where}: {entry.path} is {size / 1e6:.0f} MB; a library document may be "
                f"at most {LARGEST // 2**20} MB"
            )
        try:
            data = read_bytes(entry.path)
            source = parse_source(data, entry.path)
        except InputError as exc:
            raise LibraryError(f"{where}: {exc}") from None
        split = _pages(source) if pages else [source.text]
        documents.append(
            NewDocument(
                entry.path,
                hashlib.sha256(data).hexdigest(),
                entry.source,
                entry.date,
                split,
                entry.title,
                entry.key,
                entry.doi,
                entry.first_page,
            )
        )
    return documents


def _pages(source) -> list[str]:
    """The text a page at a time: by the format's pages, else at form feeds."""
    text = source.text
    origins = source.origins
    if origins is not None and origins.labels and any("page" in lb for lb in origins.labels):
        cuts, current = [], None
        for start, label_id in zip(origins.starts, origins.label_ids, strict=True):
            page = origins.labels[label_id].get("page")
            if page is not None and page != current:
                cuts.append(start)
                current = page
        cuts = [0, *cuts[1:], len(text)] if cuts else [0, len(text)]
        return [text[a:b] for a, b in itertools.pairwise(cuts)]
    return text.split("\f")
