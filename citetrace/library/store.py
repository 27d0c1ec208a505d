"""A library of source documents in SQLite, searchable with FTS5.

Each document has its source (a newspaper, an author), date, title, key and
DOI, and its text a page at a time; a content hash keeps a file from being
added twice. Every change is one transaction, so a failed or killed ``add``
leaves the library as it was, and several processes can add at once (SQLite
locks the file; a writer waits for another up to :data:`BUSY_SECONDS`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from citetrace.library.records import LibraryDocument, LibraryError, NewDocument
from citetrace.text import fold

__all__ = ["Library", "LibraryDocument", "LibraryError", "NewDocument", "open_library"]

BUSY_SECONDS = 30
SCHEMA_VERSION = 1
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents(
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    path TEXT NOT NULL,
    source TEXT NOT NULL,
    source_key TEXT NOT NULL,
    date TEXT,
    title TEXT NOT NULL DEFAULT '',
    key TEXT NOT NULL DEFAULT '',
    doi TEXT NOT NULL DEFAULT '',
    characters INTEGER NOT NULL DEFAULT 0,
    first_page INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX IF NOT EXISTS documents_by_source ON documents(source_key, date);
CREATE INDEX IF NOT EXISTS documents_by_key ON documents(key);
CREATE TABLE IF NOT EXISTS pages(
    document INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    page INTEGER NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY(document, page)
);
CREATE VIRTUAL TABLE IF NOT EXISTS passages USING fts5(
    text, document UNINDEXED, page UNINDEXED, tokenize='unicode61 remove_diacritics 2'
);
"""


def open_library(spec: str, create: bool = False, write: bool = False) -> Library:
    """The library ``spec`` names: a SQLite file, or ``postgresql://user:password@host/db``
    (a server library for teams, see :mod:`citetrace.library.postgres`)."""
    if spec.startswith(("postgresql://", "postgres://")):
        from citetrace.library.postgres import PostgresLibrary

        return PostgresLibrary(spec)  # type: ignore[return-value]
    return Library(spec, create, write)


