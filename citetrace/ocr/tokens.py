"""Words of the prose, and the places where words must not be judged.

The text is split on white space and its pieces counted in C; each distinct
piece is split into words once, and everything else looks only at the few
places where a damaged word stands. A word broken at the end of a line (``Med-`` + ``vedev``, across
a page break) is joined again. Never judged: citations and the reference list
(the source rules judge them), directives, Markdown italics, code spans,
links, HTML comments, quotations and parentheticals written mostly in another
language, and words an editor marked ``[sic]``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator

TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_BROKEN_TAIL = re.compile(r"-[ \t]*(?:\r?\n|\r)(?:[ \t]*(?:\r?\n|\r))*[ \t]*([a-z][^\W\d_]*)")
_WORD_BEFORE = re.compile(r"[^\W\d_]{2,}$")
SIC = re.compile(r"[\s,.;:!?\"'”’)]*\[sic!?\]", re.IGNORECASE)
_WORD_CHARS = "'’"
_SPAN_LIMIT = 300


class Zones:
    """Sorted, merged ``[start, end)`` ranges of text to leave alone."""

    def __init__(self, ranges: Iterable[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for start, end in sorted(ranges):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self.starts = [s for s, _ in merged]
        self.ends = [e for _, e in merged]

    def __contains__(self, offset: int) -> bool:
        i = bisect_right(self.starts, offset) - 1
        return i >= 0 and offset < self.ends[i]

    def overlaps(self, start: int, end: int) -> bool:
        """Whether any range holds a character of ``[start, end)``."""
        i = bisect_right(self.starts, end - 1) - 1
        return i >= 0 and self.ends[i] > start


def broken_words(text: str, end: int) -> Iterator[tuple[int, int, str, int]]:
    """``(start, stop, joined, split)`` for each word split by a hyphen at a line end;
    ``joined[:split]`` stood before the hyphen."""
    at = text.find("-", 0, end)
    while at >= 0:
        tail = _BROKEN_TAIL.match(text, at, end)
        head = _WORD_BEFORE.search(text, max(0, at - 40), at) if tail else None
        if tail and head and (head.start() == 0 or not _is_word_char(text[head.start() - 1])):
            yield head.start(), tail.end(), head.group() + tail.group(1), len(head.group())
        at = text.find("-", at + 1, end)


def piece_offsets(
    text: str, end: int, pieces: Iterable[str], begin: int = 0
) -> Iterator[tuple[int, str]]:
    """``(start, piece)`` for ``pieces``, a sub-sequence of ``text[begin:end].split()``
    in order (``begin`` at a white space or at 0).

    One forward sweep locates them all, however many distinct pieces there are:
    each search starts where the previous piece ended.
    """
    at = begin
    for piece in pieces:
        size = len(piece)
        at = text.find(piece, at, end)
        while at >= 0 and not _stands_alone(text, at, at + size, end):
            at = text.find(piece, at + 1, end)
        if at < 0:
            return
        yield at, piece
        at += size


def _stands_alone(text: str, start: int, stop: int, end: int) -> bool:
    return (start == 0 or text[start - 1].isspace()) and (stop >= end or text[stop].isspace())


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch in _WORD_CHARS


def marked_sic(text: str, end: int) -> bool:
    """Whether the word ending at ``end`` is followed by ``[sic]``."""
    return SIC.match(text, end, end + 12) is not None


def in_foreign_or_code(text: str, pos: int, is_word: Callable[[str], bool]) -> bool:
    """Whether ``pos`` lies in italics, code, a comment, a link, or a gloss in another language.

    Only the line around ``pos`` is looked at, so the check costs the same
    whatever the size of the document. The line is cut at ``pos`` once, and
    each mark is counted only where it occurs at all.
    """
    window = 2000  # bounded, so that a long single line costs no more
    start = max(text.rfind("\n", max(0, pos - window), pos) + 1, pos - window, 0)
    stop = text.find("\n", pos, pos + window)
    stop = min(len(text), pos + window) if stop < 0 else stop
    before, after = text[start:pos], text[pos:stop]
    if "`" in before and before.count("`") % 2:
        return True  # a code span
    if "<" in before and before.rfind("<!--") > before.rfind("-->"):
        return True
    # "://", "@" or "](" in the run around pos; single characters are found fastest
    hint = "@" in before or "@" in after or "/" in before or "/" in after
    if (hint or "]" in before or "]" in after) and _in_link(before, after):
        return True
    for mark in ("*", "_"):
        if mark in after and mark in before and before.count(mark) % 2:
            return True  # italics: titles and foreign terms
    for opener, closer in (('"', '"'), ("“", "”"), ("«", "»"), ("(", ")")):
        if opener not in before:
            continue  # the usual case, decided without a search
        left = before.rfind(opener)
        if opener == closer:
            if not before.count(opener) % 2:
                continue
        elif before.find(closer, left + 1) >= 0:
            continue
        right = after.find(closer)
        if right < 0 or pos + right - (start + left) > _SPAN_LIMIT:
            continue
        if _mostly_foreign(text[start + left + 1 : pos + right], is_word):
            return True
    return False


_LINK_MARKS = ("://", "@", "](")


def _in_link(before: str, after: str) -> bool:
    """Whether the run of non-spaces around the cut between ``before`` and
    ``after`` is a link, an address or a Markdown link."""
    head = before[max(before.rfind(" "), before.rfind("\t")) + 1 :]
    end = after.find(" ")
    run = head + (after if end < 0 else after[:end])
    return any(mark in run for mark in _LINK_MARKS)


def _mostly_foreign(inner: str, is_word: Callable[[str], bool]) -> bool:
    words = [w for w in TOKEN.findall(inner) if len(w) > 2 and w.isalpha()]
    return bool(words) and sum(not is_word(w) for w in words) * 2 >= len(words)
