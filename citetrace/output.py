"""Output: JSON text, and files written atomically, never over an input."""

from __future__ import annotations

import contextlib
import json
import os
import stat
from collections.abc import Iterable
from pathlib import Path
from typing import Any


def dumps(data: Any, indent: bool = False) -> str:
    """``data`` as JSON text, by orjson (an order of magnitude faster than the
    standard encoder, which matters for reports of many megabytes); text that
    orjson refuses (lone surrogates from an odd decoder) goes to the standard
    encoder instead."""
    import orjson

    try:
        return orjson.dumps(data, option=orjson.OPT_INDENT_2 if indent else 0).decode()
    except (TypeError, orjson.JSONEncodeError):
        return displayable(json.dumps(data, ensure_ascii=False, indent=2 if indent else None))


class OutputError(Exception):
    """An output that cannot be written; the message is one line for the user."""


def _mode_for(target: Path) -> int:
    """The existing file's permissions, or what a new file would get under the umask."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def overwrites_input(path: str, inputs: Iterable[str]) -> bool:
    """Whether ``path`` is one of the files ``inputs`` name, through links too.

    Files are compared by device and inode, one ``stat`` each; a path where
    nothing exists yet is no input.
    """
    try:
        target = os.stat(path)
    except OSError:
        return False
    for source in inputs:
        try:
            if os.path.samestat(os.stat(source), target):
                return True
        except OSError:
            continue
    return False


def write_atomic(path: str, content: str | Iterable[str], inputs: Iterable[str] = ()) -> None:
    """Write ``content`` (text, or pieces of it) to ``path`` via a temporary file and
    a rename.

    Refuses to write over one of ``inputs``, so an audit never replaces the
    document it read. Only a regular file is replaced by a rename: a symbolic
    link is written through (its target replaced, the link kept), and a device
    or a pipe (``/dev/null``, a FIFO) is written to directly.
    """
    if overwrites_input(path, inputs):
        raise OutputError(f"{path}: refusing to overwrite an input file")
    if path.endswith(os.sep) or os.path.isdir(path):
        raise OutputError(f"{path}: is a directory; name a file")
    if os.path.islink(path):
        path = os.path.realpath(path)  # the link stays; its target gets the content
    try:
        info = os.stat(path)
    except OSError:
        info = None
    if info is not None and not stat.S_ISREG(info.st_mode):
        _write_directly(path, content)
        return
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise OutputError(f"{path}: directory {directory} does not exist")
    import tempfile  # only when a file is written: it costs a report to stdout 5-9 ms

    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise OutputError(f"{path}: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            for piece in _pieces(content):
                handle.write(displayable(piece))
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, _mode_for(target))
        if info is not None:
            _keep_owner(tmp, info)
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"{path}: {exc.strerror}") from None


def displayable(text: str) -> str:
    """``text`` as UTF-8 can hold it: a file name that was not valid UTF-8
    carries lone surrogates, shown as U+FFFD."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return text


def _pieces(content: str | Iterable[str]) -> Iterable[str]:
    return (content,) if isinstance(content, str) else content


def _write_directly(path: str, content: str | Iterable[str]) -> None:
    """A device or a pipe: no temporary file can stand in for it."""
    try:
        with open(path, "w", encoding="utf-8", newline="") as handle:
            for piece in _pieces(content):
                handle.write(displayable(piece))
    except OSError as exc:
        raise OutputError(f"{path}: {exc.strerror}") from None


def _keep_owner(tmp: str, info: os.stat_result) -> None:
    """Give the new file the owner and group of the one it replaces, where allowed."""
    if (info.st_uid, info.st_gid) == (os.geteuid(), os.getegid()):
        return
    with contextlib.suppress(PermissionError):  # a user who is not root keeps what it can
        os.chown(tmp, info.st_uid, info.st_gid)
