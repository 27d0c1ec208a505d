"""Where a stretch of audited text came from in the original file.

A reader that turns a PDF, an XML file or a Word document into text also
records, for each run of text it writes, where that run stands in the
original: a page and line (PDF, hOCR, ALTO), an element path and a source
line and column (XML), a paragraph index (DOCX). :class:`OriginMap` answers,
for any offset of the audited text, the original position of the character
there.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from dataclasses import dataclass, field


@dataclass
class OriginMap:
    """Runs of the audited text, each with the original position it starts at.

    Each run starts at a text offset and has a label (``{"page": 3}``,
    ``{"xpath": "/article/body/sec[2]/p[4]"}``) and a ``line`` and ``column``
    (0 when the format has none). When ``advancing`` is set the column of a
    later character of the run is the run's column plus its distance, with a
    line break in the run starting a new line (XML text is written as it
    stands in the file).
    """

    starts: array = field(default_factory=lambda: array("q"))
    lines: array = field(default_factory=lambda: array("q"))
    columns: array = field(default_factory=lambda: array("q"))
    label_ids: array = field(default_factory=lambda: array("l"))
    labels: list[dict] = field(default_factory=list)
    advancing: bool = False
    _label_index: dict = field(default_factory=dict, repr=False)

    def add(
        self, offset: int, label: dict, line: int = 0, column: int = 0, fixed: bool = False
    ) -> None:
        """A run that starts at ``offset`` of the text and at ``line``/``column`` of ``label``;
        a ``fixed`` run's characters all point at its start (text a reader composed)."""
        if fixed and column:
            column = -column
        key = tuple(label.items())
        index = self._label_index.get(key)
        if index is None:
            index = self._label_index[key] = len(self.labels)
            self.labels.append(label)
        if self.starts and self.starts[-1] == offset:  # the later run wins an empty one
            self.lines[-1], self.columns[-1], self.label_ids[-1] = line, column, index
            return
        self.starts.append(offset)
        self.lines.append(line)
        self.columns.append(column)
        self.label_ids.append(index)

    def truncate(self, length: int) -> None:
        """Forget the runs that start at or after ``length`` (text taken back)."""
        while self.starts and self.starts[-1] >= length:
            for runs in (self.starts, self.lines, self.columns, self.label_ids):
                runs.pop()

    def at(self, offset: int, text: str = "") -> dict | None:
        """The original position of ``text[offset]``, or ``None`` before the first run."""
        index = bisect_right(self.starts, offset) - 1
        if index < 0:
            return None
        origin = dict(self.labels[self.label_ids[index]])
        line, column = self.lines[index], self.columns[index]
        if not line:
            return origin  # no place in the file's lines (a heading the reader added)
        if column < 0:
            column = -column
        elif self.advancing and text:
            start = self.starts[index]
            run = text[start:offset]
            breaks = run.count("\n")
            if breaks:
                line += breaks
                column = offset - (start + run.rfind("\n") + 1) + 1
            else:
                column += offset - start
        origin["line"] = line
        if column:
            origin["column"] = column
        return origin


def describe(origin: dict | None) -> str:
    """A short place for a person: ``p. 12, l. 30``, ``line 812, column 14``, ``¶ 7``."""
    if not origin:
        return ""
    parts = []
    if "page" in origin:
        parts.append(f"p. {origin['page']}")
        if "line" in origin:
            parts.append(f"l. {origin['line']}")
    elif "line" in origin:
        parts.append(f"line {origin['line']}")
        if "column" in origin:
            parts.append(f"column {origin['column']}")
    if "paragraph" in origin:
        parts.append(f"¶ {origin['paragraph']}")
    if "note" in origin:
        parts.append(f"footnote {origin['note']}")
    if "endnote" in origin:
        parts.append(f"endnote {origin['endnote']}")
    if not parts and "xpath" in origin:
        parts.append(origin["xpath"])
    return ", ".join(parts) or "the original file"
