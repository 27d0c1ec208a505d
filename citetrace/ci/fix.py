"""Applying fixes: only inside the spans rules point at, and never losing a byte.

Fixes are applied in passes: each pass audits the text, applies every
selected fix that does not overlap another, and audits again, until nothing
is left to apply. So a citation that needs two fixes (its source name and its
layout) gets both, and running ``fix`` on its own output changes nothing.
"""

from __future__ import annotations

import difflib
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from citetrace.audit import audit_text
from citetrace.config import Config
from citetrace.inputs.formats import format_of
from citetrace.inputs.load import InputError, decode_with_encoding, read_bytes
from citetrace.model import Finding, Fix

MAX_PASSES = 10


class FixError(Exception):
    """A fix that cannot be written; the message is one line for the user."""


@dataclass
class FixResult:
    """What fixing one text did."""

    original: str
    fixed: str
    applied: list[Finding] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.original != self.fixed


def selected(finding: Finding, unsafe: bool) -> Fix | None:
    """The fix of ``finding`` if it may be applied."""
    fix = finding.fix
    if fix is None or not (fix.safe or unsafe):
        return None
    return fix


def fix_text(
    text: str, path: str = "<text>", config: Config | None = None, unsafe: bool = False
) -> FixResult:
    """Apply fixes to ``text`` until none is left."""
    result = FixResult(text, text)
    for _ in range(MAX_PASSES):
        report = audit_text(result.fixed, path, config)
        chosen: list[tuple[Fix, Finding]] = []
        taken_until = -1
        candidates = sorted(
            ((fx, f) for f in report.findings if (fx := selected(f, unsafe)) is not None),
            key=lambda pair: (pair[0].start, pair[0].end - pair[0].start),
        )
        for fx, finding in candidates:
            if fx.start < taken_until or result.fixed[fx.start : fx.end] == fx.replacement:
                continue
            chosen.append((fx, finding))
            taken_until = fx.end
        if not chosen:
            break
        pieces: list[str] = []
        done = 0
        for fx, _ in chosen:
            pieces += (result.fixed[done : fx.start], fx.replacement)
            done = fx.end
        pieces.append(result.fixed[done:])
        result.fixed = "".join(pieces)
        result.applied.extend(finding for _, finding in chosen)
    return result


def unified_diff(path: str, result: FixResult) -> str:
    """A unified diff from the original to the fixed text.

    Fixes replace spans within lines, so when both texts have as many lines
    they are compared line by line, in linear time, giving the hunks difflib
    gives (3 lines of context); otherwise difflib aligns them.
    """
    old = result.original.splitlines(keepends=True)
    new = result.fixed.splitlines(keepends=True)
    if len(old) != len(new):
        return "".join(difflib.unified_diff(old, new, fromfile=f"a/{path}", tofile=f"b/{path}"))
    changed = [k for k, (before, after) in enumerate(zip(old, new, strict=True)) if before != after]
    if not changed:
        return ""
    context = 3
    out = [f"--- a/{path}\n", f"+++ b/{path}\n"]
    for first, last in _hunk_spans(changed, context):
        start, stop = max(first - context, 0), min(last + 1 + context, len(old))
        out.append(f"@@ -{_hunk_range(start, stop)} +{_hunk_range(start, stop)} @@\n")
        out += _hunk_lines(old, new, start, stop)
    return "".join(out)


WORD_CONTEXT = 40  # characters shown either side of a change in a word diff


def word_diff(path: str, result: FixResult) -> str:
    """Each change as ``path:line: …before [-old-]{+new+} after…``: the words that
    change with a little context, not the whole line a paragraph may fill (for a
    person at a terminal; ``unified_diff`` is the patch)."""
    old = result.original.splitlines()
    new = result.fixed.splitlines()
    if len(old) != len(new):
        return unified_diff(path, result)
    out = []
    for number, (before, after) in enumerate(zip(old, new, strict=True), 1):
        if before != after:
            out += (f"{path}:{number}: {change}\n" for change in _word_changes(before, after))
    return "".join(out)


_WORDS = re.compile(r"\s+|[^\s]+")


def _word_changes(before: str, after: str) -> list[str]:
    """The changed words of one line, each with up to ``WORD_CONTEXT`` characters
    of the line around it."""
    a, b = _WORDS.findall(before), _WORDS.findall(after)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    changes = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        lead = "".join(a[:i1])
        trail = "".join(a[i2:])
        lead = ("…" + lead[-WORD_CONTEXT:]) if len(lead) > WORD_CONTEXT else lead
        trail = (trail[:WORD_CONTEXT] + "…") if len(trail) > WORD_CONTEXT else trail
        gone, came = "".join(a[i1:i2]), "".join(b[j1:j2])
        marks = (f"[-{gone}-]" if gone else "") + (f"{{+{came}+}}" if came else "")
        changes.append(f"{lead}{marks}{trail}")
    return changes


