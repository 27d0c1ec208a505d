"""Where a finding or citation stands, as a person reads it: in the audited text,
or in the original file when the document was read from another format."""

from __future__ import annotations

from citetrace.inputs.origin import describe


def spot(line: int, column: int, origin: dict | None) -> str:
    """``12:30`` (line:column of the text or of the XML/HTML file), ``p. 4, l. 12``
    (a page), ``¶ 7`` (a Word paragraph); a TEI page is added after the line."""
    if origin is None:
        return f"{line}:{column}"
    if "file" in origin:
        return f"{origin['file']}:{origin['line']}"
    if "line" in origin and "column" in origin:
        page = f" (p. {origin['page']})" if "page" in origin else ""
        return f"{origin['line']}:{origin['column']}{page}"
    return describe(origin) or f"{line}:{column}"


def place(path: str, line: int, column: int, origin: dict | None) -> str:
    """``path:12:30`` for a place in a text file, ``path (p. 4, l. 12)`` otherwise;
    ``refs.bib:12`` for an entry of a bibliography file."""
    if origin and "file" in origin:
        return f"{origin['file']}:{origin['line']}"
    where = spot(line, column, origin)
    return f"{path}:{where}" if where[:1].isdigit() else f"{path} ({where})"