class Library:
    """An open library file (see the module docstring)."""

    def __init__(self, path: str, create: bool = False, write: bool = False) -> None:
        """Open the library at ``path``: read-only unless ``write`` (a change) or
        ``create`` (``library add``, which makes a new library, but never turns a
        file that is not one into one)."""
        target = Path(path)
        exists = target.exists()
        if exists and not target.is_file():
            raise LibraryError(f"{path}: not a file")
        if exists and target.stat().st_size == 0:
            raise LibraryError(f"{path}: an empty file, not a citetrace library; left as it was")
        if not exists and not create:
            raise LibraryError(f"{path}: no such library (create it with 'citetrace library add')")
        try:
            if not create and not write:  # an audit reads: no lock, no change
                self.db = sqlite3.connect(
                    f"{target.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_SECONDS
                )
            else:
                self.db = sqlite3.connect(path, timeout=BUSY_SECONDS, isolation_level=None)
            if exists:
                self._check(path)
            else:  # a new library: made whole or not at all
                self.db.execute("PRAGMA journal_mode = WAL")
                self.db.executescript(
                    f"BEGIN IMMEDIATE;{_SCHEMA}"
                    f"INSERT OR IGNORE INTO meta VALUES ('schema', '{SCHEMA_VERSION}'); COMMIT;"
                )
            self.db.execute("PRAGMA foreign_keys = ON")
        except sqlite3.DatabaseError as exc:
            raise LibraryError(f"{path}: not a citetrace library ({exc})") from None
        self.path = path

    def _check(self, path: str) -> None:
        """Refuse a file that is not a citetrace library (a reference manager's
        database, say): it is never written to."""
        try:
            row = self.db.execute("SELECT value FROM meta WHERE name = 'schema'").fetchone()
        except sqlite3.DatabaseError:
            row = None
        if row is None:
            self.db.close()
            raise LibraryError(f"{path}: not a citetrace library; left as it was")

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def add(self, documents: Sequence[NewDocument]) -> tuple[int, int]:
        """Add ``documents`` in one transaction: all of them or none. Returns how many
        were added and how many were already there (the same content)."""
        added = known = 0
        with self._transaction():
            for doc in documents:
                row = self.db.execute(
                    "SELECT id FROM documents WHERE sha256 = ?", (doc.sha256,)
                ).fetchone()
                if row is not None:
                    known += 1
                    continue
                cursor = self.db.execute(
                    "INSERT INTO documents(sha256, path, source, source_key, date, title, key,"
                    " doi, characters, first_page) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (doc.sha256, doc.path, doc.source, fold(doc.source), doc.date, doc.title,
                     doc.key, doc.doi, sum(map(len, doc.pages)), doc.first_page),
                )  # fmt: skip
                number = cursor.lastrowid
                for page, text in enumerate(doc.pages, 1):
                    self.db.execute("INSERT INTO pages VALUES (?, ?, ?)", (number, page, text))
                    self.db.execute(
                        "INSERT INTO passages(text, document, page) VALUES (?, ?, ?)",
                        (text, number, page),
                    )
                added += 1
        return added, known

    def remove(self, ids: Sequence[int]) -> int:
        """Remove documents by id; returns how many there were."""
        with self._transaction():
            removed = 0
            for number in ids:
                self.db.execute("DELETE FROM passages WHERE document = ?", (number,))
                removed += self.db.execute("DELETE FROM documents WHERE id = ?", (number,)).rowcount
        return removed

    def documents(self) -> list[LibraryDocument]:
        """Every document, by source and date."""
        return self._documents()

    def document(self, number: int) -> LibraryDocument | None:
        """The document of id ``number``, if there is one."""
        found = self._documents("WHERE id = ?", (number,))
        return found[0] if found else None

    def _documents(self, where: str = "", args: Sequence[object] = ()) -> list[LibraryDocument]:
        rows = self.db.execute(
            "SELECT id, path, source, date, title, key, doi, characters, first_page FROM documents "
            f"{where} ORDER BY source_key, date, id",
            tuple(args),
        )
        return [LibraryDocument(*row) for row in rows]

    def by_source(self, source: str, date: str) -> list[LibraryDocument]:
        """The documents of ``source`` dated ``date`` (or within it: ``1987-07``)."""
        return self._documents(
            "WHERE source_key = ? AND (date = ? OR date LIKE ?)", (fold(source), date, date + "-%")
        )

    def by_key(self, key: str) -> list[LibraryDocument]:
        return self._documents("WHERE key = ?", (key,))

    def pages(self, document: int) -> list[str]:
        rows = self.db.execute(
            "SELECT text FROM pages WHERE document = ? ORDER BY page", (document,)
        )
        return [row[0] for row in rows]

    def search(
        self, words: Sequence[str], limit: int = 20, any_word: bool = False
    ) -> list[tuple[int, int]]:
        """(document, page) of the passages that hold all of ``words`` (or, with
        ``any_word``, any of them), best first."""
        joiner = " OR " if any_word else " "
        terms = joiner.join('"' + w.replace('"', '""') + '"' for w in words if w)
        if not terms:
            return []
        try:
            rows = self.db.execute(
                "SELECT document, page FROM passages WHERE passages MATCH ? ORDER BY rank LIMIT ?",
                (terms, limit),
            )
            return [(int(d), int(p)) for d, p in rows]
        except sqlite3.OperationalError:
            return []

    def similar(self, text: str, limit: int = 20) -> list[tuple[int, int]]:
        """(document, page) of the passages most like ``text`` letter by letter,
        found by trigrams where a server library has them; a SQLite library has
        none, and its full-text search (any of the words) stands in."""
        return []

    def stats(self) -> dict[str, object]:
        documents, characters = self.db.execute(
            "SELECT count(*), coalesce(sum(characters), 0) FROM documents"
        ).fetchone()
        sources = self.db.execute(
            "SELECT source, count(*), min(date), max(date) FROM documents GROUP BY source_key "
            "ORDER BY count(*) DESC, source"
        ).fetchall()
        return {"documents": documents, "characters": characters, "sources": sources}
