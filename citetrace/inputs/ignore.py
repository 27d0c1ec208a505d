"""Gitignore rules, matched without regular-expression backtracking.

``.gitignore`` and ``.citetraceignore`` files are read with the precedence
``pathspec``'s ``GitIgnoreSpec`` gives their rules (the last rule that matches
wins), but each pattern is split at its stars and matched piece by piece, so
that no pattern, however many stars it holds (``*a*a*a*a*a*a*b``), can make a
walk take exponential time: matching a path takes time bounded by the path's
length times the pattern's. A line that cannot be read as a pattern is
skipped, as git skips it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Glob:
    """A glob for one path segment, split at its stars into fixed-width pieces.

    Matching takes the first piece at the start, the last at the end and every
    other piece at its leftmost place after the one before: the classic glob
    algorithm, which never backtracks (a regular expression for ``*a*a*a*b``
    does, exponentially).
    """

    pieces: tuple[re.Pattern[str], ...]
    widths: tuple[int, ...]

    def matches(self, name: str) -> bool:
        """Whether ``name`` (one segment, no slash) matches the glob."""
        if len(self.pieces) == 1:
            return self.widths[0] == len(name) and self.pieces[0].match(name) is not None
        lo, hi = self.widths[0], len(name) - self.widths[-1]
        if hi < lo or not self.pieces[0].match(name) or not self.pieces[-1].match(name, hi):
            return False
        for piece in self.pieces[1:-1]:
            found = piece.search(name, lo, hi)
            if found is None:
                return False
            lo = found.end()
        return True


class PatternError(ValueError):
    """A gitignore line that cannot be read as a pattern: it is skipped, as git skips it."""


def _glob(segment: str) -> Glob:
    """The glob of one pattern segment, bracket expressions read as ``pathspec`` reads them."""
    pieces: list[list[str]] = [[]]
    i = 0
    while i < len(segment):
        char, i = segment[i], i + 1
        if char == "*":
            pieces.append([])
        elif char == "?":
            pieces[-1].append("[^/]")
        elif char == "[":
            expression, i = _bracket(segment, i)
            pieces[-1].append(expression)
        elif char == "\\":
            if i == len(segment):
                raise PatternError("escape at the end of the pattern")
            pieces[-1].append(re.escape(segment[i]))
            i += 1
        else:
            pieces[-1].append(re.escape(char))
    if len(pieces) > 2:
        pieces = [pieces[0], *(p for p in pieces[1:-1] if p), pieces[-1]]
    try:
        return Glob(tuple(re.compile("".join(p)) for p in pieces), tuple(len(p) for p in pieces))
    except re.error as exc:
        raise PatternError(str(exc)) from None


def _bracket(segment: str, i: int) -> tuple[str, int]:
    """The character class opening just before ``i``, and where it ends."""
    j = i
    if j < len(segment) and segment[j] in "!^":
        j += 1
    if j < len(segment) and segment[j] == "]":
        j += 1
    j = segment.find("]", j)
    if j < 0:
        raise PatternError("unclosed bracket expression")
    negate = segment[i] in "!^"
    body = segment[i + negate : j + 1].replace("\\", "\\\\")
    return "[" + "^" * negate + body, j + 1


_ANY, _STAR = "**", "*"


@dataclass(frozen=True, slots=True)
class Rule:
    """One gitignore line: runs of segment globs between ``**`` segments.

    ``blocks[0]`` is empty when the rule may start at any depth, ``blocks[-1]``
    when it ends with ``**`` (everything below what it names).
    """

    ignore: bool
    directory: bool
    blocks: tuple[tuple[Glob, ...], ...]
    everything: bool = False

    def priority(self, parts: list[str]) -> int:
        """2 if the rule names the path itself, 1 if a folder holding it, else 0.

        ``parts`` are the path split at its slashes; a folder's path ends in a
        slash, so its last part is empty.
        """
        n, blocks = len(parts), self.blocks
        if self.everything and not self.directory:
            return 2
        if self.everything:
            return 1 if n > 1 else 0
        if len(blocks) == 1:
            if not _block_at(blocks[0], parts, 0):
                return 0
            return 2 if len(blocks[0]) == n else 1
        pos = len(blocks[0])
        if blocks[0] and not _block_at(blocks[0], parts, 0):
            return 0
        for block in blocks[1:-1]:
            found = _leftmost(block, parts, pos)
            if found is None:
                return 0
            pos = found + len(block)
        if not blocks[-1]:
            if pos >= n:
                return 0
            return 1 if self.directory else 2
        return _final_priority(blocks[-1], parts, pos)


def _block_at(block: tuple[Glob, ...], parts: list[str], at: int) -> bool:
    if at + len(block) > len(parts):
        return False
    return all(glob.matches(parts[at + k]) for k, glob in enumerate(block))


def _leftmost(block: tuple[Glob, ...], parts: list[str], pos: int) -> int | None:
    for at in range(pos, len(parts) - len(block) + 1):
        if _block_at(block, parts, at):
            return at
    return None


def _final_priority(last: tuple[Glob, ...], parts: list[str], pos: int) -> int:
    """How the last run of globs, free to start anywhere from ``pos``, names the path."""
    end = len(parts) - len(last)
    if end >= pos and _block_at(last, parts, end):
        return 2
    return 1 if any(_block_at(last, parts, at) for at in range(pos, end)) else 0


def _segments(pattern: str) -> tuple[list[str], bool]:
    """The segments of a pattern, normalised as ``pathspec`` normalises them."""
    segments = pattern.split("/")
    directory = not segments[-1]
    if not segments[0]:
        del segments[0]
    elif (len(segments) == 1 or (len(segments) == 2 and not segments[1])) and segments[0] != _ANY:
        segments.insert(0, _ANY)
    if not segments:
        raise PatternError("the pattern names no path")
    if not segments[-1]:
        segments[-1] = _ANY
    collapsed = segments[:1]
    for seg in segments[1:]:
        if not (seg == _ANY and collapsed[-1] == _ANY):
            collapsed.append(seg)
    return collapsed, directory


def parse_rule(line: str) -> Rule | None:
    """The rule of one gitignore line, or None for a blank line, a comment or a bad pattern."""
    pattern = line.rstrip("\r\n")
    if not pattern.endswith("\\ "):
        pattern = pattern.rstrip()
    if not pattern or pattern.startswith("#") or pattern == "/":
        return None
    ignore = not pattern.startswith("!")
    try:
        segments, directory = _segments(pattern if ignore else pattern[1:])
        if segments in ([_ANY], [_ANY, _STAR]):
            return Rule(ignore, directory, (), everything=True)
        blocks: list[list[Glob]] = [[]]
        for seg in segments:
            if seg == _ANY:
                blocks.append([])
            else:
                blocks[-1].append(_glob("?*" if seg == _STAR else seg))
    except PatternError:
        return None
    return Rule(ignore, directory, tuple(tuple(block) for block in blocks))


@dataclass(frozen=True, slots=True)
class IgnoreFile:
    """The rules of one ignore file.

    The last rule naming a path itself decides, else the last rule naming a
    folder that holds it: git's precedence, as ``pathspec.GitIgnoreSpec`` has it.
    """

    rules: tuple[Rule, ...]

    @classmethod
    def from_lines(cls, lines: Iterable[str]) -> IgnoreFile:
        """The rules of the lines of an ignore file."""
        return cls(tuple(rule for line in lines if (rule := parse_rule(line)) is not None))

    def match_file(self, path: str) -> bool:
        """Whether ``path`` (relative, a folder ending in ``/``) is ignored."""
        parts = path.split("/")
        decided, best = False, 0
        for rule in reversed(self.rules):
            priority = rule.priority(parts)
            if priority > best:
                decided, best = rule.ignore, priority
            if priority == 2:
                break
        return decided
