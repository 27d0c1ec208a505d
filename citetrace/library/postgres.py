"""The source library on PostgreSQL, for a team's shared library of many documents.

The same operations as the SQLite library (:class:`~citetrace.library.store.Library`),
with PostgreSQL's full-text search (a ``tsvector`` of each page, GIN-indexed)
for the passages. Reached by ``--library postgresql://user:password@host:port/db``
(``?schema=name`` keeps a library in a schema of its own). The driver is
pg8000 (pure Python, BSD). Each change is one transaction; two processes can
add at once (a content hash decides what is new; schema creation is
serialised by an advisory lock).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import parse_qs, unquote, urlparse

from citetrace.library.records import LibraryDocument, LibraryError, NewDocument
from citetrace.text import fold

_LOCK = 7_264_351  # the advisory lock that serialises schema creation
_SCHEMA = [
    """CREATE TABLE IF NOT EXISTS documents(
        id BIGSERIAL PRIMARY KEY,
        sha256 TEXT NOT NULL UNIQUE,
        path TEXT NOT NULL,
        source TEXT NOT NULL,
        source_key TEXT NOT NULL,
        date TEXT,
        title TEXT NOT NULL DEFAULT '',
        key TEXT NOT NULL DEFAULT '',
        doi TEXT NOT NULL DEFAULT '',
        characters BIGINT NOT NULL DEFAULT 0,
        first_page INTEGER NOT NULL DEFAULT 1)""",
    "CREATE INDEX IF NOT EXISTS documents_by_source ON documents(source_key, date)",
    "CREATE INDEX IF NOT EXISTS documents_by_key ON documents(key)",
    """CREATE TABLE IF NOT EXISTS pages(
        document BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        page INTEGER NOT NULL,
        text TEXT NOT NULL,
        words tsvector GENERATED ALWAYS AS (to_tsvector('simple', text)) STORED,
        PRIMARY KEY(document, page))""",
    "CREATE INDEX IF NOT EXISTS pages_words ON pages USING GIN(words)",
]
# Trigrams of each page (pg_trgm, a trusted extension from PostgreSQL 13): the
# fuzzy pass finds a quotation whose every word OCR damaged in the source. The
# extension is the database's, not a library's: it is put in ``public`` (so that
# dropping one library's schema never drops it), and named with its schema.
_TRIGRAM_SCHEMA = (
    "SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'pg_trgm'"
)
# pg_trgm's word similarity a passage must reach to be a candidate (the
# alignment then judges it): OCR that damaged every word still leaves about 0.4.
SIMILAR = 0.3
_SAFE_WORD = re.compile(r"[^\w]+")
_COLUMNS = "id, path, source, date, title, key, doi, characters, first_page"


class PostgresLibrary:
    """A library in a PostgreSQL database (see the module docstring)."""

    def __init__(self, url: str) -> None:
        import pg8000.dbapi

        try:
            parts = urlparse(url)
            port = parts.port
        except ValueError:
            raise LibraryError("the PostgreSQL URL cannot be read") from None
        schema = parse_qs(parts.query).get("schema", [""])[0]
        try:
            self.db = pg8000.dbapi.connect(
                user=unquote(parts.username or ""),
                password=unquote(parts.password or "") or None,
                host=parts.hostname or "localhost",
                port=port or 5432,
                database=(parts.path or "/").lstrip("/") or None,
                timeout=30,
            )
        except Exception as exc:  # the driver's errors: refused, unknown host, bad password
            raise LibraryError(f"{_shown(url)}: cannot reach the library ({exc})") from None
        try:
            cursor = self.db.cursor()
            if schema:
                if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", schema):
                    raise LibraryError(f"{_shown(url)}: schema must be a plain name")
                cursor.execute(f'SET search_path TO "{schema}"')
            cursor.execute("SELECT to_regclass('pages'), to_regclass('documents')")
            pages, documents = cursor.fetchone()
            if (pages is None) != (documents is None):
                raise LibraryError(
                    f"{_shown(url)}: tables of another application are here; use ?schema="
                )
            if pages is None:  # a new library: made once, whatever runs at once
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK,))
                if schema:
                    cursor.execute(f'CREATE SCHEMA IF NOT EXISTS "{schema}"')
                for statement in _SCHEMA:
                    cursor.execute(statement)
                _try_trigrams(cursor)
            self.trigrams = _trigram_schema(cursor)  # where pg_trgm is, if this library uses it
            if self.trigrams:  # the threshold the indexed operator <% uses
                cursor.execute(f"SET pg_trgm.word_similarity_threshold = {SIMILAR}")
            self.db.commit()
            self.db.autocommit = True  # reads stand alone; add and remove open their own
        except LibraryError:
            self.db.close()
            raise
        except Exception as exc:
            self.db.rollback()
            self.db.close()
            raise LibraryError(f"{_shown(url)}: not a usable library ({exc})") from None
        self.path = _shown(url)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> PostgresLibrary:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def _rows(self, sql: str, args: Sequence[object] = ()) -> list[tuple]:
        cursor = self.db.cursor()
        cursor.execute(sql, tuple(args))
        return list(cursor.fetchall() if cursor.description else [])

    def add(self, documents: Sequence[NewDocument]) -> tuple[int, int]:
        added = known = 0
        cursor = self.db.cursor()
        cursor.execute("BEGIN")
        try:
            for doc in documents:
                cursor.execute(
                    "INSERT INTO documents(sha256, path, source, source_key, date, title, key, "
                    "doi, characters, first_page) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
                    " ON CONFLICT (sha256) DO NOTHING RETURNING id",
                    (doc.sha256, _clean(doc.path), _clean(doc.source), fold(doc.source), doc.date,
                     _clean(doc.title), _clean(doc.key), _clean(doc.doi),
                     sum(map(len, doc.pages)), doc.first_page),
                )  # fmt: skip
                row = cursor.fetchone()
                if row is None:
                    known += 1
                    continue
                for page, text in enumerate(doc.pages, 1):
                    cursor.execute(
                        "INSERT INTO pages(document, page, text) VALUES (%s, %s, %s)",
                        (row[0], page, _clean(text)),
                    )
                added += 1
            cursor.execute("COMMIT")
        except BaseException:
            cursor.execute("ROLLBACK")
            raise
        return added, known

    def remove(self, ids: Sequence[int]) -> int:
        cursor = self.db.cursor()
        cursor.execute("BEGIN")
        try:
            removed = 0
            for number in ids:
                cursor.execute("DELETE FROM documents WHERE id = %s", (number,))
                removed += max(cursor.rowcount, 0)
            cursor.execute("COMMIT")
        except BaseException:
            cursor.execute("ROLLBACK")
            raise
        return removed

    def _documents(self, where: str = "", args: Sequence[object] = ()) -> list[LibraryDocument]:
        rows = self._rows(
            f"SELECT {_COLUMNS} FROM documents {where} ORDER BY source_key, date, id", args
        )
        return [LibraryDocument(*row) for row in rows]

    def documents(self) -> list[LibraryDocument]:
        return self._documents()

    def document(self, number: int) -> LibraryDocument | None:
        found = self._documents("WHERE id = %s", (number,))
        return found[0] if found else None

    def by_source(self, source: str, date: str) -> list[LibraryDocument]:
        return self._documents(
            "WHERE source_key = %s AND (date = %s OR date LIKE %s)",
            (fold(source), date, date + "-%"),
        )

    def by_key(self, key: str) -> list[LibraryDocument]:
        return self._documents("WHERE key = %s", (key,))

    def pages(self, document: int) -> list[str]:
        rows = self._rows("SELECT text FROM pages WHERE document = %s ORDER BY page", (document,))
        return [row[0] for row in rows]

    def search(
        self, words: Sequence[str], limit: int = 20, any_word: bool = False
    ) -> list[tuple[int, int]]:
        terms = [t for t in (_SAFE_WORD.sub("", w) for w in words) if t]
        if not terms:
            return []
        query = (" | " if any_word else " & ").join(terms)
        rows = self._rows(
            "SELECT document, page FROM pages WHERE words @@ to_tsquery('simple', %s) "
            "ORDER BY ts_rank(words, to_tsquery('simple', %s)) DESC LIMIT %s",
            (query, query, limit),
        )
        return [(int(d), int(p)) for d, p in rows]

    def similar(self, text: str, limit: int = 20) -> list[tuple[int, int]]:
        """(document, page) of the passages most like ``text`` letter by letter
        (pg_trgm's word similarity; none in a library made without trigrams)."""
        if not self.trigrams or not text.strip():
            return []
        at = self.trigrams
        rows = self._rows(
            f"SELECT document, page FROM pages WHERE %s OPERATOR({at}.<%%) text "
            f"ORDER BY {at}.word_similarity(%s, text) DESC LIMIT %s",
            (text, text, limit),
        )
        return [(int(d), int(p)) for d, p in rows]

    def stats(self) -> dict[str, object]:
        ((documents, characters),) = self._rows(
            "SELECT count(*), coalesce(sum(characters), 0) FROM documents"
        )
        sources = self._rows(
            "SELECT min(source), count(*), min(date), max(date) FROM documents "
            "GROUP BY source_key ORDER BY count(*) DESC, min(source)"
        )
        return {"documents": documents, "characters": int(characters), "sources": sources}


def _try_trigrams(cursor) -> None:
    """Index a new library's trigrams, where the server allows the extension (in
    the transaction that makes the library, behind a savepoint); a library
    without them works the same, with no fuzzy pass."""
    cursor.execute("SAVEPOINT trigrams")
    try:
        cursor.execute(_TRIGRAM_SCHEMA)
        found = cursor.fetchone()
        if found is None:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public")
            cursor.execute(_TRIGRAM_SCHEMA)
            found = cursor.fetchone()
        at = _quoted(found[0])
        cursor.execute(f"CREATE INDEX pages_trigrams ON pages USING GIN(text {at}.gin_trgm_ops)")
    except Exception:  # the driver's error: no privilege, no pg_trgm, no public schema
        cursor.execute("ROLLBACK TO SAVEPOINT trigrams")
    else:
        cursor.execute("RELEASE SAVEPOINT trigrams")


def _trigram_schema(cursor) -> str | None:
    """The schema of pg_trgm, quoted, when this library's pages have trigrams."""
    cursor.execute("SELECT to_regclass('pages_trigrams')")
    if cursor.fetchone()[0] is None:
        return None
    cursor.execute(_TRIGRAM_SCHEMA)
    found = cursor.fetchone()
    return _quoted(found[0]) if found else None


def _quoted(name: str) -> str:
    """A schema name as SQL names it (regnamespace gives it quoted if it must be)."""
    return name if name.startswith('"') else f'"{name}"'


def _clean(value: str) -> str:
    """Text PostgreSQL stores: it refuses NUL characters, which SQLite keeps."""
    return value.replace("\x00", "\ufffd") if "\x00" in value else value


def _shown(url: str) -> str:
    """The URL with its password hidden, for messages."""
    try:
        parts = urlparse(url)
        parts.port  # noqa: B018  (a URL that cannot be read raises here)
    except ValueError:
        return "postgresql://…"
    if parts.password:
        return url.replace(f":{parts.password}@", ":***@", 1)
    return url
