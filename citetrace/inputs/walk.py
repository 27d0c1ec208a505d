"""Finding the documents to audit under the paths a user names.

Directories are walked in sorted order without following symbolic links to
directories (so a link loop cannot trap the walk). Hidden files and folders
are skipped, and so is whatever a ``.gitignore`` or ``.citetraceignore`` on
the way down excludes (see :mod:`citetrace.inputs.ignore`). ``include`` and
``exclude`` are glob patterns on the path relative to the walked folder. A
path named explicitly is always audited.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path

from citetrace.inputs.ignore import IgnoreFile
from citetrace.inputs.load import InputError

TEXT_PATTERNS = ("*.txt", "*.md", "*.markdown", "*.text", "*.rst")
# Found by walking as well: files of the structured formats (XML only when it is
# JATS, TEI, hOCR or ALTO). HTML is audited when named, or with --include "*.html":
# a folder's web pages are more often pages about documents than documents.
DOCUMENT_PATTERNS = (*TEXT_PATTERNS, "*.nxml", "*.tei", "*.hocr", "*.docx", "*.pdf", "*.xml")
DEFAULT_EXCLUDE = ("README.md",)
IGNORE_FILES = (".gitignore", ".citetraceignore")


@dataclass(frozen=True, slots=True)
class Entry:
    """A document to audit (with its size in bytes), or a path that yields none."""

    path: str
    size: int = 0
    error: InputError | None = None


def _matches(relative: str, patterns: Iterable[str]) -> bool:
    name = relative.rsplit("/", 1)[-1]
    return any(fnmatch(relative, p) or fnmatch(name, p) for p in patterns)


def discover(
    paths: Iterable[str],
    include: tuple[str, ...] = (),
    exclude: tuple[str, ...] = (),
) -> Iterator[Entry]:
    """Every document under ``paths``, in a stable order."""
    for raw in paths:
        try:
            info = os.stat(raw)
        except OSError:
            yield Entry(raw)  # reading it will say what is wrong
            continue
        if not stat.S_ISDIR(info.st_mode):
            yield Entry(raw, info.st_size)
            continue
        found = 0
        for entry in _walk(raw, include, exclude or DEFAULT_EXCLUDE):
            found += entry.error is None
            yield entry
        if not found:
            kinds = ", ".join(p.lstrip("*") for p in DOCUMENT_PATTERNS)
            yield Entry(raw, error=InputError(raw, f"directory holds no documents ({kinds})"))


def _walk(top: str, include: tuple[str, ...], exclude: tuple[str, ...]) -> Iterator[Entry]:
    specs: list[tuple[str, IgnoreFile]] = []
    errors: list[OSError] = []
    for folder, dirs, files in os.walk(top, onerror=errors.append, followlinks=False):
        while errors:
            failure = errors.pop(0)
            where = failure.filename or folder
            yield Entry(
                str(where), error=InputError(str(where), failure.strerror or "cannot be listed")
            )
        relative_folder = Path(os.path.relpath(folder, top)).as_posix()
        specs = [(base, spec) for base, spec in specs if _within(relative_folder, base)]
        for name in IGNORE_FILES:
            if name in files:
                spec = _read_spec(os.path.join(folder, name))
                if spec is not None:
                    specs.append((relative_folder, spec))
        dirs[:] = sorted(
            d
            for d in dirs
            if not d.startswith(".") and not _ignored(_join(relative_folder, d) + "/", specs)
        )
        for name in sorted(files):
            relative = _join(relative_folder, name)
            if name.startswith(".") or _ignored(relative, specs):
                continue
            if not _matches(relative, include or DOCUMENT_PATTERNS) or _matches(relative, exclude):
                continue
            path = os.path.join(folder, name)
            try:
                info = os.stat(path)
            except OSError:
                continue  # a dangling link or a loop: nothing to read
            if stat.S_ISREG(info.st_mode) and (include or _readable(path, name)):
                yield Entry(path, info.st_size)
    while errors:
        failure = errors.pop(0)
        where = str(failure.filename or top)
        yield Entry(where, error=InputError(where, failure.strerror or "cannot be listed"))


def _readable(path: str, name: str) -> bool:
    """A walked file worth reading: any but XML of a kind no reader takes (``pom.xml``)."""
    if not name.lower().endswith(".xml"):
        return True
    from citetrace.inputs.formats import format_of

    try:
        with open(path, "rb") as handle:
            head = handle.read(65536)
        return format_of(path, head) != "text"
    except (OSError, InputError):
        return False


def _join(folder: str, name: str) -> str:
    return name if folder == "." else f"{folder}/{name}"


def _within(folder: str, base: str) -> bool:
    return base == "." or folder == base or folder.startswith(base + "/")


def _ignored(relative: str, specs: list[tuple[str, IgnoreFile]]) -> bool:
    for base, spec in specs:
        local = relative if base == "." else relative[len(base) + 1 :]
        if spec.match_file(local):
            return True
    return False


def _read_spec(path: str) -> IgnoreFile | None:
    try:
        with open(path, encoding="utf-8") as handle:
            return IgnoreFile.from_lines(handle)
    except (OSError, UnicodeDecodeError):
        return None
