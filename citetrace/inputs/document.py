"""A decoded document: its text, a line index, and its body/reference split."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import accumulate

from citetrace.inputs.markup import NO_MARKUP, Markup
from citetrace.inputs.origin import OriginMap

_LINE_BREAK = re.compile(r"\r\n|\r|\n")

# A heading that opens the reference list: Markdown (``## References``) or a
# plain line of its own (``References``, ``Works Cited:``, ``5. Bibliography``).
_REFERENCE_HEADING = re.compile(
    r"[ \t]*(?P<hashes>#{1,6}[ \t]*)?(?:[0-9IVXivx]+\.?[ \t]+)?(?:\*\*)?"
    r"(?:References?(?:[ \t]+Cited)?|Bibliography|Works[ \t]+Cited|Literature(?:[ \t]+Cited)?"
    r"|Sources|Reference[ \t]+List|Literaturverzeichnis|Литература|Referências|Bibliografía"
    r"|Bibliographie|Bibliografia|Références)(?:\*\*)?[ \t]*:?[ \t]*",
    re.IGNORECASE,
)
_MD_HEADING = re.compile(r"[ \t]{0,3}(#{1,6})[ \t]+(?![Cc]itetrace:)\S")
_LONGEST_HEADING = 80


def is_reference_heading(line: str) -> bool:
    """Whether a line by itself is a heading that opens a reference list."""
    return len(line) <= _LONGEST_HEADING and _REFERENCE_HEADING.fullmatch(line) is not None


@dataclass(frozen=True)
class Document:
    """The decoded text of one document, with offset ↔ line/column mapping.

    ``body_end`` is where the prose ends and the reference list begins
    (``len(text)`` when there is none); ``references_start`` is the offset of
    the first character after the reference heading. ``headings`` holds the
    offset and level of each Markdown heading line. ``origins`` maps offsets
    back to the original file when the text was read from another format,
    and ``markup`` holds what that format's markup said.
    """

    text: str
    path: str = "<text>"
    body_end: int = 0
    references_start: int | None = None
    references_end: int | None = None
    headings: tuple[tuple[int, int], ...] = ()
    origins: OriginMap | None = field(default=None, repr=False, compare=False)
    markup: Markup = field(default=NO_MARKUP, repr=False, compare=False)
    _line_starts: list[int] = field(default_factory=list, repr=False, compare=False)

    @classmethod
    def from_text(
        cls,
        text: str,
        path: str = "<text>",
        origins: OriginMap | None = None,
        markup: Markup = NO_MARKUP,
    ) -> Document:
        """Index ``text`` and find its reference section."""
        starts, lines = _split_lines(text)
        headings = tuple(
            (start, len(m.group(1)))
            for start, line in zip(starts, lines, strict=True)
            if "#" in line[:4] and (m := _MD_HEADING.match(line))
        )
        body_end, ref_start, ref_end = _find_reference_section(text, starts, lines, headings)
        return cls(text, path, body_end, ref_start, ref_end, headings, origins, markup, starts)

    def origin(self, offset: int) -> dict | None:
        """Where ``offset`` stands in the original file, for a text read from another format."""
        return None if self.origins is None else self.origins.at(offset, self.text)

    @property
    def body(self) -> str:
        """The prose before the reference list."""
        return self.text[: self.body_end]

    def line_col(self, offset: int) -> tuple[int, int]:
        """The 1-based line and column of ``offset``."""
        index = bisect_right(self._line_starts, offset) - 1
        return index + 1, offset - self._line_starts[index] + 1

    def span_line_cols(self, start: int, end: int) -> tuple[int, int, int, int]:
        """``line_col(start) + line_col(end)``, with one search when both are on one line."""
        starts = self._line_starts
        index = bisect_right(starts, start) - 1
        if index + 1 == len(starts) or end < starts[index + 1]:
            return index + 1, start - starts[index] + 1, index + 1, end - starts[index] + 1
        return (index + 1, start - starts[index] + 1, *self.line_col(end))

    def offset(self, line: int, column: int) -> int:
        """The offset of a 1-based ``line`` and ``column``."""
        return self._line_starts[line - 1] + column - 1

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its line break."""
        start = self._line_starts[line - 1]
        end = self._line_starts[line] if line < len(self._line_starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    @property
    def line_count(self) -> int:
        """How many lines the text has."""
        return len(self._line_starts)

    def heading_starts(self) -> list[int]:
        """Offsets of Markdown heading lines in the body."""
        return [start for start, _ in self.headings if start < self.body_end]


def _split_lines(text: str) -> tuple[list[int], list[str]]:
    """Line start offsets and line texts; ``\r\n``, ``\r`` and ``\n`` all end a line."""
    if "\r" not in text:
        lines = text.split("\n")
        starts = list(accumulate(map((1).__add__, map(len, lines[:-1])), initial=0))
        return starts, lines
    starts = [0]
    lines = []
    for m in _LINE_BREAK.finditer(text):
        lines.append(text[starts[-1] : m.start()])
        starts.append(m.end())
    lines.append(text[starts[-1] :])
    return starts, lines


def _find_reference_section(
    text: str, starts: list[int], lines: list[str], headings: tuple[tuple[int, int], ...]
) -> tuple[int, int | None, int | None]:
    """Locate the last reference heading and the section it opens."""
    for index in range(len(lines) - 1, -1, -1):
        line = lines[index]
        if len(line) > _LONGEST_HEADING or not line.strip():
            continue
        m = _REFERENCE_HEADING.fullmatch(line)
        if m is None:
            continue
        start = starts[index]
        end = len(text)
        if m.group("hashes"):
            level = m.group("hashes").count("#")
            end = next((h for h, lv in headings if h > start and lv <= level), len(text))
        return start, start + len(line), end
    return len(text), None, None