def _hunk_spans(changed: list[int], context: int) -> list[tuple[int, int]]:
    """The first and last changed line of each hunk.

    As in difflib, changes with at most ``2 * context`` unchanged lines between
    them share a hunk.
    """
    spans = [(changed[0], changed[0])]
    for k in changed[1:]:
        first, last = spans[-1]
        if k - last - 1 > 2 * context:
            spans.append((k, k))
        else:
            spans[-1] = (first, k)
    return spans


def _hunk_range(start: int, stop: int) -> str:
    """The ``l,n`` of a hunk header for the lines ``start:stop`` (``l`` alone when n is 1)."""
    return f"{start + 1}" if stop - start == 1 else f"{start + 1},{stop - start}"


def _hunk_lines(old: list[str], new: list[str], start: int, stop: int) -> list[str]:
    """The lines of one hunk: context as is, each run of changed lines removed then added."""
    out: list[str] = []
    k = start
    while k < stop:
        if old[k] == new[k]:
            out.append(" " + old[k])
            k += 1
            continue
        end = k
        while end < stop and old[end] != new[end]:
            end += 1
        out += ["-" + line for line in old[k:end]]
        out += ["+" + line for line in new[k:end]]
        k = end
    return out


@dataclass
class FileFix:
    """A file read for fixing: enough to write it back exactly as it was encoded."""

    path: str
    data: bytes
    encoding: str
    bom: bytes
    result: FixResult


def fix_file(path: str, config: Config | None, unsafe: bool, encoding: str | None) -> FileFix:
    """Read ``path`` and compute its fixes, changing nothing on disk."""
    data = read_bytes(path)
    kind = format_of(path, data)
    if kind != "text":
        raise FixError(
            f"{path}: fix rewrites plain-text documents only, and this is {kind.upper()}; "
            "nothing written"
        )
    text, used, bom = decode_with_encoding(data, path, encoding)
    return FileFix(path, data, used, bom, fix_text(text, path, config, unsafe))


def payload(fixed: FileFix) -> bytes:
    """The bytes to write: the original bytes around the fixed spans.

    The file is encoded back only when its text encodes to exactly the bytes
    that were read (so no BOM is added, no byte outside a fix changes); the
    bytes before the first change and after the last are checked too.
    """
    encoding, original, new = fixed.encoding, fixed.result.original, fixed.result.fixed
    try:
        if fixed.bom + original.encode(encoding) != fixed.data:
            raise FixError(
                f"{fixed.path}: reading it as {encoding} and writing it back would change "
                "bytes outside the fixes; nothing written"
            )
        data = fixed.bom + new.encode(encoding)
    except UnicodeEncodeError as exc:
        raise FixError(
            f"{fixed.path}: the fix cannot be encoded in {encoding} ({exc.reason})"
        ) from None
    except LookupError:
        raise FixError(f"{fixed.path}: unknown encoding {encoding}") from None
    head = _shared_head(original, new)
    tail = _shared_head(original[head:][::-1], new[head:][::-1])
    before = len(fixed.bom + original[:head].encode(encoding))
    after = len(original[len(original) - tail :].encode(encoding)) if tail else 0
    if data[:before] != fixed.data[:before] or (
        after and data[len(data) - after :] != fixed.data[len(fixed.data) - after :]
    ):
        raise FixError(
            f"{fixed.path}: {encoding} would change bytes outside the fixes; nothing written"
        )
    return data


def _shared_head(a: str, b: str) -> int:
    """How many leading characters ``a`` and ``b`` share (slices compared in C)."""
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[:mid] == b[:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def write_fixed(fixed: FileFix, force: bool = False) -> None:
    """Replace the file atomically, unless it changed on disk since it was read.

    A symbolic link is followed: its target is fixed and the link kept. The
    owner, group and mode stay. A read-only file, or one with other hard links
    (which a replacement would split from it), is left alone unless ``force``;
    forced, a hard-linked file is rewritten in place so that every link sees
    the fix.
    """
    data = payload(fixed)
    target = Path(os.path.realpath(fixed.path))
    try:
        if read_bytes(target) != fixed.data:
            raise FixError(f"{fixed.path}: changed on disk since it was read; not overwritten")
        info = target.stat()
    except InputError as exc:
        raise FixError(str(exc)) from None
    if not info.st_mode & 0o222 and not force:
        raise FixError(f"{fixed.path}: read-only; not changed (--force to fix it anyway)")
    if info.st_nlink > 1:
        if not force:
            raise FixError(
                f"{fixed.path}: has {info.st_nlink - 1} other hard link(s) that a new file "
                "would split from it; not changed (--force rewrites it in place)"
            )
        _write_in_place(target, data, fixed.path)
        return
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise FixError(f"{fixed.path}: cannot write beside it ({exc.strerror})") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, info.st_mode & 0o7777)
        if (info.st_uid, info.st_gid) != (os.geteuid(), os.getegid()):
            os.chown(tmp, info.st_uid, info.st_gid)
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise FixError(f"{fixed.path}: {exc.strerror}; not changed") from None


def _write_in_place(target: Path, data: bytes, shown: str) -> None:
    try:
        with open(target, "r+b") as handle:
            handle.write(data)
            handle.truncate()
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as exc:
        raise FixError(f"{shown}: {exc.strerror}") from None
