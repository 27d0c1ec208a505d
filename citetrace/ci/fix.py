"""Applying fixes: only inside the spans rules point at, and never losing a byte.

Fixes are applied in passes: each pass audits the text, applies every
selected fix that does not overlap another, and audits again, until nothing
is left to apply. So a citation that needs two fixes (its source name and its
layout) gets both, and running ``fix`` on its own output changes nothing.
"""

from __future__ import annotations

import difflib
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from citetrace.audit import audit_text
from citetrace.config import Config
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
        fixed = result.fixed
        for fx, _ in reversed(chosen):
            fixed = fixed[: fx.start] + fx.replacement + fixed[fx.end :]
        result.fixed = fixed
        result.applied.extend(finding for _, finding in chosen)
    return result


def unified_diff(path: str, result: FixResult) -> str:
    """A unified diff from the original to the fixed text."""
    return "".join(
        difflib.unified_diff(
            result.original.splitlines(keepends=True),
            result.fixed.splitlines(keepends=True),
            fromfile=f"a/{path}",
            tofile=f"b/{path}",
        )
    )


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
    text, used, bom = decode_with_encoding(data, path, encoding)
    return FileFix(path, data, used, bom, fix_text(text, path, config, unsafe))


def write_fixed(fixed: FileFix) -> None:
    """Replace the file atomically, unless it changed on disk since it was read."""
    try:
        payload = fixed.bom + fixed.result.fixed.encode(fixed.encoding)
    except UnicodeEncodeError as exc:
        raise FixError(
            f"{fixed.path}: the fix cannot be encoded in {fixed.encoding} ({exc.reason})"
        ) from None
    target = Path(fixed.path)
    try:
        if read_bytes(target) != fixed.data:
            raise FixError(f"{fixed.path}: changed on disk since it was read; not overwritten")
    except InputError as exc:
        raise FixError(str(exc)) from None
    mode = target.stat().st_mode & 0o7777
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise FixError(f"{fixed.path}: {exc.strerror}") from None
