"""Writing the audited text of a structured file, with its map back to the original.

:class:`Flow` gathers paragraphs: it collapses whitespace as text arrives
(as a browser or typesetter would), separates paragraphs with a blank line,
and records in an :class:`~citetrace.inputs.origin.OriginMap` where each run
it writes came from. A run is recorded only where the written text stops
standing character for character where the source does, so the map stays
small on prose.
"""

from __future__ import annotations

import re

from citetrace.inputs.origin import OriginMap

_SPACE = re.compile(r"[ \t\r\n\f]+")  # no-break spaces are kept, as in HTML
NOWHERE: dict = {}  # the place of text a reader adds (a heading, a comma between names)
NOTES_HEADING = "Notes"  # over what a reader keeps apart from the body (notes)
REFERENCE_HEADING = "References"  # over the reference list a reader writes out


class Flow:
    """Paragraphs of text with their origins (see the module docstring)."""

    def __init__(self, advancing: bool = True) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.origins = OriginMap(advancing=advancing)
        # a space waiting for a word: where it stood, or (None, 0, 0) for one the markup implies
        self._pending: tuple[dict | None, int, int] | None = None
        self._open = False  # the current paragraph has text
        self._expect: tuple[int, int, int, int] | None = None  # next offset, line, col, label

    @property
    def mark(self) -> int:
        """Where the next word will start (a waiting space counted)."""
        return self.length + (self._pending is not None)

    def _emit(self, piece: str, label: dict, line: int, column: int) -> None:
        label_key = id(label)
        if self.origins.advancing:
            moved = self._expect != (self.length, line, column, label_key)
        else:  # a place without columns: a new run only where the place changes
            moved = self._expect is None or self._expect[1:2] + self._expect[3:] != (
                line,
                label_key,
            )
        if moved:
            self.origins.add(self.length, label, line, column)
        self.parts.append(piece)
        self.length += len(piece)
        self._expect = (self.length, line, column + len(piece), label_key)

    def write(self, text: str, label: dict, line: int = 0, column: int = 0) -> None:
        """Add ``text`` that stands at ``line``/``column`` of ``label`` in the original."""
        if not self.origins.advancing:  # no columns to keep: the words at once
            collapsed = _SPACE.sub(" ", text)
            words = collapsed.strip(" ")
            if collapsed[:1] == " " and self._open:
                self._pending = (label, line, column)
            if words:
                self._word(words, label, line, column)
                if collapsed[-1:] == " ":
                    self._pending = (label, line, column)
            return
        pos = 0
        for m in _SPACE.finditer(text):
            if m.start() > pos:
                self._word(text[pos : m.start()], label, line, column)
            line, column = _advance(text, pos, m.start(), line, column)
            if self._open:
                self._pending = (label, line, column)
            line, column = _advance(text, m.start(), m.end(), line, column)
            pos = m.end()
        if pos < len(text):
            self._word(text[pos:], label, line, column)

    def composed(self, text: str, label: dict, line: int, column: int) -> None:
        """Add text the reader composed (an entry set from its tagged parts): each of
        its characters points at ``line``/``column``, where its element starts."""
        words = _SPACE.sub(" ", text).strip(" ")
        if not words:
            return
        if self._pending is not None:
            self._word("", label, line, column)  # the waiting space, placed as usual
        self.origins.add(self.length, label, line, column, fixed=True)
        self.parts.append(words)
        self.length += len(words)
        self._open = True
        self._expect = None
        if text[-1:].isspace():
            self._pending = (None, 0, 0)

    def _word(self, piece: str, label: dict, line: int, column: int) -> None:
        if self._pending is not None:
            if self._pending[0] is None:  # a space the markup implies: placed before the word
                self._emit(" ", label, line, column - 1 if column > 1 else column)
            else:
                self._emit(" ", *self._pending)
            self._pending = None
        if piece:
            self._emit(piece, label, line, column)
        self._open = True

    def space(self) -> None:
        """A word break the markup implies (between names, cells, list items)."""
        if self._open and self._pending is None:
            self._pending = (None, 0, 0)

    def paragraph(self) -> None:
        """End the paragraph: the next text starts after a blank line."""
        self._pending = None
        if self._open:
            self.parts.append("\n\n")
            self.length += 2
            self._open = False

    def reopen(self) -> None:
        """Take back the paragraph break just written: the paragraph goes on."""
        if not self._open and self.parts and self.parts[-1] == "\n\n":
            self.parts.pop()
            self.length -= 2
            self._open = True
            self._pending = (None, 0, 0)

    def take_back(self, text: str) -> bool:
        """Remove ``text`` from the end of what was written, if it is there."""
        if not self.parts or not self.parts[-1].endswith(text) or not text:
            return False
        last = self.parts[-1]
        self.parts[-1] = last[: len(last) - len(text)]
        self.length -= len(text)
        self.origins.truncate(self.length)
        self._pending = None
        self._expect = None
        return True

    def line(self, text: str, label: dict, line: int = 0, column: int = 0) -> tuple[int, int]:
        """``text`` as a paragraph of its own; returns where it stands in the written text."""
        self.paragraph()
        start = self.mark
        self.write(text, label, line, column)
        end = self.length
        self.paragraph()
        return start, end

    def text(self) -> str:
        """Everything written, ending with one line break."""
        body = "".join(self.parts).rstrip("\n")
        return body + "\n" if body else ""


def _advance(text: str, start: int, end: int, line: int, column: int) -> tuple[int, int]:
    """The source position after ``text[start:end]``, from the one at ``start``."""
    if not line:
        return line, column
    breaks = text.count("\n", start, end)
    if breaks:
        return line + breaks, end - text.rfind("\n", start, end)
    return line, column + end - start
