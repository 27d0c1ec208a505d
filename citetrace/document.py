"""A decoded document: its text, a line index, and its body/reference split."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

_LINE_BREAK = re.compile(r"\r\n|\r|\n")

# A heading that opens the reference list: Markdown (``## References``) or a
# plain line of its own (``References``, ``Works Cited:``, ``5. Bibliography``).
_REFERENCE_HEADING = re.compile(
    r"^[ \t]*(?P<hashes>#{1,6}[ \t]*)?(?:[0-9IVXivx]+\.?[ \t]+)?(?:\*\*)?"
    r"(?:References?(?:[ \t]+Cited)?|Bibliography|Works[ \t]+Cited|Literature(?:[ \t]+Cited)?"
    r"|Sources|Reference[ \t]+List|Literaturverzeichnis|Литература|Referências|Bibliografía"
    r"|Bibliographie|Bibliografia|Références)(?:\*\*)?[ \t]*:?[ \t]*$",
    re.MULTILINE | re.IGNORECASE,
)
_MD_HEADING = re.compile(r"^[ \t]{0,3}(#{1,6})[ \t]+\S", re.MULTILINE)


@dataclass(frozen=True)
class Document:
    """The decoded text of one document, with offset ↔ line/column mapping.

    ``body_end`` is where the prose ends and the reference list begins
    (``len(text)`` when there is none); ``references_start`` is the offset of
    the first character after the reference heading.
    """

    text: str
    path: str = "<text>"
    body_end: int = 0
    references_start: int | None = None
    references_end: int | None = None
    _line_starts: list[int] = field(default_factory=list, repr=False, compare=False)

    @classmethod
    def from_text(cls, text: str, path: str = "<text>") -> Document:
        """Index ``text`` and find its reference section."""
        starts = [0]
        starts.extend(m.end() for m in _LINE_BREAK.finditer(text))
        body_end, ref_start, ref_end = _find_reference_section(text)
        return cls(text, path, body_end, ref_start, ref_end, starts)

    @property
    def body(self) -> str:
        """The prose before the reference list."""
        return self.text[: self.body_end]

    def line_col(self, offset: int) -> tuple[int, int]:
        """The 1-based line and column of ``offset``."""
        index = bisect_right(self._line_starts, offset) - 1
        return index + 1, offset - self._line_starts[index] + 1

    def offset(self, line: int, column: int) -> int:
        """The offset of a 1-based ``line`` and ``column``."""
        return self._line_starts[line - 1] + column - 1

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its line break."""
        start = self._line_starts[line - 1]
        end = self._line_starts[line] if line < len(self._line_starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    def heading_starts(self) -> list[int]:
        """Offsets of Markdown heading lines in the body."""
        return [m.start() for m in _MD_HEADING.finditer(self.text, 0, self.body_end)]


def _find_reference_section(text: str) -> tuple[int, int | None, int | None]:
    """Locate the last reference heading and the section it opens."""
    headings = list(_REFERENCE_HEADING.finditer(text))
    if not headings:
        return len(text), None, None
    last = headings[-1]
    end = len(text)
    hashes = last.group("hashes")
    if hashes:
        level = hashes.count("#")
        for m in _MD_HEADING.finditer(text, last.end()):
            if len(m.group(1)) <= level:
                end = m.start()
                break
    return last.start(), last.end(), end
